//! The command line: clap definitions (`args`) and the non-interactive
//! commands, a module per group.
//!
//! Contract (see the README): exit 0 on success; 1 on a user error (bad
//! input, unknown id) with one line on stderr that names the field and value;
//! 2 on usage errors (clap). Output meant for pipes stops quietly when the
//! reader goes away (`retriage feedback list | head -1`). Writes go through
//! `service`, which holds their rules; reads come straight from the store.

mod action_sync;
mod actions;
mod args;
mod decisions;
mod demo;
mod duplicates;
mod feedback;
mod feedback_list;
mod import;
mod imports;
mod kano;
mod kpi;
mod kpi_args;
mod output;
mod report;
mod retro;
mod retro_args;
mod retro_show;
mod team;
mod team_args;
mod templates;

pub use args::{
    AddArgs, Cli, Commands, DuplicatesCommand, DuplicatesFormat, DuplicatesListArgs, EditArgs,
    ExportArgs, ExportCommand, ExportFormat, FeedbackCommand, ImportArgs, ImportFormatArg,
    ImportsCommand, KanoCommand, KanoImportArgs, KanoReportArgs, ListArgs, ListFormat, ListSort,
    NpsCommand, RiceArgs, ScoreArgs, ScoreModel, StatusArgs,
};
pub use demo::load_demo;
pub use kpi_args::{
    KpiAddArgs, KpiCommand, KpiImportArgs, KpiListArgs, KpiRecordArgs, KpiRetireArgs,
};
pub use report::{ReportArgs, ReportFormat};
pub use retro_args::{
    ActionAddArgs, ActionExportArgs, ActionExportFormat, ActionFilterArgs, ActionListArgs,
    ActionListFormat, ActionSetArgs, ActionSyncArgs, ActionsCommand, CardAddArgs, CardCommand,
    PhaseArgs, RetroCommand, RetroExportArgs, RetroExportFormat, RetroListArgs, RetroNewArgs,
    RetroShowArgs, TableOrJson, TemplatesCommand, VoteArgs,
};
pub use team_args::{
    DecisionArgs, DecisionsCommand, DecisionsFormat, DecisionsListArgs, RoleCommand, RoleSetArgs,
    TeamCommand, TeamShowArgs,
};

use crate::config::{self, Config};
use crate::service;
use crate::store::{self, Store};
use clap::CommandFactory;
use output::emit;
use std::fmt;
use std::path::{Path, PathBuf};

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

impl From<service::Error> for CliError {
    fn from(e: service::Error) -> Self {
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

/// Runs a non-interactive command.
pub fn run_command(db: Option<&Path>, command: Commands) -> Result<(), CliError> {
    if let Commands::Completions { shell } = command {
        return emit(|out| {
            clap_complete::generate(shell, &mut Cli::command(), "retriage", out);
            Ok(())
        });
    }
    // Templates live in files, not in the database: listing them opens none.
    if let Commands::Templates(TemplatesCommand::List { format }) = command {
        return templates::list(format);
    }
    let path = database_path(db)?;
    if let Commands::Serve(args) = command {
        return crate::serve::run(&path, args).map_err(CliError);
    }
    let existed = path.exists();
    let dry_run = matches!(&command, Commands::Import(ImportArgs { dry_run: true, .. }))
        || matches!(
            &command,
            Commands::Kano(KanoCommand::Import(KanoImportArgs { dry_run: true, .. }))
        );
    let mut store = Store::open(&path)?;
    let result = match command {
        Commands::Feedback(FeedbackCommand::Add(args)) => feedback::add(&mut store, args),
        Commands::Feedback(FeedbackCommand::Score(args)) => feedback::score(&mut store, args),
        Commands::Feedback(FeedbackCommand::List(args)) => feedback_list::list(&store, args),
        Commands::Feedback(FeedbackCommand::Status(args)) => feedback::status(&mut store, args),
        Commands::Feedback(FeedbackCommand::Edit(args)) => feedback::edit(&mut store, args),
        Commands::Feedback(FeedbackCommand::Delete { id }) => feedback::delete(&mut store, id),
        Commands::Export(ExportCommand::Feedback(args)) => feedback_list::export(&store, args),
        Commands::Import(args) => import::import(&mut store, args),
        Commands::Imports(command) => imports::run_imports(&mut store, command),
        Commands::Nps(command) => imports::run_nps(&store, command),
        Commands::Kano(KanoCommand::Import(args)) => kano::import(&mut store, args),
        Commands::Kano(KanoCommand::Report(args)) => kano::report(&store, args),
        Commands::Duplicates(command) => duplicates::run(&mut store, command),
        Commands::Retro(command) => retro::run(&mut store, command),
        Commands::Actions(command) => actions::run(&mut store, command),
        Commands::Team(command) => team::run(&mut store, command),
        Commands::Decisions(command) => decisions::run(&store, command),
        Commands::Kpi(command) => kpi::run(&mut store, command),
        Commands::Report(args) => report::report(&store, args),
        Commands::Completions { .. } | Commands::Templates(_) | Commands::Serve(_) => {
            unreachable!("handled above")
        }
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

/// Loads the user's config (or the defaults) for the TUI.
pub fn load_config() -> Result<Config, CliError> {
    let path = config::user_config_path();
    Config::load(path.as_deref(), config::colour_enabled())
        .map_err(|e| CliError(format!("config error: {e}")))
}
