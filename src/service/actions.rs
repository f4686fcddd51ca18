//! Action items: added in a retro (optionally from one of its cards or
//! groups), changed (title, owner, due date, status), deleted and listed
//! across retros. Each write returns the item as it was, for undo.

use super::retro::clean_name;
use super::{Error, Result};
use crate::domain::retro::{ActionItem, ActionStatus};
use crate::store::{ActionFilter, ActionRow, Store};
use chrono::{DateTime, NaiveDate, Utc};

/// The longest action title, in characters.
pub const MAX_ACTION_TITLE_CHARS: usize = 200;

/// An action item to add.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewAction {
    pub retro_id: i64,
    pub title: String,
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
    /// The card it comes from (a card of that retro).
    pub card_id: Option<i64>,
    /// The group it comes from (a group of that retro).
    pub group_id: Option<i64>,
}

/// What to change in an action item; `None` keeps a field.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ActionChanges {
    pub title: Option<String>,
    /// `Some(None)` clears the owner.
    pub owner: Option<Option<String>>,
    /// `Some(None)` clears the due date.
    pub due: Option<Option<NaiveDate>>,
    pub status: Option<ActionStatus>,
}

fn action_title(title: &str) -> Result<String> {
    let title = clean_name(title);
    if title.is_empty() {
        return Err(Error::Invalid("an action needs a title".into()));
    }
    if title.chars().count() > MAX_ACTION_TITLE_CHARS {
        return Err(Error::Invalid(format!(
            "an action title holds at most {MAX_ACTION_TITLE_CHARS} characters"
        )));
    }
    Ok(title)
}

fn owner(name: Option<&str>) -> Option<String> {
    name.map(clean_name).filter(|o| !o.is_empty())
}

/// Adds an open action item to a retro.
pub fn add_action(store: &mut Store, action: NewAction, now: DateTime<Utc>) -> Result<ActionItem> {
    let row = ActionRow {
        title: action_title(&action.title)?,
        owner: owner(action.owner.as_deref()),
        due: action.due,
        status: ActionStatus::Open,
        card_id: action.card_id,
        group_id: action.group_id,
    };
    Ok(store.add_action(action.retro_id, &row, now)?)
}

/// Changes an action item; returns it as it was. Becoming done records
/// when.
pub fn update_action(
    store: &mut Store,
    id: i64,
    changes: ActionChanges,
    now: DateTime<Utc>,
) -> Result<ActionItem> {
    let mut item = store.get_action(id)?;
    if let Some(title) = &changes.title {
        item.title = action_title(title)?;
    }
    if let Some(new_owner) = &changes.owner {
        item.owner = owner(new_owner.as_deref());
    }
    if let Some(due) = changes.due {
        item.due = due;
    }
    if let Some(status) = changes.status {
        item.status = status;
    }
    Ok(store.update_action(&item, now)?)
}

/// Deletes an action item; returns it.
pub fn delete_action(store: &mut Store, id: i64) -> Result<ActionItem> {
    Ok(store.delete_action(id)?)
}

/// Action items across retros, filtered by team, owner and status.
pub fn list_actions(store: &Store, filter: &ActionFilter) -> Result<Vec<ActionItem>> {
    Ok(store.list_actions(filter)?)
}
