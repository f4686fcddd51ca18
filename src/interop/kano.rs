//! Reading Kano survey files. Two shapes are accepted:
//!
//! - **Long format**: columns `respondent, feature, functional, dysfunctional`
//!   and optionally `importance` (headers in any case and order).
//! - **Google Forms grid export**: one row per respondent; each question is a
//!   grid whose columns are headed `Question text [Feature name]`. The feature
//!   is the text in the brackets; the dysfunctional question is the one
//!   phrased negatively ("does not have", "without", "not"); a question about
//!   importance is read as importance. When the phrasing does not settle it,
//!   the caller names the questions (`GridQuestions`).
//!
//! Answers are numbers 1–5 or the questionnaires' words (see
//! `domain::kano::Answer::parse`). A blank answer drops that respondent's
//! pair for that feature. Every other problem is reported with its line,
//! column and value, all of them (the first 20 listed), and nothing is read.

use super::errors::{ImportError, Problems};
use super::line_endings::LineFeeds;
use super::quotes::QuoteWatch;
pub use crate::domain::kano::SurveyAnswer;
use crate::domain::kano::{Answer, Response, parse_importance};
use std::collections::{BTreeSet, HashMap};

/// Question texts given by the user for a grid export, when detection is unsure.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GridQuestions {
    pub functional: Option<String>,
    pub dysfunctional: Option<String>,
    pub importance: Option<String>,
}

/// A parsed CSV: header and records with their line numbers.
struct Table {
    header: Vec<String>,
    rows: Vec<(u64, Vec<String>)>,
}

fn read_table(bytes: &[u8]) -> Result<Table, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first_line = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    let delimiter = super::errors::sniff_delimiter(first_line);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .from_reader(QuoteWatch::new(LineFeeds::new(bytes), delimiter));
    let mut records = reader.byte_records();
    let to_text = |record: &csv::ByteRecord, line: u64| -> Result<Vec<String>, ImportError> {
        record
            .iter()
            .map(|field| {
                std::str::from_utf8(field)
                    .map(|s| s.trim().to_string())
                    .map_err(|_| {
                        ImportError::File(format!("line {line}: the text is not valid UTF-8"))
                    })
            })
            .collect()
    };
    let header = match records.next() {
        None => return Err(ImportError::File("the file is empty".into())),
        Some(record) => to_text(&record.map_err(super::errors::csv_error)?, 1)?,
    };
    let mut rows = Vec::new();
    for record in records {
        let record = record.map_err(super::errors::csv_error)?;
        let line = record.position().map_or(0, |p| p.line());
        let fields = to_text(&record, line)?;
        if fields.iter().all(String::is_empty) {
            continue;
        }
        rows.push((line, fields));
    }
    if let Some(line) = reader.get_ref().unclosed() {
        return Err(super::errors::unclosed_quote(line));
    }
    if rows.is_empty() {
        return Err(ImportError::File(
            "the file has a header but no answers".into(),
        ));
    }
    Ok(Table { header, rows })
}

/// Reads a survey file in either shape.
pub fn read_survey(
    bytes: &[u8],
    questions: &GridQuestions,
) -> Result<Vec<SurveyAnswer>, ImportError> {
    let table = read_table(bytes)?;
    let lower: Vec<String> = table.header.iter().map(|h| h.to_lowercase()).collect();
    let has = |name: &str| lower.iter().any(|h| h == name);
    if has("respondent") || has("feature") || has("functional") {
        read_long(&table, &lower)
    } else if table.header.iter().any(|h| grid_column(h).is_some()) {
        read_grid(&table, questions)
    } else {
        Err(ImportError::File(
            "not a Kano survey: expected the columns respondent, feature, functional, \
             dysfunctional (long format) or grid columns like 'Question [Feature]' (Google Forms)"
                .into(),
        ))
    }
}

fn read_long(table: &Table, lower: &[String]) -> Result<Vec<SurveyAnswer>, ImportError> {
    let column = |name: &str| lower.iter().position(|h| h == name);
    let required = ["respondent", "feature", "functional", "dysfunctional"];
    let missing: Vec<&str> = required
        .iter()
        .copied()
        .filter(|c| column(c).is_none())
        .collect();
    if !missing.is_empty() {
        return Err(ImportError::File(format!(
            "long format needs the column(s) {}",
            missing.join(", ")
        )));
    }
    let [respondent, feature, functional, dysfunctional] = required.map(|c| column(c).unwrap_or(0));
    let importance = column("importance");
    let mut problems = Problems::default();
    let mut answers = Vec::new();
    for (line, fields) in &table.rows {
        let cell = |i: usize| fields.get(i).map(String::as_str).unwrap_or("");
        let who = cell(respondent);
        let what = cell(feature);
        if who.is_empty() {
            problems.add(*line, "respondent", "", "is empty");
        }
        if what.is_empty() {
            problems.add(*line, "feature", "", "is empty");
        }
        let f = parse_answer(&mut problems, *line, "functional", cell(functional));
        let d = parse_answer(&mut problems, *line, "dysfunctional", cell(dysfunctional));
        let imp = importance.and_then(|i| match parse_importance(cell(i)) {
            Ok(v) => v,
            Err(message) => {
                problems.add(*line, "importance", cell(i), message);
                None
            }
        });
        if let (Some(functional), Some(dysfunctional)) = (f, d)
            && !who.is_empty()
            && !what.is_empty()
        {
            answers.push(SurveyAnswer {
                feature: what.to_string(),
                respondent: who.to_string(),
                response: Response {
                    functional,
                    dysfunctional,
                    importance: imp,
                },
            });
        }
    }
    problems.finish(answers)
}

