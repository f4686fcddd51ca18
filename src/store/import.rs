//! Importing many feedback items in one transaction, as one import batch.
//! A row whose report was imported before (same external id, or same
//! content) updates that report in place when it changed and is otherwise
//! left alone (`known`); an NPS answer without a comment becomes an NPS
//! response; any other row is a new report: exact duplicates (same
//! normalised title and description, in the file or already stored) are
//! merged into one item that counts its mentions and keeps every report,
//! the rest are new items. What the batch changed in rows that existed
//! before is journaled (`journal`), so the batch can be undone. Nothing is
//! written unless `commit` is called, so a file with a bad row, or a dry
//! run, leaves the database as it was.
//!
//! Duplicates are found without an index on the duplicate hash: keeping one
//! up to date cost more than the rest of a million-row import. Instead a
//! Bloom filter of every stored hash clears almost every row at once, and
//! the few rows it cannot clear are held back and settled together by one
//! pass over the stored hashes (about a quarter of a second per million
//! items). A small import holds all its rows and makes that one pass.

mod bulk;
mod failure;
mod identity;
mod journal;
mod known;
mod seen;
mod undo;

pub use failure::ImportFailure;
pub use undo::{ImportBatch, NpsResponse, UndoConflict};

use super::codes::{seconds, source_code};
use super::feedback::{
    ITEM_COLUMNS, ROW_VALUES, Write, bind_item, has_scores, joined_tags, prepare_insert,
    split_tags, timestamp, write_scores,
};
use super::{Result, Store};
use crate::domain::feedback::{FeedbackItem, ImportedRow, dedup_key};
use bulk::{BulkInsert, Shared};
use chrono::Utc;
use identity::Suspect;
use journal::Journal;
use known::KnownReports;
use rusqlite::{Statement, Transaction, TransactionBehavior, params};
use seen::SeenFilter;
use std::collections::HashMap;

/// The page cache an import uses, in KiB: memory stays flat (about 90 MB
/// at peak with the 16 MiB duplicate filter and the held rows), whatever
/// the file's size.
const IMPORT_CACHE_KIB: u32 = 32 * 1024;

/// An import holds its first rows, this many at most; then it learns every
/// stored hash (in the pass that settles them) and asks the filter first.
const ROWS_BEFORE_FILTER: usize = 4096;

/// At most this many rows wait to be settled (a few MB); then one pass
/// settles them, so memory stays flat even when a file repeats itself.
const MAX_HELD_ROWS: usize = 20_000;

/// New rows go in this many at a time, by one statement.
const ROWS_PER_INSERT: usize = 32;

/// The columns an imported item's row has besides `ITEM_COLUMNS`: its
/// report's identity and the batch that added it.
const REPORT_COLUMNS: &str = "report_key, report_digest, external_id, import_batch";

/// How many values an imported item's row binds.
const IMPORT_ROW_VALUES: usize = ROW_VALUES + 4;

/// What an import did (or would do).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// New items.
    pub added: usize,
    /// New reports merged into an item that was already there (an exact
    /// duplicate, stored or earlier in the file).
    pub merged: usize,
    /// Reports imported before whose row changed: updated in place.
    pub updated: usize,
    /// Reports imported before whose row is the same: left alone.
    pub unchanged: usize,
    /// New NPS answers without a comment (responses, not items).
    pub nps_responses: usize,
}

type Outcome<T> = std::result::Result<T, ImportFailure>;

/// A row that may be a duplicate, waiting to be settled, with its identity
/// (`None`: a row known by its content, whose occurrence in the file is
/// settled with it).
type Held = (ImportedRow, Option<i64>);

/// What becomes of a row once its identity is known.
enum Route {
    /// Its report was stored: left alone or updated in place.
    Done,
    /// A new NPS answer without a comment, with its identity.
    NpsResponse(i64),
    /// A new report, with its identity (`None` as in `Held`).
    NewReport(Option<i64>),
}

