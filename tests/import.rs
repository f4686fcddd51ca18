//! Feedback import from real export shapes, through the binary.

mod common;
use common::{retriage, write};
use predicates::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn items(db: &Path) -> Vec<Value> {
    let out = retriage(db)
        .args(["feedback", "list", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    serde_json::from_slice::<Value>(&out.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn import(db: &Path, file: &Path, extra: &[&str]) -> String {
    let out = retriage(db)
        .arg("import")
        .arg(file)
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn by_title<'a>(items: &'a [Value], prefix: &str) -> &'a Value {
    items
        .iter()
        .find(|i| i["title"].as_str().unwrap().starts_with(prefix))
        .unwrap_or_else(|| panic!("no item titled {prefix}…"))
}

#[test]
fn nps_survey_export() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("i.db");
    let said = import(&db, &fixture("nps_delighted.csv"), &[]);
    assert!(
        said.contains("imported 8 rows") && said.contains("1 NPS answers without comment"),
        "{said}"
    );
    let all = items(&db);
    assert_eq!(all.len(), 7, "the answer without a comment is no item");
    let first = by_title(&all, "The CSV export drops the \"Department\" column");
    assert_eq!(first["source"], "nps");
    assert_eq!(first["nps"], 3);
    assert_eq!(first["customer"], "St. Aldric Hospital");
    assert_eq!(first["created_at"], "2026-10-03T13:14:22Z");
    assert_eq!(first["tags"], serde_json::json!(["export", "payroll"]));
    assert!(first["title"].as_str().unwrap().ends_with('…'));
    let late = by_title(&all, "Notifications arrive 20 minutes late.");
    assert_eq!(
        late["created_at"], "2026-10-06T02:57:31Z",
        "the offset crosses midnight"
    );
    assert_eq!(late["nps"], 0, "zero is a score, not a blank");
    assert!(all.iter().all(|i| i["title"] != "NPS 10 (no comment)"));
    assert_eq!(first["external_id"], "48213907", "the Response ID");
}

#[test]
fn support_desk_export_with_crlf_and_space_separated_tags() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("i.db");
    // A ticket export (it has a Requester column) is support without
    // `--source`.
    import(&db, &fixture("support_zendesk.csv"), &[]);
    let all = items(&db);
    assert_eq!(all.len(), 7);
    let payroll = by_title(&all, "Payroll export missing night-shift differential");
    assert_eq!(payroll["source"], "support");
    assert_eq!(payroll["customer"], "St. Aldric Hospital");
    assert_eq!(payroll["created_at"], "2026-10-03T09:14:00Z");
    assert_eq!(
        payroll["tags"],
        serde_json::json!(["export", "payroll", "night_shift"])
    );
    let description = payroll["description"].as_str().unwrap();
    assert!(
        description.starts_with("Hi team,\nsince Monday"),
        "{description:?}"
    );
    assert!(!description.contains('\r'));
}

#[test]
fn jira_export_with_bom_and_repeated_labels() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("i.db");
    import(&db, &fixture("jira_export.csv"), &[]);
    let all = items(&db);
    assert_eq!(all.len(), 7);
    let first = by_title(&all, "Payroll CSV export drops night-shift differential");
    assert_eq!(first["created_at"].as_str().unwrap().len(), 20);
    assert!(
        first["tags"].as_array().unwrap().len() >= 2,
        "labels from every Labels column: {first}"
    );
}

#[test]
fn gh_issue_list_json() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("i.db");
    import(&db, &fixture("gh_issues.json"), &[]);
    let all = items(&db);
    assert_eq!(all.len(), 7);
    let e2e = by_title(&all, "Nightly E2E failed on main");
    assert_eq!(e2e["customer"], "app/github-actions");
    assert_eq!(e2e["created_at"], "2026-10-22T02:13:40Z");
    assert_eq!(e2e["tags"], serde_json::json!(["needs triage"]));
}

#[test]
fn gh_issue_list_json_with_a_byte_order_mark() {
    let dir = TempDir::new().unwrap();
    let plain = dir.path().join("plain.db");
    import(&plain, &fixture("gh_issues.json"), &[]);
    let text = std::fs::read(fixture("gh_issues.json")).unwrap();
    let marked = write(
        &dir,
        "bom.json",
        [b"\xEF\xBB\xBF".as_slice(), &text].concat(),
    );
    let db = dir.path().join("bom.db");
    let said = import(&db, &marked, &[]);
    assert!(said.contains("imported 7 rows"), "{said}");
    assert_eq!(items(&db), items(&plain));
}

