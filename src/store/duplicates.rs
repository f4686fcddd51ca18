//! Near-duplicates: finding them among the stored items, remembering pairs
//! the user dismissed, and merging one item into another so that the kept
//! item holds all the evidence (mentions, sources, the merged text, tags and
//! survey answers).

use super::codes::{seconds, source_from, source_named, time_from_text};
use super::feedback::{Write, get_in, timestamp, write_item};
use super::{Error, Result, Store};
use crate::domain::duplicates::{MAX_PAIRS, NearDuplicate, NearDuplicates, PairItem, SimilarItem};
use crate::domain::feedback::{Evidence, FeedbackItem, ReportIdentity};
use crate::domain::similarity::{Analyzer, Synonyms, closest_matches, near_duplicates};
use chrono::Utc;
use rusqlite::{Connection, Transaction, params};
use std::collections::{HashMap, HashSet};

fn pair_item(tx: &Transaction<'_>, id: i64) -> Result<PairItem> {
    let mut stmt = tx.prepare_cached(
        "SELECT title, description, source, mentions FROM feedback WHERE id = ?1",
    )?;
    let (title, description, source, mentions): (String, String, i64, u32) =
        stmt.query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    Ok(PairItem {
        id,
        title,
        description,
        source: source_from(source)
            .ok_or_else(|| Error::Corrupt(format!("item {id}: source {source}")))?,
        mentions,
    })
}

fn dismissed_pairs(tx: &Transaction<'_>) -> Result<HashSet<(i64, i64)>> {
    let mut stmt = tx.prepare("SELECT first_id, second_id FROM duplicate_dismissal")?;
    let pairs = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<HashSet<(i64, i64)>>>()?;
    Ok(pairs)
}

impl Store {
    /// Pairs of items at least `threshold` similar, most similar first,
    /// leaving out dismissed pairs; at most `MAX_PAIRS`; with the shipped
    /// synonym table extended by the user's (`config::synonyms`), whose
    /// problems come back as `Error::Invalid` naming the file.
    pub fn near_duplicates(
        &self,
        threshold: f64,
        stop: &dyn Fn() -> bool,
    ) -> Result<NearDuplicates> {
        let user = crate::config::synonyms::user_synonyms_path();
        let synonyms = crate::config::synonyms::load_synonyms(user.as_deref())
            .map_err(|problem| Error::Invalid(problem.to_string()))?;
        self.near_duplicates_with(threshold, &synonyms, stop)
    }

