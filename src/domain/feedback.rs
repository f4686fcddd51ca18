//! Feedback items: what they hold, which values are allowed, the rules that
//! check a draft before it is stored, and how NPS answers add up to a score
//! (every answer an item stands for: its own and its merged reports').

use super::scoring::{FactorError, Ice, Rice, Wsjf};
use super::sentiment::{Sentiment, analyse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Longest title accepted, in characters.
pub const MAX_TITLE_CHARS: usize = 500;
/// Longest description accepted, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 100_000;
/// Longest single tag, in characters.
pub const MAX_TAG_CHARS: usize = 50;

/// Where a piece of feedback came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    Survey,
    Nps,
    Support,
    Analytics,
    Retro,
    Interview,
    Other,
}

/// Where an item stands in the triage flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    New,
    Triaged,
    Planned,
    InProgress,
    Done,
    WontDo,
}

/// A text that is not one of an enum's names.
#[derive(Debug, Clone, PartialEq)]
pub struct UnknownName {
    pub field: &'static str,
    pub value: String,
    pub allowed: &'static [&'static str],
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown {} '{}' (use one of: {})",
            self.field,
            self.value,
            self.allowed.join(", ")
        )
    }
}

impl std::error::Error for UnknownName {}

/// Implements `ALL`, `name()`, `next()`, `previous()`, `FromStr` and `Display`
/// for a field-less enum whose names are its snake_case serde names.
macro_rules! named_enum {
    ($ty:ident, $field:literal, [$($variant:ident => $name:literal),+ $(,)?]) => {
        impl $ty {
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];
            pub const NAMES: &'static [&'static str] = &[$($name),+];

            pub fn name(self) -> &'static str {
                match self { $($ty::$variant => $name),+ }
            }

            pub fn next(self) -> $ty {
                let i = Self::ALL.iter().position(|x| *x == self).unwrap_or(0);
                Self::ALL[(i + 1) % Self::ALL.len()]
            }

            pub fn previous(self) -> $ty {
                let i = Self::ALL.iter().position(|x| *x == self).unwrap_or(0);
                Self::ALL[(i + Self::ALL.len() - 1) % Self::ALL.len()]
            }
        }

        impl FromStr for $ty {
            type Err = UnknownName;
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                let trimmed = trim(text);
                // Most text is a name already: no new string for it.
                if let Some(v) = Self::ALL.iter().copied().find(|v| v.name() == trimmed) {
                    return Ok(v);
                }
                let t = trimmed.to_ascii_lowercase().replace(['-', ' '], "_");
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.name() == t)
                    .ok_or_else(|| UnknownName { field: $field, value: text.to_string(), allowed: Self::NAMES })
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.name())
            }
        }
    };
}

named_enum!(Source, "source", [
    Survey => "survey", Nps => "nps", Support => "support", Analytics => "analytics",
    Retro => "retro", Interview => "interview", Other => "other",
]);

named_enum!(Status, "status", [
    New => "new", Triaged => "triaged", Planned => "planned", InProgress => "in_progress",
    Done => "done", WontDo => "wont_do",
]);

/// NPS class of a 0–10 score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NpsClass {
    Promoter,
    Passive,
    Detractor,
}

impl NpsClass {
    pub fn of(score: u8) -> NpsClass {
        match score {
            9..=10 => NpsClass::Promoter,
            7..=8 => NpsClass::Passive,
            _ => NpsClass::Detractor,
        }
    }
}

/// NPS answers counted by class: all an NPS figure needs, and small enough
/// to keep one per item and add up over many items on every keystroke.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NpsTally {
    pub promoters: u32,
    pub passives: u32,
    pub detractors: u32,
}

impl NpsTally {
    /// The tally of some 0–10 answers.
    pub fn of(answers: impl IntoIterator<Item = u8>) -> NpsTally {
        let mut tally = NpsTally::default();
        for score in answers {
            tally.add(score);
        }
        tally
    }

    /// Counts one more answer.
    pub fn add(&mut self, score: u8) {
        let class = match NpsClass::of(score) {
            NpsClass::Promoter => &mut self.promoters,
            NpsClass::Passive => &mut self.passives,
            NpsClass::Detractor => &mut self.detractors,
        };
        *class = class.saturating_add(1);
    }

    /// How many answers it counts.
    pub fn answers(&self) -> usize {
        self.promoters as usize + self.passives as usize + self.detractors as usize
    }

    /// Net Promoter Score of the answers: % promoters − % detractors, from
    /// −100 to 100, rounded, with the number of answers; `None` without any.
    pub fn score(&self) -> Option<(i32, usize)> {
        let n = self.answers();
        (n > 0).then(|| {
            let nps = (self.promoters as f64 - self.detractors as f64) * 100.0 / n as f64;
            (nps.round() as i32, n)
        })
    }
}

