//! Near-duplicate detection: which pairs of items say nearly the same thing.
//!
//! Method:
//! - Each item becomes a set of tokens from its title and description
//!   (`text`): words stemmed with the Snowball English stemmer, synonyms and
//!   abbreviations of product feedback ("download" for "export", "sign in"
//!   for "log in", "xlsx" for "excel": `assets/synonyms.toml`, extendable by
//!   the user) mapped to one token per group, stop words dropped.
//! - Tokens are weighted by how rare they are in the backlog (`weights`: a
//!   smoothed inverse document frequency, computed over all items once per
//!   search), and two items are similar by the weighted Jaccard index of
//!   their sets: the weight they share over the weight of all their tokens.
//!   Pairs at or above the threshold are near-duplicates.
//! - Comparing every pair is quadratic (5·10⁹ pairs at 100,000 items), so
//!   candidates come from weighted MinHash with locality-sensitive hashing
//!   (Broder 1997; Leskovec, Rajaraman & Ullman, *Mining of Massive
//!   Datasets*, ch. 3): for each of 60 hash functions, each token draws an
//!   exponential "arrival time" with rate equal to its weight, and an item
//!   keeps the token that arrives first. Two items keep the same token with
//!   probability equal to their weighted Jaccard index J (the first arrival
//!   among all their tokens is a shared one in proportion to the shared
//!   weight). The 60 are cut into 20 bands of 3; a pair shares a band, and
//!   so is checked, with probability 1 − (1 − J³)²⁰: 0.93 at 0.5, 0.99 at
//!   0.6, more than 0.999 at 0.7, but only 0.42 at 0.3, which keeps the
//!   checks few. Every candidate is checked with the exact index (unless the
//!   share of agreeing min-hashes, an estimate of it, is 0.2 or more below
//!   the threshold), so nothing below the threshold is reported; a pair just
//!   at the threshold can be missed now and then.
//! - Items with exactly the same tokens are grouped first: each is paired
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
//! Limits: meaning comes only from the synonym table (words it does not
//! list are compared as words); English stemming and stop words only; very
//! short texts (one or two words) reach high scores easily; a word used by
//! one item only weighs most, so a name or a typo counts for much.

mod index;
mod synonyms;
mod text;
mod weights;

pub use synonyms::Synonyms;
pub use text::{Analyzer, Fingerprint};
pub use weights::{Weights, weighted_jaccard};

use index::Index;
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

/// A hasher for keys that are already 64-bit hashes (tokens, stems): one
/// mix instead of SipHash, which matters at millions of look-ups a search.
#[derive(Default)]
pub(super) struct TokenHasher(u64);

impl std::hash::Hasher for TokenHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0 = mix(self.0 ^ xxhash_rust::xxh3::xxh3_64(bytes));
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = mix(self.0 ^ n);
    }
}

/// A map keyed by a token or another 64-bit hash.
pub(super) type TokenMap<V> = HashMap<u64, V, std::hash::BuildHasherDefault<TokenHasher>>;

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
    /// Weighted Jaccard index, in [threshold, 1].
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
    // Identical token sets: pair each with the first, and search with the
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
    let index = Index::of(prints, &representatives);
    let signatures = index.signatures();
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
            let key = rows
                .iter()
                .fold(band as u64, |acc, &h| mix(acc ^ u64::from(h)));
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
                    // The share of agreeing min-hashes estimates the
                    // weighted Jaccard index (σ ≈ 0.065 here); far below
                    // the threshold, the exact check is not worth its cost.
                    let (sa, sb) = (&signatures[slot_a as usize], &signatures[slot_b as usize]);
                    let agreeing = sa.iter().zip(sb).filter(|(x, y)| x == y).count();
                    if (agreeing as f64) < (threshold - ESTIMATE_MARGIN) * HASHES as f64 {
                        continue;
                    }
                    let (slot_a, slot_b) = (slot_a as usize, slot_b as usize);
                    // The index can be no more than the lighter set's
                    // weight over the heavier's: skip pairs whose weights
                    // alone rule them out.
                    let (wa, wb) = (index.totals[slot_a], index.totals[slot_b]);
                    if wa.min(wb) < threshold * wa.max(wb) {
                        continue;
                    }
                    let similarity = index.similarity(slot_a, slot_b);
                    let (a, b) = (representatives[slot_a], representatives[slot_b]);
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

/// The stored items most like a draft (say, an item being added): the
/// positions in `prints` of those at least `threshold` similar to `draft`,
/// with their similarity, most similar first (ties in input order), at most
/// `limit`. Weights count the draft as one more item. Linear in the items.
pub fn closest_matches(
    draft: &Fingerprint,
    prints: &[Fingerprint],
    threshold: f64,
    limit: usize,
) -> Vec<(usize, f64)> {
    if draft.is_empty() {
        return Vec::new();
    }
    let weights = Weights::of(prints.iter().chain(std::iter::once(draft)));
    let draft_weights = weights.of_tokens(draft);
    let draft_total: f64 = draft_weights.iter().sum();
    let mut matches: Vec<(usize, f64)> = Vec::new();
    for (i, print) in prints.iter().enumerate() {
        let shares_a_token = print
            .tokens
            .iter()
            .any(|t| draft.tokens.binary_search(t).is_ok());
        if !shares_a_token {
            continue;
        }
        let print_weights = weights.of_tokens(print);
        let similarity = weighted_jaccard(
            (&draft.tokens, &draft_weights, draft_total),
            (&print.tokens, &print_weights, print_weights.iter().sum()),
        );
        if similarity >= threshold {
            matches.push((i, similarity));
        }
    }
    matches.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    matches.truncate(limit);
    matches
}

#[cfg(test)]
mod tests;
