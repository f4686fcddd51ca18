//! Queries on feedback items and their tags, with the NPS answers of the
//! reports merged into each (read with the item, or in one pass for all rows).
//! Deleting an item and undoing a change live in `attachments`.

use super::codes::{
    seconds, sentiment_code, sentiment_from, source_code, source_from, status_code, status_from,
    time_from,
};
use super::{Error, Result, Store};
use crate::domain::feedback::{
    FeedbackDraft, FeedbackItem, NpsTally, Source, Status, dedup_hash, dedup_key,
};
use crate::domain::scoring::{Ice, Impact, Rice, Wsjf};
use crate::domain::sentiment::{Sentiment, analyse};
use crate::domain::triage::{SortKey, TriageRow, compare_by_score};
use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::types::ValueRef;
use rusqlite::{Row, Transaction, params};
use std::collections::HashMap;

/// Which items `list_feedback` returns, in which order.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ListQuery {
    pub status: Option<Status>,
    pub sentiment: Option<Sentiment>,
    /// `None` keeps id order.
    pub sort: Option<SortKey>,
}

/// The item columns in the order `read_item` expects (tags come after).
macro_rules! item_columns {
    () => {
        "id, title, description, source, customer, created_at, status, nps,
        rice_reach, rice_impact, rice_confidence, rice_effort,
        ice_impact, ice_confidence, ice_ease,
        wsjf_business_value, wsjf_time_criticality, wsjf_risk_reduction, wsjf_job_size,
        mentions, sentiment, tags"
    };
}

/// Items with the sources and NPS answers of their merged reports.
const SELECT_ITEM: &str = concat!(
    "SELECT ",
    item_columns!(),
    ", (SELECT group_concat(source) FROM (SELECT source, min(rowid) AS heard
          FROM feedback_source s WHERE s.feedback_id = f.id GROUP BY source ORDER BY heard)),
    (SELECT group_concat(nps) FROM feedback_source s
          WHERE s.feedback_id = f.id AND s.nps IS NOT NULL)
    FROM feedback f LEFT JOIN feedback_score sc ON sc.feedback_id = f.id"
);

/// Items without their merged reports, for reading every item at once
/// (`merged_nps_by_item` reads the reports' answers in one pass).
pub(super) const SELECT_ITEM_WITHOUT_SOURCES: &str = concat!(
    "SELECT ",
    item_columns!(),
    ", NULL, NULL FROM feedback f LEFT JOIN feedback_score sc ON sc.feedback_id = f.id"
);

/// Items as a listing streams them: without the merged reports' sources
/// and answers (the listing reads the reports themselves when it needs
/// them), with the file's id for the item's own report, then (in
/// `SELECT_LISTED_WITH_REPORT_FLAG`) whether any report is merged into it.
pub(super) const SELECT_LISTED: &str = concat!(
    "SELECT ",
    item_columns!(),
    ", NULL, NULL, f.external_id, FALSE
    FROM feedback f LEFT JOIN feedback_score sc ON sc.feedback_id = f.id"
);

/// `SELECT_LISTED` telling which items have merged reports, for a listing
/// that looks them up item by item.
pub(super) const SELECT_LISTED_WITH_REPORT_FLAG: &str = concat!(
    "SELECT ",
    item_columns!(),
    ", NULL, NULL, f.external_id,
    EXISTS (SELECT 1 FROM feedback_source s WHERE s.feedback_id = f.id)
    FROM feedback f LEFT JOIN feedback_score sc ON sc.feedback_id = f.id"
);

/// The columns every item's row is written with (`bind_item` binds them in
/// this order).
pub(super) const ITEM_COLUMNS: &str = "id, title, description, source, customer,
        created_at, updated_at, status, nps, mentions, dedup_hash, sentiment, tags";

const INSERT_ITEM: &str = "INSERT INTO feedback (id, title, description, source, customer,
        created_at, updated_at, status, nps, mentions, dedup_hash, sentiment, tags)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";

/// How many values an item's row binds (in `ITEM_COLUMNS`' order).
pub(super) const ROW_VALUES: usize = 13;

const UPDATE_ITEM: &str = "UPDATE feedback SET title = ?2, description = ?3, source = ?4,
        customer = ?5, created_at = ?6, updated_at = ?7, status = ?8, nps = ?9,
        mentions = ?10, dedup_hash = ?11, sentiment = ?12, tags = ?13,
        revision = revision + 1
    WHERE id = ?1";

