//! KPIs and check-ins in a real database file: what is stored reads back
//! typed, a refused KPI leaves no team, retired KPIs keep their history,
//! and a batch of check-ins is all or nothing.

use super::*;
use crate::domain::kpi::{Confidence, Direction};
use chrono::NaiveDate;
use tempfile::TempDir;

fn open() -> (TempDir, Store) {
    let dir = TempDir::new().unwrap();
    let store = Store::open(&dir.path().join("kpi.db")).unwrap();
    (dir, store)
}

fn at(seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(seconds, 0).unwrap()
}

fn day(month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, month, day).unwrap()
}

fn spec(team: &str, name: &str) -> KpiSpec {
    KpiSpec {
        team: team.into(),
        name: name.into(),
        description: "Days from an accepted request to its release".into(),
        metric: "median lead time".into(),
        unit: "days".into(),
        baseline: 30.0,
        target: 10.5,
        direction: Direction::Down,
        deadline: day(12, 31),
        business_owner: "Ines".into(),
        it_owner: "Omar".into(),
    }
}

fn add(store: &mut Store, team: &str, name: &str) -> Kpi {
    store
        .add_kpi(&spec(team, name), at(100), |_| Ok(()))
        .unwrap()
}

fn check_in(kpi_id: i64, date: NaiveDate, value: f64) -> CheckInRow {
    CheckInRow {
        kpi_id,
        check_in: CheckInSpec {
            date,
            value,
            confidence: Some(Confidence::AtRisk),
            note: Some("slow reviews".into()),
        },
    }
}

