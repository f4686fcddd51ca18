//! The triage table's data: every row in memory, kept in the current sort
//! order, and the subset the filters let through.
//!
//! The filter matches an item when its title and tags match the query
//! fuzzily (nucleo, as in helix and television), or when its description
//! contains every word of the query. Sorting happens when the sort, the
//! model or a row changes, never on a plain keystroke. Filtering walks the sorted order once; when the user only
//! types more characters, only the rows that matched before are tested again
//! (a fuzzy match of "abc" implies a match of "ab"). Selection follows the
//! item, not the position, when the list changes under it.

use crate::domain::feedback::{Source, Status};
use crate::domain::scoring::ScoringModel;
use crate::domain::triage::{SortKey, TriageRow, compare_rows};
use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config as MatcherConfig, Matcher, Utf32Str};

pub struct TriageList {
    rows: Vec<TriageRow>,
    /// Indices into `rows`, all of them, in sort order.
    order: Vec<u32>,
    /// Indices into `rows` that pass the filters, in sort order.
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
    status_filter: Option<Status>,
    source_filter: Option<Source>,
    matcher: Matcher,
    /// The query as a fuzzy pattern, for titles and tags.
    pattern: Pattern,
    /// The query as substrings, for descriptions.
    words: Pattern,
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
    pub fn new(rows: Vec<TriageRow>) -> TriageList {
        let mut list = TriageList {
            rows,
            order: Vec::new(),
            visible: Vec::new(),
            selected: 0,
            offset: 0,
            page_size: 20,
            sort: SortKey::default(),
            reversed: false,
            model: ScoringModel::default(),
            query: String::new(),
            status_filter: None,
            source_filter: None,
            matcher: Matcher::new(MatcherConfig::DEFAULT),
            pattern: Pattern::default(),
            words: Pattern::default(),
        };
        list.resort();
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

    pub fn is_filtered(&self) -> bool {
        !self.query.is_empty() || self.status_filter.is_some() || self.source_filter.is_some()
    }

    pub fn row_by_id(&self, id: i64) -> Option<&TriageRow> {
        self.index_of(id).map(|i| &self.rows[i])
    }

    fn index_of(&self, id: i64) -> Option<usize> {
        // Rows are loaded in id order and new ids are appended, so this is
        // sorted; fall back to a scan if it ever is not.
        match self.rows.binary_search_by_key(&id, |r| r.id) {
            Ok(i) => Some(i),
            Err(_) => self.rows.iter().position(|r| r.id == id),
        }
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
        self.resort();
    }

    pub fn set_model(&mut self, model: ScoringModel) {
        self.model = model;
        if self.sort == SortKey::Score {
            self.resort();
        }
    }

    pub fn set_query(&mut self, query: &str) {
        // Typing more plain characters can only narrow the matches (a longer
        // subsequence, or one more word that must also match); the pattern
        // operators ! ^ $ ' \ can widen them, so they get a full pass.
        let narrows = !self.query.is_empty()
            && query.starts_with(self.query.as_str())
            && !query.contains(['!', '^', '$', '\'', '\\']);
        self.query = query.to_string();
        // Rows hold lower-cased text, so case is ignored.
        self.pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
        self.words = Pattern::new(
            query,
            CaseMatching::Ignore,
            Normalization::Smart,
            AtomKind::Substring,
        );
        if narrows {
            let keep = self.selected_id();
            let candidates = std::mem::take(&mut self.visible);
            self.visible = self.filtered(candidates.into_iter());
            self.reselect(keep);
        } else {
            self.refilter();
        }
    }

    pub fn set_status_filter(&mut self, status: Option<Status>) {
        self.status_filter = status;
        self.refilter();
    }

    pub fn set_source_filter(&mut self, source: Option<Source>) {
        self.source_filter = source;
        self.refilter();
    }

    fn resort(&mut self) {
        let keep = self.selected_id();
        self.sort_order();
        self.apply_filters(keep);
    }

    /// Recomputes `order` from `rows`; `visible` is stale until filtered.
    fn sort_order(&mut self) {
        let (rows, sort, model, reversed) = (&self.rows, self.sort, self.model, self.reversed);
        let mut order: Vec<u32> = (0..rows.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| {
            compare_rows(&rows[a as usize], &rows[b as usize], sort, model, reversed)
        });
        self.order = order;
    }

    fn refilter(&mut self) {
        let keep = self.selected_id();
        self.apply_filters(keep);
    }

    fn apply_filters(&mut self, keep: Option<i64>) {
        let order = std::mem::take(&mut self.order);
        self.visible = self.filtered(order.iter().copied());
        self.order = order;
        self.reselect(keep);
    }

    fn filtered(&mut self, candidates: impl Iterator<Item = u32>) -> Vec<u32> {
        let (status, source) = (self.status_filter, self.source_filter);
        let query_active = !self.pattern.atoms.is_empty();
        let mut buf = Vec::new();
        let mut out = Vec::new();
        for i in candidates {
            let row = &self.rows[i as usize];
            if status.is_some_and(|s| s != row.status) || source.is_some_and(|s| s != row.source) {
                continue;
            }
            if query_active {
                let matcher = &mut self.matcher;
                let in_title = self
                    .pattern
                    .score(Utf32Str::new(&row.search_title, &mut buf), matcher)
                    .is_some();
                if !in_title
                    && self
                        .words
                        .score(Utf32Str::new(&row.search_description, &mut buf), matcher)
                        .is_none()
                {
                    continue;
                }
            }
            out.push(i);
        }
        out
    }

    /// Keeps the selection on item `id` when it is still visible, otherwise
    /// on the same position (clamped).
    fn reselect(&mut self, id: Option<i64>) {
        if let Some(id) = id
            && let Some(pos) = self
                .visible
                .iter()
                .position(|&i| self.rows[i as usize].id == id)
        {
            self.selected = pos;
        }
        self.selected = self.selected.min(self.visible.len().saturating_sub(1));
        self.scroll_to_selection();
    }

    // ----- changing rows -------------------------------------------------

    /// Replaces all rows (after a reload), keeping sort, filters and selection.
    pub fn replace_rows(&mut self, rows: Vec<TriageRow>) {
        let keep = self.selected_id();
        self.change_rows(keep, |all| *all = rows);
    }

    /// Inserts or replaces one row and selects it.
    pub fn upsert(&mut self, row: TriageRow) {
        let id = row.id;
        let existing = self.index_of(id);
        self.change_rows(Some(id), |all| match existing {
            Some(i) => all[i] = row,
            None => {
                let at = all.partition_point(|r| r.id < id);
                all.insert(at, row);
            }
        });
    }

    /// Removes a row; the selection stays at the same position.
    pub fn remove(&mut self, id: i64) {
        if let Some(i) = self.index_of(id) {
            self.change_rows(None, |all| {
                all.remove(i);
            });
        }
    }

    /// Changes `rows`; the indices in `order` and `visible` are rebuilt
    /// before anything reads them again.
    fn change_rows(&mut self, keep: Option<i64>, change: impl FnOnce(&mut Vec<TriageRow>)) {
        change(&mut self.rows);
        self.visible.clear();
        self.sort_order();
        self.apply_filters(keep);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::feedback::FeedbackItem;
    use crate::domain::scoring::{Ice, Impact, Rice, Wsjf};
    use chrono::DateTime;

    fn row(id: i64, title: &str, reach: Option<f64>, status: Status) -> TriageRow {
        TriageRow::from_item(FeedbackItem {
            id,
            title: title.into(),
            description: format!("description of {title}"),
            source: Source::Support,
            customer: None,
            created_at: DateTime::from_timestamp(id * 100, 0).unwrap(),
            tags: vec![],
            status,
            nps: None,
            rice: Rice {
                reach,
                impact: Some(Impact::Medium),
                confidence: Some(100.0),
                effort: Some(1.0),
            },
            ice: Ice::default(),
            wsjf: Wsjf::default(),
        })
    }

    fn list() -> TriageList {
        TriageList::new(vec![
            row(1, "Export to Excel", Some(10.0), Status::New),
            row(2, "Dark mode", Some(300.0), Status::Planned),
            row(3, "SSO login times out", None, Status::New),
            row(4, "Excel import", Some(50.0), Status::New),
        ])
    }

    fn ids(list: &TriageList) -> Vec<i64> {
        list.window(0, usize::MAX).map(|r| r.id).collect()
    }

    #[test]
    fn sorts_by_score_by_default_and_cycles() {
        let mut l = list();
        assert_eq!(ids(&l), vec![2, 4, 1, 3]);
        l.set_sort(SortKey::Created, false);
        assert_eq!(ids(&l), vec![4, 3, 2, 1]);
        l.set_sort(SortKey::Title, true);
        assert_eq!(ids(&l), vec![3, 1, 4, 2]);
    }

    #[test]
    fn fuzzy_filter_narrows_and_widens() {
        let mut l = list();
        l.set_query("ex");
        assert_eq!(ids(&l), vec![4, 1]);
        l.set_query("exc");
        assert_eq!(ids(&l), vec![4, 1]);
        l.set_query("excel imp");
        assert_eq!(ids(&l), vec![4]);
        l.set_query("EXCEL");
        assert_eq!(ids(&l), vec![4, 1], "case is ignored");
        l.set_query("description of dark");
        assert_eq!(ids(&l), vec![2], "descriptions match by words, not fuzzily");
        l.set_query("dsc");
        assert!(ids(&l).is_empty(), "no fuzzy matching inside descriptions");
        l.set_query("e");
        assert_eq!(ids(&l).len(), 4);
        l.set_query("zzz");
        assert!(ids(&l).is_empty());
        assert_eq!(l.selected_row(), None);
        l.set_query("");
        assert_eq!(ids(&l), vec![2, 4, 1, 3]);
    }

    #[test]
    fn status_filter_combines_with_query() {
        let mut l = list();
        l.set_status_filter(Some(Status::New));
        assert_eq!(ids(&l), vec![4, 1, 3]);
        l.set_query("sso");
        assert_eq!(ids(&l), vec![3]);
        assert!(l.is_filtered());
    }

    #[test]
    fn selection_follows_the_item() {
        let mut l = list();
        l.move_by(2); // item 1
        assert_eq!(l.selected_id(), Some(1));
        l.set_sort(SortKey::Created, false);
        assert_eq!(l.selected_id(), Some(1));
        l.upsert(row(1, "Export to Excel", Some(1000.0), Status::New));
        l.set_sort(SortKey::Score, false);
        assert_eq!(ids(&l)[0], 1);
        assert_eq!(l.selected_id(), Some(1));
        l.remove(1);
        assert_eq!(l.total(), 3);
        assert_eq!(l.selected_position(), 0);
    }

    #[test]
    fn removing_the_last_rows_never_reads_stale_positions() {
        let mut l = list();
        l.bottom();
        for id in [3, 1, 4, 2] {
            l.remove(id);
        }
        assert_eq!(l.total(), 0);
        assert_eq!(l.selected_id(), None);
        l.upsert(row(7, "back", None, Status::New));
        assert_eq!(l.selected_id(), Some(7));
    }

    #[test]
    fn moving_is_clamped_and_scrolls() {
        let rows = (1..=100)
            .map(|i| row(i, &format!("item {i}"), Some(i as f64), Status::New))
            .collect();
        let mut l = TriageList::new(rows);
        l.set_page_size(10);
        l.move_by(-5);
        assert_eq!(l.selected_position(), 0);
        l.move_by(15);
        assert_eq!((l.selected_position(), l.offset()), (15, 6));
        l.page(true);
        assert_eq!(l.selected_position(), 25);
        l.bottom();
        assert_eq!((l.selected_position(), l.offset()), (99, 90));
        l.top();
        assert_eq!((l.selected_position(), l.offset()), (0, 0));
    }
}
