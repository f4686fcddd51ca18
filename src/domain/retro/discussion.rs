//! The discussion: topics (groups, and cards in no group) in vote order, and
//! a countdown per topic. A topic's timer keeps its elapsed time when the
//! facilitator moves to another topic and back; time is passed in (Unix
//! milliseconds), so the rules are tested without a clock.

use super::board::{Card, CardGroup};
use std::collections::HashMap;

/// What a topic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TopicRef {
    Group(i64),
    Card(i64),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Topic {
    pub topic: TopicRef,
    pub title: String,
    /// Votes on the group or card (a group counts its cards' votes too).
    pub votes: u32,
    /// The cards it holds.
    pub card_ids: Vec<i64>,
}

/// Topics in vote order (most first; ties by the oldest card first). A vote
/// on a grouped card counts for its group.
pub fn topics(
    cards: &[Card],
    groups: &[CardGroup],
    votes_per_card: &HashMap<i64, u32>,
) -> Vec<Topic> {
    let mut out: Vec<Topic> = Vec::new();
    for group in groups {
        let members: Vec<&Card> = cards
            .iter()
            .filter(|c| c.group_id == Some(group.id))
            .collect();
        if members.is_empty() {
            continue;
        }
        out.push(Topic {
            topic: TopicRef::Group(group.id),
            title: group.title.clone(),
            votes: members
                .iter()
                .map(|c| votes_per_card.get(&c.id).copied().unwrap_or(0))
                .sum(),
            card_ids: members.iter().map(|c| c.id).collect(),
        });
    }
    for card in cards.iter().filter(|c| c.group_id.is_none()) {
        out.push(Topic {
            topic: TopicRef::Card(card.id),
            title: card.text.lines().next().unwrap_or("").to_string(),
            votes: votes_per_card.get(&card.id).copied().unwrap_or(0),
            card_ids: vec![card.id],
        });
    }
    out.sort_by_key(|t| (std::cmp::Reverse(t.votes), t.card_ids.iter().min().copied()));
    out
}

/// A topic's countdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TopicTimer {
    /// The time allowed, in seconds.
    pub allotted_secs: u64,
    /// Time spent while paused and before the current run, in ms.
    pub elapsed_ms: u64,
    /// When the current run started (Unix ms), while it runs.
    pub running_since: Option<i64>,
}

/// Minutes a topic gets unless the facilitator adds more.
pub const DEFAULT_TOPIC_MINUTES: u64 = 5;

impl TopicTimer {
    pub fn new(allotted_secs: u64) -> TopicTimer {
        TopicTimer {
            allotted_secs,
            ..TopicTimer::default()
        }
    }

    pub fn is_running(&self) -> bool {
        self.running_since.is_some()
    }

    /// Time spent on the topic so far, in ms.
    pub fn elapsed_ms(&self, now_ms: i64) -> u64 {
        let running = self
            .running_since
            .map_or(0, |since| now_ms.saturating_sub(since).max(0) as u64);
        self.elapsed_ms + running
    }

    /// Seconds left; negative once time is up.
    pub fn remaining_secs(&self, now_ms: i64) -> i64 {
        self.allotted_secs as i64 - (self.elapsed_ms(now_ms) / 1000) as i64
    }

    pub fn is_up(&self, now_ms: i64) -> bool {
        self.remaining_secs(now_ms) <= 0
    }

    pub fn start(&mut self, now_ms: i64) {
        if self.running_since.is_none() {
            self.running_since = Some(now_ms);
        }
    }

    /// Stops the clock, keeping the time spent.
    pub fn pause(&mut self, now_ms: i64) {
        self.elapsed_ms = self.elapsed_ms(now_ms);
        self.running_since = None;
    }

    pub fn add_minute(&mut self) {
        self.allotted_secs += 60;
    }
}

/// `m:ss`, or `-m:ss` past the end.
pub fn format_clock(secs: i64) -> String {
    let sign = if secs < 0 { "-" } else { "" };
    let secs = secs.unsigned_abs();
    format!("{sign}{}:{:02}", secs / 60, secs % 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    fn card(id: i64, group: Option<i64>) -> Card {
        Card {
            id,
            column: 0,
            text: format!("card {id}\nmore"),
            author: None,
            group_id: group,
            revealed: true,
            created_at: DateTime::from_timestamp(0, 0).unwrap(),
        }
    }

    #[test]
    fn topics_come_in_vote_order_with_groups_counting_their_cards() {
        let cards = [
            card(1, Some(10)),
            card(2, Some(10)),
            card(3, None),
            card(4, None),
        ];
        let groups = [
            CardGroup {
                id: 10,
                title: "Deploys".into(),
            },
            CardGroup {
                id: 11,
                title: "Empty".into(),
            },
        ];
        let votes = HashMap::from([(1, 1), (2, 2), (4, 3)]);
        let list = topics(&cards, &groups, &votes);
        let order: Vec<(TopicRef, u32)> = list.iter().map(|t| (t.topic, t.votes)).collect();
        assert_eq!(
            order,
            vec![
                (TopicRef::Group(10), 3),
                (TopicRef::Card(4), 3),
                (TopicRef::Card(3), 0)
            ],
            "ties go to the oldest card; empty groups are no topic"
        );
        assert_eq!(list[1].title, "card 4");
    }

    #[test]
    fn a_timer_keeps_its_time_when_paused_and_shows_when_time_is_up() {
        let mut t = TopicTimer::new(120);
        assert_eq!(t.remaining_secs(0), 120);
        t.start(1_000);
        t.start(5_000); // starting twice changes nothing
        assert_eq!(t.remaining_secs(31_000), 90);
        t.pause(31_000);
        // Time passes elsewhere; the topic keeps its 30 s.
        assert_eq!(t.remaining_secs(500_000), 90);
        t.start(600_000);
        assert_eq!(t.remaining_secs(690_000), 0);
        assert!(t.is_up(690_000));
        t.add_minute();
        assert!(!t.is_up(690_000));
        assert_eq!(t.remaining_secs(760_000), -10);
        assert_eq!(format_clock(t.remaining_secs(760_000)), "-0:10");
        assert_eq!(format_clock(125), "2:05");
    }
}
