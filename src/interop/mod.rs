//! Files in and out: feedback exports as CSV (RFC 4180), JSON and Markdown,
//! and reading items from retriage's own JSON (the demo data). Writers take
//! any `io::Write`, so the CLI streams them to stdout or a file.

pub mod csv;
pub mod errors;
pub mod files;
pub mod import;
pub mod json;
pub mod kano;
pub mod kano_report;
pub mod line_endings;
pub mod markdown;
pub mod preview;
pub mod quotes;
pub mod retro;

use crate::domain::feedback::FeedbackItem;
use std::io;

/// The export formats for feedback.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedbackFormat {
    Csv,
    Json,
    Markdown,
}

/// Writes `items` in `format`.
pub fn write_feedback(
    format: FeedbackFormat,
    items: &[FeedbackItem],
    out: &mut dyn io::Write,
) -> io::Result<()> {
    match format {
        FeedbackFormat::Csv => csv::write_feedback(items, out),
        FeedbackFormat::Json => json::write_feedback(items, out),
        FeedbackFormat::Markdown => markdown::write_feedback(items, out),
    }
}
