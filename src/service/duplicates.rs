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
