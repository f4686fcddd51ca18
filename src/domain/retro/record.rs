//! A whole retro as the store reads it back: what the board screen shows and
//! what every export writes. `RetroBoard` carries every card, revealed or not
//! (hiding is for the meeting); the anonymity setting travels with it so no
//! reader can forget it.

use super::actions::{ActionItem, ActionStatus};
use super::board::{Card, CardGroup, RetroSettings, shown_author};
use super::discussion::{Topic, TopicRef, TopicTimer, topics};
use super::phase::Phase;
use super::template::Template;
use super::voting::{Vote, tally};
use chrono::NaiveDate;
use std::collections::HashMap;

/// Where a feedback item promoted from a retro card came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardOrigin {
    pub retro_id: i64,
    pub retro_title: String,
    pub card_id: i64,
}

/// One line of `retro list`.
#[derive(Debug, Clone, PartialEq)]
pub struct RetroSummary {
    pub id: i64,
    pub team: String,
    pub title: String,
    pub template: String,
    pub date: NaiveDate,
    pub phase: Phase,
    pub cards: usize,
    pub participants: usize,
}

/// An action from an earlier retro that this retro reviews, with the status
/// the review gave it (`None` until reviewed).
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewedAction {
    pub action: ActionItem,
    pub review: Option<ActionStatus>,
}

/// Everything about one retro.
#[derive(Debug, Clone, PartialEq)]
pub struct RetroBoard {
    pub id: i64,
    pub team: String,
    pub title: String,
    pub date: NaiveDate,
    /// The template as it was when the retro was created.
    pub template: Template,
    pub facilitator: Option<String>,
    pub participants: Vec<String>,
    pub settings: RetroSettings,
    pub phase: Phase,
    /// Whether vote tallies stay hidden until the Vote phase ends.
    pub tallies_hidden: bool,
    pub cards: Vec<Card>,
    pub groups: Vec<CardGroup>,
    /// Every vote, oldest first.
    pub votes: Vec<Vote>,
    /// This retro's action items.
    pub actions: Vec<ActionItem>,
    /// (participant, rating 1–5).
    pub roti: Vec<(String, u8)>,
    pub review: Vec<ReviewedAction>,
    /// The discussion countdowns kept so far, per topic.
    pub timers: HashMap<TopicRef, TopicTimer>,
}

impl RetroBoard {
    /// Who may vote: every participant, and the facilitator when the
    /// settings say so.
    pub fn voters(&self) -> Vec<String> {
        let mut voters = self.participants.clone();
        if self.settings.facilitator_votes
            && let Some(f) = &self.facilitator
            && !voters.contains(f)
        {
            voters.push(f.clone());
        }
        voters
    }

    /// Votes per card.
    pub fn votes_per_card(&self) -> HashMap<i64, u32> {
        tally(&self.votes)
    }

    /// The discussion's topics in vote order.
    pub fn topics(&self) -> Vec<Topic> {
        topics(&self.cards, &self.groups, &self.votes_per_card())
    }

    /// The author a screen or export may show for a card.
    pub fn shown_author<'a>(&self, card: &'a Card) -> Option<&'a str> {
        shown_author(card, &self.settings)
    }

    pub fn card(&self, id: i64) -> Option<&Card> {
        self.cards.iter().find(|c| c.id == id)
    }

    pub fn group(&self, id: i64) -> Option<&CardGroup> {
        self.groups.iter().find(|g| g.id == id)
    }

    /// The actions that came from a card, or from the group holding it.
    pub fn actions_for_card(&self, card: &Card) -> Vec<&ActionItem> {
        self.actions
            .iter()
            .filter(|a| {
                a.card_id == Some(card.id) || (a.group_id.is_some() && a.group_id == card.group_id)
            })
            .collect()
    }

    /// The title of a column by position ("" for a column the template
    /// no longer has).
    pub fn column_title(&self, column: usize) -> &str {
        self.template
            .columns
            .get(column)
            .map_or("", |c| c.title.as_str())
    }
}
