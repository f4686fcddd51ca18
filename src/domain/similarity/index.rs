//! The search's view of the items it compares: each representative's
//! tokens with their weights, and the weighted MinHash signatures that
//! propose candidate pairs (see the parent module's docs).

use super::weights::{weight, weighted_jaccard};
use super::{Fingerprint, HASHES, SEEDS, TokenMap, mix};

/// The representatives of a search, by slot (their position in the list
/// of representatives).
pub(super) struct Index<'a> {
    tokens: Vec<&'a [u64]>,
    /// Where each slot's token weights and ids start; one more than slots.
    starts: Vec<usize>,
    weights: Vec<f64>,
    /// Each token's number in the vocabulary, aligned with `weights`.
    ids: Vec<u32>,
    /// Each slot's total token weight.
    pub totals: Vec<f64>,
    /// Per vocabulary token, its arrival time under each hash function.
    arrivals: Vec<f32>,
}

impl<'a> Index<'a> {
    /// The index of `representatives` (positions in `prints`), with token
    /// weights counted over all of `prints`.
    pub fn of(prints: &'a [Fingerprint], representatives: &[u32]) -> Index<'a> {
        let mut vocabulary: TokenMap<u32> = TokenMap::default();
        let mut df: Vec<u32> = Vec::new();
        let mut hashes: Vec<u64> = Vec::new();
        for print in prints {
            for &token in print.tokens.iter() {
                let id = *vocabulary.entry(token).or_insert_with(|| {
                    df.push(0);
                    hashes.push(token);
                    (df.len() - 1) as u32
                });
                df[id as usize] += 1;
            }
        }
        let token_weights: Vec<f64> = df.iter().map(|&d| weight(prints.len(), d)).collect();
        // An exponential arrival with rate w: −ln(u)/w for a uniform u.
        let mut arrivals = Vec::with_capacity(hashes.len() * HASHES);
        for (&hash, &w) in hashes.iter().zip(&token_weights) {
            for seed in SEEDS {
                let uniform = ((mix(hash ^ seed) >> 11) as f64 + 0.5) / (1u64 << 53) as f64;
                arrivals.push((-uniform.ln() / w) as f32);
            }
        }
        let mut index = Index {
            tokens: Vec::with_capacity(representatives.len()),
            starts: vec![0],
            weights: Vec::new(),
            ids: Vec::new(),
            totals: Vec::with_capacity(representatives.len()),
            arrivals,
        };
        for &r in representatives {
            let tokens = &prints[r as usize].tokens;
            let mut total = 0.0;
            for token in tokens.iter() {
                let id = vocabulary[token];
                let w = token_weights[id as usize];
                index.ids.push(id);
                index.weights.push(w);
                total += w;
            }
            index.tokens.push(tokens);
            index.starts.push(index.weights.len());
            index.totals.push(total);
        }
        index
    }

    fn range(&self, slot: usize) -> std::ops::Range<usize> {
        self.starts[slot]..self.starts[slot + 1]
    }

    /// The weighted Jaccard index of two slots.
    pub fn similarity(&self, a: usize, b: usize) -> f64 {
        weighted_jaccard(
            (self.tokens[a], &self.weights[self.range(a)], self.totals[a]),
            (self.tokens[b], &self.weights[self.range(b)], self.totals[b]),
        )
    }

    /// Each slot's signature: per hash function, the vocabulary number of
    /// its token that arrives first.
    pub fn signatures(&self) -> Vec<[u32; HASHES]> {
        (0..self.tokens.len())
            .map(|slot| {
                let mut first = [f32::INFINITY; HASHES];
                let mut signature = [u32::MAX; HASHES];
                for &id in &self.ids[self.range(slot)] {
                    let times = &self.arrivals[id as usize * HASHES..(id as usize + 1) * HASHES];
                    for h in 0..HASHES {
                        if times[h] < first[h] {
                            first[h] = times[h];
                            signature[h] = id;
                        }
                    }
                }
                signature
            })
            .collect()
    }
}
