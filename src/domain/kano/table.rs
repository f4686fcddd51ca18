//! Kano evaluation tables as data: the built-in Berger et al. (1993) table,
//! tables a user defines (a name, a citation and 5×5 category letters), the
//! check that a user's rows are a proper table, and the set of tables a user
//! can choose from by name.

use super::{Answer, Category};

/// Rows are the functional answer, columns the dysfunctional answer, both in
/// [`Answer::ALL`] order.
pub type Cells = [[Category; 5]; 5];

/// The name of the built-in table.
pub const BERGER_NAME: &str = "Berger";

const BERGER_CITATION: &str = "Berger, C. et al. (1993), \"Kano's methods for understanding \
     customer-defined quality\", Center for Quality of Management Journal 2(4), 3–36";

/// Berger et al. (1993), after Kano et al. (1984).
const BERGER_CELLS: Cells = {
    use Category::{
        Attractive as A, Indifferent as I, MustBe as M, OneDimensional as O, Questionable as Q,
        Reverse as R,
    };
    [
        [Q, A, A, A, O],
        [R, I, I, I, M],
        [R, I, I, I, M],
        [R, I, I, I, M],
        [R, R, R, R, Q],
    ]
};

/// A named, cited table that classifies a functional/dysfunctional answer
/// pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvaluationTable {
    name: String,
    citation: String,
    cells: Cells,
}

impl Default for EvaluationTable {
    fn default() -> EvaluationTable {
        EvaluationTable::berger()
    }
}

impl EvaluationTable {
    /// The built-in table of Berger et al. (1993).
    pub fn berger() -> EvaluationTable {
        EvaluationTable {
            name: BERGER_NAME.to_string(),
            citation: BERGER_CITATION.to_string(),
            cells: BERGER_CELLS,
        }
    }

    /// A user's table. The caller checks that the name and citation are not
    /// blank (see [`check_text`]).
    pub fn new(name: &str, citation: &str, cells: Cells) -> EvaluationTable {
        EvaluationTable {
            name: name.trim().to_string(),
            citation: citation.trim().to_string(),
            cells,
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn citation(&self) -> &str {
        &self.citation
    }

    /// The category of one answer pair.
    pub fn classify(&self, functional: Answer, dysfunctional: Answer) -> Category {
        self.cells[functional.index()][dysfunctional.index()]
    }
}

/// A name or citation must say something: `field` names it in the message.
pub fn check_text(field: &str, text: &str) -> Result<(), String> {
    if text.trim().is_empty() {
        Err(format!("a Kano table's {field} must not be empty"))
    } else {
        Ok(())
    }
}

/// One cell's letter: A, O, M, I, R or Q (either case, spaces around ignored).
pub fn parse_cell(text: &str) -> Result<Category, String> {
    let letter = text.trim().to_uppercase();
    Category::PRIORITY
        .into_iter()
        .find(|c| letter == c.letter().to_string())
        .ok_or_else(|| format!("'{text}' is not a Kano category: use one of A O M I R Q"))
}

/// Checks the shape of a user's rows, given each row's length: 5 rows
/// (functional answer like, expect, neutral, tolerate, dislike) of 5 cells
/// (the dysfunctional answer in the same order). The message names the row
/// that is wrong.
pub fn check_shape(row_lengths: &[usize]) -> Result<(), String> {
    if row_lengths.len() != 5 {
        return Err(format!(
            "a Kano table needs 5 rows (functional answer like, expect, neutral, tolerate, \
             dislike), not {}",
            row_lengths.len()
        ));
    }
    for (&length, answer) in row_lengths.iter().zip(Answer::ALL) {
        if length != 5 {
            return Err(format!(
                "row {} ({}) needs 5 letters (dysfunctional answer like, expect, neutral, \
                 tolerate, dislike), not {}",
                answer.number(),
                answer.label().to_lowercase(),
                length
            ));
        }
    }
    Ok(())
}

/// Berger first, then the user's tables in the order they were defined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvaluationTables {
    tables: Vec<EvaluationTable>,
}

/// Berger alone.
impl Default for EvaluationTables {
    fn default() -> EvaluationTables {
        EvaluationTables {
            tables: vec![EvaluationTable::berger()],
        }
    }
}

impl EvaluationTables {
    pub fn all(&self) -> &[EvaluationTable] {
        &self.tables
    }

    /// The names, comma separated, for messages.
    pub fn names(&self) -> String {
        let names: Vec<&str> = self.tables.iter().map(|t| t.name()).collect();
        names.join(", ")
    }

    /// The table called `name`, ignoring case and surrounding spaces. The
    /// message of an unknown name lists the valid ones, and says what became
    /// of the removed Pouliot built-in.
    pub fn find(&self, name: &str) -> Result<&EvaluationTable, String> {
        let wanted = name.trim();
        if let Some(table) = self
            .tables
            .iter()
            .find(|t| t.name().eq_ignore_ascii_case(wanted))
        {
            return Ok(table);
        }
        let mut message = format!(
            "unknown Kano evaluation table '{name}': use one of {}",
            self.names()
        );
        if wanted.eq_ignore_ascii_case("pouliot") {
            message.push_str(". ");
            message.push_str(POULIOT_REMOVED);
        }
        Err(message)
    }

