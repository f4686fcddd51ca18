//! The compact row the triage table holds for every item, and how rows are
//! ordered. Rows carry only what the table shows or filters on, so 100,000 of
//! them stay within tens of megabytes.

use super::feedback::{FeedbackItem, Source, Status};
use super::scoring::{Ice, Rice, ScoringModel, Wsjf};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// One line of the triage table.
#[derive(Debug, Clone, PartialEq)]
pub struct TriageRow {
    pub id: i64,
    pub title: String,
    pub source: Source,
    pub status: Status,
    pub tags: Vec<String>,
    /// Unix seconds.
    pub created_at: i64,
    pub rice: Rice,
    pub ice: Ice,
    pub wsjf: Wsjf,
    /// Lower-cased title and tags, matched fuzzily by the filter.
    pub search_title: String,
    /// Lower-cased description, matched by substring (fuzzy matching on
    /// long text would let almost anything through).
    pub search_description: String,
}

impl TriageRow {
    /// The row for an item; takes the item to reuse its strings.
    pub fn from_item(item: FeedbackItem) -> TriageRow {
        let search_title = format!("{} {}", item.title, item.tags.join(" ")).to_lowercase();
        let search_description = item.description.to_lowercase();
        TriageRow {
            id: item.id,
            title: item.title,
            source: item.source,
            status: item.status,
            tags: item.tags,
            created_at: item.created_at.timestamp(),
            rice: item.rice,
            ice: item.ice,
            wsjf: item.wsjf,
            search_title,
            search_description,
        }
    }

    pub fn score(&self, model: ScoringModel) -> Option<f64> {
        match model {
            ScoringModel::Rice => self.rice.score(),
            ScoringModel::Ice => self.ice.score(),
            ScoringModel::Wsjf => self.wsjf.score(),
        }
    }
}

/// What the triage table is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortKey {
    /// The active model's score, highest first, unscored last.
    #[default]
    Score,
    /// Newest first (the later-added first within one second).
    Created,
    /// A to Z, ignoring case.
    Title,
}

impl SortKey {
    pub fn next(self) -> SortKey {
        match self {
            SortKey::Score => SortKey::Created,
            SortKey::Created => SortKey::Title,
            SortKey::Title => SortKey::Score,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            SortKey::Score => "score",
            SortKey::Created => "created",
            SortKey::Title => "title",
        }
    }
}

/// Highest score first; unscored items last; ties by id so the order is total.
pub fn compare_by_score(a: Option<f64>, b: Option<f64>) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => y.total_cmp(&x),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// The order of two rows under a sort key and model, ties broken by id.
/// `reversed` flips the key's natural order; unscored items stay last.
pub fn compare_rows(
    a: &TriageRow,
    b: &TriageRow,
    key: SortKey,
    model: ScoringModel,
    reversed: bool,
) -> Ordering {
    let flip = |o: Ordering| if reversed { o.reverse() } else { o };
    let primary = match key {
        SortKey::Score => match (a.score(model), b.score(model)) {
            (Some(x), Some(y)) => flip(y.total_cmp(&x)),
            (x, y) => compare_by_score(x, y),
        },
        SortKey::Created => flip((b.created_at, b.id).cmp(&(a.created_at, a.id))),
        SortKey::Title => flip(cmp_ignore_case(&a.title, &b.title)),
    };
    primary.then(a.id.cmp(&b.id))
}

fn cmp_ignore_case(a: &str, b: &str) -> Ordering {
    let lower = |s: &str| s.chars().flat_map(char::to_lowercase).collect::<Vec<_>>();
    if a.is_ascii() && b.is_ascii() {
        a.bytes()
            .map(|c| c.to_ascii_lowercase())
            .cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
    } else {
        lower(a).cmp(&lower(b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::scoring::Impact;
    use chrono::DateTime;

    fn item() -> FeedbackItem {
        FeedbackItem {
            id: 1,
            title: String::new(),
            description: String::new(),
            source: Source::Other,
            customer: None,
            created_at: DateTime::from_timestamp(0, 0).unwrap(),
            tags: vec![],
            status: Status::New,
            nps: None,
            rice: Rice::default(),
            ice: Ice::default(),
            wsjf: Wsjf::default(),
        }
    }

    fn row(id: i64, title: &str, created_at: i64, reach: Option<f64>) -> TriageRow {
        let rice = Rice {
            reach,
            impact: Some(Impact::Medium),
            confidence: Some(100.0),
            effort: Some(1.0),
        };
        TriageRow::from_item(FeedbackItem {
            id,
            title: title.into(),
            created_at: DateTime::from_timestamp(created_at, 0).unwrap(),
            rice,
            ..item()
        })
    }

    fn sorted(rows: &mut [TriageRow], key: SortKey) -> Vec<i64> {
        rows.sort_by(|a, b| compare_rows(a, b, key, ScoringModel::Rice, false));
        rows.iter().map(|r| r.id).collect()
    }

    #[test]
    fn score_order_puts_unscored_last() {
        let mut rows = vec![
            row(1, "b", 10, None),
            row(2, "a", 30, Some(5.0)),
            row(3, "C", 20, Some(50.0)),
            row(4, "d", 5, None),
        ];
        assert_eq!(sorted(&mut rows, SortKey::Score), vec![3, 2, 1, 4]);
        assert_eq!(sorted(&mut rows, SortKey::Created), vec![2, 3, 1, 4]);
        assert_eq!(sorted(&mut rows, SortKey::Title), vec![2, 1, 3, 4]);
        rows.sort_by(|a, b| compare_rows(a, b, SortKey::Score, ScoringModel::Rice, true));
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        assert_eq!(ids, vec![2, 3, 1, 4], "reversed, unscored still last");
    }

    #[test]
    fn search_text_is_lower_case() {
        let r = TriageRow::from_item(FeedbackItem {
            title: "Export CSV".into(),
            description: "From the Report page".into(),
            tags: vec!["reporting".into()],
            ..item()
        });
        assert_eq!(r.search_title, "export csv reporting");
        assert_eq!(r.search_description, "from the report page");
    }
}
