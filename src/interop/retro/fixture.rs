//! A small retro built in code for the export tests: three columns, six
//! cards (two hidden, one group), votes, three actions (on a card, on the
//! group, loose), ROTI answers and two reviewed actions from an earlier
//! retro. Authors (Anouk, Bertil, Cyrielle) never own an action, so a test
//! can assert that their names appear nowhere in an anonymous export.

use crate::domain::retro::voting::Vote;
use crate::domain::retro::{
    ActionItem, ActionStatus, Card, CardGroup, Phase, RetroBoard, RetroSettings, ReviewedAction,
    Template, TemplateColumn,
};
use chrono::{DateTime, NaiveDate};
use std::collections::HashMap;

pub const AUTHORS: [&str; 3] = ["Anouk", "Bertil", "Cyrielle"];
pub const OWNER: &str = "Dmitri";
pub const FACILITATOR: &str = "Farah";
pub const GROUP_ID: i64 = 10;
const ON_CARD: i64 = 101;
const ON_GROUP: i64 = 102;
pub const LOOSE: i64 = 103;

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn card(id: i64, column: usize, author: &str, text: &str, group: Option<i64>) -> Card {
    Card {
        id,
        column,
        text: text.into(),
        author: Some(author.into()),
        group_id: group,
        revealed: true,
        created_at: DateTime::from_timestamp(1_800_000_000 + id, 0).unwrap(),
    }
}

pub fn action(id: i64, title: &str, owner: Option<&str>) -> ActionItem {
    ActionItem {
        id,
        title: title.into(),
        owner: owner.map(String::from),
        due: None,
        status: ActionStatus::Open,
        team: "Core Platform".into(),
        retro_id: 7,
        retro_title: "Sprint 48".into(),
        card_id: None,
        group_id: None,
        created_at: DateTime::from_timestamp(1_800_000_100, 0).unwrap(),
        done_at: None,
    }
}

pub fn board(anonymous: bool) -> RetroBoard {
    let column = |title: &str, prompt: &str| TemplateColumn {
        title: title.into(),
        prompt: prompt.into(),
    };
    let [anouk, bertil, cyrielle] = AUTHORS;
    let mut hidden_newline = card(
        3,
        1,
        cyrielle,
        "Stop the 9am stand-up\nit is too early",
        None,
    );
    hidden_newline.revealed = false;
    let mut hidden_markup = card(6, 2, cyrielle, "Keep *retro* snacks", None);
    hidden_markup.revealed = false;
    let votes = [
        (1, anouk, 1),
        (2, bertil, 1),
        (3, cyrielle, 2),
        (4, anouk, 4),
    ]
    .into_iter()
    .chain([(5, bertil, 4), (6, cyrielle, 4), (7, OWNER, 5)])
    .map(|(id, who, card_id)| Vote {
        id,
        participant: who.into(),
        card_id,
    })
    .collect();
    let on_card = ActionItem {
        due: Some(date(2026, 12, 18)),
        card_id: Some(4),
        ..action(ON_CARD, "Quarantine flaky tests", Some(OWNER))
    };
    let on_group = ActionItem {
        group_id: Some(GROUP_ID),
        ..action(ON_GROUP, "Limit PRs to 400 lines", Some(OWNER))
    };
    let reviewed = ActionItem {
        retro_id: 6,
        retro_title: "Sprint 47".into(),
        due: Some(date(2026, 11, 30)),
        status: ActionStatus::Done,
        done_at: Some(DateTime::from_timestamp(1_799_000_000, 0).unwrap()),
        ..action(90, "Fix the deploy script", Some(OWNER))
    };
    let unreviewed = ActionItem {
        retro_id: 6,
        retro_title: "Sprint 47".into(),
        ..action(91, "Write the on-call guide", None)
    };
    RetroBoard {
        id: 7,
        team: "Core Platform".into(),
        title: "Sprint 48".into(),
        date: date(2026, 12, 4),
        template: Template {
            name: "Start/Stop/Continue".into(),
            description: "What to begin, end and keep".into(),
            columns: vec![
                column("Start", "What should we start doing?"),
                column("Stop", "What should we stop doing?"),
                column("Continue", "What should we keep doing?"),
            ],
        },
        facilitator: Some(FACILITATOR.into()),
        participants: vec![anouk.into(), bertil.into(), cyrielle.into(), OWNER.into()],
        settings: RetroSettings {
            anonymous,
            ..RetroSettings::default()
        },
        phase: Phase::Close,
        tallies_hidden: false,
        cards: vec![
            card(1, 0, anouk, "Ship smaller PRs", Some(GROUP_ID)),
            card(2, 0, bertil, "Pair on reviews, \"often\"", Some(GROUP_ID)),
            hidden_newline,
            card(4, 1, anouk, "Flaky <tests> | CI", None),
            card(5, 2, bertil, "Keep the demo", None),
            hidden_markup,
        ],
        groups: vec![CardGroup {
            id: GROUP_ID,
            title: "Code review".into(),
        }],
        votes,
        actions: vec![on_card, on_group, action(LOOSE, "Book a bigger room", None)],
        roti: vec![
            (anouk.into(), 4),
            (bertil.into(), 5),
            (cyrielle.into(), 3),
            (OWNER.into(), 4),
        ],
        review: vec![
            ReviewedAction {
                action: reviewed,
                review: Some(ActionStatus::Done),
            },
            ReviewedAction {
                action: unreviewed,
                review: None,
            },
        ],
        timers: HashMap::new(),
    }
}
