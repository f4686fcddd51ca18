//! Reading CSV: the delimiter sniffed from the header line, line endings
//! read as LF, a row's text checked to be UTF-8 once, blank and Parabol
//! non-card rows skipped, ragged rows and a quote never closed reported.

use super::fields::plan;
use super::rows::{Reading, Room, Spares, blank, row_item};
use super::{ImportOptions, ReadStats};
use crate::domain::feedback::ImportedRow;
use crate::interop::errors::{self, ImportError, Problems};
use crate::interop::line_endings::LineFeeds;
use crate::interop::quotes::QuoteWatch;
use chrono::Utc;
use std::borrow::Cow;
use std::io::Read;

/// One CSV record's text, checked to be UTF-8 once for all its cells.
struct Row<'r> {
    text: &'r str,
    /// Where each cell is in `text`.
    cells: &'r [std::ops::Range<usize>],
}

impl<'r> Row<'r> {
    /// `None` when a cell is not valid UTF-8: the record as a whole is, and
    /// every cell starts and ends on a character boundary. `cells` is room
    /// for the cells' places, reused from row to row.
    fn new(
        record: &'r csv::ByteRecord,
        cells: &'r mut Vec<std::ops::Range<usize>>,
    ) -> Option<Row<'r>> {
        let text = std::str::from_utf8(record.as_slice()).ok()?;
        cells.clear();
        cells.extend((0..record.len()).filter_map(|i| record.range(i)));
        let bounded = cells
            .iter()
            .all(|r| text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        bounded.then_some(Row { text, cells })
    }

    /// Cell `i` without leading byte-order marks (line breaks are already
    /// LF: the file is read through `LineFeeds`); "" past the last cell.
    fn cell(&self, i: usize) -> Cow<'r, str> {
        let Some(range) = self.cells.get(i) else {
            return Cow::Borrowed("");
        };
        let cell = &self.text[range.clone()];
        // The mark is EF BB BF.
        match cell.as_bytes().first() {
            Some(0xEF) => Cow::Borrowed(cell.trim_start_matches('\u{feff}')),
            _ => Cow::Borrowed(cell),
        }
    }

    fn len(&self) -> usize {
        self.cells.len()
    }
}

/// The line `record`, just read, starts on. The csv crate places a record
/// after blank lines at the first of them, so it is counted back from where
/// the next record starts instead (every record ends in LF: `LineFeeds`),
/// less the line breaks inside its quoted cells.
fn start_line<R: Read>(reader: &csv::Reader<R>, record: &csv::ByteRecord) -> u64 {
    let breaks = memchr::memchr_iter(b'\n', record.as_slice()).count() as u64;
    reader.position().line().saturating_sub(1 + breaks).max(1)
}

