//! A database built through the library with fixed dates, for the report
//! and Dashboard screen tests: team Core with two KPIs and their
//! check-ins, roles and decisions, three retros whose cards share themes,
//! actions done on time, late, open, overdue and dropped, ROTI answers, and
//! scored feedback with NPS answers. `TODAY` is the day it is judged on.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use retriage::domain::dashboard::Dashboard;
use retriage::domain::decision::{DecisionDraft, Role};
use retriage::domain::feedback::{FeedbackDraft, Source, Status};
use retriage::domain::kpi::{CheckInDraft, KpiDraft};
use retriage::domain::retro::board::RetroSettings;
use retriage::domain::retro::{ActionStatus, Template, TemplateColumn};
use retriage::domain::scoring::{Impact, Rice, ScoringModel};
use retriage::service;
use retriage::store::{ActionRow, RetroRow, Store};
use std::path::Path;

pub const TODAY: (i32, u32, u32) = (2026, 6, 15);

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(TODAY.0, TODAY.1, TODAY.2).unwrap()
}

pub fn day(month: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, month, d).unwrap()
}

pub fn noon(month: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, month, d, 12, 0, 0).unwrap()
}

fn kpi(store: &mut Store, name: &str, unit: &str, baseline: &str, target: &str, direction: &str) {
    let draft = KpiDraft {
        team: "Core".into(),
        name: name.into(),
        description: format!("{name}, measured weekly"),
        metric: name.to_lowercase(),
        unit: unit.into(),
        baseline: baseline.into(),
        target: target.into(),
        direction: direction.into(),
        deadline: "2026-09-30".into(),
        business_owner: "Ines".into(),
        it_owner: "Omar".into(),
    };
    service::kpi::add_kpi(store, &draft, day(3, 1), noon(3, 1)).unwrap();
}

pub fn check_in(store: &mut Store, name: &str, date: NaiveDate, value: f64) {
    let draft = CheckInDraft {
        value: value.to_string(),
        date: date.to_string(),
        ..CheckInDraft::default()
    };
    service::kpi::record_check_in(store, "Core", name, &draft, today(), noon(6, 1)).unwrap();
}

fn retro(store: &mut Store, title: &str, date: NaiveDate, cards: &[(&str, u32)]) -> i64 {
    let template = Template {
        name: "One".into(),
        description: String::new(),
        columns: vec![TemplateColumn {
            title: "Notes".into(),
            prompt: "Anything?".into(),
        }],
    };
    let participants: Vec<String> = ["Dana", "Eli", "Fay"].map(String::from).to_vec();
    let row = RetroRow {
        team: "Core",
        title,
        date,
        template: &template,
        facilitator: None,
        participants: &participants,
        settings: RetroSettings::default(),
    };
    let id = store.create_retro(&row, noon(1, 1)).unwrap();
    for (text, votes) in cards {
        let card = store.add_retro_card(id, 0, text, None, noon(1, 2)).unwrap();
        for voter in participants.iter().take(*votes as usize) {
            store
                .add_retro_vote(id, card.id, voter, |_| Ok(()))
                .unwrap();
        }
    }
    id
}

/// Adds an action; a done or dropped one changes status at `changed`.
fn action(
    store: &mut Store,
    retro: i64,
    title: &str,
    due: Option<NaiveDate>,
    status: ActionStatus,
    changed: DateTime<Utc>,
) {
    let row = ActionRow {
        title: title.into(),
        owner: Some("Dana".into()),
        due,
        status: ActionStatus::Open,
        card_id: None,
        group_id: None,
    };
    let mut item = store.add_action(retro, &row, noon(3, 1)).unwrap();
    if status != ActionStatus::Open {
        item.status = status;
        store.update_action(&item, changed).unwrap();
    }
}

