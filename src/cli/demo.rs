//! The `--demo` data: example feedback scored with each model and with NPS
//! answers (`assets/demo.json`), a Kano survey of its features
//! (`assets/demo_kano.csv`), and two retros of one team, a finished one
//! whose open action comes up in the review of the one in progress; for the
//! Dashboard, the team's three shared KPIs with fortnightly check-ins, its
//! decision roles and a few decisions on the backlog. Every date is fixed,
//! so the demo looks the same every time.

use super::CliError;
use crate::config::templates::{find_template, load_templates};
use crate::domain::decision::{DecisionDraft, Role};
use crate::domain::feedback::Status;
use crate::domain::kpi::{CheckInDraft, KpiDraft};
use crate::domain::retro::{ActionStatus, Phase};
use crate::interop;
use crate::interop::kano::GridQuestions;
use crate::service::actions::{ActionChanges, NewAction, add_action, update_action};
use crate::service::decisions::{decide, set_role};
use crate::service::kano::import_survey;
use crate::service::kpi::{add_kpi, record_check_in};
use crate::service::retro::{
    NewRetro, add_card, create_retro, group_cards, reveal, set_phase, set_roti, vote,
};
use crate::store::Store;
use chrono::{DateTime, NaiveDate, Utc};

/// The survey name the demo's Kano answers are stored under.
const DEMO_SURVEY: &str = "Planner survey, autumn 2026";

const TEAM: &str = "Scheduling squad";
const TEMPLATE: &str = "Start/Stop/Continue";
const PARTICIPANTS: [&str; 4] = ["Ana", "Ben", "Chen", "Dana"];

/// Fills a fresh store with the demo data; returns how many feedback items
/// it holds.
pub fn load_demo(store: &mut Store) -> Result<usize, CliError> {
    let items = interop::json::read_items(include_str!("../../assets/demo.json"))
        .map_err(|e| CliError(format!("demo data: {e}")))?;
    let count = store.insert_items(items)?;
    import_survey(
        store,
        DEMO_SURVEY,
        include_bytes!("../../assets/demo_kano.csv"),
        &GridQuestions::default(),
        false,
    )
    .map_err(|e| CliError(format!("demo survey: {e}")))?;
    load_retros(store)?;
    load_alignment(store)?;
    Ok(count)
}

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .expect("demo timestamps are valid RFC 3339")
        .to_utc()
}

fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("demo dates are valid")
}

fn new_retro(title: &str, date: NaiveDate) -> NewRetro {
    NewRetro {
        team: TEAM.into(),
        title: title.into(),
        date: Some(date),
        facilitator: Some("Mia".into()),
        participants: PARTICIPANTS.iter().map(|p| p.to_string()).collect(),
        ..NewRetro::default()
    }
}

/// A finished retro (cards, a group, votes, one action done and one still
/// open past its due date, ROTI answers), then the next one, still
/// collecting cards, whose review lists the open action.
fn load_retros(store: &mut Store) -> Result<(), CliError> {
    let templates = load_templates(None).map_err(|e| CliError(format!("demo retro: {e}")))?;
    let template = find_template(&templates, TEMPLATE).map_err(CliError)?;

    let created = at("2026-11-12T09:00:00Z");
    let finished = create_retro(
        store,
        template,
        new_retro("Sprint 41 retro", day(2026, 11, 12)),
        created,
    )?;
    set_phase(store, finished, Phase::Collect)?;
    let cards = [
        ("Start", "Pair on the SSO timeout bugs", "Ana"),
        ("Start", "Read the support queue together on Mondays", "Ben"),
        ("Stop", "Merging on Friday afternoon", "Chen"),
        ("Stop", "Friday deploys without a rollback plan", "Dana"),
        ("Continue", "Demoing to the planners every sprint", "Ana"),
        ("Continue", "Short daily standups", "Chen"),
    ];
    let mut card_ids = Vec::new();
    for (column, text, author) in cards {
        card_ids.push(add_card(store, finished, column, text, Some(author), created)?.id);
    }
    reveal(store, finished, None)?;
    let friday = group_cards(store, finished, &card_ids[2..4], "Friday releases")?;
    set_phase(store, finished, Phase::Vote)?;
    for (card, voter) in [
        (card_ids[2], "Ana"),
        (card_ids[3], "Ben"),
        (card_ids[2], "Chen"),
        (card_ids[0], "Dana"),
        (card_ids[0], "Ana"),
        (card_ids[4], "Ben"),
    ] {
        vote(store, finished, card, voter)?;
    }
    set_phase(store, finished, Phase::Actions)?;
    let done = add_action(
        store,
        NewAction {
            retro_id: finished,
            title: "Set up a Monday support-queue session".into(),
            owner: Some("Ben".into()),
            due: Some(day(2026, 11, 16)),
            card_id: Some(card_ids[1]),
            ..NewAction::default()
        },
        created,
    )?;
    update_action(
        store,
        done.id,
        ActionChanges {
            status: Some(ActionStatus::Done),
            ..ActionChanges::default()
        },
        at("2026-11-16T10:30:00Z"),
    )?;
    add_action(
        store,
        NewAction {
            retro_id: finished,
            title: "Write a rollback checklist for releases".into(),
            owner: Some("Dana".into()),
            due: Some(day(2026, 11, 19)),
            group_id: Some(friday.group_id),
            ..NewAction::default()
        },
        created,
    )?;
    for (who, rating) in [("Ana", 4), ("Ben", 5), ("Chen", 3), ("Dana", 4), ("Mia", 4)] {
        set_roti(store, finished, who, rating)?;
    }
    set_phase(store, finished, Phase::Close)?;

    let next_created = at("2026-11-26T09:00:00Z");
    let in_progress = create_retro(
        store,
        template,
        new_retro("Sprint 42 retro", day(2026, 11, 26)),
        next_created,
    )?;
    set_phase(store, in_progress, Phase::Collect)?;
    for (column, text, author) in [
        ("Start", "Write release notes the planners can read", "Chen"),
        ("Stop", "Skipping the review of open actions", "Dana"),
        ("Continue", "Answering support within the hour", "Ana"),
    ] {
        add_card(store, in_progress, column, text, Some(author), next_created)?;
    }
    Ok(())
}

