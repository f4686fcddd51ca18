//! A SMART KPI: a specific description, a metric and its unit, a baseline,
//! a target with the direction that is better, a deadline, and two owners
//! (one business, one IT). `KpiDraft` holds what a person typed;
//! `KpiDraft::check` turns it into a `KpiSpec` or names every element that
//! is missing or invalid, all at once.

use crate::domain::text::sanitize_line;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The longest KPI name, in characters.
pub const MAX_NAME_CHARS: usize = 80;
/// The longest description, metric, unit or owner, in characters.
pub const MAX_TEXT_CHARS: usize = 500;

/// Which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Higher is better: the value rises to the target.
    Up,
    /// Lower is better: the value falls to the target.
    Down,
}

impl Direction {
    pub fn name(self) -> &'static str {
        match self {
            Direction::Up => "up",
            Direction::Down => "down",
        }
    }
}

impl fmt::Display for Direction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Direction {
    type Err = String;

    fn from_str(text: &str) -> Result<Direction, String> {
        match text.trim().to_ascii_lowercase().as_str() {
            "up" => Ok(Direction::Up),
            "down" => Ok(Direction::Down),
            _ => Err("use up (higher is better) or down (lower is better)".into()),
        }
    }
}

/// One missing or invalid element: the field, the value given (empty when
/// none was) and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: &'static str,
    pub value: String,
    pub message: String,
}

impl FieldProblem {
    pub fn new(field: &'static str, value: &str, message: impl Into<String>) -> FieldProblem {
        FieldProblem {
            field,
            value: value.to_string(),
            message: message.into(),
        }
    }

    fn missing(field: &'static str) -> FieldProblem {
        FieldProblem::new(field, "", "is missing")
    }
}

impl fmt::Display for FieldProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.value.is_empty() {
            write!(f, "{} {}", self.field, self.message)
        } else {
            let value = sanitize_line(&self.value);
            write!(f, "{} '{value}': {}", self.field, self.message)
        }
    }
}

/// Problems as one line: `a is missing; b '7': not a number`.
pub fn join_problems(problems: &[FieldProblem]) -> String {
    let parts: Vec<String> = problems.iter().map(ToString::to_string).collect();
    parts.join("; ")
}

/// Reads a number that must be finite (not NaN, not infinite).
pub fn parse_finite(text: &str) -> Result<f64, &'static str> {
    match text.trim().parse::<f64>() {
        Ok(value) if value.is_finite() => Ok(value),
        Ok(_) => Err("must be a finite number, not NaN or infinite"),
        Err(_) => Err("not a number"),
    }
}

/// Reads a date written `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Result<NaiveDate, &'static str> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| "not a date; use YYYY-MM-DD, e.g. 2026-12-18")
}

/// A KPI as typed: every element as text, empty when not given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KpiDraft {
    pub team: String,
    pub name: String,
    pub description: String,
    pub metric: String,
    pub unit: String,
    pub baseline: String,
    pub target: String,
    pub direction: String,
    pub deadline: String,
    pub business_owner: String,
    pub it_owner: String,
}

/// A checked KPI, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct KpiSpec {
    pub team: String,
    pub name: String,
    pub description: String,
    pub metric: String,
    pub unit: String,
    pub baseline: f64,
    pub target: f64,
    pub direction: Direction,
    pub deadline: NaiveDate,
    pub business_owner: String,
    pub it_owner: String,
}

/// Why a KPI was not added: every problem, named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotSmart {
    pub name: String,
    pub problems: Vec<FieldProblem>,
}

impl fmt::Display for NotSmart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.name.is_empty() {
            f.write_str("the KPI is not SMART: ")?;
        } else {
            write!(f, "KPI '{}' is not SMART: ", sanitize_line(&self.name))?;
        }
        f.write_str(&join_problems(&self.problems))
    }
}

impl std::error::Error for NotSmart {}

/// Text cleaned to one safe line and trimmed.
fn clean(text: &str) -> String {
    sanitize_line(text).trim().to_string()
}

/// A required text element: cleaned, present and not too long.
fn required_text(
    problems: &mut Vec<FieldProblem>,
    field: &'static str,
    text: &str,
    max_chars: usize,
) -> String {
    let cleaned = clean(text);
    if cleaned.is_empty() {
        problems.push(FieldProblem::missing(field));
    } else if cleaned.chars().count() > max_chars {
        problems.push(FieldProblem::new(
            field,
            &cleaned,
            format!("holds at most {max_chars} characters"),
        ));
    }
    cleaned
}

