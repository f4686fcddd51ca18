//! The retro board and the actions screen, driven through `update` with a
//! retro built in memory: what each key asks the store to do, and what the
//! screen shows of the answer.

use super::*;
use crate::app::retro::writes::{RetroWrite, Written};
use crate::app::retro::{Msg, RetroRequest};
use crate::domain::retro::actions::{ActionItem, ActionStatus};
use crate::domain::retro::board::{Card, RetroSettings};
use crate::domain::retro::phase::Phase;
use crate::domain::retro::record::{RetroBoard, RetroSummary};
use crate::domain::retro::template::{Template, TemplateColumn};
use crate::domain::retro::voting::Vote;
use chrono::NaiveDate;
use std::collections::HashMap;

pub(super) fn card(id: i64, column: usize, text: &str, author: &str, revealed: bool) -> Card {
    Card {
        id,
        column,
        text: text.into(),
        author: Some(author.into()),
        group_id: None,
        revealed,
        created_at: DateTime::from_timestamp(1_800_000_000 + id, 0).unwrap(),
    }
}

pub(super) fn board(phase: Phase) -> RetroBoard {
    RetroBoard {
        id: 7,
        team: "core".into(),
        title: "Sprint 48".into(),
        date: NaiveDate::from_ymd_opt(2026, 12, 4).unwrap(),
        template: Template {
            name: "Start/Stop/Continue".into(),
            description: String::new(),
            columns: ["Start", "Stop", "Continue"]
                .iter()
                .map(|t| TemplateColumn {
                    title: t.to_string(),
                    prompt: format!("What should we {}?", t.to_lowercase()),
                })
                .collect(),
        },
        facilitator: None,
        participants: vec!["Dana".into(), "Eli".into()],
        settings: RetroSettings::default(),
        phase,
        tallies_hidden: false,
        cards: vec![
            card(1, 0, "Pair on deploys", "Dana", false),
            card(2, 0, "Write runbooks", "Eli", false),
            card(3, 1, "Friday releases", "Eli", true),
        ],
        groups: vec![],
        votes: vec![],
        actions: vec![],
        roti: vec![],
        review: vec![],
        timers: HashMap::new(),
    }
}

fn open(phase: Phase) -> Model {
    let mut m = model();
    char_key(&mut m, '4');
    update(&mut m, Action::Retro(Msg::Loaded(Box::new(board(phase)))));
    m
}

fn writes(effects: &[Effect]) -> Vec<&RetroWrite> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Retro(RetroRequest::Write(w)) => Some(w),
            _ => None,
        })
        .collect()
}

#[test]
fn the_retro_screen_lists_retros_and_opens_one() {
    let mut m = model();
    let effects = char_key(&mut m, '4');
    assert_eq!(m.mode(), Mode::Retro);
    assert!(effects.contains(&Effect::Retro(RetroRequest::LoadList)));
    assert!(effects.contains(&Effect::Retro(RetroRequest::LoadTemplates)));
    update(
        &mut m,
        Action::Retro(Msg::List(vec![RetroSummary {
            id: 7,
            team: "core".into(),
            title: "Sprint 48".into(),
            template: "Start/Stop/Continue".into(),
            date: NaiveDate::from_ymd_opt(2026, 12, 4).unwrap(),
            phase: Phase::Collect,
            cards: 3,
            participants: 2,
        }])),
    );
    assert_eq!(
        press(&mut m, KeyCode::Enter),
        vec![Effect::Retro(RetroRequest::Load(7))]
    );
}

#[test]
fn adding_a_card_is_one_key_typing_and_enter_as_the_selected_participant() {
    let mut m = open(Phase::Collect);
    char_key(&mut m, 'p'); // Dana → Eli
    assert_eq!(m.retro.participant().as_deref(), Some("Eli"));
    char_key(&mut m, 'l'); // the Stop column
    char_key(&mut m, 'a');
    assert_eq!(m.mode(), Mode::Form);
    for c in "Long standups".chars() {
        char_key(&mut m, c);
    }
    let effects = press(&mut m, KeyCode::Enter);
    let add = RetroWrite::AddCard {
        retro_id: 7,
        column: 1,
        text: "Long standups".into(),
        author: Some("Eli".into()),
    };
    assert_eq!(writes(&effects), vec![&add]);
    assert!(m.overlays.form().is_some(), "open until the store confirms");
    update(
        &mut m,
        Action::Retro(Msg::Written {
            write: Box::new(add),
            written: Written::Created(4),
            board: Some(Box::new(board(Phase::Collect))),
        }),
    );
    assert!(m.overlays.is_empty());
    // Undo takes the card back out.
    let effects = char_key(&mut m, 'u');
    assert_eq!(
        writes(&effects),
        vec![&RetroWrite::Undo(Box::new(RetroWrite::DeleteCard {
            retro_id: 7,
            card_id: 4
        }))]
    );
}

