//! Problems found while reading a file: bad cells and bad rows (line, or
//! in a JSON file item; column, value, why), or the file as a whole.
//! Readers collect every problem, list those of the first rows and count
//! the rest, and import nothing.

use crate::domain::text::sanitize_line;
use std::fmt;

/// How many bad rows an error lists (each with all its bad cells).
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

/// One bad cell, or a bad row (or item) as a whole (`column` empty).
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
            Unit::Line => write!(f, "line {}", self.line)?,
            Unit::Item => write!(f, "item {}", self.line)?,
        }
        // A file's text, made one safe line.
        if !self.column.is_empty() {
            write!(f, ", column '{}'", sanitize_line(&self.column))?;
        }
        if !self.value.is_empty() {
            write!(f, ", value '{}'", sanitize_line(&self.value))?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Why a file was not read.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportError {
    /// A problem with the file as a whole (shape, header, encoding).
    File(String),
    /// Bad cells: those of the first `MAX_LISTED_ERRORS` bad rows, of
    /// `total` bad values in `rows` rows.
    Cells {
        errors: Vec<CellError>,
        total: usize,
        rows: usize,
    },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::File(message) => f.write_str(message),
            ImportError::Cells {
                errors,
                total,
                rows,
            } => {
                let by_item = errors.first().is_some_and(|e| e.unit == Unit::Item);
                let rows_noun = match (by_item, *rows == 1) {
                    (false, true) => "row",
                    (false, false) => "rows",
                    (true, true) => "item",
                    (true, false) => "items",
                };
                write!(f, "{rows} bad {rows_noun}")?;
                if total > rows {
                    write!(f, " ({total} problems)")?;
                }
                f.write_str("; nothing was imported")?;
                for e in errors {
                    write!(f, "\n  {e}")?;
                }
                if *rows > MAX_LISTED_ERRORS {
                    let more = rows - MAX_LISTED_ERRORS;
                    let noun = if by_item { "items" } else { "rows" };
                    write!(f, "\n  … and {more} more {noun}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for ImportError {}

/// Collects problems, keeping those of the first bad rows and counting all.
/// Problems come row by row, in file order.
#[derive(Default)]
pub struct Problems {
    errors: Vec<CellError>,
    /// Every bad value seen, listed or not.
    pub total: usize,
    /// Every bad row seen.
    rows: usize,
    /// The line of the last problem, to tell a new row from the same one.
    last_line: Option<u64>,
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

    /// A bad cell; with an empty `column`, a bad row as a whole.
    pub fn add(&mut self, line: u64, column: &str, value: &str, message: impl Into<String>) {
        self.total += 1;
        if self.last_line != Some(line) {
            self.last_line = Some(line);
            self.rows += 1;
        }
        if self.rows <= MAX_LISTED_ERRORS {
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
                rows: self.rows,
            })
        }
    }
}

/// A CSV reader's error as an import error; ragged rows name their line.
pub fn csv_error(e: csv::Error) -> ImportError {
    match ragged_row(&e) {
        Some((line, message)) => ImportError::File(format!("line {line}: {message}")),
        None => ImportError::File(e.to_string()),
    }
}

/// When the error is a row with more or fewer cells than the header: its
/// line and what is wrong with it. Reading can go on after it.
pub fn ragged_row(e: &csv::Error) -> Option<(u64, String)> {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            pos,
            expected_len,
            len,
        } => Some((
            pos.as_ref().map_or(0, |p| p.line()),
            format!("{len} fields where the header has {expected_len}"),
        )),
        _ => None,
    }
}

/// A file's column names for a message: cleaned, each cut to 40
/// characters, at most 30 of them.
pub fn column_list(header: &[String]) -> String {
    const MAX_COLUMNS: usize = 30;
    const MAX_CHARS: usize = 40;
    let mut names: Vec<String> = header
        .iter()
        .take(MAX_COLUMNS)
        .map(|name| {
            let name = sanitize_line(name);
            match name.chars().count() > MAX_CHARS {
                true => name.chars().take(MAX_CHARS - 1).chain(['…']).collect(),
                false => name.into_owned(),
            }
        })
        .collect();
    if header.len() > MAX_COLUMNS {
        names.push(format!("… ({} more)", header.len() - MAX_COLUMNS));
    }
    names.join(", ")
}

/// The error for a quoted cell that is still open at the end of the file.
pub fn unclosed_quote(line: u64) -> ImportError {
    ImportError::File(format!(
        "line {line}: a quoted cell starts here and is never closed (a '\"' is missing), \
         so every row after it would be read into that cell"
    ))
}

/// The delimiter a CSV file uses: whichever of comma, semicolon and tab its
/// header line holds most of outside quoted names ("What, if anything, …").
pub fn sniff_delimiter(first_line: &[u8]) -> u8 {
    let mut quoted = false;
    let mut counts = [0usize; 3];
    for &byte in first_line {
        match byte {
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    // On a tie the first wins (`max_by_key` keeps the last, hence `rev`).
    [b',', b';', b'\t']
        .into_iter()
        .zip(counts)
        .rev()
        .max_by_key(|&(_, count)| count)
        .map_or(b',', |(delimiter, _)| delimiter)
}

#[cfg(test)]
mod problems_tests {
    use super::*;

    #[test]
    fn the_first_twenty_bad_rows_are_listed_whole() {
        let mut problems = Problems::default();
        for line in 2..27 {
            for column in ["nps", "created", "source"] {
                problems.add(line, column, "x", "is wrong");
            }
        }
        let error = problems.finish(()).unwrap_err();
        let text = error.to_string();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "25 bad rows (75 problems); nothing was imported");
        // Every bad cell of the first 20 rows (lines 2 to 21), then a count.
        assert_eq!(lines.len(), 1 + 60 + 1);
        assert_eq!(lines[1], "  line 2, column 'nps', value 'x': is wrong");
        assert_eq!(lines[60], "  line 21, column 'source', value 'x': is wrong");
        assert_eq!(lines[61], "  … and 5 more rows");
    }

    #[test]
    fn delimiters_inside_quoted_names_do_not_count() {
        let header = b"Timestamp;\"What, if anything, could we do better, today?\";Comment;NPS";
        assert_eq!(sniff_delimiter(header), b';');
        assert_eq!(sniff_delimiter(b"a,b;c,d"), b',');
        assert_eq!(sniff_delimiter(b"a\tb\tc"), b'\t');
        assert_eq!(sniff_delimiter(b"title"), b',');
    }

    #[test]
    fn a_bad_row_as_a_whole_has_no_column() {
        let mut problems = Problems::default();
        problems.add(3, "", "", "1 fields where the header has 2");
        assert_eq!(
            problems.finish(()).unwrap_err().to_string(),
            "1 bad row; nothing was imported\n  line 3: 1 fields where the header has 2"
        );
    }
}
