//! Reading feedback from the files other tools export: CSV (comma, semicolon
//! or tab; UTF-8 with or without a byte-order mark; CRLF or LF) and JSON
//! (an array of objects, e.g. `gh issue list --json …`).
//!
//! Columns are recognised by their common names (see `Field::SYNONYMS`), or
//! named with `--map COLUMN=FIELD`. A file without a title column gets titles
//! from the first words of the description. Parabol retrospective exports
//! are recognised by their header; only their `Reflection` rows are cards.
//! CSV is streamed row by row, so memory does not grow with the file.
//! Every bad cell is reported (the first 20 listed, with line, column and
//! value); the caller imports nothing when there is one.

use super::errors::{ImportError, Problems};
use crate::domain::feedback::{
    FeedbackDraft, FeedbackItem, Source, Status, dedup_hash_of, parse_nps,
};
use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use std::io::Read;

/// A feedback field a column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Description,
    Source,
    Customer,
    CreatedAt,
    Tags,
    Nps,
}

impl Field {
    pub const ALL: [Field; 7] = [
        Field::Title,
        Field::Description,
        Field::Source,
        Field::Customer,
        Field::CreatedAt,
        Field::Tags,
        Field::Nps,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Description => "description",
            Field::Source => "source",
            Field::Customer => "customer",
            Field::CreatedAt => "created_at",
            Field::Tags => "tags",
            Field::Nps => "nps",
        }
    }

    /// Header names (lower case, without spaces, `_` or `-`) that mean this
    /// field, the preferred first.
    fn synonyms(self) -> &'static [&'static str] {
        match self {
            Field::Title => &["title", "summary", "subject", "headline"],
            Field::Description => &[
                "description",
                "body",
                "content",
                "feedback",
                "comment",
                "comments",
                "text",
                "message",
                "details",
            ],
            Field::Source => &["source", "channel"],
            Field::Customer => &[
                "customer",
                "customfield(customer)",
                "company",
                "organization",
                "organisation",
                "requester",
                "reporter",
                "author",
                "email",
                "emailaddress",
                "user",
            ],
            Field::CreatedAt => &[
                "createdat",
                "created",
                "createddate",
                "date",
                "timestamp",
                "responsetimestamp",
                "submittedat",
                "responsedate",
            ],
            Field::Tags => &["tags", "labels", "tag", "label"],
            Field::Nps => &["nps", "npsscore", "score", "rating"],
        }
    }

    /// Parses a `--map` field name.
    pub fn parse(name: &str) -> Result<Field, String> {
        let n = name.trim().to_lowercase();
        Field::ALL
            .into_iter()
            .find(|f| f.name() == n || (n == "created" && *f == Field::CreatedAt))
            .ok_or_else(|| {
                format!(
                    "unknown field '{name}' in --map (use one of: {})",
                    Field::ALL.map(Field::name).join(", ")
                )
            })
    }
}

fn normalise(header: &str) -> String {
    header
        .trim()
        .trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// How to read a file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportOptions {
    /// `Some(true)` JSON, `Some(false)` CSV, `None` by the file's content.
    pub json: Option<bool>,
    /// The source of every item that has no source column.
    pub source: Option<Source>,
    /// `COLUMN=FIELD` pairs that override recognition; `None` ignores the
    /// column (`COLUMN=ignore`).
    pub map: Vec<(String, Option<Field>)>,
    /// The same by column position (0-based), as the TUI's preview sets it:
    /// a header can repeat a name (Jira repeats `Labels`).
    pub positions: Vec<(usize, Option<Field>)>,
}

impl ImportOptions {
    /// Maps `column` to `field` (`None`: ignore it), replacing any earlier
    /// mapping of that column.
    pub fn set_mapping(&mut self, column: &str, field: Option<Field>) {
        self.map.retain(|(c, _)| normalise(c) != normalise(column));
        self.map.push((column.to_string(), field));
    }

    /// Maps the column at `position` to `field` (`None`: ignore it),
    /// replacing any earlier mapping of that position.
    pub fn set_position(&mut self, position: usize, field: Option<Field>) {
        self.positions.retain(|(p, _)| *p != position);
        self.positions.push((position, field));
    }
}

