//! The command line: clap definitions and the non-interactive commands.
//!
//! Contract (see the README): exit 0 on success; 1 on a user error (bad
//! input, unknown id) with one line on stderr that names the field and value;
//! 2 on usage errors (clap). Output meant for pipes stops quietly when the
//! reader goes away (`retriage feedback list | head -1`).

use crate::config::{self, Config};
use crate::domain::feedback::{FeedbackDraft, Source, Status, parse_nps};
use crate::domain::kano::{EvaluationTable, KanoSettings, analyse};
use crate::domain::scoring::{
    Impact, Rice, format_number, parse_confidence, parse_effort, parse_reach,
};
use crate::domain::sentiment::Sentiment;
use crate::domain::text::sanitize_line;
use crate::domain::triage::SortKey;
use crate::intake::{ImportReport, IntakeError, import_file};
use crate::interop::import::{ImportOptions, parse_map};
use crate::interop::kano::{GridQuestions, read_survey};
use crate::interop::kano_report::{self, ReportRow};
use crate::interop::preview::{PreviewColumn, preview_feedback};
use crate::interop::{self, FeedbackFormat};
use crate::store::{self, ListQuery, Store};
use chrono::Utc;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

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
    /// Export data to a file or stdout
    #[command(subcommand)]
    Export(ExportCommand),
    /// Import Kano surveys and report the classification
    #[command(subcommand)]
    Kano(KanoCommand),
    /// Find near-duplicate items, merge them or dismiss pairs
    #[command(subcommand)]
    Duplicates(DuplicatesCommand),
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
    /// Set an item's RICE factors
    Score(ScoreArgs),
    /// List feedback items
    List(ListArgs),
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

