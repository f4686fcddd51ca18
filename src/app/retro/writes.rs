//! Every change the retro board and the actions screen ask the runtime to
//! make. Each is carried out by one `service::retro` or `service::actions`
//! call in one transaction; the answer (`Msg::Written`) brings the retro
//! back as stored, with what undo needs.

use crate::domain::retro::actions::ActionStatus;
use crate::domain::retro::board::{Card, DeletedCard, Regrouped, RetroFlag, RetroSettings};
use crate::domain::retro::discussion::{TopicRef, TopicTimer};
use crate::domain::retro::phase::Phase;
use crate::domain::retro::voting::Vote;
use chrono::NaiveDate;

/// A retro export's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Markdown,
    Csv,
    Json,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 3] = [
        ExportFormat::Markdown,
        ExportFormat::Csv,
        ExportFormat::Json,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Markdown => "md",
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
        }
    }
}

/// What a new retro is made of.
#[derive(Debug, Clone, PartialEq)]
pub struct RetroDraft {
    pub team: String,
    pub title: String,
    /// Today when `None`.
    pub date: Option<chrono::NaiveDate>,
    pub template: String,
    pub facilitator: Option<String>,
    pub participants: Vec<String>,
    pub settings: RetroSettings,
}

/// An action item's fields as a form gives them.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionDraft {
    pub title: String,
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum RetroWrite {
    CreateRetro(RetroDraft),
    AddCard {
        retro_id: i64,
        column: usize,
        text: String,
        author: Option<String>,
    },
    EditCard {
        retro_id: i64,
        card_id: i64,
        text: String,
    },
    MoveCard {
        retro_id: i64,
        card_id: i64,
        column: usize,
    },
    DeleteCard {
        retro_id: i64,
        card_id: i64,
    },
    /// Undo of a delete: the card with its votes, actions and group, with
    /// their ids.
    RestoreCard {
        retro_id: i64,
        deleted: Box<DeletedCard>,
    },
    /// Puts cards in one new group.
    Group {
        retro_id: i64,
        card_ids: Vec<i64>,
        title: String,
    },
    /// Moves a card into a group, or out of any (`None`).
    SetGroup {
        retro_id: i64,
        card_id: i64,
        group_id: Option<i64>,
    },
    /// Undo of grouping: each card back where it was.
    UndoRegroup {
        retro_id: i64,
        moves: Vec<Regrouped>,
    },
    RenameGroup {
        retro_id: i64,
        group_id: i64,
        title: String,
    },
    Reveal {
        retro_id: i64,
        column: Option<usize>,
    },
    Vote {
        retro_id: i64,
        card_id: i64,
        participant: String,
    },
    Unvote {
        retro_id: i64,
        card_id: i64,
        participant: String,
    },
    /// Undo of a vote.
    RemoveVote {
        retro_id: i64,
        vote_id: i64,
    },
    /// Undo of taking a vote back (the same vote, same id).
    RestoreVote {
        retro_id: i64,
        vote: Vote,
    },
    SetPhase {
        retro_id: i64,
        phase: Phase,
    },
    ChangeLimits {
        retro_id: i64,
        votes_per_person: u32,
        max_votes_per_card: u32,
    },
    AddParticipant {
        retro_id: i64,
        name: String,
    },
    SetFlag {
        retro_id: i64,
        flag: RetroFlag,
        on: bool,
    },
    SaveTimer {
        retro_id: i64,
        topic: TopicRef,
        timer: TopicTimer,
    },
    SetRoti {
        retro_id: i64,
        participant: String,
        rating: u8,
    },
    Review {
        retro_id: i64,
        action_id: i64,
        status: ActionStatus,
    },
    Promote {
        retro_id: i64,
        card_id: i64,
    },
    AddAction {
        retro_id: i64,
        card_id: Option<i64>,
        group_id: Option<i64>,
        action: ActionDraft,
    },
    EditAction {
        action_id: i64,
        action: ActionDraft,
    },
    SetActionStatus {
        action_id: i64,
        status: ActionStatus,
    },
    DeleteAction {
        action_id: i64,
    },
    Export {
        retro_id: i64,
        format: ExportFormat,
        path: String,
        /// Whether an existing file may be replaced (asked first).
        replace: bool,
    },
    /// A write that takes an earlier one back (not itself undone).
    Undo(Box<RetroWrite>),
}

impl RetroWrite {
    /// The retro the write changes, when it names one.
    pub fn retro_id(&self) -> Option<i64> {
        use RetroWrite::*;
        match self {
            CreateRetro(_) | EditAction { .. } | SetActionStatus { .. } | DeleteAction { .. } => {
                None
            }
            AddCard { retro_id, .. }
            | EditCard { retro_id, .. }
            | MoveCard { retro_id, .. }
            | DeleteCard { retro_id, .. }
            | RestoreCard { retro_id, .. }
            | Group { retro_id, .. }
            | SetGroup { retro_id, .. }
            | UndoRegroup { retro_id, .. }
            | RenameGroup { retro_id, .. }
            | Reveal { retro_id, .. }
            | Vote { retro_id, .. }
            | Unvote { retro_id, .. }
            | RemoveVote { retro_id, .. }
            | RestoreVote { retro_id, .. }
            | SetPhase { retro_id, .. }
            | ChangeLimits { retro_id, .. }
            | AddParticipant { retro_id, .. }
            | SetFlag { retro_id, .. }
            | SaveTimer { retro_id, .. }
            | SetRoti { retro_id, .. }
            | Review { retro_id, .. }
            | Promote { retro_id, .. }
            | AddAction { retro_id, .. }
            | Export { retro_id, .. } => Some(*retro_id),
            Undo(inner) => inner.retro_id(),
        }
    }
}

/// What a write handed back that undo or the footer needs.
#[derive(Debug, Clone, PartialEq)]
pub enum Written {
    Nothing,
    /// A new retro, card, group or action: its id.
    Created(i64),
    /// The card as it was before an edit or move.
    CardBefore(Box<Card>),
    /// A deleted card with everything that referred to it.
    CardDeleted(Box<DeletedCard>),
    /// Where cards were before they changed groups.
    Regrouped(Vec<Regrouped>),
    /// The vote cast or taken back.
    Vote(Vote),
    /// The retro an action item belongs to (after an action write).
    ActionOf(i64),
    /// Votes removed by lowering a limit.
    VotesRemoved(usize),
    /// Cards revealed.
    Revealed(usize),
    /// The feedback item a card became.
    Promoted(i64),
    /// Where an export was written.
    Exported(String),
}
