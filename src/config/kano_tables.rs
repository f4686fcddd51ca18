//! The `[kano]` section: the tie window, the user's own evaluation tables
//! (`[[kano.tables]]`, each a name, a citation and 5×5 category letters) and
//! the table the Kano screen starts with. Every bad value is reported with the
//! file, line and column where it is written.

use crate::domain::file_problem::FileProblem;
use crate::domain::kano::{
    Category, Cells, EvaluationTable, EvaluationTables, KanoSettings, check_shape, check_text,
    parse_cell,
};
use serde::Deserialize;
use std::ops::Range;
use toml::Spanned;

/// The `[kano]` section as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct KanoSpec {
    pub(super) tie_window: Option<f64>,
    table: Option<Spanned<String>>,
    #[serde(default)]
    tables: Vec<TableSpec>,
}

/// One `[[kano.tables]]` entry as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TableSpec {
    name: Spanned<String>,
    citation: Spanned<String>,
    rows: WrittenRows,
}

/// Rows of letters, each with its place in the file.
type WrittenRows = Spanned<Vec<Spanned<Vec<Spanned<String>>>>>;

/// A config file's `[kano]` section with the file it came from, so that a
/// problem can name its place.
pub(super) struct KanoSource<'a> {
    pub(super) spec: KanoSpec,
    pub(super) path: &'a str,
    pub(super) text: &'a str,
}

/// The Kano settings in effect: the analysis the screen starts with and every
/// table the user can switch to.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct KanoConfig {
    pub settings: KanoSettings,
    /// Berger, then the user's tables in the order they are written.
    pub tables: EvaluationTables,
}

impl KanoSource<'_> {
    fn problem<T>(&self, at: &Spanned<T>, message: impl Into<String>) -> FileProblem {
        FileProblem::at(self.path, self.text, at.span(), message)
    }

    /// Checks and adds this file's tables to `tables`.
    fn add_tables(&self, tables: &mut EvaluationTables) -> Result<(), FileProblem> {
        for spec in &self.spec.tables {
            let name = spec.name.get_ref();
            check_text("name", name).map_err(|m| self.problem(&spec.name, m))?;
            let within = |m: String| format!("[[kano.tables]] '{}': {m}", name.trim());
            tables
                .check_new_name(name)
                .map_err(|m| self.problem(&spec.name, within(m)))?;
            check_text("citation", spec.citation.get_ref())
                .map_err(|m| self.problem(&spec.citation, within(m)))?;
            let cells = Self::cells(&spec.rows)
                .map_err(|(place, m)| FileProblem::at(self.path, self.text, place, within(m)))?;
            tables.push(EvaluationTable::new(name, spec.citation.get_ref(), cells));
        }
        Ok(())
    }

    /// The 5×5 cells, or the place and the reason they are not a table.
    fn cells(rows: &WrittenRows) -> Result<Cells, (Range<usize>, String)> {
        let lengths: Vec<usize> = rows.get_ref().iter().map(|r| r.get_ref().len()).collect();
        if let Err(message) = check_shape(&lengths) {
            // The row that is too short or long, or all of them.
            let place = rows
                .get_ref()
                .iter()
                .find(|r| lengths.len() == 5 && r.get_ref().len() != 5)
                .map_or(rows.span(), |r| r.span());
            return Err((place, message));
        }
        let mut cells = [[Category::Indifferent; 5]; 5];
        for (row, written) in cells.iter_mut().zip(rows.get_ref()) {
            for (cell, letter) in row.iter_mut().zip(written.get_ref()) {
                *cell = parse_cell(letter.get_ref()).map_err(|m| (letter.span(), m))?;
            }
        }
        Ok(cells)
    }
}

/// The `[kano]` settings: the defaults overlaid by the user's file. The
/// chosen `table` must be Berger or one of the user's tables; a config still
/// naming the removed "pouliot" built-in is told how to define it by hand.
pub(super) fn resolve(defaults: KanoSource, user: KanoSource) -> Result<KanoConfig, FileProblem> {
    let mut tables = EvaluationTables::default();
    defaults.add_tables(&mut tables)?;
    user.add_tables(&mut tables)?;
    let table = match [&user, &defaults]
        .into_iter()
        .find_map(|source| source.spec.table.as_ref().map(|name| (source, name)))
    {
        Some((source, name)) => tables
            .find(name.get_ref())
            .map_err(|m| source.problem(name, format!("[kano] table: {m}")))?
            .clone(),
        None => EvaluationTable::berger(),
    };
    Ok(KanoConfig {
        settings: KanoSettings {
            tie_window: user
                .spec
                .tie_window
                .or(defaults.spec.tie_window)
                .unwrap_or(0.0),
            table,
        },
        tables,
    })
}

#[cfg(test)]
mod tests {
    use crate::config::{Config, ConfigError};
    use crate::domain::kano::{Answer, Category};

    const ROWS: &str = r#"rows = [["Q","A","A","A","O"], ["Q","Q","I","I","M"], ["R","I","I","I","M"], ["R","I","I","I","M"], ["R","R","R","R","Q"]]"#;

    fn table(name: &str, citation: &str, rows: &str) -> String {
        format!("[[kano.tables]]\nname = \"{name}\"\ncitation = \"{citation}\"\n{rows}\n")
    }

    fn load(user: &str) -> Result<Config, ConfigError> {
        Config::from_sources(Some(("user.toml", user)), true)
    }

