//! A look at a file before importing it: its format, its columns with the
//! field each one fills (as the import would decide, given the options), and
//! its first rows. Only the start of a CSV file is read.

use super::errors::{ImportError, csv_error, sniff_delimiter};
use super::import::{
    Field, ImportOptions, JsonElements, json_cell, looks_like_json, plan, read_json_array,
};
use super::line_endings::LineFeeds;
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::io::{BufRead, BufReader, Read};

/// How many rows a preview shows.
pub const PREVIEW_ROWS: usize = 5;

/// One column of the file.
#[derive(Debug, Clone, PartialEq)]
pub struct PreviewColumn {
    pub name: String,
    /// The field it fills; `None` when it is not imported.
    pub field: Option<Field>,
}

/// What a file looks like to the importer.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportPreview {
    /// "CSV (comma)", "CSV (semicolon)", "CSV (tab)" or "JSON".
    pub format: String,
    pub columns: Vec<PreviewColumn>,
    /// The first rows' cells, one per column.
    pub rows: Vec<Vec<String>>,
}

/// Reads the start of `input` and says how it would be imported. Errors are
/// the ones the import itself would give for the header (an empty file, no
/// title or description column, a `--map` column the file lacks).
pub fn preview_feedback(
    input: impl Read,
    options: &ImportOptions,
) -> Result<ImportPreview, ImportError> {
    let mut input = BufReader::with_capacity(64 * 1024, input);
    let head = input
        .fill_buf()
        .map_err(|e| ImportError::File(format!("cannot read the file: {e}")))?;
    if head.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ImportError::File("the file is empty".into()));
    }
    let json = options.json.unwrap_or_else(|| looks_like_json(head));
    let (format, header, rows) = if json {
        json_preview(input)?
    } else {
        csv_preview(input)?
    };
    let plan = plan(&header, options)?;
    let columns = header
        .into_iter()
        .enumerate()
        .map(|(i, name)| PreviewColumn {
            name,
            field: plan.field_of(i),
        })
        .collect();
    Ok(ImportPreview {
        format,
        columns,
        rows,
    })
}

type Table = (String, Vec<String>, Vec<Vec<String>>);

fn csv_preview(mut input: impl BufRead) -> Result<Table, ImportError> {
    let head = input
        .fill_buf()
        .map_err(|e| ImportError::File(format!("cannot read the file: {e}")))?;
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let first_line = head.split(|b| *b == b'\n').next().unwrap_or_default();
    let delimiter = sniff_delimiter(first_line);
    let format = match delimiter {
        b';' => "CSV (semicolon)",
        b'\t' => "CSV (tab)",
        _ => "CSV (comma)",
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(LineFeeds::new(input));
    let mut record = csv::ByteRecord::new();
    if !reader.read_byte_record(&mut record).map_err(csv_error)? {
        return Err(ImportError::File("the file is empty".into()));
    }
    let header = record
        .iter()
        .map(|h| std::str::from_utf8(h).map(|h| h.trim_start_matches('\u{feff}').to_string()))
        .collect::<Result<Vec<String>, _>>()
        .map_err(|_| ImportError::File("line 1: the header is not valid UTF-8".into()))?;
    // A row's text that is not UTF-8 shows with replacement marks: the
    // import itself names each such row and column.
    let mut rows = Vec::new();
    while rows.len() < PREVIEW_ROWS && reader.read_byte_record(&mut record).map_err(csv_error)? {
        rows.push(
            record
                .iter()
                .map(|cell| String::from_utf8_lossy(cell).into_owned())
                .collect(),
        );
    }
    Ok((format.to_string(), header, rows))
}

/// What a JSON preview keeps: every key (for the header) and the first
/// objects whole.
#[derive(Default)]
struct JsonCollect {
    header: Vec<String>,
    rows: Vec<serde_json::Map<String, serde_json::Value>>,
}

/// Visits one element: objects give their keys (and, for the first few,
/// their values); anything else is skipped, as the import reports it.
struct JsonItem<'a>(&'a mut JsonCollect);