#[test]
fn hidden_cards_stay_hidden_from_other_participants_until_revealed() {
    let mut m = open(Phase::Collect);
    let cards = m.retro.column_cards(0);
    let (dana, eli) = (cards[0].clone(), cards[1].clone());
    assert!(m.retro.can_read(&dana), "Dana reads her own card");
    assert!(!m.retro.can_read(&eli), "…not Eli's before the reveal");
    // Deleting a hidden card is allowed after a question that says so.
    char_key(&mut m, 'j');
    assert!(char_key(&mut m, 'd').is_empty());
    let question = m.overlays.question().unwrap();
    assert!(
        question.text.contains("hidden card unread"),
        "{}",
        question.text
    );
    let effects = char_key(&mut m, 'y');
    assert_eq!(
        writes(&effects),
        vec![&RetroWrite::DeleteCard {
            retro_id: 7,
            card_id: 2
        }]
    );
    // Moving on with hidden cards asks first.
    char_key(&mut m, ']');
    assert!(
        m.overlays
            .question()
            .unwrap()
            .text
            .contains("2 cards are still hidden")
    );
    let effects = char_key(&mut m, 'y');
    assert_eq!(
        writes(&effects),
        vec![&RetroWrite::SetPhase {
            retro_id: 7,
            phase: Phase::Group
        }]
    );
    // Revealing asks the store to reveal; the key for all does all.
    let effects = char_key(&mut m, 'R');
    assert_eq!(
        writes(&effects),
        vec![&RetroWrite::Reveal {
            retro_id: 7,
            column: None
        }]
    );
}

#[test]
fn marking_two_cards_groups_them_under_a_name() {
    let mut revealed = board(Phase::Group);
    for card in &mut revealed.cards {
        card.revealed = true;
    }
    let mut m = model();
    char_key(&mut m, '4');
    update(&mut m, Action::Retro(Msg::Loaded(Box::new(revealed))));
    char_key(&mut m, 'm');
    char_key(&mut m, 'j');
    char_key(&mut m, 'm');
    assert_eq!(m.mode(), Mode::Form, "a new group asks its name");
    let effects = press(&mut m, KeyCode::Enter);
    assert_eq!(
        writes(&effects),
        vec![&RetroWrite::Group {
            retro_id: 7,
            card_ids: vec![1, 2],
            title: "Pair on deploys".into()
        }]
    );
}

#[test]
fn votes_respect_the_budget_before_asking_the_store() {
    let mut b = board(Phase::Vote);
    b.settings.votes_per_person = 2;
    b.votes = vec![
        Vote {
            id: 1,
            participant: "Dana".into(),
            card_id: 1,
        },
        Vote {
            id: 2,
            participant: "Dana".into(),
            card_id: 3,
        },
    ];
    let mut m = model();
    char_key(&mut m, '4');
    update(&mut m, Action::Retro(Msg::Loaded(Box::new(b))));
    assert!(writes(&char_key(&mut m, '+')).is_empty());
    assert!(matches!(&m.notice, Some(Notice::Info(t)) if t == "Dana has used 2 of 2 votes"));
    char_key(&mut m, 'p');
    let effects = char_key(&mut m, '+');
    let [RetroWrite::Vote { participant, .. }] = writes(&effects)[..] else {
        panic!("{effects:?}");
    };
    assert_eq!(participant, "Eli");
    // Lowering the budget below the votes cast asks, naming how many go.
    char_key(&mut m, 'L');
    press(&mut m, KeyCode::End);
    press(&mut m, KeyCode::Backspace);
    char_key(&mut m, '1');
    assert!(press(&mut m, KeyCode::Enter).is_empty());
    assert!(
        m.overlays
            .question()
            .unwrap()
            .text
            .contains("remove 1 votes")
    );
    let effects = char_key(&mut m, 'y');
    assert_eq!(
        writes(&effects),
        vec![&RetroWrite::ChangeLimits {
            retro_id: 7,
            votes_per_person: 1,
            max_votes_per_card: 3
        }]
    );
}

