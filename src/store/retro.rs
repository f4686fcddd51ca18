//! Retros as stored: teams, a retro's head (template snapshot, roster,
//! settings, phase), the whole board read back as a `RetroBoard`, the list
//! of retros, and the writes on the retro itself (phase, settings, roster,
//! timers, ROTI, the review of earlier actions). Cards, groups, votes and
//! promotion are in `retro/cards.rs`.
//!
//! A phase and an action status are stored by name, a date as `YYYY-MM-DD`,
//! the template as JSON; an unknown id is an `Invalid` error naming it.

mod cards;
#[cfg(test)]
mod tests;

use super::actions::{actions_where, write_status};
use super::codes::{seconds, time_from};
use super::{Error, Result, Store};
use crate::domain::retro::board::RetroFlag;
use crate::domain::retro::discussion::{TopicRef, TopicTimer};
use crate::domain::retro::voting::Vote;
use crate::domain::retro::{
    ActionItem, ActionStatus, Card, CardGroup, Phase, RetroBoard, RetroSettings, RetroSummary,
    ReviewedAction, Template,
};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};
use std::collections::HashMap;

/// A new retro, checked by the service.
#[derive(Debug, Clone, PartialEq)]
pub struct RetroRow<'a> {
    pub team: &'a str,
    pub title: &'a str,
    pub date: NaiveDate,
    pub template: &'a Template,
    pub facilitator: Option<&'a str>,
    pub participants: &'a [String],
    pub settings: RetroSettings,
}

/// A retro without its board: what a write's rules look at.
#[derive(Debug, Clone, PartialEq)]
pub struct RetroHead {
    pub id: i64,
    pub team: String,
    pub title: String,
    pub date: NaiveDate,
    pub template: Template,
    pub facilitator: Option<String>,
    pub participants: Vec<String>,
    pub settings: RetroSettings,
    pub phase: Phase,
    pub tallies_hidden: bool,
}

/// The column that keeps a retro setting.
trait FlagColumn {
    fn column(self) -> &'static str;
}

impl FlagColumn for RetroFlag {
    fn column(self) -> &'static str {
        match self {
            RetroFlag::Anonymous => "anonymous",
            RetroFlag::HideUntilReveal => "hide_until_reveal",
            RetroFlag::FacilitatorVotes => "facilitator_votes",
            RetroFlag::TalliesHidden => "tallies_hidden",
        }
    }
}

pub(super) fn invalid(message: String) -> Error {
    Error::Invalid(message)
}

/// A stored `YYYY-MM-DD` date; `what` names it when it is not one.
pub(super) fn date_from(text: &str, what: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| Error::Corrupt(format!("{what} '{text}'")))
}

/// Fails with "no retro with id N" unless it exists.
pub(super) fn retro_exists(conn: &Connection, id: i64) -> Result<()> {
    let found = conn
        .query_row("SELECT 1 FROM retros WHERE id = ?1", [id], |_| Ok(()))
        .optional()?;
    found.ok_or_else(|| invalid(format!("no retro with id {id}")))
}

pub(super) fn card_in(conn: &Connection, retro_id: i64, card_id: i64) -> Result<Card> {
    cards::cards_where(
        conn,
        "WHERE retro_id = ?1 AND id = ?2",
        params![retro_id, card_id],
    )?
    .pop()
    .ok_or_else(|| invalid(format!("no card {card_id} in retro {retro_id}")))
}

