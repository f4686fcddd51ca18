//! The `--demo` data: it loads into a fresh database and gives every screen
//! something to show (scores of each model, a Kano survey, near-duplicates,
//! NPS answers, a finished retro and one in progress, shared KPIs with
//! check-ins, roles and decisions for the Dashboard).

use chrono::NaiveDate;
use retriage::cli::load_demo;
use retriage::domain::kano::{KanoSettings, analyse};
use retriage::domain::retro::{ActionStatus, Phase};
use retriage::store::{ListQuery, Store};
use std::collections::BTreeSet;

fn demo_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("demo.db")).unwrap();
    load_demo(&mut store).unwrap();
    (dir, store)
}

#[test]
fn demo_gives_every_screen_something_to_show() {
    let (_dir, store) = demo_store();
    let items = store.list_feedback(&ListQuery::default()).unwrap();
    assert_eq!(items.len(), 48);
    assert!(
        items.iter().any(|i| i.rice.score().is_some()),
        "a RICE score"
    );
    assert!(
        items.iter().any(|i| i.ice.score().is_some()),
        "an ICE score"
    );
    assert!(
        items.iter().any(|i| i.wsjf.score().is_some()),
        "a WSJF score"
    );
    assert!(items.iter().filter(|i| i.nps.is_some()).count() >= 5);

    let surveyed = store.kano_responses().unwrap();
    assert_eq!(surveyed.len(), 5);
    let categories: BTreeSet<String> = surveyed
        .iter()
        .map(|f| {
            assert!(
                f.responses.len() >= 20,
                "{} has 20 or more answers",
                f.title
            );
            format!(
                "{:?}",
                analyse(&f.responses, &KanoSettings::default()).category
            )
        })
        .collect();
    assert!(categories.len() >= 3, "categories: {categories:?}");

    let pairs = store.near_duplicates(0.5, &|| false).unwrap();
    let titles: Vec<(String, String)> = pairs
        .pairs
        .iter()
        .map(|p| (p.first.title.clone(), p.second.title.clone()))
        .collect();
    assert!(titles.len() >= 3, "pairs: {titles:?}");
    assert!(
        titles.contains(&(
            "Export shift plan to Excel".into(),
            "Download roster as XLSX file".into()
        )),
        "the pair only meaning finds: {titles:?}"
    );

    let retros = store.list_retros(None).unwrap();
    assert_eq!(retros.len(), 2);
    let finished = retros.iter().find(|r| r.phase == Phase::Close).unwrap();
    let running = retros
        .iter()
        .find(|r| matches!(r.phase, Phase::Collect | Phase::Vote))
        .unwrap();
    let board = store.load_retro(finished.id).unwrap();
    assert!(board.cards.len() >= 4 && !board.groups.is_empty() && !board.votes.is_empty());
    assert!(board.roti.len() >= 3);
    assert!(board.actions.iter().any(|a| a.status == ActionStatus::Done));
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let overdue: Vec<_> = board
        .actions
        .iter()
        .filter(|a| a.status == ActionStatus::Open && a.is_overdue(today))
        .collect();
    assert_eq!(overdue.len(), 1);
    let next = store.load_retro(running.id).unwrap();
    assert!(!next.cards.is_empty());
    assert!(
        next.review.iter().any(|r| r.action.id == overdue[0].id),
        "the open action comes up in the next retro's review"
    );
}

/// Draws the app on the demo database after `keys`, with the answers the
/// runtime would give (Kano answers, the duplicate search, the retro list).
fn demo_screen(key: char) -> String {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use retriage::app::{Action, Model, duplicates, kano, retro, update};
    use retriage::config::Config;
    use retriage::input::{Input, Key};
    use retriage::ui;
    let (_dir, store) = demo_store();
    let mut model = Model::new(
        Config::defaults(true),
        store.triage_rows().unwrap(),
        "demo".into(),
    );
    update(
        &mut model,
        Action::Input(Input::Resize {
            width: 120,
            height: 30,
        }),
    );
    update(
        &mut model,
        Action::Kano(kano::Msg::Loaded(store.kano_responses().unwrap())),
    );
    update(&mut model, Action::key(Key::char(key)));
    let found = store.near_duplicates(0.5, &|| false).unwrap();
    update(
        &mut model,
        Action::Duplicates(duplicates::Msg::Loaded(found)),
    );
    update(
        &mut model,
        Action::Retro(retro::Msg::List(store.list_retros(None).unwrap())),
    );
    let rows = ui::table_rows_for(120, 30, &model);
    update(&mut model, Action::TableRows(rows));
    let mut terminal = Terminal::new(TestBackend::new(120, 30)).unwrap();
    terminal
        .draw(|frame| {
            ui::view(&model, frame);
        })
        .unwrap();
    format!("{}", terminal.backend())
}

#[test]
fn the_demo_fills_the_kano_duplicates_and_retro_screens() {
    insta::assert_snapshot!("demo_kano", demo_screen('2'));
    insta::assert_snapshot!("demo_duplicates", demo_screen('3'));
    insta::assert_snapshot!("demo_retros", demo_screen('4'));
}

#[test]
fn the_demo_fills_the_dashboard() {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use retriage::app::{Action, Model, dashboard, update};
    use retriage::config::Config;
    use retriage::domain::dashboard::Dashboard;
    use retriage::domain::scoring::ScoringModel;
    use retriage::input::{Input, Key};
    use retriage::ui;
    let (_dir, store) = demo_store();
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let facts = store.dashboard("Scheduling squad", None).unwrap();
    let built = Dashboard::build(&facts, None, today, ScoringModel::Rice);
    assert_eq!(built.kpis.len(), 3);
    assert!(built.kpis.iter().all(|k| k.points.len() == 7));
    assert_eq!(built.decisions.total(), 5);
    assert_eq!(built.decisions.by_decider, 3);
    assert!(!built.roti.is_empty());
    let mut model = Model::new(Config::defaults(true), Vec::new(), "demo".into());
    update(
        &mut model,
        Action::Input(Input::Resize {
            width: 120,
            height: 35,
        }),
    );
    update(&mut model, Action::key(Key::char('6')));
    update(
        &mut model,
        Action::Dashboard(dashboard::Msg::Loaded {
            teams: store.team_names().unwrap(),
            dashboard: Some(Box::new(built)),
        }),
    );
    let mut terminal = Terminal::new(TestBackend::new(120, 35)).unwrap();
    terminal
        .draw(|frame| {
            ui::view(&model, frame);
        })
        .unwrap();
    insta::assert_snapshot!("demo_dashboard", format!("{}", terminal.backend()));
}
