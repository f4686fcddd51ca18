//! Tests of the feedback item queries: tags as stored, and an item's way
//! through add, status change, delete and undo.

use super::*;

#[test]
fn a_tag_holding_the_separator_reads_back_as_one_tag() {
    let tags = vec!["a\u{1f}b".to_string(), "c".to_string()];
    assert_eq!(joined_tags(&tags, &mut String::new()), "a b\u{1f}c");
}

fn draft(title: &str) -> FeedbackDraft {
    FeedbackDraft {
        title: title.into(),
        tags: vec!["b".into(), "a".into()],
        ..FeedbackDraft::default()
    }
}

#[test]
fn add_get_update_delete_restore() {
    let mut store = Store::open_in_memory().unwrap();
    let added = store
        .add_feedback(&draft("First"), Rice::default(), Utc::now())
        .unwrap();
    assert_eq!(added.tags, vec!["b", "a"], "tag order is kept");
    let before = store.set_status(added.id, Status::Planned).unwrap();
    assert_eq!(before.status, Status::New);
    assert_eq!(
        store.get_feedback(added.id).unwrap().status,
        Status::Planned
    );
    let (deleted, attachments) = store.delete_feedback(added.id).unwrap();
    assert!(matches!(
        store.get_feedback(added.id),
        Err(Error::NotFound(_))
    ));
    assert_eq!(
        store
            .revert_feedback(added.id, None, Some(&deleted), Some(&attachments))
            .unwrap(),
        None
    );
    assert_eq!(store.get_feedback(added.id).unwrap(), deleted);
    // Someone changes it; an undo that expected the old state is refused.
    store.set_status(added.id, Status::Done).unwrap();
    assert!(matches!(
        store.revert_feedback(added.id, Some(&deleted), None, None),
        Err(Error::Conflict(_))
    ));
    assert_eq!(store.get_feedback(added.id).unwrap().status, Status::Done);
    assert!(matches!(
        store.set_status(999, Status::Done),
        Err(Error::NotFound(999))
    ));
}
