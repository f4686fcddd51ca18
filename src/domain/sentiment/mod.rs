//! Sentiment: whether a feedback item's text reads negative, neutral or
//! positive. This module owns the [`Sentiment`] values, the word list and the
//! scoring (the word list in `lexicon`, the scoring pass in `scorer`); it
//! does no I/O. The store calls [`analyse`] whenever an item's
//! text is written, so it must stay cheap (it runs on every row of an import).
//!
//! # Method
//!
//! A lexicon-based scorer after VADER (C. J. Hutto and E. Gilbert, "VADER: A
//! Parsimonious Rule-based Model for Sentiment Analysis of Social Media
//! Text", ICWSM 2014), cut down and tuned for product feedback:
//!
//! - The text is split into words (ASCII letters and digits, with inner
//!   apostrophes kept: "don't", "isn’t"); each word of up to 16 bytes is
//!   lower-cased, read as one 128-bit integer and looked up in a hash table
//!   built at compile time over `LEXICON`, a sorted static list. Longer
//!   words are not listed and are not looked up. A word of ASCII letters
//!   and digits alone, the usual case, is read from the text 16 bytes at a
//!   time: bitwise arithmetic on 64-bit integers finds where it ends and
//!   folds its case, with no loop over its letters. A word with an
//!   apostrophe or a non-ASCII letter, or of 16 bytes or more, is read byte
//!   by byte. Nothing is allocated.
//! - Sentiment words carry a valence from −4 to 4 ("love" 3.0, "slow" −1.6,
//!   "crashes" −2.3). Inflections are listed one by one, not stemmed.
//! - A negator ("not", "no", "never", "without", "hardly", "zero", any "…n't" word)
//!   up to three words before a sentiment word multiplies its valence by
//!   −0.74, so "not good" is negative and "not bad" leans positive.
//! - An intensifier ("very", "really", "so", "too", …) up to three words
//!   before adds 0.293 in the direction of the valence (×0.95 at two words,
//!   ×0.9 at three); a diminisher ("slightly", "barely", "kind of", "a bit",
//!   …) takes as much away.
//! - Some verbs count only when negated: "doesn't work", "not loading",
//!   "won't open" are complaints, while "work", "load" and "open" alone say
//!   nothing. "can't" and "cannot" are negators that are themselves mildly
//!   negative ("can't log in"), except in "can't wait".
//! - In a sentence with "but" (or "however"), what comes before it counts
//!   half and what comes after it counts one and a half times ("nice but
//!   painfully slow" is negative). A sentence that starts with "But" weighs
//!   against the sentence before it.
//! - A word of two or more letters in capitals, in a text that also has
//!   lower-case words, adds 0.733 in its direction ("it CRASHES").
//! - Each "!" (up to three) adds 0.292 in the direction of the total.
//! - The total `x` is normalised to `x / sqrt(x² + 15)`, a compound score in
//!   −1..=1; [`classify`] uses VADER's usual thresholds of ±0.05.
//! - A few emoticons (":)", ":-)", ";)", ":D", ":(", ":'(", ":/") and about
//!   thirty emoji ("🙂", "👍", "🎉", "😡", "👎", …) carry a valence like words.
//!
//! Departures from VADER: negation and intensifiers do not reach across
//! clause punctuation (`, ; : ( )`) or a "but"; the "but" rule works per
//! sentence rather than on the whole text; question marks are ignored; words
//! with repeated letters ("sooo") are not recognised.
//!
//! # Word list
//!
//! `LEXICON` was written for this project, not copied from VADER's list: a
//! few hundred English words seen in product feedback, support tickets, NPS
//! comments and retrospectives, with valences chosen on VADER's scale and
//! often close to VADER's values for the same word.
//!
//! # Limits
//!
//! - English only; other languages come out neutral.
//! - No sarcasm or irony: "Great, it crashed again" reads positive.
//! - The rules are VADER's and share its blind spots: "couldn't be happier"
//!   reads negative, "barely works" positive (a diminisher, not a negator),
//!   and a negator more than three words away ("not that the app is slow")
//!   is missed.
//! - Words whose meaning depends on the domain can mislead: "kill" and "sick"
//!   are left out on purpose, but e.g. "crash" in "crash course" or "issue"
//!   in "issue an invoice" still count; feature requests ("make it faster")
//!   read as positive.
//! - Short texts: one word decides the outcome; a title with no sentiment
//!   word is neutral.
//! - Only whole words in the list count; misspellings, slang and most emoji
//!   are not handled.

use super::feedback::UnknownName;
use scorer::score_parts;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

mod lexicon;
mod scorer;

/// The tone of a piece of feedback.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sentiment {
    Negative,
    Neutral,
    Positive,
}

impl Sentiment {
    pub const ALL: &'static [Sentiment] =
        &[Sentiment::Negative, Sentiment::Neutral, Sentiment::Positive];
    pub const NAMES: &'static [&'static str] = &["negative", "neutral", "positive"];

    pub fn name(self) -> &'static str {
        match self {
            Sentiment::Negative => "negative",
            Sentiment::Neutral => "neutral",
            Sentiment::Positive => "positive",
        }
    }

    /// The next value, wrapping around (for a filter key).
    pub fn next(self) -> Sentiment {
        match self {
            Sentiment::Negative => Sentiment::Neutral,
            Sentiment::Neutral => Sentiment::Positive,
            Sentiment::Positive => Sentiment::Negative,
        }
    }

    /// The previous value, wrapping around.
    pub fn previous(self) -> Sentiment {
        match self {
            Sentiment::Negative => Sentiment::Positive,
            Sentiment::Neutral => Sentiment::Negative,
            Sentiment::Positive => Sentiment::Neutral,
        }
    }
}

impl FromStr for Sentiment {
    type Err = UnknownName;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let t = text.trim();
        Self::ALL
            .iter()
            .copied()
            .find(|v| v.name().eq_ignore_ascii_case(t))
            .ok_or_else(|| UnknownName {
                field: "sentiment",
                value: text.to_string(),
                allowed: Self::NAMES,
            })
    }
}

impl fmt::Display for Sentiment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Scores at or above this are positive.
pub const POSITIVE_THRESHOLD: f32 = 0.05;
/// Scores at or below this are negative.
pub const NEGATIVE_THRESHOLD: f32 = -0.05;

/// The sentiment of a compound score (see [`score`]).
pub fn classify(score: f32) -> Sentiment {
    if score >= POSITIVE_THRESHOLD {
        Sentiment::Positive
    } else if score <= NEGATIVE_THRESHOLD {
        Sentiment::Negative
    } else {
        Sentiment::Neutral
    }
}

/// The compound sentiment score of a text, from −1 (most negative) to 1
/// (most positive); 0 when no word in it carries sentiment.
pub fn score(text: &str) -> f32 {
    score_parts(&[text])
}

/// The sentiment of an item, from its title and description scored together
/// (the title as a sentence of its own).
pub fn analyse(title: &str, description: &str) -> Sentiment {
    classify(score_parts(&[title, description]))
}

/// The scorer as it was before the ASCII fast path (commit 61262bf), kept
/// word for word except for the look-up, which is a plain binary search over
/// `LEXICON`: the proptests in `tests` check that the scorer in `scorer` gives the
/// very same score, bit for bit.
#[cfg(test)]
mod reference;

#[cfg(test)]
mod tests;
