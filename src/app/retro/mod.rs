//! The retro board screen: pick or create a retro, then run it phase by
//! phase (Review → Collect → Group → Vote → Discuss → Actions → Close).
//!
//! - `mod.rs` (here): the screen's state, the rows each phase lists, and the
//!   answers that come back from the store (`Msg`);
//! - `keys`: what each command does in each phase (`on_command`);
//! - `forms`: the retro's forms; `writes`: every change it asks for.
//!
//! The screen holds the retro as last read (`RetroBoard`); every change is a
//! `RetroWrite` the runtime carries out through the service, and the answer
//! brings the retro back as stored. The person at the keyboard writes and
//! votes as the selected participant (`p` cycles); with hide-until-reveal,
//! other participants' cards are placeholders until revealed. Discussion
//! timers run here (the runtime ticks once a second while one runs) and are
//! saved, paused, when the facilitator moves to another topic.

pub mod forms;
mod keys;
pub mod writes;

use super::effect::Effect;
use super::outcome::Outcome;
use crate::config::Command;
use crate::domain::retro::board::{Card, is_visible};
use crate::domain::retro::discussion::{DEFAULT_TOPIC_MINUTES, Topic, TopicRef, TopicTimer};
use crate::domain::retro::record::{RetroBoard, RetroSummary};
use crate::domain::retro::template::Template;
use std::collections::HashMap;
use writes::{RetroWrite, Written};

/// Answers from the store for the retro screen.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// The templates on offer (shipped and the user's own), or why they
    /// could not be read (a broken user file, with its path and line).
    Templates(Result<Vec<Template>, String>),
    /// Every retro, newest first.
    List(Vec<RetroSummary>),
    /// A retro read in full.
    Loaded(Box<RetroBoard>),
    /// An export would replace an existing file: ask first.
    FileExists {
        write: Box<RetroWrite>,
        path: String,
    },
    /// A write went through: what was asked, what it handed back, and the
    /// retro as it is now (`None` when the write was not about one retro).
    Written {
        write: Box<RetroWrite>,
        written: Written,
        board: Option<Box<RetroBoard>>,
    },
}

/// What undo takes back on the board.
#[derive(Debug, Clone, PartialEq)]
pub struct RetroUndo {
    pub write: RetroWrite,
    pub what: String,
}

/// How many board changes `u` can take back.
const UNDO_DEPTH: usize = 100;

/// How often a running countdown's time is saved, in ms.
const TIMER_SAVE_MS: i64 = 5_000;

#[derive(Debug, Default)]
pub struct RetroScreen {
    pub templates: Vec<Template>,
    /// Why no templates could be read (a broken user template file).
    pub template_error: Option<String>,
    pub retros: Vec<RetroSummary>,
    /// The selected retro in the list.
    pub picked: usize,
    /// The open retro.
    pub board: Option<RetroBoard>,
    /// Who writes and votes now: an index into `board.voters()`.
    pub participant: usize,
    /// The selected column (Collect, Group).
    pub column: usize,
    /// The selected row of the phase's list (cards of the column, topics,
    /// review items, actions, ROTI rows).
    pub row: usize,
    /// A card marked to be grouped with the next one marked.
    pub marked: Option<i64>,
    /// Discussion countdowns, per topic; the running one ticks.
    pub timers: HashMap<TopicRef, TopicTimer>,
    /// The time of the last tick (Unix ms), for the countdown.
    pub now_ms: i64,
    /// When a running countdown's time was last saved (Unix ms).
    pub timer_saved_ms: i64,
    pub undo: Vec<RetroUndo>,
}

/// One row of the Actions phase: a topic, or an action under it.
#[derive(Debug, Clone, PartialEq)]
pub enum ActionRow {
    Topic(Topic),
    Action(i64),
}

impl RetroScreen {
    /// The participant writing and voting now.
    pub fn participant(&self) -> Option<String> {
        let board = self.board.as_ref()?;
        let voters = board.voters();
        voters
            .get(self.participant.min(voters.len().saturating_sub(1)))
            .cloned()
    }