/// Parses one `--map COLUMN=FIELD` argument (`COLUMN=ignore` skips a column).
pub fn parse_map(arg: &str) -> Result<(String, Option<Field>), String> {
    let (column, field) = arg
        .rsplit_once('=')
        .ok_or_else(|| format!("--map '{arg}' must look like COLUMN=FIELD"))?;
    if column.trim().is_empty() {
        return Err(format!("--map '{arg}' names no column"));
    }
    let field = if field.trim().eq_ignore_ascii_case("ignore") {
        None
    } else {
        Some(Field::parse(field)?)
    };
    Ok((column.trim().to_string(), field))
}

/// What a read found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReadStats {
    /// Rows turned into items.
    pub rows: usize,
    /// Rows skipped on purpose (e.g. Parabol rows that are not cards).
    pub skipped: usize,
}

/// Which column fills which field.
#[derive(Debug, Default)]
pub(super) struct Plan {
    title: Option<usize>,
    description: Option<usize>,
    source: Option<usize>,
    customer: Option<usize>,
    created_at: Option<usize>,
    tags: Vec<usize>,
    nps: Option<usize>,
    /// Parabol: the `type` column; rows whose type is not Reflection are skipped.
    parabol_type: Option<usize>,
    /// Parabol: the prompt (column) becomes a tag.
    parabol_prompt: Option<usize>,
}

impl Plan {
    /// The field column `column` fills, if any.
    pub(super) fn field_of(&self, column: usize) -> Option<Field> {
        let is = |c: Option<usize>| c == Some(column);
        if is(self.title) {
            Some(Field::Title)
        } else if is(self.description) {
            Some(Field::Description)
        } else if is(self.source) {
            Some(Field::Source)
        } else if is(self.customer) {
            Some(Field::Customer)
        } else if is(self.created_at) {
            Some(Field::CreatedAt)
        } else if self.tags.contains(&column) {
            Some(Field::Tags)
        } else if is(self.nps) {
            Some(Field::Nps)
        } else {
            None
        }
    }
}

pub(super) fn plan(header: &[String], options: &ImportOptions) -> Result<Plan, ImportError> {
    let mut names: Vec<String> = header.iter().map(|h| normalise(h)).collect();
    let mut plan = Plan::default();
    let set = |plan: &mut Plan, field: Field, column: usize| match field {
        Field::Title => plan.title = Some(column),
        Field::Description => plan.description = Some(column),
        Field::Source => plan.source = Some(column),
        Field::Customer => plan.customer = Some(column),
        Field::CreatedAt => plan.created_at = Some(column),
        Field::Tags => plan.tags.push(column),
        Field::Nps => plan.nps = Some(column),
    };
    let parabol = ["reflectiongroup", "prompt", "content", "type"]
        .iter()
        .all(|c| names.iter().any(|n| n == c));
    // Mapped and ignored columns take no part in recognition.
    let mut mapped: Vec<Field> = Vec::new();
    for (column, field) in &options.map {
        let wanted = normalise(column);
        let i = names.iter().position(|n| *n == wanted).ok_or_else(|| {
            ImportError::File(format!(
                "--map names the column '{column}', which the file does not have (columns: {})",
                header.join(", ")
            ))
        })?;
        names[i].clear();
        mapped.extend(*field);
    }
    for (i, field) in &options.positions {
        if let Some(name) = names.get_mut(*i) {
            name.clear();
            mapped.extend(*field);
        }
    }
    for field in Field::ALL {
        // Several columns can be tags; any other field comes from one.
        if mapped.contains(&field) && field != Field::Tags {
            continue;
        }
        if field == Field::Tags {
            for (i, n) in names.iter().enumerate() {
                if field.synonyms().contains(&n.as_str()) {
                    set(&mut plan, field, i);
                }
            }
            continue;
        }
        if parabol && field == Field::Nps {
            continue; // Parabol's votes are not NPS.
        }
        let found = field
            .synonyms()
            .iter()
            .find_map(|syn| names.iter().position(|n| n == syn));
        if let Some(i) = found {
            set(&mut plan, field, i);
        }
    }
    for (column, field) in &options.map {
        let wanted = normalise(column);
        if let Some(field) = field
            && let Some(i) = header.iter().position(|h| normalise(h) == wanted)
        {
            set(&mut plan, *field, i);
        }
    }
    for (i, field) in &options.positions {
        if let Some(field) = field
            && *i < header.len()
        {
            set(&mut plan, *field, *i);
        }
    }
    if parabol {
        plan.parabol_type = names.iter().position(|n| n == "type");
        plan.parabol_prompt = names.iter().position(|n| n == "prompt");
        plan.tags.retain(|t| Some(*t) != plan.parabol_prompt);
    }
    if plan.title.is_none() && plan.description.is_none() {
        return Err(ImportError::File(format!(
            "no title or description column among: {} (name one with --map COLUMN=title)",
            header.join(", ")
        )));
    }
    Ok(plan)
}

