//! Arranging the triage table: from the rows, a sort order, the query's
//! match qualities and the filters, the rows to show in display order.
//!
//! It is one computation over shared snapshots (`Arc`), so it can run
//! anywhere: a small table runs it at once, inside the keystroke; a large
//! one (a million rows take a tenth of a second or more to sort or filter)
//! hands it out as an `ArrangeJob`, which the runtime runs on a thread of
//! its own while the screen keeps the old order. The answer, `Arranged`,
//! comes back as a message; an answer that a newer change overtook is
//! dropped, and the job it belonged to stops early when it notices.

use super::super::order::{OrderKey, compute_order};
use super::super::query::{BEST, NO_MATCH, Quality, QueryFilter};
use crate::domain::feedback::{NpsTally, Source, Status};
use crate::domain::kano::Category;
use crate::domain::sentiment::Sentiment;
use crate::domain::triage::TriageRow;
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// How often (in rows) a matching thread checks whether it was overtaken.
const CANCEL_CHECK_EVERY: usize = 8192;

/// What the shown rows are computed from: the order and every filter.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Criteria {
    pub key: OrderKey,
    pub reversed: bool,
    pub query: String,
    pub status: Option<Status>,
    pub source: Option<Source>,
    pub sentiment: Option<Sentiment>,
    pub kano: Option<Category>,
}

/// How the match qualities are brought up to date with the query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Matching {
    /// They already belong to this query.
    Keep,
    /// The query only narrowed: only rows that matched are tested again.
    Narrow,
    /// Every row is tested.
    Full,
}

/// One arrangement to compute; `run` computes it.
#[derive(Clone)]
pub struct ArrangeJob {
    pub(super) generation: u64,
    pub(super) rows: Arc<Vec<TriageRow>>,
    pub(super) row_nps: Arc<Vec<NpsTally>>,
    pub(super) kano: Arc<HashMap<i64, Category>>,
    /// The kept order for `criteria.key`, when there is one.
    pub(super) order: Option<Arc<Vec<u32>>>,
    /// The current match qualities, and how to bring them up to date.
    pub(super) matches: Arc<Vec<Quality>>,
    pub(super) matching: Matching,
    pub(super) criteria: Criteria,
    pub(super) workers: usize,
    /// Set when a newer arrangement overtook this one.
    pub(super) overtaken: Arc<AtomicBool>,
}

impl std::fmt::Debug for ArrangeJob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ArrangeJob")
            .field("generation", &self.generation)
            .field("rows", &self.rows.len())
            .field("matching", &self.matching)
            .field("criteria", &self.criteria)
            .finish()
    }
}

impl PartialEq for ArrangeJob {
    fn eq(&self, other: &Self) -> bool {
        self.generation == other.generation && self.criteria == other.criteria
    }
}

/// A computed arrangement, for the list that asked for it.
#[derive(Clone, PartialEq)]
pub struct Arranged {
    pub(super) generation: u64,
    /// What it was arranged by.
    pub(super) criteria: Criteria,
    pub(super) order: Arc<Vec<u32>>,
    pub(super) matches: Arc<Vec<Quality>>,
    /// Indices into the rows, in display order.
    pub(super) visible: Vec<u32>,
    /// The NPS answers of the shown rows.
    pub(super) nps: NpsTally,
}

impl std::fmt::Debug for Arranged {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Arranged")
            .field("generation", &self.generation)
            .field("criteria", &self.criteria)
            .field("visible", &self.visible.len())
            .finish()
    }
}

impl ArrangeJob {
    /// Computes the arrangement; `None` when a newer one overtook it first.
    pub fn run(self) -> Option<Arranged> {
        let filter = QueryFilter::new(&self.criteria.query);
        let matches = self.match_rows(&filter)?;
        let order = match &self.order {
            Some(order) => Arc::clone(order),
            None => Arc::new(compute_order(&self.rows, self.criteria.key, &self.kano)),
        };
        if self.is_overtaken() {
            return None;
        }
        let visible = self.visible_rows(&order, &matches, filter.is_empty());
        let nps = visible
            .iter()
            .map(|&i| self.row_nps[i as usize])
            .sum::<NpsTally>();
        Some(Arranged {
            generation: self.generation,
            criteria: self.criteria,
            order,
            matches,
            visible,
            nps,
        })
    }

