//! The reports an import meets again: every stored report's identity, read
//! when the import starts (sorted, 24 bytes each), and what a row does to the
//! report it names: it
//! leaves it alone when the row is the same, and otherwise updates it in
//! place (journaled first, so an undo can put it back). A report is
//! never counted again: mentions count reports, not imports.

use super::{ImportedRow, Importer};
use crate::store::Result;
use crate::store::codes::{seconds, sentiment_code, source_code};
use crate::store::feedback::{joined_tags, timestamp};
use rusqlite::{Transaction, params};

/// Where a stored report lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ReportRow {
    /// An item's own report (the item's id).
    Item(i64),
    /// A report merged into an item (its `feedback_source` row id).
    Merged(i64),
    /// An NPS answer without a comment (its `nps_responses` id).
    NpsResponse(i64),
}

/// One stored report, packed (24 bytes: a re-import of a million rows
/// holds a million of them).
#[derive(Debug, Clone, Copy)]
struct Packed {
    key: i64,
    /// The table in the top two bits, the row id below.
    row: u64,
    /// The content digest when last imported; 0 with `row`'s bit 61 clear
    /// when none was kept.
    digest: i64,
}

const TABLE_SHIFT: u32 = 62;
const HAS_DIGEST: u64 = 1 << 61;
const ROW_ID: u64 = HAS_DIGEST - 1;

/// The reports stored before an import, sorted by identity, and the line
/// of this file that met each (0: none yet), so a second row with the same
/// identity is seen.
pub(super) struct KnownReports {
    reports: Vec<Packed>,
    met_on_line: Vec<u64>,
}

impl KnownReports {
    /// Every stored report that has an identity (one pass over each table;
    /// nothing to read in a new database).
    pub(super) fn load(tx: &Transaction<'_>) -> Result<KnownReports> {
        let mut reports = Vec::new();
        let mut stmt = tx.prepare(
            "SELECT 0, id, report_key, report_digest FROM feedback WHERE report_key IS NOT NULL
             UNION ALL
             SELECT 1, rowid, report_key, report_digest FROM feedback_source
                 WHERE report_key IS NOT NULL
             UNION ALL
             SELECT 2, id, report_key, report_digest FROM nps_responses
                 WHERE report_key IS NOT NULL",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let table = r.get::<_, i64>(0)? as u64;
            let id: i64 = r.get(1)?;
            let digest: Option<i64> = r.get(3)?;
            let mut row = (table << TABLE_SHIFT) | (id as u64 & ROW_ID);
            if digest.is_some() {
                row |= HAS_DIGEST;
            }
            reports.push(Packed {
                key: r.get(2)?,
                row,
                digest: digest.unwrap_or(0),
            });
        }
        reports.sort_unstable_by_key(|p| p.key);
        let met_on_line = vec![0; reports.len()];
        Ok(KnownReports {
            reports,
            met_on_line,
        })
    }

    /// The report with this identity, if one is stored.
    pub(super) fn find(&self, key: i64) -> Option<usize> {
        if self.reports.is_empty() {
            return None;
        }
        self.reports.binary_search_by_key(&key, |p| p.key).ok()
    }

    /// The line of this file that already met report `at`, if one did.
    pub(super) fn met_on(&self, at: usize) -> Option<u64> {
        Some(self.met_on_line[at]).filter(|line| *line > 0)
    }

    /// Notes that `line` of this file is report `at` (lines count from 1).
    pub(super) fn meet(&mut self, at: usize, line: u64) {
        self.met_on_line[at] = line.max(1);
    }

    fn row(&self, at: usize) -> ReportRow {
        let packed = self.reports[at].row;
        let id = (packed & ROW_ID) as i64;
        match packed >> TABLE_SHIFT {
            0 => ReportRow::Item(id),
            1 => ReportRow::Merged(id),
            _ => ReportRow::NpsResponse(id),
        }
    }

    fn digest(&self, at: usize) -> Option<i64> {
        let packed = self.reports[at];
        (packed.row & HAS_DIGEST != 0).then_some(packed.digest)
    }
}

