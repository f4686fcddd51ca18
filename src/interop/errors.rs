//! Problems found while reading a file: one bad cell (line — or, in a JSON
//! file, item — column, value, why), or the file as a whole. Readers collect every bad cell, list the
//! first few and count the rest, and import nothing.

use std::fmt;

/// How many bad rows an error lists.
pub const MAX_LISTED_ERRORS: usize = 20;

/// What the number in a bad cell's place counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Unit {
    /// A line of the file (CSV).
    #[default]
    Line,
    /// An element of the top-level array, from 1 (JSON).
    Item,
}

/// One bad cell.
#[derive(Debug, Clone, PartialEq)]
pub struct CellError {
    /// What `line` counts.
    pub unit: Unit,
    /// The line, or the item, the cell is in.
    pub line: u64,
    pub column: String,
    pub value: String,
    pub message: String,
}

impl fmt::Display for CellError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.unit {
            Unit::Line => write!(f, "line {}, column '{}'", self.line, self.column)?,
            // A JSON item that is not an object has no keys to name.
            Unit::Item if self.column.is_empty() => write!(f, "item {}", self.line)?,
            Unit::Item => write!(f, "item {}, column '{}'", self.line, self.column)?,
        }
        if !self.value.is_empty() {
            write!(f, ", value '{}'", self.value)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Why a file was not read.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportError {
    /// A problem with the file as a whole (shape, header, encoding).
    File(String),
    /// Bad cells: the first `MAX_LISTED_ERRORS` of `total`.
    Cells {
        errors: Vec<CellError>,
        total: usize,
    },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::File(message) => f.write_str(message),
            ImportError::Cells { errors, total } => {
                write!(f, "{total} bad value(s); nothing was imported")?;
                for e in errors {
                    write!(f, "\n  {e}")?;
                }
                if *total > errors.len() {
                    write!(f, "\n  … and {} more", total - errors.len())?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for ImportError {}

/// Collects cell errors, keeping the first few and counting all.
#[derive(Default)]
pub struct Problems {
    errors: Vec<CellError>,
    /// Every bad cell seen, listed or not.
    pub total: usize,
    /// What the numbers given to `add` count.
    unit: Unit,
}

impl Problems {
    /// Problems placed by item ("item 3"), not by line: a JSON array's.
    pub fn by_item() -> Problems {
        Problems {
            unit: Unit::Item,
            ..Problems::default()
        }
    }

    pub fn add(&mut self, line: u64, column: &str, value: &str, message: impl Into<String>) {
        self.total += 1;
        if self.errors.len() < MAX_LISTED_ERRORS {
            self.errors.push(CellError {
                unit: self.unit,
                line,
                column: column.to_string(),
                value: value.to_string(),
                message: message.into(),
            });
        }
    }

    pub fn finish<T>(self, value: T) -> Result<T, ImportError> {
        if self.total == 0 {
            Ok(value)
        } else {
            Err(ImportError::Cells {
                errors: self.errors,
                total: self.total,
            })
        }
    }
}

/// A CSV reader's error as an import error; ragged rows name their line.
pub fn csv_error(e: csv::Error) -> ImportError {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            pos,
            expected_len,
            len,
        } => ImportError::File(format!(
            "line {}: {len} fields where the header has {expected_len}",
            pos.as_ref().map_or(0, |p| p.line())
        )),
        _ => ImportError::File(e.to_string()),
    }
}

/// The delimiter a CSV file uses: whichever of comma, semicolon and tab its
/// header line holds most of.
pub fn sniff_delimiter(first_line: &[u8]) -> u8 {
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| first_line.iter().filter(|b| *b == d).count())
        .unwrap_or(b',')
}