/// Parses the dates these tools write; text without a zone is taken as UTC.
pub fn parse_date(text: &str) -> Option<DateTime<Utc>> {
    let t = text.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(t) {
        return Some(d.to_utc());
    }
    for format in [
        "%Y-%m-%d %H:%M:%S %z",
        "%Y-%m-%d %H:%M:%S%z",
        "%Y-%m-%dT%H:%M:%S%z",
    ] {
        if let Ok(d) = DateTime::parse_from_str(t, format) {
            return Some(d.to_utc());
        }
    }
    // Google Forms: "2026/11/20 9:14:03 AM GMT+1".
    if let Some((local, zone)) = t.rsplit_once(" GMT") {
        let offset_hours: i32 = if zone.is_empty() {
            0
        } else {
            zone.parse().ok()?
        };
        let naive = NaiveDateTime::parse_from_str(local, "%Y/%m/%d %I:%M:%S %p").ok()?;
        let offset = chrono::FixedOffset::east_opt(offset_hours * 3600)?;
        return offset
            .from_local_datetime(&naive)
            .single()
            .map(|d| d.to_utc());
    }
    const DATE_TIMES: [&str; 12] = [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y/%m/%d %H:%M:%S",
        "%Y/%m/%d %I:%M:%S %p",
        "%d/%b/%y %I:%M %p",
        "%d/%b/%Y %I:%M %p",
        "%m/%d/%Y %H:%M:%S",
        "%m/%d/%Y %H:%M",
        "%d.%m.%Y %H:%M",
        "%b %d, %Y %I:%M %p",
    ];
    for format in DATE_TIMES {
        if let Ok(naive) = NaiveDateTime::parse_from_str(t, format) {
            return Some(Utc.from_utc_datetime(&naive));
        }
    }
    for format in ["%Y-%m-%d", "%Y/%m/%d", "%m/%d/%Y", "%d.%m.%Y", "%d/%b/%y"] {
        if let Ok(date) = NaiveDate::parse_from_str(t, format) {
            return Some(Utc.from_utc_datetime(&date.and_hms_opt(0, 0, 0)?));
        }
    }
    if t.len() == 10 && t.bytes().all(|b| b.is_ascii_digit()) {
        return DateTime::from_timestamp(t.parse().ok()?, 0);
    }
    None
}

/// A title from a description: its first non-blank line with spaces folded,
/// cut at a word boundary to at most 80 characters (ending in "…" when cut).
pub fn title_from(description: &str) -> String {
    const MAX_CHARS: usize = 80;
    let line = description
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if line.chars().count() <= MAX_CHARS {
        return line;
    }
    let head: String = line.chars().take(MAX_CHARS - 1).collect();
    let cut = head.rfind(' ').map_or(head.as_str(), |i| &head[..i]);
    format!("{}…", cut.trim_end_matches([' ', ',', ';', ':', '.', '-']))
}

