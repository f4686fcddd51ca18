//! What a delete takes along with an item (its merged reports, survey
//! answers and dismissed duplicate pairs) and how undo puts the item and all
//! of it back, only while nobody else changed the item meanwhile.

use super::codes::seconds;
use super::duplicates::{evidence_of, own_report};
use super::feedback::{Write, get_in, timestamp, write_item};
use super::kano::stored_response;
use super::{Error, Result, Store};
use crate::domain::feedback::{Attachments, FeedbackItem, SurveyResponse};
use chrono::Utc;
use rusqlite::{Transaction, params};

/// What hangs off item `id` besides its row and tags, which a delete
/// removes with it.
fn read_attachments(tx: &Transaction<'_>, id: i64) -> Result<Attachments> {
    let mut survey_responses = Vec::new();
    {
        let mut stmt = tx.prepare_cached(
            "SELECT survey, respondent, functional, dysfunctional, importance
             FROM kano_response WHERE feedback_id = ?1",
        )?;
        let mut rows = stmt.query([id])?;
        while let Some(row) = rows.next()? {
            survey_responses.push(SurveyResponse {
                survey: row.get(0)?,
                respondent: row.get(1)?,
                response: stored_response(id, row.get(2)?, row.get(3)?, row.get(4)?)?,
            });
        }
    }
    let dismissed_pairs = tx
        .prepare(
            "SELECT CASE WHEN first_id = ?1 THEN second_id ELSE first_id END
             FROM duplicate_dismissal WHERE first_id = ?1 OR second_id = ?1",
        )?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let retro_card_id = tx.query_row(
        "SELECT retro_card_id FROM feedback WHERE id = ?1",
        [id],
        |r| r.get(0),
    )?;
    Ok(Attachments {
        evidence: evidence_of(tx, id)?,
        survey_responses,
        dismissed_pairs,
        retro_card_id,
        own_report: own_report(tx, id)?,
    })
}

fn restore_attachments(tx: &Transaction<'_>, id: i64, a: &Attachments) -> Result<()> {
    let mut source = tx.prepare(
        "INSERT INTO feedback_source
             (feedback_id, source, customer, created_at, nps, title, description,
              report_key, report_digest, external_id, import_batch)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    for report in &a.evidence {
        let identity = &report.identity;
        source.execute(params![
            id,
            report.source.name(),
            report.customer,
            timestamp(&report.created_at),
            report.nps,
            report.title,
            report.description,
            identity.key,
            identity.digest,
            identity.external_id,
            identity.batch
        ])?;
    }
    let own = &a.own_report;
    tx.execute(
        "UPDATE feedback SET report_key = ?2, report_digest = ?3, external_id = ?4,
             import_batch = ?5
         WHERE id = ?1",
        params![id, own.key, own.digest, own.external_id, own.batch],
    )?;
    let mut answer = tx.prepare(
        "INSERT OR IGNORE INTO kano_response
             (feedback_id, survey, respondent, functional, dysfunctional, importance)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for SurveyResponse {
        survey,
        respondent,
        response,
    } in &a.survey_responses
    {
        answer.execute(params![
            id,
            survey,
            respondent,
            response.functional.number(),
            response.dysfunctional.number(),
            response.importance
        ])?;
    }
    // A pair whose other item is gone meanwhile has nothing to restore.
    let mut dismissal = tx.prepare(
        "INSERT OR IGNORE INTO duplicate_dismissal (first_id, second_id)
         SELECT min(?1, ?2), max(?1, ?2) WHERE EXISTS (SELECT 1 FROM feedback WHERE id = ?2)",
    )?;
    for other in &a.dismissed_pairs {
        dismissal.execute(params![id, other])?;
    }
    // The card may be gone meanwhile (deleted with its retro): then the
    // item simply stays unlinked.
    tx.execute(
        "UPDATE feedback SET retro_card_id = ?2
         WHERE id = ?1 AND EXISTS (SELECT 1 FROM retro_cards WHERE id = ?2)",
        params![id, a.retro_card_id],
    )?;
    Ok(())
}

impl Store {
    /// Deletes an item with its tags, merged reports, survey answers and
    /// dismissed pairs; returns all of it, so that undo can put it back.
    pub fn delete_feedback(&mut self, id: i64) -> Result<(FeedbackItem, Attachments)> {
        let tx = self.write_transaction()?;
        let before = get_in(&tx, id)?;
        let attachments = read_attachments(&tx, id)?;
        tx.execute("DELETE FROM feedback WHERE id = ?1", [id])?;
        tx.commit()?;
        Ok((before, attachments))
    }

    /// Undo: sets item `id` back to `target` (or deletes it when `None`),
    /// but only while it is still exactly `expected` (`None`: absent). If
    /// anyone changed it since, nothing is written and `Conflict` says so,
    /// so an undo never overwrites another process's change. Returns the
    /// item that was replaced, if any.
    pub fn revert_feedback(
        &mut self,
        id: i64,
        expected: Option<&FeedbackItem>,
        target: Option<&FeedbackItem>,
        attachments: Option<&Attachments>,
    ) -> Result<Option<FeedbackItem>> {
        let tx = self.write_transaction()?;
        let current = match get_in(&tx, id) {
            Ok(found) => Some(found),
            Err(Error::NotFound(_)) => None,
            Err(e) => return Err(e),
        };
        if current.as_ref() != expected {
            return Err(Error::Conflict(id));
        }
        let now = seconds(&Utc::now());
        match (target, current.is_some()) {
            (Some(item), true) => {
                write_item(&tx, item, now, Write::Update)?;
            }
            (Some(item), false) => {
                write_item(&tx, item, now, Write::Insert)?;
                if let Some(attachments) = attachments {
                    restore_attachments(&tx, id, attachments)?;
                }
            }
            (None, _) => {
                tx.execute("DELETE FROM feedback WHERE id = ?1", [id])?;
            }
        }
        tx.commit()?;
        Ok(current)
    }
}
