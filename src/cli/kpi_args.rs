//! The clap definitions of the shared-KPI commands. Values stay text here,
//! and `kpi add` takes every SMART element as optional, so a missing or bad
//! one is named by the command (exit 1) rather than by clap (exit 2).

use super::retro_args::TableOrJson;
use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum KpiCommand {
    /// Add a SMART KPI shared by business and IT; prints its id
    Add(KpiAddArgs),
    /// Record a check-in of a KPI
    Record(KpiRecordArgs),
    /// Import check-ins from a CSV file: kpi,date,value[,confidence,note] (all or nothing)
    Import(KpiImportArgs),
    /// List KPIs with their latest check-in, progress and whether they are on track
    List(KpiListArgs),
    /// Retire a KPI; its check-ins are kept
    Retire(KpiRetireArgs),
}

#[derive(Debug, Args)]
pub struct KpiAddArgs {
    /// The team (created the first time it is named); at most 3 active KPIs each
    #[arg(long)]
    pub team: Option<String>,
    /// A short name, unique within the team
    #[arg(long)]
    pub name: Option<String>,
    /// What is measured and why, specifically
    #[arg(long)]
    pub description: Option<String>,
    /// The metric, e.g. "median lead time"
    #[arg(long)]
    pub metric: Option<String>,
    /// The unit, e.g. days or %
    #[arg(long)]
    pub unit: Option<String>,
    /// The value today
    #[arg(long, allow_hyphen_values = true)]
    pub baseline: Option<String>,
    /// The value to reach by the deadline
    #[arg(long, allow_hyphen_values = true)]
    pub target: Option<String>,
    /// up (higher is better) or down (lower is better)
    #[arg(long)]
    pub direction: Option<String>,
    /// YYYY-MM-DD, today or later
    #[arg(long)]
    pub deadline: Option<String>,
    /// The owner on the business side
    #[arg(long)]
    pub business_owner: Option<String>,
    /// The owner on the IT side
    #[arg(long = "it-owner")]
    pub it_owner: Option<String>,
}

#[derive(Debug, Args)]
pub struct KpiRecordArgs {
    /// The KPI's name, or an unambiguous start of it (ignoring case)
    pub name: String,
    #[arg(long)]
    pub team: String,
    /// The measured value
    #[arg(long, allow_hyphen_values = true)]
    pub value: String,
    /// YYYY-MM-DD, not in the future [default: today]
    #[arg(long)]
    pub date: Option<String>,
    /// on-track, at-risk or off-track
    #[arg(long)]
    pub confidence: Option<String>,
    #[arg(long)]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct KpiImportArgs {
    /// A CSV file with the header kpi,date,value and optionally confidence,note
    pub file: PathBuf,
    /// The team whose KPIs the rows name (by their whole name, ignoring case)
    #[arg(long)]
    pub team: String,
}

#[derive(Debug, Args)]
pub struct KpiListArgs {
    /// Only this team's KPIs (ignoring case)
    #[arg(long)]
    pub team: Option<String>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: TableOrJson,
}

#[derive(Debug, Args)]
pub struct KpiRetireArgs {
    /// The KPI's name, or an unambiguous start of it (ignoring case)
    pub name: String,
    #[arg(long)]
    pub team: String,
    /// Why it is retired (kept with its history)
    #[arg(long)]
    pub note: String,
}