/// Splits a tags cell: on commas or semicolons when it has them, else on spaces.
fn split_tags(cell: &str) -> Vec<String> {
    let parts: Vec<&str> = if cell.contains([',', ';']) {
        cell.split([',', ';']).collect()
    } else {
        cell.split_whitespace().collect()
    };
    parts
        .into_iter()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// One row's cells, by plan, turned into an item (or its bad cells recorded).
fn row_item(
    line: u64,
    cell: &dyn Fn(usize) -> String,
    header: &[String],
    plan: &Plan,
    options: &ImportOptions,
    now: DateTime<Utc>,
    problems: &mut Problems,
) -> Option<FeedbackItem> {
    let name = |i: usize| {
        header
            .get(i)
            .map_or("?", String::as_str)
            .trim_start_matches('\u{feff}')
    };
    let get = |column: Option<usize>| column.map(cell).unwrap_or_default();
    let before = problems.total;
    let description = get(plan.description);
    let nps_text = plan.nps.map(cell).unwrap_or_default();
    let title = match plan.title.map(cell) {
        Some(t) if !t.trim().is_empty() => t,
        _ if description.trim().is_empty() && !nps_text.trim().is_empty() => {
            format!("NPS {} (no comment)", nps_text.trim())
        }
        _ => title_from(&description),
    };
    if title.trim().is_empty() {
        let column = plan.title.or(plan.description).map_or("title", name);
        problems.add(
            line,
            column,
            "",
            "no title, and no description to take one from",
        );
    }
    let default_source = options.source.unwrap_or(if plan.parabol_type.is_some() {
        Source::Retro
    } else if plan.nps.is_some() {
        Source::Nps
    } else {
        Source::Other
    });
    let source = match plan.source.map(cell).filter(|s| !s.trim().is_empty()) {
        None => default_source,
        Some(text) => match text.parse::<Source>() {
            Ok(s) => s,
            Err(e) => {
                problems.add(line, name(plan.source.unwrap_or(0)), &text, e.to_string());
                default_source
            }
        },
    };
    let created_at = match plan.created_at.map(cell).filter(|s| !s.trim().is_empty()) {
        None => now,
        Some(text) => parse_date(&text).unwrap_or_else(|| {
            problems.add(
                line,
                name(plan.created_at.unwrap_or(0)),
                &text,
                "not a date this importer knows",
            );
            now
        }),
    };
    let nps = match plan.nps.map(cell).filter(|s| !s.trim().is_empty()) {
        None => None,
        Some(text) => match parse_nps(&text) {
            Ok(n) => Some(n),
            Err(e) => {
                problems.add(line, name(plan.nps.unwrap_or(0)), &text, e.reason);
                None
            }
        },
    };
    let mut tags: Vec<String> = plan
        .tags
        .iter()
        .flat_map(|&i| split_tags(&cell(i)))
        .collect();
    if let Some(prompt) = plan
        .parabol_prompt
        .map(cell)
        .filter(|p| !p.trim().is_empty())
    {
        tags.insert(0, prompt);
    }
    let customer = plan
        .customer
        .map(cell)
        .filter(|c| !c.trim().is_empty() && !c.eq_ignore_ascii_case("anonymous"));
    let draft = FeedbackDraft {
        title,
        description,
        source,
        customer,
        tags,
        status: Status::New,
        nps,
    };
    let draft = match draft.validated() {
        Ok(d) => d,
        Err(e) => {
            let text = e.to_string();
            let column = if text.contains("description") {
                plan.description
            } else if text.contains("tag") {
                plan.tags.first().copied()
            } else {
                plan.title.or(plan.description)
            };
            problems.add(line, column.map_or("?", name), "", text);
            return None;
        }
    };
    if problems.total > before {
        return None;
    }
    Some(FeedbackItem::from_draft(draft, created_at))
}

pub(super) fn looks_like_json(bytes: &[u8]) -> bool {
    let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    start
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b == b'[' || *b == b'{')
}

