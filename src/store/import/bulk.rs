//! The many-row insert that writes most of an import's new items, bound
//! through SQLite's C API. rusqlite copies every text it binds (SQLite's
//! `SQLITE_TRANSIENT`: an allocation, a copy and a free for each title,
//! description, customer and tag list); here a text is lent to SQLite for
//! the one run of the statement (`SQLITE_STATIC`), and its bindings are
//! cleared before the run returns, so no pointer outlives what it points at.
//! This and the rusqlite calls it saves were about a quarter of the writing
//! thread's work on a million-row import.

use super::super::codes::{seconds, sentiment_code, source_code, status_code};
use super::super::feedback::joined_tags;
use super::super::{Error, Result};
use super::IMPORT_ROW_VALUES;
use crate::domain::feedback::ImportedRow;
use rusqlite::ffi;
use std::ffi::{CStr, c_int};
use std::marker::PhantomData;

/// A prepared insert of a fixed number of item rows (`ITEM_COLUMNS` then
/// the report columns, as `prepare_insert` writes it) on a connection it
/// borrows, so it is finalized before the connection closes.
pub(super) struct BulkInsert<'c> {
    db: *mut ffi::sqlite3,
    stmt: *mut ffi::sqlite3_stmt,
    _conn: PhantomData<&'c rusqlite::Connection>,
}

/// What every row of one run shares.
pub(super) struct Shared<'s> {
    /// When the import runs (each item's `updated_at`), in seconds.
    pub(super) now: i64,
    /// The import batch.
    pub(super) batch: i64,
    /// Room for joining an item's tags.
    pub(super) scratch: &'s mut String,
}

