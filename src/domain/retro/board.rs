//! The board: cards in the template's columns, named groups of cards, the
//! retro's settings, and what the screen may show of a card (hidden until
//! the reveal, author withheld in an anonymous retro).

use super::voting::Vote;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// How a retro runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetroSettings {
    /// Votes each participant may cast in all.
    pub votes_per_person: u32,
    /// Votes one participant may put on one card (or group).
    pub max_votes_per_card: u32,
    /// No screen or export shows who wrote a card.
    pub anonymous: bool,
    /// Other participants' cards show as placeholders until revealed.
    pub hide_until_reveal: bool,
    /// Whether the facilitator votes too.
    pub facilitator_votes: bool,
}

impl Default for RetroSettings {
    fn default() -> Self {
        RetroSettings {
            votes_per_person: 5,
            max_votes_per_card: 3,
            anonymous: false,
            hide_until_reveal: true,
            facilitator_votes: false,
        }
    }
}

/// A retro setting that is on or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetroFlag {
    Anonymous,
    HideUntilReveal,
    FacilitatorVotes,
    /// Vote tallies stay hidden until the Vote phase ends.
    TalliesHidden,
}

/// One card on the board.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Card {
    pub id: i64,
    /// The template column, by position.
    pub column: usize,
    pub text: String,
    /// Who wrote it. Kept even in an anonymous retro (a rule may need it);
    /// `shown_author` decides what anyone sees.
    pub author: Option<String>,
    pub group_id: Option<i64>,
    pub revealed: bool,
    pub created_at: DateTime<Utc>,
}

/// Cards merged under one name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardGroup {
    pub id: i64,
    pub title: String,
}

/// A group deleted because its last card left, with the actions that came
/// from it.
#[derive(Debug, Clone, PartialEq)]
pub struct RemovedGroup {
    pub group: CardGroup,
    pub action_ids: Vec<i64>,
}

/// A card that changed groups: where it was, and the group its leaving
/// emptied (deleted).
#[derive(Debug, Clone, PartialEq)]
pub struct Regrouped {
    pub card_id: i64,
    pub previous: Option<i64>,
    pub removed_group: Option<RemovedGroup>,
}

/// A deleted card with everything that referred to it.
#[derive(Debug, Clone, PartialEq)]
pub struct DeletedCard {
    pub card: Card,
    pub votes: Vec<Vote>,
    /// Actions that came from the card.
    pub action_ids: Vec<i64>,
    /// The feedback item promoted from it.
    pub feedback_id: Option<i64>,
    pub removed_group: Option<RemovedGroup>,
}

/// The author a screen or an export may show: none in an anonymous retro.
pub fn shown_author<'a>(card: &'a Card, settings: &RetroSettings) -> Option<&'a str> {
    if settings.anonymous {
        None
    } else {
        card.author.as_deref()
    }
}

/// Whether the person at the keyboard, writing as `viewer`, sees a card's
/// text: always after the reveal or without hiding; before it, only their
/// own cards — except in an anonymous retro, where showing a writer their
/// own cards on a shared screen would tell everyone who wrote them, so
/// hidden cards stay hidden from all until the reveal.
pub fn is_visible(card: &Card, settings: &RetroSettings, viewer: Option<&str>) -> bool {
    !settings.hide_until_reveal
        || card.revealed
        || (!settings.anonymous && viewer.is_some() && card.author.as_deref() == viewer)
}

/// Hidden cards per column, for the placeholders' counts.
pub fn hidden_per_column(
    cards: &[Card],
    columns: usize,
    settings: &RetroSettings,
    viewer: Option<&str>,
) -> Vec<usize> {
    let mut hidden = vec![0; columns];
    for card in cards {
        if !is_visible(card, settings, viewer)
            && let Some(count) = hidden.get_mut(card.column)
        {
            *count += 1;
        }
    }
    hidden
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(id: i64, column: usize, author: &str, revealed: bool) -> Card {
        Card {
            id,
            column,
            text: format!("card {id}"),
            author: Some(author.into()),
            group_id: None,
            revealed,
            created_at: DateTime::from_timestamp(1_800_000_000, 0).unwrap(),
        }
    }

    #[test]
    fn hidden_cards_show_only_to_their_author_until_revealed() {
        let settings = RetroSettings::default();
        let cards = [
            card(1, 0, "Dana", false),
            card(2, 0, "Eli", false),
            card(3, 1, "Eli", true),
            card(4, 1, "Eli", false),
        ];
        assert!(is_visible(&cards[0], &settings, Some("Dana")));
        assert!(!is_visible(&cards[1], &settings, Some("Dana")));
        assert!(is_visible(&cards[2], &settings, Some("Dana")), "revealed");
        assert!(!is_visible(&cards[1], &settings, None));
        assert_eq!(
            hidden_per_column(&cards, 2, &settings, Some("Dana")),
            vec![1, 1]
        );
        let open = RetroSettings {
            hide_until_reveal: false,
            ..settings
        };
        assert_eq!(hidden_per_column(&cards, 2, &open, None), vec![0, 0]);
    }

    #[test]
    fn an_anonymous_retro_shows_no_author() {
        let named = RetroSettings::default();
        let anonymous = RetroSettings {
            anonymous: true,
            ..named
        };
        let c = card(1, 0, "Dana", true);
        assert_eq!(shown_author(&c, &named), Some("Dana"));
        assert_eq!(shown_author(&c, &anonymous), None);
        // Before the reveal an anonymous retro hides a card from its own
        // writer too: who sees what would give the authors away.
        let hidden = card(2, 0, "Dana", false);
        assert!(is_visible(&hidden, &named, Some("Dana")));
        assert!(!is_visible(&hidden, &anonymous, Some("Dana")));
    }
}
