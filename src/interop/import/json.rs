//! Reading JSON as it is parsed: serde visitors for a file's top-level
//! array (shared with the preview), and the import's reader of its objects,
//! which makes the column plan from the keys seen so far and stops when a
//! late key would change how earlier objects were read.

use super::fields::{Plan, normalise, plan};
use super::rows::{Reading, Room, row_item};
use super::{ImportOptions, ReadStats};
use crate::domain::feedback::ImportedRow;
use crate::interop::errors::{ImportError, Problems};
use chrono::{DateTime, Utc};
use serde::de::{
    DeserializeSeed, Deserializer, Error as _, IgnoredAny, MapAccess, SeqAccess, Visitor,
};
use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};

/// A JSON value as cell text: strings as they are, numbers printed, arrays
/// of names joined with commas, people by login, name or email.
fn json_text(value: &serde_json::Value) -> String {
    use serde_json::Value;
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        // Each element ends in ";", so even a one-element list reads as a
        // list: split_tags then splits on ";" and keeps "needs triage" whole.
        Value::Array(items) => items.iter().map(|i| format!("{};", json_text(i))).collect(),
        Value::Object(map) => ["name", "login", "email", "title"]
            .iter()
            .find_map(|k| map.get(*k).and_then(|v| v.as_str()))
            .unwrap_or_default()
            .to_string(),
    }
}

/// The text an import reads from a key's value: a person (an object with a
/// `login`, as gh prints `author`) by login, anything else as `json_text`
/// gives it with CRLF read as LF; "" when the object lacks the key.
pub(in crate::interop) fn json_cell(value: Option<&serde_json::Value>) -> String {
    match value {
        Some(serde_json::Value::Object(person)) if person.contains_key("login") => {
            json_text(&person["login"])
        }
        Some(v) => json_text(v).replace("\r\n", "\n"),
        None => String::new(),
    }
}

/// Skips a UTF-8 byte-order mark at the start of `input`.
fn skip_bom(input: &mut impl BufRead) -> std::io::Result<()> {
    if input.fill_buf()?.starts_with(b"\xEF\xBB\xBF") {
        input.consume(3);
    }
    Ok(())
}

/// What reads the elements of a JSON file's top-level array (the import,
/// the preview): each one as the parser reaches it.
pub(in crate::interop) trait JsonElements {
    /// Reads every element of `seq`. A reader that stops the parse for a
    /// reason of its own returns an error and keeps the reason for `failure`.
    fn read_elements<'de, A: SeqAccess<'de>>(&mut self, seq: A) -> Result<(), A::Error>;

    /// Why this reader stopped the parse, if it did.
    fn failure(&mut self) -> Option<ImportError> {
        None
    }
}

/// Parses `input` (a byte-order mark is skipped) as one JSON array, handing
/// its elements to `elements` as they are parsed, so the file is never held
/// whole. A file that is not one array, or not JSON, is an error.
pub(in crate::interop) fn read_json_array(
    mut input: impl BufRead,
    elements: &mut impl JsonElements,
) -> Result<(), ImportError> {
    skip_bom(&mut input).map_err(|e| ImportError::File(format!("cannot read the file: {e}")))?;
    let mut found = None;
    let mut deserializer = serde_json::Deserializer::from_reader(input);
    let top = TopLevel {
        elements: &mut *elements,
        found: &mut found,
    };
    let read = deserializer
        .deserialize_any(top)
        .and_then(|()| deserializer.end());
    read.map_err(|e| {
        if let Some(failure) = elements.failure() {
            failure
        } else if let Some(found) = found {
            ImportError::File(format!("expected a JSON array of objects, found {found}"))
        } else if e.is_io() {
            // The reader's own error, without the place serde_json adds.
            let e = std::io::Error::from(e);
            ImportError::File(format!("cannot read the file: {e}"))
        } else {
            ImportError::File(format!("not valid JSON: {e}"))
        }
    })
}

/// Visits a JSON file's top-level value: an array's elements go to
/// `elements`; anything else is named in `found`.
struct TopLevel<'a, E> {
    elements: &'a mut E,
    found: &'a mut Option<&'static str>,
}

