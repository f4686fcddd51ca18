//! Feedback items: adding one (its draft validated, optional RICE factors),
//! editing the fields a person changed, scoring (RICE, ICE, WSJF), setting
//! the status, deleting, and undoing any of these. Every write returns a
//! [`Change`]: the item before and after it, which is what an undo record
//! needs.

use super::Result;
use crate::domain::feedback::Attachments;
use crate::domain::feedback::{FeedbackDraft, FeedbackItem, Status};
use crate::domain::scoring::{
    Ice, Impact, Rice, Wsjf, parse_confidence, parse_effort, parse_reach,
};
use crate::store::Store;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::Error;
    use crate::store::{self, ListQuery};

    fn draft(title: &str) -> FeedbackDraft {
        FeedbackDraft {
            title: title.into(),
            ..FeedbackDraft::default()
        }
    }

    fn all(store: &Store) -> Vec<FeedbackItem> {
        store.list_feedback(&ListQuery::default()).unwrap()
    }

    #[test]
    fn an_added_draft_is_validated_and_stored_with_its_scores() {
        let mut store = Store::open_in_memory().unwrap();
        let rice = RiceText {
            reach: Some("100"),
            impact: Some("high"),
            confidence: Some("80%"),
            effort: Some("2"),
        }
        .parse()
        .unwrap();
        let mut messy = draft("  Export is slow  ");
        messy.tags = vec!["Speed, export".into()];
        let item = add(&mut store, messy, rice).unwrap();
        assert_eq!(item.title, "Export is slow");
        assert_eq!(item.tags, vec!["speed", "export"]);
        assert_eq!(item.rice.score(), Some(80.0));
        assert_eq!(all(&store), vec![item]);
    }

    #[test]
    fn a_refused_draft_or_factor_writes_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        let refused = add(&mut store, draft("   "), Rice::default()).unwrap_err();
        assert!(matches!(refused, Error::Draft(_)));
        assert_eq!(refused.to_string(), "title must not be empty");
        let bad_effort = RiceText {
            effort: Some("0"),
            ..RiceText::default()
        }
        .parse()
        .unwrap_err();
        assert_eq!(
            bad_effort.to_string(),
            "invalid effort '0': must be more than 0 person-months"
        );
        assert!(all(&store).is_empty());

        let item = add(&mut store, draft("Keep me"), Rice::default()).unwrap();
        let mut long = draft("Keep me");
        long.tags = vec!["x".repeat(60)];
        let refused = edit(&mut store, item.id, &draft("Keep me"), long).unwrap_err();
        assert!(matches!(refused, Error::Draft(_)));
        assert_eq!(all(&store), vec![item]);
    }

    #[test]
    fn an_edit_writes_only_the_fields_that_changed() {
        let mut store = Store::open_in_memory().unwrap();
        let item = add(&mut store, draft("Old title"), Rice::default()).unwrap();
        // Someone else moves it on meanwhile; the edit leaves the status be.
        set_status(&mut store, item.id, Status::Planned).unwrap();
        let original = draft("Old title");
        let change = edit(&mut store, item.id, &original, draft("New title")).unwrap();
        let after = change.after.unwrap();
        assert_eq!(change.before.unwrap().title, "Old title");
        assert_eq!(after.title, "New title");
        assert_eq!(after.status, Status::Planned);
    }

    #[test]
    fn scores_and_status_are_set_and_reported_before_and_after() {
        let mut store = Store::open_in_memory().unwrap();
        let id = add(&mut store, draft("Scored"), Rice::default())
            .unwrap()
            .id;
        let ice = Ice {
            impact: Some(5),
            confidence: Some(4),
            ease: Some(2),
        };
        let change = score(&mut store, id, Score::Ice(ice)).unwrap();
        assert_eq!(change.before.unwrap().ice, Ice::default());
        assert_eq!(change.after.unwrap().ice.score(), Some(40.0));
        let wsjf = Wsjf {
            business_value: Some(8.0),
            time_criticality: Some(5.0),
            risk_reduction: Some(3.0),
            job_size: Some(2.0),
        };
        let change = score(&mut store, id, Score::Wsjf(wsjf)).unwrap();
        assert_eq!(change.after.as_ref().unwrap().wsjf.score(), Some(8.0));
        assert_eq!(change.title(), "Scored");

        let change = set_status(&mut store, id, Status::Done).unwrap();
        assert_eq!(change.before.unwrap().status, Status::New);
        assert_eq!(change.after.unwrap().status, Status::Done);
        assert!(matches!(
            set_status(&mut store, 999, Status::Done),
            Err(Error::Store(store::Error::NotFound(999)))
        ));
    }

    #[test]
    fn a_delete_is_undone_by_reverting_its_change() {
        let mut store = Store::open_in_memory().unwrap();
        let item = add(&mut store, draft("Gone and back"), Rice::default()).unwrap();
        let deleted = delete(&mut store, item.id).unwrap();
        assert_eq!(deleted.before.as_ref(), Some(&item));
        assert!(deleted.after.is_none() && deleted.attachments.is_some());
        assert!(all(&store).is_empty());

        let undone = revert(
            &mut store,
            item.id,
            deleted.after.as_ref(),
            deleted.before.as_ref(),
            deleted.attachments.as_ref(),
        )
        .unwrap();
        assert_eq!(undone.before, None);
        assert_eq!(undone.after.as_ref(), Some(&item));
        assert_eq!(all(&store), vec![item.clone()]);

        // Changed by someone since: the undo is refused and writes nothing.
        set_status(&mut store, item.id, Status::Triaged).unwrap();
        let conflict = revert(&mut store, item.id, Some(&item), None, None).unwrap_err();
        assert!(matches!(conflict, Error::Store(store::Error::Conflict(_))));
        assert_eq!(all(&store)[0].status, Status::Triaged);
    }
}
