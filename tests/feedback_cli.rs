//! The feedback commands beyond add and list: scoring in every model,
//! sorting by every key, status, edit and delete, the Kano category and
//! merged reports in exports, and file errors in words. Each refusal is
//! checked for its exit code, its one line on stderr, and that nothing
//! changed.

mod common;
use common::{retriage, write};

use serde_json::Value;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

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
    /// Runs a command that must succeed; returns its stdout.
    fn ok(&self, args: &[&str]) -> String {
        let out = retriage(&self.db).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs a command that must fail with `code`; returns its stderr.
    fn refused(&self, args: &[&str], code: i32) -> String {
        let out = retriage(&self.db).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(code), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        String::from_utf8(out.stderr).unwrap()
    }

    /// A user error: exit 1 and exactly `message` as the one line on stderr.
    fn refused_with(&self, args: &[&str], message: &str) {
        assert_eq!(self.refused(args, 1), format!("retriage: {message}\n"));
    }

    fn add(&self, title: &str) -> String {
        self.ok(&["feedback", "add", "--title", title])
            .trim()
            .to_string()
    }

    fn items(&self, extra: &[&str]) -> Vec<Value> {
        let mut args = vec!["feedback", "list", "--format", "json"];
        args.extend_from_slice(extra);
        match serde_json::from_str(&self.ok(&args)).unwrap() {
            Value::Array(items) => items,
            other => panic!("not an array: {other}"),
        }
    }

    fn ids(&self, extra: &[&str]) -> Vec<i64> {
        self.items(extra)
            .iter()
            .map(|i| i["id"].as_i64().unwrap())
            .collect()
    }
}

#[test]
fn score_sets_each_model_with_its_own_factors() {
    let env = env();
    let id = env.add("Export is slow");
    assert_eq!(
        env.ok(&[
            "feedback",
            "score",
            &id,
            "--reach",
            "100",
            "--impact",
            "high",
            "--confidence",
            "80%",
            "--effort",
            "2"
        ]),
        "1: RICE 80\n",
        "RICE stays the default with today's flags and output"
    );
    assert_eq!(
        env.ok(&[
            "feedback",
            "score",
            &id,
            "--model",
            "ice",
            "--impact",
            "5",
            "--confidence",
            "4",
            "--ease",
            "2"
        ]),
        "1: ICE 40\n"
    );
    assert_eq!(
        env.ok(&[
            "feedback",
            "score",
            &id,
            "--model",
            "wsjf",
            "--business-value",
            "8",
            "--time-criticality",
            "5",
            "--risk-reduction",
            "3",
            "--job-size",
            "2"
        ]),
        "1: WSJF 8\n"
    );
    let item = &env.items(&[])[0];
    assert_eq!(item["rice"]["score"], 80.0, "the other scores stay");
    assert_eq!(item["ice"]["score"], 40.0);
    assert_eq!(item["wsjf"]["score"], 8.0);
}

#[test]
fn a_refused_score_names_the_flag_and_value_and_changes_nothing() {
    let env = env();
    let id = env.add("Export is slow");
    let before = env.items(&[]);
    let ice = |ease| {
        [
            "feedback",
            "score",
            id.as_str(),
            "--model",
            "ice",
            "--impact",
            "5",
            "--confidence",
            "4",
            "--ease",
            ease,
        ]
    };
    env.refused_with(
        &ice("11"),
        "invalid ease '11': must be a whole number from 1 to 10",
    );
    env.refused_with(
        &ice("2.5"),
        "invalid ease '2.5': must be a whole number from 1 to 10",
    );
    let foreign = [&ice("2")[..], &["--reach", "10"]].concat();
    env.refused_with(
        &foreign,
        "--reach does not apply to --model ice (ICE takes --impact, --confidence and --ease)",
    );
    let wsjf = [
        "feedback",
        "score",
        &id,
        "--model",
        "wsjf",
        "--business-value",
        "-1",
        "--time-criticality",
        "5",
        "--risk-reduction",
        "3",
        "--job-size",
        "2",
    ];
    env.refused_with(&wsjf, "invalid business-value '-1': must be 0 or more");
    let mut zero = wsjf;
    zero[6] = "1";
    zero[12] = "0";
    env.refused_with(&zero, "invalid job-size '0': must be more than 0");
    let rice_with_ease = [
        "feedback",
        "score",
        &id,
        "--reach",
        "1",
        "--impact",
        "1",
        "--confidence",
        "50",
        "--effort",
        "1",
        "--ease",
        "3",
    ];
    env.refused_with(
        &rice_with_ease,
        "--ease does not apply to --model rice (RICE takes --reach, --impact, --confidence and --effort)",
    );
    env.refused_with(
        &[
            "feedback",
            "score",
            "99",
            "--model",
            "ice",
            "--impact",
            "5",
            "--confidence",
            "4",
            "--ease",
            "2",
        ],
        "no feedback item with id 99",
    );
    // A model's missing factor is a usage error.
    let missing = env.refused(
        &[
            "feedback",
            "score",
            &id,
            "--model",
            "wsjf",
            "--business-value",
            "1",
        ],
        2,
    );
    assert!(missing.contains("--job-size"), "{missing}");
    env.refused(&["feedback", "score", &id, "--model", "moscow"], 2);
    assert_eq!(env.items(&[]), before, "nothing changed");
}

