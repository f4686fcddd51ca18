//! Importing many feedback items in one transaction: exact duplicates
//! (same normalised title and description, in the file or already stored)
//! are merged into one item that counts its mentions and keeps every source.
//! Nothing is written unless `commit` is called, so a file with a bad row,
//! or a dry run, leaves the database as it was.

use super::codes::seconds;
use super::feedback::{execute_item_write, prepare_insert, timestamp};
use super::{Result, Store};
use crate::domain::feedback::{FeedbackItem, dedup_hash, dedup_key};
use chrono::Utc;
use rusqlite::{Statement, Transaction, TransactionBehavior, params};

/// The page cache an import uses, in KiB. It also bounds the memory the
/// sorter uses to rebuild deferred indexes (beyond it, it sorts in
/// temporary files), so an import's memory is flat: about 90 MB at peak
/// with the 8 MiB duplicate filter, whatever the file's size.
const IMPORT_CACHE_KIB: u32 = 32 * 1024;

/// After this many rows an import stops asking the database whether each
/// row is a duplicate and asks a `SeenFilter` first.
const ROWS_BEFORE_FILTER: usize = 4096;

/// An import defers its secondary indexes once it added this many items,
/// and at least as many as were stored before (see `defer_indexes`).
const ROWS_BEFORE_DEFERRING_INDEXES: usize = 50_000;

/// At most this many possible duplicates wait for the deferred index (a few
/// MB); at that point the import rebuilds it and goes on with it live, so
/// memory stays flat even when most of a file repeats itself.
const MAX_HELD_ROWS: usize = 20_000;

/// A fixed-size Bloom filter over duplicate-key hashes (8 MiB, 2^26 bits,
/// three bits per hash), whatever the file's or the database's size. It
/// answers "certainly not stored" for almost every new row, which saves the
/// lookup; "maybe" is confirmed by the database, so a false positive costs
/// one lookup and never a wrong merge. With 1 million hashes about 1 in
/// 10,000 answers is a false "maybe"; with 10 million, about 1 in 100.
struct SeenFilter {
    bits: Vec<u64>,
}

impl SeenFilter {
    const BITS_LOG2: u32 = 26;

    fn new() -> SeenFilter {
        SeenFilter {
            bits: vec![0; 1 << (Self::BITS_LOG2 - 6)],
        }
    }

    /// The three bit positions of a hash (double hashing on its halves).
    fn positions(hash: i64) -> [usize; 3] {
        let hash = hash as u64;
        let (a, b) = (hash as u32, (hash >> 32) as u32 | 1);
        let mask = (1u32 << Self::BITS_LOG2) - 1;
        [0u32, 1, 2].map(|i| (a.wrapping_add(i.wrapping_mul(b)) & mask) as usize)
    }

    fn insert(&mut self, hash: i64) {
        for p in Self::positions(hash) {
            self.bits[p / 64] |= 1 << (p % 64);
        }
    }

    fn may_contain(&self, hash: i64) -> bool {
        Self::positions(hash)
            .iter()
            .all(|p| self.bits[p / 64] & (1 << (p % 64)) != 0)
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

/// Where an import is with its secondary indexes (see `defer_indexes`).
enum Indexes {
    /// Kept up to date row by row.
    Live,
    /// Dropped; these statements rebuild them.
    Deferred(Vec<String>),
    /// Rebuilt; they stay live for the rest of the import.
    Rebuilt,
}

/// An open import: add items, then commit (or drop to leave no trace).
pub struct Importer<'a> {
    /// The insert statement, prepared once (it is dropped before `tx`).
    insert: Statement<'a>,
    tx: Transaction<'a>,
    now: i64,
    summary: ImportSummary,
    /// Every stored duplicate hash, once the import is large enough.
    seen: Option<SeenFilter>,
    /// Roughly how many items were stored before (the largest id).
    stored_before: i64,
    indexes: Indexes,
    /// Rows that may be duplicates, met while the duplicate-hash index is
    /// deferred: they are settled, in order, once it is rebuilt.
    held: Vec<(FeedbackItem, i64)>,
    /// `ROWS_BEFORE_DEFERRING_INDEXES`, smaller in tests.
    rows_before_deferring: usize,
}

impl Store {
    /// Starts an import; it holds the write lock until committed or dropped.
    pub fn begin_import(&mut self) -> Result<Importer<'_>> {
        // A bounded page cache keeps memory flat whatever the file's size;
        // rebuilding deferred indexes sorts in temporary files beyond it.
        self.conn.execute_batch(&format!(
            "PRAGMA cache_size = -{IMPORT_CACHE_KIB}; PRAGMA temp_store = FILE;"
        ))?;
        let conn = &self.conn;
        // Unchecked only because it takes a shared borrow: `&mut self`
        // already rules out a transaction in progress.
        let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
        let stored_before = tx.query_row("SELECT coalesce(max(id), 0) FROM feedback", [], |r| {
            r.get(0)
        })?;
        Ok(Importer {
            insert: prepare_insert(conn)?,
            tx,
            now: seconds(&Utc::now()),
            summary: ImportSummary::default(),
            seen: None,
            stored_before,
            indexes: Indexes::Live,
            held: Vec::new(),
            rows_before_deferring: ROWS_BEFORE_DEFERRING_INDEXES,
        })
    }
}