/// Builds the database at `path`.
pub fn build(path: &Path) -> Store {
    let mut store = Store::open(path).unwrap();
    kpi(&mut store, "Lead time", "days", "30", "10", "down");
    kpi(&mut store, "Adoption", "%", "20", "80", "up");
    for (week, value) in [28.0, 26.0, 25.0, 21.0, 19.0].iter().enumerate() {
        check_in(
            &mut store,
            "Lead time",
            day(3, 2) + chrono::Days::new(14 * week as u64),
            *value,
        );
    }
    check_in(&mut store, "Adoption", day(3, 2), 20.0);
    check_in(&mut store, "Adoption", day(5, 4), 35.0);
    for (person, role) in [("Ines", Role::Decider), ("Omar", Role::Advisor)] {
        service::decisions::set_role(&mut store, "Core", person, role, noon(3, 1)).unwrap();
    }
    let first = retro(
        &mut store,
        "Sprint 1",
        day(3, 6),
        &[
            ("Slow deploys again", 3),
            ("Great pairing", 1),
            ("Too many meetings", 2),
        ],
    );
    let second = retro(
        &mut store,
        "Sprint 2",
        day(4, 3),
        &[("Deploys are slow", 2), ("Flaky tests in CI", 2)],
    );
    let third = retro(
        &mut store,
        "Sprint 3",
        day(5, 1),
        &[
            ("slow deploys, still", 3),
            ("flaky tests block merges", 1),
            ("meetings ok", 0),
        ],
    );
    for (retro, ratings) in [(first, [2, 3, 3]), (second, [3, 4, 4]), (third, [4, 5, 4])] {
        for (who, rating) in ["Dana", "Eli", "Fay"].iter().zip(ratings) {
            store.set_retro_roti(retro, who, rating).unwrap();
        }
    }
    use ActionStatus::{Done, Dropped, Open};
    let actions = [
        (
            first,
            "Cache the deploy pipeline",
            Some(day(3, 20)),
            Done,
            noon(3, 25),
        ),
        (first, "Cut a meeting", None, Dropped, noon(3, 10)),
        (
            first,
            "Share the pairing rota",
            Some(day(3, 31)),
            Done,
            noon(3, 30),
        ),
        (
            second,
            "Quarantine flaky tests",
            Some(day(6, 30)),
            Open,
            noon(4, 3),
        ),
        (
            third,
            "Write the deploy runbook",
            Some(day(6, 1)),
            Open,
            noon(5, 1),
        ),
    ];
    for (retro, title, due, status, changed) in actions {
        action(&mut store, retro, title, due, status, changed);
    }
    let items = [
        ("Export to Excel", Source::Survey, Some(9), noon(5, 4)),
        (
            "The app is slow and broken",
            Source::Support,
            None,
            noon(5, 12),
        ),
        ("Love the new search", Source::Nps, Some(10), noon(6, 2)),
        ("Billing page crashes", Source::Support, Some(3), noon(6, 9)),
    ];
    for (title, source, nps, at) in items {
        let draft = FeedbackDraft {
            title: title.into(),
            source,
            nps,
            ..FeedbackDraft::default()
        };
        store.add_feedback(&draft, Rice::default(), at).unwrap();
    }
    for (id, reach) in [(1, 200.0), (2, 500.0), (4, 900.0)] {
        let rice = Rice {
            reach: Some(reach),
            impact: Some(Impact::High),
            confidence: Some(80.0),
            effort: Some(2.0),
        };
        store.set_rice(id, rice).unwrap();
    }
    for (id, status, by) in [
        (1, Status::Planned, "Ines"),
        (4, Status::Planned, "Omar"),
        (2, Status::WontDo, "Sam"),
    ] {
        let draft = DecisionDraft {
            by: by.into(),
            why: "weekly review".into(),
            team: Some("Core".into()),
        };
        service::decisions::decide(&mut store, id, status, draft, noon(6, 10)).unwrap();
    }
    store
}

/// The dashboard of Core for the period from `since`, judged on `TODAY`.
pub fn dashboard(store: &Store, since: Option<NaiveDate>) -> Dashboard {
    let facts = store.dashboard("Core", since).unwrap();
    Dashboard::build(&facts, since, today(), ScoringModel::Rice)
}