    /// The stored items most like a new item's text, at or above
    /// `threshold`, most alike first, at most `limit` (for the warning
    /// before an item is added).
    pub fn similar_items(
        &self,
        title: &str,
        description: &str,
        threshold: f64,
        limit: usize,
    ) -> Result<Vec<SimilarItem>> {
        let user = crate::config::synonyms::user_synonyms_path();
        let synonyms = crate::config::synonyms::load_synonyms(user.as_deref())
            .map_err(|problem| Error::Invalid(problem.to_string()))?;
        let mut analyzer = Analyzer::new(&synonyms);
        let draft = analyzer.fingerprint(title, description);
        let mut items = Vec::new();
        let mut prints = Vec::new();
        let mut stmt = self
            .conn
            .prepare("SELECT id, title, description FROM feedback ORDER BY id")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let title: String = row.get(1)?;
            let description: String = row.get(2)?;
            prints.push(analyzer.fingerprint(&title, &description));
            items.push((row.get::<_, i64>(0)?, title));
        }
        Ok(closest_matches(&draft, &prints, threshold, limit)
            .into_iter()
            .map(|(at, similarity)| SimilarItem {
                id: items[at].0,
                title: items[at].1.clone(),
                similarity,
            })
            .collect())
    }

    /// `near_duplicates` with the synonym table `synonyms`. Everything is
    /// read in one read transaction, so a change committed meanwhile by
    /// another connection cannot make a pair point at a missing item.
    /// `stop` is asked now and then; when it says yes, the search ends early.
    pub fn near_duplicates_with(
        &self,
        threshold: f64,
        synonyms: &Synonyms,
        stop: &dyn Fn() -> bool,
    ) -> Result<NearDuplicates> {
        let mut analyzer = Analyzer::new(synonyms);
        let tx = self.conn.unchecked_transaction()?;
        let mut ids = Vec::new();
        let mut prints = Vec::new();
        {
            let mut stmt = tx.prepare("SELECT id, title, description FROM feedback ORDER BY id")?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                ids.push(row.get::<_, i64>(0)?);
                let title: String = row.get(1)?;
                let description: String = row.get(2)?;
                prints.push(analyzer.fingerprint(&title, &description));
            }
        }
        let dismissed = dismissed_pairs(&tx)?;
        let skip = |a: usize, b: usize| dismissed.contains(&(ids[a], ids[b]));
        let search = near_duplicates(&prints, threshold, MAX_PAIRS, &skip, stop);
        drop(prints);
        let mut pairs = Vec::with_capacity(search.pairs.len());
        for pair in search.pairs {
            pairs.push(NearDuplicate {
                first: pair_item(&tx, ids[pair.first])?,
                second: pair_item(&tx, ids[pair.second])?,
                similarity: pair.similarity,
            });
        }
        Ok(NearDuplicates {
            pairs,
            complete: search.complete,
        })
    }

    /// Remembers that two items are not duplicates, so the review never
    /// lists them again.
    pub fn dismiss_pair(&mut self, a: i64, b: i64) -> Result<()> {
        let (first, second) = (a.min(b), a.max(b));
        let tx = self.write_transaction()?;
        get_in(&tx, first)?;
        get_in(&tx, second)?;
        tx.execute(
            "INSERT OR IGNORE INTO duplicate_dismissal (first_id, second_id) VALUES (?1, ?2)",
            params![first, second],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Merges item `absorbed` into item `kept`, in one transaction: the kept
    /// item adds the other's mentions, tags and missing scores; the other's
    /// source, customer, date, NPS answer and text are kept as a source row
    /// of the kept item, as are the reports merged into it before (with its
    /// text and their NPS answers), its dismissed pairs and its survey
    /// answers. The kept item's own `nps` stays its own answer; the moved
    /// answers count in `merged_nps`. A respondent who answered
    /// the same survey about both keeps the kept item's answer only: one
    /// person counts once per feature. Then `absorbed` is deleted. Returns
    /// the kept item as it is now.
    pub fn merge_items(&mut self, kept: i64, absorbed: i64) -> Result<FeedbackItem> {
        if kept == absorbed {
            return Err(Error::Invalid(format!(
                "cannot merge item {kept} into itself"
            )));
        }
        let tx = self.write_transaction()?;
        let mut item = get_in(&tx, kept)?;
        let other = get_in(&tx, absorbed)?;
        // The absorbed item's own report keeps its identity, so a re-import
        // still knows it.
        let own = own_report(&tx, absorbed)?;
        tx.execute(
            "INSERT INTO feedback_source
                 (feedback_id, source, customer, created_at, nps, title, description,
                  report_key, report_digest, external_id, import_batch)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                kept,
                other.source.name(),
                other.customer,
                timestamp(&other.created_at),
                other.nps,
                other.title,
                other.description,
                own.key,
                own.digest,
                own.external_id,
                own.batch
            ],
        )?;
        // Reports merged into the absorbed item as exact duplicates carry no
        // text of their own (it was the absorbed item's); give them that text
        // as they move, so it is not mistaken for the kept item's.
        tx.execute(
            "UPDATE feedback_source SET feedback_id = ?1,
                 title = coalesce(title, ?3), description = coalesce(description, ?4)
             WHERE feedback_id = ?2",
            params![kept, absorbed, other.title, other.description],
        )?;
        // Pairs the user dismissed stay dismissed for the kept item.
        tx.execute(
            "INSERT OR IGNORE INTO duplicate_dismissal (first_id, second_id)
             SELECT min(?1, other), max(?1, other) FROM (
                 SELECT CASE WHEN first_id = ?2 THEN second_id ELSE first_id END AS other
                 FROM duplicate_dismissal WHERE first_id = ?2 OR second_id = ?2)
             WHERE other <> ?1",
            params![kept, absorbed],
        )?;
        tx.execute(
            "UPDATE OR IGNORE kano_response SET feedback_id = ?1 WHERE feedback_id = ?2",
            params![kept, absorbed],
        )?;
        item.mentions = item.mentions.saturating_add(other.mentions);
        for tag in other.tags {
            if !item.tags.contains(&tag) {
                item.tags.push(tag);
            }
        }
        if item.rice.score().is_none() && other.rice.score().is_some() {
            item.rice = other.rice;
        }
        if item.ice.score().is_none() && other.ice.score().is_some() {
            item.ice = other.ice;
        }
        if item.wsjf.score().is_none() && other.wsjf.score().is_some() {
            item.wsjf = other.wsjf;
        }
        // The other's NPS answer is not copied into the kept item's own:
        // it is kept on the other's report row above, and counted from
        // there, so it counts once.
        write_item(&tx, &item, seconds(&Utc::now()), Write::Update)?;
        tx.execute("DELETE FROM feedback WHERE id = ?1", [absorbed])?;
        let merged = get_in(&tx, kept)?;
        tx.commit()?;
        Ok(merged)
    }

    /// The reports merged into an item: each with its source, customer,
    /// date, NPS and (for near-duplicates) its own title and description.
    pub fn evidence(&self, id: i64) -> Result<Vec<Evidence>> {
        evidence_of(&self.conn, id)
    }

    /// The reports of every item that has any, in one query (for exports).
    pub fn all_evidence(&self) -> Result<HashMap<i64, Vec<Evidence>>> {
        let mut stmt = self.conn.prepare(
            "SELECT feedback_id, source, customer, created_at, nps, title, description,
                 report_key, report_digest, external_id, import_batch
             FROM feedback_source ORDER BY feedback_id, rowid",
        )?;
        let mut rows = stmt.query([])?;
        let mut all: HashMap<i64, Vec<Evidence>> = HashMap::new();
        while let Some(row) = rows.next()? {
            let (id, evidence) = read_evidence(row)?;
            all.entry(id).or_default().push(evidence);
        }
        Ok(all)
    }
}

