//! Net Promoter Score: the class of a 0–10 answer and a tally of answers
//! by class, which adds up over items and gives the score.

use serde::Serialize;

/// NPS class of a 0–10 score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NpsClass {
    Promoter,
    Passive,
    Detractor,
}

impl NpsClass {
    pub fn of(score: u8) -> NpsClass {
        match score {
            9..=10 => NpsClass::Promoter,
            7..=8 => NpsClass::Passive,
            _ => NpsClass::Detractor,
        }
    }
}

/// NPS answers counted by class: all an NPS figure needs, and small enough
/// to keep one per item and add up over many items on every keystroke.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NpsTally {
    pub promoters: u32,
    pub passives: u32,
    pub detractors: u32,
}

impl NpsTally {
    /// The tally of some 0–10 answers.
    pub fn of(answers: impl IntoIterator<Item = u8>) -> NpsTally {
        let mut tally = NpsTally::default();
        for score in answers {
            tally.add(score);
        }
        tally
    }

    /// Counts one more answer.
    pub fn add(&mut self, score: u8) {
        let class = match NpsClass::of(score) {
            NpsClass::Promoter => &mut self.promoters,
            NpsClass::Passive => &mut self.passives,
            NpsClass::Detractor => &mut self.detractors,
        };
        *class = class.saturating_add(1);
    }

    /// How many answers it counts.
    pub fn answers(&self) -> usize {
        self.promoters as usize + self.passives as usize + self.detractors as usize
    }

    /// Net Promoter Score of the answers: % promoters − % detractors, from
    /// −100 to 100, rounded, with the number of answers; `None` without any.
    pub fn score(&self) -> Option<(i32, usize)> {
        let n = self.answers();
        (n > 0).then(|| {
            let nps = (self.promoters as f64 - self.detractors as f64) * 100.0 / n as f64;
            (nps.round() as i32, n)
        })
    }
}

impl std::ops::AddAssign for NpsTally {
    fn add_assign(&mut self, other: NpsTally) {
        self.promoters = self.promoters.saturating_add(other.promoters);
        self.passives = self.passives.saturating_add(other.passives);
        self.detractors = self.detractors.saturating_add(other.detractors);
    }
}

impl std::ops::Add for NpsTally {
    type Output = NpsTally;

    fn add(mut self, other: NpsTally) -> NpsTally {
        self += other;
        self
    }
}

impl std::iter::Sum for NpsTally {
    fn sum<I: Iterator<Item = NpsTally>>(tallies: I) -> NpsTally {
        tallies.fold(NpsTally::default(), |sum, t| sum + t)
    }
}

/// Net Promoter Score of some answers: % promoters − % detractors, from −100
/// to 100, with the number of answers; `None` without answers.
pub fn net_promoter_score(answers: impl IntoIterator<Item = u8>) -> Option<(i32, usize)> {
    NpsTally::of(answers).score()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::feedback::FeedbackItem;

    #[test]
    fn nps_classes() {
        assert_eq!(NpsClass::of(10), NpsClass::Promoter);
        assert_eq!(NpsClass::of(9), NpsClass::Promoter);
        assert_eq!(NpsClass::of(8), NpsClass::Passive);
        assert_eq!(NpsClass::of(7), NpsClass::Passive);
        assert_eq!(NpsClass::of(6), NpsClass::Detractor);
        assert_eq!(NpsClass::of(0), NpsClass::Detractor);
    }

    #[test]
    fn net_promoter_score_is_promoters_minus_detractors() {
        assert_eq!(net_promoter_score([]), None);
        // 2 promoters, 1 passive, 1 detractor: (2 - 1) / 4 = 25.
        assert_eq!(net_promoter_score([10, 9, 8, 3]), Some((25, 4)));
        assert_eq!(net_promoter_score([0, 6]), Some((-100, 2)));
        assert_eq!(net_promoter_score([7, 8]), Some((0, 2)));
    }

    #[test]
    fn an_nps_tally_counts_every_answer_of_every_item() {
        // The reviewer's survey: seven respondents, merged into four items
        // (three 10s, two 9s, and two answers with comments).
        let items = [
            FeedbackItem {
                nps: Some(10),
                merged_nps: NpsTally::of([10, 10]),
                ..FeedbackItem::example(1, "NPS 10 (no comment)")
            },
            FeedbackItem {
                nps: Some(9),
                merged_nps: NpsTally::of([9]),
                ..FeedbackItem::example(2, "NPS 9 (no comment)")
            },
            FeedbackItem {
                nps: Some(2),
                ..FeedbackItem::example(3, "Export is broken")
            },
            FeedbackItem {
                nps: Some(0),
                ..FeedbackItem::example(4, "Login takes forever")
            },
            // No answer of its own, one merged in: that one counts.
            FeedbackItem {
                merged_nps: NpsTally::of([8]),
                ..FeedbackItem::example(5, "Passive")
            },
            FeedbackItem::example(6, "No answer at all"),
        ];
        let tally: NpsTally = items.iter().map(FeedbackItem::nps_answers).sum();
        assert_eq!(
            tally,
            NpsTally {
                promoters: 5,
                passives: 1,
                detractors: 2,
            }
        );
        assert_eq!(tally.score(), Some((38, 8)));
        assert_eq!(
            items[..4]
                .iter()
                .map(FeedbackItem::nps_answers)
                .sum::<NpsTally>()
                .score(),
            Some((43, 7)),
            "not +0 (n=4): merged answers count"
        );
        assert_eq!(items[5].nps_answers().score(), None);
        assert_eq!(NpsTally::default().score(), None);
        // Adding tallies is counting all their answers at once.
        assert_eq!(
            NpsTally::of([10, 0]) + NpsTally::of([7, 6, 9]),
            NpsTally::of([10, 0, 7, 6, 9])
        );
        assert_eq!(
            net_promoter_score([10, 0, 7, 6, 9]),
            NpsTally::of([10, 0, 7, 6, 9]).score()
        );
    }
}
