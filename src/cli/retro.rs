//! `retriage retro new | list | show | card add | card promote | vote |
//! phase | export`: every write goes through `service::retro`, which holds
//! the rules (the vote budget and cap, no cards or votes after Close, the
//! roster); the table views are in `retro_show`, the exports in
//! `interop::retro`.

use super::output::{emit, emit_json, fit, write_file_atomically};
use super::retro_show::write_board;
use super::{
    CardAddArgs, CardCommand, CliError, PhaseArgs, RetroCommand, RetroExportArgs,
    RetroExportFormat, RetroListArgs, RetroNewArgs, RetroShowArgs, TableOrJson, VoteArgs,
    templates, user_error,
};
use crate::domain::retro::voting::used_by;
use crate::domain::retro::{Phase, RetroSettings, RetroSummary};
use crate::interop::retro::actions::iso_date;
use crate::interop::retro::{RetroFormat, write_retro};
use crate::service::retro::{self as service, NewRetro};
use crate::store::Store;
use chrono::{Local, NaiveDate, Utc};
use serde::Serialize;
use std::io::{self, Write};

pub(super) fn run(store: &mut Store, command: RetroCommand) -> Result<(), CliError> {
    match command {
        RetroCommand::New(args) => new(store, args),
        RetroCommand::List(args) => list(store, args),
        RetroCommand::Show(args) => show(store, args),
        RetroCommand::Card(CardCommand::Add(args)) => add_card(store, args),
        RetroCommand::Card(CardCommand::Promote { retro_id, card_id }) => {
            let item = service::promote_card(store, retro_id, card_id, Utc::now())?;
            emit(|out| writeln!(out, "{item}"))
        }
        RetroCommand::Vote(args) => vote(store, args),
        RetroCommand::Phase(args) => phase(store, args),
        RetroCommand::Export(args) => export(store, args),
    }
}

/// A date written `YYYY-MM-DD`.
pub(super) fn parse_date(field: &str, text: &str) -> Result<NaiveDate, CliError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        CliError(format!(
            "invalid {field} '{text}': use YYYY-MM-DD, e.g. 2026-12-18"
        ))
    })
}

fn parse_count(field: &str, text: &str) -> Result<u32, CliError> {
    text.trim().parse().map_err(|_| {
        CliError(format!(
            "invalid {field} '{text}': must be a whole number from 0 to {}",
            service::MAX_VOTE_LIMIT
        ))
    })
}

fn new(store: &mut Store, args: RetroNewArgs) -> Result<(), CliError> {
    let template = templates::named(&args.template)?;
    let date = match &args.date {
        Some(text) => parse_date("date", text)?,
        None => Local::now().date_naive(),
    };
    let settings = RetroSettings {
        votes_per_person: parse_count("votes", &args.votes)?,
        max_votes_per_card: parse_count("max-per-card", &args.max_per_card)?,
        anonymous: args.anonymous,
        hide_until_reveal: !args.no_hide,
        ..RetroSettings::default()
    };
    let retro = NewRetro {
        team: args.team,
        title: args.title,
        date: Some(date),
        facilitator: args.facilitator,
        participants: args.participants,
        settings,
    };
    let id = service::create_retro(store, &template, retro, Utc::now())?;
    emit(|out| writeln!(out, "{id}"))
}

/// One retro in `retro list --format json`.
#[derive(Serialize)]
struct SummaryJson<'a> {
    id: i64,
    team: &'a str,
    title: &'a str,
    template: &'a str,
    date: String,
    phase: &'static str,
    cards: usize,
    participants: usize,
}

