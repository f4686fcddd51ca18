//! The actions screen: every action item across retros, filtered by team,
//! owner and status, overdue ones marked. `t` moves an item to its next
//! status, `e` edits it, `d` deletes it (asking first). Writes go through
//! the same `RetroWrite`s as the board; the list is read again after each.

use super::effect::Effect;
use super::outcome::{Outcome, Request};
use super::overlay::{Pending, Question};
use super::retro::forms;
use super::retro::writes::{ActionDraft, RetroWrite};
use super::retro::{RetroRequest, write};
use crate::config::Command;
use crate::domain::retro::actions::{ActionItem, ActionStatus};

/// Answers from the store for the actions screen.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// Every action item, oldest retro first.
    Loaded(Vec<ActionItem>),
}

#[derive(Debug, Default)]
pub struct ActionItemsScreen {
    pub all: Vec<ActionItem>,
    pub team: Option<String>,
    pub owner: Option<String>,
    pub status: Option<ActionStatus>,
    /// The selected row among the shown items.
    pub selected: usize,
    pub loaded: bool,
}

/// The next value of a filter that cycles through `options` and then off.
fn cycle_text(options: &[String], current: &Option<String>) -> Option<String> {
    match current {
        None => options.first().cloned(),
        Some(c) => {
            let at = options
                .iter()
                .position(|o| o == c)
                .map_or(options.len(), |i| i + 1);
            options.get(at).cloned()
        }
    }
}

impl ActionItemsScreen {
    /// The items the filters let through.
    pub fn shown(&self) -> Vec<&ActionItem> {
        self.all
            .iter()
            .filter(|a| self.team.as_ref().is_none_or(|t| &a.team == t))
            .filter(|a| {
                self.owner
                    .as_ref()
                    .is_none_or(|o| a.owner.as_ref() == Some(o))
            })
            .filter(|a| self.status.is_none_or(|s| a.status == s))
            .collect()
    }

    pub fn selected_item(&self) -> Option<&ActionItem> {
        self.shown().get(self.selected).copied()
    }

    fn distinct(&self, of: impl Fn(&ActionItem) -> Option<&String>) -> Vec<String> {
        let mut values: Vec<String> = self.all.iter().filter_map(of).cloned().collect();
        values.sort();
        values.dedup();
        values
    }

    fn clamp(&mut self) {
        self.selected = self.selected.min(self.shown().len().saturating_sub(1));
    }

    pub fn on_msg(&mut self, msg: Msg) {
        match msg {
            Msg::Loaded(items) => {
                self.all = items;
                self.loaded = true;
                self.clamp();
            }
        }
    }

    /// A click on the n-th row.
    pub fn click(&mut self, position: usize) {
        self.selected = position;
        self.clamp();
    }

    /// Handles a command of the actions mode; `None` for any other command.
    pub fn on_command(&mut self, command: Command) -> Option<Outcome> {
        let last = self.shown().len().saturating_sub(1);
        let item = self.selected_item().cloned();
        Some(match command {
            Command::MoveDown => {
                self.selected = (self.selected + 1).min(last);
                Outcome::none()
            }
            Command::MoveUp => {
                self.selected = self.selected.saturating_sub(1);
                Outcome::none()
            }
            Command::Top => {
                self.selected = 0;
                Outcome::none()
            }
            Command::Bottom => {
                self.selected = last;
                Outcome::none()
            }
            Command::NextStatus => match item {
                Some(a) => Outcome::effect(write(RetroWrite::SetActionStatus {
                    action_id: a.id,
                    status: a.status.next(),
                })),
                None => Outcome::none(),
            },
            Command::Edit => match item {
                Some(a) => Outcome::request(Request::OpenForm(forms::edit_action(
                    a.id,
                    &ActionDraft {
                        title: a.title,
                        owner: a.owner,
                        due: a.due,
                    },
                ))),
                None => Outcome::none(),
            },
            Command::Delete => match item {
                Some(a) => Outcome::request(Request::Ask(Question::new(
                    format!("Delete the action “{}”? (y/n)", a.title),
                    Pending::Write(Box::new(RetroWrite::DeleteAction { action_id: a.id })),
                ))),
                None => Outcome::none(),
            },
            Command::CycleStatusFilter => {
                self.status = match self.status {
                    None => Some(ActionStatus::Open),
                    Some(s) => ActionStatus::ALL
                        .iter()
                        .position(|x| *x == s)
                        .and_then(|i| ActionStatus::ALL.get(i + 1).copied()),
                };
                self.clamp();
                Outcome::none()
            }
            Command::CycleOwnerFilter => {
                let owners = self.distinct(|a| a.owner.as_ref());
                self.owner = cycle_text(&owners, &self.owner);
                self.clamp();
                Outcome::none()
            }
            Command::CycleTeamFilter => {
                let teams = self.distinct(|a| Some(&a.team));
                self.team = cycle_text(&teams, &self.team);
                self.clamp();
                Outcome::none()
            }
            Command::Back => {
                self.team = None;
                self.owner = None;
                self.status = None;
                self.clamp();
                Outcome::info("Filters cleared")
            }
            _ => return None,
        })
    }
}

/// The effect that reads the list again.
pub fn reload() -> Effect {
    Effect::Retro(RetroRequest::LoadActions)
}
