//! The rules over one team's KPIs: a name is unique within the team
//! (retired KPIs included, so history never mixes two KPIs), a team has at
//! most `MAX_ACTIVE_KPIS` active ones, and a KPI is found by its name or an
//! unambiguous start of it.

use super::definition::{Kpi, KpiSpec};
use crate::domain::text::sanitize_line;
use std::fmt;

/// The most active KPIs a team may have: few shared KPIs beat many.
pub const MAX_ACTIVE_KPIS: usize = 3;

/// Names joined for a message: `'A', 'B'`.
fn quoted_names<'a>(kpis: impl Iterator<Item = &'a Kpi>) -> String {
    let names: Vec<String> = kpis
        .map(|k| format!("'{}'", sanitize_line(&k.name)))
        .collect();
    names.join(", ")
}

/// Whether `spec` may join the team's `existing` KPIs: its name is new,
/// and the team has room for another active KPI.
pub fn check_new_kpi(existing: &[Kpi], spec: &KpiSpec) -> Result<(), String> {
    let team = sanitize_line(&spec.team);
    if let Some(same) = existing
        .iter()
        .find(|k| k.name.to_lowercase() == spec.name.to_lowercase())
    {
        let retired = if same.is_active() { "" } else { " (retired)" };
        return Err(format!(
            "duplicate KPI name '{}': team {team} already has a KPI '{}'{retired}",
            sanitize_line(&spec.name),
            sanitize_line(&same.name)
        ));
    }
    let active: Vec<&Kpi> = existing.iter().filter(|k| k.is_active()).collect();
    if active.len() >= MAX_ACTIVE_KPIS {
        return Err(format!(
            "team {team} already has {} active KPIs ({}): few shared KPIs beat many, so \
             retire one before adding '{}': retriage kpi retire NAME --team {team} --note WHY",
            active.len(),
            quoted_names(active.into_iter()),
            sanitize_line(&spec.name)
        ));
    }
    Ok(())
}

/// Why a name given for a KPI found none, or more than one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KpiLookupError {
    /// No KPI of the team has this name or starts with it; `known` are the
    /// team's active KPIs.
    Unknown {
        team: String,
        name: String,
        known: Vec<String>,
    },
    /// Several active KPIs start with it.
    Ambiguous {
        team: String,
        name: String,
        matches: Vec<String>,
    },
}

impl fmt::Display for KpiLookupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |names: &[String]| -> String {
            let quoted: Vec<String> = names
                .iter()
                .map(|n| format!("'{}'", sanitize_line(n)))
                .collect();
            quoted.join(", ")
        };
        match self {
            KpiLookupError::Unknown { team, name, known } => {
                write!(
                    f,
                    "unknown KPI '{}' in team {}",
                    sanitize_line(name),
                    sanitize_line(team)
                )?;
                if known.is_empty() {
                    f.write_str(" (it has no active KPIs)")
                } else {
                    write!(f, " (its active KPIs: {})", list(known))
                }
            }
            KpiLookupError::Ambiguous {
                team,
                name,
                matches,
            } => write!(
                f,
                "KPI '{}' is ambiguous in team {}: {} start with it; give more of the name",
                sanitize_line(name),
                sanitize_line(team),
                list(matches)
            ),
        }
    }
}

impl std::error::Error for KpiLookupError {}

/// The KPI of `kpis` (one team's, active and retired) that `name` means:
/// the one with exactly that name (ignoring case and surrounding spaces),
/// else the only active one whose name starts with it. A retired KPI is
/// found only by its whole name, so it never makes an abbreviation
/// ambiguous.
pub fn find_kpi<'a>(kpis: &'a [Kpi], team: &str, name: &str) -> Result<&'a Kpi, KpiLookupError> {
    let wanted = name.trim().to_lowercase();
    if let Some(exact) = kpis.iter().find(|k| k.name.to_lowercase() == wanted) {
        return Ok(exact);
    }
    let active = kpis.iter().filter(|k| k.is_active());
    let matches: Vec<&Kpi> = if wanted.is_empty() {
        Vec::new()
    } else {
        active
            .clone()
            .filter(|k| k.name.to_lowercase().starts_with(&wanted))
            .collect()
    };
    match matches.as_slice() {
        [only] => Ok(only),
        [] => Err(KpiLookupError::Unknown {
            team: team.to_string(),
            name: name.to_string(),
            known: active.map(|k| k.name.clone()).collect(),
        }),
        several => Err(KpiLookupError::Ambiguous {
            team: team.to_string(),
            name: name.to_string(),
            matches: several.iter().map(|k| k.name.clone()).collect(),
        }),
    }
}