impl Importer<'_> {
    /// A row whose report is stored: left alone when it is the same (a row
    /// known by its content always is), else updated in place. Returns
    /// false when the row is to be imported as a new report after all: an
    /// NPS answer that now has a comment becomes an item.
    pub(super) fn meet_known(&mut self, at: usize, row: &ImportedRow) -> Result<bool> {
        self.known.meet(at, row.line);
        if row.external.is_none() || self.known.digest(at) == Some(row.digest) {
            self.summary.unchanged += 1;
            return Ok(true);
        }
        let item = &row.item;
        let external = row.external.as_ref().map(|(id, _)| id);
        match self.known.row(at) {
            ReportRow::Item(id) => {
                self.journal.record(&self.tx, "feedback", id)?;
                let tags = joined_tags(&item.tags, &mut self.tags_scratch);
                self.tx
                    .prepare_cached(
                        "UPDATE feedback SET title = ?2, description = ?3, source = ?4,
                             customer = ?5, created_at = coalesce(?6, created_at), nps = ?7,
                             tags = ?8,
                             sentiment = ?9, dedup_hash = ?10, report_digest = ?11,
                             external_id = ?12, updated_at = ?13
                         WHERE id = ?1",
                    )?
                    .execute(params![
                        id,
                        item.title,
                        item.description,
                        source_code(item.source),
                        item.customer,
                        row.dated.then(|| seconds(&item.created_at)),
                        item.nps,
                        tags,
                        sentiment_code(item.sentiment),
                        row.dedup_hash,
                        row.digest,
                        external,
                        self.now
                    ])?;
            }
            ReportRow::Merged(rowid) => {
                let owner: i64 = self.tx.query_row(
                    "SELECT feedback_id FROM feedback_source WHERE rowid = ?1",
                    [rowid],
                    |r| r.get(0),
                )?;
                // The item it is merged into is journaled too, though it
                // does not change: its revision tells an undo whether
                // anyone changed the item (and so its reports) since.
                self.journal.record(&self.tx, "feedback", owner)?;
                self.journal.record(&self.tx, "feedback_source", rowid)?;
                // The report keeps its own text only where it differs from
                // the item's (as a near-duplicate's does).
                let same_text: bool = self.tx.query_row(
                    "SELECT dedup_hash IS ?2 FROM feedback WHERE id = ?1",
                    params![owner, row.dedup_hash],
                    |r| r.get(0),
                )?;
                let (title, description) = match same_text {
                    true => (None, None),
                    false => (Some(&item.title), Some(&item.description)),
                };
                self.tx
                    .prepare_cached(
                        "UPDATE feedback_source SET source = ?2, customer = ?3,
                             created_at = coalesce(?4, created_at),
                             nps = ?5, title = ?6, description = ?7, report_digest = ?8,
                             external_id = ?9
                         WHERE rowid = ?1",
                    )?
                    .execute(params![
                        rowid,
                        item.source.name(),
                        item.customer,
                        row.dated.then(|| timestamp(&item.created_at)),
                        item.nps,
                        title,
                        description,
                        row.digest,
                        external
                    ])?;
            }
            ReportRow::NpsResponse(id) => {
                self.journal.record(&self.tx, "nps_responses", id)?;
                if !row.nps_only {
                    self.tx
                        .prepare_cached("DELETE FROM nps_responses WHERE id = ?1")?
                        .execute([id])?;
                    return Ok(false);
                }
                self.tx
                    .prepare_cached(
                        "UPDATE nps_responses SET score = ?2, created_at = coalesce(?3, created_at),
                             customer = ?4,
                             source = ?5, report_digest = ?6, external_id = ?7
                         WHERE id = ?1",
                    )?
                    .execute(params![
                        id,
                        item.nps,
                        row.dated.then(|| seconds(&item.created_at)),
                        item.customer,
                        source_code(item.source),
                        row.digest,
                        external
                    ])?;
            }
        }
        self.summary.updated += 1;
        Ok(true)
    }
}
