//! `retriage feedback list` and `retriage export feedback`: items streamed
//! from the store and written one at a time, ordered as the triage table
//! orders them (scores highest first with unscored items last, Kano by
//! category priority with unsurveyed items last), as a table or a file
//! format with each item's Kano category, merged reports and file id.
//! Only an order SQL cannot give exactly is computed first, from ids and
//! keys; memory does not grow with the number of items.

use super::output::{emit, write_file_atomically, write_table_header, write_table_row};
use super::{CliError, ExportArgs, ExportFormat, ListArgs, ListFormat, ListSort, user_error};
use crate::domain::feedback::Status;
use crate::domain::kano::{Category, KanoSettings, analyse};
use crate::domain::scoring::ScoringModel;
use crate::domain::sentiment::Sentiment;
use crate::domain::triage::SortKey;
use crate::interop::{FeedbackFormat, FeedbackWriter, ItemExtras};
use crate::store::{self, ListQuery, Listing, Store};
use std::collections::HashMap;
use std::io::{self, Write};
use std::path::Path;

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
    // SQL orders by date, title and mentions; a score model's order and
    // Kano's are computed here and listed first, the rest in id order.
    let sort = match args.sort {
        Some(ListSort::Created) => Some(SortKey::Created),
        Some(ListSort::Title) => Some(SortKey::Title),
        Some(ListSort::Mentions) => Some(SortKey::Mentions),
        Some(ListSort::Rice | ListSort::Ice | ListSort::Wsjf | ListSort::Kano) | None => None,
    };
    let query = ListQuery {
        status,
        sentiment,
        sort,
    };
    let kano = match (args.sort, args.format) {
        (Some(ListSort::Kano), _) | (_, ListFormat::Json | ListFormat::Csv) => {
            kano_categories(store)?
        }
        _ => HashMap::new(),
    };
    let first = match args.sort {
        Some(ListSort::Rice) => store.score_order(&query, ScoringModel::Rice)?,
        Some(ListSort::Ice) => store.score_order(&query, ScoringModel::Ice)?,
        Some(ListSort::Wsjf) => store.score_order(&query, ScoringModel::Wsjf)?,
        Some(ListSort::Kano) => kano_order(&kano),
        _ => Vec::new(),
    };
    let format = match args.format {
        ListFormat::Table => {
            let listing = Listing {
                query,
                first,
                reports: false,
            };
            return write_listing(None, |out| {
                write_table_header(out)?;
                store.for_each_listed(&listing, |listed| {
                    write_table_row(listed.item, out).map_err(Failure::Write)
                })
            });
        }
        ListFormat::Json => FeedbackFormat::Json,
        ListFormat::Csv => FeedbackFormat::Csv,
        ListFormat::Md => FeedbackFormat::Markdown,
    };
    let listing = Listing {
        query,
        first,
        reports: format != FeedbackFormat::Markdown,
    };
    write_feedback(store, &listing, format, &kano, None)
}

pub(super) fn export(store: &Store, args: ExportArgs) -> Result<(), CliError> {
    let format = match args.format {
        ExportFormat::Csv => FeedbackFormat::Csv,
        ExportFormat::Json => FeedbackFormat::Json,
        ExportFormat::Md => FeedbackFormat::Markdown,
    };
    let kano = match format {
        FeedbackFormat::Markdown => HashMap::new(),
        FeedbackFormat::Csv | FeedbackFormat::Json => kano_categories(store)?,
    };
    let listing = Listing {
        reports: format != FeedbackFormat::Markdown,
        ..Listing::default()
    };
    write_feedback(store, &listing, format, &kano, args.output.as_deref())
}

/// Streams `listing` in `format` to `output` (stdout when `None`); CSV and
/// JSON add each item's Kano category from `kano`.
fn write_feedback(
    store: &Store,
    listing: &Listing,
    format: FeedbackFormat,
    kano: &HashMap<i64, Category>,
    output: Option<&Path>,
) -> Result<(), CliError> {
    let (listed_nps, unlisted_nps) = match format {
        FeedbackFormat::Markdown => (
            store.listed_nps(&listing.query)?,
            store.nps_response_tally()?,
        ),
        FeedbackFormat::Csv | FeedbackFormat::Json => Default::default(),
    };
    write_listing(output, |out| {
        let mut writer = FeedbackWriter::start(format, listed_nps, unlisted_nps, out)?;
        store.for_each_listed(listing, |listed| {
            let extras = ItemExtras {
                kano: kano.get(&listed.item.id).copied(),
                reports: listed.reports,
                external_id: listed.external_id,
            };
            writer.item(listed.item, extras).map_err(Failure::Write)
        })?;
        Ok(writer.finish()?)
    })
}

/// What stops a listing half-way: the store, or the output.
enum Failure {
    Store(store::Error),
    Write(io::Error),
}

impl From<store::Error> for Failure {
    fn from(e: store::Error) -> Failure {
        Failure::Store(e)
    }
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Failure {
        Failure::Write(e)
    }
}

/// Runs `write` on stdout (`output` `None`) or on a file written
/// atomically; a store error met on the way is reported as itself, not as
/// an output error.
fn write_listing(
    output: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> Result<(), Failure>,
) -> Result<(), CliError> {
    let mut store_error = None;
    let write = |out: &mut dyn Write| {
        write(out).map_err(|failure| match failure {
            Failure::Write(e) => e,
            Failure::Store(e) => {
                store_error = Some(e);
                io::Error::other("the store failed")
            }
        })
    };
    let written = match output {
        None => emit(write),
        Some(path) => write_file_atomically(path, write),
    };
    match store_error {
        Some(e) => Err(e.into()),
        None => written,
    }
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

/// The items with a Kano category in the Kano sort's order: by
/// `Category::PRIORITY`, ties by id (items without one follow, in id
/// order).
fn kano_order(kano: &HashMap<i64, Category>) -> Vec<i64> {
    let mut ranked: Vec<(usize, i64)> = kano
        .iter()
        .map(|(&id, &category)| (kano_rank(Some(category)), id))
        .collect();
    ranked.sort_unstable();
    ranked.into_iter().map(|(_, id)| id).collect()
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

    #[test]
    fn the_kano_order_lists_categories_by_priority_then_id() {
        let kano = HashMap::from([
            (7, Category::Attractive),
            (3, Category::Indifferent),
            (9, Category::MustBe),
            (2, Category::Attractive),
        ]);
        assert_eq!(kano_order(&kano), vec![9, 2, 7, 3]);
    }
}
