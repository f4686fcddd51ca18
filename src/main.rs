//! The `retriage` binary: parse the command line, then run a command or the TUI.

use clap::Parser;
use retriage::cli::{self, Cli, CliError};
use retriage::domain::text::sanitize_line;
use retriage::store::Store;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = Cli::parse();
    if args.demo && args.command.is_some() {
        use clap::CommandFactory;
        Cli::command()
            .error(
                clap::error::ErrorKind::ArgumentConflict,
                "--demo opens the UI; it cannot be combined with a command",
            )
            .exit();
    }
    if let Err(e) = color_eyre::install() {
        eprintln!("retriage: {e}");
    }
    let outcome = match args.command {
        Some(command) => cli::run_command(args.db.as_deref(), command),
        None => open_tui(args.db.as_deref(), args.demo),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(CliError(message)) => {
            // Messages quote files (values, column names): each line is
            // cleaned of escape sequences before it reaches the terminal.
            let lines: Vec<_> = message.lines().map(sanitize_line).collect();
            eprintln!("retriage: {}", lines.join("\n"));
            ExitCode::from(1)
        }
    }
}

fn open_tui(db: Option<&std::path::Path>, demo: bool) -> Result<(), CliError> {
    let config = cli::load_config()?;
    // The demo database lives in a temporary folder removed on exit; its
    // path is printed then, so commands can be pointed at it while it runs.
    let demo_dir = if demo {
        Some(
            tempfile::tempdir()
                .map_err(|e| CliError(format!("cannot create a demo database: {e}")))?,
        )
    } else {
        None
    };
    let path = match &demo_dir {
        Some(dir) => dir.path().join("demo.db"),
        None => cli::database_path(db)?,
    };
    let mut store = Store::open(&path)?;
    let label = if demo {
        let count = cli::load_demo(&mut store)?;
        format!("demo ({count} example items)")
    } else {
        path.display().to_string()
    };
    let outcome =
        retriage::runtime::run(store, config, label).map_err(|e| CliError(format!("{e:#}")));
    if demo {
        eprintln!("demo database: {}", path.display());
    }
    outcome
}