/// An answer cell: `Some` for an answer, `None` for blank or bad (bad is recorded).
fn parse_answer(problems: &mut Problems, line: u64, column: &str, text: &str) -> Option<Answer> {
    match Answer::parse(text) {
        Ok(answer) => answer,
        Err(message) => {
            problems.add(line, column, text, message);
            None
        }
    }
}

/// Splits `Question text [Feature]` into its two parts.
fn grid_column(header: &str) -> Option<(&str, &str)> {
    let header = header.trim();
    let inner = header.strip_suffix(']')?;
    let open = inner.rfind('[')?;
    let feature = inner[open + 1..].trim();
    let question = inner[..open].trim();
    (!feature.is_empty()).then_some((question, feature))
}

fn is_negative(question: &str) -> bool {
    let q = format!(
        " {} ",
        question
            .to_lowercase()
            .replace(['?', ',', '.', '(', ')'], " ")
    );
    [
        " not ",
        "n't ",
        "n’t ",
        " without ",
        " lacks ",
        " lacking ",
        " no ",
    ]
    .iter()
    .any(|w| q.contains(w))
}

fn is_importance(question: &str) -> bool {
    question.to_lowercase().contains("importan")
}

fn matches_question(question: &str, given: &str) -> bool {
    let (q, g) = (question.to_lowercase(), given.trim().to_lowercase());
    !g.is_empty() && (q == g || q.starts_with(&g) || q.contains(&g))
}

/// Which question group is which.
struct GridRoles<'a> {
    functional: &'a str,
    dysfunctional: &'a str,
    importance: Option<&'a str>,
}

fn grid_roles<'a>(
    groups: &'a [String],
    given: &GridQuestions,
) -> Result<GridRoles<'a>, ImportError> {
    let find = |text: &Option<String>, role: &str| -> Result<Option<&'a str>, ImportError> {
        match text {
            None => Ok(None),
            Some(t) => groups
                .iter()
                .find(|q| matches_question(q, t))
                .map(|q| Some(q.as_str()))
                .ok_or_else(|| {
                    ImportError::File(format!(
                        "no grid question matches the {role} text '{t}'; the questions are: {}",
                        quoted(groups)
                    ))
                }),
        }
    };
    let importance = find(&given.importance, "importance")?
        .or_else(|| groups.iter().map(String::as_str).find(|q| is_importance(q)));
    let others: Vec<&str> = groups
        .iter()
        .map(String::as_str)
        .filter(|q| Some(*q) != importance)
        .collect();
    let functional = find(&given.functional, "functional")?;
    let dysfunctional = find(&given.dysfunctional, "dysfunctional")?;
    let unsure = || {
        ImportError::File(format!(
            "cannot tell the functional question from the dysfunctional one among {}; \
             name them with --functional TEXT and --dysfunctional TEXT",
            quoted(groups)
        ))
    };
    let (functional, dysfunctional) = match (functional, dysfunctional) {
        (Some(f), Some(d)) => (f, d),
        (Some(f), None) => match others
            .iter()
            .copied()
            .filter(|q| *q != f)
            .collect::<Vec<_>>()[..]
        {
            [d] => (f, d),
            _ => return Err(unsure()),
        },
        (None, Some(d)) => match others
            .iter()
            .copied()
            .filter(|q| *q != d)
            .collect::<Vec<_>>()[..]
        {
            [f] => (f, d),
            _ => return Err(unsure()),
        },
        (None, None) => {
            if others.len() != 2 {
                return Err(ImportError::File(format!(
                    "a Kano grid export needs two questions (functional and dysfunctional), \
                     plus optionally importance; found {}",
                    quoted(groups)
                )));
            }
            match (is_negative(others[0]), is_negative(others[1])) {
                (false, true) => (others[0], others[1]),
                (true, false) => (others[1], others[0]),
                _ => return Err(unsure()),
            }
        }
    };
    Ok(GridRoles {
        functional,
        dysfunctional,
        importance,
    })
}

