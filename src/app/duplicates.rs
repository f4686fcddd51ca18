//! The duplicates screen: the near-duplicate pairs found at the current
//! similarity threshold, the selected pair, which of its two items a merge
//! keeps, and the screen's keys (`on_command`). A merge and a dismissal
//! ask first; the app carries out the answer.

use super::Notice;
use super::effect::Effect;
use super::outcome::{Outcome, Request};
use super::overlay::{Pending, Question};
use crate::config::Command;
use crate::domain::duplicates::{NearDuplicate, NearDuplicates};
use crate::domain::similarity::DEFAULT_THRESHOLD;

/// Results of the duplicates screen's loads and writes.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// A search started; its result comes as `Loaded`.
    Searching,
    Loaded(NearDuplicates),
    Failed(String),
    /// The user said these two are not duplicates; it is stored.
    Dismissed {
        first: i64,
        second: i64,
    },
}

/// The threshold moves in steps of this much.
pub const THRESHOLD_STEP: f64 = 0.05;
/// The lowest threshold offered: below it nearly everything pairs up.
pub const MIN_THRESHOLD: f64 = 0.2;

#[derive(Debug, Clone, PartialEq)]
pub struct DuplicatesView {
    pub pairs: Vec<NearDuplicate>,
    pub selected: usize,
    /// Whether a merge keeps the second (newer) item instead of the first.
    pub keep_second: bool,
    /// Jaccard index at or above which pairs are listed.
    pub threshold: f64,
    /// Whether pairs have been looked for at least once.
    pub loaded: bool,
    /// Whether a search is running.
    pub searching: bool,
    /// False when the last search stopped early (too many similar items).
    pub complete: bool,
}

/// What a merge of the selected pair does: keep one item, absorb the other.
#[derive(Debug, Clone, PartialEq)]
pub struct MergePlan {
    pub kept: i64,
    pub kept_title: String,
    pub absorbed: i64,
    pub absorbed_title: String,
}

impl Default for DuplicatesView {
    fn default() -> Self {
        DuplicatesView {
            pairs: Vec::new(),
            selected: 0,
            keep_second: false,
            threshold: DEFAULT_THRESHOLD,
            loaded: false,
            searching: false,
            complete: true,
        }
    }
}

impl DuplicatesView {
    /// Takes freshly found pairs, keeping the selection on the same pair
    /// when it is still listed, else at the same position.
    pub fn set_pairs(&mut self, pairs: Vec<NearDuplicate>) {
        let keep = self.selected_pair().map(|p| (p.first.id, p.second.id));
        self.pairs = pairs;
        self.loaded = true;
        if let Some(ids) = keep
            && let Some(i) = self
                .pairs
                .iter()
                .position(|p| (p.first.id, p.second.id) == ids)
        {
            self.selected = i;
        } else {
            self.keep_second = false;
        }
        self.selected = self.selected.min(self.pairs.len().saturating_sub(1));
    }

    /// Takes out the pairs `gone` names (merged away or dismissed), keeping
    /// the selection as `set_pairs` does.
    pub fn drop_pairs(&mut self, gone: impl Fn(&NearDuplicate) -> bool) {
        let kept = self.pairs.iter().filter(|p| !gone(p)).cloned().collect();
        self.set_pairs(kept);
    }

    pub fn selected_pair(&self) -> Option<&NearDuplicate> {
        self.pairs.get(self.selected)
    }

    pub fn move_by(&mut self, delta: isize) {
        if self.pairs.is_empty() {
            return;
        }
        let next = self
            .selected
            .saturating_add_signed(delta)
            .min(self.pairs.len() - 1);
        if next != self.selected {
            self.selected = next;
            self.keep_second = false;
        }
    }

    pub fn top(&mut self) {
        self.move_by(isize::MIN);
    }

    pub fn bottom(&mut self) {
        self.move_by(isize::MAX);
    }

    /// Raises (or lowers) the threshold by one step, within [MIN, 1].
    pub fn step_threshold(&mut self, up: bool) {
        let step = if up { THRESHOLD_STEP } else { -THRESHOLD_STEP };
        // Rounded to the step, so repeated steps do not drift.
        let next = ((self.threshold + step) / THRESHOLD_STEP).round() * THRESHOLD_STEP;
        self.threshold = next.clamp(MIN_THRESHOLD, 1.0);
    }