/// Reads CSV: `head`, the file's first bytes (which hold its header line
/// when any part of the file does), then the rest of `input`.
pub(super) fn read_csv<S>(
    head: Vec<u8>,
    input: impl Read,
    (options, spares): (&ImportOptions, &Spares),
    sink: &mut S,
) -> Result<ReadStats, ImportError>
where
    S: FnMut(ImportedRow) -> Result<(), String> + ?Sized,
{
    let first_line = {
        let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head);
        head.split(|b| *b == b'\n').next().unwrap_or_default()
    };
    let delimiter = errors::sniff_delimiter(first_line);
    // The reader's own buffer is the only one: the file is copied once.
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .buffer_capacity(256 * 1024)
        .has_headers(false)
        .from_reader(QuoteWatch::new(
            LineFeeds::new(std::io::Cursor::new(head).chain(input)),
            delimiter,
        ));
    let mut record = csv::ByteRecord::new();
    if !reader
        .read_byte_record(&mut record)
        .map_err(errors::csv_error)?
    {
        return Err(ImportError::File("the file is empty".into()));
    }
    let mut cells = Vec::new();
    let header: Vec<String> = {
        let row = Row::new(&record, &mut cells)
            .ok_or_else(|| ImportError::File("line 1: the header is not valid UTF-8".into()))?;
        (0..row.len()).map(|i| row.cell(i).into_owned()).collect()
    };
    let plan = match plan(&header, options) {
        Ok(plan) => plan,
        // A quote in the header that is never closed made the whole file
        // one header row: that, not the columns, is what is wrong.
        Err(e) => {
            let at_end = matches!(reader.read_byte_record(&mut record), Ok(false));
            return Err(match reader.get_ref().unclosed() {
                Some(line) if at_end => errors::unclosed_quote(line),
                _ => e,
            });
        }
    };
    let reading = Reading {
        header: &header,
        plan: &plan,
        options,
        now: Utc::now(),
    };
    let mut problems = Problems::default();
    let mut stats = ReadStats::default();
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => match errors::ragged_row(&e) {
                // A line of spaces is a blank line, as an empty one is.
                Some(_)
                    if record
                        .iter()
                        .all(|cell| cell.iter().all(u8::is_ascii_whitespace)) =>
                {
                    continue;
                }
                Some((line, message)) => {
                    problems.add(line, "", "", message);
                    continue;
                }
                None => return Err(errors::csv_error(e)),
            },
        }
        let line = start_line(&reader, &record);
        let Some(row) = Row::new(&record, &mut cells) else {
            let bad = record
                .iter()
                .enumerate()
                .filter(|(_, cell)| std::str::from_utf8(cell).is_err());
            let before = problems.total;
            for (i, _) in bad {
                let column = header.get(i).map_or("", String::as_str);
                problems.add(line, column, "", "the text is not valid UTF-8");
            }
            if problems.total == before {
                problems.add(line, "", "", "the text is not valid UTF-8");
            }
            continue;
        };
        if (0..row.len()).all(|i| blank(&row.cell(i))) {
            continue;
        }
        if let Some(t) = plan.parabol_type
            && !row.cell(t).eq_ignore_ascii_case("reflection")
        {
            stats.skipped += 1;
            continue;
        }
        let cell = |i: usize| row.cell(i);
        let room = spares
            .borrow_mut()
            .pop()
            .map(Room::from)
            .unwrap_or_default();
        if let Some(row) = row_item(line, &cell, &reading, &mut problems, room) {
            stats.rows += 1;
            if problems.total == 0 {
                sink(row).map_err(ImportError::File)?;
            }
        }
    }
    // A quote left open swallowed the rest of the file: that is the cause
    // of any ragged row at the end, so it is reported instead.
    if let Some(line) = reader.get_ref().unclosed() {
        return Err(errors::unclosed_quote(line));
    }
    if stats.rows == 0 && problems.total == 0 {
        return Err(ImportError::File(
            "the file has a header but no rows to import".into(),
        ));
    }
    problems.finish(stats)
}

#[cfg(test)]
mod tests {
    use crate::interop::import::ImportOptions;
    use crate::interop::import::tests::read;

    #[test]
    fn a_bad_row_after_blank_lines_is_named_by_its_own_line() {
        for text in [
            "title,nps\nA,1\n\n\nB,11\n\"C\nmulti\",12\n",
            "title,nps\nA,1\n\n\nB,11\n\"C\nmulti\",12",
            "title,nps\r\nA,1\r\n\r\n\r\nB,11\r\n\"C\r\nmulti\",12",
        ] {
            let error = read(text, &ImportOptions::default())
                .unwrap_err()
                .to_string();
            assert!(
                error.contains("line 5, column 'nps', value '11'")
                    && error.contains("line 6, column 'nps', value '12'"),
                "{text:?}: {error}"
            );
        }
    }

    #[test]
    fn a_line_of_spaces_is_a_blank_line() {
        let items = read(
            "title,description\na,b\n   \n\t\nc,d\n",
            &ImportOptions::default(),
        )
        .unwrap();
        assert_eq!(items.len(), 2);
    }
}
