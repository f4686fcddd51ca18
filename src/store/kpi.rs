//! Shared KPIs as stored: a team's KPIs (retired ones keep their row, with
//! when and why) and their check-ins. Adding a KPI creates its team the
//! first time it is named, in the same transaction as the rules that may
//! refuse it, so a refused KPI leaves no team behind.
//!
//! A direction and a confidence are stored by name, a date as
//! `YYYY-MM-DD`, times as Unix seconds; an unknown team or KPI is an
//! `Invalid` error naming it.

#[cfg(test)]
mod tests;

use super::codes::{seconds, time_from};
use super::retro::date_from;
use super::{Error, Result, Store};
use crate::domain::kpi::{CheckIn, CheckInSpec, Kpi, KpiHistory, KpiSpec, Retirement};
use crate::domain::text::sanitize_line;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};
use std::collections::{HashMap, HashSet};

/// A check-in to store for KPI `kpi_id`, checked by the service.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckInRow {
    pub kpi_id: i64,
    pub check_in: CheckInSpec,
}

const SELECT_KPI: &str = "SELECT k.id, t.name, k.name, k.description, k.metric, k.unit,
        k.baseline, k.target, k.direction, k.deadline, k.business_owner, k.it_owner,
        k.created_at, k.retired_at, k.retire_note
    FROM kpis k JOIN teams t ON t.id = k.team_id";

fn read_kpi(row: &Row<'_>) -> Result<Kpi> {
    let id: i64 = row.get(0)?;
    let corrupt = |what: String| Error::Corrupt(format!("KPI {id}: {what}"));
    let direction: String = row.get(8)?;
    let deadline: String = row.get(9)?;
    let created: i64 = row.get(12)?;
    let retired_at: Option<i64> = row.get(13)?;
    let retire_note: Option<String> = row.get(14)?;
    let retired = match (retired_at, retire_note) {
        (Some(at), Some(note)) => Some(Retirement {
            at: time_from(at).ok_or_else(|| corrupt(format!("retired_at {at}")))?,
            note,
        }),
        _ => None,
    };
    Ok(Kpi {
        id,
        team: row.get(1)?,
        name: row.get(2)?,
        description: row.get(3)?,
        metric: row.get(4)?,
        unit: row.get(5)?,
        baseline: row.get(6)?,
        target: row.get(7)?,
        direction: direction
            .parse()
            .map_err(|_| corrupt(format!("direction '{direction}'")))?,
        deadline: date_from(&deadline, "KPI deadline")?,
        business_owner: row.get(10)?,
        it_owner: row.get(11)?,
        created_at: time_from(created).ok_or_else(|| corrupt(format!("created_at {created}")))?,
        retired,
    })
}

/// KPIs matching `sql_filter` (a `WHERE …` on `k` and `t`), by team, then
/// in the order they were added.
fn kpis_where(
    conn: &Connection,
    sql_filter: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<Kpi>> {
    let mut stmt =
        conn.prepare_cached(&format!("{SELECT_KPI} {sql_filter} ORDER BY t.name, k.id"))?;
    let mut rows = stmt.query(params)?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(read_kpi(row)?);
    }
    Ok(out)
}

fn kpi_in(conn: &Connection, id: i64) -> Result<Kpi> {
    kpis_where(conn, "WHERE k.id = ?1", [id])?
        .pop()
        .ok_or_else(|| Error::Invalid(format!("no KPI with id {id}")))
}

/// The id of team `name` (ignoring case), or the error naming it and the
/// teams there are.
fn team_id(conn: &Connection, name: &str) -> Result<i64> {
    let found = conn
        .query_row(
            "SELECT id FROM teams WHERE name = ?1 COLLATE NOCASE",
            [name],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = found {
        return Ok(id);
    }
    let mut stmt = conn.prepare_cached("SELECT name FROM teams ORDER BY name")?;
    let teams: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let known = if teams.is_empty() {
        "there are no teams yet".to_string()
    } else {
        format!("teams: {}", teams.join(", "))
    };
    Err(Error::Invalid(format!(
        "unknown team '{}' ({known})",
        sanitize_line(name)
    )))
}

const SELECT_CHECK_IN: &str =
    "SELECT c.id, c.kpi_id, c.date, c.value, c.confidence, c.note, c.recorded_at
    FROM kpi_check_ins c";

fn read_check_in(row: &Row<'_>) -> Result<CheckIn> {
    let id: i64 = row.get(0)?;
    let corrupt = |what: String| Error::Corrupt(format!("KPI check-in {id}: {what}"));
    let date: String = row.get(2)?;
    let confidence: Option<String> = row.get(4)?;
    let recorded: i64 = row.get(6)?;
    Ok(CheckIn {
        id,
        kpi_id: row.get(1)?,
        date: date_from(&date, "check-in date")?,
        value: row.get(3)?,
        confidence: confidence
            .map(|c| c.parse().map_err(|_| corrupt(format!("confidence '{c}'"))))
            .transpose()?,
        note: row.get(5)?,
        recorded_at: time_from(recorded)
            .ok_or_else(|| corrupt(format!("recorded_at {recorded}")))?,
    })
}

/// The check-ins of the KPIs matching `sql_filter` (on `k` and `t`), by
/// KPI id, each KPI's by date and then in the order recorded.
fn check_ins_where(
    conn: &Connection,
    sql_filter: &str,
    params: impl rusqlite::Params,
) -> Result<HashMap<i64, Vec<CheckIn>>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT_CHECK_IN} JOIN kpis k ON k.id = c.kpi_id JOIN teams t ON t.id = k.team_id
         {sql_filter} ORDER BY c.kpi_id, c.date, c.id"
    ))?;
    let mut rows = stmt.query(params)?;
    let mut out: HashMap<i64, Vec<CheckIn>> = HashMap::new();
    while let Some(row) = rows.next()? {
        let check_in = read_check_in(row)?;
        out.entry(check_in.kpi_id).or_default().push(check_in);
    }
    Ok(out)
}

