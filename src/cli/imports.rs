//! `retriage imports list|undo` and `retriage nps list`: the import
//! batches, undoing one through `service::import`, and every NPS answer
//! (those without a comment are responses, not items).

use super::output::{emit, emit_json, fit};
use super::{CliError, ImportsCommand, NpsCommand, TableOrJson};
use crate::service::import::undo_import;
use crate::store::{ImportBatch, NpsResponse, Store};
use chrono::SecondsFormat;
use serde::Serialize;
use std::io::{self, Write};

pub(super) fn run_imports(store: &mut Store, command: ImportsCommand) -> Result<(), CliError> {
    match command {
        ImportsCommand::List { format } => {
            let batches = store.import_batches()?;
            match format {
                TableOrJson::Table => emit(|out| write_batches(&batches, out)),
                TableOrJson::Json => {
                    emit_json(&batches.iter().map(BatchJson::of).collect::<Vec<_>>())
                }
            }
        }
        ImportsCommand::Undo { id } => {
            let undone = undo_import(store, id)?;
            emit(|out| {
                writeln!(
                    out,
                    "undid import {id} of {}: removed {} new items, {} merged reports and {} \
                     NPS answers without comment; put back {} updated reports",
                    undone.file, undone.added, undone.merged, undone.nps_responses, undone.updated
                )
            })
        }
    }
}

pub(super) fn run_nps(store: &Store, command: NpsCommand) -> Result<(), CliError> {
    let NpsCommand::List { format } = command;
    let answers = store.nps_responses()?;
    match format {
        TableOrJson::Table => emit(|out| write_answers(&answers, out)),
        TableOrJson::Json => emit_json(&answers.iter().map(AnswerJson::of).collect::<Vec<_>>()),
    }
}

/// A file's name without its folders, for a table (the JSON has the path).
fn file_name(path: &str) -> &str {
    std::path::Path::new(path)
        .file_name()
        .and_then(|name| name.to_str())
        .unwrap_or(path)
}

#[derive(Serialize)]
struct BatchJson<'a> {
    id: i64,
    file: &'a str,
    imported_at: String,
    rows: i64,
    added: i64,
    updated: i64,
    unchanged: i64,
    merged: i64,
    nps_responses: i64,
}

impl BatchJson<'_> {
    fn of(b: &ImportBatch) -> BatchJson<'_> {
        BatchJson {
            id: b.id,
            file: &b.file,
            imported_at: b.imported_at.to_rfc3339_opts(SecondsFormat::Secs, true),
            rows: b.rows,
            added: b.added,
            updated: b.updated,
            unchanged: b.unchanged,
            merged: b.merged,
            nps_responses: b.nps_responses,
        }
    }
}

fn write_batches(batches: &[ImportBatch], out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "{:>4}  {:<16}  {:<30}  {:>7}  {:>7}  {:>7}  {:>9}  {:>6}  {:>4}",
        "ID", "IMPORTED", "FILE", "ROWS", "ADDED", "UPDATED", "UNCHANGED", "MERGED", "NPS"
    )?;
    for b in batches {
        writeln!(
            out,
            "{:>4}  {:<16}  {}  {:>7}  {:>7}  {:>7}  {:>9}  {:>6}  {:>4}",
            b.id,
            b.imported_at.format("%Y-%m-%d %H:%M"),
            fit(file_name(&b.file), 30),
            b.rows,
            b.added,
            b.updated,
            b.unchanged,
            b.merged,
            b.nps_responses
        )?;
    }
    Ok(())
}

#[derive(Serialize)]
struct AnswerJson<'a> {
    score: u8,
    date: String,
    customer: Option<&'a str>,
    source: &'static str,
    file: Option<&'a str>,
    external_id: Option<&'a str>,
    feedback_id: Option<i64>,
}

impl AnswerJson<'_> {
    fn of(a: &NpsResponse) -> AnswerJson<'_> {
        AnswerJson {
            score: a.score,
            date: a.date.to_rfc3339_opts(SecondsFormat::Secs, true),
            customer: a.customer.as_deref(),
            source: a.source.name(),
            file: a.file.as_deref(),
            external_id: a.external_id.as_deref(),
            feedback_id: a.feedback_id,
        }
    }
}

fn write_answers(answers: &[NpsResponse], out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "{:>5}  {:<10}  {:<24}  {:<9}  {:<24}  {:>6}",
        "SCORE", "DATE", "CUSTOMER", "SOURCE", "FILE", "ITEM"
    )?;
    for a in answers {
        writeln!(
            out,
            "{:>5}  {}  {}  {:<9}  {}  {:>6}",
            a.score,
            a.date.format("%Y-%m-%d"),
            fit(a.customer.as_deref().unwrap_or("–"), 24),
            a.source.name(),
            fit(a.file.as_deref().map_or("–", file_name), 24),
            a.feedback_id.map_or("–".to_string(), |id| format!("#{id}"))
        )?;
    }
    let nps = crate::domain::feedback::NpsTally::of(answers.iter().map(|a| a.score));
    match nps.score() {
        Some((score, answered)) => writeln!(out, "{answered} answers, NPS {score:+}"),
        None => writeln!(out, "no NPS answers yet"),
    }
}
