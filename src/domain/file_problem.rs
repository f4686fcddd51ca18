//! A problem in a file the user wrote (the config, a retro template): the
//! file, where in it when known, and what is wrong — one shape for every
//! such message, e.g. `config.toml line 3, column 7: unknown variant …`.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProblem {
    pub path: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl FileProblem {
    /// A problem with the file as a whole.
    pub fn whole(path: &str, message: impl Into<String>) -> FileProblem {
        FileProblem {
            path: path.to_string(),
            line: None,
            column: None,
            message: message.into(),
        }
    }

    /// A problem at byte range `span` of the file's `text`: the line and
    /// column where the span starts.
    pub fn at(
        path: &str,
        text: &str,
        span: std::ops::Range<usize>,
        message: impl Into<String>,
    ) -> FileProblem {
        let before = &text[..span.start.min(text.len())];
        FileProblem {
            path: path.to_string(),
            line: Some(before.matches('\n').count() + 1),
            column: Some(before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1),
            message: message.into(),
        }
    }

    /// A TOML file `text` that did not parse: the place the parser names,
    /// its message on one line.
    pub fn from_toml(path: &str, text: &str, error: &toml::de::Error) -> FileProblem {
        let message = error.message().trim().replace('\n', " ");
        match error.span() {
            Some(span) => FileProblem::at(path, text, span, message),
            None => FileProblem::whole(path, message),
        }
    }
}

impl fmt::Display for FileProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path)?;
        if let (Some(l), Some(c)) = (self.line, self.column) {
            write!(f, " line {l}, column {c}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for FileProblem {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_toml_problem_names_its_line_and_column() {
        let text = "a = 1\nb = = 2\n";
        let err = toml::from_str::<toml::Table>(text).unwrap_err();
        let problem = FileProblem::from_toml("x.toml", text, &err);
        assert_eq!((problem.line, problem.column), (Some(2), Some(5)));
        assert!(
            problem.to_string().starts_with("x.toml line 2, column 5: "),
            "{problem}"
        );
        assert_eq!(
            FileProblem::whole("y.toml", "empty").to_string(),
            "y.toml: empty"
        );
    }
}
