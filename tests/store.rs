//! The store against real SQLite files in a temp dir.

use chrono::{DateTime, Utc};
use retriage::domain::feedback::{FeedbackDraft, NpsTally, Source, Status};
use retriage::domain::scoring::{Ice, Impact, Rice, Wsjf};
use retriage::domain::triage::SortKey;
use retriage::interop::import::ImportOptions;
use retriage::service::import::import_file;
use retriage::store::{Error, ListQuery, Store};
use std::path::PathBuf;
use std::sync::{Arc, Barrier};
use tempfile::TempDir;

fn temp_db() -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("nested").join("retriage.db");
    (dir, path)
}

fn draft(title: &str) -> FeedbackDraft {
    FeedbackDraft {
        title: title.into(),
        ..FeedbackDraft::default()
    }
}

fn rice(reach: f64) -> Rice {
    Rice {
        reach: Some(reach),
        impact: Some(Impact::High),
        confidence: Some(80.0),
        effort: Some(2.0),
    }
}

#[test]
fn open_creates_the_file_in_wal_mode_and_data_survives_reopening() {
    let (_dir, path) = temp_db();
    {
        let mut store = Store::open(&path).unwrap();
        let d = FeedbackDraft {
            title: "Kept".into(),
            description: "two\nlines".into(),
            source: Source::Nps,
            customer: Some("Acme".into()),
            tags: vec!["b".into(), "a".into()],
            status: Status::Triaged,
            nps: Some(9),
        };
        store.add_feedback(&d, rice(100.0), Utc::now()).unwrap();
    }
    assert!(path.exists());
    let conn = rusqlite::Connection::open(&path).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    drop(conn);

    let mut store = Store::open(&path).unwrap();
    let item = store.get_feedback(1).unwrap();
    assert_eq!(item.title, "Kept");
    assert_eq!(item.description, "two\nlines");
    assert_eq!(item.source, Source::Nps);
    assert_eq!(item.customer.as_deref(), Some("Acme"));
    assert_eq!(item.tags, vec!["b", "a"]);
    assert_eq!(item.status, Status::Triaged);
    assert_eq!(item.nps, Some(9));
    assert_eq!(item.rice.score(), Some(80.0));
}

#[test]
fn every_scoring_model_round_trips() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let id = store
        .add_feedback(&draft("x"), Rice::default(), Utc::now())
        .unwrap()
        .id;
    let ice = Ice {
        impact: Some(7),
        confidence: Some(5),
        ease: Some(3),
    };
    let wsjf = Wsjf {
        business_value: Some(8.0),
        time_criticality: Some(5.0),
        risk_reduction: Some(3.0),
        job_size: Some(2.0),
    };
    store.set_ice(id, ice).unwrap();
    store.set_wsjf(id, wsjf).unwrap();
    store.set_rice(id, rice(10.0)).unwrap();
    let item = store.get_feedback(id).unwrap();
    assert_eq!((item.ice, item.wsjf, item.rice), (ice, wsjf, rice(10.0)));
    assert_eq!(item.ice.score(), Some(105.0));
    assert_eq!(item.wsjf.score(), Some(8.0));
}

#[test]
fn clearing_every_score_leaves_none_behind() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let id = store
        .add_feedback(&draft("x"), rice(10.0), Utc::now())
        .unwrap()
        .id;
    store.set_rice(id, Rice::default()).unwrap();
    let item = store.get_feedback(id).unwrap();
    assert_eq!(item.rice, Rice::default());
    assert_eq!(
        store.list_feedback(&ListQuery::default()).unwrap()[0].rice,
        Rice::default()
    );
    // A scored item's scores go with it when it is deleted.
    store.set_rice(id, rice(5.0)).unwrap();
    store.delete_feedback(id).unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let left: i64 = conn
        .query_row("SELECT count(*) FROM feedback_score", [], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 0);
}

#[test]
fn list_filters_by_status_and_sorts() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let t0 = DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z")
        .unwrap()
        .to_utc();
    let mut add = |title: &str, reach: Option<f64>, days: i64| {
        let r = reach.map(rice).unwrap_or_default();
        store
            .add_feedback(&draft(title), r, t0 + chrono::Duration::days(days))
            .unwrap()
            .id
    };
    let a = add("banana", Some(10.0), 2);
    let b = add("Apple", None, 1);
    let c = add("cherry", Some(500.0), 3);
    store.set_status(b, Status::Done).unwrap();
    let ids = |q: ListQuery| {
        store
            .list_feedback(&q)
            .unwrap()
            .iter()
            .map(|i| i.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        ids(ListQuery {
            status: None,
            sort: Some(SortKey::Score),
            ..ListQuery::default()
        }),
        vec![c, a, b]
    );
    assert_eq!(
        ids(ListQuery {
            status: None,
            sort: Some(SortKey::Created),
            ..ListQuery::default()
        }),
        vec![c, a, b]
    );
    assert_eq!(
        ids(ListQuery {
            status: None,
            sort: Some(SortKey::Title),
            ..ListQuery::default()
        }),
        vec![b, a, c]
    );
    assert_eq!(
        ids(ListQuery {
            status: Some(Status::Done),
            sort: None,
            ..ListQuery::default()
        }),
        vec![b]
    );
    assert_eq!(store.triage_rows().unwrap().len(), 3);
}

