//! One row of cells turned into an item: a title from the description when
//! there is none, sources (support desks' channels too), dates, NPS scores,
//! tags and a retro prompt as a tag, then the draft's validation; every bad
//! cell is recorded. The strings of items done with are written into again
//! (`Room`, `Spares`), so a long import allocates little per row.

use super::ImportOptions;
use super::dates::parse_date;
use super::fields::Plan;
use crate::domain::feedback::{
    FeedbackDraft, FeedbackItem, ImportedRow, MAX_TAG_CHARS, Source, Status, UnknownName,
    identity_of_id, not_white, parse_nps, trim,
};
use crate::interop::errors::Problems;
use chrono::{DateTime, Utc};
use std::borrow::Cow;

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
pub(super) fn blank(text: &str) -> bool {
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
pub(super) struct Room {
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
pub(super) struct Reading<'a> {
    pub(super) header: &'a [String],
    pub(super) plan: &'a Plan,
    pub(super) options: &'a ImportOptions,
    pub(super) now: DateTime<Utc>,
}

/// One row's cells, by plan, turned into an imported row: the item, the
/// file's id for it, whether it is an NPS answer without a comment, and its
/// hashes (or its bad cells recorded).
/// `cell(i)` is the text of column `i` ("" when the row has none); a CSV
/// row lends its text, so only what the item keeps is copied.
pub(super) fn row_item<'a>(
    line: u64,
    cell: &dyn Fn(usize) -> Cow<'a, str>,
    reading: &Reading<'_>,
    problems: &mut Problems,
    room: Room,
) -> Option<ImportedRow> {
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
    let mut nps_only = false;
    let title = match plan.title.map(cell) {
        Some(t) if !blank(&t) => owned_in(room.title, t),
        _ if blank(&description) && !blank(&nps_text) => {
            nps_only = true;
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
    let external = given(plan.external_id).map(|id| {
        let id = trim(&id).to_string();
        let identity = identity_of_id(&plan.id_kind, &id);
        (id, identity)
    });
    let dated = given(plan.created_at).is_some();
    let item = FeedbackItem::from_draft(draft, created_at);
    Some(ImportedRow::new(item, line, external, (nps_only, dated)))
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

/// Items done with, whose strings the next CSV rows are written into.
pub(super) type Spares = std::cell::RefCell<Vec<FeedbackItem>>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interop::import::tests::read;

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
}
