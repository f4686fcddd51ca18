//! Prioritisation models: RICE, ICE and WSJF.
//!
//! Each model is a plain struct of optional factors with a `score()` that is
//! `None` whenever a factor is missing or out of range, so a score is never NaN
//! or infinite. Parsing functions turn user text ("2", "high", "80%") into
//! validated factors and name the field and value when they refuse.
//!
//! - RICE follows Intercom's definition (Sean McBride, "RICE: Simple
//!   prioritization for product managers", 2016): Reach per quarter × Impact
//!   (3 / 2 / 1 / 0.5 / 0.25) × Confidence (percent) ÷ Effort (person-months).
//! - ICE (Sean Ellis): Impact, Confidence and Ease, each 1–10; score = product.
//! - WSJF (SAFe): cost of delay (business value + time criticality + risk
//!   reduction) ÷ job size. SAFe suggests the modified Fibonacci scale for each.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A factor that failed validation: which field, what value, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct FactorError {
    pub field: &'static str,
    pub value: String,
    pub reason: String,
}

impl fmt::Display for FactorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid {} '{}': {}",
            self.field, self.value, self.reason
        )
    }
}

impl std::error::Error for FactorError {}

fn refuse(field: &'static str, value: &str, reason: impl Into<String>) -> FactorError {
    FactorError {
        field,
        value: value.to_string(),
        reason: reason.into(),
    }
}

fn parse_number(field: &'static str, text: &str) -> Result<f64, FactorError> {
    let value: f64 = text
        .trim()
        .parse()
        .map_err(|_| refuse(field, text, "not a number"))?;
    if !value.is_finite() {
        return Err(refuse(field, text, "must be a finite number"));
    }
    Ok(value)
}

/// RICE impact on Intercom's five-step scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Impact {
    Minimal,
    Low,
    Medium,
    High,
    Massive,
}

impl Impact {
    /// The scale from lowest to highest.
    pub const SCALE: [Impact; 5] = [
        Impact::Minimal,
        Impact::Low,
        Impact::Medium,
        Impact::High,
        Impact::Massive,
    ];

    pub fn value(self) -> f64 {
        match self {
            Impact::Massive => 3.0,
            Impact::High => 2.0,
            Impact::Medium => 1.0,
            Impact::Low => 0.5,
            Impact::Minimal => 0.25,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Impact::Massive => "massive",
            Impact::High => "high",
            Impact::Medium => "medium",
            Impact::Low => "low",
            Impact::Minimal => "minimal",
        }
    }

    /// The scale value for a number (3, 2, 1, 0.5, 0.25), if it is one.
    pub fn from_value(value: f64) -> Option<Impact> {
        Impact::SCALE.into_iter().find(|i| i.value() == value)
    }

    /// Accepts the number or the name, case-insensitively.
    pub fn parse(text: &str) -> Result<Impact, FactorError> {
        let t = text.trim().to_ascii_lowercase();
        if let Some(found) = Impact::SCALE.into_iter().find(|i| i.name() == t) {
            return Ok(found);
        }
        let reason = "use 3 (massive), 2 (high), 1 (medium), 0.5 (low) or 0.25 (minimal)";
        match t.parse::<f64>() {
            Ok(v) => Impact::from_value(v).ok_or_else(|| refuse("impact", text, reason)),
            Err(_) => Err(refuse("impact", text, reason)),
        }
    }

    /// Next step up the scale, staying at the top.
    pub fn step_up(self) -> Impact {
        let i = Impact::SCALE.iter().position(|x| *x == self).unwrap_or(0);
        Impact::SCALE[(i + 1).min(Impact::SCALE.len() - 1)]
    }

    /// Next step down the scale, staying at the bottom.
    pub fn step_down(self) -> Impact {
        let i = Impact::SCALE.iter().position(|x| *x == self).unwrap_or(0);
        Impact::SCALE[i.saturating_sub(1)]
    }
}

impl fmt::Display for Impact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.name(), format_number(self.value()))
    }
}

/// The standard confidence steps (percent): low, medium, high.
pub const CONFIDENCE_STEPS: [f64; 3] = [50.0, 80.0, 100.0];

/// Step to the next standard confidence above `current` (or the lowest step).
pub fn confidence_step_up(current: Option<f64>) -> f64 {
    match current {
        None => CONFIDENCE_STEPS[0],
        Some(c) => CONFIDENCE_STEPS
            .into_iter()
            .find(|s| *s > c)
            .unwrap_or(CONFIDENCE_STEPS[2]),
    }
}

/// Step to the next standard confidence below `current` (or the highest step).
pub fn confidence_step_down(current: Option<f64>) -> f64 {
    match current {
        None => CONFIDENCE_STEPS[2],
        Some(c) => CONFIDENCE_STEPS
            .into_iter()
            .rev()
            .find(|s| *s < c)
            .unwrap_or(CONFIDENCE_STEPS[0]),
    }
}

