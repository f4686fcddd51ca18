//! The team-role and decision commands, run against the real binary and a
//! temporary database: `team role set`, `team show`, `feedback status` to
//! planned or wont_do with `--by`, `--why` and `--team`, and `decisions
//! list` in every format; every refusal is exit 1 with one line naming the
//! field and changes nothing.

mod common;

use assert_cmd::Command;
use serde_json::{Value, json};
use std::path::PathBuf;
use tempfile::TempDir;

struct Env {
    _dir: TempDir,
    db: PathBuf,
}

fn env() -> Env {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("retriage.db");
    Env { _dir: dir, db }
}

impl Env {
    fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = common::retriage(&self.db);
        cmd.args(args);
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

    /// A user error: exit 1, nothing on stdout, exactly this one line on
    /// stderr.
    fn refused(&self, args: &[&str], message: &str) {
        let out = self.cmd(args).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert_eq!(
            String::from_utf8(out.stderr).unwrap(),
            format!("retriage: {message}\n"),
            "{args:?}"
        );
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }

    fn add(&self, title: &str) -> String {
        self.ok(&["feedback", "add", "--title", title])
            .trim()
            .to_string()
    }

    fn set(&self, team: &str, person: &str, role: &str) -> String {
        self.ok(&[
            "team", "role", "set", "--team", team, "--person", person, "--role", role,
        ])
    }

    fn decisions(&self, extra: &[&str]) -> Vec<Value> {
        let mut args = vec!["decisions", "list", "--format", "json"];
        args.extend_from_slice(extra);
        self.json(&args).as_array().unwrap().clone()
    }

    fn status_of(&self, id: &str) -> String {
        let items = self.json(&["feedback", "list", "--format", "json"]);
        let item = items
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"].as_i64() == id.parse().ok())
            .unwrap()
            .clone();
        item["status"].as_str().unwrap().to_string()
    }
}

#[test]
fn roles_are_set_replaced_and_shown() {
    let env = env();
    assert_eq!(
        env.set("Platform", "Ann", "decider"),
        "Ann is now the decider of Platform\n"
    );
    assert_eq!(
        env.set("platform", "Bob", "DECIDER"),
        "Bob is now the decider of Platform, replacing Ann\n"
    );
    assert_eq!(
        env.set("Platform", "Ann", "advisor"),
        "Ann is now an advisor of Platform\n"
    );
    env.set("Platform", "Carl", "advisor");
    assert_eq!(
        env.set("Platform", "Carl", "escalation"),
        "Carl is now the escalation contact of Platform (was an advisor)\n"
    );
    assert_eq!(
        env.set("Platform", "Dee", "escalation"),
        "Dee is now the escalation contact of Platform, replacing Carl\n"
    );
    assert_eq!(
        env.ok(&["team", "show", "PLATFORM"]),
        "Team Platform\n\
         ROLE        PERSON\n\
         decider     Bob\n\
         advisor     Ann\n\
         escalation  Dee\n"
    );
    assert_eq!(
        env.json(&["team", "show", "Platform", "--format", "json"]),
        json!({"team": "Platform", "decider": "Bob", "advisors": ["Ann"], "escalation": "Dee"})
    );
    // A team with only advisors says what it lacks.
    env.set("Mobile", "Eve", "advisor");
    assert_eq!(
        env.ok(&["team", "show", "Mobile"]),
        "Team Mobile\n\
         ROLE        PERSON\n\
         decider     – (none)\n\
         advisor     Eve\n\
         escalation  – (none)\n"
    );
    assert_eq!(
        env.json(&["team", "show", "Mobile", "--format", "json"]),
        json!({"team": "Mobile", "decider": null, "advisors": ["Eve"], "escalation": null})
    );
}

