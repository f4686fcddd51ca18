//! The Kano screen: every surveyed feature's answers, their analysis under
//! the current settings (tie window, evaluation table), the sort and the
//! selection, and the screen's keys (`on_command`). Changing a setting
//! re-analyses the kept answers; nothing is read again.

use super::outcome::{Outcome, Request};
use crate::config::{Command, KanoConfig};
use crate::domain::kano::{
    Category, EvaluationTables, FeatureAnalysis, FeatureResponses, KanoSettings, analyse,
};
use std::cmp::Ordering;

/// Results of the Kano screen's loads.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// Every surveyed feature's answers, freshly read.
    Loaded(Vec<FeatureResponses>),
}

/// How the Kano list is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KanoSort {
    /// By category (M, O, A, I, R, Q), then Better.
    #[default]
    Category,
    /// Highest Better first.
    Better,
    /// Largest |Worse| first.
    Worse,
    /// Most answers first.
    Responses,
    Title,
}

impl KanoSort {
    pub fn next(self) -> KanoSort {
        match self {
            KanoSort::Category => KanoSort::Better,
            KanoSort::Better => KanoSort::Worse,
            KanoSort::Worse => KanoSort::Responses,
            KanoSort::Responses => KanoSort::Title,
            KanoSort::Title => KanoSort::Category,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            KanoSort::Category => "category",
            KanoSort::Better => "better",
            KanoSort::Worse => "worse",
            KanoSort::Responses => "answers",
            KanoSort::Title => "title",
        }
    }
}

/// One analysed feature.
#[derive(Debug, Clone, PartialEq)]
pub struct KanoRow {
    pub feedback_id: i64,
    pub title: String,
    pub analysis: FeatureAnalysis,
}

/// The tie window moves in steps of this many percentage points.
pub const TIE_WINDOW_STEP: f64 = 5.0;

#[derive(Debug, Clone, PartialEq)]
pub struct KanoView {
    features: Vec<FeatureResponses>,
    pub rows: Vec<KanoRow>,
    pub selected: usize,
    pub sort: KanoSort,
    pub settings: KanoSettings,
    /// Berger and the user's tables, which `b` cycles through.
    tables: EvaluationTables,
    /// Whether answers have been read at least once.
    pub loaded: bool,
}

fn category_rank(c: Option<Category>) -> usize {
    c.and_then(|c| Category::PRIORITY.iter().position(|p| *p == c))
        .unwrap_or(Category::PRIORITY.len())
}

fn desc(a: Option<f64>, b: Option<f64>) -> Ordering {
    crate::domain::triage::compare_by_score(a, b)
}

impl KanoView {
    pub fn new(config: KanoConfig) -> KanoView {
        KanoView {
            features: Vec::new(),
            rows: Vec::new(),
            selected: 0,
            sort: KanoSort::default(),
            settings: config.settings,
            tables: config.tables,
            loaded: false,
        }
    }

    pub fn selected_row(&self) -> Option<&KanoRow> {
        self.rows.get(self.selected)
    }

    pub fn set_features(&mut self, features: Vec<FeatureResponses>) {
        self.features = features;
        self.loaded = true;
        self.reanalyse();
    }

    /// The category of every surveyed item under the current settings.
    pub fn categories(&self) -> Vec<(i64, Option<Category>)> {
        self.rows
            .iter()
            .map(|r| (r.feedback_id, r.analysis.category))
            .collect()
    }

    pub fn move_by(&mut self, delta: isize) {
        if !self.rows.is_empty() {
            self.selected = self
                .selected
                .saturating_add_signed(delta)
                .min(self.rows.len() - 1);
        }
    }

    pub fn top(&mut self) {
        self.selected = 0;
    }

    pub fn bottom(&mut self) {
        self.selected = self.rows.len().saturating_sub(1);
    }

    /// Handles a command of the Kano mode; `None` for any other command.
    pub fn on_command(&mut self, command: Command) -> Option<Outcome> {
        match command {
            Command::MoveDown => self.move_by(1),
            Command::MoveUp => self.move_by(-1),
            Command::Top => self.top(),
            Command::Bottom => self.bottom(),
            Command::CycleSort => self.cycle_sort(),
            Command::WidenTieWindow | Command::NarrowTieWindow => {
                self.step_tie_window(command == Command::WidenTieWindow);
                let window = self.settings.tie_window;
                return Some(
                    Outcome::info(format!("Tie window: {window:.0} percentage points"))
                        .with_request(Request::ShareKanoCategories),
                );
            }
            Command::ToggleEvaluationTable => {
                self.next_table();
                let table = &self.settings.table;
                let only = if self.tables.all().len() == 1 {
                    " (the only one: define others as [[kano.tables]] in the config file)"
                } else {
                    ""
                };
                return Some(
                    Outcome::info(format!(
                        "Evaluation table: {} – {}{only}",
                        table.name(),
                        table.citation()
                    ))
                    .with_request(Request::ShareKanoCategories),
                );
            }
            _ => return None,
        }
        Some(Outcome::none())
    }

