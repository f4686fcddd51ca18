//! The status picker: `t` lists every status with its key, and one key
//! moves the item there. A move to planned or won't-do then asks who
//! decided and why (`decision`), as any move to them does; `esc` closes the
//! picker and nothing changes.

use crate::app::effect::{Effect, Write};
use crate::domain::decision::records_decision;
use crate::domain::feedback::Status;
use crate::input::{Key, KeyCode};

/// Each status with the key that picks it, in the order of the flow.
pub const CHOICES: [(char, Status); 6] = [
    ('n', Status::New),
    ('t', Status::Triaged),
    ('p', Status::Planned),
    ('i', Status::InProgress),
    ('d', Status::Done),
    ('w', Status::WontDo),
];

/// The open picker: which item, and the status it has now.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusPicker {
    pub id: i64,
    pub title: String,
    pub current: Status,
}

/// What a key in the picker does.
#[derive(Debug, Clone, PartialEq)]
pub enum Picked {
    /// Close the picker, and run these effects (none when nothing changes).
    Close(Vec<Effect>),
    /// A key that picks nothing: the picker stays.
    Nothing,
}

impl StatusPicker {
    pub fn on_key(&self, key: &Key) -> Picked {
        if key.code == KeyCode::Esc {
            return Picked::Close(vec![]);
        }
        let Some(status) = key
            .typed_char()
            .and_then(|c| CHOICES.iter().find(|(k, _)| *k == c))
            .map(|(_, s)| *s)
        else {
            return Picked::Nothing;
        };
        Picked::Close(self.move_to(status))
    }

    /// The effects that move the item to `status`.
    fn move_to(&self, status: Status) -> Vec<Effect> {
        if status == self.current {
            vec![]
        } else if records_decision(status) {
            vec![Effect::PrepareDecision {
                id: self.id,
                title: self.title.clone(),
                status,
            }]
        } else {
            vec![Effect::Write {
                write: Write::SetStatus(self.id, status),
                undoable: true,
            }]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn picker() -> StatusPicker {
        StatusPicker {
            id: 7,
            title: "Dark mode".into(),
            current: Status::New,
        }
    }

    #[test]
    fn one_key_moves_the_item_and_a_decision_is_asked_for() {
        assert_eq!(
            picker().on_key(&Key::char('i')),
            Picked::Close(vec![Effect::Write {
                write: Write::SetStatus(7, Status::InProgress),
                undoable: true
            }])
        );
        assert_eq!(
            picker().on_key(&Key::char('w')),
            Picked::Close(vec![Effect::PrepareDecision {
                id: 7,
                title: "Dark mode".into(),
                status: Status::WontDo
            }])
        );
    }

    #[test]
    fn the_same_status_or_esc_changes_nothing_and_other_keys_wait() {
        assert_eq!(picker().on_key(&Key::char('n')), Picked::Close(vec![]));
        assert_eq!(
            picker().on_key(&Key::plain(KeyCode::Esc)),
            Picked::Close(vec![])
        );
        assert_eq!(picker().on_key(&Key::char('x')), Picked::Nothing);
    }

    #[test]
    fn every_status_has_its_own_key() {
        for status in Status::ALL {
            assert_eq!(CHOICES.iter().filter(|(_, s)| s == status).count(), 1);
        }
        let mut keys: Vec<char> = CHOICES.iter().map(|(k, _)| *k).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), CHOICES.len());
    }
}
