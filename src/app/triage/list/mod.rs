//! The triage table's data: every row in memory, the sort orders, and the
//! rows the filters let through.
//!
//! Built for 100,000 items and a keystroke budget well under 16 ms:
//! - Each sort order (per sort key, and per model for the score) is computed
//!   once from compact keys and kept; switching back to it costs one pass.
//!   When a row changes, the kept orders are patched, not recomputed.
//!   Reversing reads an order backwards (unscored items stay last).
//! - The filter (`query`) gives each row a match quality: whole words and
//!   word starts in the title rank above matches inside words, the
//!   description, and letters scattered over the title; within a quality the
//!   sort order holds. Substrings are found with memchr's SIMD search.
//!   Matching runs in id order (the order rows sit in memory), split across
//!   the cores; typing more characters only re-tests rows that matched.
//! - Selection follows the item, not the position, when the list changes.

use super::order::{OrderKey, compute_order};
use super::query::{BEST, NO_MATCH, Quality, QueryFilter};
use crate::domain::feedback::{NpsTally, Source, Status};
use crate::domain::kano::Category;
use crate::domain::scoring::ScoringModel;
use crate::domain::sentiment::Sentiment;
use crate::domain::triage::{SortKey, TriageRow};
use std::collections::HashMap;

pub struct TriageList {
    /// All rows, in id order.
    rows: Vec<TriageRow>,
    /// Kept sort orders: indices into `rows`.
    orders: HashMap<OrderKey, Vec<u32>>,
    /// Per row: how well it matches the query (`NO_MATCH`: not at all).
    matches: Vec<Quality>,
    /// Indices into `rows` that pass every filter, in display order.
    visible: Vec<u32>,
    /// Position in `visible`.
    selected: usize,
    /// First visible position drawn.
    offset: usize,
    /// Rows the table shows at once (set from the terminal size).
    page_size: usize,
    sort: SortKey,
    reversed: bool,
    model: ScoringModel,
    query: String,
    filter: QueryFilter,
    status_filter: Option<Status>,
    source_filter: Option<Source>,
    kano_filter: Option<Category>,
    sentiment_filter: Option<Sentiment>,
    /// Kano category of each surveyed item, by id.
    kano: HashMap<i64, Category>,
    /// NPS of the visible rows (recomputed whenever they change).
    nps: Option<(i32, usize)>,
    /// Per row: its NPS answers (its own and its merged reports'), kept
    /// compact beside `matches` so the visible NPS is a cheap pass, not a
    /// walk over the rows.
    row_nps: Vec<NpsTally>,
    /// NPS answers that came without a comment: they are in no row, and
    /// count in the NPS while no filter is on.
    unlisted_nps: NpsTally,
    /// Threads that match rows against the query.
    workers: usize,
}

impl std::fmt::Debug for TriageList {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TriageList")
            .field("rows", &self.rows.len())
            .field("visible", &self.visible.len())
            .field("selected", &self.selected)
            .field("sort", &self.sort)
            .field("query", &self.query)
            .finish()
    }
}

impl TriageList {
    pub fn new(mut rows: Vec<TriageRow>) -> TriageList {
        rows.sort_by_key(|r| r.id);
        let workers = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
        let mut list = TriageList {
            matches: vec![BEST; rows.len()],
            row_nps: rows.iter().map(|r| r.nps).collect(),
            rows,
            orders: HashMap::new(),
            visible: Vec::new(),
            selected: 0,
            offset: 0,
            page_size: 20,
            sort: SortKey::default(),
            reversed: false,
            model: ScoringModel::default(),
            query: String::new(),
            filter: QueryFilter::new(""),
            status_filter: None,
            source_filter: None,
            kano_filter: None,
            sentiment_filter: None,
            kano: HashMap::new(),
            nps: None,
            unlisted_nps: NpsTally::default(),
            workers,
        };
        list.apply_filters(None);
        list
    }

    // ----- reading -------------------------------------------------------

    pub fn total(&self) -> usize {
        self.rows.len()
    }

    pub fn visible_len(&self) -> usize {
        self.visible.len()
    }

