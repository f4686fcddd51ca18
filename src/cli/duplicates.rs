//! `retriage duplicates list | merge | dismiss`: near-duplicate pairs as a
//! table or JSON; merging and dismissing go through `service::duplicates`.

use super::output::{emit, emit_json};
use super::{CliError, DuplicatesCommand, DuplicatesFormat, DuplicatesListArgs};
use crate::domain::text::sanitize_line;
use crate::service::duplicates;
use crate::store::Store;

pub(super) fn run(store: &mut Store, command: DuplicatesCommand) -> Result<(), CliError> {
    match command {
        DuplicatesCommand::List(args) => list(store, args),
        DuplicatesCommand::Merge { keep, other } => {
            let kept = duplicates::merge(store, keep, other)?;
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
            duplicates::dismiss(store, first, second)?;
            emit(|out| writeln!(out, "dismissed {first} and {second}: not duplicates"))
        }
    }
}

fn list(store: &Store, args: DuplicatesListArgs) -> Result<(), CliError> {
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
            emit_json(&json)
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
