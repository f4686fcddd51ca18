//! Reading a tracker's own export back, for `actions sync`: the issues of a
//! Jira CSV export or of `gh issue list --state all --json
//! title,state,closedAt,number`, each with its status mapped to an action
//! status and its resolution date. A file starting with `[` or `{` is read
//! as GitHub's JSON, anything else as Jira's CSV.
//!
//! - **Jira CSV**: the columns `Summary`, `Issue key`, `Status` and
//!   `Resolved` are found by name (any case and order; the others, and
//!   repeats of a column, are ignored; a byte order mark and CRLF are fine).
//!   `Done`, `Closed`, `Resolved` and `Complete(d)` are done; `Won't Do`,
//!   `Won't Fix`, `Declined`, `Rejected`, `Cancelled`, `Abandoned`,
//!   `Obsolete` and `Duplicate` are dropped, as is a done issue whose
//!   optional `Resolution` column says one of those; any other status is
//!   open. `Resolved` is read in Jira's formats (`03/Oct/26 9:14 AM`, with a
//!   four-digit year or a 24-hour time too) or ISO (`2026-10-03 09:14`,
//!   `2026-10-03T09:14:00.000+0200`, `2026-10-03`). A time without a zone is
//!   taken as UTC, so the day stays the one the tracker shows.
//! - **GitHub JSON**: an array of objects with `title`, `state` (`OPEN`,
//!   `CLOSED`), `number` and `closedAt` (RFC 3339, or `null`). A closed
//!   issue is done, or dropped when the optional `stateReason` is
//!   `NOT_PLANNED` (`gh` gives it only when asked for).
//!
//! A file that is not UTF-8, lacks a column or field, holds a bad cell or
//! repeats a key is refused with one line naming the problem.

use crate::domain::retro::ActionStatus;
use crate::domain::retro::sync::{Tracker, TrackerIssue, github_key};
use crate::interop::errors::{
    CellError, ImportError, Unit, column_list, csv_error, sniff_delimiter,
};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde_json::Value;
use std::collections::HashMap;

/// The issues of one tracker's export, in the file's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackerExport {
    pub tracker: Tracker,
    pub issues: Vec<TrackerIssue>,
}

/// The Jira columns `actions sync` reads, as Jira names them.
pub const JIRA_COLUMNS: [&str; 4] = ["Summary", "Issue key", "Status", "Resolved"];

/// Jira statuses and resolutions that mean the work was given up.
const DROPPED: [&str; 9] = [
    "won't do",
    "won't fix",
    "declined",
    "rejected",
    "cancelled",
    "canceled",
    "abandoned",
    "obsolete",
    "duplicate",
];

/// Jira statuses that mean the work is finished.
const DONE: [&str; 5] = ["done", "closed", "resolved", "complete", "completed"];

/// Reads a tracker's export: GitHub's JSON or Jira's CSV.
pub fn read_tracker_export(bytes: &[u8]) -> Result<TrackerExport, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        ImportError::File(format!(
            "line {line}: not UTF-8 text; save it as UTF-8 and try again"
        ))
    })?;
    let (tracker, issues) = match text.trim_start().as_bytes().first() {
        None => return Err(ImportError::File("the file is empty".into())),
        Some(b'[' | b'{') => (Tracker::GitHub, read_github_json(text)?),
        Some(_) => (Tracker::Jira, read_jira_csv(text)?),
    };
    refuse_repeated_keys(&issues)?;
    Ok(TrackerExport { tracker, issues })
}

/// A bad cell as the one-line error it makes.
fn bad_cell(unit: Unit, line: u64, column: &str, value: &str, message: &str) -> ImportError {
    ImportError::File(
        CellError {
            unit,
            line,
            column: column.into(),
            value: value.into(),
            message: message.into(),
        }
        .to_string(),
    )
}

fn refuse_repeated_keys(issues: &[TrackerIssue]) -> Result<(), ImportError> {
    let mut seen = HashMap::new();
    for (index, issue) in issues.iter().enumerate() {
        if let Some(first) = seen.insert(issue.key.as_str(), index) {
            return Err(ImportError::File(format!(
                "the issue {} appears twice (issues {} and {} of the file)",
                issue.key,
                first + 1,
                index + 1
            )));
        }
    }
    Ok(())
}

/// A status (and resolution) from Jira as an action status.
pub fn jira_status(status: &str, resolution: &str) -> ActionStatus {
    let words = |text: &str| text.trim().to_lowercase().replace('\u{2019}', "'");
    let (status, resolution) = (words(status), words(resolution));
    if DROPPED.contains(&status.as_str()) {
        ActionStatus::Dropped
    } else if DONE.contains(&status.as_str()) {
        match DROPPED.contains(&resolution.as_str()) {
            true => ActionStatus::Dropped,
            false => ActionStatus::Done,
        }
    } else {
        ActionStatus::Open
    }
}

