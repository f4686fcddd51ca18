//! Changing the triage table's rows: a reload replaces them all, a stored
//! change inserts or replaces one, a delete removes one. The kept sort
//! orders are patched rather than recomputed, and the rows are arranged at
//! once (a job still on its way for the old rows is overtaken).

use super::super::order::OrderKey;
use super::super::query::BEST;
use super::TriageList;
use crate::domain::triage::TriageRow;
use std::sync::Arc;

impl TriageList {
    /// Replaces all rows (after a reload), keeping sort, filters and selection.
    pub fn replace_rows(&mut self, mut rows: Vec<TriageRow>) {
        let keep = self.selected_id();
        rows.sort_by_key(|r| r.id);
        self.row_nps = Arc::new(rows.iter().map(|r| r.nps).collect());
        self.matches = Arc::new(vec![BEST; rows.len()]);
        self.matched_query = None;
        self.rows = Arc::new(rows);
        self.orders.clear();
        self.visible.clear();
        self.arrange_now(keep);
    }

    /// Inserts or replaces one row and selects it. Kept orders are patched.
    pub fn upsert(&mut self, row: TriageRow) {
        let id = row.id;
        let matched = if self.filter.is_empty() {
            BEST
        } else {
            self.filter.quality(&row, &mut Vec::new())
        };
        let index = match self.index_of(id) {
            Some(i) => {
                for order in self.orders.values_mut() {
                    Arc::make_mut(order).retain(|&x| x as usize != i);
                }
                Arc::make_mut(&mut self.row_nps)[i] = row.nps;
                Arc::make_mut(&mut self.rows)[i] = row;
                Arc::make_mut(&mut self.matches)[i] = matched;
                i
            }
            None => {
                let at = self.rows.partition_point(|r| r.id < id);
                for order in self.orders.values_mut() {
                    for x in Arc::make_mut(order)
                        .iter_mut()
                        .filter(|x| **x as usize >= at)
                    {
                        *x += 1;
                    }
                }
                Arc::make_mut(&mut self.row_nps).insert(at, row.nps);
                Arc::make_mut(&mut self.rows).insert(at, row);
                Arc::make_mut(&mut self.matches).insert(at, matched);
                at
            }
        };
        // The Kano order depends on survey results, not on the row: rebuild it.
        self.orders.remove(&OrderKey::Kano);
        let rows = &self.rows;
        for (key, order) in self.orders.iter_mut() {
            let new = &rows[index];
            let at = order.partition_point(|&x| key.compare(&rows[x as usize], new).is_lt());
            Arc::make_mut(order).insert(at, index as u32);
        }
        self.visible.clear();
        self.arrange_now(Some(id));
    }

    /// Removes a row; the selection stays at the same position.
    pub fn remove(&mut self, id: i64) {
        let Some(i) = self.index_of(id) else {
            return;
        };
        for order in self.orders.values_mut() {
            let order = Arc::make_mut(order);
            order.retain(|&x| x as usize != i);
            for x in order.iter_mut().filter(|x| **x as usize > i) {
                *x -= 1;
            }
        }
        Arc::make_mut(&mut self.rows).remove(i);
        Arc::make_mut(&mut self.matches).remove(i);
        Arc::make_mut(&mut self.row_nps).remove(i);
        self.visible.clear();
        self.arrange_now(None);
    }
}
