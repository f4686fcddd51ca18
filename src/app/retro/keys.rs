//! What each command does on the retro screen, phase by phase. A command
//! the retro mode binds but the current phase has no use for says so in the
//! footer; nothing falls through to another screen.

use super::forms;
use super::writes::{ActionDraft, RetroWrite};
use super::{ActionRow, RetroRequest, RetroScreen, write};
use crate::app::effect::Effect;
use crate::app::outcome::{Outcome, Request};
use crate::app::overlay::{Pending, Question};
use crate::config::Command;
use crate::domain::retro::board::RetroFlag;
use crate::domain::retro::discussion::TopicRef;
use crate::domain::retro::phase::Phase;
use crate::domain::retro::voting::{TopicMap, check_vote};

fn ask(text: String, then: RetroWrite) -> Outcome {
    Outcome::request(Request::Ask(Question::new(
        text,
        Pending::Write(Box::new(then)),
    )))
}

fn form(form: crate::app::form::Form) -> Outcome {
    Outcome::request(Request::OpenForm(form))
}

impl RetroScreen {
    /// Handles a command of the retro mode; `None` for any other command.
    pub fn on_command(&mut self, command: Command) -> Option<Outcome> {
        use Command::*;
        if !matches!(
            command,
            MoveDown
                | MoveUp
                | Top
                | Bottom
                | ColumnLeft
                | ColumnRight
                | NextPhase
                | PreviousPhase
                | Open
                | Back
                | Add
                | Edit
                | Delete
                | Undo
                | NextParticipant
                | PreviousParticipant
                | RevealColumn
                | RevealAll
                | MoveCardLeft
                | MoveCardRight
                | Merge
                | Ungroup
                | Increase
                | Decrease
                | ToggleTimer
                | NextStatus
                | Promote
                | Export
                | ChangeLimits
                | AddParticipant
                | ToggleTallies
        ) {
            return None;
        }
        if self.board.is_none() {
            return Some(self.on_picker_command(command));
        }
        Some(match command {
            MoveDown => self.move_row(1),
            MoveUp => self.move_row(-1),
            Top => self.move_row(isize::MIN),
            Bottom => self.move_row(isize::MAX),
            NextPhase | PreviousPhase => self.step_phase(command == NextPhase),
            Back => {
                let mut effects = self.pause_running_timer();
                self.board = None;
                // The list shows the retro's phase and counts as they are now.
                effects.push(Effect::Retro(RetroRequest::LoadList));
                Outcome::effects(effects)
            }
            Undo => match self.undo.pop() {
                Some(undo) => {
                    Outcome::effect(write(undo.write)).with_info(format!("Undid {}", undo.what))
                }
                None => Outcome::info("Nothing to undo on the board"),
            },
            NextParticipant | PreviousParticipant => {
                let n = self.board.as_ref().map_or(0, |b| b.voters().len());
                if n > 0 {
                    let step = if command == NextParticipant { 1 } else { n - 1 };
                    self.participant = (self.participant + step) % n;
                }
                Outcome::info(match self.participant() {
                    Some(p) => format!("Writing and voting as {p}"),
                    None => "Nobody to write as: add a participant (A)".into(),
                })
            }
            AddParticipant => form(forms::add_participant(self.board_id())),
            ToggleTallies => {
                let board = self.board.as_ref()?;
                let on = !board.tallies_hidden;
                Outcome::effect(write(RetroWrite::SetFlag {
                    retro_id: board.id,
                    flag: RetroFlag::TalliesHidden,
                    on,
                }))
                .with_info(if on {
                    "Tallies hidden until the Vote phase ends"
                } else {
                    "Tallies shown"
                })
            }
            ChangeLimits => {
                let board = self.board.as_ref()?;
                form(forms::limits(board.id, &board.settings))
            }
            Export => {
                let board = self.board.as_ref()?;
                let path = format!("retro-{}-{}.md", board.id, board.date);
                form(forms::export(board.id, &path))
            }
            _ => self.on_phase_command(command),
        })
    }

    fn board_id(&self) -> i64 {
        self.board.as_ref().map_or(0, |b| b.id)
    }

