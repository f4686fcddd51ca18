//! Carries out the retro screen's and the actions screen's requests: every
//! read through the store, every write through `service::retro` and
//! `service::actions` (one transaction each), then reads the retro back so
//! the board shows what is stored. A refused write becomes `Action::Failed`
//! with the service's message, and nothing changed.

use crate::app::retro::writes::{ExportFormat, RetroWrite, Written};
use crate::app::retro::{Msg, RetroRequest};
use crate::app::{Action, action_items};
use crate::config::templates::{find_template, load_templates, user_templates_dir};
use crate::interop::files::{describe_write_error, write_atomically};
use crate::interop::retro::{RetroFormat, write_retro};
use crate::service::actions::{self, ActionChanges, NewAction};
use crate::service::retro::{self, NewRetro};
use crate::service::{Error, Result as ServiceResult};
use crate::store::{ActionFilter, Store};
use chrono::{DateTime, Utc};
use std::path::PathBuf;

pub(crate) fn execute(
    request: RetroRequest,
    store: &mut Store,
) -> color_eyre::eyre::Result<Action> {
    let failed = |e: Error| Action::Failed(e.to_string());
    Ok(match request {
        RetroRequest::LoadTemplates => Action::Retro(Msg::Templates(
            load_templates(user_templates_dir().as_deref()).map_err(|e| e.to_string()),
        )),
        RetroRequest::LoadList => match retro::list_retros(store, None) {
            Ok(list) => Action::Retro(Msg::List(list)),
            Err(e) => failed(e),
        },
        RetroRequest::Load(id) => match retro::load_retro(store, id) {
            Ok(board) => Action::Retro(Msg::Loaded(Box::new(board))),
            Err(e) => failed(e),
        },
        RetroRequest::LoadActions => match actions::list_actions(store, &ActionFilter::default()) {
            Ok(items) => Action::ActionItems(action_items::Msg::Loaded(items)),
            Err(e) => failed(e),
        },
        RetroRequest::Write(RetroWrite::Export {
            path,
            replace: false,
            retro_id,
            format,
        }) if expand_home(&path).exists() => Action::Retro(Msg::FileExists {
            path: expand_home(&path).display().to_string(),
            write: Box::new(RetroWrite::Export {
                retro_id,
                format,
                path,
                replace: false,
            }),
        }),
        RetroRequest::Write(write) => match apply(store, &write, Utc::now()) {
            Ok(written) => {
                let retro_id = match (&write, &written) {
                    (_, Written::ActionOf(id)) => Some(*id),
                    _ => write.retro_id(),
                };
                let board = retro_id
                    .and_then(|id| retro::load_retro(store, id).ok())
                    .map(Box::new);
                Action::Retro(Msg::Written {
                    write: Box::new(write),
                    written,
                    board,
                })
            }
            Err(e) => Action::Failed(format!("Not saved: {e}")),
        },
    })
}

/// `~/` at the start of a path is the home folder.
fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(path),
    }
}