/// A retired KPI takes no more check-ins and is not retired twice; its
/// history stays.
pub fn refuse_if_retired(kpi: &Kpi) -> Result<(), String> {
    match &kpi.retired {
        None => Ok(()),
        Some(retirement) => Err(format!(
            "KPI '{}' of team {} was retired on {} ({}); its history is kept, but it is closed",
            sanitize_line(&kpi.name),
            sanitize_line(&kpi.team),
            retirement.at.date_naive(),
            sanitize_line(&retirement.note)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::kpi::{Direction, Retirement};
    use chrono::{DateTime, NaiveDate};

    fn kpi(id: i64, name: &str, retired: bool) -> Kpi {
        Kpi {
            id,
            team: "Core".into(),
            name: name.into(),
            description: "d".into(),
            metric: "m".into(),
            unit: "u".into(),
            baseline: 0.0,
            target: 1.0,
            direction: Direction::Up,
            deadline: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
            business_owner: "Ines".into(),
            it_owner: "Omar".into(),
            created_at: DateTime::from_timestamp(0, 0).unwrap(),
            retired: retired.then(|| Retirement {
                at: DateTime::from_timestamp(86_400 * 365, 0).unwrap(),
                note: "replaced by lead time".into(),
            }),
        }
    }

    fn spec(name: &str) -> KpiSpec {
        KpiSpec {
            team: "Core".into(),
            name: name.into(),
            description: "d".into(),
            metric: "m".into(),
            unit: "u".into(),
            baseline: 0.0,
            target: 1.0,
            direction: Direction::Up,
            deadline: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
            business_owner: "Ines".into(),
            it_owner: "Omar".into(),
        }
    }

    #[test]
    fn a_fourth_active_kpi_is_refused_with_how_to_retire_one() {
        let mut kpis = vec![
            kpi(1, "Lead time", false),
            kpi(2, "NPS", false),
            kpi(3, "Old metric", true),
        ];
        assert_eq!(check_new_kpi(&kpis, &spec("Deploys")), Ok(()));
        kpis.push(kpi(4, "Deploys", false));
        assert_eq!(
            check_new_kpi(&kpis, &spec("Uptime")).unwrap_err(),
            "team Core already has 3 active KPIs ('Lead time', 'NPS', 'Deploys'): few shared \
             KPIs beat many, so retire one before adding 'Uptime': \
             retriage kpi retire NAME --team Core --note WHY"
        );
        kpis[1].retired = kpis[2].retired.clone();
        assert_eq!(check_new_kpi(&kpis, &spec("Uptime")), Ok(()), "room again");
    }

    #[test]
    fn names_are_unique_within_a_team_retired_ones_included() {
        let kpis = [kpi(1, "Lead time", false), kpi(2, "Old metric", true)];
        assert_eq!(
            check_new_kpi(&kpis, &spec("LEAD TIME")).unwrap_err(),
            "duplicate KPI name 'LEAD TIME': team Core already has a KPI 'Lead time'"
        );
        assert!(
            check_new_kpi(&kpis, &spec("old metric"))
                .unwrap_err()
                .ends_with("'Old metric' (retired)")
        );
    }

    #[test]
    fn a_name_is_found_whole_or_by_an_unambiguous_start() {
        let kpis = [
            kpi(1, "Lead time", false),
            kpi(2, "Lead count", false),
            kpi(3, "NPS", false),
            kpi(4, "Net revenue", true),
        ];
        let find = |name: &str| find_kpi(&kpis, "Core", name).map(|k| k.id);
        assert_eq!(find("lead TIME"), Ok(1));
        assert_eq!(find(" lead t"), Ok(1));
        assert_eq!(
            find("n"),
            Ok(3),
            "the retired 'Net revenue' does not compete"
        );
        assert_eq!(
            find("net revenue"),
            Ok(4),
            "a retired KPI by its whole name"
        );
        assert_eq!(
            find("Lead").unwrap_err().to_string(),
            "KPI 'Lead' is ambiguous in team Core: 'Lead time', 'Lead count' start with it; \
             give more of the name"
        );
        assert_eq!(
            find("Uptime").unwrap_err().to_string(),
            "unknown KPI 'Uptime' in team Core (its active KPIs: 'Lead time', 'Lead count', 'NPS')"
        );
        assert!(matches!(find(""), Err(KpiLookupError::Unknown { .. })));
        assert_eq!(
            find_kpi(&[], "Core", "x").unwrap_err().to_string(),
            "unknown KPI 'x' in team Core (it has no active KPIs)"
        );
    }

    #[test]
    fn a_retired_kpi_is_closed() {
        assert_eq!(refuse_if_retired(&kpi(1, "Lead time", false)), Ok(()));
        assert_eq!(
            refuse_if_retired(&kpi(4, "Net revenue", true)).unwrap_err(),
            "KPI 'Net revenue' of team Core was retired on 1971-01-01 (replaced by lead time); \
             its history is kept, but it is closed"
        );
    }
}
