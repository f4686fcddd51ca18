//! End to end over real OpenSSH: `retriage serve` on a loopback port with
//! two generated keys allowed, Fran (facilitator) and Dana (participant)
//! each in `ssh` under tmux. Dana writes a hidden card that Fran's screen
//! does not show; Dana's try at the reveal is refused; Fran reveals; Dana
//! votes; Fran adds an action; a third, unlisted key is refused before any
//! screen; a second login with Dana's key replaces the first; quitting
//! gives the terminal back; SIGTERM says goodbye to whoever is left.

mod serve;
mod tmux;

use serve::{Server, collecting_retro, show, votes};
use std::path::Path;
use std::process::Command;
use tempfile::TempDir;
use tmux::{Tmux, tmux_available};

fn ssh_available() -> bool {
    let found = Command::new("ssh").arg("-V").output().is_ok()
        && Command::new("ssh-keygen").arg("--help").output().is_ok();
    if !found {
        assert!(std::env::var_os("CI").is_none(), "ssh is required on CI");
        eprintln!("ssh not found: skipping the serve end-to-end test");
    }
    found
}

/// Makes an ed25519 key pair `name`, `name.pub` in `dir`; returns the
/// public key's `TYPE BASE64`.
fn keygen(dir: &Path, name: &str) -> String {
    let status = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", "", "-f"])
        .arg(dir.join(name))
        .status()
        .unwrap();
    assert!(status.success());
    let public = std::fs::read_to_string(dir.join(format!("{name}.pub"))).unwrap();
    public
        .split_whitespace()
        .take(2)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The ssh command line for `key`, trusting the new host key (the test
/// checks its fingerprint is printed instead).
fn ssh_command(dir: &Path, key: &str, port: u16) -> Vec<String> {
    [
        "ssh",
        "-F",
        "/dev/null",
        "-o",
        "StrictHostKeyChecking=no",
        "-o",
        "UserKnownHostsFile=/dev/null",
        "-o",
        "IdentitiesOnly=yes",
        "-o",
        "BatchMode=yes",
        "-o",
        "LogLevel=ERROR",
        "-i",
        &dir.join(key).display().to_string(),
        "-p",
        &port.to_string(),
        "-t",
        "someone@127.0.0.1",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

fn open_in_tmux(name: &str, command: &[String]) -> Tmux {
    let tmux = Tmux::new(name);
    let line = format!(
        "env TERM=xterm-256color {}; echo \"ssh exited with $?\"; sleep 60",
        command.join(" ")
    );
    let out = tmux.run(&["new-session", "-d", "-x", "120", "-y", "40", &line]);
    assert!(out.status.success());
    tmux
}

/// The facilitator moves on a phase (answering the question if one comes).
fn next_phase(fran: &Tmux, phase: &str) {
    fran.keys(&["]"]);
    std::thread::sleep(std::time::Duration::from_millis(300));
    if fran.screen().contains("(y/n)") {
        fran.keys(&["y"]);
    }
    fran.wait_for(&format!("· {phase}"));
}

#[test]
fn a_small_retro_is_played_over_ssh_and_an_unlisted_key_is_refused() {
    if !tmux_available() || !ssh_available() {
        return;
    }
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("retro.db");
    let retro = collecting_retro(&db, "Sprint 12");
    let allow = format!(
        "facilitator {} Fran\n{} Dana\n",
        keygen(dir.path(), "fran"),
        keygen(dir.path(), "dana")
    );
    keygen(dir.path(), "eve");
    let allow_path = dir.path().join("allowed_keys");
    std::fs::write(&allow_path, allow).unwrap();
    let server = Server::start(&db, &allow_path);
    let host_key = db.with_extension("db.host_key");
    let mode = std::os::unix::fs::PermissionsExt::mode(&host_key.metadata().unwrap().permissions());
    assert_eq!(mode & 0o777, 0o600);

    // Eve's key is not in the list: refused, nothing drawn.
    let eve = Command::new(&ssh_command(dir.path(), "eve", server.port)[0])
        .args(&ssh_command(dir.path(), "eve", server.port)[1..])
        .output()
        .unwrap();
    assert_eq!(eve.status.code(), Some(255));
    assert!(String::from_utf8_lossy(&eve.stderr).contains("Permission denied (publickey)"));
    assert!(eve.stdout.is_empty(), "no screen for a refused key");

    let dana = open_in_tmux("serve-dana", &ssh_command(dir.path(), "dana", server.port));
    dana.wait_for("Dana (participant)");
    let fran = open_in_tmux("serve-fran", &ssh_command(dir.path(), "fran", server.port));
    fran.wait_for("Fran (facilitator)");

    // Collect: Dana's card is hers alone until the reveal.
    dana.keys(&["a"]);
    dana.wait_for("Card");
    dana.literal("Flaky deploys at night");
    dana.keys(&["Enter"]);
    dana.wait_for("Flaky deploys at night");
    fran.wait_for("Start (1, 1 hidden)");
    assert!(!fran.screen().contains("Flaky deploys"), "hidden from Fran");

    // A participant cannot reveal.
    dana.keys(&["R"]);
    dana.wait_for("Only the facilitator");
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(!fran.screen().contains("Flaky deploys"), "still hidden");

    fran.keys(&["R"]);
    fran.wait_for("Flaky deploys at night");

    next_phase(&fran, "Group");
    next_phase(&fran, "Vote");
    dana.wait_for("· Vote");
    dana.keys(&["+"]);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while votes(&show(&db, &retro)) == 0 {
        assert!(
            std::time::Instant::now() < deadline,
            "Dana's vote never landed"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }

    next_phase(&fran, "Discuss");
    next_phase(&fran, "Actions");
    fran.keys(&["a"]);
    fran.wait_for("Owner");
    fran.literal("Move deploys to mornings");
    fran.keys(&["Enter"]);
    dana.wait_for("Move deploys to mornings");
    assert_eq!(
        show(&db, &retro)["actions"][0]["title"],
        "Move deploys to mornings"
    );

    // A second login with Dana's key replaces the first session.
    let dana_again = open_in_tmux("serve-dana2", &ssh_command(dir.path(), "dana", server.port));
    dana_again.wait_for("Move deploys to mornings");
    dana.wait_for("You logged in again with the same key");

    // Quitting gives the terminal back.
    dana_again.keys(&["q"]);
    let screen = dana_again.wait_for("ssh exited with");
    assert!(screen.contains("Goodbye."), "{screen}");
    assert_eq!(dana_again.pane_flag("alternate_on"), "0");
    assert_eq!(dana_again.pane_flag("mouse_any_flag"), "0");

    let (clean, log) = server.stop();
    assert!(clean, "{log}");
    assert!(log.contains("refused"), "{log}");
    assert!(log.contains("Dana (Participant) connected"), "{log}");
    fran.wait_for("shutting down. Goodbye.");
    for tmux in [fran, dana, dana_again] {
        tmux.run(&["kill-server"]);
    }
}
