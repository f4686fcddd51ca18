//! Sentiment: whether a feedback item's text reads negative, neutral or
//! positive. This module owns the [`Sentiment`] values, the word list and the
//! scoring; it does no I/O. The store calls [`analyse`] whenever an item's
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
use super::text::{HIGH_BITS, ascii_bytes_in, splat};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

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

/// Multiplier on a valence for each negator before it.
const NEGATION: f32 = -0.74;
/// What an intensifier adds (a diminisher takes away).
const BOOST: f32 = 0.293;
/// What a word in capitals adds, in a text with lower-case words too.
const CAPS: f32 = 0.733;
/// What each "!" adds, in the direction of the total.
const EXCLAMATION: f32 = 0.292;
/// At most this many "!" count.
const MAX_EXCLAMATIONS: u32 = 3;
/// Weight of the clause before "but", and of the one after it.
const BEFORE_BUT: f32 = 0.5;
const AFTER_BUT: f32 = 1.5;
/// How intensifiers fade with distance: 1, 2 and 3 words before.
const BOOST_DAMPING: [f32; 3] = [1.0, 0.95, 0.9];
/// VADER's normalisation constant.
const ALPHA: f32 = 15.0;
/// Keys of "of" and "wait" (see [`key`]).
const OF: u128 = key(b"of");
const WAIT: u128 = key(b"wait");
/// Valence of "can't wait".
const CANT_WAIT: f32 = 2.0;
/// Longest word looked up, in bytes (the longest listed word has 16).
const MAX_WORD: usize = 16;

/// What a listed word does.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Word {
    /// Carries a valence from −4 to 4.
    Valence(f32),
    /// Carries a valence only with a negator before it ("doesn't work").
    WhenNegated(f32),
    /// Flips and damps the valence of what follows.
    Negator,
    /// A negator that is itself negative ("can't", "cannot").
    NegativeNegator(f32),
    /// Raises (positive) or lowers (negative) the intensity of what follows.
    Booster(f32),
    /// "kind", "sort": a diminisher when followed by "of", else a valence.
    Hedge(f32),
    /// "but", "however": shifts weight to the clause after it.
    Contrast,
}

use Word::*;