    fn on_picker_command(&mut self, command: Command) -> Outcome {
        let last = self.retros.len().saturating_sub(1);
        match command {
            Command::MoveDown => self.picked = (self.picked + 1).min(last),
            Command::MoveUp => self.picked = self.picked.saturating_sub(1),
            Command::Top => self.picked = 0,
            Command::Bottom => self.picked = last,
            Command::Open => {
                if let Some(retro) = self.retros.get(self.picked) {
                    return Outcome::effect(Effect::Retro(RetroRequest::Load(retro.id)));
                }
            }
            Command::Add => {
                if self.templates.is_empty() {
                    let why = self
                        .template_error
                        .clone()
                        .unwrap_or_else(|| "no retro templates could be read".to_string());
                    return Outcome {
                        notice: Some(crate::app::Notice::Error(format!(
                            "Cannot start a retro: {why}"
                        ))),
                        ..Outcome::none()
                    };
                }
                let team = self.retros.get(self.picked).map_or("", |r| r.team.as_str());
                return form(forms::new_retro(&self.templates, team));
            }
            _ => return Outcome::info("Open a retro first (enter), or start a new one (a)"),
        }
        Outcome::none()
    }

    fn move_row(&mut self, delta: isize) -> Outcome {
        let last = self.row_count().saturating_sub(1);
        let before = self.topic_at_row();
        self.row = self.row.saturating_add_signed(delta).min(last);
        // Leaving a topic keeps its time: its clock is paused and saved.
        if self.phase() == Some(Phase::Discuss) && self.topic_at_row() != before {
            return Outcome::effects(self.pause_running_timer());
        }
        Outcome::none()
    }

    fn phase(&self) -> Option<Phase> {
        self.board.as_ref().map(|b| b.phase)
    }

    fn step_phase(&mut self, forward: bool) -> Outcome {
        let Some(board) = &self.board else {
            return Outcome::none();
        };
        let target = if forward {
            board.phase.next()
        } else {
            board.phase.previous()
        };
        let Some(phase) = target else {
            return Outcome::info(if forward {
                "Close is the last phase"
            } else {
                "Review is the first phase"
            });
        };
        let set = RetroWrite::SetPhase {
            retro_id: board.id,
            phase,
        };
        let hidden = board
            .cards
            .iter()
            .filter(|c| board.settings.hide_until_reveal && !c.revealed)
            .count();
        let from = board.phase;
        let mut effects = self.pause_running_timer();
        self.row = 0;
        self.marked = None;
        if forward && hidden > 0 && from == Phase::Collect {
            let cards = if hidden == 1 {
                "1 card is".to_string()
            } else {
                format!("{hidden} cards are")
            };
            let text = format!(
                "{cards} still hidden. Move on to {} anyway? They stay hidden until revealed (r, R). (y/n)",
                phase.title()
            );
            let mut outcome = ask(text, set);
            outcome.effects.append(&mut effects);
            return outcome;
        }
        effects.push(write(set));
        Outcome::effects(effects)
    }

    /// The discussion topic of the selected row (Discuss).
    fn topic_at_row(&self) -> Option<TopicRef> {
        (self.phase() == Some(Phase::Discuss))
            .then(|| self.discuss_topics().get(self.row).map(|t| t.topic))
            .flatten()
    }

    fn nothing_here(&self, command: Command) -> Outcome {
        let phase = self.phase().map_or("", Phase::title);
        Outcome::info(format!(
            "{} does nothing in the {phase} phase",
            command.name()
        ))
    }

    fn on_phase_command(&mut self, command: Command) -> Outcome {
        match self.phase() {
            Some(Phase::Review) => self.on_review(command),
            Some(Phase::Collect | Phase::Group) => self.on_board(command),
            Some(Phase::Vote) => self.on_vote(command),
            Some(Phase::Discuss) => self.on_discuss(command),
            Some(Phase::Actions) => self.on_actions(command),
            Some(Phase::Close) => self.on_close(command),
            None => Outcome::none(),
        }
    }

    fn on_review(&mut self, command: Command) -> Outcome {
        let Some(board) = &self.board else {
            return Outcome::none();
        };
        match (command, board.review.get(self.row)) {
            (Command::NextStatus, Some(item)) => {
                let current = item.review.unwrap_or(item.action.status);
                Outcome::effect(write(RetroWrite::Review {
                    retro_id: board.id,
                    action_id: item.action.id,
                    status: current.next(),
                }))
            }
            _ => self.nothing_here(command),
        }
    }

