//! Feedback streamed for lists and exports: items read from SQLite and
//! handed over one at a time, each with the reports merged into it, so
//! memory does not grow with the number of items. In id order the reports
//! come from a second cursor over `feedback_source` in item order, merged
//! like a join; in any other order each item that has reports looks them
//! up. An order SQL cannot compute exactly (a score model's, Kano's) is
//! given as the ids that come first (`Listing::first`, only ids and keys
//! are held to sort them); every other item follows in id order.

use super::duplicates::{evidence_of, read_evidence};
use super::feedback::{
    ListQuery, SELECT_LISTED, SELECT_LISTED_WITH_REPORT_FLAG, map_read_error, read_item,
};
use super::{Error, Result, Store};
use crate::domain::feedback::{Evidence, FeedbackItem, NpsTally};
use crate::domain::scoring::{Ice, Impact, Rice, ScoringModel, Wsjf};
use crate::domain::triage::{SortKey, compare_by_score};
use rusqlite::types::ValueRef;
use rusqlite::{Row, Rows, Transaction, params};

/// Which items a listing streams, in which order, with what.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Listing {
    /// The filters, and the order when SQL sorts exactly (created, title,
    /// mentions); any other sort key lists in id order after `first`.
    pub query: ListQuery,
    /// Items listed first, in this order (those that pass the filters);
    /// the rest follow in the query's order.
    pub first: Vec<i64>,
    /// Whether each item's merged reports are read (and with them the
    /// sources it was heard from besides its own).
    pub reports: bool,
}

/// One item as a listing hands it over.
pub struct Listed<'a> {
    pub item: &'a FeedbackItem,
    /// The reports merged into it, oldest first; empty when the listing
    /// does not read them.
    pub reports: &'a [Evidence],
    /// The id the imported file gave the item's own report.
    pub external_id: Option<&'a str>,
}

/// `WHERE` filters of a listing; `?1` is a status code, `?2` a sentiment
/// code, either NULL for any.
const FILTER: &str = "(?1 IS NULL OR f.status = ?1) AND (?2 IS NULL OR f.sentiment = ?2)";

