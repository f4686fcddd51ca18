//! End to end at the 80×24 minimum: the real binary in tmux reads a long
//! description in the detail pane (over the table, scrolled to its end)
//! and moves the item with the status picker, one key.

use std::process::Command;
use tempfile::TempDir;

mod tmux;

use tmux::{Tmux, tmux_available};

const DESCRIPTION: &str = "Managers build the weekly rota in retriage and then retype \
it into Excel to mail it to the ward, which takes them an hour every Friday. They want \
one button that exports the plan as a spreadsheet with one sheet per ward, the shifts \
as rows and the nurses as columns, in the colours the plan uses on screen. Three \
clinics asked for it this quarter, and Northwind said it is the reason they still \
keep a paper copy of every plan in the office.\n\nWhat they tried: printing the \
screen, which loses the colours; copying the table by hand, which takes the hour \
they wanted back; and the command-line CSV export, which they found in the manual \
but cannot run on the ward's computers because those are locked down.\n\nWhat \
would do: the button in the plan's menu, the file named after the week, and the \
same columns every week so that the macros the managers wrote keep working when \
the plan changes. The end of this report is the word zebracrossing.";

#[test]
fn read_a_long_description_and_pick_a_status_at_80x24() {
    if !tmux_available() {
        return;
    }
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("small.db");
    let out = Command::new(env!("CARGO_BIN_EXE_retriage"))
        .arg("--db")
        .arg(&db)
        .args([
            "feedback",
            "add",
            "--title",
            "Export the weekly shift plan to Excel",
            "--description",
            DESCRIPTION,
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let tmux = Tmux::new("small");
    tmux.start_sized(&db, "", 80, 24);
    tmux.wait_for_line(&["Export the weekly shift plan", "new"]);

    // The detail pane takes the screen; the description wraps at words.
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("Managers build the weekly rota");
    assert!(screen.contains("Detail · 1–"), "{screen}");
    assert!(!screen.contains("WSJF"), "the scores are below: {screen}");
    // space scrolls on to the end: the last of the description and the
    // scores after it.
    tmux.keys(&["Space"]);
    let screen = tmux.wait_for("WSJF");
    assert!(screen.contains("zebracrossing."), "{screen}");
    assert!(screen.contains("Detail · 5–24 of 24"), "{screen}");
    for line in screen.lines() {
        assert!(!line.contains("zebracross "), "cut inside a word: {line}");
    }

    // The picker: every status with its key; w asks for the decision, esc
    // leaves it; i moves the item at once.
    tmux.keys(&["Escape"]);
    tmux.wait_gone("Detail");
    tmux.keys(&["t"]);
    let screen = tmux.wait_for("Move to status");
    for status in [
        "new",
        "triaged",
        "planned",
        "in_progress",
        "done",
        "wont_do",
    ] {
        assert!(screen.contains(status), "{status}: {screen}");
    }
    tmux.keys(&["w"]);
    tmux.wait_for("Decision: move to wont_do");
    tmux.keys(&["Escape"]);
    tmux.wait_gone("Decision: move to wont_do");
    tmux.keys(&["t"]);
    tmux.wait_for("Move to status");
    tmux.keys(&["i"]);
    tmux.wait_for("is now in_progress");
    tmux.wait_for_line(&["Export the weekly shift plan", "in_progress"]);
    tmux.keys(&["q"]);
    tmux.wait_exit();
}
