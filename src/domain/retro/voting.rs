//! Dot voting: each participant has a budget of votes and may put at most a
//! set number on one card (or group). A vote over either limit is refused
//! with a message naming it. Lowering a limit below the votes already cast
//! removes the most recent excess votes (after the facilitator agrees), so
//! no total ever stays above a limit.

use super::board::{Card, CardGroup, RetroSettings};
use super::discussion::TopicRef;
use std::collections::HashMap;
use std::fmt;

/// Which topic a card's votes count toward: the group it is in, or the card
/// itself. The per-topic cap counts every vote on a group's cards together.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TopicMap {
    of_card: HashMap<i64, TopicRef>,
    group_titles: HashMap<i64, String>,
}

impl TopicMap {
    pub fn new(cards: &[Card], groups: &[CardGroup]) -> TopicMap {
        TopicMap {
            of_card: cards
                .iter()
                .map(|c| {
                    let topic = match c.group_id {
                        Some(g) => TopicRef::Group(g),
                        None => TopicRef::Card(c.id),
                    };
                    (c.id, topic)
                })
                .collect(),
            group_titles: groups.iter().map(|g| (g.id, g.title.clone())).collect(),
        }
    }

    /// The topic of a card (the card itself when it is unknown).
    pub fn topic(&self, card_id: i64) -> TopicRef {
        self.of_card
            .get(&card_id)
            .copied()
            .unwrap_or(TopicRef::Card(card_id))
    }

    /// How a refusal names the topic: `card 3` or `the group “Deploys”`.
    pub fn label(&self, card_id: i64) -> String {
        match self.topic(card_id) {
            TopicRef::Group(g) => match self.group_titles.get(&g) {
                Some(title) => format!("the group “{title}”"),
                None => format!("group {g}"),
            },
            TopicRef::Card(c) => format!("card {c}"),
        }
    }
}

/// One vote: who, on which card, and in which order it was cast (a larger
/// `id` is more recent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vote {
    pub id: i64,
    pub participant: String,
    pub card_id: i64,
}

/// Why a vote was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VoteRefusal {
    /// The participant has no votes left.
    Budget {
        participant: String,
        used: u32,
        limit: u32,
    },
    /// The participant has put the most votes allowed on this topic (a
    /// card, or a group of cards).
    Cap {
        participant: String,
        topic: String,
        limit: u32,
    },
    /// A vote to take back that was never cast.
    NoVote { participant: String, card_id: i64 },
}

impl fmt::Display for VoteRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VoteRefusal::Budget {
                participant,
                used,
                limit,
            } => write!(f, "{participant} has used {used} of {limit} votes"),
            VoteRefusal::Cap {
                participant,
                topic,
                limit,
            } => write!(
                f,
                "{participant} has put {limit} of {limit} votes on {topic} (the most on one topic)"
            ),
            VoteRefusal::NoVote {
                participant,
                card_id,
            } => write!(
                f,
                "{participant} has no vote on card {card_id} to take back"
            ),
        }
    }
}

impl std::error::Error for VoteRefusal {}

/// Votes `participant` has cast.
pub fn used_by(votes: &[Vote], participant: &str) -> u32 {
    votes
        .iter()
        .filter(|v| v.participant == participant)
        .count() as u32
}

/// Votes left for `participant`.
pub fn remaining(votes: &[Vote], participant: &str, settings: &RetroSettings) -> u32 {
    settings
        .votes_per_person
        .saturating_sub(used_by(votes, participant))
}

/// Whether `participant` may put one more vote on `card_id` (its topic's
/// votes counted together, see `TopicMap`).
pub fn check_vote(
    votes: &[Vote],
    participant: &str,
    card_id: i64,
    settings: &RetroSettings,
    topics: &TopicMap,
) -> Result<(), VoteRefusal> {
    let used = used_by(votes, participant);
    if used >= settings.votes_per_person {
        return Err(VoteRefusal::Budget {
            participant: participant.to_string(),
            used,
            limit: settings.votes_per_person,
        });
    }
    let topic = topics.topic(card_id);
    let on_topic = votes
        .iter()
        .filter(|v| v.participant == participant && topics.topic(v.card_id) == topic)
        .count() as u32;
    if on_topic >= settings.max_votes_per_card {
        return Err(VoteRefusal::Cap {
            participant: participant.to_string(),
            topic: topics.label(card_id),
            limit: settings.max_votes_per_card,
        });
    }
    Ok(())
}

