//! Importing many feedback items in one transaction: exact duplicates
//! (same normalised title and description, in the file or already stored)
//! are merged into one item that counts its mentions and keeps every source.
//! Nothing is written unless `commit` is called, so a file with a bad row,
//! or a dry run, leaves the database as it was.

use super::feedback::{Write, timestamp, write_keyed_item};
use super::{Result, Store};
use crate::domain::feedback::{FeedbackItem, dedup_hash, dedup_key};
use chrono::Utc;
use rusqlite::{OptionalExtension, Transaction, params};

/// The page cache an import uses, in KiB.
const IMPORT_CACHE_KIB: u32 = 64 * 1024;

/// What an import did (or would do).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// New items.
    pub added: usize,
    /// Rows merged into an item that was already there.
    pub merged: usize,
}

/// An open import: add items, then commit (or drop to leave no trace).
pub struct Importer<'a> {
    tx: Transaction<'a>,
    now: String,
    summary: ImportSummary,
}

impl Store {
    /// Starts an import; it holds the write lock until committed or dropped.
    pub fn begin_import(&mut self) -> Result<Importer<'_>> {
        // A large import touches index pages all over the file; a 64 MiB page
        // cache (bounded, whatever the file's size) keeps them in memory
        // instead of spilling and re-reading them.
        self.conn
            .execute_batch(&format!("PRAGMA cache_size = -{}", IMPORT_CACHE_KIB))?;
        Ok(Importer {
            tx: self.write_transaction()?,
            now: timestamp(&Utc::now()),
            summary: ImportSummary::default(),
        })
    }
}

impl Importer<'_> {
    /// Adds one item, or merges it into its exact duplicate.
    pub fn add(&mut self, item: &FeedbackItem) -> Result<()> {
        let key = dedup_key(&item.title, &item.description);
        let existing: Option<i64> = self
            .tx
            .prepare_cached(
                "SELECT id FROM feedback WHERE dedup_hash = ?1 AND dedup_key = ?2 LIMIT 1",
            )?
            .query_row(params![dedup_hash(&key), key], |r| r.get(0))
            .optional()?;
        match existing {
            Some(id) => {
                self.tx
                    .prepare_cached("UPDATE feedback SET mentions = mentions + 1 WHERE id = ?1")?
                    .execute([id])?;
                self.tx
                    .prepare_cached(
                        "INSERT INTO feedback_source (feedback_id, source, customer, created_at, nps)
                         VALUES (?1, ?2, ?3, ?4, ?5)",
                    )?
                    .execute(params![
                        id,
                        item.source.name(),
                        item.customer,
                        timestamp(&item.created_at),
                        item.nps
                    ])?;
                self.summary.merged += 1;
            }
            None => {
                let mut item = item.clone();
                item.id = 0;
                write_keyed_item(&self.tx, &item, &self.now, Write::Insert, &key)?;
                self.summary.added += 1;
            }
        }
        Ok(())
    }

    /// What was added and merged so far.
    pub fn summary(&self) -> ImportSummary {
        self.summary
    }

    /// Makes the import permanent.
    pub fn commit(self) -> Result<ImportSummary> {
        self.tx.commit()?;
        Ok(self.summary)
    }
}
