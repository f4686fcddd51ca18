//! Feedback as JSON: one document, an array of items with snake_case keys and
//! `null` for every unset value (scores too, never NaN). The same shape is
//! read back for the demo data (`assets/demo.json`), where `id` and the
//! `score` fields may be left out.

use super::ItemExtras;
use crate::domain::feedback::{Evidence, FeedbackDraft, FeedbackItem, Source, Status};
use crate::domain::scoring::{Ice, Impact, Rice, Wsjf};
use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use std::io;

#[derive(Serialize, Deserialize)]
pub struct RiceJson {
    pub reach: Option<f64>,
    pub impact: Option<f64>,
    /// Percent, 0–100.
    pub confidence: Option<f64>,
    pub effort: Option<f64>,
    #[serde(default, skip_deserializing)]
    pub score: Option<f64>,
}

#[derive(Serialize, Deserialize)]
pub struct IceJson {
    pub impact: Option<u8>,
    pub confidence: Option<u8>,
    pub ease: Option<u8>,
    #[serde(default, skip_deserializing)]
    pub score: Option<f64>,
}

#[derive(Serialize, Deserialize)]
pub struct WsjfJson {
    pub business_value: Option<f64>,
    pub time_criticality: Option<f64>,
    pub risk_reduction: Option<f64>,
    pub job_size: Option<f64>,
    #[serde(default, skip_deserializing)]
    pub score: Option<f64>,
}

/// One item as it appears in JSON.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemJson {
    #[serde(default)]
    pub id: Option<i64>,
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub source: String,
    pub status: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub customer: Option<String>,
    #[serde(default)]
    pub nps: Option<u8>,
    pub created_at: String,
    #[serde(default)]
    pub rice: Option<RiceJson>,
    #[serde(default)]
    pub ice: Option<IceJson>,
    #[serde(default)]
    pub wsjf: Option<WsjfJson>,
    /// How often this feedback was reported (exact duplicates merged).
    #[serde(default = "one")]
    pub mentions: u32,
    /// Every source the feedback came from (merged duplicates included).
    #[serde(default, skip_deserializing)]
    pub sources: Vec<String>,
    /// negative, neutral or positive; derived from the text, so it is
    /// written but never read back.
    #[serde(default, skip_deserializing)]
    pub sentiment: String,
    /// The Kano category's letter (A, O, M, I, R, Q) from the item's survey
    /// answers, or `null`; written, never read back.
    #[serde(default, skip_deserializing)]
    pub kano_category: Option<String>,
    /// The reports merged into the item, oldest first; written, never read
    /// back.
    #[serde(default, skip_deserializing)]
    pub reports: Vec<ReportJson>,
    /// The id the imported file gave the item's own report (a ticket id,
    /// an issue key), or `null`; written, never read back.
    #[serde(default, skip_deserializing)]
    pub external_id: Option<String>,
}

/// One report merged into an item.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct ReportJson {
    pub source: String,
    pub customer: Option<String>,
    pub created_at: String,
    pub nps: Option<u8>,
    /// The id the imported file gave the report, or `null`.
    pub external_id: Option<String>,
}

impl ReportJson {
    pub fn from_evidence(report: &Evidence) -> ReportJson {
        ReportJson {
            source: report.source.name().into(),
            customer: report.customer.clone(),
            created_at: report.created_at.to_rfc3339_opts(SecondsFormat::Secs, true),
            nps: report.nps,
            external_id: report.identity.external_id.clone(),
        }
    }
}

fn one() -> u32 {
    1
}

impl ItemJson {
    /// The item with its Kano category, merged reports and file id.
    pub fn from_item(item: &FeedbackItem, extras: ItemExtras<'_>) -> ItemJson {
        let (r, i, w) = (&item.rice, &item.ice, &item.wsjf);
        ItemJson {
            id: Some(item.id),
            title: item.title.clone(),
            description: item.description.clone(),
            source: item.source.name().into(),
            status: item.status.name().into(),
            tags: item.tags.clone(),
            customer: item.customer.clone(),
            nps: item.nps,
            created_at: item.created_at.to_rfc3339_opts(SecondsFormat::Secs, true),
            rice: Some(RiceJson {
                reach: r.reach,
                impact: r.impact.map(Impact::value),
                confidence: r.confidence,
                effort: r.effort,
                score: r.score(),
            }),
            ice: Some(IceJson {
                impact: i.impact,
                confidence: i.confidence,
                ease: i.ease,
                score: i.score(),
            }),
            wsjf: Some(WsjfJson {
                business_value: w.business_value,
                time_criticality: w.time_criticality,
                risk_reduction: w.risk_reduction,
                job_size: w.job_size,
                score: w.score(),
            }),
            mentions: item.mentions,
            sources: item
                .sources()
                .iter()
                .map(|s| s.name().to_string())
                .collect(),
            sentiment: item.sentiment.name().to_string(),
            kano_category: extras.kano.map(|c| c.letter().to_string()),
            reports: extras
                .reports
                .iter()
                .map(ReportJson::from_evidence)
                .collect(),
            external_id: extras.external_id.map(str::to_string),
        }
    }

