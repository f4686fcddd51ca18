//! `actions sync` against the real binary and a temporary database: actions
//! made and exported through the CLI, then the tracker's export read back
//! from the fixtures (Jira CSV, `gh issue list` JSON): statuses and done
//! dates, unmatched and ambiguous issues, dry runs, refused files that
//! change nothing, and keys recorded so a retitled issue still matches.

mod common;

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

const JIRA: &str = "tests/fixtures/sync/jira_export.csv";
const GITHUB: &str = "tests/fixtures/sync/gh_issues.json";

/// The fixtures' titles, in the order the actions are added (the demo room
/// twice, so its issue is ambiguous).
const TITLES: [&str; 5] = [
    "Quarantine flaky tests",
    "Write the on-call runbook",
    "Pair on the billing refactor",
    "Book a room for the demo",
    "Book a room for the demo",
];

struct Env {
    dir: TempDir,
    db: PathBuf,
}

impl Env {
    /// A database with a retro of team Core and the fixtures' actions.
    fn with_actions() -> Env {
        let dir = TempDir::new().unwrap();
        let env = Env {
            db: dir.path().join("retriage.db"),
            dir,
        };
        let retro = env.ok(&[
            "retro",
            "new",
            "--team",
            "Core",
            "--template",
            "start-stop-continue",
            "--title",
            "Sprint 48",
            "--date",
            "2026-12-04",
        ]);
        for title in TITLES {
            env.ok(&[
                "actions",
                "add",
                "--retro",
                retro.trim(),
                "--title",
                title,
                "--due",
                "2026-12-18",
            ]);
        }
        env
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = common::retriage(&self.db);
        cmd.env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(args);
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

    fn sync(&self, file: &str, extra: &[&str]) -> String {
        let mut args = vec!["actions", "sync", file];
        args.extend_from_slice(extra);
        self.ok(&args)
    }

    /// A refused sync: exit 1, one line on stderr naming `needle`, no output.
    fn refused(&self, file: &Path, needle: &str) -> String {
        let out = self
            .cmd(&["actions", "sync", file.to_str().unwrap()])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", file.display());
        assert!(out.stdout.is_empty());
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "one line: {err}");
        assert!(err.contains(needle), "{needle:?} not in {err}");
        err
    }

    fn actions(&self) -> Vec<Value> {
        let text = self.ok(&["actions", "list", "--format", "json"]);
        serde_json::from_str::<Value>(&text)
            .unwrap()
            .as_array()
            .unwrap()
            .clone()
    }

    /// Each action's (status, done_at).
    fn statuses(&self) -> Vec<(String, Option<String>)> {
        self.actions()
            .iter()
            .map(|a| {
                (
                    a["status"].as_str().unwrap().to_string(),
                    a["done_at"].as_str().map(String::from),
                )
            })
            .collect()
    }

    fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        common::write(&self.dir, name, contents)
    }
}

fn status(status: &str, done_at: Option<&str>) -> (String, Option<String>) {
    (status.to_string(), done_at.map(String::from))
}

#[test]
fn the_exports_carry_the_titles_the_tracker_gives_back() {
    let env = Env::with_actions();
    let jira = env.ok(&["actions", "export", "--format", "jira"]);
    let mut reader = csv::Reader::from_reader(jira.as_bytes());
    let summaries: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[0].to_string())
        .collect();
    assert_eq!(summaries, TITLES);
    let script = env.ok(&["actions", "export", "--format", "github"]);
    for title in TITLES {
        assert!(script.contains(&format!("--title '{title}'")), "{title}");
    }
}

