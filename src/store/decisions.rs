//! Team roles and the decision log as stored: the roles of a team (keyed
//! to `teams`, created the first time a write names it), and each decision
//! with the item's status change it came with, written in one transaction.
//! The rules (one decider, one escalation contact, one role per person) are
//! the domain's (`domain::decision`); this module reads a team's roles,
//! applies the rule and writes the result.

use super::codes::{seconds, time_from};
use super::feedback::{Write, get_in, write_item};
use super::{Error, Result, Store};
use crate::domain::decision::{Decision, DecisionDraft, Role, RoleChange, TeamRoles};
use crate::domain::feedback::{FeedbackItem, Status};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

const SELECT_DECISION: &str = "
    SELECT d.id, d.feedback_id, f.title, t.name, d.status, d.decided_by, d.role, d.why,
           d.decided_at
    FROM decisions d JOIN feedback f ON f.id = d.feedback_id JOIN teams t ON t.id = d.team_id";

fn corrupt(what: String) -> rusqlite::Error {
    rusqlite::Error::ToSqlConversionFailure(Box::new(Error::Corrupt(what)))
}

fn role_named(name: &str) -> rusqlite::Result<Role> {
    name.parse()
        .map_err(|_| corrupt(format!("unknown role '{name}'")))
}

fn read_decision(row: &Row<'_>) -> rusqlite::Result<Decision> {
    let status: String = row.get(4)?;
    let role: Option<String> = row.get(6)?;
    let decided_at: i64 = row.get(8)?;
    Ok(Decision {
        id: row.get(0)?,
        feedback_id: row.get(1)?,
        title: row.get(2)?,
        team: row.get(3)?,
        status: match status.as_str() {
            "planned" => Status::Planned,
            "wont_do" => Status::WontDo,
            other => return Err(corrupt(format!("unknown decision status '{other}'"))),
        },
        by: row.get(5)?,
        role: role.as_deref().map(role_named).transpose()?,
        why: row.get(7)?,
        decided_at: time_from(decided_at)
            .ok_or_else(|| corrupt(format!("decision time {decided_at} out of range")))?,
    })
}

/// A read error, with a stored value that does not fit told as such.
fn read_error(e: rusqlite::Error) -> Error {
    match e {
        rusqlite::Error::ToSqlConversionFailure(inner) => match inner.downcast::<Error>() {
            Ok(error) => *error,
            Err(other) => Error::Corrupt(other.to_string()),
        },
        e => Error::Sqlite(e),
    }
}

/// Every team's name, in alphabetical order.
fn team_names_in(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT name FROM teams ORDER BY name COLLATE NOCASE")?;
    let names = stmt.query_map([], |r| r.get(0))?;
    Ok(names.collect::<rusqlite::Result<_>>()?)
}