impl<'c> BulkInsert<'c> {
    /// Prepares an insert of `rows` rows of `columns` (`ITEM_COLUMNS`, then
    /// the report columns) into `feedback`. As with `prepare_insert`, a row
    /// the schema refuses rolls the whole import back (OR ROLLBACK), so
    /// SQLite keeps no statement journal.
    pub(super) fn prepare(
        conn: &'c rusqlite::Connection,
        columns: &str,
        rows: usize,
    ) -> Result<BulkInsert<'c>> {
        let mut sql = format!("INSERT OR ROLLBACK INTO feedback ({columns}) VALUES ");
        for row in 0..rows {
            let first = row * IMPORT_ROW_VALUES + 1;
            let placeholders: Vec<String> = (first..first + IMPORT_ROW_VALUES)
                .map(|i| format!("?{i}"))
                .collect();
            let separator = if row == 0 { "" } else { ", " };
            sql.push_str(&format!("{separator}({})", placeholders.join(", ")));
        }
        // SAFETY: the handle is valid while `conn` is borrowed, which the
        // returned value is; the statement is used on this thread only
        // (raw pointers make it neither Send nor Sync).
        let db = unsafe { conn.handle() };
        let mut stmt = std::ptr::null_mut();
        // SAFETY: `sql` is valid for its length; `stmt` receives the
        // statement (null on failure).
        let rc = unsafe {
            ffi::sqlite3_prepare_v3(
                db,
                sql.as_ptr().cast(),
                c_int::try_from(sql.len()).expect("the statement is short"),
                ffi::SQLITE_PREPARE_PERSISTENT,
                &mut stmt,
                std::ptr::null_mut(),
            )
        };
        let insert = BulkInsert {
            db,
            stmt,
            _conn: PhantomData,
        };
        insert.check(rc)?;
        Ok(insert)
    }

    /// Inserts `rows` (as many as the statement has rows) with their
    /// identities, by one run of the statement.
    pub(super) fn insert(
        &mut self,
        rows: &[(&ImportedRow, i64)],
        shared: Shared<'_>,
    ) -> Result<()> {
        let result = self.bind_rows(rows, shared).and_then(|()| {
            // SAFETY: every bound text is borrowed from `rows` (or copied),
            // and `rows` outlives this call.
            match unsafe { ffi::sqlite3_step(self.stmt) } {
                ffi::SQLITE_DONE => Ok(()),
                rc => self.check(rc),
            }
        });
        // SAFETY: resetting and clearing the bindings leaves the statement
        // holding no pointer into `rows`.
        unsafe {
            ffi::sqlite3_reset(self.stmt);
            ffi::sqlite3_clear_bindings(self.stmt);
        }
        result
    }

    fn bind_rows(&mut self, rows: &[(&ImportedRow, i64)], shared: Shared<'_>) -> Result<()> {
        let Shared {
            now,
            batch,
            scratch,
        } = shared;
        for (n, (row, identity)) in rows.iter().enumerate() {
            let item = &row.item;
            let at = n * IMPORT_ROW_VALUES;
            // Parameter 1 of a row is its id: left NULL, the next one.
            self.text(at + 2, &item.title)?;
            self.text(at + 3, &item.description)?;
            self.int(at + 4, source_code(item.source))?;
            if let Some(customer) = &item.customer {
                self.text(at + 5, customer)?;
            }
            self.int(at + 6, seconds(&item.created_at))?;
            self.int(at + 7, now)?;
            self.int(at + 8, status_code(item.status))?;
            if let Some(nps) = item.nps {
                self.int(at + 9, i64::from(nps))?;
            }
            self.int(at + 10, i64::from(item.mentions.max(1)))?;
            self.int(at + 11, row.dedup_hash)?;
            self.int(at + 12, sentiment_code(item.sentiment))?;
            let tags = joined_tags(&item.tags, scratch);
            let lent = tags.is_empty()
                || item
                    .tags
                    .first()
                    .is_some_and(|t| t.as_ptr() == tags.as_ptr());
            if lent {
                self.text(at + 13, tags)?;
            } else {
                // Joined in the room the next row writes into: copied.
                self.copied_text(at + 13, tags)?;
            }
            self.int(at + 14, *identity)?;
            if let Some((external_id, _)) = &row.external {
                self.int(at + 15, row.digest)?;
                self.text(at + 16, external_id)?;
            }
            self.int(at + 17, batch)?;
        }
        Ok(())
    }

    fn int(&mut self, index: usize, value: i64) -> Result<()> {
        // SAFETY: a valid statement; a bad index is reported by the code.
        self.check(unsafe { ffi::sqlite3_bind_int64(self.stmt, index as c_int, value) })
    }

    /// Lends `text` until the statement's bindings are cleared (`insert`).
    fn text(&mut self, index: usize, text: &str) -> Result<()> {
        self.bind_text(index, text, ffi::SQLITE_STATIC())
    }

    fn copied_text(&mut self, index: usize, text: &str) -> Result<()> {
        self.bind_text(index, text, ffi::SQLITE_TRANSIENT())
    }

    fn bind_text(
        &mut self,
        index: usize,
        text: &str,
        keep: ffi::sqlite3_destructor_type,
    ) -> Result<()> {
        // An empty text points at a string that lives for ever.
        let text = if text.is_empty() { "" } else { text };
        // SAFETY: `text` is valid UTF-8 for its length and lives as `keep`
        // says: through the run (`insert`), or copied now.
        self.check(unsafe {
            ffi::sqlite3_bind_text64(
                self.stmt,
                index as c_int,
                text.as_ptr().cast(),
                text.len() as u64,
                keep,
                ffi::SQLITE_UTF8 as u8,
            )
        })
    }

    /// `rc` as a result, with the connection's message when it failed.
    #[inline]
    fn check(&self, rc: c_int) -> Result<()> {
        match rc {
            ffi::SQLITE_OK => Ok(()),
            rc => Err(self.failure(rc)),
        }
    }

    #[cold]
    fn failure(&self, rc: c_int) -> Error {
        // SAFETY: a valid connection; the message is copied at once.
        let message = unsafe { CStr::from_ptr(ffi::sqlite3_errmsg(self.db)) }
            .to_string_lossy()
            .into_owned();
        Error::Sqlite(rusqlite::Error::SqliteFailure(
            ffi::Error::new(rc),
            Some(message),
        ))
    }
}

impl Drop for BulkInsert<'_> {
    fn drop(&mut self) {
        // SAFETY: the statement is this value's own (or null, a no-op).
        unsafe {
            ffi::sqlite3_finalize(self.stmt);
        }
    }
}
