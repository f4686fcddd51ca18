//! The retro, actions and templates commands, run against the real binary
//! and a temporary database: outputs, exit codes, refusals that change
//! nothing, every export format, anonymity and the GitHub script.

mod common;
#[path = "retro_cli/exports.rs"]
mod exports;

use assert_cmd::Command;
use serde_json::Value;
use std::path::PathBuf;
use tempfile::TempDir;

/// A temporary database and config folder (no user templates).
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
        cmd.env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .current_dir(self.dir.path())
            .args(args);
        cmd
    }

    /// Runs a command that must succeed; its stdout.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs a command that must fail with `code`, printing nothing on
    /// stdout; its stderr.
    fn fails(&self, code: i32, args: &[&str]) -> String {
        let out = self.cmd(args).output().unwrap();
        assert_eq!(out.status.code(), Some(code), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        String::from_utf8(out.stderr).unwrap()
    }

    /// A user error (exit 1): the one line on stderr, checked to name
    /// `needle`.
    fn refused(&self, args: &[&str], needle: &str) -> String {
        let err = self.fails(1, args);
        assert_eq!(err.lines().count(), 1, "one line: {err}");
        assert!(err.starts_with("retriage: "), "{err}");
        assert!(err.contains(needle), "{needle:?} not in {err}");
        err.trim_end().to_string()
    }

    /// A creating command's output: one number and a newline.
    fn id(&self, args: &[&str]) -> String {
        let out = self.ok(args);
        assert!(out.ends_with('\n') && out.lines().count() == 1, "{out:?}");
        let id = out.trim_end();
        assert!(id.parse::<i64>().is_ok(), "{out:?}");
        id.to_string()
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }

    /// Everything a refusal could have changed.
    fn state(&self) -> String {
        let retros = self.json(&["retro", "list", "--format", "json"]);
        let mut state = retros.to_string();
        for retro in retros.as_array().unwrap() {
            let id = retro["id"].to_string();
            state.push_str(&self.ok(&["retro", "show", &id, "--format", "json"]));
        }
        state.push_str(&self.ok(&["actions", "list", "--format", "json"]));
        state.push_str(&self.ok(&["feedback", "list", "--format", "json"]));
        state
    }

    /// A Start/Stop/Continue retro of team Core with Dana and Bo.
    fn retro(&self, extra: &[&str]) -> String {
        let mut args = vec![
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
            "--participant",
            "Dana",
            "--participant",
            "Bo",
        ];
        args.extend_from_slice(extra);
        self.id(&args)
    }

    fn card(&self, retro: &str, column: &str, text: &str) -> String {
        self.id(&[
            "retro", "card", "add", retro, "--column", column, "--text", text,
        ])
    }
}

fn show(env: &Env, retro: &str) -> Value {
    env.json(&["retro", "show", retro, "--format", "json"])
}

fn csv_rows(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

#[test]
fn templates_list_shows_the_nine_shipped_templates_and_stops_at_a_broken_file() {
    let env = env();
    let json = env.json(&["templates", "list", "--format", "json"]);
    let names: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Start/Stop/Continue",
            "Mad/Sad/Glad",
            "4Ls",
            "Sailboat",
            "Starfish",
            "KPT",
            "DAKI",
            "Went well/To improve",
            "Lean coffee"
        ]
    );
    assert_eq!(json[0]["columns"][1]["title"], "Stop");
    assert!(json[0]["columns"][1]["prompt"].is_string());
    let table = env.ok(&["templates", "list"]);
    assert!(table.starts_with("NAME"), "{table}");
    assert!(table.contains("Start / Stop / Continue"), "{table}");
    assert!(!env.db.exists(), "listing templates opens no database");

    env.fails(2, &["templates", "list", "--format", "xml"]);
    let dir = env.dir.path().join("config/retriage/templates");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("bad.toml"), "name = \"Bad\"\ncolumns = 3\n").unwrap();
    env.refused(&["templates", "list"], "bad.toml line");
}

