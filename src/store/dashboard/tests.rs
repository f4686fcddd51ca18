//! The dashboard's reads on a real database file: only the team's retros,
//! cards, votes, ROTI and actions from the period's start; feedback facts,
//! NPS answers of every kind and scored open items; an unknown team named.

use super::*;
use crate::domain::feedback::{FeedbackDraft, Source};
use crate::domain::retro::board::RetroSettings;
use crate::domain::retro::{ActionStatus, Template, TemplateColumn};
use crate::store::{ActionRow, RetroRow};
use chrono::{DateTime, TimeZone, Utc};

fn day(month: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, month, d).unwrap()
}

fn noon(month: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, month, d, 12, 0, 0).unwrap()
}

fn retro(store: &mut Store, team: &str, title: &str, date: NaiveDate) -> i64 {
    let template = Template {
        name: "One".into(),
        description: String::new(),
        columns: vec![TemplateColumn {
            title: "Notes".into(),
            prompt: "Anything?".into(),
        }],
    };
    let row = RetroRow {
        team,
        title,
        date,
        template: &template,
        facilitator: None,
        participants: &["Dana".to_string(), "Eli".to_string()],
        settings: RetroSettings::default(),
    };
    store.create_retro(&row, noon(1, 1)).unwrap()
}

fn action(store: &mut Store, retro_id: i64, title: &str, status: ActionStatus) {
    let row = ActionRow {
        title: title.into(),
        owner: None,
        due: None,
        status,
        card_id: None,
        group_id: None,
    };
    store.add_action(retro_id, &row, noon(2, 1)).unwrap();
}

fn feedback(store: &mut Store, title: &str, source: Source, nps: Option<u8>, at: DateTime<Utc>) {
    let draft = FeedbackDraft {
        title: title.into(),
        source,
        nps,
        ..FeedbackDraft::default()
    };
    store.add_feedback(&draft, Rice::default(), at).unwrap();
}

#[test]
fn the_dashboard_reads_one_team_from_the_period_start() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("dash.db")).unwrap();
    let old = retro(&mut store, "Core", "Sprint 1", day(1, 10));
    let new = retro(&mut store, "core", "Sprint 2", day(3, 10));
    let other = retro(&mut store, "Web", "Web 1", day(3, 10));
    let card = store
        .add_retro_card(new, 0, "Slow deploys", Some("Dana"), noon(3, 10))
        .unwrap();
    store
        .add_retro_card(old, 0, "Old card", None, noon(1, 10))
        .unwrap();
    store
        .add_retro_card(other, 0, "Not ours", None, noon(3, 10))
        .unwrap();
    for who in ["Dana", "Eli"] {
        store.add_retro_vote(new, card.id, who, |_| Ok(())).unwrap();
    }
    store.set_retro_roti(new, "Dana", 4).unwrap();
    store.set_retro_roti(old, "Dana", 2).unwrap();
    action(&mut store, new, "Cache the build", ActionStatus::Done);
    action(&mut store, old, "Too old", ActionStatus::Open);
    action(&mut store, other, "Not ours", ActionStatus::Open);
    feedback(&mut store, "Before", Source::Survey, Some(2), noon(1, 5));
    feedback(&mut store, "After", Source::Support, Some(10), noon(3, 5));

    let facts = store.dashboard("CORE", Some(day(3, 1))).unwrap();
    assert_eq!(facts.team, "Core", "the name as stored");
    let titles: Vec<&str> = facts.retros.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(titles, ["Sprint 2"]);
    let cards = &facts.retros[0].cards;
    assert_eq!(cards.len(), 1);
    assert_eq!(
        (cards[0].text.as_str(), cards[0].votes),
        ("Slow deploys", 2)
    );
    assert_eq!(facts.retros[0].roti, [4]);
    let actions: Vec<&str> = facts.actions.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(actions, ["Cache the build"]);
    assert_eq!(facts.feedback.len(), 1);
    assert_eq!(facts.feedback[0].source, Source::Support);
    assert_eq!(
        facts.nps,
        [NpsAnswer {
            date: day(3, 5),
            score: 10
        }]
    );

    let all = store.dashboard("Core", None).unwrap();
    assert_eq!(all.retros.len(), 2);
    assert_eq!(all.actions.len(), 2);
    assert_eq!(all.feedback.len(), 2);
    assert_eq!(all.nps.len(), 2);
}

#[test]
fn scored_items_leave_out_done_and_wont_do() {
    let mut store = Store::open_in_memory().unwrap();
    retro(&mut store, "Core", "Sprint 1", day(1, 10));
    for title in ["Open", "Done", "Unscored"] {
        feedback(&mut store, title, Source::Survey, None, noon(1, 5));
    }
    let rice = Rice {
        reach: Some(10.0),
        impact: Some(Impact::High),
        confidence: Some(80.0),
        effort: Some(2.0),
    };
    store.set_rice(1, rice).unwrap();
    store.set_rice(2, rice).unwrap();
    store.set_status(2, Status::Done).unwrap();
    let facts = store.dashboard("Core", None).unwrap();
    let scored: Vec<(&str, Rice)> = facts
        .scored
        .iter()
        .map(|s| (s.title.as_str(), s.rice))
        .collect();
    assert_eq!(scored, [("Open", rice)]);
}

#[test]
fn an_unknown_team_is_named_with_the_known_ones() {
    let mut store = Store::open_in_memory().unwrap();
    retro(&mut store, "Core", "Sprint 1", day(1, 10));
    let error = store.dashboard("Nope", None).unwrap_err().to_string();
    assert!(error.contains("unknown team 'Nope'"), "{error}");
    assert!(error.contains("Core"), "{error}");
}
