//! Cards on a retro board: adding (in a column named or by position, the
//! text cleaned and checked), editing, moving, deleting and putting back,
//! grouping and ungrouping, the reveal, and turning a card into a feedback
//! item. Every write returns what its undo needs.

use super::{clean_name, refuse_when_closed};
use crate::domain::feedback::{FeedbackDraft, Source};
use crate::domain::retro::Card;
use crate::domain::retro::board::{DeletedCard, Regrouped};
use crate::domain::text::sanitize_multiline;
use crate::interop::import::title_from;
use crate::service::{Error, Result};
use crate::store::{RetroHead, Store};
use chrono::{DateTime, Utc};

/// The longest card, in characters.
pub const MAX_CARD_CHARS: usize = 2_000;

/// A new group and where each of its cards was before.
#[derive(Debug, Clone, PartialEq)]
pub struct Grouping {
    pub group_id: i64,
    /// Undo with `undo_regroup`.
    pub moved: Vec<Regrouped>,
}

/// A card's text as stored: safe (line breaks kept), trimmed, not empty,
/// at most `MAX_CARD_CHARS` characters.
fn card_text(text: &str) -> Result<String> {
    let text = sanitize_multiline(text).trim().to_string();
    if text.is_empty() {
        return Err(Error::Invalid("a card needs some text".into()));
    }
    let chars = text.chars().count();
    if chars > MAX_CARD_CHARS {
        return Err(Error::Invalid(format!(
            "a card holds at most {MAX_CARD_CHARS} characters; this one has {chars}"
        )));
    }
    Ok(text)
}

/// The column at `index`, or the error listing the template's columns.
fn column_name_error(head: &RetroHead, asked: &str) -> Error {
    let names: Vec<&str> = head
        .template
        .columns
        .iter()
        .map(|c| c.title.as_str())
        .collect();
    Error::Invalid(format!(
        "unknown column '{asked}' (use one of: {})",
        names.join(", ")
    ))
}

fn check_column(head: &RetroHead, column: usize) -> Result<()> {
    if column < head.template.columns.len() {
        Ok(())
    } else {
        Err(column_name_error(head, &(column + 1).to_string()))
    }
}

