//! Near-duplicate detection: which pairs of items say nearly the same thing.
//!
//! Method:
//! - Each item becomes a set of word tokens from its title and description:
//!   lower-cased, common English stop words dropped ("the", "to", "please"…),
//!   and a crude suffix strip so that "crashes", "crashed" and "crashing" all
//!   count as "crash". The set is kept as sorted 64-bit hashes.
//! - Two items are similar by the Jaccard index of their sets: shared tokens
//!   over all tokens. Pairs at or above the threshold are near-duplicates.
//! - Comparing every pair is quadratic (5·10⁹ pairs at 100,000 items), so
//!   candidates come from MinHash with locality-sensitive hashing (Broder
//!   1997; Leskovec, Rajaraman & Ullman, *Mining of Massive Datasets*, ch. 3):
//!   60 min-hashes in 20 bands of 3. A pair shares a band, and so is
//!   checked, with probability 1 − (1 − J³)²⁰: 0.93 at a Jaccard index J of
//!   0.5, 0.99 at 0.6, more than 0.999 at 0.7, but only 0.42 at 0.3, which
//!   keeps the checks few. Every candidate is checked with the exact Jaccard
//!   index (unless the share of agreeing min-hashes, an estimate of it, is
//!   0.2 or more below the threshold), so nothing below the threshold is
//!   reported; a pair just at the threshold can be missed now and then.
//! - Items with exactly the same words are grouped first: each is paired
//!   with the first of its group, and only the first takes part in the
//!   search below.
//! - A band shared by more than [`MAX_BUCKET`] items stands either for
//!   words much of the data shares or for one issue reported many times; its
//!   items are checked against its first item only (linear, not quadratic),
//!   which still lists a large cluster as pairs with that item. Within a
//!   band, small buckets are checked first, and the whole search checks at most
//!   [`MAX_CHECKS`] pairs, so data where everything resembles everything
//!   still answers in well under a second (and says the search was cut
//!   short).
//! - Only the best `limit` pairs are kept, in a bounded heap.
//!
//! Limits: it compares words, not meaning ("log in fails" and "cannot sign
//! in" share nothing); English stop words and suffixes only; very short texts
//! (one or two words) reach high scores easily.

use std::collections::{HashMap, HashSet};

/// Number of min-hashes per item.
const HASHES: usize = 60;
/// Min-hashes per band: a pair is a candidate when all of a band's agree.
const ROWS_PER_BAND: usize = 3;
/// How far below the threshold the min-hash estimate of a pair's
/// similarity may be for the pair still to be checked exactly (three
/// standard deviations of the estimate at 60 hashes).
const ESTIMATE_MARGIN: f64 = 0.2;
/// Buckets with more items than this are checked against their first item
/// only (see the module docs).
pub const MAX_BUCKET: usize = 200;
/// The similarity at or above which two items are listed, by default.
pub const DEFAULT_THRESHOLD: f64 = 0.5;

