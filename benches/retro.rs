//! Benchmarks of the retro board at a large retro: 500 cards in four
//! columns, 30 participants, 1,500 votes, 40 groups and 100 action items.
//! Every measured iteration is one key through `update` and one frame drawn
//! into a `TestBackend`, the way the runtime does it; `board_answer`
//! measures taking in a retro read back after a write (what every change
//! on the board costs the screen).
//!
//! `store_*` measure the same retro stored in a SQLite file: reading it
//! back whole (what follows every write on the board) and a vote written and
//! read back.
//!
//! Run with `cargo bench --bench retro`.

use chrono::{DateTime, NaiveDate, Utc};
use criterion::Criterion;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use retriage::app::retro::Msg;
use retriage::app::{Action, Model, update};
use retriage::config::Config;
use retriage::domain::retro::actions::{ActionItem, ActionStatus};
use retriage::domain::retro::board::{Card, CardGroup, RetroSettings};
use retriage::domain::retro::phase::Phase;
use retriage::domain::retro::record::RetroBoard;
use retriage::domain::retro::template::{Template, TemplateColumn};
use retriage::domain::retro::voting::Vote;
use retriage::input::{Key, KeyCode};
use retriage::service::retro::{self, NewRetro};
use retriage::store::Store;
use retriage::ui;
use std::collections::HashMap;
use std::hint::black_box;

const CARDS: i64 = 500;
const PEOPLE: usize = 30;
const VOTES: i64 = 1_500;
const GROUPS: i64 = 40;
const ACTIONS: i64 = 100;

fn large_retro(phase: Phase) -> RetroBoard {
    let participants: Vec<String> = (0..PEOPLE).map(|i| format!("Person {i:02}")).collect();
    let cards = (1..=CARDS)
        .map(|id| Card {
            id,
            column: (id % 4) as usize,
            text: format!(
                "Card {id}: the deploy pipeline was slow again on day {}",
                id % 9
            ),
            author: Some(participants[id as usize % PEOPLE].clone()),
            // The first 200 cards sit in 40 groups of five.
            group_id: (id <= 200).then_some(1_000 + (id - 1) / 5),
            revealed: true,
            created_at: DateTime::from_timestamp(1_800_000_000 + id, 0).unwrap(),
        })
        .collect();
    let votes = (1..=VOTES)
        .map(|id| Vote {
            id,
            participant: participants[id as usize % PEOPLE].clone(),
            card_id: (id * 7919) % CARDS + 1,
        })
        .collect();
    let actions = (1..=ACTIONS)
        .map(|id| ActionItem {
            id,
            title: format!("Action {id}: fix the slow step"),
            owner: Some(participants[id as usize % PEOPLE].clone()),
            due: NaiveDate::from_ymd_opt(2026, 12, 18),
            status: ActionStatus::Open,
            team: "platform".into(),
            retro_id: 1,
            retro_title: "Quarterly".into(),
            card_id: Some(id * 3),
            group_id: None,
            created_at: DateTime::from_timestamp(1_800_100_000 + id, 0).unwrap(),
            done_at: None,
        })
        .collect();
    RetroBoard {
        id: 1,
        team: "platform".into(),
        title: "Quarterly".into(),
        date: NaiveDate::from_ymd_opt(2026, 12, 4).unwrap(),
        template: Template {
            name: "4Ls".into(),
            description: String::new(),
            columns: ["Liked", "Learned", "Lacked", "Longed for"]
                .iter()
                .map(|t| TemplateColumn {
                    title: t.to_string(),
                    prompt: String::new(),
                })
                .collect(),
        },
        facilitator: Some("Sam".into()),
        participants,
        settings: RetroSettings {
            votes_per_person: 60,
            max_votes_per_card: 5,
            ..RetroSettings::default()
        },
        phase,
        tallies_hidden: false,
        cards,
        groups: (0..GROUPS)
            .map(|g| CardGroup {
                id: 1_000 + g,
                title: format!("Theme {g}"),
            })
            .collect(),
        votes,
        actions,
        roti: vec![],
        review: vec![],
        timers: HashMap::new(),
    }
}

