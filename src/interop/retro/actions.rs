//! Action items as JSON, CSV and Markdown, for `actions list` and
//! `actions export`, and the action JSON object the retro JSON reuses.
//!
//! The JSON object and the CSV columns are the same stable fields:
//! `id, title, owner, due, status, team, retro_id, retro_title, card_id,
//! created_at, done_at, group_id` (`due` as `YYYY-MM-DD`, times as RFC 3339
//! in UTC; unset values are `null` in JSON and empty in CSV). `group_id`,
//! the group the action came from, comes last so the columns before it keep
//! their places.

use super::escape;
use crate::domain::retro::{ActionItem, ActionStatus};
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use serde::Serialize;
use std::io;

/// The CSV columns, in order (the JSON object's keys, too).
pub const ACTION_HEADER: [&str; 12] = [
    "id",
    "title",
    "owner",
    "due",
    "status",
    "team",
    "retro_id",
    "retro_title",
    "card_id",
    "created_at",
    "done_at",
    "group_id",
];

/// One action item as it appears in JSON.
#[derive(Debug, Serialize)]
pub struct ActionJson<'a> {
    pub id: i64,
    pub title: &'a str,
    pub owner: Option<&'a str>,
    pub due: Option<String>,
    pub status: &'static str,
    pub team: &'a str,
    pub retro_id: i64,
    pub retro_title: &'a str,
    pub card_id: Option<i64>,
    pub created_at: String,
    pub done_at: Option<String>,
    pub group_id: Option<i64>,
}

