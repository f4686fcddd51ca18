//! The Dashboard screen: is business–IT collaboration working? For one team
//! and period it shows the shared KPIs, action health, the ROTI trend, the
//! recurring themes, the decision split and the feedback backlog, a section
//! each. `T` switches team (the first one to begin with), `p` cycles the
//! period, j/k and the page keys move between sections (a row of two on a
//! terminal of `GRID_FROM` columns or more). `a`, `c` and `R` open the
//! forms that add a KPI, record a check-in and set a role for the team
//! shown (`app::dashboard_forms`). The dashboard is read and
//! built in the runtime (`Effect::Dashboard`), never while drawing; it is
//! read again when the screen opens, the team or period changes, or
//! another process changes the database.

use super::dashboard_forms;
use super::effect::Effect;
use super::outcome::{Outcome, Request};
use crate::config::Command;
use crate::domain::dashboard::Dashboard;
use crate::domain::scoring::ScoringModel;
use chrono::{Days, Months, NaiveDate};

/// From this many columns on, the sections stand in a grid of two.
pub const GRID_FROM: u16 = 140;

/// The period the dashboard covers, ending today.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Period {
    FourWeeks,
    Quarter,
    Year,
    #[default]
    All,
}

impl Period {
    /// The periods in the order `p` cycles through them.
    pub const ALL: [Period; 4] = [
        Period::FourWeeks,
        Period::Quarter,
        Period::Year,
        Period::All,
    ];

    /// The period's first day when it ends on `today`; `None` for all time.
    pub fn since(self, today: NaiveDate) -> Option<NaiveDate> {
        match self {
            Period::FourWeeks => today.checked_sub_days(Days::new(27)),
            Period::Quarter => today.checked_sub_months(Months::new(3)),
            Period::Year => today.checked_sub_months(Months::new(12)),
            Period::All => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Period::FourWeeks => "last 4 weeks",
            Period::Quarter => "last quarter",
            Period::Year => "last year",
            Period::All => "all time",
        }
    }

    pub fn next(self) -> Period {
        let at = Period::ALL.iter().position(|p| *p == self).unwrap_or(0);
        Period::ALL[(at + 1) % Period::ALL.len()]
    }
}

/// What the runtime reads and builds; answered with `Msg::Loaded`.
#[derive(Debug, Clone, PartialEq)]
pub struct DashboardRequest {
    /// The team to show; the first team when `None` or no longer stored.
    pub team: Option<String>,
    pub period: Period,
    /// The score that ranks the top feedback items (the triage table's).
    pub model: ScoringModel,
}

/// Answers from the store for the Dashboard screen.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// The teams there are, and the dashboard of the one shown (none when
    /// there is no team).
    Loaded {
        teams: Vec<String>,
        dashboard: Option<Box<Dashboard>>,
    },
    /// A dashboard form was saved: what changed, for the footer.
    Written(String),
    /// A dashboard form was refused: why; nothing changed.
    Refused(String),
    /// The dashboard is being read in the background (`Loaded` follows);
    /// the screen keeps what it shows until then.
    Reading,
}

/// One section of the screen, in the order they are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// The n-th active KPI (or, with none, the note on how to add one).
    Kpi(usize),
    Actions,
    Roti,
    Themes,
    Decisions,
    Backlog,
}

#[derive(Debug, Default)]
pub struct DashboardScreen {
    pub teams: Vec<String>,
    /// The team asked for; the first team when `None`.
    pub team: Option<String>,
    pub period: Period,
    /// The score the top items are ranked by (the triage table's model
    /// when the screen opened).
    pub model: ScoringModel,
    pub dashboard: Option<Box<Dashboard>>,
    /// The first section shown.
    pub first: usize,
    pub loaded: bool,
}

impl DashboardScreen {
    /// The sections of the dashboard shown, in order.
    pub fn sections(&self) -> Vec<Section> {
        let Some(dashboard) = &self.dashboard else {
            return Vec::new();
        };
        let kpis = (0..dashboard.kpis.len().max(1)).map(Section::Kpi);
        kpis.chain([
            Section::Actions,
            Section::Roti,
            Section::Themes,
            Section::Decisions,
            Section::Backlog,
        ])
        .collect()
    }

    /// How many sections a step moves on a terminal this wide.
    pub fn per_row(columns: u16) -> usize {
        if columns >= GRID_FROM { 2 } else { 1 }
    }

    /// The request that reads the dashboard as the screen is set now.
    pub fn request(&self) -> DashboardRequest {
        DashboardRequest {
            team: self.team.clone(),
            period: self.period,
            model: self.model,
        }
    }

    /// The effect that reads the dashboard again.
    pub fn reload(&self) -> Effect {
        Effect::Dashboard(self.request())
    }

    pub fn on_msg(&mut self, msg: Msg) {
        match msg {
            Msg::Loaded { teams, dashboard } => {
                let changed_team =
                    dashboard.as_ref().map(|d| &d.team) != self.dashboard.as_ref().map(|d| &d.team);
                self.teams = teams;
                self.team = dashboard.as_ref().map(|d| d.team.clone());
                self.dashboard = dashboard;
                self.loaded = true;
                if changed_team {
                    self.first = 0;
                }
                self.first = self.first.min(self.sections().len().saturating_sub(1));
            }
            // Saves and refusals are the app's (`app::dashboard_forms`).
            Msg::Written(_) | Msg::Refused(_) | Msg::Reading => {}
        }
    }

