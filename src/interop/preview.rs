//! A look at a file before importing it: its format, its columns with the
//! field each one fills (as the import would decide, given the options), and
//! its first rows. Only the start of a CSV file is read.

use super::errors::{ImportError, csv_error, sniff_delimiter};
use super::import::{Field, ImportOptions, json_text, looks_like_json, plan};
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
        .from_reader(input);
    let mut record = csv::StringRecord::new();
    let mut read = |record: &mut csv::StringRecord| -> Result<bool, ImportError> {
        reader.read_record(record).map_err(|e| match e.kind() {
            csv::ErrorKind::Utf8 { .. } => ImportError::File("the text is not valid UTF-8".into()),
            _ => csv_error(e),
        })
    };
    if !read(&mut record)? {
        return Err(ImportError::File("the file is empty".into()));
    }
    let header: Vec<String> = record
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_string())
        .collect();
    let mut rows = Vec::new();
    while rows.len() < PREVIEW_ROWS && read(&mut record)? {
        rows.push(record.iter().map(str::to_string).collect());
    }
    Ok((format.to_string(), header, rows))
}

fn json_preview(input: impl Read) -> Result<Table, ImportError> {
    let value: serde_json::Value = serde_json::from_reader(input)
        .map_err(|e| ImportError::File(format!("not valid JSON: {e}")))?;
    let serde_json::Value::Array(items) = value else {
        return Err(ImportError::File("expected a JSON array of objects".into()));
    };
    let mut header: Vec<String> = Vec::new();
    for item in &items {
        if let serde_json::Value::Object(map) = item {
            for key in map.keys() {
                if !header.contains(key) {
                    header.push(key.clone());
                }
            }
        }
    }
    let rows = items
        .iter()
        .take(PREVIEW_ROWS)
        .map(|item| {
            header
                .iter()
                .map(|key| item.get(key).map(json_text).unwrap_or_default())
                .collect()
        })
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
