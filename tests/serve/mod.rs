//! Helpers for the tests of `retriage serve`: a retro to serve, the server
//! as a real process on a loopback port, and a small terminal screen that
//! replays what a client received (cursor moves and text; colours ignored).
#![allow(dead_code)] // not every serve test uses every helper

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Runs the binary on `db` and returns its stdout; panics on failure.
pub fn cli(db: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_retriage"))
        .env_remove("RETRIAGE_DB")
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A new retro in the Collect phase; returns its id.
pub fn collecting_retro(db: &Path, title: &str) -> String {
    let id = cli(
        db,
        &[
            "retro",
            "new",
            "--team",
            "core",
            "--template",
            "start-stop-continue",
            "--title",
            title,
        ],
    )
    .trim()
    .to_string();
    cli(db, &["retro", "phase", &id, "collect"]);
    id
}

/// The retro as `retro show --format json` gives it.
pub fn show(db: &Path, id: &str) -> serde_json::Value {
    serde_json::from_str(&cli(db, &["retro", "show", id, "--format", "json"])).unwrap()
}

/// Every card of a shown retro, column by column.
pub fn cards(retro: &serde_json::Value) -> Vec<serde_json::Value> {
    retro["columns"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["cards"].as_array().unwrap().clone())
        .collect()
}

/// The votes cast on a shown retro, in all.
pub fn votes(retro: &serde_json::Value) -> u64 {
    cards(retro)
        .iter()
        .map(|c| c["votes"].as_u64().unwrap())
        .sum()
}

/// `retriage serve` running on a loopback port.
pub struct Server {
    child: Child,
    pub port: u16,
    pub stderr: PathBuf,
}

impl Server {
    pub fn start(db: &Path, allow: &Path) -> Server {
        let stderr = db.with_extension("serve.log");
        let mut child = Command::new(env!("CARGO_BIN_EXE_retriage"))
            .env_remove("RETRIAGE_DB")
            .env("XDG_CONFIG_HOME", db.parent().unwrap().join("config"))
            .arg("--db")
            .arg(db)
            .args(["serve", "--listen", "127.0.0.1:0", "--allow"])
            .arg(allow)
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&stderr).unwrap())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        let port = first
            .split("127.0.0.1:")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no port in {first:?}"));
        Server {
            child,
            port,
            stderr,
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The server's resident memory, in KiB.
    pub fn rss_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid())).unwrap();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse().ok())
            .unwrap()
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.stderr).unwrap_or_default()
    }

    /// Stops it with SIGTERM and waits; returns its exit status and log.
    pub fn stop(mut self) -> (bool, String) {
        Command::new("kill")
            .arg(self.pid().to_string())
            .status()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return (status.success(), self.log());
            }
            assert!(Instant::now() < deadline, "the server did not stop");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What a client's terminal shows, replayed from the bytes it received:
/// text, cursor positioning (`CSI row;col H`) and clearing (`CSI J`,
/// `CSI 2J`); everything else (colours, modes) is ignored.
pub struct Screen {
    width: usize,
    rows: Vec<Vec<char>>,
    row: usize,
    column: usize,
    parser: vte::Parser,
}

impl Screen {
    pub fn new(width: u16, height: u16) -> Screen {
        Screen {
            width: width.into(),
            rows: vec![vec![' '; width.into()]; height.into()],
            row: 0,
            column: 0,
            parser: vte::Parser::new(),
        }
    }

    pub fn feed(&mut self, bytes: &[u8]) {
        let mut parser = std::mem::take(&mut self.parser);
        parser.advance(self, bytes);
        self.parser = parser;
    }

    pub fn text(&self) -> String {
        self.rows
            .iter()
            .map(|r| r.iter().collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn clear_from(&mut self, row: usize, column: usize) {
        for (y, line) in self.rows.iter_mut().enumerate().skip(row) {
            let start = if y == row { column } else { 0 };
            line.iter_mut().skip(start).for_each(|c| *c = ' ');
        }
    }
}

impl vte::Perform for Screen {
    fn print(&mut self, c: char) {
        if let Some(cell) = self
            .rows
            .get_mut(self.row)
            .and_then(|r| r.get_mut(self.column))
        {
            *cell = c;
        }
        self.column = (self.column + 1).min(self.width);
    }

    fn execute(&mut self, byte: u8) {
        match byte {
            b'\r' => self.column = 0,
            b'\n' => self.row = (self.row + 1).min(self.rows.len() - 1),
            _ => {}
        }
    }

    fn csi_dispatch(&mut self, params: &vte::Params, inter: &[u8], _ignore: bool, action: char) {
        if !inter.is_empty() {
            return;
        }
        let numbers: Vec<usize> = params.iter().map(|p| usize::from(p[0])).collect();
        match action {
            'H' => {
                self.row = numbers.first().copied().unwrap_or(1).max(1) - 1;
                self.column = numbers.get(1).copied().unwrap_or(1).max(1) - 1;
            }
            'J' => match numbers.first().copied().unwrap_or(0) {
                2 | 3 => self.clear_from(0, 0),
                _ => self.clear_from(self.row, self.column),
            },
            _ => {}
        }
    }
}
