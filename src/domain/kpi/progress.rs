//! How far a KPI has come, and whether it will arrive in time.
//!
//! **Progress** is `(latest − baseline) / (target − baseline)`: 0 at the
//! baseline, 1 at the target, above 1 past it, below 0 when worse than the
//! baseline. The sign of `target − baseline` carries the direction, so the
//! formula is the same for `up` and `down` KPIs (a `down` KPI has its
//! baseline beyond its target). Before the first check-in there is none.
//!
//! **On track** draws a straight line from progress 0 on the day of the
//! first check-in to progress 1 on the deadline, and asks whether the latest
//! progress is on or above it today:
//!
//! - the share of time elapsed is `(today − first check-in) / (deadline −
//!   first check-in)` in days, kept between 0 and 1; when the deadline is on
//!   or before the first check-in, all of the time has elapsed;
//! - a KPI is on track when its progress is at least that share. So one at
//!   or past its target is always on track, one worse than its baseline
//!   never is, and past the deadline only one at or past its target is.
//!
//! Today, not the latest check-in's date, is the measure of time: a KPI
//! nobody has measured for a while falls off track rather than keeping an
//! old verdict.

use super::check_in::CheckIn;
use super::definition::Kpi;
use chrono::NaiveDate;

/// `(value − baseline) / (target − baseline)`; the target differs from the
/// baseline (a SMART rule), so this is a finite number for finite values.
pub fn progress(baseline: f64, target: f64, value: f64) -> f64 {
    (value - baseline) / (target - baseline)
}

/// The share of the time from `start` to `deadline` that has passed by
/// `today`, from 0 to 1 (1 when the deadline is not after `start`).
pub fn time_elapsed(start: NaiveDate, deadline: NaiveDate, today: NaiveDate) -> f64 {
    let span = (deadline - start).num_days();
    if span <= 0 {
        return 1.0;
    }
    let passed = (today - start).num_days();
    (passed as f64 / span as f64).clamp(0.0, 1.0)
}

/// On track when `progress` has kept pace with the time `elapsed`.
pub fn on_track(progress: f64, elapsed: f64) -> bool {
    progress >= elapsed
}

/// One point of a KPI's chart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SeriesPoint {
    pub date: NaiveDate,
    pub value: f64,
}

/// A KPI's check-ins as a chart's points, oldest first (check-ins of one
/// day in the order they were recorded).
pub fn series(check_ins: &[CheckIn]) -> Vec<SeriesPoint> {
    let mut ordered: Vec<&CheckIn> = check_ins.iter().collect();
    ordered.sort_by_key(|c| (c.date, c.id));
    ordered
        .into_iter()
        .map(|c| SeriesPoint {
            date: c.date,
            value: c.value,
        })
        .collect()
}

/// A KPI with every check-in it has had.
#[derive(Debug, Clone, PartialEq)]
pub struct KpiHistory {
    pub kpi: Kpi,
    /// In any order; the methods sort by date, then by id.
    pub check_ins: Vec<CheckIn>,
}

impl KpiHistory {
    /// The most recent check-in by date (the last recorded on that date).
    pub fn latest(&self) -> Option<&CheckIn> {
        self.check_ins.iter().max_by_key(|c| (c.date, c.id))
    }

    fn first(&self) -> Option<&CheckIn> {
        self.check_ins.iter().min_by_key(|c| (c.date, c.id))
    }

    /// The latest value's progress; `None` before the first check-in.
    pub fn progress(&self) -> Option<f64> {
        let latest = self.latest()?;
        Some(progress(self.kpi.baseline, self.kpi.target, latest.value))
    }

    /// The share of time elapsed from the first check-in to the deadline;
    /// `None` before the first check-in.
    pub fn time_elapsed(&self, today: NaiveDate) -> Option<f64> {
        let first = self.first()?;
        Some(time_elapsed(first.date, self.kpi.deadline, today))
    }

    /// Whether the KPI keeps pace (see the module's rule); `None` before
    /// the first check-in.
    pub fn on_track(&self, today: NaiveDate) -> Option<bool> {
        Some(on_track(self.progress()?, self.time_elapsed(today)?))
    }

    /// The chart's points, oldest first.
    pub fn series(&self) -> Vec<SeriesPoint> {
        series(&self.check_ins)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::kpi::Direction;
    use chrono::DateTime;

    fn day(month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, month, day).unwrap()
    }

    fn kpi(baseline: f64, target: f64, direction: Direction) -> Kpi {
        Kpi {
            id: 1,
            team: "Core".into(),
            name: "Lead time".into(),
            description: "d".into(),
            metric: "m".into(),
            unit: "days".into(),
            baseline,
            target,
            direction,
            // 100 days after 2026-01-01.
            deadline: day(4, 11),
            business_owner: "Ines".into(),
            it_owner: "Omar".into(),
            created_at: DateTime::from_timestamp(0, 0).unwrap(),
            retired: None,
        }
    }

    fn history(kpi: Kpi, points: &[(NaiveDate, f64)]) -> KpiHistory {
        let check_ins = points
            .iter()
            .zip(1..)
            .map(|(&(date, value), id)| CheckIn {
                id,
                kpi_id: 1,
                date,
                value,
                confidence: None,
                note: None,
                recorded_at: DateTime::from_timestamp(0, 0).unwrap(),
            })
            .collect();
        KpiHistory { kpi, check_ins }
    }

