//! Carries out the Dashboard screen's request: reads the teams, picks the
//! one asked for (the first when it is not stored, or none was asked for),
//! reads its facts for the period ending today and builds the dashboard
//! (`domain::dashboard`), so the screen only draws what is built. It also
//! saves the screen's forms through the services behind `kpi add`, `kpi
//! record` and `team role set`, each one transaction.

use crate::app::Action;
use crate::app::dashboard::{DashboardRequest, Msg};
use crate::app::dashboard_forms::DashboardWrite;
use crate::domain::dashboard::Dashboard;
use crate::domain::text::sanitize_line;
use crate::service::{decisions, kpi};
use crate::store::{Result, Store};
use chrono::{DateTime, NaiveDate, Utc};

/// The dashboard the request asks for, judged on `today`.
fn load(request: &DashboardRequest, store: &Store, today: NaiveDate) -> Result<Msg> {
    let teams = store.team_names()?;
    let team = request
        .team
        .as_ref()
        .and_then(|asked| teams.iter().find(|t| t.eq_ignore_ascii_case(asked)))
        .or(teams.first());
    let dashboard = match team {
        Some(team) => {
            let since = request.period.since(today);
            let facts = store.dashboard(team, since)?;
            Some(Box::new(Dashboard::build(
                &facts,
                since,
                today,
                request.model,
            )))
        }
        None => None,
    };
    Ok(Msg::Loaded { teams, dashboard })
}

pub(super) fn execute(request: DashboardRequest, store: &Store, today: NaiveDate) -> Action {
    match load(&request, store, today) {
        Ok(msg) => Action::Dashboard(msg),
        Err(e) => Action::Failed(format!("Cannot read the dashboard: {e}")),
    }
}

/// Saves a dashboard form, judged on `today`: what changed, or why not.
pub(super) fn write(
    write: DashboardWrite,
    store: &mut Store,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Action {
    let saved = match write {
        DashboardWrite::AddKpi(draft) => kpi::add_kpi(store, &draft, today, now)
            .map(|k| format!("Added KPI '{}' to {}", sanitize_line(&k.name), k.team)),
        DashboardWrite::CheckIn { team, kpi, draft } => {
            kpi::record_check_in(store, &team, &kpi, &draft, today, now).map(|(k, c)| {
                format!(
                    "Recorded {} for '{}' on {}",
                    c.value,
                    sanitize_line(&k.name),
                    c.date
                )
            })
        }
        DashboardWrite::SetRole { team, person, role } => {
            decisions::set_role(store, &team, &person, role, now)
                .map(|set| format!("{} is now {} of {team}", set.person, set.role.name()))
        }
    };
    Action::Dashboard(match saved {
        Ok(what) => Msg::Written(what),
        Err(e) => Msg::Refused(format!("Not saved: {e}")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::dashboard::Period;
    use crate::domain::decision::Role;
    use crate::domain::kpi::{CheckInDraft, KpiDraft};
    use crate::domain::scoring::ScoringModel;
    use crate::service::decisions::set_role;
    use chrono::Utc;

    fn request(team: Option<&str>) -> DashboardRequest {
        DashboardRequest {
            team: team.map(String::from),
            period: Period::All,
            model: ScoringModel::Rice,
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 15).unwrap()
    }

    #[test]
    fn no_team_loads_no_dashboard() {
        let store = Store::open_in_memory().unwrap();
        let Action::Dashboard(Msg::Loaded { teams, dashboard }) =
            execute(request(None), &store, today())
        else {
            panic!("a dashboard message");
        };
        assert!(teams.is_empty());
        assert!(dashboard.is_none());
    }

    #[test]
    fn the_team_asked_for_else_the_first() {
        let mut store = Store::open_in_memory().unwrap();
        for team in ["Core", "Apps"] {
            set_role(&mut store, team, "Ines", Role::Decider, Utc::now()).unwrap();
        }
        let shown = |team: Option<&str>| match execute(request(team), &store, today()) {
            Action::Dashboard(Msg::Loaded {
                dashboard: Some(d), ..
            }) => d.team,
            other => panic!("{other:?}"),
        };
        let Action::Dashboard(Msg::Loaded { teams, .. }) = execute(request(None), &store, today())
        else {
            panic!("a dashboard message");
        };
        assert_eq!(shown(None), teams[0]);
        assert_eq!(shown(Some("core")), "Core");
        assert_eq!(shown(Some("Gone")), teams[0], "a team no longer stored");
    }

    fn kpi_draft(name: &str) -> KpiDraft {
        KpiDraft {
            team: "Core".into(),
            name: name.into(),
            description: format!("{name}, measured weekly"),
            metric: name.to_lowercase(),
            unit: "days".into(),
            baseline: "30".into(),
            target: "10".into(),
            direction: "down".into(),
            deadline: "2026-09-30".into(),
            business_owner: "Ines".into(),
            it_owner: "Omar".into(),
        }
    }

    fn saved(store: &mut Store, form: DashboardWrite) -> std::result::Result<String, String> {
        match write(form, store, today(), Utc::now()) {
            Action::Dashboard(Msg::Written(what)) => Ok(what),
            Action::Dashboard(Msg::Refused(why)) => Err(why),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_forms_save_through_the_services_and_a_refusal_changes_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        // A KPI short of SMART is refused, naming what is missing, and
        // creates no team.
        let vague = KpiDraft {
            it_owner: String::new(),
            ..kpi_draft("Lead time")
        };
        let refused = saved(&mut store, DashboardWrite::AddKpi(vague)).unwrap_err();
        assert!(
            refused.contains("it_owner") || refused.contains("IT owner"),
            "{refused}"
        );
        assert!(store.team_names().unwrap().is_empty());
        for name in ["Lead time", "Adoption", "Uptime"] {
            let added = saved(&mut store, DashboardWrite::AddKpi(kpi_draft(name))).unwrap();
            assert_eq!(added, format!("Added KPI '{name}' to Core"));
        }
        let fourth = saved(&mut store, DashboardWrite::AddKpi(kpi_draft("Churn"))).unwrap_err();
        assert!(fourth.contains("retire"), "{fourth}");
        assert_eq!(store.team_kpis("Core").unwrap().len(), 3);

        let check_in = |value: &str| DashboardWrite::CheckIn {
            team: "Core".into(),
            kpi: "Lead".into(),
            draft: CheckInDraft {
                value: value.into(),
                date: String::new(),
                confidence: "at-risk".into(),
                note: "after the release".into(),
            },
        };
        assert!(
            saved(&mut store, check_in("many"))
                .unwrap_err()
                .contains("value")
        );
        let recorded = saved(&mut store, check_in("19")).unwrap();
        assert_eq!(recorded, "Recorded 19 for 'Lead time' on 2026-06-15");
        let histories = kpi::kpi_histories(&store, Some("Core")).unwrap();
        assert_eq!(
            histories[0].check_ins.len(),
            1,
            "the refused one left nothing"
        );

        let role = |person: &str| DashboardWrite::SetRole {
            team: "Core".into(),
            person: person.into(),
            role: Role::Decider,
        };
        assert!(
            saved(&mut store, role("  "))
                .unwrap_err()
                .contains("person")
        );
        assert_eq!(
            saved(&mut store, role("Ines")).unwrap(),
            "Ines is now decider of Core"
        );
        let roles = decisions::team_roles(&store, "Core").unwrap();
        assert_eq!(roles.decider.as_deref(), Some("Ines"));
    }
}
