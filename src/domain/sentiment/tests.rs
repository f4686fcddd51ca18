//! Tests of the sentiment scorer: the word list and its look-up, the rules
//! one by one, and property tests against the reference scorer.

use super::lexicon::Word::*;
use super::lexicon::{KEYS, LEXICON, MAX_WORD, TABLE, key, lookup, slot};
use super::scorer::BOOST;
use super::*;
use proptest::prelude::*;

fn of(text: &str) -> Sentiment {
    classify(score(text))
}

#[test]
fn lexicon_is_sorted_unique_lower_case_and_in_range() {
    for pair in LEXICON.windows(2) {
        assert!(
            pair[0].0.as_bytes() < pair[1].0.as_bytes(),
            "{} ≥ {}",
            pair[0].0,
            pair[1].0
        );
    }
    for &(w, word) in LEXICON {
        assert!(!w.is_empty() && w.len() <= MAX_WORD, "{w}");
        assert!(
            w.bytes().all(|c| c.is_ascii_lowercase() || c == b'\''),
            "{w}"
        );
        match word {
            Valence(v) | WhenNegated(v) | NegativeNegator(v) | Hedge(v) => {
                assert!(
                    (-4.0..=4.0).contains(&v) && (v != 0.0 || w == "sort"),
                    "{w}"
                );
            }
            Booster(b) => assert_eq!(b.abs(), BOOST, "{w}"),
            Negator | Contrast => {}
        }
    }
    for (i, &(w, word)) in LEXICON.iter().enumerate() {
        assert_eq!(KEYS[i], key(w.as_bytes()));
        assert_eq!(lookup(key(w.as_bytes())), Some(word), "{w}");
    }
    assert_eq!(lookup(key(b"roster")), None);
    assert_eq!(lookup(key(b"")), None);
    let longest_probe = KEYS
        .iter()
        .map(|&k| {
            let home = slot(k);
            let at = TABLE
                .iter()
                .position(|&e| e != 0 && KEYS[usize::from(e) - 1] == k);
            (at.unwrap() + TABLE.len() - home) % TABLE.len()
        })
        .max();
    assert!(longest_probe.unwrap() < 8, "{longest_probe:?}");
    let sentiment_words = LEXICON
        .iter()
        .filter(|(_, w)| matches!(w, Valence(_)))
        .count();
    assert!((300..=500).contains(&sentiment_words), "{sentiment_words}");
}

#[test]
fn clear_cases() {
    assert_eq!(
        of("Love the new roster view, so easy!"),
        Sentiment::Positive
    );
    assert_eq!(
        of("App crashes every time I export, really frustrating"),
        Sentiment::Negative
    );
    assert_eq!(of("Export roster to CSV"), Sentiment::Neutral);
    assert_eq!(
        of("Thanks, the support team was very helpful"),
        Sentiment::Positive
    );
    assert_eq!(
        of("Sync is broken and I lost my notes"),
        Sentiment::Negative
    );
    assert_eq!(of("Add a dark mode option"), Sentiment::Neutral);
    assert_eq!(of("Login takes forever"), Sentiment::Negative);
    assert_eq!(of("Zero issues so far"), Sentiment::Positive);
    assert_eq!(of("Zero bugs since the update"), Sentiment::Positive);
}

#[test]
fn empty_and_wordless_texts_are_neutral() {
    assert_eq!(score(""), 0.0);
    assert_eq!(score("   \n\t"), 0.0);
    assert_eq!(score("!!!???..."), 0.0);
    assert_eq!(analyse("", ""), Sentiment::Neutral);
}

#[test]
fn negation() {
    assert_eq!(of("not good"), Sentiment::Negative);
    assert_ne!(of("not bad"), Sentiment::Negative);
    assert!(score("not bad") > 0.0);
    assert_ne!(of("doesn't crash anymore"), Sentiment::Negative);
    assert_ne!(of("It doesn’t crash anymore"), Sentiment::Negative);
    assert_eq!(of("The export isn't working"), Sentiment::Negative);
    assert_eq!(of("Page does not load"), Sentiment::Negative);
    assert_eq!(of("Saving works without problems"), Sentiment::Positive);
    assert_eq!(of("Never reliable"), Sentiment::Negative);
    // The negator reaches three words back, not four.
    assert!(score("not at all good") < 0.0);
    assert!(score("not in any way good") > 0.0);
    // Nor across a comma.
    assert!(score("Not sure, love it") > 0.0);
}