    fn on_board(&mut self, command: Command) -> Outcome {
        let Some(board) = &self.board else {
            return Outcome::none();
        };
        let columns = board.template.columns.len();
        let retro_id = board.id;
        let card = self.selected_card().cloned();
        let readable = card.as_ref().is_some_and(|c| self.can_read(c));
        match command {
            Command::ColumnLeft | Command::ColumnRight => {
                let step = if command == Command::ColumnRight {
                    1
                } else {
                    columns - 1
                };
                self.column = (self.column + step) % columns.max(1);
                self.row = 0;
                Outcome::none()
            }
            Command::Add => {
                let column_title = board.column_title(self.column).to_string();
                let people = board.voters();
                form(forms::add_card(
                    retro_id,
                    self.column,
                    &column_title,
                    &people,
                    self.participant().as_deref(),
                ))
            }
            Command::Edit => match (card, readable) {
                (Some(card), true) => {
                    match (board.phase, card.group_id.and_then(|g| board.group(g))) {
                        (Phase::Group, Some(group)) => {
                            form(forms::rename_group(retro_id, group.id, &group.title))
                        }
                        _ => form(forms::edit_card(retro_id, card.id, &card.text)),
                    }
                }
                (Some(_), false) => Outcome::info("That card is hidden until revealed"),
                (None, _) => Outcome::none(),
            },
            Command::Delete => match card {
                Some(card) => {
                    let text = if readable {
                        format!("Delete the card “{}”? (y/n)", first_line(&card.text))
                    } else {
                        "Delete this hidden card unread? It cannot be revealed afterwards, though u undoes it. (y/n)".into()
                    };
                    ask(
                        text,
                        RetroWrite::DeleteCard {
                            retro_id,
                            card_id: card.id,
                        },
                    )
                }
                None => Outcome::none(),
            },
            Command::MoveCardLeft | Command::MoveCardRight => match card {
                Some(card) if columns > 1 => {
                    let step = if command == Command::MoveCardRight {
                        1
                    } else {
                        columns - 1
                    };
                    let column = (card.column + step) % columns;
                    self.column = column;
                    self.row = self.column_cards(column).len();
                    Outcome::effect(write(RetroWrite::MoveCard {
                        retro_id,
                        card_id: card.id,
                        column,
                    }))
                }
                _ => Outcome::none(),
            },
            Command::RevealColumn => Outcome::effect(write(RetroWrite::Reveal {
                retro_id,
                column: Some(self.column),
            })),
            Command::RevealAll => Outcome::effect(write(RetroWrite::Reveal {
                retro_id,
                column: None,
            })),
            Command::Merge => self.mark_for_group(card),
            Command::Ungroup => match card {
                Some(card) if card.group_id.is_some() => {
                    Outcome::effect(write(RetroWrite::SetGroup {
                        retro_id,
                        card_id: card.id,
                        group_id: None,
                    }))
                }
                _ => Outcome::info("That card is in no group"),
            },
            Command::Promote => match (card, readable) {
                (Some(card), true) => Outcome::effect(write(RetroWrite::Promote {
                    retro_id,
                    card_id: card.id,
                })),
                _ => Outcome::none(),
            },
            _ => self.nothing_here(command),
        }
    }

    /// `m` on one card marks it; `m` on another groups the two (joining the
    /// group either is in, or asking a name for a new one).
    fn mark_for_group(&mut self, card: Option<crate::domain::retro::board::Card>) -> Outcome {
        let Some(board) = &self.board else {
            return Outcome::none();
        };
        let Some(card) = card else {
            return Outcome::none();
        };
        if !self.can_read(&card) {
            return Outcome::info("Reveal the card before grouping it");
        }
        let Some(first_id) = self.marked.filter(|id| *id != card.id) else {
            self.marked = Some(card.id);
            return Outcome::info("Marked: press m on another card to group the two");
        };
        self.marked = None;
        let Some(first) = board.card(first_id).cloned() else {
            return Outcome::none();
        };
        match (first.group_id, card.group_id) {
            (_, Some(group)) => Outcome::effect(write(RetroWrite::SetGroup {
                retro_id: board.id,
                card_id: first.id,
                group_id: Some(group),
            })),
            (Some(group), None) => Outcome::effect(write(RetroWrite::SetGroup {
                retro_id: board.id,
                card_id: card.id,
                group_id: Some(group),
            })),
            (None, None) => form(forms::new_group(
                board.id,
                first.id,
                card.id,
                first_line(&first.text),
            )),
        }
    }

