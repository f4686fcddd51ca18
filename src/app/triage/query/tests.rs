//! The filter's matching and ranking.

use super::*;
use crate::domain::feedback::FeedbackItem;

fn row(title: &str, tags: &[&str], description: &str) -> TriageRow {
    TriageRow::from_item(FeedbackItem {
        tags: tags.iter().map(|t| t.to_string()).collect(),
        description: description.into(),
        ..FeedbackItem::example(1, title)
    })
}

fn quality(query: &str, title: &str) -> Quality {
    QueryFilter::new(query).quality(&row(title, &[], ""), &mut Vec::new())
}

#[test]
fn export_finds_words_not_letters_picked_from_several_words() {
    assert_eq!(quality("export", "Export shift plan"), WHOLE_WORD);
    assert_eq!(quality("export", "CSV export broken"), WHOLE_WORD);
    assert_eq!(
        quality("export", "Too expensive for small stores"),
        NO_MATCH
    );
    assert_eq!(quality("EXPORT", "Export shift plan"), WHOLE_WORD);
}

#[test]
fn whole_words_rank_above_word_starts_inside_words_and_scattered_letters() {
    assert_eq!(quality("plan", "Export shift plan"), WHOLE_WORD);
    assert_eq!(quality("plan", "Planning board"), WORD_START);
    assert_eq!(quality("port", "Export shift plan"), INSIDE_WORD);
    // Letters in order inside one word.
    assert_eq!(quality("xprt", "Export shift plan"), SCATTERED);
    // Pieces that each begin a word.
    assert_eq!(quality("shplan", "Export shift plan"), SCATTERED);
    assert_eq!(quality("esp", "Export shift plan"), SCATTERED);
    // A piece from the middle of a later word is too loose.
    assert_eq!(quality("exlan", "Export shift plan"), NO_MATCH);
    assert_eq!(quality("zzz", "Export shift plan"), NO_MATCH);
}

#[test]
fn the_description_matches_whole_words_below_the_title() {
    let filter = QueryFilter::new("rota");
    let r = row("Export shift plan", &[], "the weekly rota as excel");
    assert_eq!(filter.quality(&r, &mut Vec::new()), IN_DESCRIPTION);
    // No scattered letters in descriptions.
    let filter = QueryFilter::new("wkly");
    assert_eq!(filter.quality(&r, &mut Vec::new()), NO_MATCH);
}

#[test]
fn tags_match_like_the_title() {
    let filter = QueryFilter::new("mobile");
    let r = row("Shift swap", &["mobile"], "");
    assert_eq!(filter.quality(&r, &mut Vec::new()), WHOLE_WORD);
}

#[test]
fn every_word_must_match_and_the_worst_counts() {
    assert_eq!(quality("export plan", "Export shift plan"), WHOLE_WORD);
    assert_eq!(quality("export pla", "Export shift plan"), WORD_START);
    assert_eq!(quality("export rota", "Export shift plan"), NO_MATCH);
}

#[test]
fn quotes_and_apostrophes_force_exact_matching() {
    assert_eq!(quality("'xprt", "Export shift plan"), NO_MATCH);
    assert_eq!(quality("'port", "Export shift plan"), INSIDE_WORD);
    assert_eq!(quality("\"shift plan\"", "Export shift plan"), WHOLE_WORD);
    assert_eq!(quality("\"plan shift\"", "Export shift plan"), NO_MATCH);
    // An unclosed quote is a phrase being typed.
    assert_eq!(quality("\"shift pl", "Export shift plan"), WORD_START);
    assert_eq!(
        quality("\"", "Export shift plan"),
        BEST,
        "no words: everything"
    );
}

#[test]
fn start_end_and_not_operators() {
    assert_eq!(quality("^export", "Export shift plan"), WHOLE_WORD);
    assert_eq!(quality("^exp", "Export shift plan"), WORD_START);
    assert_eq!(quality("^shift", "Export shift plan"), NO_MATCH);
    assert_eq!(quality("plan$", "Export shift plan"), WHOLE_WORD);
    assert_eq!(quality("lan$", "Export shift plan"), INSIDE_WORD);
    assert_eq!(quality("shift$", "Export shift plan"), NO_MATCH);
    assert_eq!(quality("!excel", "Export shift plan"), BEST);
    assert_eq!(quality("shift !plan", "Export shift plan"), NO_MATCH);
}

