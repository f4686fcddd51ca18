//! The JSON reader against the whole-file reading it replaced, and its
//! messages for files that are not an array of objects.

use super::*;
use crate::domain::feedback::{FeedbackItem, Source};
use crate::interop::errors::CellError;
use crate::interop::import::tests::read;
use crate::interop::import::{Field, read_feedback, read_feedback_pipelined};
use std::cell::Cell;
use std::rc::Rc;

fn json() -> ImportOptions {
    ImportOptions {
        json: Some(true),
        ..ImportOptions::default()
    }
}

fn message(result: Result<Vec<FeedbackItem>, ImportError>) -> String {
    result.unwrap_err().to_string()
}

/// How JSON was read before it was streamed: the whole file as one
/// value, the header from every object's keys, then the items.
fn read_whole(text: &str, options: &ImportOptions) -> Result<Vec<FeedbackItem>, ImportError> {
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| ImportError::File(format!("not valid JSON: {e}")))?;
    let serde_json::Value::Array(rows) = value else {
        return Err(ImportError::File("not an array".into()));
    };
    if rows.is_empty() {
        return Err(ImportError::File(
            "the file's JSON array has no items to import".into(),
        ));
    }
    let mut header: Vec<String> = Vec::new();
    for row in &rows {
        if let serde_json::Value::Object(map) = row {
            for key in map.keys() {
                if !header.contains(key) {
                    header.push(key.clone());
                }
            }
        }
    }
    // Without any object, each element is a problem of its own.
    let plan = match rows.iter().any(serde_json::Value::is_object) {
        true => plan(&header, options)?,
        false => Plan::default(),
    };
    let now = Utc::now();
    let mut problems = Problems::by_item();
    let mut items = Vec::new();
    for (n, row) in rows.iter().enumerate() {
        let line = n as u64 + 1;
        let serde_json::Value::Object(map) = row else {
            problems.add(line, "", "", "expected an object");
            continue;
        };
        let cell = |i: usize| Cow::Owned(json_cell(map.get(&header[i])));
        let reading = Reading {
            header: &header,
            plan: &plan,
            options,
            now,
        };
        if let Some(row) = row_item(line, &cell, &reading, &mut problems, Room::default()) {
            items.push(row.item);
        }
    }
    problems.finish(items)
}

/// What two reads must agree on: the items (a blank date is the time of
/// the read, so only dates from the file count), or the problems (their
/// places, values and reasons), or the message.
fn outcome(result: Result<Vec<FeedbackItem>, ImportError>) -> String {
    match result {
        Ok(items) => items
            .iter()
            .map(|i| {
                let date = (i.created_at.timestamp() < 1_500_000_000).then_some(i.created_at);
                format!(
                    "{:?} {:?} {:?} {:?} {date:?} {:?} {:?}",
                    i.title, i.description, i.source, i.customer, i.tags, i.nps
                )
            })
            .collect::<Vec<_>>()
            .join("\n"),
        Err(ImportError::Cells { errors, total, .. }) => {
            let places = errors.iter().map(|e: &CellError| {
                format!("{:?} {} {:?}: {}", e.unit, e.line, e.value, e.message)
            });
            format!(
                "{total} problems: {}",
                places.collect::<Vec<_>>().join("; ")
            )
        }
        Err(ImportError::File(message)) => message,
    }
}

fn gh_items(count: usize) -> String {
    let items: Vec<String> = (0..count)
        .map(|n| {
            format!(
                r#"{{"author":{{"login":"u{n}","name":"U {n}"}},"body":"Body {n}\r\nmore","createdAt":"2026-10-03T09:14:00Z","labels":[{{"name":"bug","color":"d73a4a"}}],"number":{n},"title":"Item {n}"}}"#
            )
        })
        .collect();
    format!("[{}]", items.join(","))
}

#[test]
fn the_gh_fixture_reads_as_the_whole_file_read_did() {
    let text = include_str!("../../../../tests/fixtures/import/gh_issues.json");
    let options = ImportOptions::default();
    let items = read(text, &options).unwrap();
    assert_eq!(items.len(), 7);
    assert_eq!(items[0].customer.as_deref(), Some("app/github-actions"));
    assert_eq!(items[0].tags, vec!["needs triage"]);
    assert_eq!(outcome(Ok(items)), outcome(read_whole(text, &options)));
    let with_bom = format!("\u{feff}{text}");
    assert_eq!(
        outcome(read(&with_bom, &options)),
        outcome(read_whole(text, &options))
    );
}

