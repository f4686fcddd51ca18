//! `retriage feedback add | score | list`: adding and scoring go through
//! `service::feedback`; listing reads the store and writes a table or a
//! file format.

use super::output::{emit, write_table};
use super::{AddArgs, CliError, ListArgs, ListFormat, ListSort, ScoreArgs, user_error};
use crate::domain::feedback::{FeedbackDraft, Source, Status, parse_nps};
use crate::domain::scoring::format_number;
use crate::domain::sentiment::Sentiment;
use crate::domain::triage::SortKey;
use crate::interop::{self, FeedbackFormat};
use crate::service::feedback::{self, RiceText, Score};
use crate::store::{ListQuery, Store};

pub(super) fn add(store: &mut Store, args: AddArgs) -> Result<(), CliError> {
    let source: Source = args.source.parse().map_err(user_error)?;
    let nps = args
        .nps
        .as_deref()
        .map(parse_nps)
        .transpose()
        .map_err(user_error)?;
    let r = &args.rice;
    let rice = RiceText {
        reach: r.reach.as_deref(),
        impact: r.impact.as_deref(),
        confidence: r.confidence.as_deref(),
        effort: r.effort.as_deref(),
    }
    .parse()?;
    let draft = FeedbackDraft {
        title: args.title,
        description: args.description,
        source,
        customer: args.customer,
        tags: args.tags,
        status: Status::New,
        nps,
    };
    let item = feedback::add(store, draft, rice)?;
    emit(|out| writeln!(out, "{}", item.id))
}

pub(super) fn score(store: &mut Store, args: ScoreArgs) -> Result<(), CliError> {
    let rice = RiceText {
        reach: Some(&args.reach),
        impact: Some(&args.impact),
        confidence: Some(&args.confidence),
        effort: Some(&args.effort),
    }
    .parse()?;
    feedback::score(store, args.id, Score::Rice(rice))?;
    let score = rice.score().map_or("none".to_string(), format_number);
    emit(|out| writeln!(out, "{}: RICE {score}", args.id))
}

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
    let sort = args.sort.map(|s| match s {
        ListSort::Rice => SortKey::Score,
        ListSort::Created => SortKey::Created,
        ListSort::Title => SortKey::Title,
        ListSort::Mentions => SortKey::Mentions,
    });
    let items = store.list_feedback(&ListQuery {
        status,
        sentiment,
        sort,
    })?;
    let format = match args.format {
        ListFormat::Table => return emit(|out| write_table(&items, out)),
        ListFormat::Json => FeedbackFormat::Json,
        ListFormat::Csv => FeedbackFormat::Csv,
        ListFormat::Md => FeedbackFormat::Markdown,
    };
    emit(|out| interop::write_feedback(format, &items, out))
}
