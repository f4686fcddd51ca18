//! Action items: stored with their team and retro, listed across retros
//! (by team, owner and status), added, changed and deleted. A status is
//! stored by its name, a due date as `YYYY-MM-DD`, times as Unix seconds.

use super::codes::{seconds, time_from};
use super::retro::{date_from, invalid, retro_exists};
use super::{Error, Result, Store};
use crate::domain::retro::{ActionItem, ActionStatus};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Row, Transaction, params};

/// Which action items `list_actions` returns (every one by default).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActionFilter {
    /// A team's name, ignoring case.
    pub team: Option<String>,
    /// An owner's name, ignoring case.
    pub owner: Option<String>,
    pub status: Option<ActionStatus>,
}

/// A new action item, checked by the service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionRow {
    pub title: String,
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
    pub status: ActionStatus,
    pub card_id: Option<i64>,
    pub group_id: Option<i64>,
}

/// Action items with their team's name and their retro's title, in the
/// order `read_action` expects.
pub(super) const SELECT_ACTION: &str = "SELECT a.id, a.title, a.owner, a.due, a.status, t.name,
        a.retro_id, r.title, a.card_id, a.group_id, a.created_at, a.done_at
    FROM action_items a JOIN teams t ON t.id = a.team_id JOIN retros r ON r.id = a.retro_id";

pub(super) fn read_action(row: &Row<'_>) -> Result<ActionItem> {
    let id: i64 = row.get(0)?;
    let corrupt = |what: String| Error::Corrupt(format!("action {id}: {what}"));
    let status: String = row.get(4)?;
    let due: Option<String> = row.get(3)?;
    let created: i64 = row.get(10)?;
    let done: Option<i64> = row.get(11)?;
    Ok(ActionItem {
        id,
        title: row.get(1)?,
        owner: row.get(2)?,
        due: due.map(|d| date_from(&d, "due date")).transpose()?,
        status: status
            .parse()
            .map_err(|_| corrupt(format!("status '{status}'")))?,
        team: row.get(5)?,
        retro_id: row.get(6)?,
        retro_title: row.get(7)?,
        card_id: row.get(8)?,
        group_id: row.get(9)?,
        created_at: time_from(created).ok_or_else(|| corrupt(format!("created_at {created}")))?,
        done_at: done
            .map(|d| time_from(d).ok_or_else(|| corrupt(format!("done_at {d}"))))
            .transpose()?,
    })
}

/// Action items matching `sql_filter` (a `WHERE …` on `a`, `t`, `r`), by id.
pub(super) fn actions_where(
    tx: &rusqlite::Connection,
    sql_filter: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<ActionItem>> {
    let mut stmt = tx.prepare_cached(&format!("{SELECT_ACTION} {sql_filter} ORDER BY a.id"))?;
    let mut rows = stmt.query(params)?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(read_action(row)?);
    }
    Ok(out)
}

/// One action item, or the error naming its id.
pub(super) fn action_in(tx: &rusqlite::Connection, id: i64) -> Result<ActionItem> {
    actions_where(tx, "WHERE a.id = ?1", [id])?
        .pop()
        .ok_or_else(|| invalid(format!("no action with id {id}")))
}

/// Sets an action's status (and `done_at`: set when it becomes done, kept
/// while it stays done, cleared otherwise).
pub(super) fn write_status(
    tx: &Transaction<'_>,
    id: i64,
    status: ActionStatus,
    now: DateTime<Utc>,
) -> Result<()> {
    tx.execute(
        "UPDATE action_items SET status = ?2,
             done_at = CASE WHEN ?2 <> 'done' THEN NULL ELSE coalesce(done_at, ?3) END
         WHERE id = ?1",
        params![id, status.name(), seconds(&now)],
    )?;
    Ok(())
}

impl Store {
    /// Adds an action item to retro `retro_id` (its team's); a card or group
    /// it names must belong to that retro.
    pub fn add_action(
        &mut self,
        retro_id: i64,
        action: &ActionRow,
        now: DateTime<Utc>,
    ) -> Result<ActionItem> {
        let tx = self.write_transaction()?;
        retro_exists(&tx, retro_id)?;
        if let Some(card) = action.card_id {
            super::retro::card_in(&tx, retro_id, card)?;
        }
        if let Some(group) = action.group_id {
            super::retro::group_in(&tx, retro_id, group)?;
        }
        tx.execute(
            "INSERT INTO action_items (team_id, retro_id, title, owner, due, status, card_id,
                 group_id, created_at, done_at)
             SELECT team_id, id, ?2, ?3, ?4, ?5, ?6, ?7, ?8,
                 CASE WHEN ?5 = 'done' THEN ?8 END
             FROM retros WHERE id = ?1",
            params![
                retro_id,
                action.title,
                action.owner,
                action.due.map(|d| d.to_string()),
                action.status.name(),
                action.card_id,
                action.group_id,
                seconds(&now),
            ],
        )?;
        let item = action_in(&tx, tx.last_insert_rowid())?;
        tx.commit()?;
        Ok(item)
    }

    /// One action item.
    pub fn get_action(&self, id: i64) -> Result<ActionItem> {
        action_in(&self.conn, id)
    }

    /// Writes an action's title, owner, due date and status as `changed`
    /// holds them; returns it as it was.
    pub fn update_action(
        &mut self,
        changed: &ActionItem,
        now: DateTime<Utc>,
    ) -> Result<ActionItem> {
        let tx = self.write_transaction()?;
        let before = action_in(&tx, changed.id)?;
        tx.execute(
            "UPDATE action_items SET title = ?2, owner = ?3, due = ?4 WHERE id = ?1",
            params![
                changed.id,
                changed.title,
                changed.owner,
                changed.due.map(|d| d.to_string())
            ],
        )?;
        if changed.status != before.status {
            write_status(&tx, changed.id, changed.status, now)?;
        }
        tx.commit()?;
        Ok(before)
    }

    /// Deletes an action item (and its reviews); returns it.
    pub fn delete_action(&mut self, id: i64) -> Result<ActionItem> {
        let tx = self.write_transaction()?;
        let before = action_in(&tx, id)?;
        tx.execute("DELETE FROM action_items WHERE id = ?1", [id])?;
        tx.commit()?;
        Ok(before)
    }

    /// Action items across retros, by id, filtered.
    pub fn list_actions(&self, filter: &ActionFilter) -> Result<Vec<ActionItem>> {
        actions_where(
            &self.conn,
            "WHERE (?1 IS NULL OR t.name = ?1 COLLATE NOCASE)
               AND (?2 IS NULL OR a.owner = ?2 COLLATE NOCASE)
               AND (?3 IS NULL OR a.status = ?3)",
            params![
                filter.team,
                filter.owner,
                filter.status.map(ActionStatus::name)
            ],
        )
    }
}