#[test]
fn items_reach_the_sink_in_order_while_the_file_is_still_being_read() {
    let text = gh_items(20_000);
    let read_so_far = Rc::new(Cell::new(0usize));
    struct Counted<'a>(&'a [u8], Rc<Cell<usize>>);
    impl Read for Counted<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.0.read(buf)?;
            self.1.set(self.1.get() + n);
            Ok(n)
        }
    }
    let mut seen = Vec::new();
    let mut read_at_first = None;
    let input = Counted(text.as_bytes(), Rc::clone(&read_so_far));
    let stats = read_feedback(input, &ImportOptions::default(), &mut |item| {
        read_at_first.get_or_insert(read_so_far.get());
        seen.push(item.item.title);
        Ok(())
    })
    .unwrap();
    assert_eq!(stats.rows, 20_000);
    assert_eq!(
        seen,
        (0..20_000).map(|n| format!("Item {n}")).collect::<Vec<_>>()
    );
    // The sniffed start and one buffer at most, of a 3 MB file.
    assert!(text.len() > 3_000_000);
    assert!(read_at_first.unwrap() <= 128 * 1024, "{read_at_first:?}");
}

#[test]
fn a_read_that_fails_midway_has_handed_on_the_items_before_it() {
    struct FailsAt<'a>(&'a [u8]);
    impl Read for FailsAt<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.0.is_empty() {
                return Err(std::io::Error::other("the disk went away"));
            }
            self.0.read(buf)
        }
    }
    let text = gh_items(10_000);
    let cut = text.len() * 4 / 5;
    let mut seen = Vec::new();
    let error = read_feedback(
        FailsAt(&text.as_bytes()[..cut]),
        &ImportOptions::default(),
        &mut |item| {
            seen.push(item.item.title);
            Ok(())
        },
    )
    .unwrap_err();
    assert_eq!(
        error,
        ImportError::File("cannot read the file: the disk went away".into())
    );
    assert!(seen.len() > 7_000, "{}", seen.len());
    assert_eq!(
        seen,
        (0..seen.len())
            .map(|n| format!("Item {n}"))
            .collect::<Vec<_>>()
    );
    // A sink that fails stops the read with its message.
    let mut taken = 0;
    let stopped = read_feedback(text.as_bytes(), &ImportOptions::default(), &mut |_| {
        taken += 1;
        if taken == 3 {
            Err("disk full".into())
        } else {
            Ok(())
        }
    });
    assert_eq!(stopped.unwrap_err(), ImportError::File("disk full".into()));
    assert_eq!(taken, 3);
}

#[test]
fn the_pipelined_reader_reads_json_in_order_and_names_bad_items() {
    let text = gh_items(2000);
    let mut seen = Vec::new();
    let stats = read_feedback_pipelined(text.as_bytes(), &ImportOptions::default(), &mut |batch| {
        seen.extend(batch.iter().map(|row| row.item.title.clone()));
        Ok(())
    })
    .unwrap();
    assert_eq!(stats.rows, 2000);
    assert_eq!(
        seen,
        (0..2000).map(|n| format!("Item {n}")).collect::<Vec<_>>()
    );
    let bad = text.replacen(
        r#""createdAt":"2026-10-03T09:14:00Z","labels":[{"name":"bug","color":"d73a4a"}],"number":1499,"#,
        r#""createdAt":"yesterday","labels":[],"number":1499,"#,
        1,
    );
    let error = read_feedback_pipelined(bad.as_bytes(), &ImportOptions::default(), &mut |_| Ok(()))
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "1 bad item; nothing was imported\n  \
         item 1500, column 'createdAt', value 'yesterday': not a date this importer knows"
    );
}

#[test]
fn a_byte_order_mark_is_skipped() {
    let text = "\u{feff}[{\"title\":\"Export\",\"body\":\"CSV too\"}]";
    for options in [ImportOptions::default(), json()] {
        let items = read(text, &options).unwrap();
        assert_eq!(items[0].title, "Export");
        assert_eq!(items[0].description, "CSV too");
    }
    let spaced = "\u{feff} \n[{\"title\":\"Export\"}]\n";
    assert_eq!(read(spaced, &ImportOptions::default()).unwrap().len(), 1);
}