    /// Checks every field and builds the item (id 0 when absent).
    pub fn into_item(self) -> Result<FeedbackItem, String> {
        let source: Source = self.source.parse().map_err(|e| format!("{e}"))?;
        let status: Status = self.status.parse().map_err(|e| format!("{e}"))?;
        let created_at = DateTime::parse_from_rfc3339(&self.created_at)
            .map_err(|e| format!("invalid created_at '{}': {e}", self.created_at))?
            .with_timezone(&Utc);
        let draft = FeedbackDraft {
            title: self.title,
            description: self.description,
            source,
            customer: self.customer,
            tags: self.tags,
            status,
            nps: self.nps,
        }
        .validated()
        .map_err(|e| e.to_string())?;
        let rice = match self.rice {
            None => Rice::default(),
            Some(r) => Rice {
                reach: match r.reach {
                    Some(v) if v < 0.0 => {
                        return Err(format!("invalid reach '{v}': must be 0 or more"));
                    }
                    v => v,
                },
                impact: match r.impact {
                    None => None,
                    Some(v) => Some(Impact::from_value(v).ok_or_else(|| {
                        format!("invalid impact '{v}': use 3, 2, 1, 0.5 or 0.25")
                    })?),
                },
                confidence: match r.confidence {
                    Some(c) if !(0.0..=100.0).contains(&c) => {
                        return Err(format!(
                            "invalid confidence '{c}': must be a percent from 0 to 100"
                        ));
                    }
                    c => c,
                },
                effort: match r.effort {
                    Some(e) if e <= 0.0 => {
                        return Err(format!(
                            "invalid effort '{e}': must be more than 0 person-months"
                        ));
                    }
                    e => e,
                },
            },
        };
        let ice = self.ice.map_or(Ice::default(), |i| Ice {
            impact: i.impact,
            confidence: i.confidence,
            ease: i.ease,
        });
        if [ice.impact, ice.confidence, ice.ease]
            .iter()
            .flatten()
            .any(|v| !(1..=10).contains(v))
        {
            return Err("invalid ICE factor: each must be from 1 to 10".into());
        }
        let wsjf = self.wsjf.map_or(Wsjf::default(), |w| Wsjf {
            business_value: w.business_value,
            time_criticality: w.time_criticality,
            risk_reduction: w.risk_reduction,
            job_size: w.job_size,
        });
        if [
            wsjf.business_value,
            wsjf.time_criticality,
            wsjf.risk_reduction,
        ]
        .iter()
        .flatten()
        .any(|v| *v < 0.0)
            || wsjf.job_size.is_some_and(|j| j <= 0.0)
        {
            return Err(
                "invalid WSJF factor: components must be 0 or more and job size more than 0".into(),
            );
        }
        Ok(FeedbackItem {
            id: self.id.unwrap_or(0),
            rice,
            ice,
            wsjf,
            mentions: self.mentions.max(1),
            ..FeedbackItem::from_draft(draft, created_at)
        })
    }
}

/// Writes one JSON array of items, each with its extras, an item at a
/// time: the bytes `serde_json::to_writer_pretty` writes for the whole
/// array (each item pretty-printed on its own, then indented one level),
/// and a line break.
pub struct FeedbackJson<'w> {
    out: &'w mut dyn io::Write,
    /// One item's pretty JSON, reused.
    buffer: Vec<u8>,
    written: bool,
}

impl<'w> FeedbackJson<'w> {
    pub fn start(out: &'w mut dyn io::Write) -> io::Result<FeedbackJson<'w>> {
        out.write_all(b"[")?;
        Ok(FeedbackJson {
            out,
            buffer: Vec::new(),
            written: false,
        })
    }

    pub fn item(&mut self, item: &FeedbackItem, extras: ItemExtras<'_>) -> io::Result<()> {
        self.buffer.clear();
        serde_json::to_writer_pretty(&mut self.buffer, &ItemJson::from_item(item, extras))?;
        let before = if self.written { &b",\n  "[..] } else { b"\n  " };
        self.written = true;
        self.out.write_all(before)?;
        // Line breaks in pretty JSON are only between tokens (strings
        // escape theirs), so each gets the array's indent after it.
        let mut rest = &self.buffer[..];
        while let Some(at) = memchr::memchr(b'\n', rest) {
            self.out.write_all(&rest[..=at])?;
            self.out.write_all(b"  ")?;
            rest = &rest[at + 1..];
        }
        self.out.write_all(rest)
    }

    pub fn finish(self) -> io::Result<()> {
        let end = if self.written { &b"\n]\n"[..] } else { b"]\n" };
        self.out.write_all(end)
    }
}

/// Reads an array of items; names the first bad item (1-based) and why.
pub fn read_items(text: &str) -> Result<Vec<FeedbackItem>, String> {
    let raw: Vec<ItemJson> = serde_json::from_str(text).map_err(|e| e.to_string())?;
    raw.into_iter()
        .enumerate()
        .map(|(i, item)| item.into_item().map_err(|e| format!("item {}: {e}", i + 1)))
        .collect()
}
