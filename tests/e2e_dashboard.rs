//! End to end: the Dashboard screen (6) of the real binary in tmux shows a
//! shared KPI's chart and progress; a check-in recorded from the command
//! line while the TUI runs moves both, without a key pressed.

mod common;
mod tmux;

use chrono::{Days, Local};
use common::retriage;
use tempfile::TempDir;
use tmux::{Tmux, tmux_available};

fn ok(cmd: &mut assert_cmd::Command) {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The chart's lines: the KPI's box less its title and status lines.
fn chart_of(screen: &str) -> String {
    screen
        .lines()
        .skip_while(|l| !l.contains("KPI Lead time"))
        .skip(2)
        .take(7)
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_check_in_recorded_from_the_cli_moves_the_chart_and_the_progress() {
    if !tmux_available() {
        return;
    }
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("dash.db");
    ok(retriage(&db).args([
        "kpi",
        "add",
        "--team",
        "Core",
        "--name",
        "Lead time",
        "--description",
        "Days from request to release",
        "--metric",
        "lead time",
        "--unit",
        "days",
        "--baseline",
        "30",
        "--target",
        "10",
        "--direction",
        "down",
        "--deadline",
        "2099-12-31",
        "--business-owner",
        "Ines",
        "--it-owner",
        "Omar",
    ]));
    let today = Local::now().date_naive();
    for (days_ago, value) in [(21, "28"), (14, "25")] {
        let date = (today - Days::new(days_ago)).to_string();
        ok(retriage(&db).args([
            "kpi", "record", "Lead", "--team", "Core", "--value", value, "--date", &date,
        ]));
    }

    let tmux = Tmux::new("dashboard");
    tmux.start(&db);
    tmux.wait_for("No feedback yet.");
    tmux.keys(&["6"]);
    tmux.wait_for_line(&["progress 25 %", "on track"]);
    let screen = tmux.screen();
    assert!(screen.contains("base 30"), "{screen}");
    let before = chart_of(&screen);
    assert!(before.contains('⠤'), "a line drawn in braille:\n{before}");

    // Another process records a check-in: the screen follows by itself.
    ok(retriage(&db).args(["kpi", "record", "Lead", "--team", "Core", "--value", "12"]));
    tmux.wait_for_line(&["progress 90 %"]);
    let after = chart_of(&tmux.screen());
    assert_ne!(before, after, "the chart shows the new check-in");

    // p changes the period.
    tmux.keys(&["p"]);
    tmux.wait_for("last 4 weeks");
    tmux.keys(&["q"]);
    tmux.wait_exit();
}
