//! The feedback backlog over time: how many items came in per week or
//! month, by source and by sentiment; the NPS of each week or month; and
//! the open items the active scoring model ranks highest.
//!
//! Feedback belongs to the product, not to a team, so every team's
//! dashboard shows the same backlog. An item counts once, in the week or
//! month it was first reported, under its first source. NPS counts every
//! answer: items' own, their merged reports' and answers without comment.
//! Weeks start on Monday. A period longer than 26 weeks is shown by month;
//! only the last `MAX_BUCKETS` weeks or months are kept.

use crate::domain::feedback::{NpsTally, Source, Status};
use crate::domain::scoring::{Ice, Rice, ScoringModel, Wsjf};
use crate::domain::sentiment::Sentiment;
use chrono::{Datelike, Days, NaiveDate};

/// How many weeks or months the backlog keeps.
pub const MAX_BUCKETS: usize = 12;
/// How many top items it lists.
pub const TOP_ITEMS: usize = 5;

/// One feedback item as the backlog counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeedbackFact {
    pub created: NaiveDate,
    pub source: Source,
    pub sentiment: Sentiment,
}

/// One NPS answer and the day it was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NpsAnswer {
    pub date: NaiveDate,
    pub score: u8,
}

/// An open item with its scores, a candidate for the top list.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoredItem {
    pub id: i64,
    pub title: String,
    pub status: Status,
    pub rice: Rice,
    pub ice: Ice,
    pub wsjf: Wsjf,
}

/// Weeks or months.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Granularity {
    Week,
    Month,
}

impl Granularity {
    /// Weeks for up to 26 weeks from `start` to `end`, else months.
    pub fn for_span(start: NaiveDate, end: NaiveDate) -> Granularity {
        if (end - start).num_weeks() > 26 {
            Granularity::Month
        } else {
            Granularity::Week
        }
    }

    /// The first day of the week (Monday) or month holding `date`.
    pub fn start_of(self, date: NaiveDate) -> NaiveDate {
        match self {
            Granularity::Week => date - Days::new(u64::from(date.weekday().num_days_from_monday())),
            Granularity::Month => date.with_day(1).unwrap_or(date),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Granularity::Week => "week",
            Granularity::Month => "month",
        }
    }
}

/// One week or month of the backlog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bucket {
    /// Its first day.
    pub start: NaiveDate,
    /// Items per source, in `Source::ALL` order.
    pub by_source: [u32; 7],
    /// Items per sentiment, in `Sentiment::ALL` order.
    pub by_sentiment: [u32; 3],
    pub nps: NpsTally,
}

impl Bucket {
    fn new(start: NaiveDate) -> Bucket {
        Bucket {
            start,
            by_source: [0; 7],
            by_sentiment: [0; 3],
            nps: NpsTally::default(),
        }
    }

    pub fn items(&self) -> u32 {
        self.by_source.iter().sum()
    }
}

/// An item of the top list with its score under the active model.
#[derive(Debug, Clone, PartialEq)]
pub struct TopItem {
    pub id: i64,
    pub title: String,
    pub status: Status,
    pub score: f64,
}

/// The backlog for the dashboard.
#[derive(Debug, Clone, PartialEq)]
pub struct Backlog {
    pub granularity: Granularity,
    /// Oldest first, the last `MAX_BUCKETS` with something in them or
    /// between them.
    pub buckets: Vec<Bucket>,
    /// Items in the period, all weeks or months.
    pub items: usize,
    /// NPS answers in the period.
    pub nps: NpsTally,
    pub model: ScoringModel,
    pub top: Vec<TopItem>,
}

fn index_of<T: PartialEq>(all: &[T], value: &T) -> usize {
    all.iter().position(|v| v == value).unwrap_or(0)
}

impl Backlog {
    /// The backlog of the items and answers given (already limited to the
    /// period starting `since`, all time when `None`) up to `today`, with
    /// the top open `candidates` under `model`.
    pub fn of(
        items: &[FeedbackFact],
        answers: &[NpsAnswer],
        candidates: &[ScoredItem],
        model: ScoringModel,
        since: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Backlog {
        let first = items
            .iter()
            .map(|i| i.created)
            .chain(answers.iter().map(|a| a.date))
            .min();
        let start = since.or(first).unwrap_or(today).min(today);
        let granularity = Granularity::for_span(start, today);
        // Buckets from the last MAX_BUCKETS weeks or months up to today.
        let mut starts = vec![granularity.start_of(today)];
        while starts.len() < MAX_BUCKETS {
            let previous = match granularity {
                Granularity::Week => starts[0] - Days::new(7),
                Granularity::Month => starts[0]
                    .checked_sub_months(chrono::Months::new(1))
                    .unwrap_or(starts[0]),
            };
            if previous < granularity.start_of(start) {
                break;
            }
            starts.insert(0, previous);
        }
        let mut buckets: Vec<Bucket> = starts.into_iter().map(Bucket::new).collect();
        let first_start = buckets[0].start;
        let bucket_of = |date: NaiveDate| -> Option<usize> {
            let s = granularity.start_of(date);
            (s >= first_start).then(|| buckets_index(granularity, first_start, s))
        };
        let mut nps = NpsTally::default();
        for item in items {
            if let Some(b) = bucket_of(item.created).and_then(|i| buckets.get_mut(i)) {
                b.by_source[index_of(Source::ALL, &item.source)] += 1;
                b.by_sentiment[index_of(Sentiment::ALL, &item.sentiment)] += 1;
            }
        }
        for answer in answers {
            nps.add(answer.score);
            if let Some(b) = bucket_of(answer.date).and_then(|i| buckets.get_mut(i)) {
                b.nps.add(answer.score);
            }
        }
        Backlog {
            granularity,
            buckets,
            items: items.len(),
            nps,
            model,
            top: top_items(candidates, model),
        }
    }
}

/// The position of the bucket starting `start` after the one starting
/// `first`.
fn buckets_index(granularity: Granularity, first: NaiveDate, start: NaiveDate) -> usize {
    match granularity {
        Granularity::Week => ((start - first).num_days() / 7) as usize,
        Granularity::Month => {
            let months = |d: NaiveDate| d.year() * 12 + d.month0() as i32;
            (months(start) - months(first)) as usize
        }
    }
}

/// The open items (not done, not won't-do) with the highest scores under
/// `model`, best first (ties by id); items without a score are left out.
pub fn top_items(candidates: &[ScoredItem], model: ScoringModel) -> Vec<TopItem> {
    let mut scored: Vec<(f64, &ScoredItem)> = candidates
        .iter()
        .filter(|c| !matches!(c.status, Status::Done | Status::WontDo))
        .filter_map(|c| {
            let score = match model {
                ScoringModel::Rice => c.rice.score(),
                ScoringModel::Ice => c.ice.score(),
                ScoringModel::Wsjf => c.wsjf.score(),
            }?;
            Some((score, c))
        })
        .collect();
    scored.sort_by(|(a_score, a), (b_score, b)| b_score.total_cmp(a_score).then(a.id.cmp(&b.id)));
    scored
        .into_iter()
        .take(TOP_ITEMS)
        .map(|(score, c)| TopItem {
            id: c.id,
            title: c.title.clone(),
            status: c.status,
            score,
        })
        .collect()
}

#[cfg(test)]
mod tests;
