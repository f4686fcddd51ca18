//! A report's identity: how an import tells a row it has seen before from a
//! new one. A row with an external id (a ticket or response id, an issue
//! key) is known by that id and the kind of file it came from; a row
//! without one by a hash of its content and which occurrence of that
//! content it is in the file (two identical NPS answers are two people).
//! A second hash of the content (the digest) says whether a known report
//! changed since it was imported.

use super::FeedbackItem;
use xxhash_rust::xxh3::Xxh3;

/// What an item or a merged report keeps of the row it came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportIdentity {
    /// The identity hash (`identity_of_id` or `identity_of_content`);
    /// `None` for reports typed by hand or stored before identities existed.
    pub key: Option<i64>,
    /// The content digest when last imported (`content_digest`).
    pub digest: Option<i64>,
    /// The id the file gave the row (a ticket id, "PROJ-12", a URL).
    pub external_id: Option<String>,
    /// The import batch that added the report, if an import did.
    pub batch: Option<i64>,
}

/// A row an import read, ready to store: the item, where in the file it
/// was, the file's id for it, and its hashes (computed on the reading
/// thread).
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedRow {
    pub item: FeedbackItem,
    /// The line (CSV) or item number (JSON) it was read from.
    pub line: u64,
    /// The file's id for the row, with its identity (`identity_of_id`).
    pub external: Option<(String, i64)>,
    /// An NPS answer without a comment: a response, not a backlog item.
    pub nps_only: bool,
    /// Whether the file gave its date; without one the item is dated when
    /// imported, which is no part of its content.
    pub dated: bool,
    /// `dedup_hash_of(title, description)`.
    pub dedup_hash: i64,
    /// `content_digest(item, dated)`.
    pub digest: i64,
}

impl ImportedRow {
    /// A row of `item` with its hashes computed.
    pub fn new(
        item: FeedbackItem,
        line: u64,
        external: Option<(String, i64)>,
        (nps_only, dated): (bool, bool),
    ) -> ImportedRow {
        ImportedRow {
            dedup_hash: super::dedup_hash_of(&item.title, &item.description),
            digest: content_digest(&item, dated),
            item,
            line,
            external,
            nps_only,
            dated,
        }
    }

    /// The digest kept with the report: a row known by its external id
    /// needs it to tell a changed row; a row known by its content does not
    /// (its identity is its content).
    pub fn external_digest(&self) -> Option<i64> {
        self.external.as_ref().map(|_| self.digest)
    }

    /// A row with no id and no line (tests, and items from other places).
    pub fn of(item: FeedbackItem) -> ImportedRow {
        ImportedRow::new(item, 0, None, (false, true))
    }
}

/// A field separator no text holds (text is sanitised of control characters
/// before it is stored), so "ab"+"c" and "a"+"bc" hash differently.
const SEPARATOR: &[u8] = b"\x1e";

