//! The triage screen: the table of items (`list`), the filter line, and the
//! detail pane with the reports merged into the selected item and the
//! decision that made it planned or won't-do. Its keys are handled here
//! (`on_command`, and `on_filter_key` while a filter is typed); results of
//! its loads arrive as `Msg`. `t` opens the status picker (`status_picker`);
//! a move to planned or won't-do first asks who decided and why (`decision`).

pub mod decision;
pub mod list;
mod order;
mod query;
pub mod status_picker;

use super::DetailArea;
use super::effect::{Effect, Write};
use super::form::{Form, FormKind};
use super::line_input::LineInput;
use super::outcome::{Outcome, Request};
use super::overlay::{Pending, Question};
use crate::config::{Command, Key};
use crate::domain::decision::{Decision, records_decision};
use crate::domain::feedback::Evidence;
use crate::domain::feedback::{FeedbackItem, NpsTally, Source, Status};
use crate::domain::kano::Category;
use crate::domain::retro::record::CardOrigin;
use crate::domain::sentiment::Sentiment;
use crate::domain::triage::TriageRow;
use list::{Arranged, TriageList};

/// Results of the triage screen's loads.
#[allow(clippy::large_enum_variant)] // one per load
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// All rows, freshly read (start-up, an import, or another process
    /// changed the file), and the NPS answers that came without a comment.
    Loaded(Vec<TriageRow>, NpsTally),
    DetailLoaded(FeedbackItem),
    EvidenceLoaded {
        id: i64,
        evidence: Vec<Evidence>,
    },
    /// The retro card an item was promoted from (none for other items).
    OriginLoaded {
        id: i64,
        origin: Option<CardOrigin>,
    },
    /// The latest decision about an item (none recorded: `None`).
    DecisionLoaded {
        id: i64,
        decision: Option<Decision>,
    },
    /// A sort or filter of a large table is being computed off the input
    /// path (the answer is `Arranged`).
    Arranging,
    /// The table's rows in their new order and filters.
    Arranged(Arranged),
}

#[derive(Debug)]
pub struct TriageScreen {
    pub list: TriageList,
    /// The filter line's text; the list is filtered by it as it is typed.
    pub filter: LineInput,
    /// Whether keys are typing into the filter line.
    pub filter_typing: bool,
    pub detail_open: bool,
    /// The selected item in full, for the detail pane.
    pub detail: Option<FeedbackItem>,
    /// The reports merged into the item in the detail pane.
    pub evidence: Vec<Evidence>,
    /// The retro card the item in the detail pane came from.
    pub origin: Option<CardOrigin>,
    /// The decision that moved the item in the detail pane to planned or
    /// won't-do.
    pub decision: Option<Decision>,
    /// While every row is read in the background: how many items there
    /// are (the table shows the first screen's rows meanwhile).
    pub loading: Option<i64>,
    /// How many rows the detail pane's text is scrolled.
    pub detail_scroll: u16,
    /// The detail pane as last drawn: its rows and how far it can scroll.
    detail_area: DetailArea,
}

impl TriageScreen {
    pub fn new(rows: Vec<TriageRow>) -> TriageScreen {
        TriageScreen {
            list: TriageList::new(rows),
            filter: LineInput::default(),
            filter_typing: false,
            detail_open: false,
            detail: None,
            evidence: Vec::new(),
            origin: None,
            decision: None,
            loading: None,
            detail_scroll: 0,
            detail_area: DetailArea::default(),
        }
    }

    /// The detail pane was drawn: scrolling stays within its text.
    pub fn detail_drawn(&mut self, area: DetailArea) {
        self.detail_area = area;
        self.detail_scroll = self.detail_scroll.min(area.overflow);
    }

    /// Scrolls the detail pane's text a page (less a row) down or up.
    fn scroll_detail(&mut self, down: bool) -> Outcome {
        if self.detail_open {
            let page = self.detail_area.rows.saturating_sub(1).max(1);
            self.detail_scroll = if down {
                (self.detail_scroll + page).min(self.detail_area.overflow)
            } else {
                self.detail_scroll.saturating_sub(page)
            };
        }
        Outcome::none()
    }

    /// Whether the filter line shows.
    pub fn shows_filter_line(&self) -> bool {
        self.filter_typing || !self.filter.text().is_empty()
    }

    /// Shows every item again: no query, no status, source, Kano or
    /// sentiment filter.
    pub fn clear_filters(&mut self) {
        self.filter.clear();
        self.list.set_query("");
        self.list.set_status_filter(None);
        self.list.set_source_filter(None);
        self.list.set_kano_filter(None);
        self.list.set_sentiment_filter(None);
    }

    /// Selects an item and opens its detail pane, clearing the filters when
    /// they hide it.
    pub fn open_item(&mut self, id: i64) -> Vec<Effect> {
        if !self.list.select_id(id) {
            self.clear_filters();
            self.list.select_id(id);
        }
        self.detail_open = true;
        self.detail_effect()
    }

