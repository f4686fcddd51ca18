//! The compact row the triage table holds for every item, and how rows are
//! ordered. Rows carry only what the table shows or filters on, so 100,000 of
//! them stay within tens of megabytes (and a million within a few hundred):
//! score inputs, which most items never get, live behind one pointer.

use super::feedback::{FeedbackItem, NpsTally, Source, Status};
use super::scoring::{Ice, Rice, ScoringModel, Wsjf};
use super::sentiment::Sentiment;
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
    /// The score inputs; `None` while the item has none (most items).
    scores: Option<Box<ScoreInputs>>,
    /// Every NPS answer the item stands for: its own and its merged
    /// reports' (`FeedbackItem::nps_answers`).
    pub nps: NpsTally,
    /// How many times it was reported.
    pub mentions: u32,
    pub sentiment: Sentiment,
    /// Lower-cased title, a U+001F separator, then the lower-cased tags:
    /// what the filter matches fuzzily.
    pub search_title: Box<str>,
    /// Byte length of the lower-cased title at the start of `search_title`.
    title_key_len: usize,
    /// Whether `search_title` is ASCII (the matcher's fast path).
    pub search_title_ascii: bool,
    /// Lower-cased description, matched by words (fuzzy matching on long
    /// text would let almost anything through).
    pub search_description: Box<str>,
    /// Which letters the search text holds, and where: the filter answers
    /// one-letter queries from these and skips text that lacks a query's
    /// letters (16 bytes a row).
    pub search_letters: SearchLetters,
}

/// An item's inputs to every scoring model.
#[derive(Debug, Clone, Default, PartialEq)]
struct ScoreInputs {
    rice: Rice,
    ice: Ice,
    wsjf: Wsjf,
}

/// The inputs of an item that has none.
static NO_SCORE_INPUTS: ScoreInputs = ScoreInputs {
    rice: Rice {
        reach: None,
        impact: None,
        confidence: None,
        effort: None,
    },
    ice: Ice {
        impact: None,
        confidence: None,
        ease: None,
    },
    wsjf: Wsjf {
        business_value: None,
        time_criticality: None,
        risk_reduction: None,
        job_size: None,
    },
};

impl TriageRow {
    /// The row for an item; takes the item to reuse its strings.
    pub fn from_item(item: FeedbackItem) -> TriageRow {
        let title_key = item.title.to_lowercase();
        let title_key_len = title_key.len();
        let search_title: Box<str> =
            format!("{title_key}\u{1f}{}", item.tags.join(" ").to_lowercase()).into();
        let search_description = item.description.to_lowercase().into_boxed_str();
        let nps = item.nps_answers();
        let search_letters = SearchLetters::of(&search_title, &search_description);
        TriageRow {
            id: item.id,
            title: item.title,
            source: item.source,
            status: item.status,
            tags: item.tags,
            created_at: item.created_at.timestamp(),
            scores: Some(ScoreInputs {
                rice: item.rice,
                ice: item.ice,
                wsjf: item.wsjf,
            })
            .filter(|inputs| *inputs != NO_SCORE_INPUTS)
            .map(Box::new),
            nps,
            mentions: item.mentions,
            sentiment: item.sentiment,
            search_title_ascii: search_title.is_ascii(),
            search_title,
            title_key_len,
            search_description,
            search_letters,
        }
    }

    /// The lower-cased title, which the title sort compares.
    pub fn title_key(&self) -> &str {
        &self.search_title[..self.title_key_len]
    }

    fn score_inputs(&self) -> &ScoreInputs {
        self.scores.as_deref().unwrap_or(&NO_SCORE_INPUTS)
    }

    pub fn rice(&self) -> &Rice {
        &self.score_inputs().rice
    }

    pub fn ice(&self) -> &Ice {
        &self.score_inputs().ice
    }

    pub fn wsjf(&self) -> &Wsjf {
        &self.score_inputs().wsjf
    }

    pub fn score(&self, model: ScoringModel) -> Option<f64> {
        let inputs = self.scores.as_deref()?;
        match model {
            ScoringModel::Rice => inputs.rice.score(),
            ScoringModel::Ice => inputs.ice.score(),
            ScoringModel::Wsjf => inputs.wsjf.score(),
        }
    }
}

/// Whether a byte continues a word of the search text (bytes that are not
/// ASCII are parts of letters).
pub fn is_word_byte(b: u8) -> bool {
    WORD_BYTES[usize::from(b)]
}

/// `is_word_byte` for every byte, looked up: it runs per byte of every
/// title loaded and of every title the filter places a word in.
const WORD_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric() || b >= 0x80;
        b += 1;
    }
    table
};

/// A set of the lower-case ASCII letters `a`–`z`, one bit each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Letters(u32);

impl Letters {
    /// The set of just `b`, or `None` when `b` is not a lower-case ASCII
    /// letter.
    pub fn of(b: u8) -> Option<Letters> {
        b.is_ascii_lowercase().then(|| Letters(1 << (b - b'a')))
    }

    /// The lower-case ASCII letters of `bytes` (other bytes are left out).
    pub fn in_bytes(bytes: &[u8]) -> Letters {
        // Marking each byte seen costs less per byte than setting bits.
        let mut seen = [false; 256];
        for &b in bytes {
            seen[usize::from(b)] = true;
        }
        Letters::seen(&seen)
    }

    /// The letters marked in a table of the bytes seen.
    fn seen(seen: &[bool; 256]) -> Letters {
        let letters = &seen[usize::from(b'a')..=usize::from(b'z')];
        Letters(
            letters
                .iter()
                .enumerate()
                .fold(0, |bits, (i, &seen)| bits | u32::from(seen) << i),
        )
    }