fn list(store: &Store, args: RetroListArgs) -> Result<(), CliError> {
    let retros = service::list_retros(store, args.team.as_deref())?;
    match args.format {
        TableOrJson::Table => emit(|out| write_summaries(&retros, out)),
        TableOrJson::Json => {
            let json: Vec<SummaryJson> = retros
                .iter()
                .map(|r| SummaryJson {
                    id: r.id,
                    team: &r.team,
                    title: &r.title,
                    template: &r.template,
                    date: iso_date(r.date),
                    phase: r.phase.name(),
                    cards: r.cards,
                    participants: r.participants,
                })
                .collect();
            emit_json(&json)
        }
    }
}

fn write_summaries(retros: &[RetroSummary], out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "{:>6}  {:<10}  {:<16}  {:<30}  {:<20}  {:<8}  {:>5}  {:>6}",
        "ID", "DATE", "TEAM", "TITLE", "TEMPLATE", "PHASE", "CARDS", "PEOPLE"
    )?;
    for r in retros {
        writeln!(
            out,
            "{:>6}  {}  {}  {}  {}  {:<8}  {:>5}  {:>6}",
            r.id,
            iso_date(r.date),
            fit(&r.team, 16),
            fit(&r.title, 30),
            fit(&r.template, 20),
            r.phase.name(),
            r.cards,
            r.participants
        )?;
    }
    Ok(())
}

fn show(store: &Store, args: RetroShowArgs) -> Result<(), CliError> {
    let board = service::load_retro(store, args.retro_id)?;
    match args.format {
        TableOrJson::Table => {
            let today = Local::now().date_naive();
            emit(|out| write_board(&board, today, out))
        }
        TableOrJson::Json => emit(|out| write_retro(RetroFormat::Json, &board, out)),
    }
}

fn add_card(store: &mut Store, args: CardAddArgs) -> Result<(), CliError> {
    let roster = service::load_retro(store, args.retro_id)?.participants;
    let card = service::add_card(
        store,
        args.retro_id,
        &args.column,
        &args.text,
        args.author.as_deref(),
        Utc::now(),
    )?;
    // An author not on the roster joins it; say so, since a mistyped name
    // would otherwise quietly become a voter.
    if let Some(author) = &card.author
        && !roster.iter().any(|p| p.eq_ignore_ascii_case(author))
        && !service::load_retro(store, args.retro_id)?
            .facilitator
            .is_some_and(|f| f.eq_ignore_ascii_case(author))
    {
        eprintln!(
            "retriage: note: {author} was not a participant of retro {} and now is one",
            args.retro_id
        );
    }
    emit(|out| writeln!(out, "{}", card.id))
}

/// Casts or takes back a vote, then says how many of their votes the
/// participant has used.
fn vote(store: &mut Store, args: VoteArgs) -> Result<(), CliError> {
    let vote = if args.remove {
        service::unvote(store, args.retro_id, args.card_id, &args.participant)?
    } else {
        service::vote(store, args.retro_id, args.card_id, &args.participant)?
    };
    let board = service::load_retro(store, args.retro_id)?;
    let used = used_by(&board.votes, &vote.participant);
    let limit = board.settings.votes_per_person;
    let who = &vote.participant;
    emit(|out| writeln!(out, "{who} has used {used} of {limit} votes"))
}

fn phase(store: &mut Store, args: PhaseArgs) -> Result<(), CliError> {
    let phase: Phase = args.phase.parse().map_err(user_error)?;
    let before = service::set_phase(store, args.retro_id, phase)?;
    let id = args.retro_id;
    emit(|out| writeln!(out, "retro {id}: {before} → {phase}"))
}

fn export(store: &Store, args: RetroExportArgs) -> Result<(), CliError> {
    let board = service::load_retro(store, args.retro_id)?;
    let format = match args.format {
        RetroExportFormat::Md => RetroFormat::Markdown,
        RetroExportFormat::Csv => RetroFormat::Csv,
        RetroExportFormat::Json => RetroFormat::Json,
    };
    match args.output {
        None => emit(|out| write_retro(format, &board, out)),
        Some(path) => write_file_atomically(&path, |out| write_retro(format, &board, out)),
    }
}
