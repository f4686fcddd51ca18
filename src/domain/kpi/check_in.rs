//! Check-ins: a KPI's value measured on a date, with the owners' call on
//! whether it will make its target (on track, at risk, off track) and a
//! note. `CheckInDraft` holds what was typed or read from a file;
//! `CheckInDraft::check` names every bad element.

use super::definition::{FieldProblem, parse_date, parse_finite};
use crate::domain::text::sanitize_line;
use chrono::{DateTime, NaiveDate, Utc};
use std::fmt;
use std::str::FromStr;

/// The longest note, in characters.
pub const MAX_NOTE_CHARS: usize = 500;

/// The owners' call at a check-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Confidence {
    OnTrack,
    AtRisk,
    OffTrack,
}

impl Confidence {
    pub const ALL: [Confidence; 3] = [
        Confidence::OnTrack,
        Confidence::AtRisk,
        Confidence::OffTrack,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Confidence::OnTrack => "on-track",
            Confidence::AtRisk => "at-risk",
            Confidence::OffTrack => "off-track",
        }
    }
}

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Confidence {
    type Err = &'static str;

    /// `on-track`, `on_track` and `on track` alike, ignoring case.
    fn from_str(text: &str) -> Result<Confidence, &'static str> {
        let wanted = text.trim().to_ascii_lowercase().replace(['_', ' '], "-");
        Confidence::ALL
            .into_iter()
            .find(|c| c.name() == wanted)
            .ok_or("use on-track, at-risk or off-track")
    }
}

/// A check-in as typed: text, empty when not given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckInDraft {
    pub value: String,
    /// Empty for today.
    pub date: String,
    pub confidence: String,
    pub note: String,
}

/// A checked check-in, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckInSpec {
    pub date: NaiveDate,
    pub value: f64,
    pub confidence: Option<Confidence>,
    pub note: Option<String>,
}

impl CheckInDraft {
    /// Checks every element: a finite value, a date that is not after
    /// `today` (a check-in records a measurement already taken), a known
    /// confidence, a note of one line and at most `MAX_NOTE_CHARS`.
    pub fn check(&self, today: NaiveDate) -> Result<CheckInSpec, Vec<FieldProblem>> {
        let mut problems = Vec::new();
        let value = if self.value.trim().is_empty() {
            problems.push(FieldProblem::new("value", "", "is missing"));
            None
        } else {
            parse_finite(&self.value)
                .map_err(|why| problems.push(FieldProblem::new("value", &self.value, why)))
                .ok()
        };
        let date = if self.date.trim().is_empty() {
            Some(today)
        } else {
            match parse_date(&self.date) {
                Ok(date) if date > today => {
                    problems.push(FieldProblem::new(
                        "date",
                        &self.date,
                        format!("is in the future (today is {today})"),
                    ));
                    None
                }
                Ok(date) => Some(date),
                Err(why) => {
                    problems.push(FieldProblem::new("date", &self.date, why));
                    None
                }
            }
        };
        let confidence = if self.confidence.trim().is_empty() {
            None
        } else {
            match self.confidence.parse::<Confidence>() {
                Ok(confidence) => Some(confidence),
                Err(why) => {
                    problems.push(FieldProblem::new("confidence", &self.confidence, why));
                    None
                }
            }
        };
        let note = sanitize_line(&self.note).trim().to_string();
        if note.chars().count() > MAX_NOTE_CHARS {
            problems.push(FieldProblem::new(
                "note",
                &note,
                format!("holds at most {MAX_NOTE_CHARS} characters"),
            ));
        }
        match (value, date) {
            (Some(value), Some(date)) if problems.is_empty() => Ok(CheckInSpec {
                date,
                value,
                confidence,
                note: Some(note).filter(|n| !n.is_empty()),
            }),
            _ => Err(problems),
        }
    }
}

/// A stored check-in.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckIn {
    pub id: i64,
    pub kpi_id: i64,
    pub date: NaiveDate,
    pub value: f64,
    pub confidence: Option<Confidence>,
    pub note: Option<String>,
    pub recorded_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::kpi::definition::join_problems;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
    }

    #[test]
    fn a_check_in_defaults_to_today_without_a_call_or_a_note() {
        let draft = CheckInDraft {
            value: "42.5".into(),
            ..CheckInDraft::default()
        };
        assert_eq!(
            draft.check(today()).unwrap(),
            CheckInSpec {
                date: today(),
                value: 42.5,
                confidence: None,
                note: None,
            }
        );
        let full = CheckInDraft {
            value: "-3".into(),
            date: "2026-05-01".into(),
            confidence: "At Risk".into(),
            note: " slower\nreviews ".into(),
        };
        let spec = full.check(today()).unwrap();
        assert_eq!(spec.confidence, Some(Confidence::AtRisk));
        assert_eq!(spec.note.as_deref(), Some("slower reviews"));
        assert_eq!(spec.value, -3.0);
    }

    #[test]
    fn every_bad_element_is_named() {
        let bad = CheckInDraft {
            value: "NaN".into(),
            date: "2026-06-02".into(),
            confidence: "fine".into(),
            note: "n".repeat(MAX_NOTE_CHARS + 1),
        };
        let problems = join_problems(&bad.check(today()).unwrap_err());
        assert!(problems.starts_with(
            "value 'NaN': must be a finite number, not NaN or infinite; \
             date '2026-06-02': is in the future (today is 2026-06-01); \
             confidence 'fine': use on-track, at-risk or off-track; note 'nnn"
        ));
        let missing = CheckInDraft::default().check(today()).unwrap_err();
        assert_eq!(join_problems(&missing), "value is missing");
        let words = CheckInDraft {
            value: "ten".into(),
            date: "June 1".into(),
            ..CheckInDraft::default()
        };
        assert_eq!(
            join_problems(&words.check(today()).unwrap_err()),
            "value 'ten': not a number; date 'June 1': not a date; use YYYY-MM-DD, e.g. 2026-12-18"
        );
    }

    #[test]
    fn confidence_names_come_back() {
        for c in Confidence::ALL {
            assert_eq!(c.name().parse::<Confidence>(), Ok(c));
        }
        assert_eq!("OFF_TRACK".parse::<Confidence>(), Ok(Confidence::OffTrack));
    }
}
