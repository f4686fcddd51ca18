//! Catching a quoted CSV cell that is never closed. The csv crate reads such
//! a file without complaint: the open cell runs to the end of the file and
//! swallows every row after it, so a file with one stray quote in its last
//! column would import as fewer rows with one enormous text, and say nothing.
//! `QuoteWatch` reads alongside the parser, following quotes the way it does
//! (RFC 4180 with doubled quotes; a quote inside an unquoted cell is text),
//! and remembers the line where the cell still open at the end began. A
//! quoted cell that runs on for more than `MAX_QUOTED_BYTES` stops the
//! reading at once, so a stray quote early in a huge file is reported
//! without the parser first gathering the rest of the file into one cell.

use memchr::memchr2;
use std::io::{self, Read};

/// The longest quoted cell read (16 MiB): a hundred times the longest text
/// an item keeps, so only a quote that is never closed reaches it.
pub const MAX_QUOTED_BYTES: u64 = 16 << 20;

/// The longest row read (64 MiB), quoted or not: a file without line
/// breaks stops there instead of being gathered into one row.
pub const MAX_ROW_BYTES: u64 = 64 << 20;

/// Where the reading stands in the current cell.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Cell {
    /// Before a cell's first byte.
    Start,
    /// In a cell that does not start with a quote.
    Plain,
    /// In a quoted cell.
    Quoted,
    /// Just after a quote in a quoted cell: the closing one, or the first
    /// of a doubled one.
    QuoteInQuoted,
}

/// `inner` as it is, watched for an unclosed quote. Lines must end in LF
/// (read through `LineFeeds` first).
pub struct QuoteWatch<R> {
    inner: R,
    delimiter: u8,
    cell: Cell,
    /// The line being read (from 1).
    line: u64,
    /// The line where the quoted cell being read began.
    opened_on: u64,
    /// Bytes read so far, and where the quoted cell being read began.
    read: u64,
    opened_at: u64,
    /// Where the row being read began, and its line.
    row_at: u64,
    row_line: u64,
}

impl<R: Read> QuoteWatch<R> {
    pub fn new(inner: R, delimiter: u8) -> QuoteWatch<R> {
        QuoteWatch {
            inner,
            delimiter,
            cell: Cell::Start,
            line: 1,
            opened_on: 0,
            read: 0,
            opened_at: 0,
            row_at: 0,
            row_line: 1,
        }
    }

    /// At the end of the file: the line where a quoted cell began that was
    /// never closed, if there is one.
    pub fn unclosed(&self) -> Option<u64> {
        (self.cell == Cell::Quoted).then_some(self.opened_on)
    }

    fn watch(&mut self, bytes: &[u8]) {
        let mut i = 0;
        while i < bytes.len() {
            let rest = &bytes[i..];
            match self.cell {
                // Only the end of the cell matters here: skip to it.
                Cell::Plain => match memchr2(self.delimiter, b'\n', rest) {
                    None => return,
                    Some(at) => i += at,
                },
                // Only quotes and line counts matter: skip to the next.
                Cell::Quoted => match memchr2(b'"', b'\n', rest) {
                    None => {
                        self.line += memchr::memchr_iter(b'\n', rest).count() as u64;
                        return;
                    }
                    Some(at) => i += at,
                },
                Cell::Start | Cell::QuoteInQuoted => {}
            }
            let byte = bytes[i];
            self.cell = match (self.cell, byte) {
                (Cell::Quoted, b'"') => Cell::QuoteInQuoted,
                (Cell::Quoted, _) => Cell::Quoted,
                (Cell::QuoteInQuoted, b'"') => Cell::Quoted,
                (Cell::Start, b'"') => {
                    self.opened_on = self.line;
                    self.opened_at = self.read + i as u64;
                    Cell::Quoted
                }
                (_, b'\n') => {
                    self.row_at = self.read + i as u64 + 1;
                    self.row_line = self.line + 1;
                    Cell::Start
                }
                (_, b) if b == self.delimiter => Cell::Start,
                // Text after a closing quote is read on as plain text.
                _ => Cell::Plain,
            };
            if byte == b'\n' {
                self.line += 1;
            }
            i += 1;
        }
    }
}