impl<E> TopLevel<'_, E> {
    fn not_an_array<Er: serde::de::Error>(self, found: &'static str) -> Result<(), Er> {
        *self.found = Some(found);
        Err(Er::custom("not an array"))
    }
}

impl<'de, E: JsonElements> Visitor<'de> for TopLevel<'_, E> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON array of objects")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        self.elements.read_elements(seq)
    }

    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        self.not_an_array("an object")
    }

    fn visit_bool<Er: serde::de::Error>(self, _: bool) -> Result<(), Er> {
        self.not_an_array("true or false")
    }

    fn visit_i64<Er: serde::de::Error>(self, _: i64) -> Result<(), Er> {
        self.not_an_array("a number")
    }

    fn visit_u64<Er: serde::de::Error>(self, _: u64) -> Result<(), Er> {
        self.not_an_array("a number")
    }

    fn visit_f64<Er: serde::de::Error>(self, _: f64) -> Result<(), Er> {
        self.not_an_array("a number")
    }

    fn visit_str<Er: serde::de::Error>(self, _: &str) -> Result<(), Er> {
        self.not_an_array("a string")
    }

    fn visit_unit<Er: serde::de::Error>(self) -> Result<(), Er> {
        self.not_an_array("null")
    }
}

/// Reads JSON: an array of objects, each one turned into an item (or its
/// problems recorded) and handed to `sink` as soon as it is parsed, through
/// a buffer; memory does not grow with the file.
///
/// The columns are the keys in first-seen order (each object's new keys
/// sorted), as when the whole file was parsed first. The plan is made from
/// the keys seen so far, and made again when an object brings new keys.
/// The objects before it lack those keys, so they read as before as long as
/// the new plan fills each field from the same earlier key, or from none,
/// and keeps the default source (`reads_alike`): then the result is the one
/// the whole file's keys, known at the start, gave. That holds for the
/// exports this reads (`gh` writes every key in every object; a key that
/// only some objects have, like an optional customer, fills a field of its
/// own). When it does not hold, the import stops with a message naming the
/// key: the file is read once, so earlier objects cannot be read again.
pub(super) fn read_json<S>(
    input: impl Read,
    options: &ImportOptions,
    sink: &mut S,
) -> Result<ReadStats, ImportError>
where
    S: FnMut(ImportedRow) -> Result<(), String> + ?Sized,
{
    let mut import = JsonImport {
        options,
        sink,
        now: Utc::now(),
        header: Vec::new(),
        index: HashMap::new(),
        plan: Plan::default(),
        columns: Vec::new(),
        used: Vec::new(),
        cells: Vec::new(),
        new_keys: Vec::new(),
        elements: 0,
        objects: 0,
        problems: Problems::by_item(),
        stats: ReadStats::default(),
        failure: None,
    };
    read_json_array(BufReader::with_capacity(64 * 1024, input), &mut import)?;
    if import.elements == 0 {
        return Err(ImportError::File(
            "the file's JSON array has no items to import".into(),
        ));
    }
    // What the file's keys as a whole lack: a --map key no object has, a
    // key for the title or the description. (Without any object, each
    // element is already a problem of its own.)
    if import.objects > 0 {
        plan(&import.header, options)?;
    }
    import.problems.finish(import.stats)
}

/// A JSON import under way (see `read_json`).
struct JsonImport<'a, S: ?Sized> {
    options: &'a ImportOptions,
    sink: &'a mut S,
    now: DateTime<Utc>,
    /// Every key so far, in first-seen order.
    header: Vec<String>,
    /// Each key's place in `header`.
    index: HashMap<String, usize>,
    /// The plan for the keys so far, and the column names it goes by.
    plan: Plan,
    columns: Vec<String>,
    /// Whether the plan reads each column.
    used: Vec<bool>,
    /// The object being read: the value of each column the plan reads…
    cells: Vec<Option<serde_json::Value>>,
    /// …and of each key no earlier object had.
    new_keys: Vec<(String, serde_json::Value)>,
    /// Elements of the array read so far, and objects among them.
    elements: u64,
    objects: u64,
    problems: Problems,
    stats: ReadStats,
    /// Why the import stopped (the sink failed, or a key came too late).
    failure: Option<ImportError>,
}

