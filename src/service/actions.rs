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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::retro::sprint_retro_for_tests;

    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(secs, 0).unwrap()
    }

    #[test]
    fn changes_keep_untouched_fields_and_done_records_when() {
        let mut store = Store::open_in_memory().unwrap();
        let retro_id = sprint_retro_for_tests(&mut store);
        let new = NewAction {
            retro_id,
            title: "  Fix CI ".into(),
            owner: Some("Dana".into()),
            card_id: Some(5),
            ..NewAction::default()
        };
        let err = add_action(&mut store, new.clone(), at(0)).unwrap_err();
        assert_eq!(err.to_string(), format!("no card 5 in retro {retro_id}"));
        let blank = NewAction {
            title: " ".into(),
            ..new.clone()
        };
        assert_eq!(
            add_action(&mut store, blank, at(0))
                .unwrap_err()
                .to_string(),
            "an action needs a title"
        );
        let item = add_action(
            &mut store,
            NewAction {
                card_id: None,
                ..new
            },
            at(0),
        )
        .unwrap();
        assert_eq!(
            (item.title.as_str(), item.status),
            ("Fix CI", ActionStatus::Open)
        );
        let done = ActionChanges {
            owner: Some(None),
            status: Some(ActionStatus::Done),
            ..ActionChanges::default()
        };
        let before = update_action(&mut store, item.id, done, at(60)).unwrap();
        assert_eq!(before, item);
        let after = store.get_action(item.id).unwrap();
        assert_eq!((after.owner, after.done_at), (None, Some(at(60))));
        assert_eq!(after.title, "Fix CI");
        let reopened = ActionChanges {
            status: Some(ActionStatus::Open),
            ..ActionChanges::default()
        };
        update_action(&mut store, item.id, reopened, at(90)).unwrap();
        assert_eq!(store.get_action(item.id).unwrap().done_at, None);
    }
}
