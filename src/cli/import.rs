//! `retriage import FILE`: a feedback file into the store through
//! `service::import` (all or nothing); with `--dry-run`, what would be
//! imported: the counts, the column mapping and the first items.

use super::output::{emit, fit};
use super::{CliError, ImportArgs, ImportFormatArg, user_error};
use crate::domain::feedback::Source;
use crate::domain::text::sanitize_line;
use crate::interop::files::open_to_read;
use crate::interop::import::{ImportOptions, parse_map};
use crate::interop::preview::{PreviewColumn, preview_feedback};
use crate::service::Error;
use crate::service::import::{ImportReport, import_file};
use crate::store::Store;
use std::io::{self, Write};

pub(super) fn import(store: &mut Store, args: ImportArgs) -> Result<(), CliError> {
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
        id_column: args.id_column.clone(),
    };
    let (file, _) = open_to_read(&args.file).map_err(CliError)?;
    let report = match import_file(store, file, &shown, &options, args.dry_run, &mut |_| true) {
        Ok(report) => report,
        Err(e @ Error::Store(_)) => return Err(e.into()),
        Err(e) => return Err(CliError(format!("{shown}: {e}"))),
    };
    if !args.dry_run {
        return emit(|out| writeln!(out, "{}", report.describe(&shown)));
    }
    // The file was good: its start is read again for the column mapping.
    let (file, _) = open_to_read(&args.file).map_err(CliError)?;
    let columns = preview_feedback(file, &options)
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