#[test]
fn verbs_that_count_only_when_negated() {
    assert_eq!(of("I use it at work"), Sentiment::Neutral);
    assert_eq!(of("Open the report"), Sentiment::Neutral);
    assert_eq!(of("Report won't open"), Sentiment::Negative);
    assert_eq!(of("Report wont open"), Sentiment::Negative);
}

#[test]
fn cant() {
    assert_eq!(of("Can't log in"), Sentiment::Negative);
    assert_eq!(of("I cannot export"), Sentiment::Negative);
    assert_eq!(of("Can't wait for dark mode!"), Sentiment::Positive);
}

#[test]
fn but_shifts_weight_to_the_second_clause() {
    assert_eq!(
        of("The design is nice but it is painfully slow"),
        Sentiment::Negative
    );
    assert_eq!(of("It is slow but I love it"), Sentiment::Positive);
    assert_eq!(
        of("The design is nice. But it is painfully slow."),
        Sentiment::Negative
    );
    // Without "but" the same words balance differently.
    assert!(score("nice but slow") < score("nice, slow"));
}

#[test]
fn intensifiers_and_diminishers() {
    assert!(score("very good") > score("good"));
    assert!(score("really slow") < score("slow"));
    assert!(score("too slow") < score("slow"));
    assert!(score("slightly slow") > score("slow"));
    assert!(score("slightly slow") < 0.0);
    assert!(score("kind of slow") > score("slow"));
    assert!(score("kind of slow") < 0.0);
    assert!(score("kind support staff") > 0.0);
    // Fading with distance.
    assert!(score("very good") > score("very very good") - 1.0);
    assert!(score("so very good") > score("very good"));
}

#[test]
fn exclamations_add_emphasis_up_to_three() {
    assert!(score("great!") > score("great"));
    assert!(score("great!!") > score("great!"));
    assert!(score("terrible!") < score("terrible"));
    assert_eq!(score("great!!!"), score("great!!!!!!"));
    assert_eq!(score("Export roster!"), 0.0);
}

#[test]
fn capitals_add_emphasis_only_against_lower_case() {
    assert!(score("it CRASHES") < score("it crashes"));
    assert!(score("it is GREAT") > score("it is great"));
    assert_eq!(score("IT CRASHES"), score("it crashes"));
    // Acronyms alone do not count as emphasis.
    assert_eq!(score("CSV export crashes"), score("csv export crashes"));
}

#[test]
fn emoticons_and_emoji() {
    assert_eq!(of("new export 🙂"), Sentiment::Positive);
    assert_eq!(of("👍"), Sentiment::Positive);
    assert_eq!(of("sync again 😡"), Sentiment::Negative);
    assert_eq!(of("thanks :)"), Sentiment::Positive);
    assert_eq!(of("export :("), Sentiment::Negative);
    assert_eq!(of("see https://example.com/a"), Sentiment::Neutral);
    assert_eq!(of("path C:/data"), Sentiment::Neutral);
}

#[test]
fn title_and_description_are_read_together() {
    assert_eq!(analyse("Export", "crashes every time"), Sentiment::Negative);
    assert_eq!(analyse("Great app", ""), Sentiment::Positive);
    assert_eq!(
        analyse("Looks nice", "but it is painfully slow"),
        Sentiment::Negative
    );
    // The title is a sentence of its own: no negation across the join.
    assert_eq!(analyse("Not", "good"), Sentiment::Positive);
}

#[test]
fn words_are_folded_and_split() {
    assert_eq!(score("LOVE it"), score("LOVE it"));
    assert!(score("Love") > 0.0);
    assert!(score("user-friendly") > 0.0);
    assert!(score("'great'") > 0.0);
    assert_eq!(
        score("supercalifragilisticexpialidocious great"),
        score("great")
    );
    assert_eq!(score("café great"), score("great"));
}