#[derive(Debug, Args)]
pub struct ScoreArgs {
    pub id: i64,
    #[arg(long, required = true, allow_hyphen_values = true)]
    pub reach: String,
    #[arg(long, required = true, allow_hyphen_values = true)]
    pub impact: String,
    #[arg(long, required = true, allow_hyphen_values = true)]
    pub confidence: String,
    #[arg(long, required = true, allow_hyphen_values = true)]
    pub effort: String,
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
    Created,
    Title,
    Mentions,
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
    /// Check the whole file and say what would be imported, without importing
    #[arg(long)]
    pub dry_run: bool,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableArg {
    Berger,
    Pouliot,
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
    /// The evaluation table that classifies each answer pair
    #[arg(long, value_enum, default_value = "berger")]
    pub table: TableArg,
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

/// A failed command: a user error (exit 1) with a one-line message.
#[derive(Debug)]
pub struct CliError(pub String);

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CliError {}

impl From<store::Error> for CliError {
    fn from(e: store::Error) -> Self {
        CliError(e.to_string())
    }
}

fn user_error(e: impl fmt::Display) -> CliError {
    CliError(e.to_string())
}

/// The database path: `--db`, a non-empty `RETRIAGE_DB`, or the default data folder.
pub fn database_path(explicit: Option<&Path>) -> Result<PathBuf, CliError> {
    if let Some(path) = explicit {
        return Ok(path.to_path_buf());
    }
    if let Some(path) = std::env::var_os("RETRIAGE_DB").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    directories::ProjectDirs::from("", "", "retriage")
        .map(|d| d.data_dir().join("retriage.db"))
        .ok_or_else(|| {
            CliError("cannot find a home folder for the database; pass --db PATH".into())
        })
}

fn parse_rice(
    reach: Option<&str>,
    impact: Option<&str>,
    confidence: Option<&str>,
    effort: Option<&str>,
) -> Result<Rice, CliError> {
    Ok(Rice {
        reach: reach.map(parse_reach).transpose().map_err(user_error)?,
        impact: impact.map(Impact::parse).transpose().map_err(user_error)?,
        confidence: confidence
            .map(parse_confidence)
            .transpose()
            .map_err(user_error)?,
        effort: effort.map(parse_effort).transpose().map_err(user_error)?,
    })
}

/// Writes command output, treating a closed pipe as the reader being done.
fn emit(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<(), CliError> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(CliError(format!("cannot write output: {e}"))),
    }
}

/// Runs a non-interactive command.
pub fn run_command(db: Option<&Path>, command: Commands) -> Result<(), CliError> {
    if let Commands::Completions { shell } = command {
        return emit(|out| {
            clap_complete::generate(shell, &mut Cli::command(), "retriage", out);
            Ok(())
        });
    }
    let path = database_path(db)?;
    let existed = path.exists();
    let dry_run = matches!(&command, Commands::Import(ImportArgs { dry_run: true, .. }))
        || matches!(
            &command,
            Commands::Kano(KanoCommand::Import(KanoImportArgs { dry_run: true, .. }))
        );
    let mut store = Store::open(&path)?;
    let result = match command {
        Commands::Feedback(FeedbackCommand::Add(args)) => add(&mut store, args),
        Commands::Feedback(FeedbackCommand::Score(args)) => score(&mut store, args),
        Commands::Feedback(FeedbackCommand::List(args)) => list(&store, args),
        Commands::Export(ExportCommand::Feedback(args)) => export(&store, args),
        Commands::Import(args) => import(&mut store, args),
        Commands::Kano(KanoCommand::Import(args)) => kano_import(&mut store, args),
        Commands::Kano(KanoCommand::Report(args)) => kano_report(&store, args),
        Commands::Duplicates(command) => duplicates(&mut store, command),
        Commands::Completions { .. } => unreachable!("handled above"),
    };
    if (result.is_err() || dry_run) && !existed {
        forget_new_database(store, &path);
    }
    result
}

/// After a failed command or a dry run that created the database (a bad
/// file to import into a new one, say): removes it again, so it leaves
/// nothing behind. Only an empty one, in case another process has since
/// used it.
fn forget_new_database(store: Store, path: &Path) {
    if store.count_feedback().ok() != Some(0) {
        return;
    }
    drop(store);
    for suffix in ["", "-wal", "-shm"] {
        let mut file = path.as_os_str().to_owned();
        file.push(suffix);
        let _ = std::fs::remove_file(file);
    }
}

fn add(store: &mut Store, args: AddArgs) -> Result<(), CliError> {
    let source: Source = args.source.parse().map_err(user_error)?;
    let nps = args
        .nps
        .as_deref()
        .map(parse_nps)
        .transpose()
        .map_err(user_error)?;
    let r = &args.rice;
    let rice = parse_rice(
        r.reach.as_deref(),
        r.impact.as_deref(),
        r.confidence.as_deref(),
        r.effort.as_deref(),
    )?;
    let draft = FeedbackDraft {
        title: args.title,
        description: args.description,
        source,
        customer: args.customer,
        tags: args.tags,
        status: Status::New,
        nps,
    }
    .validated()
    .map_err(user_error)?;
    let item = store.add_feedback(&draft, rice, Utc::now())?;
    emit(|out| writeln!(out, "{}", item.id))
}

fn score(store: &mut Store, args: ScoreArgs) -> Result<(), CliError> {
    let rice = parse_rice(
        Some(&args.reach),
        Some(&args.impact),
        Some(&args.confidence),
        Some(&args.effort),
    )?;
    store.set_rice(args.id, rice)?;
    let score = rice.score().map_or("none".to_string(), format_number);
    emit(|out| writeln!(out, "{}: RICE {score}", args.id))
}

fn list(store: &Store, args: ListArgs) -> Result<(), CliError> {
    let status = args
        .status
        .as_deref()
        .map(str::parse::<Status>)
        .transpose()
        .map_err(user_error)?;
    let sentiment = args
        .sentiment
        .as_deref()
        .map(str::parse::<Sentiment>)
        .transpose()
        .map_err(user_error)?;
    let sort = args.sort.map(|s| match s {
        ListSort::Rice => SortKey::Score,
        ListSort::Created => SortKey::Created,
        ListSort::Title => SortKey::Title,
        ListSort::Mentions => SortKey::Mentions,
    });
    let items = store.list_feedback(&ListQuery {
        status,
        sentiment,
        sort,
    })?;
    let format = match args.format {
        ListFormat::Table => return emit(|out| write_table(&items, out)),
        ListFormat::Json => FeedbackFormat::Json,
        ListFormat::Csv => FeedbackFormat::Csv,
        ListFormat::Md => FeedbackFormat::Markdown,
    };
    emit(|out| interop::write_feedback(format, &items, out))
}

/// A plain table for people at a terminal (text sanitised, titles cut).
fn write_table(
    items: &[crate::domain::feedback::FeedbackItem],
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(
        out,
        "{:>6}  {:<40}  {:<9}  {:<11}  {:>9}",
        "ID", "TITLE", "SOURCE", "STATUS", "RICE"
    )?;
    for item in items {
        let score = item.rice.score().map_or("–".into(), |s| format!("{s:.1}"));
        writeln!(
            out,
            "{:>6}  {}  {:<9}  {:<11}  {:>9}",
            item.id,
            fit(&item.title, 40),
            item.source.name(),
            item.status.name(),
            score
        )?;
    }
    Ok(())
}

/// Reads a similarity threshold: a percent (50, 50%) or a fraction (0.5).
fn parse_threshold(text: &str) -> Result<f64, CliError> {
    let bad = || {
        CliError(format!(
            "invalid --threshold '{text}': use a percent above 1 up to 100 (e.g. 60 or 60%) or a fraction up to 1 (e.g. 0.6)"
        ))
    };
    let trimmed = text.trim().trim_end_matches('%');
    let value: f64 = trimmed.parse().map_err(|_| bad())?;
    let fraction = if value > 1.0 || text.contains('%') {
        value / 100.0
    } else {
        value
    };
    if !(fraction > 0.0 && fraction <= 1.0) {
        return Err(bad());
    }
    Ok(fraction)
}

fn duplicates(store: &mut Store, command: DuplicatesCommand) -> Result<(), CliError> {
    match command {
        DuplicatesCommand::List(args) => {
            let threshold = parse_threshold(&args.threshold)?;
            let found = store.near_duplicates(threshold, &|| false)?;
            if !found.complete {
                eprintln!(
                    "note: most items share most words; the search stopped early, so some pairs may be missing"
                );
            }
            let pairs = found.pairs;
            match args.format {
                DuplicatesFormat::Json => {
                    let json: Vec<serde_json::Value> = pairs
                        .iter()
                        .map(|p| {
                            serde_json::json!({
                                "similarity": (p.similarity * 1000.0).round() / 1000.0,
                                "first": {"id": p.first.id, "title": p.first.title},
                                "second": {"id": p.second.id, "title": p.second.title},
                            })
                        })
                        .collect();
                    emit(|out| {
                        serde_json::to_writer_pretty(&mut *out, &json)?;
                        writeln!(out)
                    })
                }
                DuplicatesFormat::Table => emit(|out| {
                    writeln!(out, "{:>4}  {:>6}  {:>6}  TITLES", "SIM", "FIRST", "SECOND")?;
                    for p in &pairs {
                        writeln!(
                            out,
                            "{:>3}%  {:>6}  {:>6}  {} | {}",
                            (p.similarity * 100.0).round(),
                            p.first.id,
                            p.second.id,
                            sanitize_line(&p.first.title),
                            sanitize_line(&p.second.title)
                        )?;
                    }
                    Ok(())
                }),
            }
        }
        DuplicatesCommand::Merge { keep, other } => {
            let kept = store.merge_items(keep, other)?;
            emit(|out| {
                writeln!(
                    out,
                    "merged {other} into {keep}: {} mentions, sources {}",
                    kept.mentions,
                    kept.sources()
                        .iter()
                        .map(|s| s.name())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })
        }
        DuplicatesCommand::Dismiss { first, second } => {
            store.dismiss_pair(first, second)?;
            emit(|out| writeln!(out, "dismissed {first} and {second}: not duplicates"))
        }
    }
}

fn export(store: &Store, args: ExportArgs) -> Result<(), CliError> {
    let items = store.list_feedback(&ListQuery::default())?;
    let format = match args.format {
        ExportFormat::Csv => FeedbackFormat::Csv,
        ExportFormat::Json => FeedbackFormat::Json,
        ExportFormat::Md => FeedbackFormat::Markdown,
    };
    match args.output {
        None => emit(|out| interop::write_feedback(format, &items, out)),
        Some(path) => {
            write_file_atomically(&path, |out| interop::write_feedback(format, &items, out))
        }
    }
}

fn import(store: &mut Store, args: ImportArgs) -> Result<(), CliError> {
    let shown = args.file.display().to_string();
    let options = ImportOptions {
        json: args.format.map(|f| f == ImportFormatArg::Json),
        source: args
            .source
            .as_deref()
            .map(str::parse::<Source>)
            .transpose()
            .map_err(user_error)?,
        map: args
            .map
            .iter()
            .map(|m| parse_map(m))
            .collect::<Result<_, _>>()
            .map_err(CliError)?,
        positions: Vec::new(),
    };
    let file = std::fs::File::open(&args.file)
        .map_err(|e| CliError(format!("cannot read {shown}: {e}")))?;
    let report = match import_file(store, file, &options, args.dry_run, &mut |_| true) {
        Ok(report) => report,
        Err(IntakeError::Store(e)) => return Err(e.into()),
        Err(e) => return Err(CliError(format!("{shown}: {e}"))),
    };
    if !args.dry_run {
        return emit(|out| writeln!(out, "{}", report.describe(&shown)));
    }
    // The file was good: its start is read again for the column mapping.
    let columns = std::fs::File::open(&args.file)
        .map_err(|e| e.to_string())
        .and_then(|file| preview_feedback(file, &options).map_err(|e| e.to_string()))
        .map_err(|e| CliError(format!("{shown}: {e}")))?
        .columns;
    emit(|out| write_dry_run(&report, &columns, &shown, out))
}

/// What a dry run would import: the counts, which column fills which field,
/// and the first items as they would be stored (text sanitised and cut).
fn write_dry_run(
    report: &ImportReport,
    columns: &[PreviewColumn],
    shown: &str,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out, "{}", report.describe(shown))?;
    let mapping: Vec<String> = columns
        .iter()
        .map(|c| {
            let name = sanitize_line(&c.name);
            match c.field {
                Some(field) => format!("{name} → {}", field.name()),
                None => format!("{name} (not imported)"),
            }
        })
        .collect();
    writeln!(out, "columns: {}", mapping.join(", "))?;
    if report.first_items.is_empty() {
        return Ok(());
    }
    writeln!(out, "first items as they would be stored:")?;
    writeln!(
        out,
        "  {:<40}  {:<9}  {:<24}  {:<16}  {:>3}  {:<9}  TAGS",
        "TITLE", "SOURCE", "CUSTOMER", "CREATED", "NPS", "SENTIMENT"
    )?;
    for item in &report.first_items {
        writeln!(
            out,
            "  {}  {:<9}  {}  {:<16}  {:>3}  {:<9}  {}",
            fit(&item.title, 40),
            item.source.name(),
            fit(item.customer.as_deref().unwrap_or("–"), 24),
            item.created_at.format("%Y-%m-%d %H:%M"),
            item.nps.map_or("–".to_string(), |n| n.to_string()),
            item.sentiment.name(),
            fit(&item.tags.join(", "), 40).trim_end(),
        )?;
    }
    Ok(())
}

/// Text from a file as one table cell `width` columns wide on screen:
/// cleaned, cut with "…" and padded by display width (a CJK character or
/// an emoji takes two columns, a combining accent none).
fn fit(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let text = sanitize_line(text);
    let mut out = String::new();
    let mut used = 0;
    let total: usize = text.chars().map(|c| c.width().unwrap_or(0)).sum();
    let room = if total > width { width - 1 } else { width };
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        out.push(c);
        used += w;
    }
    if total > width {
        out.push('…');
        used += 1;
    }
    out.extend(std::iter::repeat_n(' ', width - used));
    out
}