#[test]
fn bad_values_are_placed_by_item() {
    let text = r#"[{"title":"a","nps":5},
                   {"title":"b","nps":11},
                   42,
                   {"title":"c","createdAt":"someday"}]"#;
    assert_eq!(
        message(read(text, &ImportOptions::default())),
        "3 bad items; nothing was imported\n  \
         item 2, column 'nps', value '11': must be a whole number from 0 to 10\n  \
         item 3: expected an object\n  \
         item 4, column 'createdAt', value 'someday': not a date this importer knows"
    );
}

#[test]
fn an_array_without_objects_names_its_items() {
    assert_eq!(
        message(read(r#"[1,"x"]"#, &json())),
        "2 bad items; nothing was imported\n  item 1: expected an object\n  \
         item 2: expected an object"
    );
}

#[test]
fn a_late_ticket_key_that_would_change_the_source_stops_the_import() {
    let text = r#"[{"title":"a","body":"x"},{"title":"b","body":"y","requester":"ann"}]"#;
    assert!(message(read(text, &json())).contains("requester"));
    // With the source given, nothing earlier changes.
    let support = ImportOptions {
        source: Some(Source::Support),
        ..json()
    };
    let items = read(text, &support).unwrap();
    assert!(items.iter().all(|i| i.source == Source::Support));
}

#[test]
fn an_empty_array_has_no_items() {
    for text in ["[]", " [ ]\n", "\u{feff}[]"] {
        assert_eq!(
            message(read(text, &ImportOptions::default())),
            "the file's JSON array has no items to import"
        );
    }
}

#[test]
fn a_file_that_is_not_one_array_is_named() {
    let cases = [
        (
            r#"{"title":"x"}"#,
            "expected a JSON array of objects, found an object",
        ),
        ("42", "expected a JSON array of objects, found a number"),
        ("-1.5", "expected a JSON array of objects, found a number"),
        (
            r#""title""#,
            "expected a JSON array of objects, found a string",
        ),
        (
            "true",
            "expected a JSON array of objects, found true or false",
        ),
        ("null", "expected a JSON array of objects, found null"),
        (
            r#"[{"title": "#,
            "not valid JSON: EOF while parsing a value at line 1 column 11",
        ),
        (
            r#"[{"title":"a"}] x"#,
            "not valid JSON: trailing characters at line 1 column 17",
        ),
        (
            "title,body\nx,y\n",
            "not valid JSON: expected ident at line 1 column 2",
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(message(read(text, &json())), expected, "{text}");
    }
}

#[test]
fn keys_that_only_later_items_have_read_as_if_known_from_the_start() {
    let options = ImportOptions::default();
    let late_fields = r#"[{"title":"a"},
        {"title":"b","author":{"login":"ann"},"createdAt":"2001-02-03","labels":["x"]},
        {"body":"only a body"}]"#;
    // The first item has no title: its description gives one, also when
    // no key for either has come yet (then a later one must).
    let late_title = r#"[{"body":"first"},{"title":"T","body":"second"}]"#;
    let nps_first = r#"[{"score":9},{"score":3,"comment":"meh"}]"#;
    for text in [late_fields, late_title, nps_first] {
        let streamed = outcome(read(text, &options));
        assert!(!streamed.contains("bad value"), "{streamed}");
        assert_eq!(streamed, outcome(read_whole(text, &options)), "{text}");
    }
    let items = read(nps_first, &options).unwrap();
    assert_eq!(items[0].title, "NPS 9 (no comment)");
    assert_eq!(items[1].description, "meh");
    // No key for a title or a description in the whole file.
    assert_eq!(
        message(read(r#"[{"score":9},{"votes":3}]"#, &options)),
        "no title or description column among: score, votes (name one with --map COLUMN=title)"
    );
    // A --map key that only a later item has.
    let mut mapped = ImportOptions::default();
    mapped.set_mapping("headline2", Some(Field::Description));
    let text = r#"[{"title":"a"},{"title":"b","headline2":"c"}]"#;
    assert_eq!(read(text, &mapped).unwrap()[1].description, "c");
    assert!(message(read(r#"[{"title":"a"}]"#, &mapped)).contains(
        "--map names the column 'headline2', which the file does not have (columns: title)"
    ));
}

#[test]
fn a_late_key_that_would_change_earlier_items_stops_the_import() {
    // "body" is preferred to "text": the whole file's plan would have
    // read the first item's description from a key it lacks.
    let text = r#"[{"title":"a","text":"from text"},{"title":"b","body":"c","zeta":1}]"#;
    assert_eq!(
        message(read(text, &ImportOptions::default())),
        "item 2 has the keys 'body', 'zeta', which no earlier item has and which changes \
         the fields the earlier items were read into (a JSON file is read in one pass); \
         set the field by hand (--map body=FIELD or =ignore, or in the preview)"
    );
    let mut options = ImportOptions::default();
    options.set_mapping("body", None);
    let items = read(text, &options).unwrap();
    assert_eq!(items[0].description, "from text");
    assert_eq!(items[1].description, "");
    // A late NPS key changes the default source of earlier items.
    let nps = r#"[{"title":"a"},{"title":"b","nps":3}]"#;
    assert!(message(read(nps, &ImportOptions::default())).contains("item 2 has the key 'nps'"));
    let options = ImportOptions {
        source: Some(Source::Support),
        ..ImportOptions::default()
    };
    assert_eq!(read(nps, &options).unwrap()[1].nps, Some(3));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

    /// Read as it comes, a file gives what reading it whole gave, or
    /// says which key came too late to. The objects share keys (a
    /// shape), as an export's do, some lack a few and some have more.
    #[test]
    fn streaming_reads_as_the_whole_file_read(
        first in 0usize..4,
        more in proptest::collection::vec(0usize..17, 0..5),
        elements in proptest::collection::vec(
            proptest::option::weighted(
                0.95,
                (
                    proptest::collection::vec((0usize..18, proptest::bool::weighted(0.85)), 6),
                    proptest::collection::vec((0usize..17, 0usize..18), 0..2),
                ),
            ),
            1..8,
        ),
        source in proptest::option::of(proptest::sample::select(vec![Source::Support])),
        map in proptest::sample::select(vec![
            vec![],
            vec![],
            vec![],
            vec![],
            vec![],
            vec![],
            vec![("body".to_string(), Some(Field::Title))],
            vec![("extra".to_string(), Some(Field::Description))],
            vec![("text".to_string(), None)],
            vec![("zz".to_string(), Some(Field::Title))],
        ]),
        positions in proptest::sample::select(vec![
            vec![],
            vec![],
            vec![(1, Some(Field::Tags))],
            vec![(0, None)],
        ]),
    ) {
        const KEYS: [&str; 17] = [
            "title", "Summary", "body", "text", "labels", "tags", "author", "createdAt",
            "date", "nps", "score", "source", "customer", "extra", "type", "prompt",
            "reflectionGroup",
        ];
        // Each key's values, the last (for some) one it cannot take.
        let values = |key: &str| -> &[&str] {
            match key {
                "labels" | "tags" => &[r#"[{"name":"needs triage"},"x"]"#, r#""a,b""#, "[]", "null"],
                "author" => &[r#"{"login":"ann","name":"Ann"}"#, r#"{"name":"Bo"}"#, r#""cy""#],
                "createdAt" | "date" => &[
                    r#""2001-02-03""#, r#""2001-02-03T04:05:06Z""#, r#""""#, "null",
                    r#""yesterday""#,
                ],
                "nps" | "score" => &["9", r#""5""#, "0", "null", r#""""#, "11"],
                "source" => &[r#""survey""#, r#""support""#, r#""""#, "null", r#""email""#],
                _ => &[
                    r#""Two words""#, r#""Slow export""#, r#""""#, "null", r#""Reflection""#,
                    r#"{"login":"ann","name":"Ann"}"#, r#""a,b""#, "3",
                ],
            }
        };
        // A key for the title or the description first, then others.
        let shape: Vec<usize> = std::iter::once(first).chain(more).collect();
        let object = |pairs: Vec<(usize, usize)>| {
            let pairs: Vec<String> = pairs
                .iter()
                .map(|(k, v)| {
                    let values = values(KEYS[*k]);
                    format!("{:?}:{}", KEYS[*k], values[v % values.len()])
                })
                .collect();
            format!("{{{}}}", pairs.join(","))
        };
        let elements: Vec<String> = elements
            .iter()
            .map(|e| match e {
                None => "7".to_string(),
                Some((values, extra)) => object(
                    shape
                        .iter()
                        .zip(values)
                        .filter(|(_, (_, present))| *present)
                        .map(|(k, (v, _))| (*k, *v))
                        .chain(extra.iter().copied())
                        .collect(),
                ),
            })
            .collect();
        let text = format!("[{}]", elements.join(","));
        let options = ImportOptions { json: None, source, map, positions, id_column: None };
        let streamed = outcome(read(&text, &options));
        if !streamed.contains("which no earlier item has") {
            proptest::prop_assert_eq!(streamed, outcome(read_whole(&text, &options)), "{}", text);
        }
    }
}