const WRITE_SCORES: &str = "INSERT OR REPLACE INTO feedback_score (feedback_id, rice_reach,
        rice_impact, rice_confidence, rice_effort, ice_impact, ice_confidence, ice_ease,
        wsjf_business_value, wsjf_time_criticality, wsjf_risk_reduction, wsjf_job_size)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";

/// Tags as stored: in order, joined by the unit separator (char 31). A tag
/// from a file that holds that control character keeps a space in its place,
/// so it still reads back as one tag.
/// `scratch` holds the joined text when there is more than one tag (the
/// text is bound, and so copied, before the next row needs it).
pub(super) fn joined_tags<'a>(tags: &'a [String], scratch: &'a mut String) -> &'a str {
    match tags {
        [] => "",
        [tag] if !tag.contains('\u{1f}') => tag,
        _ => {
            scratch.clear();
            for (i, tag) in tags.iter().enumerate() {
                if i > 0 {
                    scratch.push('\u{1f}');
                }
                match tag.contains('\u{1f}') {
                    true => scratch.push_str(&tag.replace('\u{1f}', " ")),
                    false => scratch.push_str(tag),
                }
            }
            scratch
        }
    }
}

/// Stored tags (`joined_tags`) one by one.
pub(super) fn split_tags(stored: &str) -> impl Iterator<Item = &str> {
    stored.split('\u{1f}').filter(|t| !t.is_empty())
}

pub(super) fn timestamp(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn corrupt(id: i64, what: impl std::fmt::Display) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        rusqlite::types::Type::Text,
        format!("item {id}: {what}").into(),
    )
}

pub(super) fn read_item(row: &Row<'_>) -> rusqlite::Result<FeedbackItem> {
    let id: i64 = row.get(0)?;
    let code = |index: usize, name: &str| -> rusqlite::Result<i64> {
        match row.get_ref(index)? {
            ValueRef::Integer(n) => Ok(n),
            ValueRef::Text(t) => Err(corrupt(
                id,
                format!("{name} '{}'", String::from_utf8_lossy(t)),
            )),
            other => Err(corrupt(id, format!("{name} {other:?}"))),
        }
    };
    let source = code(3, "source")?;
    let created = code(5, "created_at")?;
    let status = code(6, "status")?;
    let impact: Option<f64> = row.get(9)?;
    let mentions: u32 = row.get(19)?;
    let sentiment = code(20, "sentiment")?;
    let tags = row.get_ref(21)?.as_str()?;
    let merged_sources: Option<String> = row.get(22)?;
    let merged_answers: Option<String> = row.get(23)?;
    let source = source_from(source).ok_or_else(|| corrupt(id, format!("source {source}")))?;
    let mut extra_sources: Vec<Source> = Vec::new();
    for name in merged_sources.iter().flat_map(|s| s.split(',')) {
        let other = name.parse::<Source>().map_err(|e| corrupt(id, e))?;
        if other != source && !extra_sources.contains(&other) {
            extra_sources.push(other);
        }
    }
    let mut merged_nps = NpsTally::default();
    for answer in merged_answers.iter().flat_map(|s| s.split(',')) {
        match answer.parse::<u8>() {
            Ok(score) if score <= 10 => merged_nps.add(score),
            _ => return Err(corrupt(id, format!("merged NPS answer '{answer}'"))),
        }
    }
    Ok(FeedbackItem {
        id,
        title: row.get(1)?,
        description: row.get(2)?,
        source,
        customer: row.get(4)?,
        created_at: time_from(created)
            .ok_or_else(|| corrupt(id, format!("created_at {created}")))?,
        status: status_from(status).ok_or_else(|| corrupt(id, format!("status {status}")))?,
        nps: row.get(7)?,
        rice: Rice {
            reach: row.get(8)?,
            impact: match impact {
                None => None,
                Some(v) => {
                    Some(Impact::from_value(v).ok_or_else(|| corrupt(id, format!("impact {v}")))?)
                }
            },
            confidence: row.get(10)?,
            effort: row.get(11)?,
        },
        ice: Ice {
            impact: row.get(12)?,
            confidence: row.get(13)?,
            ease: row.get(14)?,
        },
        wsjf: Wsjf {
            business_value: row.get(15)?,
            time_criticality: row.get(16)?,
            risk_reduction: row.get(17)?,
            job_size: row.get(18)?,
        },
        tags: split_tags(tags).map(str::to_string).collect(),
        mentions,
        extra_sources,
        merged_nps,
        sentiment: sentiment_from(sentiment)
            .ok_or_else(|| corrupt(id, format!("sentiment {sentiment}")))?,
    })
}

