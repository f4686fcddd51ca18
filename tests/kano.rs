//! Kano survey import and report, through the real binary and real files.

mod common;
use common::{retriage, write};

use predicates::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn report(db: &Path, extra: &[&str]) -> Vec<Value> {
    let out = retriage(db)
        .args(["kano", "report", "--format", "json"])
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains("NaN") && !text.contains("inf"), "{text}");
    serde_json::from_str::<Value>(&text)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn feature<'a>(rows: &'a [Value], name: &str) -> &'a Value {
    rows.iter()
        .find(|r| r["feature"] == name)
        .unwrap_or_else(|| panic!("{name} in {rows:?}"))
}

#[test]
fn long_format_import_and_report() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("k.db");
    // An existing item is matched by title, ignoring case.
    retriage(&db)
        .args([
            "feedback",
            "add",
            "--title",
            "dark MODE",
            "--source",
            "support",
        ])
        .assert()
        .success();
    retriage(&db)
        .args(["kano", "import"])
        .arg(fixture("kano_long.csv"))
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "imported 14 answer pairs from 6 respondents into survey 'kano_long': 1 features matched, 2 new feedback items",
        ));
    let rows = report(&db, &[]);
    assert_eq!(rows.len(), 3);

    let dark = feature(&rows, "dark MODE");
    assert_eq!(dark["feedback_id"], 1);
    assert_eq!(dark["n"], 6);
    assert_eq!(
        dark["counts"],
        serde_json::json!({"a": 4, "o": 0, "m": 0, "i": 2, "r": 0, "q": 0})
    );
    assert_eq!(dark["category"], "A");
    assert_eq!(dark["category_name"], "attractive");
    assert!((dark["better"].as_f64().unwrap() - 4.0 / 6.0).abs() < 1e-9);
    assert_eq!(dark["worse"].as_f64().unwrap(), 0.0);
    assert!((dark["importance_mean"].as_f64().unwrap() - 4.6).abs() < 1e-9);

    let export = feature(&rows, "Export to Excel");
    assert_eq!(export["category"], "M");
    assert_eq!(export["counts"]["m"], 4);
    assert_eq!(export["counts"]["o"], 1);
    assert!((export["worse"].as_f64().unwrap() + 1.0).abs() < 1e-9);

    // Only reverse and questionable answers: Better and Worse are undefined.
    let ads = feature(&rows, "Ads in the app");
    assert_eq!(ads["n"], 3, "the blank answer dropped that pair");
    assert_eq!(ads["category"], "R");
    assert_eq!(ads["better"], Value::Null);
    assert_eq!(ads["worse"], Value::Null);
    assert_eq!(ads["importance_mean"], Value::Null);

    // Unmatched features became survey items.
    let out = retriage(&db)
        .args(["feedback", "list", "--format", "json"])
        .output()
        .unwrap();
    let items: Value = serde_json::from_slice(&out.stdout).unwrap();
    let sources: Vec<(&str, &str)> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["title"].as_str().unwrap(), i["source"].as_str().unwrap()))
        .collect();
    assert!(sources.contains(&("Export to Excel", "survey")));
    assert!(sources.contains(&("dark MODE", "support")));

    // Importing the same survey again does not double the answers.
    retriage(&db)
        .args(["kano", "import"])
        .arg(fixture("kano_long.csv"))
        .assert()
        .success();
    assert_eq!(feature(&report(&db, &[]), "dark MODE")["n"], 6);
}

