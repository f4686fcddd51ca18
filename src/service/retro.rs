//! Retros: creating one (its team on first use, the review of the team's
//! open actions), the facilitator's phase moves and settings, the roster,
//! voting within the budget and cap, lowering the limits, the discussion
//! timers, ROTI and the review. Cards, groups and promotion are in
//! `retro/cards.rs`. The rules are the domain's (`domain::retro`); these
//! functions apply them to what is stored, one transaction per call, and
//! return what an undo needs.

mod cards;

pub use cards::{
    Grouping, add_card, add_card_at, delete_card, edit_card, group_cards, move_card, promote_card,
    rename_group, restore_card, reveal, set_card_group, undo_regroup,
};

use super::{Error, Result};
use crate::domain::retro::board::RetroFlag;
use crate::domain::retro::discussion::{TopicRef, TopicTimer};
use crate::domain::retro::roti::parse_roti;
use crate::domain::retro::voting::{TopicMap, Vote, check_vote, excess_votes, vote_to_take_back};
use crate::domain::retro::{
    ActionItem, ActionStatus, Phase, RetroBoard, RetroSettings, RetroSummary, Template,
};
use crate::domain::text::sanitize_line;
use crate::store::{RetroHead, RetroRow, Store};
use chrono::{DateTime, NaiveDate, Utc};

/// The most votes a person may have, and a card may take from one person.
pub const MAX_VOTE_LIMIT: u32 = 100;

/// A retro to create.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NewRetro {
    pub team: String,
    pub title: String,
    /// Today (UTC) when `None`.
    pub date: Option<NaiveDate>,
    /// Without one, the person at the keyboard facilitates.
    pub facilitator: Option<String>,
    pub participants: Vec<String>,
    pub settings: RetroSettings,
}

/// A name as stored: one safe line, trimmed.
pub(crate) fn clean_name(text: &str) -> String {
    sanitize_line(text).trim().to_string()
}

fn check_limits(votes_per_person: u32, max_votes_per_card: u32) -> Result<()> {
    if votes_per_person > MAX_VOTE_LIMIT {
        return Err(Error::Invalid(format!(
            "votes per person must be 0 to {MAX_VOTE_LIMIT}; got {votes_per_person}"
        )));
    }
    if !(1..=MAX_VOTE_LIMIT).contains(&max_votes_per_card) {
        return Err(Error::Invalid(format!(
            "max votes per card must be 1 to {MAX_VOTE_LIMIT}; got {max_votes_per_card}"
        )));
    }
    Ok(())
}

/// Creates a retro from `template` (kept as it is now) and returns its id.
/// The team is created the first time it is named; the team's open actions
/// from earlier retros go into the new retro's review.
pub fn create_retro(
    store: &mut Store,
    template: &Template,
    retro: NewRetro,
    now: DateTime<Utc>,
) -> Result<i64> {
    let team = clean_name(&retro.team);
    if team.is_empty() {
        return Err(Error::Invalid("a retro needs a team".into()));
    }
    let title = clean_name(&retro.title);
    if title.is_empty() {
        return Err(Error::Invalid("a retro needs a title".into()));
    }
    check_limits(
        retro.settings.votes_per_person,
        retro.settings.max_votes_per_card,
    )?;
    let mut participants: Vec<String> = Vec::with_capacity(retro.participants.len());
    for name in &retro.participants {
        let name = clean_name(name);
        if name.is_empty() {
            return Err(Error::Invalid("a participant needs a name".into()));
        }
        if participants.iter().any(|p| p.eq_ignore_ascii_case(&name)) {
            return Err(Error::Invalid(format!(
                "the participant '{name}' is listed twice"
            )));
        }
        participants.push(name);
    }
    let facilitator = retro
        .facilitator
        .as_deref()
        .map(clean_name)
        .filter(|f| !f.is_empty());
    Ok(store.create_retro(
        &RetroRow {
            team: &team,
            title: &title,
            date: retro.date.unwrap_or_else(|| now.date_naive()),
            template,
            facilitator: facilitator.as_deref(),
            participants: &participants,
            settings: retro.settings,
        },
        now,
    )?)
}

