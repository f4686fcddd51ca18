//! Everything the UI knows (`Model`), everything that can happen to it
//! (`Action`), and `update`, which applies an action and returns the
//! `Effect`s (store reads and writes, background jobs, the external editor)
//! for the runtime to carry out. `update` does no I/O and knows no terminal:
//! input arrives as the app's own `Input`, so tests (and any front end) drive
//! it directly.
//!
//! Where things are handled:
//! - a screen is a module with its own state, messages and command handler:
//!   `triage` (the table, its filter line and detail pane), `kano`,
//!   `duplicates`, `retro` (the retro board), `action_items`, `dashboard`;
//!   `screens` lists them in tab order;
//! - overlays sit on top of the screen and take the keys while open
//!   (`overlay`): a question, the help, a `form`, the `import` dialog;
//! - `input_routing` routes input: an overlay gets the key if one is open,
//!   else the app's own screen commands (quit, help, switching screens),
//!   else the screen. A handler returns an `Outcome` (effects, a footer
//!   line, a request such as "ask this") and never reaches into another
//!   screen; `stored` takes in the answers of feedback writes and merges.
//!
//! Writes go out as effects; their results come back as `Action::Stored`, so
//! the table only changes once the database has. Undo keeps the item as it
//! was before each change and writes it back.

pub mod action_items;
pub mod dashboard;
pub mod dashboard_forms;
pub mod duplicates;
pub mod effect;
pub mod form;
pub mod import;
mod input_routing;
pub mod kano;
pub mod line_input;
pub mod outcome;
pub mod overlay;
pub mod path_completion;
pub mod retro;
pub mod screens;
mod stored;
pub mod triage;
pub mod undo;

pub use effect::{Effect, Write};
pub use overlay::{HelpView, Overlay, Pending, Question};
pub use screens::{SCREENS, Screen};
pub use stored::describe;
pub use undo::{UNDO_DEPTH, UndoEntry, Undoable};

use input_routing::{add, on_key, on_mouse, on_paste, touches_actions};
use stored::{on_decided, on_merged, on_stored};

use crate::config::{Command, Config, Key, Mode};
use crate::domain::decision::Decision;
use crate::domain::duplicates::SimilarItem;
use crate::domain::feedback::Attachments;
use crate::domain::feedback::{FeedbackDraft, FeedbackItem, Status};
use crate::domain::triage::TriageRow;
use crate::input::{Input, KeyCode, Mouse, MouseKind};
use action_items::ActionItemsScreen;
use dashboard::DashboardScreen;
use duplicates::DuplicatesView;
use form::{Form, FormKind, FormOutcome, Submission, Submitted};
use import::ImportFlow;
use kano::KanoView;
use outcome::{Outcome, Request};
use ratatui::layout::{Position, Rect};
use retro::RetroScreen;
use retro::writes::RetroWrite;
use triage::TriageScreen;
use undo::UndoList;

/// A line for the footer.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    Info(String),
    Error(String),
}

/// What the last frame laid out: where it drew the clickable list, so a
/// click can be mapped to a row, and how far the detail pane's text can
/// scroll. The view reports it after drawing (`Action::Drawn`).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ClickAreas {
    /// The list's body (rows only, no header).
    pub list_body: Rect,
    /// The visible position of the first row drawn.
    pub first_row: usize,
    /// The detail pane, when it is open.
    pub detail: DetailArea,
}

/// The detail pane's text as the last frame drew it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DetailArea {
    /// Rows of text the pane shows at once.
    pub rows: u16,
    /// How many rows the text runs past them (how far it can scroll).
    pub overflow: u16,
}

