//! The import dialog's state, step by step: type a file path (`tab`
//! completes it from the directory's listing, `path_completion`); look at the
//! mapping of columns to fields and the first rows, and fix the mapping;
//! confirm; watch the progress; read the outcome. The file is read by the
//! runtime (previews and the import itself); this module only holds what
//! the dialog shows and turns keys into requests (`on_key`); the runtime's
//! answers arrive as `Msg`.

use super::effect::Effect;
use super::line_input::LineInput;
use super::outcome::{Outcome, Request};
use super::path_completion::{Completion, complete, split};
use super::triage::cycle;
use crate::config::{Command, Key};
use crate::domain::feedback::Source;
use crate::input::KeyCode;
use crate::interop::import::{Field, ImportOptions};
use crate::interop::preview::ImportPreview;

/// What the runtime reports about previews and the running import.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    Previewed(Result<ImportPreview, String>),
    Progress {
        done: u64,
        total: u64,
        rows: usize,
    },
    /// The import ended: what it did, or every problem found (nothing
    /// was written).
    Finished(Result<Imported, Vec<String>>),
    /// The names in the directory of the path being completed (directories
    /// end in `/`), or why it could not be read.
    Listed {
        path: String,
        names: Result<Vec<String>, String>,
    },
}

/// A finished import: its summary line and the batch it was recorded as
/// (which `u` can undo).
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub summary: String,
    pub batch: i64,
}