/// Reads every row of `input`, giving each valid item to `sink` (which may
/// fail, e.g. on a database error). Returns the counts, or every bad cell.
pub fn read_feedback(
    mut input: impl Read,
    options: &ImportOptions,
    sink: &mut dyn FnMut(FeedbackItem) -> Result<(), String>,
) -> Result<ReadStats, ImportError> {
    // Sniff the first bytes for the format and the delimiter, then stream.
    let mut head = vec![0u8; 64 * 1024];
    let mut filled = 0;
    while filled < head.len() {
        match input.read(&mut head[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) => return Err(ImportError::File(format!("cannot read the file: {e}"))),
        }
    }
    head.truncate(filled);
    if head.iter().all(|b| b.is_ascii_whitespace()) && filled < 64 * 1024 {
        return Err(ImportError::File("the file is empty".into()));
    }
    let json = options.json.unwrap_or_else(|| looks_like_json(&head));
    let rest = std::io::Cursor::new(head).chain(input);
    if json {
        read_json(rest, options, sink)
    } else {
        read_csv(rest, options, sink)
    }
}

/// How many items the reading thread hands on at once, and how many such
/// batches may wait: at most `BATCH_ITEMS * BATCHES_IN_FLIGHT` items are
/// held between the threads, whatever the file's size.
const BATCH_ITEMS: usize = 256;
const BATCHES_IN_FLIGHT: usize = 8;

/// `read_feedback` on two threads: a second thread reads, checks and folds
/// each row's duplicate key, while `sink` (e.g. the database writer) runs
/// on the calling thread with each valid item and the hash of its duplicate
/// key (`dedup_hash(&dedup_key(title, description))`).
/// Items pass through a bounded channel, so memory stays flat. When `sink`
/// fails, reading stops and its message is the error.
pub fn read_feedback_pipelined(
    input: impl Read + Send,
    options: &ImportOptions,
    sink: &mut dyn FnMut(FeedbackItem, i64) -> Result<(), String>,
) -> Result<ReadStats, ImportError> {
    type Batch = Vec<(FeedbackItem, i64)>;
    std::thread::scope(|scope| {
        let (sender, receiver) = std::sync::mpsc::sync_channel::<Batch>(BATCHES_IN_FLIGHT);
        let reader = scope.spawn(move || {
            let mut batch: Batch = Vec::with_capacity(BATCH_ITEMS);
            let read = read_feedback(input, options, &mut |item| {
                let hash = dedup_hash_of(&item.title, &item.description);
                batch.push((item, hash));
                if batch.len() == BATCH_ITEMS {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH_ITEMS));
                    // The writer only hangs up after it failed; its error is reported.
                    sender
                        .send(full)
                        .map_err(|_| "the import stopped".to_string())?;
                }
                Ok(())
            });
            if read.is_ok() && !batch.is_empty() {
                let _ = sender.send(batch);
            }
            read
        });
        let mut failure = None;
        'batches: for batch in &receiver {
            for (item, hash) in batch {
                if let Err(e) = sink(item, hash) {
                    failure = Some(e);
                    break 'batches;
                }
            }
        }
        drop(receiver);
        let read = reader
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        match failure {
            Some(message) => Err(ImportError::File(message)),
            None => read,
        }
    })
}

