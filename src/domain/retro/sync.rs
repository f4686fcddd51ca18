//! Following action items through the tracker they were exported to: the
//! issues of a tracker's export (a Jira CSV, a `gh issue list` JSON) are
//! matched to actions, and the plan says which actions change status or
//! done date and which issues match no action.
//!
//! Matching never guesses. An issue whose key (`RET-12`) or number (`#12`)
//! is recorded on an action is that action. Otherwise the issue's title
//! must equal, after trimming and case-sensitively, the title of exactly
//! one action not yet linked to an issue; the
//! issue's key is then recorded on it, so a later sync finds it by key even
//! after the title is edited in the tracker. Two such actions, or two
//! issues of the file with that title, leave the issue unmatched, naming
//! them.

use super::{ActionItem, ActionStatus};
use chrono::{DateTime, Utc};
use std::collections::HashMap;

/// The tracker an export comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tracker {
    Jira,
    GitHub,
}

impl Tracker {
    pub fn name(self) -> &'static str {
        match self {
            Tracker::Jira => "Jira",
            Tracker::GitHub => "GitHub",
        }
    }
}

/// The key recorded for a GitHub issue: `#` and its number.
pub fn github_key(number: u64) -> String {
    format!("#{number}")
}

/// One issue of a tracker's export, its status mapped to ours.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackerIssue {
    /// A Jira key (`RET-12`) or `github_key`.
    pub key: String,
    pub title: String,
    pub status: ActionStatus,
    /// When it was resolved or closed, if the export says.
    pub done_at: Option<DateTime<Utc>>,
}

/// An action item with the tracker key recorded for it, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct TrackedAction {
    pub action: ActionItem,
    pub tracker_key: Option<String>,
}

/// What a sync changes in one action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncUpdate {
    pub action_id: i64,
    pub title: String,
    pub issue_key: String,
    pub old_status: ActionStatus,
    pub new_status: ActionStatus,
    pub old_done_at: Option<DateTime<Utc>>,
    pub new_done_at: Option<DateTime<Utc>>,
    /// Whether the issue's key is recorded on the action by this sync.
    pub links: bool,
}

/// Why an issue matched no action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unmatched {
    /// No action has its title.
    NoAction,
    /// Several actions not yet linked have its title (their ids).
    SeveralActions(Vec<i64>),
    /// Other issues of the file have its title too (their keys).
    SeveralIssues(Vec<String>),
    /// The actions with its title are linked to other issues (id and key).
    LinkedElsewhere(Vec<(i64, String)>),
}

/// An issue that matched no action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnmatchedIssue {
    pub key: String,
    pub title: String,
    pub reason: Unmatched,
}

/// What a sync does: the actions it changes (in the file's order), how many
/// matched actions stay as they are, and the issues that matched none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncPlan {
    pub updates: Vec<SyncUpdate>,
    pub unchanged: usize,
    pub unmatched: Vec<UnmatchedIssue>,
}

/// Matches `issues` to `actions` and says what changes. An issue done without a date keeps the action's done date, or takes
/// `now` when the action was not done.
pub fn plan_sync(
    actions: &[TrackedAction],
    issues: &[TrackerIssue],
    now: DateTime<Utc>,
) -> SyncPlan {
    let by_key: HashMap<&str, &TrackedAction> = actions
        .iter()
        .filter_map(|a| a.tracker_key.as_deref().map(|key| (key, a)))
        .collect();
    let mut issues_by_title: HashMap<&str, Vec<&str>> = HashMap::new();
    for issue in issues
        .iter()
        .filter(|i| !by_key.contains_key(i.key.as_str()))
    {
        issues_by_title
            .entry(issue.title.trim())
            .or_default()
            .push(&issue.key);
    }

    let mut plan = SyncPlan::default();
    for issue in issues {
        if let Some(tracked) = by_key.get(issue.key.as_str()) {
            plan.record(&tracked.action, issue, false, now);
            continue;
        }
        let title = issue.title.trim();
        let same_title: Vec<&TrackedAction> = actions
            .iter()
            .filter(|a| a.action.title.trim() == title)
            .collect();
        let free: Vec<&ActionItem> = same_title
            .iter()
            .filter(|a| a.tracker_key.is_none())
            .map(|a| &a.action)
            .collect();
        let other_issues: Vec<String> = issues_by_title[title]
            .iter()
            .filter(|key| **key != issue.key)
            .map(|key| key.to_string())
            .collect();
        let reason = match free.as_slice() {
            [] if same_title.is_empty() => Unmatched::NoAction,
            [] => Unmatched::LinkedElsewhere(
                same_title
                    .iter()
                    .map(|a| (a.action.id, a.tracker_key.clone().unwrap_or_default()))
                    .collect(),
            ),
            _ if !other_issues.is_empty() => Unmatched::SeveralIssues(other_issues),
            [action] => {
                plan.record(action, issue, true, now);
                continue;
            }
            several => Unmatched::SeveralActions(several.iter().map(|a| a.id).collect()),
        };
        plan.unmatched.push(UnmatchedIssue {
            key: issue.key.clone(),
            title: issue.title.clone(),
            reason,
        });
    }
    plan
}

