//! Helpers shared by the tests that run the binary.

use assert_cmd::Command;
use std::path::Path;

/// The binary on database `db`, whatever `RETRIAGE_DB` says.
pub fn retriage(db: &Path) -> Command {
    let mut cmd = Command::cargo_bin("retriage").unwrap();
    cmd.env_remove("RETRIAGE_DB").arg("--db").arg(db);
    cmd
}
