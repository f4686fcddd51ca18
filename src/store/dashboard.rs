//! The dashboard's reads for one team and period, in one call: the team's
//! KPIs with every check-in, its retros from the period's start with their
//! cards (and votes per card) and ROTI answers, the actions of those
//! retros, its decisions, and the feedback facts (creation day, source,
//! sentiment), NPS answers and scored open items. Each query reads only
//! the columns the dashboard counts, so a large backlog loads quickly.

use super::actions::actions_where;
use super::codes::{
    sentiment_from, source_from, status_code, status_from, time_from, time_from_text,
};
use super::retro::date_from;
use super::{Error, Result, Store};
use crate::domain::dashboard::backlog::{FeedbackFact, NpsAnswer, ScoredItem};
use crate::domain::dashboard::{CardFacts, DashboardFacts, RetroFacts};
use crate::domain::feedback::Status;
use crate::domain::scoring::{Ice, Impact, Rice, Wsjf};
use chrono::{NaiveDate, NaiveTime};
use rusqlite::{Connection, params};
use std::collections::HashMap;

/// Unix seconds at the start of `since` (UTC); the earliest time for none.
fn since_seconds(since: Option<NaiveDate>) -> i64 {
    since.map_or(i64::MIN, |d| {
        d.and_time(NaiveTime::MIN).and_utc().timestamp()
    })
}

fn day_of(seconds: i64, what: &str) -> Result<NaiveDate> {
    time_from(seconds)
        .map(|t| t.date_naive())
        .ok_or_else(|| Error::Corrupt(format!("{what} {seconds}")))
}

/// The team's retros from `since`, oldest first, with cards and ROTI.
fn retros_in(conn: &Connection, team_id: i64, since: Option<&str>) -> Result<Vec<RetroFacts>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, title, date FROM retros
         WHERE team_id = ?1 AND (?2 IS NULL OR date >= ?2) ORDER BY date, id",
    )?;
    let mut rows = stmt.query(params![team_id, since])?;
    let mut retros = Vec::new();
    while let Some(row) = rows.next()? {
        let date: String = row.get(2)?;
        retros.push(RetroFacts {
            id: row.get(0)?,
            title: row.get(1)?,
            date: date_from(&date, "retro date")?,
            cards: Vec::new(),
            roti: Vec::new(),
        });
    }
    let position: HashMap<i64, usize> = retros.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    // Votes are counted per card through the card index of `retro_votes`;
    // the join order (retros by team and date, then cards by retro) gives
    // the ORDER BY without a sort.
    let mut cards = conn.prepare_cached(
        "SELECT c.retro_id, c.id, c.text,
             (SELECT count(*) FROM retro_votes v WHERE v.card_id = c.id)
         FROM retros r JOIN retro_cards c ON c.retro_id = r.id
         WHERE r.team_id = ?1 AND (?2 IS NULL OR r.date >= ?2) ORDER BY r.date, r.id, c.id",
    )?;
    let mut rows = cards.query(params![team_id, since])?;
    while let Some(row) = rows.next()? {
        if let Some(&at) = position.get(&row.get::<_, i64>(0)?) {
            retros[at].cards.push(CardFacts {
                id: row.get(1)?,
                text: row.get(2)?,
                votes: row.get(3)?,
            });
        }
    }
    let mut roti = conn.prepare_cached(
        "SELECT o.retro_id, o.rating FROM retro_roti o JOIN retros r ON r.id = o.retro_id
         WHERE r.team_id = ?1 AND (?2 IS NULL OR r.date >= ?2)",
    )?;
    let mut rows = roti.query(params![team_id, since])?;
    while let Some(row) = rows.next()? {
        if let Some(&at) = position.get(&row.get::<_, i64>(0)?) {
            retros[at].roti.push(row.get(1)?);
        }
    }
    Ok(retros)
}

/// The day (UTC) of a time in Unix seconds, remembering the last one:
/// items come in roughly in time order, so most share their day with the
/// one before.
#[derive(Default)]
struct LastDay {
    last: Option<(i64, NaiveDate)>,
}

impl LastDay {
    fn of(&mut self, seconds: i64, what: &str) -> Result<NaiveDate> {
        let number = seconds.div_euclid(86_400);
        match self.last {
            Some((last, day)) if last == number => Ok(day),
            _ => {
                let day = day_of(seconds, what)?;
                self.last = Some((number, day));
                Ok(day)
            }
        }
    }
}

