//! Action items and every export: `actions add | list | set | export`,
//! `retro export`, anonymity across all output, the GitHub script run
//! against a stand-in `gh`, and a whole retro scripted end to end.

use super::{Env, csv_rows, env, show};

/// A retro with a card, a vote and two actions; returns the retro id.
fn retro_with_actions(env: &Env) -> String {
    let retro = env.retro(&[]);
    env.card(&retro, "Stop", "Flaky tests");
    env.id(&[
        "actions",
        "add",
        "--retro",
        &retro,
        "--title",
        "Quarantine flaky tests",
        "--owner",
        "Dana",
        "--due",
        "2026-12-18",
        "--card",
        "1",
    ]);
    env.id(&["actions", "add", "--retro", &retro, "--title", "Write docs"]);
    retro
}

#[test]
fn actions_add_list_and_set_with_refusals_that_change_nothing() {
    let env = env();
    let retro = retro_with_actions(&env);
    let web = env.id(&[
        "retro",
        "new",
        "--team",
        "Web",
        "--template",
        "kpt",
        "--title",
        "Q4",
    ]);
    assert_eq!(
        env.id(&[
            "actions", "add", "--retro", &web, "--title", "Ship it", "--owner", "bo"
        ]),
        "3"
    );
    let all = env.json(&["actions", "list", "--format", "json"]);
    let first = &all[0];
    let mut keys: Vec<&str> = first
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "card_id",
            "created_at",
            "done_at",
            "due",
            "group_id",
            "id",
            "owner",
            "retro_id",
            "retro_title",
            "status",
            "team",
            "title"
        ]
    );
    assert_eq!(first["due"], "2026-12-18");
    assert_eq!(first["card_id"], 1);
    assert_eq!(first["retro_title"], "Sprint 48");
    assert_eq!(first["team"], "Core");
    let count = |args: &[&str]| {
        let mut full = vec!["actions", "list", "--format", "json"];
        full.extend_from_slice(args);
        env.json(&full).as_array().unwrap().len()
    };
    assert_eq!(count(&[]), 3);
    assert_eq!(count(&["--team", "core"]), 2);
    assert_eq!(count(&["--owner", "DANA"]), 1);
    assert_eq!(count(&["--status", "open"]), 3);

    let before = env.state();
    env.refused(
        &["actions", "add", "--retro", "9", "--title", "x"],
        "no retro with id 9",
    );
    env.refused(
        &[
            "actions", "add", "--retro", &retro, "--title", "x", "--card", "5",
        ],
        "no card 5 in retro 1",
    );
    env.refused(
        &[
            "actions", "add", "--retro", &retro, "--title", "x", "--due", "tomorrow",
        ],
        "invalid due date 'tomorrow': use YYYY-MM-DD",
    );
    env.refused(
        &["actions", "add", "--retro", &retro, "--title", " "],
        "an action needs a title",
    );
    env.fails(2, &["actions", "add", "--title", "x"]);
    env.refused(
        &["actions", "list", "--status", "closed"],
        "unknown status 'closed'",
    );
    env.fails(2, &["actions", "list", "--format", "md"]);
    env.refused(
        &["actions", "set", "9", "--status", "done"],
        "no action with id 9",
    );
    env.refused(
        &["actions", "set", "1", "--status", "finished"],
        "unknown status 'finished'",
    );
    env.refused(
        &["actions", "set", "1", "--due", "18.12.2026"],
        "invalid due date",
    );
    env.fails(2, &["actions", "set", "1"]);
    assert_eq!(env.state(), before, "refusals change nothing");

    let out = env.ok(&["actions", "set", "1", "--status", "done", "--owner", "Bo"]);
    assert_eq!(out, "action 1: done, owner Bo, due 2026-12-18\n");
    let out = env.ok(&["actions", "set", "1", "--owner", "", "--due", ""]);
    assert_eq!(out, "action 1: done, owner none, due none\n");
    let done = env.json(&["actions", "list", "--status", "done", "--format", "json"]);
    assert_eq!(done.as_array().unwrap().len(), 1);
    assert!(done[0]["done_at"].is_string());
    assert!(done[0]["owner"].is_null() && done[0]["due"].is_null());

    let (header, rows) = csv_rows(&env.ok(&["actions", "list", "--format", "csv"]));
    assert_eq!(header.len(), 12);
    assert_eq!(header[11], "group_id");
    assert_eq!(rows.len(), 3);
    let table = env.ok(&["actions", "list"]);
    assert!(table.starts_with("    ID  STATUS"), "{table}");
    assert!(table.contains("Quarantine flaky tests"), "{table}");
}

