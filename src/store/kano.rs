//! Kano survey answers: importing them (features matched to feedback items by
//! title) and reading them back per feature.

use super::feedback::{Write, write_item};
use super::{Result, Store};
use crate::domain::feedback::{FeedbackDraft, FeedbackItem, Source};
use crate::domain::kano::{Answer, FeatureResponses, Response, SurveyAnswer};
use chrono::Utc;
use rusqlite::{OptionalExtension, params};
use std::collections::HashMap;

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KanoImportSummary {
    pub answers: usize,
    pub respondents: usize,
    pub features_matched: usize,
    pub features_created: usize,
}

impl Store {
    /// Stores a survey's answers in one transaction. A feature is the
    /// feedback item with the same title (ignoring case); a feature without
    /// one becomes a new item with source `survey`. Answers already stored
    /// for the same survey, feature and respondent are replaced.
    pub fn import_kano(
        &mut self,
        survey: &str,
        answers: &[SurveyAnswer],
    ) -> Result<KanoImportSummary> {
        let tx = self.write_transaction()?;
        let now = Utc::now().timestamp();
        let mut summary = KanoImportSummary::default();
        let mut feature_ids: HashMap<String, i64> = HashMap::new();
        let mut respondents = std::collections::HashSet::new();
        {
            let mut find = tx.prepare_cached(
                "SELECT id FROM feedback WHERE lower(title) = lower(?1) ORDER BY id LIMIT 1",
            )?;
            let mut store = tx.prepare_cached(
                "INSERT OR REPLACE INTO kano_response
                   (feedback_id, survey, respondent, functional, dysfunctional, importance)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for answer in answers {
                let key = answer.feature.to_lowercase();
                let id = match feature_ids.get(&key) {
                    Some(id) => *id,
                    None => {
                        let id = match find.query_row([&answer.feature], |r| r.get(0)).optional()? {
                            Some(id) => {
                                summary.features_matched += 1;
                                id
                            }
                            None => {
                                let draft = FeedbackDraft {
                                    title: answer.feature.clone(),
                                    source: Source::Survey,
                                    ..FeedbackDraft::default()
                                }
                                .validated()
                                .map_err(|e| {
                                    super::Error::Corrupt(format!(
                                        "feature '{}': {e}",
                                        answer.feature
                                    ))
                                })?;
                                // Like any new item: duplicate key and
                                // sentiment included.
                                let item = FeedbackItem::from_draft(draft, Utc::now());
                                summary.features_created += 1;
                                write_item(&tx, &item, now, Write::Insert)?
                            }
                        };
                        feature_ids.insert(key, id);
                        id
                    }
                };
                let r = &answer.response;
                store.execute(params![
                    id,
                    survey,
                    answer.respondent,
                    r.functional.number(),
                    r.dysfunctional.number(),
                    r.importance,
                ])?;
                respondents.insert(answer.respondent.as_str());
                summary.answers += 1;
            }
        }
        summary.respondents = respondents.len();
        tx.commit()?;
        Ok(summary)
    }

    /// Every feature with answers, by title, with its answers.
    pub fn kano_responses(&self) -> Result<Vec<FeatureResponses>> {
        let mut stmt = self.conn.prepare(
            "SELECT f.id, f.title, k.functional, k.dysfunctional, k.importance
               FROM kano_response k JOIN feedback f ON f.id = k.feedback_id
              ORDER BY f.title COLLATE NOCASE, f.id, k.survey, k.respondent",
        )?;
        let mut rows = stmt.query([])?;
        let mut out: Vec<FeatureResponses> = Vec::new();
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            let response = stored_response(id, row.get(2)?, row.get(3)?, row.get(4)?)?;
            match out.last_mut() {
                Some(last) if last.feedback_id == id => last.responses.push(response),
                _ => out.push(FeatureResponses {
                    feedback_id: id,
                    title: row.get(1)?,
                    responses: vec![response],
                }),
            }
        }
        Ok(out)
    }
}

/// A stored answer pair of item `id` as a `Response`; a number that is no
/// answer is a corrupt value.
pub(super) fn stored_response(
    id: i64,
    functional: u8,
    dysfunctional: u8,
    importance: Option<u8>,
) -> Result<Response> {
    match (
        Answer::from_number(functional),
        Answer::from_number(dysfunctional),
    ) {
        (Some(functional), Some(dysfunctional)) => Ok(Response {
            functional,
            dysfunctional,
            importance,
        }),
        _ => Err(super::Error::Corrupt(format!(
            "kano answer {functional}/{dysfunctional} for item {id}"
        ))),
    }
}