/// Every item created from `since` (day, source and sentiment) and every
/// NPS answer from `since`: items', merged reports' and answers without a
/// comment. The items are read in one pass for both.
fn feedback_and_nps_in(
    conn: &Connection,
    since: i64,
) -> Result<(Vec<FeedbackFact>, Vec<NpsAnswer>)> {
    let mut stmt = conn.prepare_cached(
        "SELECT created_at, source, sentiment, nps FROM feedback WHERE created_at >= ?1",
    )?;
    let mut rows = stmt.query([since])?;
    let mut last_day = LastDay::default();
    let mut facts = Vec::new();
    let mut answers = Vec::new();
    while let Some(row) = rows.next()? {
        let (created, source, sentiment): (i64, i64, i64) = (row.get(0)?, row.get(1)?, row.get(2)?);
        let created = last_day.of(created, "feedback created_at")?;
        facts.push(FeedbackFact {
            created,
            source: source_from(source)
                .ok_or_else(|| Error::Corrupt(format!("feedback source {source}")))?,
            sentiment: sentiment_from(sentiment)
                .ok_or_else(|| Error::Corrupt(format!("feedback sentiment {sentiment}")))?,
        });
        if let Some(score) = row.get::<_, Option<u8>>(3)? {
            answers.push(NpsAnswer {
                date: created,
                score,
            });
        }
    }
    let mut stmt = conn.prepare_cached(
        "SELECT NULL, created_at, nps FROM feedback_source WHERE nps IS NOT NULL
         UNION ALL
         SELECT created_at, NULL, score FROM nps_responses WHERE created_at >= ?1",
    )?;
    let mut rows = stmt.query([since])?;
    while let Some(row) = rows.next()? {
        let time = match row.get::<_, Option<i64>>(0)? {
            Some(seconds) => time_from(seconds),
            None => time_from_text(&row.get::<_, String>(1)?),
        }
        .ok_or_else(|| Error::Corrupt("the date of an NPS answer".into()))?;
        if time.timestamp() < since {
            continue;
        }
        let score: u8 = row.get(2)?;
        answers.push(NpsAnswer {
            date: time.date_naive(),
            score,
        });
    }
    Ok((facts, answers))
}

/// Every item with a score that is not done or won't-do, by id.
fn scored_in(conn: &Connection) -> Result<Vec<ScoredItem>> {
    // CROSS JOIN keeps the scored items (few) outside and looks their items
    // up by id, instead of going through every item.
    let mut stmt = conn.prepare_cached(
        "SELECT f.id, f.title, f.status, sc.rice_reach, sc.rice_impact, sc.rice_confidence,
             sc.rice_effort, sc.ice_impact, sc.ice_confidence, sc.ice_ease,
             sc.wsjf_business_value, sc.wsjf_time_criticality, sc.wsjf_risk_reduction,
             sc.wsjf_job_size
         FROM feedback_score sc CROSS JOIN feedback f ON f.id = sc.feedback_id
         WHERE f.status <> ?1 AND f.status <> ?2",
    )?;
    let mut rows = stmt.query([status_code(Status::Done), status_code(Status::WontDo)])?;
    let mut items = Vec::new();
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let status: i64 = row.get(2)?;
        let impact: Option<f64> = row.get(4)?;
        items.push(ScoredItem {
            id,
            title: row.get(1)?,
            status: status_from(status)
                .ok_or_else(|| Error::Corrupt(format!("item {id}: status {status}")))?,
            rice: Rice {
                reach: row.get(3)?,
                impact: impact
                    .map(|v| {
                        Impact::from_value(v)
                            .ok_or_else(|| Error::Corrupt(format!("item {id}: impact {v}")))
                    })
                    .transpose()?,
                confidence: row.get(5)?,
                effort: row.get(6)?,
            },
            ice: Ice {
                impact: row.get(7)?,
                confidence: row.get(8)?,
                ease: row.get(9)?,
            },
            wsjf: Wsjf {
                business_value: row.get(10)?,
                time_criticality: row.get(11)?,
                risk_reduction: row.get(12)?,
                job_size: row.get(13)?,
            },
        });
    }
    Ok(items)
}

impl Store {
    /// What the dashboard of `team` (by name, ignoring case; an unknown
    /// team is an error naming it) shows for the period from `since` (all
    /// time when `None`).
    pub fn dashboard(&self, team: &str, since: Option<NaiveDate>) -> Result<DashboardFacts> {
        // Names the team when it is unknown, with the known ones.
        let kpis = self.kpi_histories(Some(team))?;
        let (team_id, name): (i64, String) = self.conn.query_row(
            "SELECT id, name FROM teams WHERE name = ?1 COLLATE NOCASE",
            [team],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let since_date = since.map(|d| d.to_string());
        let since_secs = since_seconds(since);
        let decisions = self
            .decisions(Some(&name))?
            .into_iter()
            .filter(|d| d.decided_at.timestamp() >= since_secs)
            .collect();
        let (feedback, nps) = feedback_and_nps_in(&self.conn, since_secs)?;
        Ok(DashboardFacts {
            team: name,
            kpis,
            retros: retros_in(&self.conn, team_id, since_date.as_deref())?,
            actions: actions_where(
                &self.conn,
                "WHERE a.team_id = ?1 AND (?2 IS NULL OR r.date >= ?2)",
                params![team_id, since_date],
            )?,
            decisions,
            feedback,
            nps,
            scored: scored_in(&self.conn)?,
        })
    }
}

#[cfg(test)]
mod tests;