/// A time of Jira's `Resolved` column, to the second; `None` for text in no
/// known format.
pub fn jira_time(text: &str) -> Option<DateTime<Utc>> {
    const WITH_TIME: [&str; 7] = [
        "%d/%b/%y %I:%M %p",
        "%d/%b/%Y %I:%M %p",
        "%d/%b/%y %H:%M",
        "%d/%b/%Y %H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S%.f",
    ];
    const DATE_ONLY: [&str; 3] = ["%d/%b/%y", "%d/%b/%Y", "%Y-%m-%d"];
    let text = text.trim();
    let zoned = DateTime::parse_from_rfc3339(text)
        .or_else(|_| DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f%z"))
        .ok()
        .map(|t| t.with_timezone(&Utc));
    let naive = || {
        WITH_TIME
            .iter()
            .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
            .or_else(|| {
                DATE_ONLY
                    .iter()
                    .find_map(|f| NaiveDate::parse_from_str(text, f).ok())
                    .and_then(|d| d.and_hms_opt(0, 0, 0))
            })
            .map(|t| t.and_utc())
    };
    zoned
        .or_else(naive)
        .and_then(|t| DateTime::from_timestamp(t.timestamp(), 0))
}

fn read_jira_csv(text: &str) -> Result<Vec<TrackerIssue>, ImportError> {
    let first_line = text.lines().next().unwrap_or_default();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sniff_delimiter(first_line.as_bytes()))
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(csv_error)?
        .iter()
        .map(String::from)
        .collect();
    let position = |name: &str| {
        header
            .iter()
            .position(|cell| cell.trim().eq_ignore_ascii_case(name))
    };
    let mut columns = [0; 4];
    for (slot, name) in columns.iter_mut().zip(JIRA_COLUMNS) {
        *slot = position(name).ok_or_else(|| {
            ImportError::File(format!(
                "the header has no column '{name}' (a Jira CSV export has {}; found {})",
                JIRA_COLUMNS.join(", "),
                column_list(&header)
            ))
        })?;
    }
    let [summary, key, status, resolved] = columns;
    let resolution = position("Resolution");
    let mut issues = Vec::new();
    for record in reader.records() {
        let record = record.map_err(csv_error)?;
        let line = record.position().map_or(0, |p| p.line());
        let cell = |at: usize| record.get(at).unwrap_or_default().trim();
        let issue_key = cell(key).to_uppercase();
        if !is_jira_key(&issue_key) {
            let message = "not a Jira issue key (PROJECT-123)";
            return Err(bad_cell(Unit::Line, line, "Issue key", cell(key), message));
        }
        let done_at = match cell(resolved) {
            "" => None,
            text => Some(jira_time(text).ok_or_else(|| {
                let message = "not a date; expected Jira's 03/Oct/26 9:14 AM or 2026-10-03 09:14";
                bad_cell(Unit::Line, line, "Resolved", text, message)
            })?),
        };
        let status = jira_status(cell(status), resolution.map_or("", cell));
        issues.push(TrackerIssue {
            key: issue_key,
            title: cell(summary).to_string(),
            done_at: done_at.filter(|_| status == ActionStatus::Done),
            status,
        });
    }
    Ok(issues)
}

/// `PROJECT-123`: a project key (a letter, then letters, digits or `_`),
/// a dash and a number.
fn is_jira_key(key: &str) -> bool {
    let Some((project, number)) = key.rsplit_once('-') else {
        return false;
    };
    project.starts_with(|c: char| c.is_ascii_alphabetic())
        && project
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !number.is_empty()
        && number.chars().all(|c| c.is_ascii_digit())
}

fn read_github_json(text: &str) -> Result<Vec<TrackerIssue>, ImportError> {
    const SHAPE: &str = "an array of issues, as `gh issue list --state all --json title,state,closedAt,number` writes";
    let value: Value = serde_json::from_str(text)
        .map_err(|e| ImportError::File(format!("not valid JSON ({e}); expected {SHAPE}")))?;
    let Value::Array(items) = value else {
        return Err(ImportError::File(format!(
            "a JSON object, not an array; expected {SHAPE}"
        )));
    };
    items
        .iter()
        .enumerate()
        .map(|(index, item)| github_issue(index as u64 + 1, item))
        .collect()
}