/// The identity of item `id`'s own report.
pub(super) fn own_report(conn: &Connection, id: i64) -> Result<ReportIdentity> {
    Ok(conn.query_row(
        "SELECT report_key, report_digest, external_id, import_batch FROM feedback WHERE id = ?1",
        [id],
        |r| {
            Ok(ReportIdentity {
                key: r.get(0)?,
                digest: r.get(1)?,
                external_id: r.get(2)?,
                batch: r.get(3)?,
            })
        },
    )?)
}

/// The reports merged into item `id`, oldest first.
pub(super) fn evidence_of(conn: &Connection, id: i64) -> Result<Vec<Evidence>> {
    let mut stmt = conn.prepare_cached(
        "SELECT feedback_id, source, customer, created_at, nps, title, description,
             report_key, report_digest, external_id, import_batch
         FROM feedback_source WHERE feedback_id = ?1 ORDER BY rowid",
    )?;
    let mut rows = stmt.query([id])?;
    let mut evidence = Vec::new();
    while let Some(row) = rows.next()? {
        evidence.push(read_evidence(row)?.1);
    }
    Ok(evidence)
}

/// One report row (in `evidence_of`'s column order) and the item it is
/// merged into.
pub(super) fn read_evidence(row: &rusqlite::Row<'_>) -> Result<(i64, Evidence)> {
    let id: i64 = row.get(0)?;
    let (source, created_at): (String, String) = (row.get(1)?, row.get(3)?);
    let evidence = Evidence {
        source: source_named(&source)
            .ok_or_else(|| Error::Corrupt(format!("item {id}: report source '{source}'")))?,
        customer: row.get(2)?,
        created_at: time_from_text(&created_at).ok_or_else(|| {
            Error::Corrupt(format!("item {id}: report created_at '{created_at}'"))
        })?,
        nps: row.get(4)?,
        title: row.get(5)?,
        description: row.get(6)?,
        identity: ReportIdentity {
            key: row.get(7)?,
            digest: row.get(8)?,
            external_id: row.get(9)?,
            batch: row.get(10)?,
        },
    };
    Ok((id, evidence))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::feedback::{FeedbackDraft, Source};
    use crate::domain::scoring::Rice;

    #[test]
    fn reports_read_back_typed_and_a_bad_one_is_corrupt() {
        let mut store = Store::open_in_memory().unwrap();
        let draft = FeedbackDraft {
            title: "Export".into(),
            ..FeedbackDraft::default()
        };
        let id = store
            .add_feedback(&draft, Rice::default(), Utc::now())
            .unwrap()
            .id;
        store
            .conn
            .execute(
                "INSERT INTO feedback_source (feedback_id, source, customer, created_at, nps)
                 VALUES (?1, 'nps', 'Ann', '2026-03-04T05:06:07Z', 3)",
                [id],
            )
            .unwrap();
        let evidence = store.evidence(id).unwrap();
        assert_eq!(evidence.len(), 1);
        assert_eq!(evidence[0].source, Source::Nps);
        assert_eq!(
            evidence[0].created_at.to_rfc3339(),
            "2026-03-04T05:06:07+00:00"
        );
        assert_eq!(evidence[0].nps, Some(3));

        store
            .conn
            .execute(
                "UPDATE feedback_source SET created_at = 'last week' WHERE feedback_id = ?1",
                [id],
            )
            .unwrap();
        assert!(matches!(store.evidence(id), Err(Error::Corrupt(_))));
        assert!(matches!(store.delete_feedback(id), Err(Error::Corrupt(_))));
    }
}