#[test]
fn two_connections_writing_at_once_lose_nothing() {
    let (_dir, path) = temp_db();
    let mut setup = Store::open(&path).unwrap();
    let shared = setup
        .add_feedback(&draft("shared"), Rice::default(), Utc::now())
        .unwrap()
        .id;
    drop(setup);

    const EACH: usize = 150;
    let barrier = Arc::new(Barrier::new(2));
    let writers: Vec<_> = (0..2)
        .map(|w| {
            let path = path.clone();
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                let mut store = Store::open(&path).unwrap();
                barrier.wait();
                for i in 0..EACH {
                    store
                        .add_feedback(
                            &draft(&format!("writer {w} item {i}")),
                            Rice::default(),
                            Utc::now(),
                        )
                        .unwrap();
                    // Both writers change the same item, different fields.
                    if w == 0 {
                        store.set_rice(shared, rice(i as f64)).unwrap();
                    } else {
                        store
                            .set_status(shared, Status::ALL[i % Status::ALL.len()])
                            .unwrap();
                    }
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.count_feedback().unwrap(), 1 + 2 * EACH as i64);
    let item = store.get_feedback(shared).unwrap();
    assert_eq!(
        item.rice,
        rice((EACH - 1) as f64),
        "the rice writer's last change is kept"
    );
    assert_eq!(
        item.status,
        Status::ALL[(EACH - 1) % Status::ALL.len()],
        "and so is the status writer's"
    );
}

#[test]
fn another_connections_commit_changes_the_data_version() {
    let (_dir, path) = temp_db();
    let reader = Store::open(&path).unwrap();
    let before = reader.data_version().unwrap();
    let mut writer = Store::open(&path).unwrap();
    writer
        .add_feedback(&draft("x"), Rice::default(), Utc::now())
        .unwrap();
    assert_ne!(reader.data_version().unwrap(), before);
}

#[test]
fn a_batch_insert_is_all_or_nothing() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let good = store
        .add_feedback(&draft("good"), Rice::default(), Utc::now())
        .unwrap();
    let mut bad = good.clone();
    bad.title = String::new(); // violates the schema's CHECK
    let result = store.insert_items(vec![good.clone(), good.clone(), bad]);
    assert!(result.is_err());
    assert_eq!(store.count_feedback().unwrap(), 1);
}

#[test]
fn unknown_ids_are_reported() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    assert!(matches!(store.get_feedback(7), Err(Error::NotFound(7))));
    assert!(matches!(store.delete_feedback(7), Err(Error::NotFound(7))));
    assert!(matches!(
        store.update_draft(7, &draft("x"), &draft("y")),
        Err(Error::NotFound(7))
    ));
}