    #[test]
    fn progress_is_a_fraction_in_both_directions() {
        // Up: 20 → 80.
        assert_eq!(progress(20.0, 80.0, 20.0), 0.0);
        assert_eq!(progress(20.0, 80.0, 50.0), 0.5);
        assert_eq!(progress(20.0, 80.0, 80.0), 1.0);
        assert_eq!(progress(20.0, 80.0, 110.0), 1.5, "past the target");
        assert_eq!(progress(20.0, 80.0, 5.0), -0.25, "worse than the baseline");
        // Down, the baseline beyond the target: 30 → 10.
        assert_eq!(progress(30.0, 10.0, 30.0), 0.0);
        assert_eq!(progress(30.0, 10.0, 25.0), 0.25);
        assert_eq!(progress(30.0, 10.0, 10.0), 1.0);
        assert_eq!(progress(30.0, 10.0, 0.0), 1.5, "past the target");
        assert_eq!(progress(30.0, 10.0, 40.0), -0.5, "worse than the baseline");
        // Negative numbers work the same.
        assert_eq!(progress(-10.0, -20.0, -15.0), 0.5);
    }

    #[test]
    fn no_check_in_means_no_progress_and_no_verdict() {
        let empty = history(kpi(30.0, 10.0, Direction::Down), &[]);
        assert_eq!(empty.latest(), None);
        assert_eq!(empty.progress(), None);
        assert_eq!(empty.time_elapsed(day(2, 1)), None);
        assert_eq!(empty.on_track(day(2, 1)), None);
        assert!(empty.series().is_empty());
    }

    #[test]
    fn time_elapsed_runs_from_the_first_check_in_to_the_deadline() {
        let start = day(1, 1);
        let deadline = day(4, 11);
        assert_eq!(time_elapsed(start, deadline, start), 0.0);
        assert_eq!(time_elapsed(start, deadline, day(2, 20)), 0.5);
        assert_eq!(time_elapsed(start, deadline, deadline), 1.0);
        assert_eq!(time_elapsed(start, deadline, day(12, 1)), 1.0, "past it");
        assert_eq!(
            time_elapsed(start, deadline, day(1, 1) - chrono::Days::new(5)),
            0.0
        );
        assert_eq!(time_elapsed(deadline, deadline, deadline), 1.0, "no span");
        assert_eq!(time_elapsed(day(5, 1), deadline, day(5, 1)), 1.0);
    }

    #[test]
    fn on_track_compares_progress_with_time_elapsed_going_up() {
        // 20 → 80 over 100 days from the first check-in.
        let h = history(
            kpi(20.0, 80.0, Direction::Up),
            &[(day(1, 1), 20.0), (day(2, 20), 50.0)],
        );
        assert_eq!(h.progress(), Some(0.5));
        assert_eq!(h.on_track(day(2, 20)), Some(true), "half way at half time");
        assert_eq!(h.on_track(day(2, 21)), Some(false), "a day later, behind");
        let ahead = history(
            kpi(20.0, 80.0, Direction::Up),
            &[(day(1, 1), 20.0), (day(1, 11), 35.0)],
        );
        assert_eq!(ahead.on_track(day(1, 11)), Some(true));
        let worse = history(kpi(20.0, 80.0, Direction::Up), &[(day(1, 1), 10.0)]);
        assert_eq!(worse.progress(), Some(-1.0 / 6.0));
        assert_eq!(worse.on_track(day(1, 1)), Some(false), "below the baseline");
    }

    #[test]
    fn on_track_going_down_with_the_baseline_beyond_the_target() {
        // 30 → 10 over 100 days.
        let h = history(
            kpi(30.0, 10.0, Direction::Down),
            &[(day(1, 1), 30.0), (day(2, 20), 22.0)],
        );
        assert_eq!(h.progress(), Some(0.4));
        assert_eq!(h.on_track(day(2, 10)), Some(true), "0.4 ≥ 0.4 elapsed");
        assert_eq!(h.on_track(day(2, 20)), Some(false), "0.4 < 0.5 elapsed");
        let rising = history(kpi(30.0, 10.0, Direction::Down), &[(day(1, 1), 35.0)]);
        assert_eq!(rising.progress(), Some(-0.25));
        assert_eq!(rising.on_track(day(1, 1)), Some(false));
    }

    #[test]
    fn past_the_target_is_on_track_even_after_the_deadline() {
        let beyond = history(
            kpi(30.0, 10.0, Direction::Down),
            &[(day(1, 1), 30.0), (day(3, 1), 5.0)],
        );
        assert_eq!(beyond.progress(), Some(1.25));
        assert_eq!(beyond.on_track(day(12, 31)), Some(true));
        let short = history(
            kpi(20.0, 80.0, Direction::Up),
            &[(day(1, 1), 20.0), (day(4, 1), 79.0)],
        );
        assert_eq!(short.on_track(day(4, 1)), Some(true), "0.98 ≥ 0.9 elapsed");
        assert_eq!(
            short.on_track(day(4, 11)),
            Some(false),
            "deadline, short of it"
        );
    }

    #[test]
    fn the_latest_is_by_date_then_by_recording_and_the_series_is_ordered() {
        let h = history(
            kpi(20.0, 80.0, Direction::Up),
            &[(day(3, 1), 40.0), (day(1, 1), 20.0), (day(3, 1), 45.0)],
        );
        assert_eq!(h.latest().unwrap().value, 45.0);
        let points: Vec<(NaiveDate, f64)> = h.series().iter().map(|p| (p.date, p.value)).collect();
        assert_eq!(
            points,
            [(day(1, 1), 20.0), (day(3, 1), 40.0), (day(3, 1), 45.0)]
        );
        // Elapsed time counts from the earliest check-in, whatever the order.
        assert_eq!(h.time_elapsed(day(2, 20)), Some(0.5));
    }
}
