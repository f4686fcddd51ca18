//! The alignment dashboard: is business–IT collaboration working? Built
//! from the facts the store reads for one team and period, with no storage
//! and no screen; the Dashboard screen and `retriage report` both show a
//! `Dashboard`.
//!
//! - `kpi_chart`: each shared KPI's series, baseline, target, progress and
//!   on-track call;
//! - `follow_through`: action health (done on time, done late, open,
//!   overdue, dropped) and the completion rate per retro;
//! - `themes`: recurring frictions across retros;
//! - `backlog`: feedback volume by source and sentiment, NPS over time and
//!   the top items by the active score;
//! - `sparkline`: text sparklines for the report and the screen.
//!
//! The ROTI trend and the decision split are small enough to live here.

pub mod backlog;
pub mod follow_through;
pub mod kpi_chart;
pub mod sparkline;
pub mod themes;

use crate::domain::decision::{Decision, DecisionSplit};
use crate::domain::kpi::KpiHistory;
use crate::domain::retro::ActionItem;
use crate::domain::retro::roti::RotiSummary;
use crate::domain::scoring::ScoringModel;
use backlog::{Backlog, FeedbackFact, NpsAnswer, ScoredItem};
use chrono::NaiveDate;
use follow_through::{ActionHealth, RetroCompletion, completion_per_retro};
use kpi_chart::KpiChart;
use themes::{Theme, recurring_themes};

/// One retro card as the dashboard reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct CardFacts {
    pub id: i64,
    pub text: String,
    pub votes: u32,
}

/// One retro of the team as the dashboard reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct RetroFacts {
    pub id: i64,
    pub title: String,
    pub date: NaiveDate,
    pub cards: Vec<CardFacts>,
    /// ROTI ratings, 1–5.
    pub roti: Vec<u8>,
}

/// Everything the store reads for a team's dashboard: the team's KPIs
/// (with their whole history), and its retros, actions and decisions from
/// the period's start; the feedback facts from the period's start too.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DashboardFacts {
    /// The team's name as stored.
    pub team: String,
    pub kpis: Vec<KpiHistory>,
    /// Oldest first (by date, then id).
    pub retros: Vec<RetroFacts>,
    /// The actions of those retros.
    pub actions: Vec<ActionItem>,
    pub decisions: Vec<Decision>,
    pub feedback: Vec<FeedbackFact>,
    pub nps: Vec<NpsAnswer>,
    /// Every scored item (the top list takes the open ones).
    pub scored: Vec<ScoredItem>,
}

/// The ROTI of one retro.
#[derive(Debug, Clone, PartialEq)]
pub struct RotiPoint {
    pub retro_id: i64,
    pub title: String,
    pub date: NaiveDate,
    pub summary: RotiSummary,
}

/// What the dashboard shows for one team and period.
#[derive(Debug, Clone, PartialEq)]
pub struct Dashboard {
    pub team: String,
    /// The period's first day; `None` for all time.
    pub since: Option<NaiveDate>,
    pub today: NaiveDate,
    /// The active KPIs, in the order they were added.
    pub kpis: Vec<KpiChart>,
    pub actions: ActionHealth,
    pub completion: Vec<RetroCompletion>,
    /// Retros with ROTI answers, oldest first.
    pub roti: Vec<RotiPoint>,
    pub themes: Vec<Theme>,
    pub decisions: DecisionSplit,
    pub backlog: Backlog,
}

impl Dashboard {
    /// Builds the dashboard from the facts of the period from `since`,
    /// judged on `today`, ranking the top items by `model`.
    pub fn build(
        facts: &DashboardFacts,
        since: Option<NaiveDate>,
        today: NaiveDate,
        model: ScoringModel,
    ) -> Dashboard {
        Dashboard {
            team: facts.team.clone(),
            since,
            today,
            kpis: facts
                .kpis
                .iter()
                .filter(|h| h.kpi.is_active())
                .map(|h| KpiChart::of(h, since, today))
                .collect(),
            actions: ActionHealth::of(&facts.actions, today),
            completion: completion_per_retro(&facts.retros, &facts.actions, today),
            roti: facts
                .retros
                .iter()
                .filter(|r| !r.roti.is_empty())
                .map(|r| RotiPoint {
                    retro_id: r.id,
                    title: r.title.clone(),
                    date: r.date,
                    summary: RotiSummary::of(&r.roti),
                })
                .collect(),
            themes: recurring_themes(&facts.retros, &facts.actions),
            decisions: DecisionSplit::of(&facts.decisions),
            backlog: Backlog::of(
                &facts.feedback,
                &facts.nps,
                &facts.scored,
                model,
                since,
                today,
            ),
        }
    }
}