impl Store {
    /// Hands every item of `listing` to `each`, in order, all read in one
    /// read transaction; stops at the first error, `each`'s or the store's.
    pub fn for_each_listed<E: From<Error>>(
        &self,
        listing: &Listing,
        mut each: impl FnMut(Listed<'_>) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let tx = self.conn.unchecked_transaction().map_err(Error::from)?;
        let filters = filter_codes(&listing.query);
        let mut reports = Vec::new();
        if !listing.first.is_empty() {
            let mut stmt = tx
                .prepare(&format!(
                    "{SELECT_LISTED_WITH_REPORT_FLAG} WHERE f.id = ?3 AND {FILTER}"
                ))
                .map_err(Error::from)?;
            for &id in &listing.first {
                let mut rows = stmt
                    .query(params![filters.0, filters.1, id])
                    .map_err(Error::from)?;
                if let Some(row) = rows.next().map_err(Error::from)? {
                    let listed = ListedRow::read(row)?;
                    let mut reader = ReportReader::Lookup(&tx);
                    listed.hand_over(listing.reports, &mut reader, &mut reports, &mut each)?;
                }
            }
        }
        let order = match listing.query.sort {
            Some(SortKey::Created) => "created_at DESC, id DESC",
            Some(SortKey::Title) => "title COLLATE NOCASE, id",
            Some(SortKey::Mentions) => "mentions DESC, id",
            None | Some(SortKey::Score) | Some(SortKey::Kano) => "id",
        };
        let mut listed_first = listing.first.clone();
        listed_first.sort_unstable();
        let mut report_stmt = match (listing.reports, order) {
            (true, "id") => Some(
                tx.prepare(
                    "SELECT feedback_id, source, customer, created_at, nps, title, description,
                         report_key, report_digest, external_id, import_batch
                     FROM feedback_source ORDER BY feedback_id, rowid",
                )
                .map_err(Error::from)?,
            ),
            _ => None,
        };
        let mut reader = match &mut report_stmt {
            Some(stmt) => ReportReader::Cursor {
                rows: stmt.query([]).map_err(Error::from)?,
                next: None,
            },
            None => ReportReader::Lookup(&tx),
        };
        let select = match &reader {
            ReportReader::Lookup(_) if listing.reports => SELECT_LISTED_WITH_REPORT_FLAG,
            _ => SELECT_LISTED,
        };
        let mut stmt = tx
            .prepare(&format!("{select} WHERE {FILTER} ORDER BY {order}"))
            .map_err(Error::from)?;
        let mut rows = stmt
            .query(params![filters.0, filters.1])
            .map_err(Error::from)?;
        while let Some(row) = rows.next().map_err(Error::from)? {
            if !listed_first.is_empty() {
                let id: i64 = row.get(0).map_err(Error::from)?;
                if listed_first.binary_search(&id).is_ok() {
                    continue;
                }
            }
            let listed = ListedRow::read(row)?;
            listed.hand_over(listing.reports, &mut reader, &mut reports, &mut each)?;
        }
        Ok(())
    }

    /// The ids of the items that pass `query`'s filters and have a score
    /// under `model`, highest score first, ties by id: the head of a
    /// listing sorted by that model (unscored items follow in id order).
    /// Only scored items have a row of factors, so only they are read.
    pub fn score_order(&self, query: &ListQuery, model: ScoringModel) -> Result<Vec<i64>> {
        let filters = filter_codes(query);
        let mut stmt = self.conn.prepare(&format!(
            "SELECT f.id, sc.rice_reach, sc.rice_impact, sc.rice_confidence, sc.rice_effort,
                 sc.ice_impact, sc.ice_confidence, sc.ice_ease, sc.wsjf_business_value,
                 sc.wsjf_time_criticality, sc.wsjf_risk_reduction, sc.wsjf_job_size
             FROM feedback_score sc JOIN feedback f ON f.id = sc.feedback_id WHERE {FILTER}"
        ))?;
        let mut rows = stmt.query(params![filters.0, filters.1])?;
        let mut scored: Vec<(f64, i64)> = Vec::new();
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            let score = match model {
                ScoringModel::Rice => {
                    let impact = match row.get::<_, Option<f64>>(2)? {
                        None => None,
                        Some(v) => Some(
                            Impact::from_value(v)
                                .ok_or_else(|| Error::Corrupt(format!("item {id}: impact {v}")))?,
                        ),
                    };
                    Rice {
                        reach: row.get(1)?,
                        impact,
                        confidence: row.get(3)?,
                        effort: row.get(4)?,
                    }
                    .score()
                }
                ScoringModel::Ice => Ice {
                    impact: row.get(5)?,
                    confidence: row.get(6)?,
                    ease: row.get(7)?,
                }
                .score(),
                ScoringModel::Wsjf => Wsjf {
                    business_value: row.get(8)?,
                    time_criticality: row.get(9)?,
                    risk_reduction: row.get(10)?,
                    job_size: row.get(11)?,
                }
                .score(),
            };
            if let Some(score) = score {
                scored.push((score, id));
            }
        }
        scored.sort_unstable_by(|a, b| compare_by_score(Some(a.0), Some(b.0)).then(a.1.cmp(&b.1)));
        Ok(scored.into_iter().map(|(_, id)| id).collect())
    }

    /// Every NPS answer of the items that pass `query`'s filters: their
    /// own and their merged reports' (the answers without a comment are
    /// `nps_response_tally`'s).
    pub fn listed_nps(&self, query: &ListQuery) -> Result<NpsTally> {
        let filters = filter_codes(query);
        let mut stmt = self.conn.prepare(&format!(
            "SELECT f.nps FROM feedback f WHERE f.nps IS NOT NULL AND {FILTER}
             UNION ALL
             SELECT s.nps FROM feedback_source s JOIN feedback f ON f.id = s.feedback_id
              WHERE s.nps IS NOT NULL AND {FILTER}"
        ))?;
        let mut rows = stmt.query(params![filters.0, filters.1])?;
        let mut tally = NpsTally::default();
        while let Some(row) = rows.next()? {
            match row.get_ref(0)? {
                ValueRef::Integer(score @ 0..=10) => tally.add(score as u8),
                other => return Err(Error::Corrupt(format!("NPS answer {other:?}"))),
            }
        }
        Ok(tally)
    }
}