fn team_count(store: &Store) -> i64 {
    store
        .conn
        .query_row("SELECT count(*) FROM teams", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_kpi_reads_back_as_added_and_creates_its_team_once() {
    let (dir, mut store) = open();
    let kpi = add(&mut store, "Core", "Lead time");
    assert_eq!(kpi.team, "Core");
    assert_eq!((kpi.baseline, kpi.target), (30.0, 10.5));
    assert_eq!(kpi.direction, Direction::Down);
    assert_eq!(kpi.deadline, day(12, 31));
    assert_eq!(kpi.created_at, at(100));
    assert!(kpi.is_active());
    // The team is matched ignoring case, not created twice.
    let other = add(&mut store, "core", "NPS");
    assert_eq!(other.team, "Core");
    assert_eq!(team_count(&store), 1);
    drop(store);
    let store = Store::open(&dir.path().join("kpi.db")).unwrap();
    let kpis = store.team_kpis("CORE").unwrap();
    assert_eq!(kpis, [kpi, other]);
}

#[test]
fn a_refused_kpi_writes_nothing_not_even_its_team() {
    let (_dir, mut store) = open();
    let mut seen = None;
    let refused = store
        .add_kpi(&spec("Web", "Lead time"), at(100), |existing| {
            seen = Some(existing.len());
            Err("too many".into())
        })
        .unwrap_err();
    assert_eq!(refused.to_string(), "too many");
    assert_eq!(seen, Some(0));
    assert_eq!(team_count(&store), 0);
    assert_eq!(
        store.team_kpis("Web").unwrap_err().to_string(),
        "unknown team 'Web' (there are no teams yet)"
    );
}

#[test]
fn the_rules_see_the_teams_kpis_and_names_are_unique_per_team() {
    let (_dir, mut store) = open();
    add(&mut store, "Core", "Lead time");
    add(&mut store, "Web", "Lead time");
    let mut names = Vec::new();
    store
        .add_kpi(&spec("Core", "NPS"), at(100), |existing| {
            names = existing.iter().map(|k| k.name.clone()).collect();
            Ok(())
        })
        .unwrap();
    assert_eq!(names, ["Lead time"], "only Core's");
    // The schema refuses a duplicate even if a caller forgot the rule.
    let duplicate = store.add_kpi(&spec("Core", "LEAD TIME"), at(100), |_| Ok(()));
    assert!(matches!(duplicate, Err(Error::Sqlite(_))));
}

#[test]
fn check_ins_read_back_per_kpi_in_date_order() {
    let (_dir, mut store) = open();
    let lead = add(&mut store, "Core", "Lead time");
    let nps = add(&mut store, "Web", "NPS");
    let stored = store
        .add_kpi_check_ins(
            &[
                check_in(lead.id, day(3, 1), 25.0),
                check_in(nps.id, day(3, 1), 12.0),
                check_in(lead.id, day(2, 1), 28.5),
            ],
            at(200),
        )
        .unwrap();
    assert_eq!(stored.len(), 3);
    assert_eq!(stored[2].recorded_at, at(200));
    let all = store.kpi_histories(None).unwrap();
    assert_eq!(all.len(), 2);
    let core = store.kpi_histories(Some("core")).unwrap();
    assert_eq!(core.len(), 1);
    let values: Vec<f64> = core[0].check_ins.iter().map(|c| c.value).collect();
    assert_eq!(values, [28.5, 25.0]);
    assert_eq!(core[0].check_ins[0].confidence, Some(Confidence::AtRisk));
    assert_eq!(core[0].check_ins[0].note.as_deref(), Some("slow reviews"));
    assert_eq!(core[0].progress(), Some((25.0 - 30.0) / (10.5 - 30.0)));
    let unknown = store.kpi_histories(Some("Ops")).unwrap_err().to_string();
    assert_eq!(unknown, "unknown team 'Ops' (teams: Core, Web)");
}

#[test]
fn a_batch_with_a_retired_or_missing_kpi_stores_nothing() {
    let (_dir, mut store) = open();
    let lead = add(&mut store, "Core", "Lead time");
    let old = add(&mut store, "Core", "Old");
    let retired = store.retire_kpi(old.id, "replaced", at(300)).unwrap();
    assert_eq!(
        retired.retired,
        Some(Retirement {
            at: at(300),
            note: "replaced".into()
        })
    );
    let refused = store
        .add_kpi_check_ins(
            &[
                check_in(lead.id, day(3, 1), 25.0),
                check_in(old.id, day(3, 1), 1.0),
            ],
            at(400),
        )
        .unwrap_err();
    assert_eq!(
        refused.to_string(),
        "KPI 'Old' is retired; it takes no more check-ins"
    );
    let missing = store
        .add_kpi_check_ins(
            &[
                check_in(lead.id, day(3, 1), 25.0),
                check_in(99, day(3, 1), 1.0),
            ],
            at(400),
        )
        .unwrap_err();
    assert_eq!(missing.to_string(), "no KPI with id 99");
    let histories = store.kpi_histories(Some("Core")).unwrap();
    assert!(histories.iter().all(|h| h.check_ins.is_empty()));
}

#[test]
fn a_retired_kpi_keeps_its_history_and_is_not_retired_twice() {
    let (_dir, mut store) = open();
    let lead = add(&mut store, "Core", "Lead time");
    store
        .add_kpi_check_ins(&[check_in(lead.id, day(3, 1), 25.0)], at(200))
        .unwrap();
    store
        .retire_kpi(lead.id, "met; replaced by NPS", at(300))
        .unwrap();
    let again = store.retire_kpi(lead.id, "again", at(400)).unwrap_err();
    assert_eq!(again.to_string(), "KPI 'Lead time' is already retired");
    let history = &store.kpi_histories(Some("Core")).unwrap()[0];
    assert_eq!(history.check_ins.len(), 1);
    assert_eq!(
        history.kpi.retired.as_ref().map(|r| r.note.as_str()),
        Some("met; replaced by NPS")
    );
    assert!(store.retire_kpi(77, "x", at(400)).is_err());
}

#[test]
fn a_corrupt_stored_value_is_reported_as_such() {
    let (_dir, mut store) = open();
    let lead = add(&mut store, "Core", "Lead time");
    store
        .add_kpi_check_ins(&[check_in(lead.id, day(3, 1), 25.0)], at(200))
        .unwrap();
    // The schema's checks are for writes; turn them off to fake a bad file.
    store
        .conn
        .execute_batch("PRAGMA ignore_check_constraints = ON")
        .unwrap();
    for (sql, what) in [
        (
            "UPDATE kpis SET direction = 'sideways'",
            "direction 'sideways'",
        ),
        (
            "UPDATE kpis SET direction = 'up', deadline = '31/12/2026'",
            "KPI deadline '31/12/2026'",
        ),
        (
            "UPDATE kpis SET deadline = '2026-12-31';
             UPDATE kpi_check_ins SET confidence = 'great'",
            "confidence 'great'",
        ),
    ] {
        store.conn.execute_batch(sql).unwrap();
        let error = store.kpi_histories(None).unwrap_err();
        assert!(matches!(error, Error::Corrupt(_)), "{error}");
        assert!(error.to_string().contains(what), "{error}");
    }
}
