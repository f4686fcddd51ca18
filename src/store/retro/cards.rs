//! A retro's cards, groups and votes, and a card promoted to a feedback
//! item. Writes that take something away return all of it (a deleted card
//! with its votes, the links to it and the group it emptied), so undo puts
//! back the same rows with the same ids. A group is deleted when its last
//! card leaves it.

use super::{add_to_roster, card_in, card_time, count, group_in, invalid, retro_exists, votes_in};
use crate::domain::feedback::{FeedbackDraft, FeedbackItem};
use crate::domain::retro::Card;
use crate::domain::retro::board::{DeletedCard, Regrouped, RemovedGroup};
use crate::domain::retro::voting::Vote;
use crate::store::codes::seconds;
use crate::store::feedback::{Write, write_item};
use crate::store::{Error, Result, Store};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

const SELECT_CARD: &str =
    "SELECT id, column_index, text, author, group_id, revealed, created_at FROM retro_cards";

/// Cards matching `sql_filter` (a `WHERE …`), by id.
pub(in crate::store) fn cards_where(
    conn: &Connection,
    sql_filter: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<Card>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT_CARD} {sql_filter} ORDER BY id"))?;
    let mut rows = stmt.query(params)?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        out.push(Card {
            id,
            column: count(row.get(1)?, || format!("card {id}: column"))?,
            text: row.get(2)?,
            author: row.get(3)?,
            group_id: row.get(4)?,
            revealed: row.get(5)?,
            created_at: card_time(id, row.get(6)?)?,
        });
    }
    Ok(out)
}

