//! The duplicate key that finds exact duplicates (title and description
//! lower-cased, white space folded) and its 64-bit hash. An import folds
//! and hashes every row, so the folding has fast paths for ASCII text.

use crate::domain::text::{HIGH_BITS, ascii_bytes_in, is_ascii_white};

/// The key that finds exact duplicates: title and description lower-cased
/// with runs of white space folded to one space.
pub fn dedup_key(title: &str, description: &str) -> String {
    let mut key = Vec::with_capacity(title.len() + description.len() + 1);
    fold_key_into(&mut key, title, description);
    String::from_utf8(key).expect("folding UTF-8 text gives UTF-8 text")
}

/// A stable 64-bit hash of a duplicate key (XXH3), for an index that is
/// small and fast; equal hashes are confirmed by comparing the keys.
pub fn dedup_hash(key: &str) -> i64 {
    xxhash_rust::xxh3::xxh3_64(key.as_bytes()) as i64
}

/// `dedup_hash(&dedup_key(title, description))`, without a new key per
/// call: the key is folded into a buffer each thread reuses. An import
/// hashes every row's key, so this is on its hot path.
pub fn dedup_hash_of(title: &str, description: &str) -> i64 {
    thread_local! {
        static KEY: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    KEY.with_borrow_mut(|key| {
        key.clear();
        fold_key_into(key, title, description);
        let hash = xxhash_rust::xxh3::xxh3_64(key) as i64;
        // Keep an ordinary key's room, not an outsized one's.
        if key.capacity() > 1 << 20 {
            *key = Vec::new();
        }
        hash
    })
}

/// Appends the duplicate key of `title` and `description` (UTF-8) to `key`.
fn fold_key_into(key: &mut Vec<u8>, title: &str, description: &str) {
    fold_into(key, title);
    key.push(b'\n');
    fold_into(key, description);
}

/// Appends `text` lower-cased (`char::to_lowercase`) with each run of
/// white space (`char::is_whitespace`) folded to one space, and none at
/// either end.
fn fold_into(key: &mut Vec<u8>, text: &str) {
    if !copy_plain(key, text.as_bytes()) {
        fold_chunks_into(key, text);
    }
}

/// Appends `text` lower-cased if it is "plain", as most text is: ASCII
/// whose only white space is single spaces between other bytes, which
/// folding only lower-cases. Returns whether it was (and appended nothing
/// if not).
///
/// Sixteen bytes at a time, each checked with the byte after it, through
/// 17-byte windows that overlap by one (the last window ends at the text's
/// end, overlapping the one before as much as it must): code without
/// loops over the text's bytes that the compiler vectorises, and no byte
/// by byte tail.
fn copy_plain(key: &mut Vec<u8>, text: &[u8]) -> bool {
    let (Some(&first), Some(&last)) = (text.first(), text.last()) else {
        return true;
    };
    // The last byte is in no window's first sixteen: checked here.
    if first == b' ' || !last.is_ascii() || is_ascii_white(last) {
        return false;
    }
    let n = text.len();
    let start = key.len();
    key.resize(start + n.max(WINDOW), 0);
    let mut odd = false;
    if n <= WINDOW {
        // Padded with a letter, which is plain.
        let mut window = [b'a'; WINDOW + 1];
        window[..n].copy_from_slice(text);
        let out = (&mut key[start..start + WINDOW])
            .try_into()
            .expect("a window");
        odd |= copy_plain_window(&window, out);
    } else {
        let mut at = 0;
        loop {
            let at_most = n - WINDOW - 1;
            let i = at.min(at_most);
            let window = text[i..i + WINDOW + 1].try_into().expect("a window");
            let out = (&mut key[start + i..start + i + WINDOW])
                .try_into()
                .expect("a window");
            odd |= copy_plain_window(window, out);
            if i == at_most {
                break;
            }
            at += WINDOW;
        }
        key[start + n - 1] = last.to_ascii_lowercase();
    }
    key.truncate(if odd { start } else { start + n });
    !odd
}

const WINDOW: usize = 16;

/// Writes `window`'s first sixteen bytes lower-cased to `out`; whether one
/// of them is not ASCII, is white space other than a space, or is a space
/// followed by a space.
#[inline(always)]
fn copy_plain_window(window: &[u8; WINDOW + 1], out: &mut [u8; WINDOW]) -> bool {
    let mut odd = false;
    for i in 0..WINDOW {
        let (a, b) = (window[i], window[i + 1]);
        odd |= (a >= 0x80) | (a.wrapping_sub(b'\t') < 5) | ((a == b' ') & (b == b' '));
    }
    for (out, &a) in out.iter_mut().zip(window) {
        *out = a | (u8::from(a.wrapping_sub(b'A') < 26) << 5);
    }
    odd
}

/// `fold_into` for any text.
fn fold_chunks_into(key: &mut Vec<u8>, text: &str) {
    // Room for the rest of the text (folding ASCII never lengthens it) and
    // one chunk's write past it, kept whenever lower-casing lengthens text.
    let room = |i: usize, end: usize| end + (text.len() - i) + 9;
    let bytes = text.as_bytes();
    let start = key.len();
    key.resize(room(0, start), 0);
    let mut end = start;
    let mut pending_space = false;
    let mut i = 0;
    while i < bytes.len() {
        // The next (up to) eight bytes, the last ones padded with a letter.
        let n = (bytes.len() - i).min(8);
        let x = match bytes.get(i..i + 8) {
            Some(chunk) => u64::from_le_bytes(chunk.try_into().expect("eight bytes")),
            None => {
                let mut chunk = [b'a'; 8];
                chunk[..n].copy_from_slice(&bytes[i..]);
                u64::from_le_bytes(chunk)
            }
        };
        // Meaningful only when every byte is ASCII, which is checked below.
        let controls = ascii_bytes_in(x, b'\t', b'\r');
        let spaces = ascii_bytes_in(x, b' ', b' ');
        let white = controls | spaces;
        // White space (or the unknown) before the chunk, as its byte -1.
        let white_before = i == 0 || !bytes[i - 1].is_ascii() || is_ascii_white(bytes[i - 1]);
        let runs = white & (white << 8 | u64::from(white_before) << 7);
        if x & HIGH_BITS == 0 && controls == 0 && runs == 0 {
            // Words and single spaces, each space between two of the
            // chunk's (or its neighbours') other bytes: copied, lower-cased.
            key[end] = b' ';
            end += usize::from(pending_space);
            let upper = ascii_bytes_in(x, b'A', b'Z');
            key[end..end + 8].copy_from_slice(&(x | upper >> 2).to_le_bytes());
            // A space in the last byte waits for what follows it.
            pending_space = (white >> (8 * n - 8)) & 0x80 != 0;
            end += n - usize::from(pending_space);
            i += n;
            continue;
        }
        let b = bytes[i];
        if b.is_ascii() {
            i += 1;
            if is_ascii_white(b) {
                pending_space = end > start;
                continue;
            }
            key[end] = b' ';
            end += usize::from(pending_space);
            pending_space = false;
            key[end] = b.to_ascii_lowercase();
            end += 1;
            continue;
        }
        let c = text[i..]
            .chars()
            .next()
            .expect("i is on a character boundary");
        i += c.len_utf8();
        if c.is_whitespace() {
            pending_space = end > start;
            continue;
        }
        key[end] = b' ';
        end += usize::from(pending_space);
        pending_space = false;
        for lower in c.to_lowercase() {
            let n = lower.len_utf8();
            if key.len() < end + n {
                key.resize(end + n, 0);
            }
            lower.encode_utf8(&mut key[end..end + n]);
            end += n;
        }
        if key.len() < room(i, end) {
            key.resize(room(i, end), 0);
        }
    }
    key.truncate(end);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::feedback::test_text::tricky_text;
    use proptest::prelude::*;

    #[test]
    fn duplicates_share_a_key() {
        assert_eq!(
            dedup_key("Dark  Mode", "Please\n add it"),
            dedup_key("dark mode", "please add it ")
        );
        assert_ne!(dedup_key("Dark mode", ""), dedup_key("Dark mode", "x"));
    }

    /// The duplicate key as first written, one character at a time into a
    /// new string: what `dedup_key` and `dedup_hash_of` must equal.
    fn plain_key(title: &str, description: &str) -> String {
        fn fold(key: &mut String, text: &str) {
            let start = key.len();
            let mut pending_space = false;
            for c in text.chars() {
                if c.is_whitespace() {
                    pending_space = key.len() > start;
                    continue;
                }
                if pending_space {
                    key.push(' ');
                    pending_space = false;
                }
                key.extend(c.to_lowercase());
            }
        }
        let mut key = String::new();
        fold(&mut key, title);
        key.push('\n');
        fold(&mut key, description);
        key
    }

    #[test]
    fn every_ascii_byte_anywhere_folds_as_one_character_at_a_time() {
        for byte in 0..128u8 {
            for at in 0..40 {
                for around in ["a", " ", "  ", "\t", "A"] {
                    let mut text: Vec<String> = vec!["a".to_string(); 40];
                    text[at] = char::from(byte).to_string();
                    if at + 1 < 40 {
                        text[at + 1] = around.to_string();
                    }
                    let text = text.concat();
                    for (title, description) in [(text.as_str(), ""), ("", text.as_str())] {
                        assert_eq!(
                            dedup_key(title, description),
                            plain_key(title, description),
                            "{text:?}"
                        );
                    }
                    let mut chunked = Vec::new();
                    fold_chunks_into(&mut chunked, &text);
                    assert_eq!(chunked, plain_key("", &text).as_bytes()[1..], "{text:?}");
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn the_fast_key_and_hash_equal_the_plain_fold(
            title in tricky_text(40),
            description in tricky_text(120),
        ) {
            let key = plain_key(&title, &description);
            prop_assert_eq!(&dedup_key(&title, &description), &key);
            prop_assert_eq!(dedup_hash_of(&title, &description), dedup_hash(&key));
            // The general path alone, also on text the plain path takes.
            let mut chunked = Vec::new();
            fold_chunks_into(&mut chunked, &description);
            prop_assert_eq!(chunked, plain_key("", &description).as_bytes()[1..].to_vec());
        }
    }
}