#[test]
fn retro_new_prints_the_id_matches_template_names_loosely_and_refuses_bad_input() {
    let env = env();
    env.refused(
        &[
            "retro",
            "new",
            "--team",
            "Core",
            "--template",
            "nope",
            "--title",
            "T",
        ],
        "unknown template 'nope' (use one of: Start/Stop/Continue, Mad/Sad/Glad, 4Ls",
    );
    assert!(!env.db.exists(), "a refused command leaves no new database");
    for (n, name) in [
        "Start/Stop/Continue",
        "start stop continue",
        "START_stop-continue",
    ]
    .into_iter()
    .enumerate()
    {
        let id = env.id(&[
            "retro",
            "new",
            "--team",
            "Core",
            "--template",
            name,
            "--title",
            "T",
        ]);
        assert_eq!(id, (n + 1).to_string());
    }
    let doc = show(&env, "1");
    assert_eq!(doc["template"], "Start/Stop/Continue");
    let today = chrono::Local::now().date_naive().format("%Y-%m-%d");
    assert_eq!(doc["date"], today.to_string(), "without --date: today");
    assert!(doc["facilitator"].is_null());
    assert_eq!(
        doc["settings"],
        serde_json::json!({"votes_per_person": 5, "max_votes_per_card": 3, "anonymous": false,
                           "hide_until_reveal": true, "facilitator_votes": false})
    );
    let id = env.retro(&[
        "--facilitator",
        "Ana",
        "--votes",
        "2",
        "--max-per-card",
        "1",
        "--anonymous",
        "--no-hide",
    ]);
    let doc = show(&env, &id);
    assert_eq!(doc["facilitator"], "Ana");
    assert_eq!(doc["date"], "2026-12-04");
    assert_eq!(doc["settings"]["votes_per_person"], 2);
    assert_eq!(doc["settings"]["max_votes_per_card"], 1);
    assert_eq!(doc["settings"]["anonymous"], true);
    assert_eq!(doc["settings"]["hide_until_reveal"], false);

    let before = env.state();
    env.refused(
        &[
            "retro",
            "new",
            "--team",
            "Core",
            "--template",
            "kpt",
            "--title",
            "T",
            "--date",
            "04/12/2026",
        ],
        "invalid date '04/12/2026': use YYYY-MM-DD",
    );
    env.refused(
        &[
            "retro",
            "new",
            "--team",
            "Core",
            "--template",
            "kpt",
            "--title",
            "T",
            "--votes",
            "101",
        ],
        "votes per person must be 0 to 100; got 101",
    );
    env.refused(
        &[
            "retro",
            "new",
            "--team",
            "Core",
            "--template",
            "kpt",
            "--title",
            "T",
            "--votes",
            "many",
        ],
        "invalid votes 'many'",
    );
    env.refused(
        &[
            "retro",
            "new",
            "--team",
            " ",
            "--template",
            "kpt",
            "--title",
            "T",
        ],
        "a retro needs a team",
    );
    env.fails(2, &["retro", "new", "--template", "kpt", "--title", "T"]);
    assert_eq!(env.state(), before, "refusals change nothing");
}

#[test]
fn retro_list_gives_the_documented_json_and_filters_by_team() {
    let env = env();
    env.retro(&[]);
    let card_retro = env.id(&[
        "retro",
        "new",
        "--team",
        "Web",
        "--template",
        "kpt",
        "--title",
        "Q4",
    ]);
    env.card(&card_retro, "keep", "Pairing");
    let list = env.json(&["retro", "list", "--format", "json"]);
    assert_eq!(list.as_array().unwrap().len(), 2);
    let web = env.json(&["retro", "list", "--team", "web", "--format", "json"]);
    let web = &web.as_array().unwrap()[..];
    assert_eq!(web.len(), 1);
    let mut keys: Vec<&str> = web[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "cards",
            "date",
            "id",
            "participants",
            "phase",
            "team",
            "template",
            "title"
        ]
    );
    assert_eq!(web[0]["team"], "Web");
    assert_eq!(web[0]["template"], "KPT");
    assert_eq!(web[0]["phase"], "review");
    assert_eq!(
        (web[0]["cards"].as_u64(), web[0]["participants"].as_u64()),
        (Some(1), Some(0))
    );
    let core = env.json(&["retro", "list", "--team", "Core", "--format", "json"]);
    assert_eq!(core[0]["participants"], 2);
    let table = env.ok(&["retro", "list"]);
    assert!(table.lines().next().unwrap().contains("TITLE"), "{table}");
    assert!(
        table.contains("Sprint 48") && table.contains("Q4"),
        "{table}"
    );
    assert_eq!(
        env.ok(&["retro", "list", "--team", "Nobody", "--format", "json"])
            .trim(),
        "[]"
    );
    env.fails(2, &["retro", "list", "--format", "csv"]);
}

