//! The only module that talks SQL.
//!
//! `Store::open` prepares a database file for safe shared use: WAL journal,
//! foreign keys, a busy timeout, and the embedded migrations (schema version in
//! `PRAGMA user_version`). Every public function is one user action and runs
//! in one transaction; writes take the write lock up front (`BEGIN IMMEDIATE`)
//! so two processes on one file wait for each other instead of failing.
//! Functions that change an item return it as it was before, which is what
//! undo needs.

mod feedback;
mod kano;

pub use feedback::ListQuery;
pub use kano::{FeatureResponses, KanoImportSummary};

use rusqlite::{Connection, OpenFlags};
use rusqlite_migration::{M, Migrations};
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

const MIGRATION_LIST: &[M<'static>] = &[
    M::up(include_str!("../../migrations/0001_init.sql")),
    M::up(include_str!("../../migrations/0002_kano.sql")),
];

/// The embedded schema migrations, in order.
pub const MIGRATIONS: Migrations<'static> = Migrations::from_slice(MIGRATION_LIST);

/// How long a writer waits for another process's transaction to finish.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// What can go wrong in the store.
#[derive(Debug)]
pub enum Error {
    /// No feedback item has this id.
    NotFound(i64),
    /// The item changed since the state an undo expected.
    Conflict(i64),
    /// The database file could not be opened or prepared.
    Open {
        path: PathBuf,
        message: String,
    },
    /// The schema could not be brought up to date.
    Migration(String),
    /// A stored value does not fit the domain (edited by hand?).
    Corrupt(String),
    Sqlite(rusqlite::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NotFound(id) => write!(f, "no feedback item with id {id}"),
            Error::Conflict(id) => {
                write!(f, "item {id} was changed by someone else since; not undone")
            }
            Error::Open { path, message } => {
                write!(f, "cannot open database {}: {message}", path.display())
            }
            Error::Migration(m) => write!(f, "cannot update the database schema: {m}"),
            Error::Corrupt(m) => write!(f, "unexpected data in the database: {m}"),
            Error::Sqlite(e) => write!(f, "database error: {e}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Sqlite(e)
    }
}

pub type Result<T> = std::result::Result<T, Error>;

/// A connection to one retriage database.
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens (creating if needed) the database at `path`, with its folder.
    pub fn open(path: &Path) -> Result<Store> {
        let open_error = |message: String| Error::Open {
            path: path.to_path_buf(),
            message,
        };
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| open_error(e.to_string()))?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn =
            Connection::open_with_flags(path, flags).map_err(|e| open_error(e.to_string()))?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        let mode: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(|e| open_error(e.to_string()))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(open_error(format!(
                "WAL journal not available (got {mode})"
            )));
        }
        Store::prepare(conn)
    }

    /// A private in-memory database, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store> {
        Store::prepare(Connection::open_in_memory()?)
    }

    fn prepare(mut conn: Connection) -> Result<Store> {
        // synchronous = FULL: a confirmed change survives a power cut too.
        conn.execute_batch(
            "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA temp_store = MEMORY;",
        )?;
        // Migration transactions take the write lock at BEGIN, so a second
        // process opening a new file waits for the first. It may still have
        // read the old version before waiting; then its migration fails, and
        // it finds the schema already brought up to date.
        conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
        let latest = MIGRATION_LIST.len() as i64;
        let mut attempts = 0;
        while let Err(e) = MIGRATIONS.to_latest(&mut conn) {
            attempts += 1;
            let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            if version == latest {
                break;
            }
            if attempts == 3 || version > latest {
                let message = e.to_string();
                let first_line = message.lines().next().unwrap_or("").to_string();
                return Err(Error::Migration(first_line));
            }
        }
        conn.set_transaction_behavior(rusqlite::TransactionBehavior::Deferred);
        Ok(Store { conn })
    }

    /// A number that changes when another connection commits a change, so a
    /// long-running view knows when to reload.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// The schema version the database is at.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    fn write_transaction(&mut self) -> Result<rusqlite::Transaction<'_>> {
        Ok(self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        MIGRATIONS.validate().unwrap();
    }

    #[test]
    fn a_new_database_is_at_the_latest_schema() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(store.schema_version().unwrap(), MIGRATION_LIST.len() as i64);
    }
}
