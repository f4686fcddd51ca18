//! The filter query, compiled once per keystroke, and how well a row matches
//! it. Words separated by spaces must all match. A plain word matches the
//! title and tags: best as a whole word, then as the start of a word, then
//! inside a word, and last scattered — its letters in order either inside
//! one word or in pieces that each begin a word ("shplan" finds "shift
//! plan"). Letters picked from the middles of several words are too loose
//! to count, so `export` does not find "too expensive for small stores".
//! A word the description contains matches too, ranked below the title's
//! own matches. As in fzf, `'word` and `"an exact phrase"` match only
//! exactly, `^word` the start of the title, `word$` its end, and `!word`
//! hides rows whose title or tags contain it.

use crate::domain::triage::{Letters, SearchLetters, TriageRow, is_word_byte};
use memchr::memmem::Finder;

/// How well a row matches, worst first; 0 means it does not.
pub(super) type Quality = u8;
pub(super) const NO_MATCH: Quality = 0;
/// Letters in order, inside one word or in pieces that begin words.
pub(super) const SCATTERED: Quality = 1;
/// Only the description contains it.
pub(super) const IN_DESCRIPTION: Quality = 2;
/// Inside a word of the title or tags.
pub(super) const INSIDE_WORD: Quality = 3;
/// At the start of a word.
pub(super) const WORD_START: Quality = 4;
/// A whole word.
pub(super) const WHOLE_WORD: Quality = 5;
/// The most a row can score (every row, when there is no query).
pub(super) const BEST: Quality = WHOLE_WORD;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Whole word, word start, inside, description, or scattered.
    Fuzzy,
    /// `'word` or `"phrase"`: the text as it is, never scattered.
    Exact,
    /// `^word`: the title starts with it.
    Start,
    /// `word$`: the title ends with it.
    End,
    /// `!word`: rows whose title or tags contain it are hidden.
    Not,
}

struct Atom {
    kind: Kind,
    needle: Vec<u8>,
    finder: Finder<'static>,
    /// The needle's characters, for titles that are not ASCII.
    chars: Vec<char>,
    /// The needle's ASCII letters: text that lacks one of them cannot hold
    /// the needle, not even scattered.
    letters: Letters,
    /// Whether the needle is one ASCII letter, which a row's letter sets
    /// place without reading its text.
    one_letter: bool,
}

impl Atom {
    fn new(kind: Kind, text: &str) -> Atom {
        Atom {
            kind,
            needle: text.as_bytes().to_vec(),
            finder: Finder::new(text.as_bytes()).into_owned(),
            chars: text.chars().collect(),
            letters: Letters::in_bytes(text.as_bytes()),
            one_letter: text.len() == 1 && Letters::of(text.as_bytes()[0]).is_some(),
        }
    }
}

/// Splits a query into atoms: words, and `"quoted phrases"` (an unclosed
/// quote runs to the end, as it is being typed).
fn parse(query: &str) -> Vec<Atom> {
    let lower = query.to_lowercase();
    let mut atoms = Vec::new();
    let mut rest = lower.as_str();
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return atoms;
        }
        if let Some(phrase) = rest.strip_prefix('"') {
            let (text, after) = phrase.split_once('"').unwrap_or((phrase, ""));
            if !text.is_empty() {
                atoms.push(Atom::new(Kind::Exact, text));
            }
            rest = after;
            continue;
        }
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let word = &rest[..end];
        rest = &rest[end..];
        let (kind, text) = if let Some(w) = word.strip_prefix('!') {
            (Kind::Not, w.trim_start_matches('\''))
        } else if let Some(w) = word.strip_prefix('\'') {
            (Kind::Exact, w)
        } else if let Some(w) = word.strip_prefix('^') {
            (Kind::Start, w)
        } else if let Some(w) = word.strip_suffix('$').filter(|w| !w.is_empty()) {
            (Kind::End, w)
        } else {
            (Kind::Fuzzy, word)
        };
        if !text.is_empty() {
            atoms.push(Atom::new(kind, text));
        }
    }
}

/// The best place `atom` occurs in the title (and tags) as it is: a whole
/// word, the start of a word, or inside one.
fn title_quality(atom: &Atom, title: &[u8], letters: &SearchLetters) -> Quality {
    if !letters.title.has_all(atom.letters) {
        return NO_MATCH;
    }
    if atom.one_letter {
        return if letters.title_one_letter_words.has_all(atom.letters) {
            WHOLE_WORD
        } else if letters.title_word_starts.has_all(atom.letters) {
            WORD_START
        } else {
            INSIDE_WORD
        };
    }
    best_place(atom, title)
}

/// Whether `atom` occurs in the description as it is.
fn in_description(atom: &Atom, description: &[u8], letters: &SearchLetters) -> bool {
    letters.description.has_all(atom.letters)
        && (atom.one_letter || atom.finder.find(description).is_some())
}

