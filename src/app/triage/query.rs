//! The filter query, compiled once per keystroke: a fuzzy pattern for
//! titles and tags (nucleo; a plain ASCII query on an ASCII title is a
//! memchr subsequence test) and a substring finder per word for
//! descriptions.

use crate::domain::triage::TriageRow;
use memchr::memmem::Finder;
use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Matcher, Utf32Str};

/// Whether `needle` occurs in `haystack` in order, not necessarily together.
fn is_subsequence(needle: &[u8], haystack: &[u8]) -> bool {
    let mut rest = haystack;
    for &b in needle {
        match memchr::memchr(b, rest) {
            Some(i) => rest = &rest[i + 1..],
            None => return false,
        }
    }
    true
}

/// The query, compiled once per keystroke.
pub(super) struct QueryFilter {
    /// Fuzzy pattern for titles and tags.
    pattern: Pattern,
    /// When every atom is a plain fuzzy ASCII word, its bytes: on an ASCII
    /// title a fuzzy match is then exactly a subsequence test, which memchr
    /// answers several times faster than scoring the match.
    subsequences: Option<Vec<Vec<u8>>>,
    /// One substring finder per word, for descriptions.
    words: Vec<Finder<'static>>,
}

impl QueryFilter {
    pub(super) fn new(query: &str) -> QueryFilter {
        // Rows hold lower-cased text, so case is ignored.
        let lower = query.to_lowercase();
        let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
        let subsequences = pattern
            .atoms
            .iter()
            .map(
                |atom| match (atom.negative, atom.kind, atom.needle_text()) {
                    (false, AtomKind::Fuzzy, Utf32Str::Ascii(bytes)) => Some(bytes.to_vec()),
                    _ => None,
                },
            )
            .collect();
        QueryFilter {
            pattern,
            subsequences,
            words: lower
                .split_whitespace()
                .map(|w| Finder::new(w.as_bytes()).into_owned())
                .collect(),
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.pattern.atoms.is_empty()
    }

    pub(super) fn matches(
        &self,
        row: &TriageRow,
        matcher: &mut Matcher,
        buf: &mut Vec<char>,
    ) -> bool {
        let in_title = match (&self.subsequences, row.search_title_ascii) {
            (Some(needles), true) => {
                let title = row.search_title.as_bytes();
                needles.iter().all(|n| is_subsequence(n, title))
            }
            _ => self
                .pattern
                .score(Utf32Str::new(&row.search_title, buf), matcher)
                .is_some(),
        };
        if in_title {
            return true;
        }
        let description = row.search_description.as_bytes();
        !self.words.is_empty() && self.words.iter().all(|w| w.find(description).is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::feedback::FeedbackItem;

    proptest::proptest! {
        #[test]
        fn the_subsequence_fast_path_agrees_with_nucleo(
            title in "[a-z ]{0,30}",
            query in "[a-zA-Z]{1,4}( [a-z]{1,3})?",
        ) {
            let filter = QueryFilter::new(&query);
            proptest::prop_assert!(filter.subsequences.is_some());
            let r = TriageRow::from_item(FeedbackItem::example(1, &title));
            let fast = filter.subsequences.as_ref().unwrap().iter().all(|n| is_subsequence(n, r.search_title.as_bytes()));
            let mut matcher = Matcher::new(nucleo_matcher::Config::DEFAULT);
            let slow = filter
                .pattern
                .score(Utf32Str::new(&r.search_title, &mut Vec::new()), &mut matcher)
                .is_some();
            proptest::prop_assert_eq!(fast, slow);
        }
    }
}
