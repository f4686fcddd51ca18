//! End to end: a whole small retro run by a facilitator at the real binary
//! in tmux — review last time's action, collect cards as two participants,
//! a kill in the middle that loses nothing, reveal, group, vote, a timed
//! discussion, an action item, ROTI, an export — then the exports checked
//! from the command line.

mod common;
mod tmux;

use common::retriage;
use std::process::Command;
use std::time::{Duration, Instant};
use tempfile::TempDir;
use tmux::{Tmux, tmux_available};

fn stdout(cmd: &mut assert_cmd::Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Kills the app running in `tmux` at once (SIGKILL: no chance to tidy up).
fn kill_app(tmux: &Tmux) {
    let shell = tmux.pane_flag("pane_pid");
    let child = Command::new("pgrep").args(["-P", &shell]).output().unwrap();
    let pid = String::from_utf8(child.stdout).unwrap().trim().to_string();
    assert!(!pid.is_empty(), "no app under the shell {shell}");
    Command::new("kill").args(["-9", &pid]).status().unwrap();
    let deadline = Instant::now() + Duration::from_secs(5);
    while std::path::Path::new(&format!("/proc/{pid}")).exists() {
        assert!(Instant::now() < deadline, "retriage {pid} survived kill -9");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_facilitator_runs_a_whole_retro_and_exports_it() {
    if !tmux_available() {
        return;
    }
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("retro.db");
    // Last sprint's retro left an open action for this one to review.
    let first = stdout(retriage(&db).args([
        "retro",
        "new",
        "--team",
        "core",
        "--template",
        "kpt",
        "--title",
        "Sprint 47",
        "--participant",
        "Dana",
        "--participant",
        "Eli",
    ]));
    stdout(retriage(&db).args([
        "actions",
        "add",
        "--retro",
        first.trim(),
        "--title",
        "Automate the changelog",
        "--owner",
        "Eli",
    ]));

    let tmux = Tmux::new("retro");
    tmux.start(&db);
    tmux.wait_for("No feedback yet.");
    tmux.keys(&["4"]);
    tmux.wait_for("Sprint 47");

    // A new retro from the list: the team is the selected retro's; a
    // title, the first template, people.
    tmux.keys(&["a"]);
    tmux.wait_for("New retro");
    tmux.wait_for_line(&["Team", "core"]);
    tmux.keys(&["Tab"]);
    tmux.literal("Sprint 48");
    // Date (blank: today), template (the first), facilitator (blank: you).
    tmux.keys(&["Tab", "Tab", "Tab", "Tab"]);
    tmux.literal("Dana, Eli");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Created the retro “Sprint 48”");

    // Review: last time's open action, marked done.
    tmux.wait_for_line(&["Automate the changelog", "not reviewed yet"]);
    tmux.keys(&["t"]);
    tmux.wait_for_line(&["Automate the changelog", "reviewed: done"]);

    // Collect: one key, typing, Enter — as Dana, then as Eli.
    tmux.keys(&["]"]);
    tmux.wait_for("Collect: a adds a card");
    tmux.keys(&["a"]);
    tmux.wait_for("Add a card");
    tmux.literal("Ship smaller PRs");
    tmux.keys(&["Enter"]);
    tmux.wait_for_line(&["Ship smaller PRs — Dana"]);

    // A kill in the middle of the retro loses nothing that was confirmed.
    kill_app(&tmux);
    drop(tmux);
    let tmux = Tmux::new("retro-again");
    tmux.start(&db);
    tmux.wait_for("No feedback yet.");
    tmux.keys(&["4"]);
    tmux.wait_for_line(&["Sprint 48", "Collect"]);
    tmux.keys(&["Enter"]);
    tmux.wait_for_line(&["Ship smaller PRs — Dana"]);

    tmux.keys(&["p"]);
    tmux.wait_for("Writing and voting as Eli");
    tmux.keys(&["a"]);
    tmux.wait_for("Add a card");
    tmux.literal("Deploys are flaky");
    tmux.keys(&["Enter"]);
    // Eli reads his own card, not Dana's, until the reveal.
    tmux.wait_for_line(&["Deploys are flaky — Eli"]);
    let screen = tmux.wait_for("hidden card");
    assert!(!screen.contains("Ship smaller PRs"), "{screen}");
    tmux.keys(&["R"]);
    tmux.wait_for("Revealed 2 cards");
    tmux.wait_for_line(&["Ship smaller PRs — Dana"]);

    // Group: mark one card, m on the other, name the group.
    tmux.keys(&["]"]);
    tmux.wait_for("Group: m marks a card");
    tmux.keys(&["g", "m", "j", "m"]);
    tmux.wait_for("Group the two cards");
    tmux.keys(&["C-a", "C-k"]);
    tmux.literal("Delivery");
    tmux.keys(&["Enter"]);
    tmux.wait_for_line(&["[Delivery] Deploys are flaky"]);

    // Vote: Eli and Dana each put a vote on the group.
    tmux.keys(&["]"]);
    tmux.wait_for("Vote: Eli has 5 of 5 votes left");
    tmux.keys(&["+"]);
    tmux.wait_for("Vote: Eli has 4 of 5 votes left");
    tmux.keys(&["p"]);
    tmux.wait_for("Vote: Dana has 5 of 5 votes left");
    tmux.keys(&["+"]);
    tmux.wait_for_line(&["Delivery", "total 2"]);

    // Discuss: the countdown runs, redraws on its own, and pauses.
    tmux.keys(&["]"]);
    tmux.wait_for("Discuss: topics by votes");
    tmux.keys(&["Space"]);
    tmux.wait_for("4:58 left");
    tmux.keys(&["Space"]);
    tmux.wait_for("left (paused)");

    // Actions: one for the topic, with an owner and a due date.
    tmux.keys(&["]"]);
    tmux.wait_for("Actions: 0 so far");
    tmux.keys(&["a"]);
    tmux.wait_for("Add an action item");
    tmux.literal("Split the deploy job");
    tmux.keys(&["Tab"]);
    tmux.literal("Eli");
    tmux.keys(&["Tab"]);
    tmux.literal("2099-12-18");
    tmux.keys(&["Enter"]);
    tmux.wait_for_line(&["Split the deploy job — Eli, due 2099-12-18 [open]"]);

    // Close: Dana rates the retro, then it is exported as Markdown.
    tmux.keys(&["]"]);
    tmux.wait_for("Close: rate the time invested");
    tmux.keys(&["+", "+"]);
    tmux.wait_for_line(&["Dana", "★★★★☆ 4"]);
    let markdown = dir.path().join("sprint-48.md");
    tmux.keys(&["E"]);
    tmux.wait_for("Export the retro");
    tmux.keys(&["C-a", "C-k"]);
    tmux.literal(&markdown.display().to_string());
    tmux.keys(&["Enter"]);
    tmux.wait_for("Exported to");
    tmux.keys(&["q"]);
    tmux.wait_exit();

    // The Markdown holds the cards and the action under its topic.
    let text = std::fs::read_to_string(&markdown).unwrap();
    for part in [
        "# Retro: Sprint 48",
        "Ship smaller PRs",
        "Deploys are flaky",
        "Delivery",
        "Split the deploy job",
    ] {
        assert!(text.contains(part), "{part} missing from:\n{text}");
    }
    let topic = text.find("Delivery").unwrap();
    assert!(text[topic..].contains("Split the deploy job"), "{text}");
    // The Jira CSV maps without edits: its header and the action's row.
    let jira =
        stdout(retriage(&db).args(["actions", "export", "--team", "core", "--format", "jira"]));
    let mut reader = csv::Reader::from_reader(jira.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "Summary",
            "Description",
            "Assignee",
            "Due Date",
            "Labels",
            "Issue Type"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let row = rows
        .iter()
        .find(|r| &r[0] == "Split the deploy job")
        .expect("the new action");
    assert_eq!(&row[2], "Eli");
    assert_eq!(&row[3], "18/Dec/99");
    // The review stuck: last sprint's action is done.
    let actions = stdout(retriage(&db).args(["actions", "list", "--format", "json"]));
    let actions: serde_json::Value = serde_json::from_str(&actions).unwrap();
    let changelog = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Automate the changelog")
        .unwrap();
    assert_eq!(changelog["status"], "done");
}
