//! Shared KPIs: adding one (SMART, a unique name, at most three active per
//! team; its team is created the first time it is named), recording a
//! check-in by the KPI's name or an unambiguous start of it, importing a
//! file of check-ins all or nothing, and retiring a KPI with a note. The
//! rules are the domain's (`domain::kpi`); each function is one
//! transaction, and a refused one writes nothing, not even a team.

use super::{Error, Result};
use crate::domain::kpi::definition::join_problems;
use crate::domain::kpi::team::{check_new_kpi, find_kpi, refuse_if_retired};
use crate::domain::kpi::{CheckIn, CheckInDraft, Kpi, KpiDraft, KpiHistory};
use crate::domain::text::sanitize_line;
use crate::interop::errors::Problems;
use crate::interop::kpi::read_check_ins;
use crate::store::{CheckInRow, Store};
use chrono::{DateTime, NaiveDate, Utc};

/// The longest retirement note, in characters.
pub const MAX_RETIRE_NOTE_CHARS: usize = 500;

/// Adds a SMART KPI to its team (created the first time it is named).
/// `today` is the first day its deadline may fall on.
pub fn add_kpi(
    store: &mut Store,
    draft: &KpiDraft,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Kpi> {
    let spec = draft
        .check(today)
        .map_err(|e| Error::Invalid(e.to_string()))?;
    Ok(store.add_kpi(&spec, now, |existing| check_new_kpi(existing, &spec))?)
}

/// A team's KPIs, each with every check-in, or every team's; an unknown
/// team is an error naming it.
pub fn kpi_histories(store: &Store, team: Option<&str>) -> Result<Vec<KpiHistory>> {
    Ok(store.kpi_histories(team)?)
}

/// The active KPI of `team` that `name` means (its name, or an unambiguous
/// start of it).
fn active_kpi(store: &Store, team: &str, name: &str) -> Result<Kpi> {
    let kpis = store.team_kpis(team)?;
    let kpi = find_kpi(&kpis, team, name).map_err(|e| Error::Invalid(e.to_string()))?;
    refuse_if_retired(kpi).map_err(Error::Invalid)?;
    Ok(kpi.clone())
}

/// Records a check-in of the KPI of `team` named `name` (or an unambiguous
/// start of it). Returns the KPI and the check-in as stored.
pub fn record_check_in(
    store: &mut Store,
    team: &str,
    name: &str,
    draft: &CheckInDraft,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(Kpi, CheckIn)> {
    let kpi = active_kpi(store, team, name)?;
    let check_in = draft.check(today).map_err(|problems| {
        Error::Invalid(format!(
            "invalid check-in of KPI '{}': {}",
            sanitize_line(&kpi.name),
            join_problems(&problems)
        ))
    })?;
    let row = CheckInRow {
        kpi_id: kpi.id,
        check_in,
    };
    // One row in, one check-in back.
    let mut stored = store.add_kpi_check_ins(&[row], now)?;
    Ok((kpi, stored.swap_remove(0)))
}

/// What an import of check-ins stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedCheckIns {
    pub check_ins: usize,
    /// The KPIs that got check-ins, in the order they first appear.
    pub kpis: Vec<String>,
}

/// Imports a CSV file of check-ins (`kpi,date,value[,confidence,note]`,
/// see `interop::kpi`) for `team`'s KPIs, all or nothing. A row names its
/// KPI by its whole name (ignoring case): a file is kept and run again, and
/// an abbreviation that is unambiguous today may not be tomorrow. Every bad
/// row is named by its line and column.
pub fn import_check_ins(
    store: &mut Store,
    team: &str,
    bytes: &[u8],
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<ImportedCheckIns> {
    let lines = read_check_ins(bytes).map_err(Error::Read)?;
    let kpis = store.team_kpis(team)?;
    let mut problems = Problems::default();
    let mut rows = Vec::with_capacity(lines.len());
    let mut names: Vec<String> = Vec::new();
    for line in &lines {
        if !line.unreadable.is_empty() {
            for u in &line.unreadable {
                problems.add(line.line, &u.column, "", u.message.as_str());
            }
            continue;
        }
        let kpi = kpis
            .iter()
            .find(|k| k.name.to_lowercase() == line.kpi.to_lowercase());
        match kpi {
            None if line.kpi.is_empty() => problems.add(line.line, "kpi", "", "is missing"),
            None => problems.add(
                line.line,
                "kpi",
                &line.kpi,
                format!("team {} has no KPI of this name", sanitize_line(team)),
            ),
            Some(kpi) if !kpi.is_active() => {
                problems.add(line.line, "kpi", &line.kpi, "this KPI is retired")
            }
            Some(_) => {}
        }
        let draft = CheckInDraft {
            value: line.value.clone(),
            date: line.date.clone(),
            confidence: line.confidence.clone(),
            note: line.note.clone(),
        };
        if line.date.is_empty() {
            // A file holds history: each row says when it was measured.
            problems.add(line.line, "date", "", "is missing");
        }
        match (draft.check(today), kpi) {
            (Err(found), _) => {
                for p in found {
                    problems.add(line.line, p.field, &p.value, p.message);
                }
            }
            (Ok(check_in), Some(kpi)) => {
                if !names.contains(&kpi.name) {
                    names.push(kpi.name.clone());
                }
                rows.push(CheckInRow {
                    kpi_id: kpi.id,
                    check_in,
                });
            }
            (Ok(_), None) => {}
        }
    }
    problems.finish(()).map_err(Error::Read)?;
    let stored = store.add_kpi_check_ins(&rows, now)?;
    Ok(ImportedCheckIns {
        check_ins: stored.len(),
        kpis: names,
    })
}

/// Retires the active KPI of `team` named `name` (or an unambiguous start
/// of it) with a note saying why; its check-ins stay. Returns it retired.
pub fn retire_kpi(
    store: &mut Store,
    team: &str,
    name: &str,
    note: &str,
    now: DateTime<Utc>,
) -> Result<Kpi> {
    let kpi = active_kpi(store, team, name)?;
    let note = sanitize_line(note).trim().to_string();
    if note.is_empty() {
        return Err(Error::Invalid(format!(
            "note is missing: say why KPI '{}' is retired",
            sanitize_line(&kpi.name)
        )));
    }
    if note.chars().count() > MAX_RETIRE_NOTE_CHARS {
        return Err(Error::Invalid(format!(
            "note holds at most {MAX_RETIRE_NOTE_CHARS} characters"
        )));
    }
    Ok(store.retire_kpi(kpi.id, &note, now)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::kpi::Confidence;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
    }

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_780_000_000, 0).unwrap()
    }

    fn draft(team: &str, name: &str) -> KpiDraft {
        KpiDraft {
            team: team.into(),
            name: name.into(),
            description: "Days from an accepted request to its release".into(),
            metric: "median lead time".into(),
            unit: "days".into(),
            baseline: "30".into(),
            target: "10".into(),
            direction: "down".into(),
            deadline: "2026-12-31".into(),
            business_owner: "Ines".into(),
            it_owner: "Omar".into(),
        }
    }

    fn add(store: &mut Store, name: &str) -> Kpi {
        add_kpi(store, &draft("Core", name), today(), now()).unwrap()
    }

    fn value(value: &str) -> CheckInDraft {
        CheckInDraft {
            value: value.into(),
            ..CheckInDraft::default()
        }
    }

    #[test]
    fn a_refused_kpi_creates_nothing_not_even_its_team() {
        let mut store = Store::open_in_memory().unwrap();
        let bad = KpiDraft {
            unit: String::new(),
            ..draft("Web", "Lead time")
        };
        let refused = add_kpi(&mut store, &bad, today(), now()).unwrap_err();
        assert_eq!(
            refused.to_string(),
            "KPI 'Lead time' is not SMART: unit is missing"
        );
        assert!(kpi_histories(&store, Some("Web")).is_err(), "no team Web");
        for name in ["Lead time", "NPS", "Deploys"] {
            add(&mut store, name);
        }
        let fourth = add_kpi(&mut store, &draft("Core", "Uptime"), today(), now()).unwrap_err();
        assert!(fourth.to_string().contains("few shared KPIs beat many"));
        retire_kpi(&mut store, "core", "dep", "merged into lead time", now()).unwrap();
        add(&mut store, "Uptime");
        assert_eq!(kpi_histories(&store, None).unwrap().len(), 4);
    }

    #[test]
    fn a_check_in_finds_its_kpi_by_an_unambiguous_start() {
        let mut store = Store::open_in_memory().unwrap();
        add(&mut store, "Lead time");
        add(&mut store, "Lead count");
        let (kpi, check_in) = record_check_in(
            &mut store,
            "Core",
            "lead t",
            &CheckInDraft {
                confidence: "on-track".into(),
                ..value("25")
            },
            today(),
            now(),
        )
        .unwrap();
        assert_eq!(kpi.name, "Lead time");
        assert_eq!((check_in.date, check_in.value), (today(), 25.0));
        assert_eq!(check_in.confidence, Some(Confidence::OnTrack));
        let ambiguous = record_check_in(&mut store, "Core", "lead", &value("1"), today(), now());
        assert!(ambiguous.unwrap_err().to_string().contains("is ambiguous"));
        let bad = record_check_in(&mut store, "Core", "Lead c", &value("inf"), today(), now());
        assert_eq!(
            bad.unwrap_err().to_string(),
            "invalid check-in of KPI 'Lead count': value 'inf': must be a finite number, \
             not NaN or infinite"
        );
        let unknown_team = record_check_in(&mut store, "Web", "Lead", &value("1"), today(), now());
        assert!(
            unknown_team
                .unwrap_err()
                .to_string()
                .starts_with("unknown team 'Web'")
        );
        retire_kpi(&mut store, "Core", "Lead count", "dropped", now()).unwrap();
        let retired = record_check_in(
            &mut store,
            "Core",
            "lead count",
            &value("1"),
            today(),
            now(),
        );
        assert!(retired.unwrap_err().to_string().contains("was retired on"));
        let histories = kpi_histories(&store, Some("Core")).unwrap();
        assert_eq!(histories[0].check_ins.len(), 1);
        assert!(histories[1].check_ins.is_empty());
    }

    #[test]
    fn an_import_is_all_or_nothing_and_names_every_bad_row() {
        let mut store = Store::open_in_memory().unwrap();
        add(&mut store, "Lead time");
        add(&mut store, "NPS");
        let bad = "kpi,date,value,confidence\n\
                   Lead time,2026-03-01,28,on-track\n\
                   Lead,2026-04-01,26,\n\
                   NPS,,abc,fine\n";
        let refused = import_check_ins(&mut store, "Core", bad.as_bytes(), today(), now());
        assert_eq!(
            refused.unwrap_err().to_string(),
            "2 bad rows (4 problems); nothing was imported\n  \
             line 3, column 'kpi', value 'Lead': team Core has no KPI of this name\n  \
             line 4, column 'date': is missing\n  \
             line 4, column 'value', value 'abc': not a number\n  \
             line 4, column 'confidence', value 'fine': use on-track, at-risk or off-track"
        );
        assert!(
            kpi_histories(&store, None)
                .unwrap()
                .iter()
                .all(|h| h.check_ins.is_empty())
        );
        let good =
            "kpi,date,value\nlead time,2026-03-01,28\nNPS,2026-03-01,12\nLead time,2026-04-01,26\n";
        let imported =
            import_check_ins(&mut store, "core", good.as_bytes(), today(), now()).unwrap();
        assert_eq!(
            imported,
            ImportedCheckIns {
                check_ins: 3,
                kpis: vec!["Lead time".into(), "NPS".into()],
            }
        );
        let histories = kpi_histories(&store, Some("Core")).unwrap();
        assert_eq!(histories[0].latest().unwrap().value, 26.0);
    }

    #[test]
    fn a_retirement_needs_a_note() {
        let mut store = Store::open_in_memory().unwrap();
        add(&mut store, "Lead time");
        let refused = retire_kpi(&mut store, "Core", "Lead", "  ", now()).unwrap_err();
        assert_eq!(
            refused.to_string(),
            "note is missing: say why KPI 'Lead time' is retired"
        );
        let kpi = retire_kpi(&mut store, "Core", "Lead", "met early", now()).unwrap();
        assert_eq!(kpi.retired.unwrap().note, "met early");
        let again = retire_kpi(&mut store, "Core", "Lead time", "again", now()).unwrap_err();
        assert!(again.to_string().contains("was retired on"), "{again}");
    }
}