#[test]
fn a_jira_export_updates_statuses_and_done_dates_and_lists_the_unmatched() {
    let env = Env::with_actions();
    let out = env.sync(JIRA, &[]);
    assert_eq!(
        out,
        "updated action 1 \"Quarantine flaky tests\": open → done, done 2026-12-16 (RET-101, linked)\n\
         updated action 2 \"Write the on-call runbook\": open → dropped (RET-102, linked)\n\
         updated action 3 \"Pair on the billing refactor\": open (RET-103, linked)\n\
         unmatched RET-104 \"Book a room for the demo\": actions 4 and 5 have this title\n\
         unmatched RET-105 \"Tidy the team wiki\": no action has this title\n\
         Jira export of 5 issues: 3 actions updated, 0 unchanged, 2 unmatched\n"
    );
    assert_eq!(
        env.statuses(),
        [
            status("done", Some("2026-12-16T16:40:00Z")),
            status("dropped", None),
            status("open", None),
            status("open", None),
            status("open", None),
        ]
    );
    let again = env.sync(JIRA, &[]);
    assert!(
        again.ends_with("Jira export of 5 issues: 0 actions updated, 3 unchanged, 2 unmatched\n"),
        "{again}"
    );
}

#[test]
fn a_github_export_closes_actions_at_closed_at() {
    let env = Env::with_actions();
    let out = env.sync(GITHUB, &[]);
    assert_eq!(
        out,
        "updated action 1 \"Quarantine flaky tests\": open → done, done 2026-12-15 (#58, linked)\n\
         updated action 2 \"Write the on-call runbook\": open (#57, linked)\n\
         updated action 3 \"Pair on the billing refactor\": open → done, done 2026-12-09 (#56, linked)\n\
         unmatched #41 \"Upgrade the CI runners\": no action has this title\n\
         GitHub export of 4 issues: 3 actions updated, 0 unchanged, 1 unmatched\n"
    );
    assert_eq!(
        env.statuses()[..3],
        [
            status("done", Some("2026-12-15T16:05:41Z")),
            status("open", None),
            status("done", Some("2026-12-09T11:30:00Z")),
        ]
    );
}

#[test]
fn a_dry_run_shows_the_changes_and_writes_nothing() {
    let env = Env::with_actions();
    let before = env.ok(&["actions", "list", "--format", "json"]);
    let out = env.sync(JIRA, &["--dry-run"]);
    assert!(out.starts_with(
        "would update action 1 \"Quarantine flaky tests\": open → done, done 2026-12-16 (RET-101, linked)\n"
    ));
    assert!(out.ends_with(
        "dry run, nothing written. Jira export of 5 issues: 3 actions to update, 0 unchanged, 2 unmatched\n"
    ));
    assert_eq!(env.ok(&["actions", "list", "--format", "json"]), before);
    // Nothing linked either: a retitled issue still finds no action.
    let retitled = std::fs::read_to_string(JIRA)
        .unwrap()
        .replace("Quarantine flaky tests", "Quarantine the flaky tests");
    let path = env.write("retitled.csv", retitled);
    let out = env.sync(path.to_str().unwrap(), &[]);
    assert!(
        out.contains("unmatched RET-101 \"Quarantine the flaky tests\": no action has this title"),
        "{out}"
    );
}

#[test]
fn a_later_sync_matches_by_the_recorded_key_after_a_title_change() {
    let env = Env::with_actions();
    env.sync(JIRA, &[]);
    let reopened = std::fs::read_to_string(JIRA)
        .unwrap()
        .replace(
            "Quarantine flaky tests,RET-101",
            "Quarantine the flaky tests,RET-101",
        )
        .replace(
            "Pair on the billing refactor,RET-103",
            "Pair on billing,RET-103",
        )
        .replace(
            "Task,In Progress,RET,Retro actions,Medium,,",
            "Task,Closed,RET,Retro actions,Medium,Done,",
        )
        .replacen(
            ",,,,retro,Core,Dana",
            ",,11/Dec/2026 14:15,,retro,Core,Dana",
            1,
        );
    assert!(reopened.contains("Pair on billing,RET-103,10233,Task,Closed"));
    let path = env.write("later.csv", reopened);
    let out = env.sync(path.to_str().unwrap(), &[]);
    assert!(
        out.starts_with(
            "updated action 3 \"Pair on the billing refactor\": open → done, done 2026-12-11 (RET-103)\n"
        ),
        "{out}"
    );
    assert!(
        out.ends_with("1 action updated, 2 unchanged, 2 unmatched\n"),
        "{out}"
    );
    assert_eq!(
        env.statuses()[2],
        status("done", Some("2026-12-11T14:15:00Z"))
    );

    // The same with GitHub: #58 reopened under a new title.
    let env = Env::with_actions();
    env.sync(GITHUB, &[]);
    let reopened = std::fs::read_to_string(GITHUB)
        .unwrap()
        .replacen("\"2026-12-15T16:05:41Z\"", "null", 1)
        .replacen("\"CLOSED\"", "\"OPEN\"", 1)
        .replace("\"Quarantine flaky tests\"", "\"Flaky tests: quarantine\"");
    let path = env.write("later.json", reopened);
    let out = env.sync(path.to_str().unwrap(), &[]);
    assert!(
        out.starts_with("updated action 1 \"Quarantine flaky tests\": done → open (#58)\n"),
        "{out}"
    );
    assert_eq!(env.statuses()[0], status("open", None));
}