/// Everything that can happen.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// A key, a mouse event, a paste or a resize.
    Input(Input),
    /// The triage table's body now shows this many rows.
    TableRows(usize),
    /// The frame just drawn put its list here.
    Drawn(ClickAreas),
    Triage(triage::Msg),
    Kano(kano::Msg),
    Duplicates(duplicates::Msg),
    Import(import::Msg),
    Retro(retro::Msg),
    ActionItems(action_items::Msg),
    Dashboard(dashboard::Msg),
    /// The clock, once a second while a discussion countdown runs (Unix ms).
    Tick(i64),
    /// The process was asked to stop (SIGTERM): save what is running, quit.
    Stop,
    /// Another process changed the database: read again what is shown.
    ExternalChange,
    FormLoaded {
        item: FeedbackItem,
        kind: FormKind,
    },
    /// The teams there are, for the form that asks who decided to move
    /// item `id` (titled `title`) to `status`.
    DecisionAsked {
        id: i64,
        title: String,
        status: Status,
        teams: Vec<String>,
    },
    /// A move to planned or won't-do went through: the item as it is now,
    /// and the decision recorded with it.
    Decided {
        item: FeedbackItem,
        decision: Decision,
    },
    /// A write went through: the item before and after it.
    Stored {
        before: Option<FeedbackItem>,
        after: Option<FeedbackItem>,
        /// What a delete took along (see `UndoEntry::attachments`).
        attachments: Option<Attachments>,
        undoable: bool,
        what: String,
    },
    Failed(String),
    /// An import was undone: what it took back.
    ImportUndone(String),
    EditorClosed(Result<String, String>),
    /// Stored items like one about to be added (none: it is added).
    SimilarFound {
        draft: FeedbackDraft,
        matches: Vec<SimilarItem>,
    },
    /// `absorbed` was merged into `kept` (shown as it is now).
    Merged {
        kept: FeedbackItem,
        absorbed: i64,
    },
}

impl Action {
    /// A key pressed, as an action (tests and benches use it).
    pub fn key(key: Key) -> Action {
        Action::Input(Input::Key(key))
    }
}

/// All UI state.
#[derive(Debug)]
pub struct Model {
    pub config: Config,
    pub screen: Screen,
    pub triage: TriageScreen,
    pub kano: KanoView,
    pub duplicates: DuplicatesView,
    pub retro: RetroScreen,
    pub action_items: ActionItemsScreen,
    pub dashboard: DashboardScreen,
    /// What sits on top of the screen, bottom first.
    pub overlays: overlay::Overlays,
    pub undo: UndoList,
    pub notice: Option<Notice>,
    pub quit: bool,
    /// Where the database is, for the header.
    pub db_label: String,
    /// The terminal's size, columns and rows.
    pub size: (u16, u16),
    pub click_areas: ClickAreas,
}

impl Model {
    pub fn new(config: Config, rows: Vec<TriageRow>, db_label: String) -> Model {
        Model {
            kano: KanoView::new(config.kano.clone()),
            config,
            screen: Screen::Triage,
            triage: TriageScreen::new(rows),
            duplicates: DuplicatesView::default(),
            retro: RetroScreen::default(),
            action_items: ActionItemsScreen::default(),
            dashboard: DashboardScreen::default(),
            overlays: overlay::Overlays::default(),
            undo: UndoList::default(),
            notice: None,
            quit: false,
            db_label,
            size: (0, 0),
            click_areas: ClickAreas::default(),
        }
    }

    /// The mode whose keymap applies now: the top overlay's, else the
    /// screen's.
    pub fn mode(&self) -> Mode {
        match self.overlays.top() {
            Some(overlay) => overlay.mode(),
            None if self.screen == Screen::Triage && self.triage.filter_typing => Mode::Filter,
            None => self.screen.info().mode,
        }
    }

    /// Gives the triage table the Kano categories under the current settings.
    fn share_kano_categories(&mut self) {
        let categories = self.kano.categories();
        self.triage.list.set_kano_categories(categories);
    }

