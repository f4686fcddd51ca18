//! A retro as one JSON document, with snake_case keys and `null` for every
//! unset value:
//!
//! - the retro: `id, team, title, template, date, phase, facilitator,
//!   participants`;
//! - `settings`: `votes_per_person, max_votes_per_card, anonymous,
//!   hide_until_reveal, facilitator_votes`;
//! - `columns`: `title, prompt, cards`, each card `id, text, author, votes,
//!   group` (the group's id), every card revealed or not;
//! - `groups`: `id, title, votes` (the votes on its cards);
//! - `actions`: this retro's action objects (see `actions`);
//! - `roti`: `participant, rating`;
//! - `review`: the earlier actions this retro reviews, each an action object
//!   with `review_status` (`open`, `done`, `dropped`, or `null` until
//!   reviewed).
//!
//! In an anonymous retro every `author` is `null`, `participants` is `null`
//! (the roster would name the few people who wrote the cards) and each ROTI
//! `participant` is `null`, the ratings sorted so their order names no one.

use super::actions::{ActionJson, iso_date};
use super::board_csv::cards_by_column;
use crate::domain::retro::{RetroBoard, RetroSettings};
use serde::Serialize;
use std::io;

#[derive(Serialize)]
struct RetroJson<'a> {
    id: i64,
    team: &'a str,
    title: &'a str,
    template: &'a str,
    date: String,
    phase: &'static str,
    facilitator: Option<&'a str>,
    participants: Option<&'a [String]>,
    settings: RetroSettings,
    columns: Vec<ColumnJson<'a>>,
    groups: Vec<GroupJson<'a>>,
    actions: Vec<ActionJson<'a>>,
    roti: Vec<RotiJson<'a>>,
    review: Vec<ReviewJson<'a>>,
}

#[derive(Serialize)]
struct ColumnJson<'a> {
    title: &'a str,
    prompt: &'a str,
    cards: Vec<CardJson<'a>>,
}

#[derive(Serialize)]
struct CardJson<'a> {
    id: i64,
    text: &'a str,
    author: Option<&'a str>,
    votes: u32,
    group: Option<i64>,
}

#[derive(Serialize)]
struct GroupJson<'a> {
    id: i64,
    title: &'a str,
    votes: u32,
}

#[derive(Serialize)]
struct RotiJson<'a> {
    participant: Option<&'a str>,
    rating: u8,
}

#[derive(Serialize)]
struct ReviewJson<'a> {
    #[serde(flatten)]
    action: ActionJson<'a>,
    review_status: Option<&'static str>,
}

fn document(board: &RetroBoard) -> RetroJson<'_> {
    let votes = board.votes_per_card();
    let votes_on = |card_id: i64| votes.get(&card_id).copied().unwrap_or(0);
    let anonymous = board.settings.anonymous;
    let mut columns: Vec<ColumnJson> = board
        .template
        .columns
        .iter()
        .map(|c| ColumnJson {
            title: &c.title,
            prompt: &c.prompt,
            cards: Vec::new(),
        })
        .collect();
    for card in cards_by_column(board) {
        // A column the template no longer has still shows its cards.
        while columns.len() <= card.column {
            columns.push(ColumnJson {
                title: "",
                prompt: "",
                cards: Vec::new(),
            });
        }
        columns[card.column].cards.push(CardJson {
            id: card.id,
            text: &card.text,
            author: board.shown_author(card),
            votes: votes_on(card.id),
            group: card.group_id,
        });
    }
    let mut roti: Vec<RotiJson> = board
        .roti
        .iter()
        .map(|(participant, rating)| RotiJson {
            participant: (!anonymous).then_some(participant.as_str()),
            rating: *rating,
        })
        .collect();
    if anonymous {
        roti.sort_by_key(|r| r.rating);
    }
    RetroJson {
        id: board.id,
        team: &board.team,
        title: &board.title,
        template: &board.template.name,
        date: iso_date(board.date),
        phase: board.phase.name(),
        facilitator: board.facilitator.as_deref(),
        participants: (!anonymous).then_some(board.participants.as_slice()),
        settings: board.settings,
        columns,
        groups: board
            .groups
            .iter()
            .map(|g| GroupJson {
                id: g.id,
                title: &g.title,
                votes: board
                    .cards
                    .iter()
                    .filter(|c| c.group_id == Some(g.id))
                    .map(|c| votes_on(c.id))
                    .sum(),
            })
            .collect(),
        actions: board.actions.iter().map(ActionJson::from_action).collect(),
        roti,
        review: board
            .review
            .iter()
            .map(|r| ReviewJson {
                action: ActionJson::from_action(&r.action),
                review_status: r.review.map(|s| s.name()),
            })
            .collect(),
    }
}

