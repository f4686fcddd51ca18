//! The phases of a retro, in order. The facilitator alone moves them, can
//! step back to any earlier one and can skip any; nothing typed in one phase
//! is lost by moving to another.

use crate::domain::feedback::UnknownName;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Last time's open action items: done, still open or dropped.
    Review,
    /// Cards are written in the template's columns.
    Collect,
    /// Cards are merged into named groups.
    Group,
    /// Participants spend their votes.
    Vote,
    /// Topics in vote order, each with a countdown.
    Discuss,
    /// Action items with owners and due dates.
    Actions,
    /// Return on time invested, summary, export.
    Close,
}

impl Phase {
    pub const ALL: [Phase; 7] = [
        Phase::Review,
        Phase::Collect,
        Phase::Group,
        Phase::Vote,
        Phase::Discuss,
        Phase::Actions,
        Phase::Close,
    ];
    const NAMES: &'static [&'static str] = &[
        "review", "collect", "group", "vote", "discuss", "actions", "close",
    ];

    pub fn name(self) -> &'static str {
        Phase::NAMES[self.index()]
    }

    /// The title on the phase bar.
    pub fn title(self) -> &'static str {
        match self {
            Phase::Review => "Review",
            Phase::Collect => "Collect",
            Phase::Group => "Group",
            Phase::Vote => "Vote",
            Phase::Discuss => "Discuss",
            Phase::Actions => "Actions",
            Phase::Close => "Close",
        }
    }

    pub fn index(self) -> usize {
        Phase::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }

    /// The next phase; `None` after Close.
    pub fn next(self) -> Option<Phase> {
        Phase::ALL.get(self.index() + 1).copied()
    }

    /// The previous phase; `None` before Review.
    pub fn previous(self) -> Option<Phase> {
        self.index().checked_sub(1).map(|i| Phase::ALL[i])
    }

    /// Whether cards can still be added and votes cast from the command
    /// line (asynchronous collection and voting): every phase before Close.
    pub fn takes_cards_and_votes(self) -> bool {
        self != Phase::Close
    }
}

impl fmt::Display for Phase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Phase {
    type Err = UnknownName;

    fn from_str(text: &str) -> Result<Phase, UnknownName> {
        let lower = text.trim().to_ascii_lowercase();
        Phase::NAMES
            .iter()
            .position(|n| *n == lower)
            .map(|i| Phase::ALL[i])
            .ok_or_else(|| UnknownName {
                field: "phase",
                value: text.to_string(),
                allowed: Phase::NAMES,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phases_run_in_order_both_ways_and_parse_by_name() {
        assert_eq!(Phase::Review.next(), Some(Phase::Collect));
        assert_eq!(Phase::Close.next(), None);
        assert_eq!(Phase::Review.previous(), None);
        assert_eq!(Phase::Discuss.previous(), Some(Phase::Vote));
        for phase in Phase::ALL {
            assert_eq!(phase.name().parse::<Phase>().unwrap(), phase);
        }
        assert_eq!(" Vote ".parse::<Phase>().unwrap(), Phase::Vote);
        let err = "party".parse::<Phase>().unwrap_err().to_string();
        assert!(err.contains("review, collect, group"), "{err}");
        assert!(!Phase::Close.takes_cards_and_votes());
        assert!(Phase::Actions.takes_cards_and_votes());
    }
}