    /// Opens the form `command` asks for, for the team shown.
    fn open_form(&self, command: Command) -> Outcome {
        let Some(dashboard) = &self.dashboard else {
            return Outcome::info("No team yet: add one with `kpi add` or `team role set`");
        };
        let team = &dashboard.team;
        let form = match command {
            Command::AddKpi => dashboard_forms::add_kpi_form(team),
            Command::CheckIn if dashboard.kpis.is_empty() => {
                return Outcome::info("No KPI to check in yet: a adds one");
            }
            Command::CheckIn => {
                let kpis = dashboard.kpis.iter().map(|k| k.name.clone()).collect();
                dashboard_forms::check_in_form(team, kpis, dashboard.today)
            }
            _ => dashboard_forms::role_form(team),
        };
        Outcome::request(Request::OpenForm(form))
    }

    /// The first section of the last row on a terminal this wide.
    fn last_first(&self, columns: u16) -> usize {
        let per_row = Self::per_row(columns);
        self.sections().len().saturating_sub(1) / per_row * per_row
    }

    /// Handles a command of the dashboard mode on a terminal `columns`
    /// wide; `None` for any other command.
    pub fn on_command(&mut self, command: Command, columns: u16) -> Option<Outcome> {
        let per_row = Self::per_row(columns);
        // A grid row starts at a multiple of its width.
        let row_start = self.first / per_row * per_row;
        Some(match command {
            Command::MoveDown | Command::PageDown => {
                self.first = (row_start + per_row).min(self.last_first(columns));
                Outcome::none()
            }
            Command::MoveUp | Command::PageUp => {
                self.first = row_start.saturating_sub(per_row);
                Outcome::none()
            }
            Command::Top => {
                self.first = 0;
                Outcome::none()
            }
            Command::Bottom => {
                self.first = self.last_first(columns);
                Outcome::none()
            }
            Command::NextTeam => {
                if self.teams.is_empty() {
                    return Some(Outcome::info("No team yet"));
                }
                let shown = self
                    .team
                    .as_ref()
                    .and_then(|t| self.teams.iter().position(|x| x == t));
                let next = shown.map_or(0, |i| (i + 1) % self.teams.len());
                self.team = Some(self.teams[next].clone());
                Outcome::effect(self.reload())
            }
            Command::CyclePeriod => {
                self.period = self.period.next();
                Outcome::effect(self.reload())
            }
            Command::AddKpi | Command::CheckIn | Command::SetRole => self.open_form(command),
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn periods_end_today_and_cycle_back_to_all_time() {
        let today = day(2026, 6, 15);
        assert_eq!(Period::FourWeeks.since(today), Some(day(2026, 5, 19)));
        assert_eq!(Period::Quarter.since(today), Some(day(2026, 3, 15)));
        assert_eq!(Period::Year.since(today), Some(day(2025, 6, 15)));
        assert_eq!(Period::All.since(today), None);
        let mut seen = vec![Period::default()];
        for _ in 0..4 {
            seen.push(seen.last().unwrap().next());
        }
        assert_eq!(
            seen,
            [
                Period::All,
                Period::FourWeeks,
                Period::Quarter,
                Period::Year,
                Period::All
            ]
        );
    }

    fn loaded(team: &str) -> Msg {
        use crate::domain::dashboard::DashboardFacts;
        let facts = DashboardFacts {
            team: team.into(),
            ..DashboardFacts::default()
        };
        Msg::Loaded {
            teams: vec!["Apps".into(), "Core".into(), "Ops".into()],
            dashboard: Some(Box::new(Dashboard::build(
                &facts,
                None,
                day(2026, 6, 15),
                ScoringModel::Rice,
            ))),
        }
    }

    #[test]
    fn the_team_key_walks_the_teams_and_a_new_team_starts_at_the_top() {
        let mut screen = DashboardScreen::default();
        screen.on_msg(loaded("Apps"));
        // No KPI: one section says how to add one, then the other five.
        assert_eq!(screen.sections().len(), 6);
        screen.on_command(Command::Bottom, 80);
        assert_eq!(screen.first, 5);
        let outcome = screen.on_command(Command::NextTeam, 80).unwrap();
        assert_eq!(
            outcome.effects,
            vec![Effect::Dashboard(DashboardRequest {
                team: Some("Core".into()),
                period: Period::All,
                model: ScoringModel::Rice,
            })]
        );
        screen.on_msg(loaded("Core"));
        assert_eq!(
            screen.first, 0,
            "another team's dashboard starts at the top"
        );
        screen.team = Some("Ops".into());
        screen.on_command(Command::NextTeam, 80);
        assert_eq!(screen.team.as_deref(), Some("Apps"), "and wraps round");
        // The same team read again keeps the place.
        screen.on_msg(loaded("Core"));
        screen.on_command(Command::MoveDown, 80);
        screen.on_msg(loaded("Core"));
        assert_eq!(screen.first, 1);
        // In the grid, steps are rows of two and the last row starts even.
        screen.on_command(Command::Bottom, 140);
        assert_eq!(screen.first, 4);
        screen.on_command(Command::MoveUp, 140);
        assert_eq!(screen.first, 2);
    }

    #[test]
    fn without_a_dashboard_there_are_no_sections_and_keys_do_not_panic() {
        let mut screen = DashboardScreen::default();
        assert!(screen.sections().is_empty());
        screen.on_command(Command::Bottom, 80);
        screen.on_command(Command::MoveDown, 80);
        assert_eq!(screen.first, 0);
        let outcome = screen.on_command(Command::NextTeam, 80).unwrap();
        assert!(outcome.effects.is_empty(), "no team to switch to");
    }
}