    /// Refuses a name that is already taken (ignoring case), Berger's
    /// included.
    pub fn check_new_name(&self, name: &str) -> Result<(), String> {
        match self.find(name) {
            Ok(taken) => Err(format!(
                "a Kano table named '{}' is already defined: each name must be unique",
                taken.name()
            )),
            Err(_) => Ok(()),
        }
    }

    /// Adds a user table after the others. The caller has checked its name
    /// with [`EvaluationTables::check_new_name`].
    pub fn push(&mut self, table: EvaluationTable) {
        self.tables.push(table);
    }

    /// The table after the one called `current`, wrapping round to Berger.
    pub fn after(&self, current: &str) -> &EvaluationTable {
        let position = self
            .tables
            .iter()
            .position(|t| t.name() == current)
            .map_or(0, |i| (i + 1) % self.tables.len());
        &self.tables[position]
    }
}

/// Why "pouliot" is no longer a table name, and how to get the table back.
pub const POULIOT_REMOVED: &str = "The built-in \"pouliot\" table was removed because it could \
     not be cited: it was an unverified reconstruction, not a published table. To use a table \
     of your own, define it with its source in the config file, e.g.\n\
     [[kano.tables]]\n\
     name = \"pouliot\"\n\
     citation = \"Author (year), Title, page\"\n\
     # rows: functional answer like, expect, neutral, tolerate, dislike; columns: the \
     dysfunctional answer in the same order (these are Berger's: change the cells your \
     source gives)\n\
     rows = [[\"Q\",\"A\",\"A\",\"A\",\"O\"], [\"R\",\"I\",\"I\",\"I\",\"M\"], \
     [\"R\",\"I\",\"I\",\"I\",\"M\"], [\"R\",\"I\",\"I\",\"I\",\"M\"], \
     [\"R\",\"R\",\"R\",\"R\",\"Q\"]]\n\
     and set [kano] table = \"pouliot\".";

#[cfg(test)]
mod tests {
    use super::*;
    use Category::{MustBe as M, Questionable as Q};

    fn mine(name: &str) -> EvaluationTable {
        let mut cells = BERGER_CELLS;
        cells[1][1] = Q;
        EvaluationTable::new(name, "Me (2026), Notes, p. 1", cells)
    }

    #[test]
    fn a_user_table_classifies_by_its_own_cells() {
        let table = mine("  Strict ");
        assert_eq!(table.name(), "Strict");
        assert_eq!(table.classify(Answer::Expect, Answer::Expect), Q);
        assert_eq!(table.classify(Answer::Expect, Answer::Dislike), M);
        let berger = EvaluationTable::berger();
        assert_eq!(
            berger.classify(Answer::Expect, Answer::Expect),
            Category::Indifferent
        );
        assert!(berger.citation().contains("Berger") && berger.citation().contains("1993"));
        assert_eq!(EvaluationTable::default(), berger);
    }

    #[test]
    fn cells_are_the_six_letters_in_either_case() {
        assert_eq!(parse_cell("m"), Ok(M));
        assert_eq!(parse_cell(" Q "), Ok(Q));
        for bad in ["X", "", "AO", "1"] {
            let err = parse_cell(bad).unwrap_err();
            assert!(
                err.contains(&format!("'{bad}'")) && err.contains("A O M I R Q"),
                "{err}"
            );
        }
    }

    #[test]
    fn the_shape_is_five_rows_of_five() {
        assert_eq!(check_shape(&[5; 5]), Ok(()));
        let err = check_shape(&[5; 4]).unwrap_err();
        assert!(err.contains("5 rows") && err.ends_with("not 4"), "{err}");
        let err = check_shape(&[5, 5, 4, 5, 5]).unwrap_err();
        assert!(
            err.starts_with("row 3 (i am neutral) needs 5 letters"),
            "{err}"
        );
        assert!(
            check_text("name", " \t")
                .unwrap_err()
                .contains("name must not be empty")
        );
        assert_eq!(check_text("citation", "x"), Ok(()));
    }

    #[test]
    fn tables_are_found_by_name_and_cycle_from_berger() {
        let mut tables = EvaluationTables::default();
        assert_eq!(tables.after(BERGER_NAME).name(), BERGER_NAME);
        assert!(tables.check_new_name("strict").is_ok());
        tables.push(mine("Strict"));
        assert!(
            tables
                .check_new_name("STRICT ")
                .unwrap_err()
                .contains("'Strict'")
        );
        assert!(tables.check_new_name("berger").is_err());
        assert_eq!(tables.find("berger").unwrap().name(), BERGER_NAME);
        assert_eq!(tables.find(" strict").unwrap().name(), "Strict");
        assert_eq!(tables.after("Berger").name(), "Strict");
        assert_eq!(tables.after("Strict").name(), "Berger");
        assert_eq!(tables.all().len(), 2);
        let err = tables.find("nope").unwrap_err();
        assert_eq!(
            err,
            "unknown Kano evaluation table 'nope': use one of Berger, Strict"
        );
        let err = tables.find("Pouliot").unwrap_err();
        assert!(
            err.contains("could not be cited") && err.contains("[[kano.tables]]"),
            "{err}"
        );
    }
}
