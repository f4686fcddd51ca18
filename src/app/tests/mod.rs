//! `update` driven with actions, asserting on the model and the effects.
//! The tests speak the app's own input (`crate::input`); none needs a
//! terminal or crossterm. Shared helpers here, a module per area.

use super::import::ImportStep;
use super::*;
use crate::domain::feedback::{Source, Status};
use crate::domain::kano::Category;
use crate::domain::kano::FeatureResponses;
use crate::domain::scoring::{Impact, Rice};
use crate::input::{Input, KeyCode};
use chrono::DateTime;

pub(super) fn item(id: i64, title: &str, reach: Option<f64>) -> FeedbackItem {
    FeedbackItem {
        source: Source::Support,
        created_at: DateTime::from_timestamp(1_700_000_000 + id, 0).unwrap(),
        rice: Rice {
            reach,
            impact: Some(Impact::High),
            confidence: Some(80.0),
            effort: Some(1.0),
        },
        ..FeedbackItem::example(id, title)
    }
}

pub(super) fn model() -> Model {
    let rows = vec![
        TriageRow::from_item(item(1, "Export to Excel", Some(10.0))),
        TriageRow::from_item(item(2, "Dark mode", Some(300.0))),
        TriageRow::from_item(item(3, "SSO times out", None)),
    ];
    Model::new(Config::defaults(true), rows, "test.db".into())
}

pub(super) fn press(model: &mut Model, code: KeyCode) -> Vec<Effect> {
    update(model, Action::key(Key::plain(code)))
}

pub(super) fn char_key(model: &mut Model, c: char) -> Vec<Effect> {
    press(model, KeyCode::Char(c))
}

mod decisions;
mod forms;
mod import_dialog;
mod retro;
mod screens;
mod structure;
mod triage;