    /// A click on the n-th row.
    pub fn click(&mut self, position: usize) {
        self.move_by(position as isize - self.selected as isize);
    }

    pub fn on_msg(&mut self, msg: Msg) {
        match msg {
            Msg::Loaded(features) => self.set_features(features),
        }
    }

    pub fn cycle_sort(&mut self) {
        self.sort = self.sort.next();
        self.resort();
    }

    /// Widens or narrows the tie window, within 0–100 points.
    pub fn step_tie_window(&mut self, wider: bool) {
        let step = if wider {
            TIE_WINDOW_STEP
        } else {
            -TIE_WINDOW_STEP
        };
        self.settings.tie_window = (self.settings.tie_window + step).clamp(0.0, 100.0);
        self.reanalyse();
    }

    /// Switches to the next table: Berger, then the user's, round again.
    pub fn next_table(&mut self) {
        self.settings.table = self.tables.after(self.settings.table.name()).clone();
        self.reanalyse();
    }

    fn reanalyse(&mut self) {
        let keep = self.selected_row().map(|r| r.feedback_id);
        self.rows = self
            .features
            .iter()
            .map(|f| KanoRow {
                feedback_id: f.feedback_id,
                title: f.title.clone(),
                analysis: analyse(&f.responses, &self.settings),
            })
            .collect();
        self.resort_keeping(keep);
    }

    fn resort(&mut self) {
        let keep = self.selected_row().map(|r| r.feedback_id);
        self.resort_keeping(keep);
    }

    fn resort_keeping(&mut self, keep: Option<i64>) {
        let sort = self.sort;
        self.rows.sort_by(|a, b| {
            let (x, y) = (&a.analysis, &b.analysis);
            let primary = match sort {
                KanoSort::Category => category_rank(x.category)
                    .cmp(&category_rank(y.category))
                    .then(desc(x.better, y.better)),
                KanoSort::Better => desc(x.better, y.better),
                KanoSort::Worse => desc(x.worse.map(f64::abs), y.worse.map(f64::abs)),
                KanoSort::Responses => y.n.cmp(&x.n),
                KanoSort::Title => a.title.to_lowercase().cmp(&b.title.to_lowercase()),
            };
            primary.then(a.feedback_id.cmp(&b.feedback_id))
        });
        self.selected = keep
            .and_then(|id| self.rows.iter().position(|r| r.feedback_id == id))
            .unwrap_or(self.selected)
            .min(self.rows.len().saturating_sub(1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Notice;
    use crate::domain::kano::{Answer, EvaluationTable, Response};

    /// Berger with "I dislike it" / "I like it" questionable, not reverse.
    fn strict() -> EvaluationTable {
        let berger = EvaluationTable::berger();
        let mut cells = [[Category::Indifferent; 5]; 5];
        for (row, f) in cells.iter_mut().zip(Answer::ALL) {
            for (cell, d) in row.iter_mut().zip(Answer::ALL) {
                *cell = berger.classify(f, d);
            }
        }
        cells[4][0] = Category::Questionable;
        EvaluationTable::new("Strict", "Me (2026), Notes, p. 4", cells)
    }

    fn notice(outcome: Option<Outcome>) -> String {
        match outcome.and_then(|o| o.notice) {
            Some(Notice::Info(text)) => text,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn b_cycles_through_berger_and_the_users_tables() {
        let mut tables = EvaluationTables::default();
        tables.push(strict());
        let mut view = KanoView::new(KanoConfig {
            settings: KanoSettings::default(),
            tables,
        });
        view.set_features(vec![FeatureResponses {
            feedback_id: 1,
            title: "Ads".into(),
            responses: vec![Response {
                functional: Answer::Dislike,
                dysfunctional: Answer::Like,
                importance: None,
            }],
        }]);
        assert_eq!(view.rows[0].analysis.category, Some(Category::Reverse));
        let text = notice(view.on_command(Command::ToggleEvaluationTable));
        assert_eq!(text, "Evaluation table: Strict – Me (2026), Notes, p. 4");
        assert_eq!(view.rows[0].analysis.category, Some(Category::Questionable));
        let text = notice(view.on_command(Command::ToggleEvaluationTable));
        assert!(text.starts_with("Evaluation table: Berger – Berger, C. et al. (1993)"));
        assert!(!text.contains("the only one"), "{text}");
        assert_eq!(view.rows[0].analysis.category, Some(Category::Reverse));
    }

    #[test]
    fn with_berger_alone_b_says_how_to_add_tables() {
        let mut view = KanoView::new(KanoConfig::default());
        let text = notice(view.on_command(Command::ToggleEvaluationTable));
        assert!(text.contains("define others as [[kano.tables]]"), "{text}");
        assert_eq!(view.settings.table.name(), "Berger");
    }
}