fn read_csv(
    input: impl Read,
    options: &ImportOptions,
    sink: &mut dyn FnMut(FeedbackItem) -> Result<(), String>,
) -> Result<ReadStats, ImportError> {
    let mut input = std::io::BufReader::with_capacity(256 * 1024, input);
    let first_line = {
        use std::io::BufRead;
        let buf = input
            .fill_buf()
            .map_err(|e| ImportError::File(format!("cannot read the file: {e}")))?;
        let buf = buf.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(buf);
        buf.split(|b| *b == b'\n')
            .next()
            .unwrap_or_default()
            .to_vec()
    };
    let delimiter = super::errors::sniff_delimiter(&first_line);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .from_reader(input);
    let mut record = csv::ByteRecord::new();
    let text = |field: &[u8], line: u64| -> Result<String, ImportError> {
        std::str::from_utf8(field)
            .map(|s| {
                let s = s.trim_start_matches('\u{feff}');
                if s.contains('\r') {
                    s.replace("\r\n", "\n")
                } else {
                    s.to_string()
                }
            })
            .map_err(|_| ImportError::File(format!("line {line}: the text is not valid UTF-8")))
    };
    if !reader
        .read_byte_record(&mut record)
        .map_err(super::errors::csv_error)?
    {
        return Err(ImportError::File("the file is empty".into()));
    }
    let header: Vec<String> = record
        .iter()
        .map(|f| text(f, 1))
        .collect::<Result<_, _>>()?;
    let plan = plan(&header, options)?;
    let now = Utc::now();
    let mut problems = Problems::default();
    let mut stats = ReadStats::default();
    let mut cells: Vec<String> = Vec::new();
    while reader
        .read_byte_record(&mut record)
        .map_err(super::errors::csv_error)?
    {
        let line = record.position().map_or(0, |p| p.line());
        cells.clear();
        for field in record.iter() {
            cells.push(text(field, line)?);
        }
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if let Some(t) = plan.parabol_type
            && !cells[t].eq_ignore_ascii_case("reflection")
        {
            stats.skipped += 1;
            continue;
        }
        let cell = |i: usize| cells.get(i).cloned().unwrap_or_default();
        if let Some(item) = row_item(line, &cell, &header, &plan, options, now, &mut problems) {
            stats.rows += 1;
            if problems.total == 0 {
                sink(item).map_err(ImportError::File)?;
            }
        }
    }
    if stats.rows == 0 && problems.total == 0 {
        return Err(ImportError::File(
            "the file has a header but no rows to import".into(),
        ));
    }
    problems.finish(stats)
}

