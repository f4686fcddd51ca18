//! The scoring pass: the weights of the rules, the running state of one
//! pass over a text (the last three words of a clause, the sentence so far,
//! the clause before "but"), and the fast reading of ASCII words 16 bytes at
//! a time. [`score_parts`] is its one entry point.

use super::lexicon::Word::*;
use super::lexicon::{MAX_WORD, Word, emoji, emoticon, key, lookup};
use crate::domain::text::{HIGH_BITS, ascii_bytes_in, splat};

/// Multiplier on a valence for each negator before it.
pub(super) const NEGATION: f32 = -0.74;
/// What an intensifier adds (a diminisher takes away).
pub(super) const BOOST: f32 = 0.293;
/// What a word in capitals adds, in a text with lower-case words too.
pub(super) const CAPS: f32 = 0.733;
/// What each "!" adds, in the direction of the total.
pub(super) const EXCLAMATION: f32 = 0.292;
/// At most this many "!" count.
pub(super) const MAX_EXCLAMATIONS: u32 = 3;
/// Weight of the clause before "but", and of the one after it.
pub(super) const BEFORE_BUT: f32 = 0.5;
pub(super) const AFTER_BUT: f32 = 1.5;
/// How intensifiers fade with distance: 1, 2 and 3 words before.
pub(super) const BOOST_DAMPING: [f32; 3] = [1.0, 0.95, 0.9];
/// VADER's normalisation constant.
pub(super) const ALPHA: f32 = 15.0;
/// Keys of "of" and "wait" (see [`key`]).
const OF: u128 = key(b"of");
const WAIT: u128 = key(b"wait");
/// Valence of "can't wait".
pub(super) const CANT_WAIT: f32 = 2.0;

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
pub(super) fn score_parts(parts: &[&str]) -> f32 {
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
    /// (the packed [`Window`], the lexicon's `FILTER`) about 0.19 µs, and a varied
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