#[test]
fn list_sorts_by_every_model_and_by_kano_with_the_unscored_last() {
    let env = env();
    for title in ["Alpha", "Bravo", "Charlie", "Delta"] {
        env.add(title);
    }
    let ice = |id: &str, impact: &str| {
        env.ok(&[
            "feedback",
            "score",
            id,
            "--model",
            "ice",
            "--impact",
            impact,
            "--confidence",
            "5",
            "--ease",
            "5",
        ]);
    };
    ice("1", "2");
    ice("3", "9");
    let wsjf = |id: &str, value: &str| {
        env.ok(&[
            "feedback",
            "score",
            id,
            "--model",
            "wsjf",
            "--business-value",
            value,
            "--time-criticality",
            "1",
            "--risk-reduction",
            "1",
            "--job-size",
            "1",
        ]);
    };
    wsjf("2", "1");
    wsjf("4", "20");
    assert_eq!(env.ids(&["--sort", "ice"]), vec![3, 1, 2, 4]);
    assert_eq!(env.ids(&["--sort", "wsjf"]), vec![4, 2, 1, 3]);
    assert_eq!(
        env.ids(&["--sort", "rice"]),
        vec![1, 2, 3, 4],
        "none scored: id order"
    );

    // Bravo one-dimensional, Delta must-be, Charlie attractive, Alpha unsurveyed.
    let survey = write(
        &env.dir,
        "survey.csv",
        "respondent,feature,functional,dysfunctional\n\
         r1,Bravo,like,dislike\nr2,Bravo,like,dislike\n\
         r1,Delta,expect,dislike\nr2,Delta,expect,dislike\n\
         r1,Charlie,like,neutral\nr2,Charlie,like,neutral\n",
    );
    env.ok(&["kano", "import", survey.to_str().unwrap()]);
    assert_eq!(env.ids(&["--sort", "kano"]), vec![4, 2, 3, 1]);
    let table = env.ok(&["feedback", "list", "--sort", "kano"]);
    let first: Vec<&str> = table.lines().nth(1).unwrap().split_whitespace().collect();
    assert_eq!(
        first[..2],
        ["4", "Delta"],
        "the table shows the id:\n{table}"
    );
    let categories: Vec<Value> = env
        .items(&["--sort", "kano"])
        .iter()
        .map(|i| i["kano_category"].clone())
        .collect();
    assert_eq!(
        categories,
        ["M", "O", "A"]
            .map(Value::from)
            .into_iter()
            .chain([Value::Null])
            .collect::<Vec<_>>()
    );
    env.refused(&["feedback", "list", "--sort", "moscow"], 2);
}

#[test]
fn status_edit_and_delete_change_only_what_they_say() {
    let env = env();
    let id = env
        .ok(&[
            "feedback",
            "add",
            "--title",
            "Export is slow",
            "--description",
            "Takes minutes",
            "--tag",
            "speed",
            "--customer",
            "Acme",
            "--source",
            "support",
        ])
        .trim()
        .to_string();
    // Planned is a decision: who took it and why (tests/decisions_cli.rs).
    assert_eq!(
        env.ok(&[
            "feedback", "status", &id, "planned", "--by", "Ann", "--why", "Top ask", "--team",
            "Core"
        ]),
        "1: new → planned, decided by Ann (no role in Core)\n"
    );
    env.refused_with(
        &["feedback", "status", &id, "later"],
        "unknown status 'later' (use one of: new, triaged, planned, in_progress, done, wont_do)",
    );
    env.refused_with(
        &["feedback", "status", "7", "done"],
        "no feedback item with id 7",
    );

    assert_eq!(
        env.ok(&["feedback", "edit", &id, "--tag", "export", "--tag", "perf"]),
        "1: Export is slow\n  tags: export, perf\n  customer: Acme\n"
    );
    let item = &env.items(&[])[0];
    assert_eq!(
        item["tags"],
        serde_json::json!(["export", "perf"]),
        "--tag replaces"
    );
    assert_eq!(
        item["description"], "Takes minutes",
        "untouched fields stay"
    );
    assert_eq!(item["status"], "planned");
    assert_eq!(item["source"], "support");
    env.ok(&[
        "feedback",
        "edit",
        &id,
        "--title",
        "Export takes minutes",
        "--customer",
        "",
    ]);
    let item = &env.items(&[])[0];
    assert_eq!(item["title"], "Export takes minutes");
    assert_eq!(item["customer"], Value::Null);
    assert_eq!(item["tags"], serde_json::json!(["export", "perf"]));

    let before = env.items(&[]);
    env.refused_with(
        &["feedback", "edit", &id, "--title", "  "],
        "title must not be empty",
    );
    env.refused_with(
        &["feedback", "edit", "7", "--title", "x"],
        "no feedback item with id 7",
    );
    env.refused(&["feedback", "edit", &id], 2);
    assert_eq!(env.items(&[]), before, "nothing changed");

    assert_eq!(
        env.ok(&["feedback", "delete", &id]),
        "deleted 1: Export takes minutes (with 0 merged reports and 0 survey answers)\n"
    );
    assert!(env.items(&[]).is_empty());
    env.refused_with(&["feedback", "delete", &id], "no feedback item with id 1");
}

