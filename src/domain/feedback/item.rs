//! A stored feedback item and the names of its enumerations: where it came
//! from (`Source`) and where it stands (`Status`), parsed leniently from
//! user text and shown by their snake_case names.

use super::{FeedbackDraft, NpsTally};
use crate::domain::scoring::{Ice, Rice, Wsjf};
use crate::domain::sentiment::{Sentiment, analyse};
use crate::domain::text::trim;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Where a piece of feedback came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    Survey,
    Nps,
    Support,
    Analytics,
    Retro,
    Interview,
    Other,
}

/// Where an item stands in the triage flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    New,
    Triaged,
    Planned,
    InProgress,
    Done,
    WontDo,
}

/// A text that is not one of an enum's names.
#[derive(Debug, Clone, PartialEq)]
pub struct UnknownName {
    pub field: &'static str,
    pub value: String,
    pub allowed: &'static [&'static str],
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown {} '{}' (use one of: {})",
            self.field,
            self.value,
            self.allowed.join(", ")
        )
    }
}

impl std::error::Error for UnknownName {}

/// Implements `ALL`, `name()`, `next()`, `previous()`, `FromStr` and `Display`
/// for a field-less enum whose names are its snake_case serde names.
macro_rules! named_enum {
    ($ty:ident, $field:literal, [$($variant:ident => $name:literal),+ $(,)?]) => {
        impl $ty {
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];
            pub const NAMES: &'static [&'static str] = &[$($name),+];

            pub fn name(self) -> &'static str {
                match self { $($ty::$variant => $name),+ }
            }

            pub fn next(self) -> $ty {
                let i = Self::ALL.iter().position(|x| *x == self).unwrap_or(0);
                Self::ALL[(i + 1) % Self::ALL.len()]
            }

            pub fn previous(self) -> $ty {
                let i = Self::ALL.iter().position(|x| *x == self).unwrap_or(0);
                Self::ALL[(i + Self::ALL.len() - 1) % Self::ALL.len()]
            }
        }

        impl FromStr for $ty {
            type Err = UnknownName;
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                let trimmed = trim(text);
                // Most text is a name already: no new string for it.
                if let Some(v) = Self::ALL.iter().copied().find(|v| v.name() == trimmed) {
                    return Ok(v);
                }
                let t = trimmed.to_ascii_lowercase().replace(['-', ' '], "_");
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.name() == t)
                    .ok_or_else(|| UnknownName { field: $field, value: text.to_string(), allowed: Self::NAMES })
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.name())
            }
        }
    };
}

named_enum!(Source, "source", [
    Survey => "survey", Nps => "nps", Support => "support", Analytics => "analytics",
    Retro => "retro", Interview => "interview", Other => "other",
]);

named_enum!(Status, "status", [
    New => "new", Triaged => "triaged", Planned => "planned", InProgress => "in_progress",
    Done => "done", WontDo => "wont_do",
]);

/// A stored feedback item with all its fields.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedbackItem {
    pub id: i64,
    pub title: String,
    pub description: String,
    pub source: Source,
    pub customer: Option<String>,
    pub created_at: DateTime<Utc>,
    pub tags: Vec<String>,
    pub status: Status,
    /// The item's own 0–10 NPS answer (its merged reports' are in `merged_nps`).
    pub nps: Option<u8>,
    pub rice: Rice,
    pub ice: Ice,
    pub wsjf: Wsjf,
    /// How many times this feedback was reported (exact duplicates merged in).
    pub mentions: u32,
    /// Sources other than `source` that merged duplicates came from.
    pub extra_sources: Vec<Source>,
    /// The NPS answers of the reports merged into it (exact duplicates at
    /// import, items merged in the review); its own answer is `nps`.
    pub merged_nps: NpsTally,
    /// What the text's tone is, from `sentiment::analyse`; the store
    /// recomputes it whenever the text is written.
    pub sentiment: Sentiment,
}

impl FeedbackItem {
    /// A new, unscored item (id 0 until stored) made from a validated draft.
    #[inline]
    pub fn from_draft(draft: FeedbackDraft, created_at: DateTime<Utc>) -> FeedbackItem {
        FeedbackItem {
            id: 0,
            source: draft.source,
            customer: draft.customer,
            created_at,
            tags: draft.tags,
            status: draft.status,
            nps: draft.nps,
            rice: Rice::default(),
            ice: Ice::default(),
            wsjf: Wsjf::default(),
            mentions: 1,
            extra_sources: Vec::new(),
            merged_nps: NpsTally::default(),
            sentiment: analyse(&draft.title, &draft.description),
            title: draft.title,
            description: draft.description,
        }
    }

    /// Every source this feedback came from, its own first.
    pub fn sources(&self) -> Vec<Source> {
        std::iter::once(self.source)
            .chain(self.extra_sources.iter().copied())
            .collect()
    }

    /// Every NPS answer the item stands for: its own and its merged
    /// reports'. Each respondent counts once in an NPS figure.
    pub fn nps_answers(&self) -> NpsTally {
        NpsTally::of(self.nps) + self.merged_nps
    }
}

#[cfg(test)]
impl FeedbackItem {
    /// A stored, unscored item for tests: id and title, source `other`,
    /// status `new`, created `id` seconds after the Unix epoch.
    pub(crate) fn example(id: i64, title: &str) -> FeedbackItem {
        let draft = FeedbackDraft {
            title: title.into(),
            ..FeedbackDraft::default()
        };
        let created_at = DateTime::from_timestamp(id, 0).expect("a valid timestamp");
        FeedbackItem {
            id,
            ..FeedbackItem::from_draft(draft, created_at)
        }
    }
}

impl FeedbackItem {
    pub fn draft(&self) -> FeedbackDraft {
        FeedbackDraft {
            title: self.title.clone(),
            description: self.description.clone(),
            source: self.source,
            customer: self.customer.clone(),
            tags: self.tags.clone(),
            status: self.status,
            nps: self.nps,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn names_round_trip_and_unknown_names_are_refused() {
        for s in Source::ALL {
            assert_eq!(s.name().parse::<Source>().unwrap(), *s);
        }
        for s in Status::ALL {
            assert_eq!(s.name().parse::<Status>().unwrap(), *s);
        }
        assert_eq!("In Progress".parse::<Status>().unwrap(), Status::InProgress);
        assert_eq!("wont-do".parse::<Status>().unwrap(), Status::WontDo);
        let err = "later".parse::<Status>().unwrap_err();
        assert_eq!(err.field, "status");
        assert!(err.to_string().contains("in_progress"));
        assert!("email".parse::<Source>().is_err());
    }

    #[test]
    fn status_cycles_both_ways() {
        assert_eq!(Status::New.next(), Status::Triaged);
        assert_eq!(Status::WontDo.next(), Status::New);
        assert_eq!(Status::New.previous(), Status::WontDo);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn names_parse_as_first_written(text in "[ a-zA-Z_-]{0,14}") {
            let plain = |text: &str| {
                let t = text.trim().to_ascii_lowercase().replace(['-', ' '], "_");
                Source::ALL.iter().copied().find(|v| v.name() == t)
            };
            prop_assert_eq!(text.parse::<Source>().ok(), plain(&text));
            for name in Source::NAMES {
                for variant in [name.to_string(), format!(" {} ", name.to_uppercase())] {
                    prop_assert_eq!(variant.parse::<Source>().ok(), plain(&variant));
                }
            }
        }
    }
}