/// A whole retro.
pub fn load_retro(store: &Store, id: i64) -> Result<RetroBoard> {
    Ok(store.load_retro(id)?)
}

/// Retros of one team (by name, ignoring case) or of all, newest first.
pub fn list_retros(store: &Store, team: Option<&str>) -> Result<Vec<RetroSummary>> {
    Ok(store.list_retros(team)?)
}

/// The roster's spelling of `name` (matched ignoring case) if that person
/// may vote: a participant, or the facilitator when the facilitator votes
/// (the rule of `RetroBoard::voters`).
fn voter(head: &RetroHead, name: &str) -> Result<String> {
    let name = clean_name(name);
    let facilitator = head
        .facilitator
        .iter()
        .filter(|_| head.settings.facilitator_votes);
    head.participants
        .iter()
        .chain(facilitator)
        .find(|p| p.eq_ignore_ascii_case(&name))
        .cloned()
        .ok_or_else(|| {
            Error::Invalid(format!(
                "'{name}' is not a voter in retro {} (voters: {})",
                head.id,
                head.participants.join(", ")
            ))
        })
}

fn refuse_when_closed(head: &RetroHead, what: &str) -> Result<()> {
    if head.phase.takes_cards_and_votes() {
        Ok(())
    } else {
        Err(Error::Invalid(format!(
            "retro {} is closed; no more {what}",
            head.id
        )))
    }
}

/// Which topic each card's votes count toward (its group, or itself).
fn topic_map(store: &Store, retro_id: i64) -> Result<TopicMap> {
    let board = store.load_retro(retro_id)?;
    Ok(TopicMap::new(&board.cards, &board.groups))
}

/// Casts one vote of `participant` on a card, within their budget and the
/// per-topic cap (a group's cards count together); refused in Close.
pub fn vote(store: &mut Store, retro_id: i64, card_id: i64, participant: &str) -> Result<Vote> {
    let head = store.retro_head(retro_id)?;
    refuse_when_closed(&head, "votes")?;
    let participant = voter(&head, participant)?;
    let settings = head.settings;
    let topics = topic_map(store, retro_id)?;
    Ok(
        store.add_retro_vote(retro_id, card_id, &participant, |votes| {
            check_vote(votes, &participant, card_id, &settings, &topics).map_err(|e| e.to_string())
        })?,
    )
}

/// Takes back `participant`'s most recent vote on a card; returns it.
pub fn unvote(store: &mut Store, retro_id: i64, card_id: i64, participant: &str) -> Result<Vote> {
    let head = store.retro_head(retro_id)?;
    refuse_when_closed(&head, "votes")?;
    let participant = voter(&head, participant)?;
    store.retro_card(retro_id, card_id)?;
    Ok(store.remove_retro_vote(retro_id, |votes| {
        vote_to_take_back(votes, &participant, card_id).map_err(|e| e.to_string())
    })?)
}

/// Removes one vote by id (the undo of `vote`); returns it.
pub fn remove_vote(store: &mut Store, retro_id: i64, vote_id: i64) -> Result<Vote> {
    Ok(store.remove_retro_vote(retro_id, |_| Ok(vote_id))?)
}

/// Puts back a removed vote with its id (the undo of `unvote`).
pub fn restore_vote(store: &mut Store, retro_id: i64, vote: &Vote) -> Result<()> {
    Ok(store.restore_retro_vote(retro_id, vote)?)
}

/// Moves the retro to any phase (forward, back, skipping); returns the
/// phase it was in. Nothing on the board changes.
pub fn set_phase(store: &mut Store, retro_id: i64, phase: Phase) -> Result<Phase> {
    Ok(store.set_retro_phase(retro_id, phase)?)
}