    fn info(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice::Info(text.into()));
    }

    fn ask(&mut self, text: impl Into<String>, on_yes: Pending) {
        self.overlays
            .push(Overlay::Question(Question::new(text, on_yes)));
    }

    /// Carries out what a handler asked for; returns its effects.
    fn apply(&mut self, outcome: Outcome) -> Vec<Effect> {
        let mut effects = outcome.effects;
        if let Some(notice) = outcome.notice {
            self.notice = Some(notice);
        }
        match outcome.request {
            None => {}
            Some(Request::Ask(question)) => self.overlays.push(Overlay::Question(question)),
            Some(Request::OpenForm(form)) => self.overlays.push(Overlay::Form(form)),
            Some(Request::PickStatus(picker)) => self.overlays.push(Overlay::StatusPicker(picker)),
            Some(Request::OpenImport) => self.overlays.push(Overlay::Import(ImportFlow::new())),
            Some(Request::CloseImport) => self.overlays.close_import(),
            Some(Request::Imported { batch, what }) => {
                self.overlays.close_import();
                self.undo.push_import(batch, what);
            }
            Some(Request::Undo) => effects.extend(self.undo_last()),
            Some(Request::ShareKanoCategories) => self.share_kano_categories(),
        }
        effects
    }

    fn undo_last(&mut self) -> Vec<Effect> {
        match self.undo.pop() {
            Some(Undoable::Import { batch, what }) => {
                let question = Question {
                    text: format!(
                        "Undo import {batch} ({what})? What it added goes and what it changed \
                         comes back. (y/n)"
                    ),
                    on_yes: Pending::UndoImport(batch),
                    on_no: Some(Pending::KeepImportUndo { batch, what }),
                };
                self.overlays.push(Overlay::Question(question));
                vec![]
            }
            Some(Undoable::Change(entry)) => {
                let write = Write::Revert {
                    id: entry.id,
                    expected: entry.after,
                    target: entry.before,
                    attachments: entry.attachments,
                };
                self.info(format!("Undid: {}", entry.what));
                vec![Effect::Write {
                    write,
                    undoable: false,
                }]
            }
            None => {
                self.info("Nothing to undo");
                vec![]
            }
        }
    }

    /// Shows a screen and loads what it shows.
    fn switch_to(&mut self, screen: Screen) -> Vec<Effect> {
        self.screen = screen;
        match screen {
            Screen::Triage => self.triage.detail_effect(),
            Screen::Kano => vec![Effect::LoadKano],
            Screen::Duplicates => vec![Effect::LoadDuplicates {
                threshold: self.duplicates.threshold,
            }],
            Screen::Retro => {
                let mut effects = vec![Effect::Retro(retro::RetroRequest::LoadList)];
                if self.retro.templates.is_empty() {
                    effects.push(Effect::Retro(retro::RetroRequest::LoadTemplates));
                }
                if let Some(board) = &self.retro.board {
                    effects.push(Effect::Retro(retro::RetroRequest::Load(board.id)));
                }
                effects
            }
            Screen::Actions => vec![action_items::reload()],
            Screen::Dashboard => {
                // The top items are ranked as the triage table ranks them.
                self.dashboard.model = self.triage.list.model();
                vec![self.dashboard.reload()]
            }
        }
    }

    /// Whether the runtime should send `Action::Tick` once a second.
    pub fn wants_ticks(&self) -> bool {
        self.retro.timer_running()
    }

    /// The most the help can scroll: its last line at the bottom of its box
    /// (the box leaves two rows of the terminal and has two borders).
    fn help_scroll_limit(&self) -> usize {
        let lines = overlay::help_rows(&self.config.keymap, self.size.0).len();
        let visible = usize::from(self.size.1.saturating_sub(4));
        lines.saturating_sub(visible)
    }

    fn scroll_help(&mut self, delta: isize) {
        let limit = self.help_scroll_limit();
        if let Some(Overlay::Help(help)) = self.overlays.top_mut() {
            help.scroll = help.scroll.saturating_add_signed(delta).min(limit);
        }
    }
}

/// Applies one action; returns what the runtime must do next. A sort or
/// filter change that a large table cannot arrange inside the keystroke
/// ends with `Effect::Arrange`.
pub fn update(model: &mut Model, action: Action) -> Vec<Effect> {
    let mut effects = apply_action(model, action);
    effects.extend(model.triage.list.take_job().map(Effect::Arrange));
    effects
}