fn github_issue(item: u64, value: &Value) -> Result<TrackerIssue, ImportError> {
    let bad = |field: &str, value: &Value, message: &str| {
        let shown = match value {
            Value::Null => String::new(),
            other => other.to_string(),
        };
        bad_cell(Unit::Item, item, field, &shown, message)
    };
    let Value::Object(fields) = value else {
        return Err(bad(
            "",
            value,
            "not an object with title, state, closedAt and number",
        ));
    };
    let field = |name: &str| fields.get(name).unwrap_or(&Value::Null);
    let number = field("number")
        .as_u64()
        .filter(|n| *n > 0)
        .ok_or_else(|| bad("number", field("number"), "not an issue number"))?;
    let title = field("title")
        .as_str()
        .ok_or_else(|| bad("title", field("title"), "not a text"))?;
    let state = field("state").as_str().unwrap_or_default();
    let not_planned = field("stateReason")
        .as_str()
        .is_some_and(|r| r.eq_ignore_ascii_case("not_planned"));
    let status = match state.to_ascii_uppercase().as_str() {
        "OPEN" => ActionStatus::Open,
        "CLOSED" if not_planned => ActionStatus::Dropped,
        "CLOSED" => ActionStatus::Done,
        _ => return Err(bad("state", field("state"), "not OPEN or CLOSED")),
    };
    let not_a_time = |value: &Value| bad("closedAt", value, "not an RFC 3339 time");
    let done_at = match field("closedAt") {
        Value::Null => None,
        // gh writes the zero time (year 1) for an issue never closed.
        Value::String(text) if text.is_empty() || text.starts_with("0001-") => None,
        Value::String(text) => Some(
            DateTime::parse_from_rfc3339(text)
                .ok()
                .and_then(|t| DateTime::from_timestamp(t.timestamp(), 0))
                .ok_or_else(|| not_a_time(field("closedAt")))?,
        ),
        other => return Err(not_a_time(other)),
    };
    Ok(TrackerIssue {
        key: github_key(number),
        title: title.trim().to_string(),
        done_at: done_at.filter(|_| status == ActionStatus::Done),
        status,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const JIRA: &[u8] = include_bytes!("../../../tests/fixtures/sync/jira_export.csv");
    const GITHUB: &[u8] = include_bytes!("../../../tests/fixtures/sync/gh_issues.json");

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn refused(bytes: &[u8]) -> String {
        let error = read_tracker_export(bytes).unwrap_err().to_string();
        assert_eq!(error.lines().count(), 1, "{error}");
        error
    }

    #[test]
    fn the_jira_fixture_reads_by_column_name_with_statuses_and_dates() {
        let export = read_tracker_export(JIRA).unwrap();
        assert_eq!(export.tracker, Tracker::Jira);
        let seen: Vec<(&str, &str, ActionStatus, Option<DateTime<Utc>>)> = export
            .issues
            .iter()
            .map(|i| (i.key.as_str(), i.title.as_str(), i.status, i.done_at))
            .collect();
        assert_eq!(
            seen,
            [
                (
                    "RET-101",
                    "Quarantine flaky tests",
                    ActionStatus::Done,
                    Some(utc("2026-12-16T16:40:00Z"))
                ),
                (
                    "RET-102",
                    "Write the on-call runbook",
                    ActionStatus::Dropped,
                    None
                ),
                (
                    "RET-103",
                    "Pair on the billing refactor",
                    ActionStatus::Open,
                    None
                ),
                (
                    "RET-104",
                    "Book a room for the demo",
                    ActionStatus::Done,
                    Some(utc("2026-12-05T08:00:00Z"))
                ),
                ("RET-105", "Tidy the team wiki", ActionStatus::Open, None),
            ]
        );
        let reordered = "status;RESOLVED;issue key;summary\r\nClosed;2026-10-03;ret-7;Fix CI\r\n";
        let issue = &read_tracker_export(reordered.as_bytes()).unwrap().issues[0];
        assert_eq!(
            (
                issue.key.as_str(),
                issue.title.as_str(),
                issue.status,
                issue.done_at
            ),
            (
                "RET-7",
                "Fix CI",
                ActionStatus::Done,
                Some(utc("2026-10-03T00:00:00Z"))
            )
        );
    }

    #[test]
    fn the_github_fixture_reads_with_closed_as_done_at_closed_at() {
        let export = read_tracker_export(GITHUB).unwrap();
        assert_eq!(export.tracker, Tracker::GitHub);
        let first = &export.issues[0];
        assert_eq!(
            (first.key.as_str(), first.status, first.done_at),
            ("#58", ActionStatus::Done, Some(utc("2026-12-15T16:05:41Z")))
        );
        assert_eq!(
            (export.issues[1].status, export.issues[1].done_at),
            (ActionStatus::Open, None)
        );
        let more = r#"[{"title":" A ","state":"closed","stateReason":"NOT_PLANNED","number":3,"closedAt":"2026-01-02T03:04:05.678+01:00"},
            {"title":"B","state":"OPEN","number":4,"closedAt":"0001-01-01T00:00:00Z","labels":[]}]"#;
        let issues = read_tracker_export(more.as_bytes()).unwrap().issues;
        assert_eq!(
            (
                issues[0].title.as_str(),
                issues[0].status,
                issues[0].done_at
            ),
            ("A", ActionStatus::Dropped, None)
        );
        assert_eq!(issues[1].done_at, None);
    }

    #[test]
    fn jira_statuses_and_dates_map_as_documented() {
        assert_eq!(jira_status("Resolved", ""), ActionStatus::Done);
        assert_eq!(jira_status(" won’t do ", ""), ActionStatus::Dropped);
        assert_eq!(jira_status("Declined", ""), ActionStatus::Dropped);
        assert_eq!(jira_status("Done", "Won't Fix"), ActionStatus::Dropped);
        assert_eq!(jira_status("In Review", "Done"), ActionStatus::Open);
        let morning = utc("2026-10-03T09:14:00Z");
        for text in [
            "03/Oct/26 9:14 AM",
            "3/oct/26 9:14 am",
            "03/Oct/2026 09:14 AM",
            "03/Oct/26 09:14",
            "2026-10-03 09:14",
            "2026-10-03 09:14:00",
            "2026-10-03T09:14:00.000",
            "2026-10-03T11:14:00.000+0200",
            "2026-10-03T09:14:00Z",
        ] {
            assert_eq!(jira_time(text), Some(morning), "{text}");
        }
        assert_eq!(
            jira_time("03/Oct/26 9:14 PM"),
            Some(utc("2026-10-03T21:14:00Z"))
        );
        assert_eq!(
            jira_time("2026-10-03T09:14:00.999Z"),
            Some(morning),
            "to the second"
        );
        assert_eq!(jira_time("yesterday"), None);
    }

    #[test]
    fn a_malformed_file_is_one_line_naming_the_problem() {
        assert_eq!(refused(b""), "the file is empty");
        assert!(refused(b"Summary,Status\nFix,Done\n").starts_with(
            "the header has no column 'Issue key' (a Jira CSV export has Summary, Issue key, \
             Status, Resolved; found Summary, Status)"
        ));
        let header = "Summary,Issue key,Status,Resolved\n";
        assert_eq!(
            refused(format!("{header}Fix,RET-1,Done,yesterday\n").as_bytes()),
            "line 2, column 'Resolved', value 'yesterday': not a date; expected Jira's \
             03/Oct/26 9:14 AM or 2026-10-03 09:14"
        );
        assert_eq!(
            refused(format!("{header}Fix,,Done,\n").as_bytes()),
            "line 2, column 'Issue key': not a Jira issue key (PROJECT-123)"
        );
        assert_eq!(
            refused(format!("{header}Fix,RET-1,Done\n").as_bytes()),
            "line 2: 3 fields where the header has 4"
        );
        assert_eq!(
            refused(format!("{header}A,RET-1,Done,\nB,ret-1,Done,\n").as_bytes()),
            "the issue RET-1 appears twice (issues 1 and 2 of the file)"
        );
        assert_eq!(
            refused(b"Summary,Issue key,Status,Resolved\ncaf\xe9,RET-1,Done,\n"),
            "line 2: not UTF-8 text; save it as UTF-8 and try again"
        );
        assert!(refused(b"{\"title\": \"x\"}").starts_with("a JSON object, not an array;"));
        assert!(refused(b"[{\"title\": \"x\",").starts_with("not valid JSON ("));
        assert_eq!(
            refused(br#"[{"title":"x","state":"OPEN","number":"7"}]"#),
            "item 1, column 'number', value '\"7\"': not an issue number"
        );
        assert_eq!(
            refused(br#"[{"title":"x","state":"MERGED","number":7}]"#),
            "item 1, column 'state', value '\"MERGED\"': not OPEN or CLOSED"
        );
        assert_eq!(
            refused(br#"[{"title":"x","state":"CLOSED","number":7,"closedAt":"monday"}]"#),
            "item 1, column 'closedAt', value '\"monday\"': not an RFC 3339 time"
        );
        assert_eq!(
            refused(b"[3]"),
            "item 1, value '3': not an object with title, state, closedAt and number"
        );
    }
}