/// Carries out one write; returns what undo or the footer needs.
fn apply(store: &mut Store, write: &RetroWrite, now: DateTime<Utc>) -> ServiceResult<Written> {
    use RetroWrite::*;
    Ok(match write {
        CreateRetro(draft) => {
            let templates = load_templates(user_templates_dir().as_deref())
                .map_err(|e| Error::Invalid(e.to_string()))?;
            let template = find_template(&templates, &draft.template).map_err(Error::Invalid)?;
            let new = NewRetro {
                team: draft.team.clone(),
                title: draft.title.clone(),
                date: draft.date,
                facilitator: draft.facilitator.clone(),
                participants: draft.participants.clone(),
                settings: draft.settings,
            };
            Written::Created(retro::create_retro(store, template, new, now)?)
        }
        AddCard {
            retro_id,
            column,
            text,
            author,
        } => Written::Created(
            retro::add_card_at(store, *retro_id, *column, text, author.as_deref(), now)?.id,
        ),
        EditCard {
            retro_id,
            card_id,
            text,
        } => Written::CardBefore(Box::new(retro::edit_card(
            store, *retro_id, *card_id, text,
        )?)),
        MoveCard {
            retro_id,
            card_id,
            column,
        } => Written::CardBefore(Box::new(retro::move_card(
            store, *retro_id, *card_id, *column,
        )?)),
        DeleteCard { retro_id, card_id } => {
            Written::CardDeleted(Box::new(retro::delete_card(store, *retro_id, *card_id)?))
        }
        RestoreCard { retro_id, deleted } => {
            retro::restore_card(store, *retro_id, deleted)?;
            Written::Nothing
        }
        Group {
            retro_id,
            card_ids,
            title,
        } => Written::Regrouped(retro::group_cards(store, *retro_id, card_ids, title)?.moved),
        SetGroup {
            retro_id,
            card_id,
            group_id,
        } => Written::Regrouped(vec![retro::set_card_group(
            store, *retro_id, *card_id, *group_id,
        )?]),
        UndoRegroup { retro_id, moves } => {
            retro::undo_regroup(store, *retro_id, moves)?;
            Written::Nothing
        }
        RenameGroup {
            retro_id,
            group_id,
            title,
        } => {
            retro::rename_group(store, *retro_id, *group_id, title)?;
            Written::Nothing
        }
        Reveal { retro_id, column } => Written::Revealed(retro::reveal(store, *retro_id, *column)?),
        Vote {
            retro_id,
            card_id,
            participant,
        } => Written::Vote(retro::vote(store, *retro_id, *card_id, participant)?),
        Unvote {
            retro_id,
            card_id,
            participant,
        } => Written::Vote(retro::unvote(store, *retro_id, *card_id, participant)?),
        RemoveVote { retro_id, vote_id } => {
            retro::remove_vote(store, *retro_id, *vote_id)?;
            Written::Nothing
        }
        RestoreVote { retro_id, vote } => {
            retro::restore_vote(store, *retro_id, vote)?;
            Written::Nothing
        }
        SetPhase { retro_id, phase } => {
            retro::set_phase(store, *retro_id, *phase)?;
            Written::Nothing
        }
        ChangeLimits {
            retro_id,
            votes_per_person,
            max_votes_per_card,
        } => Written::VotesRemoved(
            retro::change_limits(store, *retro_id, *votes_per_person, *max_votes_per_card)?.len(),
        ),
        AddParticipant { retro_id, name } => {
            retro::add_participant(store, *retro_id, name)?;
            Written::Nothing
        }
        SetFlag { retro_id, flag, on } => {
            retro::set_setting(store, *retro_id, *flag, *on)?;
            Written::Nothing
        }
        SaveTimer {
            retro_id,
            topic,
            timer,
        } => {
            retro::save_timer(store, *retro_id, *topic, timer, now)?;
            Written::Nothing
        }
        SetRoti {
            retro_id,
            participant,
            rating,
        } => {
            retro::set_roti(store, *retro_id, participant, *rating)?;
            Written::Nothing
        }
        Review {
            retro_id,
            action_id,
            status,
        } => {
            retro::review_action(store, *retro_id, *action_id, *status, now)?;
            Written::Nothing
        }
        Promote { retro_id, card_id } => {
            Written::Promoted(retro::promote_card(store, *retro_id, *card_id, now)?)
        }
        AddAction {
            retro_id,
            card_id,
            group_id,
            action,
        } => {
            let new = NewAction {
                retro_id: *retro_id,
                title: action.title.clone(),
                owner: action.owner.clone(),
                due: action.due,
                card_id: *card_id,
                group_id: *group_id,
            };
            Written::Created(actions::add_action(store, new, now)?.id)
        }
        EditAction { action_id, action } => {
            let changes = ActionChanges {
                title: Some(action.title.clone()),
                owner: Some(action.owner.clone()),
                due: Some(action.due),
                status: None,
            };
            Written::ActionOf(actions::update_action(store, *action_id, changes, now)?.retro_id)
        }
        SetActionStatus { action_id, status } => {
            let changes = ActionChanges {
                status: Some(*status),
                ..ActionChanges::default()
            };
            Written::ActionOf(actions::update_action(store, *action_id, changes, now)?.retro_id)
        }
        DeleteAction { action_id } => {
            Written::ActionOf(actions::delete_action(store, *action_id)?.retro_id)
        }
        Export {
            retro_id,
            format,
            path,
            ..
        } => {
            let board = retro::load_retro(store, *retro_id)?;
            let format = match format {
                ExportFormat::Markdown => RetroFormat::Markdown,
                ExportFormat::Csv => RetroFormat::Csv,
                ExportFormat::Json => RetroFormat::Json,
            };
            let target = expand_home(path);
            write_atomically(&target, |out| write_retro(format, &board, out))
                .map_err(|e| Error::Invalid(describe_write_error(&target, &e)))?;
            Written::Exported(target.display().to_string())
        }
        Undo(inner) => {
            apply(store, inner, now)?;
            Written::Nothing
        }
    })
}
