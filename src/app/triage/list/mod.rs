//! The triage table's data: every row in memory, the sort orders, and the
//! rows the filters let through.
//!
//! Built for a million items and a keystroke budget well under 16 ms:
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
//! - From `ARRANGE_IN_BACKGROUND_FROM` rows on, a sort, model or filter
//!   change is not computed inside the keystroke: the list keeps showing
//!   the old order (the header says so) and hands out an `ArrangeJob`
//!   (see `arrange`) that runs on another thread; its answer replaces the
//!   shown rows, keeping the selection on its item.

mod arrange;
mod changes;

pub use arrange::{ArrangeJob, Arranged};

use super::order::OrderKey;
use super::query::{BEST, Quality, QueryFilter};
use crate::domain::feedback::{NpsTally, Source, Status};
use crate::domain::kano::Category;
use crate::domain::scoring::ScoringModel;
use crate::domain::sentiment::Sentiment;
use crate::domain::triage::{SortKey, TriageRow};
use arrange::{Criteria, Matching};
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// From this many rows on, sorting and filtering run off the input path
/// (below it, a first sort or filter keystroke takes a few milliseconds).
/// The runtime waits half a frame for the answer, so a quick one is drawn
/// with the key's own frame all the same.
pub const ARRANGE_IN_BACKGROUND_FROM: usize = 50_000;

