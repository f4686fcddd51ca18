//! `retriage actions add | list | set | export | sync`: action items across
//! retros (`sync` is in `action_sync`). Writes go through `service::actions`; lists and exports use the
//! writers in `interop::retro` (the action JSON object and CSV, Markdown,
//! Jira CSV and the GitHub `sh` script).

use super::output::{emit, fit, write_file_atomically};
use super::retro::parse_date;
use super::{
    ActionAddArgs, ActionExportArgs, ActionExportFormat, ActionFilterArgs, ActionListArgs,
    ActionListFormat, ActionSetArgs, ActionsCommand, CliError, user_error,
};
use crate::domain::retro::{ActionItem, ActionStatus};
use crate::domain::text::sanitize_line;
use crate::interop::retro::actions::{due_cell, iso_date};
use crate::interop::retro::{ActionsFormat, write_actions};
use crate::service::actions::{self as service, ActionChanges, NewAction};
use crate::store::{ActionFilter, Store};
use chrono::{Local, NaiveDate, Utc};
use std::io::{self, Write};

pub(super) fn run(store: &mut Store, command: ActionsCommand) -> Result<(), CliError> {
    match command {
        ActionsCommand::Add(args) => add(store, args),
        ActionsCommand::List(args) => list(store, args),
        ActionsCommand::Set(args) => set(store, args),
        ActionsCommand::Export(args) => export(store, args),
        ActionsCommand::Sync(args) => super::action_sync::sync(store, args),
    }
}

fn parse_status(text: Option<&str>) -> Result<Option<ActionStatus>, CliError> {
    text.map(str::parse::<ActionStatus>)
        .transpose()
        .map_err(user_error)
}

fn add(store: &mut Store, args: ActionAddArgs) -> Result<(), CliError> {
    let due = args
        .due
        .as_deref()
        .map(|d| parse_date("due date", d))
        .transpose()?;
    let action = NewAction {
        retro_id: args.retro_id,
        title: args.title,
        owner: args.owner,
        due,
        card_id: args.card_id,
        group_id: None,
    };
    let item = service::add_action(store, action, Utc::now())?;
    emit(|out| writeln!(out, "{}", item.id))
}

fn filtered(store: &Store, filter: ActionFilterArgs) -> Result<Vec<ActionItem>, CliError> {
    let filter = ActionFilter {
        team: filter.team,
        owner: filter.owner,
        status: parse_status(filter.status.as_deref())?,
    };
    Ok(service::list_actions(store, &filter)?)
}

fn list(store: &Store, args: ActionListArgs) -> Result<(), CliError> {
    let items = filtered(store, args.filter)?;
    let today = Local::now().date_naive();
    let format = match args.format {
        ActionListFormat::Table => return emit(|out| write_action_table(&items, today, out)),
        ActionListFormat::Json => ActionsFormat::Json,
        ActionListFormat::Csv => ActionsFormat::Csv,
    };
    emit(|out| write_actions(format, &items, today, out))
}

/// `--owner ''` and `--due ''` clear the field.
fn set(store: &mut Store, args: ActionSetArgs) -> Result<(), CliError> {
    let due = match args.due.as_deref().map(str::trim) {
        None => None,
        Some("") => Some(None),
        Some(text) => Some(Some(parse_date("due date", text)?)),
    };
    let changes = ActionChanges {
        title: None,
        owner: args.owner.map(|o| Some(o).filter(|o| !o.trim().is_empty())),
        due,
        status: parse_status(args.status.as_deref())?,
    };
    service::update_action(store, args.action_id, changes, Utc::now())?;
    let item = store.get_action(args.action_id)?;
    let owner = item
        .owner
        .as_deref()
        .map_or("none".to_string(), |o| sanitize_line(o).into_owned());
    let due = item.due.map_or("none".to_string(), iso_date);
    emit(|out| {
        writeln!(
            out,
            "action {}: {}, owner {owner}, due {due}",
            item.id, item.status
        )
    })
}

fn export(store: &Store, args: ActionExportArgs) -> Result<(), CliError> {
    let filter = ActionFilterArgs {
        team: args.team,
        owner: None,
        status: args.status,
    };
    let items = filtered(store, filter)?;
    let today = Local::now().date_naive();
    let format = match args.format {
        ActionExportFormat::Md => ActionsFormat::Markdown,
        ActionExportFormat::Csv => ActionsFormat::Csv,
        ActionExportFormat::Json => ActionsFormat::Json,
        ActionExportFormat::Jira => ActionsFormat::Jira,
        ActionExportFormat::Github => ActionsFormat::Github,
    };
    match args.output {
        None => emit(|out| write_actions(format, &items, today, out)),
        Some(path) => write_file_atomically(&path, |out| write_actions(format, &items, today, out)),
    }
}

/// Action items as a table for people at a terminal: overdue open items
/// say so in their due cell.
pub(super) fn write_action_table(
    items: &[ActionItem],
    today: NaiveDate,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(
        out,
        "{:>6}  {:<7}  {:<20}  {:<14}  {:<14}  {:<20}  {:<8}  TITLE",
        "ID", "STATUS", "DUE", "OWNER", "TEAM", "RETRO", "FROM"
    )?;
    for a in items {
        let from = match (a.card_id, a.group_id) {
            (Some(card), _) => format!("card {card}"),
            (None, Some(group)) => format!("group {group}"),
            (None, None) => "–".to_string(),
        };
        writeln!(
            out,
            "{:>6}  {:<7}  {:<20}  {}  {}  {}  {:<8}  {}",
            a.id,
            a.status.name(),
            due_cell(a, today),
            fit(a.owner.as_deref().unwrap_or("–"), 14),
            fit(&a.team, 14),
            fit(&a.retro_title, 20),
            from,
            fit(&a.title, 50).trim_end()
        )?;
    }
    Ok(())
}
