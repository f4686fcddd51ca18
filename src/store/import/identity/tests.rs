//! Which report a row is, across imports: content occurrences before and
//! after the duplicate filter takes over, NPS answers without comment, an
//! item whose text was edited since, and external ids repeated in a file.

use super::super::{ImportFailure, ImportSummary, ROWS_BEFORE_FILTER};
use crate::domain::feedback::{
    FeedbackDraft, FeedbackItem, ImportedRow, Source, Status, identity_of_id,
};
use crate::store::Store;
use chrono::{TimeZone, Utc};

fn item(title: &str) -> FeedbackItem {
    let draft = FeedbackDraft {
        title: title.into(),
        description: "about it".into(),
        source: Source::Support,
        status: Status::New,
        ..FeedbackDraft::default()
    };
    FeedbackItem::from_draft(draft, Utc.with_ymd_and_hms(2026, 10, 3, 9, 0, 0).unwrap())
}

fn nps_answer(score: u8) -> ImportedRow {
    let mut answer = item(&format!("NPS {score} (no comment)"));
    answer.description.clear();
    answer.nps = Some(score);
    ImportedRow::new(answer, 0, None, (true, true))
}

fn with_id(title: &str, id: &str, line: u64) -> ImportedRow {
    let external = Some((id.to_string(), identity_of_id("ticketid", id)));
    ImportedRow::new(item(title), line, external, (false, true))
}

/// Imports `rows` in one batch and commits; the summary.
fn import(store: &mut Store, rows: &[ImportedRow]) -> ImportSummary {
    let mut import = store.begin_import("test.csv").unwrap();
    for batch in rows.chunks(256) {
        import.add_batch(batch).unwrap();
    }
    import.commit(rows.len()).unwrap().0
}

/// `count` distinct rows, then `repeats` copies of row "Same".
fn file(count: usize, repeats: usize) -> Vec<ImportedRow> {
    let mut rows: Vec<ImportedRow> = (0..count)
        .map(|n| ImportedRow::of(item(&format!("Row {n}"))))
        .collect();
    rows.extend((0..repeats).map(|_| ImportedRow::of(item("Same"))));
    rows
}

