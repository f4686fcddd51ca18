//! From an item's text to its fingerprint: words split and lower-cased
//! (apostrophes dropped, so "can't" is "cant"), stemmed with the Snowball
//! English stemmer, synonyms and phrases from the table mapped to their
//! group's first term, common English stop words dropped; the result kept
//! as sorted distinct 64-bit hashes.

use super::TokenMap;
use super::synonyms::Synonyms;
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::HashMap;

/// Words too common to say anything about what feedback is about.
pub(super) fn is_stop_word(word: &str) -> bool {
    // A `match` compiles to a few length and byte comparisons.
    matches!(
        word,
        "a" | "about"
            // Requests open with it ("please add …"): it says nothing of what.
            | "add"
            | "after"
            | "all"
            | "also"
            | "am"
            | "an"
            | "and"
            | "any"
            | "are"
            | "as"
            | "at"
            | "be"
            | "been"
            | "but"
            | "by"
            | "can"
            | "could"
            | "did"
            | "do"
            | "does"
            | "for"
            | "from"
            | "get"
            | "got"
            | "had"
            | "has"
            | "have"
            | "how"
            | "i"
            | "if"
            | "in"
            | "into"
            | "is"
            | "it"
            | "its"
            | "just"
            | "me"
            | "more"
            | "my"
            | "of"
            | "on"
            | "or"
            | "our"
            | "please"
            | "should"
            | "so"
            | "some"
            | "that"
            | "the"
            | "their"
            | "them"
            | "then"
            | "there"
            | "this"
            | "to"
            | "us"
            | "very"
            | "was"
            | "we"
            | "were"
            | "what"
            | "when"
            | "which"
            | "will"
            | "with"
            | "would"
            | "you"
            | "your"
    )
}

/// An item's token set, as sorted distinct hashes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Fingerprint {
    pub(super) tokens: Box<[u64]>,
}

impl Fingerprint {
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }
}

/// A word as the analyser sees it: the hash of its stem, and whether it is
/// a stop word.
#[derive(Debug, Clone, Copy)]
struct Word {
    stem: u64,
    stop: bool,
}

/// Turns texts into fingerprints with one synonym table. It remembers the
/// words it has stemmed, so a backlog's repeated words are stemmed once.
pub struct Analyzer {
    stemmer: Stemmer,
    /// Words seen, by the hash of their lower-cased text.
    known: TokenMap<Word>,
    /// A one-word term's stem → its group's token.
    single: TokenMap<u64>,
    /// A phrase's key (see `phrase_key`) → its group's token.
    phrases: TokenMap<u64>,
    /// The stems phrases start with, so most words skip the phrase lookup.
    phrase_starts: TokenMap<()>,
    longest_phrase: usize,
    words: Vec<Word>,
    word: String,
}

/// The key of a run of stems (a one-word run's key is its stem's hash).
fn phrase_key(stems: &[Word]) -> u64 {
    match stems {
        [one] => one.stem,
        _ => stems.iter().fold(0x5851_F42D_4C95_7F2D, |acc, w| {
            super::mix(acc ^ w.stem).wrapping_add(1)
        }),
    }
}

/// Calls `each` with every word of `text`, lower-cased, apostrophes
/// dropped; `word` is the buffer it is built in.
fn for_each_word(text: &str, word: &mut String, mut each: impl FnMut(&str)) {
    word.clear();
    for c in text.chars() {
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if c == '\'' || c == '’' {
            continue;
        } else if !word.is_empty() {
            each(word);
            word.clear();
        }
    }
    if !word.is_empty() {
        each(word);
        word.clear();
    }
}

