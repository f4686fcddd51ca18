//! Reading feedback from the files other tools export: CSV (comma, semicolon
//! or tab; UTF-8 with or without a byte-order mark; lines ending in LF, CRLF
//! or CR) and JSON (an array of objects, e.g. `gh issue list --json …`).
//!
//! Columns are recognised by their common names (see `Field::synonyms`), or
//! named with `--map COLUMN=FIELD`. A file without a title column gets titles
//! from the first words of the description. Parabol retrospective exports
//! are recognised by their header; only their `Reflection` rows are cards.
//! Both are streamed, a CSV row or a JSON item at a time, so memory does not
//! grow with the file. Every bad cell and row is reported (those of the
//! first 20 bad rows listed, with line or item, column and value), as is a
//! quote never closed; the caller imports nothing when there is one.
//!
//! This module holds what an import is asked to do (`ImportOptions`) and
//! its entry points, `read_feedback` and `read_feedback_pipelined`; the
//! parts are `fields` (which column fills which field), `dates`, `rows` (a
//! row of cells as an item), `csv` and `json` (the two formats' readers)
//! and `pipeline` (reading on a thread of its own).

mod csv;
mod dates;
mod fields;
mod json;
mod pipeline;
mod rows;

pub use dates::parse_date;
pub use fields::Field;
pub(super) use fields::plan;
pub(super) use json::{JsonElements, json_cell, read_json_array};
pub use pipeline::read_feedback_pipelined;
pub use rows::title_from;

use super::errors::ImportError;
use crate::domain::feedback::{ImportedRow, Source};
use fields::normalise;
use rows::Spares;
use std::io::Read;

/// How to read a file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportOptions {
    /// `Some(true)` JSON, `Some(false)` CSV, `None` by the file's content.
    pub json: Option<bool>,
    /// The source of every item that has no source column.
    pub source: Option<Source>,
    /// `COLUMN=FIELD` pairs that override recognition; `None` ignores the
    /// column (`COLUMN=ignore`).
    pub map: Vec<(String, Option<Field>)>,
    /// The same by column position (0-based), as the TUI's preview sets it:
    /// a header can repeat a name (Jira repeats `Labels`).
    pub positions: Vec<(usize, Option<Field>)>,
    /// The column that holds the file's own id for each row
    /// (`--id-column`); `None` recognises it by name.
    pub id_column: Option<String>,
}

impl ImportOptions {
    /// Maps `column` to `field` (`None`: ignore it), replacing any earlier
    /// mapping of that column.
    pub fn set_mapping(&mut self, column: &str, field: Option<Field>) {
        self.map.retain(|(c, _)| normalise(c) != normalise(column));
        self.map.push((column.to_string(), field));
    }

    /// Maps the column at `position` to `field` (`None`: ignore it),
    /// replacing any earlier mapping of that position.
    pub fn set_position(&mut self, position: usize, field: Option<Field>) {
        self.positions.retain(|(p, _)| *p != position);
        self.positions.push((position, field));
    }
}

/// Parses one `--map COLUMN=FIELD` argument (`COLUMN=ignore` skips a column).
pub fn parse_map(arg: &str) -> Result<(String, Option<Field>), String> {
    let (column, field) = arg
        .rsplit_once('=')
        .ok_or_else(|| format!("--map '{arg}' must look like COLUMN=FIELD"))?;
    if column.trim().is_empty() {
        return Err(format!("--map '{arg}' names no column"));
    }
    let field = if field.trim().eq_ignore_ascii_case("ignore") {
        None
    } else {
        Some(Field::parse(field)?)
    };
    Ok((column.trim().to_string(), field))
}

/// What a read found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReadStats {
    /// Rows turned into items.
    pub rows: usize,
    /// Rows skipped on purpose (e.g. Parabol rows that are not cards).
    pub skipped: usize,
}

pub(super) fn looks_like_json(bytes: &[u8]) -> bool {
    let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    start
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b == b'[' || *b == b'{')
}

/// Reads every row of `input`, giving each valid row to `sink` (which may
/// fail, e.g. on a database error). Returns the counts, or every bad cell.
pub fn read_feedback(
    input: impl Read,
    options: &ImportOptions,
    sink: &mut dyn FnMut(ImportedRow) -> Result<(), String>,
) -> Result<ReadStats, ImportError> {
    read_into(input, options, &Spares::default(), sink)
}

/// `read_feedback` for any sink: the pipelined reader's own is compiled
/// into the loop, which saves a call and a copy of each item. Rows are
/// written into the strings of `spares` while there are some.
fn read_into<S>(
    mut input: impl Read,
    options: &ImportOptions,
    spares: &Spares,
    sink: &mut S,
) -> Result<ReadStats, ImportError>
where
    S: FnMut(ImportedRow) -> Result<(), String> + ?Sized,
{
    // Sniff the first bytes for the format and the delimiter, then stream.
    let mut head = vec![0u8; 64 * 1024];
    let mut filled = 0;
    while filled < head.len() {
        match input.read(&mut head[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) => return Err(ImportError::File(format!("cannot read the file: {e}"))),
        }
    }
    head.truncate(filled);
    if head.iter().all(|b| b.is_ascii_whitespace()) && filled < 64 * 1024 {
        return Err(ImportError::File("the file is empty".into()));
    }
    let json = options.json.unwrap_or_else(|| looks_like_json(&head));
    if json {
        json::read_json(std::io::Cursor::new(head).chain(input), options, sink)
    } else {
        csv::read_csv(head, input, (options, spares), sink)
    }
}

/// What the tests of every part share.
#[cfg(test)]
mod tests {
    use super::*;

    /// Every item `read_feedback` gives for `text`.
    pub(super) fn read(
        text: &str,
        options: &ImportOptions,
    ) -> Result<Vec<crate::domain::feedback::FeedbackItem>, ImportError> {
        let mut items = Vec::new();
        read_feedback(text.as_bytes(), options, &mut |row| {
            items.push(row.item);
            Ok(())
        })?;
        Ok(items)
    }
}