#[test]
fn the_other_formats_and_a_tie_window() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("k.db");
    retriage(&db)
        .args(["kano", "import"])
        .arg(fixture("kano_long.csv"))
        .assert()
        .success();
    retriage(&db)
        .args(["kano", "report"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Export to Excel").and(predicate::str::contains("must-be")),
        );
    let csv = retriage(&db)
        .args(["kano", "report", "--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert!(
        csv.starts_with("feedback_id,feature,n,a,o,m,i,r,q,category,category_name,better,worse")
    );
    let md = retriage(&db)
        .args(["kano", "report", "--format", "md"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8(md.stdout)
            .unwrap()
            .contains("| Dark mode | 6 | 4/0/0/2/0/0 | attractive |")
    );

    // 3 attractive answers (60 %) against 2 must-be (40 %): attractive wins
    // outright, but within a 25-point window they tie and must-be wins.
    let near = write(
        &dir,
        "near.csv",
        "respondent,feature,functional,dysfunctional
         a,Near tie,like,neutral
b,Near tie,like,neutral
c,Near tie,like,neutral
         d,Near tie,expect,dislike
e,Near tie,expect,dislike
",
    );
    retriage(&db)
        .args(["kano", "import"])
        .arg(&near)
        .assert()
        .success();
    assert_eq!(feature(&report(&db, &[]), "Near tie")["category"], "A");
    assert_eq!(
        feature(&report(&db, &["--tie-window", "25"]), "Near tie")["category"],
        "M"
    );
    assert_eq!(
        feature(&report(&db, &["--tie-window", "15"]), "Near tie")["category"],
        "A"
    );
    retriage(&db)
        .args(["kano", "report", "--tie-window", "150"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("invalid tie-window '150'"));
}

#[test]
fn google_forms_grid_export_with_importance() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("k.db");
    retriage(&db)
        .args(["kano", "import"])
        .arg(fixture("kano_google_forms.csv"))
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "8 answer pairs from 4 respondents",
        ));
    let rows = report(&db, &[]);
    let swap = feature(&rows, "Shift swap in the app");
    assert_eq!(
        swap["counts"],
        serde_json::json!({"a": 1, "o": 2, "m": 0, "i": 1, "r": 0, "q": 0})
    );
    assert_eq!(swap["category"], "O");
    assert!((swap["importance_mean"].as_f64().unwrap() - 23.0 / 3.0).abs() < 1e-9);
    let payroll = feature(&rows, "Payroll export");
    assert_eq!(payroll["category"], "M");
    assert_eq!(payroll["n"], 4);
    assert!((payroll["importance_mean"].as_f64().unwrap() - 8.0).abs() < 1e-9);
}

#[test]
fn unsure_grid_questions_need_naming() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("k.db");
    let file = write(
        &dir,
        "ambiguous.csv",
        "Timestamp,Feeling with it [Dark mode],Feeling in the other case [Dark mode]\n\
         2026-11-20 09:00,like,neutral\n",
    );
    retriage(&db)
        .args(["kano", "import"])
        .arg(&file)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "--functional TEXT and --dysfunctional TEXT",
        ));
    retriage(&db)
        .args([
            "kano",
            "import",
            "--functional",
            "with it",
            "--dysfunctional",
            "other case",
        ])
        .arg(&file)
        .assert()
        .success();
    assert_eq!(feature(&report(&db, &[]), "Dark mode")["category"], "A");
}

#[test]
fn bad_surveys_name_line_column_and_value_and_import_nothing() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("k.db");
    let cases: &[(&str, &str, &str)] = &[
        (
            "unknown_answer.csv",
            "respondent,feature,functional,dysfunctional\nr1,A,like,dislike\nr2,A,love it,dislike\n",
            "line 3, column 'functional', value 'love it'",
        ),
        (
            "unknown_answer_crlf.csv",
            "respondent,feature,functional,dysfunctional\r\nr1,A,like,dislike\r\nr2,A,love it,dislike\r\n",
            "line 3, column 'functional', value 'love it'",
        ),
        (
            "unclosed.csv",
            "respondent,feature,functional,dysfunctional\nr1,A,like,\"dislike\nr2,A,like,dislike\n",
            "line 2: a quoted cell starts here and is never closed",
        ),
        (
            "importance.csv",
            "respondent,feature,functional,dysfunctional,importance\nr1,A,like,dislike,12\n",
            "line 2, column 'importance', value '12'",
        ),
        (
            "missing_feature.csv",
            "Timestamp,If it has it? [A],If it has it? [B],If it does not have it? [A]\nt1,like,like,dislike\n",
            "missing from the dysfunctional question: B",
        ),
        ("empty.csv", "", "the file is empty"),
        (
            "header_only.csv",
            "respondent,feature,functional,dysfunctional\n",
            "no answers",
        ),
        (
            "ragged.csv",
            "respondent,feature,functional,dysfunctional\nr1,A,like\n",
            "line 2",
        ),
        ("other.csv", "name,score\nx,1\n", "not a Kano survey"),
    ];
    for (name, text, message) in cases {
        let file = write(&dir, name, text);
        retriage(&db)
            .args(["kano", "import"])
            .arg(&file)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(*message));
    }
    let invalid_utf8 = dir.path().join("latin1.csv");
    std::fs::write(
        &invalid_utf8,
        b"respondent,feature,functional,dysfunctional\nr1,Caf\xe9,like,dislike\n",
    )
    .unwrap();
    retriage(&db)
        .args(["kano", "import"])
        .arg(&invalid_utf8)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not valid UTF-8"));
    assert!(report(&db, &[]).is_empty(), "nothing was imported");
}

