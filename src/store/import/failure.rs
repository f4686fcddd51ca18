//! Why an import stopped before writing anything, in words.

use super::super::Error;

/// Why an import stopped before writing anything.
#[derive(Debug)]
pub enum ImportFailure {
    /// Two rows of the file have the same external id.
    RepeatedId {
        id: String,
        /// Unknown when the first row was only remembered by a filter.
        first_line: Option<u64>,
        line: u64,
    },
    Store(Error),
}

impl std::fmt::Display for ImportFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportFailure::RepeatedId {
                id,
                first_line: Some(first_line),
                line,
            } => write!(
                f,
                "lines {first_line} and {line} have the same id '{id}': an id names one report"
            ),
            ImportFailure::RepeatedId {
                id,
                first_line: None,
                line,
            } => write!(
                f,
                "line {line} has the id '{id}' of an earlier line: an id names one report"
            ),
            ImportFailure::Store(e) => e.fmt(f),
        }
    }
}

impl From<Error> for ImportFailure {
    fn from(e: Error) -> Self {
        ImportFailure::Store(e)
    }
}

impl From<rusqlite::Error> for ImportFailure {
    fn from(e: rusqlite::Error) -> Self {
        ImportFailure::Store(Error::Sqlite(e))
    }
}
