//! The only module that talks SQL.
//!
//! `Store::open` prepares a database file for safe shared use: WAL journal,
//! foreign keys, a busy timeout, and the embedded migrations (schema version in
//! `PRAGMA user_version`). Migrations are frozen SQL, so a database migrated
//! today ends as one migrated a year ago did. The columns computed from an
//! item's text by the program's algorithms (the duplicate key's hash, the
//! sentiment) are kept apart from them: after migrating, `derived` recomputes
//! a family of them when the version recorded in the database is not the
//! program's (see `derived::DEDUP_KEY_VERSION`, `derived::SENTIMENT_VERSION`).
//!
//! Every public function is one user action and runs in one transaction;
//! writes take the write lock up front (`BEGIN IMMEDIATE`) so two processes
//! on one file wait for each other instead of failing. Functions that change
//! an item return it as it was before, which is what undo needs.

mod action_sync;
mod actions;
mod attachments;
mod codes;
mod dashboard;
mod decisions;
mod derived;
mod duplicates;
mod feedback;
mod first_screen;
mod import;
mod kano;
mod kpi;
mod listing;
mod retro;

pub use actions::{ActionFilter, ActionRow};
pub use feedback::ListQuery;
pub use import::{ImportBatch, ImportFailure, ImportSummary, Importer, NpsResponse, UndoConflict};
pub use kano::KanoImportSummary;
pub use kpi::CheckInRow;
pub use listing::{Listed, Listing};
pub use retro::{RetroHead, RetroRow};

use rusqlite::{Connection, OpenFlags};
use rusqlite_migration::{M, Migrations};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::Duration;

/// The embedded schema migrations, in order. Each is frozen SQL: what it does
/// to a database never changes. None computes a derived column (that is
/// `derived`'s work, versioned apart); the one hook checks foreign keys.
pub static MIGRATIONS: LazyLock<Migrations<'static>> = LazyLock::new(|| {
    Migrations::new(vec![
        M::up(include_str!("../../migrations/0001_init.sql")),
        M::up(include_str!("../../migrations/0002_kano.sql")),
        M::up(include_str!("../../migrations/0003_intake.sql")),
        M::up(include_str!("../../migrations/0004_review.sql")),
        M::up(include_str!("../../migrations/0005_key_by_hash.sql")),
        M::up_with_hook(
            include_str!("../../migrations/0006_lean_rows.sql"),
            check_foreign_keys,
        ),
        M::up(include_str!("../../migrations/0007_derived_versions.sql")),
        M::up(include_str!("../../migrations/0008_retro.sql")),
        M::up(include_str!("../../migrations/0009_reports.sql")),
        M::up(include_str!("../../migrations/0010_decisions.sql")),
        M::up(include_str!("../../migrations/0011_kpi.sql")),
        M::up(include_str!("../../migrations/0012_action_tracker_key.sql")),
        M::up(include_str!("../../migrations/0013_partial_card_index.sql")),
    ])
});

/// How many migrations there are (the schema version they lead to).
const MIGRATION_COUNT: i64 = 13;

/// Fails a migration that left a reference to a missing row (it rolls back).
fn check_foreign_keys(tx: &rusqlite::Transaction<'_>) -> rusqlite_migration::HookResult {
    let broken: i64 = tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
        r.get(0)
    })?;
    if broken > 0 {
        return Err(rusqlite_migration::HookError::Hook(format!(
            "{broken} rows would refer to missing items"
        )));
    }
    Ok(())
}