impl JsonElements for JsonCollect {
    fn read_elements<'de, A: SeqAccess<'de>>(&mut self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(JsonItem(&mut *self))?.is_some() {}
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for JsonItem<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for JsonItem<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let keep = self.0.rows.len() < PREVIEW_ROWS;
        let mut row = serde_json::Map::new();
        let mut keys = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if keep {
                row.insert(key.clone(), map.next_value()?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
            keys.push(key);
        }
        // Each object's keys in sorted order, as the import reads them.
        keys.sort();
        for key in keys {
            if !self.0.header.contains(&key) {
                self.0.header.push(key);
            }
        }
        if keep {
            self.0.rows.push(row);
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(())
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
}

/// Reads the whole array but keeps only the first objects and every key, so
/// a large export is previewed without holding it in memory.
fn json_preview(input: impl BufRead) -> Result<Table, ImportError> {
    let mut collect = JsonCollect::default();
    read_json_array(input, &mut collect)?;
    let JsonCollect { header, rows } = collect;
    let rows = rows
        .iter()
        .map(|item| header.iter().map(|key| json_cell(item.get(key))).collect())
        .collect();
    Ok(("JSON".to_string(), header, rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(preview: &ImportPreview) -> Vec<(&str, Option<&str>)> {
        preview
            .columns
            .iter()
            .map(|c| (c.name.as_str(), c.field.map(Field::name)))
            .collect()
    }

    #[test]
    fn shows_the_recognised_columns_and_first_rows() {
        let csv = "\u{feff}Subject;Description;Requester;Votes\nSlow;Very slow;Ann;3\n";
        let preview = preview_feedback(csv.as_bytes(), &ImportOptions::default()).unwrap();
        assert_eq!(preview.format, "CSV (semicolon)");
        assert_eq!(
            fields(&preview),
            vec![
                ("Subject", Some("title")),
                ("Description", Some("description")),
                ("Requester", Some("customer")),
                ("Votes", None),
            ]
        );
        assert_eq!(preview.rows, vec![vec!["Slow", "Very slow", "Ann", "3"]]);
    }

    #[test]
    fn mapping_and_ignoring_columns_change_the_plan() {
        let csv = "Subject,Description,Votes\nSlow,Very slow,3\n";
        let mut options = ImportOptions::default();
        options.set_mapping("Votes", Some(Field::Nps));
        options.set_mapping("Description", None);
        let preview = preview_feedback(csv.as_bytes(), &options).unwrap();
        assert_eq!(
            fields(&preview),
            vec![
                ("Subject", Some("title")),
                ("Description", None),
                ("Votes", Some("nps")),
            ]
        );
        // Mapping a column again replaces its earlier mapping.
        options.set_mapping("votes", Some(Field::Tags));
        assert_eq!(options.map.len(), 2);
    }

    #[test]
    fn a_repeated_column_name_is_mapped_by_position() {
        let csv = "Summary,Labels,Labels\nSlow,perf,ui\n";
        let mut options = ImportOptions::default();
        options.set_position(2, Some(Field::CreatedAt));
        let preview = preview_feedback(csv.as_bytes(), &options).unwrap();
        assert_eq!(
            fields(&preview),
            vec![
                ("Summary", Some("title")),
                ("Labels", Some("tags")),
                ("Labels", Some("created_at")),
            ]
        );
        options.set_position(1, None);
        options.set_position(2, None);
        let preview = preview_feedback(csv.as_bytes(), &options).unwrap();
        assert_eq!(
            fields(&preview),
            vec![
                ("Summary", Some("title")),
                ("Labels", None),
                ("Labels", None)
            ]
        );
    }

    #[test]
    fn json_previews_take_the_keys_of_every_object() {
        let json = r#"[{"title":"A","labels":[{"name":"bug"}]},{"body":"b"}]"#;
        let preview = preview_feedback(json.as_bytes(), &ImportOptions::default()).unwrap();
        assert_eq!(preview.format, "JSON");
        assert_eq!(
            fields(&preview),
            vec![
                ("labels", Some("tags")),
                ("title", Some("title")),
                ("body", Some("description"))
            ]
        );
        assert_eq!(preview.rows[0], vec!["bug;", "A", ""]);
    }

    #[test]
    fn a_row_that_is_not_utf8_does_not_stop_the_preview() {
        let csv = b"title,description\nCaf\xe9,ok\nfine,row\n";
        let preview = preview_feedback(&csv[..], &ImportOptions::default()).unwrap();
        assert_eq!(preview.rows[0], vec!["Caf\u{fffd}", "ok"]);
        assert_eq!(preview.rows[1], vec!["fine", "row"]);
        let bad_header = b"titl\xe9,description\nx,y\n";
        let error = preview_feedback(&bad_header[..], &ImportOptions::default()).unwrap_err();
        assert_eq!(error.to_string(), "line 1: the header is not valid UTF-8");
    }

    #[test]
    fn a_json_preview_shows_people_as_the_import_reads_them() {
        let json = r#"[{"title":"A","author":{"login":"ann","name":"Ann Lee"}}]"#;
        let preview = preview_feedback(json.as_bytes(), &ImportOptions::default()).unwrap();
        let at = preview
            .columns
            .iter()
            .position(|c| c.name == "author")
            .unwrap();
        assert_eq!(preview.rows[0][at], "ann");
    }

    #[test]
    fn a_json_preview_has_the_header_the_import_uses() {
        // Keys of later objects count too, sorted within each object.
        let mut json = String::from("[");
        for i in 0..20 {
            json.push_str(&format!(r#"{{"title":"T{i}","body":"b","labels":[]}},"#));
        }
        json.push_str(r#"42,{"zeta":1,"createdAt":"2026-01-01","title":"last"}]"#);
        let preview = preview_feedback(json.as_bytes(), &ImportOptions::default()).unwrap();
        let names: Vec<&str> = preview.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, vec!["body", "labels", "title", "createdAt", "zeta"]);
        assert_eq!(preview.rows.len(), PREVIEW_ROWS);
        assert_eq!(preview.rows[0], vec!["b", "", "T0", "", ""]);
        let not_array = preview_feedback(r#"{"title":"x"}"#.as_bytes(), &ImportOptions::default());
        assert_eq!(
            not_array.unwrap_err().to_string(),
            "expected a JSON array of objects, found an object"
        );
        let broken = preview_feedback("[{\"title\": ".as_bytes(), &ImportOptions::default());
        assert!(
            broken
                .unwrap_err()
                .to_string()
                .starts_with("not valid JSON")
        );
    }

    #[test]
    fn a_json_preview_skips_a_byte_order_mark() {
        let json = "\u{feff}[{\"title\":\"A\",\"body\":\"b\"}]";
        let preview = preview_feedback(json.as_bytes(), &ImportOptions::default()).unwrap();
        assert_eq!(preview.format, "JSON");
        assert_eq!(
            fields(&preview),
            vec![("body", Some("description")), ("title", Some("title"))]
        );
        assert_eq!(preview.rows, vec![vec!["b", "A"]]);
    }

    #[test]
    fn header_problems_are_the_imports_own() {
        let no_title = preview_feedback("Votes,When\n1,2\n".as_bytes(), &ImportOptions::default());
        assert!(
            no_title
                .unwrap_err()
                .to_string()
                .contains("no title or description column")
        );
        let empty = preview_feedback(" \n".as_bytes(), &ImportOptions::default());
        assert_eq!(empty.unwrap_err().to_string(), "the file is empty");
    }
}
