//! Overlays: what sits on top of a screen and takes the keys while it is
//! open — a yes/no question, the status picker, the help, a form, the
//! import dialog. They
//! stack (a question about discarding a form sits on the form); the mode in
//! effect is the top overlay's, or the screen's when there is none.

use super::duplicates::MergePlan;
use super::form::Form;
use super::import::ImportFlow;
use super::retro::writes::RetroWrite;
use super::triage::status_picker::StatusPicker;
use crate::config::{HelpLine, Keymap, Mode};
use crate::domain::feedback::FeedbackDraft;
use crate::domain::text::{display_width, wrap_words};

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

/// The help overlay: how far it is scrolled (in rows of `help_rows`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HelpView {
    pub scroll: usize,
}

/// The help box's width in a terminal `width` columns wide: all of it on
/// narrow terminals (so no border sits beside another), otherwise a margin
/// each side, and at most 110.
pub fn help_box_width(width: u16) -> u16 {
    if width < 84 {
        width
    } else {
        (width - 4).min(110)
    }
}

/// The columns a help row's keys take: two spaces, the keys, and at least
/// one space, 20 in all for the usual keys.
pub fn help_keys_width(keys: &str) -> usize {
    2 + display_width(keys).max(17) + 1
}

/// The help's rows in a terminal `width` columns wide: the keymap's help
/// lines, each description wrapped at word boundaries under itself (the
/// rows that continue one have no keys).
pub fn help_rows(keymap: &Keymap, width: u16) -> Vec<HelpLine> {
    let inner = usize::from(help_box_width(width).saturating_sub(2));
    let mut rows = Vec::new();
    for line in keymap.help_lines() {
        let HelpLine::Binding { keys, desc } = line else {
            rows.push(line);
            continue;
        };
        let room = inner.saturating_sub(help_keys_width(&keys)).max(10);
        let mut parts = wrap_words(&desc, room).into_iter();
        rows.push(HelpLine::Binding {
            keys,
            desc: parts.next().unwrap_or_default(),
        });
        rows.extend(parts.map(|desc| HelpLine::Binding {
            keys: String::new(),
            desc,
        }));
    }
    rows
}

#[derive(Debug)]
pub enum Overlay {
    Question(Question),
    /// Its keys are its own (one per status), not a keymap's.
    StatusPicker(StatusPicker),
    Help(HelpView),
    Form(Form),
    Import(ImportFlow),
}

impl Overlay {
    pub fn mode(&self) -> Mode {
        match self {
            Overlay::Question(_) | Overlay::StatusPicker(_) => Mode::Confirm,
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
