//! Columns derived from an item's text by the program's own algorithms: the
//! hash of its duplicate key (`feedback.dedup_hash`) and its sentiment
//! (`feedback.sentiment`). Migrations never compute them (a migration is
//! frozen SQL, an algorithm changes); instead the `derived_version` table
//! (migration 7) records which version of each algorithm computed the stored
//! values, and `bring_up_to_date`, run on every open after the migrations,
//! recomputes a family whose recorded version is not the current one.

use super::Result;
use super::codes::sentiment_code;
use crate::domain::feedback::{dedup_hash, dedup_key};
use crate::domain::sentiment::analyse;
use rusqlite::{Connection, Transaction, TransactionBehavior, params};

/// The version of the duplicate key (`domain::feedback::dedup_key`) and its
/// hash (`dedup_hash`) that `feedback.dedup_hash` holds. Bump when the
/// algorithm changes: every database then recomputes its items' hashes once,
/// when it is next opened.
pub const DEDUP_KEY_VERSION: i64 = 1;

/// The version of `domain::sentiment::analyse` that `feedback.sentiment`
/// holds. Bump when the algorithm changes: every database then recomputes
/// its items' sentiment once, when it is next opened.
pub const SENTIMENT_VERSION: i64 = 1;

/// A family of derived columns, computed together by one algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    DedupKey,
    Sentiment,
}

impl Family {
    const ALL: [Family; 2] = [Family::DedupKey, Family::Sentiment];

    /// Its row in `derived_version`.
    fn name(self) -> &'static str {
        match self {
            Family::DedupKey => "dedup_key",
            Family::Sentiment => "sentiment",
        }
    }

    /// The version of its algorithm this program computes.
    fn current_version(self) -> i64 {
        match self {
            Family::DedupKey => DEDUP_KEY_VERSION,
            Family::Sentiment => SENTIMENT_VERSION,
        }
    }

    /// Computes the family for every item, writing only the values that
    /// change, in the format migration 6 stores them.
    fn recompute(self, tx: &Transaction<'_>) -> rusqlite::Result<()> {
        let mut read = tx.prepare("SELECT id, title, description FROM feedback")?;
        let mut write = tx.prepare(match self {
            Family::DedupKey => {
                "UPDATE feedback SET dedup_hash = ?2 WHERE id = ?1 AND dedup_hash IS NOT ?2"
            }
            Family::Sentiment => {
                "UPDATE feedback SET sentiment = ?2 WHERE id = ?1 AND sentiment IS NOT ?2"
            }
        })?;
        let mut rows = read.query([])?;
        while let Some(row) = rows.next()? {
            let (id, title, description): (i64, String, String) =
                (row.get(0)?, row.get(1)?, row.get(2)?);
            let value = match self {
                Family::DedupKey => dedup_hash(&dedup_key(&title, &description)),
                Family::Sentiment => sentiment_code(analyse(&title, &description)),
            };
            write.execute(params![id, value])?;
        }
        Ok(())
    }
}

