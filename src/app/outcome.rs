//! What a screen or overlay hands back after a command, a key or a message:
//! effects for the runtime, a line for the footer, and at most one request
//! that only the app can carry out (open an overlay, ask a question, undo).
//! Screens never reach into each other; they ask through an `Outcome`.

use super::Notice;
use super::effect::Effect;
use super::form::Form;
use super::overlay::Question;

/// Something only the app can do for a screen.
#[derive(Debug)]
pub enum Request {
    /// Ask a yes/no question (an overlay).
    Ask(Question),
    /// Open a form (an overlay).
    OpenForm(Form),
    /// Open the status picker (an overlay).
    PickStatus(super::triage::status_picker::StatusPicker),
    /// Open the import dialog (an overlay).
    OpenImport,
    /// Close the import dialog.
    CloseImport,
    /// An import finished: close the dialog, and let `u` offer to undo it.
    Imported { batch: i64, what: String },
    /// Take back the last change.
    Undo,
    /// The Kano settings changed: the triage table's Kano column follows.
    ShareKanoCategories,
}

#[derive(Debug, Default)]
pub struct Outcome {
    pub effects: Vec<Effect>,
    pub notice: Option<Notice>,
    pub request: Option<Request>,
}

impl Outcome {
    pub fn none() -> Outcome {
        Outcome::default()
    }

    pub fn effects(effects: Vec<Effect>) -> Outcome {
        Outcome {
            effects,
            ..Outcome::default()
        }
    }

    pub fn effect(effect: Effect) -> Outcome {
        Outcome::effects(vec![effect])
    }

    pub fn request(request: Request) -> Outcome {
        Outcome {
            request: Some(request),
            ..Outcome::default()
        }
    }

    pub fn info(text: impl Into<String>) -> Outcome {
        Outcome::none().with_info(text)
    }

    pub fn with_info(mut self, text: impl Into<String>) -> Outcome {
        self.notice = Some(Notice::Info(text.into()));
        self
    }

    pub fn with_request(mut self, request: Request) -> Outcome {
        self.request = Some(request);
        self
    }
}
