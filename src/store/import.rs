//! Importing many feedback items in one transaction: exact duplicates
//! (same normalised title and description, in the file or already stored)
//! are merged into one item that counts its mentions and keeps every source.
//! Nothing is written unless `commit` is called, so a file with a bad row,
//! or a dry run, leaves the database as it was.
//!
//! Duplicates are found without an index on the duplicate hash: keeping one
//! up to date cost more than the rest of a million-row import. Instead a
//! Bloom filter of every stored hash clears almost every row at once, and
//! the few rows it cannot clear are held back and settled together by one
//! pass over the stored hashes (about a quarter of a second per million
//! items). A small import holds all its rows and makes that one pass.

use super::codes::seconds;
use super::feedback::{
    Write, bind_item, execute_item_write, has_scores, joined_tags, prepare_insert, split_tags,
    timestamp, write_scores,
};
use super::{Result, Store};
use crate::domain::feedback::{FeedbackItem, dedup_hash, dedup_key};
use chrono::Utc;
use rusqlite::{Statement, Transaction, TransactionBehavior, params};
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

/// A fixed-size Bloom filter over duplicate-key hashes (16 MiB), whatever
/// the file's or the database's size. It answers "certainly not stored" for
/// almost every new row, which saves the lookup; "maybe" is confirmed by
/// the database, so a false positive costs one lookup and never a wrong
/// merge. It is blocked: a hash sets three bits of one 64-bit word, so a
/// question costs one memory access, not three. With 1 million hashes about
/// 1 in 8,000 answers is a false "maybe"; with 10 million, about 1 in 85.
struct SeenFilter {
    words: Vec<u64>,
}

impl SeenFilter {
    const WORDS_LOG2: u32 = 21;

    fn new() -> SeenFilter {
        SeenFilter {
            words: vec![0; 1 << Self::WORDS_LOG2],
        }
    }

    /// The word a hash lives in and its three bits there.
    fn place(hash: i64) -> (usize, u64) {
        let hash = hash as u64;
        let word = (hash >> (64 - Self::WORDS_LOG2)) as usize;
        let bits =
            (1u64 << (hash & 63)) | (1u64 << ((hash >> 6) & 63)) | (1 << ((hash >> 12) & 63));
        (word, bits)
    }

    /// Adds a hash; true if it may have been there already.
    fn check_and_insert(&mut self, hash: i64) -> bool {
        let (word, bits) = Self::place(hash);
        let seen = self.words[word] & bits == bits;
        self.words[word] |= bits;
        seen
    }

    #[cfg(test)]
    fn may_contain(&self, hash: i64) -> bool {
        let (word, bits) = Self::place(hash);
        self.words[word] & bits == bits
    }
}

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
    /// The statements that insert one item's row and `ROWS_PER_INSERT`
    /// rows, prepared once (they are dropped before `tx`).
    insert: Statement<'a>,
    insert_many: Statement<'a>,
    tx: Transaction<'a>,
    now: i64,
    summary: ImportSummary,
    /// Every stored duplicate hash, once the import is large enough.
    seen: Option<SeenFilter>,
    /// Rows that may be duplicates, in the order they came, with their hash.
    held: Vec<(FeedbackItem, i64)>,
    /// Room for joining an item's tags.
    tags_scratch: String,
    /// `MAX_HELD_ROWS`, smaller in tests.
    max_held: usize,
}

impl Store {
    /// Starts an import; it holds the write lock until committed or dropped.
    pub fn begin_import(&mut self) -> Result<Importer<'_>> {
        self.conn
            .execute_batch(&format!("PRAGMA cache_size = -{IMPORT_CACHE_KIB};"))?;
        let conn = &self.conn;
        // Unchecked only because it takes a shared borrow: `&mut self`
        // already rules out a transaction in progress.
        let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
        Ok(Importer {
            insert: prepare_insert(conn, 1)?,
            insert_many: prepare_insert(conn, ROWS_PER_INSERT)?,
            tx,
            now: seconds(&Utc::now()),
            summary: ImportSummary::default(),
            seen: None,
            held: Vec::new(),
            tags_scratch: String::new(),
            max_held: MAX_HELD_ROWS,
        })
    }
}

