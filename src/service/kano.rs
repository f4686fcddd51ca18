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

#[cfg(test)]
mod tests {
    use super::*;

    const SURVEY: &str = "respondent,feature,functional,dysfunctional\n\
        ann,Dark mode,like,dislike\n\
        bob,dark mode,must-be,dislike\n\
        ann,Export,neutral,neutral\n";

    fn import(store: &mut Store, bytes: &str, dry_run: bool) -> Result<KanoImport> {
        import_survey(
            store,
            "q1",
            bytes.as_bytes(),
            &GridQuestions::default(),
            dry_run,
        )
    }

    #[test]
    fn a_dry_run_counts_and_an_import_stores() {
        let mut store = Store::open_in_memory().unwrap();
        let counts = SurveyCounts {
            answers: 3,
            respondents: 2,
            features: 2,
        };
        assert_eq!(
            import(&mut store, SURVEY, true).unwrap(),
            KanoImport::DryRun(counts)
        );
        assert!(store.kano_responses().unwrap().is_empty());
        let KanoImport::Imported(summary) = import(&mut store, SURVEY, false).unwrap() else {
            panic!("not a dry run");
        };
        assert_eq!((summary.answers, summary.features_created), (3, 2));
        assert_eq!(store.kano_responses().unwrap().len(), 2);
    }

    #[test]
    fn a_bad_survey_writes_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        let bad = import(&mut store, "respondent,feature\nann,Dark mode\n", false).unwrap_err();
        assert!(matches!(bad, Error::Read(_)), "{bad}");
        assert_eq!(store.count_feedback().unwrap(), 0);
    }
}
