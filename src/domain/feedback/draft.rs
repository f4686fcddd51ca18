//! The editable part of an item (`FeedbackDraft`), the rules that check it
//! before it is stored, and the parsers for its fields (NPS answer, tags).

use super::{FeedbackItem, Source, Status, UnknownName};
use crate::domain::scoring::FactorError;
use crate::domain::text::{not_white, trim};
use std::fmt;

/// Longest title accepted, in characters.
pub const MAX_TITLE_CHARS: usize = 500;
/// Longest description accepted, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 100_000;
/// Longest single tag, in characters.
pub const MAX_TAG_CHARS: usize = 50;

/// The editable part of an item: what a form or `feedback add` provides.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedbackDraft {
    pub title: String,
    pub description: String,
    pub source: Source,
    pub customer: Option<String>,
    pub tags: Vec<String>,
    pub status: Status,
    pub nps: Option<u8>,
}

impl Default for FeedbackDraft {
    fn default() -> Self {
        FeedbackDraft {
            title: String::new(),
            description: String::new(),
            source: Source::Other,
            customer: None,
            tags: Vec::new(),
            status: Status::New,
            nps: None,
        }
    }
}

/// Why a draft was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum DraftError {
    EmptyTitle,
    TooLong {
        field: &'static str,
        max_chars: usize,
    },
    TagTooLong(String),
    Factor(FactorError),
    Name(UnknownName),
}