/// Words too common to say anything about what feedback is about.
fn is_stop_word(word: &str) -> bool {
    // A `match` compiles to a few length and byte comparisons.
    matches!(
        word,
        "a" | "about"
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
    tokens: Box<[u64]>,
}

impl Fingerprint {
    /// The fingerprint of an item's title and description.
    pub fn of(title: &str, description: &str) -> Fingerprint {
        let mut tokens = Vec::new();
        let mut word = String::new();
        for text in [title, description] {
            for part in text.split(|c: char| !c.is_alphanumeric()) {
                if part.is_empty() {
                    continue;
                }
                word.clear();
                word.extend(part.chars().flat_map(char::to_lowercase));
                if is_stop_word(&word) {
                    continue;
                }
                tokens.push(xxhash_rust::xxh3::xxh3_64(stem(&word).as_bytes()));
            }
        }
        tokens.sort_unstable();
        tokens.dedup();
        Fingerprint {
            tokens: tokens.into_boxed_slice(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The Jaccard index of two fingerprints, 0 to 1 (0 when both are empty).
    pub fn similarity(&self, other: &Fingerprint) -> f64 {
        let (a, b) = (&self.tokens, &other.tokens);
        let (mut i, mut j, mut shared) = (0, 0, 0usize);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        let union = a.len() + b.len() - shared;
        if union == 0 {
            0.0
        } else {
            shared as f64 / union as f64
        }
    }

    /// The MinHash signature: for each of `HASHES` hash functions, the least
    /// hash of any token.
    fn signature(&self) -> [u64; HASHES] {
        let mut signature = [u64::MAX; HASHES];
        for &token in self.tokens.iter() {
            for (seed, slot) in signature.iter_mut().enumerate() {
                let h = mix(token ^ SEEDS[seed]);
                if h < *slot {
                    *slot = h;
                }
            }
        }
        signature
    }
}

/// Strips a few English inflections, so that plurals and verb forms meet.
fn stem(word: &str) -> &str {
    let n = word.len();
    if !word.is_ascii() || n <= 3 {
        return word;
    }
    for suffix in ["ing", "ed"] {
        if n > suffix.len() + 3 && word.ends_with(suffix) {
            return &word[..n - suffix.len()];
        }
    }
    if n > 4
        && ["shes", "ches", "xes", "sses"]
            .iter()
            .any(|s| word.ends_with(s))
    {
        return &word[..n - 2];
    }
    if word.ends_with('s') && !word.ends_with("ss") {
        return &word[..n - 1];
    }
    word
}

/// Per-hash-function seeds (fixed, so results are reproducible).
const SEEDS: [u64; HASHES] = {
    let mut seeds = [0u64; HASHES];
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut i = 0;
    while i < HASHES {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        seeds[i] = state;
        i += 1;
    }
    seeds
};

/// A strong 64-bit mixer (the finaliser of SplitMix64).
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// Two items that look alike, by their positions in the input slice.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SimilarPair {
    pub first: usize,
    pub second: usize,
    /// Jaccard index, in [threshold, 1].
    pub similarity: f64,
}

/// The outcome of a search.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Search {
    /// The most similar pairs, most similar first (ties in input order).
    pub pairs: Vec<SimilarPair>,
    /// False when the work budget ran out before every candidate was
    /// checked (only data where most items share most words gets there).
    pub complete: bool,
}

/// A pair kept in the bounded heap: ordered by similarity, then so that the
/// earlier pair wins a tie.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct Ranked(u64, std::cmp::Reverse<(u32, u32)>);

/// Keeps the `limit` best pairs seen.
struct Best {
    limit: usize,
    heap: std::collections::BinaryHeap<std::cmp::Reverse<Ranked>>,
    seen: HashSet<(u32, u32)>,
}

impl Best {
    fn offer(&mut self, a: u32, b: u32, similarity: f64) {
        if self.limit == 0 || !self.seen.insert((a, b)) {
            return;
        }
        // Non-negative floats order like their bit patterns.
        self.heap.push(std::cmp::Reverse(Ranked(
            similarity.to_bits(),
            std::cmp::Reverse((a, b)),
        )));
        if self.heap.len() > self.limit {
            self.heap.pop();
        }
    }

    fn into_pairs(self) -> Vec<SimilarPair> {
        let mut pairs: Vec<SimilarPair> = self
            .heap
            .into_iter()
            .map(
                |std::cmp::Reverse(Ranked(bits, std::cmp::Reverse((a, b))))| SimilarPair {
                    first: a as usize,
                    second: b as usize,
                    similarity: f64::from_bits(bits),
                },
            )
            .collect();
        pairs.sort_by(|x, y| {
            y.similarity
                .total_cmp(&x.similarity)
                .then((x.first, x.second).cmp(&(y.first, y.second)))
        });
        pairs
    }
}

/// How many candidate pairs a search checks at most (well under a second).
pub const MAX_CHECKS: usize = 5_000_000;

/// The `limit` most similar pairs of fingerprints with a similarity of at
/// least `threshold`, leaving out pairs `skip` names; `first < second`.
/// Empty fingerprints are never paired. Items with exactly the same words
/// are paired with the first of them only, not with each other.
pub fn near_duplicates(
    prints: &[Fingerprint],
    threshold: f64,
    limit: usize,
    skip: &dyn Fn(usize, usize) -> bool,
    stop: &dyn Fn() -> bool,
) -> Search {
    search_within(prints, threshold, limit, skip, stop, MAX_CHECKS)
}

/// `near_duplicates` with the number of checks it may make.
fn search_within(
    prints: &[Fingerprint],
    threshold: f64,
    limit: usize,
    skip: &dyn Fn(usize, usize) -> bool,
    stop: &dyn Fn() -> bool,
    max_checks: usize,
) -> Search {
    let mut best = Best {
        limit,
        heap: std::collections::BinaryHeap::new(),
        seen: HashSet::new(),
    };
    // Identical word sets: pair each with the first, and search with the
    // first only.
    let mut first_with: HashMap<&[u64], u32> = HashMap::new();
    let mut representatives: Vec<u32> = Vec::new();
    for (i, print) in prints.iter().enumerate() {
        if print.is_empty() {
            continue;
        }
        match first_with.entry(&print.tokens) {
            std::collections::hash_map::Entry::Occupied(first) => {
                let first = *first.get();
                if !skip(first as usize, i) {
                    best.offer(first, i as u32, 1.0);
                }
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(i as u32);
                representatives.push(i as u32);
            }
        }
    }
    drop(first_with);
    let signatures: Vec<[u64; HASHES]> = representatives
        .iter()
        .map(|&i| prints[i as usize].signature())
        .collect();
    let bands = HASHES / ROWS_PER_BAND;
    let budget_per_band = max_checks / bands;
    let mut complete = true;
    // A band's buckets are runs of equal keys in a sorted list: cheaper
    // than a hash map of vectors at 100,000 items.
    let mut keyed: Vec<(u64, u32)> = Vec::with_capacity(representatives.len());
    for band in 0..bands {
        keyed.clear();
        for (k, signature) in signatures.iter().enumerate() {
            let rows = &signature[band * ROWS_PER_BAND..(band + 1) * ROWS_PER_BAND];
            let key = rows.iter().fold(band as u64, |acc, &h| mix(acc ^ h));
            keyed.push((key, k as u32));
        }
        keyed.sort_unstable();
        // Small buckets first: they hold the likeliest duplicates, so a
        // budget that runs out leaves only the crowded ones unchecked.
        if stop() {
            complete = false;
            break;
        }
        let mut shared: Vec<&[(u64, u32)]> = keyed
            .chunk_by(|x, y| x.0 == y.0)
            .filter(|m| m.len() >= 2)
            .collect();
        shared.sort_by_key(|m| m.len());
        let mut checks = 0usize;
        'band: for members in shared {
            // A crowded bucket is checked against its first item only: a
            // large cluster of one much-reported issue still shows, as
            // pairs with that item.
            let anchor_only = members.len() > MAX_BUCKET;
            for (k, &(_, slot_a)) in members.iter().enumerate() {
                if anchor_only && k > 0 {
                    break;
                }
                for &(_, slot_b) in &members[k + 1..] {
                    if checks == budget_per_band {
                        complete = false;
                        break 'band;
                    }
                    checks += 1;
                    // The share of agreeing min-hashes estimates the Jaccard
                    // index (σ ≈ 0.065 here); far below the threshold, the
                    // exact check is not worth its cost.
                    let (sa, sb) = (&signatures[slot_a as usize], &signatures[slot_b as usize]);
                    let agreeing = sa.iter().zip(sb).filter(|(x, y)| x == y).count();
                    if (agreeing as f64) < (threshold - ESTIMATE_MARGIN) * HASHES as f64 {
                        continue;
                    }
                    let (a, b) = (
                        representatives[slot_a as usize],
                        representatives[slot_b as usize],
                    );
                    let (x, y) = (&prints[a as usize], &prints[b as usize]);
                    // Jaccard can be no more than the smaller set over the
                    // larger: skip pairs whose sizes alone rule them out.
                    let (small, large) = (
                        x.tokens.len().min(y.tokens.len()),
                        x.tokens.len().max(y.tokens.len()),
                    );
                    if (small as f64) < threshold * large as f64 {
                        continue;
                    }
                    let similarity = x.similarity(y);
                    if similarity >= threshold && !skip(a as usize, b as usize) {
                        best.offer(a, b, similarity);
                    }
                }
            }
        }
    }
    Search {
        pairs: best.into_pairs(),
        complete,
    }
}

#[cfg(test)]
mod tests;
