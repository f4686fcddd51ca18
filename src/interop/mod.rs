//! Files in and out: feedback exports as CSV (RFC 4180), JSON and Markdown,
//! and reading items from retriage's own JSON (the demo data). Feedback is
//! written an item at a time (`FeedbackWriter`) to any `io::Write`, so the
//! CLI streams it from the store to stdout or a file.

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
use std::io;

/// What a feedback export adds to an item's own fields.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ItemExtras<'a> {
    /// Its Kano category, when it has survey answers.
    pub kano: Option<Category>,
    /// The reports merged into it, oldest first.
    pub reports: &'a [Evidence],
    /// The id the imported file gave its own report, where it had one.
    pub external_id: Option<&'a str>,
}

/// The export formats for feedback.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedbackFormat {
    Csv,
    Json,
    Markdown,
}

/// Writes items in a format one at a time, as they are read (`start`,
/// then `item` for each, then `finish`); CSV and JSON add each item's
/// extras, Markdown starts with an NPS line.
pub enum FeedbackWriter<'w> {
    Csv(Box<csv::FeedbackCsv<'w>>),
    Json(json::FeedbackJson<'w>),
    Markdown(markdown::FeedbackTable<'w>),
}

impl<'w> FeedbackWriter<'w> {
    /// Starts writing to `out`. Markdown's NPS line counts `listed_nps` (the
    /// items' own answers and their merged reports') and `unlisted_nps`
    /// (the answers without a comment).
    pub fn start(
        format: FeedbackFormat,
        listed_nps: NpsTally,
        unlisted_nps: NpsTally,
        out: &'w mut dyn io::Write,
    ) -> io::Result<FeedbackWriter<'w>> {
        Ok(match format {
            FeedbackFormat::Csv => FeedbackWriter::Csv(Box::new(csv::FeedbackCsv::start(out)?)),
            FeedbackFormat::Json => FeedbackWriter::Json(json::FeedbackJson::start(out)?),
            FeedbackFormat::Markdown => FeedbackWriter::Markdown(markdown::FeedbackTable::start(
                listed_nps,
                unlisted_nps,
                out,
            )?),
        })
    }

    pub fn item(&mut self, item: &FeedbackItem, extras: ItemExtras<'_>) -> io::Result<()> {
        match self {
            FeedbackWriter::Csv(w) => w.item(item, extras),
            FeedbackWriter::Json(w) => w.item(item, extras),
            FeedbackWriter::Markdown(w) => w.item(item),
        }
    }

    pub fn finish(self) -> io::Result<()> {
        match self {
            FeedbackWriter::Csv(w) => w.finish(),
            FeedbackWriter::Json(w) => w.finish(),
            FeedbackWriter::Markdown(w) => w.finish(),
        }
    }
}