struct Screen {
    model: Model,
    terminal: Terminal<TestBackend>,
}

impl Screen {
    fn new(phase: Phase, width: u16, height: u16) -> Screen {
        let mut model = Model::new(Config::defaults(true), vec![], "bench".into());
        update(&mut model, Action::key(Key::char('4')));
        update(
            &mut model,
            Action::Retro(Msg::Loaded(Box::new(large_retro(phase)))),
        );
        let mut screen = Screen {
            model,
            terminal: Terminal::new(TestBackend::new(width, height)).expect("terminal"),
        };
        screen.frame();
        screen
    }

    fn frame(&mut self) {
        let model = &self.model;
        self.terminal
            .draw(|frame| {
                black_box(ui::view(model, frame));
            })
            .expect("draw");
    }

    fn keystroke(&mut self, key: Key) {
        black_box(update(&mut self.model, Action::key(key)));
        self.frame();
    }
}

/// The large retro written through the service into a new database file.
fn stored_retro(dir: &std::path::Path) -> (Store, i64) {
    let mut store = Store::open(&dir.join("retro.db")).expect("open");
    let board = large_retro(Phase::Vote);
    let now = Utc::now();
    let new = NewRetro {
        team: board.team.clone(),
        title: board.title.clone(),
        date: Some(board.date),
        facilitator: board.facilitator.clone(),
        participants: board.participants.clone(),
        settings: board.settings,
    };
    let id = retro::create_retro(&mut store, &board.template, new, now).expect("retro");
    for card in &board.cards {
        let author = card.author.as_deref();
        retro::add_card_at(&mut store, id, card.column, &card.text, author, now).expect("card");
    }
    for vote in &board.votes {
        retro::vote(&mut store, id, vote.card_id, &vote.participant).expect("vote");
    }
    retro::set_phase(&mut store, id, Phase::Vote).expect("phase");
    (store, id)
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("retro");
    for (name, phase, key) in [
        ("collect_move_down", Phase::Collect, Key::char('j')),
        ("collect_next_column", Phase::Collect, Key::char('l')),
        ("vote_move_down", Phase::Vote, Key::char('j')),
        ("vote_cast_checked", Phase::Vote, Key::char('+')),
        ("discuss_move_down", Phase::Discuss, Key::char('j')),
        ("actions_move_down", Phase::Actions, Key::char('j')),
    ] {
        let mut screen = Screen::new(phase, 140, 40);
        group.bench_function(name, |b| b.iter(|| screen.keystroke(key)));
    }
    let mut screen = Screen::new(Phase::Vote, 140, 40);
    let answer = large_retro(Phase::Vote);
    group.bench_function("board_answer_then_frame", |b| {
        b.iter(|| {
            update(
                &mut screen.model,
                Action::Retro(Msg::Loaded(Box::new(answer.clone()))),
            );
            screen.frame();
        })
    });
    let mut small = Screen::new(Phase::Collect, 80, 24);
    group.bench_function("collect_move_down_80x24", |b| {
        b.iter(|| small.keystroke(Key::plain(KeyCode::Down)))
    });
    let dir = tempfile::TempDir::new().expect("temp dir");
    let (mut store, id) = stored_retro(dir.path());
    group.bench_function("store_load_whole_retro", |b| {
        b.iter(|| black_box(retro::load_retro(&store, id).expect("load")))
    });
    group.bench_function("store_vote_and_load", |b| {
        b.iter(|| {
            let vote = retro::vote(&mut store, id, 499, "Person 00").expect("vote");
            retro::remove_vote(&mut store, id, vote.id).expect("take back");
            black_box(retro::load_retro(&store, id).expect("load"))
        })
    });
    group.finish();
}

criterion::criterion_group!(benches, bench);
criterion::criterion_main!(benches);
