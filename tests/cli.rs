//! The command-line contract, run against the real binary and a real file.

mod common;
use common::retriage;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

struct Db {
    _dir: TempDir,
    path: PathBuf,
}

fn db() -> Db {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("data").join("retriage.db");
    Db { _dir: dir, path }
}

fn add(db: &Path, args: &[&str]) -> i64 {
    let out = retriage(db)
        .args(["feedback", "add"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

fn list_json(db: &Path, extra: &[&str]) -> Vec<Value> {
    let out = retriage(db)
        .args(["feedback", "list", "--format", "json"])
        .args(extra)
        .output()
        .unwrap();
    assert!(out.status.success());
    match serde_json::from_slice(&out.stdout).unwrap() {
        Value::Array(items) => items,
        other => panic!("not an array: {other}"),
    }
}

#[test]
fn add_then_list_as_json_has_the_documented_shape() {
    let db = db();
    let id = add(
        &db.path,
        &[
            "--title",
            "Export to Excel",
            "--description",
            "Weekly plan",
            "--source",
            "support",
            "--tag",
            "export",
            "--tag",
            "Reporting",
            "--reach",
            "150",
            "--impact",
            "high",
            "--confidence",
            "80%",
            "--effort",
            "1",
        ],
    );
    assert_eq!(id, 1);
    let items = list_json(&db.path, &[]);
    assert_eq!(items.len(), 1);
    let item = &items[0];
    assert_eq!(item["id"], 1);
    assert_eq!(item["title"], "Export to Excel");
    assert_eq!(item["description"], "Weekly plan");
    assert_eq!(item["source"], "support");
    assert_eq!(item["status"], "new");
    assert_eq!(item["tags"], serde_json::json!(["export", "reporting"]));
    assert!(item["created_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(
        item["rice"],
        serde_json::json!({"reach": 150.0, "impact": 2.0, "confidence": 80.0, "effort": 1.0, "score": 240.0})
    );
    assert_eq!(item["customer"], Value::Null);
    assert_eq!(item["nps"], Value::Null);
    assert_eq!(item["ice"]["score"], Value::Null);
    assert_eq!(item["wsjf"]["score"], Value::Null);
}

#[test]
fn an_unscored_item_has_null_factors_and_score() {
    let db = db();
    add(&db.path, &["--title", "Half scored", "--reach", "10"]);
    let item = &list_json(&db.path, &[])[0];
    assert_eq!(item["rice"]["reach"], 10.0);
    assert_eq!(item["rice"]["impact"], Value::Null);
    assert_eq!(item["rice"]["score"], Value::Null);
}

#[test]
fn score_sets_rice_and_sorting_uses_it() {
    let db = db();
    let low = add(&db.path, &["--title", "b low"]);
    let high = add(&db.path, &["--title", "a high"]);
    add(&db.path, &["--title", "c unscored"]);
    retriage(&db.path)
        .args([
            "feedback",
            "score",
            &low.to_string(),
            "--reach",
            "10",
            "--impact",
            "0.25",
        ])
        .args(["--confidence", "50", "--effort", "2"])
        .assert()
        .success()
        .stdout("1: RICE 0.62\n");
    retriage(&db.path)
        .args([
            "feedback",
            "score",
            &high.to_string(),
            "--reach",
            "1000",
            "--impact",
            "massive",
        ])
        .args(["--confidence", "100", "--effort", "0.5"])
        .assert()
        .success()
        .stdout("2: RICE 6000\n");
    let titles = |sort: &str| -> Vec<String> {
        list_json(&db.path, &["--sort", sort])
            .iter()
            .map(|i| i["title"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(titles("rice"), ["a high", "b low", "c unscored"]);
    assert_eq!(titles("title"), ["a high", "b low", "c unscored"]);
    assert_eq!(titles("created")[2], "b low", "oldest last");
}

#[test]
fn bad_input_exits_1_names_the_field_and_writes_nothing() {
    let db = db();
    add(&db.path, &["--title", "Existing"]);
    let cases: &[(&[&str], &str)] = &[
        (
            &["feedback", "add", "--title", "x", "--impact", "4"],
            "invalid impact '4'",
        ),
        (
            &["feedback", "add", "--title", "x", "--confidence", "150"],
            "invalid confidence '150'",
        ),
        (
            &["feedback", "add", "--title", "x", "--effort", "0"],
            "invalid effort '0'",
        ),
        (
            &["feedback", "add", "--title", "x", "--effort", "-2"],
            "invalid effort '-2'",
        ),
        (
            &[
                "feedback",
                "score",
                "1",
                "--reach",
                "-5",
                "--impact",
                "1",
                "--confidence",
                "50",
                "--effort",
                "1",
            ],
            "invalid reach '-5'",
        ),
        (
            &["feedback", "add", "--title", "x", "--reach", "-1"],
            "invalid reach '-1'",
        ),
        (
            &["feedback", "add", "--title", "x", "--nps", "11"],
            "invalid nps '11'",
        ),
        (
            &["feedback", "add", "--title", "x", "--source", "email"],
            "unknown source 'email'",
        ),
        (
            &["feedback", "add", "--title", "   "],
            "title must not be empty",
        ),
        (
            &[
                "feedback",
                "score",
                "1",
                "--reach",
                "1",
                "--impact",
                "1",
                "--confidence",
                "101",
                "--effort",
                "1",
            ],
            "invalid confidence '101'",
        ),
        (
            &[
                "feedback",
                "score",
                "42",
                "--reach",
                "1",
                "--impact",
                "1",
                "--confidence",
                "50",
                "--effort",
                "1",
            ],
            "no feedback item with id 42",
        ),
        (
            &["feedback", "list", "--status", "later"],
            "unknown status 'later'",
        ),
    ];
    for (args, message) in cases {
        let out = retriage(&db.path).args(*args).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
    }
    let items = list_json(&db.path, &[]);
    assert_eq!(items.len(), 1, "nothing was written");
    assert_eq!(items[0]["rice"]["score"], Value::Null);
}

#[test]
fn usage_errors_exit_2() {
    let db = db();
    retriage(&db.path)
        .args(["feedback", "list", "--format", "xml"])
        .assert()
        .code(2);
    retriage(&db.path)
        .args(["feedback", "score", "1"])
        .assert()
        .code(2);
    retriage(&db.path).args(["nonsense"]).assert().code(2);
}

#[test]
fn status_filter_and_table_output() {
    let db = db();
    add(&db.path, &["--title", "One"]);
    let items = list_json(&db.path, &["--status", "planned"]);
    assert!(items.is_empty());
    retriage(&db.path)
        .args(["feedback", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("One").and(predicate::str::contains("TITLE")));
}

#[test]
fn table_output_strips_escape_sequences() {
    let db = db();
    add(&db.path, &["--title", "evil\u{1b}[2Jtitle\u{7}"]);
    let out = retriage(&db.path)
        .args(["feedback", "list"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("eviltitle"));
    assert!(!stdout.contains('\u{1b}'));
}

#[test]
fn csv_export_quotes_commas_quotes_and_newlines() {
    let db = db();
    add(
        &db.path,
        &[
            "--title",
            "Rename \"Shift\", please",
            "--description",
            "line 1\nline 2",
            "--tag",
            "a",
            "--tag",
            "b",
        ],
    );
    let out = retriage(&db.path)
        .args(["export", "feedback", "--format", "csv"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let header = text.lines().next().unwrap();
    assert!(
        header.starts_with(
            "id,title,description,source,status,tags,customer,nps,created_at,rice_reach"
        )
    );
    assert!(text.contains("\"Rename \"\"Shift\"\", please\",\"line 1\nline 2\",other,new,a;b,"));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 1);
    assert_eq!(&records[0][1], "Rename \"Shift\", please");
}

#[test]
fn json_and_markdown_exports_to_a_file() {
    let db = db();
    add(&db.path, &["--title", "Pipe | in title"]);
    let out_dir = TempDir::new().unwrap();
    let json = out_dir.path().join("feedback.json");
    retriage(&db.path)
        .args(["export", "feedback", "--format", "json", "-o"])
        .arg(&json)
        .assert()
        .success()
        .stdout("");
    let parsed: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(parsed[0]["title"], "Pipe | in title");
    let md = retriage(&db.path)
        .args(["export", "feedback", "--format", "md"])
        .output()
        .unwrap();
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(
        md.contains("| 1 | Pipe \\| in title | other | new |"),
        "{md}"
    );

    let missing = out_dir.path().join("no/such/dir/x.csv");
    retriage(&db.path)
        .args(["export", "feedback", "--format", "csv", "-o"])
        .arg(&missing)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot write"));
}

#[test]
fn retriage_db_environment_variable_selects_the_database() {
    let db = db();
    let mut cmd = Command::cargo_bin("retriage").unwrap();
    cmd.env("RETRIAGE_DB", &db.path)
        .args(["feedback", "add", "--title", "via env"])
        .assert()
        .success();
    assert_eq!(list_json(&db.path, &[])[0]["title"], "via env");
}

#[test]
fn a_closed_pipe_is_not_a_crash() {
    let db = db();
    let items: Vec<String> = (0..3000).map(|i| format!("item {i}")).collect();
    for chunk in items.chunks(1000) {
        // Quick bulk setup through the library, not 3000 processes.
        let mut store = retriage::store::Store::open(&db.path).unwrap();
        let now = chrono::Utc::now();
        for title in chunk {
            let draft = retriage::domain::feedback::FeedbackDraft {
                title: title.clone(),
                ..Default::default()
            };
            store.add_feedback(&draft, Default::default(), now).unwrap();
        }
    }
    let bin = assert_cmd::cargo::cargo_bin("retriage");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{}' --db '{}' feedback list --format json | head -c 10 >/dev/null",
            bin.display(),
            db.path.display()
        ))
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn completions_are_generated() {
    Command::cargo_bin("retriage")
        .unwrap()
        .args(["completions", "bash"])
        .assert()
        .success()
        .stdout(predicate::str::contains("_retriage"));
}

#[test]
fn a_bad_user_config_stops_the_tui_with_its_line() {
    let db = db();
    let config_home = TempDir::new().unwrap();
    let dir = config_home.path().join("retriage");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("config.toml"),
        "[[keymap.triage]]\non = [\"x\"]\nrun = \"explode\"\ndesc = \"boom\"\n",
    )
    .unwrap();
    retriage(&db.path)
        .env("XDG_CONFIG_HOME", config_home.path())
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("config.toml line 3").and(predicate::str::contains("explode")),
        );
    assert!(!db.path.exists(), "nothing was created");
}

#[test]
fn a_failed_import_into_a_new_database_leaves_no_file() {
    let db = db();
    let bad = db._dir.path().join("bad.csv");
    std::fs::write(&bad, "title,nps\nx,11\n").unwrap();
    retriage(&db.path)
        .arg("import")
        .arg(&bad)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("line 2, column 'nps', value '11'"));
    assert!(!db.path.exists(), "no database was left behind");
    // Nor does a dry run of a good file.
    let good = db._dir.path().join("good.csv");
    std::fs::write(&good, "title,nps\nx,9\n").unwrap();
    retriage(&db.path)
        .args(["import", "--dry-run"])
        .arg(&good)
        .assert()
        .success()
        .stdout(predicate::str::contains("would import 1 rows"));
    assert!(!db.path.exists(), "a dry run wrote no database");
    // Into a database that exists, a failed import leaves it as it was.
    add(&db.path, &["--title", "Kept"]);
    retriage(&db.path).arg("import").arg(&bad).assert().code(1);
    assert_eq!(list_json(&db.path, &[]).len(), 1);
}

#[test]
fn processes_opening_a_new_database_at_once_all_succeed() {
    let db = db();
    let children: Vec<_> = (0..8)
        .map(|i| {
            std::process::Command::new(assert_cmd::cargo::cargo_bin("retriage"))
                .env_remove("RETRIAGE_DB")
                .arg("--db")
                .arg(&db.path)
                .args(["feedback", "add", "--title", &format!("item {i}")])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(list_json(&db.path, &[]).len(), 8);
}

#[test]
fn an_overflowing_score_counts_as_no_score_and_sorts_last() {
    let db = db();
    add(
        &db.path,
        &["--title", "huge", "--reach", "1e308", "--impact", "3"],
    );
    retriage(&db.path)
        .args([
            "feedback", "score", "1", "--reach", "1e308", "--impact", "3",
        ])
        .args(["--confidence", "100", "--effort", "0.5"])
        .assert()
        .success()
        .stdout("1: RICE none\n");
    add(
        &db.path,
        &[
            "--title",
            "small",
            "--reach",
            "1",
            "--impact",
            "1",
            "--confidence",
            "50",
            "--effort",
            "1",
        ],
    );
    let items = list_json(&db.path, &["--sort", "rice"]);
    assert_eq!(items[0]["title"], "small");
    assert_eq!(items[1]["rice"]["score"], Value::Null);
}

#[cfg(unix)]
#[test]
fn exported_files_get_ordinary_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let db = db();
    add(&db.path, &["--title", "x"]);
    let out_dir = TempDir::new().unwrap();
    let file = out_dir.path().join("out.csv");
    retriage(&db.path)
        .args(["export", "feedback", "--format", "csv", "-o"])
        .arg(&file)
        .assert()
        .success();
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o644);
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
    retriage(&db.path)
        .args(["export", "feedback", "--format", "csv", "-o"])
        .arg(&file)
        .assert()
        .success();
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640, "a replaced file keeps its permissions");
}

#[test]
fn an_empty_retriage_db_means_the_default_path() {
    let data_home = TempDir::new().unwrap();
    Command::cargo_bin("retriage")
        .unwrap()
        .env("RETRIAGE_DB", "")
        .env("XDG_DATA_HOME", data_home.path())
        .args(["feedback", "add", "--title", "default place"])
        .assert()
        .success();
    assert!(
        data_home
            .path()
            .join("retriage")
            .join("retriage.db")
            .exists()
    );
}

#[test]
fn demo_with_a_command_is_a_usage_error() {
    Command::cargo_bin("retriage")
        .unwrap()
        .args(["--demo", "feedback", "list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--demo"));
}
