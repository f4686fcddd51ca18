//! Benchmarks of the alignment dashboard at the size: one team with
//! 3 KPIs of 1,000 check-ins each, 200 retros, 10,000 cards (with 20,000
//! votes), 2,000 actions and 100,000 feedback items (a third with an NPS
//! answer, a tenth scored). `dashboard_open` is what opening the Dashboard
//! or writing a report costs: every read from the SQLite file and the
//! whole build (KPI charts, action health, themes, backlog);
//! `dashboard_build` is the build alone, from facts already read;
//! `dashboard_draw` is one 140×40 frame of the Dashboard screen (the
//! redraw), with the dashboard already built.
//!
//! Run with `cargo bench --bench dashboard`.

use chrono::{DateTime, Days, NaiveDate, Utc};
use criterion::Criterion;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use retriage::app::{Action, Model, dashboard, update};
use retriage::config::Config;
use retriage::domain::dashboard::Dashboard;
use retriage::domain::kpi::{CheckInSpec, KpiDraft};
use retriage::domain::scoring::ScoringModel;
use retriage::input::{Input, Key};
use retriage::service;
use retriage::store::{CheckInRow, Store};
use retriage::ui;
use std::hint::black_box;
use std::path::Path;

const CHECK_INS: u64 = 1_000;
const RETROS: i64 = 200;
const CARDS_PER_RETRO: i64 = 50;
const ACTIONS_PER_RETRO: i64 = 10;
const ITEMS: i64 = 100_000;

const WORDS: [&str; 12] = [
    "deploy",
    "slow",
    "flaky",
    "tests",
    "meetings",
    "pairing",
    "review",
    "onboarding",
    "pipeline",
    "standup",
    "release",
    "docs",
];

fn start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 1, 1).unwrap()
}