#[test]
fn cards_are_added_by_column_name_in_every_phase_before_close() {
    let env = env();
    let retro = env.retro(&[]);
    assert_eq!(env.card(&retro, "Start", "One"), "1");
    assert_eq!(env.card(&retro, "stop", "Two"), "2");
    for phase in ["collect", "group", "vote", "discuss", "actions"] {
        env.ok(&["retro", "phase", &retro, phase]);
        env.card(&retro, "CONTINUE", phase);
    }
    let doc = show(&env, &retro);
    assert_eq!(doc["columns"][2]["cards"].as_array().unwrap().len(), 5);
    env.id(&[
        "retro", "card", "add", &retro, "--column", "start", "--text", "Mine", "--author", "dana",
    ]);
    assert_eq!(
        show(&env, &retro)["columns"][0]["cards"][1]["author"],
        "Dana"
    );

    let before = env.state();
    env.refused(
        &[
            "retro", "card", "add", &retro, "--column", "Later", "--text", "x",
        ],
        "unknown column 'Later' (use one of: Start, Stop, Continue)",
    );
    env.refused(
        &[
            "retro", "card", "add", "99", "--column", "Start", "--text", "x",
        ],
        "no retro with id 99",
    );
    env.refused(
        &[
            "retro", "card", "add", &retro, "--column", "Start", "--text", "  ",
        ],
        "a card needs some text",
    );
    env.ok(&["retro", "phase", &retro, "close"]);
    let before_close = env.state();
    env.refused(
        &[
            "retro", "card", "add", &retro, "--column", "Start", "--text", "x",
        ],
        "is closed",
    );
    env.fails(2, &["retro", "card", "add", &retro, "--text", "x"]);
    assert_eq!(env.state(), before_close);
    assert_ne!(before, before_close, "only the phase moved");
}

#[test]
fn promoting_a_card_makes_one_feedback_item() {
    let env = env();
    let retro = env.retro(&[]);
    let card = env.card(&retro, "Stop", "Deploys are slow\nThey take an hour.");
    let item = env.id(&["retro", "card", "promote", &retro, &card]);
    assert_eq!(
        env.id(&["retro", "card", "promote", &retro, &card]),
        item,
        "twice: same item"
    );
    let items = env.json(&["feedback", "list", "--format", "json"]);
    assert_eq!(items.as_array().unwrap().len(), 1);
    assert_eq!(items[0]["id"].to_string(), item);
    assert_eq!(items[0]["title"], "Deploys are slow");
    assert_eq!(items[0]["description"], "They take an hour.");
    assert_eq!(items[0]["source"], "retro");

    let before = env.state();
    env.refused(
        &["retro", "card", "promote", &retro, "42"],
        "no card 42 in retro 1",
    );
    env.refused(
        &["retro", "card", "promote", "7", &card],
        "no retro with id 7",
    );
    env.fails(2, &["retro", "card", "promote", &retro, "first"]);
    assert_eq!(env.state(), before);
}

#[test]
fn votes_stay_within_the_budget_and_cap_and_can_be_taken_back() {
    let env = env();
    let retro = env.retro(&["--votes", "3", "--max-per-card", "2"]);
    let (a, b) = (
        env.card(&retro, "Start", "A"),
        env.card(&retro, "Stop", "B"),
    );
    let vote =
        |card: &str, who: &str| env.ok(&["retro", "vote", &retro, card, "--participant", who]);
    assert_eq!(vote(&a, "dana"), "Dana has used 1 of 3 votes\n");
    vote(&a, "Dana");
    let before = env.state();
    env.refused(
        &["retro", "vote", &retro, &a, "--participant", "Dana"],
        "Dana has put 2 of 2 votes on card 1 (the most on one topic)",
    );
    vote(&b, "Dana");
    let full = env.state();
    assert_ne!(full, before);
    let err = env.refused(&["retro", "vote", &retro, &b, "--participant", "Dana"], "");
    assert_eq!(err, "retriage: Dana has used 3 of 3 votes");
    env.refused(
        &["retro", "vote", &retro, &b, "--participant", "Zed"],
        "'Zed' is not a voter in retro 1 (voters: Dana, Bo)",
    );
    env.refused(
        &["retro", "vote", &retro, "9", "--participant", "Bo"],
        "no card 9",
    );
    env.refused(
        &["retro", "vote", "5", &a, "--participant", "Bo"],
        "no retro with id 5",
    );
    env.refused(
        &[
            "retro",
            "vote",
            &retro,
            &b,
            "--participant",
            "Bo",
            "--remove",
        ],
        "Bo has no vote on card 2 to take back",
    );
    env.fails(2, &["retro", "vote", &retro, &b]);
    assert_eq!(env.state(), full, "refused votes change nothing");

    let removed = env.ok(&[
        "retro",
        "vote",
        &retro,
        &a,
        "--participant",
        "Dana",
        "--remove",
    ]);
    assert_eq!(removed, "Dana has used 2 of 3 votes\n");
    let doc = show(&env, &retro);
    assert_eq!(doc["columns"][0]["cards"][0]["votes"], 1);
    assert_eq!(doc["columns"][1]["cards"][0]["votes"], 1);
    env.ok(&["retro", "phase", &retro, "close"]);
    env.refused(
        &["retro", "vote", &retro, &a, "--participant", "Bo"],
        "is closed",
    );
}