impl<R: Read> Read for QuoteWatch<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.watch(&buf[..n]);
        self.read += n as u64;
        if self.cell == Cell::Quoted && self.read - self.opened_at > MAX_QUOTED_BYTES {
            return Err(io::Error::other(format!(
                "line {}: a quoted cell starts here and runs on for more than {} MB \
                 (a '\"' is probably missing)",
                self.opened_on,
                MAX_QUOTED_BYTES >> 20
            )));
        }
        if self.read - self.row_at > MAX_ROW_BYTES {
            return Err(io::Error::other(format!(
                "line {}: a row longer than {} MB (is this a CSV file?)",
                self.row_line,
                MAX_ROW_BYTES >> 20
            )));
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unclosed(text: &str, step: usize) -> Option<u64> {
        let mut watch = QuoteWatch::new(text.as_bytes(), b',');
        let mut buf = vec![0; step];
        while watch.read(&mut buf).unwrap() > 0 {}
        watch.unclosed()
    }

    #[test]
    fn closed_quotes_of_every_kind_pass() {
        for text in [
            "a,b\n1,2\n",
            "a,b\n\"x, y\",\"say \"\"hi\"\"\"\n",
            "a,b\n\"two\nlines\",2\n",
            "a,b\n24\" screen,2\n",
            "a,b\n\"\",\"\"\n",
            "a,b\n\"quoted\"tail,2\n",
        ] {
            for step in [1, 3, 1024] {
                assert_eq!(unclosed(text, step), None, "{text:?} by {step}");
            }
        }
    }

    #[test]
    fn an_open_quote_names_its_line() {
        let last_column = "a,b\n1,2\nx,\"Our 24\"\" monitor\ny,3\nz,4\n";
        let middle = "a,b,c\n1,2,3\n4,\"five,6\n7,8,9\n";
        let first = "\"a,b\n";
        for step in [1, 2, 1024] {
            assert_eq!(unclosed(last_column, step), Some(3));
            assert_eq!(unclosed(middle, step), Some(3));
            assert_eq!(unclosed(first, step), Some(1));
        }
    }

    /// The error that stops reading `text` (`x` padding past the limit).
    fn stop(start: &[u8], limit: u64) -> String {
        let mut text = start.to_vec();
        text.resize(text.len() + limit as usize + 1, b'x');
        let mut watch = QuoteWatch::new(&text[..], b',');
        watch.read_to_end(&mut Vec::new()).unwrap_err().to_string()
    }

    #[test]
    fn a_quoted_cell_that_runs_on_stops_the_reading() {
        let error = stop(b"a,b\n1,\"never closed\n", MAX_QUOTED_BYTES);
        assert!(
            error.starts_with("line 2: a quoted cell starts here and runs on"),
            "{error}"
        );
        // So does a row without an end.
        let error = stop(b"a,b\n1,", MAX_ROW_BYTES);
        assert!(
            error.starts_with("line 2: a row longer than 64 MB"),
            "{error}"
        );
        // A long quoted cell that is closed is read whole.
        let mut long = b"a,b\n1,\"".to_vec();
        long.resize(long.len() + (1 << 20), b'x');
        long.extend_from_slice(b"\"\n");
        let mut watch = QuoteWatch::new(&long[..], b',');
        assert!(watch.read_to_end(&mut Vec::new()).is_ok());
        assert_eq!(watch.unclosed(), None);
    }

    #[test]
    fn the_csv_reader_agrees_on_what_is_quoted() {
        // The same text through the csv crate: the open quote swallows the
        // rows after it, which is what the watch reports.
        let text = "a,b\n1,2\nx,\"open\ny,3\n";
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(QuoteWatch::new(text.as_bytes(), b','));
        let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(records.len(), 3);
        assert_eq!(&records[2][1], "open\ny,3\n");
        assert_eq!(reader.get_ref().unclosed(), Some(3));
    }
}
