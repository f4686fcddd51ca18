//! Reading a CSV of KPI check-ins: a header naming the columns `kpi`,
//! `date` and `value`, and optionally `confidence` and `note` (in any case
//! and order; a comma, semicolon or tab between cells), then one check-in
//! per row. The cells stay text: the service checks them against the
//! team's KPIs and the check-in rules. A row with too few or too many cells,
//! or a cell that is not UTF-8, comes back with that problem, so the
//! service names it in line with the others.

use super::errors::{ImportError, column_list, csv_error, sniff_delimiter, unclosed_quote};
use super::line_endings::LineFeeds;
use super::quotes::QuoteWatch;
use std::io::Read;

/// The columns a check-in file must have.
pub const REQUIRED_COLUMNS: [&str; 3] = ["kpi", "date", "value"];
/// The columns it may have besides.
pub const OPTIONAL_COLUMNS: [&str; 2] = ["confidence", "note"];

/// Why a row, or one of its cells, could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// The cell's column, or empty for the row as a whole.
    pub column: String,
    pub message: String,
}

/// One row of a check-in file, its cells trimmed (empty when the column is
/// absent or the cell unreadable).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckInLine {
    /// The line of the file the row starts on.
    pub line: u64,
    /// What could not be read in the row; its cells are not to be checked.
    pub unreadable: Vec<Unreadable>,
    pub kpi: String,
    pub date: String,
    pub value: String,
    pub confidence: String,
    pub note: String,
}

/// Where each known column is in the file.
struct Layout {
    positions: [Option<usize>; 5],
    width: usize,
}

fn layout(header: &[String]) -> Result<Layout, ImportError> {
    let expected = "expected kpi, date, value and optionally confidence, note";
    let mut positions = [None; 5];
    let names: Vec<&str> = REQUIRED_COLUMNS
        .iter()
        .chain(&OPTIONAL_COLUMNS)
        .copied()
        .collect();
    for (index, cell) in header.iter().enumerate() {
        let lower = cell.to_lowercase();
        let Some(known) = names.iter().position(|n| *n == lower) else {
            return Err(ImportError::File(format!(
                "unknown column '{}' in the header ({}; {expected})",
                column_list(std::slice::from_ref(cell)),
                column_list(header)
            )));
        };
        if positions[known].replace(index).is_some() {
            return Err(ImportError::File(format!(
                "the column '{}' appears twice in the header",
                names[known]
            )));
        }
    }
    if let Some(missing) = REQUIRED_COLUMNS
        .iter()
        .zip(positions)
        .find_map(|(name, at)| at.is_none().then_some(name))
    {
        return Err(ImportError::File(format!(
            "the header has no column '{missing}' ({expected}; found {})",
            column_list(header)
        )));
    }
    Ok(Layout {
        positions,
        width: header.len(),
    })
}

/// The line a record starts on. The csv crate places a record after blank
/// lines at the first of them; the blank lines are counted past here.
fn first_line_of(text: &[u8], position: &csv::Position) -> u64 {
    let start = usize::try_from(position.byte()).unwrap_or(usize::MAX);
    let blank = text
        .get(start..)
        .map_or(0, |rest| rest.iter().take_while(|b| **b == b'\n').count());
    position.line() + blank as u64
}

