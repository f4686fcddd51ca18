//! The fixed-size Bloom filter an import asks "was this hash seen?".

/// A fixed-size Bloom filter over duplicate-key hashes (16 MiB), whatever
/// the file's or the database's size. It answers "certainly not stored" for
/// almost every new row, which saves the lookup; "maybe" is confirmed by
/// the database, so a false positive costs one lookup and never a wrong
/// merge. It is blocked: a hash sets three bits of one 64-bit word, so a
/// question costs one memory access, not three. With 1 million hashes about
/// 1 in 8,000 answers is a false "maybe"; with 10 million, about 1 in 85.
pub(super) struct SeenFilter {
    words: Vec<u64>,
}

impl SeenFilter {
    const WORDS_LOG2: u32 = 21;

    pub(super) fn new() -> SeenFilter {
        SeenFilter {
            words: vec![0; 1 << Self::WORDS_LOG2],
        }
    }

    /// The word a hash lives in and its three bits there.
    fn place(hash: i64) -> (usize, u64) {
        let hash = hash as u64;
        let word = (hash >> (64 - Self::WORDS_LOG2)) as usize;
        let bits =
            (1u64 << (hash & 63)) | (1u64 << ((hash >> 6) & 63)) | (1 << ((hash >> 12) & 63));
        (word, bits)
    }

    /// Adds a hash; true if it may have been there already.
    pub(super) fn check_and_insert(&mut self, hash: i64) -> bool {
        let (word, bits) = Self::place(hash);
        let seen = self.words[word] & bits == bits;
        self.words[word] |= bits;
        seen
    }

    #[cfg(test)]
    pub(super) fn may_contain(&self, hash: i64) -> bool {
        let (word, bits) = Self::place(hash);
        self.words[word] & bits == bits
    }
}