/// Confidence as a percent 0–100; a trailing `%` is allowed.
pub fn parse_confidence(text: &str) -> Result<f64, FactorError> {
    let t = text.trim();
    let digits = t.strip_suffix('%').unwrap_or(t);
    let value = parse_number("confidence", digits).map_err(|mut e| {
        e.value = text.to_string();
        e
    })?;
    if !(0.0..=100.0).contains(&value) {
        return Err(refuse(
            "confidence",
            text,
            "must be a percent from 0 to 100",
        ));
    }
    Ok(value)
}

/// Reach: people or events per quarter, a number ≥ 0.
pub fn parse_reach(text: &str) -> Result<f64, FactorError> {
    let value = parse_number("reach", text)?;
    if value < 0.0 {
        return Err(refuse("reach", text, "must be 0 or more"));
    }
    Ok(value)
}

/// Effort: person-months, a number > 0.
pub fn parse_effort(text: &str) -> Result<f64, FactorError> {
    let value = parse_number("effort", text)?;
    if value <= 0.0 {
        return Err(refuse("effort", text, "must be more than 0 person-months"));
    }
    Ok(value)
}

/// RICE factors; any may be unset.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rice {
    pub reach: Option<f64>,
    pub impact: Option<Impact>,
    /// Percent, 0–100.
    pub confidence: Option<f64>,
    pub effort: Option<f64>,
}

impl Rice {
    /// Reach × Impact × Confidence/100 ÷ Effort, or `None` when a factor is
    /// missing or out of range.
    pub fn score(&self) -> Option<f64> {
        let reach = self.reach.filter(|r| r.is_finite() && *r >= 0.0)?;
        let impact = self.impact?.value();
        let confidence = self
            .confidence
            .filter(|c| c.is_finite() && (0.0..=100.0).contains(c))?;
        let effort = self.effort.filter(|e| e.is_finite() && *e > 0.0)?;
        let score = reach * impact * (confidence / 100.0) / effort;
        score.is_finite().then_some(score)
    }

    pub fn is_empty(&self) -> bool {
        *self == Rice::default()
    }
}

/// An ICE factor: a whole number 1–10.
pub fn parse_ice_factor(field: &'static str, text: &str) -> Result<u8, FactorError> {
    let value = parse_number(field, text)?;
    if value.fract() != 0.0 || !(1.0..=10.0).contains(&value) {
        return Err(refuse(field, text, "must be a whole number from 1 to 10"));
    }
    Ok(value as u8)
}

/// ICE factors (1–10 each); the score is their product, 1–1000.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Ice {
    pub impact: Option<u8>,
    pub confidence: Option<u8>,
    pub ease: Option<u8>,
}

impl Ice {
    pub fn score(&self) -> Option<f64> {
        let ok = |v: Option<u8>| v.filter(|x| (1..=10).contains(x)).map(f64::from);
        Some(ok(self.impact)? * ok(self.confidence)? * ok(self.ease)?)
    }
}

/// The modified Fibonacci scale SAFe suggests for WSJF factors.
pub const WSJF_STEPS: [f64; 7] = [1.0, 2.0, 3.0, 5.0, 8.0, 13.0, 20.0];

/// Step a WSJF factor to the next scale value above (`up`) or below.
pub fn wsjf_step(current: Option<f64>, up: bool) -> f64 {
    match (current, up) {
        (None, true) => WSJF_STEPS[0],
        (None, false) => WSJF_STEPS[WSJF_STEPS.len() - 1],
        (Some(c), true) => WSJF_STEPS
            .into_iter()
            .find(|s| *s > c)
            .unwrap_or(WSJF_STEPS[WSJF_STEPS.len() - 1]),
        (Some(c), false) => WSJF_STEPS
            .into_iter()
            .rev()
            .find(|s| *s < c)
            .unwrap_or(WSJF_STEPS[0]),
    }
}

/// A WSJF cost-of-delay component: a number ≥ 0.
pub fn parse_wsjf_component(field: &'static str, text: &str) -> Result<f64, FactorError> {
    let value = parse_number(field, text)?;
    if value < 0.0 {
        return Err(refuse(field, text, "must be 0 or more"));
    }
    Ok(value)
}

/// WSJF job size: a number > 0.
pub fn parse_job_size(text: &str) -> Result<f64, FactorError> {
    let value = parse_number("job_size", text)?;
    if value <= 0.0 {
        return Err(refuse("job_size", text, "must be more than 0"));
    }
    Ok(value)
}

/// WSJF factors; score = (business value + time criticality + risk reduction) / job size.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Wsjf {
    pub business_value: Option<f64>,
    pub time_criticality: Option<f64>,
    pub risk_reduction: Option<f64>,
    pub job_size: Option<f64>,
}