    fn is_overtaken(&self) -> bool {
        self.overtaken.load(Ordering::Relaxed)
    }

    /// The match qualities for the query: the ones it has when the query
    /// is unchanged (a sort or another filter), otherwise tested in id
    /// order (the order the rows sit in memory), split across the worker
    /// threads.
    fn match_rows(&self, filter: &QueryFilter) -> Option<Arc<Vec<Quality>>> {
        let (mut matches, narrows) = match self.matching {
            Matching::Keep => return Some(Arc::clone(&self.matches)),
            _ if filter.is_empty() => return Some(Arc::new(vec![BEST; self.rows.len()])),
            Matching::Narrow => (self.matches.as_ref().clone(), true),
            Matching::Full => (vec![NO_MATCH; self.rows.len()], false),
        };
        let chunk = self.rows.len().div_ceil(self.workers.max(1)).max(1);
        let overtaken = &*self.overtaken;
        std::thread::scope(|scope| {
            for (rows, matches) in self.rows.chunks(chunk).zip(matches.chunks_mut(chunk)) {
                scope.spawn(move || {
                    let mut buf = Vec::new();
                    let pieces = rows
                        .chunks(CANCEL_CHECK_EVERY)
                        .zip(matches.chunks_mut(CANCEL_CHECK_EVERY));
                    for (rows, matches) in pieces {
                        if overtaken.load(Ordering::Relaxed) {
                            return;
                        }
                        for (row, matched) in rows.iter().zip(matches.iter_mut()) {
                            if !narrows || *matched != NO_MATCH {
                                *matched = filter.quality(row, &mut buf);
                            }
                        }
                    }
                });
            }
        });
        (!self.is_overtaken()).then(|| Arc::new(matches))
    }

    fn passes_filters(&self, index: usize, matches: &[Quality]) -> bool {
        let (row, c) = (&self.rows[index], &self.criteria);
        matches[index] != NO_MATCH
            && c.status.is_none_or(|s| s == row.status)
            && c.source.is_none_or(|s| s == row.source)
            && c.sentiment.is_none_or(|s| s == row.sentiment)
            && c.kano.is_none_or(|k| self.kano.get(&row.id) == Some(&k))
    }

    /// The rows that pass every filter, in the order (read backwards when
    /// reversed), better matches first when there is a query.
    fn visible_rows(&self, order: &[u32], matches: &[Quality], no_query: bool) -> Vec<u32> {
        // A reversed score order keeps its unscored tail last.
        let split = match (self.criteria.reversed, self.criteria.key) {
            (true, OrderKey::Score(model)) => {
                order.partition_point(|&i| self.rows[i as usize].score(model).is_some())
            }
            _ => order.len(),
        };
        let (head, tail) = order.split_at(split);
        let c = &self.criteria;
        let unfiltered = no_query
            && c.status.is_none()
            && c.source.is_none()
            && c.sentiment.is_none()
            && c.kano.is_none();
        if unfiltered {
            // Every row: a copy of the order, no test per row.
            return match c.reversed {
                true => head.iter().rev().chain(tail).copied().collect(),
                false => order.to_vec(),
            };
        }
        let keep_row = |&&i: &&u32| self.passes_filters(i as usize, matches);
        let in_order: Box<dyn Iterator<Item = &u32>> = if self.criteria.reversed {
            Box::new(head.iter().rev().chain(tail.iter()))
        } else {
            Box::new(order.iter())
        };
        if no_query {
            in_order.filter(keep_row).copied().collect()
        } else {
            // Better matches first; the sort order holds within each quality.
            let mut by_quality: [Vec<u32>; BEST as usize] = Default::default();
            for &i in in_order.filter(keep_row) {
                by_quality[usize::from(BEST - matches[i as usize])].push(i);
            }
            by_quality.concat()
        }
    }
}
