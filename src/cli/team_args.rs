//! The clap definitions of the team-role and decision commands (`team role
//! set`, `team show`, `decisions list`) and of the decision flags of
//! `feedback status` (the rest are in `args.rs`). Values stay text here; the
//! commands parse them, so a bad one is exit 1 naming the field and value.

use super::retro_args::TableOrJson;
use clap::{Args, Subcommand, ValueEnum};

#[derive(Debug, Subcommand)]
pub enum TeamCommand {
    /// Who decides, advises and escalates for a team's backlog
    #[command(subcommand)]
    Role(RoleCommand),
    /// List a team's roles
    Show(TeamShowArgs),
}

#[derive(Debug, Subcommand)]
pub enum RoleCommand {
    /// Give a person a role in a team (creates the team the first time); a
    /// new decider or escalation contact replaces the one before
    Set(RoleSetArgs),
}

#[derive(Debug, Args)]
pub struct RoleSetArgs {
    #[arg(long)]
    pub team: String,
    #[arg(long)]
    pub person: String,
    /// decider (one per team), advisor (any number) or escalation (one per team)
    #[arg(long)]
    pub role: String,
}

#[derive(Debug, Args)]
pub struct TeamShowArgs {
    pub team: String,
    #[arg(long, value_enum, default_value = "table")]
    pub format: TableOrJson,
}

#[derive(Debug, Subcommand)]
pub enum DecisionsCommand {
    /// The decision log, newest first: who moved which item to planned or
    /// wont_do, with what role, and why
    List(DecisionsListArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DecisionsFormat {
    Table,
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct DecisionsListArgs {
    /// Only this team's decisions [default: every team's]
    #[arg(long)]
    pub team: Option<String>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: DecisionsFormat,
}

/// The decision behind a move to planned or wont_do (`feedback status`).
#[derive(Debug, Args)]
pub struct DecisionArgs {
    /// Who decided (required for planned and wont_do)
    #[arg(long, value_name = "PERSON")]
    pub by: Option<String>,
    /// Why, in one line (required for planned and wont_do)
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub why: Option<String>,
    /// The team whose backlog it is [default: the only team]
    #[arg(long, value_name = "T")]
    pub team: Option<String>,
}