#[test]
fn a_topic_keeps_its_elapsed_time_when_the_facilitator_moves_on_and_back() {
    let mut m = open(Phase::Discuss);
    update(&mut m, Action::Tick(1_000));
    char_key(&mut m, ' ');
    assert!(m.wants_ticks(), "a running countdown ticks the clock");
    update(&mut m, Action::Tick(61_000));
    let first = m.retro.discuss_topics()[0].topic;
    assert_eq!(m.retro.timer(first).remaining_secs(61_000), 240);
    // Moving to the next topic pauses and saves the first one's time.
    let effects = char_key(&mut m, 'j');
    let [RetroWrite::SaveTimer { timer, .. }] = writes(&effects)[..] else {
        panic!("{effects:?}");
    };
    assert_eq!(timer.elapsed_ms, 60_000);
    assert!(!m.wants_ticks());
    update(&mut m, Action::Tick(500_000));
    char_key(&mut m, 'k');
    assert_eq!(
        m.retro.timer(first).remaining_secs(500_000),
        240,
        "kept, not reset"
    );
}

#[test]
fn actions_are_added_under_the_selected_topic_and_their_status_cycles() {
    let mut b = board(Phase::Actions);
    b.actions = vec![ActionItem {
        id: 11,
        title: "Stop Friday releases".into(),
        owner: Some("Eli".into()),
        due: NaiveDate::from_ymd_opt(2026, 12, 18),
        status: ActionStatus::Open,
        team: "core".into(),
        retro_id: 7,
        retro_title: "Sprint 48".into(),
        card_id: Some(3),
        group_id: None,
        created_at: DateTime::from_timestamp(1_800_000_100, 0).unwrap(),
        done_at: None,
    }];
    let mut m = model();
    char_key(&mut m, '4');
    update(&mut m, Action::Retro(Msg::Loaded(Box::new(b))));
    let rows = m.retro.action_rows();
    let at = rows
        .iter()
        .position(|r| *r == crate::app::retro::ActionRow::Action(11))
        .unwrap();
    for _ in 0..at {
        char_key(&mut m, 'j');
    }
    let effects = char_key(&mut m, 't');
    assert_eq!(
        writes(&effects),
        vec![&RetroWrite::SetActionStatus {
            action_id: 11,
            status: ActionStatus::Done
        }]
    );
    char_key(&mut m, 'a');
    for c in "Move releases to Tuesday".chars() {
        char_key(&mut m, c);
    }
    let effects = press(&mut m, KeyCode::Enter);
    let [
        RetroWrite::AddAction {
            card_id,
            group_id,
            action,
            ..
        },
    ] = writes(&effects)[..]
    else {
        panic!("{effects:?}");
    };
    assert_eq!(
        (*card_id, *group_id),
        (Some(3), None),
        "the topic above the row"
    );
    assert_eq!(action.title, "Move releases to Tuesday");
}

#[test]
fn a_command_a_phase_has_no_use_for_says_so() {
    let mut m = open(Phase::Review);
    assert!(char_key(&mut m, '+').is_empty());
    assert!(matches!(&m.notice, Some(Notice::Info(t)) if t.contains("Review phase")));
}

#[test]
fn a_promoted_card_reloads_the_triage_table() {
    let mut revealed = board(Phase::Collect);
    revealed.cards[0].revealed = true;
    let mut m = model();
    char_key(&mut m, '4');
    update(
        &mut m,
        Action::Retro(Msg::Loaded(Box::new(revealed.clone()))),
    );
    let effects = char_key(&mut m, 'f');
    let promote = RetroWrite::Promote {
        retro_id: 7,
        card_id: 1,
    };
    assert_eq!(writes(&effects), vec![&promote]);
    let effects = update(
        &mut m,
        Action::Retro(Msg::Written {
            write: Box::new(promote),
            written: Written::Promoted(42),
            board: Some(Box::new(revealed)),
        }),
    );
    assert!(effects.contains(&Effect::LoadRows), "{effects:?}");
    assert!(matches!(&m.notice, Some(Notice::Info(t)) if t.contains("feedback item 42")));
}