impl Store {
    /// Adds a KPI to its team, creating the team the first time it is
    /// named. `rules` sees the team's KPIs (active and retired) inside the
    /// transaction and may refuse with a message; then nothing is written,
    /// not even the team.
    pub fn add_kpi(
        &mut self,
        spec: &KpiSpec,
        now: DateTime<Utc>,
        rules: impl FnOnce(&[Kpi]) -> std::result::Result<(), String>,
    ) -> Result<Kpi> {
        let tx = self.write_transaction()?;
        let now = seconds(&now);
        tx.execute(
            "INSERT OR IGNORE INTO teams (name, created_at) VALUES (?1, ?2)",
            params![spec.team, now],
        )?;
        let team_id = team_id(&tx, &spec.team)?;
        rules(&kpis_where(&tx, "WHERE k.team_id = ?1", [team_id])?).map_err(Error::Invalid)?;
        tx.execute(
            "INSERT INTO kpis (team_id, name, description, metric, unit, baseline, target,
                 direction, deadline, business_owner, it_owner, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                team_id,
                spec.name,
                spec.description,
                spec.metric,
                spec.unit,
                spec.baseline,
                spec.target,
                spec.direction.name(),
                spec.deadline.to_string(),
                spec.business_owner,
                spec.it_owner,
                now,
            ],
        )?;
        let kpi = kpi_in(&tx, tx.last_insert_rowid())?;
        tx.commit()?;
        Ok(kpi)
    }

    /// A team's KPIs, active and retired, in the order they were added;
    /// an unknown team is an error naming it.
    pub fn team_kpis(&self, team: &str) -> Result<Vec<Kpi>> {
        let tx = self.conn.unchecked_transaction()?;
        let id = team_id(&tx, team)?;
        let kpis = kpis_where(&tx, "WHERE k.team_id = ?1", [id])?;
        tx.finish()?;
        Ok(kpis)
    }

    /// The KPIs of one team (by name, ignoring case; an unknown one is an
    /// error) or of every team, each with all its check-ins, read in one
    /// snapshot: by team, then in the order they were added.
    pub fn kpi_histories(&self, team: Option<&str>) -> Result<Vec<KpiHistory>> {
        let tx = self.conn.unchecked_transaction()?;
        let team_id = team.map(|name| team_id(&tx, name)).transpose()?;
        let filter = "WHERE ?1 IS NULL OR k.team_id = ?1";
        let kpis = kpis_where(&tx, filter, [team_id])?;
        let mut check_ins = check_ins_where(&tx, filter, [team_id])?;
        tx.finish()?;
        Ok(kpis
            .into_iter()
            .map(|kpi| KpiHistory {
                check_ins: check_ins.remove(&kpi.id).unwrap_or_default(),
                kpi,
            })
            .collect())
    }

    /// Records check-ins, all or none: each KPI must exist and be active.
    /// Returns them as stored, in the order given.
    pub fn add_kpi_check_ins(
        &mut self,
        rows: &[CheckInRow],
        now: DateTime<Utc>,
    ) -> Result<Vec<CheckIn>> {
        let tx = self.write_transaction()?;
        let mut checked: HashSet<i64> = HashSet::new();
        let mut stored = Vec::with_capacity(rows.len());
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO kpi_check_ins (kpi_id, date, value, confidence, note, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for row in rows {
                if checked.insert(row.kpi_id) {
                    let kpi = kpi_in(&tx, row.kpi_id)?;
                    if !kpi.is_active() {
                        return Err(Error::Invalid(format!(
                            "KPI '{}' is retired; it takes no more check-ins",
                            kpi.name
                        )));
                    }
                }
                let c = &row.check_in;
                insert.execute(params![
                    row.kpi_id,
                    c.date.to_string(),
                    c.value,
                    c.confidence.map(|c| c.name()),
                    c.note,
                    seconds(&now),
                ])?;
                stored.push(CheckIn {
                    id: tx.last_insert_rowid(),
                    kpi_id: row.kpi_id,
                    date: c.date,
                    value: c.value,
                    confidence: c.confidence,
                    note: c.note.clone(),
                    recorded_at: time_from(seconds(&now)).unwrap_or(now),
                });
            }
        }
        tx.commit()?;
        Ok(stored)
    }

    /// Retires an active KPI with a note saying why; its check-ins stay.
    /// Returns it as it is now.
    pub fn retire_kpi(&mut self, id: i64, note: &str, now: DateTime<Utc>) -> Result<Kpi> {
        let tx = self.write_transaction()?;
        let before = kpi_in(&tx, id)?;
        if !before.is_active() {
            return Err(Error::Invalid(format!(
                "KPI '{}' is already retired",
                before.name
            )));
        }
        tx.execute(
            "UPDATE kpis SET retired_at = ?2, retire_note = ?3 WHERE id = ?1",
            params![id, seconds(&now), note],
        )?;
        let kpi = kpi_in(&tx, id)?;
        tx.commit()?;
        Ok(kpi)
    }
}