impl Importer<'_> {
    /// Adds one item, or merges it into its exact duplicate.
    pub fn add(&mut self, item: &FeedbackItem) -> Result<()> {
        let hash = dedup_hash(&dedup_key(&item.title, &item.description));
        self.add_hashed(item, hash)
    }

    /// `add` for each item, with the hash of its duplicate key
    /// (`dedup_hash(&dedup_key(title, description))`) already computed.
    /// Items are borrowed (and copied only when held), so their memory is
    /// freed where it was allocated: on the reading thread.
    pub fn add_batch(&mut self, items: &[(FeedbackItem, i64)]) -> Result<()> {
        // The filter is asked about the whole batch first: its answers are
        // independent memory accesses, which the processor overlaps.
        let maybe_stored: Vec<bool> = items
            .iter()
            .map(|(_, hash)| self.seen.as_mut().is_none_or(|s| s.check_and_insert(*hash)))
            .collect();
        // Rows the filter clears go in `ROWS_PER_INSERT` at a time; the
        // others go in after the new rows before them (a held row may be a
        // repeat of one of those).
        let mut new_rows: Vec<&(FeedbackItem, i64)> = Vec::with_capacity(ROWS_PER_INSERT);
        for (row, maybe_stored) in items.iter().zip(maybe_stored) {
            if maybe_stored || has_scores(&row.0) {
                self.insert_each(&new_rows)?;
                new_rows.clear();
                self.add_checked(&row.0, row.1, maybe_stored)?;
            } else {
                new_rows.push(row);
                if new_rows.len() == ROWS_PER_INSERT {
                    self.insert_many(&new_rows)?;
                    new_rows.clear();
                }
            }
        }
        self.insert_each(&new_rows)
    }

    /// Inserts `ROWS_PER_INSERT` scoreless items known to have no stored
    /// duplicate, by one statement.
    fn insert_many(&mut self, rows: &[&(FeedbackItem, i64)]) -> Result<()> {
        debug_assert_eq!(rows.len(), ROWS_PER_INSERT);
        for (at, (item, hash)) in rows.iter().map(|row| (&row.0, row.1)).enumerate() {
            let scratch = &mut self.tags_scratch;
            bind_item(
                &mut self.insert_many,
                at,
                (None, item),
                self.now,
                hash,
                scratch,
            )?;
        }
        self.insert_many.raw_execute()?;
        self.summary.added += rows.len();
        Ok(())
    }

    /// Inserts items known to have no stored duplicate, one at a time.
    fn insert_each(&mut self, rows: &[&(FeedbackItem, i64)]) -> Result<()> {
        for (item, hash) in rows.iter().map(|row| (&row.0, row.1)) {
            self.insert_new(item, hash)?;
        }
        Ok(())
    }

    /// `add` with the item's hash already computed.
    pub fn add_hashed(&mut self, item: &FeedbackItem, hash: i64) -> Result<()> {
        // The hash goes into the filter whatever happens to the row.
        let maybe_stored = self.seen.as_mut().is_none_or(|s| s.check_and_insert(hash));
        self.add_checked(item, hash, maybe_stored)
    }

    /// Adds an item the filter was asked about (`maybe_stored` is its
    /// answer; true while there is no filter yet).
    fn add_checked(&mut self, item: &FeedbackItem, hash: i64, maybe_stored: bool) -> Result<()> {
        match maybe_stored {
            false => self.insert_new(item, hash).map(drop),
            true => {
                self.held.push((item.clone(), hash));
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
            .map(|(_, hash)| (*hash, Vec::new()))
            .collect();
        {
            let mut stmt = self.tx.prepare("SELECT id, dedup_hash FROM feedback")?;
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
                }
            }
        }
        for (item, hash) in std::mem::take(&mut self.held) {
            if let Some(seen) = &mut self.seen {
                seen.check_and_insert(hash);
            }
            let ids = candidates.entry(hash).or_default();
            match find_same_key(&self.tx, ids, &item)? {
                Some(id) => self.merge_into(id, &item)?,
                None => ids.push(self.insert_new(&item, hash)?),
            }
        }
        Ok(())
    }

    /// Counts the item as one more mention of stored item `id`, keeping
    /// its source, and adds the tags the stored item lacks.
    fn merge_into(&mut self, id: i64, item: &FeedbackItem) -> Result<()> {
        self.tx
            .prepare_cached("UPDATE feedback SET mentions = mentions + 1 WHERE id = ?1")?
            .execute([id])?;
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
        Ok(())
    }

    /// Inserts an item known to have no stored duplicate; returns its id.
    fn insert_new(&mut self, item: &FeedbackItem, hash: i64) -> Result<i64> {
        execute_item_write(&mut self.insert, None, item, self.now, hash)?;
        let id = self.tx.last_insert_rowid();
        write_scores(&self.tx, id, item, Write::Insert)?;
        self.summary.added += 1;
        Ok(id)
    }

    /// What the import would add and merge; nothing is written (a dry run).
    pub fn dry_run(mut self) -> Result<ImportSummary> {
        self.settle(false)?;
        Ok(self.summary)
    }

    /// Makes the import permanent.
    pub fn commit(mut self) -> Result<ImportSummary> {
        self.settle(false)?;
        let Importer {
            insert,
            insert_many,
            tx,
            ..
        } = self;
        drop((insert, insert_many));
        tx.commit()?;
        Ok(self.summary)
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
