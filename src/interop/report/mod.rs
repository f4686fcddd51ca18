//! The weekly business–IT review report (`retriage report`): a `Dashboard`
//! written as Markdown that renders on GitHub (tables, lists and text
//! sparklines, no raw HTML) or as JSON holding every figure the Markdown
//! shows. The sparklines both formats carry are made here, once.

mod json;
mod markdown;

pub use json::write_json;
pub use markdown::write_markdown;

use crate::domain::dashboard::Dashboard;
use crate::domain::dashboard::backlog::Backlog;
use crate::domain::dashboard::kpi_chart::KpiChart;
use crate::domain::dashboard::sparkline::sparkline_between;

/// How many characters a report's sparkline takes at most.
pub const SPARKLINE_WIDTH: usize = 24;

/// A KPI's check-ins between the lowest and highest of its values,
/// baseline and target.
pub fn kpi_sparkline(chart: &KpiChart) -> String {
    let values: Vec<f64> = chart.points.iter().map(|p| p.value).collect();
    let (low, high) = chart.bounds();
    sparkline_between(&values, low, high, SPARKLINE_WIDTH)
}

/// The completion rate of each recent retro, from 0 to 100 %.
pub fn completion_sparkline(dashboard: &Dashboard) -> String {
    let rates: Vec<f64> = dashboard
        .completion
        .iter()
        .filter_map(|c| c.health.completion_rate())
        .collect();
    sparkline_between(&rates, 0.0, 1.0, SPARKLINE_WIDTH)
}

/// The ROTI average of each retro, on the 1–5 scale.
pub fn roti_sparkline(dashboard: &Dashboard) -> String {
    let averages: Vec<f64> = dashboard
        .roti
        .iter()
        .filter_map(|r| r.summary.average)
        .collect();
    sparkline_between(&averages, 1.0, 5.0, SPARKLINE_WIDTH)
}

/// Items per week or month.
pub fn volume_sparkline(backlog: &Backlog) -> String {
    let volumes: Vec<f64> = backlog
        .buckets
        .iter()
        .map(|b| f64::from(b.items()))
        .collect();
    sparkline_between(
        &volumes,
        0.0,
        volumes.iter().copied().fold(0.0, f64::max),
        SPARKLINE_WIDTH,
    )
}

/// The NPS of each week or month with answers.
pub fn nps_sparkline(backlog: &Backlog) -> String {
    let scores: Vec<f64> = backlog
        .buckets
        .iter()
        .filter_map(|b| b.nps.score().map(|(s, _)| f64::from(s)))
        .collect();
    sparkline_between(&scores, -100.0, 100.0, SPARKLINE_WIDTH)
}

/// A rate as whole percent ("–" for none).
pub fn percent(rate: Option<f64>) -> String {
    rate.map_or_else(|| "–".to_string(), |r| format!("{:.0} %", r * 100.0))
}

#[cfg(test)]
mod tests;