fn build(path: &Path) -> Store {
    let now: DateTime<Utc> = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
    let mut store = Store::open(path).unwrap();
    let today = start();
    for (name, baseline, target, direction) in [
        ("Lead time", "30", "10", "down"),
        ("Adoption", "20", "80", "up"),
        ("Tickets", "500", "200", "down"),
    ] {
        let draft = KpiDraft {
            team: "Core".into(),
            name: name.into(),
            description: format!("{name} per week"),
            metric: name.into(),
            unit: "n".into(),
            baseline: baseline.into(),
            target: target.into(),
            direction: direction.into(),
            deadline: "2030-12-31".into(),
            business_owner: "Ines".into(),
            it_owner: "Omar".into(),
        };
        let kpi = service::kpi::add_kpi(&mut store, &draft, today, now).unwrap();
        let rows: Vec<CheckInRow> = (0..CHECK_INS)
            .map(|i| CheckInRow {
                kpi_id: kpi.id,
                check_in: CheckInSpec {
                    date: start() + Days::new(i),
                    value: kpi.baseline + (kpi.target - kpi.baseline) * i as f64 / 1_500.0,
                    confidence: None,
                    note: None,
                },
            })
            .collect();
        store.add_kpi_check_ins(&rows, now).unwrap();
    }
    drop(store);
    // The rest in one transaction, straight into the tables.
    let mut conn = rusqlite::Connection::open(path).unwrap();
    let tx = conn.transaction().unwrap();
    {
        let mut retro = tx
            .prepare(
                "INSERT INTO retros (id, team_id, title, date, template_name, template_json,
                     phase, votes_per_person, max_votes_per_card, anonymous, hide_until_reveal,
                     facilitator_votes, created_at)
                 VALUES (?1, 1, ?2, ?3, 'one', '{}', 'close', 5, 3, 0, 1, 0, 0)",
            )
            .unwrap();
        let mut card = tx
            .prepare(
                "INSERT INTO retro_cards (id, retro_id, column_index, text, revealed, created_at)
                 VALUES (?1, ?2, 0, ?3, 1, 0)",
            )
            .unwrap();
        let mut vote = tx
            .prepare("INSERT INTO retro_votes (retro_id, card_id, participant) VALUES (?1, ?2, ?3)")
            .unwrap();
        let mut roti = tx
            .prepare("INSERT INTO retro_roti (retro_id, participant, rating) VALUES (?1, ?2, ?3)")
            .unwrap();
        let mut action = tx
            .prepare(
                "INSERT INTO action_items (team_id, retro_id, title, due, status, created_at,
                     done_at)
                 VALUES (1, ?1, ?2, ?3, ?4, 0, ?5)",
            )
            .unwrap();
        for r in 1..=RETROS {
            let date = start() + Days::new(7 * r as u64);
            retro
                .execute(rusqlite::params![
                    r,
                    format!("Sprint {r}"),
                    date.to_string()
                ])
                .unwrap();
            for c in 0..CARDS_PER_RETRO {
                let id = r * CARDS_PER_RETRO + c;
                let text = format!(
                    "{} {} again in sprint {r}, card {c}",
                    WORDS[(id % 12) as usize],
                    WORDS[((id / 12) % 12) as usize]
                );
                card.execute(rusqlite::params![id, r, text]).unwrap();
                for who in ["Dana", "Eli"] {
                    vote.execute(rusqlite::params![r, id, who]).unwrap();
                }
            }
            for (who, rating) in [("Dana", 3 + r % 3), ("Eli", 2 + r % 4)] {
                roti.execute(rusqlite::params![r, who, rating]).unwrap();
            }
            for a in 0..ACTIONS_PER_RETRO {
                let status = ["open", "done", "dropped"][(a % 3) as usize];
                let done = (status == "done").then_some(1_700_000_000 + a * 86_400);
                action
                    .execute(rusqlite::params![
                        r,
                        format!("Fix the {} {a}", WORDS[(a % 12) as usize]),
                        (date + Days::new(14)).to_string(),
                        status,
                        done
                    ])
                    .unwrap();
            }
        }
        let mut item = tx
            .prepare(
                "INSERT INTO feedback (id, title, source, created_at, updated_at, status, nps,
                     sentiment)
                 VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6, ?7)",
            )
            .unwrap();
        let mut score = tx
            .prepare(
                "INSERT INTO feedback_score (feedback_id, rice_reach, rice_impact,
                     rice_confidence, rice_effort)
                 VALUES (?1, ?2, 1, 80, 2)",
            )
            .unwrap();
        for id in 1..=ITEMS {
            let nps = (id % 3 == 0).then_some(id % 11);
            item.execute(rusqlite::params![
                id,
                format!("Feedback {id}"),
                id % 7,
                1_700_000_000 + id * 600,
                id % 6,
                nps,
                id % 3 - 1
            ])
            .unwrap();
            if id % 10 == 0 {
                score.execute(rusqlite::params![id, id % 1_000]).unwrap();
            }
        }
    }
    tx.commit().unwrap();
    Store::open(path).unwrap()
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let store = build(&dir.path().join("dashboard.db"));
    let today = start() + Days::new(7 * RETROS as u64);
    let mut criterion = Criterion::default().sample_size(20).configure_from_args();
    criterion.bench_function("dashboard_open", |b| {
        b.iter(|| {
            let facts = store.dashboard("Core", None).unwrap();
            black_box(Dashboard::build(&facts, None, today, ScoringModel::Rice))
        })
    });
    let facts = store.dashboard("Core", None).unwrap();
    criterion.bench_function("dashboard_build", |b| {
        b.iter(|| black_box(Dashboard::build(&facts, None, today, ScoringModel::Rice)))
    });
    let mut model = Model::new(Config::defaults(true), Vec::new(), "bench".into());
    let size = Input::Resize {
        width: 140,
        height: 40,
    };
    update(&mut model, Action::Input(size));
    update(&mut model, Action::key(Key::char('6')));
    let loaded = dashboard::Msg::Loaded {
        teams: store.team_names().unwrap(),
        dashboard: Some(Box::new(Dashboard::build(
            &facts,
            None,
            today,
            ScoringModel::Rice,
        ))),
    };
    update(&mut model, Action::Dashboard(loaded));
    let mut terminal = Terminal::new(TestBackend::new(140, 40)).unwrap();
    criterion.bench_function("dashboard_draw", |b| {
        b.iter(|| {
            terminal
                .draw(|frame| {
                    black_box(ui::view(&model, frame));
                })
                .unwrap();
        })
    });
    criterion.final_summary();
}