    /// Whether every letter of `other` is in this set.
    pub fn has_all(self, other: Letters) -> bool {
        self.0 & other.0 == other.0
    }
}

/// The letters of a row's search text, and where they stand in the title.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SearchLetters {
    /// Every letter of `search_title` (title and tags).
    pub title: Letters,
    /// The letters that begin a word of `search_title`.
    pub title_word_starts: Letters,
    /// The letters that stand alone as a word of `search_title`.
    pub title_one_letter_words: Letters,
    /// Every letter of `search_description`.
    pub description: Letters,
}

impl SearchLetters {
    /// This runs for every row loaded: a table lookup or two per byte.
    fn of(search_title: &str, search_description: &str) -> SearchLetters {
        let title = search_title.as_bytes();
        let (mut word_starts, mut one_letter_words) = (0, 0);
        for word in title.split(|&b| !is_word_byte(b)) {
            if let Some(letter) = word.first().and_then(|&b| Letters::of(b)) {
                word_starts |= letter.0;
                if word.len() == 1 {
                    one_letter_words |= letter.0;
                }
            }
        }
        SearchLetters {
            title: Letters::in_bytes(title),
            title_word_starts: Letters(word_starts),
            title_one_letter_words: Letters(one_letter_words),
            description: Letters::in_bytes(search_description.as_bytes()),
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
    /// By Kano category (must-be, one-dimensional, attractive, indifferent,
    /// reverse, questionable), items without survey answers last.
    Kano,
    /// Most often reported first.
    Mentions,
}

impl SortKey {
    pub fn next(self) -> SortKey {
        match self {
            SortKey::Score => SortKey::Created,
            SortKey::Created => SortKey::Title,
            SortKey::Title => SortKey::Kano,
            SortKey::Kano => SortKey::Mentions,
            SortKey::Mentions => SortKey::Score,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            SortKey::Score => "score",
            SortKey::Created => "created",
            SortKey::Title => "title",
            SortKey::Kano => "kano",
            SortKey::Mentions => "mentions",
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
/// The table shows a reversed sort by reading this order backwards, keeping
/// unscored items last.
pub fn compare_rows(a: &TriageRow, b: &TriageRow, key: SortKey, model: ScoringModel) -> Ordering {
    match key {
        SortKey::Score => compare_by_score(a.score(model), b.score(model)).then(a.id.cmp(&b.id)),
        SortKey::Created => (b.created_at, b.id).cmp(&(a.created_at, a.id)),
        SortKey::Title => a.title_key().cmp(b.title_key()).then(a.id.cmp(&b.id)),
        // Rows do not carry survey results; the triage list orders by Kano
        // itself and this keeps the order total.
        SortKey::Kano => a.id.cmp(&b.id),
        SortKey::Mentions => b.mentions.cmp(&a.mentions).then(a.id.cmp(&b.id)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::scoring::Impact;
    use chrono::DateTime;

    fn item() -> FeedbackItem {
        FeedbackItem {
            created_at: DateTime::from_timestamp(0, 0).unwrap(),
            ..FeedbackItem::example(1, "")
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
        rows.sort_by(|a, b| compare_rows(a, b, key, ScoringModel::Rice));
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
    }

    #[test]
    fn mentions_order_puts_the_most_reported_first() {
        let with = |id, mentions| TriageRow {
            mentions,
            ..row(id, "x", 0, None)
        };
        let mut rows = vec![with(1, 1), with(2, 7), with(3, 2), with(4, 7)];
        assert_eq!(sorted(&mut rows, SortKey::Mentions), vec![2, 4, 3, 1]);
    }

    #[test]
    fn score_inputs_are_kept_only_for_items_that_have_some() {
        let unscored = TriageRow::from_item(item());
        assert!(unscored.scores.is_none());
        assert_eq!(*unscored.rice(), Rice::default());
        assert_eq!(unscored.score(ScoringModel::Rice), None);
        let scored = row(2, "x", 0, Some(40.0));
        assert_eq!(scored.rice().reach, Some(40.0));
        assert_eq!(scored.score(ScoringModel::Rice), Some(40.0));
        assert_eq!(*scored.wsjf(), Wsjf::default());
        assert!(
            std::mem::size_of::<TriageRow>() <= 160,
            "a row stays compact: {} bytes",
            std::mem::size_of::<TriageRow>()
        );
    }

    #[test]
    fn search_text_is_lower_case() {
        let r = TriageRow::from_item(FeedbackItem {
            title: "Export CSV".into(),
            description: "From the Report page".into(),
            tags: vec!["reporting".into()],
            ..item()
        });
        assert_eq!(&*r.search_title, "export csv\u{1f}reporting");
        assert_eq!(r.title_key(), "export csv");
        assert!(r.search_title_ascii);
        assert_eq!(&*r.search_description, "from the report page");
    }

    #[test]
    fn search_letters_say_where_each_letter_stands() {
        let r = TriageRow::from_item(FeedbackItem {
            title: "Export a CSV-file".into(),
            description: "Why?".into(),
            tags: vec!["q".into()],
            ..item()
        });
        let letters = |text: &str| Letters::in_bytes(text.as_bytes());
        assert_eq!(r.search_letters.title, letters("exportacsvfileq"));
        assert_eq!(r.search_letters.title_word_starts, letters("eacfq"));
        assert_eq!(r.search_letters.title_one_letter_words, letters("aq"));
        assert_eq!(r.search_letters.description, letters("why"));
        assert_eq!(Letters::of(b'E'), None);
        assert!(letters("export").has_all(letters("pox")));
        assert!(!letters("export").has_all(letters("pax")));
    }
}
