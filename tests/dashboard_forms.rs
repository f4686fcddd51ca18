//! The Dashboard screen's forms driven through `update` on the fixture's
//! dashboard (team Core): `a` adds a KPI, `c` records a check-in, `R`
//! sets a role. Each submit asks the runtime for one `DashboardWrite`; a
//! save closes the form and reads the dashboard again, a refusal keeps
//! the form open with its message. The add-KPI form is snapshotted at
//! 80×24.

mod dashboard_fixture;

use dashboard_fixture::{build, dashboard, today};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use retriage::app::dashboard::{DashboardRequest, Msg, Period};
use retriage::app::dashboard_forms::DashboardWrite;
use retriage::app::{Action, Effect, Model, update};
use retriage::config::{Config, Mode};
use retriage::domain::decision::Role;
use retriage::domain::kpi::{CheckInDraft, KpiDraft};
use retriage::domain::scoring::ScoringModel;
use retriage::input::{Input, Key, KeyCode};
use retriage::ui;

/// The model on screen 6 with the fixture's dashboard (team Core) loaded.
fn dashboard_model() -> (tempfile::TempDir, Model) {
    let dir = tempfile::tempdir().unwrap();
    let store = build(&dir.path().join("d.db"));
    let mut model = Model::new(Config::defaults(true), Vec::new(), "fixture.db".into());
    update(
        &mut model,
        Action::Input(Input::Resize {
            width: 80,
            height: 24,
        }),
    );
    update(&mut model, Action::key(Key::char('6')));
    let loaded = Msg::Loaded {
        teams: store.team_names().unwrap(),
        dashboard: Some(Box::new(dashboard(&store, None))),
    };
    update(&mut model, Action::Dashboard(loaded));
    (dir, model)
}

fn key(model: &mut Model, key: Key) -> Vec<Effect> {
    update(model, Action::key(key))
}

/// Types `text` into the focused field, then moves to the next one.
fn fill(model: &mut Model, text: &str) {
    for c in text.chars() {
        key(model, Key::char(c));
    }
    key(model, Key::plain(KeyCode::Tab));
}

fn reload() -> Effect {
    Effect::Dashboard(DashboardRequest {
        team: Some("Core".into()),
        period: Period::All,
        model: ScoringModel::Rice,
    })
}

fn draw(model: &Model) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|frame| {
            ui::view(model, frame);
        })
        .unwrap();
    format!("{}", terminal.backend())
}

#[test]
fn a_adds_a_kpi_and_a_refusal_keeps_the_form_open_with_its_message() {
    let (_dir, mut m) = dashboard_model();
    assert!(key(&mut m, Key::char('a')).is_empty());
    assert_eq!(m.mode(), Mode::Form);
    let form = m.overlays.form().unwrap();
    assert_eq!(form.title(), "Add a shared KPI");
    assert_eq!(form.subject, "Core");
    let screen = draw(&m);
    assert!(screen.contains("Business owner"), "{screen}");
    insta::assert_snapshot!("dashboard_add_kpi_form_80x24", screen);

    for text in ["Uptime", "Share of minutes up", "uptime", "%", "99", "99.9"] {
        fill(&mut m, text);
    }
    // Direction: up is the first choice; step to down and back.
    key(&mut m, Key::char('+'));
    key(&mut m, Key::char('-'));
    key(&mut m, Key::plain(KeyCode::Tab));
    for text in ["2026-12-31", "Ines", "Omar"] {
        fill(&mut m, text);
    }
    let effects = key(&mut m, Key::plain(KeyCode::Enter));
    assert_eq!(
        effects,
        vec![Effect::DashboardWrite(DashboardWrite::AddKpi(KpiDraft {
            team: "Core".into(),
            name: "Uptime".into(),
            description: "Share of minutes up".into(),
            metric: "uptime".into(),
            unit: "%".into(),
            baseline: "99".into(),
            target: "99.9".into(),
            direction: "up".into(),
            deadline: "2026-12-31".into(),
            business_owner: "Ines".into(),
            it_owner: "Omar".into(),
        }))]
    );
    assert_eq!(m.mode(), Mode::Form, "open until the store confirms");

    // The runtime refuses (the team already has three KPIs): the form
    // stays, with the message, and nothing is read again.
    let refusal = "Not saved: team 'Core' already has 3 active KPIs";
    let effects = update(&mut m, Action::Dashboard(Msg::Refused(refusal.into())));
    assert!(effects.is_empty());
    assert_eq!(m.mode(), Mode::Form);
    assert_eq!(m.overlays.form().unwrap().error.as_deref(), Some(refusal));
    assert!(draw(&m).contains("already has 3"));

    // Saved: the form closes and the dashboard is read again.
    let effects = update(
        &mut m,
        Action::Dashboard(Msg::Written("Added KPI 'Uptime' to Core".into())),
    );
    assert_eq!(effects, vec![reload()]);
    assert!(m.overlays.is_empty());
    assert_eq!(m.mode(), Mode::Dashboard);
}