pub struct TriageList {
    /// All rows, in id order (shared with a running `ArrangeJob`).
    rows: Arc<Vec<TriageRow>>,
    /// Kept sort orders: indices into `rows`.
    orders: HashMap<OrderKey, Arc<Vec<u32>>>,
    /// Per row: how well it matches `matched_query` (`NO_MATCH`: not at all).
    matches: Arc<Vec<Quality>>,
    /// The query `matches` belongs to (`None`: to none, test every row).
    matched_query: Option<String>,
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
    kano: Arc<HashMap<i64, Category>>,
    /// NPS answers of the visible rows (summed whenever they change).
    visible_tally: NpsTally,
    /// NPS of the visible rows (and of the unlisted answers, unfiltered).
    nps: Option<(i32, usize)>,
    /// Per row: its NPS answers (its own and its merged reports'), kept
    /// compact beside `matches` so the visible NPS is a cheap pass, not a
    /// walk over the rows.
    row_nps: Arc<Vec<NpsTally>>,
    /// NPS answers that came without a comment: they are in no row, and
    /// count in the NPS while no filter is on.
    unlisted_nps: NpsTally,
    /// Threads that match rows against the query.
    workers: usize,
    /// From how many rows on arranging runs off the input path.
    background_from: usize,
    /// Whether the shown rows are out of date with the sort and filters
    /// and no job has been handed out for it yet.
    stale: bool,
    /// The job handed out and not answered yet: its generation, and the
    /// flag that tells it it was overtaken.
    pending: Option<(u64, Arc<AtomicBool>)>,
    /// Counts arrangements, so an overtaken answer is recognised.
    generation: u64,
    /// What the shown rows were arranged by.
    shown: Option<Criteria>,
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
            matches: Arc::new(vec![BEST; rows.len()]),
            matched_query: Some(String::new()),
            row_nps: Arc::new(rows.iter().map(|r| r.nps).collect()),
            rows: Arc::new(rows),
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
            kano: Arc::new(HashMap::new()),
            visible_tally: NpsTally::default(),
            nps: None,
            unlisted_nps: NpsTally::default(),
            workers,
            background_from: ARRANGE_IN_BACKGROUND_FROM,
            stale: false,
            pending: None,
            generation: 0,
            shown: None,
        };
        list.arrange_now(None);
        list
    }

    /// Sets from how many rows on arranging runs off the input path (for
    /// tests of the background path on small lists).
    pub fn arrange_in_background_from(&mut self, rows: usize) {
        self.background_from = rows;
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
        let mut tally = self.visible_tally;
        if !self.shows_filtered() {
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

    /// Whether the rows shown now were filtered (while a new arrangement
    /// is on its way, the filters may already say otherwise).
    pub fn shows_filtered(&self) -> bool {
        self.shown.as_ref().is_none_or(|c| {
            !c.query.is_empty()
                || c.status.is_some()
                || c.source.is_some()
                || c.kano.is_some()
                || c.sentiment.is_some()
        })
    }

    /// What is on its way while the shown rows are out of date:
    /// `"sorting…"` or `"filtering…"`; `None` when they are up to date.
    pub fn arranging(&self) -> Option<&'static str> {
        if !self.stale && self.pending.is_none() {
            return None;
        }
        let sorted_same = self.shown.as_ref().is_some_and(|c| {
            c.key == OrderKey::of(self.sort, self.model) && c.reversed == self.reversed
        });
        Some(if sorted_same {
            "filtering…"
        } else {
            "sorting…"
        })
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
        self.sort = sort;
        self.reversed = reversed;
        self.rearrange();
    }

    pub fn set_model(&mut self, model: ScoringModel) {
        self.model = model;
        self.rearrange();
    }

    pub fn set_query(&mut self, query: &str) {
        self.query = query.to_string();
        self.filter = QueryFilter::new(query);
        self.rearrange();
    }

    pub fn set_status_filter(&mut self, status: Option<Status>) {
        self.status_filter = status;
        self.rearrange();
    }

    pub fn set_source_filter(&mut self, source: Option<Source>) {
        self.source_filter = source;
        self.rearrange();
    }

    pub fn set_sentiment_filter(&mut self, sentiment: Option<Sentiment>) {
        self.sentiment_filter = sentiment;
        self.rearrange();
    }

    pub fn set_kano_filter(&mut self, category: Option<Category>) {
        self.kano_filter = category;
        self.rearrange();
    }

    /// Replaces every item's Kano category (after a survey import or a
    /// change of the Kano settings).
    pub fn set_kano_categories(
        &mut self,
        categories: impl IntoIterator<Item = (i64, Option<Category>)>,
    ) {
        self.kano = Arc::new(
            categories
                .into_iter()
                .filter_map(|(id, c)| c.map(|c| (id, c)))
                .collect(),
        );
        self.orders.remove(&OrderKey::Kano);
        self.rearrange();
    }

    /// After a change of sort or filters: arranges the rows at once when
    /// there are few; otherwise marks them out of date for `take_job`.
    fn rearrange(&mut self) {
        if self.rows.len() >= self.background_from {
            self.stale = true;
        } else {
            self.arrange_now(self.selected_id());
        }
    }

    /// The arrangement the shown rows are out of date with, to run off the
    /// input path (its answer goes to `accept`); `None` when they are not.
    /// A job handed out earlier is told it was overtaken.
    pub fn take_job(&mut self) -> Option<ArrangeJob> {
        if !self.stale {
            return None;
        }
        self.stale = false;
        Some(self.job())
    }

    /// Shows a computed arrangement, unless a newer change overtook it.
    /// The selection stays on its item when it is still shown.
    pub fn accept(&mut self, arranged: Arranged) {
        if self.pending.as_ref().map(|(generation, _)| *generation) != Some(arranged.generation) {
            return;
        }
        self.pending = None;
        let keep = self.selected_id();
        self.install(arranged, keep);
    }

    /// A job for the current sort and filters; the previous one, if any,
    /// is told it was overtaken.
    fn job(&mut self) -> ArrangeJob {
        if let Some((_, overtaken)) = self.pending.take() {
            overtaken.store(true, Ordering::Relaxed);
        }
        self.generation += 1;
        let overtaken = Arc::new(AtomicBool::new(false));
        self.pending = Some((self.generation, Arc::clone(&overtaken)));
        let criteria = self.criteria();
        // Typing more plain characters can only narrow the matches (a longer
        // subsequence, or one more word that must also match); the pattern
        // operators ! ^ $ ' " can widen them, so they get a full pass.
        let matching = match &self.matched_query {
            Some(matched) if *matched == criteria.query => Matching::Keep,
            Some(matched)
                if !matched.is_empty()
                    && criteria.query.starts_with(matched.as_str())
                    && !criteria.query.contains(['!', '^', '$', '\'', '"']) =>
            {
                Matching::Narrow
            }
            _ => Matching::Full,
        };
        ArrangeJob {
            generation: self.generation,
            rows: Arc::clone(&self.rows),
            row_nps: Arc::clone(&self.row_nps),
            kano: Arc::clone(&self.kano),
            order: self.orders.get(&criteria.key).cloned(),
            matches: Arc::clone(&self.matches),
            matching,
            criteria,
            workers: self.workers,
            overtaken,
        }
    }

    fn criteria(&self) -> Criteria {
        Criteria {
            key: OrderKey::of(self.sort, self.model),
            reversed: self.reversed,
            query: self.query.clone(),
            status: self.status_filter,
            source: self.source_filter,
            sentiment: self.sentiment_filter,
            kano: self.kano_filter,
        }
    }

    /// Arranges the rows inside this call, then puts the selection back on
    /// `keep` if it is still shown.
    fn arrange_now(&mut self, keep: Option<i64>) {
        self.stale = false;
        let job = self.job();
        let arranged = job.run().expect("a job run at once is never overtaken");
        self.pending = None;
        self.install(arranged, keep);
    }

    fn install(&mut self, arranged: Arranged, keep: Option<i64>) {
        self.orders.insert(arranged.criteria.key, arranged.order);
        self.matches = arranged.matches;
        self.matched_query = Some(arranged.criteria.query.clone());
        self.visible = arranged.visible;
        self.visible_tally = arranged.nps;
        self.shown = Some(arranged.criteria);
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
}

#[cfg(test)]
mod tests;