    fn on_vote(&mut self, command: Command) -> Outcome {
        let Some(board) = &self.board else {
            return Outcome::none();
        };
        let topics = self.vote_topics();
        let Some(topic) = topics.get(self.row) else {
            return self.nothing_here(command);
        };
        // A vote on a group goes on its first card.
        let card_id = topic.card_ids.iter().min().copied().unwrap_or(0);
        let Some(participant) = self.participant() else {
            return Outcome::info("Nobody votes in this retro: add a participant (A)");
        };
        let map = TopicMap::new(&board.cards, &board.groups);
        match command {
            Command::Increase => {
                match check_vote(&board.votes, &participant, card_id, &board.settings, &map) {
                    Ok(()) => Outcome::effect(write(RetroWrite::Vote {
                        retro_id: board.id,
                        card_id,
                        participant,
                    })),
                    Err(refusal) => Outcome::info(refusal.to_string()),
                }
            }
            Command::Decrease => {
                // The participant's most recent vote on any card of the topic.
                let mine = board
                    .votes
                    .iter()
                    .filter(|v| v.participant == participant && topic.card_ids.contains(&v.card_id))
                    .max_by_key(|v| v.id);
                match mine {
                    Some(vote) => Outcome::effect(write(RetroWrite::Unvote {
                        retro_id: board.id,
                        card_id: vote.card_id,
                        participant,
                    })),
                    None => Outcome::info(format!(
                        "{participant} has no vote on this topic to take back"
                    )),
                }
            }
            _ => self.nothing_here(command),
        }
    }

    fn on_discuss(&mut self, command: Command) -> Outcome {
        let Some(topic) = self.topic_at_row() else {
            return self.nothing_here(command);
        };
        let retro_id = self.board_id();
        let now = self.now_ms;
        match command {
            Command::ToggleTimer => {
                let mut timer = self.timer(topic);
                let mut effects = Vec::new();
                if timer.is_running() {
                    timer.pause(now);
                    effects.push(write(RetroWrite::SaveTimer {
                        retro_id,
                        topic,
                        timer,
                    }));
                } else {
                    effects = self.pause_running_timer();
                    timer.start(now);
                }
                self.timers.insert(topic, timer);
                Outcome::effects(effects)
            }
            Command::Increase => {
                let mut timer = self.timer(topic);
                timer.add_minute();
                self.timers.insert(topic, timer);
                let mut saved = timer;
                saved.pause(now);
                Outcome::effect(write(RetroWrite::SaveTimer {
                    retro_id,
                    topic,
                    timer: saved,
                }))
                .with_info("One more minute")
            }
            _ => self.nothing_here(command),
        }
    }

    fn on_actions(&mut self, command: Command) -> Outcome {
        let Some(board) = &self.board else {
            return Outcome::none();
        };
        let rows = self.action_rows();
        let row = rows.get(self.row);
        // The topic a new action belongs to: the row's topic, or the topic
        // above the selected action.
        let topic = rows[..=self.row.min(rows.len().saturating_sub(1))]
            .iter()
            .rev()
            .find_map(|r| match r {
                ActionRow::Topic(t) => Some(t.clone()),
                ActionRow::Action(_) => None,
            });
        let action = match row {
            Some(ActionRow::Action(id)) => board.actions.iter().find(|a| a.id == *id),
            _ => None,
        };
        match (command, action) {
            (Command::Add, _) => {
                let (card_id, group_id, title) = match &topic {
                    Some(t) => match t.topic {
                        TopicRef::Group(g) => (None, Some(g), t.title.clone()),
                        TopicRef::Card(c) => (Some(c), None, t.title.clone()),
                    },
                    None => (None, None, String::new()),
                };
                form(forms::add_action(board.id, card_id, group_id, &title))
            }
            (Command::Edit, Some(a)) => form(forms::edit_action(
                a.id,
                &ActionDraft {
                    title: a.title.clone(),
                    owner: a.owner.clone(),
                    due: a.due,
                },
            )),
            (Command::Delete, Some(a)) => ask(
                format!("Delete the action “{}”? (y/n)", a.title),
                RetroWrite::DeleteAction { action_id: a.id },
            ),
            (Command::NextStatus, Some(a)) => Outcome::effect(write(RetroWrite::SetActionStatus {
                action_id: a.id,
                status: a.status.next(),
            })),
            _ => self.nothing_here(command),
        }
    }

    fn on_close(&mut self, command: Command) -> Outcome {
        let Some(board) = &self.board else {
            return Outcome::none();
        };
        let voters = board.voters();
        let Some(participant) = voters.get(self.row).cloned() else {
            return self.nothing_here(command);
        };
        let current = board
            .roti
            .iter()
            .find(|(p, _)| *p == participant)
            .map(|(_, r)| *r);
        let rating = match (command, current) {
            (Command::Increase, None) => 3,
            (Command::Increase, Some(r)) => (r + 1).min(5),
            (Command::Decrease, None) => 3,
            (Command::Decrease, Some(r)) => r.saturating_sub(1).max(1),
            _ => return self.nothing_here(command),
        };
        Outcome::effect(write(RetroWrite::SetRoti {
            retro_id: board.id,
            participant,
            rating,
        }))
    }
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or("")
}