#[test]
fn exports_add_the_kano_category_and_merged_reports_at_the_end() {
    let env = env();
    let file = write(
        &env.dir,
        "zendesk.csv",
        "Subject,Description,Requester,Created at\n\
         Export is slow,Takes minutes,Acme,2026-03-01\n\
         Export is slow,Takes minutes,Globex,2026-03-02\n\
         Dark mode,Please,Initech,2026-03-03\n",
    );
    env.ok(&["import", file.to_str().unwrap(), "--source", "support"]);
    let survey = write(
        &env.dir,
        "survey.csv",
        "respondent,feature,functional,dysfunctional\nr1,Dark mode,like,neutral\n",
    );
    env.ok(&["kano", "import", survey.to_str().unwrap()]);

    let items = env.items(&[]);
    let raw = env.ok(&["export", "feedback", "--format", "json"]);
    let at = |key: &str| raw.find(&format!("\"{key}\":")).unwrap();
    assert!(
        at("sentiment") < at("kano_category") && at("kano_category") < at("reports"),
        "the new keys come last:\n{raw}"
    );
    assert_eq!(items[0]["kano_category"], Value::Null);
    let reports = items[0]["reports"].as_array().unwrap();
    assert!(!reports.is_empty(), "{items:?}");
    let globex = reports.iter().find(|r| r["customer"] == "Globex").unwrap();
    assert_eq!(globex["source"], "support");
    assert_eq!(globex["nps"], Value::Null);
    assert!(
        globex["created_at"]
            .as_str()
            .unwrap()
            .starts_with("2026-03-02")
    );
    assert_eq!(items[1]["kano_category"], "A");

    let csv = env.ok(&["export", "feedback", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header.len(), 29);
    assert_eq!(
        header[23..],
        [
            "mentions",
            "sources",
            "sentiment",
            "kano_category",
            "reports",
            "external_id"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let cell: Value = serde_json::from_str(&rows[0][27]).unwrap();
    assert_eq!(
        &cell, &items[0]["reports"],
        "the cell is the JSON export's array"
    );
    assert_eq!((&rows[0][26], &rows[1][26]), ("", "A"));
    assert_eq!(&rows[1][27], "", "no reports, an empty cell");
}

fn path_text(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn file_errors_name_the_path_and_the_reason_in_words() {
    let env = env();
    let dir = env.dir.path();
    let missing = dir.join("x.csv");
    let folder = dir.join("folder");
    std::fs::create_dir(&folder).unwrap();
    let utf16 = write(&env.dir, "utf16.csv", b"\xff\xfet\x00i\x00t\x00");
    let (m, f, u) = (path_text(&missing), path_text(&folder), path_text(&utf16));
    for command in [&["import"][..], &["kano", "import"]] {
        env.refused_with(
            &[command, &[m]].concat(),
            &format!("cannot read '{m}': no such file"),
        );
        env.refused_with(
            &[command, &[f]].concat(),
            &format!("cannot read '{f}': it is a folder, not a file"),
        );
        env.refused_with(
            &[command, &[u]].concat(),
            &format!("cannot read '{u}': not UTF-8 text; save it as UTF-8 and try again"),
        );
    }
    let export = |target| ["export", "feedback", "--format", "csv", "-o", target];
    let nowhere = dir.join("no/such/out.csv");
    let n = path_text(&nowhere);
    env.refused_with(
        &export(n),
        &format!("cannot write '{n}': its folder does not exist"),
    );
    env.refused_with(
        &export(f),
        &format!("cannot write '{f}': it is a folder, not a file"),
    );
    assert!(
        !env.db.exists(),
        "a refused command leaves no database behind"
    );
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_or_folder_is_permission_denied() {
    use std::os::unix::fs::PermissionsExt;
    let env = env();
    let locked = write(&env.dir, "locked.csv", "title\nx\n");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    // Root reads any file whatever its permissions, so there the refusal
    // cannot happen and this test checks nothing.
    if std::fs::read(&locked).is_ok() {
        eprintln!("skipped: running as root, where permissions cannot refuse a read");
        return;
    }
    let l = path_text(&locked);
    for command in [&["import"][..], &["kano", "import"]] {
        env.refused_with(
            &[command, &[l]].concat(),
            &format!("cannot read '{l}': permission denied"),
        );
    }
    let shut = env.dir.path().join("shut");
    std::fs::create_dir(&shut).unwrap();
    std::fs::set_permissions(&shut, std::fs::Permissions::from_mode(0o500)).unwrap();
    let out = shut.join("out.csv");
    let o = path_text(&out);
    env.refused_with(
        &["export", "feedback", "--format", "csv", "-o", o],
        &format!("cannot write '{o}': permission denied"),
    );
}
