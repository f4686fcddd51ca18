//! Imports week after week, through the binary on a real database file:
//! re-imports that never count a report twice, changed rows updated in
//! place, `imports list`, `imports undo` restoring every table exactly (or
//! refusing, naming the items, and changing nothing), `--id-column`, and
//! `nps list`.

mod common;
use common::{retriage, write};
use predicates::prelude::*;
use rusqlite::types::Value as Sql;
use serde_json::Value;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

/// Runs the binary; it must succeed; returns its output.
fn ok(db: &Path, args: &[&str]) -> String {
    let out = retriage(db).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Runs the binary; it must fail with exit 1; returns its stderr.
fn refused(db: &Path, args: &[&str]) -> String {
    let out = retriage(db).args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{args:?}");
    String::from_utf8(out.stderr).unwrap()
}

fn import(db: &Path, file: &Path) -> String {
    ok(db, &["import", file.to_str().unwrap()])
}

fn json(db: &Path, args: &[&str]) -> Vec<Value> {
    serde_json::from_str::<Value>(&ok(db, args))
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn items(db: &Path) -> Vec<Value> {
    json(db, &["feedback", "list", "--format", "json"])
}

/// Every row of every table of the database file, each table's rows
/// sorted: what "exactly as it was" compares.
fn every_table(db: &Path) -> Vec<(String, Vec<Vec<String>>)> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    tables
        .into_iter()
        .map(|table| {
            let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
            let width = stmt.column_count();
            let mut rows: Vec<Vec<String>> = stmt
                .query_map([], |r| {
                    (0..width)
                        .map(|i| r.get::<_, Sql>(i).map(|v| format!("{v:?}")))
                        .collect()
                })
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            rows.sort();
            (table, rows)
        })
        .collect()
}

/// What a user counts on: items, mentions, reports and NPS answers.
fn counts(db: &Path) -> (usize, u64, usize, usize) {
    let all = items(db);
    let mentions = all.iter().map(|i| i["mentions"].as_u64().unwrap()).sum();
    let reports = all
        .iter()
        .map(|i| i["reports"].as_array().unwrap().len())
        .sum();
    let answers = json(db, &["nps", "list", "--format", "json"]).len();
    (all.len(), mentions, reports, answers)
}

#[test]
fn reimporting_every_fixture_twice_and_three_times_changes_no_count() {
    for name in [
        "support_zendesk.csv",
        "nps_delighted.csv",
        "jira_export.csv",
        "gh_issues.json",
        "parabol_retro.csv",
    ] {
        let dir = TempDir::new().unwrap();
        let db = dir.path().join("r.db");
        let first = import(&db, &fixture(name));
        let after_first = counts(&db);
        assert!(after_first.0 > 0, "{name}: {first}");
        for round in [2, 3] {
            let said = import(&db, &fixture(name));
            assert!(
                said.contains("0 new items") && said.contains("unchanged"),
                "{name}, import {round}: {said}"
            );
            assert!(!said.contains("merged"), "{name}: {said}");
            assert_eq!(counts(&db), after_first, "{name}, import {round}");
        }
        assert_eq!(
            json(&db, &["imports", "list", "--format", "json"]).len(),
            3,
            "{name}: every import is a batch"
        );
    }
}

const WEEK_1: &str = "Ticket ID,Subject,Description,Requester,Created at,Tags\n\
    101,Export fails,The CSV export times out,Ann,2026-10-03 09:14,export\n\
    102,Dark mode,Please add a dark theme,Bo,2026-10-04 10:00,ui\n\
    103,Export fails,The CSV export times out,Cy,2026-10-05 11:00,export\n";

/// Week 2 of the same desk: 101 edited, 102 and 103 the same, 104 new and
/// 105 a new report of the export problem.
const WEEK_2: &str = "Ticket ID,Subject,Description,Requester,Created at,Tags\n\
    101,Export fails for big files,The CSV export times out over 10 MB,Ann,2026-10-03 09:14,export\n\
    102,Dark mode,Please add a dark theme,Bo,2026-10-04 10:00,ui\n\
    103,Export fails,The CSV export times out,Cy,2026-10-05 11:00,export\n\
    104,Bulk edit shifts,Edit a whole week at once,Di,2026-10-10 08:00,shifts\n\
    105,Export fails,The CSV export times out,Ed,2026-10-11 08:00,csv\n";

#[test]
fn a_changed_row_updates_its_item_in_place_and_new_ones_are_added_or_merged() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("r.db");
    let said = import(&db, &write(&dir, "week1.csv", WEEK_1));
    assert!(
        said.contains("2 new items, 1 merged into duplicates"),
        "{said}"
    );
    let before = items(&db);
    let said = import(&db, &write(&dir, "week2.csv", WEEK_2));
    assert!(
        said.contains("2 new items, 1 updated, 2 unchanged"),
        "{said}"
    );
    let after = items(&db);
    assert_eq!(after.len(), 4);
    // Ticket 101 was the first item: same id, new text, no new mention;
    // 103, merged into it, stays a report of it.
    let first = &after[0];
    assert_eq!(first["id"], before[0]["id"]);
    assert_eq!(first["title"], "Export fails for big files");
    assert_eq!(first["external_id"], "101");
    assert_eq!(first["mentions"], 2, "101 and 103, as before");
    let reports = first["reports"].as_array().unwrap();
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0]["external_id"], "103");
    assert_eq!(reports[0]["customer"], "Cy");
    let bulk = after
        .iter()
        .find(|i| i["title"] == "Bulk edit shifts")
        .unwrap();
    assert_eq!(bulk["external_id"], "104");
    // 105 says what 101 used to: no item has that text any more.
    let export = after.iter().find(|i| i["title"] == "Export fails").unwrap();
    assert_eq!(
        (export["mentions"].as_u64(), export["external_id"].as_str()),
        (Some(1), Some("105"))
    );
    // Once more: nothing changes.
    let said = import(&db, &write(&dir, "week2.csv", WEEK_2));
    assert!(said.contains("0 new items, 5 unchanged"), "{said}");
    assert_eq!(items(&db), after);
}