    /// The cards of a column, oldest first.
    pub fn column_cards(&self, column: usize) -> Vec<&Card> {
        self.board
            .as_ref()
            .map(|b| b.cards.iter().filter(|c| c.column == column).collect())
            .unwrap_or_default()
    }

    /// The selected card (Collect, Group).
    pub fn selected_card(&self) -> Option<&Card> {
        self.column_cards(self.column).get(self.row).copied()
    }

    /// Whether the person at the keyboard may read a card now.
    pub fn can_read(&self, card: &Card) -> bool {
        let viewer = self.participant();
        self.board
            .as_ref()
            .is_some_and(|b| is_visible(card, &b.settings, viewer.as_deref()))
    }

    /// Topics for voting: in card order while tallies are hidden (an order
    /// by votes would give them away), else in vote order.
    pub fn vote_topics(&self) -> Vec<Topic> {
        let Some(board) = &self.board else {
            return vec![];
        };
        let mut topics = board.topics();
        if board.tallies_hidden {
            topics.sort_by_key(|t| t.card_ids.iter().min().copied());
        }
        topics
    }

    /// A topic's title as the person at the keyboard may see it: a card
    /// still hidden from them shows as a placeholder.
    pub fn topic_title(&self, topic: &Topic) -> String {
        let hidden = self.board.as_ref().is_some_and(|b| {
            topic
                .card_ids
                .iter()
                .filter_map(|id| b.card(*id))
                .any(|c| !self.can_read(c))
        });
        if hidden {
            "▒▒▒▒▒▒ hidden card".into()
        } else {
            topic.title.clone()
        }
    }

    /// The action items that came from a topic (its group or its card).
    pub fn topic_actions(&self, topic: &Topic) -> Vec<&crate::domain::retro::actions::ActionItem> {
        let Some(board) = &self.board else {
            return vec![];
        };
        board
            .actions
            .iter()
            .filter(|a| match topic.topic {
                TopicRef::Group(g) => {
                    a.group_id == Some(g) || a.card_id.is_some_and(|c| topic.card_ids.contains(&c))
                }
                TopicRef::Card(c) => a.card_id == Some(c),
            })
            .collect()
    }

    /// The topics of the discussion, most votes first.
    pub fn discuss_topics(&self) -> Vec<Topic> {
        self.board
            .as_ref()
            .map(RetroBoard::topics)
            .unwrap_or_default()
    }

    /// A topic's countdown (a fresh one when it has none yet).
    pub fn timer(&self, topic: TopicRef) -> TopicTimer {
        self.timers
            .get(&topic)
            .copied()
            .unwrap_or_else(|| TopicTimer::new(DEFAULT_TOPIC_MINUTES * 60))
    }

