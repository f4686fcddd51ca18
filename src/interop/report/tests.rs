//! The report's two formats on a dashboard built from facts in memory:
//! hostile text cannot break a table or add HTML, and the JSON carries
//! the figures the Markdown shows.

use super::*;
use crate::domain::dashboard::{CardFacts, DashboardFacts, RetroFacts};
use crate::domain::scoring::ScoringModel;
use chrono::NaiveDate;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 4, d).unwrap()
}

fn dashboard() -> Dashboard {
    let retro = |id: i64, text: &str| RetroFacts {
        id,
        title: format!("Sprint <{id}> | x"),
        date: day(id as u32),
        cards: vec![CardFacts {
            id,
            text: text.into(),
            votes: 2,
        }],
        roti: vec![3, 5],
    };
    let facts = DashboardFacts {
        team: "Core|<b>".into(),
        retros: vec![
            retro(1, "Flaky tests <script>\u{1b}[31m"),
            retro(2, "flaky tests | again"),
        ],
        ..DashboardFacts::default()
    };
    Dashboard::build(&facts, None, day(20), ScoringModel::Rice)
}

fn markdown(d: &Dashboard) -> String {
    let mut out = Vec::new();
    write_markdown(d, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn text_from_outside_cannot_break_a_table_or_add_html() {
    let md = markdown(&dashboard());
    assert!(
        md.starts_with("# Alignment report: Core\\|&lt;b&gt;\n"),
        "{md}"
    );
    assert!(!md.contains('<') && !md.contains('\u{1b}'), "{md}");
    assert!(
        md.contains("| Sprint &lt;1&gt; \\| x | 2026-04-01 | 2 | 4.0 |"),
        "{md}"
    );
    assert!(md.contains("1. **flaky tests**: 2 retros"), "{md}");
    assert!(md.contains("flaky tests \\| again (2 votes)"), "{md}");
}

#[test]
fn the_json_holds_the_markdown_figures() {
    let d = dashboard();
    let mut out = Vec::new();
    write_json(&d, &mut out).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(json["team"], "Core|<b>");
    assert_eq!(json["since"], serde_json::Value::Null);
    assert_eq!(json["roti"]["retros"][1]["average"], 4.0);
    assert_eq!(json["roti"]["sparkline"], roti_sparkline(&d));
    assert!(markdown(&d).contains(&roti_sparkline(&d)));
    assert_eq!(json["themes"][0]["phrase"], "flaky tests");
    assert_eq!(json["themes"][0]["votes"], 4);
    assert_eq!(json["actions"]["total"], 0);
    assert_eq!(json["actions"]["completion_rate"], serde_json::Value::Null);
    assert_eq!(json["backlog"]["score_model"], "RICE");
}