fn mentions_of(store: &Store, title: &str) -> i64 {
    store
        .conn
        .query_row(
            "SELECT mentions FROM feedback WHERE title = ?1",
            [title],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn identical_rows_are_occurrences_counted_once_each_across_imports() {
    // Small files are held whole; large ones pass the filter first.
    for count in [3, 2 * ROWS_BEFORE_FILTER] {
        let mut store = Store::open_in_memory().unwrap();
        let first = import(&mut store, &file(count, 3));
        assert_eq!((first.added, first.merged), (count + 1, 2), "{count}");
        assert_eq!(mentions_of(&store, "Same"), 3);
        // The same file again: nothing new.
        let again = import(&mut store, &file(count, 3));
        assert_eq!(again.unchanged, count + 3, "{count}");
        assert_eq!((again.added, again.merged), (0, 0));
        // A fourth identical row: exactly one new report.
        let more = import(&mut store, &file(count, 4));
        assert_eq!((more.unchanged, more.merged, more.added), (count + 3, 1, 0));
        assert_eq!(mentions_of(&store, "Same"), 4);
    }
}

#[test]
fn identical_nps_answers_without_comment_are_each_a_response_once() {
    let mut store = Store::open_in_memory().unwrap();
    let answers = [nps_answer(10), nps_answer(10), nps_answer(3)];
    let first = import(&mut store, &answers);
    assert_eq!((first.nps_responses, first.added), (3, 0));
    let again = import(&mut store, &answers);
    assert_eq!((again.nps_responses, again.unchanged), (0, 3));
    let more = import(
        &mut store,
        &[nps_answer(10), nps_answer(10), nps_answer(10)],
    );
    assert_eq!((more.nps_responses, more.unchanged), (1, 2));
    assert_eq!(store.nps_response_tally().unwrap().promoters, 3);
    assert_eq!(store.count_feedback().unwrap(), 0);
}

#[test]
fn a_row_whose_item_was_edited_since_is_still_known() {
    let mut store = Store::open_in_memory().unwrap();
    import(&mut store, &[ImportedRow::of(item("Export fails"))]);
    let stored = store.list_feedback(&Default::default()).unwrap().remove(0);
    let original = stored.draft();
    let edited = FeedbackDraft {
        title: "Export fails on Mondays".into(),
        ..original.clone()
    };
    store.update_draft(stored.id, &original, &edited).unwrap();
    let again = import(&mut store, &[ImportedRow::of(item("Export fails"))]);
    assert_eq!((again.unchanged, again.added), (1, 0));
    assert_eq!(store.count_feedback().unwrap(), 1);
}

#[test]
fn an_external_id_twice_in_a_file_is_refused_near_or_far() {
    // Near: the first is still held, or already stored and met.
    let mut store = Store::open_in_memory().unwrap();
    let rows = [
        with_id("A", "7", 2),
        with_id("B", "8", 3),
        with_id("C", "7", 4),
    ];
    let mut import = store.begin_import("t.csv").unwrap();
    import.add_batch(&rows).unwrap();
    match import.commit(3) {
        Err(ImportFailure::RepeatedId { id, line, .. }) => {
            assert_eq!((id.as_str(), line), ("7", 4))
        }
        other => panic!("{other:?}"),
    }
    // Far: past the filter, both written; found when the import ends.
    let mut rows: Vec<ImportedRow> = (0..3 * ROWS_BEFORE_FILTER)
        .map(|n| with_id(&format!("Row {n}"), &n.to_string(), n as u64 + 2))
        .collect();
    rows.push(with_id("Again", "5000", 99_999));
    let mut import = store.begin_import("t.csv").unwrap();
    for batch in rows.chunks(256) {
        import.add_batch(batch).unwrap();
    }
    match import.commit(rows.len()) {
        Err(ImportFailure::RepeatedId {
            id,
            first_line: None,
            line,
        }) => assert_eq!((id.as_str(), line), ("5000", 99_999)),
        other => panic!("{other:?}"),
    }
    assert_eq!(store.count_feedback().unwrap(), 0, "nothing was written");
    // A stored id met twice by one file: both lines are known.
    import_ok(&mut store, &[with_id("A", "7", 2)]);
    let mut import = store.begin_import("t.csv").unwrap();
    let failure = import
        .add_batch(&[with_id("A", "7", 2), with_id("A", "7", 5)])
        .unwrap_err();
    assert_eq!(
        failure.to_string(),
        "lines 2 and 5 have the same id '7': an id names one report"
    );
}

fn import_ok(store: &mut Store, rows: &[ImportedRow]) {
    let mut import = store.begin_import("t.csv").unwrap();
    import.add_batch(rows).unwrap();
    import.commit(rows.len()).unwrap();
}

#[test]
fn many_distinct_ids_are_no_suspects_in_the_end() {
    let mut store = Store::open_in_memory().unwrap();
    let rows: Vec<ImportedRow> = (0..20_000)
        .map(|n| with_id(&format!("Row {n}"), &format!("T-{n}"), n + 2))
        .collect();
    let summary = import(&mut store, &rows);
    assert_eq!(summary.added, 20_000);
    let again = import(&mut store, &rows);
    assert_eq!(again.unchanged, 20_000);
}

#[test]
fn a_row_without_a_date_is_the_same_row_on_another_day() {
    let mut store = Store::open_in_memory().unwrap();
    let undated = |hours: i64, id: Option<&str>| {
        let mut row = item("Export fails");
        row.created_at += chrono::Duration::hours(hours);
        let external = id.map(|id| (id.to_string(), identity_of_id("ticketid", id)));
        ImportedRow::new(row, 2, external, (false, false))
    };
    let first = import(&mut store, &[undated(0, None), undated(0, Some("9"))]);
    assert_eq!((first.added, first.merged), (1, 1));
    let stored_date = store.list_feedback(&Default::default()).unwrap()[0].created_at;
    // A day later, as the import dates undated rows: nothing changed.
    let later = import(&mut store, &[undated(24, None), undated(24, Some("9"))]);
    assert_eq!((later.unchanged, later.updated), (2, 0));
    assert_eq!(
        store.list_feedback(&Default::default()).unwrap()[0].created_at,
        stored_date
    );
}