    /// The commands the footer offers now: those of the current phase (or
    /// of the list of retros), beside quitting, help and the phase moves.
    #[rustfmt::skip]
    pub fn hint_commands(&self) -> &'static [Command] {
        use crate::domain::retro::phase::Phase;
        use Command::*;
        match self.board.as_ref().map(|b| b.phase) {
            None => &[Help, Quit, Open, Add],
            Some(Phase::Review) => &[Help, Quit, NextPhase, PreviousPhase, NextStatus, Back],
            Some(Phase::Collect) => &[
                Help, Quit, NextPhase, PreviousPhase, Add, NextParticipant, RevealColumn, Edit,
                Delete, Undo, MoveCardRight, Promote,
            ],
            Some(Phase::Group) => &[
                Help, Quit, NextPhase, PreviousPhase, Merge, Ungroup, Edit, Undo, Promote,
            ],
            Some(Phase::Vote) => &[
                Help, Quit, NextPhase, PreviousPhase, Increase, Decrease, NextParticipant,
                ToggleTallies, ChangeLimits, Undo,
            ],
            Some(Phase::Discuss) => &[Help, Quit, NextPhase, PreviousPhase, ToggleTimer, Increase],
            Some(Phase::Actions) => &[
                Help, Quit, NextPhase, PreviousPhase, Add, Edit, NextStatus, Delete,
            ],
            Some(Phase::Close) => &[
                Help, Quit, PreviousPhase, Increase, Decrease, NextParticipant, Export,
            ],
        }
    }

    /// A clock tick: every few seconds a running countdown's time is saved,
    /// so a kill or a lost terminal costs at most that much of it.
    pub fn tick(&mut self, now_ms: i64) -> Vec<Effect> {
        self.now_ms = now_ms;
        let Some(board) = &self.board else {
            return vec![];
        };
        if !self.timer_running() || now_ms - self.timer_saved_ms < TIMER_SAVE_MS {
            return vec![];
        }
        self.timer_saved_ms = now_ms;
        let retro_id = board.id;
        self.timers
            .iter()
            .filter(|(_, t)| t.is_running())
            .map(|(topic, timer)| {
                write(RetroWrite::SaveTimer {
                    retro_id,
                    topic: *topic,
                    timer: *timer,
                })
            })
            .collect()
    }

    /// Whether a countdown runs (the runtime then ticks once a second).
    pub fn timer_running(&self) -> bool {
        self.timers.values().any(TopicTimer::is_running)
    }

    /// The Actions phase's rows: each topic, then its actions; then the
    /// actions tied to no topic.
    pub fn action_rows(&self) -> Vec<ActionRow> {
        let Some(board) = &self.board else {
            return vec![];
        };
        let mut rows = Vec::new();
        let mut listed = Vec::new();
        for topic in board.topics() {
            let ids: Vec<i64> = board
                .actions
                .iter()
                .filter(|a| match topic.topic {
                    TopicRef::Group(g) => a.group_id == Some(g),
                    TopicRef::Card(c) => a.card_id == Some(c) && a.group_id.is_none(),
                })
                .map(|a| a.id)
                .collect();
            rows.push(ActionRow::Topic(topic));
            listed.extend(ids.iter().copied());
            rows.extend(ids.into_iter().map(ActionRow::Action));
        }
        rows.extend(
            board
                .actions
                .iter()
                .filter(|a| !listed.contains(&a.id))
                .map(|a| ActionRow::Action(a.id)),
        );
        rows
    }

    /// How many rows the current phase lists (for moving the selection).
    pub fn row_count(&self) -> usize {
        use crate::domain::retro::phase::Phase;
        let Some(board) = &self.board else {
            return self.retros.len();
        };
        match board.phase {
            Phase::Review => board.review.len(),
            Phase::Collect | Phase::Group => self.column_cards(self.column).len(),
            Phase::Vote => self.vote_topics().len(),
            Phase::Discuss => self.discuss_topics().len(),
            Phase::Actions => self.action_rows().len(),
            Phase::Close => board.voters().len(),
        }
    }

    fn clamp_selection(&mut self) {
        if let Some(board) = &self.board {
            self.column = self
                .column
                .min(board.template.columns.len().saturating_sub(1));
            let voters = board.voters().len();
            self.participant = self.participant.min(voters.saturating_sub(1));
            self.row = self.row.min(self.row_count().saturating_sub(1));
        } else {
            self.picked = self.picked.min(self.retros.len().saturating_sub(1));
        }
    }

    /// Keeps the running timer's time and stops it, returning the write
    /// that saves it (leaving a topic or the phase never loses its time).
    pub(crate) fn pause_running_timer(&mut self) -> Vec<Effect> {
        let Some(board) = &self.board else {
            return vec![];
        };
        let now = self.now_ms;
        let retro_id = board.id;
        let mut effects = Vec::new();
        for (topic, timer) in self.timers.iter_mut().filter(|(_, t)| t.is_running()) {
            timer.pause(now);
            effects.push(write(RetroWrite::SaveTimer {
                retro_id,
                topic: *topic,
                timer: *timer,
            }));
        }
        effects
    }

    /// The topic on the selected row (Vote, Discuss), so the selection can
    /// follow it when the list re-sorts.
    fn selected_topic(&self) -> Option<TopicRef> {
        use crate::domain::retro::phase::Phase;
        let topics = match self.board.as_ref()?.phase {
            Phase::Vote => self.vote_topics(),
            Phase::Discuss => self.discuss_topics(),
            _ => return None,
        };
        topics.get(self.row).map(|t| t.topic)
    }

    fn show_board(&mut self, board: RetroBoard) {
        let reopened = self.board.as_ref().map(|b| b.id) != Some(board.id);
        let topic = self.selected_topic();
        if reopened {
            // A retro opened afresh resumes with its timers paused.
            self.timers = board.timers.clone();
            for timer in self.timers.values_mut() {
                timer.running_since = None;
            }
            self.row = 0;
            self.column = 0;
            self.marked = None;
            self.undo.clear();
        }
        self.board = Some(board);
        // A vote re-sorts the topics: the selection stays on its topic.
        if let Some(topic) = topic.filter(|_| !reopened) {
            let topics = match self.board.as_ref().map(|b| b.phase) {
                Some(crate::domain::retro::phase::Phase::Vote) => self.vote_topics(),
                _ => self.discuss_topics(),
            };
            if let Some(at) = topics.iter().position(|t| t.topic == topic) {
                self.row = at;
            }
        }
        // Votes removed meanwhile (a lowered limit) can no longer be taken
        // back; drop their undo entries.
        if let Some(board) = &self.board {
            self.undo.retain(|u| match &u.write {
                RetroWrite::Undo(inner) => match &**inner {
                    RetroWrite::RemoveVote { vote_id, .. } => {
                        board.votes.iter().any(|v| v.id == *vote_id)
                    }
                    _ => true,
                },
                _ => true,
            });
        }
        self.clamp_selection();
    }

    pub fn on_msg(&mut self, msg: Msg) -> Outcome {
        match msg {
            Msg::Templates(Ok(templates)) => {
                self.templates = templates;
                self.template_error = None;
            }
            Msg::Templates(Err(message)) => {
                self.templates.clear();
                self.template_error = Some(message.clone());
                return Outcome {
                    notice: Some(super::Notice::Error(message)),
                    ..Outcome::none()
                };
            }
            Msg::List(retros) => {
                self.retros = retros;
                self.clamp_selection();
            }
            Msg::Loaded(board) => self.show_board(*board),
            Msg::FileExists { write, path } => {
                let mut again = *write;
                if let RetroWrite::Export { replace, .. } = &mut again {
                    *replace = true;
                }
                return Outcome::request(super::outcome::Request::Ask(
                    super::overlay::Question::new(
                        format!("{path} exists. Replace it? (y/n)"),
                        super::overlay::Pending::Write(Box::new(again)),
                    ),
                ));
            }
            Msg::Written {
                write,
                written,
                board,
            } => return self.written(*write, written, board.map(|b| *b)),
        }
        Outcome::none()
    }

    /// A write went through: show the retro as stored, remember how to take
    /// the change back, and say what happened.
    fn written(
        &mut self,
        write: RetroWrite,
        written: Written,
        board: Option<RetroBoard>,
    ) -> Outcome {
        let open = self.board.as_ref().map(|b| b.id);
        if let Some(board) = board
            && Some(board.id) == open
        {
            self.show_board(board);
        }
        let mut effects = Vec::new();
        if matches!(write, RetroWrite::CreateRetro(_)) {
            effects.push(Effect::Retro(RetroRequest::LoadList));
            if let Written::Created(id) = written {
                effects.push(Effect::Retro(RetroRequest::Load(id)));
            }
        }
        if let Some(undo) = undo_of(&write, &written) {
            self.undo.push(undo);
            if self.undo.len() > UNDO_DEPTH {
                self.undo.remove(0);
            }
        }
        let mut outcome = Outcome::effects(effects);
        if let Some(text) = describe(&write, &written) {
            outcome = outcome.with_info(text);
        }
        outcome
    }
}

