//! The clap definitions of the command line: every command, its arguments
//! and their help text. Values stay text here; the commands parse them, so
//! a bad value gets a message that names the field and value (exit 1)
//! rather than a usage error.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

use super::kpi_args::KpiCommand;
use super::retro_args::{ActionsCommand, RetroCommand, TableOrJson, TemplatesCommand};
use super::team_args::{DecisionArgs, DecisionsCommand, TeamCommand};

#[derive(Debug, Parser)]
#[command(
    name = "retriage",
    version,
    about = "Retrospectives and feedback triage in the terminal",
    after_help = "Without a command, opens the terminal UI."
)]
pub struct Cli {
    /// The database file [default: $RETRIAGE_DB, else $XDG_DATA_HOME/retriage/retriage.db]
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Open the UI on a fresh temporary database filled with example data (ignores --db)
    #[arg(long)]
    pub demo: bool,

    #[command(subcommand)]
    pub command: Option<Commands>,
}

// Parsed once per run; the size of a variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Commands {
    /// Add, score and list feedback items
    #[command(subcommand)]
    Feedback(FeedbackCommand),
    /// Import feedback from a CSV or JSON export (all or nothing)
    Import(ImportArgs),
    /// The imports done so far: list them, or undo one
    #[command(subcommand)]
    Imports(ImportsCommand),
    /// NPS answers, with or without a comment
    #[command(subcommand)]
    Nps(NpsCommand),
    /// Export data to a file or stdout
    #[command(subcommand)]
    Export(ExportCommand),
    /// Import Kano surveys and report the classification
    #[command(subcommand)]
    Kano(KanoCommand),
    /// Find near-duplicate items, merge them or dismiss pairs
    #[command(subcommand)]
    Duplicates(DuplicatesCommand),
    /// Run retrospectives: create, add cards, vote, move phases, export
    #[command(subcommand)]
    Retro(RetroCommand),
    /// Action items from retros: add, list, change, export
    #[command(subcommand)]
    Actions(ActionsCommand),
    /// Shared KPIs: add, record check-ins, import, list, retire
    #[command(subcommand)]
    Kpi(KpiCommand),
    /// Retro templates (shipped and your own)
    #[command(subcommand)]
    Templates(TemplatesCommand),
    /// Team roles: who decides, advises and escalates
    #[command(subcommand)]
    Team(TeamCommand),
    /// The log of decisions to plan an item or not to do it
    #[command(subcommand)]
    Decisions(DecisionsCommand),
    /// The alignment report for the weekly business–IT review (Markdown or JSON)
    Report(super::ReportArgs),
    /// Serve the retro board over SSH to the keys in an allow-list
    Serve(crate::serve::ServeArgs),
    /// Print a shell completion script
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Subcommand)]
pub enum FeedbackCommand {
    /// Add a feedback item; prints its id
    Add(AddArgs),
    /// Set an item's RICE, ICE or WSJF factors (its other scores stay)
    Score(ScoreArgs),
    /// List feedback items
    List(ListArgs),
    /// Move an item to a status (planned and wont_do record who decided and why)
    Status(StatusArgs),
    /// Change an item's title, description, tags or customer (only those given)
    Edit(EditArgs),
    /// Delete an item with its merged reports and survey answers; prints what it deleted
    Delete { id: i64 },
}

#[derive(Debug, Args)]
pub struct AddArgs {
    #[arg(long)]
    pub title: String,
    #[arg(long, default_value = "")]
    pub description: String,
    /// survey, nps, support, analytics, retro, interview or other
    #[arg(long, default_value = "other")]
    pub source: String,
    /// Repeat for several tags
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    #[arg(long)]
    pub customer: Option<String>,
    /// NPS answer, 0–10
    #[arg(long, allow_hyphen_values = true)]
    pub nps: Option<String>,
    #[command(flatten)]
    pub rice: RiceArgs,
}