pub(super) fn map_read_error(e: rusqlite::Error) -> Error {
    match e {
        rusqlite::Error::FromSqlConversionFailure(_, _, inner) => Error::Corrupt(inner.to_string()),
        other => Error::Sqlite(other),
    }
}

/// How `write_item` stores an item.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Write {
    /// A new row; the item's id is used when non-zero.
    Insert,
    /// Overwrite the existing row with the item's id.
    Update,
}

/// Writes one whole item, tags included; returns its id. The item's
/// `sentiment` is stored as it is: whoever changes the text recomputes it
/// (`FeedbackItem::from_draft` and `modify` do), so an import can compute it
/// on its reading thread.
pub(super) fn write_item(
    tx: &Transaction<'_>,
    item: &FeedbackItem,
    now: i64,
    how: Write,
) -> Result<i64> {
    let hash = dedup_hash(&dedup_key(&item.title, &item.description));
    write_hashed_item(tx, item, now, how, hash)
}

/// `write_item` with the hash of the item's duplicate key already computed.
pub(super) fn write_hashed_item(
    tx: &Transaction<'_>,
    item: &FeedbackItem,
    now: i64,
    how: Write,
    hash: i64,
) -> Result<i64> {
    let mut stmt = tx.prepare_cached(match how {
        Write::Insert => INSERT_ITEM,
        Write::Update => UPDATE_ITEM,
    })?;
    execute_item_write(
        &mut stmt,
        (item.id != 0).then_some(item.id),
        item,
        now,
        hash,
    )?;
    let id = match how {
        Write::Insert => tx.last_insert_rowid(),
        Write::Update => item.id,
    };
    write_scores(tx, id, item, how)?;
    Ok(id)
}

/// Whether any scoring factor is set.
pub(super) fn has_scores(item: &FeedbackItem) -> bool {
    item.rice != Rice::default() || item.ice != Ice::default() || item.wsjf != Wsjf::default()
}

/// Stores an item's scoring factors in `feedback_score`: a row only for an
/// item that has any, so the many unscored items (every imported one) cost
/// nothing there.
pub(super) fn write_scores(
    tx: &Transaction<'_>,
    id: i64,
    item: &FeedbackItem,
    how: Write,
) -> Result<()> {
    if has_scores(item) {
        tx.prepare_cached(WRITE_SCORES)?.execute(params![
            id,
            item.rice.reach,
            item.rice.impact.map(Impact::value),
            item.rice.confidence,
            item.rice.effort,
            item.ice.impact,
            item.ice.confidence,
            item.ice.ease,
            item.wsjf.business_value,
            item.wsjf.time_criticality,
            item.wsjf.risk_reduction,
            item.wsjf.job_size,
        ])?;
    } else if how == Write::Update {
        tx.prepare_cached("DELETE FROM feedback_score WHERE feedback_id = ?1")?
            .execute([id])?;
    }
    Ok(())
}

/// Prepares a statement that inserts `rows` rows at once into `columns`
/// of `table` (`values` per row; the first `ROW_VALUES` are `ITEM_COLUMNS`
/// for `bind_item`). An import runs it for a million items: one statement
/// for many rows saves most of the per-statement work (cursor, seek, reset).
pub(super) fn prepare_insert<'c>(
    conn: &'c rusqlite::Connection,
    table: &str,
    columns: &str,
    values: usize,
    rows: usize,
) -> Result<rusqlite::Statement<'c>> {
    // OR ROLLBACK: a row the schema refuses ends the whole transaction (an
    // import is all or nothing anyway), so SQLite keeps no statement
    // journal to undo part of a many-row statement: it would copy a page
    // for every statement.
    let mut sql = format!("INSERT OR ROLLBACK INTO {table} ({columns}) VALUES ");
    for row in 0..rows {
        let first = row * values + 1;
        let placeholders: Vec<String> = (first..first + values).map(|i| format!("?{i}")).collect();
        let separator = if row == 0 { "" } else { ", " };
        sql.push_str(&format!("{separator}({})", placeholders.join(", ")));
    }
    Ok(conn.prepare(&sql)?)
}