/// Where the dialog is.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportStep {
    /// Typing the path of the file.
    Path,
    /// Looking at how the file would be imported.
    Preview(ImportPreview),
    /// The import runs; `done` of `total` bytes read so far.
    Running { done: u64, total: u64, rows: usize },
    /// The import failed; nothing was written. One line per problem.
    Failed(Vec<String>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct ImportFlow {
    pub path: LineInput,
    pub options: ImportOptions,
    /// The options the preview on screen was made with; a mapping change
    /// the file refuses goes back to them.
    pub shown: ImportOptions,
    pub step: ImportStep,
    /// The column selected in the preview.
    pub column: usize,
    /// Why the path or the mapping was not accepted, for the dialog.
    pub error: Option<String>,
    /// The first problem line shown when the import failed (the list can
    /// be longer than the dialog).
    pub failure_scroll: usize,
    /// The names a `tab` that could add nothing listed.
    pub matches: Vec<String>,
}

impl ImportFlow {
    pub fn new() -> ImportFlow {
        ImportFlow {
            path: LineInput::default(),
            options: ImportOptions::default(),
            shown: ImportOptions::default(),
            step: ImportStep::Path,
            column: 0,
            error: None,
            failure_scroll: 0,
            matches: Vec::new(),
        }
    }

    /// Scrolls the list of problems of a failed import by `delta` lines,
    /// keeping at least its last line in view.
    pub fn scroll_failure(&mut self, delta: isize) {
        if let ImportStep::Failed(problems) = &self.step {
            let last = problems.len().saturating_sub(1);
            self.failure_scroll = self.failure_scroll.saturating_add_signed(delta).min(last);
        }
    }

    pub fn preview(&self) -> Option<&ImportPreview> {
        match &self.step {
            ImportStep::Preview(p) => Some(p),
            _ => None,
        }
    }

    pub fn is_running(&self) -> bool {
        matches!(self.step, ImportStep::Running { .. })
    }

    /// Shows a preview (the first, or one after a mapping change).
    pub fn show_preview(&mut self, preview: ImportPreview) {
        self.column = self.column.min(preview.columns.len().saturating_sub(1));
        self.step = ImportStep::Preview(preview);
        self.shown = self.options.clone();
        self.error = None;
    }

    /// A preview could not be made: a refused mapping change is taken back;
    /// otherwise the dialog returns to the path, with the reason.
    pub fn preview_failed(&mut self, message: String) {
        if matches!(self.step, ImportStep::Preview(_)) {
            self.options = self.shown.clone();
            self.error = Some(format!("{message} (the mapping was not changed)"));
        } else {
            self.step = ImportStep::Path;
            self.error = Some(message);
        }
    }

    /// The path changed: a mapping made for another file no longer applies.
    fn path_changed(&mut self) {
        self.matches.clear();
        self.options = ImportOptions::default();
        self.shown = ImportOptions::default();
        self.column = 0;
        self.error = None;
    }

    pub fn move_column(&mut self, delta: isize) {
        if let Some(preview) = self.preview() {
            let last = preview.columns.len().saturating_sub(1);
            self.column = self.column.saturating_add_signed(delta).min(last);
        }
    }

    /// Gives the selected column the next (or previous) field, "not
    /// imported" included; returns whether the mapping changed.
    pub fn cycle_field(&mut self, forward: bool) -> bool {
        let Some(column) = self.preview().and_then(|p| p.columns.get(self.column)) else {
            return false;
        };
        let choices: Vec<Option<Field>> = std::iter::once(None)
            .chain(Field::ALL.into_iter().map(Some))
            .collect();
        let at = choices.iter().position(|c| *c == column.field).unwrap_or(0);
        let n = choices.len();
        let next = if forward {
            (at + 1) % n
        } else {
            (at + n - 1) % n
        };
        let position = self.column;
        self.options.set_position(position, choices[next]);
        true
    }
}

impl ImportFlow {
    fn preview_again(&self) -> Outcome {
        Outcome::effect(Effect::PreviewImport {
            path: self.path.text().to_string(),
            options: self.options.clone(),
        })
    }

    /// Handles a key in the dialog (with the command the import keymap gives
    /// it, if any): typing the path, then working the preview.
    pub fn on_key(&mut self, command: Option<Command>, key: &Key) -> Outcome {
        match (&self.step, command) {
            (ImportStep::Running { .. }, Some(Command::Cancel)) => {
                Outcome::effect(Effect::CancelImport)
            }
            (ImportStep::Running { .. }, _) => Outcome::none(),
            (ImportStep::Path, _) if key.code == KeyCode::Tab => {
                Outcome::effect(Effect::ListDirectory {
                    path: self.path.text().to_string(),
                })
            }
            (ImportStep::Path, Some(Command::Cancel)) => Outcome::request(Request::CloseImport),
            (ImportStep::Path, Some(Command::Confirm)) => {
                if self.path.text().trim().is_empty() {
                    self.error = Some("Type the path of a CSV or JSON file".into());
                    return Outcome::none();
                }
                self.preview_again()
            }
            // Every other key edits the path: the arrows the preview uses
            // for fields move the cursor here.
            (ImportStep::Path, _) => {
                if self.path.handle_key(key) {
                    self.path_changed();
                }
                Outcome::none()
            }
            (ImportStep::Preview(_), Some(Command::Cancel)) => {
                self.step = ImportStep::Path;
                self.error = None;
                Outcome::none()
            }
            (ImportStep::Preview(_), Some(Command::Confirm)) => {
                self.step = ImportStep::Running {
                    done: 0,
                    total: 0,
                    rows: 0,
                };
                Outcome::effect(Effect::StartImport {
                    path: self.path.text().to_string(),
                    options: self.options.clone(),
                })
            }
            (ImportStep::Preview(_), Some(Command::CycleSourceFilter)) => {
                // Not a new preview: the source only fills rows that lack one.
                self.options.source = cycle(Source::ALL, self.options.source);
                self.shown.source = self.options.source;
                Outcome::none()
            }
            (ImportStep::Preview(_), Some(Command::MoveDown)) => {
                self.move_column(1);
                Outcome::none()
            }
            (ImportStep::Preview(_), Some(Command::MoveUp)) => {
                self.move_column(-1);
                Outcome::none()
            }
            (ImportStep::Preview(_), Some(c @ (Command::StepUp | Command::StepDown))) => {
                if self.cycle_field(c == Command::StepUp) {
                    self.preview_again()
                } else {
                    Outcome::none()
                }
            }
            (ImportStep::Failed(_), Some(Command::Cancel | Command::Confirm)) => {
                self.preview_again()
            }
            (ImportStep::Failed(_), Some(Command::MoveDown)) => {
                self.scroll_failure(1);
                Outcome::none()
            }
            (ImportStep::Failed(_), Some(Command::MoveUp)) => {
                self.scroll_failure(-1);
                Outcome::none()
            }
            _ => Outcome::none(),
        }
    }

    /// Pasted text goes into the path while it is typed.
    pub fn paste(&mut self, text: &str) {
        if self.step == ImportStep::Path && self.path.paste(text) {
            self.path_changed();
        }
    }

    pub fn on_msg(&mut self, msg: Msg) -> Outcome {
        match msg {
            Msg::Listed { path, names } => self.listed(&path, names),
            Msg::Previewed(Ok(preview)) => self.show_preview(preview),
            Msg::Previewed(Err(message)) => self.preview_failed(message),
            Msg::Progress { done, total, rows } => {
                if self.is_running() {
                    self.step = ImportStep::Running { done, total, rows };
                }
            }
            Msg::Finished(_) if !self.is_running() => {}
            Msg::Finished(Ok(Imported { summary, batch })) => {
                return Outcome::effect(Effect::LoadRows)
                    .with_info(summary.clone())
                    .with_request(Request::Imported {
                        batch,
                        what: summary,
                    });
            }
            Msg::Finished(Err(problems)) => {
                self.step = ImportStep::Failed(problems);
                self.failure_scroll = 0;
            }
        }
        Outcome::none()
    }
}

impl ImportFlow {
    /// A directory listing for `tab` arrived: complete the path, list the
    /// matches, or say why not (unless the path changed meanwhile).
    fn listed(&mut self, path: &str, names: Result<Vec<String>, String>) {
        if self.step != ImportStep::Path || self.path.text() != path {
            return;
        }
        let names = match names {
            Ok(names) => names,
            Err(message) => {
                self.error = Some(message);
                return;
            }
        };
        match complete(path, &names) {
            Completion::Completed(completed) => {
                if completed != path {
                    self.path = LineInput::new(&completed);
                    self.path_changed();
                }
            }
            Completion::Listed(matches) => {
                self.matches = matches;
                self.error = None;
            }
            Completion::NoMatch => {
                let (dir, start) = split(path);
                let dir = if dir.is_empty() { "./" } else { dir };
                self.error = Some(format!("No name in {dir} starts with “{start}”"));
            }
        }
    }
}

impl Default for ImportFlow {
    fn default() -> Self {
        ImportFlow::new()
    }
}

/// A two-column preview (Subject as the title, Votes not imported), for
/// tests of the dialog.
#[cfg(test)]
pub(crate) fn sample_preview() -> ImportPreview {
    use crate::interop::preview::PreviewColumn;
    ImportPreview {
        format: "CSV (comma)".into(),
        columns: vec![
            PreviewColumn {
                name: "Subject".into(),
                field: Some(Field::Title),
            },
            PreviewColumn {
                name: "Votes".into(),
                field: None,
            },
        ],
        rows: vec![],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycling_a_field_maps_the_column_and_wraps_through_not_imported() {
        let mut flow = ImportFlow::new();
        flow.show_preview(sample_preview());
        flow.move_column(1);
        assert!(flow.cycle_field(true));
        assert_eq!(flow.options.positions, vec![(1, Some(Field::Title))]);
        flow.move_column(-5);
        assert!(flow.cycle_field(false));
        assert_eq!(
            flow.options.positions,
            vec![(1, Some(Field::Title)), (0, None)]
        );
        // A refused change goes back to what the preview on screen shows.
        flow.preview_failed("no title or description column".into());
        assert!(flow.options.positions.is_empty());
        assert!(
            flow.error
                .as_deref()
                .unwrap()
                .ends_with("(the mapping was not changed)")
        );
        assert!(flow.preview().is_some());
        // Failing anywhere else returns to the path.
        flow.step = ImportStep::Failed(vec!["bad".into()]);
        flow.preview_failed("gone".into());
        assert_eq!(flow.step, ImportStep::Path);
        assert_eq!(flow.error.as_deref(), Some("gone"));
        // Editing the path forgets the mapping.
        flow.options.set_position(0, None);
        flow.step = ImportStep::Path;
        flow.on_key(None, &Key::char('x'));
        assert!(flow.options.positions.is_empty());
    }
}