pub(super) fn group_in(conn: &Connection, retro_id: i64, group_id: i64) -> Result<CardGroup> {
    conn.query_row(
        "SELECT id, title FROM retro_groups WHERE retro_id = ?1 AND id = ?2",
        params![retro_id, group_id],
        |r| {
            Ok(CardGroup {
                id: r.get(0)?,
                title: r.get(1)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| invalid(format!("no group {group_id} in retro {retro_id}")))
}

const SELECT_HEAD: &str = "SELECT r.id, t.name, r.title, r.date, r.template_json, r.facilitator,
        r.phase, r.votes_per_person, r.max_votes_per_card, r.anonymous, r.hide_until_reveal,
        r.facilitator_votes, r.tallies_hidden
    FROM retros r JOIN teams t ON t.id = r.team_id WHERE r.id = ?1";

fn read_head(row: &Row<'_>) -> Result<RetroHead> {
    let id: i64 = row.get(0)?;
    let corrupt = |what: String| Error::Corrupt(format!("retro {id}: {what}"));
    let json: String = row.get(4)?;
    let phase: String = row.get(6)?;
    let date: String = row.get(3)?;
    Ok(RetroHead {
        id,
        team: row.get(1)?,
        title: row.get(2)?,
        date: date_from(&date, "date")?,
        template: serde_json::from_str(&json).map_err(|e| corrupt(format!("template: {e}")))?,
        facilitator: row.get(5)?,
        participants: Vec::new(),
        settings: RetroSettings {
            votes_per_person: row.get(7)?,
            max_votes_per_card: row.get(8)?,
            anonymous: row.get(9)?,
            hide_until_reveal: row.get(10)?,
            facilitator_votes: row.get(11)?,
        },
        phase: phase
            .parse()
            .map_err(|_| corrupt(format!("phase '{phase}'")))?,
        tallies_hidden: row.get(12)?,
    })
}

pub(super) fn head_in(conn: &Connection, id: i64) -> Result<RetroHead> {
    let mut stmt = conn.prepare_cached(SELECT_HEAD)?;
    let mut rows = stmt.query([id])?;
    let Some(row) = rows.next()? else {
        return Err(invalid(format!("no retro with id {id}")));
    };
    let mut head = read_head(row)?;
    head.participants = participants_in(conn, id)?;
    Ok(head)
}

fn participants_in(conn: &Connection, retro_id: i64) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT name FROM retro_participants WHERE retro_id = ?1 ORDER BY position",
    )?;
    let names = stmt.query_map([retro_id], |r| r.get(0))?;
    Ok(names.collect::<rusqlite::Result<_>>()?)
}

/// Adds `name` at the end of the roster unless it is there already.
pub(super) fn add_to_roster(tx: &Transaction<'_>, retro_id: i64, name: &str) -> Result<bool> {
    let added = tx.execute(
        "INSERT OR IGNORE INTO retro_participants (retro_id, name, position)
         SELECT ?1, ?2, coalesce(max(position) + 1, 0) FROM retro_participants
          WHERE retro_id = ?1",
        params![retro_id, name],
    )?;
    Ok(added > 0)
}

pub(super) fn votes_in(conn: &Connection, retro_id: i64) -> Result<Vec<Vote>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, participant, card_id FROM retro_votes WHERE retro_id = ?1 ORDER BY id",
    )?;
    let votes = stmt.query_map([retro_id], |r| {
        Ok(Vote {
            id: r.get(0)?,
            participant: r.get(1)?,
            card_id: r.get(2)?,
        })
    })?;
    Ok(votes.collect::<rusqlite::Result<_>>()?)
}

fn groups_in(conn: &Connection, retro_id: i64) -> Result<Vec<CardGroup>> {
    let mut stmt =
        conn.prepare_cached("SELECT id, title FROM retro_groups WHERE retro_id = ?1 ORDER BY id")?;
    let groups = stmt.query_map([retro_id], |r| {
        Ok(CardGroup {
            id: r.get(0)?,
            title: r.get(1)?,
        })
    })?;
    Ok(groups.collect::<rusqlite::Result<_>>()?)
}