/// How long a writer waits for another process's transaction to finish.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// What can go wrong in the store.
#[derive(Debug)]
pub enum Error {
    /// No feedback item has this id.
    NotFound(i64),
    /// The item changed since the state an undo expected.
    Conflict(i64),
    /// The request makes no sense (merging an item into itself).
    Invalid(String),
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
            Error::Invalid(m) => write!(f, "{m}"),
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

/// Puts the database in WAL mode and returns the journal mode it ends in.
///
/// The switch needs the file to itself. When several processes open a new
/// file at once, SQLite reports "database is locked" for it straight away
/// rather than through the busy handler (the statement already reads the
/// file, and waiting there could deadlock), so the switch is retried here
/// until the busy timeout runs out.
fn switch_to_wal(conn: &Connection) -> rusqlite::Result<String> {
    let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
    loop {
        match conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)) {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if matches!(
                    e.code,
                    rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                ) && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(Duration::from_millis(5));
            }
            result => return result,
        }
    }
}

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
        // 8 KiB pages for a new file (an existing one keeps its size): half
        // the page reads, writes and checkpoint copies of 4 KiB pages on a
        // large import. It must come first: the WAL switch writes the header.
        conn.execute_batch("PRAGMA page_size = 8192")?;
        let mode = switch_to_wal(&conn).map_err(|e| open_error(e.to_string()))?;
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
        // Foreign keys are off while migrating: a migration that rebuilds a
        // table (as SQLite documents) must not cascade its DROP TABLE.
        conn.execute_batch(
            "PRAGMA foreign_keys = OFF; PRAGMA synchronous = FULL; PRAGMA temp_store = MEMORY;",
        )?;
        // Migration transactions take the write lock at BEGIN, so a second
        // process opening a new file waits for the first. It may still have
        // read the old version before waiting; then its migration fails, and
        // it finds the schema already brought up to date.
        conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
        let latest = MIGRATION_COUNT;
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
        derived::bring_up_to_date(&mut conn)?;
        conn.execute_batch("PRAGMA foreign_keys = ON")?;
        Ok(Store { conn })
    }

    /// A number that changes when another connection commits a change, so a
    /// long-running view knows when to reload.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// How many rows this connection has changed since it was opened: a
    /// read started elsewhere before a change here is out of date.
    pub fn changes_made(&self) -> u64 {
        self.conn.total_changes()
    }

    /// The database file, unless it is in memory.
    pub fn path(&self) -> Option<PathBuf> {
        self.conn
            .path()
            .filter(|p| !p.is_empty())
            .map(PathBuf::from)
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
    fn migration_6_keeps_every_item_and_what_hangs_off_it() {
        use crate::domain::feedback::{Source, Status};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        let mut conn = Connection::open(&path).unwrap();
        MIGRATIONS.to_version(&mut conn, 5).unwrap();
        conn.execute_batch(
            "INSERT INTO feedback (id, title, description, source, customer, created_at,
                 updated_at, status, nps, rice_reach, mentions, dedup_hash, sentiment)
             VALUES (7, 'Export crashes', 'Lost my work', 'support', 'Acme',
                 '2026-03-04T05:06:07Z', '2026-03-05T00:00:00Z', 'in_progress', 3, 120,
                 2, 42, 'negative'),
                 (9, 'Dark mode', '', 'retro', NULL, '2026-01-01T00:00:00Z',
                 '2026-01-01T00:00:00Z', 'new', NULL, NULL, 1, 43, 'neutral');
             INSERT INTO feedback_tag (feedback_id, position, tag)
                 VALUES (7, 1, 'export'), (7, 0, 'crash'), (9, 0, 'ui');
             INSERT INTO feedback_source (feedback_id, source, customer, created_at, nps)
                 VALUES (7, 'nps', 'Bolt', '2026-03-04T00:00:00Z', 2);
             INSERT INTO kano_response VALUES (9, 'q1', 'ann', 1, 5, NULL);
             INSERT INTO duplicate_dismissal VALUES (7, 9);",
        )
        .unwrap();
        drop(conn);
        let mut store = Store::open(&path).unwrap();
        let item = store.get_feedback(7).unwrap();
        assert_eq!(item.title, "Export crashes");
        assert_eq!(item.source, Source::Support);
        assert_eq!(item.customer.as_deref(), Some("Acme"));
        assert_eq!(item.created_at.to_rfc3339(), "2026-03-04T05:06:07+00:00");
        assert_eq!(item.status, Status::InProgress);
        assert_eq!(item.nps, Some(3));
        assert_eq!(item.rice.reach, Some(120.0));
        assert_eq!(item.mentions, 2);
        assert_eq!(item.tags, ["crash", "export"]);
        assert_eq!(item.extra_sources, [Source::Nps]);
        assert_eq!(
            item.sentiment,
            crate::domain::sentiment::Sentiment::Negative
        );
        let other = store.get_feedback(9).unwrap();
        assert_eq!(
            (other.source, other.tags),
            (Source::Retro, vec!["ui".to_string()])
        );
        // Nothing that referred to the items was lost with the old table.
        let count = |store: &Store, table: &str| -> i64 {
            store
                .conn
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
                .unwrap()
        };
        assert_eq!(
            [
                "feedback_source",
                "kano_response",
                "duplicate_dismissal",
                "feedback_score"
            ]
            .map(|t| count(&store, t)),
            [1, 1, 1, 1]
        );
        let hash: i64 = store
            .conn
            .query_row("SELECT dedup_hash FROM feedback WHERE id = 7", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(hash, 42);
        // Deleting still cascades: foreign keys are back on after migrating.
        store.delete_feedback(9).unwrap();
        assert_eq!(
            ["kano_response", "duplicate_dismissal"].map(|t| count(&store, t)),
            [0, 0]
        );
    }

    #[test]
    fn a_new_database_is_at_the_latest_schema() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(store.schema_version().unwrap(), MIGRATION_COUNT);
    }
}
