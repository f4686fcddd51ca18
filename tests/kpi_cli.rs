//! The shared-KPI commands, run against the real binary and a temporary
//! database: SMART refusals naming every element, the three-KPI limit,
//! check-ins by an unambiguous start of a name, progress and on-track in
//! the JSON list, retiring with history kept, and refusals that change
//! nothing (a refused add creates no team). The import is in
//! `kpi_cli/import.rs`.
//!
//! Check-ins are dated in 2025 and deadlines in 2099, so the results hold
//! whatever day the tests run on.

mod common;
#[path = "kpi_cli/import.rs"]
mod import;

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

struct Env {
    dir: TempDir,
    db: PathBuf,
}

fn env() -> Env {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("retriage.db");
    Env { dir, db }
}

impl Env {
    fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = common::retriage(&self.db);
        cmd.current_dir(self.dir.path()).args(args);
        cmd
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// A user error (exit 1) with nothing on stdout; its stderr.
    fn fails(&self, args: &[&str]) -> String {
        let out = self.cmd(args).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        String::from_utf8(out.stderr).unwrap()
    }

    /// A user error on one line that contains `needle`.
    fn refused(&self, args: &[&str], needle: &str) -> String {
        let err = self.fails(args);
        assert_eq!(err.lines().count(), 1, "one line: {err}");
        assert!(err.starts_with("retriage: "), "{err}");
        assert!(err.contains(needle), "{needle:?} not in {err}");
        err.trim_end().to_string()
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }

    /// Every KPI of every team with its check-ins' summary.
    fn state(&self) -> String {
        self.ok(&["kpi", "list", "--format", "json"])
    }

    /// Adds a KPI of `team`; `extra` flags replace the defaults' values
    /// (a lead time going down from 30 to 10 days by 2099).
    fn add(&self, team: &str, name: &str, extra: &[&str]) -> Result<String, String> {
        let mut flags: Vec<(&str, &str)> = vec![
            ("--team", team),
            ("--name", name),
            (
                "--description",
                "Days from an accepted request to its release",
            ),
            ("--metric", "median lead time"),
            ("--unit", "days"),
            ("--baseline", "30"),
            ("--target", "10"),
            ("--direction", "down"),
            ("--deadline", "2099-12-31"),
            ("--business-owner", "Ines"),
            ("--it-owner", "Omar"),
        ];
        for pair in extra.chunks(2) {
            match flags.iter_mut().find(|(flag, _)| *flag == pair[0]) {
                Some(slot) => slot.1 = pair[1],
                None => flags.push((pair[0], pair[1])),
            }
        }
        let mut args = vec!["kpi", "add"];
        for (flag, value) in &flags {
            args.extend([*flag, *value]);
        }
        let out = self.cmd(&args).output().unwrap();
        if out.status.success() {
            Ok(String::from_utf8(out.stdout)
                .unwrap()
                .trim_end()
                .to_string())
        } else {
            assert_eq!(out.status.code(), Some(1), "{args:?}");
            Err(String::from_utf8(out.stderr).unwrap())
        }
    }

    fn kpi(&self, team: &str, name: &str) -> Value {
        let list = self.json(&["kpi", "list", "--team", team, "--format", "json"]);
        list.as_array()
            .unwrap()
            .iter()
            .find(|k| k["name"] == name)
            .cloned()
            .unwrap_or_else(|| panic!("no KPI {name} in {list}"))
    }
}