#[test]
fn retro_export_writes_md_csv_and_json_to_stdout_or_a_file() {
    let env = env();
    let retro = env.retro(&[]);
    let hostile = "Deploys, \"sometimes\"\nfail at night";
    env.card(&retro, "Stop", hostile);
    env.card(&retro, "Start", "Plain");
    env.ok(&["retro", "vote", &retro, "1", "--participant", "Bo"]);
    env.id(&[
        "actions",
        "add",
        "--retro",
        &retro,
        "--title",
        "Fix, \"now\"",
        "--card",
        "1",
    ]);
    let (header, rows) = csv_rows(&env.ok(&["retro", "export", &retro, "--format", "csv"]));
    assert_eq!(
        header,
        [
            "column", "card_id", "text", "author", "group", "votes", "actions"
        ]
    );
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0][..3], ["Start", "2", "Plain"]);
    assert_eq!(rows[1], ["Stop", "1", hostile, "", "", "1", "Fix, \"now\""]);

    let md = env.ok(&["retro", "export", &retro, "--format", "md"]);
    assert!(md.starts_with("# Retro: Sprint 48"), "{md}");
    assert!(!md.contains('<'), "no raw HTML:\n{md}");
    assert!(md.contains("Fix, \"now\""), "{md}");
    let json = env.json(&["retro", "export", &retro, "--format", "json"]);
    assert_eq!(json, show(&env, &retro));

    for (format, name) in [
        ("md", "retro.md"),
        ("csv", "retro.csv"),
        ("json", "retro.json"),
    ] {
        let path = env.dir.path().join(name);
        let out = env.ok(&[
            "retro",
            "export",
            &retro,
            "--format",
            format,
            "-o",
            path.to_str().unwrap(),
        ]);
        assert!(out.is_empty());
        let stdout = env.ok(&["retro", "export", &retro, "--format", format]);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), stdout);
    }
    env.refused(
        &["retro", "export", "4", "--format", "md"],
        "no retro with id 4",
    );
    env.fails(2, &["retro", "export", &retro, "--format", "pdf"]);
    env.fails(2, &["retro", "export", &retro]);
    let missing = env.dir.path().join("no/such/dir/out.md");
    env.refused(
        &[
            "retro",
            "export",
            &retro,
            "--format",
            "md",
            "-o",
            missing.to_str().unwrap(),
        ],
        "cannot write",
    );
}

#[test]
fn actions_export_in_every_format_filtered_by_team_and_status() {
    let env = env();
    let retro = retro_with_actions(&env);
    env.ok(&["actions", "set", "2", "--status", "dropped"]);
    let jira = env.ok(&["actions", "export", "--format", "jira"]);
    let (header, rows) = csv_rows(&jira);
    assert_eq!(
        header,
        [
            "Summary",
            "Description",
            "Assignee",
            "Due Date",
            "Labels",
            "Issue Type"
        ]
    );
    assert_eq!(
        rows[0][..4],
        [
            "Quarantine flaky tests".to_string(),
            rows[0][1].clone(),
            "Dana".into(),
            "18/Dec/26".into()
        ]
    );
    assert!(rows[0][1].contains("Sprint 48"), "{}", rows[0][1]);
    assert_eq!(rows[0][5], "Task");
    let open = env.ok(&["actions", "export", "--status", "open", "--format", "csv"]);
    assert_eq!(csv_rows(&open).1.len(), 1);
    let md = env.ok(&["actions", "export", "--format", "md"]);
    assert!(md.starts_with("# Action items"), "{md}");
    assert!(md.contains("## Dropped"), "{md}");
    let json = env.json(&["actions", "export", "--team", "core", "--format", "json"]);
    assert_eq!(json.as_array().unwrap().len(), 2);
    assert_eq!(json[0]["retro_id"].to_string(), retro);
    let none = env.json(&["actions", "export", "--team", "nobody", "--format", "json"]);
    assert_eq!(none, serde_json::json!([]));
    let path = env.dir.path().join("issues.sh");
    env.ok(&[
        "actions",
        "export",
        "--format",
        "github",
        "-o",
        path.to_str().unwrap(),
    ]);
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .starts_with("#!/bin/sh\n")
    );
    env.refused(
        &["actions", "export", "--status", "late", "--format", "md"],
        "unknown status 'late'",
    );
    env.fails(2, &["actions", "export", "--format", "yaml"]);
    env.fails(2, &["actions", "export"]);
}

