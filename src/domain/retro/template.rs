//! Retro templates: a name, a one-line description and the columns cards
//! are written in, each with a one-line prompt. Shipped templates are TOML
//! files in `assets/templates/`; users add or override them in
//! `$XDG_CONFIG_HOME/retriage/templates/` (see `config::templates`).
//!
//! Names are matched ignoring case, spaces, `-`, `_` and `/`, so
//! `start-stop-continue` finds "Start/Stop/Continue".

use crate::domain::file_problem::FileProblem;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateColumn {
    pub title: String,
    /// What the column asks, shown under its title.
    pub prompt: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    pub name: String,
    pub description: String,
    pub columns: Vec<TemplateColumn>,
}

/// A template file that cannot be used: where and why.
pub type TemplateError = FileProblem;

/// The most columns a template may have (they must fit side by side).
pub const MAX_COLUMNS: usize = 8;

/// A name reduced to what matching looks at.
pub fn name_key(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '_' | '/'))
        .flat_map(char::to_lowercase)
        .collect()
}

impl Template {
    /// Reads a template file; `path` names it in errors.
    pub fn parse(path: &str, text: &str) -> Result<Template, TemplateError> {
        let error = |line, column, message: String| TemplateError {
            path: path.to_string(),
            line,
            column,
            message,
        };
        let template: Template =
            toml::from_str(text).map_err(|e| FileProblem::from_toml(path, text, &e))?;
        if name_key(&template.name).is_empty() {
            return Err(error(None, None, "the template has no name".into()));
        }
        if template.columns.is_empty() || template.columns.len() > MAX_COLUMNS {
            return Err(error(
                None,
                None,
                format!(
                    "a template needs 1 to {MAX_COLUMNS} columns; this one has {}",
                    template.columns.len()
                ),
            ));
        }
        let mut seen = Vec::new();
        for column in &template.columns {
            let key = column.title.trim().to_lowercase();
            if key.is_empty() {
                return Err(error(None, None, "a column has no title".into()));
            }
            if seen.contains(&key) {
                return Err(error(
                    None,
                    None,
                    format!("the column '{}' is listed twice", column.title),
                ));
            }
            seen.push(key);
        }
        Ok(template)
    }

    /// Whether `name` names this template (ignoring case, spaces, `-`, `_`, `/`).
    pub fn is_named(&self, name: &str) -> bool {
        name_key(&self.name) == name_key(name)
    }

    /// The index of the column `name` names, ignoring case.
    pub fn column_index(&self, name: &str) -> Option<usize> {
        let wanted = name.trim().to_lowercase();
        self.columns
            .iter()
            .position(|c| c.title.trim().to_lowercase() == wanted)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SSC: &str = r#"
name = "Start/Stop/Continue"
description = "What to begin, end and keep"

[[columns]]
title = "Start"
prompt = "What should we start doing?"

[[columns]]
title = "Stop"
prompt = "What should we stop doing?"
"#;

    #[test]
    fn a_template_parses_and_is_found_by_any_spelling_of_its_name() {
        let t = Template::parse("ssc.toml", SSC).unwrap();
        assert_eq!(t.columns.len(), 2);
        for name in [
            "start-stop-continue",
            "Start/Stop/Continue",
            "START stop_continue",
        ] {
            assert!(t.is_named(name), "{name}");
        }
        assert!(!t.is_named("start stop"));
        assert_eq!(t.column_index("stop"), Some(1));
        assert_eq!(t.column_index(" START "), Some(0));
        assert_eq!(t.column_index("continue"), None);
    }

    #[test]
    fn a_broken_template_names_its_file_line_and_problem() {
        let typo = SSC.replace("prompt = \"What should we stop doing?\"", "promt = \"x\"");
        let err = Template::parse("mine.toml", &typo).unwrap_err();
        assert_eq!(err.line, Some(11));
        assert!(err.to_string().starts_with("mine.toml line 11"), "{err}");
        assert!(err.message.contains("promt"), "{err}");

        let none = "name = \"Empty\"\ndescription = \"\"\ncolumns = []\n";
        let err = Template::parse("empty.toml", none).unwrap_err();
        assert!(err.message.contains("1 to 8 columns"), "{err}");

        let twice = SSC.replace("title = \"Stop\"", "title = \"start\"");
        let err = Template::parse("twice.toml", &twice).unwrap_err();
        assert!(err.message.contains("listed twice"), "{err}");
    }
}
