//! Near-duplicate review: merging one item into another and dismissing a
//! pair for good. The checks that need no database (an item merged into
//! itself) are made here; ids are checked by the store inside the write's
//! own transaction, so an item deleted meanwhile is never half-merged.

use super::{Error, Result};
use crate::domain::feedback::FeedbackItem;
use crate::store::Store;

/// Merges item `absorbed` into item `kept`, keeping all its evidence
/// (mentions, sources, text, tags, missing scores, survey answers,
/// dismissed pairs); `absorbed` is deleted. Returns the kept item as it is
/// now.
pub fn merge(store: &mut Store, kept: i64, absorbed: i64) -> Result<FeedbackItem> {
    if kept == absorbed {
        return Err(Error::Invalid(format!(
            "cannot merge item {kept} into itself"
        )));
    }
    Ok(store.merge_items(kept, absorbed)?)
}

/// Remembers that two items are not duplicates, so the review never lists
/// them again. Dismissing a pair twice is no error.
pub fn dismiss(store: &mut Store, first: i64, second: i64) -> Result<()> {
    Ok(store.dismiss_pair(first, second)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::feedback::{FeedbackDraft, Source};
    use crate::domain::scoring::Rice;
    use crate::service::feedback;
    use crate::store::{self, ListQuery};

    fn add(store: &mut Store, title: &str, source: Source) -> i64 {
        let draft = FeedbackDraft {
            title: title.into(),
            source,
            ..FeedbackDraft::default()
        };
        feedback::add(store, draft, Rice::default()).unwrap().id
    }

    #[test]
    fn a_merge_keeps_the_evidence_and_deletes_the_other() {
        let mut store = Store::open_in_memory().unwrap();
        let kept = add(&mut store, "Export to PDF is slow", Source::Support);
        let other = add(&mut store, "PDF export is slow", Source::Nps);
        let merged = merge(&mut store, kept, other).unwrap();
        assert_eq!(merged.mentions, 2);
        assert_eq!(merged.sources(), vec![Source::Support, Source::Nps]);
        assert_eq!(store.count_feedback().unwrap(), 1);
        assert_eq!(store.evidence(kept).unwrap().len(), 1);
    }

    #[test]
    fn a_refused_merge_changes_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        let id = add(&mut store, "Only one", Source::Other);
        let before = store.list_feedback(&ListQuery::default()).unwrap();
        let itself = merge(&mut store, id, id).unwrap_err();
        assert!(matches!(itself, Error::Invalid(_)));
        assert_eq!(
            itself.to_string(),
            format!("cannot merge item {id} into itself")
        );
        let unknown = merge(&mut store, id, 999).unwrap_err();
        assert_eq!(unknown.to_string(), "no feedback item with id 999");
        assert_eq!(store.list_feedback(&ListQuery::default()).unwrap(), before);
    }

    #[test]
    fn a_dismissed_pair_is_not_listed_again() {
        let mut store = Store::open_in_memory().unwrap();
        let a = add(&mut store, "Dark mode please", Source::Survey);
        let b = add(&mut store, "Please add dark mode", Source::Survey);
        assert_eq!(
            store.near_duplicates(0.5, &|| false).unwrap().pairs.len(),
            1
        );
        dismiss(&mut store, b, a).unwrap();
        dismiss(&mut store, a, b).unwrap();
        assert!(
            store
                .near_duplicates(0.5, &|| false)
                .unwrap()
                .pairs
                .is_empty()
        );
        assert!(matches!(
            dismiss(&mut store, a, 999),
            Err(Error::Store(store::Error::NotFound(999)))
        ));
    }
}
