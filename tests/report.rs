//! `retriage report`: the Markdown of a database built with fixed dates
//! (snapshot), the JSON's figures, and the command's refusals (unknown
//! team, bad date, several teams) and its `-o FILE`.

mod common;
mod dashboard_fixture;

use common::retriage;
use dashboard_fixture::{build, dashboard, day};
use predicates::prelude::*;
use retriage::interop::report::{write_json, write_markdown};

#[test]
fn the_markdown_report_of_a_constructed_database() {
    let dir = tempfile::tempdir().unwrap();
    let store = build(&dir.path().join("r.db"));
    let mut out = Vec::new();
    write_markdown(&dashboard(&store, None), &mut out).unwrap();
    insta::assert_snapshot!(String::from_utf8(out).unwrap());
}

#[test]
fn the_json_report_holds_the_figures() {
    let dir = tempfile::tempdir().unwrap();
    let store = build(&dir.path().join("r.db"));
    let d = dashboard(&store, Some(day(4, 1)));
    let mut out = Vec::new();
    write_json(&d, &mut out).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(json["since"], "2026-04-01");
    assert_eq!(json["kpis"][0]["name"], "Lead time");
    assert_eq!(json["kpis"][0]["progress"], 0.55);
    assert_eq!(json["kpis"][0]["latest"]["value"], 19.0);
    assert_eq!(
        json["kpis"][0]["series"].as_array().unwrap().len(),
        2,
        "from April"
    );
    assert_eq!(json["actions"]["overdue"], 1, "the runbook was due June 1");
    assert_eq!(json["actions"]["open"], 1);
    assert_eq!(json["actions"]["total"], 2, "Sprint 1 is before the period");
    assert_eq!(json["decisions"]["by_decider"], 1);
    assert_eq!(json["decisions"]["not_by_decider"], 2);
    assert_eq!(json["roti"]["retros"].as_array().unwrap().len(), 2);
    let themes: Vec<&str> = json["themes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["phrase"].as_str().unwrap())
        .collect();
    assert!(themes.contains(&"flaky tests"), "{themes:?}");
    assert_eq!(json["backlog"]["top"][0]["title"], "Billing page crashes");
}

#[test]
fn the_command_writes_markdown_or_json_to_stdout_or_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    drop(build(&db));
    retriage(&db)
        .args(["report"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("# Alignment report: Core\n"))
        .stdout(predicate::str::contains("## Recurring themes"));
    let out = retriage(&db)
        .args([
            "report",
            "--team",
            "core",
            "--since",
            "2026-04-01",
            "--format",
            "json",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(json["team"], "Core");
    let file = dir.path().join("weekly.md");
    retriage(&db)
        .args(["report", "--score", "rice", "-o"])
        .arg(&file)
        .assert()
        .success()
        .stdout("");
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("### Top open items by RICE")
    );
}

#[test]
fn an_unknown_team_or_a_bad_date_is_exit_1_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    drop(build(&db));
    retriage(&db)
        .args(["report", "--team", "Nobody"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "unknown team 'Nobody' (teams: Core)",
        ));
    retriage(&db)
        .args(["report", "--since", "01/04/2026"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "invalid --since '01/04/2026': use YYYY-MM-DD",
        ));
}

#[test]
fn without_a_team_the_report_needs_exactly_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("empty.db");
    retriage(&db)
        .arg("report")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no team yet"));
    for team in ["Core", "Web"] {
        retriage(&db)
            .args([
                "team", "role", "set", "--team", team, "--person", "Ines", "--role", "decider",
            ])
            .assert()
            .success();
    }
    retriage(&db)
        .arg("report")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "several teams; name one with --team (one of: Core, Web)",
        ));
}