/// What the retro screen asks the runtime to read or write.
#[derive(Debug, Clone, PartialEq)]
pub enum RetroRequest {
    /// Answer with `Msg::Templates`.
    LoadTemplates,
    /// Answer with `Msg::List`.
    LoadList,
    /// Answer with `Msg::Loaded`.
    Load(i64),
    /// Answer with `Msg::Written` (and, for action items, the actions
    /// screen's list again).
    Write(RetroWrite),
    /// Every action item; answer with `action_items::Msg::Loaded`.
    LoadActions,
}

pub(crate) fn write(w: RetroWrite) -> Effect {
    Effect::Retro(RetroRequest::Write(w))
}

/// The write that takes a change back, if it can be taken back.
fn undo_of(write: &RetroWrite, written: &Written) -> Option<RetroUndo> {
    let retro_id = write.retro_id()?;
    let (undo, what) = match (write, written) {
        (RetroWrite::AddCard { .. }, Written::Created(id)) => (
            RetroWrite::DeleteCard {
                retro_id,
                card_id: *id,
            },
            "adding a card",
        ),
        (RetroWrite::EditCard { card_id, .. }, Written::CardBefore(card)) => (
            RetroWrite::EditCard {
                retro_id,
                card_id: *card_id,
                text: card.text.clone(),
            },
            "an edit",
        ),
        (RetroWrite::MoveCard { card_id, .. }, Written::CardBefore(card)) => (
            RetroWrite::MoveCard {
                retro_id,
                card_id: *card_id,
                column: card.column,
            },
            "a move",
        ),
        (RetroWrite::DeleteCard { .. }, Written::CardDeleted(deleted)) => (
            RetroWrite::RestoreCard {
                retro_id,
                deleted: deleted.clone(),
            },
            "a delete",
        ),
        (RetroWrite::Group { .. } | RetroWrite::SetGroup { .. }, Written::Regrouped(moves)) => (
            RetroWrite::UndoRegroup {
                retro_id,
                moves: moves.clone(),
            },
            "grouping",
        ),
        (RetroWrite::Vote { .. }, Written::Vote(vote)) => (
            RetroWrite::RemoveVote {
                retro_id,
                vote_id: vote.id,
            },
            "a vote",
        ),
        (RetroWrite::Unvote { .. }, Written::Vote(vote)) => (
            RetroWrite::RestoreVote {
                retro_id,
                vote: vote.clone(),
            },
            "taking a vote back",
        ),
        _ => return None,
    };
    Some(RetroUndo {
        write: RetroWrite::Undo(Box::new(undo)),
        what: what.to_string(),
    })
}

/// A footer line for a write, when it says more than the board shows.
fn describe(write: &RetroWrite, written: &Written) -> Option<String> {
    Some(match (write, written) {
        (RetroWrite::CreateRetro(draft), _) => format!("Created the retro “{}”", draft.title),
        (RetroWrite::Reveal { .. }, Written::Revealed(n)) => format!("Revealed {n} cards"),
        (RetroWrite::ChangeLimits { .. }, Written::VotesRemoved(0)) => "Vote limits changed".into(),
        (RetroWrite::ChangeLimits { .. }, Written::VotesRemoved(n)) => {
            format!("Vote limits changed; the {n} most recent votes above them were removed")
        }
        (RetroWrite::Promote { .. }, Written::Promoted(id)) => {
            format!("The card is feedback item {id} (source retro) in triage")
        }
        (RetroWrite::Export { .. }, Written::Exported(path)) => format!("Exported to {path}"),
        (RetroWrite::SetPhase { phase, .. }, _) => format!("Phase: {}", phase.title()),
        _ => return None,
    })
}