#[test]
fn titles_that_are_not_ascii_match_by_characters() {
    assert_eq!(quality("café", "Café menu in the app"), WHOLE_WORD);
    assert_eq!(quality("cmenu", "Café menu in the app"), SCATTERED);
    assert_eq!(quality("東京", "東京 office"), WHOLE_WORD);
    assert_eq!(quality("éapp", "Café menu in the app"), NO_MATCH);
}

proptest::proptest! {
    /// Whatever the quality floor lets through is at least a subsequence,
    /// and any substring of the title is found.
    #[test]
    fn matches_are_subsequences_and_substrings_always_match(
        title in "[a-z ]{1,30}",
        start in 0usize..30,
        len in 1usize..5,
        query in "[a-z]{1,5}",
    ) {
        let q = quality(&query, &title);
        if q != NO_MATCH {
            proptest::prop_assert!(is_subsequence(query.as_bytes(), title.as_bytes()));
        }
        let start = start.min(title.len() - 1);
        let part = title[start..(start + len).min(title.len())].trim();
        if !part.is_empty() && !part.contains(' ') {
            proptest::prop_assert!(quality(part, &title) >= INSIDE_WORD);
        }
    }
}

/// The scattered rule spelt out: the needle in order inside one word, or
/// split into pieces, each in order inside a later word from its first
/// letter on.
fn scattered_by_the_rule(needle: &[u8], title: &[u8]) -> bool {
    let words: Vec<&[u8]> = title
        .split(|&b| !is_word_byte(b))
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().any(|w| is_subsequence(needle, w)) || in_pieces(needle, &words)
}

fn in_pieces(needle: &[u8], words: &[&[u8]]) -> bool {
    needle.is_empty()
        || words.iter().enumerate().any(|(i, word)| {
            word[0] == needle[0]
                && (1..=needle.len()).any(|k| {
                    is_subsequence(&needle[..k], word) && in_pieces(&needle[k..], &words[i + 1..])
                })
        })
}

/// Where a one-letter word stands in a title, looking at every place.
fn place_by_looking(letter: u8, title: &[u8]) -> Quality {
    let word_at = |at: Option<usize>| {
        at.and_then(|at| title.get(at))
            .is_some_and(|&b| is_word_byte(b))
    };
    (0..title.len())
        .filter(|&at| title[at] == letter)
        .map(
            |at| match (word_at(at.checked_sub(1)), word_at(Some(at + 1))) {
                (false, false) => WHOLE_WORD,
                (false, true) => WORD_START,
                _ => INSIDE_WORD,
            },
        )
        .max()
        .unwrap_or(NO_MATCH)
}

#[test]
fn long_words_are_scattered_like_short_ones() {
    let needle = [b'a'; 70];
    assert!(scattered(&needle, "a ".repeat(70).as_bytes(), is_word_byte));
    assert!(!scattered(
        &needle,
        "a ".repeat(69).as_bytes(),
        is_word_byte
    ));
}

proptest::proptest! {
    #[test]
    fn scattered_letters_follow_the_rule(
        needle in "[a-c]{1,5}",
        title in "[a-c -]{0,16}",
    ) {
        proptest::prop_assert_eq!(
            scattered(needle.as_bytes(), title.as_bytes(), is_word_byte),
            scattered_by_the_rule(needle.as_bytes(), title.as_bytes())
        );
    }

    /// One letter is placed from the row's letter sets, without looking.
    #[test]
    fn one_letter_is_placed_where_it_stands(
        letter in proptest::char::range('a', 'd'),
        title in "[a-c1 -]{0,20}",
        tags in proptest::collection::vec("[a-c]{1,3}", 0..3),
    ) {
        let tags: Vec<&str> = tags.iter().map(String::as_str).collect();
        let r = row(&title, &tags, "");
        let placed = QueryFilter::new(&letter.to_string()).quality(&r, &mut Vec::new());
        proptest::prop_assert_eq!(placed, place_by_looking(letter as u8, r.search_title.as_bytes()));
    }
}
