//! End to end on a large backlog: the real binary in tmux, on 60,003
//! imported items (above the size from which sorting and filtering run off
//! the input path, so through the background job and its answer), sorts and
//! filters as a person would and sees the right rows arrive. That the keys
//! do not wait for the work is shown by the list and app tests and measured
//! by `scripts/bench-keys.py`; a screen capture cannot catch it reliably.

use std::fmt::Write as _;
use std::process::Command;
use tempfile::TempDir;

mod tmux;

use tmux::{Tmux, tmux_available};

const ROUTINE_ROWS: usize = 60_000;

/// A CSV of routine reports from 2026, plus one newest report, one whose
/// title sorts first, and one that a filter finds alone.
fn backlog_csv() -> String {
    let mut csv = String::from("title,description,source,created_at\n");
    for i in 0..ROUTINE_ROWS {
        let (day, minute) = (1 + i % 28, i % 1440);
        let (month, hour, minute) = (1 + i % 11, minute / 60, minute % 60);
        writeln!(
            csv,
            "Routine report {i},Nothing unusual in report {i},support,2026-{month:02}-{day:02}T{hour:02}:{minute:02}:00Z"
        )
        .unwrap();
    }
    csv.push_str("Newest zebra crossing report,The latest of all,support,2026-12-01T08:00:00Z\n");
    csv.push_str("Aardvark sorts first,By title,survey,2026-02-01T08:00:00Z\n");
    csv.push_str("Quokka appears once,Only the filter finds it,survey,2026-03-01T08:00:00Z\n");
    csv
}

/// The first row of the table: the line after its column titles.
fn first_row(screen: &str) -> &str {
    let mut lines = screen.lines();
    lines.find(|line| line.contains("# Title"));
    lines.next().unwrap_or("")
}

#[test]
fn sort_and_filter_sixty_thousand_items() {
    if !tmux_available() {
        return;
    }
    let dir = TempDir::new().unwrap();
    let (db, csv) = (dir.path().join("large.db"), dir.path().join("large.csv"));
    std::fs::write(&csv, backlog_csv()).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_retriage"))
        .arg("--db")
        .arg(&db)
        .arg("import")
        .arg(&csv)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");

    let tmux = Tmux::new("large");
    tmux.start_sized(&db, "", 140, 40);
    // Every row is in once the header names the model.
    tmux.wait_for("60003 items  sort score");

    // The selection stays on its item through a sort; `g` goes to the top
    // once the new order is in (the header no longer says "sorting…").
    let sorted_by = |name: &str| {
        let name = format!("sort {name}");
        tmux.wait_until(&name.clone(), move |screen| {
            screen.contains(&name) && !screen.contains("sorting…")
        });
        tmux.keys(&["g"]);
    };
    tmux.keys(&["s"]);
    sorted_by("created ↓");
    tmux.wait_until("the newest first", |screen| {
        first_row(screen).contains("Newest zebra crossing report")
    });

    tmux.keys(&["s"]);
    sorted_by("title ↓");
    tmux.wait_until("A to Z", |screen| {
        first_row(screen).contains("Aardvark sorts first")
    });

    // Reversed: Z to A, the routine reports first.
    tmux.keys(&["S"]);
    sorted_by("title ↑");
    tmux.wait_until("Z to A", |screen| {
        first_row(screen).contains("Routine report 9999")
    });

    tmux.keys(&["/"]);
    tmux.literal("quokka");
    tmux.wait_until("one match", |screen| {
        screen.contains(" 1 of 60003 items") && first_row(screen).contains("Quokka appears once")
    });
    // esc clears the filter: every row again (the selection stays on the
    // item it was on), in the order before it.
    tmux.keys(&["Escape"]);
    tmux.wait_until("every row", |screen| {
        screen.contains(" 60003 items  sort title ↑")
            && !screen.contains("filtering…")
            && screen.contains("Quokka appears once")
    });
    tmux.keys(&["g"]);
    tmux.wait_until("the top of Z to A", |screen| {
        first_row(screen).contains("Routine report 9999")
    });
}