    /// Loads the selected item when the detail pane shows another one.
    pub fn detail_effect(&mut self) -> Vec<Effect> {
        match (self.detail_open, self.list.selected_id()) {
            (true, Some(id)) if self.detail.as_ref().is_none_or(|d| d.id != id) => {
                self.detail_scroll = 0;
                vec![Effect::LoadDetail(id)]
            }
            (true, None) => {
                self.detail = None;
                vec![]
            }
            _ => vec![],
        }
    }

    fn moved(&mut self, step: impl FnOnce(&mut TriageList)) -> Outcome {
        step(&mut self.list);
        Outcome::effects(self.detail_effect())
    }

    /// A click on the n-th visible row.
    pub fn click(&mut self, position: usize) -> Vec<Effect> {
        self.list.select_position(position);
        self.detail_effect()
    }

    /// The mouse wheel: three rows at a time.
    pub fn scroll(&mut self, down: bool) -> Vec<Effect> {
        self.list.move_by(if down { 3 } else { -3 });
        self.detail_effect()
    }

    /// Handles a command of the triage mode; `None` for any other command.
    pub fn on_command(&mut self, command: Command) -> Option<Outcome> {
        let selected = self
            .list
            .selected_row()
            .map(|r| (r.id, r.title.clone(), r.status));
        Some(match command {
            Command::MoveDown => self.moved(|l| l.move_by(1)),
            Command::MoveUp => self.moved(|l| l.move_by(-1)),
            Command::PageDown => self.moved(|l| l.page(true)),
            Command::PageUp => self.moved(|l| l.page(false)),
            Command::Top => self.moved(TriageList::top),
            Command::Bottom => self.moved(TriageList::bottom),
            Command::Filter => {
                self.filter_typing = true;
                Outcome::none()
            }
            Command::Open => {
                self.detail_open = !self.detail_open;
                self.detail_scroll = 0;
                Outcome::effects(self.detail_effect())
            }
            Command::ScrollDetailDown => self.scroll_detail(true),
            Command::ScrollDetailUp => self.scroll_detail(false),
            Command::Back => {
                if self.detail_open {
                    self.detail_open = false;
                    Outcome::none()
                } else if self.list.is_filtered() {
                    self.clear_filters();
                    Outcome::effects(self.detail_effect()).with_info("Filters cleared")
                } else {
                    Outcome::none()
                }
            }
            Command::Add => Outcome::request(Request::OpenForm(Form::add())),
            Command::Edit => match selected {
                Some((id, ..)) => Outcome::effect(Effect::LoadForForm {
                    id,
                    kind: FormKind::Edit { id },
                }),
                None => Outcome::none(),
            },
            Command::Score => match selected {
                Some((id, ..)) => Outcome::effect(Effect::LoadForForm {
                    id,
                    kind: FormKind::Score {
                        id,
                        model: self.list.model(),
                    },
                }),
                None => Outcome::none(),
            },
            Command::CycleModel => {
                let next = self.list.model().next();
                self.list.set_model(next);
                Outcome::info(format!("Scoring with {}", next.label()))
            }
            Command::CycleSort => self.moved(|l| l.set_sort(l.sort().next(), false)),
            Command::ReverseSort => self.moved(|l| l.set_sort(l.sort(), !l.reversed())),
            Command::NextStatus => match selected {
                Some((id, title, current)) => {
                    Outcome::request(Request::PickStatus(status_picker::StatusPicker {
                        id,
                        title,
                        current,
                    }))
                }
                None => Outcome::none(),
            },
            Command::PreviousStatus => match selected {
                Some((id, title, status)) => {
                    let next = status.previous();
                    if records_decision(next) {
                        return Some(Outcome::effect(Effect::PrepareDecision {
                            id,
                            title,
                            status: next,
                        }));
                    }
                    Outcome::effect(Effect::Write {
                        write: Write::SetStatus(id, next),
                        undoable: true,
                    })
                }
                None => Outcome::none(),
            },
            Command::CycleStatusFilter => {
                self.moved(|l| l.set_status_filter(cycle(Status::ALL, l.status_filter())))
            }
            Command::CycleSourceFilter => {
                self.moved(|l| l.set_source_filter(cycle(Source::ALL, l.source_filter())))
            }
            Command::CycleKanoFilter => {
                self.moved(|l| l.set_kano_filter(cycle(&Category::PRIORITY, l.kano_filter())))
            }
            Command::CycleSentimentFilter => {
                self.moved(|l| l.set_sentiment_filter(cycle(Sentiment::ALL, l.sentiment_filter())))
            }
            Command::Delete => match selected {
                Some((id, title, _)) => Outcome::request(Request::Ask(Question::new(
                    format!("Delete “{title}”? (y/n)"),
                    Pending::Delete { id, title },
                ))),
                None => Outcome::none(),
            },
            Command::Undo => Outcome::request(Request::Undo),
            Command::Import => Outcome::request(Request::OpenImport),
            _ => return None,
        })
    }

