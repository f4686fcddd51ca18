//! `retriage team role set | show`: a team's decider, advisors and
//! escalation contact. Setting a role goes through `service::decisions`,
//! which creates the team the first time and applies the rules (one
//! decider, one escalation contact, one role per person).

use super::output::{emit, emit_json, fit};
use super::user_error;
use super::{CliError, RoleCommand, RoleSetArgs, TableOrJson, TeamCommand, TeamShowArgs};
use crate::domain::decision::{Role, TeamRoles};
use crate::domain::text::sanitize_line;
use crate::service::decisions as service;
use crate::store::Store;
use chrono::Utc;
use serde::Serialize;
use std::io::{self, Write};

pub(super) fn run(store: &mut Store, command: TeamCommand) -> Result<(), CliError> {
    match command {
        TeamCommand::Role(RoleCommand::Set(args)) => set_role(store, args),
        TeamCommand::Show(args) => show(store, args),
    }
}

/// "the decider", "an advisor", "the escalation contact".
pub(super) fn role_phrase(role: Role) -> &'static str {
    match role {
        Role::Decider => "the decider",
        Role::Advisor => "an advisor",
        Role::Escalation => "the escalation contact",
    }
}

fn set_role(store: &mut Store, args: RoleSetArgs) -> Result<(), CliError> {
    let role: Role = args.role.parse().map_err(user_error)?;
    let set = service::set_role(store, &args.team, &args.person, role, Utc::now())?;
    let mut line = format!(
        "{} is now {} of {}",
        sanitize_line(&set.person),
        role_phrase(role),
        sanitize_line(&set.roles.team)
    );
    if let Some(replaced) = &set.change.replaced {
        line.push_str(&format!(", replacing {}", sanitize_line(replaced)));
    }
    if let Some(previous) = set.change.previous_role {
        line.push_str(&format!(" (was {})", role_phrase(previous)));
    }
    emit(|out| writeln!(out, "{line}"))
}

/// A team's roles in `team show --format json`.
#[derive(Serialize)]
struct RolesJson<'a> {
    team: &'a str,
    decider: Option<&'a str>,
    advisors: &'a [String],
    escalation: Option<&'a str>,
}

fn show(store: &Store, args: TeamShowArgs) -> Result<(), CliError> {
    let roles = service::team_roles(store, &args.team)?;
    match args.format {
        TableOrJson::Table => emit(|out| write_roles(&roles, out)),
        TableOrJson::Json => {
            let json = RolesJson {
                team: &roles.team,
                decider: roles.decider.as_deref(),
                advisors: &roles.advisors,
                escalation: roles.escalation.as_deref(),
            };
            emit_json(&json)
        }
    }
}

/// One row per person; a missing decider or escalation contact says so.
fn write_roles(roles: &TeamRoles, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "Team {}", sanitize_line(&roles.team))?;
    writeln!(out, "{:<10}  PERSON", "ROLE")?;
    let none = "– (none)";
    if roles.decider.is_none() {
        writeln!(out, "{:<10}  {none}", Role::Decider.name())?;
    }
    for (role, person) in roles.people() {
        writeln!(out, "{:<10}  {}", role.name(), fit(person, 40).trim_end())?;
    }
    if roles.escalation.is_none() {
        writeln!(out, "{:<10}  {none}", Role::Escalation.name())?;
    }
    Ok(())
}