impl Analyzer {
    /// An analyser mapping the terms of `synonyms` to one token per group;
    /// groups that share a term become one group, named by the first.
    pub fn new(synonyms: &Synonyms) -> Analyzer {
        let mut analyzer = Analyzer {
            stemmer: Stemmer::create(Algorithm::English),
            known: TokenMap::default(),
            single: TokenMap::default(),
            phrases: TokenMap::default(),
            phrase_starts: TokenMap::default(),
            longest_phrase: 1,
            words: Vec::new(),
            word: String::new(),
        };
        let groups: Vec<Vec<Vec<Word>>> = synonyms
            .groups()
            .iter()
            .map(|group| group.iter().map(|term| analyzer.words_of(term)).collect())
            .collect();
        // Join groups that share a term (union-find over group numbers).
        let mut parent: Vec<usize> = (0..groups.len()).collect();
        fn root(parent: &mut [usize], mut g: usize) -> usize {
            while parent[g] != g {
                parent[g] = parent[parent[g]];
                g = parent[g];
            }
            g
        }
        let mut group_of: HashMap<u64, usize> = HashMap::new();
        for (g, terms) in groups.iter().enumerate() {
            for term in terms.iter().filter(|t| !t.is_empty()) {
                if let Some(&other) = group_of.get(&phrase_key(term)) {
                    let (a, b) = (root(&mut parent, g), root(&mut parent, other));
                    parent[a.max(b)] = a.min(b);
                } else {
                    group_of.insert(phrase_key(term), g);
                }
            }
        }
        for (g, terms) in groups.iter().enumerate() {
            let first = &groups[root(&mut parent, g)][0];
            let token = phrase_key(first);
            for term in terms {
                match term.len() {
                    0 => {}
                    1 => {
                        analyzer.single.insert(term[0].stem, token);
                    }
                    n => {
                        analyzer.phrases.insert(phrase_key(term), token);
                        analyzer.phrase_starts.insert(term[0].stem, ());
                        analyzer.longest_phrase = analyzer.longest_phrase.max(n);
                    }
                }
            }
        }
        analyzer
    }

    /// The stem of one lower-cased word (Snowball English).
    pub fn stem<'a>(&self, word: &'a str) -> std::borrow::Cow<'a, str> {
        self.stemmer.stem(word)
    }

    fn word(&mut self, word: &str) -> Word {
        let key = xxhash_rust::xxh3::xxh3_64(word.as_bytes());
        if let Some(known) = self.known.get(&key) {
            return *known;
        }
        let analysed = Word {
            stem: xxhash_rust::xxh3::xxh3_64(self.stemmer.stem(word).as_bytes()),
            stop: is_stop_word(word),
        };
        self.known.insert(key, analysed);
        analysed
    }

    fn words_of(&mut self, text: &str) -> Vec<Word> {
        let mut found = Vec::new();
        let mut buffer = std::mem::take(&mut self.word);
        for_each_word(text, &mut buffer, |w| found.push(self.word(w)));
        self.word = buffer;
        found
    }

    /// The fingerprint of an item's title and description.
    pub fn fingerprint(&mut self, title: &str, description: &str) -> Fingerprint {
        let mut tokens = Vec::new();
        for text in [title, description] {
            let mut words = std::mem::take(&mut self.words);
            let mut buffer = std::mem::take(&mut self.word);
            words.clear();
            for_each_word(text, &mut buffer, |w| words.push(self.word(w)));
            self.word = buffer;
            self.tokens_of(&words, &mut tokens);
            self.words = words;
        }
        tokens.sort_unstable();
        tokens.dedup();
        Fingerprint {
            tokens: tokens.into_boxed_slice(),
        }
    }

    /// Pushes the tokens of `words`: the longest phrase of the table that
    /// starts at each word, else the word's group, else the word itself
    /// unless it is a stop word.
    fn tokens_of(&self, words: &[Word], tokens: &mut Vec<u64>) {
        let mut i = 0;
        'words: while i < words.len() {
            if self.phrase_starts.contains_key(&words[i].stem) {
                let longest = self.longest_phrase.min(words.len() - i);
                for n in (2..=longest).rev() {
                    if let Some(&token) = self.phrases.get(&phrase_key(&words[i..i + n])) {
                        tokens.push(token);
                        i += n;
                        continue 'words;
                    }
                }
            }
            let word = words[i];
            if let Some(&token) = self.single.get(&word.stem) {
                tokens.push(token);
            } else if !word.stop {
                tokens.push(word.stem);
            }
            i += 1;
        }
    }
}