/// An open import: add rows, then commit (or drop to leave no trace).
pub struct Importer<'a> {
    /// The statements that insert one item's row and `ROWS_PER_INSERT`
    /// rows, prepared once (they are dropped before `tx`).
    insert: Statement<'a>,
    insert_many: BulkInsert<'a>,
    tx: Transaction<'a>,
    now: i64,
    summary: ImportSummary,
    /// This import's batch (its row is written at the start).
    batch: i64,
    /// The reports imported before, by identity, and which this file met.
    known: KnownReports,
    /// The external ids of this file so far (a filter), and the rows whose
    /// id it may have seen: checked when the import finishes.
    ids_seen: Option<SeenFilter>,
    suspects: Vec<Suspect>,
    /// Identities of the NPS answers without comment this import added.
    nps_added: std::collections::HashSet<i64>,
    /// The ids of the items this import added: first and last.
    added_ids: Option<(i64, i64)>,
    journal: Journal,
    /// Every stored duplicate hash, once the import is large enough.
    seen: Option<SeenFilter>,
    /// Rows that may be duplicates, in the order they came.
    held: Vec<Held>,
    /// Room for joining an item's tags.
    tags_scratch: String,
    /// `MAX_HELD_ROWS`, smaller in tests.
    max_held: usize,
    /// Turns foreign keys back on; after `tx`, so once it has ended.
    foreign_keys_off: ForeignKeysOff<'a>,
}

/// Foreign keys are not enforced while an import is open, and are again
/// when it ends (committed or not). Every row an import writes points only
/// at rows that exist: its own batch, items it stored or found (it sets no
/// retro card). Enforcing them made SQLite keep a statement journal for
/// each many-row insert (an item row may point at a retro card), which
/// copied every page the import wrote a second time.
struct ForeignKeysOff<'c>(&'c rusqlite::Connection);

impl<'c> ForeignKeysOff<'c> {
    /// Must run outside a transaction (SQLite ignores the pragma within).
    fn new(conn: &'c rusqlite::Connection) -> Result<ForeignKeysOff<'c>> {
        conn.execute_batch("PRAGMA foreign_keys = OFF")?;
        Ok(ForeignKeysOff(conn))
    }
}

impl Drop for ForeignKeysOff<'_> {
    fn drop(&mut self) {
        // The transaction has ended, so this cannot fail for want of it.
        let _ = self.0.execute_batch("PRAGMA foreign_keys = ON");
    }
}

impl Store {
    /// Starts an import of `file` (as the batch will name it); it holds the
    /// write lock until committed or dropped.
    pub fn begin_import(&mut self, file: &str) -> Result<Importer<'_>> {
        self.conn
            .execute_batch(&format!("PRAGMA cache_size = -{IMPORT_CACHE_KIB};"))?;
        let conn = &self.conn;
        let keys_back_on = ForeignKeysOff::new(conn)?;
        // Unchecked only because it takes a shared borrow: `&mut self`
        // already rules out a transaction in progress.
        let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
        let now = seconds(&Utc::now());
        tx.execute(
            "INSERT INTO import_batches (file, imported_at, rows, added, updated, unchanged,
                 merged, nps_responses)
             VALUES (?1, ?2, 0, 0, 0, 0, 0, 0)",
            params![file, now],
        )?;
        let batch = tx.last_insert_rowid();
        let known = KnownReports::load(&tx)?;
        let columns = format!("{ITEM_COLUMNS}, {REPORT_COLUMNS}");
        Ok(Importer {
            insert: prepare_insert(conn, "feedback", &columns, IMPORT_ROW_VALUES, 1)?,
            insert_many: BulkInsert::prepare(conn, &columns, ROWS_PER_INSERT)?,
            tx,
            now,
            summary: ImportSummary::default(),
            batch,
            known,
            ids_seen: None,
            suspects: Vec::new(),
            nps_added: std::collections::HashSet::new(),
            added_ids: None,
            journal: Journal::new(batch),
            seen: None,
            held: Vec::new(),
            tags_scratch: String::new(),
            max_held: MAX_HELD_ROWS,
            foreign_keys_off: keys_back_on,
        })
    }
}