#[test]
fn bad_json_files_are_refused_whole_and_named() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("i.db");
    import(&db, &fixture("gh_issues.json"), &[]);
    let cases: Vec<(&str, &[u8], &str)> = vec![
        (
            "badnps.json",
            br#"[{"title":"ok","nps":9},{"title":"x","nps":11},"y"]"#,
            "2 bad items; nothing was imported\n  \
             item 2, column 'nps', value '11': must be a whole number from 0 to 10\n  \
             item 3: expected an object\n",
        ),
        (
            "empty.json",
            b"[]\n",
            "the file's JSON array has no items to import\n",
        ),
        (
            "object.json",
            br#"{"issues": [{"title": "x"}]}"#,
            "expected a JSON array of objects, found an object\n",
        ),
        (
            "number.json",
            b"42\n",
            "expected a JSON array of objects, found a number\n",
        ),
        (
            "cut.json",
            br#"[{"title":"a"},{"title":"#,
            "not valid JSON: EOF while parsing a value at line 1 column 24\n",
        ),
    ];
    for (name, bytes, message) in cases {
        let file = write(&dir, name, bytes);
        retriage(&db)
            .arg("import")
            .arg(&file)
            .args(["--format", "json"])
            .assert()
            .code(1)
            .stderr(predicate::str::ends_with(message));
    }
    assert_eq!(items(&db).len(), 7, "nothing was imported");
}

#[test]
fn parabol_retro_export_imports_only_reflections() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("i.db");
    let said = import(&db, &fixture("parabol_retro.csv"), &[]);
    assert!(
        said.contains("7 new items") && said.contains("4 rows skipped"),
        "{said}"
    );
    let all = items(&db);
    assert!(
        all.iter()
            .all(|i| i["source"] == "retro" && i["customer"].is_null())
    );
    let sso = by_title(&all, "Release notes said \"no downtime\"");
    assert_eq!(sso["tags"][0], "what didn't go well?");
    assert_eq!(sso["created_at"], "2026-10-22T14:03:11Z");
}

#[test]
fn exact_duplicates_merge_and_count_mentions() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("i.db");
    import(&db, &fixture("gh_issues.json"), &[]);
    let said = import(&db, &fixture("gh_issues.json"), &[]);
    assert!(said.contains("0 new items, 7 unchanged"), "{said}");
    let all = items(&db);
    assert_eq!(all.len(), 7);
    assert!(
        all.iter().all(|i| i["mentions"] == 1),
        "a re-import is no new report"
    );
    let csv = retriage(&db)
        .args(["export", "feedback", "--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .ends_with(",wsjf_score,mentions,sources,sentiment,kano_category,reports,external_id")
    );
    // The same issue from the support desk (a file without ids): a new
    // report of the same thing, merged, with a second source.
    let desk = dir.path().join("desk.csv");
    std::fs::write(&desk, "Subject,Description\nNightly E2E failed on main,\n").unwrap();
    let e2e = by_title(&all, "Nightly E2E failed on main");
    let description = e2e["description"].as_str().unwrap().replace('"', "\"\"");
    std::fs::write(
        &desk,
        format!(
            "Subject,Description,Source\nNightly E2E failed on main,\"{description}\",support\n"
        ),
    )
    .unwrap();
    let said = import(&db, &desk, &[]);
    assert!(said.contains("1 merged into duplicates"), "{said}");
    let all = items(&db);
    let e2e = by_title(&all, "Nightly E2E failed on main");
    assert_eq!(e2e["mentions"], 2);
    assert_eq!(e2e["sources"], serde_json::json!(["other", "support"]));
}

#[test]
fn dry_run_writes_nothing() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("i.db");
    let said = import(&db, &fixture("jira_export.csv"), &["--dry-run"]);
    assert!(said.starts_with("would import 7 rows"), "{said}");
    assert!(items(&db).is_empty());
}

#[test]
fn dry_run_shows_the_mapping_and_the_first_items() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("i.db");
    let said = import(&db, &fixture("support_zendesk.csv"), &["--dry-run"]);
    let lines: Vec<&str> = said.lines().collect();
    assert!(lines[0].starts_with("would import 7 rows"), "{said}");
    assert!(
        lines[1].contains("Subject → title") && lines[1].contains("Via (not imported)"),
        "{said}"
    );
    assert_eq!(lines[2], "first items as they would be stored:");
    // A header and the first five items, in file order.
    assert_eq!(lines.len(), 3 + 1 + 5, "{said}");
    let first = lines[4];
    for part in [
        "Payroll export missing night-shift diff…",
        "support",
        "St. Aldric Hospital",
        "2026-10-03 09:14",
        "export, payroll, night_shift",
    ] {
        assert!(first.contains(part), "{part} in {first}");
    }
    assert!(items(&db).is_empty());
}