#[test]
fn a_kpi_is_added_and_listed_with_every_field() {
    let env = env();
    assert_eq!(env.add("Core", "Lead time", &[]).unwrap(), "1");
    let kpi = env.kpi("core", "Lead time");
    for (field, value) in [
        ("id", Value::from(1)),
        ("team", "Core".into()),
        (
            "description",
            "Days from an accepted request to its release".into(),
        ),
        ("metric", "median lead time".into()),
        ("unit", "days".into()),
        ("baseline", 30.0.into()),
        ("target", 10.0.into()),
        ("direction", "down".into()),
        ("deadline", "2099-12-31".into()),
        ("business_owner", "Ines".into()),
        ("it_owner", "Omar".into()),
        ("status", "active".into()),
        ("retired_at", Value::Null),
        ("check_ins", 0.into()),
        ("latest", Value::Null),
        ("progress", Value::Null),
        ("on_track", Value::Null),
    ] {
        assert_eq!(kpi[field], value, "{field}");
    }
    let table = env.ok(&["kpi", "list"]);
    assert!(table.starts_with("TEAM "), "{table}");
    let row = table.lines().nth(1).unwrap();
    assert!(
        row.contains("Lead time") && row.contains("no data"),
        "{row}"
    );
}

#[test]
fn a_kpi_missing_smart_elements_is_refused_naming_each_and_creates_nothing() {
    let env = env();
    let err = env.refused(
        &["kpi", "add", "--team", "Web", "--name", "Uptime"],
        "KPI 'Uptime' is not SMART: description is missing; metric is missing; unit is missing; \
         baseline is missing; target is missing; direction is missing; deadline is missing; \
         business owner is missing; IT owner is missing",
    );
    assert!(!err.contains("team is missing"), "{err}");
    env.refused(&["kpi", "list", "--team", "Web"], "unknown team 'Web'");
    assert!(
        !env.db.exists(),
        "a refused command leaves no database behind"
    );
    env.add("Core", "Lead time", &[]).unwrap();
    let before = env.state();
    for (extra, needle) in [
        (
            &["--target", "30"][..],
            "target '30': equals the baseline 30",
        ),
        (
            &["--target", "40"],
            "target '40': is above the baseline 30, but direction down means lower is better",
        ),
        (
            &["--direction", "up"],
            "target '10': is below the baseline 30, but direction up means higher is better",
        ),
        (
            &["--deadline", "2020-01-01"],
            "deadline '2020-01-01': is in the past",
        ),
        (
            &["--deadline", "31/12/2099"],
            "deadline '31/12/2099': not a date; use YYYY-MM-DD",
        ),
        (
            &["--baseline", "NaN"],
            "baseline 'NaN': must be a finite number",
        ),
        (
            &["--target", "-inf"],
            "target '-inf': must be a finite number",
        ),
        (&["--baseline", "thirty"], "baseline 'thirty': not a number"),
        (&["--direction", "sideways"], "direction 'sideways': use up"),
        (&["--description", " "], "description is missing"),
        (
            &["--it-owner", "ines"],
            "IT owner 'ines': is also the business owner",
        ),
    ] {
        let err = env.add("Web", "Uptime", extra).unwrap_err();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(needle), "{needle:?} not in {err}");
    }
    assert_eq!(env.state(), before, "nothing changed");
    env.refused(
        &["kpi", "list", "--team", "Web"],
        "unknown team 'Web' (teams: Core)",
    );
}

#[test]
fn a_duplicate_name_and_a_fourth_active_kpi_are_refused() {
    let env = env();
    env.add("Core", "Lead time", &[]).unwrap();
    let err = env.add("Core", "LEAD TIME", &[]).unwrap_err();
    assert!(
        err.contains("duplicate KPI name 'LEAD TIME': team Core already has a KPI 'Lead time'"),
        "{err}"
    );
    env.add("Web", "Lead time", &[]).unwrap();
    env.add(
        "Core",
        "Deploy frequency",
        &["--direction", "up", "--baseline", "2", "--target", "10"],
    )
    .unwrap();
    env.add(
        "Core",
        "NPS",
        &["--direction", "up", "--baseline", "-5", "--target", "20"],
    )
    .unwrap();
    let before = env.state();
    let err = env.add("Core", "Uptime", &[]).unwrap_err();
    assert_eq!(
        err.trim_end(),
        "retriage: team Core already has 3 active KPIs ('Lead time', 'Deploy frequency', \
         'NPS'): few shared KPIs beat many, so retire one before adding 'Uptime': \
         retriage kpi retire NAME --team Core --note WHY"
    );
    assert_eq!(env.state(), before);
    let out = env.ok(&[
        "kpi",
        "retire",
        "nps",
        "--team",
        "core",
        "--note",
        "Owned by sales now",
    ]);
    assert_eq!(
        out,
        "retired KPI 'NPS' of team Core; its 0 check-ins are kept\n"
    );
    env.add("Core", "Uptime", &[]).unwrap();
    // A retired KPI keeps its name: it is still the team's history.
    let err = env.add("Core", "nps", &[]).unwrap_err();
    assert!(err.contains("already has a KPI 'NPS' (retired)"), "{err}");
}