impl Importer<'_> {
    /// Adds one row (see `add_batch`).
    pub fn add(&mut self, row: &ImportedRow) -> Outcome<()> {
        self.add_batch(std::slice::from_ref(row))
    }

    /// Adds rows in file order: each updates or leaves its known report,
    /// becomes an NPS response, is merged into its exact duplicate or is a
    /// new item. Rows are borrowed (and copied only when held), so their
    /// memory is freed where it was allocated: on the reading thread.
    pub fn add_batch(&mut self, rows: &[ImportedRow]) -> Outcome<()> {
        // Rows the filter clears go in `ROWS_PER_INSERT` at a time; the
        // others go in after the new rows before them (a held row may be a
        // repeat of one of those).
        let mut new_rows: Vec<(&ImportedRow, i64)> = Vec::with_capacity(ROWS_PER_INSERT);
        for row in rows {
            let identity = match self.route(row)? {
                Route::Done => continue,
                Route::NpsResponse(identity) => {
                    self.add_nps_response(row, identity)?;
                    continue;
                }
                Route::NewReport(identity) => identity,
            };
            let maybe_stored = self
                .seen
                .as_mut()
                .is_none_or(|s| s.check_and_insert(row.dedup_hash));
            match identity {
                // Not held: no row with this text came before it in the file,
                // so a content identity is its first occurrence's.
                Some(identity) if !maybe_stored && !has_scores(&row.item) => {
                    new_rows.push((row, identity));
                    if new_rows.len() == ROWS_PER_INSERT {
                        self.insert_many(&new_rows)?;
                        new_rows.clear();
                    }
                }
                _ => {
                    self.insert_each(&new_rows)?;
                    new_rows.clear();
                    // A held content row may repeat one before it: which
                    // occurrence it is is settled with it.
                    let identity = identity.filter(|_| row.external.is_some());
                    self.add_checked(row, identity, maybe_stored)?;
                }
            }
        }
        Ok(self.insert_each(&new_rows)?)
    }

    /// Binds the report columns of `row` after the item's, at `at`.
    fn bind_report(
        stmt: &mut Statement<'_>,
        at: usize,
        row: &ImportedRow,
        identity: i64,
        batch: i64,
    ) -> Result<()> {
        let external = row.external.as_ref().map(|(id, _)| id.as_str());
        stmt.raw_bind_parameter(at + ROW_VALUES + 1, identity)?;
        stmt.raw_bind_parameter(at + ROW_VALUES + 2, row.external_digest())?;
        stmt.raw_bind_parameter(at + ROW_VALUES + 3, external)?;
        stmt.raw_bind_parameter(at + ROW_VALUES + 4, batch)?;
        Ok(())
    }

    /// Inserts `ROWS_PER_INSERT` scoreless items known to have no stored
    /// duplicate, by one statement.
    fn insert_many(&mut self, rows: &[(&ImportedRow, i64)]) -> Result<()> {
        debug_assert_eq!(rows.len(), ROWS_PER_INSERT);
        let shared = Shared {
            now: self.now,
            batch: self.batch,
            scratch: &mut self.tags_scratch,
        };
        self.insert_many.insert(rows, shared)?;
        let last = self.tx.last_insert_rowid();
        self.note_added(last - rows.len() as i64 + 1, last);
        self.summary.added += rows.len();
        Ok(())
    }

    /// Inserts items known to have no stored duplicate, one at a time.
    fn insert_each(&mut self, rows: &[(&ImportedRow, i64)]) -> Result<()> {
        for (row, identity) in rows {
            self.insert_new(row, *identity)?;
        }
        Ok(())
    }

    fn note_added(&mut self, first: i64, last: i64) {
        self.added_ids = Some(match self.added_ids {
            None => (first, last),
            Some((low, high)) => (low.min(first), high.max(last)),
        });
    }

    /// Whether item `id` was added by this import (ids are consecutive
    /// while it holds the write lock).
    fn added_here(&self, id: i64) -> bool {
        self.added_ids.is_some_and(|(first, _)| id >= first)
    }

    /// Adds a new report the filter was asked about (`maybe_stored` is its
    /// answer; true while there is no filter yet).
    fn add_checked(
        &mut self,
        row: &ImportedRow,
        identity: Option<i64>,
        maybe_stored: bool,
    ) -> Result<()> {
        match (maybe_stored, identity) {
            (false, Some(identity)) => self.insert_new(row, identity).map(drop),
            _ => {
                self.held.push((row.clone(), identity));
                let rows = self.summary.added + self.summary.merged + self.held.len();
                if self.seen.is_none() && rows >= ROWS_BEFORE_FILTER {
                    self.seen = Some(SeenFilter::new());
                    self.settle(true)?;
                } else if self.held.len() >= self.max_held {
                    self.settle(false)?;
                }
                Ok(())
            }
        }
    }

    /// Settles the held rows in the order they came: each is merged into
    /// the stored item with the same duplicate key (stored before, added by
    /// this import, or settled just before it), or inserted. One pass over
    /// the stored hashes finds the candidates and, with `fill`, puts every
    /// one into the filter.
    fn settle(&mut self, fill: bool) -> Result<()> {
        if self.held.is_empty() {
            return Ok(());
        }
        let mut candidates: HashMap<i64, Vec<i64>> = self
            .held
            .iter()
            .map(|(row, _)| (row.dedup_hash, Vec::new()))
            .collect();
        // The identities this import gave items with a held row's text.
        let mut taken: HashMap<i64, Vec<i64>> = HashMap::new();
        {
            let mut stmt = self
                .tx
                .prepare("SELECT id, dedup_hash, report_key, import_batch FROM feedback")?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                let Some(hash) = row.get::<_, Option<i64>>(1)? else {
                    continue;
                };
                if fill && let Some(seen) = &mut self.seen {
                    seen.check_and_insert(hash);
                }
                if let Some(ids) = candidates.get_mut(&hash) {
                    ids.push(row.get(0)?);
                    if row.get::<_, Option<i64>>(3)? == Some(self.batch)
                        && let Some(key) = row.get::<_, Option<i64>>(2)?
                    {
                        taken.entry(hash).or_default().push(key);
                    }
                }
            }
        }
        for (row, identity) in std::mem::take(&mut self.held) {
            if let Some(seen) = &mut self.seen {
                seen.check_and_insert(row.dedup_hash);
            }
            let ids = candidates.entry(row.dedup_hash).or_default();
            let identity = match identity {
                Some(identity) => identity,
                None => {
                    let taken = taken.entry(row.dedup_hash).or_default();
                    match self.content_identity(&row, ids, taken)? {
                        Some(identity) => identity,
                        None => continue,
                    }
                }
            };
            match find_same_key(&self.tx, ids, &row.item)? {
                Some(id) => self.merge_into(id, &row, identity)?,
                None => ids.push(self.insert_new(&row, identity)?),
            }
            taken.entry(row.dedup_hash).or_default().push(identity);
        }
        Ok(())
    }

    /// Counts the row as one more report of stored item `id`, keeping its
    /// source and identity, and adds the tags the stored item lacks.
    fn merge_into(&mut self, id: i64, row: &ImportedRow, identity: i64) -> Result<()> {
        if !self.added_here(id) {
            self.journal.record(&self.tx, "feedback", id)?;
        }
        self.tx
            .prepare_cached("UPDATE feedback SET mentions = mentions + 1 WHERE id = ?1")?
            .execute([id])?;
        let item = &row.item;
        if !item.tags.is_empty() {
            let stored: String = self
                .tx
                .prepare_cached("SELECT tags FROM feedback WHERE id = ?1")?
                .query_row([id], |row| row.get(0))?;
            let mut tags: Vec<String> = split_tags(&stored).map(str::to_string).collect();
            let before = tags.len();
            for tag in &item.tags {
                if !tags.contains(tag) {
                    tags.push(tag.clone());
                }
            }
            if tags.len() > before {
                let joined = joined_tags(&tags, &mut self.tags_scratch);
                self.tx
                    .prepare_cached("UPDATE feedback SET tags = ?2 WHERE id = ?1")?
                    .execute(params![id, joined])?;
            }
        }
        self.tx
            .prepare_cached(
                "INSERT INTO feedback_source (feedback_id, source, customer, created_at, nps,
                     report_key, report_digest, external_id, import_batch)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                id,
                item.source.name(),
                item.customer,
                timestamp(&item.created_at),
                item.nps,
                identity,
                row.external_digest(),
                row.external.as_ref().map(|(id, _)| id),
                self.batch
            ])?;
        self.summary.merged += 1;
        Ok(())
    }

    /// Inserts an item known to have no stored duplicate; returns its id.
    fn insert_new(&mut self, row: &ImportedRow, identity: i64) -> Result<i64> {
        let stmt = &mut self.insert;
        let scratch = &mut self.tags_scratch;
        bind_item(
            stmt,
            0,
            (None, &row.item),
            self.now,
            row.dedup_hash,
            scratch,
        )?;
        Self::bind_report(stmt, 0, row, identity, self.batch)?;
        stmt.raw_execute()?;
        let id = self.tx.last_insert_rowid();
        write_scores(&self.tx, id, &row.item, Write::Insert)?;
        self.note_added(id, id);
        self.summary.added += 1;
        Ok(id)
    }

    /// Stores an NPS answer without a comment as a response.
    fn add_nps_response(&mut self, row: &ImportedRow, identity: i64) -> Result<()> {
        let item = &row.item;
        self.tx
            .prepare_cached(
                "INSERT INTO nps_responses (score, created_at, customer, source, report_key,
                     report_digest, external_id, import_batch)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                item.nps,
                seconds(&item.created_at),
                item.customer,
                source_code(item.source),
                identity,
                row.external_digest(),
                row.external.as_ref().map(|(id, _)| id),
                self.batch
            ])?;
        self.summary.nps_responses += 1;
        Ok(())
    }

    /// Settles what is held and records the batch's figures.
    fn finish(&mut self, rows: usize) -> Outcome<ImportSummary> {
        self.settle(false)?;
        self.check_suspects()?;
        let s = self.summary;
        let (first, last) = self.added_ids.unzip();
        self.tx.execute(
            "UPDATE import_batches SET rows = ?2, added = ?3, updated = ?4, unchanged = ?5,
                 merged = ?6, nps_responses = ?7, first_added_id = ?8, last_added_id = ?9
             WHERE id = ?1",
            params![
                self.batch,
                rows as i64,
                s.added as i64,
                s.updated as i64,
                s.unchanged as i64,
                s.merged as i64,
                s.nps_responses as i64,
                first,
                last
            ],
        )?;
        Ok(s)
    }

    /// What the import would do; nothing is written (a dry run).
    pub fn dry_run(mut self, rows: usize) -> Outcome<ImportSummary> {
        self.finish(rows)
    }

    /// Makes the import permanent; returns its summary and batch id.
    pub fn commit(mut self, rows: usize) -> Outcome<(ImportSummary, i64)> {
        let summary = self.finish(rows)?;
        let Importer {
            insert,
            insert_many,
            tx,
            batch,
            foreign_keys_off,
            ..
        } = self;
        drop((insert, insert_many));
        tx.commit()?;
        drop(foreign_keys_off);
        Ok((summary, batch))
    }
}

/// The item among `ids` (all with the item's duplicate hash) whose title
/// and description have the same duplicate key as `item`'s: equal hashes
/// are confirmed by the key, recomputed from the stored text.
fn find_same_key(tx: &Transaction<'_>, ids: &[i64], item: &FeedbackItem) -> Result<Option<i64>> {
    if ids.is_empty() {
        return Ok(None);
    }
    let key = dedup_key(&item.title, &item.description);
    let mut stmt = tx.prepare_cached("SELECT title, description FROM feedback WHERE id = ?1")?;
    for &id in ids {
        let same = stmt.query_row([id], |row| {
            let title = row.get_ref(0)?.as_str()?;
            let description = row.get_ref(1)?.as_str()?;
            Ok(dedup_key(title, description) == key)
        })?;
        if same {
            return Ok(Some(id));
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests;
