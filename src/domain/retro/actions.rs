//! Action items: what the team will do, who owns it, by when, and whether
//! it is done. Open items come back in the next retro's review.

use crate::domain::feedback::UnknownName;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    Open,
    Done,
    Dropped,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 3] = [
        ActionStatus::Open,
        ActionStatus::Done,
        ActionStatus::Dropped,
    ];
    const NAMES: &'static [&'static str] = &["open", "done", "dropped"];

    pub fn name(self) -> &'static str {
        match self {
            ActionStatus::Open => "open",
            ActionStatus::Done => "done",
            ActionStatus::Dropped => "dropped",
        }
    }

    /// The next status in open → done → dropped → open.
    pub fn next(self) -> ActionStatus {
        match self {
            ActionStatus::Open => ActionStatus::Done,
            ActionStatus::Done => ActionStatus::Dropped,
            ActionStatus::Dropped => ActionStatus::Open,
        }
    }
}

impl fmt::Display for ActionStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for ActionStatus {
    type Err = UnknownName;

    fn from_str(text: &str) -> Result<ActionStatus, UnknownName> {
        let lower = text.trim().to_ascii_lowercase();
        ActionStatus::ALL
            .into_iter()
            .find(|s| s.name() == lower)
            .ok_or_else(|| UnknownName {
                field: "status",
                value: text.to_string(),
                allowed: ActionStatus::NAMES,
            })
    }
}

/// One action item, with where it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionItem {
    pub id: i64,
    pub title: String,
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
    pub status: ActionStatus,
    pub team: String,
    pub retro_id: i64,
    pub retro_title: String,
    /// The card it came from, if any.
    pub card_id: Option<i64>,
    /// The group it came from, if any.
    pub group_id: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub done_at: Option<DateTime<Utc>>,
}

impl ActionItem {
    /// Open and past its due date.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status == ActionStatus::Open && self.due.is_some_and(|due| due < today)
    }
}

/// Reads a due date written `YYYY-MM-DD`.
pub fn parse_due(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("invalid due date '{text}': use YYYY-MM-DD, e.g. 2026-12-18"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_parse_cycle_and_overdue_needs_open_and_past_due() {
        assert_eq!("Done".parse::<ActionStatus>().unwrap(), ActionStatus::Done);
        assert!(
            "closed"
                .parse::<ActionStatus>()
                .unwrap_err()
                .to_string()
                .contains("open, done, dropped")
        );
        assert_eq!(ActionStatus::Dropped.next(), ActionStatus::Open);
        let today = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
        let mut item = ActionItem {
            id: 1,
            title: "Fix deploys".into(),
            owner: Some("Dana".into()),
            due: Some(NaiveDate::from_ymd_opt(2026, 12, 3).unwrap()),
            status: ActionStatus::Open,
            team: "core".into(),
            retro_id: 1,
            retro_title: "Sprint 48".into(),
            card_id: None,
            group_id: None,
            created_at: DateTime::from_timestamp(0, 0).unwrap(),
            done_at: None,
        };
        assert!(item.is_overdue(today));
        item.due = Some(today);
        assert!(!item.is_overdue(today), "due today is not late yet");
        item.due = Some(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        item.status = ActionStatus::Done;
        assert!(!item.is_overdue(today));
        assert_eq!(
            parse_due("2026-12-18").unwrap(),
            NaiveDate::from_ymd_opt(2026, 12, 18).unwrap()
        );
        assert!(parse_due("18/12/2026").unwrap_err().contains("YYYY-MM-DD"));
    }
}