impl std::ops::AddAssign for NpsTally {
    fn add_assign(&mut self, other: NpsTally) {
        self.promoters = self.promoters.saturating_add(other.promoters);
        self.passives = self.passives.saturating_add(other.passives);
        self.detractors = self.detractors.saturating_add(other.detractors);
    }
}

impl std::ops::Add for NpsTally {
    type Output = NpsTally;

    fn add(mut self, other: NpsTally) -> NpsTally {
        self += other;
        self
    }
}

impl std::iter::Sum for NpsTally {
    fn sum<I: Iterator<Item = NpsTally>>(tallies: I) -> NpsTally {
        tallies.fold(NpsTally::default(), |sum, t| sum + t)
    }
}

/// Net Promoter Score of some answers: % promoters − % detractors, from −100
/// to 100, with the number of answers; `None` without answers.
pub fn net_promoter_score(answers: impl IntoIterator<Item = u8>) -> Option<(i32, usize)> {
    NpsTally::of(answers).score()
}

/// A stored feedback item with all its fields.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedbackItem {
    pub id: i64,
    pub title: String,
    pub description: String,
    pub source: Source,
    pub customer: Option<String>,
    pub created_at: DateTime<Utc>,
    pub tags: Vec<String>,
    pub status: Status,
    /// The item's own 0–10 NPS answer (its merged reports' are in `merged_nps`).
    pub nps: Option<u8>,
    pub rice: Rice,
    pub ice: Ice,
    pub wsjf: Wsjf,
    /// How many times this feedback was reported (exact duplicates merged in).
    pub mentions: u32,
    /// Sources other than `source` that merged duplicates came from.
    pub extra_sources: Vec<Source>,
    /// The NPS answers of the reports merged into it (exact duplicates at
    /// import, items merged in the review); its own answer is `nps`.
    pub merged_nps: NpsTally,
    /// What the text's tone is, from `sentiment::analyse`; the store
    /// recomputes it whenever the text is written.
    pub sentiment: Sentiment,
}

impl FeedbackItem {
    /// A new, unscored item (id 0 until stored) made from a validated draft.
    #[inline]
    pub fn from_draft(draft: FeedbackDraft, created_at: DateTime<Utc>) -> FeedbackItem {
        FeedbackItem {
            id: 0,
            source: draft.source,
            customer: draft.customer,
            created_at,
            tags: draft.tags,
            status: draft.status,
            nps: draft.nps,
            rice: Rice::default(),
            ice: Ice::default(),
            wsjf: Wsjf::default(),
            mentions: 1,
            extra_sources: Vec::new(),
            merged_nps: NpsTally::default(),
            sentiment: analyse(&draft.title, &draft.description),
            title: draft.title,
            description: draft.description,
        }
    }

    /// Every source this feedback came from, its own first.
    pub fn sources(&self) -> Vec<Source> {
        std::iter::once(self.source)
            .chain(self.extra_sources.iter().copied())
            .collect()
    }

    /// Every NPS answer the item stands for: its own and its merged
    /// reports'. Each respondent counts once in an NPS figure.
    pub fn nps_answers(&self) -> NpsTally {
        NpsTally::of(self.nps) + self.merged_nps
    }
}

#[cfg(test)]
impl FeedbackItem {
    /// A stored, unscored item for tests: id and title, source `other`,
    /// status `new`, created `id` seconds after the Unix epoch.
    pub(crate) fn example(id: i64, title: &str) -> FeedbackItem {
        let draft = FeedbackDraft {
            title: title.into(),
            ..FeedbackDraft::default()
        };
        let created_at = DateTime::from_timestamp(id, 0).expect("a valid timestamp");
        FeedbackItem {
            id,
            ..FeedbackItem::from_draft(draft, created_at)
        }
    }
}

/// The key that finds exact duplicates: title and description lower-cased
/// with runs of white space folded to one space.
pub fn dedup_key(title: &str, description: &str) -> String {
    let mut key = Vec::with_capacity(title.len() + description.len() + 1);
    fold_key_into(&mut key, title, description);
    String::from_utf8(key).expect("folding UTF-8 text gives UTF-8 text")
}

/// A stable 64-bit hash of a duplicate key (XXH3), for an index that is
/// small and fast; equal hashes are confirmed by comparing the keys.
pub fn dedup_hash(key: &str) -> i64 {
    xxhash_rust::xxh3::xxh3_64(key.as_bytes()) as i64
}