/// Reads every check-in row of a CSV file's `bytes`.
pub fn read_check_ins(bytes: &[u8]) -> Result<Vec<CheckInLine>, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first_line = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    let delimiter = sniff_delimiter(first_line);
    // Plain line feeds, kept to find where each row really starts.
    let mut text = Vec::with_capacity(bytes.len());
    LineFeeds::new(bytes)
        .read_to_end(&mut text)
        .map_err(|e| ImportError::File(e.to_string()))?;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(QuoteWatch::new(text.as_slice(), delimiter));
    let mut records = reader.byte_records();
    let header: Vec<String> = match records.next() {
        None => return Err(ImportError::File("the file is empty".into())),
        Some(record) => record
            .map_err(csv_error)?
            .iter()
            .map(|cell| {
                std::str::from_utf8(cell)
                    .map(|s| s.trim().to_string())
                    .map_err(|_| ImportError::File("line 1: the header is not UTF-8 text".into()))
            })
            .collect::<Result<_, _>>()?,
    };
    let layout = layout(&header)?;
    let mut rows = Vec::new();
    for record in records {
        let record = record.map_err(csv_error)?;
        let line = record.position().map_or(0, |p| first_line_of(&text, p));
        if record.iter().all(|cell| cell.trim_ascii().is_empty()) {
            continue;
        }
        let mut unreadable = Vec::new();
        let mut cells: [String; 5] = Default::default();
        if record.len() == layout.width {
            for (slot, at) in cells.iter_mut().zip(layout.positions) {
                let Some(at) = at else { continue };
                match std::str::from_utf8(&record[at]) {
                    Ok(text) => *slot = text.trim().to_string(),
                    Err(_) => unreadable.push(Unreadable {
                        column: header[at].clone(),
                        message: "not UTF-8 text".into(),
                    }),
                }
            }
        } else {
            unreadable.push(Unreadable {
                column: String::new(),
                message: format!(
                    "{} cells where the header has {}",
                    record.len(),
                    layout.width
                ),
            });
        }
        let [kpi, date, value, confidence, note] = cells;
        rows.push(CheckInLine {
            line,
            unreadable,
            kpi,
            date,
            value,
            confidence,
            note,
        });
    }
    if let Some(line) = reader.get_ref().unclosed() {
        return Err(unclosed_quote(line));
    }
    if rows.is_empty() {
        return Err(ImportError::File(
            "the file has a header but no check-ins".into(),
        ));
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &[u8]) -> Result<Vec<CheckInLine>, String> {
        read_check_ins(text).map_err(|e| e.to_string())
    }

    #[test]
    fn rows_are_read_by_their_header_in_any_order() {
        let rows = read(
            b"\xEF\xBB\xBFValue;KPI;Date\r\n25;Lead time;2026-03-01\r\n\r\n\"1,5\";NPS;2026-03-02\r\n",
        )
        .unwrap();
        assert_eq!(
            rows,
            [
                CheckInLine {
                    line: 2,
                    kpi: "Lead time".into(),
                    date: "2026-03-01".into(),
                    value: "25".into(),
                    ..CheckInLine::default()
                },
                CheckInLine {
                    line: 4,
                    kpi: "NPS".into(),
                    date: "2026-03-02".into(),
                    value: "1,5".into(),
                    ..CheckInLine::default()
                },
            ]
        );
        let full =
            read(b"kpi,date,value,confidence,note\nNPS,2026-03-02,31,at-risk,\"a, b\"\n").unwrap();
        assert_eq!(
            (full[0].confidence.as_str(), full[0].note.as_str()),
            ("at-risk", "a, b")
        );
    }

    #[test]
    fn a_bad_header_is_named() {
        assert_eq!(read(b"").unwrap_err(), "the file is empty");
        assert_eq!(
            read(b"kpi,date\nNPS,2026-03-02\n").unwrap_err(),
            "the header has no column 'value' (expected kpi, date, value and optionally \
             confidence, note; found kpi, date)"
        );
        assert!(
            read(b"kpi,date,value,owner\n")
                .unwrap_err()
                .starts_with("unknown column 'owner' in the header")
        );
        assert_eq!(
            read(b"kpi,date,value,KPI\n").unwrap_err(),
            "the column 'kpi' appears twice in the header"
        );
        assert_eq!(
            read(b"kpi,date,value\n\n").unwrap_err(),
            "the file has a header but no check-ins"
        );
    }

    #[test]
    fn ragged_rows_and_bad_cells_come_back_with_their_problem() {
        let text = b"kpi,date,value\nNPS,2026-03-02\nNPS,2026-03-03,4,extra\nNPS,2026-03-04,\xff\n";
        let rows = read(text).unwrap();
        let problems: Vec<(u64, &str, &str)> = rows
            .iter()
            .flat_map(|r| {
                r.unreadable
                    .iter()
                    .map(move |u| (r.line, u.column.as_str(), u.message.as_str()))
            })
            .collect();
        assert_eq!(
            problems,
            [
                (2, "", "2 cells where the header has 3"),
                (3, "", "4 cells where the header has 3"),
                (4, "value", "not UTF-8 text"),
            ]
        );
        assert!(
            read(b"kpi,date,value\n\"NPS,2026-03-02,4\n")
                .unwrap_err()
                .contains("line 2")
        );
    }
}