/// Binds the values of an item's row (`ITEM_COLUMNS`) to the parameters
/// after `at` of `stmt` (a row of an insert from `prepare_insert`, or
/// `INSERT_ITEM` or `UPDATE_ITEM` with `at` 0); an insert without an `id`
/// gets the next one. `scratch` is room for joining the item's tags.
pub(super) fn bind_item(
    stmt: &mut rusqlite::Statement<'_>,
    at: usize,
    (id, item): (Option<i64>, &FeedbackItem),
    now: i64,
    hash: i64,
    scratch: &mut String,
) -> Result<()> {
    stmt.raw_bind_parameter(at + 1, id)?;
    stmt.raw_bind_parameter(at + 2, &item.title)?;
    stmt.raw_bind_parameter(at + 3, &item.description)?;
    stmt.raw_bind_parameter(at + 4, source_code(item.source))?;
    stmt.raw_bind_parameter(at + 5, &item.customer)?;
    stmt.raw_bind_parameter(at + 6, seconds(&item.created_at))?;
    stmt.raw_bind_parameter(at + 7, now)?;
    stmt.raw_bind_parameter(at + 8, status_code(item.status))?;
    stmt.raw_bind_parameter(at + 9, item.nps)?;
    stmt.raw_bind_parameter(at + 10, item.mentions.max(1))?;
    stmt.raw_bind_parameter(at + 11, hash)?;
    stmt.raw_bind_parameter(at + 12, sentiment_code(item.sentiment))?;
    stmt.raw_bind_parameter(at + 13, joined_tags(&item.tags, scratch))?;
    Ok(())
}

/// Runs the insert or update statement of one item's row (not its scores);
/// an insert without an `id` gets the next one.
pub(super) fn execute_item_write(
    stmt: &mut rusqlite::Statement<'_>,
    id: Option<i64>,
    item: &FeedbackItem,
    now: i64,
    hash: i64,
) -> Result<()> {
    bind_item(stmt, 0, (id, item), now, hash, &mut String::new())?;
    stmt.raw_execute()?;
    Ok(())
}

pub(super) fn get_in(tx: &Transaction<'_>, id: i64) -> Result<FeedbackItem> {
    let mut stmt = tx.prepare_cached(&format!("{SELECT_ITEM} WHERE id = ?1"))?;
    let mut rows = stmt.query([id])?;
    match rows.next()? {
        Some(row) => read_item(row).map_err(map_read_error),
        None => Err(Error::NotFound(id)),
    }
}

/// The NPS answers of every item's merged reports, by item: one pass over
/// the reports that carry an answer (most carry none), instead of a lookup
/// per item.
fn merged_nps_by_item(tx: &Transaction<'_>) -> Result<HashMap<i64, NpsTally>> {
    let mut tallies: HashMap<i64, NpsTally> = HashMap::new();
    let mut stmt =
        tx.prepare("SELECT feedback_id, nps FROM feedback_source WHERE nps IS NOT NULL")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        match row.get_ref(1)? {
            ValueRef::Integer(score @ 0..=10) => tallies.entry(id).or_default().add(score as u8),
            other => {
                return Err(Error::Corrupt(format!(
                    "item {id}: merged NPS answer {other:?}"
                )));
            }
        }
    }
    Ok(tallies)
}

impl Store {
    /// Stores a new item made from a validated draft and its RICE factors.
    pub fn add_feedback(
        &mut self,
        draft: &FeedbackDraft,
        rice: Rice,
        created_at: DateTime<Utc>,
    ) -> Result<FeedbackItem> {
        let tx = self.write_transaction()?;
        let item = FeedbackItem {
            rice,
            ..FeedbackItem::from_draft(draft.clone(), created_at)
        };
        let id = write_item(&tx, &item, seconds(&Utc::now()), Write::Insert)?;
        let stored = get_in(&tx, id)?;
        tx.commit()?;
        Ok(stored)
    }

