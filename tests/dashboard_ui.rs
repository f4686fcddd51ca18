//! The Dashboard screen drawn on the fixture database (snapshots at 80×24
//! and 140×40, and the second page at 80×24), its empty state, and its
//! keys driven through `update`: moving between sections, switching team
//! and period (each asks the runtime to read the dashboard again).

mod dashboard_fixture;

use dashboard_fixture::{build, dashboard, today};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use retriage::app::dashboard::{DashboardRequest, Msg, Period};
use retriage::app::{Action, Effect, Model, Screen, update};
use retriage::config::Config;
use retriage::domain::scoring::ScoringModel;
use retriage::input::{Input, Key};
use retriage::ui;

fn model(width: u16, height: u16) -> Model {
    let mut model = Model::new(Config::defaults(true), Vec::new(), "fixture.db".into());
    update(&mut model, Action::Input(Input::Resize { width, height }));
    model
}

/// The model on screen 6 with the fixture's dashboard loaded.
fn dashboard_model(width: u16, height: u16) -> (tempfile::TempDir, Model) {
    let dir = tempfile::tempdir().unwrap();
    let store = build(&dir.path().join("d.db"));
    let mut model = model(width, height);
    let effects = update(&mut model, Action::key(Key::char('6')));
    assert_eq!(model.screen, Screen::Dashboard);
    assert_eq!(
        effects,
        vec![Effect::Dashboard(DashboardRequest {
            team: None,
            period: Period::All,
            model: ScoringModel::Rice,
        })]
    );
    let loaded = Msg::Loaded {
        teams: store.team_names().unwrap(),
        dashboard: Some(Box::new(dashboard(&store, None))),
    };
    update(&mut model, Action::Dashboard(loaded));
    (dir, model)
}

fn draw(model: &Model) -> String {
    let (width, height) = model.size;
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| {
            ui::view(model, frame);
        })
        .unwrap();
    format!("{}", terminal.backend())
}

#[test]
fn dashboard_80x24() {
    let (_dir, mut model) = dashboard_model(80, 24);
    let first = draw(&model);
    assert!(first.contains("progress 55 %"), "{first}");
    assert!(first.contains("sections 1–2 of 7"), "{first}");
    insta::assert_snapshot!("dashboard_80x24", first);
    // j moves a section at a time; G goes to the last, the backlog.
    update(&mut model, Action::key(Key::char('j')));
    assert_eq!(model.dashboard.first, 1);
    update(&mut model, Action::key(Key::char('j')));
    insta::assert_snapshot!("dashboard_80x24_actions_and_more", draw(&model));
    update(&mut model, Action::key(Key::char('G')));
    let last = draw(&model);
    assert!(last.contains("Feedback backlog"), "{last}");
    assert!(last.contains("Billing page crashes"), "{last}");
    insta::assert_snapshot!("dashboard_80x24_backlog", last);
    update(&mut model, Action::key(Key::char('g')));
    assert_eq!(model.dashboard.first, 0);
}

#[test]
fn dashboard_140x40() {
    let (_dir, mut model) = dashboard_model(140, 40);
    let screen = draw(&model);
    for part in [
        "KPI Lead time",
        "KPI Adoption",
        "Action follow-through",
        "ROTI trend",
        "Recurring themes",
        "Decision split",
        "Feedback backlog",
    ] {
        assert!(screen.contains(part), "{part} in\n{screen}");
    }
    insta::assert_snapshot!("dashboard_140x40", screen);
    // In the grid a step moves a row of two.
    update(&mut model, Action::key(Key::char('j')));
    assert_eq!(model.dashboard.first, 2);
    update(&mut model, Action::key(Key::char('k')));
    assert_eq!(model.dashboard.first, 0);
}

#[test]
fn the_team_and_period_keys_ask_for_the_dashboard_again() {
    let (_dir, mut model) = dashboard_model(80, 24);
    let effects = update(&mut model, Action::key(Key::char('p')));
    assert_eq!(model.dashboard.period, Period::FourWeeks);
    assert_eq!(
        effects,
        vec![Effect::Dashboard(DashboardRequest {
            team: Some("Core".into()),
            period: Period::FourWeeks,
            model: ScoringModel::Rice,
        })]
    );
    let effects = update(&mut model, Action::key(Key::char('T')));
    assert_eq!(
        effects,
        vec![Effect::Dashboard(DashboardRequest {
            team: Some("Core".into()),
            period: Period::FourWeeks,
            model: ScoringModel::Rice,
        })],
        "the only team comes round again"
    );
    // Another process changed the database: the dashboard is read again.
    let effects = update(&mut model, Action::ExternalChange);
    assert!(effects.contains(&Effect::Dashboard(DashboardRequest {
        team: Some("Core".into()),
        period: Period::FourWeeks,
        model: ScoringModel::Rice,
    })));
}

#[test]
fn the_top_items_follow_the_triage_tables_model() {
    let mut model = model(80, 24);
    update(&mut model, Action::key(Key::char('m')));
    let effects = update(&mut model, Action::key(Key::char('6')));
    assert_eq!(
        effects,
        vec![Effect::Dashboard(DashboardRequest {
            team: None,
            period: Period::All,
            model: ScoringModel::Ice,
        })]
    );
}

#[test]
fn without_a_team_the_screen_says_which_commands_make_one() {
    let mut model = model(80, 24);
    update(&mut model, Action::key(Key::char('6')));
    update(
        &mut model,
        Action::Dashboard(Msg::Loaded {
            teams: Vec::new(),
            dashboard: None,
        }),
    );
    let screen = draw(&model);
    assert!(screen.contains("retriage kpi add --team T"), "{screen}");
    insta::assert_snapshot!("dashboard_without_a_team", screen);
}

#[test]
fn a_team_without_kpis_says_how_to_add_one_and_outside_text_is_cleaned() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = retriage::store::Store::open(&dir.path().join("t.db")).unwrap();
    retriage::service::decisions::set_role(
        &mut store,
        "Ops",
        "Ines",
        retriage::domain::decision::Role::Decider,
        chrono::Utc::now(),
    )
    .unwrap();
    let facts = store.dashboard("Ops", None).unwrap();
    let mut built =
        retriage::domain::dashboard::Dashboard::build(&facts, None, today(), ScoringModel::Rice);
    // A name from outside with a terminal escape in it.
    built.team = "Ops\u{1b}[31m".into();
    let mut model = model(80, 24);
    update(&mut model, Action::key(Key::char('6')));
    update(
        &mut model,
        Action::Dashboard(Msg::Loaded {
            teams: store.team_names().unwrap(),
            dashboard: Some(Box::new(built)),
        }),
    );
    let screen = draw(&model);
    assert!(screen.contains("No shared KPI yet"), "{screen}");
    assert!(!screen.contains('\u{1b}'), "{screen}");
}
