//! Carries out the model's effects and reports each result back as an
//! action: writes through the service layer (which holds their rules),
//! reads straight from the store, long work through the background jobs.
//! None needs the terminal: the runtime opens the external editor itself
//! (see `dispatch`). An error becomes `Action::Failed` for the footer; the
//! data is unchanged, because each write is one transaction.

use super::import_job;
use super::jobs::Jobs;
use crate::app::form::Submission;
use crate::app::{self, Action, Effect, Write, describe};
use crate::domain::duplicates::ADD_WARNING_THRESHOLD;
use crate::domain::retro::record::CardOrigin;
use crate::domain::scoring::Rice;
use crate::interop::preview::preview_feedback;
use crate::service::feedback::Score;
use crate::service::{self, decisions, duplicates, feedback};
use crate::store::Store;
use chrono::{Local, Utc};
use color_eyre::eyre::Result;

pub(super) fn execute(effect: Effect, store: &mut Store, jobs: &mut Jobs) -> Result<Action> {
    Ok(match effect {
        Effect::Write { write, undoable } => match apply(store, &write) {
            Ok(change) => Action::Stored {
                what: describe(&write, change.title()),
                before: change.before,
                after: change.after,
                attachments: change.attachments,
                undoable,
            },
            Err(e) => Action::Failed(format!("Not saved: {e}")),
        },
        Effect::Arrange(job) => jobs.arrange(job),
        Effect::LoadDetail(id) => match store.get_feedback(id) {
            Ok(item) => Action::Triage(app::triage::Msg::DetailLoaded(item)),
            Err(e) => Action::Failed(e.to_string()),
        },
        Effect::LoadEvidence(id) => match store.evidence(id) {
            Ok(evidence) => Action::Triage(app::triage::Msg::EvidenceLoaded { id, evidence }),
            Err(e) => Action::Failed(e.to_string()),
        },
        Effect::FindSimilar(draft) => {
            match store.similar_items(&draft.title, &draft.description, ADD_WARNING_THRESHOLD, 3) {
                Ok(matches) => Action::SimilarFound { draft, matches },
                // The check is a courtesy: if it cannot run, the item is added.
                Err(_) => Action::SimilarFound {
                    draft,
                    matches: Vec::new(),
                },
            }
        }
        Effect::LoadOrigin(id) => match service::retro::retro_of_feedback(store, id) {
            Ok(origin) => Action::Triage(app::triage::Msg::OriginLoaded {
                id,
                origin: origin.map(|(retro_id, retro_title, card_id)| CardOrigin {
                    retro_id,
                    retro_title,
                    card_id,
                }),
            }),
            Err(e) => Action::Failed(e.to_string()),
        },
        Effect::LoadDecision(id) => match store.latest_decision(id) {
            Ok(decision) => Action::Triage(app::triage::Msg::DecisionLoaded { id, decision }),
            Err(e) => Action::Failed(e.to_string()),
        },
        Effect::PrepareDecision { id, title, status } => match store.team_names() {
            Ok(teams) => Action::DecisionAsked {
                id,
                title,
                status,
                teams,
            },
            Err(e) => Action::Failed(e.to_string()),
        },
        Effect::Decide { id, status, draft } => {
            match decisions::decide(store, id, status, draft, Utc::now()) {
                Ok(decided) => Action::Decided {
                    item: decided.after,
                    decision: decided.decision,
                },
                Err(e) => Action::Failed(format!("Not saved: {e}")),
            }
        }
        Effect::LoadForForm { id, kind } => match store.get_feedback(id) {
            Ok(item) => Action::FormLoaded { item, kind },
            Err(e) => Action::Failed(e.to_string()),
        },
        // The terminal loop opens the editor before it gets here; a front
        // end without a terminal has no editor to offer.
        Effect::OpenEditor(_) => {
            Action::EditorClosed(Err("no terminal here to open an editor in".into()))
        }
        Effect::LoadKano => match store.kano_responses() {
            Ok(features) => Action::Kano(app::kano::Msg::Loaded(features)),
            Err(e) => Action::Failed(e.to_string()),
        },
        Effect::LoadRows => match store.triage_rows().and_then(|rows| {
            let unlisted = store.nps_response_tally()?;
            Ok((rows, unlisted))
        }) {
            Ok((rows, unlisted)) => Action::Triage(app::triage::Msg::Loaded(rows, unlisted)),
            Err(e) => Action::Failed(format!("Cannot reload: {e}")),
        },
        Effect::LoadDuplicates { threshold } => match store.path() {
            // Searching 100,000 items takes a moment: in the background.
            Some(db) => match jobs.search_duplicates(db, threshold) {
                Ok(()) => Action::Duplicates(app::duplicates::Msg::Searching),
                Err(message) => Action::Failed(message),
            },
            None => match store.near_duplicates(threshold, &|| false) {
                Ok(found) => Action::Duplicates(app::duplicates::Msg::Loaded(found)),
                Err(e) => Action::Failed(e.to_string()),
            },
        },
        Effect::Merge { kept, absorbed } => match duplicates::merge(store, kept, absorbed) {
            Ok(kept) => Action::Merged { kept, absorbed },
            Err(e) => Action::Failed(format!("Not merged: {e}")),
        },
        Effect::Dismiss { first, second } => match duplicates::dismiss(store, first, second) {
            Ok(()) => Action::Duplicates(app::duplicates::Msg::Dismissed { first, second }),
            Err(e) => Action::Failed(format!("Not dismissed: {e}")),
        },
        Effect::ListDirectory { path } => Action::Import(app::import::Msg::Listed {
            names: import_job::list_directory(&path),
            path,
        }),
        Effect::PreviewImport { path, options } => Action::Import(app::import::Msg::Previewed(
            import_job::open_file(&path).and_then(|(file, _)| {
                preview_feedback(file, &options).map_err(|e| format!("{path}: {e}"))
            }),
        )),
        Effect::StartImport { path, options } => {
            let Some(db) = store.path() else {
                return Ok(Action::Import(app::import::Msg::Finished(Err(vec![
                    "this database is in memory; imports need a file".into(),
                ]))));
            };
            jobs.start_import(db, path, options)
        }
        Effect::CancelImport => jobs.cancel_import(),
        Effect::UndoImport(batch) => match service::import::undo_import(store, batch) {
            Ok(undone) => Action::ImportUndone(format!(
                "Undid import {batch} of {}: {} new items removed, {} updated reports put back",
                undone.file, undone.added, undone.updated
            )),
            Err(e) => Action::Failed(e.to_string()),
        },
        Effect::Retro(request) => super::retro::execute(request, store)?,
        // Off the input path when there is a file to read from.
        Effect::Dashboard(request) => match store.path() {
            Some(db) => match jobs.load_dashboard(db, request, Local::now().date_naive()) {
                Ok(()) => Action::Dashboard(app::dashboard::Msg::Reading),
                Err(message) => Action::Failed(message),
            },
            None => super::dashboard::execute(request, store, Local::now().date_naive()),
        },
        Effect::DashboardWrite(write) => {
            super::dashboard::write(write, store, Local::now().date_naive(), Utc::now())
        }
    })
}

/// Runs one write through the service.
fn apply(store: &mut Store, write: &Write) -> service::Result<feedback::Change> {
    match write {
        Write::Submit(Submission::Add(draft)) => {
            let item = feedback::add(store, draft.clone(), Rice::default())?;
            Ok(feedback::Change {
                after: Some(item),
                ..feedback::Change::default()
            })
        }
        Write::Submit(Submission::Edit {
            id,
            original,
            edited,
        }) => feedback::edit(store, *id, original, edited.clone()),
        Write::Submit(Submission::Rice(id, rice)) => {
            feedback::score(store, *id, Score::Rice(*rice))
        }
        Write::Submit(Submission::Ice(id, ice)) => feedback::score(store, *id, Score::Ice(*ice)),
        Write::Submit(Submission::Wsjf(id, wsjf)) => {
            feedback::score(store, *id, Score::Wsjf(*wsjf))
        }
        Write::SetStatus(id, status) => feedback::set_status(store, *id, *status),
        Write::Delete(id) => feedback::delete(store, *id),
        Write::Revert {
            id,
            expected,
            target,
            attachments,
        } => feedback::revert(
            store,
            *id,
            expected.as_ref(),
            target.as_ref(),
            attachments.as_ref(),
        ),
    }
}
