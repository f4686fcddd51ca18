//! Tests of importing: the filter of seen hashes, duplicates merged in the
//! file and with stored items, rows held and written in batches, and an
//! import as all or nothing (a refused row, a dry run).

use super::*;
use crate::domain::feedback::{FeedbackDraft, NpsTally, Source, dedup_hash};

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
    let mut import = store.begin_import("test.csv").unwrap();
    // New rows past the point where the filter takes over, then
    // duplicates of stored rows and of rows earlier in this import.
    let new = stored..stored + 2 * ROWS_BEFORE_FILTER;
    for n in new.clone() {
        import.add(&ImportedRow::of(item(n))).unwrap();
    }
    assert!(import.seen.is_some());
    for n in (0..stored).step_by(97).chain(new.clone().step_by(89)) {
        import.add(&ImportedRow::of(item(n))).unwrap();
    }
    let summary = import.commit(0).unwrap().0;
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
    let mut import = store.begin_import("test.csv").unwrap();
    import.max_held = 3;
    // Past the filter's start, so later rows are held only when the
    // filter cannot clear them: repeats of stored rows, of rows this
    // import added, and of rows held with them.
    for n in 10..10 + ROWS_BEFORE_FILTER {
        import.add(&ImportedRow::of(item(n))).unwrap();
    }
    assert!(import.seen.is_some() && import.held.is_empty());
    for n in [3, 20, 3, 5000, 5000, 5000, 7, 20] {
        import.add(&ImportedRow::of(item(n))).unwrap();
    }
    let summary = import.commit(0).unwrap().0;
    assert_eq!(
        summary,
        ImportSummary {
            added: ROWS_BEFORE_FILTER + 1,
            merged: 7,
            ..ImportSummary::default()
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
    let mut import = store.begin_import("test.csv").unwrap();
    // 10,000 new rows in batches of 256 (most go in `ROWS_PER_INSERT`
    // at a time), with a repeat of an earlier row after every 300th.
    let rows: Vec<usize> = (0..10_000)
        .flat_map(|n| match n % 300 {
            299 => vec![n, n - 150],
            _ => vec![n],
        })
        .collect();
    let hashed: Vec<ImportedRow> = rows
        .iter()
        .map(|&n| ImportedRow::of(varied_item(n)))
        .collect();
    for batch in hashed.chunks(256) {
        import.add_batch(batch).unwrap();
    }
    let summary = import.commit(0).unwrap().0;
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
    let mut rows: Vec<ImportedRow> = (1..6000).map(|n| ImportedRow::of(item(n))).collect();
    // Past the filter's start, in the middle of a many-row statement:
    // a row the domain would never let through.
    rows[4500].item.title.clear();
    let mut import = store.begin_import("test.csv").unwrap();
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
    let mut import = store.begin_import("test.csv").unwrap();
    let mut again = item(1);
    again.tags = vec!["xlsx".into(), "export".into()];
    import.add(&ImportedRow::of(again.clone())).unwrap();
    import.add(&ImportedRow::of(item(1))).unwrap();
    assert_eq!(import.commit(0).unwrap().0.merged, 2);
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
    let mut import = store.begin_import("test.csv").unwrap();
    for n in [1, 8, 8, 2, 9] {
        import.add(&ImportedRow::of(item(n))).unwrap();
    }
    assert_eq!(import.held.len(), 5);
    assert_eq!(
        import.dry_run(0).unwrap(),
        ImportSummary {
            added: 2,
            merged: 3,
            ..ImportSummary::default()
        }
    );
    assert_eq!(stored(&store), before);
    let check: String = store
        .conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}

#[test]
fn foreign_keys_are_enforced_again_once_an_import_ends() {
    let mut store = Store::open_in_memory().unwrap();
    let enforced = |store: &Store| -> i64 {
        store
            .conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap()
    };
    for commit in [true, false] {
        let mut import = store.begin_import("f.csv").unwrap();
        import.add(&ImportedRow::of(item(1))).unwrap();
        if commit {
            import.commit(1).unwrap();
        } else {
            drop(import);
        }
        assert_eq!(enforced(&store), 1, "after an import, committed: {commit}");
    }
}