/// The word list, sorted by bytes for binary search.
#[rustfmt::skip]
const LEXICON: &[(&str, Word)] = &[
    ("able", WhenNegated(1.1)), ("absolutely", Booster(BOOST)), ("absurd", Valence(-1.8)),
    ("abysmal", Valence(-3.0)), ("accurate", Valence(1.3)), ("accurately", Valence(1.2)),
    ("aint", Negator), ("almost", Booster(-BOOST)), ("amazing", Valence(2.8)),
    ("amazingly", Valence(2.6)), ("angry", Valence(-2.3)), ("annoyance", Valence(-1.8)),
    ("annoyed", Valence(-2.0)), ("annoying", Valence(-2.0)), ("annoyingly", Valence(-1.8)),
    ("annoys", Valence(-1.8)), ("appalling", Valence(-2.8)), ("appear", WhenNegated(1.1)),
    ("appearing", WhenNegated(1.1)), ("appears", WhenNegated(1.1)), ("appreciate", Valence(2.0)),
    ("appreciated", Valence(2.0)), ("arent", Negator), ("atrocious", Valence(-3.0)),
    ("awesome", Valence(3.1)), ("awesomeness", Valence(3.0)), ("awful", Valence(-3.0)),
    ("awfully", Booster(BOOST)), ("awkward", Valence(-1.3)), ("bad", Valence(-2.5)),
    ("badly", Valence(-2.1)), ("barely", Booster(-BOOST)), ("beautiful", Valence(2.9)),
    ("beautifully", Valence(2.7)), ("best", Valence(3.2)), ("better", Valence(1.9)),
    ("bit", Booster(-BOOST)), ("bland", Valence(-1.0)), ("bloated", Valence(-1.7)),
    ("blocked", Valence(-1.3)), ("blocker", Valence(-1.5)), ("blocking", Valence(-1.2)),
    ("boring", Valence(-1.3)), ("bother", Valence(-1.2)), ("bothering", Valence(-1.3)),
    ("bothers", Valence(-1.3)), ("bravo", Valence(2.4)), ("breaking", Valence(-1.6)),
    ("breaks", Valence(-1.8)), ("brilliant", Valence(2.8)), ("broke", Valence(-1.9)),
    ("broken", Valence(-2.3)), ("bug", Valence(-1.5)), ("bugged", Valence(-1.8)),
    ("buggy", Valence(-2.1)), ("bugs", Valence(-1.6)), ("but", Contrast),
    ("can't", NegativeNegator(-1.2)), ("cannot", NegativeNegator(-1.2)),
    ("cant", NegativeNegator(-1.2)), ("chaos", Valence(-1.8)), ("chaotic", Valence(-1.8)),
    ("cheers", Valence(1.2)), ("clean", Valence(1.0)), ("cleaner", Valence(1.3)),
    ("clearer", Valence(1.2)), ("clumsy", Valence(-1.4)), ("clunky", Valence(-1.8)),
    ("cluttered", Valence(-1.5)), ("complain", Valence(-1.5)), ("complaining", Valence(-1.5)),
    ("complaint", Valence(-1.4)), ("complaints", Valence(-1.4)), ("completely", Booster(BOOST)),
    ("complicated", Valence(-1.4)), ("concern", Valence(-0.9)), ("concerned", Valence(-1.1)),
    ("concerns", Valence(-0.9)), ("confused", Valence(-1.5)), ("confuses", Valence(-1.8)),
    ("confusing", Valence(-2.0)), ("confusion", Valence(-1.6)), ("congrats", Valence(2.4)),
    ("connect", WhenNegated(1.1)), ("connecting", WhenNegated(1.1)),
    ("connects", WhenNegated(1.1)), ("consistent", Valence(1.0)), ("convenient", Valence(1.7)),
    ("convoluted", Valence(-1.7)), ("cool", Valence(1.3)), ("correctly", WhenNegated(1.1)),
    ("corrupt", Valence(-2.1)), ("corrupted", Valence(-2.2)), ("corruption", Valence(-2.2)),
    ("couldnt", Negator), ("counterintuitive", Valence(-1.6)), ("crap", Valence(-2.2)),
    ("crappy", Valence(-2.4)), ("crash", Valence(-2.3)), ("crashed", Valence(-2.3)),
    ("crashes", Valence(-2.3)), ("crashing", Valence(-2.3)), ("crashy", Valence(-2.2)),
    ("critical", Valence(-0.8)), ("cumbersome", Valence(-1.6)), ("decent", Valence(1.0)),
    ("deeply", Booster(BOOST)), ("delay", Valence(-1.1)), ("delayed", Valence(-1.2)),
    ("delays", Valence(-1.2)), ("delighted", Valence(2.8)), ("delightful", Valence(2.8)),
    ("dependable", Valence(1.7)), ("despite", Negator), ("didnt", Negator),
    ("difficult", Valence(-1.5)), ("difficulty", Valence(-1.3)), ("disappointed", Valence(-2.1)),
    ("disappointing", Valence(-2.2)), ("disappointment", Valence(-2.3)),
    ("disappoints", Valence(-2.0)), ("disaster", Valence(-3.0)), ("disconnected", Valence(-1.1)),
    ("disconnects", Valence(-1.2)), ("dislike", Valence(-1.6)), ("disliked", Valence(-1.6)),
    ("dislikes", Valence(-1.6)), ("doesnt", Negator), ("dont", Negator),
    ("downtime", Valence(-1.6)), ("dreadful", Valence(-2.8)), ("dumb", Valence(-2.0)),
    ("ease", Valence(1.5)), ("easier", Valence(1.8)), ("easiest", Valence(2.0)),
    ("easily", Valence(1.5)), ("easy", Valence(1.9)), ("efficient", Valence(1.8)),
    ("efficiently", Valence(1.6)), ("elegant", Valence(2.1)), ("enjoy", Valence(2.2)),
    ("enjoyable", Valence(1.9)), ("enjoyed", Valence(2.3)), ("enjoying", Valence(2.4)),
    ("enormously", Booster(BOOST)), ("entirely", Booster(BOOST)), ("error", Valence(-1.5)),
    ("errors", Valence(-1.6)), ("especially", Booster(BOOST)), ("excellent", Valence(3.2)),
    ("exceptional", Valence(2.5)), ("exceptionally", Booster(BOOST)), ("excited", Valence(2.2)),
    ("exciting", Valence(2.2)), ("expensive", Valence(-1.2)), ("extremely", Booster(BOOST)),
    ("fabulous", Valence(2.4)), ("fail", Valence(-2.0)), ("failed", Valence(-2.0)),
    ("failing", Valence(-2.0)), ("fails", Valence(-2.0)), ("failure", Valence(-2.1)),
    ("failures", Valence(-2.1)), ("fairly", Booster(-BOOST)), ("fantastic", Valence(2.6)),
    ("fast", Valence(1.6)), ("faster", Valence(1.5)), ("fastest", Valence(1.7)),
    ("fatal", Valence(-2.0)), ("fault", Valence(-1.4)), ("faulty", Valence(-1.8)),
    ("favorite", Valence(2.0)), ("favourite", Valence(2.0)), ("fine", Valence(0.8)),
    ("fix", WhenNegated(1.1)), ("fixed", Valence(1.2)), ("flaky", Valence(-1.7)),
    ("flawless", Valence(2.8)), ("flawlessly", Valence(2.5)), ("flexible", Valence(1.4)),
    ("forever", Valence(-1.2)),
    ("freaking", Booster(BOOST)), ("freeze", Valence(-1.9)), ("freezes", Valence(-2.0)),
    ("freezing", Valence(-2.0)), ("friendly", Valence(1.8)), ("froze", Valence(-2.0)),
    ("frozen", Valence(-1.8)), ("frustrated", Valence(-2.1)), ("frustrates", Valence(-2.0)),
    ("frustrating", Valence(-2.2)), ("frustratingly", Valence(-2.0)),
    ("frustration", Valence(-2.1)), ("fucking", Booster(BOOST)), ("fully", Booster(BOOST)),
    ("fun", Valence(2.3)), ("furious", Valence(-2.9)), ("garbage", Valence(-2.4)),
    ("genius", Valence(2.4)), ("glad", Valence(2.0)), ("glitch", Valence(-1.5)),
    ("glitches", Valence(-1.6)), ("glitchy", Valence(-1.9)), ("good", Valence(1.9)),
    ("gorgeous", Valence(3.0)), ("grateful", Valence(2.0)), ("great", Valence(3.1)),
    ("greatly", Booster(BOOST)), ("hadnt", Negator), ("handy", Valence(1.6)),
    ("hang", Valence(-1.4)), ("hanging", Valence(-1.4)), ("hangs", Valence(-1.6)),
    ("happier", Valence(2.4)), ("happy", Valence(2.7)), ("hard", Valence(-0.8)),
    ("harder", Valence(-0.8)), ("hardly", Negator), ("hasnt", Negator), ("hassle", Valence(-1.7)),
    ("hate", Valence(-2.7)), ("hated", Valence(-2.7)), ("hates", Valence(-2.6)),
    ("hating", Valence(-2.5)), ("havent", Negator), ("headache", Valence(-1.7)),
    ("hell", Valence(-2.4)), ("help", WhenNegated(1.1)), ("helpful", Valence(1.9)),
    ("helps", Valence(1.2)), ("highly", Booster(BOOST)), ("hooray", Valence(2.4)),
    ("horrendous", Valence(-3.0)), ("horrible", Valence(-3.0)), ("horribly", Valence(-2.5)),
    ("however", Contrast), ("hugely", Booster(BOOST)), ("hung", Valence(-1.4)),
    ("ignored", Valence(-1.5)), ("ignoring", Valence(-1.4)), ("illegible", Valence(-1.6)),
    ("immensely", Booster(BOOST)), ("impossible", Valence(-2.0)), ("impressed", Valence(2.1)),
    ("impressive", Valence(2.3)), ("improved", Valence(1.8)), ("improves", Valence(1.4)),
    ("inaccurate", Valence(-1.6)), ("inconsistent", Valence(-1.3)),
    ("inconvenient", Valence(-1.5)), ("incorrect", Valence(-1.5)), ("incorrectly", Valence(-1.4)),
    ("incredible", Valence(2.6)), ("incredibly", Booster(BOOST)), ("inefficient", Valence(-1.6)),
    ("informative", Valence(1.3)), ("insanely", Booster(BOOST)), ("insecure", Valence(-1.6)),
    ("instant", Valence(1.0)), ("intuitive", Valence(2.0)), ("intuitively", Valence(1.8)),
    ("invalid", Valence(-1.0)), ("irritated", Valence(-1.9)), ("irritating", Valence(-2.0)),
    ("isnt", Negator), ("issue", Valence(-0.8)), ("issues", Valence(-0.9)),
    ("janky", Valence(-1.8)), ("junk", Valence(-2.0)), ("kind", Hedge(1.5)),
    ("kinda", Booster(-BOOST)), ("knowledgeable", Valence(1.5)), ("kudos", Valence(2.0)),
    ("lack", Valence(-1.2)), ("lacking", Valence(-1.4)), ("lacks", Valence(-1.3)),
    ("lag", Valence(-1.6)), ("lagging", Valence(-1.7)), ("laggy", Valence(-1.9)),
    ("lags", Valence(-1.7)), ("lame", Valence(-1.8)), ("leak", Valence(-1.4)),
    ("leaking", Valence(-1.4)), ("leaks", Valence(-1.4)), ("less", Booster(-BOOST)),
    ("lifesaver", Valence(2.5)), ("limited", Valence(-0.8)), ("limiting", Valence(-1.0)),
    ("little", Booster(-BOOST)), ("load", WhenNegated(1.1)), ("loading", WhenNegated(1.1)),
    ("loads", WhenNegated(1.1)), ("lose", Valence(-1.5)), ("loses", Valence(-1.6)),
    ("losing", Valence(-1.6)), ("loss", Valence(-1.8)), ("lost", Valence(-1.5)),
    ("love", Valence(3.0)), ("loved", Valence(2.9)), ("lovely", Valence(2.8)),
    ("loves", Valence(2.7)), ("loving", Valence(2.9)), ("mad", Valence(-2.0)),
    ("majorly", Booster(BOOST)), ("marginally", Booster(-BOOST)), ("massively", Booster(BOOST)),
    ("mediocre", Valence(-1.4)), ("meh", Valence(-0.7)), ("mess", Valence(-1.8)),
    ("messy", Valence(-1.6)), ("mildly", Booster(-BOOST)), ("misleading", Valence(-1.8)),
    ("miss", Valence(-1.0)), ("missed", Valence(-1.0)), ("missing", Valence(-1.2)),
    ("more", Booster(BOOST)), ("most", Booster(BOOST)), ("mostly", Booster(-BOOST)),
    ("neat", Valence(1.5)), ("neither", Negator), ("never", Negator), ("nice", Valence(1.8)),
    ("nicely", Valence(1.8)), ("nicer", Valence(1.8)), ("nightmare", Valence(-2.8)),
    ("no", Negator), ("nobody", Negator), ("none", Negator), ("nope", Negator), ("nor", Negator),
    ("not", Negator), ("nothing", Negator), ("nowhere", Negator),
    ("occasionally", Booster(-BOOST)), ("ok", Valence(0.9)), ("okay", Valence(0.9)),
    ("open", WhenNegated(1.1)), ("opening", WhenNegated(1.1)), ("opens", WhenNegated(1.1)),
    ("outage", Valence(-2.0)), ("outages", Valence(-2.0)), ("outdated", Valence(-1.3)),
    ("outstanding", Valence(3.0)), ("overcomplicated", Valence(-1.8)),
    ("overpriced", Valence(-2.0)), ("overwhelming", Valence(-1.3)), ("pain", Valence(-1.9)),
    ("painful", Valence(-2.1)), ("painfully", Booster(BOOST)), ("partially", Booster(-BOOST)),
    ("particularly", Booster(BOOST)), ("partly", Booster(-BOOST)), ("pathetic", Valence(-2.6)),
    ("perfect", Valence(2.7)), ("perfectly", Valence(2.3)), ("phenomenal", Valence(2.8)),
    ("pleasant", Valence(2.0)), ("pleased", Valence(1.9)), ("pleasure", Valence(2.0)),
    ("pointless", Valence(-2.0)), ("polished", Valence(1.7)), ("poor", Valence(-2.1)),
    ("poorly", Valence(-2.0)), ("powerful", Valence(1.7)), ("practical", Valence(1.2)),
    ("precise", Valence(1.2)), ("pretty", Booster(BOOST)), ("pricey", Valence(-1.0)),
    ("problem", Valence(-1.5)), ("problematic", Valence(-1.8)), ("problems", Valence(-1.6)),
    ("properly", WhenNegated(1.1)), ("quick", Valence(1.3)), ("quicker", Valence(1.3)),
    ("quickly", Valence(1.1)), ("quite", Booster(BOOST)), ("rarely", Negator),
    ("really", Booster(BOOST)), ("recommend", Valence(1.5)), ("recommended", Valence(1.5)),
    ("recommending", Valence(1.5)), ("refund", Valence(-1.0)), ("regressed", Valence(-1.5)),
    ("regression", Valence(-1.5)), ("regret", Valence(-1.8)), ("reliable", Valence(1.9)),
    ("reliably", Valence(1.6)), ("remarkably", Booster(BOOST)), ("resolved", Valence(1.3)),
    ("respond", WhenNegated(1.1)), ("responding", WhenNegated(1.1)),
    ("responds", WhenNegated(1.1)), ("responsive", Valence(1.5)), ("ridiculous", Valence(-2.0)),
    ("ridiculously", Booster(BOOST)), ("robust", Valence(1.7)), ("rubbish", Valence(-2.2)),
    ("rude", Valence(-2.0)), ("sad", Valence(-1.8)), ("sadly", Valence(-1.5)),
    ("safe", Valence(1.2)), ("satisfied", Valence(1.8)), ("satisfying", Valence(2.0)),
    ("save", WhenNegated(1.1)), ("saves", WhenNegated(1.1)), ("saving", WhenNegated(1.1)),
    ("scarcely", Negator), ("seamless", Valence(2.0)), ("seamlessly", Valence(2.0)),
    ("secure", Valence(1.3)), ("seldom", Negator), ("seriously", Booster(BOOST)),
    ("severe", Valence(-1.7)), ("severely", Valence(-1.5)), ("shame", Valence(-1.8)),
    ("shameful", Valence(-2.2)), ("shit", Valence(-2.6)), ("shouldnt", Negator),
    ("show", WhenNegated(1.1)), ("showing", WhenNegated(1.1)), ("shows", WhenNegated(1.1)),
    ("silly", Valence(-1.0)), ("simple", Valence(1.2)), ("simpler", Valence(1.3)),
    ("sleek", Valence(1.6)), ("slick", Valence(1.5)), ("slightly", Booster(-BOOST)),
    ("slow", Valence(-1.6)), ("slowdown", Valence(-1.5)), ("slowdowns", Valence(-1.5)),
    ("slower", Valence(-1.6)), ("slowly", Valence(-1.2)), ("slowness", Valence(-1.5)),
    ("sluggish", Valence(-1.7)), ("smooth", Valence(1.7)), ("smoother", Valence(1.7)),
    ("smoothly", Valence(1.7)), ("snappy", Valence(1.8)), ("so", Booster(BOOST)),
    ("solid", Valence(1.5)), ("solved", Valence(1.5)), ("solves", Valence(1.4)),
    ("somewhat", Booster(-BOOST)), ("sort", Hedge(0.0)), ("sorta", Booster(-BOOST)),
    ("spam", Valence(-1.5)), ("spammy", Valence(-1.7)), ("speedy", Valence(1.5)),
    ("stable", Valence(1.3)), ("start", WhenNegated(1.1)), ("starting", WhenNegated(1.1)),
    ("starts", WhenNegated(1.1)), ("stellar", Valence(2.8)), ("straightforward", Valence(1.5)),
    ("strange", Valence(-0.8)), ("struggle", Valence(-1.6)), ("struggled", Valence(-1.6)),
    ("struggling", Valence(-1.7)), ("stuck", Valence(-1.6)), ("stupid", Valence(-2.4)),
    ("success", Valence(2.0)), ("successful", Valence(1.9)), ("successfully", Valence(1.6)),
    ("suck", Valence(-2.0)), ("sucked", Valence(-2.0)), ("sucks", Valence(-2.3)),
    ("super", Booster(BOOST)), ("superb", Valence(3.1)), ("supportive", Valence(1.7)),
    ("sync", WhenNegated(1.1)), ("syncing", WhenNegated(1.1)), ("syncs", WhenNegated(1.1)),
    ("tedious", Valence(-1.7)), ("terrible", Valence(-3.0)), ("terribly", Valence(-2.4)),
    ("terrific", Valence(2.8)), ("thank", Valence(1.5)), ("thankful", Valence(2.0)),
    ("thanks", Valence(1.9)), ("thoroughly", Booster(BOOST)), ("thrilled", Valence(2.6)),
    ("thx", Valence(1.5)), ("tidy", Valence(1.2)), ("timeout", Valence(-1.4)),
    ("timeouts", Valence(-1.4)), ("too", Booster(BOOST)), ("totally", Booster(BOOST)),
    ("trash", Valence(-2.2)), ("tremendously", Booster(BOOST)), ("truly", Booster(BOOST)),
    ("ugh", Valence(-1.8)), ("ugly", Valence(-2.2)), ("unable", Valence(-1.5)),
    ("unacceptable", Valence(-2.7)), ("unbelievably", Booster(BOOST)), ("unclear", Valence(-1.3)),
    ("unexpected", Valence(-1.0)), ("unexpectedly", Valence(-1.0)), ("unfortunate", Valence(-1.5)),
    ("unfortunately", Valence(-1.4)), ("unhappy", Valence(-2.0)), ("unhelpful", Valence(-2.0)),
    ("unintuitive", Valence(-2.0)), ("unnecessary", Valence(-1.0)),
    ("unprofessional", Valence(-1.9)), ("unreadable", Valence(-1.8)),
    ("unreliable", Valence(-2.1)), ("unresolved", Valence(-1.3)), ("unresponsive", Valence(-2.0)),
    ("unsafe", Valence(-1.8)), ("unstable", Valence(-1.9)), ("unusable", Valence(-2.8)),
    ("upset", Valence(-1.9)), ("urgent", Valence(-0.9)), ("urgently", Valence(-0.9)),
    ("useful", Valence(1.9)), ("useless", Valence(-2.4)), ("utterly", Booster(BOOST)),
    ("valuable", Valence(2.0)), ("versatile", Valence(1.5)), ("very", Booster(BOOST)),
    ("vulnerability", Valence(-1.4)), ("wasnt", Negator), ("waste", Valence(-2.0)),
    ("wasted", Valence(-2.0)), ("wasting", Valence(-2.0)), ("way", Booster(BOOST)),
    ("weird", Valence(-1.0)), ("werent", Negator), ("without", Negator),
    ("wonderful", Valence(2.7)), ("wonderfully", Valence(2.5)), ("wonky", Valence(-1.4)),
    ("wont", Negator), ("woohoo", Valence(2.3)), ("work", WhenNegated(1.3)),
    ("worked", Valence(1.0)), ("working", WhenNegated(1.3)), ("works", Valence(1.3)),
    ("worried", Valence(-1.4)), ("worries", Valence(-1.2)), ("worry", Valence(-1.2)),
    ("worse", Valence(-2.1)), ("worst", Valence(-3.1)), ("worth", Valence(0.9)),
    ("worthless", Valence(-2.5)), ("worthwhile", Valence(1.5)), ("wouldnt", Negator),
    ("wow", Valence(2.0)), ("wrong", Valence(-2.0)), ("wtf", Valence(-2.5)), ("yay", Valence(2.4)),
    ("zero", Negator),
];

