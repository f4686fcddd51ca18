//! Shared KPIs: the two or three measures business and IT own together,
//! with no storage and no screen.
//!
//! - `definition`: a SMART KPI (description, metric and unit, baseline,
//!   target and direction, deadline, a business and an IT owner), checked
//!   from text with every missing or invalid element named.
//! - `check_in`: a measurement (value, date, confidence call, note).
//! - `progress`: progress towards the target, the on-track rule, and a
//!   KPI's series for a chart.
//! - `team`: the rules over one team's KPIs: unique names, at most three
//!   active, and finding a KPI by an unambiguous start of its name.

pub mod check_in;
pub mod definition;
pub mod progress;
pub mod team;

pub use check_in::{CheckIn, CheckInDraft, CheckInSpec, Confidence};
pub use definition::{Direction, FieldProblem, Kpi, KpiDraft, KpiSpec, Retirement};
pub use progress::{KpiHistory, SeriesPoint};
pub use team::{KpiLookupError, MAX_ACTIVE_KPIS};