    /// Handles a command of the duplicates mode; `None` for any other command.
    pub fn on_command(&mut self, command: Command) -> Option<Outcome> {
        match command {
            Command::MoveDown => self.move_by(1),
            Command::MoveUp => self.move_by(-1),
            Command::Top => self.top(),
            Command::Bottom => self.bottom(),
            Command::SwapKept => self.keep_second = !self.keep_second,
            Command::RaiseThreshold | Command::LowerThreshold => {
                self.step_threshold(command == Command::RaiseThreshold);
                let threshold = self.threshold;
                return Some(
                    Outcome::effect(Effect::LoadDuplicates { threshold })
                        .with_info(format!("Similarity threshold: {:.0}%", threshold * 100.0)),
                );
            }
            Command::Merge => {
                if let Some(plan) = self.merge_plan() {
                    let text = format!(
                        "Merge “{}” into “{}”? Its mentions, sources, text and tags are kept; \
                         this cannot be undone. (y/n)",
                        plan.absorbed_title, plan.kept_title
                    );
                    return Some(Outcome::request(Request::Ask(Question::new(
                        text,
                        Pending::Merge(plan),
                    ))));
                }
            }
            Command::Dismiss => {
                if let Some(pair) = self.selected_pair() {
                    let (first, second) = (pair.first.id, pair.second.id);
                    let text = format!(
                        "“{}” and “{}” are not duplicates: never list them again? (y/n)",
                        pair.first.title, pair.second.title
                    );
                    return Some(Outcome::request(Request::Ask(Question::new(
                        text,
                        Pending::Dismiss { first, second },
                    ))));
                }
            }
            _ => return None,
        }
        Some(Outcome::none())
    }

    /// A click on the n-th pair.
    pub fn click(&mut self, position: usize) {
        self.move_by(position as isize - self.selected as isize);
    }

    pub fn on_msg(&mut self, msg: Msg) -> Outcome {
        match msg {
            Msg::Searching => self.searching = true,
            Msg::Failed(message) => {
                self.searching = false;
                return Outcome {
                    notice: Some(Notice::Error(message)),
                    ..Outcome::none()
                };
            }
            Msg::Loaded(found) => {
                self.searching = false;
                self.complete = found.complete;
                self.set_pairs(found.pairs);
            }
            Msg::Dismissed { first, second } => {
                self.drop_pairs(|p| (p.first.id, p.second.id) == (first, second));
                return Outcome::info("Dismissed: the pair will not be listed again");
            }
        }
        Outcome::none()
    }

    /// The merge the selected pair would get.
    pub fn merge_plan(&self) -> Option<MergePlan> {
        let pair = self.selected_pair()?;
        let (kept, absorbed) = if self.keep_second {
            (&pair.second, &pair.first)
        } else {
            (&pair.first, &pair.second)
        };
        Some(MergePlan {
            kept: kept.id,
            kept_title: kept.title.clone(),
            absorbed: absorbed.id,
            absorbed_title: absorbed.title.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::duplicates::PairItem;
    use crate::domain::feedback::Source;

    fn item(id: i64) -> PairItem {
        PairItem {
            id,
            title: format!("item {id}"),
            description: String::new(),
            source: Source::Other,
            mentions: 1,
        }
    }

    fn pair(a: i64, b: i64) -> NearDuplicate {
        NearDuplicate {
            first: item(a),
            second: item(b),
            similarity: 0.8,
        }
    }

    #[test]
    fn selection_follows_the_pair_and_the_kept_side_resets_on_move() {
        let mut view = DuplicatesView::default();
        view.set_pairs(vec![pair(1, 2), pair(3, 4), pair(5, 6)]);
        view.move_by(1);
        view.keep_second = true;
        assert_eq!(view.merge_plan().unwrap().kept, 4);
        assert_eq!(view.merge_plan().unwrap().absorbed, 3);
        // The first pair was merged elsewhere: the selection stays on (3, 4).
        view.set_pairs(vec![pair(3, 4), pair(5, 6)]);
        assert_eq!(view.selected, 0);
        assert!(view.keep_second);
        view.move_by(5);
        assert_eq!(view.selected, 1);
        assert!(!view.keep_second);
        // The selected pair is gone: the position is kept, clamped.
        view.set_pairs(vec![pair(3, 4)]);
        assert_eq!(view.selected, 0);
    }

    #[test]
    fn the_threshold_steps_within_its_range_without_drifting() {
        let mut view = DuplicatesView::default();
        for _ in 0..30 {
            view.step_threshold(false);
        }
        assert_eq!(view.threshold, MIN_THRESHOLD);
        for _ in 0..4 {
            view.step_threshold(true);
        }
        assert!((view.threshold - 0.4).abs() < 1e-12);
        for _ in 0..30 {
            view.step_threshold(true);
        }
        assert_eq!(view.threshold, 1.0);
    }
}