    /// The row at a visible position.
    pub fn visible_row(&self, position: usize) -> Option<&TriageRow> {
        self.visible.get(position).map(|&i| &self.rows[i as usize])
    }

    /// The visible rows from `start`, at most `count` of them.
    pub fn window(&self, start: usize, count: usize) -> impl Iterator<Item = &TriageRow> {
        self.visible
            .iter()
            .skip(start)
            .take(count)
            .map(|&i| &self.rows[i as usize])
    }

    pub fn selected_position(&self) -> usize {
        self.selected
    }

    pub fn selected_row(&self) -> Option<&TriageRow> {
        self.visible_row(self.selected)
    }

    pub fn selected_id(&self) -> Option<i64> {
        self.selected_row().map(|r| r.id)
    }

    pub fn offset(&self) -> usize {
        self.offset
    }

    pub fn page_size(&self) -> usize {
        self.page_size
    }

    pub fn sort(&self) -> SortKey {
        self.sort
    }

    pub fn reversed(&self) -> bool {
        self.reversed
    }

    pub fn model(&self) -> ScoringModel {
        self.model
    }

    pub fn query(&self) -> &str {
        &self.query
    }

    pub fn status_filter(&self) -> Option<Status> {
        self.status_filter
    }

    pub fn source_filter(&self) -> Option<Source> {
        self.source_filter
    }

    /// NPS (% promoters − % detractors) of every answer of the visible
    /// items (each item's own and its merged reports'), and while no filter
    /// is on of the answers without a comment too, with how many answers
    /// there are.
    pub fn visible_nps(&self) -> Option<(i32, usize)> {
        self.nps
    }

    /// Sets the NPS answers that came without a comment (in no row).
    pub fn set_unlisted_nps(&mut self, tally: NpsTally) {
        self.unlisted_nps = tally;
        self.count_nps();
    }

    /// The NPS of the visible rows (and of the unlisted answers, unfiltered).
    fn count_nps(&mut self) {
        let row_nps = &self.row_nps;
        let mut tally = self
            .visible
            .iter()
            .map(|&i| row_nps[i as usize])
            .sum::<NpsTally>();
        if !self.is_filtered() {
            tally += self.unlisted_nps;
        }
        self.nps = tally.score();
    }

    pub fn kano_filter(&self) -> Option<Category> {
        self.kano_filter
    }

    pub fn sentiment_filter(&self) -> Option<Sentiment> {
        self.sentiment_filter
    }

    /// The Kano category of an item, when it has survey answers.
    pub fn kano_of(&self, id: i64) -> Option<Category> {
        self.kano.get(&id).copied()
    }

    pub fn is_filtered(&self) -> bool {
        !self.query.is_empty()
            || self.status_filter.is_some()
            || self.source_filter.is_some()
            || self.kano_filter.is_some()
            || self.sentiment_filter.is_some()
    }

    pub fn row_by_id(&self, id: i64) -> Option<&TriageRow> {
        self.index_of(id).map(|i| &self.rows[i])
    }

    fn index_of(&self, id: i64) -> Option<usize> {
        self.rows.binary_search_by_key(&id, |r| r.id).ok()
    }

    // ----- moving --------------------------------------------------------

    pub fn set_page_size(&mut self, rows: usize) {
        self.page_size = rows.max(1);
        self.scroll_to_selection();
    }

    /// Moves the selection by `delta` positions, clamped to the list.
    pub fn move_by(&mut self, delta: isize) {
        if self.visible.is_empty() {
            return;
        }
        let last = self.visible.len() - 1;
        self.selected = self.selected.saturating_add_signed(delta).min(last);
        self.scroll_to_selection();
    }

    /// Selects the item with `id` when it is shown; returns whether it is.
    pub fn select_id(&mut self, id: i64) -> bool {
        let found = self
            .visible
            .iter()
            .position(|&i| self.rows[i as usize].id == id);
        if let Some(position) = found {
            self.select_position(position);
        }
        found.is_some()
    }

    pub fn select_position(&mut self, position: usize) {
        if !self.visible.is_empty() {
            self.selected = position.min(self.visible.len() - 1);
            self.scroll_to_selection();
        }
    }

