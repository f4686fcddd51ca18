//! Driving the real binary in a real terminal: tmux starts it, `keys` and
//! `literal` type, `wait_for` reads the screen until something shows. Shared
//! by the end-to-end tests (`e2e.rs`, `e2e_retro.rs`).
#![allow(dead_code)] // not every end-to-end test uses every helper

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};
use tempfile::TempDir;

pub struct Tmux {
    socket: String,
    home: TempDir,
}

pub fn tmux_available() -> bool {
    match Command::new("tmux").arg("-V").output() {
        Ok(out) => out.status.success(),
        Err(_) => {
            assert!(std::env::var_os("CI").is_none(), "tmux is required on CI");
            eprintln!("tmux not found: skipping the end-to-end test");
            false
        }
    }
}

impl Tmux {
    pub fn new(name: &str) -> Tmux {
        Tmux {
            socket: format!("retriage-e2e-{name}-{}", std::process::id()),
            home: TempDir::new().unwrap(),
        }
    }

    pub fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs")
    }

    /// Starts the app on `db` in a 120×40 window.
    pub fn start(&self, db: &Path) {
        self.start_with(db, "");
    }

    /// Starts the app with extra environment (`NAME='value' …`).
    pub fn start_with(&self, db: &Path, env: &str) {
        self.start_sized(db, env, 120, 40);
    }

    /// Starts the app with extra environment in a `width`×`height` window.
    pub fn start_sized(&self, db: &Path, env: &str, width: u16, height: u16) {
        let bin = env!("CARGO_BIN_EXE_retriage");
        let home = self.home.path().display();
        let command = format!(
            "env HOME='{home}' XDG_CONFIG_HOME='{home}/config' TERM=xterm-256color {env} '{bin}' --db '{}'; echo \"retriage exited with $?\"; sleep 60",
            db.display()
        );
        let (width, height) = (width.to_string(), height.to_string());
        let out = self.run(&["new-session", "-d", "-x", &width, "-y", &height, &command]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    pub fn screen(&self) -> String {
        String::from_utf8(self.run(&["capture-pane", "-p"]).stdout).unwrap()
    }

    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?}"), |screen| screen.contains(text))
    }

    /// Waits until the screen satisfies `test`, described by `what`.
    pub fn wait_until(&self, what: &str, test: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let screen = self.screen();
            if test(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "never saw {what}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Waits until `text` is off the screen (e.g. a closed dialog's title),
    /// so the next keys cannot reach what is closing.
    /// Waits until one line of the screen holds every one of `parts`, and
    /// returns that line. (A capture can fall between two lines of one frame
    /// being written, so a line is waited for rather than looked up in the
    /// screen that showed something else.)
    pub fn wait_for_line(&self, parts: &[&str]) -> String {
        let has_all = |line: &str| parts.iter().all(|part| line.contains(part));
        let screen = self.wait_until(&format!("a line with {parts:?}"), |screen| {
            screen.lines().any(has_all)
        });
        screen
            .lines()
            .find(|line| has_all(line))
            .unwrap()
            .to_string()
    }

    pub fn wait_gone(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?} gone"), |screen| !screen.contains(text))
    }

    pub fn keys(&self, keys: &[&str]) {
        for key in keys {
            self.run(&["send-keys", key]);
        }
    }

    pub fn literal(&self, text: &str) {
        self.run(&["send-keys", "-l", text]);
    }

    pub fn pane_flag(&self, flag: &str) -> String {
        let out = self.run(&["display-message", "-p", &format!("#{{{flag}}}")]);
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Waits for the app to exit and checks it left the terminal as it
    /// found it: main screen, no mouse reporting, cursor shown. (The shell
    /// that ran it stays a while, so the pane's state can be read.)
    pub fn wait_exit(&self) {
        let screen = self.wait_for("retriage exited with");
        assert!(screen.contains("retriage exited with 0"), "{screen}");
        assert_eq!(
            self.pane_flag("alternate_on"),
            "0",
            "still on the alternate screen"
        );
        assert_eq!(
            self.pane_flag("mouse_any_flag"),
            "0",
            "mouse reporting left on"
        );
        assert_eq!(self.pane_flag("cursor_flag"), "1", "cursor left hidden");
        self.run(&["kill-server"]);
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}