#[test]
fn an_action_linked_to_one_issue_is_not_matched_by_another_of_its_title() {
    let env = Env::with_actions();
    env.sync(JIRA, &[]);
    let out = env.sync(GITHUB, &[]);
    assert!(out.contains(
        "unmatched #58 \"Quarantine flaky tests\": the action with this title is linked to another issue (action 1 to RET-101)"
    ), "{out}");
    let duplicated = "Summary,Issue key,Status,Resolved\r\n\
                      Write docs,DOC-1,Done,\r\n\
                      Write docs,DOC-2,To Do,\r\n";
    let env = Env::with_actions();
    env.ok(&["actions", "add", "--retro", "1", "--title", "Write docs"]);
    let out = env.sync(env.write("dup.csv", duplicated).to_str().unwrap(), &[]);
    assert!(
        out.starts_with(
            "unmatched DOC-1 \"Write docs\": issue DOC-2 of the file has this title too\n\
             unmatched DOC-2 \"Write docs\": issue DOC-1 of the file has this title too\n"
        ),
        "{out}"
    );
}

#[test]
fn a_malformed_file_is_exit_1_and_changes_nothing() {
    let env = Env::with_actions();
    let before = env.ok(&["actions", "list", "--format", "json"]);
    let missing = env.dir.path().join("missing.csv");
    env.refused(&missing, "missing.csv': no such file");
    let cases: [(&str, &[u8], &str); 6] = [
        (
            "latin1.csv",
            b"Summary,Issue key,Status,Resolved\r\nQuarantine flaky tests,RET-1,Done,\r\nCaf\xe9,RET-2,Done,\r\n",
            "latin1.csv: line 3: not UTF-8 text; save it as UTF-8 and try again",
        ),
        (
            "notes.csv",
            b"title,owner\nQuarantine flaky tests,Dana\n",
            "notes.csv: the header has no column 'Summary'",
        ),
        (
            "late_bad_date.csv",
            b"Summary,Issue key,Status,Resolved\nQuarantine flaky tests,RET-1,Done,16/Dec/26 4:40 PM\nWrite the on-call runbook,RET-2,Done,last week\n",
            "late_bad_date.csv: line 3, column 'Resolved', value 'last week': not a date",
        ),
        (
            "object.json",
            br#"{"title": "Quarantine flaky tests", "state": "CLOSED", "number": 1}"#,
            "object.json: a JSON object, not an array",
        ),
        (
            "broken.json",
            br#"[{"title": "Quarantine flaky tests", "state": "CLOSED", "number": 1}"#,
            "broken.json: not valid JSON",
        ),
        (
            "state.json",
            br#"[{"title": "Quarantine flaky tests", "state": "CLOSED", "number": 1, "closedAt": null},
                {"title": "Write the on-call runbook", "state": "DONE", "number": 2, "closedAt": null}]"#,
            "state.json: item 2, column 'state', value '\"DONE\"': not OPEN or CLOSED",
        ),
    ];
    for (name, bytes, needle) in cases {
        env.refused(&env.write(name, bytes), needle);
    }
    assert_eq!(env.ok(&["actions", "list", "--format", "json"]), before);
    let err = env.cmd(&["actions", "sync"]).output().unwrap();
    assert_eq!(
        err.status.code(),
        Some(2),
        "a missing FILE is a usage error"
    );
}