fn apply_action(model: &mut Model, action: Action) -> Vec<Effect> {
    match action {
        Action::Input(Input::Key(key)) => on_key(model, key),
        Action::Input(Input::Paste(text)) => on_paste(model, &text),
        Action::Input(Input::Mouse(mouse)) => on_mouse(model, mouse),
        Action::Input(Input::Resize { width, height }) => {
            model.size = (width, height);
            model.scroll_help(0);
            vec![]
        }
        Action::TableRows(rows) => {
            model.triage.list.set_page_size(rows);
            vec![]
        }
        Action::Drawn(areas) => {
            model.click_areas = areas;
            model.triage.detail_drawn(areas.detail);
            vec![]
        }
        Action::Triage(msg) => model.triage.on_msg(msg),
        Action::Kano(msg) => {
            model.kano.on_msg(msg);
            model.share_kano_categories();
            vec![]
        }
        Action::Duplicates(msg) => {
            let outcome = model.duplicates.on_msg(msg);
            model.apply(outcome)
        }
        Action::Retro(msg) => {
            let closes_form = matches!(msg, retro::Msg::Written { .. });
            let reloads_actions = matches!(
                &msg,
                retro::Msg::Written { write, .. } if touches_actions(write)
            );
            let promoted = matches!(
                &msg,
                retro::Msg::Written { write, .. } if matches!(**write, RetroWrite::Promote { .. })
            );
            let outcome = model.retro.on_msg(msg);
            if closes_form
                && model
                    .overlays
                    .form()
                    .is_some_and(|f| matches!(f.kind, FormKind::Retro(_)))
            {
                model.overlays.close_form();
            }
            let mut effects = model.apply(outcome);
            if reloads_actions {
                effects.push(action_items::reload());
            }
            if promoted {
                // A new feedback item: the triage table reads its rows again.
                effects.push(Effect::LoadRows);
            }
            effects
        }
        Action::ActionItems(msg) => {
            model.action_items.on_msg(msg);
            vec![]
        }
        Action::Dashboard(msg) => dashboard_forms::on_msg(model, msg),
        Action::Tick(now_ms) => model.retro.tick(now_ms),
        Action::Stop => {
            model.quit = true;
            model.retro.pause_running_timer()
        }
        Action::ExternalChange => {
            let mut effects = vec![Effect::LoadRows, Effect::LoadKano];
            if model.screen == Screen::Retro {
                effects.push(Effect::Retro(retro::RetroRequest::LoadList));
            }
            if let Some(board) = &model.retro.board {
                effects.push(Effect::Retro(retro::RetroRequest::Load(board.id)));
            }
            if model.action_items.loaded {
                effects.push(action_items::reload());
            }
            if model.screen == Screen::Dashboard {
                effects.push(model.dashboard.reload());
            }
            effects
        }
        Action::Import(msg) => match model.overlays.import_mut() {
            Some(flow) => {
                let outcome = flow.on_msg(msg);
                model.apply(outcome)
            }
            None => vec![],
        },
        Action::FormLoaded { item, kind } => {
            let form = match kind {
                FormKind::Score { model: m, .. } => Form::score(&item, m),
                _ => Form::edit(&item),
            };
            model.overlays.push(Overlay::Form(form));
            vec![]
        }
        Action::DecisionAsked {
            id,
            title,
            status,
            teams,
        } => {
            let form = triage::decision::form(id, &title, status, &teams);
            model.overlays.push(Overlay::Form(form));
            vec![]
        }
        Action::Decided { item, decision } => on_decided(model, item, decision),
        Action::Stored {
            before,
            after,
            attachments,
            undoable,
            what,
        } => on_stored(model, (before, after, attachments), undoable, what),
        Action::Failed(message) => {
            model.notice = Some(Notice::Error(message));
            vec![]
        }
        Action::ImportUndone(message) => {
            model.info(message);
            vec![Effect::LoadRows]
        }
        Action::Merged { kept, absorbed } => on_merged(model, kept, absorbed),
        Action::SimilarFound { draft, matches } => match matches.first() {
            None => vec![add(draft)],
            Some(closest) => {
                let also = match matches.len() {
                    1 => String::new(),
                    n => format!(" (and {} more)", n - 1),
                };
                let question = Question {
                    text: format!(
                        "“{}” looks like #{} “{}” ({:.0} % alike){also}. Add it anyway? \
                         y adds it, n opens #{} instead",
                        draft.title,
                        closest.id,
                        closest.title,
                        closest.similarity * 100.0,
                        closest.id
                    ),
                    on_yes: Pending::AddAnyway(Box::new(draft)),
                    on_no: Some(Pending::OpenItem(closest.id)),
                };
                model.overlays.push(Overlay::Question(question));
                vec![]
            }
        },
        Action::EditorClosed(result) => {
            match (result, model.overlays.form_mut()) {
                (Ok(text), Some(form)) => form.set_multiline_text(&text),
                (Err(message), _) => model.notice = Some(Notice::Error(message)),
                _ => {}
            }
            vec![]
        }
    }
}

#[cfg(test)]
mod tests;