/// A stable hash of everything an import stores of a row: title,
/// description, source, customer, date (when the file gave one: `dated`),
/// tags and NPS answer. The fields
/// are gathered in a buffer each thread reuses and hashed at once (an
/// import hashes every row; a streaming hasher costs several times more).
pub fn content_digest(item: &FeedbackItem, dated: bool) -> i64 {
    thread_local! {
        static BYTES: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    BYTES.with_borrow_mut(|bytes| {
        bytes.clear();
        for text in [item.title.as_str(), item.description.as_str()] {
            bytes.extend_from_slice(text.as_bytes());
            bytes.extend_from_slice(SEPARATOR);
        }
        bytes.extend_from_slice(item.source.name().as_bytes());
        bytes.extend_from_slice(SEPARATOR);
        if let Some(customer) = &item.customer {
            bytes.extend_from_slice(customer.as_bytes());
        }
        bytes.extend_from_slice(SEPARATOR);
        match dated {
            true => bytes.extend_from_slice(&item.created_at.timestamp().to_le_bytes()),
            false => bytes.extend_from_slice(b"undated"),
        }
        for tag in &item.tags {
            bytes.extend_from_slice(SEPARATOR);
            bytes.extend_from_slice(tag.as_bytes());
        }
        bytes.extend_from_slice(SEPARATOR);
        bytes.push(item.nps.unwrap_or(u8::MAX));
        let digest = xxhash_rust::xxh3::xxh3_64(bytes) as i64;
        // Keep an ordinary row's room, not an outsized one's.
        if bytes.capacity() > 1 << 20 {
            *bytes = Vec::new();
        }
        digest
    })
}

/// The identity of a row with an external id: the id and the kind of file
/// (the id column's name), so a Jira key and a ticket number never meet.
pub fn identity_of_id(kind: &str, external_id: &str) -> i64 {
    let mut hasher = Xxh3::new();
    hasher.update(b"id");
    hasher.update(SEPARATOR);
    hasher.update(kind.as_bytes());
    hasher.update(SEPARATOR);
    hasher.update(external_id.trim().as_bytes());
    hasher.digest() as i64
}

/// The identity of the `occurrence`th row (from 1) of a file with this
/// content digest, for rows without an external id.
pub fn identity_of_content(digest: i64, occurrence: u32) -> i64 {
    // One call on a small buffer: an import asks this for every row.
    let mut bytes = [0u8; 20];
    bytes[..8].copy_from_slice(b"content\x1e");
    bytes[8..16].copy_from_slice(&digest.to_le_bytes());
    bytes[16..].copy_from_slice(&occurrence.to_le_bytes());
    xxhash_rust::xxh3::xxh3_64(&bytes) as i64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::feedback::{FeedbackDraft, Source, Status};
    use chrono::{TimeZone, Utc};

    fn item(title: &str, customer: Option<&str>, nps: Option<u8>) -> FeedbackItem {
        let draft = FeedbackDraft {
            title: title.into(),
            description: "about it".into(),
            source: Source::Support,
            customer: customer.map(str::to_string),
            tags: vec!["export".into()],
            status: Status::New,
            nps,
        };
        FeedbackItem::from_draft(draft, Utc.with_ymd_and_hms(2026, 10, 3, 9, 0, 0).unwrap())
    }

    #[test]
    fn the_digest_sees_every_stored_field_and_nothing_else() {
        let base = item("Export fails", Some("Ann"), Some(3));
        assert_eq!(
            content_digest(&base, true),
            content_digest(&base.clone(), true)
        );
        let mut scored = base.clone();
        scored.id = 42;
        scored.mentions = 7;
        assert_eq!(
            content_digest(&base, true),
            content_digest(&scored, true),
            "ids and counts are not content"
        );
        for changed in [
            item("Export fails!", Some("Ann"), Some(3)),
            item("Export fails", Some("Bo"), Some(3)),
            item("Export fails", None, Some(3)),
            item("Export fails", Some("Ann"), Some(4)),
            item("Export fails", Some("Ann"), None),
        ] {
            assert_ne!(content_digest(&base, true), content_digest(&changed, true));
        }
        let mut later = base.clone();
        later.created_at += chrono::Duration::hours(1);
        assert_ne!(content_digest(&base, true), content_digest(&later, true));
        assert_eq!(
            content_digest(&base, false),
            content_digest(&later, false),
            "an undated row's import time is no part of it"
        );
        let mut tagged = base.clone();
        tagged.tags.push("csv".into());
        assert_ne!(content_digest(&base, true), content_digest(&tagged, true));
    }

    #[test]
    fn identities_separate_kinds_ids_and_occurrences() {
        assert_eq!(
            identity_of_id("ticketid", "101"),
            identity_of_id("ticketid", " 101 ")
        );
        assert_ne!(
            identity_of_id("ticketid", "101"),
            identity_of_id("issuekey", "101")
        );
        assert_ne!(
            identity_of_id("ticketid", "101"),
            identity_of_id("ticketid", "102")
        );
        assert_ne!(identity_of_content(5, 1), identity_of_content(5, 2));
        assert_ne!(identity_of_content(5, 1), identity_of_content(6, 1));
    }
}