fn ids(tx: &Transaction<'_>, sql: &str, id: i64) -> Result<Vec<i64>> {
    let mut stmt = tx.prepare_cached(sql)?;
    let rows = stmt.query_map([id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Deletes group `group_id` if no card is left in it.
fn drop_if_empty(
    tx: &Transaction<'_>,
    retro_id: i64,
    group_id: i64,
) -> Result<Option<RemovedGroup>> {
    let left: i64 = tx.query_row(
        "SELECT count(*) FROM retro_cards WHERE group_id = ?1",
        [group_id],
        |r| r.get(0),
    )?;
    if left > 0 {
        return Ok(None);
    }
    let group = group_in(tx, retro_id, group_id)?;
    let action_ids = ids(
        tx,
        "SELECT id FROM action_items WHERE group_id = ?1 ORDER BY id",
        group_id,
    )?;
    tx.execute("DELETE FROM retro_groups WHERE id = ?1", [group_id])?;
    Ok(Some(RemovedGroup { group, action_ids }))
}

fn restore_group(tx: &Transaction<'_>, retro_id: i64, removed: &RemovedGroup) -> Result<()> {
    tx.execute(
        "INSERT INTO retro_groups (id, retro_id, title) VALUES (?1, ?2, ?3)",
        params![removed.group.id, retro_id, removed.group.title],
    )?;
    for action in &removed.action_ids {
        tx.execute(
            "UPDATE action_items SET group_id = ?2 WHERE id = ?1",
            params![action, removed.group.id],
        )?;
    }
    Ok(())
}

/// Puts a card in `group` (or none); deletes the group it left if empty.
fn regroup(
    tx: &Transaction<'_>,
    retro_id: i64,
    card: &Card,
    group: Option<i64>,
) -> Result<Regrouped> {
    tx.execute(
        "UPDATE retro_cards SET group_id = ?2 WHERE id = ?1",
        params![card.id, group],
    )?;
    let removed_group = match card.group_id {
        Some(old) if Some(old) != group => drop_if_empty(tx, retro_id, old)?,
        _ => None,
    };
    Ok(Regrouped {
        card_id: card.id,
        previous: card.group_id,
        removed_group,
    })
}

impl Store {
    /// Adds a card; an author not on the roster (nor the facilitator) joins it.
    pub fn add_retro_card(
        &mut self,
        retro_id: i64,
        column: usize,
        text: &str,
        author: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Card> {
        let tx = self.write_transaction()?;
        let head = super::head_in(&tx, retro_id)?;
        if let Some(name) = author
            && head.facilitator.as_deref() != Some(name)
        {
            add_to_roster(&tx, retro_id, name)?;
        }
        tx.execute(
            "INSERT INTO retro_cards (retro_id, column_index, text, author, revealed, created_at)
             VALUES (?1, ?2, ?3, ?4, 0, ?5)",
            params![retro_id, column as i64, text, author, seconds(&now)],
        )?;
        let card = card_in(&tx, retro_id, tx.last_insert_rowid())?;
        tx.commit()?;
        Ok(card)
    }

    /// One card of a retro.
    pub fn retro_card(&self, retro_id: i64, card_id: i64) -> Result<Card> {
        retro_exists(&self.conn, retro_id)?;
        card_in(&self.conn, retro_id, card_id)
    }

    /// Changes a card's text and column; returns it as it was.
    pub fn update_retro_card(
        &mut self,
        retro_id: i64,
        card_id: i64,
        text: &str,
        column: usize,
    ) -> Result<Card> {
        let tx = self.write_transaction()?;
        retro_exists(&tx, retro_id)?;
        let before = card_in(&tx, retro_id, card_id)?;
        tx.execute(
            "UPDATE retro_cards SET text = ?2, column_index = ?3 WHERE id = ?1",
            params![card_id, text, column as i64],
        )?;
        tx.commit()?;
        Ok(before)
    }

    /// Deletes a card with its votes; returns all that referred to it.
    pub fn delete_retro_card(&mut self, retro_id: i64, card_id: i64) -> Result<DeletedCard> {
        let tx = self.write_transaction()?;
        retro_exists(&tx, retro_id)?;
        let card = card_in(&tx, retro_id, card_id)?;
        let votes: Vec<Vote> = votes_in(&tx, retro_id)?
            .into_iter()
            .filter(|v| v.card_id == card_id)
            .collect();
        let action_ids = ids(
            &tx,
            "SELECT id FROM action_items WHERE card_id = ?1 ORDER BY id",
            card_id,
        )?;
        let feedback_id = tx
            .query_row(
                "SELECT id FROM feedback WHERE retro_card_id = ?1",
                [card_id],
                |r| r.get(0),
            )
            .optional()?;
        tx.execute("DELETE FROM retro_cards WHERE id = ?1", [card_id])?;
        let removed_group = match card.group_id {
            Some(group) => drop_if_empty(&tx, retro_id, group)?,
            None => None,
        };
        tx.commit()?;
        Ok(DeletedCard {
            card,
            votes,
            action_ids,
            feedback_id,
            removed_group,
        })
    }

    /// Puts a deleted card back as it was, same ids, links included.
    pub fn restore_retro_card(&mut self, retro_id: i64, deleted: &DeletedCard) -> Result<()> {
        let tx = self.write_transaction()?;
        retro_exists(&tx, retro_id)?;
        if let Some(removed) = &deleted.removed_group {
            restore_group(&tx, retro_id, removed)?;
        }
        let card = &deleted.card;
        tx.execute(
            "INSERT INTO retro_cards (id, retro_id, column_index, text, author, group_id,
                 revealed, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                card.id,
                retro_id,
                card.column as i64,
                card.text,
                card.author,
                card.group_id,
                card.revealed,
                seconds(&card.created_at)
            ],
        )?;
        for vote in &deleted.votes {
            insert_vote(&tx, retro_id, vote)?;
        }
        for action in &deleted.action_ids {
            tx.execute(
                "UPDATE action_items SET card_id = ?2 WHERE id = ?1",
                params![action, card.id],
            )?;
        }
        if let Some(feedback) = deleted.feedback_id {
            tx.execute(
                "UPDATE feedback SET retro_card_id = ?2 WHERE id = ?1",
                params![feedback, card.id],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Makes a group named `title` of `card_ids` (all of this retro);
    /// returns its id and where each card was.
    pub fn group_retro_cards(
        &mut self,
        retro_id: i64,
        card_ids: &[i64],
        title: &str,
    ) -> Result<(i64, Vec<Regrouped>)> {
        let tx = self.write_transaction()?;
        retro_exists(&tx, retro_id)?;
        let cards = card_ids
            .iter()
            .map(|id| card_in(&tx, retro_id, *id))
            .collect::<Result<Vec<_>>>()?;
        tx.execute(
            "INSERT INTO retro_groups (retro_id, title) VALUES (?1, ?2)",
            params![retro_id, title],
        )?;
        let group = tx.last_insert_rowid();
        let mut moved = Vec::with_capacity(cards.len());
        for card in &cards {
            moved.push(regroup(&tx, retro_id, card, Some(group))?);
        }
        tx.commit()?;
        Ok((group, moved))
    }

    /// Puts a card in a group of the retro, or in none.
    pub fn set_retro_card_group(
        &mut self,
        retro_id: i64,
        card_id: i64,
        group: Option<i64>,
    ) -> Result<Regrouped> {
        let tx = self.write_transaction()?;
        retro_exists(&tx, retro_id)?;
        let card = card_in(&tx, retro_id, card_id)?;
        if let Some(group) = group {
            group_in(&tx, retro_id, group)?;
        }
        let moved = regroup(&tx, retro_id, &card, group)?;
        tx.commit()?;
        Ok(moved)
    }

    /// Undoes regroupings, the last first: each card goes back to its group,
    /// a group its leaving deleted comes back (same id, same actions).
    pub fn undo_regroup(&mut self, retro_id: i64, moves: &[Regrouped]) -> Result<()> {
        let tx = self.write_transaction()?;
        retro_exists(&tx, retro_id)?;
        for moved in moves.iter().rev() {
            let card = card_in(&tx, retro_id, moved.card_id)?;
            if let Some(removed) = &moved.removed_group {
                restore_group(&tx, retro_id, removed)?;
            }
            regroup(&tx, retro_id, &card, moved.previous)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Renames a group; returns its old title.
    pub fn rename_retro_group(
        &mut self,
        retro_id: i64,
        group_id: i64,
        title: &str,
    ) -> Result<String> {
        let tx = self.write_transaction()?;
        retro_exists(&tx, retro_id)?;
        let before = group_in(&tx, retro_id, group_id)?.title;
        tx.execute(
            "UPDATE retro_groups SET title = ?2 WHERE id = ?1",
            params![group_id, title],
        )?;
        tx.commit()?;
        Ok(before)
    }

    /// Reveals the hidden cards of one column, or of all; returns how many.
    pub fn reveal_retro_cards(&mut self, retro_id: i64, column: Option<usize>) -> Result<usize> {
        let tx = self.write_transaction()?;
        retro_exists(&tx, retro_id)?;
        let count = tx.execute(
            "UPDATE retro_cards SET revealed = 1
              WHERE retro_id = ?1 AND revealed = 0 AND (?2 IS NULL OR column_index = ?2)",
            params![retro_id, column.map(|c| c as i64)],
        )?;
        tx.commit()?;
        Ok(count)
    }

    /// Casts a vote once `check` (given every vote of the retro, oldest
    /// first) allows it, in one transaction, so two voters cannot both take
    /// the last vote of a budget.
    pub fn add_retro_vote(
        &mut self,
        retro_id: i64,
        card_id: i64,
        participant: &str,
        check: impl FnOnce(&[Vote]) -> std::result::Result<(), String>,
    ) -> Result<Vote> {
        let tx = self.write_transaction()?;
        retro_exists(&tx, retro_id)?;
        card_in(&tx, retro_id, card_id)?;
        check(&votes_in(&tx, retro_id)?).map_err(Error::Invalid)?;
        tx.execute(
            "INSERT INTO retro_votes (retro_id, card_id, participant) VALUES (?1, ?2, ?3)",
            params![retro_id, card_id, participant],
        )?;
        let vote = Vote {
            id: tx.last_insert_rowid(),
            participant: participant.to_string(),
            card_id,
        };
        tx.commit()?;
        Ok(vote)
    }

    /// Removes the vote `pick` chooses from every vote of the retro.
    pub fn remove_retro_vote(
        &mut self,
        retro_id: i64,
        pick: impl FnOnce(&[Vote]) -> std::result::Result<i64, String>,
    ) -> Result<Vote> {
        let tx = self.write_transaction()?;
        retro_exists(&tx, retro_id)?;
        let votes = votes_in(&tx, retro_id)?;
        let id = pick(&votes).map_err(Error::Invalid)?;
        let vote = votes
            .into_iter()
            .find(|v| v.id == id)
            .ok_or_else(|| invalid(format!("no vote {id} in retro {retro_id}")))?;
        tx.execute("DELETE FROM retro_votes WHERE id = ?1", [id])?;
        tx.commit()?;
        Ok(vote)
    }

    /// Puts back a removed vote with its id.
    pub fn restore_retro_vote(&mut self, retro_id: i64, vote: &Vote) -> Result<()> {
        let tx = self.write_transaction()?;
        retro_exists(&tx, retro_id)?;
        card_in(&tx, retro_id, vote.card_id)?;
        insert_vote(&tx, retro_id, vote)?;
        tx.commit()?;
        Ok(())
    }

    /// The feedback item made from a card: the one already made, or a new
    /// one from the draft `make` writes, linked to the card. Returns its id.
    pub fn promote_retro_card(
        &mut self,
        retro_id: i64,
        card_id: i64,
        make: impl FnOnce(&Card) -> std::result::Result<FeedbackDraft, String>,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let tx = self.write_transaction()?;
        retro_exists(&tx, retro_id)?;
        let card = card_in(&tx, retro_id, card_id)?;
        let existing: Option<i64> = tx
            .query_row(
                "SELECT id FROM feedback WHERE retro_card_id = ?1",
                [card_id],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(id) = existing {
            return Ok(id);
        }
        let draft = make(&card).map_err(Error::Invalid)?;
        let item = FeedbackItem::from_draft(draft, now);
        let id = write_item(&tx, &item, seconds(&now), Write::Insert)?;
        tx.execute(
            "UPDATE feedback SET retro_card_id = ?2 WHERE id = ?1",
            params![id, card_id],
        )?;
        tx.commit()?;
        Ok(id)
    }
}

fn insert_vote(tx: &Transaction<'_>, retro_id: i64, vote: &Vote) -> Result<()> {
    tx.execute(
        "INSERT INTO retro_votes (id, retro_id, card_id, participant) VALUES (?1, ?2, ?3, ?4)",
        params![vote.id, retro_id, vote.card_id, vote.participant],
    )?;
    Ok(())
}
