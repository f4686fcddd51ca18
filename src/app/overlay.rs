//! Overlays: what sits on top of a screen and takes the keys while it is
//! open — a yes/no question, the help, a form, the import dialog. They
//! stack (a question about discarding a form sits on the form); the mode in
//! effect is the top overlay's, or the screen's when there is none.

use super::duplicates::MergePlan;
use super::form::Form;
use super::import::ImportFlow;
use super::retro::writes::RetroWrite;
use crate::config::Mode;
use crate::domain::feedback::FeedbackDraft;

/// A question waiting for yes or no, and what yes does.
#[derive(Debug, Clone, PartialEq)]
pub enum Pending {
    Delete {
        id: i64,
        title: String,
    },
    Merge(MergePlan),
    Dismiss {
        first: i64,
        second: i64,
    },
    DiscardForm,
    QuitDiscardingForm,
    /// A change to a retro or an action item (deleting a card, moving on
    /// with hidden cards, lowering vote limits).
    Write(Box<RetroWrite>),
    /// Add the item although it looks like an existing one.
    AddAnyway(Box<FeedbackDraft>),
    /// Open an existing item instead of adding a new one.
    OpenItem(i64),
    /// Undo an import batch.
    UndoImport(i64),
    /// Keep offering to undo an import (the user said no for now).
    KeepImportUndo {
        batch: i64,
        what: String,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub text: String,
    pub on_yes: Pending,
    /// What no does, besides closing the question.
    pub on_no: Option<Pending>,
}

impl Question {
    pub fn new(text: impl Into<String>, on_yes: Pending) -> Question {
        Question {
            text: text.into(),
            on_yes,
            on_no: None,
        }
    }
}

/// The help overlay: how far it is scrolled.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HelpView {
    pub scroll: usize,
}

#[derive(Debug)]
pub enum Overlay {
    Question(Question),
    Help(HelpView),
    Form(Form),
    Import(ImportFlow),
}

impl Overlay {
    pub fn mode(&self) -> Mode {
        match self {
            Overlay::Question(_) => Mode::Confirm,
            Overlay::Help(_) => Mode::Help,
            Overlay::Form(_) => Mode::Form,
            Overlay::Import(_) => Mode::Import,
        }
    }
}

/// The overlays, bottom first.
#[derive(Debug, Default)]
pub struct Overlays {
    stack: Vec<Overlay>,
}

impl Overlays {
    pub fn top(&self) -> Option<&Overlay> {
        self.stack.last()
    }

    pub fn top_mut(&mut self) -> Option<&mut Overlay> {
        self.stack.last_mut()
    }

    pub fn push(&mut self, overlay: Overlay) {
        self.stack.push(overlay);
    }

    pub fn pop(&mut self) -> Option<Overlay> {
        self.stack.pop()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Overlay> {
        self.stack.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.stack.is_empty()
    }

    /// The open form, wherever it is in the stack.
    pub fn form(&self) -> Option<&Form> {
        self.stack.iter().find_map(|o| match o {
            Overlay::Form(f) => Some(f),
            _ => None,
        })
    }

    pub fn form_mut(&mut self) -> Option<&mut Form> {
        self.stack.iter_mut().find_map(|o| match o {
            Overlay::Form(f) => Some(f),
            _ => None,
        })
    }

    /// Closes the open form (and anything above it).
    pub fn close_form(&mut self) {
        if let Some(at) = self
            .stack
            .iter()
            .position(|o| matches!(o, Overlay::Form(_)))
        {
            self.stack.truncate(at);
        }
    }

    /// The import dialog, wherever it is in the stack.
    pub fn import(&self) -> Option<&ImportFlow> {
        self.stack.iter().find_map(|o| match o {
            Overlay::Import(f) => Some(f),
            _ => None,
        })
    }

    pub fn import_mut(&mut self) -> Option<&mut ImportFlow> {
        self.stack.iter_mut().find_map(|o| match o {
            Overlay::Import(f) => Some(f),
            _ => None,
        })
    }

    /// Closes the import dialog (and anything above it).
    pub fn close_import(&mut self) {
        if let Some(at) = self
            .stack
            .iter()
            .position(|o| matches!(o, Overlay::Import(_)))
        {
            self.stack.truncate(at);
        }
    }

    pub fn question(&self) -> Option<&Question> {
        match self.top() {
            Some(Overlay::Question(q)) => Some(q),
            _ => None,
        }
    }

    pub fn help(&self) -> Option<HelpView> {
        self.stack.iter().find_map(|o| match o {
            Overlay::Help(h) => Some(*h),
            _ => None,
        })
    }
}
