//! Importing a feedback file into the store, all or nothing, and undoing
//! an import: the one path that `retriage import`, `retriage imports` and
//! the TUI share. The file is read by `interop::import` (streaming), rows
//! go into one import transaction (`store::Importer`, one batch), and
//! nothing is committed unless every row was good, the run was not a dry
//! run and nobody cancelled it.

use super::{Error, Result};
use crate::domain::feedback::FeedbackItem;
use crate::interop::import::{ImportOptions, read_feedback, read_feedback_pipelined};
use crate::store::{ImportBatch, ImportFailure, ImportSummary, Store};
use std::io::Read;

/// What an import did (or, in a dry run, would do).
#[derive(Debug, Clone, PartialEq)]
pub struct ImportReport {
    /// Rows turned into items.
    pub rows: usize,
    /// Rows skipped on purpose (e.g. Parabol rows that are not cards).
    pub skipped: usize,
    pub summary: ImportSummary,
    /// The batch it was recorded as (`imports undo ID`); none in a dry run.
    pub batch: Option<i64>,
    pub dry_run: bool,
    /// In a dry run, the first `FIRST_ITEMS` items read, as they would be
    /// stored (before any merging), to show; empty otherwise.
    pub first_items: Vec<FeedbackItem>,
}

/// How many items a report keeps to show.
pub const FIRST_ITEMS: usize = 5;

impl ImportReport {
    /// One line for people: "imported 3 rows from FILE (import 4): 2 new
    /// items, …". Only the kinds of rows the file had are counted.
    pub fn describe(&self, file: &str) -> String {
        let s = &self.summary;
        let mut parts = vec![format!("{} new items", s.added)];
        let mut count = |n: usize, what: &str| {
            if n > 0 {
                parts.push(format!("{n} {what}"));
            }
        };
        count(s.merged, "merged into duplicates");
        count(s.updated, "updated");
        count(s.unchanged, "unchanged");
        count(s.nps_responses, "NPS answers without comment");
        count(self.skipped, "rows skipped (not feedback)");
        let batch = self
            .batch
            .map_or_else(String::new, |id| format!(" (import {id})"));
        format!(
            "{} {} rows from {file}{batch}: {}",
            if self.dry_run {
                "would import"
            } else {
                "imported"
            },
            self.rows,
            parts.join(", ")
        )
    }
}

/// Imports `input` in one transaction. `keep_going` is called after each
/// batch of items with the number of items so far, and once more before committing;
/// returning false cancels (nothing is written). A bad file fails with
/// `Error::Read`, listing its bad cells.
/// The batch is recorded under the name `file`.
pub fn import_file(
    store: &mut Store,
    input: impl Read + Send,
    file: &str,
    options: &ImportOptions,
    dry_run: bool,
    keep_going: &mut dyn FnMut(usize) -> bool,
) -> Result<ImportReport> {
    let mut importer = store.begin_import(file).map_err(Error::Store)?;
    let mut failure: Option<Error> = None;
    let mut count = 0;
    let mut first_items = Vec::new();
    // Reading and checking run on a second thread, writing on this one.
    let read = read_feedback_pipelined(input, options, &mut |batch| {
        if dry_run && first_items.len() < FIRST_ITEMS {
            let wanted = FIRST_ITEMS - first_items.len();
            first_items.extend(batch.iter().take(wanted).map(|row| row.item.clone()));
        }
        let stop = |failure: &mut Option<Error>, e: Error| {
            let message = e.to_string();
            *failure = Some(e);
            Err(message)
        };
        if let Err(e) = importer.add_batch(batch) {
            return stop(&mut failure, refusal(e, file, options));
        }
        count += batch.len();
        if !keep_going(count) {
            return stop(&mut failure, Error::Cancelled);
        }
        Ok(())
    });
    let stats = match (read, failure) {
        (_, Some(e)) => return Err(e),
        (Err(e), None) => return Err(Error::Read(e)),
        (Ok(stats), None) => stats,
    };
    if !keep_going(count) {
        return Err(Error::Cancelled);
    }
    let (summary, batch) = if dry_run {
        let summary = importer.dry_run(stats.rows);
        (summary.map_err(|e| refusal(e, file, options))?, None)
    } else {
        let committed = importer.commit(stats.rows);
        let (summary, batch) = committed.map_err(|e| refusal(e, file, options))?;
        (summary, Some(batch))
    };
    Ok(ImportReport {
        rows: stats.rows,
        skipped: stats.skipped,
        summary,
        batch,
        dry_run,
        first_items,
    })
}

