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
mod tests {
    use super::*;
    use crate::domain::feedback::{FeedbackDraft, NpsTally, Source};

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
            seen.check_and_insert(spread(n));
        }
        assert!((0..10_000i64).all(|n| seen.may_contain(spread(n))));
        let false_maybes = (10_000..110_000i64)
            .filter(|n| seen.may_contain(spread(*n)))
            .count();
        assert!(false_maybes < 10, "{false_maybes}");
    }

    #[test]
    fn the_filter_is_rarely_wrong_with_a_million_hashes() {
        let spread = |n: i64| dedup_hash(&n.to_string());
        let mut seen = SeenFilter::new();
        for n in 0..1_000_000i64 {
            seen.check_and_insert(spread(n));
        }
        let false_maybes = (1_000_000..1_200_000i64)
            .filter(|n| seen.may_contain(spread(*n)))
            .count();
        // About 1 in 8,000, as documented: 25 expected.
        assert!(false_maybes < 60, "{false_maybes}");
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
            import.add(&item(n)).unwrap();
        }
        assert!(import.seen.is_some());
        for n in (0..stored).step_by(97).chain(new.clone().step_by(89)) {
            import.add(&item(n)).unwrap();
        }
        let summary = import.commit().unwrap();
        let merged = (0..stored).step_by(97).count() + new.clone().step_by(89).count();
        assert_eq!(summary.added, new.len());
        assert_eq!(summary.merged, merged);
        assert_eq!(store.count_feedback().unwrap() as usize, stored + new.len());
    }

    /// Every item as (title, mentions, number of merged reports), by id.
    fn stored(store: &Store) -> Vec<(String, i64, i64)> {
        store
            .conn
            .prepare(
                "SELECT title, mentions,
                     (SELECT count(*) FROM feedback_source s WHERE s.feedback_id = f.id)
                 FROM feedback f ORDER BY id",
            )
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    #[test]
    fn held_rows_settle_in_order_whenever_the_hold_is_full() {
        let mut store = Store::open_in_memory().unwrap();
        store.insert_items((0..10).map(item)).unwrap();
        let mut import = store.begin_import().unwrap();
        import.max_held = 3;
        // Past the filter's start, so later rows are held only when the
        // filter cannot clear them: repeats of stored rows, of rows this
        // import added, and of rows held with them.
        for n in 10..10 + ROWS_BEFORE_FILTER {
            import.add(&item(n)).unwrap();
        }
        assert!(import.seen.is_some() && import.held.is_empty());
        for n in [3, 20, 3, 5000, 5000, 5000, 7, 20] {
            import.add(&item(n)).unwrap();
        }
        let summary = import.commit().unwrap();
        assert_eq!(
            summary,
            ImportSummary {
                added: ROWS_BEFORE_FILTER + 1,
                merged: 7
            }
        );
        let items = stored(&store);
        assert_eq!(items.len(), 10 + ROWS_BEFORE_FILTER + 1);
        let find = |n: usize| items.iter().find(|i| i.0 == format!("Item {n}")).unwrap();
        assert_eq!(*find(3), ("Item 3".to_string(), 3, 2));
        assert_eq!(*find(7), ("Item 7".to_string(), 2, 1));
        assert_eq!(*find(20), ("Item 20".to_string(), 3, 2));
        assert_eq!(*find(5000), ("Item 5000".to_string(), 3, 2));
        // A row that was new when settled comes after the rows added at once.
        assert_eq!(items.last().unwrap().0, "Item 5000");
    }

    /// Item `n` with every field filled in, varying with `n`: no, one or
    /// several tags, a customer or none, an NPS or none, and for some items
    /// a RICE score.
    fn varied_item(n: usize) -> FeedbackItem {
        let mut item = item(n);
        item.tags = (0..n % 4).map(|t| format!("tag{t}")).collect();
        item.customer = (!n.is_multiple_of(3)).then(|| format!("Customer {n}"));
        item.nps = (!n.is_multiple_of(5)).then_some((n % 11) as u8);
        item.source = [Source::Survey, Source::Support, Source::Nps][n % 3];
        item.created_at = chrono::DateTime::from_timestamp(1_700_000_000 + n as i64, 0).unwrap();
        if n % 1000 == 7 {
            item.rice.reach = Some(n as f64);
        }
        item
    }

    #[test]
    fn batches_store_every_field_of_every_row_and_still_merge_repeats() {
        let mut store = Store::open_in_memory().unwrap();
        let mut import = store.begin_import().unwrap();
        // 10,000 new rows in batches of 256 (most go in `ROWS_PER_INSERT`
        // at a time), with a repeat of an earlier row after every 300th.
        let rows: Vec<usize> = (0..10_000)
            .flat_map(|n| match n % 300 {
                299 => vec![n, n - 150],
                _ => vec![n],
            })
            .collect();
        let hashed: Vec<(FeedbackItem, i64)> = rows
            .iter()
            .map(|&n| {
                let item = varied_item(n);
                let hash = dedup_hash(&dedup_key(&item.title, &item.description));
                (item, hash)
            })
            .collect();
        for batch in hashed.chunks(256) {
            import.add_batch(batch).unwrap();
        }
        let summary = import.commit().unwrap();
        assert_eq!(summary.added, 10_000);
        assert_eq!(summary.merged, rows.len() - 10_000);
        let mut by_title: HashMap<String, FeedbackItem> = store
            .list_feedback(&Default::default())
            .unwrap()
            .into_iter()
            .map(|item| (item.title.clone(), item))
            .collect();
        assert_eq!(by_title.len(), 10_000);
        for n in 0..10_000 {
            let mut stored = by_title.remove(&format!("Item {n}")).unwrap();
            let repeated = n % 300 == 149;
            assert_eq!(stored.mentions, if repeated { 2 } else { 1 }, "item {n}");
            let expected = varied_item(n);
            // The repeat's NPS answer is kept as its report's.
            let merged = if repeated { expected.nps } else { None };
            assert_eq!(stored.merged_nps, NpsTally::of(merged), "item {n}");
            stored.id = 0;
            stored.mentions = 1;
            stored.extra_sources.clear();
            stored.merged_nps = NpsTally::default();
            assert_eq!(stored, expected, "item {n}");
        }
    }

    #[test]
    fn a_row_the_schema_refuses_undoes_the_whole_import() {
        let path = tempfile::tempdir().unwrap();
        let mut store = Store::open(&path.path().join("r.db")).unwrap();
        store.insert_items([item(0)]).unwrap();
        let mut rows: Vec<(FeedbackItem, i64)> = (1..6000)
            .map(|n| {
                let item = item(n);
                let hash = dedup_hash(&dedup_key(&item.title, &item.description));
                (item, hash)
            })
            .collect();
        // Past the filter's start, in the middle of a many-row statement:
        // a row the domain would never let through.
        rows[4500].0.title.clear();
        let mut import = store.begin_import().unwrap();
        let failed = rows
            .chunks(256)
            .try_for_each(|batch| import.add_batch(batch));
        assert!(failed.is_err());
        drop(import);
        assert_eq!(store.count_feedback().unwrap(), 1);
        // The store goes on working, one transaction per action.
        store.insert_items([item(7000)]).unwrap();
        assert_eq!(store.count_feedback().unwrap(), 2);
    }

    #[test]
    fn a_merged_row_adds_the_tags_the_item_lacks() {
        let mut store = Store::open_in_memory().unwrap();
        let mut first = item(1);
        first.tags = vec!["export".into()];
        store.insert_items([first]).unwrap();
        let mut import = store.begin_import().unwrap();
        let mut again = item(1);
        again.tags = vec!["xlsx".into(), "export".into()];
        import.add(&again).unwrap();
        import.add(&item(1)).unwrap();
        assert_eq!(import.commit().unwrap().merged, 2);
        let items = store.list_feedback(&Default::default()).unwrap();
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].tags, ["export", "xlsx"]);
        assert_eq!(items[0].mentions, 3);
    }

    #[test]
    fn a_small_import_holds_every_row_and_a_dry_run_writes_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        store.insert_items((0..5).map(item)).unwrap();
        let before = stored(&store);
        let mut import = store.begin_import().unwrap();
        for n in [1, 8, 8, 2, 9] {
            import.add(&item(n)).unwrap();
        }
        assert_eq!(import.held.len(), 5);
        assert_eq!(
            import.dry_run().unwrap(),
            ImportSummary {
                added: 2,
                merged: 3
            }
        );
        assert_eq!(stored(&store), before);
        let check: String = store
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok");
    }
}