impl Wsjf {
    pub fn score(&self) -> Option<f64> {
        let ok = |v: Option<f64>| v.filter(|x| x.is_finite() && *x >= 0.0);
        let cost_of_delay =
            ok(self.business_value)? + ok(self.time_criticality)? + ok(self.risk_reduction)?;
        let job_size = self.job_size.filter(|j| j.is_finite() && *j > 0.0)?;
        let score = cost_of_delay / job_size;
        score.is_finite().then_some(score)
    }
}

/// Which model ranks the triage table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScoringModel {
    #[default]
    Rice,
    Ice,
    Wsjf,
}

impl ScoringModel {
    pub const ALL: [ScoringModel; 3] = [ScoringModel::Rice, ScoringModel::Ice, ScoringModel::Wsjf];

    pub fn next(self) -> ScoringModel {
        match self {
            ScoringModel::Rice => ScoringModel::Ice,
            ScoringModel::Ice => ScoringModel::Wsjf,
            ScoringModel::Wsjf => ScoringModel::Rice,
        }
    }

    /// Short column label; ICE's says it is a product.
    pub fn label(self) -> &'static str {
        match self {
            ScoringModel::Rice => "RICE",
            ScoringModel::Ice => "ICE (I×C×E)",
            ScoringModel::Wsjf => "WSJF",
        }
    }
}