#[test]
fn check_ins_move_progress_and_on_track_in_both_directions() {
    let env = env();
    env.add("Core", "Lead time", &[]).unwrap();
    env.add(
        "Core",
        "Deploy frequency",
        &["--direction", "up", "--baseline", "2", "--target", "10"],
    )
    .unwrap();
    let out = env.ok(&[
        "kpi",
        "record",
        "lead",
        "--team",
        "CORE",
        "--value",
        "25",
        "--date",
        "2025-01-06",
        "--confidence",
        "at-risk",
        "--note",
        "reviews wait",
    ]);
    assert!(
        out.starts_with("recorded 25 days for 'Lead time' on 2025-01-06: progress 25%"),
        "{out}"
    );
    let lead = env.kpi("Core", "Lead time");
    assert_eq!(lead["progress"], 0.25);
    assert_eq!(
        lead["latest"],
        serde_json::json!({"value": 25.0, "date": "2025-01-06", "confidence": "at-risk"})
    );
    assert_eq!(lead["check_ins"], 1);
    // The only check-in starts the clock: no time has gone yet against
    // decades to go, and a quarter of the way is on track.
    assert_eq!(lead["on_track"], true);
    // Past the target, going down: progress above 1.
    env.ok(&[
        "kpi",
        "record",
        "Lead time",
        "--team",
        "Core",
        "--value",
        "5",
        "--date",
        "2025-02-03",
    ]);
    let lead = env.kpi("Core", "Lead time");
    assert_eq!(lead["progress"], 1.25);
    assert_eq!(lead["on_track"], true);
    assert_eq!(lead["latest"]["confidence"], Value::Null);
    // Worse than the baseline, going up: progress below 0, off track.
    env.ok(&[
        "kpi",
        "record",
        "Deploy",
        "--team",
        "Core",
        "--value",
        "1",
        "--date",
        "2025-01-06",
    ]);
    let deploys = env.kpi("Core", "Deploy frequency");
    assert_eq!(deploys["progress"], -0.125);
    assert_eq!(deploys["on_track"], false);
    env.ok(&[
        "kpi",
        "record",
        "Deploy",
        "--team",
        "Core",
        "--value",
        "14",
        "--date",
        "2025-02-03",
    ]);
    assert_eq!(env.kpi("Core", "Deploy frequency")["progress"], 1.5);
    // An earlier date does not become the latest.
    env.ok(&[
        "kpi",
        "record",
        "Deploy",
        "--team",
        "Core",
        "--value",
        "3",
        "--date",
        "2025-01-20",
    ]);
    let deploys = env.kpi("Core", "Deploy frequency");
    assert_eq!(deploys["latest"]["value"], 14.0);
    assert_eq!(deploys["check_ins"], 3);
    let table = env.ok(&["kpi", "list", "--team", "core"]);
    assert!(
        table.contains("150%") && table.contains("on track"),
        "{table}"
    );
}

