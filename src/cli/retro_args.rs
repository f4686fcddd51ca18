//! The clap definitions of the retro, action and template commands (the
//! rest are in `args.rs`). Values stay text here; the commands parse them.

use clap::{Args, Subcommand, ValueEnum};
use std::path::PathBuf;

/// `table` for people, `json` for scripts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableOrJson {
    Table,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum TemplatesCommand {
    /// List the templates a retro can start from
    List {
        #[arg(long, value_enum, default_value = "table")]
        format: TableOrJson,
    },
}

#[derive(Debug, Subcommand)]
pub enum RetroCommand {
    /// Create a retro; prints its id
    New(RetroNewArgs),
    /// List retros, newest first
    List(RetroListArgs),
    /// Show a whole retro: settings, phase, cards, groups, actions
    Show(RetroShowArgs),
    /// Add or promote cards
    #[command(subcommand)]
    Card(CardCommand),
    /// Cast a vote on a card (or take one back with --remove)
    Vote(VoteArgs),
    /// Move the retro to a phase (forward, back or skipping)
    Phase(PhaseArgs),
    /// Export a whole retro, every card revealed or not
    Export(RetroExportArgs),
}

#[derive(Debug, Args)]
pub struct RetroNewArgs {
    /// The team (created the first time it is named)
    #[arg(long)]
    pub team: String,
    /// A template name, ignoring case, spaces, -, _ and / (see `templates list`)
    #[arg(long)]
    pub template: String,
    #[arg(long)]
    pub title: String,
    /// YYYY-MM-DD [default: today]
    #[arg(long)]
    pub date: Option<String>,
    /// Without one, the person at the keyboard facilitates and does not vote
    #[arg(long)]
    pub facilitator: Option<String>,
    /// Repeat for each participant; every participant votes
    #[arg(long = "participant", value_name = "NAME")]
    pub participants: Vec<String>,
    /// Votes per person
    #[arg(
        long,
        value_name = "N",
        default_value = "5",
        allow_hyphen_values = true
    )]
    pub votes: String,
    /// The most votes one person may put on one card
    #[arg(
        long,
        value_name = "N",
        default_value = "3",
        allow_hyphen_values = true
    )]
    pub max_per_card: String,
    /// No output shows who wrote a card
    #[arg(long)]
    pub anonymous: bool,
    /// Show every card on the board at once instead of hiding them until the reveal
    #[arg(long)]
    pub no_hide: bool,
}

#[derive(Debug, Args)]
pub struct RetroListArgs {
    /// Only this team's retros (ignoring case)
    #[arg(long)]
    pub team: Option<String>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: TableOrJson,
}

#[derive(Debug, Args)]
pub struct RetroShowArgs {
    pub retro_id: i64,
    #[arg(long, value_enum, default_value = "table")]
    pub format: TableOrJson,
}

#[derive(Debug, Subcommand)]
pub enum CardCommand {
    /// Add a card to a column (in any phase before Close); prints its id
    Add(CardAddArgs),
    /// Turn a card into a feedback item; prints the item's id
    Promote { retro_id: i64, card_id: i64 },
}

#[derive(Debug, Args)]
pub struct CardAddArgs {
    pub retro_id: i64,
    /// The column's title, ignoring case
    #[arg(long)]
    pub column: String,
    #[arg(long)]
    pub text: String,
    /// Who wrote it (never shown in an anonymous retro)
    #[arg(long)]
    pub author: Option<String>,
}

#[derive(Debug, Args)]
pub struct VoteArgs {
    pub retro_id: i64,
    pub card_id: i64,
    /// Who votes (a participant, ignoring case)
    #[arg(long)]
    pub participant: String,
    /// Take back this participant's most recent vote on the card
    #[arg(long)]
    pub remove: bool,
}

#[derive(Debug, Args)]
pub struct PhaseArgs {
    pub retro_id: i64,
    /// review, collect, group, vote, discuss, actions or close
    pub phase: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RetroExportFormat {
    Md,
    Csv,
    Json,
}

#[derive(Debug, Args)]
pub struct RetroExportArgs {
    pub retro_id: i64,
    #[arg(long, value_enum)]
    pub format: RetroExportFormat,
    /// Write to this file instead of stdout
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum ActionsCommand {
    /// Add an action item to a retro; prints its id
    Add(ActionAddArgs),
    /// List action items across retros
    List(ActionListArgs),
    /// Change an action item's status, owner or due date
    Set(ActionSetArgs),
    /// Export action items
    Export(ActionExportArgs),
    /// Read a tracker's export back (Jira CSV, gh issue list JSON) and update
    /// the actions' statuses and done dates
    Sync(ActionSyncArgs),
}

#[derive(Debug, Args)]
pub struct ActionAddArgs {
    #[arg(long = "retro", value_name = "RETRO_ID")]
    pub retro_id: i64,
    #[arg(long)]
    pub title: String,
    #[arg(long)]
    pub owner: Option<String>,
    /// YYYY-MM-DD
    #[arg(long)]
    pub due: Option<String>,
    /// The card of that retro it comes from
    #[arg(long = "card", value_name = "CARD_ID")]
    pub card_id: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ActionListFormat {
    Table,
    Json,
    Csv,
}

/// Which action items: by team, owner and status.
#[derive(Debug, Args)]
pub struct ActionFilterArgs {
    /// A team's name, ignoring case
    #[arg(long)]
    pub team: Option<String>,
    /// An owner's name, ignoring case
    #[arg(long)]
    pub owner: Option<String>,
    /// open, done or dropped
    #[arg(long)]
    pub status: Option<String>,
}

#[derive(Debug, Args)]
pub struct ActionListArgs {
    #[command(flatten)]
    pub filter: ActionFilterArgs,
    #[arg(long, value_enum, default_value = "table")]
    pub format: ActionListFormat,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("change").required(true).multiple(true)))]
pub struct ActionSetArgs {
    pub action_id: i64,
    /// open, done or dropped
    #[arg(long, group = "change")]
    pub status: Option<String>,
    /// The new owner ('' for none)
    #[arg(long, group = "change")]
    pub owner: Option<String>,
    /// YYYY-MM-DD ('' for none)
    #[arg(long, group = "change")]
    pub due: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ActionExportFormat {
    Md,
    Csv,
    Json,
    Jira,
    Github,
}

#[derive(Debug, Args)]
pub struct ActionExportArgs {
    /// A team's name, ignoring case
    #[arg(long)]
    pub team: Option<String>,
    /// open, done or dropped
    #[arg(long)]
    pub status: Option<String>,
    #[arg(long, value_enum)]
    pub format: ActionExportFormat,
    /// Write to this file instead of stdout
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ActionSyncArgs {
    /// Jira's CSV export, or `gh issue list --state all --json title,state,closedAt,number`
    pub file: PathBuf,
    /// Show what would change, without changing anything
    #[arg(long)]
    pub dry_run: bool,
}