    pub fn top(&mut self) {
        self.select_position(0);
    }

    pub fn bottom(&mut self) {
        self.select_position(usize::MAX);
    }

    pub fn page(&mut self, down: bool) {
        let step = self.page_size.max(1) as isize;
        self.move_by(if down { step } else { -step });
    }

    fn scroll_to_selection(&mut self) {
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + self.page_size {
            self.offset = self.selected + 1 - self.page_size;
        }
        let max_offset = self.visible.len().saturating_sub(self.page_size);
        self.offset = self.offset.min(max_offset);
    }

    // ----- sorting and filtering -----------------------------------------

    pub fn set_sort(&mut self, sort: SortKey, reversed: bool) {
        let keep = self.selected_id();
        self.sort = sort;
        self.reversed = reversed;
        self.apply_filters(keep);
    }

    pub fn set_model(&mut self, model: ScoringModel) {
        let keep = self.selected_id();
        self.model = model;
        self.apply_filters(keep);
    }

    pub fn set_query(&mut self, query: &str) {
        let keep = self.selected_id();
        // Typing more plain characters can only narrow the matches (a longer
        // subsequence, or one more word that must also match); the pattern
        // operators ! ^ $ ' " can widen them, so they get a full pass.
        let narrows = !self.query.is_empty()
            && query.starts_with(self.query.as_str())
            && !query.contains(['!', '^', '$', '\'', '"']);
        self.query = query.to_string();
        self.filter = QueryFilter::new(query);
        self.match_rows(narrows);
        self.apply_filters(keep);
    }

    pub fn set_status_filter(&mut self, status: Option<Status>) {
        let keep = self.selected_id();
        self.status_filter = status;
        self.apply_filters(keep);
    }

    pub fn set_source_filter(&mut self, source: Option<Source>) {
        let keep = self.selected_id();
        self.source_filter = source;
        self.apply_filters(keep);
    }

    pub fn set_sentiment_filter(&mut self, sentiment: Option<Sentiment>) {
        let keep = self.selected_id();
        self.sentiment_filter = sentiment;
        self.apply_filters(keep);
    }

    pub fn set_kano_filter(&mut self, category: Option<Category>) {
        let keep = self.selected_id();
        self.kano_filter = category;
        self.apply_filters(keep);
    }

    /// Replaces every item's Kano category (after a survey import or a
    /// change of the Kano settings).
    pub fn set_kano_categories(
        &mut self,
        categories: impl IntoIterator<Item = (i64, Option<Category>)>,
    ) {
        let keep = self.selected_id();
        self.kano = categories
            .into_iter()
            .filter_map(|(id, c)| c.map(|c| (id, c)))
            .collect();
        self.orders.remove(&OrderKey::Kano);
        self.apply_filters(keep);
    }

    /// Tests every row against the query (only the matching ones when the
    /// query narrowed), in id order, split across the worker threads.
    fn match_rows(&mut self, narrows: bool) {
        if self.filter.is_empty() {
            self.matches.fill(BEST);
            return;
        }
        let chunk = self.rows.len().div_ceil(self.workers).max(1);
        let filter = &self.filter;
        std::thread::scope(|scope| {
            let jobs = self.rows.chunks(chunk).zip(self.matches.chunks_mut(chunk));
            for (rows, matches) in jobs {
                scope.spawn(move || {
                    let mut buf = Vec::new();
                    for (row, matched) in rows.iter().zip(matches.iter_mut()) {
                        if !narrows || *matched != NO_MATCH {
                            *matched = filter.quality(row, &mut buf);
                        }
                    }
                });
            }
        });
    }

    fn matches_filters(&self, index: usize) -> bool {
        let row = &self.rows[index];
        self.matches[index] != NO_MATCH
            && self.status_filter.is_none_or(|s| s == row.status)
            && self.source_filter.is_none_or(|s| s == row.source)
            && self.sentiment_filter.is_none_or(|s| s == row.sentiment)
            && self
                .kano_filter
                .is_none_or(|k| self.kano.get(&row.id) == Some(&k))
    }