#[test]
fn an_anonymous_retro_names_no_author_in_any_output() {
    let env = env();
    let retro = env.id(&[
        "retro",
        "new",
        "--team",
        "Core",
        "--template",
        "mad sad glad",
        "--title",
        "Quiet",
        "--anonymous",
        "--participant",
        "Dana",
    ]);
    env.id(&[
        "retro",
        "card",
        "add",
        &retro,
        "--column",
        "mad",
        "--text",
        "Pager at 3am",
        "--author",
        "Zelda Quux",
    ]);
    env.id(&[
        "actions",
        "add",
        "--retro",
        &retro,
        "--title",
        "Rotate on-call",
        "--card",
        "1",
    ]);
    env.ok(&["retro", "vote", &retro, "1", "--participant", "Dana"]);
    let mut outputs = vec![
        env.ok(&["retro", "show", &retro]),
        env.ok(&["retro", "list"]),
        env.ok(&["retro", "list", "--format", "json"]),
        env.ok(&["actions", "list"]),
    ];
    for format in ["md", "csv", "json"] {
        outputs.push(env.ok(&["retro", "export", &retro, "--format", format]));
    }
    for format in ["md", "csv", "json", "jira", "github"] {
        outputs.push(env.ok(&["actions", "export", "--format", format]));
    }
    for output in &outputs {
        assert!(!output.contains("Zelda"), "the author shows in:\n{output}");
        assert!(!output.contains("Quux"), "the author shows in:\n{output}");
    }
    let doc = show(&env, &retro);
    assert!(doc["columns"][0]["cards"][0]["author"].is_null());
    assert!(doc["participants"].is_null());
    assert!(!outputs[0].contains("AUTHOR"), "{}", outputs[0]);
}

#[cfg(unix)]
#[test]
fn the_github_script_hands_hostile_text_to_gh_verbatim_and_runs_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let env = env();
    let hostile_title = "It's $(touch pwned1) `touch pwned2`; touch pwned3\nand $HOME";
    let retro = env.id(&[
        "retro",
        "new",
        "--team",
        "Core",
        "--template",
        "kpt",
        "--title",
        "Sprint 'x' $(id)",
    ]);
    env.id(&[
        "actions",
        "add",
        "--retro",
        &retro,
        "--title",
        hostile_title,
        "--owner",
        "O'Neil; rm -rf x",
    ]);
    env.id(&["actions", "add", "--retro", &retro, "--title", "Plain"]);
    let stored = env.json(&["actions", "list", "--format", "json"]);
    let script = env.ok(&["actions", "export", "--format", "github"]);

    let bin = env.dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let record = env.dir.path().join("gh-args");
    let gh = bin.join("gh");
    // Records each argument followed by a NUL, and a line per call.
    std::fs::write(
        &gh,
        format!(
            "#!/bin/sh\nfor arg in \"$@\"; do printf '%s\\0' \"$arg\" >> '{}'; done\nprintf '\\n' >> '{}'\n",
            record.display(),
            record.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&gh, std::fs::Permissions::from_mode(0o755)).unwrap();
    let work = env.dir.path().join("work");
    std::fs::create_dir(&work).unwrap();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(&script)
        .current_dir(&work)
        .env("PATH", path)
        .status()
        .unwrap();
    assert!(status.success());
    let recorded = std::fs::read_to_string(&record).unwrap();
    let calls: Vec<Vec<&str>> = recorded
        .split("\0\n")
        .filter(|c| !c.is_empty())
        .map(|c| c.split('\0').collect())
        .collect();
    assert_eq!(calls.len(), 2, "{recorded:?}");
    let first = &calls[0];
    assert_eq!(first[..3], ["issue", "create", "--title"]);
    assert_eq!(first[3], stored[0]["title"].as_str().unwrap());
    assert!(first[3].contains("$(touch pwned1) `touch pwned2`; touch pwned3"));
    assert_eq!(first[4], "--body");
    assert!(first[5].contains("Sprint 'x' $(id)"), "{}", first[5]);
    assert!(first[5].contains('\n'), "line breaks reach gh");
    assert_eq!(first[6..], ["--assignee", "O'Neil; rm -rf x"]);
    assert_eq!(calls[1][..4], ["issue", "create", "--title", "Plain"]);
    assert_eq!(calls[1].len(), 6, "no owner, no --assignee");
    let left: Vec<_> = std::fs::read_dir(&work).unwrap().collect();
    assert!(left.is_empty(), "the script ran something: {left:?}");
    assert!(!env.dir.path().join("pwned1").exists());
}

