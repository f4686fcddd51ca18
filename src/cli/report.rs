//! `retriage report [--team T] [--since YYYY-MM-DD] [--format md|json]
//! [--score rice|ice|wsjf] [-o FILE]`: the Dashboard screen's content for
//! the weekly business–IT review, as GitHub Markdown or JSON
//! (`interop::report`). Without `--team` the report is of the only team;
//! an unknown team, a bad date or several teams to choose from is exit 1.

use super::output::{emit, write_file_atomically};
use super::{CliError, ScoreModel};
use crate::domain::dashboard::Dashboard;
use crate::domain::scoring::ScoringModel;
use crate::domain::text::sanitize_line;
use crate::interop::report::{write_json, write_markdown};
use crate::store::Store;
use chrono::{Local, NaiveDate};
use clap::{Args, ValueEnum};
use std::path::PathBuf;

/// The report's formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// GitHub Markdown
    Md,
    Json,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The team (may be left out when there is only one)
    #[arg(long)]
    pub team: Option<String>,
    /// The period's first day, YYYY-MM-DD (all time when left out)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<String>,
    #[arg(long, value_enum, default_value = "md")]
    pub format: ReportFormat,
    /// The score that ranks the top feedback items
    #[arg(long, value_enum, default_value = "rice")]
    pub score: ScoreModel,
    /// Write to this file instead of stdout
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// The team a report is of: the one named, else the only one.
fn team_of(store: &Store, named: Option<String>) -> Result<String, CliError> {
    if let Some(name) = named {
        return Ok(name);
    }
    let teams = store.team_names()?;
    match teams.as_slice() {
        [only] => Ok(only.clone()),
        [] => Err(CliError(
            "no team yet: a report is of a team (create one with a retro, a KPI or a role)".into(),
        )),
        several => Err(CliError(format!(
            "there are several teams; name one with --team (one of: {})",
            several
                .iter()
                .map(|t| sanitize_line(t).into_owned())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

pub(super) fn report(store: &Store, args: ReportArgs) -> Result<(), CliError> {
    let since = args
        .since
        .as_deref()
        .map(|text| {
            NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
                CliError(format!(
                    "invalid --since '{}': use YYYY-MM-DD, e.g. 2026-01-31",
                    sanitize_line(text)
                ))
            })
        })
        .transpose()?;
    let team = team_of(store, args.team)?;
    let facts = store.dashboard(&team, since)?;
    let model = match args.score {
        ScoreModel::Rice => ScoringModel::Rice,
        ScoreModel::Ice => ScoringModel::Ice,
        ScoreModel::Wsjf => ScoringModel::Wsjf,
    };
    let dashboard = Dashboard::build(&facts, since, Local::now().date_naive(), model);
    let write = |out: &mut dyn std::io::Write| match args.format {
        ReportFormat::Md => write_markdown(&dashboard, out),
        ReportFormat::Json => write_json(&dashboard, out),
    };
    match &args.output {
        None => emit(|out| write(out)),
        Some(path) => write_file_atomically(path, |out| write(out)),
    }
}
