//! `retriage feedback add | score | status | edit | delete`: every write goes
//! through `service::feedback`, which holds the rules; values are parsed by
//! the domain's parsers, so a bad one is refused naming its flag and value.
//! A move to planned or wont_do is a decision (`decisions::decide`).
//! Listing lives in `feedback_list`.

use super::decisions;
use super::output::emit;
use super::{AddArgs, CliError, EditArgs, ScoreArgs, ScoreModel, StatusArgs, user_error};
use crate::domain::decision::records_decision;
use crate::domain::feedback::{FeedbackDraft, Source, Status, parse_nps};
use crate::domain::scoring::{
    FactorError, Ice, Wsjf, format_number, parse_ice_factor, parse_job_size, parse_wsjf_component,
};
use crate::domain::text::sanitize_line;
use crate::service::feedback::{self, RiceText, Score};
use crate::store::Store;

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

/// The factor flags of every model, each with the models it belongs to.
fn factor_flags(args: &ScoreArgs) -> [(&'static str, bool, &'static [ScoreModel]); 9] {
    use ScoreModel::{Ice, Rice, Wsjf};
    [
        ("--reach", args.reach.is_some(), &[Rice]),
        ("--impact", args.impact.is_some(), &[Rice, Ice]),
        ("--confidence", args.confidence.is_some(), &[Rice, Ice]),
        ("--effort", args.effort.is_some(), &[Rice]),
        ("--ease", args.ease.is_some(), &[Ice]),
        ("--business-value", args.business_value.is_some(), &[Wsjf]),
        (
            "--time-criticality",
            args.time_criticality.is_some(),
            &[Wsjf],
        ),
        ("--risk-reduction", args.risk_reduction.is_some(), &[Wsjf]),
        ("--job-size", args.job_size.is_some(), &[Wsjf]),
    ]
}

fn model_name(model: ScoreModel) -> (&'static str, &'static str) {
    match model {
        ScoreModel::Rice => ("RICE", "--reach, --impact, --confidence and --effort"),
        ScoreModel::Ice => ("ICE", "--impact, --confidence and --ease"),
        ScoreModel::Wsjf => (
            "WSJF",
            "--business-value, --time-criticality, --risk-reduction and --job-size",
        ),
    }
}

/// The text of a factor clap required for the model.
fn given(value: &Option<String>) -> &str {
    value.as_deref().unwrap_or_default()
}

/// Parses the chosen model's factors; a factor of another model is refused
/// rather than silently ignored.
fn parse_score(args: &ScoreArgs) -> Result<Score, CliError> {
    let (name, takes) = model_name(args.model);
    let model = name.to_lowercase();
    if let Some((flag, ..)) = factor_flags(args)
        .into_iter()
        .find(|(_, present, models)| *present && !models.contains(&args.model))
    {
        return Err(CliError(format!(
            "{flag} does not apply to --model {model} ({name} takes {takes})"
        )));
    }
    let flag_named = |mut e: FactorError, flag| {
        e.field = flag;
        user_error(e)
    };
    Ok(match args.model {
        ScoreModel::Rice => Score::Rice(
            RiceText {
                reach: args.reach.as_deref(),
                impact: args.impact.as_deref(),
                confidence: args.confidence.as_deref(),
                effort: args.effort.as_deref(),
            }
            .parse()?,
        ),
        ScoreModel::Ice => Score::Ice(Ice {
            impact: Some(parse_ice_factor("impact", given(&args.impact)).map_err(user_error)?),
            confidence: Some(
                parse_ice_factor("confidence", given(&args.confidence)).map_err(user_error)?,
            ),
            ease: Some(parse_ice_factor("ease", given(&args.ease)).map_err(user_error)?),
        }),
        ScoreModel::Wsjf => Score::Wsjf(Wsjf {
            business_value: Some(
                parse_wsjf_component("business-value", given(&args.business_value))
                    .map_err(user_error)?,
            ),
            time_criticality: Some(
                parse_wsjf_component("time-criticality", given(&args.time_criticality))
                    .map_err(user_error)?,
            ),
            risk_reduction: Some(
                parse_wsjf_component("risk-reduction", given(&args.risk_reduction))
                    .map_err(user_error)?,
            ),
            job_size: Some(
                parse_job_size(given(&args.job_size)).map_err(|e| flag_named(e, "job-size"))?,
            ),
        }),
    })
}

pub(super) fn score(store: &mut Store, args: ScoreArgs) -> Result<(), CliError> {
    let score = parse_score(&args)?;
    feedback::score(store, args.id, score)?;
    let (name, value) = match score {
        Score::Rice(rice) => ("RICE", rice.score()),
        Score::Ice(ice) => ("ICE", ice.score()),
        Score::Wsjf(wsjf) => ("WSJF", wsjf.score()),
    };
    let value = value.map_or("none".to_string(), format_number);
    emit(|out| writeln!(out, "{}: {name} {value}", args.id))
}

pub(super) fn status(store: &mut Store, args: StatusArgs) -> Result<(), CliError> {
    let status: Status = args.status.parse().map_err(user_error)?;
    if records_decision(status) {
        return decisions::decide(store, args.id, status, args.decision);
    }
    decisions::refuse_decision_flags(status, &args.decision)?;
    let change = feedback::set_status(store, args.id, status)?;
    let before = change.before.map_or(status, |item| item.status);
    emit(|out| writeln!(out, "{}: {before} → {status}", args.id))
}

pub(super) fn edit(store: &mut Store, args: EditArgs) -> Result<(), CliError> {
    let original = store.get_feedback(args.id)?.draft();
    let mut edited = original.clone();
    if let Some(title) = args.title {
        edited.title = title;
    }
    if let Some(description) = args.description {
        edited.description = description;
    }
    if let Some(tags) = args.tags {
        edited.tags = tags;
    }
    if let Some(customer) = args.customer {
        edited.customer = Some(customer);
    }
    let change = feedback::edit(store, args.id, &original, edited)?;
    let Some(item) = change.after else {
        return Err(CliError(format!("no feedback item with id {}", args.id)));
    };
    emit(|out| {
        writeln!(out, "{}: {}", item.id, sanitize_line(&item.title))?;
        writeln!(out, "  tags: {}", sanitize_line(&item.tags.join(", ")))?;
        let customer = item.customer.as_deref().map_or("–".into(), sanitize_line);
        writeln!(out, "  customer: {customer}")
    })
}

pub(super) fn delete(store: &mut Store, id: i64) -> Result<(), CliError> {
    let change = feedback::delete(store, id)?;
    let attachments = change.attachments.clone().unwrap_or_default();
    let plural = |n: usize, what: &str| match n {
        1 => format!("1 {what}"),
        n => format!("{n} {what}s"),
    };
    emit(|out| {
        writeln!(
            out,
            "deleted {id}: {} (with {} and {})",
            sanitize_line(change.title()),
            plural(attachments.evidence.len(), "merged report"),
            plural(attachments.survey_responses.len(), "survey answer"),
        )
    })
}