fn quoted(items: &[String]) -> String {
    items
        .iter()
        .map(|q| format!("'{q}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn read_grid(table: &Table, given: &GridQuestions) -> Result<Vec<SurveyAnswer>, ImportError> {
    // Question text -> feature -> column index, in header order.
    let mut groups: Vec<String> = Vec::new();
    let mut columns: HashMap<(String, String), usize> = HashMap::new();
    for (i, header) in table.header.iter().enumerate() {
        if let Some((question, feature)) = grid_column(header) {
            if !groups.iter().any(|g| g == question) {
                groups.push(question.to_string());
            }
            columns.insert((question.to_string(), feature.to_string()), i);
        }
    }
    let roles = grid_roles(&groups, given)?;
    let features_of = |question: &str| -> BTreeSet<String> {
        columns
            .keys()
            .filter(|(q, _)| q == question)
            .map(|(_, f)| f.clone())
            .collect()
    };
    let functional_features = features_of(roles.functional);
    let dysfunctional_features = features_of(roles.dysfunctional);
    if functional_features != dysfunctional_features {
        let only = |a: &BTreeSet<String>, b: &BTreeSet<String>| {
            a.difference(b).cloned().collect::<Vec<_>>().join(", ")
        };
        let mut parts = Vec::new();
        let missing_d = only(&functional_features, &dysfunctional_features);
        if !missing_d.is_empty() {
            parts.push(format!(
                "missing from the dysfunctional question: {missing_d}"
            ));
        }
        let missing_f = only(&dysfunctional_features, &functional_features);
        if !missing_f.is_empty() {
            parts.push(format!("missing from the functional question: {missing_f}"));
        }
        return Err(ImportError::File(format!(
            "the two questions do not cover the same features ({})",
            parts.join("; ")
        )));
    }
    let lower: Vec<String> = table
        .header
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    let email = lower
        .iter()
        .position(|h| h == "email address" || h == "email");
    let timestamp = lower.iter().position(|h| h == "timestamp");
    let header_of = |i: usize| table.header[i].as_str();

    let mut problems = Problems::default();
    let mut answers = Vec::new();
    let mut seen_respondents: HashMap<String, u64> = HashMap::new();
    // Features in header order, for stable output.
    let ordered: Vec<String> = table
        .header
        .iter()
        .filter_map(|h| grid_column(h))
        .filter(|(q, _)| *q == roles.functional)
        .map(|(_, f)| f.to_string())
        .collect();
    for (line, fields) in &table.rows {
        let cell = |i: usize| fields.get(i).map(String::as_str).unwrap_or("");
        let mut respondent = email
            .map(cell)
            .filter(|e| !e.is_empty())
            .or_else(|| timestamp.map(cell).filter(|t| !t.is_empty()))
            .map(str::to_string)
            .unwrap_or_else(|| format!("row {line}"));
        if seen_respondents.insert(respondent.clone(), *line).is_some() {
            respondent = format!("{respondent} (row {line})");
        }
        for feature in &ordered {
            let col = |question: &str| columns[&(question.to_string(), feature.clone())];
            let (fc, dc) = (col(roles.functional), col(roles.dysfunctional));
            let f = parse_answer(&mut problems, *line, header_of(fc), cell(fc));
            let d = parse_answer(&mut problems, *line, header_of(dc), cell(dc));
            let importance = roles
                .importance
                .and_then(|q| columns.get(&(q.to_string(), feature.clone())))
                .and_then(|&ic| match parse_importance(cell(ic)) {
                    Ok(v) => v,
                    Err(message) => {
                        problems.add(*line, header_of(ic), cell(ic), message);
                        None
                    }
                });
            if let (Some(functional), Some(dysfunctional)) = (f, d) {
                answers.push(SurveyAnswer {
                    feature: feature.clone(),
                    respondent: respondent.clone(),
                    response: Response {
                        functional,
                        dysfunctional,
                        importance,
                    },
                });
            }
        }
    }
    problems.finish(answers)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_columns_split_question_and_feature() {
        assert_eq!(
            grid_column("How do you feel if it has dark mode? [Dark mode]"),
            Some(("How do you feel if it has dark mode?", "Dark mode"))
        );
        assert_eq!(grid_column("Timestamp"), None);
        assert_eq!(grid_column("Odd []"), None);
    }

    #[test]
    fn negative_phrasing_is_recognised() {
        assert!(is_negative(
            "If the app does not have this feature, how do you feel?"
        ));
        assert!(is_negative("How would you feel without it?"));
        assert!(is_negative("If it didn't have it?"));
        assert!(!is_negative(
            "If the app has this feature, how do you feel?"
        ));
        assert!(is_importance("How important is this feature to you?"));
    }
}
