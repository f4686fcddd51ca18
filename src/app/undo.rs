//! The undo list: each change to an item with the item before and after it,
//! so undo can write it back and refuse when someone changed it since.

use crate::domain::feedback::Attachments;
use crate::domain::feedback::FeedbackItem;

/// How many changes `u` can take back.
pub const UNDO_DEPTH: usize = 100;

/// One change that undo can take back: the item before it (none for an
/// add) and after it (none for a delete), so undo can check that nobody
/// changed it since.
#[derive(Debug, Clone, PartialEq)]
pub struct UndoEntry {
    pub id: i64,
    pub before: Option<FeedbackItem>,
    pub after: Option<FeedbackItem>,
    /// For a delete: the item's merged reports, survey answers and
    /// dismissed pairs, which undo puts back too.
    pub attachments: Option<Attachments>,
    pub what: String,
}

/// The changes that can be taken back, newest last.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UndoList {
    entries: Vec<UndoEntry>,
}

impl UndoList {
    pub fn push(&mut self, entry: UndoEntry) {
        self.entries.push(entry);
        if self.entries.len() > UNDO_DEPTH {
            self.entries.remove(0);
        }
    }

    pub fn pop(&mut self) -> Option<UndoEntry> {
        self.entries.pop()
    }

    pub fn last(&self) -> Option<&UndoEntry> {
        self.entries.last()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Forgets the changes to these items (a merge took them away).
    pub fn forget(&mut self, ids: &[i64]) {
        self.entries.retain(|e| !ids.contains(&e.id));
    }
}
