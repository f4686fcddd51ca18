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
//!   `duplicates`; `screens` lists them in tab order;
//! - overlays sit on top of the screen and take the keys while open
//!   (`overlay`): a question, the help, a `form`, the `import` dialog;
//! - this module routes: an overlay gets the key if one is open, else the
//!   app's own screen commands (quit, help, switching screens), else the
//!   screen. A handler returns an `Outcome` (effects, a footer line, a
//!   request such as "ask this") and never reaches into another screen.
//!
//! Writes go out as effects; their results come back as `Action::Stored`, so
//! the table only changes once the database has. Undo keeps the item as it
//! was before each change and writes it back.

pub mod action_items;
pub mod duplicates;
pub mod effect;
pub mod form;
pub mod import;
pub mod kano;
pub mod line_input;
pub mod outcome;
pub mod overlay;
pub mod retro;
pub mod screens;
pub mod triage;
pub mod undo;

pub use effect::{Effect, Write};
pub use overlay::{HelpView, Overlay, Pending, Question};
pub use screens::{SCREENS, Screen};
pub use undo::{UNDO_DEPTH, UndoEntry};

use crate::config::{Command, Config, Key, Mode};
use crate::domain::duplicates::SimilarItem;
use crate::domain::feedback::Attachments;
use crate::domain::feedback::{FeedbackDraft, FeedbackItem};
use crate::domain::triage::TriageRow;
use crate::input::{Input, KeyCode, Mouse, MouseKind};
use action_items::ActionItemsScreen;
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