    /// Keys while the filter is typed: the filter mode's commands, and any
    /// other key edits the filter line.
    pub fn on_filter_key(&mut self, command: Option<Command>, key: &Key) -> Outcome {
        match command {
            Some(command) => self.on_filter_command(command).unwrap_or_default(),
            None => {
                if self.filter.handle_key(key) {
                    self.list.set_query(self.filter.text());
                    return Outcome::effects(self.detail_effect());
                }
                Outcome::none()
            }
        }
    }

    /// Handles a command of the filter mode; `None` for any other command.
    pub fn on_filter_command(&mut self, command: Command) -> Option<Outcome> {
        Some(match command {
            Command::Confirm => {
                self.filter_typing = false;
                Outcome::none()
            }
            Command::Cancel => {
                self.filter_typing = false;
                self.filter.clear();
                self.list.set_query("");
                Outcome::effects(self.detail_effect())
            }
            Command::MoveDown => self.moved(|l| l.move_by(1)),
            Command::MoveUp => self.moved(|l| l.move_by(-1)),
            _ => return None,
        })
    }

    /// Pasted text goes into the filter line while it is typed.
    pub fn paste(&mut self, text: &str) -> Vec<Effect> {
        if self.filter_typing && self.filter.paste(text) {
            self.list.set_query(self.filter.text());
            return self.detail_effect();
        }
        vec![]
    }

    pub fn on_msg(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Arranging => vec![],
            Msg::Arranged(arranged) => {
                self.list.accept(arranged);
                self.detail_effect()
            }
            Msg::Loaded(rows, unlisted_nps) => {
                self.loading = None;
                self.list.replace_rows(rows);
                self.list.set_unlisted_nps(unlisted_nps);
                self.detail = None;
                self.detail_effect()
            }
            Msg::DetailLoaded(item) => {
                if self.list.selected_id() != Some(item.id) {
                    return vec![];
                }
                let id = item.id;
                let merged = item.mentions > 1;
                let from_retro = item.source == Source::Retro;
                let decided = records_decision(item.status);
                self.detail = Some(item);
                self.evidence.clear();
                self.origin = None;
                self.decision = None;
                let mut effects = Vec::new();
                if merged {
                    effects.push(Effect::LoadEvidence(id));
                }
                if from_retro {
                    effects.push(Effect::LoadOrigin(id));
                }
                if decided {
                    effects.push(Effect::LoadDecision(id));
                }
                effects
            }
            Msg::EvidenceLoaded { id, evidence } => {
                if self.detail.as_ref().is_some_and(|d| d.id == id) {
                    self.evidence = evidence;
                }
                vec![]
            }
            Msg::OriginLoaded { id, origin } => {
                if self.detail.as_ref().is_some_and(|d| d.id == id) {
                    self.origin = origin;
                }
                vec![]
            }
            Msg::DecisionLoaded { id, decision } => {
                if self.detail.as_ref().is_some_and(|d| d.id == id) {
                    self.decision = decision;
                }
                vec![]
            }
        }
    }

    /// A write went through: the table (and the detail pane) show the item
    /// as it is now.
    pub fn stored(&mut self, id: Option<i64>, after: Option<&FeedbackItem>) -> Vec<Effect> {
        match after {
            Some(item) => self.list.upsert(TriageRow::from_item(item.clone())),
            None => {
                if let Some(id) = id {
                    self.list.remove(id);
                }
            }
        }
        let mut effects = Vec::new();
        if self.detail.as_ref().map(|d| d.id) == id {
            self.detail = after.cloned();
            // Back to planned or won't-do (an undo, say): show the decision.
            if let Some(item) = after.filter(|item| records_decision(item.status))
                && self
                    .decision
                    .as_ref()
                    .is_none_or(|d| d.feedback_id != item.id || d.status != item.status)
            {
                effects.push(Effect::LoadDecision(item.id));
            }
        }
        effects.extend(self.detail_effect());
        effects
    }

    /// A move to planned or won't-do went through with its decision.
    pub fn decided(&mut self, item: &FeedbackItem, decision: Decision) -> Vec<Effect> {
        if self.detail.as_ref().is_some_and(|d| d.id == item.id) {
            self.decision = Some(decision);
        }
        self.stored(Some(item.id), Some(item))
    }
}

/// The next value of a filter that cycles through `all` and then off.
pub fn cycle<T: Copy + PartialEq>(all: &[T], current: Option<T>) -> Option<T> {
    match current {
        None => all.first().copied(),
        Some(c) => {
            let i = all.iter().position(|x| *x == c).unwrap_or(all.len());
            all.get(i + 1).copied()
        }
    }
}
