//! The Kano screen: every surveyed feature's answers, their analysis under
//! the current settings (tie window, evaluation table), the sort and the
//! selection, and the screen's keys (`on_command`). Changing a setting
//! re-analyses the kept answers; nothing is read again.

use super::outcome::{Outcome, Request};
use crate::config::Command;
use crate::domain::kano::{
    Category, EvaluationTable, FeatureAnalysis, FeatureResponses, KanoSettings, analyse,
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
    pub fn new(settings: KanoSettings) -> KanoView {
        KanoView {
            features: Vec::new(),
            rows: Vec::new(),
            selected: 0,
            sort: KanoSort::default(),
            settings,
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
                self.toggle_table();
                let table = self.settings.table.name();
                return Some(
                    Outcome::info(format!("Evaluation table: {table}"))
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

    pub fn toggle_table(&mut self) {
        self.settings.table = match self.settings.table {
            EvaluationTable::Berger => EvaluationTable::Pouliot,
            EvaluationTable::Pouliot => EvaluationTable::Berger,
        };
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
