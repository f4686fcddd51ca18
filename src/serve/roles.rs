//! Who may do what in a served retro, decided on the server: `authorize`
//! checks every write a session asks for against the writer's role and the
//! retro as stored, and `board_for` cuts the retro down to what one person
//! may receive (no hidden card's text, no author in an anonymous retro, no
//! one else's votes while tallies are hidden). The screens only ever get
//! the cut-down board, so nothing they draw can leak more.

use crate::app::retro::writes::RetroWrite;
use crate::domain::retro::board::is_visible;
use crate::domain::retro::record::RetroBoard;

/// What a key in the allow-list may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Runs the retro: phases, reveal, grouping, timer, actions, settings.
    Facilitator,
    /// Writes their own cards and casts their own votes.
    Participant,
}

/// Who is at the other end of a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub name: String,
    pub role: Role,
}

impl Identity {
    pub fn is_facilitator(&self) -> bool {
        self.role == Role::Facilitator
    }
}

/// Why a write was refused, as the footer says it.
fn facilitator_only() -> String {
    "Only the facilitator can do that; nothing changed".into()
}

/// Whether `who` may make `write` to the served retro `board`; the error
/// is the notice to show.
pub fn authorize(who: &Identity, write: &RetroWrite, board: &RetroBoard) -> Result<(), String> {
    use RetroWrite::*;
    let about_this_retro = match write {
        EditAction { action_id, .. }
        | SetActionStatus { action_id, .. }
        | DeleteAction { action_id } => board.actions.iter().any(|a| a.id == *action_id),
        other => other.retro_id() == Some(board.id),
    };
    if !about_this_retro {
        return Err("Only the served retro can be changed here; nothing changed".into());
    }
    match write {
        CreateRetro(_) => Err("New retros are made on the server; nothing changed".into()),
        Export { .. } => {
            Err("Exports are written on the server (retriage retro export); nothing changed".into())
        }
        _ if who.is_facilitator() => Ok(()),
        AddCard { author, .. } => own(who, author.as_deref(), "write cards"),
        EditCard { card_id, .. } | MoveCard { card_id, .. } | DeleteCard { card_id, .. } => {
            let author = board.card(*card_id).and_then(|c| c.author.as_deref());
            own(who, author, "change cards")
        }
        RestoreCard { deleted, .. } => own(who, deleted.card.author.as_deref(), "change cards"),
        Vote { participant, .. } | Unvote { participant, .. } => {
            own(who, Some(participant), "vote")
        }
        RemoveVote { vote_id, .. } => {
            let voter = board.votes.iter().find(|v| v.id == *vote_id);
            own(who, voter.map(|v| v.participant.as_str()), "vote")
        }
        RestoreVote { vote, .. } => own(who, Some(&vote.participant), "vote"),
        SetRoti { participant, .. } => own(who, Some(participant), "rate the retro"),
        Undo(inner) => authorize(who, inner, board),
        _ => Err(facilitator_only()),
    }
}

/// A participant acts only as themselves.
fn own(who: &Identity, subject: Option<&str>, what: &str) -> Result<(), String> {
    if subject == Some(who.name.as_str()) {
        Ok(())
    } else {
        Err(format!(
            "You can only {what} as yourself ({}); nothing changed",
            who.name
        ))
    }
}

/// The retro as `who` may receive it: other people's hidden cards without
/// their text or author (the facilitator's too: over SSH nobody reads a
/// card before the reveal), no authors at all in an anonymous retro, and,
/// for a participant, only their own votes while tallies are hidden.
pub fn board_for(who: &Identity, board: &RetroBoard) -> RetroBoard {
    let mut shown = board.clone();
    let settings = board.settings;
    for card in &mut shown.cards {
        if !is_visible(card, &settings, Some(&who.name)) {
            card.text.clear();
            card.author = None;
        }
        if settings.anonymous {
            card.author = None;
        }
    }
    if board.tallies_hidden && !who.is_facilitator() {
        shown.votes.retain(|v| v.participant == who.name);
    }
    shown
}

#[cfg(test)]
mod tests;
