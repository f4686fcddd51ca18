//! Action follow-through: how a team's retro actions ended up, and the
//! completion rate of each recent retro's actions.
//!
//! The rules, in one place:
//! - **done on time**: done on or before its due date, by the date (UTC) it
//!   was marked done. An action without a due date counts as on time when
//!   done, and so does a done action whose done date was not recorded;
//! - **done late**: done after its due date;
//! - **overdue**: still open and its due date has passed (due today is not
//!   late yet);
//! - **open**: still open and not overdue;
//! - **dropped**: given up.
//!
//! The five counts are disjoint and add up to all the actions. A retro's
//! **completion rate** is its done actions (on time or late) over all its
//! actions, dropped ones included: dropping an action does not complete it.

use super::RetroFacts;
use crate::domain::retro::{ActionItem, ActionStatus};
use chrono::NaiveDate;

/// How many retros the completion trend covers.
pub const COMPLETION_RETROS: usize = 12;

/// The five outcomes of a set of actions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ActionHealth {
    pub done_on_time: usize,
    pub done_late: usize,
    pub open: usize,
    pub overdue: usize,
    pub dropped: usize,
}

/// Where one action stands (see the module's rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    DoneOnTime,
    DoneLate,
    Open,
    Overdue,
    Dropped,
}

/// The outcome of one action on `today`.
pub fn outcome(action: &ActionItem, today: NaiveDate) -> Outcome {
    match action.status {
        ActionStatus::Dropped => Outcome::Dropped,
        ActionStatus::Open if action.is_overdue(today) => Outcome::Overdue,
        ActionStatus::Open => Outcome::Open,
        ActionStatus::Done => match (action.due, action.done_at) {
            (Some(due), Some(done)) if done.date_naive() > due => Outcome::DoneLate,
            _ => Outcome::DoneOnTime,
        },
    }
}

impl ActionHealth {
    pub fn of<'a>(actions: impl IntoIterator<Item = &'a ActionItem>, today: NaiveDate) -> Self {
        let mut health = ActionHealth::default();
        for action in actions {
            *match outcome(action, today) {
                Outcome::DoneOnTime => &mut health.done_on_time,
                Outcome::DoneLate => &mut health.done_late,
                Outcome::Open => &mut health.open,
                Outcome::Overdue => &mut health.overdue,
                Outcome::Dropped => &mut health.dropped,
            } += 1;
        }
        health
    }

    pub fn total(&self) -> usize {
        self.done() + self.open + self.overdue + self.dropped
    }

    pub fn done(&self) -> usize {
        self.done_on_time + self.done_late
    }

    /// Done over all, `None` without actions.
    pub fn completion_rate(&self) -> Option<f64> {
        let total = self.total();
        (total > 0).then(|| self.done() as f64 / total as f64)
    }
}

/// The follow-through of one retro's actions.
#[derive(Debug, Clone, PartialEq)]
pub struct RetroCompletion {
    pub retro_id: i64,
    pub title: String,
    pub date: NaiveDate,
    pub health: ActionHealth,
}

/// The completion of the last `COMPLETION_RETROS` retros that decided on
/// actions, oldest first (`retros` oldest first too).
pub fn completion_per_retro(
    retros: &[RetroFacts],
    actions: &[ActionItem],
    today: NaiveDate,
) -> Vec<RetroCompletion> {
    let mut per_retro: Vec<RetroCompletion> = retros
        .iter()
        .filter_map(|retro| {
            let health = ActionHealth::of(actions.iter().filter(|a| a.retro_id == retro.id), today);
            (health.total() > 0).then(|| RetroCompletion {
                retro_id: retro.id,
                title: retro.title.clone(),
                date: retro.date,
                health,
            })
        })
        .collect();
    let skip = per_retro.len().saturating_sub(COMPLETION_RETROS);
    per_retro.drain(..skip);
    per_retro
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, TimeZone, Utc};

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
    }

    fn at(d: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, d, hour, 0, 0).unwrap()
    }

    pub(crate) fn action(
        id: i64,
        retro_id: i64,
        status: ActionStatus,
        due: Option<u32>,
        done: Option<u32>,
    ) -> ActionItem {
        ActionItem {
            id,
            title: format!("action {id}"),
            owner: None,
            due: due.map(day),
            status,
            team: "Core".into(),
            retro_id,
            retro_title: format!("retro {retro_id}"),
            card_id: None,
            group_id: None,
            created_at: at(1, 9),
            done_at: done.map(|d| at(d, 23)),
        }
    }

    #[test]
    fn each_action_has_one_outcome() {
        use ActionStatus::*;
        let today = day(10);
        let cases = [
            (action(1, 1, Done, Some(5), Some(5)), Outcome::DoneOnTime),
            (action(2, 1, Done, Some(5), Some(6)), Outcome::DoneLate),
            (action(3, 1, Done, None, Some(9)), Outcome::DoneOnTime),
            (action(4, 1, Done, Some(5), None), Outcome::DoneOnTime),
            (action(5, 1, Open, Some(9), None), Outcome::Overdue),
            (action(6, 1, Open, Some(10), None), Outcome::Open),
            (action(7, 1, Open, None, None), Outcome::Open),
            (action(8, 1, Dropped, Some(1), None), Outcome::Dropped),
        ];
        for (a, expected) in &cases {
            assert_eq!(outcome(a, today), *expected, "action {}", a.id);
        }
        let health = ActionHealth::of(cases.iter().map(|(a, _)| a), today);
        assert_eq!(
            health,
            ActionHealth {
                done_on_time: 3,
                done_late: 1,
                open: 2,
                overdue: 1,
                dropped: 1
            }
        );
        assert_eq!(health.total(), 8);
        assert_eq!(health.completion_rate(), Some(0.5));
        assert_eq!(ActionHealth::default().completion_rate(), None);
    }

    #[test]
    fn completion_covers_the_last_retros_with_actions() {
        let retros: Vec<RetroFacts> = (1..=15)
            .map(|id| RetroFacts {
                id,
                title: format!("retro {id}"),
                date: day(id as u32),
                cards: vec![],
                roti: vec![],
            })
            .collect();
        // Retro 15 decided nothing; the others one done and one open each.
        let actions: Vec<ActionItem> = (1..=14)
            .flat_map(|r| {
                [
                    action(r * 10, r, ActionStatus::Done, None, Some(20)),
                    action(r * 10 + 1, r, ActionStatus::Open, None, None),
                ]
            })
            .collect();
        let completion = completion_per_retro(&retros, &actions, day(20));
        assert_eq!(completion.len(), COMPLETION_RETROS);
        assert_eq!(completion[0].retro_id, 3, "the oldest two fall off");
        assert_eq!(completion.last().unwrap().retro_id, 14);
        assert_eq!(completion[0].health.completion_rate(), Some(0.5));
    }
}