/// The status and sentiment codes `FILTER` binds.
fn filter_codes(query: &ListQuery) -> (Option<i64>, Option<i64>) {
    use super::codes::{sentiment_code, status_code};
    (
        query.status.map(status_code),
        query.sentiment.map(sentiment_code),
    )
}

/// An item row of `SELECT_LISTED`.
struct ListedRow {
    item: FeedbackItem,
    external_id: Option<String>,
    has_reports: bool,
}

impl ListedRow {
    fn read(row: &Row<'_>) -> Result<ListedRow> {
        Ok(ListedRow {
            item: read_item(row).map_err(map_read_error)?,
            external_id: row.get(24)?,
            has_reports: row.get(25)?,
        })
    }

    /// Reads the item's reports when wanted (into `reports`, reused), adds
    /// the sources they came from, and hands the item to `each`.
    fn hand_over<E: From<Error>>(
        mut self,
        wanted: bool,
        reader: &mut ReportReader<'_, '_>,
        reports: &mut Vec<Evidence>,
        each: &mut impl FnMut(Listed<'_>) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        reports.clear();
        if wanted {
            reader.read(self.item.id, self.has_reports, reports)?;
            // As `SELECT_ITEM` gives them: each source once, in the order
            // first heard, the item's own left out.
            for report in reports.iter() {
                if report.source != self.item.source
                    && !self.item.extra_sources.contains(&report.source)
                {
                    self.item.extra_sources.push(report.source);
                }
            }
        }
        each(Listed {
            item: &self.item,
            reports,
            external_id: self.external_id.as_deref(),
        })
    }
}

/// Where an item's merged reports are read from.
enum ReportReader<'t, 's> {
    /// A query per item that has any.
    Lookup(&'t Transaction<'t>),
    /// Every report in item order, for items handed over in id order.
    Cursor {
        rows: Rows<'s>,
        /// The report read past the last item asked for.
        next: Option<(i64, Evidence)>,
    },
}

impl ReportReader<'_, '_> {
    /// The reports of item `id` into `into`, oldest first.
    fn read(&mut self, id: i64, has_reports: bool, into: &mut Vec<Evidence>) -> Result<()> {
        match self {
            ReportReader::Lookup(tx) => {
                if has_reports {
                    *into = evidence_of(tx, id)?;
                }
            }
            ReportReader::Cursor { rows, next } => loop {
                let (of, report) = match next.take() {
                    Some(pending) => pending,
                    None => match rows.next()? {
                        Some(row) => read_evidence(row)?,
                        None => return Ok(()),
                    },
                };
                if of > id {
                    *next = Some((of, report));
                    return Ok(());
                }
                if of == id {
                    into.push(report);
                }
            },
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::feedback::{FeedbackDraft, Source, Status};
    use crate::domain::sentiment::Sentiment;
    use chrono::DateTime;

    /// A store on a file with items of every source, some scored, some
    /// moved on, and reports merged into three of them.
    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("listing.db")).unwrap();
        let sources = [Source::Survey, Source::Support, Source::Nps, Source::Other];
        for i in 0..24i64 {
            let draft = FeedbackDraft {
                title: format!("Item {} {}", ["b", "A", "c"][i as usize % 3], 24 - i),
                description: ["slow and broken", "love it", "fine"][i as usize % 3].into(),
                source: sources[i as usize % 4],
                nps: (i % 5 == 0).then_some((i % 11) as u8),
                ..FeedbackDraft::default()
            };
            let rice = Rice {
                reach: (i % 4 == 1).then_some(((i % 3) * 10) as f64),
                impact: (i % 4 == 1).then_some(Impact::High),
                confidence: (i % 4 == 1).then_some(50.0),
                effort: (i % 4 == 1).then_some(1.0),
            };
            let created = DateTime::from_timestamp(1_790_000_000 + (i % 7) * 60, 0).unwrap();
            store.add_feedback(&draft, rice, created).unwrap();
        }
        for (id, impact) in [(3, 4), (9, 8), (4, 4)] {
            let ice = Ice {
                impact: Some(impact),
                confidence: Some(4),
                ease: Some(4),
            };
            store.set_ice(id, ice).unwrap();
        }
        store.set_status(2, Status::Triaged).unwrap();
        store.set_status(7, Status::Triaged).unwrap();
        for (kept, absorbed) in [(2, 5), (2, 6), (10, 11), (20, 1)] {
            store.merge_items(kept, absorbed).unwrap();
        }
        (dir, store)
    }

