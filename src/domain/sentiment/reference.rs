//! The sentiment scorer as it was before the ASCII fast path (commit
//! 61262bf), kept word for word except for the look-up, which is a plain
//! binary search over `LEXICON`: the proptests in `sentiment::tests` check
//! that the scorer gives the very same score, bit for bit. Tests only.

use super::lexicon::Word::*;
use super::lexicon::{LEXICON, MAX_WORD, Word, emoji};
use super::scorer::{
    AFTER_BUT, ALPHA, BEFORE_BUT, BOOST, BOOST_DAMPING, CANT_WAIT, CAPS, EXCLAMATION,
    MAX_EXCLAMATIONS, NEGATION,
};

const OF: u128 = key(b"of");
const WAIT: u128 = key(b"wait");

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

fn lookup(key: u128) -> Option<Word> {
    LEXICON
        .binary_search_by_key(&key, |(w, _)| self::key(w.as_bytes()))
        .ok()
        .map(|i| LEXICON[i].1)
}

/// The compound score of a text.
pub(super) fn score(text: &str) -> f32 {
    score_parts(&[text])
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

/// The running state of one scoring pass.
#[derive(Debug, Default)]
struct Scorer {
    /// Whether words in capitals get their bonus.
    cap_diff: bool,
    /// Whether a capitals bonus was given.
    caps_used: bool,
    /// Whether a word in capitals was seen, and one with lower case.
    saw_caps: bool,
    saw_lower: bool,
    /// The last three words of the clause, nearest first.
    window: [Prev; 3],
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
pub(super) fn score_parts(parts: &[&str]) -> f32 {
    let mut scorer = Scorer::run(parts, true);
    // Capitals only stand out against lower-case words; that is known at the
    // end, so a text that got a capitals bonus without them is read again.
    if scorer.caps_used && !(scorer.saw_caps && scorer.saw_lower) {
        scorer = Scorer::run(parts, false);
    }
    scorer.compound()
}

impl Scorer {
    fn run(parts: &[&str], cap_diff: bool) -> Scorer {
        let mut s = Scorer {
            cap_diff,
            ..Scorer::default()
        };
        for part in parts {
            s.scan(part);
            s.end_sentence();
        }
        s
    }

    fn compound(&self) -> f32 {
        let mut x = self.total + self.pending;
        let emphasis = self.exclamations.min(MAX_EXCLAMATIONS) as f32 * EXCLAMATION;
        if x > 0.0 {
            x += emphasis;
        } else if x < 0.0 {
            x -= emphasis;
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
            if c.is_ascii_alphanumeric() {
                i = self.scan_word(text, i);
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

    /// Reads the word starting at `start` and returns where it ends.
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
        self.saw_caps |= caps;
        self.saw_lower |= lower;
        if ascii && n <= MAX_WORD {
            self.word(&buf[..n], u128::from_be_bytes(buf), caps);
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

    /// A lower-case ASCII word, in capitals in the text if `caps`.
    fn word(&mut self, word: &[u8], key: u128, caps: bool) {
        let opens_sentence = !std::mem::replace(&mut self.started, true);
        let last = std::mem::take(&mut self.last_added);
        let nearest = self.window[0];
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
        match lookup(key) {
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
                negator: word.ends_with(b"n't"),
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
        for (p, damping) in self.window.into_iter().zip(BOOST_DAMPING) {
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
        self.window = [prev, self.window[0], self.window[1]];
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