    /// Stores many items in one transaction (ids are assigned); all or none.
    pub fn insert_items<I>(&mut self, items: I) -> Result<usize>
    where
        I: IntoIterator<Item = FeedbackItem>,
    {
        let tx = self.write_transaction()?;
        let now = seconds(&Utc::now());
        let mut count = 0;
        for mut item in items {
            item.id = 0;
            write_item(&tx, &item, now, Write::Insert)?;
            count += 1;
        }
        tx.commit()?;
        Ok(count)
    }

    /// One item, or `NotFound`.
    pub fn get_feedback(&mut self, id: i64) -> Result<FeedbackItem> {
        let tx = self.conn.transaction()?;
        get_in(&tx, id)
    }

    /// Items matching the query, in its order.
    pub fn list_feedback(&self, query: &ListQuery) -> Result<Vec<FeedbackItem>> {
        let order = match query.sort {
            None | Some(SortKey::Score) | Some(SortKey::Kano) => "id",
            Some(SortKey::Created) => "created_at DESC, id DESC",
            Some(SortKey::Title) => "title COLLATE NOCASE, id",
            Some(SortKey::Mentions) => "mentions DESC, id",
        };
        let sql = format!(
            "{SELECT_ITEM} WHERE (?1 IS NULL OR status = ?1) AND (?2 IS NULL OR sentiment = ?2)
             ORDER BY {order}"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(
            [
                query.status.map(status_code),
                query.sentiment.map(sentiment_code),
            ],
            read_item,
        )?;
        let mut items = rows
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(map_read_error)?;
        if query.sort == Some(SortKey::Score) {
            // The domain's score, not SQL arithmetic, decides: it is the
            // one that knows when a score does not exist (even on overflow).
            items.sort_by(|a, b| {
                compare_by_score(a.rice.score(), b.rice.score()).then(a.id.cmp(&b.id))
            });
        }
        Ok(items)
    }

    /// Every item as a compact triage row, in id order, with the NPS
    /// answers of its merged reports. Both are read in one read transaction,
    /// so a merge committed meanwhile cannot count an answer twice or not at
    /// all.
    pub fn triage_rows(&self) -> Result<Vec<TriageRow>> {
        let tx = self.conn.unchecked_transaction()?;
        let mut merged = merged_nps_by_item(&tx)?;
        let mut stmt = tx.prepare(&format!("{SELECT_ITEM_WITHOUT_SOURCES} ORDER BY id"))?;
        let rows = stmt.query_map([], read_item)?;
        rows.map(|item| {
            let mut item = item.map_err(map_read_error)?;
            if !merged.is_empty()
                && let Some(tally) = merged.remove(&item.id)
            {
                item.merged_nps = tally;
            }
            Ok(TriageRow::from_item(item))
        })
        .collect()
    }

    pub fn count_feedback(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM feedback", [], |r| r.get(0))?)
    }

    /// Reads an item, applies `change`, writes it back, all in one write
    /// transaction; returns the item as it was before.
    fn modify(&mut self, id: i64, change: impl FnOnce(&mut FeedbackItem)) -> Result<FeedbackItem> {
        let tx = self.write_transaction()?;
        let before = get_in(&tx, id)?;
        let mut after = before.clone();
        change(&mut after);
        after.sentiment = analyse(&after.title, &after.description);
        write_item(&tx, &after, seconds(&Utc::now()), Write::Update)?;
        tx.commit()?;
        Ok(before)
    }

    /// Writes the fields of a validated draft that differ from `original`
    /// (what the editor started from); other fields keep their stored values.
    pub fn update_draft(
        &mut self,
        id: i64,
        original: &FeedbackDraft,
        edited: &FeedbackDraft,
    ) -> Result<FeedbackItem> {
        self.modify(id, |item| edited.apply_changes(original, item))
    }

    pub fn set_status(&mut self, id: i64, status: Status) -> Result<FeedbackItem> {
        self.modify(id, |item| item.status = status)
    }

    pub fn set_rice(&mut self, id: i64, rice: Rice) -> Result<FeedbackItem> {
        self.modify(id, |item| item.rice = rice)
    }

    pub fn set_ice(&mut self, id: i64, ice: Ice) -> Result<FeedbackItem> {
        self.modify(id, |item| item.ice = ice)
    }

    pub fn set_wsjf(&mut self, id: i64, wsjf: Wsjf) -> Result<FeedbackItem> {
        self.modify(id, |item| item.wsjf = wsjf)
    }
}

#[cfg(test)]
mod tests;
