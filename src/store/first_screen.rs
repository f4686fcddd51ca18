//! The triage table's first screen for a large backlog: the rows it shows
//! first (RICE score, best first, then unscored items by id), read without
//! reading every item, while the runtime reads the rest in the background.

use super::feedback::{SELECT_ITEM_WITHOUT_SOURCES, get_in, map_read_error, read_item};
use super::{Result, Store};
use crate::domain::scoring::{Impact, Rice};
use crate::domain::triage::{TriageRow, compare_by_score};

impl Store {
    /// The first `limit` rows of the triage table's first order (RICE
    /// score, best first, then unscored items by id), read without reading
    /// every item: a first screen while every row loads. Only the scored
    /// items' factors are read in full; their merged NPS answers are not
    /// (the header shows no NPS while loading).
    pub fn first_triage_rows(&self, limit: usize) -> Result<Vec<TriageRow>> {
        let mut scored: Vec<(i64, Option<f64>)> = Vec::new();
        {
            let mut stmt = self.conn.prepare(
                "SELECT feedback_id, rice_reach, rice_impact, rice_confidence, rice_effort
                 FROM feedback_score",
            )?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                let rice = Rice {
                    reach: row.get(1)?,
                    impact: row.get::<_, Option<f64>>(2)?.and_then(Impact::from_value),
                    confidence: row.get(3)?,
                    effort: row.get(4)?,
                };
                if let Some(score) = rice.score() {
                    scored.push((row.get(0)?, Some(score)));
                }
            }
        }
        scored.sort_by(|a, b| compare_by_score(a.1, b.1).then(a.0.cmp(&b.0)));
        scored.truncate(limit);
        let tx = self.conn.unchecked_transaction()?;
        let mut items = Vec::with_capacity(limit);
        for (id, _) in &scored {
            items.push(get_in(&tx, *id)?);
        }
        if items.len() < limit {
            let mut stmt = tx.prepare(&format!(
                "{SELECT_ITEM_WITHOUT_SOURCES}
                 WHERE NOT EXISTS (SELECT 1 FROM feedback_score s WHERE s.feedback_id = f.id
                     AND s.rice_reach IS NOT NULL AND s.rice_impact IS NOT NULL
                     AND s.rice_confidence IS NOT NULL AND s.rice_effort IS NOT NULL)
                 ORDER BY f.id LIMIT ?1"
            ))?;
            let rows = stmt.query_map([(limit - items.len()) as i64], read_item)?;
            for item in rows {
                items.push(item.map_err(map_read_error)?);
            }
        }
        Ok(items.into_iter().map(TriageRow::from_item).collect())
    }
}
