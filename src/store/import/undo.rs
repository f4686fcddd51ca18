//! Import batches after the fact: listing them, undoing one, and the NPS
//! answers imports stored without a comment. Undo puts the database back
//! exactly as it was before the batch (rows it changed from the journal,
//! rows it added deleted, the batch itself forgotten), but only when
//! nothing changed since in what the batch touched: no later edit of those
//! items (their `revision`), no later import that touched them, no survey
//! answer or dismissed pair on an item it added, no item it added deleted.
//! Otherwise it names the items in the way and changes nothing.

use super::journal::{self, JOURNALED_TABLES};
use crate::domain::feedback::{NpsTally, Source};
use crate::store::codes::{source_from, time_from, time_from_text};
use crate::store::{Error, Result, Store};
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, params};
use std::collections::BTreeSet;

/// One import, as `imports list` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportBatch {
    pub id: i64,
    pub file: String,
    pub imported_at: DateTime<Utc>,
    pub rows: i64,
    pub added: i64,
    pub updated: i64,
    pub unchanged: i64,
    pub merged: i64,
    pub nps_responses: i64,
}

/// Why an import cannot be undone: the items changed since, with what
/// changed, in id order ("#12 Export fails: edited since").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UndoConflict {
    pub batch: i64,
    pub items: Vec<String>,
}

/// One NPS answer: an item's own, a merged report's, or a response
/// without a comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NpsResponse {
    pub score: u8,
    pub date: DateTime<Utc>,
    pub customer: Option<String>,
    pub source: Source,
    /// The file it was imported from (none for answers typed by hand).
    pub file: Option<String>,
    pub external_id: Option<String>,
    /// The item the answer came with, if it had a comment.
    pub feedback_id: Option<i64>,
}

fn read_batch(row: &rusqlite::Row<'_>) -> rusqlite::Result<ImportBatch> {
    Ok(ImportBatch {
        id: row.get(0)?,
        file: row.get(1)?,
        imported_at: time_from(row.get(2)?).unwrap_or_default(),
        rows: row.get(3)?,
        added: row.get(4)?,
        updated: row.get(5)?,
        unchanged: row.get(6)?,
        merged: row.get(7)?,
        nps_responses: row.get(8)?,
    })
}

const SELECT_BATCH: &str = "SELECT id, file, imported_at, rows, added, updated, unchanged,
    merged, nps_responses FROM import_batches";