/// Why the store refused an import, for people. A repeated id whose first
/// line the import did not keep is looked up in the file `file` again.
fn refusal(failure: ImportFailure, file: &str, options: &ImportOptions) -> Error {
    match failure {
        ImportFailure::Store(e) => Error::Store(e),
        ImportFailure::RepeatedId {
            id,
            first_line: None,
            line,
        } => {
            let first_line = first_line_with_id(file, options, &id).filter(|first| *first < line);
            Error::Invalid(
                ImportFailure::RepeatedId {
                    id,
                    first_line,
                    line,
                }
                .to_string(),
            )
        }
        refused => Error::Invalid(refused.to_string()),
    }
}

/// The line of the first row of `file` with external id `id`, if the file
/// can be read again.
fn first_line_with_id(file: &str, options: &ImportOptions, id: &str) -> Option<u64> {
    let input = std::fs::File::open(file).ok()?;
    let mut found = None;
    let _ = read_feedback(input, options, &mut |row| {
        if row
            .external
            .as_ref()
            .is_some_and(|(external, _)| external == id)
        {
            found = Some(row.line);
            return Err("found".into());
        }
        Ok(())
    });
    found
}

/// Undoes import `batch` (see `Store::undo_import`); refused, naming the
/// items in the way, when something changed since in what it touched.
pub fn undo_import(store: &mut Store, batch: i64) -> Result<ImportBatch> {
    match store.undo_import(batch)? {
        Ok(undone) => Ok(undone),
        Err(conflict) => Err(Error::Invalid(format!(
            "import {batch} cannot be undone: later changes touched what it imported \
             (undo those first): {}",
            conflict.items.join("; ")
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::ListQuery;

    const CSV: &str =
        "title,source\nExport is slow,support\nDark mode,survey\nexport is  slow,nps\n";

    fn import(store: &mut Store, csv: &str, dry_run: bool) -> Result<ImportReport> {
        import_file(
            store,
            csv.as_bytes(),
            "f.csv",
            &ImportOptions::default(),
            dry_run,
            &mut |_| true,
        )
    }

    #[test]
    fn an_import_stores_the_items_and_merges_exact_duplicates() {
        let mut store = Store::open_in_memory().unwrap();
        let report = import(&mut store, CSV, false).unwrap();
        assert_eq!(
            (report.rows, report.summary.added, report.summary.merged),
            (3, 2, 1)
        );
        assert!(report.first_items.is_empty(), "only a dry run keeps them");
        assert_eq!(
            report.describe("f.csv"),
            "imported 3 rows from f.csv (import 1): 2 new items, 1 merged into duplicates"
        );
        assert_eq!(store.count_feedback().unwrap(), 2);
    }

    #[test]
    fn a_dry_run_a_bad_file_or_a_cancel_writes_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        let report = import(&mut store, CSV, true).unwrap();
        assert_eq!(report.summary.added, 2);
        assert_eq!(report.first_items.len(), 3);
        let bad = import(&mut store, "title,nps\nFine,3\nBad,11\n", false).unwrap_err();
        assert!(matches!(bad, Error::Read(_)), "{bad}");
        let cancelled = import_file(
            &mut store,
            CSV.as_bytes(),
            "f.csv",
            &ImportOptions::default(),
            false,
            &mut |_| false,
        )
        .unwrap_err();
        assert_eq!(
            cancelled.to_string(),
            "import cancelled; nothing was imported"
        );
        assert!(
            store
                .list_feedback(&ListQuery::default())
                .unwrap()
                .is_empty()
        );
    }
}