#[test]
fn bad_files_are_refused_whole_and_named() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("i.db");
    import(&db, &fixture("gh_issues.json"), &[]);
    let huge = format!(
        "title,description\nok,fine\nbig,{}\n",
        "x".repeat(10 * 1024 * 1024)
    );
    let cases: Vec<(&str, Vec<u8>, Vec<&str>, &str)> = vec![
        (
            "latin1.csv",
            b"title\nCaf\xe9\n".to_vec(),
            vec![],
            "line 2, column 'title': the text is not valid UTF-8",
        ),
        (
            "ragged.csv",
            b"title,description\na,b\nc\n".to_vec(),
            vec![],
            "line 3: 1 fields where the header has 2",
        ),
        ("empty.csv", b"".to_vec(), vec![], "the file is empty"),
        (
            "header.csv",
            b"title,description\n".to_vec(),
            vec![],
            "no rows to import",
        ),
        (
            "huge.csv",
            huge.into_bytes(),
            vec![],
            "description is longer than 100000 characters",
        ),
        (
            "badrows.csv",
            b"title,nps,created\nok,9,2026-10-01\nx,11,2026-10-01\ny,5,someday\n".to_vec(),
            vec![],
            "line 3, column 'nps', value '11'",
        ),
        (
            // Windows line endings and a quoted cell over two lines: the
            // bad row starts on line 4 of the file.
            "badrows_crlf.csv",
            b"title,description,nps\r\nok,\"two\r\nlines\",9\r\nx,y,11\r\n".to_vec(),
            vec![],
            "line 4, column 'nps', value '11'",
        ),
        (
            "ragged_crlf.csv",
            b"title,description\r\na,b\r\nc\r\n".to_vec(),
            vec![],
            "line 3: 1 fields where the header has 2",
        ),
        (
            // Old Mac line endings (a lone CR).
            "badrows_cr.csv",
            b"title,nps\rok,9\rx,11\r".to_vec(),
            vec![],
            "line 3, column 'nps', value '11'",
        ),
        (
            "nocolumns.csv",
            b"a,b\n1,2\n".to_vec(),
            vec![],
            "no title or description column",
        ),
        (
            "map.csv",
            b"a,b\n1,2\n".to_vec(),
            vec!["--map", "a=headline"],
            "unknown field 'headline'",
        ),
        (
            "mapcol.csv",
            b"a,b\n1,2\n".to_vec(),
            vec!["--map", "zz=title"],
            "the file does not have",
        ),
        (
            "unclosed.csv",
            b"title,description\n\"open,quote\n".to_vec(),
            vec![],
            "line 2: a quoted cell starts here and is never closed",
        ),
        (
            // In the last column the open quote would swallow the rows
            // after it without changing the number of cells.
            "unclosed_last.csv",
            b"Subject,Requester,Description\nExport broken,Ana,\"Our 24\"\" monitor fails\nLogin slow,Bo,Takes 30s\nCrash,Cy,On save\n".to_vec(),
            vec![],
            "line 2: a quoted cell starts here and is never closed",
        ),
        (
            // A quote opening the header swallowed the whole file.
            "header_quote.csv",
            b"\"Subject,Description\nIssue,x\nOther,y\n".to_vec(),
            vec![],
            "line 1: a quoted cell starts here and is never closed",
        ),
        (
            // Escape sequences and line breaks from the file are cleaned
            // out of the message.
            "escapes.csv",
            b"title,source,created\nx,\x1b]0;PWNED\x07\x1b[31mevil,\"2026-01-01\nnext\"\n".to_vec(),
            vec![],
            "line 2, column 'source', value 'evil': unknown source 'evil'",
        ),
        (
            // Ragged rows are all named, not only the first.
            "ragged_rows.csv",
            b"title,description\na,b\nc\nd,e,f\ng,h\n".to_vec(),
            vec![],
            "2 bad rows; nothing was imported\n  line 3: 1 fields where the header has 2\n  line 4: 3 fields where the header has 2",
        ),
        (
            "source.csv",
            b"title,source\nx,carrier pigeon\n".to_vec(),
            vec![],
            "unknown source 'carrier pigeon'",
        ),
    ];
    for (name, bytes, extra, message) in cases {
        let file = write(&dir, name, &bytes);
        retriage(&db)
            .arg("import")
            .arg(&file)
            .args(&extra)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(message))
            .stderr(predicate::str::contains('\x1b').not())
            .stderr(predicate::str::contains('\x07').not());
    }
    // The bad rows file names every bad row, and the good row was not kept.
    let file = dir.path().join("badrows.csv");
    retriage(&db)
        .arg("import")
        .arg(&file)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "line 4, column 'created', value 'someday'",
        ));
    assert_eq!(items(&db).len(), 7, "nothing was imported");
}