fn roti_in(conn: &Connection, retro_id: i64) -> Result<Vec<(String, u8)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT participant, rating FROM retro_roti WHERE retro_id = ?1 ORDER BY participant",
    )?;
    let answers = stmt.query_map([retro_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(answers.collect::<rusqlite::Result<_>>()?)
}

fn reviews_in(conn: &Connection, retro_id: i64) -> Result<Vec<ReviewedAction>> {
    let mut stmt = conn.prepare_cached(
        "SELECT action_id, review_status FROM retro_reviews WHERE retro_id = ?1 ORDER BY action_id",
    )?;
    let rows: Vec<(i64, Option<String>)> = stmt
        .query_map([retro_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let actions: HashMap<i64, ActionItem> = actions_where(
        conn,
        "JOIN retro_reviews v ON v.action_id = a.id WHERE v.retro_id = ?1",
        [retro_id],
    )?
    .into_iter()
    .map(|a| (a.id, a))
    .collect();
    let mut out = Vec::with_capacity(rows.len());
    for (action_id, review) in rows {
        let action = actions.get(&action_id).cloned().ok_or_else(|| {
            Error::Corrupt(format!("retro {retro_id}: reviewed action {action_id}"))
        })?;
        let review = review
            .map(|s| {
                s.parse::<ActionStatus>()
                    .map_err(|_| Error::Corrupt(format!("retro {retro_id}: review status '{s}'")))
            })
            .transpose()?;
        out.push(ReviewedAction { action, review });
    }
    Ok(out)
}

fn timers_in(conn: &Connection, retro_id: i64) -> Result<HashMap<TopicRef, TopicTimer>> {
    let mut stmt = conn.prepare_cached(
        "SELECT topic_kind, topic_id, allotted_secs, elapsed_ms FROM retro_timers
          WHERE retro_id = ?1",
    )?;
    let mut rows = stmt.query([retro_id])?;
    let mut timers = HashMap::new();
    while let Some(row) = rows.next()? {
        let kind: String = row.get(0)?;
        let id: i64 = row.get(1)?;
        let topic = match kind.as_str() {
            "group" => TopicRef::Group(id),
            "card" => TopicRef::Card(id),
            _ => return Err(Error::Corrupt(format!("retro {retro_id}: topic '{kind}'"))),
        };
        // A timer reloads paused: nothing ran while the app was closed.
        let timer = TopicTimer {
            allotted_secs: count(row.get(2)?, || format!("retro {retro_id}: timer"))?,
            elapsed_ms: count(row.get(3)?, || format!("retro {retro_id}: timer"))?,
            running_since: None,
        };
        timers.insert(topic, timer);
    }
    Ok(timers)
}

fn topic_key(topic: TopicRef) -> (&'static str, i64) {
    match topic {
        TopicRef::Group(id) => ("group", id),
        TopicRef::Card(id) => ("card", id),
    }
}

impl Store {
    /// Creates a retro (and its team, the first time it is named) with its
    /// roster; the team's actions from earlier retros still open are copied
    /// into its review. Returns its id.
    pub fn create_retro(&mut self, retro: &RetroRow<'_>, now: DateTime<Utc>) -> Result<i64> {
        let tx = self.write_transaction()?;
        let now = seconds(&now);
        tx.execute(
            "INSERT OR IGNORE INTO teams (name, created_at) VALUES (?1, ?2)",
            params![retro.team, now],
        )?;
        let team_id: i64 = tx.query_row(
            "SELECT id FROM teams WHERE name = ?1 COLLATE NOCASE",
            [retro.team],
            |r| r.get(0),
        )?;
        let json = serde_json::to_string(retro.template)
            .map_err(|e| Error::Invalid(format!("template: {e}")))?;
        let s = &retro.settings;
        tx.execute(
            "INSERT INTO retros (team_id, title, date, template_name, template_json, facilitator,
                 phase, votes_per_person, max_votes_per_card, anonymous, hide_until_reveal,
                 facilitator_votes, tallies_hidden, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 0, ?13)",
            params![
                team_id,
                retro.title,
                retro.date.to_string(),
                retro.template.name,
                json,
                retro.facilitator,
                Phase::Review.name(),
                s.votes_per_person,
                s.max_votes_per_card,
                s.anonymous,
                s.hide_until_reveal,
                s.facilitator_votes,
                now,
            ],
        )?;
        let id = tx.last_insert_rowid();
        for name in retro.participants {
            add_to_roster(&tx, id, name)?;
        }
        tx.execute(
            "INSERT INTO retro_reviews (retro_id, action_id, review_status)
             SELECT ?1, id, NULL FROM action_items
              WHERE team_id = ?2 AND status = 'open' AND retro_id <> ?1",
            params![id, team_id],
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// A retro's head: what its rules need, without the board.
    pub fn retro_head(&self, id: i64) -> Result<RetroHead> {
        head_in(&self.conn, id)
    }

    /// A whole retro, read in one snapshot.
    pub fn load_retro(&self, id: i64) -> Result<RetroBoard> {
        let tx = self.conn.unchecked_transaction()?;
        let head = head_in(&tx, id)?;
        let board = RetroBoard {
            id,
            team: head.team,
            title: head.title,
            date: head.date,
            template: head.template,
            facilitator: head.facilitator,
            participants: head.participants,
            settings: head.settings,
            phase: head.phase,
            tallies_hidden: head.tallies_hidden,
            cards: cards::cards_where(&tx, "WHERE retro_id = ?1", [id])?,
            groups: groups_in(&tx, id)?,
            votes: votes_in(&tx, id)?,
            actions: actions_where(&tx, "WHERE a.retro_id = ?1", [id])?,
            roti: roti_in(&tx, id)?,
            review: reviews_in(&tx, id)?,
            timers: timers_in(&tx, id)?,
        };
        tx.finish()?;
        Ok(board)
    }

    /// Retros, newest date first, of one team (by name, ignoring case) or
    /// of all.
    pub fn list_retros(&self, team: Option<&str>) -> Result<Vec<RetroSummary>> {
        let mut stmt = self.conn.prepare(
            "SELECT r.id, t.name, r.title, r.template_name, r.date, r.phase,
                 (SELECT count(*) FROM retro_cards c WHERE c.retro_id = r.id),
                 (SELECT count(*) FROM retro_participants p WHERE p.retro_id = r.id)
             FROM retros r JOIN teams t ON t.id = r.team_id
             WHERE ?1 IS NULL OR t.name = ?1 COLLATE NOCASE
             ORDER BY r.date DESC, r.id DESC",
        )?;
        let mut rows = stmt.query([team])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            let date: String = row.get(4)?;
            let phase: String = row.get(5)?;
            out.push(RetroSummary {
                id,
                team: row.get(1)?,
                title: row.get(2)?,
                template: row.get(3)?,
                date: date_from(&date, "date")?,
                phase: phase
                    .parse()
                    .map_err(|_| Error::Corrupt(format!("retro {id}: phase '{phase}'")))?,
                cards: count(row.get(6)?, || format!("retro {id}: cards"))?,
                participants: count(row.get(7)?, || format!("retro {id}: participants"))?,
            });
        }
        Ok(out)
    }

    /// Moves a retro to `phase`; returns the phase it was in.
    pub fn set_retro_phase(&mut self, id: i64, phase: Phase) -> Result<Phase> {
        let tx = self.write_transaction()?;
        let before = head_in(&tx, id)?.phase;
        tx.execute(
            "UPDATE retros SET phase = ?2 WHERE id = ?1",
            params![id, phase.name()],
        )?;
        tx.commit()?;
        Ok(before)
    }

    /// Turns a setting on or off; returns what it was.
    pub fn set_retro_flag(&mut self, id: i64, flag: RetroFlag, on: bool) -> Result<bool> {
        let tx = self.write_transaction()?;
        retro_exists(&tx, id)?;
        let column = flag.column();
        let before: bool = tx.query_row(
            &format!("SELECT {column} FROM retros WHERE id = ?1"),
            [id],
            |r| r.get(0),
        )?;
        tx.execute(
            &format!("UPDATE retros SET {column} = ?2 WHERE id = ?1"),
            params![id, on],
        )?;
        tx.commit()?;
        Ok(before)
    }

    /// Sets the vote budget and per-card cap, and removes in the same
    /// transaction the votes `excess` picks from every vote cast (oldest
    /// first); returns the ids removed.
    pub fn set_vote_limits(
        &mut self,
        id: i64,
        votes_per_person: u32,
        max_votes_per_card: u32,
        excess: impl FnOnce(&[Vote]) -> Vec<i64>,
    ) -> Result<Vec<i64>> {
        let tx = self.write_transaction()?;
        retro_exists(&tx, id)?;
        tx.execute(
            "UPDATE retros SET votes_per_person = ?2, max_votes_per_card = ?3 WHERE id = ?1",
            params![id, votes_per_person, max_votes_per_card],
        )?;
        let removed = excess(&votes_in(&tx, id)?);
        for vote in &removed {
            tx.execute(
                "DELETE FROM retro_votes WHERE id = ?1 AND retro_id = ?2",
                params![vote, id],
            )?;
        }
        tx.commit()?;
        Ok(removed)
    }

    /// Adds `name` to the roster; false when it was already there.
    pub fn add_retro_participant(&mut self, id: i64, name: &str) -> Result<bool> {
        let tx = self.write_transaction()?;
        retro_exists(&tx, id)?;
        let added = add_to_roster(&tx, id, name)?;
        tx.commit()?;
        Ok(added)
    }

    /// Keeps a topic's countdown: its allotted time and the time spent,
    /// `elapsed_ms` (a stored timer reloads paused).
    pub fn save_topic_timer(
        &mut self,
        id: i64,
        topic: TopicRef,
        allotted_secs: u64,
        elapsed_ms: u64,
    ) -> Result<()> {
        let tx = self.write_transaction()?;
        retro_exists(&tx, id)?;
        let (kind, topic_id) = topic_key(topic);
        tx.execute(
            "INSERT OR REPLACE INTO retro_timers
                 (retro_id, topic_kind, topic_id, allotted_secs, elapsed_ms)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                id,
                kind,
                topic_id,
                i64::try_from(allotted_secs).unwrap_or(i64::MAX),
                i64::try_from(elapsed_ms).unwrap_or(i64::MAX)
            ],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Records a participant's ROTI answer (1–5); returns their earlier one.
    pub fn set_retro_roti(&mut self, id: i64, participant: &str, rating: u8) -> Result<Option<u8>> {
        let tx = self.write_transaction()?;
        retro_exists(&tx, id)?;
        let before: Option<u8> = tx
            .query_row(
                "SELECT rating FROM retro_roti WHERE retro_id = ?1 AND participant = ?2",
                params![id, participant],
                |r| r.get(0),
            )
            .optional()?;
        tx.execute(
            "INSERT OR REPLACE INTO retro_roti (retro_id, participant, rating)
             VALUES (?1, ?2, ?3)",
            params![id, participant, rating],
        )?;
        tx.commit()?;
        Ok(before)
    }

    /// Records the review of an earlier action in retro `id`: the action
    /// takes `status`, and the review keeps it. Returns the action as it was.
    pub fn review_action(
        &mut self,
        id: i64,
        action_id: i64,
        status: ActionStatus,
        now: DateTime<Utc>,
    ) -> Result<ActionItem> {
        let tx = self.write_transaction()?;
        retro_exists(&tx, id)?;
        let before = super::actions::action_in(&tx, action_id)?;
        let reviewed = tx.execute(
            "UPDATE retro_reviews SET review_status = ?3 WHERE retro_id = ?1 AND action_id = ?2",
            params![id, action_id, status.name()],
        )?;
        if reviewed == 0 {
            return Err(invalid(format!(
                "action {action_id} is not in the review of retro {id}"
            )));
        }
        write_status(&tx, action_id, status, now)?;
        tx.commit()?;
        Ok(before)
    }

    /// The retro card feedback item `id` was made from: (retro id, retro
    /// title, card id), for the item's detail pane.
    pub fn retro_of_feedback(&self, id: i64) -> Result<Option<(i64, String, i64)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT r.id, r.title, c.id FROM feedback f
                   JOIN retro_cards c ON c.id = f.retro_card_id
                   JOIN retros r ON r.id = c.retro_id
                  WHERE f.id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?)
    }
}

/// The time a card was written, as stored.
pub(super) fn card_time(id: i64, stored: i64) -> Result<DateTime<Utc>> {
    time_from(stored).ok_or_else(|| Error::Corrupt(format!("card {id}: created_at {stored}")))
}

/// A stored count or index that must not be negative.
pub(super) fn count<T: TryFrom<i64>>(stored: i64, what: impl FnOnce() -> String) -> Result<T> {
    T::try_from(stored).map_err(|_| Error::Corrupt(format!("{} {stored}", what())))
}
