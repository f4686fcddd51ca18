//! The undo journal of an import batch: before the batch first changes a
//! row that existed before it, the row is copied, as JSON of all its
//! columns, into `import_journal`. Undo writes the copies back (`restore`).
//! The columns are read from the schema, so a column added later is
//! journaled too.

use crate::store::Result;
use rusqlite::{Connection, Transaction, params};
use std::collections::{HashMap, HashSet};

/// The tables an import changes rows of (the journal's `table_name`).
pub(super) const JOURNALED_TABLES: [&str; 3] = ["feedback", "feedback_source", "nps_responses"];

/// The journal of one open batch.
pub(super) struct Journal {
    batch: i64,
    seq: i64,
    recorded: HashSet<(&'static str, i64)>,
    /// Each table's `json_object(…)` of its columns.
    json_of: HashMap<&'static str, String>,
}

/// A table's column names, in order.
pub(super) fn columns(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?;
    let names = stmt
        .query_map([table], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(names)
}

impl Journal {
    pub(super) fn new(batch: i64) -> Journal {
        Journal {
            batch,
            seq: 0,
            recorded: HashSet::new(),
            json_of: HashMap::new(),
        }
    }

    /// Copies row `rowid` of `table` as it is now, unless this batch
    /// already did.
    pub(super) fn record(
        &mut self,
        tx: &Transaction<'_>,
        table: &'static str,
        rowid: i64,
    ) -> Result<()> {
        debug_assert!(JOURNALED_TABLES.contains(&table));
        if !self.recorded.insert((table, rowid)) {
            return Ok(());
        }
        if !self.json_of.contains_key(table) {
            let pairs: Vec<String> = columns(tx, table)?
                .iter()
                .map(|c| format!("'{c}', \"{c}\""))
                .collect();
            self.json_of
                .insert(table, format!("json_object({})", pairs.join(", ")));
        }
        self.seq += 1;
        tx.prepare_cached(&format!(
            "INSERT INTO import_journal (batch_id, seq, table_name, row_id, before)
             VALUES (?1, ?2, ?3, ?4, (SELECT {} FROM {table} WHERE rowid = ?4))",
            self.json_of[table]
        ))?
        .execute(params![self.batch, self.seq, table, rowid])?;
        Ok(())
    }
}

/// Writes back every row batch `batch` journaled, last first: each as it
/// was before the batch (a row the batch created is deleted).
pub(super) fn restore(tx: &Transaction<'_>, batch: i64) -> Result<()> {
    let entries: Vec<(String, i64, Option<String>)> = tx
        .prepare(
            "SELECT table_name, row_id, before FROM import_journal
             WHERE batch_id = ?1 ORDER BY seq DESC",
        )?
        .query_map([batch], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut columns_of: HashMap<String, Vec<String>> = HashMap::new();
    for (table, rowid, before) in entries {
        if !JOURNALED_TABLES.contains(&table.as_str()) {
            return Err(crate::store::Error::Corrupt(format!(
                "import journal names the table '{table}'"
            )));
        }
        let Some(before) = before else {
            tx.execute(&format!("DELETE FROM {table} WHERE rowid = ?1"), [rowid])?;
            continue;
        };
        if !columns_of.contains_key(&table) {
            columns_of.insert(table.clone(), columns(tx, &table)?);
        }
        let columns = &columns_of[&table];
        let names = columns
            .iter()
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(", ");
        let values = columns
            .iter()
            .map(|c| format!("json_extract(?2, '$.\"{c}\"')"))
            .collect::<Vec<_>>()
            .join(", ");
        let exists: bool = tx.query_row(
            &format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE rowid = ?1)"),
            [rowid],
            |r| r.get(0),
        )?;
        let sql = match exists {
            true => format!("UPDATE {table} SET ({names}) = ({values}) WHERE rowid = ?1"),
            false => format!("INSERT INTO {table} (rowid, {names}) VALUES (?1, {values})"),
        };
        tx.execute(&sql, params![rowid, before])?;
    }
    Ok(())
}
