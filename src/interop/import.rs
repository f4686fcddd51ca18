//! Reading feedback from the files other tools export: CSV (comma, semicolon
//! or tab; UTF-8 with or without a byte-order mark; lines ending in LF, CRLF
//! or CR) and JSON (an array of objects, e.g. `gh issue list --json …`).
//!
//! Columns are recognised by their common names (see `Field::SYNONYMS`), or
//! named with `--map COLUMN=FIELD`. A file without a title column gets titles
//! from the first words of the description. Parabol retrospective exports
//! are recognised by their header; only their `Reflection` rows are cards.
//! Both are streamed, a CSV row or a JSON item at a time, so memory does not
//! grow with the file. Every bad cell and row is reported (those of the
//! first 20 bad rows listed, with line or item, column and value), as is a
//! quote never closed; the caller imports nothing when there is one.

use super::errors::{ImportError, Problems};
use super::line_endings::LineFeeds;
use super::quotes::QuoteWatch;
use crate::domain::feedback::{
    FeedbackDraft, FeedbackItem, MAX_TAG_CHARS, Source, Status, UnknownName, dedup_hash_of,
    not_white, parse_nps, trim,
};
use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use std::borrow::Cow;
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
            // "subject" first: a ticket export that also has a "Title"
            // column means the requester's job title by it.
            Field::Title => &["subject", "title", "summary", "headline"],
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
                "createdtime",
                "datecreated",
                "creationdate",
                "submitdate",
                "submitdate(utc)",
                "datesubmitted",
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
    /// A support desk's ticket export (it has a Requester or Ticket ID
    /// column): its rows are support unless the file says otherwise.
    tickets: bool,
}

impl Plan {
    /// The source of rows whose file names none: `--source`, else by what
    /// the file is (a Parabol export, an NPS survey, a ticket export).
    fn default_source(&self, options: &ImportOptions) -> Source {
        options.source.unwrap_or(if self.parabol_type.is_some() {
            Source::Retro
        } else if self.nps.is_some() {
            Source::Nps
        } else if self.tickets {
            Source::Support
        } else {
            Source::Other
        })
    }

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
        } else if self.tags.contains(&column) || is(self.parabol_prompt) {
            // A Parabol prompt is a tag too (see `prompt_tag`).
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
    // Mapped and ignored columns take no part in recognition. A name the
    // file repeats (Jira's `Labels`) maps every column of that name.
    let mut mapped: Vec<Field> = Vec::new();
    for (column, field) in &options.map {
        let wanted = normalise(column);
        // The file's own names decide (an earlier --map of the same column
        // has already cleared it from `names`).
        if !header.iter().any(|h| normalise(h) == wanted) {
            return Err(ImportError::File(format!(
                "--map names the column '{column}', which the file does not have (columns: {})",
                super::errors::column_list(header)
            )));
        }
        for name in names.iter_mut().filter(|n| **n == wanted) {
            name.clear();
        }
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
        let Some(field) = field else { continue };
        let columns = (0..header.len()).filter(|i| normalise(&header[*i]) == wanted);
        match field {
            Field::Tags => columns.for_each(|i| set(&mut plan, *field, i)),
            _ => columns.take(1).for_each(|i| set(&mut plan, *field, i)),
        }
    }
    for (i, field) in &options.positions {
        if let Some(field) = field
            && *i < header.len()
        {
            set(&mut plan, *field, *i);
        }
    }
    plan.tickets = names
        .iter()
        .any(|n| matches!(n.as_str(), "requester" | "ticketid" | "ticket"));
    if parabol {
        plan.parabol_type = names.iter().position(|n| n == "type");
        plan.parabol_prompt = names.iter().position(|n| n == "prompt");
        plan.tags.retain(|t| Some(*t) != plan.parabol_prompt);
    }
    if plan.title.is_none() && plan.description.is_none() {
        return Err(ImportError::File(format!(
            "no title or description column among: {} (name one with --map COLUMN=title)",
            super::errors::column_list(header)
        )));
    }
    Ok(plan)
}

/// Parses the dates these tools write; text without a zone is taken as UTC.
pub fn parse_date(text: &str) -> Option<DateTime<Utc>> {
    let t = trim(text);
    parse_utc_seconds(t).or_else(|| parse_date_by_formats(t))
}