#[test]
fn c_records_a_check_in_of_a_kpi_chosen_dated_today_by_default() {
    let (_dir, mut m) = dashboard_model();
    key(&mut m, Key::char('c'));
    let form = m.overlays.form().unwrap();
    assert_eq!(form.title(), "Record a KPI check-in");
    assert_eq!(form.fields[0].value(), "Lead time");
    assert_eq!(form.fields[2].value(), today().to_string());
    // The second KPI, a value, the date kept, at-risk, a note.
    key(&mut m, Key::char('+'));
    key(&mut m, Key::plain(KeyCode::Tab));
    fill(&mut m, "42");
    key(&mut m, Key::plain(KeyCode::Tab));
    key(&mut m, Key::char('+'));
    key(&mut m, Key::char('+'));
    key(&mut m, Key::plain(KeyCode::Tab));
    fill(&mut m, "after the release");
    let effects = key(&mut m, Key::ctrl('s'));
    assert_eq!(
        effects,
        vec![Effect::DashboardWrite(DashboardWrite::CheckIn {
            team: "Core".into(),
            kpi: "Adoption".into(),
            draft: CheckInDraft {
                value: "42".into(),
                date: today().to_string(),
                confidence: "at-risk".into(),
                note: "after the release".into(),
            },
        })]
    );
    update(
        &mut m,
        Action::Dashboard(Msg::Refused("Not saved: value 'x' is not a number".into())),
    );
    assert!(m.overlays.form().unwrap().error.is_some());
    // Esc on a changed form asks first; nothing is written either way.
    assert!(key(&mut m, Key::plain(KeyCode::Esc)).is_empty());
    assert!(key(&mut m, Key::char('y')).is_empty());
    assert!(m.overlays.is_empty());
}

#[test]
fn shift_r_sets_a_persons_role_in_the_team_shown() {
    let (_dir, mut m) = dashboard_model();
    key(&mut m, Key::char('R'));
    assert_eq!(m.overlays.form().unwrap().title(), "Set a decision role");
    fill(&mut m, "Pia");
    key(&mut m, Key::char('+'));
    let effects = key(&mut m, Key::plain(KeyCode::Enter));
    assert_eq!(
        effects,
        vec![Effect::DashboardWrite(DashboardWrite::SetRole {
            team: "Core".into(),
            person: "Pia".into(),
            role: Role::Advisor,
        })]
    );
    let effects = update(
        &mut m,
        Action::Dashboard(Msg::Written("Pia is now advisor of Core".into())),
    );
    assert_eq!(effects, vec![reload()]);
    assert!(m.overlays.is_empty());
}

#[test]
fn without_a_team_the_keys_say_so_and_open_nothing() {
    let mut m = Model::new(Config::defaults(true), Vec::new(), "empty.db".into());
    update(&mut m, Action::key(Key::char('6')));
    update(
        &mut m,
        Action::Dashboard(Msg::Loaded {
            teams: Vec::new(),
            dashboard: None,
        }),
    );
    for c in ['a', 'c', 'R'] {
        assert!(key(&mut m, Key::char(c)).is_empty());
        assert!(m.overlays.is_empty(), "{c}");
    }
}
