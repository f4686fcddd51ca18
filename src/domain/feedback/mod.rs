//! Feedback items: what they hold, which values are allowed, the rules that
//! check a draft before it is stored, how NPS answers add up to a score
//! (every answer an item stands for: its own and its merged reports'), and
//! the key that finds exact duplicates.
//!
//! - `item`: the stored item, its `Source` and `Status`;
//! - `draft`: the editable part, its validation and field parsers;
//! - `nps`: NPS classes and tallies;
//! - `dedup`: the duplicate key and hash;
//! - `report`: a report's identity across imports (external id or content);
//! - `attachments`: what hangs off an item besides its row (merged reports,
//!   survey answers, dismissed pairs).

mod attachments;
mod dedup;
mod draft;
mod item;
mod nps;
mod report;

pub(crate) use crate::domain::text::{not_white, trim};
pub use attachments::{Attachments, Evidence, SurveyResponse};
pub use dedup::{dedup_hash, dedup_hash_of, dedup_key};
pub use draft::{
    DraftError, FeedbackDraft, MAX_DESCRIPTION_CHARS, MAX_TAG_CHARS, MAX_TITLE_CHARS, parse_nps,
    parse_tags,
};
pub use item::{FeedbackItem, Source, Status, UnknownName};
pub use nps::{NpsClass, NpsTally, net_promoter_score};
pub use report::{
    ImportedRow, ReportIdentity, content_digest, identity_of_content, identity_of_id,
};

/// Text for the property tests of the duplicate key and of validation.
#[cfg(test)]
mod test_text {
    use proptest::prelude::*;

    /// Text rich in what folding and trimming treat specially: ASCII around
    /// the letters and the white space, Unicode white space, characters
    /// whose lower case is longer, shorter or several characters
    /// ('İ' → "i̇", 'ẞ' → 'ß', the Kelvin sign), final sigma, and any
    /// character at all.
    pub(super) fn tricky_text(max_chars: usize) -> impl Strategy<Value = String> {
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
}