/// RICE factors, each optional here; an item lacking one has no score.
#[derive(Debug, Args)]
pub struct RiceArgs {
    /// People or events per quarter (≥ 0)
    #[arg(long, allow_hyphen_values = true)]
    pub reach: Option<String>,
    /// 3 massive, 2 high, 1 medium, 0.5 low, 0.25 minimal (number or name)
    #[arg(long, allow_hyphen_values = true)]
    pub impact: Option<String>,
    /// Percent 0–100, e.g. 80 or 80%
    #[arg(long, allow_hyphen_values = true)]
    pub confidence: Option<String>,
    /// Person-months (> 0)
    #[arg(long, allow_hyphen_values = true)]
    pub effort: Option<String>,
}

/// The prioritisation models `feedback score` sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScoreModel {
    Rice,
    Ice,
    Wsjf,
}

/// Each model takes its own factors; the command refuses a factor of
/// another model.
#[derive(Debug, Args)]
pub struct ScoreArgs {
    pub id: i64,
    #[arg(long, value_enum, default_value = "rice")]
    pub model: ScoreModel,
    /// RICE: people or events per quarter (≥ 0)
    #[arg(
        long,
        allow_hyphen_values = true,
        required_unless_present = "model",
        required_if_eq("model", "rice")
    )]
    pub reach: Option<String>,
    /// RICE: 3, 2, 1, 0.5, 0.25 or massive … minimal; ICE: 1–10
    #[arg(
        long,
        allow_hyphen_values = true,
        required_unless_present = "model",
        required_if_eq_any([("model", "rice"), ("model", "ice")])
    )]
    pub impact: Option<String>,
    /// RICE: percent 0–100 (80 or 80%); ICE: 1–10
    #[arg(
        long,
        allow_hyphen_values = true,
        required_unless_present = "model",
        required_if_eq_any([("model", "rice"), ("model", "ice")])
    )]
    pub confidence: Option<String>,
    /// RICE: person-months (> 0)
    #[arg(
        long,
        allow_hyphen_values = true,
        required_unless_present = "model",
        required_if_eq("model", "rice")
    )]
    pub effort: Option<String>,
    /// ICE: 1–10
    #[arg(long, allow_hyphen_values = true, required_if_eq("model", "ice"))]
    pub ease: Option<String>,
    /// WSJF: ≥ 0
    #[arg(long, allow_hyphen_values = true, required_if_eq("model", "wsjf"))]
    pub business_value: Option<String>,
    /// WSJF: ≥ 0
    #[arg(long, allow_hyphen_values = true, required_if_eq("model", "wsjf"))]
    pub time_criticality: Option<String>,
    /// WSJF: ≥ 0
    #[arg(long, allow_hyphen_values = true, required_if_eq("model", "wsjf"))]
    pub risk_reduction: Option<String>,
    /// WSJF: > 0
    #[arg(long, allow_hyphen_values = true, required_if_eq("model", "wsjf"))]
    pub job_size: Option<String>,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    pub id: i64,
    /// new, triaged, planned, in_progress, done or wont_do
    pub status: String,
    #[command(flatten)]
    pub decision: DecisionArgs,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("change").required(true).multiple(true)))]
