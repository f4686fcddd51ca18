//! What the dashboard shows of a shared KPI: its check-ins in the period as
//! a series, its baseline and target lines, progress and the on-track call
//! (both from the whole history, see `domain::kpi::progress`), and the
//! latest check-in.

use crate::domain::kpi::{CheckIn, Confidence, Direction, KpiHistory, SeriesPoint};
use chrono::NaiveDate;

/// One KPI, ready to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct KpiChart {
    pub name: String,
    pub unit: String,
    pub direction: Direction,
    pub baseline: f64,
    pub target: f64,
    pub deadline: NaiveDate,
    pub business_owner: String,
    pub it_owner: String,
    /// The check-ins on or after the period's start, oldest first.
    pub points: Vec<SeriesPoint>,
    pub latest: Option<LatestCheckIn>,
    /// `None` before the first check-in.
    pub progress: Option<f64>,
    pub on_track: Option<bool>,
}

/// The most recent check-in.
#[derive(Debug, Clone, PartialEq)]
pub struct LatestCheckIn {
    pub date: NaiveDate,
    pub value: f64,
    pub confidence: Option<Confidence>,
}

impl From<&CheckIn> for LatestCheckIn {
    fn from(c: &CheckIn) -> LatestCheckIn {
        LatestCheckIn {
            date: c.date,
            value: c.value,
            confidence: c.confidence,
        }
    }
}

impl KpiChart {
    /// The chart of an active KPI for the period from `since` (all of it
    /// when `None`), judged on `today`.
    pub fn of(history: &KpiHistory, since: Option<NaiveDate>, today: NaiveDate) -> KpiChart {
        let kpi = &history.kpi;
        KpiChart {
            name: kpi.name.clone(),
            unit: kpi.unit.clone(),
            direction: kpi.direction,
            baseline: kpi.baseline,
            target: kpi.target,
            deadline: kpi.deadline,
            business_owner: kpi.business_owner.clone(),
            it_owner: kpi.it_owner.clone(),
            points: history
                .series()
                .into_iter()
                .filter(|p| since.is_none_or(|s| p.date >= s))
                .collect(),
            latest: history.latest().map(LatestCheckIn::from),
            progress: history.progress(),
            on_track: history.on_track(today),
        }
    }

    /// The lowest and highest value a chart must show: the points, the
    /// baseline and the target.
    pub fn bounds(&self) -> (f64, f64) {
        self.points
            .iter()
            .map(|p| p.value)
            .chain([self.baseline, self.target])
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                (lo.min(v), hi.max(v))
            })
    }

    /// Progress in whole percent, `None` before the first check-in.
    pub fn progress_percent(&self) -> Option<i64> {
        self.progress.map(|p| (p * 100.0).round() as i64)
    }

    /// "on track", "off track" or "no check-in yet".
    pub fn status_label(&self) -> &'static str {
        match self.on_track {
            Some(true) => "on track",
            Some(false) => "off track",
            None => "no check-in yet",
        }
    }
}