/// Adds a card to the column named `column` (ignoring case); refused in
/// Close. An author not on the roster joins it.
pub fn add_card(
    store: &mut Store,
    retro_id: i64,
    column: &str,
    text: &str,
    author: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Card> {
    let head = store.retro_head(retro_id)?;
    let index = head
        .template
        .column_index(column)
        .ok_or_else(|| column_name_error(&head, column))?;
    add_checked(store, &head, index, text, author, now)
}

/// Adds a card to the column at `column` (by position), as `add_card`.
pub fn add_card_at(
    store: &mut Store,
    retro_id: i64,
    column: usize,
    text: &str,
    author: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Card> {
    let head = store.retro_head(retro_id)?;
    check_column(&head, column)?;
    add_checked(store, &head, column, text, author, now)
}

fn add_checked(
    store: &mut Store,
    head: &RetroHead,
    column: usize,
    text: &str,
    author: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Card> {
    refuse_when_closed(head, "cards")?;
    let text = card_text(text)?;
    let author = author.map(clean_name).filter(|a| !a.is_empty());
    // The roster's spelling of a known name.
    let author = author.map(|name| {
        head.participants
            .iter()
            .chain(head.facilitator.iter())
            .find(|p| p.eq_ignore_ascii_case(&name))
            .cloned()
            .unwrap_or(name)
    });
    Ok(store.add_retro_card(head.id, column, &text, author.as_deref(), now)?)
}

/// Changes a card's text; returns the card as it was.
pub fn edit_card(store: &mut Store, retro_id: i64, card_id: i64, text: &str) -> Result<Card> {
    let text = card_text(text)?;
    let card = store.retro_card(retro_id, card_id)?;
    Ok(store.update_retro_card(retro_id, card_id, &text, card.column)?)
}

/// Moves a card to the column at `column`; returns the card as it was.
pub fn move_card(store: &mut Store, retro_id: i64, card_id: i64, column: usize) -> Result<Card> {
    let head = store.retro_head(retro_id)?;
    check_column(&head, column)?;
    let card = store.retro_card(retro_id, card_id)?;
    Ok(store.update_retro_card(retro_id, card_id, &card.text, column)?)
}

/// Deletes a card (revealed or not: the facilitator may remove an abusive
/// hidden card) with its votes; returns all of it for `restore_card`.
pub fn delete_card(store: &mut Store, retro_id: i64, card_id: i64) -> Result<DeletedCard> {
    Ok(store.delete_retro_card(retro_id, card_id)?)
}

/// Puts a deleted card back with its id, votes, links and group.
pub fn restore_card(store: &mut Store, retro_id: i64, deleted: &DeletedCard) -> Result<()> {
    Ok(store.restore_retro_card(retro_id, deleted)?)
}

fn group_title(title: &str) -> Result<String> {
    let title = clean_name(title);
    if title.is_empty() {
        Err(Error::Invalid("a group needs a name".into()))
    } else {
        Ok(title)
    }
}

/// Merges cards into a new group named `title`.
pub fn group_cards(
    store: &mut Store,
    retro_id: i64,
    card_ids: &[i64],
    title: &str,
) -> Result<Grouping> {
    let title = group_title(title)?;
    if card_ids.is_empty() {
        return Err(Error::Invalid("a group needs at least one card".into()));
    }
    let (group_id, moved) = store.group_retro_cards(retro_id, card_ids, &title)?;
    Ok(Grouping { group_id, moved })
}

/// Puts a card in a group, or takes it out (`None`). A group its last card
/// leaves is deleted; undo with `undo_regroup`.
pub fn set_card_group(
    store: &mut Store,
    retro_id: i64,
    card_id: i64,
    group: Option<i64>,
) -> Result<Regrouped> {
    Ok(store.set_retro_card_group(retro_id, card_id, group)?)
}

/// Undoes `group_cards` (its `moved`) or `set_card_group`.
pub fn undo_regroup(store: &mut Store, retro_id: i64, moves: &[Regrouped]) -> Result<()> {
    Ok(store.undo_regroup(retro_id, moves)?)
}

/// Renames a group; returns its old name.
pub fn rename_group(
    store: &mut Store,
    retro_id: i64,
    group_id: i64,
    title: &str,
) -> Result<String> {
    let title = group_title(title)?;
    Ok(store.rename_retro_group(retro_id, group_id, &title)?)
}

/// Reveals the hidden cards of one column (by position) or of all;
/// returns how many were revealed.
pub fn reveal(store: &mut Store, retro_id: i64, column: Option<usize>) -> Result<usize> {
    if let Some(column) = column {
        check_column(&store.retro_head(retro_id)?, column)?;
    }
    Ok(store.reveal_retro_cards(retro_id, column)?)
}

/// The feedback item a card becomes: source `retro`, the card's first line
/// as its title (cut as imported titles are), the rest as the description
/// (the whole text when the title had to be cut).
fn draft_from(card: &Card) -> std::result::Result<FeedbackDraft, String> {
    let (first, rest) = card.text.split_once('\n').unwrap_or((&card.text, ""));
    let title = title_from(first);
    let whole_line = first.split_whitespace().collect::<Vec<_>>().join(" ");
    let description = if title == whole_line {
        rest.trim().to_string()
    } else {
        card.text.clone()
    };
    FeedbackDraft {
        title,
        description,
        source: Source::Retro,
        ..FeedbackDraft::default()
    }
    .validated()
    .map_err(|e| format!("card {}: {e}", card.id))
}

/// Turns a card into a feedback item linked back to it; returns the item's
/// id. Promoting the same card again returns the same item.
pub fn promote_card(
    store: &mut Store,
    retro_id: i64,
    card_id: i64,
    now: DateTime<Utc>,
) -> Result<i64> {
    Ok(store.promote_retro_card(retro_id, card_id, draft_from, now)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(text: &str) -> Card {
        Card {
            id: 4,
            column: 0,
            text: text.into(),
            author: None,
            group_id: None,
            revealed: true,
            created_at: DateTime::from_timestamp(0, 0).unwrap(),
        }
    }

    #[test]
    fn a_promoted_card_keeps_its_first_line_as_title_and_the_rest_as_description() {
        let draft =
            draft_from(&card("Deploys  are slow\nThey take an hour.\nEvery time.")).unwrap();
        assert_eq!(draft.title, "Deploys are slow");
        assert_eq!(draft.description, "They take an hour.\nEvery time.");
        assert_eq!(draft.source, Source::Retro);
        let long = "word ".repeat(40);
        let draft = draft_from(&card(&long)).unwrap();
        assert!(draft.title.ends_with('…'), "{}", draft.title);
        assert_eq!(
            draft.description,
            long.trim(),
            "a cut title keeps the whole text"
        );
    }

    #[test]
    fn card_text_is_cleaned_trimmed_and_bounded() {
        assert_eq!(card_text("  hi\u{1b}[31m\r\nthere  ").unwrap(), "hi\nthere");
        assert_eq!(
            card_text(" \n ").unwrap_err().to_string(),
            "a card needs some text"
        );
        let long = "x".repeat(MAX_CARD_CHARS + 1);
        assert!(
            card_text(&long)
                .unwrap_err()
                .to_string()
                .contains("at most 2000")
        );
        assert!(card_text(&"é".repeat(MAX_CARD_CHARS)).is_ok());
    }
}
