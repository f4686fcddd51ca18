//! End to end: the real binary in a real terminal (tmux), driven by keys as a
//! person would, reading what is on screen. Needs tmux (`.ci/run` installs
//! it); without tmux these tests fail on CI and are skipped elsewhere.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};
use tempfile::TempDir;

mod tmux;

use tmux::{Tmux, tmux_available};

fn db_path(dir: &TempDir) -> PathBuf {
    dir.path().join("e2e.db")
}

#[test]
fn add_score_quit_and_find_it_again() {
    if !tmux_available() {
        return;
    }
    let dir = TempDir::new().unwrap();
    let db = db_path(&dir);
    let tmux = Tmux::new("add");
    tmux.start(&db);
    tmux.wait_for("No feedback yet.");

    // Add: one key, type, Enter.
    tmux.keys(&["a"]);
    tmux.wait_for("Add feedback");
    tmux.literal("Offline mode for nurses");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("Added “Offline mode for nurses”");
    assert!(screen.contains("Dash   1 item "), "{screen}");

    // Score with RICE: reach 150, impact high, confidence 80 %, effort 1.
    tmux.keys(&["r"]);
    tmux.wait_for("Score with RICE");
    tmux.literal("150");
    tmux.keys(&[
        "Tab", "Right", "Right", "Right", "Right", "Tab", "Right", "Right", "Tab",
    ]);
    tmux.literal("1");
    tmux.wait_for("Score: 240.0");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Scored “Offline mode for nurses”");
    let row = tmux.wait_for_line(&["Offline mode for nurses", "150", "80%", "240│"]);
    assert!(row.trim_end().ends_with("240│"), "{row}");

    // Move it along (the picker, then triaged) and quit.
    tmux.keys(&["t"]);
    tmux.wait_for("Move to status");
    tmux.keys(&["t"]);
    tmux.wait_for("is now triaged");
    tmux.keys(&["q"]);
    tmux.wait_exit();

    // Start again: the item, its status and its score are still there.
    let tmux = Tmux::new("again");
    tmux.start(&db);
    tmux.wait_for_line(&["Offline mode for nurses", "triaged", "240"]);

    // Delete asks, undo brings it back.
    tmux.keys(&["d"]);
    tmux.wait_for("Delete “Offline mode for nurses”? (y/n)");
    tmux.keys(&["y"]);
    tmux.wait_for("No feedback yet.");
    tmux.keys(&["u"]);
    let screen = tmux.wait_for("Undid");
    assert!(screen.contains("Offline mode for nurses"), "{screen}");
    tmux.keys(&["q"]);
    tmux.wait_exit();

    let out = Command::new(env!("CARGO_BIN_EXE_retriage"))
        .args(["feedback", "list", "--format", "json", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    let items: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(items[0]["title"], "Offline mode for nurses");
    assert_eq!(items[0]["status"], "triaged");
    assert_eq!(items[0]["rice"]["score"], 240.0);
}

#[test]
fn filter_help_and_a_too_small_terminal() {
    if !tmux_available() {
        return;
    }
    let dir = TempDir::new().unwrap();
    let db = db_path(&dir);
    let bin = env!("CARGO_BIN_EXE_retriage");
    for title in ["Export to Excel", "Dark mode", "SSO login times out"] {
        let out = Command::new(bin)
            .args(["feedback", "add", "--title", title, "--db"])
            .arg(&db)
            .output()
            .unwrap();
        assert!(out.status.success());
    }
    let tmux = Tmux::new("filter");
    tmux.start(&db);
    tmux.wait_for("Dash   3 items");
    tmux.keys(&["/"]);
    tmux.literal("dark");
    let screen = tmux.wait_for("1 of 3 items");
    assert!(
        screen.contains("Dark mode") && !screen.contains("Export to Excel"),
        "{screen}"
    );
    tmux.keys(&["Escape"]);
    tmux.wait_for("Dash   3 items");

    tmux.keys(&["?"]);
    tmux.wait_for("Help — keys");
    tmux.keys(&["Escape"]);

    // Another process adds an item: the open table picks it up.
    let out = Command::new(bin)
        .args(["feedback", "add", "--title", "Added from a script", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(out.status.success());
    tmux.wait_for("Added from a script");
    tmux.wait_for("Dash   4 items");

    tmux.run(&["resize-window", "-x", "70", "-y", "20"]);
    tmux.wait_for("needs a terminal of at least 80×24");
    tmux.run(&["resize-window", "-x", "120", "-y", "40"]);
    tmux.wait_for("Dash   4 items");
    // A polite kill leaves the terminal restored too.
    // The pane runs a shell that runs the app: signal the app itself.
    let shell = tmux.pane_flag("pane_pid");
    let child = Command::new("pgrep").args(["-P", &shell]).output().unwrap();
    let pid = String::from_utf8(child.stdout).unwrap().trim().to_string();
    assert!(!pid.is_empty(), "the app's process was not found");
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    tmux.wait_exit();
}

#[test]
fn the_description_can_be_written_in_an_external_editor() {
    if !tmux_available() {
        return;
    }
    let dir = TempDir::new().unwrap();
    let db = db_path(&dir);
    let editor = dir.path().join("fake-editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\nprintf 'Written in the editor.\\nSecond line.\\n' > \"$1\"\n",
    )
    .unwrap();
    Command::new("chmod")
        .arg("+x")
        .arg(&editor)
        .status()
        .unwrap();

    let tmux = Tmux::new("editor");
    tmux.start_with(&db, &format!("VISUAL='{}'", editor.display()));
    tmux.wait_for("No feedback yet.");
    tmux.keys(&["a"]);
    tmux.wait_for("Add feedback");
    tmux.literal("Long story");
    tmux.keys(&["Tab", "C-e"]);
    tmux.wait_for("Written in the editor.");
    tmux.keys(&["C-s"]);
    tmux.wait_for("Added “Long story”");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("Second line.");
    assert!(screen.contains("Written in the editor."), "{screen}");
    tmux.keys(&["q"]);
    tmux.wait_exit();
}

#[test]
fn a_surveyed_feature_on_the_kano_screen() {
    if !tmux_available() {
        return;
    }
    let dir = TempDir::new().unwrap();
    let db = db_path(&dir);
    let survey =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/kano_long.csv");
    let out = Command::new(env!("CARGO_BIN_EXE_retriage"))
        .args(["kano", "import", "--db"])
        .arg(&db)
        .arg(&survey)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let tmux = Tmux::new("kano");
    tmux.start(&db);
    tmux.wait_for("Dash   3 items");
    // The triage table shows the Kano letter.
    tmux.wait_for_line(&["Export to Excel", " M "]);

    tmux.keys(&["2"]);
    tmux.wait_for("Better vs |Worse|");
    // Waited for one by one: a capture can fall in the middle of a redraw.
    for text in [
        "Attractive",
        "Performance",
        "Must-be",
        "Indifferent",
        "must-be",
        "attractive",
    ] {
        tmux.wait_for(text);
    }
    tmux.wait_for("Answers: Export to Excel");
    tmux.keys(&["j"]);
    tmux.wait_for("Answers: Dark mode");
    tmux.keys(&["]"]);
    tmux.wait_for("tie window 5 pts");
    tmux.keys(&["1"]);
    tmux.wait_for("Dash   3 items");
    tmux.keys(&["K"]);
    let screen = tmux.wait_for("kano=must-be");
    assert!(
        screen.contains("Export to Excel") && !screen.contains("Dark mode"),
        "{screen}"
    );
    tmux.keys(&["q"]);
    tmux.wait_exit();
}

#[test]
fn the_app_leaves_when_its_terminal_goes_away() {
    if !tmux_available() {
        return;
    }
    let dir = TempDir::new().unwrap();
    let db = db_path(&dir);
    let tmux = Tmux::new("hangup");
    tmux.start(&db);
    tmux.wait_for("No feedback yet.");
    let shell = tmux.pane_flag("pane_pid");
    let child = Command::new("pgrep").args(["-P", &shell]).output().unwrap();
    let pid = String::from_utf8(child.stdout).unwrap().trim().to_string();
    assert!(!pid.is_empty());
    // Closing the terminal hangs it up; the app must not linger (it used to
    // spin in crossterm's poll on the dead tty).
    tmux.run(&["kill-server"]);
    let deadline = Instant::now() + Duration::from_secs(5);
    while Path::new(&format!("/proc/{pid}")).exists() {
        assert!(Instant::now() < deadline, "retriage {pid} is still running");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn import_a_file_fix_its_mapping_and_review_duplicates() {
    if !tmux_available() {
        return;
    }
    let dir = TempDir::new().unwrap();
    let db = db_path(&dir);
    let tickets = dir.path().join("tickets.csv");
    std::fs::write(
        &tickets,
        "Subject;Details;Requester;Votes\n\
         Roster export is slow;Takes minutes;ann@example.com;9\n\
         Cannot log in;SSO loops every morning;bob@example.com;3\n\
         Slow roster export;Takes minutes every time;cy@example.com;10\n",
    )
    .unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "title,created\nFine,2026-10-01\nBroken,soon\n").unwrap();

    let tmux = Tmux::new("import");
    tmux.start(&db);
    tmux.wait_for("No feedback yet.");

    // A file with a bad row imports nothing and says which cell is wrong.
    tmux.keys(&["i"]);
    tmux.wait_for("Import feedback");
    tmux.literal(&bad.display().to_string());
    tmux.keys(&["Enter"]);
    tmux.wait_for("CSV (comma) · 2 columns");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("Nothing was imported");
    assert!(
        screen.contains("line 3, column 'created', value 'soon'"),
        "{screen}"
    );
    tmux.keys(&["Escape"]);
    tmux.wait_for("CSV (comma) · 2 columns");
    tmux.keys(&["Escape"]);
    tmux.wait_for("File: ");
    tmux.keys(&["Escape"]);
    let screen = tmux.wait_gone("Import feedback");
    assert!(screen.contains("No feedback yet."), "{screen}");

    // The real file: the preview shows the mapping; Votes becomes the NPS.
    tmux.keys(&["i"]);
    tmux.wait_for("Import feedback");
    tmux.literal(&tickets.display().to_string());
    tmux.keys(&["Enter"]);
    tmux.wait_for("CSV (semicolon) · 4 columns");
    tmux.wait_for_line(&["Votes", "(not imported)"]);
    tmux.wait_for_line(&["Details", "description"]);
    tmux.keys(&["Down", "Down", "Down", "Left"]);
    tmux.wait_for_line(&["Votes", "◀ nps ▶"]);
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("imported 3 rows");
    assert!(screen.contains("3 new items"), "{screen}");
    assert!(!screen.contains("merged"), "{screen}");
    assert!(screen.contains("NPS +33 (n=3)"), "{screen}");
    assert!(screen.contains("Cannot log in"), "{screen}");

    // The two reports of a slow export are near-duplicates: merge them.
    tmux.keys(&["3"]);
    tmux.wait_for("1 pair");
    // (Waited for, not asserted: a capture can fall between two lines of
    // one frame being written.)
    let screen = tmux.wait_for("Merged into it: #3");
    assert!(screen.contains("Keeps #1"), "{screen}");
    tmux.keys(&["m"]);
    tmux.wait_for("(y/n)");
    tmux.keys(&["y"]);
    tmux.wait_for("Merged into “Roster export is slow” (2 mentions)");
    tmux.wait_for("0 pairs");
    tmux.keys(&["1"]);
    let screen = tmux.wait_for("Dash   2 items");
    tmux.wait_for_line(&["Roster export is slow", "×2"]);
    assert!(!screen.contains("Slow roster export"), "{screen}");
    tmux.keys(&["q"]);
    tmux.wait_exit();

    // The merge kept the other report's source row and text.
    let out = Command::new(env!("CARGO_BIN_EXE_retriage"))
        .args([
            "--db",
            &db.display().to_string(),
            "feedback",
            "list",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let items: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(items.as_array().unwrap().len(), 2);
    assert_eq!(items[0]["mentions"], 2);
}

#[test]
fn moving_an_item_to_planned_asks_who_decided_and_logs_it() {
    if !tmux_available() {
        return;
    }
    let dir = TempDir::new().unwrap();
    let db = db_path(&dir);
    let cli = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_retriage"))
            .env_remove("RETRIAGE_DB")
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    cli(&["feedback", "add", "--title", "Offline mode for nurses"]);
    cli(&[
        "team", "role", "set", "--team", "Wards", "--person", "Ann", "--role", "decider",
    ]);
    let tmux = Tmux::new("decide");
    tmux.start(&db);
    tmux.wait_for_line(&["Offline mode for nurses", "new"]);

    // new → triaged is no decision; triaged → planned asks for one.
    tmux.keys(&["t"]);
    tmux.wait_for("Move to status");
    tmux.keys(&["t"]);
    tmux.wait_for("is now triaged");
    tmux.keys(&["t"]);
    tmux.wait_for("Move to status");
    tmux.keys(&["p"]);
    tmux.wait_for("Decision: move to planned");
    // Esc on the untouched form: nothing changes.
    tmux.keys(&["Escape"]);
    tmux.wait_gone("Decision: move to planned");
    tmux.wait_for_line(&["Offline mode for nurses", "triaged"]);

    tmux.keys(&["t"]);
    tmux.wait_for("Move to status");
    tmux.keys(&["p"]);
    tmux.wait_for("Decision: move to planned");
    tmux.literal("Ann");
    tmux.keys(&["Tab"]);
    tmux.literal("Night shifts lose signal");
    tmux.keys(&["Enter"]);
    tmux.wait_for("is now planned, decided by Ann (decider)");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Night shifts lose signal");
    tmux.keys(&["q"]);
    tmux.wait_exit();

    let log: serde_json::Value =
        serde_json::from_str(&cli(&["decisions", "list", "--format", "json"])).unwrap();
    assert_eq!(log[0]["by"], "Ann");
    assert_eq!(log[0]["role"], "decider");
    assert_eq!(log[0]["why"], "Night shifts lose signal");
    assert_eq!(log[0]["status"], "planned");
}