/// `dedup_hash(&dedup_key(title, description))`, without a new key per
/// call: the key is folded into a buffer each thread reuses. An import
/// hashes every row's key, so this is on its hot path.
pub fn dedup_hash_of(title: &str, description: &str) -> i64 {
    thread_local! {
        static KEY: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    KEY.with_borrow_mut(|key| {
        key.clear();
        fold_key_into(key, title, description);
        let hash = xxhash_rust::xxh3::xxh3_64(key) as i64;
        // Keep an ordinary key's room, not an outsized one's.
        if key.capacity() > 1 << 20 {
            *key = Vec::new();
        }
        hash
    })
}

/// Appends the duplicate key of `title` and `description` (UTF-8) to `key`.
fn fold_key_into(key: &mut Vec<u8>, title: &str, description: &str) {
    fold_into(key, title);
    key.push(b'\n');
    fold_into(key, description);
}

/// Appends `text` lower-cased (`char::to_lowercase`) with each run of
/// white space (`char::is_whitespace`) folded to one space, and none at
/// either end.
fn fold_into(key: &mut Vec<u8>, text: &str) {
    if !copy_plain(key, text.as_bytes()) {
        fold_chunks_into(key, text);
    }
}

/// Appends `text` lower-cased if it is "plain", as most text is: ASCII
/// whose only white space is single spaces between other bytes, which
/// folding only lower-cases. Returns whether it was (and appended nothing
/// if not).
///
/// Sixteen bytes at a time, each checked with the byte after it, through
/// 17-byte windows that overlap by one (the last window ends at the text's
/// end, overlapping the one before as much as it must): code without
/// loops over the text's bytes that the compiler vectorises, and no byte
/// by byte tail.
fn copy_plain(key: &mut Vec<u8>, text: &[u8]) -> bool {
    let (Some(&first), Some(&last)) = (text.first(), text.last()) else {
        return true;
    };
    // The last byte is in no window's first sixteen: checked here.
    if first == b' ' || last == b' ' || !last.is_ascii() || last.wrapping_sub(b'\t') < 5 {
        return false;
    }
    let n = text.len();
    let start = key.len();
    key.resize(start + n.max(WINDOW), 0);
    let mut odd = false;
    if n <= WINDOW {
        // Padded with a letter, which is plain.
        let mut window = [b'a'; WINDOW + 1];
        window[..n].copy_from_slice(text);
        let out = (&mut key[start..start + WINDOW])
            .try_into()
            .expect("a window");
        odd |= copy_plain_window(&window, out);
    } else {
        let mut at = 0;
        loop {
            let at_most = n - WINDOW - 1;
            let i = at.min(at_most);
            let window = text[i..i + WINDOW + 1].try_into().expect("a window");
            let out = (&mut key[start + i..start + i + WINDOW])
                .try_into()
                .expect("a window");
            odd |= copy_plain_window(window, out);
            if i == at_most {
                break;
            }
            at += WINDOW;
        }
        key[start + n - 1] = last.to_ascii_lowercase();
    }
    key.truncate(if odd { start } else { start + n });
    !odd
}

const WINDOW: usize = 16;

/// Writes `window`'s first sixteen bytes lower-cased to `out`; whether one
/// of them is not ASCII, is white space other than a space, or is a space
/// followed by a space.
#[inline(always)]
fn copy_plain_window(window: &[u8; WINDOW + 1], out: &mut [u8; WINDOW]) -> bool {
    let mut odd = false;
    for i in 0..WINDOW {
        let (a, b) = (window[i], window[i + 1]);
        odd |= (a >= 0x80) | (a.wrapping_sub(b'\t') < 5) | ((a == b' ') & (b == b' '));
    }
    for (out, &a) in out.iter_mut().zip(window) {
        *out = a | (u8::from(a.wrapping_sub(b'A') < 26) << 5);
    }
    odd
}

/// `fold_into` for any text.
fn fold_chunks_into(key: &mut Vec<u8>, text: &str) {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGH: u64 = ONES * 0x80;
    // ASCII white space as `char::is_whitespace` has it: \t \n \v \f \r and ' '.
    let ascii_white = |b: u8| matches!(b, b'\t'..=b'\r' | b' ');
    // Room for the rest of the text (folding ASCII never lengthens it) and
    // one chunk's write past it, kept whenever lower-casing lengthens text.
    let room = |i: usize, end: usize| end + (text.len() - i) + 9;
    let bytes = text.as_bytes();
    let start = key.len();
    key.resize(room(0, start), 0);
    let mut end = start;
    let mut pending_space = false;
    let mut i = 0;
    while i < bytes.len() {
        // The next (up to) eight bytes, the last ones padded with a letter.
        let n = (bytes.len() - i).min(8);
        let x = match bytes.get(i..i + 8) {
            Some(chunk) => u64::from_le_bytes(chunk.try_into().expect("eight bytes")),
            None => {
                let mut chunk = [b'a'; 8];
                chunk[..n].copy_from_slice(&bytes[i..]);
                u64::from_le_bytes(chunk)
            }
        };
        // With every byte below 0x80, adding (0x80 - n) to a byte sets its
        // high bit exactly when the byte is at least n, and never carries
        // into the next byte.
        let at_least = |n: u8| x.wrapping_add(ONES * u64::from(0x80 - n)) & HIGH;
        let controls = at_least(0x09) & !at_least(0x0E);
        let spaces = !(x ^ (ONES * 0x20)).wrapping_add(ONES * 0x7F) & HIGH;
        let white = controls | spaces;
        // White space (or the unknown) before the chunk, as its byte -1.
        let white_before = i == 0 || !bytes[i - 1].is_ascii() || ascii_white(bytes[i - 1]);
        let runs = white & (white << 8 | u64::from(white_before) << 7);
        if x & HIGH == 0 && controls == 0 && runs == 0 {
            // Words and single spaces, each space between two of the
            // chunk's (or its neighbours') other bytes: copied, lower-cased.
            key[end] = b' ';
            end += usize::from(pending_space);
            let upper = at_least(b'A') & !at_least(b'Z' + 1);
            key[end..end + 8].copy_from_slice(&(x | upper >> 2).to_le_bytes());
            // A space in the last byte waits for what follows it.
            pending_space = (white >> (8 * n - 8)) & 0x80 != 0;
            end += n - usize::from(pending_space);
            i += n;
            continue;
        }
        let b = bytes[i];
        if b.is_ascii() {
            i += 1;
            if ascii_white(b) {
                pending_space = end > start;
                continue;
            }
            key[end] = b' ';
            end += usize::from(pending_space);
            pending_space = false;
            key[end] = b.to_ascii_lowercase();
            end += 1;
            continue;
        }
        let c = text[i..]
            .chars()
            .next()
            .expect("i is on a character boundary");
        i += c.len_utf8();
        if c.is_whitespace() {
            pending_space = end > start;
            continue;
        }
        key[end] = b' ';
        end += usize::from(pending_space);
        pending_space = false;
        for lower in c.to_lowercase() {
            let n = lower.len_utf8();
            if key.len() < end + n {
                key.resize(end + n, 0);
            }
            lower.encode_utf8(&mut key[end..end + n]);
            end += n;
        }
        if key.len() < room(i, end) {
            key.resize(room(i, end), 0);
        }
    }
    key.truncate(end);
}

/// The editable part of an item: what a form or `feedback add` provides.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedbackDraft {
    pub title: String,
    pub description: String,
    pub source: Source,
    pub customer: Option<String>,
    pub tags: Vec<String>,
    pub status: Status,
    pub nps: Option<u8>,
}

