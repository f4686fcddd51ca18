//! Near-duplicates as the review shows them: pairs of stored items that look
//! alike (found by `similarity`), each side with what the review needs to
//! tell them apart and merge one into the other.

use super::feedback::Source;

/// At most this many pairs are listed at once (most similar first); merging
/// or dismissing some lets the next ones show.
pub const MAX_PAIRS: usize = 500;

/// What the review shows of one item of a pair.
#[derive(Debug, Clone, PartialEq)]
pub struct PairItem {
    pub id: i64,
    pub title: String,
    pub description: String,
    pub source: Source,
    pub mentions: u32,
}

/// What a search for near-duplicates found.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NearDuplicates {
    pub pairs: Vec<NearDuplicate>,
    /// False when the search stopped early (see `domain::similarity`).
    pub complete: bool,
}

/// Two items that look alike.
#[derive(Debug, Clone, PartialEq)]
pub struct NearDuplicate {
    /// The older item (lower id).
    pub first: PairItem,
    pub second: PairItem,
    /// Jaccard index of their words, 0–1.
    pub similarity: f64,
}

/// How alike an item being added must be to an existing one before the
/// app asks whether it is the same (lower than the review's threshold: a
/// short new title shares fewer words).
pub const ADD_WARNING_THRESHOLD: f64 = 0.4;

/// An existing item that looks like one being added.
#[derive(Debug, Clone, PartialEq)]
pub struct SimilarItem {
    pub id: i64,
    pub title: String,
    /// The weighted share of words they have in common, 0–1.
    pub similarity: f64,
}
