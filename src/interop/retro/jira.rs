//! Action items as a CSV that Jira's CSV importer maps without edits: the
//! header is exactly `Summary,Description,Assignee,Due Date,Labels,Issue Type`
//! (Jira's own field names), and every row is a `Task`.
//!
//! - `Summary`: the action's title on one line, at most 255 characters
//!   (Jira's limit); a longer or multi-line title is kept whole in the
//!   description.
//! - `Description`: which retro (title, team, id) and card or group the
//!   action came from, its owner and status.
//! - `Assignee`: the owner, or empty.
//! - `Due Date`: `dd/MMM/yy` with English month names (`18/Dec/26`), the
//!   importer's default date format; empty without a due date.
//! - `Labels`: `retro` and the team as a label (white space becomes `-`,
//!   as labels hold no spaces), separated by a space.
//! - `Issue Type`: `Task`.

use super::actions::origin;
use crate::domain::retro::ActionItem;
use crate::domain::text::sanitize_line;
use std::io;

pub const JIRA_HEADER: [&str; 6] = [
    "Summary",
    "Description",
    "Assignee",
    "Due Date",
    "Labels",
    "Issue Type",
];

/// The longest summary Jira accepts, in characters.
pub const SUMMARY_LIMIT: usize = 255;

/// The title on one line, cut to Jira's summary limit.
fn summary(title: &str) -> String {
    let line = sanitize_line(title);
    line.trim().chars().take(SUMMARY_LIMIT).collect()
}

/// A team name as a Jira label: runs of white space become one `-`.
pub fn team_label(team: &str) -> String {
    team.split_whitespace().collect::<Vec<_>>().join("-")
}

fn labels(team: &str) -> String {
    match team_label(team) {
        label if label.is_empty() || label == "retro" => "retro".to_string(),
        label => format!("retro {label}"),
    }
}

fn description(action: &ActionItem, summary: &str) -> String {
    let mut text = origin(action);
    text.push_str(&format!(
        "\nOwner: {}\nStatus: {}",
        action.owner.as_deref().unwrap_or("none"),
        action.status
    ));
    if summary != action.title {
        text.push_str("\n\nFull title:\n");
        text.push_str(&action.title);
    }
    text
}

/// Writes the header and one row per action.
pub fn write_jira(items: &[ActionItem], out: &mut dyn io::Write) -> io::Result<()> {
    let mut writer = super::rfc4180_writer(out);
    writer.write_record(JIRA_HEADER)?;
    for action in items {
        let summary = summary(&action.title);
        let due = action.due.map(|d| d.format("%d/%b/%y").to_string());
        writer.write_record([
            summary.as_str(),
            &description(action, &summary),
            action.owner.as_deref().unwrap_or(""),
            due.as_deref().unwrap_or(""),
            &labels(&action.team),
            "Task",
        ])?;
    }
    writer.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::retro::ActionStatus;
    use crate::interop::retro::fixture::{action, date};

    fn rows(items: &[ActionItem]) -> Vec<Vec<String>> {
        let mut out = Vec::new();
        write_jira(items, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("Summary,Description,Assignee,Due Date,Labels,Issue Type\r\n"));
        let mut reader = ::csv::Reader::from_reader(text.as_bytes());
        reader
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect()
    }

    #[test]
    fn a_row_maps_to_jira_fields_with_its_retro_and_a_jira_date() {
        let item = ActionItem {
            due: Some(date(2026, 12, 18)),
            card_id: Some(4),
            ..action(1, "Quarantine flaky tests, \"soon\"", Some("Dmitri"))
        };
        let rows = rows(&[item]);
        assert_eq!(rows.len(), 1);
        let row = &rows[0];
        assert_eq!(row[0], "Quarantine flaky tests, \"soon\"");
        assert_eq!(
            row[1],
            "Action item from the retro \"Sprint 48\" (team Core Platform, retro 7, card 4).\nOwner: Dmitri\nStatus: open"
        );
        assert_eq!(row[2], "Dmitri");
        assert_eq!(row[3], "18/Dec/26");
        assert_eq!(row[4], "retro Core-Platform");
        assert_eq!(row[5], "Task");
    }

    #[test]
    fn a_long_or_multiline_title_is_cut_for_the_summary_and_kept_whole() {
        let long = format!("{}\nsecond line", "é".repeat(300));
        let mut item = action(2, &long, None);
        item.status = ActionStatus::Dropped;
        item.team = "  ".into();
        let row = &rows(&[item])[0];
        assert_eq!(row[0].chars().count(), SUMMARY_LIMIT);
        assert!(!row[0].contains('\n'));
        assert!(row[1].ends_with(&format!("Full title:\n{long}")));
        assert!(row[1].contains("Owner: none\nStatus: dropped"));
        assert_eq!((row[2].as_str(), row[3].as_str()), ("", ""));
        assert_eq!(row[4], "retro", "a blank team adds no label");
        assert_eq!(team_label("Core\t  Platform  Team"), "Core-Platform-Team");
    }
}
