//! Carries out the model's effects against the store (and the terminal, for
//! the external editor) and reports each result back as an action. A store
//! error becomes `Action::Failed` for the footer; the data is unchanged,
//! because each write is one transaction.

use super::editor;
use super::import_job;
use super::jobs::Jobs;
use crate::app::form::Submission;
use crate::app::{Action, Effect, Write, describe};
use crate::domain::feedback::{Attachments, FeedbackItem};
use crate::domain::scoring::Rice;
use crate::interop::preview::preview_feedback;
use crate::store::{self, Store};
use chrono::Utc;
use color_eyre::eyre::Result;
use ratatui::DefaultTerminal;

pub(super) fn execute(
    effect: Effect,
    store: &mut Store,
    terminal: &mut DefaultTerminal,
    jobs: &mut Jobs,
) -> Result<Action> {
    Ok(match effect {
        Effect::Write { write, undoable } => match apply(store, &write) {
            Ok((before, after, attachments)) => {
                let title = after
                    .as_ref()
                    .or(before.as_ref())
                    .map_or("", |i| i.title.as_str());
                Action::Stored {
                    what: describe(&write, title),
                    before,
                    after,
                    attachments,
                    undoable,
                }
            }
            Err(e) => Action::Failed(format!("Not saved: {e}")),
        },
        Effect::LoadDetail(id) => match store.get_feedback(id) {
            Ok(item) => Action::DetailLoaded(item),
            Err(e) => Action::Failed(e.to_string()),
        },
        Effect::LoadEvidence(id) => match store.evidence(id) {
            Ok(evidence) => Action::EvidenceLoaded { id, evidence },
            Err(e) => Action::Failed(e.to_string()),
        },
        Effect::LoadForForm { id, kind } => match store.get_feedback(id) {
            Ok(item) => Action::FormLoaded { item, kind },
            Err(e) => Action::Failed(e.to_string()),
        },
        Effect::OpenEditor(text) => Action::EditorClosed(editor::edit(terminal, &text)?),
        Effect::LoadKano => match store.kano_responses() {
            Ok(features) => Action::KanoLoaded(features),
            Err(e) => Action::Failed(e.to_string()),
        },
        Effect::LoadRows => match store.triage_rows() {
            Ok(rows) => Action::Loaded(rows),
            Err(e) => Action::Failed(format!("Cannot reload: {e}")),
        },
        Effect::LoadDuplicates { threshold } => match store.path() {
            // Searching 100,000 items takes a moment: in the background.
            Some(db) => match jobs.search_duplicates(db, threshold) {
                Ok(()) => Action::DuplicatesSearching,
                Err(message) => Action::Failed(message),
            },
            None => match store.near_duplicates(threshold, &|| false) {
                Ok(found) => Action::DuplicatesLoaded(found),
                Err(e) => Action::Failed(e.to_string()),
            },
        },
        Effect::Merge { kept, absorbed } => match store.merge_items(kept, absorbed) {
            Ok(kept) => Action::Merged { kept, absorbed },
            Err(e) => Action::Failed(format!("Not merged: {e}")),
        },
        Effect::Dismiss { first, second } => match store.dismiss_pair(first, second) {
            Ok(()) => Action::Dismissed { first, second },
            Err(e) => Action::Failed(format!("Not dismissed: {e}")),
        },
        Effect::PreviewImport { path, options } => {
            Action::ImportPreviewed(import_job::open_file(&path).and_then(|(file, _)| {
                preview_feedback(file, &options).map_err(|e| format!("{path}: {e}"))
            }))
        }
        Effect::StartImport { path, options } => {
            let Some(db) = store.path() else {
                return Ok(Action::ImportFinished(Err(vec![
                    "this database is in memory; imports need a file".into(),
                ])));
            };
            jobs.start_import(db, path, options)
        }
        Effect::CancelImport => jobs.cancel_import(),
    })
}

/// The item before and after a write, and what a delete took along.
type BeforeAfter = (
    Option<FeedbackItem>,
    Option<FeedbackItem>,
    Option<Attachments>,
);

/// Runs one write; returns the item before and after it.
fn apply(store: &mut Store, write: &Write) -> store::Result<BeforeAfter> {
    let changed =
        |store: &mut Store, id: i64, before: FeedbackItem| -> store::Result<BeforeAfter> {
            Ok((Some(before), Some(store.get_feedback(id)?), None))
        };
    match write {
        Write::Submit(Submission::Add(draft)) => {
            let item = store.add_feedback(draft, Rice::default(), Utc::now())?;
            Ok((None, Some(item), None))
        }
        Write::Submit(Submission::Edit {
            id,
            original,
            edited,
        }) => {
            let before = store.update_draft(*id, original, edited)?;
            changed(store, *id, before)
        }
        Write::Submit(Submission::Rice(id, rice)) => {
            let before = store.set_rice(*id, *rice)?;
            changed(store, *id, before)
        }
        Write::Submit(Submission::Ice(id, ice)) => {
            let before = store.set_ice(*id, *ice)?;
            changed(store, *id, before)
        }
        Write::Submit(Submission::Wsjf(id, wsjf)) => {
            let before = store.set_wsjf(*id, *wsjf)?;
            changed(store, *id, before)
        }
        Write::SetStatus(id, status) => {
            let before = store.set_status(*id, *status)?;
            changed(store, *id, before)
        }
        Write::Delete(id) => {
            let (deleted, attachments) = store.delete_feedback(*id)?;
            Ok((Some(deleted), None, Some(attachments)))
        }
        Write::Revert {
            id,
            expected,
            target,
            attachments,
        } => {
            let replaced = store.revert_feedback(
                *id,
                expected.as_ref(),
                target.as_ref(),
                attachments.as_ref(),
            )?;
            Ok((replaced, target.clone(), None))
        }
    }
}