/// The best of the places `atom` is found in `haystack`, searched left to
/// right, each search going on after the last place found.
fn best_place(atom: &Atom, haystack: &[u8]) -> Quality {
    let n = atom.needle.len();
    let mut best = NO_MATCH;
    let mut from = 0;
    // `find` on what is left, rather than `find_iter`, which copies the
    // searcher on every call.
    while let Some(found) = atom.finder.find(&haystack[from..]) {
        let at = from + found;
        let starts = at == 0 || !is_word_byte(haystack[at - 1]);
        let ends = haystack.get(at + n).is_none_or(|&b| !is_word_byte(b));
        let quality = match (starts, ends) {
            (true, true) => return WHOLE_WORD,
            (true, false) => WORD_START,
            _ => INSIDE_WORD,
        };
        best = best.max(quality);
        from = at + n;
    }
    best
}

/// Whether `needle` is scattered over `haystack` closely enough to count:
/// in order inside one word, or in pieces that each begin a word (a piece
/// is a prefix of what is left of the needle, in order inside its word,
/// from the word's first letter on; each word takes at most one piece).
fn scattered<T: Copy + PartialEq>(
    needle: &[T],
    haystack: &[T],
    is_word: impl Fn(T) -> bool,
) -> bool {
    let n = needle.len();
    // `placed[i]`: the needle up to `i` is placed in the words so far. On
    // the stack for any word typed by hand.
    let mut on_stack = [false; 64];
    let mut on_heap = Vec::new();
    let placed: &mut [bool] = if n < on_stack.len() {
        &mut on_stack[..=n]
    } else {
        on_heap.resize(n + 1, false);
        &mut on_heap
    };
    placed[0] = true;
    let mut rest = haystack;
    while let Some(start) = rest.iter().position(|&c| is_word(c)) {
        let after = &rest[start..];
        let len = after
            .iter()
            .position(|&c| !is_word(c))
            .unwrap_or(after.len());
        let word = &after[..len];
        rest = &after[len..];
        if is_subsequence(needle, word) {
            return true;
        }
        // The pieces this word can take, from the furthest placed point
        // back, so that a piece placed here is not followed by another
        // piece in the same word.
        for from in (0..n).rev() {
            if !placed[from] || word[0] != needle[from] {
                continue;
            }
            let mut taken = 0;
            for &c in word {
                if from + taken < n && c == needle[from + taken] {
                    taken += 1;
                }
            }
            placed[from + 1..=from + taken].fill(true);
        }
        if placed[n] {
            return true;
        }
    }
    false
}

/// Whether `needle` occurs in `haystack` in order, not necessarily together.
fn is_subsequence<T: PartialEq>(needle: &[T], haystack: &[T]) -> bool {
    let mut rest = haystack.iter();
    needle.iter().all(|n| rest.any(|h| h == n))
}

/// The same test on bytes, with memchr.
fn is_byte_subsequence(needle: &[u8], haystack: &[u8]) -> bool {
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
    atoms: Vec<Atom>,
}

impl QueryFilter {
    pub(super) fn new(query: &str) -> QueryFilter {
        QueryFilter {
            atoms: parse(query),
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.atoms.is_empty()
    }

    /// How well `row` matches: the worst of its words' qualities
    /// (`NO_MATCH` when one of them does not match at all).
    pub(super) fn quality(&self, row: &TriageRow, chars: &mut Vec<char>) -> Quality {
        let title = row.search_title.as_bytes();
        let description = row.search_description.as_bytes();
        let letters = &row.search_letters;
        let mut worst = BEST;
        for atom in &self.atoms {
            let quality = match atom.kind {
                Kind::Not => {
                    if title_quality(atom, title, letters) != NO_MATCH {
                        return NO_MATCH;
                    }
                    continue;
                }
                Kind::Start => {
                    if !title.starts_with(&atom.needle) {
                        return NO_MATCH;
                    }
                    match title.get(atom.needle.len()) {
                        Some(&b) if is_word_byte(b) => WORD_START,
                        _ => WHOLE_WORD,
                    }
                }
                Kind::End => {
                    let key = row.title_key().as_bytes();
                    if !key.ends_with(&atom.needle) {
                        return NO_MATCH;
                    }
                    match key.len().checked_sub(atom.needle.len() + 1) {
                        Some(before) if is_word_byte(key[before]) => INSIDE_WORD,
                        _ => WHOLE_WORD,
                    }
                }
                Kind::Exact | Kind::Fuzzy => {
                    let mut quality = title_quality(atom, title, letters);
                    if quality == NO_MATCH && in_description(atom, description, letters) {
                        quality = IN_DESCRIPTION;
                    }
                    if quality == NO_MATCH
                        && atom.kind == Kind::Fuzzy
                        && letters.title.has_all(atom.letters)
                        && is_byte_subsequence(&atom.needle, title)
                        && self.is_scattered(atom, row, chars)
                    {
                        quality = SCATTERED;
                    }
                    quality
                }
            };
            if quality == NO_MATCH {
                return NO_MATCH;
            }
            worst = worst.min(quality);
        }
        worst
    }

    fn is_scattered(&self, atom: &Atom, row: &TriageRow, chars: &mut Vec<char>) -> bool {
        let title = row.search_title.as_bytes();
        if row.search_title_ascii && atom.needle.is_ascii() {
            return scattered(&atom.needle, title, is_word_byte);
        }
        chars.clear();
        chars.extend(row.search_title.chars());
        is_subsequence(&atom.chars, chars) && scattered(&atom.chars, chars, char::is_alphanumeric)
    }
}

#[cfg(test)]
mod tests;
