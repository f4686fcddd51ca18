//! Kano survey imports: a survey file (long format or a Google Forms grid
//! export) read and stored under a survey name in one transaction.
//! Features are matched to feedback items by title; importing the same
//! survey again replaces its answers (see `Store::import_kano`).

use super::{Error, Result};
use crate::interop::kano::{GridQuestions, read_survey};
use crate::store::{KanoImportSummary, Store};
use std::collections::BTreeSet;

/// What a survey file holds, counted for a dry run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SurveyCounts {
    /// Answer pairs (functional and dysfunctional) in the file.
    pub answers: usize,
    pub respondents: usize,
    /// Distinct features, ignoring case.
    pub features: usize,
}

/// What a survey import did, or in a dry run would do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KanoImport {
    /// Nothing was written; the file holds this much.
    DryRun(SurveyCounts),
    Imported(KanoImportSummary),
}

/// Reads a survey file's `bytes` (`questions` pick the columns of a grid
/// export) and stores its answers as survey `survey`; a dry run only
/// checks and counts them. A bad file fails with `Error::Read`.
pub fn import_survey(
    store: &mut Store,
    survey: &str,
    bytes: &[u8],
    questions: &GridQuestions,
    dry_run: bool,
) -> Result<KanoImport> {
    let answers = read_survey(bytes, questions).map_err(Error::Read)?;
    if dry_run {
        let features: BTreeSet<String> = answers.iter().map(|a| a.feature.to_lowercase()).collect();
        let respondents: BTreeSet<&str> = answers.iter().map(|a| a.respondent.as_str()).collect();
        return Ok(KanoImport::DryRun(SurveyCounts {
            answers: answers.len(),
            respondents: respondents.len(),
            features: features.len(),
        }));
    }
    Ok(KanoImport::Imported(store.import_kano(survey, &answers)?))
}