    /// Rebuilds `visible` from the current order and filters, then puts the
    /// selection back on `keep` if it is still visible.
    fn apply_filters(&mut self, keep: Option<i64>) {
        let key = OrderKey::of(self.sort, self.model);
        let order = self
            .orders
            .remove(&key)
            .unwrap_or_else(|| compute_order(&self.rows, key, &self.kano));
        // A reversed score order keeps its unscored tail last.
        let split = match (self.reversed, key) {
            (true, OrderKey::Score(model)) => {
                order.partition_point(|&i| self.rows[i as usize].score(model).is_some())
            }
            _ => order.len(),
        };
        let (head, tail) = order.split_at(split);
        let keep_row = |&&i: &&u32| self.matches_filters(i as usize);
        let in_order: Box<dyn Iterator<Item = &u32>> = if self.reversed {
            Box::new(head.iter().rev().chain(tail.iter()))
        } else {
            Box::new(order.iter())
        };
        self.visible = if self.filter.is_empty() {
            in_order.filter(keep_row).copied().collect()
        } else {
            // Better matches first; the sort order holds within each quality.
            let mut by_quality: [Vec<u32>; BEST as usize] = Default::default();
            for &i in in_order.filter(keep_row) {
                by_quality[usize::from(BEST - self.matches[i as usize])].push(i);
            }
            by_quality.concat()
        };
        self.orders.insert(key, order);
        self.count_nps();
        self.reselect(keep);
    }

    /// Keeps the selection on item `id` when it is still visible, otherwise
    /// on the same position (clamped).
    fn reselect(&mut self, id: Option<i64>) {
        if let Some(id) = id
            && let Some(index) = self.index_of(id)
            && let Some(pos) = self.visible.iter().position(|&i| i as usize == index)
        {
            self.selected = pos;
        }
        self.selected = self.selected.min(self.visible.len().saturating_sub(1));
        self.scroll_to_selection();
    }

    // ----- changing rows -------------------------------------------------

    /// Replaces all rows (after a reload), keeping sort, filters and selection.
    pub fn replace_rows(&mut self, mut rows: Vec<TriageRow>) {
        let keep = self.selected_id();
        rows.sort_by_key(|r| r.id);
        self.rows = rows;
        self.orders.clear();
        self.visible.clear();
        self.matches = vec![BEST; self.rows.len()];
        self.row_nps = self.rows.iter().map(|r| r.nps).collect();
        self.match_rows(false);
        self.apply_filters(keep);
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
                    order.retain(|&x| x as usize != i);
                }
                self.row_nps[i] = row.nps;
                self.rows[i] = row;
                self.matches[i] = matched;
                i
            }
            None => {
                let at = self.rows.partition_point(|r| r.id < id);
                for order in self.orders.values_mut() {
                    for x in order.iter_mut().filter(|x| **x as usize >= at) {
                        *x += 1;
                    }
                }
                self.row_nps.insert(at, row.nps);
                self.rows.insert(at, row);
                self.matches.insert(at, matched);
                at
            }
        };
        // The Kano order depends on survey results, not on the row: rebuild it.
        self.orders.remove(&OrderKey::Kano);
        let rows = &self.rows;
        for (key, order) in self.orders.iter_mut() {
            let new = &rows[index];
            let at = order.partition_point(|&x| key.compare(&rows[x as usize], new).is_lt());
            order.insert(at, index as u32);
        }
        self.visible.clear();
        self.apply_filters(Some(id));
    }

    /// Removes a row; the selection stays at the same position.
    pub fn remove(&mut self, id: i64) {
        let Some(i) = self.index_of(id) else {
            return;
        };
        for order in self.orders.values_mut() {
            order.retain(|&x| x as usize != i);
            for x in order.iter_mut().filter(|x| **x as usize > i) {
                *x -= 1;
            }
        }
        self.rows.remove(i);
        self.matches.remove(i);
        self.row_nps.remove(i);
        self.visible.clear();
        self.apply_filters(None);
    }
}

#[cfg(test)]
mod tests;