/// Where the last frame drew the clickable list, so a click can be mapped
/// to a row. The view reports it after drawing (`Action::Drawn`).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ClickAreas {
    /// The list's body (rows only, no header).
    pub list_body: Rect,
    /// The visible position of the first row drawn.
    pub first_row: usize,
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
            Some(Request::OpenImport) => self.overlays.push(Overlay::Import(ImportFlow::new())),
            Some(Request::CloseImport) => self.overlays.close_import(),
            Some(Request::Undo) => effects.extend(self.undo_last()),
            Some(Request::ShareKanoCategories) => self.share_kano_categories(),
        }
        effects
    }

    fn undo_last(&mut self) -> Vec<Effect> {
        match self.undo.pop() {
            Some(entry) => {
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
        }
    }

    /// Whether the runtime should send `Action::Tick` once a second.
    pub fn wants_ticks(&self) -> bool {
        self.retro.timer_running()
    }

    /// The most the help can scroll: its last line at the bottom of its box
    /// (the box leaves two rows of the terminal and has two borders).
    fn help_scroll_limit(&self) -> usize {
        let lines = self.config.keymap.help_lines().len();
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

/// Applies one action; returns what the runtime must do next.
pub fn update(model: &mut Model, action: Action) -> Vec<Effect> {
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

fn on_key(model: &mut Model, key: Key) -> Vec<Effect> {
    model.notice = None;
    if key.code == KeyCode::Char('c') && key.modifiers.ctrl {
        return on_screen_command(model, Command::Quit);
    }
    let mode = model.mode();
    let command = model.config.keymap.resolve(mode, key);
    let outcome = match model.overlays.top_mut() {
        Some(Overlay::Question(_)) => return on_question(model, command),
        Some(Overlay::Help(_)) => {
            if let Some(command) = command {
                on_help_command(model, command);
            }
            return vec![];
        }
        Some(Overlay::Form(_)) => return on_form_key(model, command, key),
        Some(Overlay::Import(flow)) => flow.on_key(command, &key),
        None if mode == Mode::Filter => model.triage.on_filter_key(command, &key),
        None => match command {
            Some(command) => return on_screen_command(model, command),
            None => Outcome::none(),
        },
    };
    model.apply(outcome)
}

/// A command on a screen: the app's own (quit, help, switching screens),
/// else the screen's.
fn on_screen_command(model: &mut Model, command: Command) -> Vec<Effect> {
    match command {
        Command::Quit => {
            if model.overlays.form().is_some_and(|f| f.dirty) {
                model.ask(
                    "Quit and lose the text in the form? (y/n)",
                    Pending::QuitDiscardingForm,
                );
            } else {
                model.quit = true;
                // A running countdown keeps its time for the next session.
                return model.retro.pause_running_timer();
            }
            return vec![];
        }
        Command::Help => {
            // The help opens at the section of the screen in use.
            let mode = model.mode();
            let at = model
                .config
                .keymap
                .help_lines()
                .iter()
                .position(|l| *l == crate::config::HelpLine::Heading(mode.title()))
                .unwrap_or(0);
            model.overlays.push(Overlay::Help(HelpView::default()));
            model.scroll_help(at as isize);
            return vec![];
        }
        Command::NextScreen => return model.switch_to(model.screen.next()),
        _ => {}
    }
    if let Some(screen) = Screen::switched_to_by(command) {
        return model.switch_to(screen);
    }
    let outcome = match model.screen {
        Screen::Triage => model.triage.on_command(command),
        Screen::Kano => model.kano.on_command(command),
        Screen::Duplicates => model.duplicates.on_command(command),
        Screen::Retro => model.retro.on_command(command),
        Screen::Actions => model.action_items.on_command(command),
    };
    // A command the screen does not handle cannot be bound to its mode (the
    // config refuses it), so `None` only comes from ctrl-c-like paths.
    match outcome {
        Some(outcome) => model.apply(outcome),
        None => vec![],
    }
}

fn on_question(model: &mut Model, command: Option<Command>) -> Vec<Effect> {
    let yes = match command {
        Some(Command::Confirm) => true,
        Some(Command::Cancel) => false,
        _ => return vec![],
    };
    let Some(Overlay::Question(question)) = model.overlays.pop() else {
        return vec![];
    };
    let pending = match (yes, question.on_no) {
        (true, _) => question.on_yes,
        (false, Some(on_no)) => on_no,
        (false, None) => return vec![],
    };
    match pending {
        Pending::Delete { id, .. } => vec![Effect::Write {
            write: Write::Delete(id),
            undoable: true,
        }],
        Pending::Merge(plan) => vec![Effect::Merge {
            kept: plan.kept,
            absorbed: plan.absorbed,
        }],
        Pending::Dismiss { first, second } => vec![Effect::Dismiss { first, second }],
        Pending::DiscardForm => {
            model.overlays.close_form();
            vec![]
        }
        Pending::QuitDiscardingForm => {
            model.quit = true;
            vec![]
        }
        Pending::Write(write) => vec![retro::write(*write)],
        Pending::AddAnyway(draft) => vec![add(*draft)],
        Pending::OpenItem(id) => {
            model.overlays.close_form();
            model.screen = Screen::Triage;
            let triage = &mut model.triage;
            if !triage.list.select_id(id) {
                // Filtered out: show everything, then select it.
                triage.filter.clear();
                triage.list.set_query("");
                triage.list.set_status_filter(None);
                triage.list.set_source_filter(None);
                triage.list.set_kano_filter(None);
                triage.list.set_sentiment_filter(None);
                triage.list.select_id(id);
            }
            triage.detail_open = true;
            triage.detail_effect()
        }
    }
}

/// The write that adds a new item (undoable).
fn add(draft: FeedbackDraft) -> Effect {
    Effect::Write {
        write: Write::Submit(Submission::Add(draft)),
        undoable: true,
    }
}

fn on_help_command(model: &mut Model, command: Command) {
    let page = usize::from(model.size.1.saturating_sub(4)).max(1) as isize;
    match command {
        Command::MoveDown => model.scroll_help(1),
        Command::MoveUp => model.scroll_help(-1),
        Command::PageDown => model.scroll_help(page),
        Command::PageUp => model.scroll_help(-page),
        Command::Top => model.scroll_help(isize::MIN),
        Command::Bottom => model.scroll_help(isize::MAX),
        Command::Back => {
            model.overlays.pop();
        }
        _ => {}
    }
}

fn on_form_key(model: &mut Model, command: Option<Command>, key: Key) -> Vec<Effect> {
    let Some(Overlay::Form(form)) = model.overlays.top_mut() else {
        return vec![];
    };
    match form.handle_key(command, key) {
        FormOutcome::Continue => vec![],
        FormOutcome::Cancel => {
            if form.dirty {
                model.ask("Discard your changes? (y/n)", Pending::DiscardForm);
            } else {
                model.overlays.close_form();
            }
            vec![]
        }
        FormOutcome::OpenEditor => vec![Effect::OpenEditor(form.multiline_text())],
        FormOutcome::Submit => match form.submitted() {
            Ok(Submitted::Retro(write)) => on_retro_submit(model, write),
            // A new item is first compared with the stored ones.
            Ok(Submitted::Feedback(Submission::Add(draft))) => vec![Effect::FindSimilar(draft)],
            Ok(Submitted::Feedback(submission)) => vec![Effect::Write {
                write: Write::Submit(submission),
                undoable: true,
            }],
            Err((field, message)) => {
                form.reject(field, message);
                vec![]
            }
        },
    }
}

fn on_paste(model: &mut Model, text: &str) -> Vec<Effect> {
    match model.overlays.top_mut() {
        Some(Overlay::Form(form)) => form.paste(text),
        Some(Overlay::Import(flow)) => flow.paste(text),
        Some(_) => {}
        None if model.screen == Screen::Triage => return model.triage.paste(text),
        None => {}
    }
    vec![]
}

fn on_mouse(model: &mut Model, mouse: Mouse) -> Vec<Effect> {
    let down = match mouse.kind {
        MouseKind::ScrollDown => Some(true),
        MouseKind::ScrollUp => Some(false),
        MouseKind::Click => None,
    };
    match model.overlays.top() {
        Some(Overlay::Help(_)) => {
            if let Some(down) = down {
                model.scroll_help(if down { 3 } else { -3 });
            }
            return vec![];
        }
        Some(_) => return vec![],
        None => {}
    }
    let Some(down) = down else {
        let areas = model.click_areas;
        let at = Position::new(mouse.column, mouse.row);
        if !areas.list_body.contains(at) {
            return vec![];
        }
        let position = areas.first_row + usize::from(mouse.row - areas.list_body.y);
        return match model.screen {
            Screen::Triage => model.triage.click(position),
            Screen::Kano => {
                model.kano.click(position);
                vec![]
            }
            Screen::Duplicates => {
                model.duplicates.click(position);
                vec![]
            }
            Screen::Retro => vec![],
            Screen::Actions => {
                model.action_items.click(position);
                vec![]
            }
        };
    };
    match model.screen {
        Screen::Triage => model.triage.scroll(down),
        Screen::Kano => {
            model.kano.move_by(if down { 1 } else { -1 });
            vec![]
        }
        Screen::Duplicates => {
            model.duplicates.move_by(if down { 1 } else { -1 });
            vec![]
        }
        Screen::Retro | Screen::Actions => {
            let command = if down {
                Command::MoveDown
            } else {
                Command::MoveUp
            };
            on_screen_command(model, command)
        }
    }
}

/// Whether a write changes action items (the actions screen reads them again).
fn touches_actions(write: &RetroWrite) -> bool {
    matches!(
        write,
        RetroWrite::AddAction { .. }
            | RetroWrite::EditAction { .. }
            | RetroWrite::SetActionStatus { .. }
            | RetroWrite::DeleteAction { .. }
            | RetroWrite::Review { .. }
    )
}

/// A submitted retro form: lowering vote limits below the votes cast asks
/// first; everything else is written at once (the form closes when the
/// store confirms).
fn on_retro_submit(model: &mut Model, write: RetroWrite) -> Vec<Effect> {
    if let (
        RetroWrite::ChangeLimits {
            votes_per_person,
            max_votes_per_card,
            ..
        },
        Some(board),
    ) = (&write, &model.retro.board)
    {
        let settings = crate::domain::retro::board::RetroSettings {
            votes_per_person: *votes_per_person,
            max_votes_per_card: *max_votes_per_card,
            ..board.settings
        };
        let topics = crate::domain::retro::voting::TopicMap::new(&board.cards, &board.groups);
        let excess = crate::domain::retro::voting::excess_votes(&board.votes, &settings, &topics);
        if !excess.is_empty() {
            model.overlays.close_form();
            model.ask(
                format!(
                    "The new limits remove {} votes already cast (the most recent above a limit). Go on? (y/n)",
                    excess.len()
                ),
                Pending::Write(Box::new(write)),
            );
            return vec![];
        }
    }
    vec![retro::write(write)]
}

fn on_merged(model: &mut Model, kept: FeedbackItem, absorbed: i64) -> Vec<Effect> {
    model.info(format!(
        "Merged into “{}” ({} mentions)",
        kept.title, kept.mentions
    ));
    let kept_id = kept.id;
    let triage = &mut model.triage;
    triage.list.remove(absorbed);
    triage.list.upsert(TriageRow::from_item(kept));
    triage.detail = None;
    triage.evidence.clear();
    // Undo cannot bring a merged item back; drop what it would refuse.
    model.undo.forget(&[absorbed, kept_id]);
    // Pairs with the merged-away item are gone at once; the search that
    // follows finds any new ones.
    model
        .duplicates
        .drop_pairs(|p| p.first.id == absorbed || p.second.id == absorbed);
    vec![
        Effect::LoadDuplicates {
            threshold: model.duplicates.threshold,
        },
        // Survey answers moved to the kept item.
        Effect::LoadKano,
    ]
}

/// An item before and after a write, and what a delete took along.
type Change = (
    Option<FeedbackItem>,
    Option<FeedbackItem>,
    Option<Attachments>,
);

fn on_stored(
    model: &mut Model,
    (before, after, attachments): Change,
    undoable: bool,
    what: String,
) -> Vec<Effect> {
    let id = after.as_ref().or(before.as_ref()).map(|i| i.id);
    let effects = model.triage.stored(id, after.as_ref());
    if undoable && let Some(id) = id {
        model.undo.push(UndoEntry {
            id,
            before,
            after,
            attachments,
            what: what.clone(),
        });
        let undo_key = model.config.keymap.keys_for(Mode::Triage, Command::Undo);
        model.info(format!("{what} — {undo_key} to undo"));
    }
    if model
        .overlays
        .form()
        .is_some_and(|f| matches!(f.kind, FormKind::Add) || form_targets(f, id))
    {
        model.overlays.close_form();
    }
    effects
}

fn form_targets(form: &Form, id: Option<i64>) -> bool {
    match form.kind {
        FormKind::Edit { id: f } | FormKind::Score { id: f, .. } => Some(f) == id,
        FormKind::Add | FormKind::Retro(_) => false,
    }
}

/// Describes a write for the footer and the undo list.
pub fn describe(write: &Write, title: &str) -> String {
    match write {
        Write::Submit(Submission::Add(_)) => format!("Added “{title}”"),
        Write::Submit(Submission::Edit { .. }) => format!("Saved “{title}”"),
        Write::Submit(Submission::Rice(..) | Submission::Ice(..) | Submission::Wsjf(..)) => {
            format!("Scored “{title}”")
        }
        Write::SetStatus(_, status) => format!("“{title}” is now {status}"),
        Write::Delete(_) => format!("Deleted “{title}”"),
        Write::Revert { .. } => format!("Undid a change to “{title}”"),
    }
}

#[cfg(test)]
mod tests;
