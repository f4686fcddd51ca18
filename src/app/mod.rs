//! Everything the UI knows (`Model`), everything that can happen to it
//! (`Action`), and `update`, which applies an action to the model and returns
//! the `Effect`s (store writes, loads, the external editor) for the runtime
//! to carry out. `update` does no I/O, so tests drive it directly.
//!
//! Writes go out as effects; their results come back as `Action::Stored`, so
//! the table only changes once the database has. Undo keeps the item as it
//! was before each change and writes it back.

pub mod duplicates_view;
pub mod form;
pub mod import_flow;
pub mod kano_view;
pub mod triage_list;

use crate::config::{Command, Config, Key, Mode};
use crate::domain::duplicates::NearDuplicates;
use crate::domain::feedback::{Attachments, Evidence, FeedbackItem, Source, Status};
use crate::domain::kano::{Category, FeatureResponses};
use crate::domain::sentiment::Sentiment;
use crate::domain::triage::TriageRow;
use crate::interop::import::ImportOptions;
use crate::interop::preview::ImportPreview;
use duplicates_view::{DuplicatesView, MergePlan};
use form::{Form, FormKind, FormOutcome, Submission};
use import_flow::{ImportFlow, ImportStep};
use kano_view::KanoView;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use triage_list::TriageList;

/// How many changes `u` can take back.
pub const UNDO_DEPTH: usize = 100;

/// A question waiting for yes or no, and what yes does.
#[derive(Debug, Clone, PartialEq)]
pub enum Pending {
    Delete { id: i64, title: String },
    Merge(MergePlan),
    Dismiss { first: i64, second: i64 },
    DiscardForm,
    QuitDiscardingForm,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub text: String,
    pub on_yes: Pending,
}

/// A line for the footer.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    Info(String),
    Error(String),
}

/// One change that undo can take back: the item before it (none for an
/// add) and after it (none for a delete), so undo can check that nobody
/// changed it since.
#[derive(Debug, Clone, PartialEq)]
pub struct UndoEntry {
    pub id: i64,
    pub before: Option<FeedbackItem>,
    pub after: Option<FeedbackItem>,
    /// For a delete: the item's merged reports, survey answers and
    /// dismissed pairs, which undo puts back too.
    pub attachments: Option<Attachments>,
    pub what: String,
}

/// A write to carry out.
#[allow(clippy::large_enum_variant)] // made one per user action
#[derive(Debug, Clone, PartialEq)]
pub enum Write {
    Submit(Submission),
    SetStatus(i64, Status),
    Delete(i64),
    /// Undo: set item `id` back to `target` (`None` deletes it), provided
    /// it is still `expected`.
    Revert {
        id: i64,
        expected: Option<FeedbackItem>,
        target: Option<FeedbackItem>,
        attachments: Option<Attachments>,
    },
}

/// What the runtime must do for the model.
// Effects and actions are made one at a time, per key or result, so their
// size does not matter; boxing the items in them would only add noise.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Carry out a write; answer with `Action::Stored` or `Action::Failed`.
    Write { write: Write, undoable: bool },
    /// Load one item in full; answer with `Action::DetailLoaded`.
    LoadDetail(i64),
    /// Load the reports merged into an item; answer with `Action::EvidenceLoaded`.
    LoadEvidence(i64),
    /// Load an item to open the edit or score form; answer with `Action::FormLoaded`.
    LoadForForm { id: i64, kind: FormKind },
    /// Let the user edit text in `$EDITOR`; answer with `Action::EditorClosed`.
    OpenEditor(String),
    /// Read every feature's survey answers; answer with `Action::KanoLoaded`.
    LoadKano,
    /// Read every item again; answer with `Action::Loaded`.
    LoadRows,
    /// Look for near-duplicate pairs; answer with `Action::DuplicatesLoaded`.
    LoadDuplicates { threshold: f64 },
    /// Merge one item into another; answer with `Action::Merged`.
    Merge { kept: i64, absorbed: i64 },
    /// Remember that two items are not duplicates; answer with `Action::Dismissed`.
    Dismiss { first: i64, second: i64 },
    /// Read the start of a file; answer with `Action::ImportPreviewed`.
    PreviewImport {
        path: String,
        options: ImportOptions,
    },
    /// Start importing a file in the background; progress comes back as
    /// `Action::ImportProgress`, the end as `Action::ImportFinished`.
    StartImport {
        path: String,
        options: ImportOptions,
    },
    /// Stop the running import; nothing it read is written.
    CancelImport,
}