#[test]
fn a_refused_role_creates_nothing() {
    let env = env();
    env.refused(
        &[
            "team", "role", "set", "--team", "Web", "--person", "Ann", "--role", "boss",
        ],
        "unknown role 'boss' (use one of: decider, advisor, escalation)",
    );
    assert!(
        !env.db.exists(),
        "a refused first command leaves no database"
    );
    env.set("Platform", "Ann", "decider");
    env.refused(
        &[
            "team", "role", "set", "--team", "Web", "--person", " ", "--role", "advisor",
        ],
        "person must not be empty",
    );
    env.refused(
        &[
            "team", "role", "set", "--team", "", "--person", "Ann", "--role", "advisor",
        ],
        "team must not be empty",
    );
    env.refused(
        &["team", "show", "Web"],
        "unknown team 'Web' (teams: Platform)",
    );
    env.cmd(&["team", "role", "set", "--team", "Web"])
        .assert()
        .code(2);
    env.cmd(&["team", "show", "Platform", "--format", "csv"])
        .assert()
        .code(2);
}

#[test]
fn planned_and_wont_do_need_who_and_why_and_record_the_decision() {
    let env = env();
    let id = env.add("Dark mode");
    let other = env.add("Export to Excel");
    env.set("Platform", "Ann", "decider");
    env.refused(
        &["feedback", "status", &id, "planned", "--why", "Top ask"],
        "moving an item to planned records a decision: --by PERSON is required (who decided)",
    );
    env.refused(
        &["feedback", "status", &id, "wont_do", "--by", "Ann"],
        "moving an item to wont_do records a decision: --why TEXT is required (why, in one line)",
    );
    env.refused(
        &[
            "feedback", "status", &id, "planned", "--by", "Ann", "--why", "  ",
        ],
        "why: the rationale must not be empty",
    );
    env.refused(
        &[
            "feedback", "status", &id, "planned", "--by", "Ann", "--why", "one\ntwo",
        ],
        "why: the rationale must be one line",
    );
    env.refused(
        &[
            "feedback", "status", "99", "planned", "--by", "Ann", "--why", "x",
        ],
        "no feedback item with id 99",
    );
    assert_eq!(env.status_of(&id), "new", "nothing changed");
    assert!(env.decisions(&[]).is_empty());

    // The only team is the decision's; the decider's role is recorded.
    assert_eq!(
        env.ok(&[
            "feedback", "status", &id, "planned", "--by", "ann", "--why", "Top ask"
        ]),
        format!("{id}: new → planned, decided by ann (the decider in Platform)\n")
    );
    assert_eq!(env.status_of(&id), "planned");
    assert_eq!(
        env.ok(&[
            "feedback",
            "status",
            &other,
            "wont_do",
            "--by",
            "Zed",
            "--why",
            "Not our product",
        ]),
        format!("{other}: new → wont_do, decided by Zed (no role in Platform)\n")
    );
    let log = env.decisions(&[]);
    assert_eq!(log.len(), 2);
    // The keys, in this order in the text.
    let text = env.ok(&["decisions", "list", "--format", "json"]);
    let first = &text[..text.find('}').unwrap()];
    let keys = [
        "feedback_id",
        "title",
        "status",
        "by",
        "role",
        "why",
        "decided_at",
        "team",
    ];
    let at: Vec<usize> = keys
        .iter()
        .map(|k| first.find(&format!("\"{k}\":")).unwrap())
        .collect();
    assert!(at.is_sorted(), "{first}");
    assert_eq!(log[0].as_object().unwrap().len(), keys.len());
    let newest = &log[0];
    assert_eq!(newest["feedback_id"], other.parse::<i64>().unwrap());
    assert_eq!(newest["title"], "Export to Excel");
    assert_eq!(newest["status"], "wont_do");
    assert_eq!(newest["by"], "Zed");
    assert_eq!(newest["role"], Value::Null, "no role: null");
    assert_eq!(newest["why"], "Not our product");
    let decided_at = newest["decided_at"].as_str().unwrap();
    assert!(
        chrono::DateTime::parse_from_rfc3339(decided_at).is_ok() && decided_at.ends_with('Z'),
        "{decided_at}"
    );
    assert_eq!(log[1]["role"], "decider");
}

#[test]
fn other_statuses_need_no_decision_and_refuse_its_flags() {
    let env = env();
    let id = env.add("Dark mode");
    assert_eq!(
        env.ok(&["feedback", "status", &id, "triaged"]),
        format!("{id}: new → triaged\n")
    );
    env.refused(
        &["feedback", "status", &id, "done", "--by", "Ann"],
        "--by applies only to planned and wont_do (a decision), not to done",
    );
    env.refused(
        &["feedback", "status", &id, "in_progress", "--team", "Web"],
        "--team applies only to planned and wont_do (a decision), not to in_progress",
    );
    assert_eq!(env.status_of(&id), "triaged");
    assert!(env.decisions(&[]).is_empty());
}