/// Writes the retro as one pretty-printed JSON document.
pub fn write_retro(board: &RetroBoard, out: &mut dyn io::Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &document(board))?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interop::retro::fixture::{AUTHORS, FACILITATOR, GROUP_ID, board};
    use serde_json::{Value, json};

    fn parse(board: &RetroBoard) -> (String, Value) {
        let mut out = Vec::new();
        write_retro(board, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let value = serde_json::from_str(&text).unwrap();
        (text, value)
    }

    fn keys(value: &Value) -> Vec<&str> {
        let mut keys: Vec<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        keys
    }

    #[test]
    fn the_document_has_the_documented_shape() {
        let (_, doc) = parse(&board(false));
        assert_eq!(
            keys(&doc),
            [
                "actions",
                "columns",
                "date",
                "facilitator",
                "groups",
                "id",
                "participants",
                "phase",
                "review",
                "roti",
                "settings",
                "team",
                "template",
                "title"
            ]
        );
        assert_eq!(doc["date"], "2026-12-04");
        assert_eq!(doc["phase"], "close");
        assert_eq!(doc["template"], "Start/Stop/Continue");
        assert_eq!(doc["facilitator"], FACILITATOR);
        assert_eq!(doc["participants"].as_array().unwrap().len(), 4);
        assert_eq!(
            doc["settings"],
            json!({"votes_per_person": 5, "max_votes_per_card": 3, "anonymous": false,
                   "hide_until_reveal": true, "facilitator_votes": false})
        );
        let columns = doc["columns"].as_array().unwrap();
        assert_eq!(columns.len(), 3);
        assert_eq!(keys(&columns[0]), ["cards", "prompt", "title"]);
        let card = &columns[0]["cards"][1];
        assert_eq!(keys(card), ["author", "group", "id", "text", "votes"]);
        assert_eq!(card["text"], "Pair on reviews, \"often\"");
        assert_eq!(card["group"], GROUP_ID);
        assert!(columns[1]["cards"][0]["group"].is_null());
        let count: usize = columns
            .iter()
            .map(|c| c["cards"].as_array().unwrap().len())
            .sum();
        assert_eq!(count, 6, "hidden cards too");
        assert_eq!(
            doc["groups"],
            json!([{"id": GROUP_ID, "title": "Code review", "votes": 3}])
        );
        assert_eq!(doc["actions"].as_array().unwrap().len(), 3);
        assert!(doc["actions"][2]["card_id"].is_null());
        assert_eq!(doc["actions"][0]["card_id"], 4);
        assert_eq!(
            doc["roti"][1],
            json!({"participant": "Bertil", "rating": 5})
        );
        let review = doc["review"].as_array().unwrap();
        assert_eq!(review[0]["review_status"], "done");
        assert_eq!(review[0]["retro_title"], "Sprint 47");
        assert!(review[1]["review_status"].is_null());
        assert_eq!(
            keys(&review[1]).len(),
            13,
            "an action object and review_status"
        );
    }

    #[test]
    fn an_anonymous_retro_names_no_author() {
        let (text, doc) = parse(&board(true));
        for name in AUTHORS {
            assert!(!text.contains(name), "{name} in:\n{text}");
        }
        assert!(doc["participants"].is_null());
        for column in doc["columns"].as_array().unwrap() {
            for card in column["cards"].as_array().unwrap() {
                assert!(card["author"].is_null());
            }
        }
        let ratings: Vec<&Value> = doc["roti"].as_array().unwrap().iter().collect();
        assert!(ratings.iter().all(|r| r["participant"].is_null()));
        let order: Vec<u64> = ratings
            .iter()
            .map(|r| r["rating"].as_u64().unwrap())
            .collect();
        assert_eq!(order, [3, 4, 4, 5]);
        assert_eq!(doc["settings"]["anonymous"], true);
    }
}
