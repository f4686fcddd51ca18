//! `retriage feedback list` and `retriage export feedback`: items read from
//! the store, ordered as the triage table orders them (scores highest first
//! with unscored items last, Kano by category priority with unsurveyed items
//! last), written as a table or a file format with each item's Kano
//! category and merged reports (read in bulk, one query each).

use super::output::{emit, write_file_atomically, write_table};
use super::{CliError, ExportArgs, ExportFormat, ListArgs, ListFormat, ListSort, user_error};
use crate::domain::feedback::Status;
use crate::domain::kano::{Category, KanoSettings, analyse};
use crate::domain::sentiment::Sentiment;
use crate::domain::triage::{SortKey, compare_by_score};
use crate::interop::{self, FeedbackExtras, FeedbackFormat};
use crate::store::{ListQuery, Store};
use std::collections::HashMap;

pub(super) fn list(store: &Store, args: ListArgs) -> Result<(), CliError> {
    let status = args
        .status
        .as_deref()
        .map(str::parse::<Status>)
        .transpose()
        .map_err(user_error)?;
    let sentiment = args
        .sentiment
        .as_deref()
        .map(str::parse::<Sentiment>)
        .transpose()
        .map_err(user_error)?;
    // The store orders by RICE, date, title and mentions; ICE, WSJF and
    // Kano are ordered here, from id order.
    let store_sort = match args.sort {
        Some(ListSort::Rice) => Some(SortKey::Score),
        Some(ListSort::Created) => Some(SortKey::Created),
        Some(ListSort::Title) => Some(SortKey::Title),
        Some(ListSort::Mentions) => Some(SortKey::Mentions),
        Some(ListSort::Ice | ListSort::Wsjf | ListSort::Kano) | None => None,
    };
    let mut items = store.list_feedback(&ListQuery {
        status,
        sentiment,
        sort: store_sort,
    })?;
    let kano = match (args.sort, args.format) {
        (Some(ListSort::Kano), _) | (_, ListFormat::Json | ListFormat::Csv) => {
            kano_categories(store)?
        }
        _ => HashMap::new(),
    };
    match args.sort {
        Some(ListSort::Ice) => items.sort_by(|a, b| compare_by_score(a.ice.score(), b.ice.score())),
        Some(ListSort::Wsjf) => {
            items.sort_by(|a, b| compare_by_score(a.wsjf.score(), b.wsjf.score()))
        }
        Some(ListSort::Kano) => items.sort_by_key(|item| kano_rank(kano.get(&item.id).copied())),
        _ => {}
    }
    let format = match args.format {
        ListFormat::Table => return emit(|out| write_table(&items, out)),
        ListFormat::Json => FeedbackFormat::Json,
        ListFormat::Csv => FeedbackFormat::Csv,
        ListFormat::Md => FeedbackFormat::Markdown,
    };
    let extras = extras(store, kano, format)?;
    emit(|out| interop::write_feedback(format, &items, &extras, out))
}

pub(super) fn export(store: &Store, args: ExportArgs) -> Result<(), CliError> {
    let items = store.list_feedback(&ListQuery::default())?;
    let format = match args.format {
        ExportFormat::Csv => FeedbackFormat::Csv,
        ExportFormat::Json => FeedbackFormat::Json,
        ExportFormat::Md => FeedbackFormat::Markdown,
    };
    let kano = match format {
        FeedbackFormat::Markdown => HashMap::new(),
        FeedbackFormat::Csv | FeedbackFormat::Json => kano_categories(store)?,
    };
    let extras = extras(store, kano, format)?;
    let write =
        |out: &mut dyn std::io::Write| interop::write_feedback(format, &items, &extras, out);
    match args.output {
        None => emit(write),
        Some(path) => write_file_atomically(&path, write),
    }
}

/// What CSV and JSON add to each item; Markdown shows neither, so its
/// merged reports are not read.
fn extras(
    store: &Store,
    kano: HashMap<i64, Category>,
    format: FeedbackFormat,
) -> Result<FeedbackExtras, CliError> {
    let reports = match format {
        FeedbackFormat::Markdown => HashMap::new(),
        FeedbackFormat::Csv | FeedbackFormat::Json => store.all_evidence()?,
    };
    let external_ids = match format {
        FeedbackFormat::Markdown => HashMap::new(),
        FeedbackFormat::Csv | FeedbackFormat::Json => store.external_ids()?,
    };
    Ok(FeedbackExtras {
        kano,
        reports,
        unlisted_nps: store.nps_response_tally()?,
        external_ids,
    })
}

/// Every surveyed item's Kano category under the default settings (the
/// Kano screen's, before any change).
fn kano_categories(store: &Store) -> Result<HashMap<i64, Category>, CliError> {
    let settings = KanoSettings::default();
    Ok(store
        .kano_responses()?
        .into_iter()
        .filter_map(|feature| {
            let category = analyse(&feature.responses, &settings).category?;
            Some((feature.feedback_id, category))
        })
        .collect())
}

/// Rank of a Kano category in the Kano sort: must-be first, the order of
/// `Category::PRIORITY`; items without answers last.
fn kano_rank(category: Option<Category>) -> usize {
    category
        .and_then(|c| Category::PRIORITY.iter().position(|p| *p == c))
        .unwrap_or(Category::PRIORITY.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kano_ranks_follow_the_category_priority_with_unsurveyed_last() {
        let ranks: Vec<usize> = [
            Some(Category::MustBe),
            Some(Category::Attractive),
            Some(Category::Questionable),
            None,
        ]
        .into_iter()
        .map(kano_rank)
        .collect();
        assert_eq!(ranks, vec![0, 2, 5, 6]);
    }
}
