//! Reading a card or an action title into its terms (see `themes` for the
//! rules). Words and stems are numbered as they are first met, so a term
//! is two small numbers: counting terms over thousands of cards hashes
//! integers, and a word's spelling is looked at once, the first time.

use rust_stemmers::{Algorithm, Stemmer};
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A word or a two-word phrase, as numbers: of stems for a term's key, of
/// words (lower-cased, as written) for how it reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Words {
    One(u32),
    Two(u32, u32),
}

/// One term of a text: its key (stems) and its words as written.
#[derive(Debug, Clone, Copy)]
pub(super) struct Term {
    pub key: Words,
    pub written: Words,
}

/// The multiply-and-rotate hash rustc uses (FxHash): much cheaper than
/// the default SipHash for the short words and numbers hashed here, which
/// come from the team's own cards.
#[derive(Default)]
pub(super) struct FxHasher {
    hash: u64,
}

const FX_SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(FX_SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        for &byte in chunks.remainder() {
            self.add(u64::from(byte));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

pub(super) type FxBuild = BuildHasherDefault<FxHasher>;
pub(super) type FxHashMap<K, V> = HashMap<K, V, FxBuild>;
pub(super) type FxHashSet<T> = HashSet<T, FxBuild>;

/// What is known of a word met before.
#[derive(Clone, Copy)]
struct KnownWord {
    /// Its number (an index into `TermReader::written`).
    number: u32,
    /// Its stem's number; `None` when it is not a content word.
    stem: Option<u32>,
}

/// Splits text into terms, remembering every word it has read.
pub(super) struct TermReader {
    stemmer: Stemmer,
    stop_words: HashSet<String>,
    words: FxHashMap<String, KnownWord>,
    /// The words by number, as written (lower-cased).
    written: Vec<String>,
    stems: FxHashMap<String, u32>,
    /// The keys of the text being read, to keep each once.
    seen: FxHashSet<Words>,
    /// The word being read.
    word: String,
}

impl TermReader {
    pub fn new() -> TermReader {
        let stop_words = stop_words::get("en")
            .iter()
            .flat_map(|w| [w.to_string(), w.replace(['\'', '’'], "")])
            .collect();
        TermReader {
            stemmer: Stemmer::create(Algorithm::English),
            stop_words,
            words: FxHashMap::default(),
            written: Vec::new(),
            stems: FxHashMap::default(),
            seen: FxHashSet::default(),
            word: String::new(),
        }
    }

    /// The words of `words` as written, joined by a space.
    pub fn written(&self, words: Words) -> String {
        match words {
            Words::One(w) => self.written[w as usize].clone(),
            Words::Two(a, b) => {
                format!("{} {}", self.written[a as usize], self.written[b as usize])
            }
        }
    }

    /// The word just read (in `self.word`): its number and, for a content
    /// word (more than one letter, not a number, not a stop word), its
    /// stem's number.
    fn known(&mut self) -> KnownWord {
        if let Some(known) = self.words.get(self.word.as_str()) {
            return *known;
        }
        let word = self.word.clone();
        let is_content = word.chars().count() > 1
            && !word.chars().all(|c| c.is_numeric())
            && !self.stop_words.contains(&word);
        let stem = is_content.then(|| {
            let stem = self.stemmer.stem(&word).into_owned();
            let next = self.stems.len() as u32;
            *self.stems.entry(stem).or_insert(next)
        });
        let known = KnownWord {
            number: self.written.len() as u32,
            stem,
        };
        self.written.push(word.clone());
        self.words.insert(word, known);
        known
    }

    /// The distinct terms of `text`, words and two-word phrases, in the
    /// order they first appear, into `terms` (emptied first).
    pub fn terms(&mut self, text: &str, terms: &mut Vec<Term>) {
        terms.clear();
        self.seen.clear();
        self.word.clear();
        // The previous content word of the sentence: (stem, word) numbers.
        let mut previous: Option<(u32, u32)> = None;
        let mut chars = text.chars();
        loop {
            let c = chars.next();
            match c {
                Some(c) if c.is_ascii_alphanumeric() => {
                    self.word.push(c.to_ascii_lowercase());
                    continue;
                }
                Some(c) if c.is_alphanumeric() => {
                    self.word.extend(c.to_lowercase());
                    continue;
                }
                Some('\'' | '’') => continue,
                _ => {}
            }
            if !self.word.is_empty() {
                let known = self.known();
                if let Some(stem) = known.stem {
                    if let Some((prev_stem, prev_word)) = previous.take() {
                        self.push(
                            Term {
                                key: Words::Two(prev_stem, stem),
                                written: Words::Two(prev_word, known.number),
                            },
                            terms,
                        );
                    }
                    self.push(
                        Term {
                            key: Words::One(stem),
                            written: Words::One(known.number),
                        },
                        terms,
                    );
                    previous = Some((stem, known.number));
                }
                self.word.clear();
            }
            match c {
                None => break,
                Some('.' | ',' | ';' | ':' | '!' | '?' | '(' | ')' | '\n') => previous = None,
                Some(_) => {}
            }
        }
    }

    fn push(&mut self, term: Term, terms: &mut Vec<Term>) {
        if self.seen.insert(term.key) {
            terms.push(term);
        }
    }
}
