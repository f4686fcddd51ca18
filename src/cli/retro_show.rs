//! `retriage retro show` as text for people at a terminal: the retro's
//! header and settings, each column's cards (every card, revealed or not,
//! with votes and group; the author only when the retro is not anonymous),
//! the groups, the actions, the review and the ROTI average. Text from
//! participants is sanitised and cut to its cell with `fit`.

use super::actions::write_action_table;
use super::output::fit;
use crate::domain::retro::{Card, RetroBoard};
use crate::domain::text::sanitize_line;
use crate::interop::retro::actions::{due_cell, iso_date};
use chrono::NaiveDate;
use std::io::{self, Write};

pub(super) fn write_board(
    board: &RetroBoard,
    today: NaiveDate,
    out: &mut dyn Write,
) -> io::Result<()> {
    write_header(board, out)?;
    let votes = board.votes_per_card();
    let anonymous = board.settings.anonymous;
    for (index, column) in board.template.columns.iter().enumerate() {
        let cards: Vec<&Card> = board.cards.iter().filter(|c| c.column == index).collect();
        writeln!(
            out,
            "\n{} ({} {}): {}",
            sanitize_line(&column.title),
            cards.len(),
            if cards.len() == 1 { "card" } else { "cards" },
            sanitize_line(&column.prompt)
        )?;
        if cards.is_empty() {
            continue;
        }
        let author_head = if anonymous {
            String::new()
        } else {
            format!("{:<16}  ", "AUTHOR")
        };
        writeln!(
            out,
            "{:>6}  {:>5}  {:<20}  {author_head}TEXT",
            "ID", "VOTES", "GROUP"
        )?;
        for card in cards {
            let group = card
                .group_id
                .and_then(|id| board.group(id))
                .map_or("–", |g| g.title.as_str());
            // `shown_author` is `None` in an anonymous retro.
            let author = match board.shown_author(card) {
                Some(name) => format!("{}  ", fit(name, 16)),
                None if anonymous => String::new(),
                None => format!("{}  ", fit("–", 16)),
            };
            writeln!(
                out,
                "{:>6}  {:>5}  {}  {author}{}",
                card.id,
                votes.get(&card.id).copied().unwrap_or(0),
                fit(group, 20),
                fit(&card.text, 60).trim_end()
            )?;
        }
    }
    if !board.groups.is_empty() {
        writeln!(out, "\nGroups:")?;
        writeln!(out, "{:>6}  {:>5}  {:>5}  TITLE", "ID", "CARDS", "VOTES")?;
        for group in &board.groups {
            let cards: Vec<&Card> = board
                .cards
                .iter()
                .filter(|c| c.group_id == Some(group.id))
                .collect();
            let total: u32 = cards
                .iter()
                .map(|c| votes.get(&c.id).copied().unwrap_or(0))
                .sum();
            writeln!(
                out,
                "{:>6}  {:>5}  {:>5}  {}",
                group.id,
                cards.len(),
                total,
                fit(&group.title, 40).trim_end()
            )?;
        }
    }
    if !board.actions.is_empty() {
        writeln!(out, "\nActions:")?;
        write_action_table(&board.actions, today, out)?;
    }
    write_review(board, today, out)?;
    if !board.roti.is_empty() {
        let sum: u32 = board.roti.iter().map(|(_, r)| u32::from(*r)).sum();
        let average = f64::from(sum) / board.roti.len() as f64;
        writeln!(
            out,
            "\nROTI: {average:.1} average from {} answers",
            board.roti.len()
        )?;
    }
    Ok(())
}

fn write_header(board: &RetroBoard, out: &mut dyn Write) -> io::Result<()> {
    let s = &board.settings;
    writeln!(out, "Retro {}: {}", board.id, sanitize_line(&board.title))?;
    writeln!(
        out,
        "Team {} · {} · {} · phase {}",
        sanitize_line(&board.team),
        sanitize_line(&board.template.name),
        iso_date(board.date),
        board.phase
    )?;
    let facilitator = board
        .facilitator
        .as_deref()
        .map_or("the person at the keyboard".to_string(), |f| {
            sanitize_line(f).into_owned()
        });
    // The roster would name the few people who wrote the cards.
    let participants = if s.anonymous {
        format!("{} (anonymous retro)", board.participants.len())
    } else if board.participants.is_empty() {
        "none".to_string()
    } else {
        sanitize_line(&board.participants.join(", ")).into_owned()
    };
    writeln!(
        out,
        "Facilitator: {facilitator} · Participants: {participants}"
    )?;
    let hidden = board.cards.iter().filter(|c| !c.revealed).count();
    let hiding = if s.hide_until_reveal {
        format!("cards hidden until the reveal ({hidden} still hidden)")
    } else {
        "cards shown as written".to_string()
    };
    writeln!(
        out,
        "Settings: {} votes per person, at most {} per card, {}, {}",
        s.votes_per_person,
        s.max_votes_per_card,
        if s.anonymous { "anonymous" } else { "named" },
        hiding
    )
}

fn write_review(board: &RetroBoard, today: NaiveDate, out: &mut dyn Write) -> io::Result<()> {
    if board.review.is_empty() {
        return Ok(());
    }
    writeln!(out, "\nReview of earlier actions:")?;
    writeln!(
        out,
        "{:>6}  {:<9}  {:<22}  {:<14}  {:<20}  TITLE",
        "ID", "REVIEW", "DUE", "OWNER", "RETRO"
    )?;
    for reviewed in &board.review {
        let a = &reviewed.action;
        writeln!(
            out,
            "{:>6}  {:<9}  {:<22}  {}  {}  {}",
            a.id,
            reviewed.review.map_or("–", |s| s.name()),
            due_cell(a, today),
            fit(a.owner.as_deref().unwrap_or("–"), 14),
            fit(&a.retro_title, 20),
            fit(&a.title, 50).trim_end()
        )?;
    }
    Ok(())
}