#[test]
fn a_whole_retro_scripted_from_new_to_export() {
    let env = env();
    let previous = env.retro(&[]);
    let old = env.id(&[
        "actions",
        "add",
        "--retro",
        &previous,
        "--title",
        "Old promise",
    ]);
    let retro = env.id(&[
        "retro",
        "new",
        "--team",
        "core",
        "--template",
        "Went well/To improve",
        "--title",
        "Sprint 49",
        "--facilitator",
        "Ana",
        "--participant",
        "Dana",
        "--participant",
        "Bo",
        "--votes",
        "2",
    ]);
    let review = show(&env, &retro)["review"].clone();
    assert_eq!(review[0]["id"].to_string(), old, "last time's open actions");
    assert!(review[0]["review_status"].is_null());
    env.ok(&["retro", "phase", &retro, "collect"]);
    let good = env.card(&retro, "went well", "Releases, finally \"boring\"");
    let bad = env.card(&retro, "To Improve", "Flaky CI\nagain");
    env.ok(&["retro", "phase", &retro, "vote"]);
    let vote =
        |who: &str, card: &str| env.ok(&["retro", "vote", &retro, card, "--participant", who]);
    vote("Dana", &bad);
    assert_eq!(vote("Dana", &bad), "Dana has used 2 of 2 votes\n");
    env.refused(
        &["retro", "vote", &retro, &good, "--participant", "Dana"],
        "Dana has used 2 of 2 votes",
    );
    vote("Bo", &good);
    assert_eq!(
        env.ok(&[
            "retro",
            "vote",
            &retro,
            &good,
            "--participant",
            "Bo",
            "--remove"
        ]),
        "Bo has used 0 of 2 votes\n"
    );
    env.ok(&["retro", "phase", &retro, "actions"]);
    let action = env.id(&[
        "actions",
        "add",
        "--retro",
        &retro,
        "--title",
        "Fix CI",
        "--owner",
        "Dana",
        "--due",
        "2027-01-08",
        "--card",
        &bad,
    ]);
    env.ok(&["actions", "set", &action, "--owner", "Bo"]);
    env.ok(&["actions", "set", &old, "--status", "dropped"]);
    env.ok(&["retro", "phase", &retro, "close"]);

    let doc = show(&env, &retro);
    assert_eq!(doc["phase"], "close");
    assert_eq!(doc["columns"][1]["cards"][0]["votes"], 2);
    assert_eq!(doc["columns"][0]["cards"][0]["votes"], 0);
    assert_eq!(doc["actions"][0]["owner"], "Bo");
    let md = env.ok(&["retro", "export", &retro, "--format", "md"]);
    let (card_at, action_at) = (md.find("Flaky CI").unwrap(), md.rfind("Fix CI").unwrap());
    assert!(card_at < action_at, "the action under its card:\n{md}");
    let (_, rows) = csv_rows(&env.ok(&["retro", "export", &retro, "--format", "csv"]));
    assert_eq!(rows[1][2], "Flaky CI\nagain");
    assert_eq!(rows[1][6], "Fix CI");
    let json = env.json(&["retro", "export", &retro, "--format", "json"]);
    assert_eq!(json["actions"][0]["card_id"].to_string(), bad);
    let jira = env.ok(&["actions", "export", "--status", "open", "--format", "jira"]);
    assert_eq!(csv_rows(&jira).1.len(), 1);
    assert!(
        jira.contains("Fix CI,") && jira.contains("08/Jan/27"),
        "{jira}"
    );
    let github = env.ok(&[
        "actions", "export", "--status", "open", "--format", "github",
    ]);
    assert!(
        github.contains("gh issue create --title 'Fix CI'"),
        "{github}"
    );
    assert!(github.contains("--assignee 'Bo'"), "{github}");
    env.refused(
        &[
            "retro",
            "card",
            "add",
            &retro,
            "--column",
            "went well",
            "--text",
            "late",
        ],
        "closed",
    );
}