fn timestamp(at: &DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// `YYYY-MM-DD`.
pub fn iso_date(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

impl<'a> ActionJson<'a> {
    pub fn from_action(action: &'a ActionItem) -> ActionJson<'a> {
        ActionJson {
            id: action.id,
            title: &action.title,
            owner: action.owner.as_deref(),
            due: action.due.map(iso_date),
            status: action.status.name(),
            team: &action.team,
            retro_id: action.retro_id,
            retro_title: &action.retro_title,
            card_id: action.card_id,
            created_at: timestamp(&action.created_at),
            done_at: action.done_at.as_ref().map(timestamp),
            group_id: action.group_id,
        }
    }
}

/// Where an action came from, in one sentence naming the retro, its team
/// and id, and the card or group (for the Jira and GitHub descriptions).
pub fn origin(action: &ActionItem) -> String {
    let mut text = format!(
        "Action item from the retro \"{}\" (team {}, retro {}",
        action.retro_title, action.team, action.retro_id
    );
    if let Some(card) = action.card_id {
        text.push_str(&format!(", card {card}"));
    }
    if let Some(group) = action.group_id {
        text.push_str(&format!(", group {group}"));
    }
    text.push_str(").");
    text
}

/// Writes one JSON array of action objects.
pub fn write_json(items: &[ActionItem], out: &mut dyn io::Write) -> io::Result<()> {
    let json: Vec<ActionJson> = items.iter().map(ActionJson::from_action).collect();
    serde_json::to_writer_pretty(&mut *out, &json)?;
    writeln!(out)
}

/// Writes the header and one RFC 4180 record per action.
pub fn write_csv(items: &[ActionItem], out: &mut dyn io::Write) -> io::Result<()> {
    let mut writer = super::rfc4180_writer(out);
    writer.write_record(ACTION_HEADER)?;
    for a in items {
        let optional = |v: Option<i64>| v.map(|n| n.to_string()).unwrap_or_default();
        writer.write_record([
            a.id.to_string(),
            a.title.clone(),
            a.owner.clone().unwrap_or_default(),
            a.due.map(iso_date).unwrap_or_default(),
            a.status.name().to_string(),
            a.team.clone(),
            a.retro_id.to_string(),
            a.retro_title.clone(),
            optional(a.card_id),
            timestamp(&a.created_at),
            a.done_at.as_ref().map(timestamp).unwrap_or_default(),
            optional(a.group_id),
        ])?;
    }
    writer.flush()
}

/// The due date as a table cell, with "overdue" in words when it is.
pub fn due_cell(action: &ActionItem, today: NaiveDate) -> String {
    match action.due {
        None => "–".to_string(),
        Some(due) if action.is_overdue(today) => format!("{} (overdue)", iso_date(due)),
        Some(due) => iso_date(due),
    }
}

fn section_title(status: ActionStatus) -> &'static str {
    match status {
        ActionStatus::Open => "Open",
        ActionStatus::Done => "Done",
        ActionStatus::Dropped => "Dropped",
    }
}

/// Writes a GitHub Markdown document: a summary line, then one table per
/// status (open first, by due date; then done and dropped). Overdue open
/// actions say so in their due cell.
pub fn write_markdown(
    items: &[ActionItem],
    today: NaiveDate,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    writeln!(out, "# Action items\n")?;
    if items.is_empty() {
        return writeln!(out, "No action items.");
    }
    let count = |status| items.iter().filter(|a| a.status == status).count();
    let overdue = items.iter().filter(|a| a.is_overdue(today)).count();
    writeln!(
        out,
        "{} action items: {} open ({} overdue on {}), {} done, {} dropped.",
        items.len(),
        count(ActionStatus::Open),
        overdue,
        iso_date(today),
        count(ActionStatus::Done),
        count(ActionStatus::Dropped),
    )?;
    for status in ActionStatus::ALL {
        let mut section: Vec<&ActionItem> = items.iter().filter(|a| a.status == status).collect();
        if section.is_empty() {
            continue;
        }
        // Dated first, soonest first; undated after, oldest first.
        section.sort_by_key(|a| (a.due.is_none(), a.due, a.id));
        writeln!(out, "\n## {}\n", section_title(status))?;
        writeln!(out, "| ID | Action | Owner | Due | Team | Retro |")?;
        writeln!(out, "|---:|---|---|---|---|---|")?;
        for a in section {
            writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                a.id,
                escape::text(&a.title),
                escape::cell_or_dash(a.owner.as_deref()),
                due_cell(a, today),
                escape::cell_or_dash(Some(&a.team)),
                escape::cell_or_dash(Some(&a.retro_title)),
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interop::retro::fixture::{action, date};

    fn hostile() -> ActionItem {
        ActionItem {
            due: Some(date(2026, 12, 1)),
            card_id: Some(4),
            ..action(
                5,
                "Fix \"this\", now\nand | <b>that</b>",
                Some("O'Neil, Jo"),
            )
        }
    }

    #[test]
    fn the_csv_has_the_documented_header_and_reads_back_field_for_field() {
        let mut done = action(6, "Done, \"quoted\"", None);
        done.status = ActionStatus::Done;
        done.done_at = Some(DateTime::from_timestamp(1_800_000_200, 0).unwrap());
        let items = [hostile(), done];
        let mut out = Vec::new();
        write_csv(&items, &mut out).unwrap();
        let mut reader = ::csv::Reader::from_reader(out.as_slice());
        assert_eq!(reader.headers().unwrap(), ACTION_HEADER.as_slice());
        let rows: Vec<::csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(&rows[0][1], "Fix \"this\", now\nand | <b>that</b>");
        assert_eq!(&rows[0][2], "O'Neil, Jo");
        assert_eq!(&rows[0][3], "2026-12-01");
        assert_eq!(&rows[0][8], "4");
        assert_eq!(&rows[0][10], "", "not done: empty");
        assert_eq!(&rows[1][2], "", "no owner: empty");
        assert_eq!(&rows[1][4], "done");
        assert_eq!(&rows[1][10], "2027-01-15T08:03:20Z");
    }

    #[test]
    fn the_origin_names_the_retro_and_the_card_or_group() {
        assert_eq!(
            origin(&hostile()),
            "Action item from the retro \"Sprint 48\" (team Core Platform, retro 7, card 4)."
        );
        let on_group = ActionItem {
            group_id: Some(10),
            ..action(8, "Grouped", None)
        };
        assert!(origin(&on_group).ends_with("retro 7, group 10)."));
    }

    #[test]
    fn the_json_has_every_field_with_null_for_unset() {
        let mut out = Vec::new();
        write_json(&[hostile(), action(6, "Loose", None)], &mut out).unwrap();
        let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let list = json.as_array().unwrap();
        let keys: Vec<&str> = list[0]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut expected = ACTION_HEADER.to_vec();
        expected.sort_unstable();
        let mut keys_sorted = keys.clone();
        keys_sorted.sort_unstable();
        assert_eq!(keys_sorted, expected);
        assert_eq!(list[0]["title"], "Fix \"this\", now\nand | <b>that</b>");
        assert_eq!(list[0]["due"], "2026-12-01");
        assert_eq!(list[0]["status"], "open");
        assert_eq!(list[0]["created_at"], "2027-01-15T08:01:40Z");
        for key in ["owner", "due", "card_id", "done_at", "group_id"] {
            assert!(list[1][key].is_null(), "{key}");
        }
    }

    #[test]
    fn the_markdown_groups_by_status_says_overdue_and_escapes() {
        let mut done = action(6, "Shipped", Some("Dana"));
        done.status = ActionStatus::Done;
        done.due = Some(date(2026, 1, 1));
        let later = ActionItem {
            due: Some(date(2027, 1, 1)),
            ..action(7, "Later", None)
        };
        let mut out = Vec::new();
        write_markdown(&[later, done, hostile()], date(2026, 12, 4), &mut out).unwrap();
        let md = String::from_utf8(out).unwrap();
        assert!(md.contains("3 action items: 2 open (1 overdue on 2026-12-04), 1 done"));
        assert!(!md.contains('<'), "no raw HTML:\n{md}");
        assert!(md.contains("| 5 | Fix \"this\", now and \\| &lt;b&gt;that&lt;/b&gt; | O'Neil, Jo | 2026-12-01 (overdue) |"));
        assert!(
            md.contains("| 6 | Shipped | Dana | 2026-01-01 | "),
            "done is never overdue:\n{md}"
        );
        let open = md.find("## Open").unwrap();
        let (first, second) = (md.find("| 5 |").unwrap(), md.find("| 7 |").unwrap());
        assert!(open < first && first < second, "soonest due first");
        assert!(md.find("## Done").unwrap() > second);
        assert!(!md.contains("## Dropped"), "empty sections are left out");

        let mut empty = Vec::new();
        write_markdown(&[], date(2026, 12, 4), &mut empty).unwrap();
        assert!(
            String::from_utf8(empty)
                .unwrap()
                .contains("No action items.")
        );
    }
}
