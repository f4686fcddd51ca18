//! Retrospective exports: a whole retro (`retro export --format md|csv|json`)
//! and lists of action items (`actions list --format json|csv`,
//! `actions export --format md|csv|json|jira|github`). Each writer is a pure
//! function from domain values to text on any `io::Write`; the CLI picks the
//! destination (stdout, or a file written atomically). And one reader: a
//! tracker's own export of the issues the actions became (`sync`).
//!
//! Every export holds every card, revealed or not (hiding is for the
//! meeting), follows the retro's real anonymity (no author, no roster, no
//! ROTI names when it is anonymous), and shows each action item under the
//! card or group it came from.
//!
//! - `escape`: Markdown text that cannot format, link or break a table.
//! - `board_markdown`, `board_csv`, `board_json`: the retro exports.
//! - `actions`: the action JSON object and the action CSV, JSON and Markdown.
//! - `jira`: a CSV Jira's importer maps without edits.
//! - `github`: a POSIX `sh` script of `gh issue create` lines.
//! - `sync`: Jira's CSV export and `gh issue list`'s JSON, read back for
//!   `actions sync`.

pub mod actions;
pub mod board_csv;
pub mod board_json;
pub mod board_markdown;
pub mod escape;
pub mod github;
pub mod jira;
pub mod sync;

#[cfg(test)]
mod fixture;

use crate::domain::retro::{ActionItem, RetroBoard};
use chrono::NaiveDate;
use std::io;

/// A CSV writer as RFC 4180 has it: records end in CRLF, and a field with
/// a comma, a quote or a line break is quoted.
pub(crate) fn rfc4180_writer<W: io::Write>(out: W) -> ::csv::Writer<W> {
    ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(out)
}

/// The formats of `retro export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetroFormat {
    Markdown,
    Csv,
    Json,
}

/// Writes `board` in `format`.
pub fn write_retro(
    format: RetroFormat,
    board: &RetroBoard,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    match format {
        RetroFormat::Markdown => board_markdown::write_retro(board, out),
        RetroFormat::Csv => board_csv::write_retro(board, out),
        RetroFormat::Json => board_json::write_retro(board, out),
    }
}

/// The formats of `actions export` (`actions list` uses `Csv` and `Json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionsFormat {
    Markdown,
    Csv,
    Json,
    Jira,
    Github,
}

/// Writes `items` in `format`; `today` decides what the Markdown calls
/// overdue.
pub fn write_actions(
    format: ActionsFormat,
    items: &[ActionItem],
    today: NaiveDate,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    match format {
        ActionsFormat::Markdown => actions::write_markdown(items, today, out),
        ActionsFormat::Csv => actions::write_csv(items, out),
        ActionsFormat::Json => actions::write_json(items, out),
        ActionsFormat::Jira => jira::write_jira(items, out),
        ActionsFormat::Github => github::write_script(items, out),
    }
}
