//! Which report a row is. A row with an external id is that id's report:
//! stored before (then it is met, and a second row with the same id in the
//! file is refused), or new. A row known by its content is the next
//! occurrence of that content in the file: the first identical row is
//! occurrence 1, the next 2, and so on, so two identical NPS answers are two
//! reports, and a re-import meets each again. External ids are remembered
//! in a filter of fixed size, not a list, so memory stays flat; a row the
//! filter may have seen is a suspect, checked against the rows this import
//! wrote when it finishes.

use super::{ImportFailure, Importer, Outcome, Route};
use crate::domain::feedback::{ImportedRow, identity_of_content};
use crate::store::Result;
use std::collections::HashSet;

/// A row whose external id the filter may have seen before in this file.
pub(super) struct Suspect {
    identity: i64,
    line: u64,
    id: String,
}

impl Importer<'_> {
    /// What becomes of `row`: a stored report it meets, or a new report or
    /// NPS response with its identity (none yet for a content row that
    /// waits with the held rows).
    pub(super) fn route(&mut self, row: &ImportedRow) -> Outcome<Route> {
        if let Some((id, identity)) = &row.external {
            let identity = *identity;
            match self.known.find(identity) {
                Some(at) => {
                    if let Some(first_line) = self.known.met_on(at) {
                        return Err(ImportFailure::RepeatedId {
                            id: id.clone(),
                            first_line: Some(first_line),
                            line: row.line,
                        });
                    }
                    if self.meet_known(at, row)? {
                        return Ok(Route::Done);
                    }
                }
                None => {
                    let seen = self.ids_seen.get_or_insert_with(super::SeenFilter::new);
                    if seen.check_and_insert(identity) {
                        self.suspects.push(Suspect {
                            identity,
                            line: row.line,
                            id: id.clone(),
                        });
                    }
                }
            }
            return Ok(match row.nps_only {
                true => Route::NpsResponse(identity),
                false => Route::NewReport(Some(identity)),
            });
        }
        if row.nps_only {
            let taken = std::mem::take(&mut self.nps_added);
            let next = self.next_occurrence(row, |identity| taken.contains(&identity));
            self.nps_added = taken;
            return Ok(match next? {
                Some(identity) => {
                    self.nps_added.insert(identity);
                    Route::NpsResponse(identity)
                }
                None => Route::Done,
            });
        }
        // The first occurrence, unless the file already met it: then the
        // row waits with the held rows, which settle which occurrence it is.
        let first = identity_of_content(row.digest, 1);
        match self.known.find(first) {
            Some(at) if self.known.met_on(at).is_none() => {
                self.meet_known(at, row)?;
                Ok(Route::Done)
            }
            Some(_) => Ok(Route::NewReport(None)),
            None => Ok(Route::NewReport(Some(first))),
        }
    }

    /// The identity of a content row among the held ones: the first
    /// occurrence of its content that neither a stored report this file
    /// already met nor a row this import added (`taken`: identities this
    /// import gave items with its text) has. None when that is a stored
    /// report, met now (the row is unchanged). `items` are the items with
    /// its text, whose merged reports count too.
    pub(super) fn content_identity(
        &mut self,
        row: &ImportedRow,
        items: &[i64],
        taken: &[i64],
    ) -> Result<Option<i64>> {
        let mut merged = self.tx.prepare_cached(
            "SELECT report_key FROM feedback_source
             WHERE feedback_id = ?1 AND import_batch = ?2 AND report_key IS NOT NULL",
        )?;
        let mut used: HashSet<i64> = taken.iter().copied().collect();
        for &item in items {
            let keys = merged.query_map([item, self.batch], |r| r.get::<_, i64>(0))?;
            for key in keys {
                used.insert(key?);
            }
        }
        drop(merged);
        self.next_occurrence(row, |identity| used.contains(&identity))
    }

    /// The first occurrence of the row's content whose identity is neither
    /// `taken` by this import nor a stored report already met; meets and
    /// returns none when it is a stored report not met yet.
    fn next_occurrence(
        &mut self,
        row: &ImportedRow,
        taken: impl Fn(i64) -> bool,
    ) -> Result<Option<i64>> {
        for occurrence in 1.. {
            let identity = identity_of_content(row.digest, occurrence);
            match self.known.find(identity) {
                Some(at) if self.known.met_on(at).is_none() => {
                    self.meet_known(at, row)?;
                    return Ok(None);
                }
                Some(_) => continue,
                None if taken(identity) => continue,
                None => return Ok(Some(identity)),
            }
        }
        unreachable!("a file has fewer rows than occurrences")
    }

    /// Refuses the import if a suspect's id really came twice: one pass
    /// over the reports this import wrote (only when there are suspects).
    pub(super) fn check_suspects(&mut self) -> Outcome<()> {
        if self.suspects.is_empty() {
            return Ok(());
        }
        let wanted: HashSet<i64> = self.suspects.iter().map(|s| s.identity).collect();
        let mut count: std::collections::HashMap<i64, usize> = Default::default();
        let (first, last) = self.added_ids.unwrap_or((1, 0));
        let mut stmt = self.tx.prepare(
            "SELECT report_key FROM feedback WHERE id BETWEEN ?1 AND ?2 AND import_batch = ?3
             UNION ALL
             SELECT report_key FROM feedback_source WHERE import_batch = ?3
             UNION ALL
             SELECT report_key FROM nps_responses WHERE import_batch = ?3",
        )?;
        let mut rows = stmt.query([first, last, self.batch])?;
        while let Some(row) = rows.next()? {
            if let Some(key) = row.get::<_, Option<i64>>(0)?
                && wanted.contains(&key)
            {
                *count.entry(key).or_default() += 1;
            }
        }
        let repeated = self
            .suspects
            .iter()
            .find(|s| count.get(&s.identity).is_some_and(|n| *n > 1));
        match repeated {
            Some(s) => Err(ImportFailure::RepeatedId {
                id: s.id.clone(),
                first_line: None,
                line: s.line,
            }),
            None => Ok(()),
        }
    }
}
