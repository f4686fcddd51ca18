//! Feedback items: adding one (its draft validated, optional RICE factors),
//! editing the fields a person changed, scoring (RICE, ICE, WSJF), setting
//! the status, deleting, and undoing any of these. Every write returns a
//! [`Change`]: the item before and after it, which is what an undo record
//! needs.

use super::Result;
use crate::domain::feedback::{FeedbackDraft, FeedbackItem, Status};
use crate::domain::scoring::{
    Ice, Impact, Rice, Wsjf, parse_confidence, parse_effort, parse_reach,
};
use crate::store::{Attachments, Store};
use chrono::Utc;

/// The item before and after a write; a delete also returns what it took
/// along, so that undoing it can put all of it back.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Change {
    /// `None` when the write created the item.
    pub before: Option<FeedbackItem>,
    /// `None` when the write deleted the item.
    pub after: Option<FeedbackItem>,
    /// What a delete took along (merged reports, survey answers, dismissed
    /// pairs); `None` for other writes.
    pub attachments: Option<Attachments>,
}

impl Change {
    /// The item's title, after the write or (for a delete) before it.
    pub fn title(&self) -> &str {
        self.after
            .as_ref()
            .or(self.before.as_ref())
            .map_or("", |item| item.title.as_str())
    }
}

/// RICE factors as a person typed them, each optional: an item lacking one
/// has no score.
#[derive(Debug, Clone, Copy, Default)]
pub struct RiceText<'a> {
    pub reach: Option<&'a str>,
    pub impact: Option<&'a str>,
    pub confidence: Option<&'a str>,
    pub effort: Option<&'a str>,
}

impl RiceText<'_> {
    /// The factors, or the first one that is out of range (reach, impact,
    /// confidence, effort in that order), named with its value.
    pub fn parse(&self) -> Result<Rice> {
        Ok(Rice {
            reach: self.reach.map(parse_reach).transpose()?,
            impact: self.impact.map(Impact::parse).transpose()?,
            confidence: self.confidence.map(parse_confidence).transpose()?,
            effort: self.effort.map(parse_effort).transpose()?,
        })
    }
}

/// A score in one of the prioritisation models.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Score {
    Rice(Rice),
    Ice(Ice),
    Wsjf(Wsjf),
}

/// Adds an item made from `draft`, once it passes validation, with its
/// RICE factors. Returns the item as stored.
pub fn add(store: &mut Store, draft: FeedbackDraft, rice: Rice) -> Result<FeedbackItem> {
    let draft = draft.validated()?;
    Ok(store.add_feedback(&draft, rice, Utc::now())?)
}

/// Writes the fields of `edited` that differ from `original` (the draft
/// the person started from), once `edited` passes validation; fields the
/// person did not touch keep what is stored, even if another process
/// changed them meanwhile.
pub fn edit(
    store: &mut Store,
    id: i64,
    original: &FeedbackDraft,
    edited: FeedbackDraft,
) -> Result<Change> {
    let edited = edited.validated()?;
    let before = store.update_draft(id, original, &edited)?;
    changed(store, id, before)
}

/// Sets one of an item's scores; its other scores stay as they are.
pub fn score(store: &mut Store, id: i64, score: Score) -> Result<Change> {
    let before = match score {
        Score::Rice(rice) => store.set_rice(id, rice)?,
        Score::Ice(ice) => store.set_ice(id, ice)?,
        Score::Wsjf(wsjf) => store.set_wsjf(id, wsjf)?,
    };
    changed(store, id, before)
}

/// Moves an item to `status`.
pub fn set_status(store: &mut Store, id: i64, status: Status) -> Result<Change> {
    let before = store.set_status(id, status)?;
    changed(store, id, before)
}

/// Deletes an item with everything attached to it; the change holds all
/// of it for [`revert`].
pub fn delete(store: &mut Store, id: i64) -> Result<Change> {
    let (deleted, attachments) = store.delete_feedback(id)?;
    Ok(Change {
        before: Some(deleted),
        after: None,
        attachments: Some(attachments),
    })
}

/// Undoes a change: sets item `id` back to `target` (`None` deletes it,
/// `attachments` come back with a deleted item), but only while it is still
/// exactly `expected`; if anyone changed it since, nothing is written and
/// the store's conflict error says so.
pub fn revert(
    store: &mut Store,
    id: i64,
    expected: Option<&FeedbackItem>,
    target: Option<&FeedbackItem>,
    attachments: Option<&Attachments>,
) -> Result<Change> {
    let replaced = store.revert_feedback(id, expected, target, attachments)?;
    Ok(Change {
        before: replaced,
        after: target.cloned(),
        attachments: None,
    })
}

/// The change of a write that updated item `id`, which was `before`.
fn changed(store: &mut Store, id: i64, before: FeedbackItem) -> Result<Change> {
    Ok(Change {
        before: Some(before),
        after: Some(store.get_feedback(id)?),
        attachments: None,
    })
}