#[test]
fn undoing_an_import_restores_every_table_exactly() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("r.db");
    import(&db, &write(&dir, "week1.csv", WEEK_1));
    ok(&db, &["feedback", "add", "--title", "Typed by hand"]);
    ok(&db, &["feedback", "status", "2", "triaged"]);
    import(
        &db,
        &write(
            &dir,
            "answers.csv",
            "Response ID,Score,Comment\nr1,9,\nr2,3,Slow\n",
        ),
    );
    let before = every_table(&db);
    // Week 2 updates 101, merges 105, adds 104; a survey re-export edits
    // one answer and adds one without comment.
    import(&db, &write(&dir, "week2.csv", WEEK_2));
    let said = import(
        &db,
        &write(
            &dir,
            "answers2.csv",
            "Response ID,Score,Comment\nr1,10,\nr2,3,Slow\nr3,0,\n",
        ),
    );
    assert!(said.contains("1 updated"), "{said}");
    assert_ne!(every_table(&db), before);
    let batches = json(&db, &["imports", "list", "--format", "json"]);
    let ids: Vec<i64> = batches.iter().map(|b| b["id"].as_i64().unwrap()).collect();
    assert_eq!(ids.len(), 4);
    let undone = ok(&db, &["imports", "undo", &ids[3].to_string()]);
    assert!(undone.contains("undid import"), "{undone}");
    ok(&db, &["imports", "undo", &ids[2].to_string()]);
    assert_eq!(every_table(&db), before, "every row of every table");
    // Undone twice: there is no such import any more.
    let again = refused(&db, &["imports", "undo", &ids[2].to_string()]);
    assert!(
        again.contains(&format!("no import with id {}", ids[2])),
        "{again}"
    );
}

#[test]
fn an_undo_after_later_changes_names_the_items_and_changes_nothing() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("r.db");
    import(&db, &write(&dir, "week1.csv", WEEK_1));
    import(&db, &write(&dir, "week2.csv", WEEK_2));
    // A later import changed what the first added.
    let state = every_table(&db);
    let message = refused(&db, &["imports", "undo", "1"]);
    assert!(
        message.contains("import 1 cannot be undone")
            && message.contains("#1 Export fails for big files: changed by a later import"),
        "{message}"
    );
    assert_eq!(every_table(&db), state);
    // Someone edits an item the second import added.
    let bulk = items(&db)
        .into_iter()
        .find(|i| i["title"] == "Bulk edit shifts")
        .unwrap();
    let bulk_id = bulk["id"].to_string();
    ok(&db, &["feedback", "status", &bulk_id, "triaged"]);
    let state = every_table(&db);
    let message = refused(&db, &["imports", "undo", "2"]);
    assert!(
        message.contains(&format!("#{bulk_id} Bulk edit shifts: changed since")),
        "{message}"
    );
    assert_eq!(every_table(&db), state, "a refused undo changes nothing");
    // Deleting it is a change too; undone in order, all is as before.
    ok(&db, &["feedback", "delete", &bulk_id]);
    let message = refused(&db, &["imports", "undo", "2"]);
    assert!(
        message.contains(&format!("#{bulk_id}: deleted since")),
        "{message}"
    );
    // The last item it added is deleted, and an item typed by hand takes
    // its id: undo must not take that one for its own.
    let last = items(&db).last().unwrap()["id"].to_string();
    ok(&db, &["feedback", "delete", &last]);
    let typed = ok(&db, &["feedback", "add", "--title", "Typed by hand"]);
    let typed = typed.trim();
    assert_eq!(typed, bulk_id, "the lowest free id after the last");
    let state = every_table(&db);
    let message = refused(&db, &["imports", "undo", "2"]);
    assert!(
        message.contains(&format!("#{typed} Typed by hand: deleted since"))
            && message.contains(&format!("#{last}: deleted since")),
        "{message}"
    );
    assert_eq!(every_table(&db), state);
}