/// Sets the vote budget and per-card cap and, in the same transaction,
/// removes the most recent votes above them (`excess_votes`); returns the
/// ids removed. The screen asks before calling this.
pub fn change_limits(
    store: &mut Store,
    retro_id: i64,
    votes_per_person: u32,
    max_votes_per_card: u32,
) -> Result<Vec<i64>> {
    check_limits(votes_per_person, max_votes_per_card)?;
    let settings = RetroSettings {
        votes_per_person,
        max_votes_per_card,
        ..store.retro_head(retro_id)?.settings
    };
    let topics = topic_map(store, retro_id)?;
    Ok(
        store.set_vote_limits(retro_id, votes_per_person, max_votes_per_card, |votes| {
            excess_votes(votes, &settings, &topics)
        })?,
    )
}

/// Turns a setting (anonymous, hide until reveal, facilitator votes,
/// tallies hidden) on or off; returns what it was.
pub fn set_setting(store: &mut Store, retro_id: i64, flag: RetroFlag, on: bool) -> Result<bool> {
    Ok(store.set_retro_flag(retro_id, flag, on)?)
}

/// Adds a participant during the retro; returns the name as stored.
pub fn add_participant(store: &mut Store, retro_id: i64, name: &str) -> Result<String> {
    let name = clean_name(name);
    if name.is_empty() {
        return Err(Error::Invalid("a participant needs a name".into()));
    }
    let head = store.retro_head(retro_id)?;
    if head
        .participants
        .iter()
        .any(|p| p.eq_ignore_ascii_case(&name))
    {
        return Err(Error::Invalid(format!("'{name}' is already a participant")));
    }
    store.add_retro_participant(retro_id, &name)?;
    Ok(name)
}

/// Keeps a topic's countdown: its allotted time and the time spent by
/// `now`. It reloads paused.
pub fn save_timer(
    store: &mut Store,
    retro_id: i64,
    topic: TopicRef,
    timer: &TopicTimer,
    now: DateTime<Utc>,
) -> Result<()> {
    let elapsed = timer.elapsed_ms(now.timestamp_millis());
    Ok(store.save_topic_timer(retro_id, topic, timer.allotted_secs, elapsed)?)
}

/// Records a participant's (or the facilitator's) return on time invested,
/// 1 to 5; returns their earlier answer.
pub fn set_roti(
    store: &mut Store,
    retro_id: i64,
    participant: &str,
    rating: u8,
) -> Result<Option<u8>> {
    let rating = parse_roti(&rating.to_string()).map_err(Error::Invalid)?;
    let head = store.retro_head(retro_id)?;
    let name = clean_name(participant);
    let who = head
        .participants
        .iter()
        .chain(head.facilitator.iter())
        .find(|p| p.eq_ignore_ascii_case(&name))
        .ok_or_else(|| {
            Error::Invalid(format!("'{name}' is not a participant in retro {retro_id}"))
        })?;
    Ok(store.set_retro_roti(retro_id, who, rating)?)
}

/// The review's verdict on an earlier action: it takes `status` (done,
/// still open, dropped) and the retro records it. Returns the action as it
/// was.
pub fn review_action(
    store: &mut Store,
    retro_id: i64,
    action_id: i64,
    status: ActionStatus,
    now: DateTime<Utc>,
) -> Result<ActionItem> {
    Ok(store.review_action(retro_id, action_id, status, now)?)
}

/// The retro card a feedback item came from: (retro id, retro title, card
/// id), for the item's detail pane.
pub fn retro_of_feedback(store: &Store, feedback_id: i64) -> Result<Option<(i64, String, i64)>> {
    Ok(store.retro_of_feedback(feedback_id)?)
}

/// A "Sprint" retro of team "Core" with one column, created at time 0: the
/// retro the action tests hang their actions on.
#[cfg(test)]
pub(crate) fn sprint_retro_for_tests(store: &mut Store) -> i64 {
    use crate::domain::retro::RetroSettings;
    let template = Template::parse(
        "t.toml",
        "name = \"T\"\ndescription = \"\"\n[[columns]]\ntitle = \"A\"\nprompt = \"a\"\n",
    )
    .unwrap();
    let retro = NewRetro {
        team: "Core".into(),
        title: "Sprint".into(),
        settings: RetroSettings::default(),
        ..NewRetro::default()
    };
    create_retro(
        store,
        &template,
        retro,
        DateTime::from_timestamp(0, 0).unwrap(),
    )
    .unwrap()
}