pub struct EditArgs {
    pub id: i64,
    #[arg(long, group = "change")]
    pub title: Option<String>,
    #[arg(long, group = "change")]
    pub description: Option<String>,
    /// Replaces the tags; repeat for several, `--tag ''` for none
    #[arg(long = "tag", value_name = "TAG", group = "change")]
    pub tags: Option<Vec<String>>,
    /// The new customer ('' for none)
    #[arg(long, group = "change")]
    pub customer: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
    Csv,
    Md,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListSort {
    Rice,
    Ice,
    Wsjf,
    Created,
    Title,
    Mentions,
    Kano,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[arg(long, value_enum, default_value = "table")]
    pub format: ListFormat,
    #[arg(long, value_enum)]
    pub sort: Option<ListSort>,
    /// new, triaged, planned, in_progress, done or wont_do
    #[arg(long)]
    pub status: Option<String>,
    /// negative, neutral or positive
    #[arg(long)]
    pub sentiment: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormatArg {
    Csv,
    Json,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    pub file: PathBuf,
    /// The file's format [default: from its content]
    #[arg(long, value_enum)]
    pub format: Option<ImportFormatArg>,
    /// Source of items the file gives none for (survey, nps, support, analytics,
    /// retro, interview, other)
    #[arg(long)]
    pub source: Option<String>,
    /// Read column COLUMN as FIELD (title, description, source, customer,
    /// created_at, tags, nps), or skip it with COLUMN=ignore; repeat for several
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    pub map: Vec<String>,
    /// The column that holds each row's own id (ticket id, issue key…), so a
    /// re-import knows the rows it has seen [default: recognised by name]
    #[arg(long, value_name = "NAME")]
    pub id_column: Option<String>,
    /// Check the whole file and say what would be imported, without importing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Subcommand)]
pub enum ImportsCommand {
    /// List every import: file, time, rows and what became of them
    List {
        #[arg(long, value_enum, default_value = "table")]
        format: TableOrJson,
    },
    /// Put the database back as it was before import ID (refused, naming the
    /// items, when later changes touched what it imported)
    Undo { id: i64 },
}

#[derive(Debug, Subcommand)]
pub enum NpsCommand {
    /// List every NPS answer: score, date, customer and source file
    List {
        #[arg(long, value_enum, default_value = "table")]
        format: TableOrJson,
    },
}

#[derive(Debug, Subcommand)]
pub enum DuplicatesCommand {
    /// List pairs of items whose words are at least THRESHOLD similar
    List(DuplicatesListArgs),
    /// Merge item OTHER into item KEEP, keeping all its evidence; OTHER is deleted
    Merge { keep: i64, other: i64 },
    /// Mark two items as not duplicates, so they are never listed again
    Dismiss { first: i64, second: i64 },
}

#[derive(Debug, Args)]
pub struct DuplicatesListArgs {
    /// Jaccard similarity of the items' words, as a percent (50) or a fraction (0.5)
    #[arg(long, default_value = "50")]
    pub threshold: String,
    #[arg(long, value_enum, default_value = "table")]
    pub format: DuplicatesFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DuplicatesFormat {
    Table,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum KanoCommand {
    /// Import answers: long format (respondent,feature,functional,dysfunctional[,importance])
    /// or a Google Forms grid export
    Import(KanoImportArgs),
    /// Classify every surveyed feature
    Report(KanoReportArgs),
}

#[derive(Debug, Args)]
pub struct KanoImportArgs {
    pub file: PathBuf,
    /// Name of the survey; importing the same survey again replaces its answers
    /// [default: the file name without extension]
    #[arg(long)]
    pub survey: Option<String>,
    /// Grid exports: (part of) the functional question's text
    #[arg(long, value_name = "TEXT")]
    pub functional: Option<String>,
    /// Grid exports: (part of) the dysfunctional question's text
    #[arg(long, value_name = "TEXT")]
    pub dysfunctional: Option<String>,
    /// Grid exports: (part of) the importance question's text
    #[arg(long, value_name = "TEXT")]
    pub importance: Option<String>,
    /// Check the file and say what would be imported, without importing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct KanoReportArgs {
    #[arg(long, value_enum, default_value = "table")]
    pub format: ListFormat,
    /// Categories within this many percentage points of the top one count as tied
    #[arg(
        long,
        value_name = "PCT",
        default_value = "0",
        allow_hyphen_values = true
    )]
    pub tie_window: String,
    /// The evaluation table that classifies each answer pair, by name: Berger
    /// or one defined as [[kano.tables]] in the config file
    #[arg(long, value_name = "NAME", default_value = "Berger")]
    pub table: String,
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Every feedback item
    Feedback(ExportArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
    Md,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Write to this file instead of stdout
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}
