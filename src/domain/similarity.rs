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
//!   48 min-hashes in 24 bands of 2. A pair with Jaccard 0.5 shares a band
//!   with probability 0.999, one with 0.3 with about 0.9; every candidate is
//!   then checked with the exact Jaccard index, so nothing below the
//!   threshold is reported.
//! - A band shared by more than [`MAX_BUCKET`] items stands for words that
//!   half the data shares, not for a duplicate; it is skipped. True
//!   duplicates nearly always meet in another band.
//!
//! Limits: it compares words, not meaning ("log in fails" and "cannot sign
//! in" share nothing); English stop words and suffixes only; very short texts
//! (one or two words) reach high scores easily.

use std::collections::HashMap;

/// Number of min-hashes per item.
const HASHES: usize = 48;
/// Min-hashes per band: a pair is a candidate when all of a band's agree.
const ROWS_PER_BAND: usize = 2;
/// Buckets with more items than this are skipped (see the module docs).
pub const MAX_BUCKET: usize = 200;
/// The similarity at or above which two items are listed, by default.
pub const DEFAULT_THRESHOLD: f64 = 0.5;

/// Words too common to say anything about what feedback is about.
const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
    "been", "but", "by", "can", "could", "did", "do", "does", "for", "from", "get", "got", "had",
    "has", "have", "how", "i", "if", "in", "into", "is", "it", "its", "just", "me", "more", "my",
    "of", "on", "or", "our", "please", "should", "so", "some", "that", "the", "their", "them",
    "then", "there", "this", "to", "us", "very", "was", "we", "were", "what", "when", "which",
    "will", "with", "would", "you", "your",
];

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
                if STOP_WORDS.binary_search(&word.as_str()).is_ok() {
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

/// Every pair of fingerprints with a similarity of at least `threshold`,
/// most similar first (ties in input order); `first < second`. Empty
/// fingerprints are never paired.
pub fn near_duplicates(prints: &[Fingerprint], threshold: f64) -> Vec<SimilarPair> {
    let signatures: Vec<Option<[u64; HASHES]>> = prints
        .iter()
        .map(|p| (!p.is_empty()).then(|| p.signature()))
        .collect();
    let mut candidates: Vec<(u32, u32)> = Vec::new();
    let mut buckets: HashMap<u64, Vec<u32>> = HashMap::new();
    for band in 0..HASHES / ROWS_PER_BAND {
        buckets.clear();
        for (i, signature) in signatures.iter().enumerate() {
            let Some(signature) = signature else { continue };
            let rows = &signature[band * ROWS_PER_BAND..(band + 1) * ROWS_PER_BAND];
            let key = rows.iter().fold(band as u64, |acc, &h| mix(acc ^ h));
            buckets.entry(key).or_default().push(i as u32);
        }
        for members in buckets.values() {
            if members.len() < 2 || members.len() > MAX_BUCKET {
                continue;
            }
            for (k, &a) in members.iter().enumerate() {
                for &b in &members[k + 1..] {
                    candidates.push((a, b));
                }
            }
        }
    }
    candidates.sort_unstable();
    candidates.dedup();
    let mut pairs: Vec<SimilarPair> = candidates
        .into_iter()
        .filter_map(|(a, b)| {
            let similarity = prints[a as usize].similarity(&prints[b as usize]);
            (similarity >= threshold).then_some(SimilarPair {
                first: a as usize,
                second: b as usize,
                similarity,
            })
        })
        .collect();
    pairs.sort_by(|x, y| {
        y.similarity
            .total_cmp(&x.similarity)
            .then((x.first, x.second).cmp(&(y.first, y.second)))
    });
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn print(text: &str) -> Fingerprint {
        Fingerprint::of(text, "")
    }

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn inflections_and_stop_words_do_not_matter() {
        let a = print("App crashes when exporting the roster");
        let b = print("app crashed on roster export");
        // {app, crash, export, roster} vs {app, crash, roster, export}.
        assert_eq!(a.similarity(&b), 1.0);
        assert_eq!(stem("crashing"), "crash");
        assert_eq!(stem("watches"), "watch");
        assert_eq!(stem("address"), "address");
        assert_eq!(stem("bus"), "bus");
    }

    #[test]
    fn jaccard_counts_shared_over_all_tokens() {
        let a = print("dark mode calendar");
        let b = print("dark mode roster");
        assert!((a.similarity(&b) - 0.5).abs() < 1e-9);
        assert_eq!(a.similarity(&print("payroll invoice")), 0.0);
        assert_eq!(print("").similarity(&print("")), 0.0);
    }

    #[test]
    fn description_words_count_too() {
        let a = Fingerprint::of("Export", "to Excel with formulas");
        let b = Fingerprint::of("Excel export", "with formulas please");
        assert_eq!(a.similarity(&b), 1.0);
    }

    #[test]
    fn finds_the_near_duplicates_among_unrelated_items() {
        let texts = [
            "Dark mode for the night shift",
            "Export the roster to Excel",
            "Please add a dark mode for night shifts",
            "Payroll report shows wrong overtime",
            "Roster export to excel",
            "Single sign-on with Azure AD",
        ];
        let prints: Vec<Fingerprint> = texts.iter().map(|t| print(t)).collect();
        let pairs = near_duplicates(&prints, 0.5);
        let found: Vec<(usize, usize)> = pairs.iter().map(|p| (p.first, p.second)).collect();
        assert_eq!(found, vec![(1, 4), (0, 2)]);
        assert_eq!(pairs[0].similarity, 1.0);
        assert!(pairs[1].similarity >= 0.5 && pairs[1].similarity < 1.0);
    }

    #[test]
    fn empty_items_are_never_paired() {
        let prints = vec![print("the"), print("a to"), print("")];
        assert!(near_duplicates(&prints, 0.0).is_empty());
    }

    #[test]
    fn a_huge_common_bucket_is_skipped_without_losing_real_pairs() {
        // 1,000 identical texts share every bucket; they are skipped, while
        // the distinctive pair is still found.
        let mut prints = vec![print("same words everywhere"); 1000];
        prints.push(print("unique zebra giraffe"));
        prints.push(print("unique zebra giraffes"));
        let pairs = near_duplicates(&prints, 0.9);
        assert_eq!(pairs.len(), 1);
        assert_eq!((pairs[0].first, pairs[0].second), (1000, 1001));
    }

    proptest! {
        #[test]
        fn similarity_is_symmetric_and_bounded(a in "[a-z ]{0,60}", b in "[a-z ]{0,60}") {
            let (x, y) = (print(&a), print(&b));
            let s = x.similarity(&y);
            prop_assert!((0.0..=1.0).contains(&s));
            prop_assert_eq!(s, y.similarity(&x));
            if !x.is_empty() {
                prop_assert_eq!(x.similarity(&x), 1.0);
            }
        }

        #[test]
        fn every_reported_pair_meets_the_threshold(texts in proptest::collection::vec("[a-f ]{0,20}", 0..30)) {
            let prints: Vec<Fingerprint> = texts.iter().map(|t| print(t)).collect();
            for pair in near_duplicates(&prints, 0.6) {
                prop_assert!(pair.first < pair.second);
                prop_assert!(pair.similarity >= 0.6);
                prop_assert_eq!(pair.similarity, prints[pair.first].similarity(&prints[pair.second]));
            }
        }
    }
}
