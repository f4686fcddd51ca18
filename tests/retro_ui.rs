//! Snapshots of the retro board in every phase and of the actions screen,
//! at the 80×24 minimum and at 140×40, drawn from a retro built in memory.
//! Dates are fixed and no clock is read, so the snapshots are stable.

use chrono::{DateTime, NaiveDate};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use retriage::app::retro::Msg;
use retriage::app::{Action, Model, action_items, update};
use retriage::config::Config;
use retriage::domain::retro::actions::{ActionItem, ActionStatus};
use retriage::domain::retro::board::{Card, CardGroup, RetroSettings};
use retriage::domain::retro::discussion::{TopicRef, TopicTimer};
use retriage::domain::retro::phase::Phase;
use retriage::domain::retro::record::{RetroBoard, ReviewedAction};
use retriage::domain::retro::template::{Template, TemplateColumn};
use retriage::domain::retro::voting::Vote;
use retriage::input::{Input, Key};
use retriage::ui;
use std::collections::HashMap;

fn card(
    id: i64,
    column: usize,
    text: &str,
    author: &str,
    group: Option<i64>,
    revealed: bool,
) -> Card {
    Card {
        id,
        column,
        text: text.into(),
        author: Some(author.into()),
        group_id: group,
        revealed,
        created_at: DateTime::from_timestamp(1_800_000_000 + id, 0).unwrap(),
    }
}

fn action(
    id: i64,
    title: &str,
    card: Option<i64>,
    group: Option<i64>,
    status: ActionStatus,
) -> ActionItem {
    ActionItem {
        id,
        title: title.into(),
        owner: Some("Eli".into()),
        due: NaiveDate::from_ymd_opt(2099, 12, 18),
        status,
        team: "core".into(),
        retro_id: 7,
        retro_title: "Sprint 48".into(),
        card_id: card,
        group_id: group,
        created_at: DateTime::from_timestamp(1_800_000_100 + id, 0).unwrap(),
        done_at: None,
    }
}

fn board(phase: Phase, anonymous: bool) -> RetroBoard {
    let earlier = ActionItem {
        retro_id: 3,
        retro_title: "Sprint 47".into(),
        due: NaiveDate::from_ymd_opt(2020, 1, 10),
        ..action(2, "Automate the changelog", None, None, ActionStatus::Open)
    };
    RetroBoard {
        id: 7,
        team: "core".into(),
        title: "Sprint 48 \u{1b}[31mretro".into(),
        date: NaiveDate::from_ymd_opt(2026, 12, 4).unwrap(),
        template: Template {
            name: "Start/Stop/Continue".into(),
            description: String::new(),
            columns: [
                ("Start", "What should we start doing?"),
                ("Stop", "What should we stop doing?"),
                ("Continue", "What should we keep doing?"),
            ]
            .iter()
            .map(|(t, p)| TemplateColumn {
                title: t.to_string(),
                prompt: p.to_string(),
            })
            .collect(),
        },
        facilitator: Some("Sam".into()),
        participants: vec!["Dana".into(), "Eli".into(), "Fay".into()],
        settings: RetroSettings {
            anonymous,
            ..RetroSettings::default()
        },
        phase,
        tallies_hidden: false,
        cards: vec![
            card(1, 0, "Pair on deploys", "Dana", Some(20), true),
            card(2, 0, "Deploy checklist", "Eli", Some(20), true),
            card(3, 1, "Friday releases", "Eli", None, true),
            card(4, 1, "Secret gripe", "Fay", None, false),
            card(5, 2, "Demo days", "Dana", None, true),
        ],
        groups: vec![CardGroup {
            id: 20,
            title: "Safer deploys".into(),
        }],
        votes: vec![
            Vote {
                id: 1,
                participant: "Dana".into(),
                card_id: 1,
            },
            Vote {
                id: 2,
                participant: "Eli".into(),
                card_id: 1,
            },
            Vote {
                id: 3,
                participant: "Dana".into(),
                card_id: 3,
            },
        ],
        actions: vec![
            action(
                10,
                "Write a deploy checklist",
                None,
                Some(20),
                ActionStatus::Open,
            ),
            action(
                11,
                "No releases on Fridays",
                Some(3),
                None,
                ActionStatus::Done,
            ),
        ],
        roti: vec![("Dana".into(), 4), ("Eli".into(), 5)],
        review: vec![ReviewedAction {
            action: earlier,
            review: Some(ActionStatus::Done),
        }],
        timers: HashMap::from([(
            TopicRef::Group(20),
            TopicTimer {
                allotted_secs: 300,
                elapsed_ms: 95_000,
                running_since: None,
            },
        )]),
    }
}

fn draw(model: &mut Model, width: u16, height: u16) -> Terminal<TestBackend> {
    update(model, Action::Input(Input::Resize { width, height }));
    let rows = ui::table_rows_for(width, height, model);
    update(model, Action::TableRows(rows));
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| {
            ui::view(model, frame);
        })
        .unwrap();
    terminal
}

fn retro_model(phase: Phase, anonymous: bool) -> Model {
    let mut model = Model::new(Config::defaults(true), vec![], "/data/retriage.db".into());
    update(&mut model, Action::key(Key::char('4')));
    update(
        &mut model,
        Action::Retro(Msg::Loaded(Box::new(board(phase, anonymous)))),
    );
    update(&mut model, Action::Tick(0));
    model
}

macro_rules! phase_snapshots {
    ($($name:ident: $phase:expr, $anonymous:expr;)*) => {$(
        #[test]
        fn $name() {
            let mut model = retro_model($phase, $anonymous);
            insta::assert_snapshot!(concat!(stringify!($name), "_80x24"), draw(&mut model, 80, 24).backend());
            insta::assert_snapshot!(concat!(stringify!($name), "_140x40"), draw(&mut model, 140, 40).backend());
        }
    )*};
}

phase_snapshots! {
    review_phase: Phase::Review, false;
    collect_phase: Phase::Collect, false;
    collect_phase_anonymous: Phase::Collect, true;
    group_phase: Phase::Group, false;
    vote_phase: Phase::Vote, false;
    discuss_phase: Phase::Discuss, false;
    actions_phase: Phase::Actions, false;
    close_phase: Phase::Close, false;
}

#[test]
fn the_list_of_retros_when_none_exists() {
    let mut model = Model::new(Config::defaults(true), vec![], "/data/retriage.db".into());
    update(&mut model, Action::key(Key::char('4')));
    insta::assert_snapshot!(draw(&mut model, 80, 24).backend());
}

#[test]
fn the_actions_screen_marks_overdue_items() {
    let mut model = Model::new(Config::defaults(true), vec![], "/data/retriage.db".into());
    update(&mut model, Action::key(Key::char('5')));
    let b = board(Phase::Close, false);
    let mut items = b.actions.clone();
    items.extend(b.review.iter().map(|r| r.action.clone()));
    update(
        &mut model,
        Action::ActionItems(action_items::Msg::Loaded(items)),
    );
    insta::assert_snapshot!(draw(&mut model, 80, 24).backend());
    insta::assert_snapshot!(draw(&mut model, 140, 40).backend());
}
