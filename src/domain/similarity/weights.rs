//! How much each token counts: rare words in the backlog say more about
//! what an item is about than words many items use. A token's weight is a
//! smoothed inverse document frequency, ln(1 + (N + s) / (df + s)), with N
//! the number of items, df the number that use the token and s =
//! [`SMOOTHING`], so that in a small backlog the words two duplicates share
//! do not lose their weight by being shared. Two items' similarity is the
//! weighted Jaccard index: the weight of the tokens they share over the
//! weight of all the tokens either has.

use super::{Fingerprint, TokenMap};

/// Items added to N and df alike (see the module docs).
pub const SMOOTHING: f64 = 10.0;

/// The weight of a token used by `df` of `items` items.
pub fn weight(items: usize, df: u32) -> f64 {
    (1.0 + (items as f64 + SMOOTHING) / (df as f64 + SMOOTHING)).ln()
}

/// Token weights over a set of items.
#[derive(Debug, Clone, Default)]
pub struct Weights {
    items: usize,
    df: TokenMap<u32>,
}

impl Weights {
    /// The weights of the tokens of `prints`.
    pub fn of<'a>(prints: impl IntoIterator<Item = &'a Fingerprint>) -> Weights {
        let mut weights = Weights::default();
        for print in prints {
            weights.items += 1;
            for &token in print.tokens.iter() {
                *weights.df.entry(token).or_insert(0) += 1;
            }
        }
        weights
    }

    /// The weights of a fingerprint's tokens, in its order.
    pub fn of_tokens(&self, print: &Fingerprint) -> Vec<f64> {
        print
            .tokens
            .iter()
            .map(|t| weight(self.items, self.df.get(t).copied().unwrap_or(0)))
            .collect()
    }

    /// The weighted Jaccard index of two fingerprints, 0 to 1 (0 when both
    /// are empty).
    pub fn similarity(&self, a: &Fingerprint, b: &Fingerprint) -> f64 {
        let (wa, wb) = (self.of_tokens(a), self.of_tokens(b));
        weighted_jaccard(
            (&a.tokens, &wa, wa.iter().sum()),
            (&b.tokens, &wb, wb.iter().sum()),
        )
    }
}

/// The weighted Jaccard index of two token sets, each given as its sorted
/// tokens, their weights and the sum of those; rounded to nine decimals, so
/// that pairs alike but for the order their weights were summed in tie.
pub fn weighted_jaccard(a: (&[u64], &[f64], f64), b: (&[u64], &[f64], f64)) -> f64 {
    let ((ta, wa, total_a), (tb, _, total_b)) = (a, b);
    let (mut i, mut j, mut shared) = (0, 0, 0.0);
    while i < ta.len() && j < tb.len() {
        match ta[i].cmp(&tb[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += wa[i];
                i += 1;
                j += 1;
            }
        }
    }
    let union = total_a + total_b - shared;
    if union <= 0.0 {
        0.0
    } else {
        ((shared / union).clamp(0.0, 1.0) * 1e9).round() / 1e9
    }
}