fn team_id_in(conn: &Connection, name: &str) -> Result<Option<(i64, String)>> {
    Ok(conn
        .query_row(
            "SELECT id, name FROM teams WHERE name = ?1 COLLATE NOCASE",
            [name],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// The refusal for a team name that is not stored, with the ones that are.
fn unknown_team(conn: &Connection, name: &str) -> Result<Error> {
    let known = team_names_in(conn)?;
    let hint = if known.is_empty() {
        "there are no teams yet".to_string()
    } else {
        format!("teams: {}", known.join(", "))
    };
    Ok(Error::Invalid(format!("unknown team '{name}' ({hint})")))
}

/// The team's id, creating the team the first time it is named.
fn team_created_in(conn: &Connection, name: &str, now: i64) -> Result<(i64, String)> {
    conn.execute(
        "INSERT OR IGNORE INTO teams (name, created_at) VALUES (?1, ?2)",
        params![name, now],
    )?;
    Ok(team_id_in(conn, name)?.expect("the team was just created"))
}

/// The team a decision goes to: the one named, else the only one.
fn decision_team_in(conn: &Connection, named: Option<&str>, now: i64) -> Result<(i64, String)> {
    if let Some(name) = named {
        return team_created_in(conn, name, now);
    }
    let names = team_names_in(conn)?;
    match names.as_slice() {
        [only] => Ok(team_id_in(conn, only)?.expect("the team was just listed")),
        [] => Err(Error::Invalid(
            "no team yet: name the team the decision belongs to with --team".into(),
        )),
        several => Err(Error::Invalid(format!(
            "there are several teams; name the one the decision belongs to with --team \
             (one of: {})",
            several.join(", ")
        ))),
    }
}

fn roles_in(conn: &Connection, team_id: i64, team: String) -> Result<TeamRoles> {
    let mut stmt = conn.prepare_cached(
        "SELECT person, role FROM team_roles WHERE team_id = ?1 ORDER BY position",
    )?;
    let mut rows = stmt.query([team_id])?;
    let mut roles = TeamRoles::new(team);
    while let Some(row) = rows.next()? {
        let person: String = row.get(0)?;
        let role: String = row.get(1)?;
        match role_named(&role).map_err(read_error)? {
            Role::Decider => roles.decider = Some(person),
            Role::Escalation => roles.escalation = Some(person),
            Role::Advisor => roles.advisors.push(person),
        }
    }
    Ok(roles)
}

impl Store {
    /// Every team's name, in alphabetical order.
    pub fn team_names(&self) -> Result<Vec<String>> {
        team_names_in(&self.conn)
    }

    /// The roles of a team (by name, ignoring case); a team not stored is
    /// refused, naming the teams there are.
    pub fn team_roles(&self, team: &str) -> Result<TeamRoles> {
        match team_id_in(&self.conn, team)? {
            Some((id, name)) => roles_in(&self.conn, id, name),
            None => Err(unknown_team(&self.conn, team)?),
        }
    }

    /// Gives `person` `role` in `team` (both names already cleaned),
    /// creating the team the first time; returns the team's roles after it
    /// and what else changed (a decider replaced, the person's old role).
    pub fn set_role(
        &mut self,
        team: &str,
        person: &str,
        role: Role,
        now: DateTime<Utc>,
    ) -> Result<(TeamRoles, RoleChange)> {
        let now = seconds(&now);
        let tx = self.write_transaction()?;
        let (team_id, name) = team_created_in(&tx, team, now)?;
        let mut roles = roles_in(&tx, team_id, name)?;
        let change = roles.assign(person, role);
        tx.execute("DELETE FROM team_roles WHERE team_id = ?1", [team_id])?;
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO team_roles (team_id, person, role, position, assigned_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for (position, (role, person)) in roles.people().into_iter().enumerate() {
                insert.execute(params![team_id, person, role.name(), position as i64, now])?;
            }
        }
        tx.commit()?;
        Ok((roles, change))
    }

    /// Moves item `id` to `status` (planned or won't-do) and records the
    /// decision (`draft` already validated) in the same transaction: the
    /// team named, else the only one (created the first time it is named),
    /// and the role the person holds in it now. Returns the item as it was
    /// before, and the decision.
    pub fn decide(
        &mut self,
        id: i64,
        status: Status,
        draft: &DecisionDraft,
        now: DateTime<Utc>,
    ) -> Result<(FeedbackItem, Decision)> {
        let status_name = match status {
            Status::Planned | Status::WontDo => status.name(),
            other => {
                return Err(Error::Invalid(format!(
                    "moving an item to {other} is not a decision to record"
                )));
            }
        };
        let at = seconds(&now);
        let tx = self.write_transaction()?;
        let before = get_in(&tx, id)?;
        let (team_id, team) = decision_team_in(&tx, draft.team.as_deref(), at)?;
        let role = roles_in(&tx, team_id, team.clone())?.role_of(&draft.by);
        let mut after = before.clone();
        after.status = status;
        write_item(&tx, &after, at, Write::Update)?;
        tx.execute(
            "INSERT INTO decisions (feedback_id, team_id, status, decided_by, role, why, decided_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                id,
                team_id,
                status_name,
                draft.by,
                role.map(Role::name),
                draft.why,
                at
            ],
        )?;
        let decision = Decision {
            id: tx.last_insert_rowid(),
            feedback_id: id,
            title: before.title.clone(),
            team,
            status,
            by: draft.by.clone(),
            role,
            why: draft.why.clone(),
            decided_at: time_from(at).unwrap_or(now),
        };
        tx.commit()?;
        Ok((before, decision))
    }

    /// The decisions of one team (by name, ignoring case; a team not stored
    /// is refused) or of all, newest first.
    pub fn decisions(&self, team: Option<&str>) -> Result<Vec<Decision>> {
        let team_id = match team {
            Some(name) => match team_id_in(&self.conn, name)? {
                Some((id, _)) => Some(id),
                None => return Err(unknown_team(&self.conn, name)?),
            },
            None => None,
        };
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT_DECISION} WHERE ?1 IS NULL OR d.team_id = ?1
             ORDER BY d.decided_at DESC, d.id DESC"
        ))?;
        let rows = stmt.query_map([team_id], read_decision)?;
        rows.collect::<rusqlite::Result<_>>().map_err(read_error)
    }

    /// The latest decision about item `id`, if one was recorded.
    pub fn latest_decision(&self, id: i64) -> Result<Option<Decision>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT_DECISION} WHERE d.feedback_id = ?1
             ORDER BY d.decided_at DESC, d.id DESC LIMIT 1"
        ))?;
        stmt.query_row([id], read_decision)
            .optional()
            .map_err(read_error)
    }
}

#[cfg(test)]
mod tests;
