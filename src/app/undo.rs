//! The undo list: each change to an item with the item before and after it,
//! so undo can write it back and refuse when someone changed it since, and
//! each import, which undo offers to take back as a whole.

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

/// One thing undo can take back.
#[derive(Debug, Clone, PartialEq)]
pub enum Undoable {
    Change(Box<UndoEntry>),
    /// An import batch (see `store::Store::undo_import`), with its summary.
    Import {
        batch: i64,
        what: String,
    },
}

/// The changes that can be taken back, newest last.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UndoList {
    entries: Vec<Undoable>,
}

impl UndoList {
    pub fn push(&mut self, entry: UndoEntry) {
        self.push_undoable(Undoable::Change(Box::new(entry)));
    }

    pub fn push_import(&mut self, batch: i64, what: String) {
        self.push_undoable(Undoable::Import { batch, what });
    }

    fn push_undoable(&mut self, entry: Undoable) {
        self.entries.push(entry);
        if self.entries.len() > UNDO_DEPTH {
            self.entries.remove(0);
        }
    }

    pub fn pop(&mut self) -> Option<Undoable> {
        self.entries.pop()
    }

    pub fn last(&self) -> Option<&Undoable> {
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
        self.entries.retain(|e| match e {
            Undoable::Change(change) => !ids.contains(&change.id),
            Undoable::Import { .. } => true,
        });
    }
}
