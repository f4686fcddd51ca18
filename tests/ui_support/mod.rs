//! What the screen snapshot tests (`ui.rs`, `ui_small.rs`) share: Kano
//! survey answers to load into a model.

use retriage::app::{Action, kano};
use retriage::domain::kano::{Answer, FeatureResponses, Response};

/// One surveyed feature: item id, title, and its answers as (functional,
/// dysfunctional) numbers.
pub type Surveyed<'a> = (i64, &'a str, &'a [(u8, u8)]);

/// The survey results of `features` (every answer of importance 7), as the
/// Kano screen receives them.
pub fn kano_loaded(features: &[Surveyed<'_>]) -> Action {
    let responses = |pairs: &[(u8, u8)]| -> Vec<Response> {
        pairs
            .iter()
            .map(|&(f, d)| Response {
                functional: Answer::from_number(f).unwrap(),
                dysfunctional: Answer::from_number(d).unwrap(),
                importance: Some(7),
            })
            .collect()
    };
    let features = features
        .iter()
        .map(|&(feedback_id, title, answers)| FeatureResponses {
            feedback_id,
            title: title.into(),
            responses: responses(answers),
        })
        .collect();
    Action::Kano(kano::Msg::Loaded(features))
}
