//! A served retro built in memory for the serve module's tests: Dana and
//! Eli write cards, Fran facilitates.

use super::roles::{Identity, Role};
use crate::domain::retro::board::{Card, RetroSettings};
use crate::domain::retro::phase::Phase;
use crate::domain::retro::record::RetroBoard;
use crate::domain::retro::template::{Template, TemplateColumn};
use crate::domain::retro::voting::Vote;
use chrono::{DateTime, NaiveDate};
use std::collections::HashMap;

pub fn card(id: i64, column: usize, text: &str, author: &str, revealed: bool) -> Card {
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

pub fn board(phase: Phase) -> RetroBoard {
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
        facilitator: Some("Fran".into()),
        participants: vec!["Dana".into(), "Eli".into()],
        settings: RetroSettings::default(),
        phase,
        tallies_hidden: false,
        cards: vec![
            card(1, 0, "Pair on deploys", "Dana", false),
            card(2, 0, "Secret runbook gripe", "Eli", false),
            card(3, 1, "Friday releases", "Eli", true),
        ],
        groups: vec![],
        votes: vec![Vote {
            id: 1,
            participant: "Eli".into(),
            card_id: 3,
        }],
        actions: vec![],
        roti: vec![],
        review: vec![],
        timers: HashMap::new(),
    }
}

pub fn dana() -> Identity {
    Identity {
        name: "Dana".into(),
        role: Role::Participant,
    }
}

pub fn fran() -> Identity {
    Identity {
        name: "Fran".into(),
        role: Role::Facilitator,
    }
}