#[test]
fn the_phase_moves_forward_back_and_skipping_and_refuses_unknown_names() {
    let env = env();
    let retro = env.retro(&[]);
    assert_eq!(
        env.ok(&["retro", "phase", &retro, "vote"]),
        "retro 1: review → vote\n"
    );
    assert_eq!(
        env.ok(&["retro", "phase", &retro, "Collect"]),
        "retro 1: vote → collect\n"
    );
    let before = env.state();
    env.refused(
        &["retro", "phase", &retro, "done"],
        "unknown phase 'done' (use one of: review, collect, group, vote, discuss, actions, close)",
    );
    env.refused(&["retro", "phase", "3", "vote"], "no retro with id 3");
    env.fails(2, &["retro", "phase", &retro]);
    assert_eq!(env.state(), before);
    assert_eq!(show(&env, &retro)["phase"], "collect");
}

#[test]
fn retro_show_has_the_documented_json_and_a_readable_table() {
    let env = env();
    let retro = env.retro(&["--facilitator", "Ana"]);
    env.id(&[
        "retro",
        "card",
        "add",
        &retro,
        "--column",
        "Start",
        "--text",
        "Pair more",
        "--author",
        "Bo",
    ]);
    env.ok(&["retro", "vote", &retro, "1", "--participant", "Dana"]);
    env.id(&[
        "actions",
        "add",
        "--retro",
        &retro,
        "--title",
        "Pair Fridays",
        "--card",
        "1",
    ]);
    let doc = show(&env, &retro);
    for key in [
        "id",
        "team",
        "title",
        "template",
        "date",
        "phase",
        "facilitator",
        "participants",
        "settings",
        "columns",
        "groups",
        "actions",
        "roti",
        "review",
    ] {
        assert!(doc.get(key).is_some(), "{key}");
    }
    let card = &doc["columns"][0]["cards"][0];
    assert_eq!(
        card,
        &serde_json::json!({"id": 1, "text": "Pair more", "author": "Bo", "votes": 1, "group": null})
    );
    assert_eq!(doc["actions"][0]["title"], "Pair Fridays");
    assert_eq!(doc["actions"][0]["card_id"], 1);
    let table = env.ok(&["retro", "show", &retro]);
    for text in [
        "Retro 1: Sprint 48",
        "Facilitator: Ana",
        "AUTHOR",
        "Pair more",
        "Pair Fridays",
    ] {
        assert!(table.contains(text), "{text} in\n{table}");
    }
    env.refused(&["retro", "show", "8"], "no retro with id 8");
    env.fails(2, &["retro", "show", &retro, "--format", "md"]);
}

#[test]
fn an_author_not_on_the_roster_joins_it_with_a_note() {
    let env = env();
    let retro = env.retro(&[]);
    let out = env
        .cmd(&[
            "retro", "card", "add", &retro, "--column", "start", "--text", "x", "--author", "Zed",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "1\n",
        "only the id on stdout"
    );
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        err.trim_end(),
        format!("retriage: note: Zed was not a participant of retro {retro} and now is one")
    );
    let roster = show(&env, &retro)["participants"].clone();
    assert!(
        roster.as_array().unwrap().iter().any(|p| p == "Zed"),
        "{roster}"
    );
    // A known author gets no note.
    let out = env
        .cmd(&[
            "retro", "card", "add", &retro, "--column", "start", "--text", "y", "--author", "zed",
        ])
        .output()
        .unwrap();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