impl Default for FeedbackDraft {
    fn default() -> Self {
        FeedbackDraft {
            title: String::new(),
            description: String::new(),
            source: Source::Other,
            customer: None,
            tags: Vec::new(),
            status: Status::New,
            nps: None,
        }
    }
}

/// Why a draft was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum DraftError {
    EmptyTitle,
    TooLong {
        field: &'static str,
        max_chars: usize,
    },
    TagTooLong(String),
    Factor(FactorError),
    Name(UnknownName),
}

impl fmt::Display for DraftError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DraftError::EmptyTitle => write!(f, "title must not be empty"),
            DraftError::TooLong { field, max_chars } => {
                write!(f, "{field} is longer than {max_chars} characters")
            }
            DraftError::TagTooLong(tag) => {
                let shown: String = tag.chars().take(20).collect();
                write!(
                    f,
                    "tag '{shown}…' is longer than {MAX_TAG_CHARS} characters"
                )
            }
            DraftError::Factor(e) => e.fmt(f),
            DraftError::Name(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for DraftError {}

impl From<FactorError> for DraftError {
    fn from(e: FactorError) -> Self {
        DraftError::Factor(e)
    }
}

impl From<UnknownName> for DraftError {
    fn from(e: UnknownName) -> Self {
        DraftError::Name(e)
    }
}

/// Parses an NPS answer, a whole number 0–10.
pub fn parse_nps(text: &str) -> Result<u8, FactorError> {
    let t = trim(text);
    // "9.0" or "10.00", as spreadsheets and pandas write whole numbers.
    let whole = match t.split_once('.') {
        Some((whole, zeros)) if !zeros.is_empty() && zeros.bytes().all(|b| b == b'0') => whole,
        _ => t,
    };
    match whole.parse::<u8>() {
        Ok(n) if n <= 10 => Ok(n),
        _ => Err(nps_error(text)),
    }
}

fn nps_error(text: &str) -> FactorError {
    FactorError {
        field: "nps",
        value: text.to_string(),
        reason: "must be a whole number from 0 to 10".into(),
    }
}

/// Splits "a, b;c" into normalised tags: trimmed, lower-case, no duplicates.
pub fn parse_tags(text: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for raw in text.split([',', ';']) {
        add_tag(&mut tags, lower_case(trim(raw)));
    }
    tags
}

/// Adds a trimmed, lower-cased tag unless it is empty or already there.
fn add_tag(tags: &mut Vec<String>, tag: String) {
    if !tag.is_empty() && !tags.contains(&tag) {
        tags.push(tag);
    }
}

/// `*tags = parse_tags(&tags.join(","))`: each tag split on "," and ";",
/// trimmed and lower-cased, the empty ones and repeats left out. In place
/// when no tag holds "," or ";" (the usual case).
fn normalise_tags(tags: &mut Vec<String>) {
    let split = |t: &String| t.bytes().any(|b| b == b',' || b == b';');
    if tags.iter().any(split) {
        *tags = parse_tags(&tags.join(","));
        return;
    }
    let mut kept = 0;
    for i in 0..tags.len() {
        trim_in_place(&mut tags[i]);
        lower_case_in_place(&mut tags[i]);
        if !tags[i].is_empty() && !tags[..kept].contains(&tags[i]) {
            tags.swap(kept, i);
            kept += 1;
        }
    }
    tags.truncate(kept);
}

/// `text.to_lowercase()`, in place for ASCII text.
fn lower_case_in_place(text: &mut String) {
    if text.is_ascii() {
        text.make_ascii_lowercase();
    } else {
        *text = text.to_lowercase();
    }
}

fn lower_case(text: &str) -> String {
    let mut text = text.to_string();
    lower_case_in_place(&mut text);
    text
}

/// `*text = text.trim().to_string()`, without a new string.
fn trim_in_place(text: &mut String) {
    if !not_white(text.as_bytes().last()) {
        text.truncate(text.trim_end().len());
    }
    if !not_white(text.as_bytes().first()) {
        let start = text.len() - text.trim_start().len();
        text.drain(..start);
    }
}

/// Whether `byte` is an ASCII character other than white space (the end of
/// a text that trimming leaves alone).
pub(crate) fn not_white(byte: Option<&u8>) -> bool {
    byte.is_some_and(|b| b.is_ascii() && !matches!(b, b'\t'..=b'\r' | b' '))
}

/// `text.trim()`, at once when both ends are ASCII but not white space.
pub(crate) fn trim(text: &str) -> &str {
    let bytes = text.as_bytes();
    if not_white(bytes.first()) && not_white(bytes.last()) {
        text
    } else {
        text.trim()
    }
}

/// Whether `text` has more than `max` characters (counted only when it has
/// more than `max` bytes).
fn longer_than(text: &str, max: usize) -> bool {
    text.len() > max && text.chars().count() > max
}

impl FeedbackDraft {
    /// Trims the text fields and checks every rule; returns the cleaned draft.
    /// The text is trimmed and lower-cased in place: an import validates
    /// every row, so this allocates only what it must.
    #[inline]
    pub fn validated(mut self) -> Result<FeedbackDraft, DraftError> {
        trim_in_place(&mut self.title);
        if self.title.is_empty() {
            return Err(DraftError::EmptyTitle);
        }
        if longer_than(&self.title, MAX_TITLE_CHARS) {
            return Err(DraftError::TooLong {
                field: "title",
                max_chars: MAX_TITLE_CHARS,
            });
        }
        if !not_white(self.description.as_bytes().last()) {
            self.description.truncate(self.description.trim_end().len());
        }
        if longer_than(&self.description, MAX_DESCRIPTION_CHARS) {
            return Err(DraftError::TooLong {
                field: "description",
                max_chars: MAX_DESCRIPTION_CHARS,
            });
        }
        self.customer = self
            .customer
            .map(|mut c| {
                trim_in_place(&mut c);
                c
            })
            .filter(|c| !c.is_empty());
        normalise_tags(&mut self.tags);
        if let Some(tag) = self.tags.iter().find(|t| longer_than(t, MAX_TAG_CHARS)) {
            return Err(DraftError::TagTooLong(tag.clone()));
        }
        if let Some(n) = self.nps
            && n > 10
        {
            return Err(nps_error(&n.to_string()).into());
        }
        Ok(self)
    }
}

impl FeedbackDraft {
    /// Applies to `item` only the fields this draft changed relative to
    /// `original` (the draft as the user first saw it), so a save never
    /// undoes another process's change to a field the user did not touch.
    pub fn apply_changes(&self, original: &FeedbackDraft, item: &mut FeedbackItem) {
        if self.title != original.title {
            item.title = self.title.clone();
        }
        if self.description != original.description {
            item.description = self.description.clone();
        }
        if self.source != original.source {
            item.source = self.source;
        }
        if self.customer != original.customer {
            item.customer = self.customer.clone();
        }
        if self.tags != original.tags {
            item.tags = self.tags.clone();
        }
        if self.status != original.status {
            item.status = self.status;
        }
        if self.nps != original.nps {
            item.nps = self.nps;
        }
    }
}

impl FeedbackItem {
    pub fn draft(&self) -> FeedbackDraft {
        FeedbackDraft {
            title: self.title.clone(),
            description: self.description.clone(),
            source: self.source,
            customer: self.customer.clone(),
            tags: self.tags.clone(),
            status: self.status,
            nps: self.nps,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn names_round_trip_and_unknown_names_are_refused() {
        for s in Source::ALL {
            assert_eq!(s.name().parse::<Source>().unwrap(), *s);
        }
        for s in Status::ALL {
            assert_eq!(s.name().parse::<Status>().unwrap(), *s);
        }
        assert_eq!("In Progress".parse::<Status>().unwrap(), Status::InProgress);
        assert_eq!("wont-do".parse::<Status>().unwrap(), Status::WontDo);
        let err = "later".parse::<Status>().unwrap_err();
        assert_eq!(err.field, "status");
        assert!(err.to_string().contains("in_progress"));
        assert!("email".parse::<Source>().is_err());
    }

    #[test]
    fn status_cycles_both_ways() {
        assert_eq!(Status::New.next(), Status::Triaged);
        assert_eq!(Status::WontDo.next(), Status::New);
        assert_eq!(Status::New.previous(), Status::WontDo);
    }

    #[test]
    fn nps_classes() {
        assert_eq!(NpsClass::of(10), NpsClass::Promoter);
        assert_eq!(NpsClass::of(9), NpsClass::Promoter);
        assert_eq!(NpsClass::of(8), NpsClass::Passive);
        assert_eq!(NpsClass::of(7), NpsClass::Passive);
        assert_eq!(NpsClass::of(6), NpsClass::Detractor);
        assert_eq!(NpsClass::of(0), NpsClass::Detractor);
        assert!(parse_nps("11").is_err());
        assert!(parse_nps("-1").is_err());
        assert_eq!(parse_nps(" 7 ").unwrap(), 7);
        assert_eq!(parse_nps("9.0").unwrap(), 9);
        assert_eq!(parse_nps("10.00").unwrap(), 10);
        assert!(parse_nps("9.5").is_err());
        assert!(parse_nps("9.").is_err());
        assert!(parse_nps(".0").is_err());
    }

    #[test]
    fn duplicates_share_a_key() {
        assert_eq!(
            dedup_key("Dark  Mode", "Please\n add it"),
            dedup_key("dark mode", "please add it ")
        );
        assert_ne!(dedup_key("Dark mode", ""), dedup_key("Dark mode", "x"));
    }

    #[test]
    fn net_promoter_score_is_promoters_minus_detractors() {
        assert_eq!(net_promoter_score([]), None);
        // 2 promoters, 1 passive, 1 detractor: (2 - 1) / 4 = 25.
        assert_eq!(net_promoter_score([10, 9, 8, 3]), Some((25, 4)));
        assert_eq!(net_promoter_score([0, 6]), Some((-100, 2)));
        assert_eq!(net_promoter_score([7, 8]), Some((0, 2)));
    }

    #[test]
    fn an_nps_tally_counts_every_answer_of_every_item() {
        // The reviewer's survey: seven respondents, merged into four items
        // (three 10s, two 9s, and two answers with comments).
        let items = [
            FeedbackItem {
                nps: Some(10),
                merged_nps: NpsTally::of([10, 10]),
                ..FeedbackItem::example(1, "NPS 10 (no comment)")
            },
            FeedbackItem {
                nps: Some(9),
                merged_nps: NpsTally::of([9]),
                ..FeedbackItem::example(2, "NPS 9 (no comment)")
            },
            FeedbackItem {
                nps: Some(2),
                ..FeedbackItem::example(3, "Export is broken")
            },
            FeedbackItem {
                nps: Some(0),
                ..FeedbackItem::example(4, "Login takes forever")
            },
            // No answer of its own, one merged in: that one counts.
            FeedbackItem {
                merged_nps: NpsTally::of([8]),
                ..FeedbackItem::example(5, "Passive")
            },
            FeedbackItem::example(6, "No answer at all"),
        ];
        let tally: NpsTally = items.iter().map(FeedbackItem::nps_answers).sum();
        assert_eq!(
            tally,
            NpsTally {
                promoters: 5,
                passives: 1,
                detractors: 2,
            }
        );
        assert_eq!(tally.score(), Some((38, 8)));
        assert_eq!(
            items[..4]
                .iter()
                .map(FeedbackItem::nps_answers)
                .sum::<NpsTally>()
                .score(),
            Some((43, 7)),
            "not +0 (n=4): merged answers count"
        );
        assert_eq!(items[5].nps_answers().score(), None);
        assert_eq!(NpsTally::default().score(), None);
        // Adding tallies is counting all their answers at once.
        assert_eq!(
            NpsTally::of([10, 0]) + NpsTally::of([7, 6, 9]),
            NpsTally::of([10, 0, 7, 6, 9])
        );
        assert_eq!(
            net_promoter_score([10, 0, 7, 6, 9]),
            NpsTally::of([10, 0, 7, 6, 9]).score()
        );
    }

    #[test]
    fn tags_are_normalised() {
        assert_eq!(
            parse_tags(" Export, mobile;export ,, "),
            vec!["export", "mobile"]
        );
        assert!(parse_tags("").is_empty());
    }

    #[test]
    fn only_changed_fields_are_applied() {
        let original = FeedbackDraft {
            title: "Old".into(),
            status: Status::New,
            ..FeedbackDraft::default()
        };
        let edited = FeedbackDraft {
            title: "New".into(),
            ..original.clone()
        };
        let mut item = FeedbackItem {
            // Someone else moved it on meanwhile.
            status: Status::Planned,
            ..FeedbackItem::example(1, "Old")
        };
        edited.apply_changes(&original, &mut item);
        assert_eq!(item.title, "New");
        assert_eq!(
            item.status,
            Status::Planned,
            "an untouched field keeps the stored value"
        );
    }

    #[test]
    fn drafts_are_trimmed_and_checked() {
        let draft = FeedbackDraft {
            title: "  Dark mode  ".into(),
            customer: Some("   ".into()),
            tags: vec!["UI".into(), "ui".into()],
            ..FeedbackDraft::default()
        };
        let ok = draft.validated().unwrap();
        assert_eq!(ok.title, "Dark mode");
        assert_eq!(ok.customer, None);
        assert_eq!(ok.tags, vec!["ui"]);

        let empty = FeedbackDraft {
            title: "   ".into(),
            ..FeedbackDraft::default()
        };
        assert_eq!(empty.validated().unwrap_err(), DraftError::EmptyTitle);

        let long = FeedbackDraft {
            title: "x".repeat(MAX_TITLE_CHARS + 1),
            ..FeedbackDraft::default()
        };
        assert!(matches!(
            long.validated().unwrap_err(),
            DraftError::TooLong { field: "title", .. }
        ));

        let bad_nps = FeedbackDraft {
            title: "t".into(),
            nps: Some(12),
            ..FeedbackDraft::default()
        };
        assert!(bad_nps.validated().is_err());
    }

    /// The duplicate key as first written, one character at a time into a
    /// new string: what `dedup_key` and `dedup_hash_of` must equal.
    fn plain_key(title: &str, description: &str) -> String {
        fn fold(key: &mut String, text: &str) {
            let start = key.len();
            let mut pending_space = false;
            for c in text.chars() {
                if c.is_whitespace() {
                    pending_space = key.len() > start;
                    continue;
                }
                if pending_space {
                    key.push(' ');
                    pending_space = false;
                }
                key.extend(c.to_lowercase());
            }
        }
        let mut key = String::new();
        fold(&mut key, title);
        key.push('\n');
        fold(&mut key, description);
        key
    }

    /// `validated` as first written, allocating a new string at every step.
    fn plain_validated(mut draft: FeedbackDraft) -> Result<FeedbackDraft, DraftError> {
        draft.title = draft.title.trim().to_string();
        if draft.title.is_empty() {
            return Err(DraftError::EmptyTitle);
        }
        if draft.title.chars().count() > MAX_TITLE_CHARS {
            return Err(DraftError::TooLong {
                field: "title",
                max_chars: MAX_TITLE_CHARS,
            });
        }
        draft.description = draft.description.trim_end().to_string();
        if draft.description.chars().count() > MAX_DESCRIPTION_CHARS {
            return Err(DraftError::TooLong {
                field: "description",
                max_chars: MAX_DESCRIPTION_CHARS,
            });
        }
        draft.customer = draft
            .customer
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty());
        let mut tags: Vec<String> = Vec::new();
        for raw in draft.tags.join(",").split([',', ';']) {
            let tag = raw.trim().to_lowercase();
            if !tag.is_empty() && !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        draft.tags = tags;
        if let Some(tag) = draft
            .tags
            .iter()
            .find(|t| t.chars().count() > MAX_TAG_CHARS)
        {
            return Err(DraftError::TagTooLong(tag.clone()));
        }
        if let Some(n) = draft.nps {
            parse_nps(&n.to_string())?;
        }
        Ok(draft)
    }

    /// Text rich in what folding and trimming treat specially: ASCII around
    /// the letters and the white space, Unicode white space, characters
    /// whose lower case is longer, shorter or several characters
    /// ('İ' → "i̇", 'ẞ' → 'ß', the Kelvin sign), final sigma, and any
    /// character at all.
    fn tricky_text(max_chars: usize) -> impl Strategy<Value = String> {
        let special = prop::sample::select(vec![
            '\t', '\n', '\u{b}', '\u{c}', '\r', '\u{85}', '\u{a0}', '\u{1680}', '\u{2000}',
            '\u{200a}', '\u{200b}', '\u{2028}', '\u{2029}', '\u{202f}', '\u{205f}', '\u{3000}',
            '\u{feff}', '\0', '\u{8}', '\u{e}', '\u{1f}', '\u{7f}', '@', '[', '`', '{', '#', ',',
            ';', 'İ', 'ẞ', 'ß', 'Σ', 'ς', 'ı', 'É', 'é', 'Ω', '\u{212a}', '\u{212b}', 'ǅ', 'Ⅻ',
            'Ａ', 'ﬁ', '😀', '’',
        ]);
        let c = prop_oneof![
            8 => prop::char::range('a', 'z'),
            3 => prop::char::range('A', 'Z'),
            5 => Just(' '),
            3 => special,
            1 => any::<char>(),
        ];
        prop::collection::vec(c, 0..max_chars).prop_map(String::from_iter)
    }

    #[test]
    fn every_ascii_byte_anywhere_folds_as_one_character_at_a_time() {
        for byte in 0..128u8 {
            for at in 0..40 {
                for around in ["a", " ", "  ", "\t", "A"] {
                    let mut text: Vec<String> = vec!["a".to_string(); 40];
                    text[at] = char::from(byte).to_string();
                    if at + 1 < 40 {
                        text[at + 1] = around.to_string();
                    }
                    let text = text.concat();
                    for (title, description) in [(text.as_str(), ""), ("", text.as_str())] {
                        assert_eq!(
                            dedup_key(title, description),
                            plain_key(title, description),
                            "{text:?}"
                        );
                    }
                    let mut chunked = Vec::new();
                    fold_chunks_into(&mut chunked, &text);
                    assert_eq!(chunked, plain_key("", &text).as_bytes()[1..], "{text:?}");
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn the_fast_key_and_hash_equal_the_plain_fold(
            title in tricky_text(40),
            description in tricky_text(120),
        ) {
            let key = plain_key(&title, &description);
            prop_assert_eq!(&dedup_key(&title, &description), &key);
            prop_assert_eq!(dedup_hash_of(&title, &description), dedup_hash(&key));
            // The general path alone, also on text the plain path takes.
            let mut chunked = Vec::new();
            fold_chunks_into(&mut chunked, &description);
            prop_assert_eq!(chunked, plain_key("", &description).as_bytes()[1..].to_vec());
        }

        #[test]
        fn validation_is_as_first_written(
            title in tricky_text(12),
            description in tricky_text(12),
            customer in proptest::option::of(tricky_text(6)),
            tags in prop::collection::vec(tricky_text(8), 0..4),
            nps in proptest::option::of(0u8..16),
            long in 0usize..4,
        ) {
            // Now and then a field at, or one past, its limit.
            let (mut title, mut description, mut tags) = (title, description, tags);
            match long {
                1 => title.push_str(&"Ü".repeat(MAX_TITLE_CHARS - 1)),
                2 => description.push_str(&"x".repeat(MAX_DESCRIPTION_CHARS)),
                3 => tags.push("ß".repeat(MAX_TAG_CHARS) + " "),
                _ => {}
            }
            let draft = FeedbackDraft {
                title,
                description,
                customer,
                tags,
                nps,
                ..FeedbackDraft::default()
            };
            prop_assert_eq!(draft.clone().validated(), plain_validated(draft));
        }

        #[test]
        fn tags_parse_as_first_written(text in tricky_text(40)) {
            let mut tags: Vec<String> = Vec::new();
            for raw in text.split([',', ';']) {
                let tag = raw.trim().to_lowercase();
                if !tag.is_empty() && !tags.contains(&tag) {
                    tags.push(tag);
                }
            }
            prop_assert_eq!(parse_tags(&text), tags);
        }

        #[test]
        fn names_parse_as_first_written(text in "[ a-zA-Z_-]{0,14}") {
            let plain = |text: &str| {
                let t = text.trim().to_ascii_lowercase().replace(['-', ' '], "_");
                Source::ALL.iter().copied().find(|v| v.name() == t)
            };
            prop_assert_eq!(text.parse::<Source>().ok(), plain(&text));
            for name in Source::NAMES {
                for variant in [name.to_string(), format!(" {} ", name.to_uppercase())] {
                    prop_assert_eq!(variant.parse::<Source>().ok(), plain(&variant));
                }
            }
        }
    }
}