impl SyncPlan {
    /// Records what `issue` changes in `action`, if anything.
    fn record(
        &mut self,
        action: &ActionItem,
        issue: &TrackerIssue,
        links: bool,
        now: DateTime<Utc>,
    ) {
        let new_done_at = match issue.status {
            ActionStatus::Done => issue
                .done_at
                .or(action
                    .done_at
                    .filter(|_| action.status == ActionStatus::Done))
                .or(Some(now)),
            ActionStatus::Open | ActionStatus::Dropped => None,
        };
        if !links && issue.status == action.status && new_done_at == action.done_at {
            self.unchanged += 1;
            return;
        }
        self.updates.push(SyncUpdate {
            action_id: action.id,
            title: action.title.clone(),
            issue_key: issue.key.clone(),
            old_status: action.status,
            new_status: issue.status,
            old_done_at: action.done_at,
            new_done_at,
            links,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(secs, 0).unwrap()
    }

    fn tracked(id: i64, title: &str, key: Option<&str>) -> TrackedAction {
        TrackedAction {
            action: ActionItem {
                id,
                title: title.into(),
                owner: None,
                due: None,
                status: ActionStatus::Open,
                team: "Core".into(),
                retro_id: 1,
                retro_title: "Sprint 48".into(),
                card_id: None,
                group_id: None,
                created_at: at(0),
                done_at: None,
            },
            tracker_key: key.map(String::from),
        }
    }

    fn issue(key: &str, title: &str, status: ActionStatus, done: Option<i64>) -> TrackerIssue {
        TrackerIssue {
            key: key.into(),
            title: title.into(),
            status,
            done_at: done.map(at),
        }
    }

    #[test]
    fn a_recorded_key_wins_over_the_title_and_a_title_match_links_the_issue() {
        let actions = [
            tracked(1, "Fix CI", Some("RET-1")),
            tracked(2, "Write docs", None),
        ];
        let issues = [
            issue(
                "RET-1",
                "Fix the CI pipeline",
                ActionStatus::Done,
                Some(500),
            ),
            issue("RET-2", "  Write docs ", ActionStatus::Dropped, None),
        ];
        let plan = plan_sync(&actions, &issues, at(900));
        assert!(plan.unmatched.is_empty());
        assert_eq!(plan.updates.len(), 2);
        let by_key = &plan.updates[0];
        assert_eq!(
            (
                by_key.action_id,
                by_key.new_status,
                by_key.new_done_at,
                by_key.links
            ),
            (1, ActionStatus::Done, Some(at(500)), false)
        );
        let by_title = &plan.updates[1];
        assert_eq!(
            (
                by_title.action_id,
                by_title.new_status,
                by_title.new_done_at
            ),
            (2, ActionStatus::Dropped, None)
        );
        assert!(by_title.links);
        assert_eq!(by_title.issue_key, "RET-2");
    }

    #[test]
    fn titles_match_exactly_after_trimming() {
        let actions = [tracked(1, " Fix CI", None)];
        let lower = [issue("#4", "fix ci", ActionStatus::Open, None)];
        let plan = plan_sync(&actions, &lower, at(0));
        assert_eq!(plan.unmatched[0].reason, Unmatched::NoAction);
        let padded = [issue("#4", "Fix CI\t", ActionStatus::Open, None)];
        let plan = plan_sync(&actions, &padded, at(0));
        assert_eq!(plan.updates[0].action_id, 1);
    }

    #[test]
    fn nothing_is_guessed_between_same_titled_actions_or_issues() {
        let actions = [
            tracked(3, "Fix CI", None),
            tracked(5, "Fix CI", None),
            tracked(6, "Write docs", None),
            tracked(7, "Pair more", Some("RET-1")),
        ];
        let issues = [
            issue("RET-2", "Fix CI", ActionStatus::Done, Some(10)),
            issue("RET-3", "Write docs", ActionStatus::Open, None),
            issue("RET-4", "Write docs", ActionStatus::Done, None),
            issue("RET-5", "Pair more", ActionStatus::Done, None),
        ];
        let plan = plan_sync(&actions, &issues, at(0));
        assert!(plan.updates.is_empty());
        let reasons: Vec<&Unmatched> = plan.unmatched.iter().map(|u| &u.reason).collect();
        assert_eq!(
            reasons,
            [
                &Unmatched::SeveralActions(vec![3, 5]),
                &Unmatched::SeveralIssues(vec!["RET-4".into()]),
                &Unmatched::SeveralIssues(vec!["RET-3".into()]),
                &Unmatched::LinkedElsewhere(vec![(7, "RET-1".into())]),
            ]
        );
    }

    #[test]
    fn done_dates_come_from_the_issue_and_unchanged_actions_are_counted() {
        let mut done = tracked(1, "A", Some("#1"));
        done.action.status = ActionStatus::Done;
        done.action.done_at = Some(at(100));
        let mut reopened = tracked(2, "B", Some("#2"));
        reopened.action.status = ActionStatus::Done;
        reopened.action.done_at = Some(at(100));
        let actions = [done, reopened, tracked(3, "C", Some("#3"))];
        let issues = [
            issue("#1", "A", ActionStatus::Done, None),
            issue("#2", "B", ActionStatus::Open, None),
            issue("#3", "C", ActionStatus::Done, None),
        ];
        let plan = plan_sync(&actions, &issues, at(900));
        assert_eq!(plan.unchanged, 1, "done without a date keeps its date");
        assert_eq!(
            (plan.updates[0].new_status, plan.updates[0].new_done_at),
            (ActionStatus::Open, None)
        );
        assert_eq!(plan.updates[1].new_done_at, Some(at(900)));
        let dated = [issue("#1", "A", ActionStatus::Done, Some(50))];
        let plan = plan_sync(&actions, &dated, at(900));
        assert_eq!(
            (plan.updates[0].old_done_at, plan.updates[0].new_done_at),
            (Some(at(100)), Some(at(50)))
        );
        assert_eq!(github_key(12), "#12");
    }
}