/// A JSON value as cell text: strings as they are, numbers printed, arrays
/// of names joined with commas, people by login, name or email.
pub(super) fn json_text(value: &serde_json::Value) -> String {
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

fn read_json(
    input: impl Read,
    options: &ImportOptions,
    sink: &mut dyn FnMut(FeedbackItem) -> Result<(), String>,
) -> Result<ReadStats, ImportError> {
    let value: serde_json::Value = serde_json::from_reader(input)
        .map_err(|e| ImportError::File(format!("not valid JSON: {e}")))?;
    let rows = match value {
        serde_json::Value::Array(rows) => rows,
        _ => return Err(ImportError::File("expected a JSON array of objects".into())),
    };
    // The header is every key, in first-seen order.
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
    // People: prefer the login for `author`, as gh prints it.
    let plan = plan(&header, options)?;
    let now = Utc::now();
    let mut problems = Problems::default();
    let mut stats = ReadStats::default();
    for (n, row) in rows.iter().enumerate() {
        let line = n as u64 + 1;
        let serde_json::Value::Object(map) = row else {
            problems.add(line, "(item)", "", "expected an object");
            continue;
        };
        let cell = |i: usize| {
            let key = &header[i];
            match map.get(key) {
                Some(serde_json::Value::Object(person)) if person.contains_key("login") => {
                    json_text(&person["login"])
                }
                Some(v) => json_text(v).replace("\r\n", "\n"),
                None => String::new(),
            }
        };
        if let Some(item) = row_item(line, &cell, &header, &plan, options, now, &mut problems) {
            stats.rows += 1;
            if problems.total == 0 {
                sink(item).map_err(ImportError::File)?;
            }
        }
    }
    if stats.rows == 0 && problems.total == 0 {
        return Err(ImportError::File("the JSON array has no items".into()));
    }
    problems.finish(stats)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::feedback::{dedup_hash, dedup_key};

    fn read(text: &str, options: &ImportOptions) -> Result<Vec<FeedbackItem>, ImportError> {
        let mut items = Vec::new();
        read_feedback(text.as_bytes(), options, &mut |i| {
            items.push(i);
            Ok(())
        })?;
        Ok(items)
    }

    #[test]
    fn dates_in_the_formats_tools_write() {
        let utc = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().to_utc();
        assert_eq!(
            parse_date("2026-10-03T09:14:00Z"),
            Some(utc("2026-10-03T09:14:00Z"))
        );
        assert_eq!(
            parse_date("2026-10-03 09:14:22 -0400"),
            Some(utc("2026-10-03T13:14:22Z"))
        );
        assert_eq!(
            parse_date("2026-10-03 09:14"),
            Some(utc("2026-10-03T09:14:00Z"))
        );
        assert_eq!(
            parse_date("03/Oct/26 9:14 AM"),
            Some(utc("2026-10-03T09:14:00Z"))
        );
        assert_eq!(
            parse_date("2026/11/20 9:14:03 AM GMT+1"),
            Some(utc("2026-11-20T08:14:03Z"))
        );
        assert_eq!(parse_date("2026-10-03"), Some(utc("2026-10-03T00:00:00Z")));
        assert_eq!(
            parse_date("1790000000"),
            DateTime::from_timestamp(1_790_000_000, 0)
        );
        assert_eq!(parse_date("yesterday"), None);
    }

    #[test]
    fn titles_come_from_the_first_words() {
        assert_eq!(title_from("Short one"), "Short one");
        assert_eq!(title_from("\n  First  line\nsecond"), "First line");
        let long = "word ".repeat(30);
        let title = title_from(&long);
        assert!(
            title.chars().count() <= 80 && title.ends_with("word…"),
            "{title}"
        );
    }

    #[test]
    fn headers_are_recognised_and_maps_override() {
        let items = read(
            "\u{feff}Subject;Body;Requester;Created at;Labels\r\nExport;Needs xlsx;Ana;2026-10-03 09:14;a b\r\n",
            &ImportOptions::default(),
        )
        .unwrap();
        assert_eq!(items[0].title, "Export");
        assert_eq!(items[0].description, "Needs xlsx");
        assert_eq!(items[0].customer.as_deref(), Some("Ana"));
        assert_eq!(items[0].tags, vec!["a", "b"]);
        let options = ImportOptions {
            map: vec![("Body".into(), Some(Field::Title))],
            ..ImportOptions::default()
        };
        assert_eq!(read("Subject,Body\nx,y\n", &options).unwrap()[0].title, "y");
        let bad = ImportOptions {
            map: vec![("Nope".into(), Some(Field::Title))],
            ..ImportOptions::default()
        };
        assert!(
            read("Subject\nx\n", &bad)
                .unwrap_err()
                .to_string()
                .contains("'Nope'")
        );
        assert!(
            parse_map("Body=headline")
                .unwrap_err()
                .contains("unknown field 'headline'")
        );
    }

    #[test]
    fn the_pipelined_reader_gives_every_item_in_order_and_stops_when_told() {
        let mut text = String::from("title,description\n");
        for n in 0..2000 {
            text.push_str(&format!("Item {n},About  {n}\n"));
        }
        let mut seen = Vec::new();
        let stats = read_feedback_pipelined(
            text.as_bytes(),
            &ImportOptions::default(),
            &mut |item, hash| {
                assert_eq!(hash, dedup_hash(&dedup_key(&item.title, &item.description)));
                seen.push(item.title);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(stats.rows, 2000);
        assert_eq!(
            seen,
            (0..2000).map(|n| format!("Item {n}")).collect::<Vec<_>>()
        );
        let mut taken = 0;
        let stopped =
            read_feedback_pipelined(text.as_bytes(), &ImportOptions::default(), &mut |_, _| {
                taken += 1;
                if taken == 1000 {
                    Err("disk full".into())
                } else {
                    Ok(())
                }
            });
        assert_eq!(stopped, Err(ImportError::File("disk full".into())));
        assert_eq!(taken, 1000);
        // A bad date far down the file: every item before it was handed
        // on, and the error still names it.
        let mut bad = String::from("title,created_at\n");
        for n in 0..2000 {
            let date = if n == 1500 { "yesterday" } else { "2026-10-03" };
            bad.push_str(&format!("Item {n},{date}\n"));
        }
        let error = read_feedback_pipelined(
            bad.as_bytes(),
            &ImportOptions::default(),
            &mut |_, _| Ok(()),
        )
        .unwrap_err();
        assert!(
            matches!(error, ImportError::Cells { total: 1, .. })
                && error.to_string().contains("line 1502, column 'created_at'"),
            "{error}"
        );
    }
}