#[test]
fn a_hand_edited_bad_value_is_an_error_not_a_panic() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    store
        .add_feedback(&draft("x"), Rice::default(), Utc::now())
        .unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute("UPDATE feedback SET created_at = 'yesterday'", [])
        .unwrap();
    drop(conn);
    let store = Store::open(&path).unwrap();
    match store.triage_rows() {
        Err(Error::Corrupt(message)) => assert!(message.contains("yesterday"), "{message}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_database_from_a_newer_version_is_refused() {
    let (_dir, path) = temp_db();
    drop(Store::open(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch("PRAGMA user_version = 99").unwrap();
    drop(conn);
    assert!(matches!(Store::open(&path), Err(Error::Migration(_))));
}

#[test]
fn a_path_that_cannot_be_a_database_is_a_clear_error() {
    let dir = TempDir::new().unwrap();
    let err = Store::open(dir.path())
        .err()
        .expect("a folder is not a database");
    assert!(
        err.to_string().contains(&dir.path().display().to_string()),
        "{err}"
    );
}

#[test]
fn triage_rows_carry_each_items_own_tags_in_order() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let with = |tags: &[&str]| FeedbackDraft {
        title: "t".into(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        ..FeedbackDraft::default()
    };
    for tags in [
        &["zeta", "alpha"][..],
        &[],
        &["solo"],
        &[],
        &["c", "b", "a"],
    ] {
        store
            .add_feedback(&with(tags), Rice::default(), Utc::now())
            .unwrap();
    }
    let rows = store.triage_rows().unwrap();
    let tags: Vec<Vec<String>> = rows.iter().map(|r| r.tags.clone()).collect();
    assert_eq!(
        tags,
        vec![
            vec!["zeta".to_string(), "alpha".into()],
            vec![],
            vec!["solo".into()],
            vec![],
            vec!["c".into(), "b".into(), "a".into()],
        ]
    );
    let listed: Vec<Vec<String>> = store
        .list_feedback(&ListQuery::default())
        .unwrap()
        .into_iter()
        .map(|i| i.tags)
        .collect();
    assert_eq!(listed, tags, "both read paths agree");
}

// ----- NPS: every respondent's answer counts, merged or not ---------------

/// The NPS the triage header shows for all items, from the rows the TUI
/// loads; checked against the other read path (`list_feedback`).
fn header_nps(store: &Store) -> Option<(i32, usize)> {
    let from_rows: NpsTally = store.triage_rows().unwrap().iter().map(|r| r.nps).sum();
    let unlisted = store.nps_response_tally().unwrap();
    let from_items: NpsTally = store
        .list_feedback(&ListQuery::default())
        .unwrap()
        .iter()
        .map(|i| i.nps_answers())
        .sum();
    assert_eq!(from_rows, from_items, "both read paths agree");
    let every_answer = NpsTally::of(store.nps_responses().unwrap().iter().map(|a| a.score));
    assert_eq!(
        from_rows + unlisted,
        every_answer,
        "`nps list` lists them all"
    );
    (from_rows + unlisted).score()
}

fn import_csv(store: &mut Store, csv: &str) -> (usize, usize) {
    let report = import_file(
        store,
        csv.as_bytes(),
        "test.csv",
        &ImportOptions::default(),
        false,
        &mut |_| true,
    )
    .unwrap();
    (report.summary.added, report.summary.merged)
}

fn add_with_nps(store: &mut Store, title: &str, nps: Option<u8>) -> i64 {
    let d = FeedbackDraft {
        nps,
        ..draft(title)
    };
    store
        .add_feedback(&d, Rice::default(), Utc::now())
        .unwrap()
        .id
}

#[test]
fn an_import_counts_every_answer_and_a_repeat_counts_none_again() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let csv = "Score,Comment\n10,\n10,\n10,\n9,\n9,\n2,Export is broken\n2,Export is broken\n0,Login takes forever\n";
    // Answers without a comment are responses, not items; the two same
    // comments are two people: one item, mentioned twice.
    assert_eq!(import_csv(&mut store, csv), (2, 1));
    assert_eq!(store.triage_rows().unwrap().len(), 2);
    assert_eq!(header_nps(&store), Some((25, 8)), "every answer counts");
    assert_eq!(
        store.nps_response_tally().unwrap(),
        NpsTally::of([10, 10, 10, 9, 9])
    );
    let export = store
        .list_feedback(&ListQuery::default())
        .unwrap()
        .into_iter()
        .find(|i| i.title == "Export is broken")
        .unwrap();
    assert_eq!(export.mentions, 2);
    assert_eq!(export.merged_nps, NpsTally::of([2]));

    // Importing the same answers again counts nothing twice.
    drop(store);
    let mut store = Store::open(&path).unwrap();
    assert_eq!(import_csv(&mut store, csv), (0, 0));
    assert_eq!(header_nps(&store), Some((25, 8)));
    assert_eq!(store.triage_rows().unwrap().len(), 2);
}

#[test]
fn a_review_merge_keeps_every_answer_counted_once() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let a = add_with_nps(&mut store, "Export is slow", Some(10));
    let b = add_with_nps(&mut store, "Exports are slow", Some(10));
    let c = add_with_nps(&mut store, "Export never finishes", Some(0));
    assert_eq!(header_nps(&store), Some((33, 3)));

    let kept = store.merge_items(a, b).unwrap();
    assert_eq!(kept.nps, Some(10), "the kept item's own answer");
    assert_eq!(kept.merged_nps, NpsTally::of([10]));
    assert_eq!(store.triage_rows().unwrap().len(), 2);
    assert_eq!(header_nps(&store), Some((33, 3)), "not +0 (n=2)");

    // An item without an answer of its own absorbs one: it counts once,
    // as the absorbed report's, and does not become the kept item's own.
    let d = add_with_nps(&mut store, "Exporting takes ages", None);
    let kept = store.merge_items(d, c).unwrap();
    assert_eq!(kept.nps, None);
    assert_eq!(kept.merged_nps, NpsTally::of([0]));
    assert_eq!(header_nps(&store), Some((33, 3)));
    let evidence = store.evidence(d).unwrap();
    assert_eq!(evidence.len(), 1);
    assert_eq!(evidence[0].nps, Some(0), "the answer stays with its report");

    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(header_nps(&store), Some((33, 3)), "after reopening");
}

#[test]
fn merging_an_item_that_absorbed_duplicates_carries_their_answers_along() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    // One item from three respondents (0, then repeats 0 and 9) …
    let csv = "Score,Comment\n0,Slow login\n0,Slow login\n9,Slow login\n";
    assert_eq!(import_csv(&mut store, csv), (1, 2));
    let absorbed = store.triage_rows().unwrap()[0].id;
    // … and one with an answer of its own.
    let kept = add_with_nps(&mut store, "Login is slow", Some(10));
    assert_eq!(header_nps(&store), Some((0, 4)));

    let merged = store.merge_items(kept, absorbed).unwrap();
    assert_eq!(merged.nps, Some(10));
    assert_eq!(merged.merged_nps, NpsTally::of([0, 0, 9]));
    assert_eq!(merged.mentions, 4);
    assert_eq!(
        header_nps(&store),
        Some((0, 4)),
        "nothing lost, nothing doubled"
    );
    let mut answers: Vec<Option<u8>> = store
        .evidence(kept)
        .unwrap()
        .iter()
        .map(|e| e.nps)
        .collect();
    answers.sort();
    assert_eq!(answers, [Some(0), Some(0), Some(9)]);

    // Deleting the item takes its reports along; undoing brings them back.
    let (deleted, attachments) = store.delete_feedback(kept).unwrap();
    assert_eq!(header_nps(&store), None);
    store
        .revert_feedback(kept, None, Some(&deleted), Some(&attachments))
        .unwrap();
    assert_eq!(header_nps(&store), Some((0, 4)));
    assert_eq!(store.get_feedback(kept).unwrap(), merged);
}