impl Importer<'_> {
    /// Adds one item, or merges it into its exact duplicate.
    pub fn add(&mut self, item: FeedbackItem) -> Result<()> {
        let hash = dedup_hash(&dedup_key(&item.title, &item.description));
        self.add_hashed(item, hash)
    }

    /// `add` with the hash of the item's duplicate key
    /// (`dedup_hash(&dedup_key(title, description))`) already computed.
    pub fn add_hashed(&mut self, item: FeedbackItem, hash: i64) -> Result<()> {
        let rows = self.summary.added + self.summary.merged + self.held.len();
        if self.seen.is_none() && rows >= ROWS_BEFORE_FILTER {
            // A large import: learn every stored hash once (this transaction
            // holds the write lock, so no one else adds any meanwhile).
            let mut seen = SeenFilter::new();
            let mut stmt = self
                .tx
                .prepare("SELECT dedup_hash FROM feedback WHERE dedup_hash IS NOT NULL")?;
            let mut hashes = stmt.query([])?;
            while let Some(row) = hashes.next()? {
                seen.insert(row.get(0)?);
            }
            self.seen = Some(seen);
        }
        let deferred = matches!(self.indexes, Indexes::Deferred(_));
        match &mut self.seen {
            Some(seen) if !seen.may_contain(hash) => self.insert_new(item, hash),
            Some(seen) if deferred => {
                // Without the index a lookup would read the whole table.
                seen.insert(hash);
                self.held.push((item, hash));
                if self.held.len() >= MAX_HELD_ROWS {
                    self.settle()?;
                }
                Ok(())
            }
            _ => self.add_looked_up(item, hash),
        }
    }

    /// Merges the item into the stored item with the same duplicate key, or
    /// inserts it when there is none.
    fn add_looked_up(&mut self, item: FeedbackItem, hash: i64) -> Result<()> {
        // Equal hashes are confirmed by the key itself, recomputed from the
        // stored text (only the hash is stored).
        let existing: Option<i64> = {
            let mut stmt = self.tx.prepare_cached(
                "SELECT id, title, description FROM feedback WHERE dedup_hash = ?1",
            )?;
            let mut rows = stmt.query([hash])?;
            let key = dedup_key(&item.title, &item.description);
            let mut found = None;
            while let Some(row) = rows.next()? {
                let title = row.get_ref(1)?.as_str().unwrap_or_default();
                let description = row.get_ref(2)?.as_str().unwrap_or_default();
                if dedup_key(title, description) == key {
                    found = Some(row.get(0)?);
                    break;
                }
            }
            found
        };
        let Some(id) = existing else {
            return self.insert_new(item, hash);
        };
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
        Ok(())
    }

    /// Inserts an item known to have no stored duplicate.
    fn insert_new(&mut self, mut item: FeedbackItem, hash: i64) -> Result<()> {
        item.id = 0;
        execute_item_write(&mut self.insert, &item, self.now, hash)?;
        if let Some(seen) = &mut self.seen {
            seen.insert(hash);
        }
        self.summary.added += 1;
        if matches!(self.indexes, Indexes::Live)
            && self.summary.added >= self.rows_before_deferring
            && self.summary.added as i64 >= self.stored_before
        {
            self.defer_indexes()?;
        }
        Ok(())
    }

    /// A large import (at least as large as what was stored) drops the
    /// secondary indexes of `feedback` and rebuilds them when it settles:
    /// building an index from sorted keys is much cheaper than inserting a
    /// million keys at random places. Meanwhile rows the duplicate filter
    /// cannot clear are held back (see `settle`). UNIQUE indexes stay. All
    /// of it is in the import's transaction: an import that does not
    /// commit leaves the indexes as they were.
    fn defer_indexes(&mut self) -> Result<()> {
        let indexes: Vec<(String, String)> = self
            .tx
            .prepare(
                "SELECT name, sql FROM sqlite_schema
                 WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'
                   AND tbl_name = 'feedback'",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (name, _) in &indexes {
            self.tx
                .execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))?;
        }
        self.indexes = Indexes::Deferred(indexes.into_iter().map(|(_, sql)| sql).collect());
        Ok(())
    }

    /// Rebuilds the deferred indexes, then adds the held rows in the order
    /// they came, each merged or inserted as it would have been at once.
    /// The rest of the import keeps the indexes live.
    fn settle(&mut self) -> Result<()> {
        if let Indexes::Deferred(rebuild) = std::mem::replace(&mut self.indexes, Indexes::Rebuilt) {
            for sql in rebuild {
                self.tx.execute_batch(&sql)?;
            }
        }
        for (item, hash) in std::mem::take(&mut self.held) {
            self.add_looked_up(item, hash)?;
        }
        Ok(())
    }

    /// What the import would add and merge; nothing is written (a dry run).
    pub fn dry_run(mut self) -> Result<ImportSummary> {
        self.settle()?;
        Ok(self.summary)
    }

    /// Makes the import permanent.
    pub fn commit(mut self) -> Result<ImportSummary> {
        self.settle()?;
        let Importer { insert, tx, .. } = self;
        drop(insert);
        tx.commit()?;
        Ok(self.summary)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::feedback::FeedbackDraft;

    fn item(n: usize) -> FeedbackItem {
        let draft = FeedbackDraft {
            title: format!("Item {n}"),
            description: format!("About {n}"),
            ..FeedbackDraft::default()
        };
        FeedbackItem::from_draft(draft, Utc::now())
    }

    #[test]
    fn the_filter_never_forgets_a_hash() {
        let spread = |n: i64| dedup_hash(&n.to_string());
        let mut seen = SeenFilter::new();
        for n in 0..10_000i64 {
            seen.insert(spread(n));
        }
        assert!((0..10_000i64).all(|n| seen.may_contain(spread(n))));
        let false_maybes = (10_000..110_000i64)
            .filter(|n| seen.may_contain(spread(*n)))
            .count();
        assert!(false_maybes < 10, "{false_maybes}");
    }

    #[test]
    fn large_imports_still_merge_duplicates_stored_and_in_the_file() {
        let mut store = Store::open_in_memory().unwrap();
        let stored = 3 * ROWS_BEFORE_FILTER;
        store.insert_items((0..stored).map(item)).unwrap();
        let mut import = store.begin_import().unwrap();
        // New rows past the point where the filter takes over, then
        // duplicates of stored rows and of rows earlier in this import.
        let new = stored..stored + 2 * ROWS_BEFORE_FILTER;
        for n in new.clone() {
            import.add(item(n)).unwrap();
        }
        assert!(import.seen.is_some());
        for n in (0..stored).step_by(97).chain(new.clone().step_by(89)) {
            import.add(item(n)).unwrap();
        }
        let summary = import.commit().unwrap();
        let merged = (0..stored).step_by(97).count() + new.clone().step_by(89).count();
        assert_eq!(summary.added, new.len());
        assert_eq!(summary.merged, merged);
        assert_eq!(store.count_feedback().unwrap() as usize, stored + new.len());
    }

    fn indexes(store: &Store) -> Vec<(String, String)> {
        store
            .conn
            .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name")
            .unwrap()
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                ))
            })
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    #[test]
    fn large_imports_rebuild_the_indexes_they_deferred_or_leave_them_be() {
        let mut store = Store::open_in_memory().unwrap();
        store.insert_items((0..100).map(item)).unwrap();
        let before = indexes(&store);
        let mut import = store.begin_import().unwrap();
        import.rows_before_deferring = 200;
        for n in 100..400 {
            let mut item = item(n);
            item.tags = vec!["bulk".into()];
            import.add(item).unwrap();
        }
        assert!(
            matches!(&import.indexes, Indexes::Deferred(d) if d.len() == 1 && d[0].contains("dedup_hash"))
        );
        drop(import); // a dry run, or a failed one
        assert_eq!(indexes(&store), before);
        assert_eq!(store.count_feedback().unwrap(), 100);
        let mut import = store.begin_import().unwrap();
        import.rows_before_deferring = 200;
        for n in 100..400 {
            let mut item = item(n);
            item.tags = vec!["bulk".into()];
            import.add(item).unwrap();
        }
        import.commit().unwrap();
        assert_eq!(indexes(&store), before);
        let tagged: i64 = store
            .conn
            .query_row(
                "SELECT count(*) FROM feedback WHERE tags = 'bulk'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(tagged, 300);
        let check: String = store
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok");
    }
}
