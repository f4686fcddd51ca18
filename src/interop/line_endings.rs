//! Line endings made plain before CSV parsing. Files from Windows tools end
//! lines with CR LF, and some Mac exports with a lone CR. The csv crate
//! splits records on all three but counts lines only by LF, and it counts
//! the LF of a CR LF as part of the next record, so every line number after
//! the first came out one too low (and a CR-only file was all "line 1").
//! Reading through `LineFeeds` turns each CR LF and each lone CR into one
//! LF first, so line numbers in messages are right whatever the file uses;
//! line breaks inside quoted cells become LF too, as they are stored. A
//! file whose last line has no line break gets one, so every record ends in
//! LF (the CSV reader places records by where the next one starts).

use std::io::{self, Read};

/// `inner` with every CR LF and every lone CR read as one LF.
pub struct LineFeeds<R> {
    inner: R,
    /// The last byte handed out was a CR turned into LF: an LF right after
    /// it (in the next read) belongs to it and is dropped.
    after_cr: bool,
    /// Whether anything was handed out and the last byte was not LF, so
    /// one LF is added at the end.
    needs_final_lf: bool,
}

impl<R: Read> LineFeeds<R> {
    pub fn new(inner: R) -> LineFeeds<R> {
        LineFeeds {
            inner,
            after_cr: false,
            needs_final_lf: false,
        }
    }
}

impl<R: Read> Read for LineFeeds<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            let n = self.inner.read(buf)?;
            if n == 0 {
                if self.needs_final_lf && !buf.is_empty() {
                    self.needs_final_lf = false;
                    buf[0] = b'\n';
                    return Ok(1);
                }
                return Ok(0);
            }
            // The bytes are rewritten in place: `read` runs ahead of
            // `write` by the number of LFs dropped so far.
            let mut read = usize::from(self.after_cr && buf[0] == b'\n');
            let mut write = 0;
            self.after_cr = false;
            while let Some(at) = memchr::memchr(b'\r', &buf[read..n]) {
                let cr = read + at;
                if read != write {
                    buf.copy_within(read..cr, write);
                }
                write += cr - read;
                buf[write] = b'\n';
                write += 1;
                read = cr + 1;
                match buf[..n].get(read) {
                    Some(b'\n') => read += 1,
                    Some(_) => {}
                    None => self.after_cr = true,
                }
            }
            if read != write {
                buf.copy_within(read..n, write);
            }
            write += n - read;
            // Nothing left means the read was only a dropped LF; returning
            // 0 would say the file ended, so read on.
            if write > 0 {
                self.needs_final_lf = buf[write - 1] != b'\n';
                return Ok(write);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that hands out at most `step` bytes at a time, as a file or
    /// pipe may, so a CR LF can be split between two reads.
    struct Trickle<'a> {
        bytes: &'a [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.step.min(buf.len()).min(self.bytes.len());
            buf[..n].copy_from_slice(&self.bytes[..n]);
            self.bytes = &self.bytes[n..];
            Ok(n)
        }
    }

    fn through(bytes: &[u8], step: usize) -> Vec<u8> {
        let mut out = Vec::new();
        LineFeeds::new(Trickle { bytes, step })
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    /// The same by a plain rule: every CR LF, then every CR, becomes LF,
    /// and text that does not end in LF gets one.
    fn reference(bytes: &[u8]) -> Vec<u8> {
        let mut text: Vec<u8> = bytes
            .iter()
            .enumerate()
            .filter(|&(i, b)| !(*b == b'\n' && i > 0 && bytes[i - 1] == b'\r'))
            .map(|(_, b)| if *b == b'\r' { b'\n' } else { *b })
            .collect();
        if text.last().is_some_and(|b| *b != b'\n') {
            text.push(b'\n');
        }
        text
    }

    #[test]
    fn every_ending_becomes_one_line_feed() {
        let text = b"a,b\r\nc,\"d\r\ne\"\rf\n\r\n\rg";
        assert_eq!(through(text, 1024), b"a,b\nc,\"d\ne\"\nf\n\n\ng\n");
        // A CR LF split between two reads is still one LF.
        assert_eq!(through(b"a\r\nb", 2), b"a\nb\n");
        assert_eq!(through(b"", 2), b"");
        assert_eq!(through(b"\r\n\r\n", 1), b"\n\n");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn matches_the_plain_rule_however_the_reads_fall(
            bytes in proptest::collection::vec(
                proptest::sample::select(b"\r\n\r\nab,\"".to_vec()), 0..200),
            step in 1usize..9,
        ) {
            proptest::prop_assert_eq!(through(&bytes, step), reference(&bytes));
        }
    }
}