/// The vote a take-back removes: the participant's most recent on the card.
pub fn vote_to_take_back(
    votes: &[Vote],
    participant: &str,
    card_id: i64,
) -> Result<i64, VoteRefusal> {
    votes
        .iter()
        .filter(|v| v.participant == participant && v.card_id == card_id)
        .map(|v| v.id)
        .max()
        .ok_or_else(|| VoteRefusal::NoVote {
            participant: participant.to_string(),
            card_id,
        })
}

/// The votes to remove so that none exceeds `settings`: per participant and
/// topic the most recent above the cap, then per participant the most recent
/// above the budget. Ids in ascending order.
pub fn excess_votes(votes: &[Vote], settings: &RetroSettings, topics: &TopicMap) -> Vec<i64> {
    let mut newest_first: Vec<&Vote> = votes.iter().collect();
    newest_first.sort_by_key(|v| std::cmp::Reverse(v.id));
    let mut per_card: HashMap<(&str, TopicRef), u32> = HashMap::new();
    let mut per_person: HashMap<&str, u32> = HashMap::new();
    // Walk oldest first to count what is kept; the newest beyond a limit go.
    let mut removed = Vec::new();
    for vote in newest_first.iter().rev() {
        let on_card = per_card
            .entry((vote.participant.as_str(), topics.topic(vote.card_id)))
            .or_default();
        if *on_card >= settings.max_votes_per_card {
            removed.push(vote.id);
            continue;
        }
        let used = per_person.entry(vote.participant.as_str()).or_default();
        if *used >= settings.votes_per_person {
            removed.push(vote.id);
            continue;
        }
        *on_card += 1;
        *used += 1;
    }
    removed.sort_unstable();
    removed
}

