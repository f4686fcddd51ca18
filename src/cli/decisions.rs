//! `retriage decisions list` and the decision behind `feedback status ID
//! planned|wont_do --by P --why TEXT [--team T]`: the status change and its
//! decision are one write through `service::decisions`. The list's JSON
//! objects and CSV columns are the same fields: `feedback_id, title,
//! status, by, role, why, decided_at, team` (`role` null, or empty in CSV,
//! for a person without a role; `decided_at` RFC 3339 in UTC).

use super::output::{emit, emit_json, fit};
use super::team::role_phrase;
use super::{CliError, DecisionArgs, DecisionsCommand, DecisionsFormat, DecisionsListArgs};
use crate::domain::decision::{Decision, DecisionDraft, DecisionSplit};
use crate::domain::feedback::Status;
use crate::domain::text::sanitize_line;
use crate::interop::retro::rfc4180_writer;
use crate::service::decisions as service;
use crate::store::Store;
use chrono::{SecondsFormat, Utc};
use serde::Serialize;
use std::io::{self, Write};

pub(super) fn run(store: &Store, command: DecisionsCommand) -> Result<(), CliError> {
    match command {
        DecisionsCommand::List(args) => list(store, args),
    }
}

/// `feedback status` to planned or wont_do: both `--by` and `--why` are
/// required; the line printed says who decided in what role.
pub(super) fn decide(
    store: &mut Store,
    id: i64,
    status: Status,
    args: DecisionArgs,
) -> Result<(), CliError> {
    let missing = |flag: &str, what: &str| {
        CliError(format!(
            "moving an item to {status} records a decision: {flag} is required ({what})"
        ))
    };
    let by = args
        .by
        .ok_or_else(|| missing("--by PERSON", "who decided"))?;
    let why = args
        .why
        .ok_or_else(|| missing("--why TEXT", "why, in one line"))?;
    let draft = DecisionDraft {
        by,
        why,
        team: args.team,
    };
    let decided = service::decide(store, id, status, draft, Utc::now())?;
    let before = decided.before.status;
    let d = &decided.decision;
    let role = d.role.map_or("no role", role_phrase);
    emit(|out| {
        writeln!(
            out,
            "{id}: {before} → {status}, decided by {} ({role} in {})",
            sanitize_line(&d.by),
            sanitize_line(&d.team)
        )
    })
}

/// The decision flags given with a status that records no decision.
pub(super) fn refuse_decision_flags(status: Status, args: &DecisionArgs) -> Result<(), CliError> {
    let given = [
        ("--by", args.by.is_some()),
        ("--why", args.why.is_some()),
        ("--team", args.team.is_some()),
    ];
    match given.into_iter().find(|(_, present)| *present) {
        Some((flag, _)) => Err(CliError(format!(
            "{flag} applies only to planned and wont_do (a decision), not to {status}"
        ))),
        None => Ok(()),
    }
}

/// One decision as JSON (and, field for field, a CSV row).
#[derive(Serialize)]
struct DecisionJson<'a> {
    feedback_id: i64,
    title: &'a str,
    status: &'static str,
    by: &'a str,
    role: Option<&'static str>,
    why: &'a str,
    decided_at: String,
    team: &'a str,
}

const HEADER: [&str; 8] = [
    "feedback_id",
    "title",
    "status",
    "by",
    "role",
    "why",
    "decided_at",
    "team",
];

impl<'a> DecisionJson<'a> {
    fn from_decision(d: &'a Decision) -> DecisionJson<'a> {
        DecisionJson {
            feedback_id: d.feedback_id,
            title: &d.title,
            status: d.status.name(),
            by: &d.by,
            role: d.role.map(|r| r.name()),
            why: &d.why,
            decided_at: d.decided_at.to_rfc3339_opts(SecondsFormat::Secs, true),
            team: &d.team,
        }
    }
}

fn list(store: &Store, args: DecisionsListArgs) -> Result<(), CliError> {
    let decisions = service::decisions(store, args.team.as_deref())?;
    match args.format {
        DecisionsFormat::Table => emit(|out| write_table(&decisions, out)),
        DecisionsFormat::Json => {
            let json: Vec<DecisionJson> =
                decisions.iter().map(DecisionJson::from_decision).collect();
            emit_json(&json)
        }
        DecisionsFormat::Csv => emit(|out| write_csv(&decisions, out)),
    }
}

fn write_csv(decisions: &[Decision], out: &mut dyn Write) -> io::Result<()> {
    let mut writer = rfc4180_writer(out);
    writer.write_record(HEADER)?;
    for d in decisions {
        let row = DecisionJson::from_decision(d);
        writer.write_record([
            row.feedback_id.to_string().as_str(),
            row.title,
            row.status,
            row.by,
            row.role.unwrap_or_default(),
            row.why,
            &row.decided_at,
            row.team,
        ])?;
    }
    writer.flush()
}

/// The decisions for people at a terminal, then the split: how many the
/// decider took and how many people without that role took.
fn write_table(decisions: &[Decision], out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "{:<10}  {:>6}  {:<7}  {:<14}  {:<10}  {:<14}  {:<30}  WHY",
        "DECIDED", "ITEM", "STATUS", "BY", "ROLE", "TEAM", "TITLE"
    )?;
    for d in decisions {
        writeln!(
            out,
            "{}  {:>6}  {:<7}  {}  {:<10}  {}  {}  {}",
            d.decided_at.format("%Y-%m-%d"),
            d.feedback_id,
            d.status.name(),
            fit(&d.by, 14),
            d.role.map_or("–", |r| r.name()),
            fit(&d.team, 14),
            fit(&d.title, 30),
            fit(&d.why, 60).trim_end()
        )?;
    }
    let split = DecisionSplit::of(decisions);
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    writeln!(
        out,
        "{} decision{}: {} by the decider, {} by someone without that role",
        split.total(),
        plural(split.total()),
        split.by_decider,
        split.not_by_decider()
    )
}
