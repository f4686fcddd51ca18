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
pub mod kpi;
pub mod line_endings;
pub mod markdown;
pub mod preview;
pub mod quotes;
pub mod report;
pub mod retro;

use crate::domain::feedback::{Evidence, FeedbackItem, NpsTally};
use crate::domain::kano::Category;
use std::collections::HashMap;
use std::io;

/// What a feedback export adds to each item's own fields, read in bulk
/// beforehand: its Kano category and the reports merged into it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FeedbackExtras {
    /// The category of every item with survey answers.
    pub kano: HashMap<i64, Category>,
    /// The merged reports of every item that has any, oldest first.
    pub reports: HashMap<i64, Vec<Evidence>>,
    /// The NPS answers that came without a comment (in no item), for the
    /// NPS figure of a Markdown export.
    pub unlisted_nps: NpsTally,
    /// The id the imported file gave each item's own report, where it had one.
    pub external_ids: HashMap<i64, String>,
}

impl FeedbackExtras {
    pub fn kano_of(&self, id: i64) -> Option<Category> {
        self.kano.get(&id).copied()
    }

    pub fn reports_of(&self, id: i64) -> &[Evidence] {
        self.reports.get(&id).map_or(&[], Vec::as_slice)
    }
}

/// The export formats for feedback.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedbackFormat {
    Csv,
    Json,
    Markdown,
}

/// Writes `items` in `format`; CSV and JSON add each item's `extras`.
pub fn write_feedback(
    format: FeedbackFormat,
    items: &[FeedbackItem],
    extras: &FeedbackExtras,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    match format {
        FeedbackFormat::Csv => csv::write_feedback(items, extras, out),
        FeedbackFormat::Json => json::write_feedback(items, extras, out),
        FeedbackFormat::Markdown => markdown::write_feedback(items, extras.unlisted_nps, out),
    }
}
