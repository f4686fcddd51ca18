//! Moving an item to planned or won't-do: the form that asks who decided
//! and why (and the team when there are several), the write it makes, Esc
//! changing nothing, and the decision in the detail pane.

use super::*;
use crate::domain::decision::{Decision, DecisionDraft, Role};

/// The model with "Dark mode" (selected, highest RICE) triaged.
fn triaged_model() -> Model {
    let triaged = FeedbackItem {
        status: Status::Triaged,
        ..item(2, "Dark mode", Some(300.0))
    };
    let rows = vec![
        TriageRow::from_item(item(1, "Export to Excel", Some(10.0))),
        TriageRow::from_item(triaged),
    ];
    Model::new(Config::defaults(true), rows, "test.db".into())
}

fn planned() -> FeedbackItem {
    FeedbackItem {
        status: Status::Planned,
        ..item(2, "Dark mode", Some(300.0))
    }
}

fn decision() -> Decision {
    Decision {
        id: 1,
        feedback_id: 2,
        title: "Dark mode".into(),
        team: "Web".into(),
        status: Status::Planned,
        by: "Ann".into(),
        role: Some(Role::Decider),
        why: "Top ask".into(),
        decided_at: DateTime::from_timestamp(1_780_000_000, 0).unwrap(),
    }
}

fn type_text(m: &mut Model, text: &str) {
    for c in text.chars() {
        char_key(m, c);
    }
}

/// `t` `p` (the picker, then planned) on the triaged item, and the teams
/// the runtime read.
fn ask(m: &mut Model, teams: &[&str]) {
    assert!(char_key(m, 't').is_empty());
    assert_eq!(
        char_key(m, 'p'),
        vec![Effect::PrepareDecision {
            id: 2,
            title: "Dark mode".into(),
            status: Status::Planned
        }]
    );
    assert!(m.overlays.is_empty(), "the form waits for the teams");
    update(
        m,
        Action::DecisionAsked {
            id: 2,
            title: "Dark mode".into(),
            status: Status::Planned,
            teams: teams.iter().map(|t| t.to_string()).collect(),
        },
    );
    assert_eq!(m.mode(), Mode::Form);
}

fn status_of_selected(m: &Model) -> Status {
    m.triage.list.selected_row().unwrap().status
}

#[test]
fn moving_to_planned_asks_who_decided_and_records_it() {
    let mut m = triaged_model();
    ask(&mut m, &["Mobile", "Web"]);
    let form = m.overlays.form().unwrap();
    assert_eq!(form.title(), "Decision: move to planned");
    assert_eq!(form.subject, "Dark mode");
    assert_eq!(form.fields.len(), 3, "who, why and which team");

    // Nothing filled in: refused on the field that is missing.
    assert!(press(&mut m, KeyCode::Enter).is_empty());
    let form = m.overlays.form().unwrap();
    assert_eq!(
        (form.focus, form.error.as_deref()),
        (0, Some("by: who decided must not be empty"))
    );

    type_text(&mut m, "Ann");
    press(&mut m, KeyCode::Tab);
    type_text(&mut m, "Top ask");
    press(&mut m, KeyCode::Tab);
    press(&mut m, KeyCode::Right);
    assert_eq!(
        press(&mut m, KeyCode::Enter),
        vec![Effect::Decide {
            id: 2,
            status: Status::Planned,
            draft: DecisionDraft {
                by: "Ann".into(),
                why: "Top ask".into(),
                team: Some("Web".into()),
            },
        }]
    );
    assert_eq!(m.mode(), Mode::Form, "open until the store confirms");
    assert_eq!(status_of_selected(&m), Status::Triaged);

    let effects = update(
        &mut m,
        Action::Decided {
            item: planned(),
            decision: decision(),
        },
    );
    assert!(effects.is_empty(), "{effects:?}");
    assert!(m.overlays.is_empty());
    assert_eq!(status_of_selected(&m), Status::Planned);
    assert_eq!(
        m.notice,
        Some(Notice::Info(
            "“Dark mode” is now planned, decided by Ann (decider)".into()
        ))
    );
    assert!(m.undo.is_empty(), "a decision is a record, not undone");
}

#[test]
fn with_one_team_the_form_asks_no_team_and_esc_changes_nothing() {
    let mut m = triaged_model();
    ask(&mut m, &["Web"]);
    assert_eq!(m.overlays.form().unwrap().fields.len(), 2);
    assert!(press(&mut m, KeyCode::Esc).is_empty());
    assert!(m.overlays.is_empty());
    assert_eq!(status_of_selected(&m), Status::Triaged);

    // With text typed, Esc asks first; either way nothing is written.
    ask(&mut m, &["Web"]);
    type_text(&mut m, "Ann");
    assert!(press(&mut m, KeyCode::Esc).is_empty());
    assert_eq!(m.mode(), Mode::Confirm);
    assert!(char_key(&mut m, 'y').is_empty());
    assert!(m.overlays.is_empty());
    assert_eq!(status_of_selected(&m), Status::Triaged);
}

#[test]
fn a_refused_decision_keeps_the_form_open() {
    let mut m = triaged_model();
    ask(&mut m, &[]);
    let form = m.overlays.form().unwrap();
    assert_eq!(form.fields[2].label, "Team (new)");
    update(
        &mut m,
        Action::Failed("Not saved: no feedback item with id 2".into()),
    );
    assert_eq!(m.mode(), Mode::Form);
    assert!(matches!(&m.notice, Some(Notice::Error(e)) if e.contains("id 2")));
}

#[test]
fn the_detail_pane_loads_the_decision_of_a_planned_item() {
    let mut m = triaged_model();
    assert_eq!(press(&mut m, KeyCode::Enter), vec![Effect::LoadDetail(2)]);
    let triaged = FeedbackItem {
        status: Status::Triaged,
        ..item(2, "Dark mode", Some(300.0))
    };
    let effects = update(
        &mut m,
        Action::Triage(crate::app::triage::Msg::DetailLoaded(triaged)),
    );
    assert!(effects.is_empty(), "a triaged item has no decision to show");

    // Decided with the pane open: the pane shows it at once.
    ask(&mut m, &["Web"]);
    update(
        &mut m,
        Action::Decided {
            item: planned(),
            decision: decision(),
        },
    );
    assert_eq!(m.triage.decision, Some(decision()));
    assert_eq!(m.triage.detail.as_ref().unwrap().status, Status::Planned);

    // Opened again later: the decision is read from the store.
    let effects = update(
        &mut m,
        Action::Triage(crate::app::triage::Msg::DetailLoaded(planned())),
    );
    assert_eq!(effects, vec![Effect::LoadDecision(2)]);
    assert_eq!(m.triage.decision, None);
    update(
        &mut m,
        Action::Triage(crate::app::triage::Msg::DecisionLoaded {
            id: 2,
            decision: Some(decision()),
        }),
    );
    assert_eq!(m.triage.decision, Some(decision()));
}
