//! The triage table's sort orders: a compact key per sort, computed once
//! over all rows as indices into them (rows are in id order, so an index
//! breaks ties exactly as the id would).

use crate::domain::kano::Category;
use crate::domain::scoring::ScoringModel;
use crate::domain::triage::{SortKey, TriageRow, compare_by_score, compare_rows};
use std::cmp::Ordering;
use std::collections::HashMap;

/// Which kept order a sort uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum OrderKey {
    Score(ScoringModel),
    Created,
    Title,
    Kano,
    Mentions,
}

impl OrderKey {
    pub(super) fn of(sort: SortKey, model: ScoringModel) -> OrderKey {
        match sort {
            SortKey::Score => OrderKey::Score(model),
            SortKey::Created => OrderKey::Created,
            SortKey::Title => OrderKey::Title,
            SortKey::Kano => OrderKey::Kano,
            SortKey::Mentions => OrderKey::Mentions,
        }
    }

    pub(super) fn compare(self, a: &TriageRow, b: &TriageRow) -> Ordering {
        match self {
            OrderKey::Score(model) => compare_rows(a, b, SortKey::Score, model),
            OrderKey::Created => compare_rows(a, b, SortKey::Created, ScoringModel::Rice),
            OrderKey::Title => compare_rows(a, b, SortKey::Title, ScoringModel::Rice),
            OrderKey::Kano => compare_rows(a, b, SortKey::Kano, ScoringModel::Rice),
            OrderKey::Mentions => compare_rows(a, b, SortKey::Mentions, ScoringModel::Rice),
        }
    }
}

/// The first 16 bytes of a string as a big-endian number: comparing these
/// settles most title comparisons without touching the strings.
fn prefix_key(text: &str) -> u128 {
    let mut bytes = [0u8; 16];
    let n = text.len().min(16);
    bytes[..n].copy_from_slice(&text.as_bytes()[..n]);
    u128::from_be_bytes(bytes)
}

/// Rank of a Kano category in the Kano sort (unsurveyed last).
fn kano_rank(category: Option<Category>) -> usize {
    category
        .and_then(|c| Category::PRIORITY.iter().position(|p| *p == c))
        .unwrap_or(Category::PRIORITY.len())
}

/// Computes one order over all rows. Rows are in id order, so a row's
/// index breaks ties exactly as its id would.
pub(super) fn compute_order(
    rows: &[TriageRow],
    key: OrderKey,
    kano: &HashMap<i64, Category>,
) -> Vec<u32> {
    match key {
        OrderKey::Kano => {
            let mut keyed: Vec<(usize, u32)> = rows
                .iter()
                .enumerate()
                .map(|(i, r)| (kano_rank(kano.get(&r.id).copied()), i as u32))
                .collect();
            keyed.sort_unstable();
            keyed.into_iter().map(|(_, i)| i).collect()
        }
        OrderKey::Score(model) => {
            let mut keyed: Vec<(Option<f64>, u32)> = rows
                .iter()
                .enumerate()
                .map(|(i, r)| (r.score(model), i as u32))
                .collect();
            keyed.sort_unstable_by(|a, b| compare_by_score(a.0, b.0).then(a.1.cmp(&b.1)));
            keyed.into_iter().map(|(_, i)| i).collect()
        }
        OrderKey::Mentions => {
            let mut keyed: Vec<(std::cmp::Reverse<u32>, u32)> = rows
                .iter()
                .enumerate()
                .map(|(i, r)| (std::cmp::Reverse(r.mentions), i as u32))
                .collect();
            keyed.sort_unstable();
            keyed.into_iter().map(|(_, i)| i).collect()
        }
        OrderKey::Created => {
            let mut keyed: Vec<(i64, u32)> = rows
                .iter()
                .enumerate()
                .map(|(i, r)| (r.created_at, i as u32))
                .collect();
            keyed.sort_unstable_by(|a, b| b.cmp(a));
            keyed.into_iter().map(|(_, i)| i).collect()
        }
        OrderKey::Title => {
            let mut keyed: Vec<(u128, u32)> = rows
                .iter()
                .enumerate()
                .map(|(i, r)| (prefix_key(r.title_key()), i as u32))
                .collect();
            keyed.sort_unstable_by(|a, b| {
                a.0.cmp(&b.0).then_with(|| {
                    let (x, y) = (&rows[a.1 as usize], &rows[b.1 as usize]);
                    x.title_key().cmp(y.title_key()).then(a.1.cmp(&b.1))
                })
            });
            keyed.into_iter().map(|(_, i)| i).collect()
        }
    }
}