fn kano_import(store: &mut Store, args: KanoImportArgs) -> Result<(), CliError> {
    let shown = args.file.display().to_string();
    let bytes =
        std::fs::read(&args.file).map_err(|e| CliError(format!("cannot read {shown}: {e}")))?;
    let questions = GridQuestions {
        functional: args.functional,
        dysfunctional: args.dysfunctional,
        importance: args.importance,
    };
    let answers = read_survey(&bytes, &questions).map_err(|e| CliError(format!("{shown}: {e}")))?;
    let survey = args.survey.unwrap_or_else(|| {
        args.file
            .file_stem()
            .map_or_else(|| shown.clone(), |s| s.to_string_lossy().into_owned())
    });
    let features: std::collections::BTreeSet<String> =
        answers.iter().map(|a| a.feature.to_lowercase()).collect();
    let respondents: std::collections::BTreeSet<&str> =
        answers.iter().map(|a| a.respondent.as_str()).collect();
    if args.dry_run {
        return emit(|out| {
            writeln!(
                out,
                "would import {} answer pairs from {} respondents about {} features into survey '{survey}'",
                answers.len(),
                respondents.len(),
                features.len()
            )
        });
    }
    let summary = store.import_kano(&survey, &answers)?;
    emit(|out| {
        writeln!(
            out,
            "imported {} answer pairs from {} respondents into survey '{survey}': {} features matched, {} new feedback items",
            summary.answers,
            summary.respondents,
            summary.features_matched,
            summary.features_created
        )
    })
}