/// A word of up to [`MAX_WORD`] bytes as one integer: its bytes big-endian,
/// zero-padded, so that integers compare like the words' bytes.
const fn key(word: &[u8]) -> u128 {
    let mut bytes = [0u8; MAX_WORD];
    let mut i = 0;
    while i < word.len() && i < MAX_WORD {
        bytes[i] = word[i];
        i += 1;
    }
    u128::from_be_bytes(bytes)
}

/// The keys of [`LEXICON`]'s words, in the same (sorted) order: comparing
/// integers is much cheaper than comparing strings.
static KEYS: [u128; LEXICON.len()] = {
    let mut keys = [0; LEXICON.len()];
    let mut i = 0;
    while i < LEXICON.len() {
        keys[i] = key(LEXICON[i].0.as_bytes());
        i += 1;
    }
    keys
};

/// Bits of the hash table's index: 2,048 slots for some 550 words keeps
/// nearly every look-up to one probe.
const TABLE_BITS: u32 = 11;

/// A 64-bit hash of a key.
const fn hash(key: u128) -> u64 {
    let folded = (key >> 64) as u64 ^ (key as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    folded.wrapping_mul(0xFF51_AFD7_ED55_8CCD)
}

/// Where a key goes in [`TABLE`]: the top bits of its hash.
const fn slot(key: u128) -> usize {
    (hash(key) >> (64 - TABLE_BITS)) as usize
}

/// Bits of [`FILTER`]'s index.
const FILTER_BITS: u32 = 14;

/// One bit for each value of the top [`FILTER_BITS`] bits of a hash, set
/// when a listed word's hash has it. Most words are not listed, and with
/// 16,384 bits (2 KB) for some 550 words all but one in thirty of them stop
/// here. In [`TABLE`] alone one in four found their slot taken and went on
/// to compare keys, and the branch on that was often mispredicted: varied
/// 20-word items took about 0.41 µs, with the filter 0.33 µs.
static FILTER: [u64; 1 << (FILTER_BITS - 6)] = {
    let mut filter = [0u64; 1 << (FILTER_BITS - 6)];
    let mut i = 0;
    while i < LEXICON.len() {
        let f = (hash(KEYS[i]) >> (64 - FILTER_BITS)) as usize;
        filter[f / 64] |= 1 << (f % 64);
        i += 1;
    }
    filter
};

/// An open-addressing hash table over [`KEYS`], built at compile time: each
/// slot holds a word's index plus one, or 0 when empty; a key that collides
/// goes to the next free slot.
static TABLE: [u16; 1 << TABLE_BITS] = {
    let mut table = [0u16; 1 << TABLE_BITS];
    let mut i = 0;
    while i < LEXICON.len() {
        let mut s = slot(KEYS[i]);
        while table[s] != 0 {
            s = (s + 1) & ((1 << TABLE_BITS) - 1);
        }
        table[s] = i as u16 + 1;
        i += 1;
    }
    table
};

/// What a listed word does, if it is listed; `key` is the [`key`] of the
/// lower-case word. With a binary search over the strings a 20-word item
/// took about 2.2 µs, over [`KEYS`] 1.3 µs, with this table 0.45 µs
/// (release build; see the `timing` test).
fn lookup(key: u128) -> Option<Word> {
    let f = (hash(key) >> (64 - FILTER_BITS)) as usize;
    if FILTER[f / 64] >> (f % 64) & 1 == 0 {
        return None;
    }
    let mut s = slot(key);
    loop {
        let i = usize::from(TABLE[s]).checked_sub(1)?;
        if KEYS[i] == key {
            return Some(LEXICON[i].1);
        }
        s = (s + 1) & ((1 << TABLE_BITS) - 1);
    }
}

/// The valence of an emoji, if it has one.
fn emoji(c: char) -> Option<f32> {
    Some(match c {
        '🙂' => 1.5,
        '😊' | '😀' | '😃' | '😄' | '😁' | '👏' | '🙌' => 2.0,
        '😍' | '🥰' => 2.7,
        '🤩' => 2.5,
        '😎' | '🙏' | '🚀' => 1.5,
        '👍' | '💯' => 1.8,
        '🎉' | '🥳' => 2.2,
        '❤' => 2.5,
        '😕' => -1.2,
        '🙁' | '😟' | '😒' | '🤦' => -1.5,
        '☹' | '😞' | '😤' => -1.8,
        '😢' | '😩' | '😫' | '👎' => -2.0,
        '😭' | '💩' => -2.2,
        '😠' => -2.3,
        '🤮' => -2.5,
        '😡' => -2.6,
        '🤬' => -3.0,
        _ => return None,
    })
}

/// The valence and length of an ASCII emoticon starting at `i`, if one does:
/// ":)", ":-)", ";)", ":D", ":-D", ":(", ":-(", ":'(", ":/".
fn emoticon(b: &[u8], i: usize) -> Option<(f32, usize)> {
    let rest = &b[i..];
    let eyes = *rest.first()?;
    if eyes != b':' && eyes != b';' {
        return None;
    }
    let tear = rest.get(1) == Some(&b'\'');
    let k = if tear || rest.get(1) == Some(&b'-') {
        2
    } else {
        1
    };
    let word_after = rest.get(k + 1).is_some_and(u8::is_ascii_alphanumeric);
    let word_before = i > 0 && b[i - 1].is_ascii_alphanumeric();
    let valence = match rest.get(k)? {
        b')' if !tear => {
            if eyes == b';' {
                1.2
            } else {
                1.8
            }
        }
        b'D' if !tear && eyes == b':' && !word_after => 2.2,
        b'(' if tear => -2.2,
        b'(' => -1.8,
        // Not "http://" nor "C:/".
        b'/' if !tear && eyes == b':' && !word_before && rest.get(k + 1) != Some(&b'/') => -1.2,
        _ => return None,
    };
    Some((valence, k + 1))
}

/// The 16 bytes of `b` from `at` (`at < b.len()`) as one big-endian integer,
/// so that the byte at `at` is the most significant; zeros past the end.
fn load(b: &[u8], at: usize) -> u128 {
    if let Some(chunk) = b.get(at..at + 16) {
        u128::from_be_bytes(chunk.try_into().expect("16 bytes"))
    } else if let Some(last) = b.len().checked_sub(16) {
        // The text's last 16 bytes, moved up to start at `at`.
        u128::from_be_bytes(b[last..].try_into().expect("16 bytes")) << (8 * (at - last))
    } else {
        let tail = b[at..].iter().fold(0, |k, &c| k << 8 | u128::from(c));
        tail << (8 * (16 - (b.len() - at)))
    }
}

/// How many of the leading (most significant) bytes of `bytes` are ASCII
/// letters or digits, from 0 to 8, all 8 tested at once (see
/// [`ascii_bytes_in`]): each byte's low seven bits are tested, and a byte
/// with its high bit set (not ASCII) is left out.
fn ascii_run(bytes: u64) -> u32 {
    let low = bytes & splat(0x7F);
    let letter = ascii_bytes_in(low | splat(0x20), b'a', b'z');
    let digit = ascii_bytes_in(low, b'0', b'9');
    let alphanumeric = (letter | digit) & !bytes;
    (!alphanumeric & HIGH_BITS).leading_zeros() / 8
}

/// The first `n` (0 to 7) bytes of `bytes`, most significant first, with
/// the rest zeroed, and the byte after them.
fn split(bytes: u64, n: u32) -> (u64, u8) {
    (bytes & !(!0 >> (8 * n)), (bytes >> (56 - 8 * n)) as u8)
}

/// Letters have 0x40 set, digits not; of the letters, capitals have 0x20
/// clear, a bit that `<< 1` moves to 0x40.
const LETTER: u64 = u64::from_ne_bytes([0x40; 8]);

/// `bytes` (ASCII letters and digits, or 0) lower-cased, and 0x40 in each
/// byte that was a lower-case letter.
fn fold_case(bytes: u64) -> (u64, u64) {
    let letters = bytes & LETTER;
    (bytes | letters >> 1, letters & bytes << 1)
}

/// Whether the word in `high` and `low` (ASCII letters and digits, then
/// zeros) has two or more capitals and no lower-case letter.
fn in_capitals(high: u64, low: u64) -> bool {
    let (letters_high, letters_low) = (high & LETTER, low & LETTER);
    let lower = letters_high & high << 1 | letters_low & low << 1;
    // One bit a capital, those of `low` a place lower to keep them apart.
    let upper = letters_high & !(high << 1) | (letters_low & !(low << 1)) >> 1;
    lower == 0 && upper & upper.wrapping_sub(1) != 0
}

/// One of the last three words of the current clause.
#[derive(Debug, Clone, Copy, Default)]
struct Prev {
    negator: bool,
    /// Booster scalar, 0 for none.
    boost: f32,
    caps: bool,
    /// "kind" or "sort", which "of" turns into a diminisher.
    hedge: bool,
    /// "can't" or "cannot", which "wait" turns positive.
    cant: bool,
}

/// The last three words of a clause, nearest first, as one byte of flags
/// each: pushing a word is a shift and one store, which the next word's
/// load reads straight back. A `[Prev; 3]` was written field by field, and
/// reading it whole waited for those stores to land: this is about 6%
/// faster on a 20-word item.
#[derive(Debug, Clone, Copy, Default)]
struct Window(u32);

impl Window {
    const NEGATOR: u32 = 1;
    /// A booster of `BOOST`, and of `-BOOST`: the only two scalars a
    /// booster has (the lexicon test checks it).
    const UP: u32 = 2;
    const DOWN: u32 = 4;
    const CAPS: u32 = 8;
    const HEDGE: u32 = 16;
    const CANT: u32 = 32;

    fn push(&mut self, p: Prev) {
        let mut bits = 0;
        if p.negator {
            bits |= Self::NEGATOR;
        }
        if p.boost > 0.0 {
            bits |= Self::UP;
        } else if p.boost < 0.0 {
            bits |= Self::DOWN;
        }
        if p.caps {
            bits |= Self::CAPS;
        }
        if p.hedge {
            bits |= Self::HEDGE;
        }
        if p.cant {
            bits |= Self::CANT;
        }
        self.0 = (self.0 << 8 | bits) & 0xFF_FFFF;
    }

    /// The word `k` words back (0 for the nearest).
    fn get(self, k: usize) -> Prev {
        let bits = self.0 >> (8 * k);
        let boost = if bits & Self::UP != 0 {
            BOOST
        } else if bits & Self::DOWN != 0 {
            -BOOST
        } else {
            0.0
        };
        Prev {
            negator: bits & Self::NEGATOR != 0,
            boost,
            caps: bits & Self::CAPS != 0,
            hedge: bits & Self::HEDGE != 0,
            cant: bits & Self::CANT != 0,
        }
    }

    fn iter(self) -> impl Iterator<Item = Prev> {
        (0..3).map(move |k| self.get(k))
    }
}

/// The running state of one scoring pass.
#[derive(Debug, Default)]
struct Scorer {
    /// Whether words in capitals get their bonus.
    cap_diff: bool,
    /// Whether a capitals bonus was given.
    caps_used: bool,
    /// Whether a word with lower case was seen. (Whether one in capitals
    /// was needs no keeping: a capitals bonus only comes from one, so
    /// `caps_used` says it.)
    saw_lower: bool,
    /// The last three words of the clause, nearest first.
    window: Window,
    /// What the previous word added to `current`.
    last_added: f32,
    /// The sentence so far (after its "but", if any).
    current: f32,
    /// The sentence's clause before "but".
    before: f32,
    but_seen: bool,
    /// Whether the sentence has any word yet.
    started: bool,
    /// The last finished sentence, which a sentence starting with "But" may
    /// weigh down.
    pending: f32,
    /// The sentences before `pending`.
    total: f32,
    exclamations: u32,
}

/// The compound score of some texts read one after another.
fn score_parts(parts: &[&str]) -> f32 {
    let mut scorer = Scorer::new(true);
    scorer.read(parts);
    // Capitals only stand out against lower-case words; that is known at the
    // end, so a text that got a capitals bonus without them is read again.
    // (Only listed words are asked whether they are in capitals.)
    if scorer.caps_used && !scorer.saw_lower {
        scorer = Scorer::new(false);
        scorer.read(parts);
    }
    scorer.compound()
}

impl Scorer {
    fn new(cap_diff: bool) -> Scorer {
        Scorer {
            cap_diff,
            ..Scorer::default()
        }
    }

    /// Reads the texts one after another. (The scorer is read in place, not
    /// returned: copying it out read back bytes just written one by one,
    /// which stalled about 5 ns an item.)
    fn read(&mut self, parts: &[&str]) {
        for part in parts {
            self.scan(part);
            self.end_sentence();
        }
    }

    fn compound(&self) -> f32 {
        let mut x = self.total + self.pending;
        let emphasis = self.exclamations.min(MAX_EXCLAMATIONS) as f32 * EXCLAMATION;
        if x > 0.0 {
            x += emphasis;
        } else if x < 0.0 {
            x -= emphasis;
        } else {
            // No sentiment at all, the common case: 0 (or -0), as the
            // formula below would give, without its square root.
            return x;
        }
        let x = f64::from(x);
        let c = (x / (x * x + f64::from(ALPHA)).sqrt()) as f32;
        if c.is_nan() { 0.0 } else { c.clamp(-1.0, 1.0) }
    }

    fn scan(&mut self, text: &str) {
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            if c == b' ' {
                i += 1;
                continue;
            }
            if c.is_ascii_alphanumeric() {
                i = self.ascii_word(text, i);
                continue;
            }
            if c.is_ascii() {
                if let Some((valence, len)) = emoticon(b, i) {
                    self.symbol(valence);
                    i += len;
                    continue;
                }
                match c {
                    b'!' => {
                        self.exclamations += 1;
                        self.end_sentence();
                    }
                    b'.' | b'?' | b'\n' => self.end_sentence(),
                    b',' | b';' | b':' | b'(' | b')' => self.window = Default::default(),
                    _ => {}
                }
                i += 1;
                continue;
            }
            let Some(ch) = text[i..].chars().next() else {
                break;
            };
            if ch.is_alphabetic() {
                i = self.scan_word(text, i);
                continue;
            }
            if let Some(valence) = emoji(ch) {
                self.symbol(valence);
            }
            i += ch.len_utf8();
        }
    }

    /// Reads the word starting at `start`, an ASCII letter or digit, and
    /// returns where it ends. The common case, a word of fewer than 16 ASCII
    /// letters and digits, is read as two 64-bit integers (see [`ascii_run`]
    /// and [`fold_case`]); a longer word, or one that goes on with an
    /// apostrophe or a non-ASCII letter, is left to [`Scorer::scan_word`].
    ///
    /// With every word read byte by byte, a 20-word item of plain lower-case
    /// words took about 0.45 µs; with this and the rest of the fast path
    /// (the packed [`Window`], the [`FILTER`]) about 0.19 µs, and a varied
    /// one 0.69 µs and 0.33 µs (release build, best of many rounds).
    fn ascii_word(&mut self, text: &str, start: usize) -> usize {
        let b = text.as_bytes();
        let bytes = load(b, start);
        let mut high = (bytes >> 64) as u64;
        let mut n = ascii_run(high);
        // The word's bytes in `high` and `low`, zero after it, and the byte
        // after it (0 past the end of the text).
        let (low, next);
        if n < 8 {
            (high, next) = split(high, n);
            low = 0;
        } else {
            let m = ascii_run(bytes as u64);
            if m == 8 {
                return self.scan_word(text, start);
            }
            (low, next) = split(bytes as u64, m);
            n += m;
        }
        let end = start + n as usize;
        if !next.is_ascii() || next == b'\'' && b.get(end + 1).is_some_and(u8::is_ascii_alphabetic)
        {
            return self.scan_word(text, start);
        }
        let (key_high, lower_high) = fold_case(high);
        let (key_low, lower_low) = fold_case(low);
        self.saw_lower |= lower_high | lower_low != 0;
        let key = u128::from(key_high) << 64 | u128::from(key_low);
        // No apostrophe, so no "n't".
        self.word(key, || in_capitals(high, low), false);
        // Skip a space after the word here rather than in `scan`.
        end + usize::from(next == b' ')
    }

    /// Reads the word starting at `start` byte by byte, whatever it is made
    /// of, and returns where it ends: the general path, for the words
    /// [`Scorer::ascii_word`] leaves to it and those that start with a
    /// non-ASCII letter.
    fn scan_word(&mut self, text: &str, start: usize) -> usize {
        let b = text.as_bytes();
        let mut buf = [0u8; MAX_WORD];
        let mut n = 0;
        let mut ascii = true;
        let (mut upper, mut lower) = (0u32, false);
        let letter_at = |j: usize| b.get(j).is_some_and(u8::is_ascii_alphabetic);
        let mut j = start;
        while j < b.len() {
            let c = b[j];
            let (byte, len) = if c.is_ascii_alphanumeric() {
                upper += u32::from(c.is_ascii_uppercase());
                lower |= c.is_ascii_lowercase();
                (c.to_ascii_lowercase(), 1)
            } else if c == b'\'' && j > start && letter_at(j + 1) {
                (b'\'', 1)
            } else if b[j..].starts_with("’".as_bytes()) && j > start && letter_at(j + 3) {
                (b'\'', 3)
            } else if c.is_ascii() {
                break;
            } else {
                match text[j..].chars().next() {
                    Some(ch) if ch.is_alphabetic() => {
                        ascii = false;
                        lower |= ch.is_lowercase();
                        (0, ch.len_utf8())
                    }
                    _ => break,
                }
            };
            if n < MAX_WORD {
                buf[n] = byte;
            }
            n += 1;
            j += len;
        }
        let caps = ascii && upper >= 2 && !lower;
        self.saw_lower |= lower;
        if ascii && n <= MAX_WORD {
            self.word(
                u128::from_be_bytes(buf),
                || caps,
                buf[..n].ends_with(b"n't"),
            );
        } else {
            self.other_word();
        }
        j
    }

    /// A word that is not looked up.
    fn other_word(&mut self) {
        self.started = true;
        self.last_added = 0.0;
        self.push(Prev::default());
    }

    /// An emoticon or emoji: a sentiment word of its own.
    fn symbol(&mut self, valence: f32) {
        self.started = true;
        self.sentiment(valence, false);
        self.push(Prev::default());
    }

    /// A lower-case ASCII word given by its [`key`], in capitals in the text
    /// if `caps()` (asked only of listed words); `n_t` if it ends in "n't".
    #[inline]
    fn word(&mut self, key: u128, caps: impl FnOnce() -> bool, n_t: bool) {
        let listed = lookup(key);
        let nearest = self.window.get(0);
        if listed.is_none() && !nearest.hedge && !nearest.cant {
            // Most words: not listed, and no "kind"/"sort" or "can't" before.
            self.started = true;
            self.last_added = 0.0;
            self.push(Prev {
                negator: n_t,
                ..Prev::default()
            });
            return;
        }
        self.special_word(key, listed, caps(), n_t);
    }

    /// A word that is listed, or that follows "kind", "sort" or "can't".
    #[inline(never)]
    fn special_word(&mut self, key: u128, listed: Option<Word>, caps: bool, n_t: bool) {
        let opens_sentence = !std::mem::replace(&mut self.started, true);
        let last = std::mem::take(&mut self.last_added);
        let nearest = self.window.get(0);
        if nearest.hedge && key == OF {
            // "kind of", "sort of": a diminisher, not "kind".
            self.current -= last;
            self.push(Prev {
                boost: -BOOST,
                caps,
                ..Prev::default()
            });
            return;
        }
        if nearest.cant && key == WAIT {
            self.current += CANT_WAIT - last;
            self.last_added = CANT_WAIT;
            self.push(Prev::default());
            return;
        }
        match listed {
            Some(Valence(v)) => {
                self.sentiment(v, caps);
                self.push(Prev::default());
            }
            Some(WhenNegated(v)) => {
                if self.window.iter().any(|p| p.negator) {
                    self.sentiment(v, caps);
                }
                self.push(Prev::default());
            }
            Some(Negator) => self.push(Prev {
                negator: true,
                ..Prev::default()
            }),
            Some(NegativeNegator(v)) => {
                self.sentiment(v, caps);
                self.push(Prev {
                    negator: true,
                    cant: true,
                    ..Prev::default()
                });
            }
            Some(Booster(boost)) => self.push(Prev {
                boost,
                caps,
                ..Prev::default()
            }),
            Some(Hedge(v)) => {
                if v != 0.0 {
                    self.sentiment(v, caps);
                }
                self.push(Prev {
                    hedge: true,
                    ..Prev::default()
                });
            }
            Some(Contrast) => self.contrast(opens_sentence),
            None => self.push(Prev {
                negator: n_t,
                ..Prev::default()
            }),
        }
    }

    /// Adds a sentiment word's valence, modified by the words before it.
    fn sentiment(&mut self, valence: f32, caps: bool) {
        let mut v = valence;
        if caps && self.cap_diff {
            v += CAPS.copysign(v);
            self.caps_used = true;
        }
        for (p, damping) in self.window.iter().zip(BOOST_DAMPING) {
            if p.boost != 0.0 {
                let mut s = if v < 0.0 { -p.boost } else { p.boost };
                if p.caps && self.cap_diff {
                    s += CAPS.copysign(v);
                    self.caps_used = true;
                }
                v += s * damping;
            }
            if p.negator {
                v *= NEGATION;
            }
        }
        self.current += v;
        self.last_added = v;
    }

    fn push(&mut self, prev: Prev) {
        self.window.push(prev);
    }

    /// "but": what came before it in the sentence counts less, what follows
    /// more. When it opens a sentence, the previous sentence is what came
    /// before.
    fn contrast(&mut self, opens_sentence: bool) {
        if !self.but_seen {
            self.before = if opens_sentence {
                std::mem::take(&mut self.pending)
            } else {
                std::mem::take(&mut self.current)
            };
            self.but_seen = true;
        }
        self.window = Default::default();
    }

    /// Ends a sentence (and clause).
    fn end_sentence(&mut self) {
        if !self.started {
            return;
        }
        let sentence = if self.but_seen {
            self.before * BEFORE_BUT + self.current * AFTER_BUT
        } else {
            self.current
        };
        self.total += self.pending;
        self.pending = sentence;
        self.current = 0.0;
        self.before = 0.0;
        self.but_seen = false;
        self.started = false;
        self.window = Default::default();
        self.last_added = 0.0;
    }
}

#[cfg(test)]
mod tests {
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
}

/// The scorer as it was before the ASCII fast path (commit 61262bf), kept
/// word for word except for the look-up, which is a plain binary search over
/// `LEXICON`: the proptests in `tests` check that the scorer above gives the
/// very same score, bit for bit.
#[cfg(test)]
mod reference;