/// "#12 Export fails" for an item, "#12" when it is gone.
fn item_label(tx: &Transaction<'_>, id: i64) -> Result<String> {
    let title: Option<String> = tx
        .query_row("SELECT title FROM feedback WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?;
    Ok(match title {
        Some(title) => format!("#{id} {title}"),
        None => format!("#{id}"),
    })
}

/// What stands in the way of undoing `batch`, one line per item.
fn conflicts(tx: &Transaction<'_>, batch: i64, added: Option<(i64, i64)>) -> Result<Vec<String>> {
    // (item id, what happened), collected then labelled.
    let mut found: BTreeSet<(i64, &str)> = BTreeSet::new();
    let mut nps: BTreeSet<i64> = BTreeSet::new();
    let ids = |sql: &str| -> Result<Vec<i64>> {
        Ok(tx
            .prepare(sql)?
            .query_map([batch], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    };
    // Items it changed: edited since (revision) or deleted.
    for (id, edited) in tx
        .prepare(
            "SELECT j.row_id, f.id IS NULL OR f.revision IS NOT
                 json_extract(j.before, '$.revision')
             FROM import_journal j LEFT JOIN feedback f ON f.id = j.row_id
             WHERE j.batch_id = ?1 AND j.table_name = 'feedback'",
        )?
        .query_map([batch], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, bool>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?
    {
        if edited {
            found.insert((id, "changed since"));
        }
    }
    // Items it added: edited since, or given survey answers or dismissed
    // pairs, which undoing the import would delete with them.
    for id in ids("SELECT id FROM feedback WHERE import_batch = ?1 AND revision <> 0")? {
        found.insert((id, "changed since"));
    }
    for id in ids("SELECT DISTINCT feedback_id FROM kano_response
         WHERE feedback_id IN (SELECT id FROM feedback WHERE import_batch = ?1)")?
    {
        found.insert((id, "has Kano answers since"));
    }
    for id in ids("SELECT first_id FROM duplicate_dismissal
             WHERE first_id IN (SELECT id FROM feedback WHERE import_batch = ?1)
         UNION SELECT second_id FROM duplicate_dismissal
             WHERE second_id IN (SELECT id FROM feedback WHERE import_batch = ?1)")?
    {
        found.insert((id, "has a dismissed pair since"));
    }
    if let Some((first, last)) = added {
        let present: BTreeSet<i64> = tx
            .prepare("SELECT id FROM feedback WHERE id BETWEEN ?1 AND ?2 AND import_batch = ?3")?
            .query_map(params![first, last, batch], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in (first..=last).filter(|id| !present.contains(id)) {
            found.insert((id, "deleted since"));
        }
    }
    // Rows a later import touched: they are that import's to undo first.
    let mut later = tx.prepare(
        "SELECT j.batch_id, j.table_name, j.row_id FROM import_journal j
         WHERE j.batch_id > ?1 AND (
             (j.table_name, j.row_id) IN
                 (SELECT table_name, row_id FROM import_journal WHERE batch_id = ?1)
             OR (j.table_name = 'feedback'
                 AND j.row_id IN (SELECT id FROM feedback WHERE import_batch = ?1))
             OR (j.table_name = 'feedback_source'
                 AND j.row_id IN (SELECT rowid FROM feedback_source WHERE import_batch = ?1))
             OR (j.table_name = 'nps_responses'
                 AND j.row_id IN (SELECT id FROM nps_responses WHERE import_batch = ?1)))",
    )?;
    let touched: Vec<(i64, String, i64)> = later
        .query_map([batch], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (_, table, row) in touched {
        match table.as_str() {
            "feedback" => {
                found.insert((row, "changed by a later import"));
            }
            "feedback_source" => {
                let owner: Option<i64> = tx
                    .query_row(
                        "SELECT feedback_id FROM feedback_source WHERE rowid = ?1",
                        [row],
                        |r| r.get(0),
                    )
                    .optional()?;
                found.insert((owner.unwrap_or(0), "changed by a later import"));
            }
            _ => {
                nps.insert(row);
            }
        }
    }
    let mut lines = Vec::new();
    for (id, what) in found {
        lines.push(format!("{}: {what}", item_label(tx, id)?));
    }
    lines.extend(
        nps.into_iter()
            .map(|id| format!("NPS response {id}: changed by a later import")),
    );
    Ok(lines)
}

impl Store {
    /// Every import batch, oldest first.
    pub fn import_batches(&self) -> Result<Vec<ImportBatch>> {
        let mut stmt = self.conn.prepare(&format!("{SELECT_BATCH} ORDER BY id"))?;
        let batches = stmt
            .query_map([], read_batch)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(batches)
    }

    /// Undoes import `batch`: the database is as it was before it. When
    /// something changed since in what it touched, nothing is written and
    /// the conflict names the items (`Ok(Err(…))`).
    pub fn undo_import(
        &mut self,
        batch: i64,
    ) -> Result<std::result::Result<ImportBatch, UndoConflict>> {
        let tx = self.write_transaction()?;
        let found = tx
            .query_row(
                &format!("{SELECT_BATCH} WHERE id = ?1"),
                [batch],
                read_batch,
            )
            .optional()?;
        let Some(undone) = found else {
            return Err(Error::Invalid(format!("no import with id {batch}")));
        };
        let added: Option<(i64, i64)> = tx.query_row(
            "SELECT first_added_id, last_added_id FROM import_batches WHERE id = ?1",
            [batch],
            |r| Ok(r.get::<_, Option<i64>>(0)?.zip(r.get::<_, Option<i64>>(1)?)),
        )?;
        let items = conflicts(&tx, batch, added)?;
        if !items.is_empty() {
            return Ok(Err(UndoConflict { batch, items }));
        }
        journal::restore(&tx, batch)?;
        for table in JOURNALED_TABLES {
            tx.execute(
                &format!("DELETE FROM {table} WHERE import_batch = ?1"),
                [batch],
            )?;
        }
        tx.execute("DELETE FROM import_batches WHERE id = ?1", [batch])?;
        tx.commit()?;
        Ok(Ok(undone))
    }

    /// Every NPS answer, oldest first: items' own, merged reports' and the
    /// responses without a comment.
    pub fn nps_responses(&self) -> Result<Vec<NpsResponse>> {
        let mut stmt = self.conn.prepare(
            "SELECT f.nps, f.created_at, NULL, f.customer, f.source, b.file, f.external_id, f.id
                 FROM feedback f LEFT JOIN import_batches b ON b.id = f.import_batch
                 WHERE f.nps IS NOT NULL
             UNION ALL
             SELECT s.nps, NULL, s.created_at, s.customer, NULL, b.file, s.external_id,
                     s.feedback_id
                 FROM feedback_source s LEFT JOIN import_batches b ON b.id = s.import_batch
                 WHERE s.nps IS NOT NULL
             UNION ALL
             SELECT r.score, r.created_at, NULL, r.customer, r.source, b.file, r.external_id,
                     NULL
                 FROM nps_responses r LEFT JOIN import_batches b ON b.id = r.import_batch",
        )?;
        let mut rows = stmt.query([])?;
        let mut answers = Vec::new();
        while let Some(row) = rows.next()? {
            let score: i64 = row.get(0)?;
            let date = match row.get::<_, Option<i64>>(1)? {
                Some(seconds) => time_from(seconds),
                None => time_from_text(&row.get::<_, String>(2)?),
            };
            let source = match row.get::<_, Option<i64>>(4)? {
                Some(code) => source_from(code),
                None => Some(Source::Nps),
            };
            let (Ok(score), Some(date), Some(source)) = (u8::try_from(score), date, source) else {
                return Err(Error::Corrupt(format!("NPS answer {score} of a report")));
            };
            answers.push(NpsResponse {
                score,
                date,
                customer: row.get(3)?,
                source,
                file: row.get(5)?,
                external_id: row.get(6)?,
                feedback_id: row.get(7)?,
            });
        }
        answers.sort_by_key(|a| a.date);
        Ok(answers)
    }

    /// The id the imported file gave each item's own report, by item.
    pub fn external_ids(&self) -> Result<std::collections::HashMap<i64, String>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, external_id FROM feedback WHERE external_id IS NOT NULL")?;
        let ids = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }

    /// The NPS answers that came without a comment (they are in no item).
    pub fn nps_response_tally(&self) -> Result<NpsTally> {
        let mut tally = NpsTally::default();
        let mut stmt = self.conn.prepare("SELECT score FROM nps_responses")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            match row.get::<_, i64>(0)? {
                score @ 0..=10 => tally.add(score as u8),
                other => return Err(Error::Corrupt(format!("NPS response {other}"))),
            }
        }
        Ok(tally)
    }
}