fn kano_report(store: &Store, args: KanoReportArgs) -> Result<(), CliError> {
    let tie_window: f64 = args
        .tie_window
        .trim()
        .trim_end_matches('%')
        .parse()
        .ok()
        .filter(|w: &f64| (0.0..=100.0).contains(w))
        .ok_or_else(|| {
            CliError(format!(
                "invalid tie-window '{}': must be percentage points from 0 to 100",
                args.tie_window
            ))
        })?;
    let settings = KanoSettings {
        tie_window,
        table: match args.table {
            TableArg::Berger => EvaluationTable::Berger,
            TableArg::Pouliot => EvaluationTable::Pouliot,
        },
    };
    let rows: Vec<ReportRow> = store
        .kano_responses()?
        .into_iter()
        .map(|f| ReportRow {
            analysis: analyse(&f.responses, &settings),
            feedback_id: f.feedback_id,
            feature: f.title,
        })
        .collect();
    emit(|out| match args.format {
        ListFormat::Table => kano_report::write_table(&rows, out),
        ListFormat::Json => kano_report::write_json(&rows, out),
        ListFormat::Csv => kano_report::write_csv(&rows, out),
        ListFormat::Md => kano_report::write_markdown(&rows, out),
    })
}

/// Writes to a temporary file beside `path`, then renames it into place, so a
/// failed export never leaves half a file.
fn write_file_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), CliError> {
    let fail = |e: io::Error| CliError(format!("cannot write {}: {e}", path.display()));
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(fail)?;
    {
        let mut out = io::BufWriter::new(tmp.as_file_mut());
        write(&mut out).and_then(|()| out.flush()).map_err(fail)?;
    }
    // The temporary file is private (0600); give the export the permissions
    // of the file it replaces, or the usual ones for a new file.
    let permissions = match std::fs::metadata(path) {
        Ok(existing) => existing.permissions(),
        Err(_) => default_permissions(),
    };
    tmp.as_file().set_permissions(permissions).map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

#[cfg(unix)]
fn default_permissions() -> std::fs::Permissions {
    use std::os::unix::fs::PermissionsExt;
    std::fs::Permissions::from_mode(0o644)
}

#[cfg(not(unix))]
fn default_permissions() -> std::fs::Permissions {
    tempfile::tempfile()
        .and_then(|f| f.metadata())
        .map(|m| m.permissions())
        .expect("a temporary file has permissions")
}

/// Loads the user's config (or the defaults) for the TUI.
pub fn load_config() -> Result<Config, CliError> {
    let path = config::user_config_path();
    Config::load(path.as_deref(), config::colour_enabled())
        .map_err(|e| CliError(format!("config error: {e}")))
}

/// Fills a fresh store with the demo data shipped in `assets/demo.json`.
pub fn load_demo(store: &mut Store) -> Result<usize, CliError> {
    let items = interop::json::read_items(include_str!("../assets/demo.json"))
        .map_err(|e| CliError(format!("demo data: {e}")))?;
    Ok(store.insert_items(items)?)
}

#[cfg(test)]
mod tests {
    use super::fit;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn cells_fit_their_width_on_screen_whatever_the_script() {
        for text in [
            "Export fails",
            "導出が遅い、毎回数分かかります。とても困っています",
            "Crash 🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉",
            "Cafe\u{301} cre\u{300}me bru\u{302}le\u{301}e",
            "\u{1b}[31mred\u{1b}[0m and\nnewline",
            "",
        ] {
            let cell = fit(text, 20);
            assert_eq!(cell.width(), 20, "{text:?} → {cell:?}");
        }
        assert_eq!(fit("Export fails", 8), "Export …");
        assert_eq!(fit("\u{1b}[31mred", 5), "red  ");
    }
}
