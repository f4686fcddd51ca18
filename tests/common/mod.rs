//! Helpers shared by the tests that run the binary.

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// The binary on database `db`, whatever `RETRIAGE_DB` says.
pub fn retriage(db: &Path) -> Command {
    let mut cmd = Command::cargo_bin("retriage").unwrap();
    cmd.env_remove("RETRIAGE_DB").arg("--db").arg(db);
    cmd
}

/// Writes a file named `name` in `dir` and returns its path.
#[allow(dead_code)] // not every test binary writes files
pub fn write(dir: &TempDir, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, contents).unwrap();
    path
}