/// The families whose recorded version is not the current one.
fn stale(conn: &Connection) -> rusqlite::Result<Vec<Family>> {
    let mut stmt = conn.prepare("SELECT family, version FROM derived_version")?;
    let recorded: Vec<(String, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let is_current =
        |family: Family| recorded.contains(&(family.name().to_string(), family.current_version()));
    Ok(Family::ALL
        .into_iter()
        .filter(|f| !is_current(*f))
        .collect())
}

/// Recomputes every family whose recorded version is not the current one,
/// all in one write transaction, and records the current versions. An
/// up-to-date database costs one read. Several processes may open the file
/// at once: the first to take the write lock recomputes, and the others,
/// which waited for it, find nothing left to do. A version newer than this
/// program's is recomputed too: the stored hashes are compared with the
/// ones this program computes for new items, so they must come from the
/// same algorithm.
pub(super) fn bring_up_to_date(conn: &mut Connection) -> Result<()> {
    if stale(conn)?.is_empty() {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    for family in stale(&tx)? {
        family.recompute(&tx)?;
        tx.execute(
            "INSERT INTO derived_version (family, version) VALUES (?1, ?2)
             ON CONFLICT (family) DO UPDATE SET version = excluded.version",
            params![family.name(), family.current_version()],
        )?;
    }
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{MIGRATIONS, Store};
    use std::path::PathBuf;
    use tempfile::TempDir;

    /// Items whose text gives each sentiment, and a duplicate key that
    /// folds case and spaces.
    const TEXTS: [(&str, &str); 3] = [
        ("Export crashes", "Awful, I lost my work"),
        ("Dark  Mode", "Please"),
        ("Love the new board", "Great work, thank you"),
    ];

    /// A database file brought to schema `version` by the migrations as
    /// they are, which are the SQL those versions had.
    fn database_at(version: usize) -> (TempDir, PathBuf, Connection) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        let mut conn = Connection::open(&path).unwrap();
        MIGRATIONS.to_version(&mut conn, version).unwrap();
        (dir, path, conn)
    }

    /// Each item's stored `(title, description, dedup_hash, sentiment)`.
    fn stored(store: &Store) -> Vec<(String, String, Option<i64>, i64)> {
        let mut stmt = store
            .conn
            .prepare("SELECT title, description, dedup_hash, sentiment FROM feedback ORDER BY id")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    /// What the current algorithms give, in the format migration 6 stores.
    fn computed(title: &str, description: &str) -> (Option<i64>, i64) {
        (
            Some(dedup_hash(&dedup_key(title, description))),
            sentiment_code(analyse(title, description)),
        )
    }

    fn recorded(store: &Store) -> Vec<(String, i64)> {
        let mut stmt = store
            .conn
            .prepare("SELECT family, version FROM derived_version ORDER BY family")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    fn current() -> Vec<(String, i64)> {
        vec![
            ("dedup_key".into(), DEDUP_KEY_VERSION),
            ("sentiment".into(), SENTIMENT_VERSION),
        ]
    }

    #[test]
    fn a_version_2_database_gets_every_items_duplicate_key_and_sentiment() {
        let (_dir, path, conn) = database_at(2);
        for (title, description) in TEXTS {
            conn.execute(
                "INSERT INTO feedback (title, description, source, created_at, updated_at)
                 VALUES (?1, ?2, 'other', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
                [title, description],
            )
            .unwrap();
        }
        drop(conn);
        let store = Store::open(&path).unwrap();
        let rows = stored(&store);
        assert_eq!(rows.len(), 3);
        for (title, description, hash, sentiment) in &rows {
            assert_eq!((*hash, *sentiment), computed(title, description), "{title}");
        }
        // What migrations 3 and 4 computed when they called the algorithms.
        assert_eq!(
            rows[1].2,
            Some(dedup_hash(&dedup_key("dark mode", "please")))
        );
        assert_eq!(rows.iter().map(|r| r.3).collect::<Vec<_>>(), [-1, 0, 1]);
        assert_eq!(recorded(&store), current());
    }

    #[test]
    fn a_version_3_database_keeps_its_keys_and_gets_its_sentiment() {
        let (_dir, path, conn) = database_at(3);
        conn.execute(
            "INSERT INTO feedback (title, description, source, created_at, updated_at,
                 dedup_key, dedup_hash)
             VALUES ('Export crashes', 'Awful, I lost my work', 'other',
                 '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'key', 42)",
            [],
        )
        .unwrap();
        drop(conn);
        let store = Store::open(&path).unwrap();
        let (_, _, hash, sentiment) = &stored(&store)[0];
        assert_eq!((*hash, *sentiment), (Some(42), -1));
        assert_eq!(recorded(&store), current());
    }

    #[test]
    fn a_version_5_database_keeps_the_values_it_has() {
        let (_dir, path, conn) = database_at(5);
        conn.execute(
            "INSERT INTO feedback (title, description, source, created_at, updated_at,
                 dedup_hash, sentiment)
             VALUES ('Export crashes', 'Awful, I lost my work', 'other',
                 '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 42, 'positive')",
            [],
        )
        .unwrap();
        drop(conn);
        let store = Store::open(&path).unwrap();
        let (_, _, hash, sentiment) = &stored(&store)[0];
        assert_eq!((*hash, *sentiment), (Some(42), 1));
        assert_eq!(recorded(&store), current());
    }

    /// A database at the latest schema whose items' derived values are
    /// wrong (hash 7, neutral), recorded as computed by versions `dedup`
    /// and `sentiment`.
    fn wrong_values_recorded_as(dedup: i64, sentiment: i64) -> (TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("retriage.db");
        let store = Store::open(&path).unwrap();
        for (title, description) in TEXTS {
            store
                .conn
                .execute(
                    "INSERT INTO feedback (title, description, source, created_at, updated_at,
                         dedup_hash, sentiment)
                     VALUES (?1, ?2, 6, 0, 0, 7, 0)",
                    [title, description],
                )
                .unwrap();
        }
        set_recorded(&path, dedup, sentiment);
        (dir, path)
    }

    fn set_recorded(path: &std::path::Path, dedup: i64, sentiment: i64) {
        let conn = Connection::open(path).unwrap();
        conn.execute_batch(&format!(
            "UPDATE derived_version SET version = {dedup} WHERE family = 'dedup_key';
             UPDATE derived_version SET version = {sentiment} WHERE family = 'sentiment';"
        ))
        .unwrap();
    }

    #[test]
    fn a_stale_recorded_version_has_that_family_recomputed() {
        let (_dir, path) = wrong_values_recorded_as(0, SENTIMENT_VERSION);
        let store = Store::open(&path).unwrap();
        for (title, description, hash, sentiment) in stored(&store) {
            assert_eq!(hash, computed(&title, &description).0, "{title}");
            assert_eq!(sentiment, 0, "{title}");
        }
        assert_eq!(recorded(&store), current());
        drop(store);
        set_recorded(&path, DEDUP_KEY_VERSION, 0);
        let store = Store::open(&path).unwrap();
        for (title, description, hash, sentiment) in stored(&store) {
            assert_eq!((hash, sentiment), computed(&title, &description), "{title}");
        }
        assert_eq!(recorded(&store), current());
    }

    #[test]
    fn a_current_version_leaves_the_rows_alone() {
        let (_dir, path) = wrong_values_recorded_as(DEDUP_KEY_VERSION, SENTIMENT_VERSION);
        let store = Store::open(&path).unwrap();
        assert!(stored(&store).iter().all(|r| (r.2, r.3) == (Some(7), 0)));
        assert_eq!(store.conn.total_changes(), 0);
    }

    #[test]
    fn processes_opening_a_stale_database_at_once_all_succeed() {
        let (_dir, path) = wrong_values_recorded_as(0, 0);
        let opens: Vec<_> = (0..8)
            .map(|_| {
                let path = path.clone();
                std::thread::spawn(move || Store::open(&path).map(|store| stored(&store)))
            })
            .collect();
        for open in opens {
            let rows = open.join().unwrap().unwrap();
            for (title, description, hash, sentiment) in rows {
                assert_eq!((hash, sentiment), computed(&title, &description), "{title}");
            }
        }
    }
}