/// Formats a number without needless decimals: 2, 0.5, 13.33.
pub fn format_number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        let s = format!("{value:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn rice(reach: f64, impact: Impact, confidence: f64, effort: f64) -> Rice {
        Rice {
            reach: Some(reach),
            impact: Some(impact),
            confidence: Some(confidence),
            effort: Some(effort),
        }
    }

    #[test]
    fn rice_matches_intercoms_worked_example() {
        // Intercom's example: 150 customers/quarter, high impact, 80% confidence,
        // 1 person-month of effort -> 240.
        assert_eq!(rice(150.0, Impact::High, 80.0, 1.0).score(), Some(240.0));
        assert_eq!(rice(500.0, Impact::Low, 50.0, 0.5).score(), Some(250.0));
    }

    #[test]
    fn rice_without_a_factor_or_with_bad_effort_has_no_score() {
        let mut r = rice(100.0, Impact::Medium, 100.0, 2.0);
        assert_eq!(r.score(), Some(50.0));
        r.effort = Some(0.0);
        assert_eq!(r.score(), None);
        r.effort = Some(-1.0);
        assert_eq!(r.score(), None);
        r.effort = None;
        assert_eq!(r.score(), None);
        let no_reach = Rice {
            reach: None,
            ..rice(1.0, Impact::Massive, 100.0, 1.0)
        };
        assert_eq!(no_reach.score(), None);
        let negative = rice(-5.0, Impact::Massive, 100.0, 1.0);
        assert_eq!(negative.score(), None);
        let over = rice(5.0, Impact::Massive, 101.0, 1.0);
        assert_eq!(over.score(), None);
        assert_eq!(Rice::default().score(), None);
    }

    #[test]
    fn impact_accepts_numbers_and_names() {
        assert_eq!(Impact::parse("3").unwrap(), Impact::Massive);
        assert_eq!(Impact::parse("HIGH").unwrap(), Impact::High);
        assert_eq!(Impact::parse(" 0.5 ").unwrap(), Impact::Low);
        assert_eq!(Impact::parse("0.25").unwrap(), Impact::Minimal);
        assert_eq!(Impact::parse("medium").unwrap(), Impact::Medium);
        let err = Impact::parse("4").unwrap_err();
        assert_eq!(err.field, "impact");
        assert_eq!(err.value, "4");
        assert!(Impact::parse("huge").is_err());
        assert!(Impact::parse("").is_err());
    }

    #[test]
    fn impact_steps_stop_at_the_ends() {
        assert_eq!(Impact::Massive.step_up(), Impact::Massive);
        assert_eq!(Impact::Minimal.step_down(), Impact::Minimal);
        assert_eq!(Impact::Medium.step_up(), Impact::High);
        assert_eq!(Impact::Medium.step_down(), Impact::Low);
    }

    #[test]
    fn confidence_is_a_percent() {
        assert_eq!(parse_confidence("80").unwrap(), 80.0);
        assert_eq!(parse_confidence("80%").unwrap(), 80.0);
        assert_eq!(parse_confidence("0").unwrap(), 0.0);
        assert_eq!(parse_confidence("100").unwrap(), 100.0);
        let err = parse_confidence("150").unwrap_err();
        assert_eq!(err.field, "confidence");
        assert_eq!(err.value, "150");
        assert!(parse_confidence("-1").is_err());
        assert!(parse_confidence("high").is_err());
        assert!(parse_confidence("NaN").is_err());
    }

    #[test]
    fn confidence_steps_through_the_standard_values() {
        assert_eq!(confidence_step_up(None), 50.0);
        assert_eq!(confidence_step_up(Some(50.0)), 80.0);
        assert_eq!(confidence_step_up(Some(65.0)), 80.0);
        assert_eq!(confidence_step_up(Some(100.0)), 100.0);
        assert_eq!(confidence_step_down(Some(100.0)), 80.0);
        assert_eq!(confidence_step_down(Some(50.0)), 50.0);
    }

    #[test]
    fn reach_and_effort_ranges() {
        assert_eq!(parse_reach("0").unwrap(), 0.0);
        assert!(parse_reach("-3").is_err());
        assert!(parse_reach("inf").is_err());
        assert_eq!(parse_effort("0.5").unwrap(), 0.5);
        assert_eq!(parse_effort("0").unwrap_err().field, "effort");
        assert!(parse_effort("-2").is_err());
    }

    #[test]
    fn ice_is_the_product_of_three_factors() {
        let ice = Ice {
            impact: Some(8),
            confidence: Some(5),
            ease: Some(2),
        };
        assert_eq!(ice.score(), Some(80.0));
        assert_eq!(Ice { ease: None, ..ice }.score(), None);
        assert_eq!(
            Ice {
                ease: Some(11),
                ..ice
            }
            .score(),
            None
        );
        assert_eq!(parse_ice_factor("ease", "10").unwrap(), 10);
        assert!(parse_ice_factor("ease", "0").is_err());
        assert!(parse_ice_factor("ease", "2.5").is_err());
    }

    #[test]
    fn wsjf_is_cost_of_delay_over_job_size() {
        let w = Wsjf {
            business_value: Some(8.0),
            time_criticality: Some(5.0),
            risk_reduction: Some(3.0),
            job_size: Some(2.0),
        };
        assert_eq!(w.score(), Some(8.0));
        assert_eq!(
            Wsjf {
                job_size: Some(0.0),
                ..w
            }
            .score(),
            None
        );
        assert_eq!(
            Wsjf {
                risk_reduction: None,
                ..w
            }
            .score(),
            None
        );
        assert!(parse_job_size("0").is_err());
        assert!(parse_wsjf_component("business_value", "-1").is_err());
        assert_eq!(wsjf_step(Some(5.0), true), 8.0);
        assert_eq!(wsjf_step(Some(20.0), true), 20.0);
        assert_eq!(wsjf_step(Some(4.0), false), 3.0);
    }

    #[test]
    fn numbers_format_without_noise() {
        assert_eq!(format_number(2.0), "2");
        assert_eq!(format_number(0.5), "0.5");
        assert_eq!(format_number(40.0 / 3.0), "13.33");
    }

    fn any_impact() -> impl Strategy<Value = Impact> {
        prop::sample::select(Impact::SCALE.to_vec())
    }

    proptest! {
        #[test]
        fn rice_score_is_finite_and_non_negative_or_none(
            reach in prop::option::of(-1e12f64..1e12),
            impact in prop::option::of(any_impact()),
            confidence in prop::option::of(-50f64..200.0),
            effort in prop::option::of(-10f64..1e6),
        ) {
            let r = Rice { reach, impact, confidence, effort };
            match r.score() {
                Some(s) => {
                    prop_assert!(s.is_finite() && s >= 0.0);
                    prop_assert!(effort.unwrap() > 0.0);
                    prop_assert!(reach.unwrap() >= 0.0);
                }
                None => prop_assert!(
                    reach.is_none_or(|x| x < 0.0)
                        || impact.is_none()
                        || confidence.is_none_or(|c| !(0.0..=100.0).contains(&c))
                        || effort.is_none_or(|e| e <= 0.0)
                ),
            }
        }

        #[test]
        fn rice_score_grows_with_reach(reach in 0f64..1e6, extra in 0.001f64..1e3) {
            let a = rice(reach, Impact::Medium, 80.0, 2.0).score().unwrap();
            let b = rice(reach + extra, Impact::Medium, 80.0, 2.0).score().unwrap();
            prop_assert!(b > a);
        }

        #[test]
        fn parsed_confidence_is_always_in_range(text in "\\PC{0,8}") {
            if let Ok(c) = parse_confidence(&text) {
                prop_assert!((0.0..=100.0).contains(&c));
            }
        }

        #[test]
        fn wsjf_score_is_finite_or_none(
            bv in prop::option::of(-5f64..30.0),
            tc in prop::option::of(-5f64..30.0),
            rr in prop::option::of(-5f64..30.0),
            js in prop::option::of(-5f64..30.0),
        ) {
            let w = Wsjf { business_value: bv, time_criticality: tc, risk_reduction: rr, job_size: js };
            if let Some(s) = w.score() {
                prop_assert!(s.is_finite() && s >= 0.0);
            }
        }
    }
}