/// One of the demo team's shared KPIs.
struct DemoKpi {
    name: &'static str,
    unit: &'static str,
    baseline: &'static str,
    target: &'static str,
    direction: &'static str,
    /// The fortnightly check-ins from August 31st.
    values: [f64; 7],
}

/// Adoption is on track, tickets about on track, lead time lagging.
const KPIS: [DemoKpi; 3] = [
    DemoKpi {
        name: "Planner adoption",
        unit: "% of sites",
        baseline: "35",
        target: "80",
        direction: "up",
        values: [35.0, 38.0, 44.0, 47.0, 53.0, 58.0, 61.0],
    },
    DemoKpi {
        name: "Support tickets",
        unit: "per week",
        baseline: "120",
        target: "60",
        direction: "down",
        values: [120.0, 116.0, 109.0, 101.0, 97.0, 88.0, 84.0],
    },
    DemoKpi {
        name: "Release lead time",
        unit: "days",
        baseline: "21",
        target: "7",
        direction: "down",
        values: [21.0, 20.0, 20.0, 19.0, 18.0, 18.0, 17.0],
    },
];

/// Shared KPIs with check-ins, the team's roles, and decisions on items
/// the demo data already has planned or turned down: most by the decider,
/// one by an advisor and one by someone without a role.
fn load_alignment(store: &mut Store) -> Result<(), CliError> {
    let today = day(2026, 11, 26);
    let added = at("2026-08-31T09:00:00Z");
    for kpi in &KPIS {
        let draft = KpiDraft {
            team: TEAM.into(),
            name: kpi.name.into(),
            description: format!("{}, measured every fortnight", kpi.name),
            metric: kpi.name.to_lowercase(),
            unit: kpi.unit.into(),
            baseline: kpi.baseline.into(),
            target: kpi.target.into(),
            direction: kpi.direction.into(),
            deadline: "2027-06-30".into(),
            business_owner: "Sofia".into(),
            it_owner: "Chen".into(),
        };
        add_kpi(store, &draft, day(2026, 8, 31), added)?;
        for (fortnight, value) in kpi.values.iter().enumerate() {
            let date = day(2026, 8, 31) + chrono::Days::new(14 * fortnight as u64);
            let check_in = CheckInDraft {
                value: value.to_string(),
                date: date.to_string(),
                ..CheckInDraft::default()
            };
            record_check_in(store, TEAM, kpi.name, &check_in, today, added)?;
        }
    }
    for (person, role) in [
        ("Sofia", Role::Decider),
        ("Ben", Role::Advisor),
        ("Chen", Role::Escalation),
    ] {
        set_role(store, TEAM, person, role, added)?;
    }
    let decisions = [
        (
            5,
            Status::Planned,
            "Sofia",
            "Sites ask for it in every call",
        ),
        (
            6,
            Status::Planned,
            "Sofia",
            "Top request from shift workers",
        ),
        (21, Status::Planned, "Ben", "Cheap once availability is in"),
        (18, Status::WontDo, "Lars", "Not for this year"),
        (42, Status::WontDo, "Sofia", "The week view covers it"),
    ];
    for (id, status, by, why) in decisions {
        let draft = DecisionDraft {
            by: by.into(),
            why: why.into(),
            team: Some(TEAM.into()),
        };
        decide(store, id, status, draft, at("2026-11-20T14:00:00Z"))?;
    }
    Ok(())
}
