//! What the app does when a feedback write, a decision or a merge comes
//! back from the store: the table, the detail pane, the undo list and the
//! footer follow.

use super::*;

pub(super) fn on_merged(model: &mut Model, kept: FeedbackItem, absorbed: i64) -> Vec<Effect> {
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

pub(super) fn on_stored(
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

/// A move to planned or won't-do went through with its decision. It is a
/// record of who decided, so undo does not take it back: another move (and,
/// to planned or won't-do, another decision) does.
pub(super) fn on_decided(model: &mut Model, item: FeedbackItem, decision: Decision) -> Vec<Effect> {
    let role = decision
        .role
        .map_or("no role".to_string(), |r| r.to_string());
    model.info(format!(
        "“{}” is now {}, decided by {} ({role})",
        item.title, item.status, decision.by
    ));
    if model
        .overlays
        .form()
        .is_some_and(|f| matches!(f.kind, FormKind::Decision { id, .. } if id == item.id))
    {
        model.overlays.close_form();
    }
    model.triage.decided(&item, decision)
}

fn form_targets(form: &Form, id: Option<i64>) -> bool {
    match form.kind {
        FormKind::Edit { id: f } | FormKind::Score { id: f, .. } => Some(f) == id,
        FormKind::Add | FormKind::Retro(_) | FormKind::Decision { .. } | FormKind::Dashboard(_) => {
            false
        }
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