/// Everything that can happen.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Key(KeyEvent),
    Paste(String),
    /// The table's body now shows this many rows.
    Resize {
        table_rows: usize,
    },
    /// A click on the n-th visible row.
    ClickRow(usize),
    Scroll {
        down: bool,
    },
    /// All rows, freshly read (start-up or another process changed the file).
    Loaded(Vec<TriageRow>),
    DetailLoaded(FeedbackItem),
    EvidenceLoaded {
        id: i64,
        evidence: Vec<Evidence>,
    },
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
    /// Every surveyed feature's answers, freshly read.
    KanoLoaded(Vec<FeatureResponses>),
    /// A near-duplicate search started; its result comes as `DuplicatesLoaded`.
    DuplicatesSearching,
    DuplicatesLoaded(NearDuplicates),
    DuplicatesFailed(String),
    /// `absorbed` was merged into `kept` (shown as it is now).
    Merged {
        kept: FeedbackItem,
        absorbed: i64,
    },
    Dismissed {
        first: i64,
        second: i64,
    },
    ImportPreviewed(Result<ImportPreview, String>),
    ImportProgress {
        done: u64,
        total: u64,
        rows: usize,
    },
    /// The import ended: a summary line, or every problem found (nothing
    /// was written).
    ImportFinished(Result<String, Vec<String>>),
}

/// The screens, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Triage,
    Kano,
    Duplicates,
}

/// All UI state.
#[derive(Debug)]
pub struct Model {
    pub config: Config,
    pub screen: Screen,
    pub list: TriageList,
    pub kano: KanoView,
    pub duplicates: DuplicatesView,
    /// The import dialog, while open.
    pub import: Option<ImportFlow>,
    pub form: Option<Form>,
    pub question: Option<Question>,
    pub help: Option<usize>,
    pub filter_typing: bool,
    pub detail_open: bool,
    pub detail: Option<FeedbackItem>,
    /// The reports merged into the item in the detail pane.
    pub evidence: Vec<Evidence>,
    pub undo: Vec<UndoEntry>,
    pub notice: Option<Notice>,
    pub quit: bool,
    /// Where the database is, for the header.
    pub db_label: String,
}

impl Model {
    pub fn new(config: Config, rows: Vec<TriageRow>, db_label: String) -> Model {
        Model {
            kano: KanoView::new(config.kano),
            config,
            screen: Screen::Triage,
            list: TriageList::new(rows),
            duplicates: DuplicatesView::default(),
            import: None,
            form: None,
            question: None,
            help: None,
            filter_typing: false,
            detail_open: false,
            detail: None,
            evidence: Vec::new(),
            undo: Vec::new(),
            notice: None,
            quit: false,
            db_label,
        }
    }

    /// The mode whose keymap applies now.
    pub fn mode(&self) -> Mode {
        if self.question.is_some() {
            Mode::Confirm
        } else if self.help.is_some() {
            Mode::Help
        } else if self.form.is_some() {
            Mode::Form
        } else if self.import.is_some() {
            Mode::Import
        } else if self.screen == Screen::Kano {
            Mode::Kano
        } else if self.screen == Screen::Duplicates {
            Mode::Duplicates
        } else if self.filter_typing {
            Mode::Filter
        } else {
            Mode::Triage
        }
    }

    /// Gives the triage table the Kano categories under the current settings.
    fn share_kano_categories(&mut self) {
        let categories = self.kano.categories();
        self.list.set_kano_categories(categories);
    }

    fn ask(&mut self, text: String, on_yes: Pending) {
        self.question = Some(Question { text, on_yes });
    }

    fn info(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice::Info(text.into()));
    }

    fn detail_effect(&mut self) -> Vec<Effect> {
        match (self.detail_open, self.list.selected_id()) {
            (true, Some(id)) if self.detail.as_ref().is_none_or(|d| d.id != id) => {
                vec![Effect::LoadDetail(id)]
            }
            (true, None) => {
                self.detail = None;
                vec![]
            }
            _ => vec![],
        }
    }
}