    /// What a listing hands over: each item with its reports and file id.
    fn listed(
        store: &Store,
        listing: &Listing,
    ) -> Vec<(FeedbackItem, Vec<Evidence>, Option<String>)> {
        let mut out = Vec::new();
        store
            .for_each_listed(listing, |l| {
                out.push((
                    l.item.clone(),
                    l.reports.to_vec(),
                    l.external_id.map(String::from),
                ));
                Ok::<(), Error>(())
            })
            .unwrap();
        out
    }

    fn queries() -> Vec<ListQuery> {
        let mut queries = Vec::new();
        for sort in [
            None,
            Some(SortKey::Created),
            Some(SortKey::Title),
            Some(SortKey::Mentions),
        ] {
            for (status, sentiment) in [
                (None, None),
                (Some(Status::Triaged), None),
                (None, Some(Sentiment::Negative)),
                (Some(Status::Done), None),
            ] {
                queries.push(ListQuery {
                    status,
                    sentiment,
                    sort,
                });
            }
        }
        queries
    }

    #[test]
    fn a_listing_streams_what_the_whole_list_reads() {
        let (_dir, store) = store();
        let all_reports = store.all_evidence().unwrap();
        assert!(!all_reports.is_empty());
        for query in queries() {
            let expected = store.list_feedback(&query).unwrap();
            let listing = Listing {
                query,
                first: Vec::new(),
                reports: true,
            };
            let got = listed(&store, &listing);
            assert_eq!(got.len(), expected.len(), "{query:?}");
            for ((item, reports, external), want) in got.iter().zip(&expected) {
                let want_reports = all_reports.get(&want.id).cloned().unwrap_or_default();
                assert_eq!(reports, &want_reports, "{query:?}");
                // The merged answers are counted by `listed_nps` instead.
                let want = FeedbackItem {
                    merged_nps: NpsTally::default(),
                    ..want.clone()
                };
                assert_eq!(item, &want, "{query:?}");
                assert_eq!(external, &None);
            }
            let without = Listing {
                reports: false,
                ..listing
            };
            let ids: Vec<i64> = listed(&store, &without).iter().map(|l| l.0.id).collect();
            assert_eq!(ids, expected.iter().map(|i| i.id).collect::<Vec<_>>());
        }
    }

    #[test]
    fn a_score_order_comes_first_and_the_rest_follow_in_id_order() {
        let (_dir, store) = store();
        for (status, sentiment) in [
            (None, None),
            (Some(Status::Triaged), None),
            (None, Some(Sentiment::Negative)),
        ] {
            let query = ListQuery {
                status,
                sentiment,
                sort: Some(SortKey::Score),
            };
            let expected: Vec<i64> = store
                .list_feedback(&query)
                .unwrap()
                .iter()
                .map(|i| i.id)
                .collect();
            let first = store.score_order(&query, ScoringModel::Rice).unwrap();
            let listing = Listing {
                query,
                first,
                reports: true,
            };
            let ids: Vec<i64> = listed(&store, &listing).iter().map(|l| l.0.id).collect();
            assert_eq!(ids, expected, "{query:?}");
        }
        let ice = store
            .score_order(&ListQuery::default(), ScoringModel::Ice)
            .unwrap();
        assert_eq!(ice, vec![9, 3, 4], "highest first, ties by id");
        assert!(
            store
                .score_order(&ListQuery::default(), ScoringModel::Wsjf)
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn the_listed_nps_counts_the_items_and_their_merged_reports() {
        let (_dir, store) = store();
        for query in queries() {
            let expected: NpsTally = store
                .list_feedback(&query)
                .unwrap()
                .iter()
                .map(FeedbackItem::nps_answers)
                .sum();
            assert_eq!(store.listed_nps(&query).unwrap(), expected, "{query:?}");
        }
        assert!(store.listed_nps(&ListQuery::default()).unwrap().answers() > 0);
    }
}