fn required_number(
    problems: &mut Vec<FieldProblem>,
    field: &'static str,
    text: &str,
) -> Option<f64> {
    if text.trim().is_empty() {
        problems.push(FieldProblem::missing(field));
        return None;
    }
    parse_finite(text)
        .map_err(|why| problems.push(FieldProblem::new(field, text, why)))
        .ok()
}

impl KpiDraft {
    /// Checks every element against the SMART rules, `today` being the
    /// first day a deadline may fall on. Problems are named in the order of
    /// the fields, all of them.
    pub fn check(&self, today: NaiveDate) -> Result<KpiSpec, NotSmart> {
        let mut problems = Vec::new();
        let p = &mut problems;
        let team = required_text(p, "team", &self.team, MAX_NAME_CHARS);
        let name = required_text(p, "name", &self.name, MAX_NAME_CHARS);
        let description = required_text(p, "description", &self.description, MAX_TEXT_CHARS);
        let metric = required_text(p, "metric", &self.metric, MAX_TEXT_CHARS);
        let unit = required_text(p, "unit", &self.unit, MAX_TEXT_CHARS);
        let baseline = required_number(p, "baseline", &self.baseline);
        let target = required_number(p, "target", &self.target);
        let direction = if self.direction.trim().is_empty() {
            p.push(FieldProblem::missing("direction"));
            None
        } else {
            self.direction
                .parse::<Direction>()
                .map_err(|why| p.push(FieldProblem::new("direction", &self.direction, why)))
                .ok()
        };
        if let (Some(baseline), Some(target)) = (baseline, target)
            && let Some(why) = target_problem(baseline, target, direction)
        {
            p.push(FieldProblem::new("target", &self.target, why));
        }
        let deadline = if self.deadline.trim().is_empty() {
            p.push(FieldProblem::missing("deadline"));
            None
        } else {
            match parse_date(&self.deadline) {
                Ok(date) if date < today => {
                    p.push(FieldProblem::new(
                        "deadline",
                        &self.deadline,
                        format!("is in the past (today is {today})"),
                    ));
                    None
                }
                Ok(date) => Some(date),
                Err(why) => {
                    p.push(FieldProblem::new("deadline", &self.deadline, why));
                    None
                }
            }
        };
        let business_owner =
            required_text(p, "business owner", &self.business_owner, MAX_TEXT_CHARS);
        let it_owner = required_text(p, "IT owner", &self.it_owner, MAX_TEXT_CHARS);
        if !business_owner.is_empty() && business_owner.eq_ignore_ascii_case(&it_owner) {
            p.push(FieldProblem::new(
                "IT owner",
                &it_owner,
                "is also the business owner; a shared KPI has one owner on each side",
            ));
        }
        match (baseline, target, direction, deadline) {
            (Some(baseline), Some(target), Some(direction), Some(deadline))
                if problems.is_empty() =>
            {
                Ok(KpiSpec {
                    team,
                    name,
                    description,
                    metric,
                    unit,
                    baseline,
                    target,
                    direction,
                    deadline,
                    business_owner,
                    it_owner,
                })
            }
            _ => Err(NotSmart { name, problems }),
        }
    }
}

/// What is wrong with a target for this baseline and direction, if
/// anything: it must differ from the baseline, on the better side.
fn target_problem(baseline: f64, target: f64, direction: Option<Direction>) -> Option<String> {
    if target == baseline {
        return Some(format!(
            "equals the baseline {baseline}; a KPI needs somewhere to go"
        ));
    }
    match direction? {
        Direction::Up if target < baseline => Some(format!(
            "is below the baseline {baseline}, but direction up means higher is better"
        )),
        Direction::Down if target > baseline => Some(format!(
            "is above the baseline {baseline}, but direction down means lower is better"
        )),
        _ => None,
    }
}

/// When and why a KPI was retired.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Retirement {
    pub at: DateTime<Utc>,
    pub note: String,
}

/// A stored KPI.
#[derive(Debug, Clone, PartialEq)]
pub struct Kpi {
    pub id: i64,
    pub team: String,
    pub name: String,
    pub description: String,
    pub metric: String,
    pub unit: String,
    pub baseline: f64,
    pub target: f64,
    pub direction: Direction,
    pub deadline: NaiveDate,
    pub business_owner: String,
    pub it_owner: String,
    pub created_at: DateTime<Utc>,
    /// `None` while the KPI is active.
    pub retired: Option<Retirement>,
}

impl Kpi {
    pub fn is_active(&self) -> bool {
        self.retired.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
    }