#[test]
fn items_like_a_new_one_are_found_by_meaning_most_alike_first() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let now = Utc::now();
    let export = store
        .add_feedback(&draft("Export shift plan to Excel"), Rice::default(), now)
        .unwrap();
    store
        .add_feedback(&draft("Dark mode for night shifts"), Rice::default(), now)
        .unwrap();
    let found = store
        .similar_items("Download roster as XLSX file", "", 0.4, 3)
        .unwrap();
    assert_eq!(found.first().map(|s| s.id), Some(export.id), "{found:?}");
    assert!(found.iter().all(|s| s.similarity >= 0.4));
    assert!(
        store
            .similar_items("Offline mode", "", 0.4, 3)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn the_first_screen_holds_the_rows_the_whole_table_shows_first() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    // Unscored items, scored ones (ties and a zero among them) and an
    // item with only some RICE factors.
    for n in 0..40u32 {
        let rice = match n % 5 {
            0 => Rice {
                reach: Some(f64::from(n % 7) * 10.0),
                impact: Some(Impact::High),
                confidence: Some(80.0),
                effort: Some(2.0),
            },
            1 => Rice {
                reach: Some(5.0),
                ..Rice::default()
            },
            _ => Rice::default(),
        };
        store
            .add_feedback(&draft(&format!("Item {n}")), rice, Utc::now())
            .unwrap();
    }
    let whole = retriage::app::triage::list::TriageList::new(store.triage_rows().unwrap());
    let first_screen = store.first_triage_rows(12).unwrap();
    let table = retriage::app::triage::list::TriageList::new(first_screen);
    let ids = |list: &retriage::app::triage::list::TriageList, n: usize| -> Vec<i64> {
        (0..n).map(|p| list.visible_row(p).unwrap().id).collect()
    };
    assert_eq!(table.total(), 12);
    assert_eq!(ids(&table, 12), ids(&whole, 12));
}

#[test]
fn the_retro_card_index_keeps_only_promoted_items_and_still_serves_lookups() {
    // Migration 13: an item without a card (every imported one) has no entry.
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    store
        .add_feedback(&draft("From no card"), Rice::default(), Utc::now())
        .unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let sql: String = conn
        .query_row(
            "SELECT sql FROM sqlite_master WHERE name = 'feedback_by_retro_card'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(sql.contains("WHERE retro_card_id IS NOT NULL"), "{sql}");
    let plan: String = conn
        .query_row(
            "EXPLAIN QUERY PLAN SELECT id FROM feedback WHERE retro_card_id = 7",
            [],
            |r| r.get(3),
        )
        .unwrap();
    assert!(plan.contains("feedback_by_retro_card"), "{plan}");
}
