//! `retriage actions sync FILE [--dry-run]`: a tracker's export read back
//! through `service::action_sync`. Prints a line per action it updates
//! (id, title, old → new status, done date, the issue), a line per issue
//! that matched no action (its key, title and why), and a summary. Unmatched
//! issues are not an error: the matched ones are applied and it exits 0.

use super::output::emit;
use super::{ActionSyncArgs, CliError};
use crate::domain::retro::sync::{SyncUpdate, Unmatched, UnmatchedIssue};
use crate::domain::text::sanitize_line;
use crate::interop::files::read_to_import;
use crate::service::Error;
use crate::service::action_sync::{SyncOutcome, sync_actions};
use crate::store::Store;
use chrono::{DateTime, Utc};
use std::io::{self, Write};

pub(super) fn sync(store: &mut Store, args: ActionSyncArgs) -> Result<(), CliError> {
    let shown = args.file.display().to_string();
    let bytes = read_to_import(&args.file).map_err(CliError)?;
    let outcome = match sync_actions(store, &bytes, args.dry_run, Utc::now()) {
        Ok(outcome) => outcome,
        Err(Error::Read(e)) => return Err(CliError(format!("{shown}: {e}"))),
        Err(e) => return Err(e.into()),
    };
    emit(|out| write_outcome(&outcome, args.dry_run, out))
}

fn quoted(title: &str) -> String {
    match sanitize_line(title.trim()) {
        title if title.is_empty() => "(no title)".to_string(),
        title => format!("\"{title}\""),
    }
}

fn day(at: &DateTime<Utc>) -> String {
    at.format("%Y-%m-%d").to_string()
}

/// `3`, `3 and 5`, `3, 5 and 8`.
fn listed(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// `open → done, done 2026-12-16`: the status (or its change) and the done
/// date (or its change).
fn change(update: &SyncUpdate) -> String {
    let mut text = match update.old_status == update.new_status {
        true => update.new_status.to_string(),
        false => format!("{} → {}", update.old_status, update.new_status),
    };
    if let Some(done) = &update.new_done_at {
        match update.old_done_at.filter(|old| old != done) {
            Some(old) => text.push_str(&format!(", done {} → {}", day(&old), day(done))),
            None => text.push_str(&format!(", done {}", day(done))),
        }
    }
    text
}

fn reason(unmatched: &UnmatchedIssue) -> String {
    match &unmatched.reason {
        Unmatched::NoAction => "no action has this title".into(),
        Unmatched::SeveralActions(ids) => {
            let ids: Vec<String> = ids.iter().map(i64::to_string).collect();
            format!("actions {} have this title", listed(&ids))
        }
        Unmatched::SeveralIssues(keys) => {
            let (noun, verb) = match keys.len() {
                1 => ("issue", "has"),
                _ => ("issues", "have"),
            };
            format!("{noun} {} of the file {verb} this title too", listed(keys))
        }
        Unmatched::LinkedElsewhere(linked) => {
            let linked: Vec<String> = linked
                .iter()
                .map(|(id, key)| format!("action {id} to {}", sanitize_line(key)))
                .collect();
            match linked.len() {
                1 => format!(
                    "the action with this title is linked to another issue ({})",
                    linked[0]
                ),
                _ => format!(
                    "the actions with this title are linked to other issues ({})",
                    listed(&linked)
                ),
            }
        }
    }
}

fn write_outcome(outcome: &SyncOutcome, dry_run: bool, out: &mut dyn Write) -> io::Result<()> {
    let plan = &outcome.plan;
    let verb = if dry_run { "would update" } else { "updated" };
    for update in &plan.updates {
        let link = if update.links { ", linked" } else { "" };
        writeln!(
            out,
            "{verb} action {} {}: {} ({}{link})",
            update.action_id,
            quoted(&update.title),
            change(update),
            sanitize_line(&update.issue_key)
        )?;
    }
    for unmatched in &plan.unmatched {
        writeln!(
            out,
            "unmatched {} {}: {}",
            sanitize_line(&unmatched.key),
            quoted(&unmatched.title),
            reason(unmatched)
        )?;
    }
    let updated = plural(plan.updates.len(), "action", "actions");
    writeln!(
        out,
        "{}{} export of {}: {updated} {}, {} unchanged, {} unmatched",
        if dry_run {
            "dry run, nothing written. "
        } else {
            ""
        },
        outcome.tracker.name(),
        plural(outcome.issues, "issue", "issues"),
        if dry_run { "to update" } else { "updated" },
        plan.unchanged,
        plan.unmatched.len(),
    )
}