impl<S> JsonElements for JsonImport<'_, S>
where
    S: FnMut(ImportedRow) -> Result<(), String> + ?Sized,
{
    fn read_elements<'de, A: SeqAccess<'de>>(&mut self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(JsonElement(&mut *self))?.is_some() {}
        Ok(())
    }

    fn failure(&mut self) -> Option<ImportError> {
        self.failure.take()
    }
}

impl<S> JsonImport<'_, S>
where
    S: FnMut(ImportedRow) -> Result<(), String> + ?Sized,
{
    /// The object just read (its values in `cells` and `new_keys`) as an
    /// item for the sink, or its problems.
    fn end_object(&mut self) -> Result<(), ImportError> {
        let item_number = self.elements;
        if !self.new_keys.is_empty() {
            self.add_keys(item_number)?;
        }
        let cells = &self.cells;
        let cell = |i: usize| Cow::Owned(json_cell(cells.get(i).and_then(Option::as_ref)));
        let reading = Reading {
            header: &self.columns,
            plan: &self.plan,
            options: self.options,
            now: self.now,
        };
        let row = row_item(
            item_number,
            &cell,
            &reading,
            &mut self.problems,
            Room::default(),
        );
        self.cells.iter_mut().for_each(|c| *c = None);
        self.objects += 1;
        if let Some(row) = row {
            self.stats.rows += 1;
            if self.problems.total == 0 {
                (self.sink)(row).map_err(ImportError::File)?;
            }
        }
        Ok(())
    }

    /// Adds the keys of `new_keys` to the header and makes the plan again;
    /// an error when the new plan would read earlier objects otherwise.
    fn add_keys(&mut self, item_number: u64) -> Result<(), ImportError> {
        let mut new_keys = std::mem::take(&mut self.new_keys);
        new_keys.sort_by(|a, b| a.0.cmp(&b.0));
        let earlier = self.header.len();
        for (key, value) in new_keys.drain(..) {
            self.index.insert(key.clone(), self.header.len());
            self.header.push(key);
            self.cells.push(Some(value));
        }
        self.new_keys = new_keys;
        let (plan, columns) = plan_so_far(&self.header, self.options)?;
        if self.objects > 0 && !reads_alike(&self.plan, &plan, earlier, self.options) {
            let keys = &self.header[earlier..];
            return Err(ImportError::File(format!(
                "item {item_number} has the key{} '{}', which no earlier item has and which \
                 changes the fields the earlier items were read into (a JSON file is read in \
                 one pass); set the field by hand (--map {}=FIELD or =ignore, or in the preview)",
                if keys.len() == 1 { "" } else { "s" },
                keys.join("', '"),
                keys[0],
            )));
        }
        self.used = (0..self.header.len())
            .map(|i| {
                plan.field_of(i).is_some()
                    || plan.parabol_prompt == Some(i)
                    || plan.external_id == Some(i)
            })
            .collect();
        self.plan = plan;
        self.columns = columns;
        Ok(())
    }
}

/// The plan for the keys seen so far, and the names of its columns. A
/// --map key not seen yet waits for its first object. While no key gives a
/// title or a description, a column named "title" that every object lacks
/// stands in: that is how the whole file's plan reads these objects if a
/// later one brings such a key (and if none does, `read_json` gives plan's
/// own error at the end).
fn plan_so_far(
    header: &[String],
    options: &ImportOptions,
) -> Result<(Plan, Vec<String>), ImportError> {
    let mut seen = options.clone();
    seen.map
        .retain(|(column, _)| header.iter().any(|h| normalise(h) == normalise(column)));
    seen.positions.retain(|(i, _)| *i < header.len());
    // An --id-column key not seen yet waits for its first object too.
    if let Some(column) = &seen.id_column
        && !header.iter().any(|h| normalise(h) == normalise(column))
    {
        seen.id_column = None;
    }
    if let Ok(plan) = plan(header, &seen) {
        return Ok((plan, header.to_vec()));
    }
    let mut columns = header.to_vec();
    columns.push("title".into());
    Ok((plan(&columns, &seen)?, columns))
}