/// The commonest shape, `YYYY-MM-DDTHH:MM:SSZ`, read directly, for an
/// import reads a date on every row. `None` for anything else, including
/// that shape with a leap second or an impossible date: the formats decide
/// those.
fn parse_utc_seconds(t: &str) -> Option<DateTime<Utc>> {
    let b: &[u8; 20] = t.as_bytes().try_into().ok()?;
    let digits = |range: std::ops::Range<usize>| {
        b[range].iter().try_fold(0u32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    if [b[4], b[7], b[10], b[13], b[16], b[19]] != *b"--T::Z" {
        return None;
    }
    let year = i32::try_from(digits(0..4)?).ok()?;
    let date = NaiveDate::from_ymd_opt(year, digits(5..7)?, digits(8..10)?)?;
    // `and_hms_opt` refuses hour 24 and second 60.
    let time = date.and_hms_opt(digits(11..13)?, digits(14..16)?, digits(17..19)?)?;
    Some(Utc.from_utc_datetime(&time))
}

/// `parse_date` by chrono's parsers, one known format after another.
fn parse_date_by_formats(t: &str) -> Option<DateTime<Utc>> {
    if let Ok(d) = DateTime::parse_from_rfc3339(t) {
        return Some(d.to_utc());
    }
    // "Fri, 03 Oct 2026 09:14:22 +0000", as mail and RSS write it.
    if let Ok(d) = DateTime::parse_from_rfc2822(t) {
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
    // A zone named after the time: "2026-10-03 09:14:22 UTC", or Google
    // Forms' "2026/11/20 9:14:03 AM GMT+1".
    if let Some((local, zone)) = t.rsplit_once(" GMT").or_else(|| t.rsplit_once(" UTC")) {
        let offset = chrono::FixedOffset::east_opt(zone_seconds(zone)?)?;
        return offset
            .from_local_datetime(&parse_naive(local)?)
            .single()
            .map(|d| d.to_utc());
    }
    if let Some(naive) = parse_naive(t) {
        return Some(Utc.from_utc_datetime(&naive));
    }
    // Minutes without seconds, with a zone: "2026-10-03T09:14Z",
    // "2026-10-03T09:14+02:00".
    if let Some(local) = t.strip_suffix('Z') {
        return parse_naive(local).map(|naive| Utc.from_utc_datetime(&naive));
    }
    for format in [
        "%Y-%m-%dT%H:%M%#z",
        "%Y-%m-%d %H:%M%#z",
        "%Y-%m-%d %H:%M %#z",
    ] {
        if let Ok(d) = DateTime::parse_from_str(t, format) {
            return Some(d.to_utc());
        }
    }
    if t.len() == 10 && t.bytes().all(|b| b.is_ascii_digit()) {
        return DateTime::from_timestamp(t.parse().ok()?, 0);
    }
    None
}

/// A zone's offset from UTC in seconds, written after "GMT" or "UTC": ""
/// (none), "+2", "-5", "+5:30", "+02:00" or "+0530".
fn zone_seconds(zone: &str) -> Option<i32> {
    if zone.is_empty() {
        return Some(0);
    }
    let sign = match zone.as_bytes()[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits = &zone[1..];
    let (hours, minutes) = match digits.split_once(':') {
        Some((h, m)) => (h, m),
        None if digits.len() == 4 => digits.split_at(2),
        None => (digits, "0"),
    };
    let (hours, minutes): (i32, i32) = (hours.parse().ok()?, minutes.parse().ok()?);
    let all_digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let valid = all_digits(&digits.replace(':', "")) && hours <= 14 && minutes < 60;
    valid.then_some(sign * (hours * 3600 + minutes * 60))
}

/// A date and time without a zone, in one of the formats survey, support
/// desk and tracker exports write (a date alone is midnight).
fn parse_naive(t: &str) -> Option<NaiveDateTime> {
    const DATE_TIMES: [&str; 20] = [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y/%m/%d %H:%M:%S",
        "%Y/%m/%d %I:%M:%S %p",
        // Jira, with a 12- or a 24-hour clock.
        "%d/%b/%y %I:%M %p",
        "%d/%b/%Y %I:%M %p",
        "%d/%b/%y %H:%M",
        "%d/%b/%Y %H:%M",
        // US month first (SurveyMonkey, Typeform, Excel).
        "%m/%d/%Y %H:%M:%S",
        "%m/%d/%Y %H:%M",
        "%m/%d/%Y %I:%M:%S %p",
        "%m/%d/%Y %I:%M %p",
        "%d.%m.%Y %H:%M",
        "%d.%m.%Y %H:%M:%S",
        "%b %d, %Y %I:%M %p",
        "%b %d, %Y %H:%M",
    ];
    for format in DATE_TIMES {
        if let Ok(naive) = NaiveDateTime::parse_from_str(t, format) {
            return Some(naive);
        }
    }
    for format in [
        "%Y-%m-%d", "%Y/%m/%d", "%m/%d/%Y", "%d.%m.%Y", "%d/%b/%y", "%d/%b/%Y",
    ] {
        if let Ok(date) = NaiveDate::parse_from_str(t, format) {
            return date.and_hms_opt(0, 0, 0);
        }
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

/// `text.trim().is_empty()`, at once when the text starts with a letter.
fn blank(text: &str) -> bool {
    !not_white(text.as_bytes().first()) && text.trim().is_empty()
}

/// Splits a tags cell: on commas or semicolons when it has them, else on
/// spaces; adds each non-blank tag, trimmed, to `tags`.
/// `tags[..*used]` are the tags so far; strings past them (a spent item's)
/// are written into before new ones are made.
fn split_tags_into(tags: &mut Vec<String>, used: &mut usize, cell: &str) {
    let mut add = |tag: &str| {
        match tags.get_mut(*used) {
            Some(room) => *room = text_in(Some(std::mem::take(room)), tag),
            None => tags.push(tag.to_string()),
        }
        *used += 1;
    };
    if cell.bytes().any(|b| b == b',' || b == b';') {
        for tag in cell.split([',', ';']).map(trim) {
            if !tag.is_empty() {
                add(tag);
            }
        }
    } else {
        cell.split_whitespace().for_each(add);
    }
}

/// The longest string kept to be written into again; a longer one is
/// freed, so the strings kept for reuse stay a few KiB per item.
const MAX_REUSED_BYTES: usize = 4096;

/// The strings of an item done with, for the next row's text: an import
/// writes into them instead of allocating and freeing a few strings a row.
#[derive(Default)]
struct Room {
    title: Option<String>,
    description: Option<String>,
    customer: Option<String>,
    tags: Vec<String>,
}

impl From<FeedbackItem> for Room {
    fn from(item: FeedbackItem) -> Room {
        Room {
            title: Some(item.title),
            description: Some(item.description),
            customer: item.customer,
            tags: item.tags,
        }
    }
}

/// `text` as a string: written into `room` when it is there and not too
/// large, else new.
fn text_in(room: Option<String>, text: &str) -> String {
    match room {
        Some(mut room) if room.capacity() <= MAX_REUSED_BYTES => {
            room.clear();
            room.push_str(text);
            room
        }
        _ => text.to_string(),
    }
}

/// A cell's text as a string, written into `room` when it is borrowed.
fn owned_in(room: Option<String>, text: Cow<'_, str>) -> String {
    match text {
        Cow::Borrowed(text) => text_in(room, text),
        Cow::Owned(text) => text,
    }
}

/// What every row of a file is read with.
struct Reading<'a> {
    header: &'a [String],
    plan: &'a Plan,
    options: &'a ImportOptions,
    now: DateTime<Utc>,
}

/// One row's cells, by plan, turned into an item (or its bad cells recorded).
/// `cell(i)` is the text of column `i` ("" when the row has none); a CSV
/// row lends its text, so only what the item keeps is copied.
fn row_item<'a>(
    line: u64,
    cell: &dyn Fn(usize) -> Cow<'a, str>,
    reading: &Reading<'_>,
    problems: &mut Problems,
    room: Room,
) -> Option<FeedbackItem> {
    let Reading {
        header,
        plan,
        options,
        now,
    } = *reading;
    let name = |i: usize| {
        header
            .get(i)
            .map_or("?", String::as_str)
            .trim_start_matches('\u{feff}')
    };
    let get = |column: Option<usize>| column.map_or(Cow::Borrowed(""), cell);
    // A column's text unless it is blank.
    let given = |column: Option<usize>| column.map(cell).filter(|s| !blank(s));
    let before = problems.total;
    let description = get(plan.description);
    let nps_text = get(plan.nps);
    let title = match plan.title.map(cell) {
        Some(t) if !blank(&t) => owned_in(room.title, t),
        _ if blank(&description) && !blank(&nps_text) => {
            format!("NPS {} (no comment)", nps_text.trim())
        }
        _ => title_from(&description),
    };
    if blank(&title) {
        let column = plan.title.or(plan.description).map_or("title", name);
        problems.add(
            line,
            column,
            "",
            "no title, and no description to take one from",
        );
    }
    let default_source = plan.default_source(options);
    let source = match given(plan.source) {
        None => default_source,
        Some(text) => match source_in(&text) {
            Ok(s) => s,
            Err(e) => {
                problems.add(line, name(plan.source.unwrap_or(0)), &text, e.to_string());
                default_source
            }
        },
    };
    let created_at = match given(plan.created_at) {
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
    let nps = if blank(&nps_text) {
        None
    } else {
        match parse_nps(&nps_text) {
            Ok(n) => Some(n),
            Err(e) => {
                problems.add(line, name(plan.nps.unwrap_or(0)), &nps_text, e.reason);
                None
            }
        }
    };
    let mut tags = room.tags;
    let mut used = 0;
    for &i in &plan.tags {
        split_tags_into(&mut tags, &mut used, &cell(i));
    }
    tags.truncate(used);
    if let Some(prompt) = given(plan.parabol_prompt) {
        tags.insert(0, prompt_tag(&prompt));
    }
    let customer = given(plan.customer)
        .filter(|c| !c.eq_ignore_ascii_case("anonymous"))
        .map(|c| owned_in(room.customer, c));
    let description = owned_in(room.description, description);
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

/// The channels support desks write in their source column (Freshdesk's
/// "Source", Zendesk's "Via"), lower case: each means `support`.
const SUPPORT_CHANNELS: [&str; 28] = [
    "email",
    "e-mail",
    "mail",
    "messaging",
    "ecommerce",
    "bot",
    "chatbot",
    "social",
    "outbound email",
    "portal",
    "phone",
    "voice",
    "chat",
    "live chat",
    "web",
    "web form",
    "web widget",
    "feedback widget",
    "feedback form",
    "forum",
    "twitter",
    "facebook",
    "whatsapp",
    "messenger",
    "sms",
    "mobile",
    "mobihelp",
    "ticket",
];

/// A source cell: a source's name, or a support desk's channel.
fn source_in(text: &str) -> Result<Source, UnknownName> {
    text.parse::<Source>().or_else(|unknown| {
        let channel = trim(text).to_lowercase();
        match SUPPORT_CHANNELS.contains(&channel.as_str()) {
            true => Ok(Source::Support),
            false => Err(unknown),
        }
    })
}

/// A retro prompt as a tag: one tag however it is punctuated (commas and
/// semicolons, which separate tags, are dropped), cut at a word to fit
/// `MAX_TAG_CHARS` ("What would you like to change about how we plan…").
fn prompt_tag(prompt: &str) -> String {
    let tag: String = prompt.chars().filter(|c| !matches!(c, ',' | ';')).collect();
    if tag.chars().count() <= MAX_TAG_CHARS {
        return tag;
    }
    let cut: String = tag.chars().take(MAX_TAG_CHARS - 1).collect();
    let at_word = match cut.rfind(' ') {
        Some(space) if space > 0 => &cut[..space],
        _ => &cut,
    };
    format!("{}…", at_word.trim_end())
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
    input: impl Read,
    options: &ImportOptions,
    sink: &mut dyn FnMut(FeedbackItem) -> Result<(), String>,
) -> Result<ReadStats, ImportError> {
    read_into(input, options, &Spares::default(), sink)
}

/// Items done with, whose strings the next CSV rows are written into.
type Spares = std::cell::RefCell<Vec<FeedbackItem>>;

/// `read_feedback` for any sink: the pipelined reader's own is compiled
/// into the loop, which saves a call and a copy of each item. Rows are
/// written into the strings of `spares` while there are some.
fn read_into<S>(
    mut input: impl Read,
    options: &ImportOptions,
    spares: &Spares,
    sink: &mut S,
) -> Result<ReadStats, ImportError>
where
    S: FnMut(FeedbackItem) -> Result<(), String> + ?Sized,
{
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
    if json {
        read_json(std::io::Cursor::new(head).chain(input), options, sink)
    } else {
        read_csv(head, input, (options, spares), sink)
    }
}

/// How many items the reading thread hands on at once, and how many such
/// batches may wait: at most `BATCH_ITEMS * BATCHES_IN_FLIGHT` items are
/// held between the threads, whatever the file's size.
const BATCH_ITEMS: usize = 256;
const BATCHES_IN_FLIGHT: usize = 8;

/// An item with the hash of its duplicate key.
pub type HashedItem = (FeedbackItem, i64);

/// `read_feedback` on two threads: a second thread reads, checks and folds
/// each row's duplicate key, while `sink` (e.g. the database writer) runs
/// on the calling thread with the valid items, a batch at a time, each with
/// the hash of its duplicate key (`dedup_hash(&dedup_key(title,
/// description))`).
/// Items pass through a bounded channel, so memory stays flat, and come back
/// to the reading thread to be freed there (freeing memory on the thread
/// that allocated it is cheaper, and the writing thread is the busier one).
/// When `sink` fails, reading stops and its message is the error.
pub fn read_feedback_pipelined(
    input: impl Read + Send,
    options: &ImportOptions,
    sink: &mut dyn FnMut(&[HashedItem]) -> Result<(), String>,
) -> Result<ReadStats, ImportError> {
    type Batch = Vec<HashedItem>;
    std::thread::scope(|scope| {
        let (sender, receiver) = std::sync::mpsc::sync_channel::<Batch>(BATCHES_IN_FLIGHT);
        let (give_back, given_back) = std::sync::mpsc::sync_channel::<Batch>(BATCHES_IN_FLIGHT);
        let reader = scope.spawn(move || {
            let mut batch: Batch = Vec::with_capacity(BATCH_ITEMS);
            let spares = Spares::default();
            let read = read_into(input, options, &spares, &mut |item| {
                let hash = dedup_hash_of(&item.title, &item.description);
                batch.push((item, hash));
                if batch.len() == BATCH_ITEMS {
                    // A spent batch, emptied here, holds the next one; its
                    // items' strings take the next rows.
                    let mut next = given_back
                        .try_recv()
                        .unwrap_or_else(|_| Vec::with_capacity(BATCH_ITEMS));
                    let mut spares = spares.borrow_mut();
                    if spares.len() < BATCH_ITEMS {
                        spares.extend(next.drain(..).map(|(item, _)| item));
                    }
                    next.clear();
                    let full = std::mem::replace(&mut batch, next);
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
        for batch in &receiver {
            if let Err(e) = sink(&batch) {
                failure = Some(e);
                break;
            }
            // Full only when the reader is done; then this thread frees it.
            let _ = give_back.try_send(batch);
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

/// Reads CSV: `head`, the file's first bytes (which hold its header line
/// when any part of the file does), then the rest of `input`.
fn read_csv<S>(
    head: Vec<u8>,
    input: impl Read,
    (options, spares): (&ImportOptions, &Spares),
    sink: &mut S,
) -> Result<ReadStats, ImportError>
where
    S: FnMut(FeedbackItem) -> Result<(), String> + ?Sized,
{
    let first_line = {
        let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head);
        head.split(|b| *b == b'\n').next().unwrap_or_default()
    };
    let delimiter = super::errors::sniff_delimiter(first_line);
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
        .map_err(super::errors::csv_error)?
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
                Some(line) if at_end => super::errors::unclosed_quote(line),
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
            Err(e) => match super::errors::ragged_row(&e) {
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
                None => return Err(super::errors::csv_error(e)),
            },
        }
        let line = record.position().map_or(0, |p| p.line());
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
        if let Some(item) = row_item(line, &cell, &reading, &mut problems, room) {
            stats.rows += 1;
            if problems.total == 0 {
                sink(item).map_err(ImportError::File)?;
            }
        }
    }
    // A quote left open swallowed the rest of the file: that is the cause
    // of any ragged row at the end, so it is reported instead.
    if let Some(line) = reader.get_ref().unclosed() {
        return Err(super::errors::unclosed_quote(line));
    }
    if stats.rows == 0 && problems.total == 0 {
        return Err(ImportError::File(
            "the file has a header but no rows to import".into(),
        ));
    }
    problems.finish(stats)
}

// The JSON reader. Its own imports are here, beside it.
use serde::de::{
    DeserializeSeed, Deserializer, Error as _, IgnoredAny, MapAccess, SeqAccess, Visitor,
};
use std::collections::HashMap;
use std::io::{BufRead, BufReader};

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

/// The text an import reads from a key's value: a person (an object with a
/// `login`, as gh prints `author`) by login, anything else as `json_text`
/// gives it with CRLF read as LF; "" when the object lacks the key.
pub(super) fn json_cell(value: Option<&serde_json::Value>) -> String {
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
pub(super) trait JsonElements {
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
pub(super) fn read_json_array(
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
fn read_json<S>(
    input: impl Read,
    options: &ImportOptions,
    sink: &mut S,
) -> Result<ReadStats, ImportError>
where
    S: FnMut(FeedbackItem) -> Result<(), String> + ?Sized,
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
    S: FnMut(FeedbackItem) -> Result<(), String> + ?Sized,
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
    S: FnMut(FeedbackItem) -> Result<(), String> + ?Sized,
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
        let item = row_item(
            item_number,
            &cell,
            &reading,
            &mut self.problems,
            Room::default(),
        );
        self.cells.iter_mut().for_each(|c| *c = None);
        self.objects += 1;
        if let Some(item) = item {
            self.stats.rows += 1;
            if self.problems.total == 0 {
                (self.sink)(item).map_err(ImportError::File)?;
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
            .map(|i| plan.field_of(i).is_some() || plan.parabol_prompt == Some(i))
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
    S: FnMut(FeedbackItem) -> Result<(), String> + ?Sized,
{
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<S> JsonElement<'_, '_, S>
where
    S: FnMut(FeedbackItem) -> Result<(), String> + ?Sized,
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
    S: FnMut(FeedbackItem) -> Result<(), String> + ?Sized,
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
mod json_tests {
    use super::tests::read;
    use super::*;
    use crate::interop::errors::CellError;
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
            if let Some(item) = row_item(line, &cell, &reading, &mut problems, Room::default()) {
                items.push(item);
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
        let text = include_str!("../../tests/fixtures/import/gh_issues.json");
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
            seen.push(item.title);
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
                seen.push(item.title);
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
        let stats =
            read_feedback_pipelined(text.as_bytes(), &ImportOptions::default(), &mut |batch| {
                seen.extend(batch.iter().map(|(item, _)| item.title.clone()));
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
        let error =
            read_feedback_pipelined(bad.as_bytes(), &ImportOptions::default(), &mut |_| Ok(()))
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
            let options = ImportOptions { json: None, source, map, positions };
            let streamed = outcome(read(&text, &options));
            if !streamed.contains("which no earlier item has") {
                proptest::prop_assert_eq!(streamed, outcome(read_whole(&text, &options)), "{}", text);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::feedback::{dedup_hash, dedup_key};

    /// Every item `read_feedback` gives for `text`.
    pub(super) fn read(
        text: &str,
        options: &ImportOptions,
    ) -> Result<Vec<FeedbackItem>, ImportError> {
        let mut items = Vec::new();
        read_feedback(text.as_bytes(), options, &mut |i| {
            items.push(i);
            Ok(())
        })?;
        Ok(items)
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

    #[test]
    fn a_freshdesk_ticket_export_reads_channels_subjects_and_created_time() {
        let csv = "Ticket ID,Subject,Description,Status,Priority,Source,Type,Agent,Created time,\
            Tags,Full name,Title,Email\n\
            101,Export fails,The CSV export times out,Open,High,Email,Problem,Dee,\
            2026-10-03 09:14:22,\"export,csv\",Ann Lee,Head of Ops,ann@example.com\n\
            102,Add dark mode,Please,Pending,Low,Portal,Feature Request,Dee,\
            2026-10-04 10:00:00,,Bo Chan,Nurse,bo@example.com\n";
        let items = read(csv, &ImportOptions::default()).unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].title, "Export fails");
        assert_eq!(items[0].source, Source::Support);
        assert_eq!(items[1].source, Source::Support);
        assert_eq!(items[0].customer.as_deref(), Some("ann@example.com"));
        assert_eq!(items[0].tags, ["export", "csv"]);
        assert_eq!(
            items[0].created_at,
            DateTime::parse_from_rfc3339("2026-10-03T09:14:22Z").unwrap()
        );
    }

    #[test]
    fn a_repeated_column_name_in_map_means_every_such_column() {
        let csv = "Summary,Labels,Labels,Labels\nExport fails,export,csv,\n";
        let map = |field: Option<Field>| ImportOptions {
            map: vec![("Labels".to_string(), field)],
            ..ImportOptions::default()
        };
        assert_eq!(read(csv, &map(None)).unwrap()[0].tags, Vec::<String>::new());
        let as_tags = read(csv, &map(Some(Field::Tags))).unwrap();
        assert_eq!(as_tags[0].tags, ["export", "csv"]);
        // A field that comes from one column takes the first.
        let as_customer = read(csv, &map(Some(Field::Customer))).unwrap();
        assert_eq!(as_customer[0].customer.as_deref(), Some("export"));
        // Naming a column twice is not an error.
        let twice = ImportOptions {
            map: vec![
                ("Labels".into(), Some(Field::Tags)),
                ("labels".into(), None),
            ],
            ..ImportOptions::default()
        };
        assert!(read(csv, &twice).is_ok());
    }

    #[test]
    fn a_long_or_punctuated_retro_prompt_is_one_tag_that_fits() {
        let csv = "reflectionGroup,author,votes,type,createdAt,discussionThread,prompt,content\n\
            g1,Ann,2,Reflection,2026-10-03T09:14:00Z,,\"What would you like to change about how we plan our sprints?\",Plan less\n\
            g2,Bo,0,Reflection,2026-10-03T09:15:00Z,,\"What went well, and what didn't?\",Demos\n";
        let items = read(csv, &ImportOptions::default()).unwrap();
        assert_eq!(
            items[0].tags,
            ["what would you like to change about how we plan…"]
        );
        assert!(items[0].tags[0].chars().count() <= MAX_TAG_CHARS);
        assert_eq!(items[1].tags, ["what went well and what didn't?"]);
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
        // Jira with a 24-hour clock, SurveyMonkey, no seconds, a named zone.
        for (text, expected) in [
            ("25/Jun/26 12:44", "2026-06-25T12:44:00Z"),
            ("25/Jun/2026 17:05", "2026-06-25T17:05:00Z"),
            ("10/03/2026 09:14:22 AM", "2026-10-03T09:14:22Z"),
            ("10/03/2026 09:14:22 PM", "2026-10-03T21:14:22Z"),
            ("2026-10-03T09:14", "2026-10-03T09:14:00Z"),
            ("2026-10-03 09:14:22 UTC", "2026-10-03T09:14:22Z"),
            ("2026-10-03 09:14:22 GMT", "2026-10-03T09:14:22Z"),
            ("2026-10-03 09:14 UTC+2", "2026-10-03T07:14:00Z"),
            ("03.10.2026 09:14:22", "2026-10-03T09:14:22Z"),
            ("2026/11/20 9:14:03 AM GMT+5:30", "2026-11-20T03:44:03Z"),
            ("2026-10-03 09:14 UTC+02:00", "2026-10-03T07:14:00Z"),
            ("2026-10-03 09:14 UTC-0330", "2026-10-03T12:44:00Z"),
            ("2026-10-03T09:14Z", "2026-10-03T09:14:00Z"),
            ("2026-10-03T09:14+02:00", "2026-10-03T07:14:00Z"),
            ("2026-10-03 09:14:22.5", "2026-10-03T09:14:22.5Z"),
            ("Sat, 03 Oct 2026 09:14:22 +0200", "2026-10-03T07:14:22Z"),
        ] {
            assert_eq!(parse_date(text), Some(utc(expected)), "{text}");
        }
        assert_eq!(parse_date("2026-10-03 09:14:22 UTC+x"), None);
        assert_eq!(
            parse_date("1790000000"),
            DateTime::from_timestamp(1_790_000_000, 0)
        );
        assert_eq!(parse_date("yesterday"), None);
    }

    #[test]
    fn the_usual_date_shape_is_read_as_the_formats_read_it() {
        // Every month and day, possible or not, of years leap and common
        // and at the ends of the range, at the edges of the clock.
        let years = [
            0, 1, 4, 1900, 1970, 1999, 2000, 2023, 2024, 2026, 2100, 9999,
        ];
        let times = [
            "00:00:00", "23:59:59", "24:00:00", "09:60:00", "09:14:60", "10:00:00",
        ];
        for year in years {
            for month in 0..=13 {
                for day in 0..=32 {
                    for time in times {
                        let text = format!("{year:04}-{month:02}-{day:02}T{time}Z");
                        let slow = parse_date_by_formats(&text);
                        assert_eq!(parse_date(&text), slow, "{text}");
                        // The direct reading takes every valid date but
                        // leap seconds, which it leaves to the formats.
                        let fast = parse_utc_seconds(&text);
                        let valid = NaiveDate::from_ymd_opt(year, month, day).is_some()
                            && time != "24:00:00"
                            && !time.contains("60");
                        assert_eq!(fast.is_some(), valid, "{text}");
                        assert!(fast.is_none() || fast == slow, "{text}");
                    }
                }
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(5000))]

        #[test]
        fn dates_read_as_the_formats_read_them(
            text in "[ ]?[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}[Zz]?[ ]?\
                     |[0-9]{1,5}[-/.][0-9]{1,3}[-/.][0-9]{1,4}[T ]?[0-9:]{0,9}[Z+0-9:]{0,6}\
                     |[0-9 TZ:+-]{0,24}",
        ) {
            proptest::prop_assert_eq!(parse_date(&text), parse_date_by_formats(text.trim()));
        }

        #[test]
        fn a_date_one_character_off_the_usual_shape_reads_as_the_formats_read_it(
            at in 0usize..20,
            c in proptest::sample::select("0123456789-:TtZz +./".chars().collect::<Vec<_>>()),
        ) {
            let mut text: Vec<char> = "2024-02-29T23:59:59Z".chars().collect();
            text[at] = c;
            let text: String = text.into_iter().collect();
            proptest::prop_assert_eq!(parse_date(&text), parse_date_by_formats(text.trim()));
        }
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
        let stats =
            read_feedback_pipelined(text.as_bytes(), &ImportOptions::default(), &mut |batch| {
                for (item, hash) in batch {
                    assert_eq!(
                        *hash,
                        dedup_hash(&dedup_key(&item.title, &item.description))
                    );
                    seen.push(item.title.clone());
                }
                Ok(())
            })
            .unwrap();
        assert_eq!(stats.rows, 2000);
        assert_eq!(
            seen,
            (0..2000).map(|n| format!("Item {n}")).collect::<Vec<_>>()
        );
        let mut taken = 0;
        let stopped =
            read_feedback_pipelined(text.as_bytes(), &ImportOptions::default(), &mut |batch| {
                taken += batch.len();
                if taken >= 1000 {
                    Err("disk full".into())
                } else {
                    Ok(())
                }
            });
        assert_eq!(stopped, Err(ImportError::File("disk full".into())));
        // Batches of 256: the fourth one failed, and no more came.
        assert_eq!(taken, 1024);
        // A bad date far down the file: every item before it was handed
        // on, and the error still names it.
        let mut bad = String::from("title,created_at\n");
        for n in 0..2000 {
            let date = if n == 1500 { "yesterday" } else { "2026-10-03" };
            bad.push_str(&format!("Item {n},{date}\n"));
        }
        let error =
            read_feedback_pipelined(bad.as_bytes(), &ImportOptions::default(), &mut |_| Ok(()))
                .unwrap_err();
        assert!(
            matches!(error, ImportError::Cells { total: 1, .. })
                && error.to_string().contains("line 1502, column 'created_at'"),
            "{error}"
        );
    }
}