    fn draft() -> KpiDraft {
        KpiDraft {
            team: "Core".into(),
            name: "Lead time".into(),
            description: "Days from an accepted request to its release".into(),
            metric: "median lead time".into(),
            unit: "days".into(),
            baseline: "30".into(),
            target: "10".into(),
            direction: "down".into(),
            deadline: "2026-12-31".into(),
            business_owner: "Ines".into(),
            it_owner: "Omar".into(),
        }
    }

    fn problems(draft: &KpiDraft) -> String {
        draft.check(today()).unwrap_err().to_string()
    }

    #[test]
    fn a_complete_draft_becomes_a_spec() {
        let spec = draft().check(today()).unwrap();
        assert_eq!(spec.baseline, 30.0);
        assert_eq!(spec.direction, Direction::Down);
        assert_eq!(
            spec.deadline,
            NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()
        );
        // A deadline of today is not in the past.
        let due_today = KpiDraft {
            deadline: " 2026-06-01 ".into(),
            direction: "UP".into(),
            target: "45.5".into(),
            ..draft()
        };
        assert_eq!(due_today.check(today()).unwrap().target, 45.5);
    }

    #[test]
    fn every_missing_element_is_named_at_once() {
        let empty = KpiDraft {
            team: "Core".into(),
            name: "Lead time".into(),
            ..KpiDraft::default()
        };
        assert_eq!(
            problems(&empty),
            "KPI 'Lead time' is not SMART: description is missing; metric is missing; \
             unit is missing; baseline is missing; target is missing; direction is missing; \
             deadline is missing; business owner is missing; IT owner is missing"
        );
        let blank = KpiDraft {
            description: "  \t ".into(),
            ..draft()
        };
        assert_eq!(
            problems(&blank),
            "KPI 'Lead time' is not SMART: description is missing"
        );
    }

    #[test]
    fn a_target_must_differ_from_the_baseline_on_the_better_side() {
        let same = KpiDraft {
            target: "30.0".into(),
            ..draft()
        };
        assert!(
            problems(&same).contains("target '30.0': equals the baseline 30"),
            "{}",
            problems(&same)
        );
        let wrong_down = KpiDraft {
            target: "40".into(),
            ..draft()
        };
        assert!(problems(&wrong_down).contains(
            "target '40': is above the baseline 30, but direction down means lower is better"
        ));
        let wrong_up = KpiDraft {
            direction: "up".into(),
            ..draft()
        };
        assert!(problems(&wrong_up).contains(
            "target '10': is below the baseline 30, but direction up means higher is better"
        ));
    }

    #[test]
    fn bad_numbers_dates_and_directions_name_their_value() {
        let bad = KpiDraft {
            baseline: "NaN".into(),
            target: "inf".into(),
            direction: "sideways".into(),
            deadline: "31/12/2026".into(),
            ..draft()
        };
        assert_eq!(
            problems(&bad),
            "KPI 'Lead time' is not SMART: \
             baseline 'NaN': must be a finite number, not NaN or infinite; \
             target 'inf': must be a finite number, not NaN or infinite; \
             direction 'sideways': use up (higher is better) or down (lower is better); \
             deadline '31/12/2026': not a date; use YYYY-MM-DD, e.g. 2026-12-18"
        );
        let words = KpiDraft {
            baseline: "thirty".into(),
            target: "1e400".into(),
            ..draft()
        };
        let text = problems(&words);
        assert!(text.contains("baseline 'thirty': not a number"), "{text}");
        assert!(
            text.contains("target '1e400': must be a finite number"),
            "{text}"
        );
    }

    #[test]
    fn a_deadline_in_the_past_and_one_person_owning_both_sides_are_refused() {
        let past = KpiDraft {
            deadline: "2026-05-31".into(),
            ..draft()
        };
        assert!(
            problems(&past).contains("deadline '2026-05-31': is in the past (today is 2026-06-01)")
        );
        let one_owner = KpiDraft {
            it_owner: "ines".into(),
            ..draft()
        };
        assert!(problems(&one_owner).contains("IT owner 'ines': is also the business owner"));
        let long = KpiDraft {
            name: "x".repeat(MAX_NAME_CHARS + 1),
            ..draft()
        };
        assert!(problems(&long).contains("holds at most 80 characters"));
    }

    #[test]
    fn text_is_made_one_clean_line() {
        let messy = KpiDraft {
            name: "  Lead\ntime\u{1b}[31m ".into(),
            ..draft()
        };
        assert_eq!(messy.check(today()).unwrap().name, "Lead time");
        assert_eq!(parse_finite(" -2.5 "), Ok(-2.5));
        assert!(parse_finite("-inf").is_err());
    }
}