#[test]
fn dry_run_reports_without_importing() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("k.db");
    retriage(&db)
        .args(["kano", "import", "--dry-run"])
        .arg(fixture("kano_google_forms.csv"))
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "would import 8 answer pairs from 4 respondents about 2 features",
        ));
    assert!(report(&db, &[]).is_empty());
}

/// A config directory whose config file defines a table "Strict" where
/// "I dislike it" / "I like it" is questionable rather than reverse.
fn config_with_strict_table(dir: &TempDir) -> PathBuf {
    let home = dir.path().join("config");
    std::fs::create_dir_all(home.join("retriage")).unwrap();
    std::fs::write(
        home.join("retriage/config.toml"),
        r#"[[kano.tables]]
name = "Strict"
citation = "Me (2026), Notes, p. 4"
rows = [["Q","A","A","A","O"], ["R","I","I","I","M"], ["R","I","I","I","M"], ["R","I","I","I","M"], ["Q","R","R","R","Q"]]
"#,
    )
    .unwrap();
    home
}

#[test]
fn the_table_is_chosen_by_name_and_every_format_names_it() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("k.db");
    let home = config_with_strict_table(&dir);
    retriage(&db)
        .args(["kano", "import"])
        .arg(fixture("kano_long.csv"))
        .assert()
        .success();
    let json = |table: &str| -> Vec<Value> {
        let out = retriage(&db)
            .env("XDG_CONFIG_HOME", &home)
            .args(["kano", "report", "--format", "json", "--table", table])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice::<Value>(&out.stdout)
            .unwrap()
            .as_array()
            .unwrap()
            .clone()
    };
    // By default, and by name in any case, Berger.
    let berger = report(&db, &[]);
    assert!(berger.iter().all(|r| r["table"] == "Berger"), "{berger:?}");
    assert_eq!(feature(&json("berger"), "Ads in the app")["counts"]["r"], 2);
    // The user's table: its Dislike/Like answer is questionable.
    let strict = json("strict");
    let ads = feature(&strict, "Ads in the app");
    assert_eq!(ads["table"], "Strict");
    assert_eq!(
        ads["counts"],
        serde_json::json!({"a": 0, "o": 0, "m": 0, "i": 0, "r": 0, "q": 3})
    );
    assert_eq!(ads["category"], "Q");

    let text = |format: &str| {
        let out = retriage(&db)
            .env("XDG_CONFIG_HOME", &home)
            .args(["kano", "report", "--table", "Strict", "--format", format])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(
        text("table").starts_with("Evaluation table: Strict – Me (2026), Notes, p. 4\n"),
        "{}",
        text("table")
    );
    let csv = text("csv");
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .ends_with(",importance_mean,table"),
        "{csv}"
    );
    assert!(csv.lines().skip(1).all(|l| l.ends_with(",Strict")), "{csv}");
    assert!(
        text("md").contains("Evaluation table: **Strict** – Me (2026), Notes, p. 4"),
        "{}",
        text("md")
    );
}

#[test]
fn an_unknown_table_is_refused_listing_the_valid_ones() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("k.db");
    let home = config_with_strict_table(&dir);
    retriage(&db)
        .env("XDG_CONFIG_HOME", &home)
        .args(["kano", "report", "--table", "kano1984"])
        .assert()
        .code(1)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains(
            "unknown Kano evaluation table 'kano1984': use one of Berger, Strict",
        ));
    retriage(&db)
        .env("XDG_CONFIG_HOME", &home)
        .args(["kano", "report", "--table", "pouliot"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("could not be cited")
                .and(predicate::str::contains("[[kano.tables]]")),
        );
}

#[test]
fn a_config_still_choosing_pouliot_says_how_to_define_it() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("k.db");
    let home = dir.path().join("config");
    std::fs::create_dir_all(home.join("retriage")).unwrap();
    std::fs::write(
        home.join("retriage/config.toml"),
        "[kano]\ntable = \"pouliot\"\n",
    )
    .unwrap();
    retriage(&db)
        .env("XDG_CONFIG_HOME", &home)
        .args(["kano", "report"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("config.toml line 2, column 9: [kano] table: unknown Kano evaluation table 'pouliot'")
                .and(predicate::str::contains("removed because it could not be cited"))
                .and(predicate::str::contains("name = \"pouliot\"")),
        );
}
