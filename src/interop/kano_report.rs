//! The Kano report: one record per surveyed feature, as a terminal table,
//! JSON (snake_case keys, `null` where a figure is undefined, never NaN),
//! CSV (RFC 4180) or a Markdown table. Every format names the evaluation
//! table that classified the answers (the table and Markdown with its
//! citation, JSON and CSV in a `table` field on every record).

use crate::domain::kano::{Counts, EvaluationTable, FeatureAnalysis};
use crate::domain::text::sanitize_line;
use serde::Serialize;
use std::io;

/// One feature's line of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportRow {
    pub feedback_id: i64,
    pub feature: String,
    pub analysis: FeatureAnalysis,
}

#[derive(Serialize)]
struct RowJson<'a> {
    feedback_id: i64,
    feature: &'a str,
    n: u32,
    counts: Counts,
    category: Option<String>,
    category_name: Option<&'static str>,
    better: Option<f64>,
    worse: Option<f64>,
    category_strength: Option<f64>,
    total_strength: Option<f64>,
    fong_significant: Option<bool>,
    functional_mean: Option<f64>,
    functional_sd: Option<f64>,
    dysfunctional_mean: Option<f64>,
    dysfunctional_sd: Option<f64>,
    importance_mean: Option<f64>,
    table: &'a str,
}

impl<'a> RowJson<'a> {
    fn of(row: &'a ReportRow, table: &'a EvaluationTable) -> RowJson<'a> {
        let a = &row.analysis;
        RowJson {
            feedback_id: row.feedback_id,
            feature: &row.feature,
            n: a.n,
            counts: a.counts,
            category: a.category.map(|c| c.letter().to_string()),
            category_name: a.category.map(|c| c.name()),
            better: a.better,
            worse: a.worse,
            category_strength: a.category_strength,
            total_strength: a.total_strength,
            fong_significant: a.fong_significant,
            functional_mean: a.functional_mean,
            functional_sd: a.functional_sd,
            dysfunctional_mean: a.dysfunctional_mean,
            dysfunctional_sd: a.dysfunctional_sd,
            importance_mean: a.importance_mean,
            table: table.name(),
        }
    }
}

/// The CSV columns, in order.
pub const REPORT_HEADER: [&str; 22] = [
    "feedback_id",
    "feature",
    "n",
    "a",
    "o",
    "m",
    "i",
    "r",
    "q",
    "category",
    "category_name",
    "better",
    "worse",
    "category_strength",
    "total_strength",
    "fong_significant",
    "functional_mean",
    "functional_sd",
    "dysfunctional_mean",
    "dysfunctional_sd",
    "importance_mean",
    "table",
];

fn num(v: Option<f64>, decimals: usize) -> String {
    v.map(|x| format!("{x:.decimals$}")).unwrap_or_default()
}

/// The line that names the table, for people.
fn table_line(table: &EvaluationTable) -> String {
    format!(
        "Evaluation table: {} – {}",
        sanitize_line(table.name()),
        sanitize_line(table.citation())
    )
}

pub fn write_json(
    rows: &[ReportRow],
    table: &EvaluationTable,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let json: Vec<RowJson> = rows.iter().map(|row| RowJson::of(row, table)).collect();
    serde_json::to_writer_pretty(&mut *out, &json)?;
    writeln!(out)
}

pub fn write_csv(
    rows: &[ReportRow],
    table: &EvaluationTable,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(REPORT_HEADER)?;
    for row in rows {
        let a = &row.analysis;
        let c = &a.counts;
        w.write_record([
            row.feedback_id.to_string(),
            row.feature.clone(),
            a.n.to_string(),
            c.a.to_string(),
            c.o.to_string(),
            c.m.to_string(),
            c.i.to_string(),
            c.r.to_string(),
            c.q.to_string(),
            a.category
                .map(|c| c.letter().to_string())
                .unwrap_or_default(),
            a.category.map(|c| c.name().to_string()).unwrap_or_default(),
            num(a.better, 4),
            num(a.worse, 4),
            num(a.category_strength, 2),
            num(a.total_strength, 2),
            a.fong_significant
                .map(|b| b.to_string())
                .unwrap_or_default(),
            num(a.functional_mean, 4),
            num(a.functional_sd, 4),
            num(a.dysfunctional_mean, 4),
            num(a.dysfunctional_sd, 4),
            num(a.importance_mean, 4),
            table.name().to_string(),
        ])?;
    }
    w.flush()
}

fn dash(v: Option<f64>, decimals: usize) -> String {
    v.map(|x| format!("{x:.decimals$}"))
        .unwrap_or_else(|| "–".into())
}

fn counts_text(c: &Counts) -> String {
    format!("{}/{}/{}/{}/{}/{}", c.a, c.o, c.m, c.i, c.r, c.q)
}

pub fn write_markdown(
    rows: &[ReportRow],
    table: &EvaluationTable,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    writeln!(out, "# Kano report\n")?;
    writeln!(
        out,
        "Evaluation table: **{}** – {}\n",
        super::markdown::cell(table.name()),
        super::markdown::cell(table.citation())
    )?;
    if rows.is_empty() {
        return writeln!(out, "No survey answers yet.");
    }
    writeln!(
        out,
        "| Feature | n | A/O/M/I/R/Q | Category | Better | Worse | Strength | Fong |"
    )?;
    writeln!(out, "|---|---:|---|---|---:|---:|---:|---|")?;
    for row in rows {
        let a = &row.analysis;
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            super::markdown::cell(&row.feature),
            a.n,
            counts_text(&a.counts),
            a.category.map_or("–", |c| c.name()),
            dash(a.better, 2),
            dash(a.worse, 2),
            dash(a.category_strength, 1),
            match a.fong_significant {
                Some(true) => "significant",
                Some(false) => "not significant",
                None => "–",
            },
        )?;
    }
    Ok(())
}

pub fn write_table(
    rows: &[ReportRow],
    table: &EvaluationTable,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    writeln!(out, "{}\n", table_line(table))?;
    writeln!(
        out,
        "{:<32}  {:>4}  {:<20}  {:<16}  {:>6}  {:>6}  {:>5}",
        "FEATURE", "N", "A/O/M/I/R/Q", "CATEGORY", "BETTER", "WORSE", "FONG"
    )?;
    for row in rows {
        let a = &row.analysis;
        let mut feature: String = sanitize_line(&row.feature).chars().take(32).collect();
        if row.feature.chars().count() > 32 {
            feature.pop();
            feature.push('…');
        }
        writeln!(
            out,
            "{:<32}  {:>4}  {:<20}  {:<16}  {:>6}  {:>6}  {:>5}",
            feature,
            a.n,
            counts_text(&a.counts),
            a.category.map_or("–", |c| c.name()),
            dash(a.better, 2),
            dash(a.worse, 2),
            match a.fong_significant {
                Some(true) => "yes",
                Some(false) => "no",
                None => "–",
            },
        )?;
    }
    Ok(())
}
