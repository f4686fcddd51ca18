//! What the runtime must do for the model: every store read and write, the
//! background jobs and the external editor. Each variant says which
//! `Action` answers it, so a reader can follow a key press from `update`
//! to the store and back.

use super::dashboard::DashboardRequest;
use super::dashboard_forms::DashboardWrite;
use super::form::{FormKind, Submission};
use super::retro::RetroRequest;
use super::triage::list::ArrangeJob;
use crate::domain::decision::DecisionDraft;
use crate::domain::feedback::Attachments;
use crate::domain::feedback::{FeedbackDraft, FeedbackItem, Status};
use crate::interop::import::ImportOptions;

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
// Effects are made one at a time, per key or result, so their size does
// not matter; boxing the items in them would only add noise.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Carry out a write; answer with `Action::Stored` or `Action::Failed`.
    Write { write: Write, undoable: bool },
    /// Load one item in full; answer with `triage::Msg::DetailLoaded`.
    LoadDetail(i64),
    /// Compute a large table's new order and filters off the input path;
    /// answer with `triage::Msg::Arranging` at once and
    /// `triage::Msg::Arranged` when done (never when it was overtaken).
    Arrange(ArrangeJob),
    /// Load the reports merged into an item; answer with
    /// `triage::Msg::EvidenceLoaded`.
    LoadEvidence(i64),
    /// Find the retro card an item was promoted from; answer with
    /// `triage::Msg::OriginLoaded`.
    LoadOrigin(i64),
    /// Look for stored items like a new one before adding it; answer with
    /// `Action::SimilarFound`.
    FindSimilar(FeedbackDraft),
    /// Load the latest decision about an item; answer with
    /// `triage::Msg::DecisionLoaded`.
    LoadDecision(i64),
    /// Read the teams for the form that asks who decided to move item
    /// `id` to `status`; answer with `Action::DecisionAsked`.
    PrepareDecision {
        id: i64,
        title: String,
        status: Status,
    },
    /// Move item `id` to `status` and record the decision, in one write;
    /// answer with `Action::Decided` or `Action::Failed`.
    Decide {
        id: i64,
        status: Status,
        draft: DecisionDraft,
    },
    /// Load an item to open the edit or score form; answer with `Action::FormLoaded`.
    LoadForForm { id: i64, kind: FormKind },
    /// Let the user edit text in `$EDITOR`; answer with `Action::EditorClosed`.
    /// The only effect that needs the terminal.
    OpenEditor(String),
    /// Read every feature's survey answers; answer with `kano::Msg::Loaded`.
    LoadKano,
    /// Read every item again; answer with `triage::Msg::Loaded`.
    LoadRows,
    /// Look for near-duplicate pairs; answer with `duplicates::Msg::Searching`
    /// then `duplicates::Msg::Loaded` (or `Failed`).
    LoadDuplicates { threshold: f64 },
    /// Merge one item into another; answer with `Action::Merged`.
    Merge { kept: i64, absorbed: i64 },
    /// Remember that two items are not duplicates; answer with
    /// `duplicates::Msg::Dismissed`.
    Dismiss { first: i64, second: i64 },
    /// List the directory of a path being typed, for `tab`; answer with
    /// `import::Msg::Listed`.
    ListDirectory { path: String },
    /// Read the start of a file; answer with `import::Msg::Previewed`.
    PreviewImport {
        path: String,
        options: ImportOptions,
    },
    /// Start importing a file in the background; progress comes back as
    /// `import::Msg::Progress`, the end as `import::Msg::Finished`.
    StartImport {
        path: String,
        options: ImportOptions,
    },
    /// Stop the running import; nothing it read is written.
    CancelImport,
    /// Undo an import batch; answer with `Action::ImportUndone` or
    /// `Action::Failed` (naming what stands in the way).
    UndoImport(i64),
    /// Read or change a retro or action items (see `RetroRequest` for the
    /// answers).
    Retro(RetroRequest),
    /// Read the teams and build the dashboard of one; answer with
    /// `dashboard::Msg::Loaded`.
    Dashboard(DashboardRequest),
    /// Save a dashboard form (a KPI, a check-in, a role); answer with
    /// `dashboard::Msg::Written` or `dashboard::Msg::Refused`.
    DashboardWrite(DashboardWrite),
}
