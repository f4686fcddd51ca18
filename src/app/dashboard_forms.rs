//! The Dashboard screen's forms, for the team shown: `a` adds a KPI (every
//! SMART element), `c` records a check-in of one of the team's KPIs, `R`
//! gives a person a role in the team. Each is an ordinary `Form` whose
//! `subject` is the team; this module fills its fields, turns them into a
//! `DashboardWrite` for the runtime (which saves it through the services
//! behind `kpi add`, `kpi record` and `team role set`), and handles the
//! answer: a save closes the form and reads the dashboard again, a refusal
//! (SMART, the three-KPI limit, a bad value) shows in the form, which
//! stays open, and nothing changes.

use super::dashboard::Msg;
use super::form::{Field, FieldKind, Form, FormKind};
use super::{Effect, Model, Notice};
use crate::domain::decision::Role;
use crate::domain::kpi::{CheckInDraft, Confidence, KpiDraft};
use chrono::NaiveDate;

/// Which of the dashboard's forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DashboardForm {
    AddKpi,
    CheckIn,
    SetRole,
}

impl DashboardForm {
    pub fn title(self) -> &'static str {
        match self {
            DashboardForm::AddKpi => "Add a shared KPI",
            DashboardForm::CheckIn => "Record a KPI check-in",
            DashboardForm::SetRole => "Set a decision role",
        }
    }
}

/// What a submitted dashboard form asks the runtime to save.
#[derive(Debug, Clone, PartialEq)]
pub enum DashboardWrite {
    AddKpi(KpiDraft),
    CheckIn {
        team: String,
        kpi: String,
        draft: CheckInDraft,
    },
    SetRole {
        team: String,
        person: String,
        role: Role,
    },
}

/// The confidence choice's first option: no confidence given.
const NO_CONFIDENCE: &str = "— (not given)";

fn options(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| n.to_string()).collect()
}

fn form(kind: DashboardForm, team: &str, fields: Vec<Field>) -> Form {
    Form::custom(FormKind::Dashboard(kind), team.to_string(), fields)
}

/// The form that adds a KPI to `team`.
pub fn add_kpi_form(team: &str) -> Form {
    form(
        DashboardForm::AddKpi,
        team,
        vec![
            Field::line("Name", ""),
            Field::line("Description", ""),
            Field::line("Metric", ""),
            Field::line("Unit", ""),
            Field::line("Baseline", ""),
            Field::line("Target", ""),
            Field::choice("Direction", options(&["up", "down"]), 0),
            Field::line("Deadline (YYYY-MM-DD)", ""),
            Field::line("Business owner", ""),
            Field::line("IT owner", ""),
        ],
    )
}

/// The form that records a check-in of one of `kpis` (the team's active
/// KPIs), dated `today` unless changed.
pub fn check_in_form(team: &str, kpis: Vec<String>, today: NaiveDate) -> Form {
    let confidences = std::iter::once(NO_CONFIDENCE.to_string())
        .chain(Confidence::ALL.iter().map(|c| c.name().to_string()))
        .collect();
    form(
        DashboardForm::CheckIn,
        team,
        vec![
            Field::choice("KPI", kpis, 0),
            Field::line("Value", ""),
            Field::line("Date (YYYY-MM-DD)", &today.to_string()),
            Field::choice("Confidence", confidences, 0),
            Field::line("Note", ""),
        ],
    )
}

/// The form that gives a person a role in `team`.
pub fn role_form(team: &str) -> Form {
    form(
        DashboardForm::SetRole,
        team,
        vec![
            Field::line("Person", ""),
            Field::choice("Role", options(Role::NAMES), 0),
        ],
    )
}

/// What the fields of a `kind` form for `team` ask to save. The rules are
/// checked where it is saved, so the form and the command line refuse the
/// same things in the same words.
pub fn submission(kind: DashboardForm, team: &str, fields: &[Field]) -> DashboardWrite {
    let text = |i: usize| fields[i].value();
    let team = team.to_string();
    match kind {
        DashboardForm::AddKpi => DashboardWrite::AddKpi(KpiDraft {
            team,
            name: text(0),
            description: text(1),
            metric: text(2),
            unit: text(3),
            baseline: text(4),
            target: text(5),
            direction: text(6),
            deadline: text(7),
            business_owner: text(8),
            it_owner: text(9),
        }),
        DashboardForm::CheckIn => DashboardWrite::CheckIn {
            team,
            kpi: text(0),
            draft: CheckInDraft {
                value: text(1),
                date: text(2),
                confidence: match &fields[3].kind {
                    FieldKind::Choice { index: 0, .. } => String::new(),
                    _ => text(3),
                },
                note: text(4),
            },
        },
        DashboardForm::SetRole => DashboardWrite::SetRole {
            team,
            person: text(0),
            role: Role::ALL
                .into_iter()
                .find(|r| r.name() == text(1))
                .unwrap_or(Role::Decider),
        },
    }
}

/// Handles an answer for the Dashboard screen: a dashboard read, a save
/// (the form closes, the dashboard is read again) or a refusal (shown in
/// the open form, else in the footer).
pub(super) fn on_msg(model: &mut Model, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Written(what) => {
            let form = model.overlays.form();
            if form.is_some_and(|f| matches!(f.kind, FormKind::Dashboard(_))) {
                model.overlays.close_form();
            }
            model.info(what);
            vec![model.dashboard.reload()]
        }
        Msg::Refused(message) => {
            match model.overlays.form_mut() {
                Some(form) if matches!(form.kind, FormKind::Dashboard(_)) => {
                    form.error = Some(message);
                }
                _ => model.notice = Some(Notice::Error(message)),
            }
            vec![]
        }
        read @ (Msg::Loaded { .. } | Msg::Reading) => {
            model.dashboard.on_msg(read);
            vec![]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_check_in_form_leaves_out_an_unset_confidence() {
        let day = NaiveDate::from_ymd_opt(2026, 6, 15).unwrap();
        let form = check_in_form("Web", vec!["NPS".into(), "Lead time".into()], day);
        assert_eq!(form.fields[2].value(), "2026-06-15");
        assert_eq!(
            submission(DashboardForm::CheckIn, "Web", &form.fields),
            DashboardWrite::CheckIn {
                team: "Web".into(),
                kpi: "NPS".into(),
                draft: CheckInDraft {
                    date: "2026-06-15".into(),
                    ..CheckInDraft::default()
                },
            }
        );
    }

    #[test]
    fn the_role_form_gives_the_role_chosen() {
        let mut form = role_form("Web");
        form.fields[0] = Field::line("Person", "Ines");
        form.fields[1] = Field::choice("Role", options(Role::NAMES), 2);
        assert_eq!(
            submission(DashboardForm::SetRole, "Web", &form.fields),
            DashboardWrite::SetRole {
                team: "Web".into(),
                person: "Ines".into(),
                role: Role::Escalation,
            }
        );
        assert_eq!(form.title(), "Set a decision role");
    }
}
