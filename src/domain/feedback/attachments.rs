//! What hangs off a feedback item besides its own fields: the reports merged
//! into it (its evidence), the Kano survey answers given about it, and the
//! near-duplicate pairs dismissed with it. A delete takes them along and
//! undoing the delete restores them.

use super::{ReportIdentity, Source};
use crate::domain::kano::Response;
use chrono::{DateTime, Utc};

/// One report merged into an item: an exact duplicate found at import or an
/// item merged in the near-duplicate review.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    pub source: Source,
    pub customer: Option<String>,
    pub created_at: DateTime<Utc>,
    /// The report's own 0–10 NPS answer.
    pub nps: Option<u8>,
    /// Set for near-duplicates merged by hand; exact duplicates have the
    /// kept item's text.
    pub title: Option<String>,
    pub description: Option<String>,
    /// Which imported row it was, if an import brought it.
    pub identity: ReportIdentity,
}

/// One respondent's answers about an item in one Kano survey.
#[derive(Debug, Clone, PartialEq)]
pub struct SurveyResponse {
    pub survey: String,
    pub respondent: String,
    pub response: Response,
}

/// Everything attached to an item that a delete removes with it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Attachments {
    /// The reports merged into it, oldest first.
    pub evidence: Vec<Evidence>,
    /// Its Kano survey answers.
    pub survey_responses: Vec<SurveyResponse>,
    /// The other item of each near-duplicate pair dismissed with it.
    pub dismissed_pairs: Vec<i64>,
    /// The retro card it was promoted from, so that promoting the card again
    /// after an undone delete still finds it.
    pub retro_card_id: Option<i64>,
    /// The identity of the item's own report (the row it was imported
    /// from), so a re-import after an undone delete still knows it.
    pub own_report: ReportIdentity,
}