#[test]
fn thresholds() {
    assert_eq!(classify(0.05), Sentiment::Positive);
    assert_eq!(classify(0.049), Sentiment::Neutral);
    assert_eq!(classify(-0.049), Sentiment::Neutral);
    assert_eq!(classify(-0.05), Sentiment::Negative);
    assert_eq!(classify(f32::NAN), Sentiment::Neutral);
}

#[test]
fn names_round_trip() {
    for &s in Sentiment::ALL {
        assert_eq!(s.name().parse::<Sentiment>(), Ok(s));
        assert_eq!(s.to_string(), s.name());
        assert_eq!(s.name().to_uppercase().parse::<Sentiment>(), Ok(s));
        assert_eq!(s.next().previous(), s);
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(json, format!("\"{}\"", s.name()));
    }
    assert_eq!(Sentiment::Negative.next(), Sentiment::Neutral);
    assert_eq!(Sentiment::Neutral.next(), Sentiment::Positive);
    assert_eq!(Sentiment::Positive.next(), Sentiment::Negative);
    let err = "angry".parse::<Sentiment>().unwrap_err();
    assert_eq!(err.field, "sentiment");
    assert_eq!(err.value, "angry");
    let message = err.to_string();
    for name in Sentiment::NAMES {
        assert!(message.contains(name), "{message}");
    }
}

fn lexicon_text() -> impl Strategy<Value = String> {
    let words: Vec<&'static str> = LEXICON.iter().map(|(w, _)| *w).collect();
    let token = prop_oneof![
        prop::sample::select(words.clone()).prop_map(str::to_string),
        prop::sample::select(words).prop_map(str::to_uppercase),
        prop::sample::select(vec![
            " ", ", ", ". ", "! ", "!!!", "? ", "\n", ":)", ":(", "😡", "👍", " of ", " wait ",
        ])
        .prop_map(str::to_string),
    ];
    prop::collection::vec(token, 0..300).prop_map(|t| t.join(" "))
}

proptest! {
    #[test]
    fn score_is_within_bounds(text in any::<String>()) {
        let s = score(&text);
        prop_assert!((-1.0..=1.0).contains(&s), "{s}");
    }

    #[test]
    fn score_of_sentiment_heavy_text_is_within_bounds(text in lexicon_text()) {
        let s = score(&text);
        prop_assert!((-1.0..=1.0).contains(&s), "{s}");
        prop_assert_eq!(analyse(&text, ""), classify(score(&text)));
    }
}

/// A word of the lexicon as it might be written: lower case, capitals,
/// capitalised, or in mixed case.
fn written_word() -> impl Strategy<Value = String> {
    let words: Vec<&'static str> = LEXICON.iter().map(|(w, _)| *w).collect();
    (prop::sample::select(words), 0..4u8).prop_map(|(w, case)| match case {
        0 | 1 => w.to_string(),
        2 => w.to_uppercase(),
        _ => w
            .char_indices()
            .map(|(i, c)| {
                if i % 2 == 0 {
                    c.to_ascii_uppercase()
                } else {
                    c
                }
            })
            .collect(),
    })
}