#[test]
fn undoing_imports_in_reverse_order_leaves_the_database_as_it_began() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("r.db");
    ok(
        &db,
        &[
            "feedback",
            "add",
            "--title",
            "Export fails",
            "--description",
            "The CSV export times out",
        ],
    );
    let start = every_table(&db);
    import(&db, &write(&dir, "week1.csv", WEEK_1));
    import(&db, &write(&dir, "week2.csv", WEEK_2));
    ok(&db, &["imports", "undo", "2"]);
    ok(&db, &["imports", "undo", "1"]);
    assert_eq!(every_table(&db), start);
}

#[test]
fn the_id_column_can_be_named_and_bad_ids_are_refused_whole() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("r.db");
    let file = write(
        &dir,
        "own.csv",
        "Ref,Title,Body\nA-1,Export fails,times out\nA-2,Dark mode,please\n",
    );
    let message = refused(
        &db,
        &["import", file.to_str().unwrap(), "--id-column", "Key"],
    );
    assert!(
        message.contains("--id-column names the column 'Key'")
            && message.contains("Ref, Title, Body"),
        "{message}"
    );
    assert!(!db.exists(), "a refused import into a new file leaves none");
    ok(
        &db,
        &["import", file.to_str().unwrap(), "--id-column", "Ref"],
    );
    let edited = write(
        &dir,
        "own2.csv",
        "Ref,Title,Body\nA-1,Export fails,times out on big files\nA-2,Dark mode,please\n",
    );
    let said = ok(
        &db,
        &["import", edited.to_str().unwrap(), "--id-column", "ref"],
    );
    assert!(said.contains("1 updated, 1 unchanged"), "{said}");
    assert_eq!(items(&db)[0]["external_id"], "A-1");

    let twice = write(
        &dir,
        "twice.csv",
        "Ticket ID,Subject\n7,Export fails\n8,Dark mode\n7,Export fails again\n",
    );
    let before = every_table(&db);
    let message = refused(&db, &["import", twice.to_str().unwrap()]);
    assert!(
        message.contains("lines 2 and 4 have the same id '7'"),
        "{message}"
    );
    assert_eq!(every_table(&db), before);
}

#[test]
fn nps_answers_without_a_comment_are_listed_and_counted_but_are_no_items() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("r.db");
    import(&db, &fixture("nps_delighted.csv"));
    let answers = json(&db, &["nps", "list", "--format", "json"]);
    assert_eq!(answers.len(), 8);
    let without: Vec<&Value> = answers
        .iter()
        .filter(|a| a["feedback_id"].is_null())
        .collect();
    assert_eq!(without.len(), 1);
    assert_eq!(without[0]["score"], 10);
    assert_eq!(without[0]["source"], "nps");
    assert!(
        without[0]["file"]
            .as_str()
            .unwrap()
            .ends_with("nps_delighted.csv")
    );
    assert!(without[0]["external_id"].is_string());
    assert!(without[0]["date"].as_str().unwrap().starts_with("2026-10"));
    assert_eq!(items(&db).len(), 7);
    let table = ok(&db, &["nps", "list"]);
    assert!(table.contains("8 answers, NPS"), "{table}");
    let markdown = ok(&db, &["export", "feedback", "--format", "md"]);
    assert!(
        markdown.contains("from 8 answers (1 of them without a comment)"),
        "{markdown}"
    );
    let listed = ok(&db, &["imports", "list"]);
    assert!(
        listed.contains("nps_delighted.csv") && listed.contains("UNCHANGED"),
        "{listed}"
    );
}

#[test]
fn imports_list_gives_every_batch_as_json() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("r.db");
    assert_eq!(
        json(&db, &["imports", "list", "--format", "json"]),
        Vec::<Value>::new()
    );
    import(&db, &write(&dir, "week1.csv", WEEK_1));
    import(&db, &write(&dir, "week2.csv", WEEK_2));
    let batches = json(&db, &["imports", "list", "--format", "json"]);
    let keys: Vec<&str> = batches[1]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for key in [
        "id",
        "file",
        "imported_at",
        "rows",
        "added",
        "updated",
        "unchanged",
        "merged",
    ] {
        assert!(keys.contains(&key), "{key} in {keys:?}");
    }
    assert_eq!(batches[1]["rows"], 5);
    assert_eq!(batches[1]["added"], 2);
    assert_eq!(batches[1]["updated"], 1);
    assert_eq!(batches[1]["unchanged"], 2);
    assert_eq!(batches[0]["merged"], 1);
    assert!(batches[1]["file"].as_str().unwrap().ends_with("week2.csv"));
    retriage(&db)
        .args(["imports", "undo", "x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid value 'x'"));
}

#[test]
fn an_id_repeated_far_down_a_large_file_names_both_lines() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("r.db");
    let mut text = String::from("Ticket ID,Subject\n");
    for n in 0..10_000 {
        text.push_str(&format!("{n},Report number {n}\n"));
    }
    text.push_str("1234,Report number 1234 again\n");
    let file = write(&dir, "big.csv", text);
    let message = refused(&db, &["import", file.to_str().unwrap()]);
    assert!(
        message.contains("lines 1236 and 10002 have the same id '1234'"),
        "{message}"
    );
    assert!(!db.exists(), "nothing was imported, no database left");
}