impl fmt::Display for DraftError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DraftError::EmptyTitle => write!(f, "title must not be empty"),
            DraftError::TooLong { field, max_chars } => {
                write!(f, "{field} is longer than {max_chars} characters")
            }
            DraftError::TagTooLong(tag) => {
                let shown: String = tag.chars().take(20).collect();
                write!(
                    f,
                    "tag '{shown}…' is longer than {MAX_TAG_CHARS} characters"
                )
            }
            DraftError::Factor(e) => e.fmt(f),
            DraftError::Name(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for DraftError {}

impl From<FactorError> for DraftError {
    fn from(e: FactorError) -> Self {
        DraftError::Factor(e)
    }
}

impl From<UnknownName> for DraftError {
    fn from(e: UnknownName) -> Self {
        DraftError::Name(e)
    }
}

/// Parses an NPS answer, a whole number 0–10.
pub fn parse_nps(text: &str) -> Result<u8, FactorError> {
    let t = trim(text);
    // "9.0" or "10.00", as spreadsheets and pandas write whole numbers.
    let whole = match t.split_once('.') {
        Some((whole, zeros)) if !zeros.is_empty() && zeros.bytes().all(|b| b == b'0') => whole,
        _ => t,
    };
    match whole.parse::<u8>() {
        Ok(n) if n <= 10 => Ok(n),
        _ => Err(nps_error(text)),
    }
}

fn nps_error(text: &str) -> FactorError {
    FactorError {
        field: "nps",
        value: text.to_string(),
        reason: "must be a whole number from 0 to 10".into(),
    }
}

/// Splits "a, b;c" into normalised tags: trimmed, lower-case, no duplicates.
pub fn parse_tags(text: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for raw in text.split([',', ';']) {
        add_tag(&mut tags, lower_case(trim(raw)));
    }
    tags
}

/// Adds a trimmed, lower-cased tag unless it is empty or already there.
fn add_tag(tags: &mut Vec<String>, tag: String) {
    if !tag.is_empty() && !tags.contains(&tag) {
        tags.push(tag);
    }
}

/// `*tags = parse_tags(&tags.join(","))`: each tag split on "," and ";",
/// trimmed and lower-cased, the empty ones and repeats left out. In place
/// when no tag holds "," or ";" (the usual case).
fn normalise_tags(tags: &mut Vec<String>) {
    let split = |t: &String| t.bytes().any(|b| b == b',' || b == b';');
    if tags.iter().any(split) {
        *tags = parse_tags(&tags.join(","));
        return;
    }
    let mut kept = 0;
    for i in 0..tags.len() {
        trim_in_place(&mut tags[i]);
        lower_case_in_place(&mut tags[i]);
        if !tags[i].is_empty() && !tags[..kept].contains(&tags[i]) {
            tags.swap(kept, i);
            kept += 1;
        }
    }
    tags.truncate(kept);
}

/// `text.to_lowercase()`, in place for ASCII text.
fn lower_case_in_place(text: &mut String) {
    if text.is_ascii() {
        text.make_ascii_lowercase();
    } else {
        *text = text.to_lowercase();
    }
}

fn lower_case(text: &str) -> String {
    let mut text = text.to_string();
    lower_case_in_place(&mut text);
    text
}

/// `*text = text.trim().to_string()`, without a new string.
fn trim_in_place(text: &mut String) {
    if !not_white(text.as_bytes().last()) {
        text.truncate(text.trim_end().len());
    }
    if !not_white(text.as_bytes().first()) {
        let start = text.len() - text.trim_start().len();
        text.drain(..start);
    }
}

/// Whether `text` has more than `max` characters (counted only when it has
/// more than `max` bytes).
fn longer_than(text: &str, max: usize) -> bool {
    text.len() > max && text.chars().count() > max
}

impl FeedbackDraft {
    /// Trims the text fields and checks every rule; returns the cleaned draft.
    /// The text is trimmed and lower-cased in place: an import validates
    /// every row, so this allocates only what it must.
    #[inline]
    pub fn validated(mut self) -> Result<FeedbackDraft, DraftError> {
        trim_in_place(&mut self.title);
        if self.title.is_empty() {
            return Err(DraftError::EmptyTitle);
        }
        if longer_than(&self.title, MAX_TITLE_CHARS) {
            return Err(DraftError::TooLong {
                field: "title",
                max_chars: MAX_TITLE_CHARS,
            });
        }
        if !not_white(self.description.as_bytes().last()) {
            self.description.truncate(self.description.trim_end().len());
        }
        if longer_than(&self.description, MAX_DESCRIPTION_CHARS) {
            return Err(DraftError::TooLong {
                field: "description",
                max_chars: MAX_DESCRIPTION_CHARS,
            });
        }
        self.customer = self
            .customer
            .map(|mut c| {
                trim_in_place(&mut c);
                c
            })
            .filter(|c| !c.is_empty());
        normalise_tags(&mut self.tags);
        if let Some(tag) = self.tags.iter().find(|t| longer_than(t, MAX_TAG_CHARS)) {
            return Err(DraftError::TagTooLong(tag.clone()));
        }
        if let Some(n) = self.nps
            && n > 10
        {
            return Err(nps_error(&n.to_string()).into());
        }
        Ok(self)
    }
}

impl FeedbackDraft {
    /// Applies to `item` only the fields this draft changed relative to
    /// `original` (the draft as the user first saw it), so a save never
    /// undoes another process's change to a field the user did not touch.
    pub fn apply_changes(&self, original: &FeedbackDraft, item: &mut FeedbackItem) {
        if self.title != original.title {
            item.title = self.title.clone();
        }
        if self.description != original.description {
            item.description = self.description.clone();
        }
        if self.source != original.source {
            item.source = self.source;
        }
        if self.customer != original.customer {
            item.customer = self.customer.clone();
        }
        if self.tags != original.tags {
            item.tags = self.tags.clone();
        }
        if self.status != original.status {
            item.status = self.status;
        }
        if self.nps != original.nps {
            item.nps = self.nps;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::feedback::test_text::tricky_text;
    use proptest::prelude::*;

    #[test]
    fn nps_answers_parse() {
        assert!(parse_nps("11").is_err());
        assert!(parse_nps("-1").is_err());
        assert_eq!(parse_nps(" 7 ").unwrap(), 7);
        assert_eq!(parse_nps("9.0").unwrap(), 9);
        assert_eq!(parse_nps("10.00").unwrap(), 10);
        assert!(parse_nps("9.5").is_err());
        assert!(parse_nps("9.").is_err());
        assert!(parse_nps(".0").is_err());
    }

    #[test]
    fn tags_are_normalised() {
        assert_eq!(
            parse_tags(" Export, mobile;export ,, "),
            vec!["export", "mobile"]
        );
        assert!(parse_tags("").is_empty());
    }

    #[test]
    fn only_changed_fields_are_applied() {
        let original = FeedbackDraft {
            title: "Old".into(),
            status: Status::New,
            ..FeedbackDraft::default()
        };
        let edited = FeedbackDraft {
            title: "New".into(),
            ..original.clone()
        };
        let mut item = FeedbackItem {
            // Someone else moved it on meanwhile.
            status: Status::Planned,
            ..FeedbackItem::example(1, "Old")
        };
        edited.apply_changes(&original, &mut item);
        assert_eq!(item.title, "New");
        assert_eq!(
            item.status,
            Status::Planned,
            "an untouched field keeps the stored value"
        );
    }

    #[test]
    fn drafts_are_trimmed_and_checked() {
        let draft = FeedbackDraft {
            title: "  Dark mode  ".into(),
            customer: Some("   ".into()),
            tags: vec!["UI".into(), "ui".into()],
            ..FeedbackDraft::default()
        };
        let ok = draft.validated().unwrap();
        assert_eq!(ok.title, "Dark mode");
        assert_eq!(ok.customer, None);
        assert_eq!(ok.tags, vec!["ui"]);

        let empty = FeedbackDraft {
            title: "   ".into(),
            ..FeedbackDraft::default()
        };
        assert_eq!(empty.validated().unwrap_err(), DraftError::EmptyTitle);

        let long = FeedbackDraft {
            title: "x".repeat(MAX_TITLE_CHARS + 1),
            ..FeedbackDraft::default()
        };
        assert!(matches!(
            long.validated().unwrap_err(),
            DraftError::TooLong { field: "title", .. }
        ));

        let bad_nps = FeedbackDraft {
            title: "t".into(),
            nps: Some(12),
            ..FeedbackDraft::default()
        };
        assert!(bad_nps.validated().is_err());
    }

    /// `validated` as first written, allocating a new string at every step.
    fn plain_validated(mut draft: FeedbackDraft) -> Result<FeedbackDraft, DraftError> {
        draft.title = draft.title.trim().to_string();
        if draft.title.is_empty() {
            return Err(DraftError::EmptyTitle);
        }
        if draft.title.chars().count() > MAX_TITLE_CHARS {
            return Err(DraftError::TooLong {
                field: "title",
                max_chars: MAX_TITLE_CHARS,
            });
        }
        draft.description = draft.description.trim_end().to_string();
        if draft.description.chars().count() > MAX_DESCRIPTION_CHARS {
            return Err(DraftError::TooLong {
                field: "description",
                max_chars: MAX_DESCRIPTION_CHARS,
            });
        }
        draft.customer = draft
            .customer
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty());
        let mut tags: Vec<String> = Vec::new();
        for raw in draft.tags.join(",").split([',', ';']) {
            let tag = raw.trim().to_lowercase();
            if !tag.is_empty() && !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        draft.tags = tags;
        if let Some(tag) = draft
            .tags
            .iter()
            .find(|t| t.chars().count() > MAX_TAG_CHARS)
        {
            return Err(DraftError::TagTooLong(tag.clone()));
        }
        if let Some(n) = draft.nps {
            parse_nps(&n.to_string())?;
        }
        Ok(draft)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn validation_is_as_first_written(
            title in tricky_text(12),
            description in tricky_text(12),
            customer in proptest::option::of(tricky_text(6)),
            tags in prop::collection::vec(tricky_text(8), 0..4),
            nps in proptest::option::of(0u8..16),
            long in 0usize..4,
        ) {
            // Now and then a field at, or one past, its limit.
            let (mut title, mut description, mut tags) = (title, description, tags);
            match long {
                1 => title.push_str(&"Ü".repeat(MAX_TITLE_CHARS - 1)),
                2 => description.push_str(&"x".repeat(MAX_DESCRIPTION_CHARS)),
                3 => tags.push("ß".repeat(MAX_TAG_CHARS) + " "),
                _ => {}
            }
            let draft = FeedbackDraft {
                title,
                description,
                customer,
                tags,
                nps,
                ..FeedbackDraft::default()
            };
            prop_assert_eq!(draft.clone().validated(), plain_validated(draft));
        }

        #[test]
        fn tags_parse_as_first_written(text in tricky_text(40)) {
            let mut tags: Vec<String> = Vec::new();
            for raw in text.split([',', ';']) {
                let tag = raw.trim().to_lowercase();
                if !tag.is_empty() && !tags.contains(&tag) {
                    tags.push(tag);
                }
            }
            prop_assert_eq!(parse_tags(&text), tags);
        }
    }
}