/// Votes per card, for tallies.
pub fn tally(votes: &[Vote]) -> HashMap<i64, u32> {
    let mut counts = HashMap::new();
    for vote in votes {
        *counts.entry(vote.card_id).or_default() += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vote(id: i64, who: &str, card: i64) -> Vote {
        Vote {
            id,
            participant: who.into(),
            card_id: card,
        }
    }

    fn limits(budget: u32, cap: u32) -> RetroSettings {
        RetroSettings {
            votes_per_person: budget,
            max_votes_per_card: cap,
            ..RetroSettings::default()
        }
    }

    #[test]
    fn the_budget_and_the_cap_refuse_a_vote_naming_the_limit() {
        let votes: Vec<Vote> = (1..=5).map(|i| vote(i, "Dana", i)).collect();
        let err = check_vote(&votes, "Dana", 9, &limits(5, 3), &TopicMap::default()).unwrap_err();
        assert_eq!(err.to_string(), "Dana has used 5 of 5 votes");
        assert_eq!(remaining(&votes, "Dana", &limits(5, 3)), 0);
        assert!(check_vote(&votes, "Eli", 9, &limits(5, 3), &TopicMap::default()).is_ok());

        let on_one = vec![vote(1, "Eli", 7), vote(2, "Eli", 7)];
        let err = check_vote(&on_one, "Eli", 7, &limits(5, 2), &TopicMap::default()).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("Eli has put 2 of 2 votes on card 7")
        );
        assert!(check_vote(&on_one, "Eli", 8, &limits(5, 2), &TopicMap::default()).is_ok());
    }

    #[test]
    fn the_cap_counts_every_card_of_a_group_as_one_topic() {
        use crate::domain::retro::board::{Card, CardGroup};
        let card = |id, group| Card {
            id,
            column: 0,
            text: String::new(),
            author: None,
            group_id: group,
            revealed: true,
            created_at: chrono::DateTime::from_timestamp(0, 0).unwrap(),
        };
        let cards = [card(3, Some(9)), card(5, Some(9)), card(6, None)];
        let groups = [CardGroup {
            id: 9,
            title: "Meetings".into(),
        }];
        let topics = TopicMap::new(&cards, &groups);
        let votes = vec![vote(1, "Dana", 3), vote(2, "Dana", 5)];
        let err = check_vote(&votes, "Dana", 5, &limits(5, 2), &topics).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Dana has put 2 of 2 votes on the group “Meetings” (the most on one topic)"
        );
        assert!(check_vote(&votes, "Dana", 6, &limits(5, 2), &topics).is_ok());
        // Lowering the cap to 1 removes the newer of the two group votes.
        assert_eq!(excess_votes(&votes, &limits(5, 1), &topics), vec![2]);
    }

    #[test]
    fn taking_back_removes_the_most_recent_vote_on_that_card() {
        let votes = vec![vote(1, "Dana", 7), vote(4, "Dana", 7), vote(5, "Eli", 7)];
        assert_eq!(vote_to_take_back(&votes, "Dana", 7), Ok(4));
        assert!(matches!(
            vote_to_take_back(&votes, "Dana", 8),
            Err(VoteRefusal::NoVote { .. })
        ));
    }

    #[test]
    fn lowering_limits_removes_the_most_recent_excess_votes() {
        let votes = vec![
            vote(1, "Dana", 1),
            vote(2, "Dana", 1),
            vote(3, "Dana", 1),
            vote(4, "Dana", 2),
            vote(5, "Eli", 2),
            vote(6, "Dana", 3),
        ];
        // Cap 2: Dana's third on card 1 (id 3) goes; budget 3: then her
        // newest beyond three kept (id 6) goes too.
        assert_eq!(
            excess_votes(&votes, &limits(3, 2), &TopicMap::default()),
            vec![3, 6]
        );
        assert_eq!(
            excess_votes(&votes, &limits(10, 3), &TopicMap::default()),
            Vec::<i64>::new()
        );
        let after: Vec<Vote> = votes
            .iter()
            .filter(|v| !excess_votes(&votes, &limits(3, 2), &TopicMap::default()).contains(&v.id))
            .cloned()
            .collect();
        assert!(used_by(&after, "Dana") <= 3);
        assert_eq!(tally(&after).get(&1), Some(&2));
    }

    proptest::proptest! {
        #[test]
        fn after_removing_the_excess_every_total_is_within_the_limits(
            cast in proptest::collection::vec((0u8..4, 0i64..6), 0..60),
            budget in 0u32..8,
            cap in 0u32..4,
        ) {
            let names = ["Ann", "Ben", "Cy", "Di"];
            let votes: Vec<Vote> = cast
                .iter()
                .enumerate()
                .map(|(i, (who, card))| vote(i as i64 + 1, names[*who as usize], *card))
                .collect();
            let settings = limits(budget, cap);
            let gone = excess_votes(&votes, &settings, &TopicMap::default());
            let kept: Vec<Vote> = votes.iter().filter(|v| !gone.contains(&v.id)).cloned().collect();
            for name in names {
                proptest::prop_assert!(used_by(&kept, name) <= budget);
                for card in 0..6 {
                    let n = kept.iter().filter(|v| v.participant == name && v.card_id == card).count();
                    proptest::prop_assert!(n as u32 <= cap);
                }
            }
            // Nothing within the limits is removed: removing one vote fewer
            // (the oldest removed) would break a limit.
            if let Some(&oldest) = gone.first() {
                let mut more = kept.clone();
                more.push(votes.iter().find(|v| v.id == oldest).unwrap().clone());
                more.sort_by_key(|v| v.id);
                proptest::prop_assert!(!excess_votes(&more, &settings, &TopicMap::default()).is_empty());
            }
        }
    }
}