    /// The refusal of `user`: its line, its column and its message.
    fn refusal(user: &str) -> (usize, usize, String) {
        let err = load(user).unwrap_err();
        assert_eq!(err.path, "user.toml");
        (
            err.line.expect("a line"),
            err.column.expect("a column"),
            err.message,
        )
    }

    #[test]
    fn without_a_user_file_berger_is_the_only_table() {
        let config = Config::defaults(true);
        assert_eq!(config.kano.settings.table.name(), "Berger");
        assert_eq!(config.kano.tables.names(), "Berger");
    }

    #[test]
    fn a_user_table_loads_and_can_be_the_starting_one() {
        let user = format!(
            "[kano]\ntable = \"strict\"\n\n{}",
            table("Strict", "Me (2026), Notes, p. 4", ROWS)
        );
        let config = load(&user).unwrap();
        assert_eq!(config.kano.tables.names(), "Berger, Strict");
        let chosen = &config.kano.settings.table;
        assert_eq!(chosen.name(), "Strict");
        assert_eq!(chosen.citation(), "Me (2026), Notes, p. 4");
        assert_eq!(
            chosen.classify(Answer::Expect, Answer::Like),
            Category::Questionable
        );
        // Without `table`, the screen starts with Berger.
        let config = load(&table("Strict", "Me", ROWS)).unwrap();
        assert_eq!(config.kano.settings.table.name(), "Berger");
    }

    #[test]
    fn each_kind_of_bad_table_is_refused_at_its_place() {
        // A letter that is no category: the cell itself.
        let bad_letter = table(
            "T",
            "C",
            &ROWS.replace(
                r#"["R","I","I","I","M"], ["R","R""#,
                r#"["R","I","X","I","M"], ["R","R""#,
            ),
        );
        let (line, column, message) = refusal(&bad_letter);
        assert_eq!(line, 4);
        assert_eq!(
            &bad_letter.lines().nth(3).unwrap()[column - 1..column + 2],
            "\"X\""
        );
        assert!(
            message.starts_with("[[kano.tables]] 'T': 'X' is not a Kano category"),
            "{message}"
        );

        // Four rows: the rows.
        let four = table(
            "T",
            "C",
            r#"rows = [["Q","A","A","A","O"], ["R","I","I","I","M"], ["R","I","I","I","M"], ["R","R","R","R","Q"]]"#,
        );
        let (line, column, message) = refusal(&four);
        assert_eq!((line, column), (4, 8));
        assert!(
            message.contains("needs 5 rows") && message.ends_with("not 4"),
            "{message}"
        );

        // A short row: that row.
        let short = table(
            "T",
            "C",
            &ROWS.replace(r#"["Q","Q","I","I","M"]"#, r#"["Q","Q","I","I"]"#),
        );
        let (line, column, message) = refusal(&short);
        assert_eq!(line, 4);
        assert!(short.lines().nth(3).unwrap()[column - 1..].starts_with(r#"["Q","Q","I","I"]"#));
        assert!(
            message.contains("row 2 (i expect it) needs 5 letters"),
            "{message}"
        );

        // A blank name or citation.
        let (line, column, message) = refusal(&table(" ", "C", ROWS));
        assert_eq!((line, column), (2, 8));
        assert!(message.contains("name must not be empty"), "{message}");
        let (line, _, message) = refusal(&table("T", "", ROWS));
        assert_eq!(line, 3);
        assert!(
            message.contains("'T': a Kano table's citation must not be empty"),
            "{message}"
        );

        // A name used twice (Berger's included, ignoring case): the second.
        let twice = format!("{}\n{}", table("T", "C", ROWS), table("t", "D", ROWS));
        let (line, column, message) = refusal(&twice);
        assert_eq!((line, column), (7, 8));
        assert!(
            message.contains("named 'T' is already defined"),
            "{message}"
        );
        let (_, _, message) = refusal(&table("BERGER", "C", ROWS));
        assert!(message.contains("'Berger' is already defined"), "{message}");

        // A missing field or an unknown one: the parser's place.
        let (line, _, message) = refusal("[[kano.tables]]\nname = \"T\"\nrows = []\n");
        assert_eq!(line, 1);
        assert!(message.contains("citation"), "{message}");
        let (line, _, message) = refusal(&format!("{}cites = 1\n", table("T", "C", ROWS)));
        assert_eq!(line, 5);
        assert!(message.contains("cites"), "{message}");
    }

    #[test]
    fn an_unknown_starting_table_lists_the_valid_ones() {
        let user = format!("{}\n[kano]\ntable = \"Nope\"\n", table("Mine", "C", ROWS));
        let (line, column, message) = refusal(&user);
        assert_eq!((line, column), (7, 9));
        assert_eq!(
            message,
            "[kano] table: unknown Kano evaluation table 'Nope': use one of Berger, Mine"
        );
    }

    #[test]
    fn a_config_still_naming_pouliot_is_told_how_to_define_it() {
        let (line, column, message) = refusal("[kano]\ntable = \"pouliot\"\n");
        assert_eq!((line, column), (2, 9));
        assert!(
            message.contains("removed because it could not be cited"),
            "{message}"
        );
        assert!(
            message.contains("[[kano.tables]]\nname = \"pouliot\""),
            "{message}"
        );
        // The example in the message is itself a valid table.
        let example = message
            .split_once("e.g.\n")
            .and_then(|(_, rest)| rest.split_once("\nand set"))
            .map(|(toml, _)| toml)
            .unwrap();
        let config = load(&format!("[kano]\ntable = \"pouliot\"\n\n{example}\n")).unwrap();
        assert_eq!(config.kano.settings.table.name(), "pouliot");
    }
}
