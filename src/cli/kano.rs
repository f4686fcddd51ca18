//! `retriage kano import | report`: a survey file stored through
//! `service::kano` (or, in a dry run, counted), and the classification of
//! every surveyed feature as a table, JSON, CSV or Markdown, under Berger's
//! evaluation table or one the user defined in the config file.

use super::output::emit;
use super::{CliError, KanoImportArgs, KanoReportArgs, ListFormat, load_config};
use crate::domain::kano::{KanoSettings, analyse};
use crate::interop::files::read_to_import;
use crate::interop::kano::GridQuestions;
use crate::interop::kano_report::{self, ReportRow};
use crate::service::Error;
use crate::service::kano::{KanoImport, import_survey};
use crate::store::Store;

pub(super) fn import(store: &mut Store, args: KanoImportArgs) -> Result<(), CliError> {
    let shown = args.file.display().to_string();
    let bytes = read_to_import(&args.file).map_err(CliError)?;
    let questions = GridQuestions {
        functional: args.functional,
        dysfunctional: args.dysfunctional,
        importance: args.importance,
    };
    let survey = args.survey.unwrap_or_else(|| {
        args.file
            .file_stem()
            .map_or_else(|| shown.clone(), |s| s.to_string_lossy().into_owned())
    });
    let imported = match import_survey(store, &survey, &bytes, &questions, args.dry_run) {
        Ok(imported) => imported,
        Err(e @ Error::Store(_)) => return Err(e.into()),
        Err(e) => return Err(CliError(format!("{shown}: {e}"))),
    };
    emit(|out| match imported {
        KanoImport::DryRun(counts) => writeln!(
            out,
            "would import {} answer pairs from {} respondents about {} features into survey '{survey}'",
            counts.answers, counts.respondents, counts.features
        ),
        KanoImport::Imported(summary) => writeln!(
            out,
            "imported {} answer pairs from {} respondents into survey '{survey}': {} features matched, {} new feedback items",
            summary.answers,
            summary.respondents,
            summary.features_matched,
            summary.features_created
        ),
    })
}

pub(super) fn report(store: &Store, args: KanoReportArgs) -> Result<(), CliError> {
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
    let tables = load_config()?.kano.tables;
    let table = tables.find(&args.table).map_err(CliError)?.clone();
    let settings = KanoSettings { tie_window, table };
    let rows: Vec<ReportRow> = store
        .kano_responses()?
        .into_iter()
        .map(|f| ReportRow {
            analysis: analyse(&f.responses, &settings),
            feedback_id: f.feedback_id,
            feature: f.title,
        })
        .collect();
    let table = &settings.table;
    emit(|out| match args.format {
        ListFormat::Table => kano_report::write_table(&rows, table, out),
        ListFormat::Json => kano_report::write_json(&rows, table, out),
        ListFormat::Csv => kano_report::write_csv(&rows, table, out),
        ListFormat::Md => kano_report::write_markdown(&rows, table, out),
    })
}
