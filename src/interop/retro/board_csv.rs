//! A retro as CSV (RFC 4180, via the `csv` crate): one row per card, every
//! card revealed or not, in column order. The header is stable:
//!
//! `column,card_id,text,author,group,votes,actions`
//!
//! - `column`: the column's title; `text`: the card as written (line breaks
//!   kept, inside quotes);
//! - `author`: empty in an anonymous retro;
//! - `group`: the title of the card's group, or empty;
//! - `votes`: votes on the card;
//! - `actions`: the titles of the actions linked to the card or to its
//!   group, joined with `;`.

use crate::domain::retro::{Card, RetroBoard};
use std::io;

pub const CARD_HEADER: [&str; 7] = [
    "column", "card_id", "text", "author", "group", "votes", "actions",
];

/// The cards in column order, keeping the board's order within a column.
pub fn cards_by_column(board: &RetroBoard) -> Vec<&Card> {
    let mut cards: Vec<&Card> = board.cards.iter().collect();
    cards.sort_by_key(|c| c.column);
    cards
}

/// Writes the header and one record per card.
pub fn write_retro(board: &RetroBoard, out: &mut dyn io::Write) -> io::Result<()> {
    let votes = board.votes_per_card();
    let mut writer = super::rfc4180_writer(out);
    writer.write_record(CARD_HEADER)?;
    for card in cards_by_column(board) {
        let group = card
            .group_id
            .and_then(|id| board.group(id))
            .map_or("", |g| g.title.as_str());
        let actions: Vec<&str> = board
            .actions_for_card(card)
            .iter()
            .map(|a| a.title.as_str())
            .collect();
        writer.write_record([
            board.column_title(card.column),
            &card.id.to_string(),
            &card.text,
            board.shown_author(card).unwrap_or(""),
            group,
            &votes.get(&card.id).copied().unwrap_or(0).to_string(),
            &actions.join(";"),
        ])?;
    }
    writer.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interop::retro::fixture::{AUTHORS, board};

    fn rows(board: &RetroBoard) -> (String, Vec<Vec<String>>) {
        let mut out = Vec::new();
        write_retro(board, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let mut reader = ::csv::Reader::from_reader(text.as_bytes());
        assert_eq!(reader.headers().unwrap(), CARD_HEADER.as_slice());
        let rows = reader
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect();
        (text, rows)
    }

    #[test]
    fn every_card_is_a_row_and_quoted_text_reads_back_exactly() {
        let board = board(false);
        let (text, rows) = rows(&board);
        assert!(text.starts_with("column,card_id,text,author,group,votes,actions\r\n"));
        let ids: Vec<&str> = rows.iter().map(|r| r[1].as_str()).collect();
        assert_eq!(ids, ["1", "2", "3", "4", "5", "6"], "hidden cards too");
        assert_eq!(
            rows[1],
            [
                "Start",
                "2",
                "Pair on reviews, \"often\"",
                "Bertil",
                "Code review",
                "1",
                "Limit PRs to 400 lines"
            ]
        );
        assert_eq!(rows[2][2], "Stop the 9am stand-up\nit is too early");
        assert_eq!(rows[3][2], "Flaky <tests> | CI");
        assert_eq!(rows[3][5], "3");
        assert_eq!(rows[3][6], "Quarantine flaky tests");
        assert_eq!(
            rows[5][..4],
            ["Continue", "6", "Keep *retro* snacks", "Cyrielle"]
        );
        assert_eq!(rows[5][6], "", "no action");
    }

    #[test]
    fn actions_of_a_card_and_its_group_are_joined() {
        let mut board = board(false);
        board.actions[0].card_id = Some(1);
        let (_, rows) = rows(&board);
        assert_eq!(rows[0][6], "Quarantine flaky tests;Limit PRs to 400 lines");
    }

    #[test]
    fn an_anonymous_retro_has_no_author_anywhere() {
        let (text, rows) = rows(&board(true));
        assert!(rows.iter().all(|r| r[3].is_empty()));
        for name in AUTHORS {
            assert!(!text.contains(name), "{name} in:\n{text}");
        }
    }
}