/// Applies one action; returns what the runtime must do next.
pub fn update(model: &mut Model, action: Action) -> Vec<Effect> {
    match action {
        Action::Key(key) => on_key(model, key),
        Action::Paste(text) => {
            if let Some(form) = model.form.as_mut() {
                form.paste(&text);
            } else if let Some(flow) = model.import.as_mut()
                && flow.step == ImportStep::Path
            {
                flow.edit_path(|path| path.push_str(text.trim_end_matches(['\r', '\n'])));
            } else if model.filter_typing {
                let query = format!("{}{}", model.list.query(), text.replace(['\r', '\n'], " "));
                model.list.set_query(&query);
            }
            vec![]
        }
        Action::Resize { table_rows } => {
            model.list.set_page_size(table_rows);
            vec![]
        }
        Action::ClickRow(_) | Action::Scroll { .. }
            if matches!(model.mode(), Mode::Form | Mode::Confirm) =>
        {
            vec![]
        }
        Action::ClickRow(_) | Action::Scroll { .. } if model.import.is_some() => vec![],
        Action::ClickRow(position) if model.screen == Screen::Duplicates => {
            let delta = position as isize - model.duplicates.selected as isize;
            model.duplicates.move_by(delta);
            vec![]
        }
        Action::ClickRow(position) if model.screen == Screen::Kano => {
            model
                .kano
                .move_by(position as isize - model.kano.selected as isize);
            vec![]
        }
        Action::ClickRow(position) => {
            model.list.select_position(position);
            model.detail_effect()
        }
        Action::Scroll { down } => {
            if let Some(scroll) = model.help.as_mut() {
                *scroll = if down {
                    *scroll + 3
                } else {
                    scroll.saturating_sub(3)
                };
                return vec![];
            }
            if model.screen == Screen::Kano {
                model.kano.move_by(if down { 1 } else { -1 });
                return vec![];
            }
            if model.screen == Screen::Duplicates {
                model.duplicates.move_by(if down { 1 } else { -1 });
                return vec![];
            }
            model.list.move_by(if down { 3 } else { -3 });
            model.detail_effect()
        }
        Action::Loaded(rows) => {
            model.list.replace_rows(rows);
            model.detail = None;
            model.detail_effect()
        }
        Action::DetailLoaded(item) => {
            if model.list.selected_id() != Some(item.id) {
                return vec![];
            }
            let id = item.id;
            let merged = item.mentions > 1;
            model.detail = Some(item);
            model.evidence.clear();
            if merged {
                vec![Effect::LoadEvidence(id)]
            } else {
                vec![]
            }
        }
        Action::EvidenceLoaded { id, evidence } => {
            if model.detail.as_ref().is_some_and(|d| d.id == id) {
                model.evidence = evidence;
            }
            vec![]
        }
        Action::FormLoaded { item, kind } => {
            model.form = Some(match kind {
                FormKind::Score { model: m, .. } => Form::score(&item, m),
                _ => Form::edit(&item),
            });
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
        Action::KanoLoaded(features) => {
            model.kano.set_features(features);
            model.share_kano_categories();
            vec![]
        }
        Action::DuplicatesSearching => {
            model.duplicates.searching = true;
            vec![]
        }
        Action::DuplicatesFailed(message) => {
            model.duplicates.searching = false;
            model.notice = Some(Notice::Error(message));
            vec![]
        }
        Action::DuplicatesLoaded(found) => {
            model.duplicates.searching = false;
            model.duplicates.complete = found.complete;
            model.duplicates.set_pairs(found.pairs);
            vec![]
        }
        Action::Merged { kept, absorbed } => {
            model.info(format!(
                "Merged into “{}” ({} mentions)",
                kept.title, kept.mentions
            ));
            let kept_id = kept.id;
            model.list.remove(absorbed);
            model.list.upsert(TriageRow::from_item(kept));
            model.detail = None;
            model.evidence.clear();
            // Undo cannot bring a merged item back; drop what it would refuse.
            model
                .undo
                .retain(|entry| entry.id != absorbed && entry.id != kept_id);
            // Pairs with the merged-away item are gone at once; the search
            // that follows finds any new ones.
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
        Action::Dismissed { first, second } => {
            model
                .duplicates
                .drop_pairs(|p| (p.first.id, p.second.id) == (first, second));
            model.info("Dismissed: the pair will not be listed again");
            vec![]
        }
        Action::ImportPreviewed(result) => {
            if let Some(flow) = model.import.as_mut() {
                match result {
                    Ok(preview) => flow.show_preview(preview),
                    Err(message) => flow.preview_failed(message),
                }
            }
            vec![]
        }
        Action::ImportProgress { done, total, rows } => {
            if let Some(flow) = model.import.as_mut()
                && flow.is_running()
            {
                flow.step = ImportStep::Running { done, total, rows };
            }
            vec![]
        }
        Action::ImportFinished(_) if !model.import.as_ref().is_some_and(ImportFlow::is_running) => {
            vec![]
        }
        Action::ImportFinished(result) => match result {
            Ok(summary) => {
                model.import = None;
                model.info(summary);
                vec![Effect::LoadRows]
            }
            Err(problems) => {
                if let Some(flow) = model.import.as_mut() {
                    flow.step = ImportStep::Failed(problems);
                    flow.failure_scroll = 0;
                }
                vec![]
            }
        },
        Action::EditorClosed(result) => {
            match (result, model.form.as_mut()) {
                (Ok(text), Some(form)) => form.set_multiline_text(&text),
                (Err(message), _) => model.notice = Some(Notice::Error(message)),
                _ => {}
            }
            vec![]
        }
    }
}

fn on_key(model: &mut Model, key: KeyEvent) -> Vec<Effect> {
    model.notice = None;
    let mode = model.mode();
    let command = model.config.keymap.resolve(mode, Key::from_event(&key));
    let ctrl_c = key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl_c {
        return on_command(model, Mode::Triage, Command::Quit);
    }
    match mode {
        Mode::Form => on_form_key(model, command, key),
        Mode::Import => on_import_key(model, command, key),
        Mode::Filter => match command {
            Some(c) => on_command(model, mode, c),
            None => {
                let mut query = model.list.query().to_string();
                match key.code {
                    KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                        query.push(c)
                    }
                    KeyCode::Backspace => {
                        query.pop();
                    }
                    _ => return vec![],
                }
                model.list.set_query(&query);
                model.detail_effect()
            }
        },
        _ => match command {
            Some(c) => on_command(model, mode, c),
            None => vec![],
        },
    }
}

fn on_form_key(model: &mut Model, command: Option<Command>, key: KeyEvent) -> Vec<Effect> {
    let Some(form) = model.form.as_mut() else {
        return vec![];
    };
    match form.handle_key(command, key) {
        FormOutcome::Continue => vec![],
        FormOutcome::Cancel => {
            if form.dirty {
                model.ask("Discard your changes? (y/n)".into(), Pending::DiscardForm);
            } else {
                model.form = None;
            }
            vec![]
        }
        FormOutcome::OpenEditor => vec![Effect::OpenEditor(form.multiline_text())],
        FormOutcome::Submit => match form.submission() {
            Ok(submission) => vec![Effect::Write {
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

fn cycle<T: Copy + PartialEq>(all: &[T], current: Option<T>) -> Option<T> {
    match current {
        None => all.first().copied(),
        Some(c) => {
            let i = all.iter().position(|x| *x == c).unwrap_or(all.len());
            all.get(i + 1).copied()
        }
    }
}

fn on_command(model: &mut Model, mode: Mode, command: Command) -> Vec<Effect> {
    match (mode, command) {
        (Mode::Confirm, Command::Confirm) => return on_yes(model),
        (Mode::Confirm, Command::Cancel) => {
            model.question = None;
            return vec![];
        }
        (Mode::Help, Command::MoveDown) => {
            scroll_help(model, 1);
            return vec![];
        }
        (Mode::Help, Command::MoveUp) => {
            scroll_help(model, -1);
            return vec![];
        }
        (Mode::Help, Command::Back) => {
            model.help = None;
            return vec![];
        }
        (Mode::Filter, Command::Confirm) => {
            model.filter_typing = false;
            return vec![];
        }
        (Mode::Filter, Command::Cancel) => {
            model.filter_typing = false;
            model.list.set_query("");
            return model.detail_effect();
        }
        (Mode::Kano, _) => {
            if let Some(effects) = on_kano_command(model, command) {
                return effects;
            }
        }
        (Mode::Duplicates, _) => {
            if let Some(effects) = on_duplicates_command(model, command) {
                return effects;
            }
        }
        _ => {}
    }
    let selected = model
        .list
        .selected_row()
        .map(|r| (r.id, r.title.clone(), r.status));
    match command {
        Command::Quit => {
            if model.form.as_ref().is_some_and(|f| f.dirty) {
                model.ask(
                    "Quit and lose the text in the form? (y/n)".into(),
                    Pending::QuitDiscardingForm,
                );
            } else {
                model.quit = true;
            }
            vec![]
        }
        Command::Help => {
            model.help = Some(0);
            vec![]
        }
        Command::MoveDown => move_and_load(model, |l| l.move_by(1)),
        Command::MoveUp => move_and_load(model, |l| l.move_by(-1)),
        Command::PageDown => move_and_load(model, |l| l.page(true)),
        Command::PageUp => move_and_load(model, |l| l.page(false)),
        Command::Top => move_and_load(model, TriageList::top),
        Command::Bottom => move_and_load(model, TriageList::bottom),
        Command::Filter => {
            model.filter_typing = true;
            vec![]
        }
        Command::Open => {
            model.detail_open = !model.detail_open;
            model.detail_effect()
        }
        Command::Back => {
            if model.detail_open {
                model.detail_open = false;
            } else if model.list.is_filtered() {
                model.list.set_query("");
                model.list.set_status_filter(None);
                model.list.set_source_filter(None);
                model.list.set_kano_filter(None);
                model.list.set_sentiment_filter(None);
                model.info("Filters cleared");
            }
            vec![]
        }
        Command::Add => {
            model.form = Some(Form::add());
            vec![]
        }
        Command::Edit => match selected {
            Some((id, ..)) => vec![Effect::LoadForForm {
                id,
                kind: FormKind::Edit { id },
            }],
            None => vec![],
        },
        Command::Score => match selected {
            Some((id, ..)) => vec![Effect::LoadForForm {
                id,
                kind: FormKind::Score {
                    id,
                    model: model.list.model(),
                },
            }],
            None => vec![],
        },
        Command::CycleModel => {
            let next = model.list.model().next();
            model.list.set_model(next);
            model.info(format!("Scoring with {}", next.label()));
            vec![]
        }
        Command::CycleSort => {
            model.list.set_sort(model.list.sort().next(), false);
            model.detail_effect()
        }
        Command::ReverseSort => {
            model
                .list
                .set_sort(model.list.sort(), !model.list.reversed());
            model.detail_effect()
        }
        Command::NextStatus | Command::PreviousStatus => match selected {
            Some((id, _, status)) => {
                let next = if command == Command::NextStatus {
                    status.next()
                } else {
                    status.previous()
                };
                vec![Effect::Write {
                    write: Write::SetStatus(id, next),
                    undoable: true,
                }]
            }
            None => vec![],
        },
        Command::CycleStatusFilter => {
            let next = cycle(Status::ALL, model.list.status_filter());
            model.list.set_status_filter(next);
            model.detail_effect()
        }
        Command::CycleKanoFilter => {
            let next = cycle(&Category::PRIORITY, model.list.kano_filter());
            model.list.set_kano_filter(next);
            model.detail_effect()
        }
        Command::ShowKano => {
            model.screen = Screen::Kano;
            vec![Effect::LoadKano]
        }
        Command::ShowDuplicates => {
            model.screen = Screen::Duplicates;
            vec![Effect::LoadDuplicates {
                threshold: model.duplicates.threshold,
            }]
        }
        Command::CycleSentimentFilter => {
            let next = cycle(Sentiment::ALL, model.list.sentiment_filter());
            model.list.set_sentiment_filter(next);
            model.detail_effect()
        }
        Command::Import => {
            model.import = Some(ImportFlow::new());
            vec![]
        }
        Command::ShowTriage => {
            model.screen = Screen::Triage;
            model.detail_effect()
        }
        Command::CycleSourceFilter => {
            let next = cycle(Source::ALL, model.list.source_filter());
            model.list.set_source_filter(next);
            model.detail_effect()
        }
        Command::Delete => {
            if let Some((id, title, _)) = selected {
                model.ask(
                    format!("Delete “{title}”? (y/n)"),
                    Pending::Delete { id, title },
                );
            }
            vec![]
        }
        Command::Undo => match model.undo.pop() {
            Some(entry) => {
                let write = Write::Revert {
                    id: entry.id,
                    expected: entry.after,
                    target: entry.before,
                    attachments: entry.attachments,
                };
                model.info(format!("Undid: {}", entry.what));
                vec![Effect::Write {
                    write,
                    undoable: false,
                }]
            }
            None => {
                model.info("Nothing to undo");
                vec![]
            }
        },
        _ => vec![],
    }
}

/// Commands that mean something else on the Kano screen; `None` leaves the
/// command to the shared handling (help, quit, screens).
fn on_kano_command(model: &mut Model, command: Command) -> Option<Vec<Effect>> {
    let kano = &mut model.kano;
    match command {
        Command::MoveDown => kano.move_by(1),
        Command::MoveUp => kano.move_by(-1),
        Command::Top => kano.top(),
        Command::Bottom => kano.bottom(),
        Command::CycleSort => kano.cycle_sort(),
        Command::WidenTieWindow | Command::NarrowTieWindow => {
            kano.step_tie_window(command == Command::WidenTieWindow);
            let window = kano.settings.tie_window;
            model.share_kano_categories();
            model.info(format!("Tie window: {window:.0} percentage points"));
        }
        Command::ToggleEvaluationTable => {
            kano.toggle_table();
            let table = kano.settings.table;
            model.share_kano_categories();
            model.info(format!("Evaluation table: {}", table.name()));
        }
        _ => return None,
    }
    Some(vec![])
}

/// Commands that mean something else on the duplicates screen; `None`
/// leaves the command to the shared handling (help, quit, screens).
fn on_duplicates_command(model: &mut Model, command: Command) -> Option<Vec<Effect>> {
    let view = &mut model.duplicates;
    match command {
        Command::MoveDown => view.move_by(1),
        Command::MoveUp => view.move_by(-1),
        Command::Top => view.top(),
        Command::Bottom => view.bottom(),
        Command::SwapKept => view.keep_second = !view.keep_second,
        Command::RaiseThreshold | Command::LowerThreshold => {
            view.step_threshold(command == Command::RaiseThreshold);
            let threshold = view.threshold;
            model.info(format!("Similarity threshold: {:.0}%", threshold * 100.0));
            return Some(vec![Effect::LoadDuplicates { threshold }]);
        }
        Command::Merge => {
            if let Some(plan) = view.merge_plan() {
                let text = format!(
                    "Merge “{}” into “{}”? Its mentions, sources, text and tags are kept; \
                     this cannot be undone. (y/n)",
                    plan.absorbed_title, plan.kept_title
                );
                model.ask(text, Pending::Merge(plan));
            }
        }
        Command::Dismiss => {
            if let Some(pair) = view.selected_pair() {
                let (first, second) = (pair.first.id, pair.second.id);
                let text = format!(
                    "“{}” and “{}” are not duplicates: never list them again? (y/n)",
                    pair.first.title, pair.second.title
                );
                model.ask(text, Pending::Dismiss { first, second });
            }
        }
        _ => return None,
    }
    Some(vec![])
}

/// Keys in the import dialog: typing the path, then working the preview.
fn on_import_key(model: &mut Model, command: Option<Command>, key: KeyEvent) -> Vec<Effect> {
    let Some(flow) = model.import.as_mut() else {
        return vec![];
    };
    let preview_again = |flow: &ImportFlow| {
        vec![Effect::PreviewImport {
            path: flow.path.clone(),
            options: flow.options.clone(),
        }]
    };
    match (&flow.step, command) {
        (ImportStep::Running { .. }, Some(Command::Cancel)) => vec![Effect::CancelImport],
        (ImportStep::Running { .. }, _) => vec![],
        (ImportStep::Path, Some(Command::Cancel)) => {
            model.import = None;
            vec![]
        }
        (ImportStep::Path, Some(Command::Confirm)) => {
            if flow.path.trim().is_empty() {
                flow.error = Some("Type the path of a CSV or JSON file".into());
                return vec![];
            }
            preview_again(flow)
        }
        (ImportStep::Path, Some(_)) => vec![],
        (ImportStep::Path, None) => {
            match key.code {
                KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                    flow.edit_path(|path| path.push(c))
                }
                KeyCode::Backspace => flow.edit_path(|path| {
                    path.pop();
                }),
                _ => {}
            }
            vec![]
        }
        (ImportStep::Preview(_), Some(Command::Cancel)) => {
            flow.step = ImportStep::Path;
            flow.error = None;
            vec![]
        }
        (ImportStep::Preview(_), Some(Command::Confirm)) => {
            flow.step = ImportStep::Running {
                done: 0,
                total: 0,
                rows: 0,
            };
            vec![Effect::StartImport {
                path: flow.path.clone(),
                options: flow.options.clone(),
            }]
        }
        (ImportStep::Preview(_), Some(Command::CycleSourceFilter)) => {
            // Not a new preview: the source only fills rows that lack one.
            flow.options.source = cycle(Source::ALL, flow.options.source);
            flow.shown.source = flow.options.source;
            vec![]
        }
        (ImportStep::Preview(_), Some(Command::MoveDown)) => {
            flow.move_column(1);
            vec![]
        }
        (ImportStep::Preview(_), Some(Command::MoveUp)) => {
            flow.move_column(-1);
            vec![]
        }
        (ImportStep::Preview(_), Some(c @ (Command::StepUp | Command::StepDown))) => {
            if flow.cycle_field(c == Command::StepUp) {
                preview_again(flow)
            } else {
                vec![]
            }
        }
        (ImportStep::Failed(_), Some(Command::Cancel | Command::Confirm)) => preview_again(flow),
        (ImportStep::Failed(_), Some(Command::MoveDown)) => {
            flow.scroll_failure(1);
            vec![]
        }
        (ImportStep::Failed(_), Some(Command::MoveUp)) => {
            flow.scroll_failure(-1);
            vec![]
        }
        _ => vec![],
    }
}

/// Scrolls the help, stopping when its last line shows (the help shows
/// about as many lines as the table does).
fn scroll_help(model: &mut Model, delta: isize) {
    let lines = model.config.keymap.help_lines().len();
    let last = lines.saturating_sub(model.list.page_size());
    if let Some(scroll) = model.help.as_mut() {
        *scroll = scroll.saturating_add_signed(delta).min(last);
    }
}

fn move_and_load(model: &mut Model, step: impl FnOnce(&mut TriageList)) -> Vec<Effect> {
    step(&mut model.list);
    model.detail_effect()
}

fn on_yes(model: &mut Model) -> Vec<Effect> {
    let Some(question) = model.question.take() else {
        return vec![];
    };
    match question.on_yes {
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
            model.form = None;
            vec![]
        }
        Pending::QuitDiscardingForm => {
            model.quit = true;
            vec![]
        }
    }
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
    match &after {
        Some(item) => model.list.upsert(TriageRow::from_item(item.clone())),
        None => {
            if let Some(id) = id {
                model.list.remove(id);
            }
        }
    }
    if model.detail.as_ref().map(|d| d.id) == id {
        model.detail = after.clone();
    }
    if undoable && let Some(id) = id {
        model.undo.push(UndoEntry {
            id,
            before,
            after: after.clone(),
            attachments,
            what: what.clone(),
        });
        if model.undo.len() > UNDO_DEPTH {
            model.undo.remove(0);
        }
        let undo_key = model.config.keymap.keys_for(Mode::Triage, Command::Undo);
        model.info(format!("{what} — {undo_key} to undo"));
    }
    if model
        .form
        .as_ref()
        .is_some_and(|f| matches!(f.kind, FormKind::Add) || form_targets(f, id))
    {
        model.form = None;
    }
    model.detail_effect()
}

fn form_targets(form: &Form, id: Option<i64>) -> bool {
    match form.kind {
        FormKind::Edit { id: f } | FormKind::Score { id: f, .. } => Some(f) == id,
        FormKind::Add => false,
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