/// Whether `after`, the plan once an object brought keys from column
/// `earlier` on, reads the objects before it (which lack those keys) as
/// `before` did: every field from the same earlier key, or from none, and
/// the same default source. A field that gains a new key reads "" from them,
/// as it read nothing before.
fn reads_alike(before: &Plan, after: &Plan, earlier: usize, options: &ImportOptions) -> bool {
    let old = |column: Option<usize>| column.filter(|c| *c < earlier);
    let old_tags = |plan: &Plan| -> Vec<usize> {
        plan.tags.iter().copied().filter(|c| *c < earlier).collect()
    };
    let default_source = |plan: &Plan| plan.default_source(options);
    let fields = |plan: &Plan| {
        [
            plan.title,
            plan.description,
            plan.source,
            plan.customer,
            plan.created_at,
            plan.nps,
            plan.parabol_type,
            plan.parabol_prompt,
        ]
        .map(old)
    };
    fields(before) == fields(after)
        && old_tags(before) == old_tags(after)
        && default_source(before) == default_source(after)
}

/// One element of the array, read into a `JsonImport`.
struct JsonElement<'i, 'a, S: ?Sized>(&'i mut JsonImport<'a, S>);

impl<'de, S> DeserializeSeed<'de> for JsonElement<'_, '_, S>
where
    S: FnMut(ImportedRow) -> Result<(), String> + ?Sized,
{
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<S> JsonElement<'_, '_, S>
where
    S: FnMut(ImportedRow) -> Result<(), String> + ?Sized,
{
    /// An element that is not an object: a problem of its own.
    fn not_an_object<E>(self) -> Result<(), E> {
        let import = self.0;
        import.elements += 1;
        import
            .problems
            .add(import.elements, "", "", "expected an object");
        Ok(())
    }
}

impl<'de, S> Visitor<'de> for JsonElement<'_, '_, S>
where
    S: FnMut(ImportedRow) -> Result<(), String> + ?Sized,
{
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an object")
    }

    /// Keeps the values the plan reads, and those of new keys (the plan
    /// may read them once it knows them); skips the rest unparsed.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let import = self.0;
        import.elements += 1;
        while let Some(key) = map.next_key_seed(JsonKey(&import.index))? {
            match key {
                Key::Known(i) if import.used[i] => import.cells[i] = Some(map.next_value()?),
                Key::Known(_) => {
                    map.next_value::<IgnoredAny>()?;
                }
                Key::New(key) => {
                    // A key given twice: its last value, as serde_json keeps.
                    let value = map.next_value()?;
                    match import.new_keys.iter_mut().find(|(k, _)| *k == key) {
                        Some((_, v)) => *v = value,
                        None => import.new_keys.push((key, value)),
                    }
                }
            }
        }
        import.end_object().map_err(|e| {
            import.failure = Some(e);
            A::Error::custom("the import stopped")
        })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        self.not_an_object()
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        self.not_an_object()
    }

    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        self.not_an_object()
    }

    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        self.not_an_object()
    }

    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        self.not_an_object()
    }

    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        self.not_an_object()
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        self.not_an_object()
    }
}

/// A key of an object: one the header has (its column), or a new one.
enum Key {
    Known(usize),
    New(String),
}

/// Reads a key, looking it up in the header without copying it.
struct JsonKey<'a>(&'a HashMap<String, usize>);

impl<'de> DeserializeSeed<'de> for JsonKey<'_> {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for JsonKey<'_> {
    type Value = Key;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E>(self, key: &str) -> Result<Key, E> {
        Ok(match self.0.get(key) {
            Some(&i) => Key::Known(i),
            None => Key::New(key.to_string()),
        })
    }
}

#[cfg(test)]
mod tests;