#[test]
fn a_decision_belongs_to_the_named_team_or_the_only_one() {
    let env = env();
    let first = env.add("Dark mode");
    let second = env.add("Export to Excel");
    fn decide<'a>(id: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
        let mut args = vec![
            "feedback",
            "status",
            id,
            "planned",
            "--by",
            "Ann",
            "--why",
            "Asked often",
        ];
        args.extend_from_slice(extra);
        args
    }
    env.refused(
        &decide(&first, &[]),
        "no team yet: name the team the decision belongs to with --team",
    );
    env.refused(
        &decide(&first, &["--team", " "]),
        "team: the team name must not be empty",
    );
    // A team named by a decision is created with it.
    env.ok(&decide(&first, &["--team", "Web"]));
    assert_eq!(
        env.json(&["team", "show", "web", "--format", "json"]),
        json!({"team": "Web", "decider": null, "advisors": [], "escalation": null})
    );
    env.set("Mobile", "Ann", "advisor");
    env.refused(
        &decide(&second, &[]),
        "there are several teams; name the one the decision belongs to with --team \
         (one of: Mobile, Web)",
    );
    assert_eq!(env.status_of(&second), "new", "nothing changed");
    env.ok(&decide(&second, &["--team", "mobile"]));

    let web = env.decisions(&["--team", "WEB"]);
    assert_eq!(web.len(), 1);
    assert_eq!(
        (&web[0]["team"], &web[0]["role"]),
        (&json!("Web"), &Value::Null)
    );
    let mobile = env.decisions(&["--team", "Mobile"]);
    assert_eq!(
        (&mobile[0]["team"], &mobile[0]["role"]),
        (&json!("Mobile"), &json!("advisor"))
    );
    env.refused(
        &["decisions", "list", "--team", "Ops"],
        "unknown team 'Ops' (teams: Mobile, Web)",
    );
}

#[test]
fn the_log_as_a_table_and_as_csv() {
    let env = env();
    let id = env.add("Dark mode, at last");
    env.set("Platform", "Ann", "decider");
    env.ok(&[
        "feedback",
        "status",
        &id,
        "planned",
        "--by",
        "Ann",
        "--why",
        "Top ask, again",
    ]);
    env.ok(&[
        "feedback",
        "status",
        &id,
        "wont_do",
        "--by",
        "Zed",
        "--why",
        "Changed our mind",
    ]);
    let table = env.ok(&["decisions", "list"]);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 4, "{table}");
    assert!(
        lines[0].starts_with("DECIDED") && lines[0].ends_with("WHY"),
        "{table}"
    );
    for (line, expected) in [
        (
            lines[1],
            ["wont_do", "Zed", "–", "Platform", "Changed our mind"],
        ),
        (
            lines[2],
            ["planned", "Ann", "decider", "Platform", "Top ask, again"],
        ),
    ] {
        for cell in expected {
            assert!(line.contains(cell), "{cell} in {line}");
        }
    }
    assert_eq!(
        lines[3],
        "2 decisions: 1 by the decider, 1 by someone without that role"
    );

    let csv = env.ok(&["decisions", "list", "--format", "csv", "--team", "platform"]);
    let mut reader = ::csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(
        reader.headers().unwrap(),
        vec![
            "feedback_id",
            "title",
            "status",
            "by",
            "role",
            "why",
            "decided_at",
            "team"
        ]
    );
    let rows: Vec<::csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][1], "Dark mode, at last");
    assert_eq!(
        (&rows[0][4], &rows[1][4]),
        ("", "decider"),
        "no role: empty"
    );
    assert_eq!(&rows[1][5], "Top ask, again");
    assert!(csv.contains("\r\n"), "RFC 4180 line ends");
    env.cmd(&["decisions", "list", "--format", "md"])
        .assert()
        .code(2);
}