/// Texts mixing lexicon words with everything else the scanner has to
/// tell apart: other words and digits, words of 15 to 18 letters, inner
/// and outer apostrophes (straight and curly), "n't" words not in the
/// lexicon, emoticons and things that look like them, emoji, non-ASCII
/// letters and symbols, clause and sentence punctuation, and random
/// text. Tokens are joined by a space or by nothing, so words also run
/// into apostrophes, emoji and non-ASCII letters.
fn mixed_text() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        4 => written_word(),
        2 => prop::sample::select(vec![
            "not", "Not", "NOT", "never", "no", "without", "very", "VERY", "so", "really",
            "kind", "Kind", "sort", "of", "OF", "wait", "Wait", "but", "But", "BUT",
            "however", "However", "can't", "Can't", "cant", "cannot", "can’t", "CAN'T",
            "doesn't", "doesn’t", "Doesn't", "DOESN'T", "isn't", "won't", "wouldn't",
            "shouldn’t", "it's", "I'm", "rock'n'roll", "n't", "'", "’", "''", "'great'",
            "export", "roster", "CSV", "SSO", "I", "A", "a", "ok", "OK", "2fa", "v2", "404",
            "x1y2", "supercalifragilistic", "counterintuitive", "counterintuitivex",
            "overcomplicatedly", "abcdefghijklmnop", "abcdefghijklmnopq",
        ]).prop_map(str::to_string),
        2 => prop::sample::select(vec![
            " ", " ", "  ", "\t", "\n", "\r\n", ",", ", ", ";", ":", "(", ")", ".", ". ",
            "!", "!!", "!!!!", "?", "-", "/", "\"", "#", "@", "_", "...",
        ]).prop_map(str::to_string),
        1 => prop::sample::select(vec![
            ":)", ":-)", ";)", ":D", ":-D", ":Dx", ":(", ":-(", ":'(", ":/", ":'", ":-",
            "http://x.io/a", "C:/data", "a:/b", ":-/", ";(", ";D", ";'(",
        ]).prop_map(str::to_string),
        1 => prop::sample::select(vec![
            "🙂", "👍", "😡", "🎉", "❤", "☹", "👎", "🤬", "😀", "é", "café", "naïve",
            "Ünïcode", "ß", "日本", "ǅ", "Ω", "ﬁx", "İ", "—", "…", "\u{a0}", "\u{200b}",
            "’s", "x’", "’x",
        ]).prop_map(str::to_string),
        1 => "[a-zA-Z0-9'’ .,!?:;()/Dé😡\n-]{0,12}",
        1 => any::<String>().prop_map(|s| s.chars().take(8).collect()),
    ];
    let glue = prop::sample::select(vec!["", " ", " ", " "]);
    prop::collection::vec((token, glue), 0..80).prop_map(|tokens| {
        tokens
            .into_iter()
            .flat_map(|(t, g)| [t, g.to_string()])
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// The scorer gives the same score, bit for bit, as the reference
    /// implementation (the scorer before the ASCII fast path).
    #[test]
    fn score_matches_reference(text in mixed_text()) {
        prop_assert_eq!(score(&text).to_bits(), reference::score(&text).to_bits());
    }

    #[test]
    fn title_and_description_match_reference(
        title in mixed_text(),
        description in mixed_text(),
    ) {
        prop_assert_eq!(
            score_parts(&[&title, &description]).to_bits(),
            reference::score_parts(&[&title, &description]).to_bits()
        );
    }

    #[test]
    fn any_text_matches_reference(text in any::<String>()) {
        prop_assert_eq!(score(&text).to_bits(), reference::score(&text).to_bits());
    }

    #[test]
    fn lexicon_text_matches_reference(text in lexicon_text()) {
        prop_assert_eq!(score(&text).to_bits(), reference::score(&text).to_bits());
    }
}

/// Rough cost per item: `cargo test --release --lib domain::sentiment --
/// --ignored --nocapture`.
#[test]
#[ignore]
fn timing() {
    let titles = [
        "App crashes every time I export, really frustrating",
        "Love the new roster view, so easy!",
        "Export roster to CSV",
        "The design is nice but it is painfully slow",
        "Can't log in since the last update",
    ];
    let descriptions = [
        "When I open the weekly report and press export the whole app freezes and I lose my \
         changes.",
        "Thanks for the quick fix, sync works great now and the team is happy.",
        "We need a way to export the roster as a CSV file for payroll every month.",
        "",
    ];
    let n = 100_000;
    let mut best = std::time::Duration::MAX;
    let mut counts = [0usize; 3];
    for _round in 0..5 {
        counts = [0; 3];
        let start = std::time::Instant::now();
        for i in 0..n {
            let s = analyse(
                std::hint::black_box(titles[i % titles.len()]),
                std::hint::black_box(descriptions[i % descriptions.len()]),
            );
            counts[s as usize] += 1;
        }
        best = best.min(start.elapsed());
    }
    let texts = titles.len() * descriptions.len();
    let words: usize = titles
        .iter()
        .flat_map(|t| descriptions.iter().map(move |d| (t, d)))
        .map(|(t, d)| t.split_whitespace().count() + d.split_whitespace().count())
        .sum();
    println!(
        "{n} items, best of 5 rounds {best:?}: {:.0} ns per item (mean {} words), \
         [negative, neutral, positive] = {counts:?}",
        best.as_nanos() as f64 / n as f64,
        words / texts
    );
}
