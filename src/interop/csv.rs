//! Feedback as CSV (RFC 4180, via the `csv` crate: a field holding a comma,
//! quote or line break is quoted). The header is stable; see the README.

use super::ItemExtras;
use super::json::ReportJson;
use crate::domain::feedback::{Evidence, FeedbackItem};
use crate::domain::scoring::format_number;
use chrono::SecondsFormat;
use std::io;

/// The columns, in order.
pub const FEEDBACK_HEADER: [&str; 29] = [
    "id",
    "title",
    "description",
    "source",
    "status",
    "tags",
    "customer",
    "nps",
    "created_at",
    "rice_reach",
    "rice_impact",
    "rice_confidence",
    "rice_effort",
    "rice_score",
    "ice_impact",
    "ice_confidence",
    "ice_ease",
    "ice_score",
    "wsjf_business_value",
    "wsjf_time_criticality",
    "wsjf_risk_reduction",
    "wsjf_job_size",
    "wsjf_score",
    "mentions",
    "sources",
    "sentiment",
    "kano_category",
    "reports",
    "external_id",
];

fn num(v: Option<f64>) -> String {
    v.map(format_number).unwrap_or_default()
}

fn score(v: Option<f64>) -> String {
    v.map(|s| format!("{s:.2}")).unwrap_or_default()
}

fn small(v: Option<u8>) -> String {
    v.map(|n| n.to_string()).unwrap_or_default()
}

/// Merged reports as a JSON array, or an empty cell.
fn reports_cell(reports: &[Evidence]) -> io::Result<String> {
    if reports.is_empty() {
        return Ok(String::new());
    }
    let reports: Vec<ReportJson> = reports.iter().map(ReportJson::from_evidence).collect();
    Ok(serde_json::to_string(&reports)?)
}

/// Writes the header, then one record per item; tags are joined with `;`.
/// The merged reports are one cell holding the JSON export's `reports`
/// array (empty when there are none): names and customers may hold any
/// separator, and JSON keeps them apart.
pub struct FeedbackCsv<'w> {
    writer: ::csv::Writer<&'w mut dyn io::Write>,
}

impl<'w> FeedbackCsv<'w> {
    pub fn start(out: &'w mut dyn io::Write) -> io::Result<FeedbackCsv<'w>> {
        let mut writer = ::csv::Writer::from_writer(out);
        writer.write_record(FEEDBACK_HEADER)?;
        Ok(FeedbackCsv { writer })
    }

    pub fn item(&mut self, item: &FeedbackItem, extras: ItemExtras<'_>) -> io::Result<()> {
        let (r, i, w) = (&item.rice, &item.ice, &item.wsjf);
        self.writer.write_record([
            item.id.to_string(),
            item.title.clone(),
            item.description.clone(),
            item.source.name().to_string(),
            item.status.name().to_string(),
            item.tags.join(";"),
            item.customer.clone().unwrap_or_default(),
            small(item.nps),
            item.created_at.to_rfc3339_opts(SecondsFormat::Secs, true),
            num(r.reach),
            num(r.impact.map(|i| i.value())),
            num(r.confidence),
            num(r.effort),
            score(r.score()),
            small(i.impact),
            small(i.confidence),
            small(i.ease),
            score(i.score()),
            num(w.business_value),
            num(w.time_criticality),
            num(w.risk_reduction),
            num(w.job_size),
            score(w.score()),
            item.mentions.to_string(),
            item.sources()
                .iter()
                .map(|s| s.name())
                .collect::<Vec<_>>()
                .join(";"),
            item.sentiment.name().to_string(),
            extras
                .kano
                .map(|c| c.letter().to_string())
                .unwrap_or_default(),
            reports_cell(extras.reports)?,
            extras.external_id.unwrap_or_default().to_string(),
        ])?;
        Ok(())
    }

    pub fn finish(mut self) -> io::Result<()> {
        self.writer.flush()
    }
}