#[test]
fn a_bad_check_in_is_refused_naming_field_and_value_and_changes_nothing() {
    let env = env();
    env.add("Core", "Lead time", &[]).unwrap();
    env.add("Core", "Lead count", &["--unit", "requests"])
        .unwrap();
    env.ok(&[
        "kpi",
        "record",
        "Lead time",
        "--team",
        "Core",
        "--value",
        "25",
        "--date",
        "2025-01-06",
    ]);
    let before = env.state();
    let record = |name: &str, extra: &[&str]| {
        let mut args = vec!["kpi", "record", name, "--team", "Core"];
        args.extend_from_slice(extra);
        args.into_iter().map(String::from).collect::<Vec<_>>()
    };
    for (args, needle) in [
        (
            record("Lead", &["--value", "1"]),
            "KPI 'Lead' is ambiguous in team Core: 'Lead time', 'Lead count' start with it",
        ),
        (
            record("Uptime", &["--value", "1"]),
            "unknown KPI 'Uptime' in team Core",
        ),
        (
            record("Lead t", &["--value", "abc"]),
            "value 'abc': not a number",
        ),
        (
            record("Lead t", &["--value", "NaN"]),
            "value 'NaN': must be a finite number",
        ),
        (
            record("Lead t", &["--value", "inf"]),
            "value 'inf': must be a finite number",
        ),
        (
            record("Lead t", &["--value", "1", "--date", "2025-13-01"]),
            "date '2025-13-01': not a date",
        ),
        (
            record("Lead t", &["--value", "1", "--date", "2999-01-01"]),
            "date '2999-01-01': is in the future",
        ),
        (
            record("Lead t", &["--value", "1", "--confidence", "fine"]),
            "confidence 'fine': use on-track, at-risk or off-track",
        ),
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        env.refused(&args, needle);
    }
    env.refused(
        &["kpi", "record", "Lead", "--team", "Ops", "--value", "1"],
        "unknown team 'Ops' (teams: Core)",
    );
    assert_eq!(env.state(), before, "nothing changed");
}

#[test]
fn a_retired_kpi_keeps_its_history_and_takes_no_more_check_ins() {
    let env = env();
    env.add("Core", "Lead time", &[]).unwrap();
    env.ok(&[
        "kpi",
        "record",
        "Lead",
        "--team",
        "Core",
        "--value",
        "20",
        "--date",
        "2025-01-06",
    ]);
    env.refused(
        &["kpi", "retire", "Lead", "--team", "Core", "--note", " "],
        "note is missing: say why KPI 'Lead time' is retired",
    );
    env.refused(
        &["kpi", "retire", "Uptime", "--team", "Core", "--note", "x"],
        "unknown KPI 'Uptime' in team Core",
    );
    env.refused(
        &["kpi", "retire", "Lead", "--team", "Ops", "--note", "x"],
        "unknown team 'Ops'",
    );
    let out = env.ok(&[
        "kpi",
        "retire",
        "Lead",
        "--team",
        "Core",
        "--note",
        "Met early",
    ]);
    assert_eq!(
        out,
        "retired KPI 'Lead time' of team Core; its 1 check-in is kept\n"
    );
    let kpi = env.kpi("Core", "Lead time");
    assert_eq!(kpi["status"], "retired");
    assert_eq!(kpi["retire_note"], "Met early");
    assert!(kpi["retired_at"].is_string());
    assert_eq!(kpi["check_ins"], 1);
    assert_eq!(kpi["progress"], 0.5);
    let before = env.state();
    env.refused(
        &[
            "kpi",
            "record",
            "Lead time",
            "--team",
            "Core",
            "--value",
            "1",
        ],
        "KPI 'Lead time' of team Core was retired on",
    );
    env.refused(
        &[
            "kpi",
            "retire",
            "Lead time",
            "--team",
            "Core",
            "--note",
            "again",
        ],
        "was retired on",
    );
    // Once retired, it no longer answers to an abbreviation.
    env.refused(
        &["kpi", "record", "Lead", "--team", "Core", "--value", "1"],
        "unknown KPI 'Lead' in team Core (it has no active KPIs)",
    );
    assert_eq!(env.state(), before);
    assert!(env.ok(&["kpi", "list"]).contains("retired"));
}

#[test]
fn a_missing_record_value_is_a_usage_error() {
    let env = env();
    let out = env
        .cmd(&["kpi", "record", "Lead", "--team", "Core"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
