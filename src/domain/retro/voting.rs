//! Dot voting: each participant has a budget of votes and may put at most a
//! set number on one card (or group). A vote over either limit is refused
//! with a message naming it. Lowering a limit below the votes already cast
//! removes the most recent excess votes (after the facilitator agrees), so
//! no total ever stays above a limit.

use super::board::RetroSettings;
use std::collections::HashMap;
use std::fmt;

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
    /// The participant has put the most votes allowed on this card.
    Cap {
        participant: String,
        card_id: i64,
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
                card_id,
                limit,
            } => write!(
                f,
                "{participant} has put {limit} of {limit} votes on card {card_id} (the most per card)"
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

/// Whether `participant` may put one more vote on `card_id`.
pub fn check_vote(
    votes: &[Vote],
    participant: &str,
    card_id: i64,
    settings: &RetroSettings,
) -> Result<(), VoteRefusal> {
    let used = used_by(votes, participant);
    if used >= settings.votes_per_person {
        return Err(VoteRefusal::Budget {
            participant: participant.to_string(),
            used,
            limit: settings.votes_per_person,
        });
    }
    let on_card = votes
        .iter()
        .filter(|v| v.participant == participant && v.card_id == card_id)
        .count() as u32;
    if on_card >= settings.max_votes_per_card {
        return Err(VoteRefusal::Cap {
            participant: participant.to_string(),
            card_id,
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
/// card the most recent above the cap, then per participant the most recent
/// above the budget. Ids in ascending order.
pub fn excess_votes(votes: &[Vote], settings: &RetroSettings) -> Vec<i64> {
    let mut newest_first: Vec<&Vote> = votes.iter().collect();
    newest_first.sort_by_key(|v| std::cmp::Reverse(v.id));
    let mut per_card: HashMap<(&str, i64), u32> = HashMap::new();
    let mut per_person: HashMap<&str, u32> = HashMap::new();
    // Walk oldest first to count what is kept; the newest beyond a limit go.
    let mut removed = Vec::new();
    for vote in newest_first.iter().rev() {
        let on_card = per_card
            .entry((vote.participant.as_str(), vote.card_id))
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
        let err = check_vote(&votes, "Dana", 9, &limits(5, 3)).unwrap_err();
        assert_eq!(err.to_string(), "Dana has used 5 of 5 votes");
        assert_eq!(remaining(&votes, "Dana", &limits(5, 3)), 0);
        assert!(check_vote(&votes, "Eli", 9, &limits(5, 3)).is_ok());

        let on_one = vec![vote(1, "Eli", 7), vote(2, "Eli", 7)];
        let err = check_vote(&on_one, "Eli", 7, &limits(5, 2)).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("Eli has put 2 of 2 votes on card 7")
        );
        assert!(check_vote(&on_one, "Eli", 8, &limits(5, 2)).is_ok());
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
        assert_eq!(excess_votes(&votes, &limits(3, 2)), vec![3, 6]);
        assert_eq!(excess_votes(&votes, &limits(10, 3)), Vec::<i64>::new());
        let after: Vec<Vote> = votes
            .iter()
            .filter(|v| !excess_votes(&votes, &limits(3, 2)).contains(&v.id))
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
            let gone = excess_votes(&votes, &settings);
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
                proptest::prop_assert!(!excess_votes(&more, &settings).is_empty());
            }
        }
    }
}
