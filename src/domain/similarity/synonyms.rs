//! The synonym and abbreviation table: groups of terms (words or phrases)
//! that mean the same in product feedback, read from TOML text
//! (`groups = [["export", "download"], …]`). Reading the files is the
//! config's job; this parses and checks the text.

use crate::domain::file_problem::FileProblem;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SynonymFile {
    #[serde(default)]
    groups: Vec<Vec<String>>,
}

/// Groups of equivalent terms, in the order given (shipped ones first).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Synonyms {
    groups: Vec<Vec<String>>,
}

impl Synonyms {
    /// The table in `text`, the file at `path` (named in any problem).
    pub fn parse(path: &str, text: &str) -> Result<Synonyms, FileProblem> {
        let file: SynonymFile =
            toml::from_str(text).map_err(|e| FileProblem::from_toml(path, text, &e))?;
        for (number, group) in file.groups.iter().enumerate() {
            let shown = || format!("group {} [{}]", number + 1, group.join(", "));
            if group.len() < 2 {
                return Err(FileProblem::whole(
                    path,
                    format!("{}: a group needs two or more terms", shown()),
                ));
            }
            if group
                .iter()
                .any(|term| !term.chars().any(char::is_alphanumeric))
            {
                return Err(FileProblem::whole(
                    path,
                    format!("{}: every term needs a letter or a digit", shown()),
                ));
            }
        }
        Ok(Synonyms {
            groups: file.groups,
        })
    }

    /// This table with `more` groups after its own (groups that share a
    /// term are joined when the table is used).
    pub fn extended(mut self, more: Synonyms) -> Synonyms {
        self.groups.extend(more.groups);
        self
    }

    pub fn groups(&self) -> &[Vec<String>] {
        &self.groups
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_parse_and_extend_in_order() {
        let shipped = Synonyms::parse("a.toml", "groups = [[\"export\", \"download\"]]").unwrap();
        let user = Synonyms::parse("b.toml", "groups = [[\"rota\", \"roster\"]]\n").unwrap();
        let both = shipped.extended(user);
        assert_eq!(both.groups().len(), 2);
        assert_eq!(both.groups()[1], vec!["rota", "roster"]);
        assert_eq!(Synonyms::parse("c.toml", "").unwrap(), Synonyms::default());
    }

    #[test]
    fn a_syntax_error_names_the_file_line_and_column() {
        let text = "groups = [\n  [\"export\", \"download\"],\n  [\"excel\" \"xlsx\"],\n]\n";
        let problem = Synonyms::parse("/home/u/.config/retriage/synonyms.toml", text).unwrap_err();
        assert_eq!(problem.line, Some(3), "{problem}");
        assert!(problem.column.is_some());
        assert!(
            problem
                .to_string()
                .starts_with("/home/u/.config/retriage/synonyms.toml line 3, column "),
            "{problem}"
        );
    }

    #[test]
    fn lonely_or_empty_terms_are_refused() {
        let lonely = Synonyms::parse("s.toml", "groups = [[\"export\"]]").unwrap_err();
        assert_eq!(
            lonely.to_string(),
            "s.toml: group 1 [export]: a group needs two or more terms"
        );
        let empty = Synonyms::parse("s.toml", "groups = [[\"a\", \" - \"]]").unwrap_err();
        assert!(empty.to_string().contains("needs a letter"), "{empty}");
        let unknown = Synonyms::parse("s.toml", "group = []").unwrap_err();
        assert_eq!(unknown.line, Some(1));
    }
}
