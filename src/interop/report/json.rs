//! The report as JSON: every figure the Markdown shows, under the same
//! section names (`kpis`, `actions`, `completion`, `roti`, `themes`,
//! `decisions`, `backlog`), with dates as `YYYY-MM-DD`, rates as fractions
//! (0.5 for 50 %) and `null` where the Markdown shows "–".

use super::{completion_sparkline, kpi_sparkline, nps_sparkline, roti_sparkline, volume_sparkline};
use crate::domain::dashboard::Dashboard;
use crate::domain::dashboard::backlog::Backlog;
use crate::domain::dashboard::follow_through::ActionHealth;
use crate::domain::feedback::{NpsTally, Source};
use crate::domain::sentiment::Sentiment;
use serde_json::{Map, Value, json};
use std::io::{self, Write};

/// Writes the whole report, pretty-printed.
pub fn write_json(dashboard: &Dashboard, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &report(dashboard))?;
    writeln!(out)
}

fn health(h: &ActionHealth) -> Value {
    json!({
        "done_on_time": h.done_on_time,
        "done_late": h.done_late,
        "open": h.open,
        "overdue": h.overdue,
        "dropped": h.dropped,
        "total": h.total(),
        "completion_rate": h.completion_rate(),
    })
}

fn nps(tally: &NpsTally) -> Value {
    json!({
        "score": tally.score().map(|(s, _)| s),
        "answers": tally.answers(),
    })
}

fn report(d: &Dashboard) -> Value {
    json!({
        "team": d.team,
        "since": d.since.map(|s| s.to_string()),
        "today": d.today.to_string(),
        "kpis": d.kpis.iter().map(|k| json!({
            "name": k.name,
            "unit": k.unit,
            "direction": k.direction.name(),
            "baseline": k.baseline,
            "target": k.target,
            "deadline": k.deadline.to_string(),
            "business_owner": k.business_owner,
            "it_owner": k.it_owner,
            "latest": k.latest.as_ref().map(|l| json!({
                "date": l.date.to_string(),
                "value": l.value,
                "confidence": l.confidence.map(|c| c.name()),
            })),
            "progress": k.progress,
            "progress_percent": k.progress_percent(),
            "on_track": k.on_track,
            "status": k.status_label(),
            "series": k.points.iter().map(|p| json!({
                "date": p.date.to_string(),
                "value": p.value,
            })).collect::<Vec<_>>(),
            "sparkline": kpi_sparkline(k),
        })).collect::<Vec<_>>(),
        "actions": health(&d.actions),
        "completion": {
            "sparkline": completion_sparkline(d),
            "retros": d.completion.iter().map(|c| {
                let mut row = Map::new();
                row.insert("retro_id".into(), json!(c.retro_id));
                row.insert("title".into(), json!(c.title));
                row.insert("date".into(), json!(c.date.to_string()));
                if let Value::Object(figures) = health(&c.health) {
                    row.extend(figures);
                }
                Value::Object(row)
            }).collect::<Vec<_>>(),
        },
        "roti": {
            "sparkline": roti_sparkline(d),
            "retros": d.roti.iter().map(|r| json!({
                "retro_id": r.retro_id,
                "title": r.title,
                "date": r.date.to_string(),
                "answers": r.summary.answers,
                "average": r.summary.average,
                "histogram": r.summary.histogram,
            })).collect::<Vec<_>>(),
        },
        "themes": d.themes.iter().map(|t| json!({
            "phrase": t.phrase,
            "votes": t.votes,
            "came_back_after_action": t.came_back_after_action,
            "retros": t.retros.iter().map(|r| json!({
                "id": r.id,
                "title": r.title,
                "date": r.date.to_string(),
            })).collect::<Vec<_>>(),
            "cards": t.cards.iter().map(|c| json!({
                "retro_id": c.retro_id,
                "card_id": c.card_id,
                "text": c.text,
                "votes": c.votes,
            })).collect::<Vec<_>>(),
            "actions": t.actions.iter().map(|a| json!({
                "id": a.id,
                "title": a.title,
                "retro_id": a.retro_id,
                "status": a.status.name(),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "decisions": {
            "by_decider": d.decisions.by_decider,
            "by_other_role": d.decisions.by_other_role,
            "by_no_role": d.decisions.by_no_role,
            "not_by_decider": d.decisions.not_by_decider(),
            "total": d.decisions.total(),
        },
        "backlog": backlog(&d.backlog),
    })
}

fn backlog(b: &Backlog) -> Value {
    json!({
        "granularity": b.granularity.name(),
        "items": b.items,
        "nps": nps(&b.nps),
        "volume_sparkline": volume_sparkline(b),
        "nps_sparkline": nps_sparkline(b),
        "buckets": b.buckets.iter().map(|bucket| json!({
            "start": bucket.start.to_string(),
            "items": bucket.items(),
            "by_source": Source::ALL.iter().zip(bucket.by_source)
                .map(|(s, n)| (s.name().to_string(), json!(n)))
                .collect::<Map<_, _>>(),
            "by_sentiment": Sentiment::ALL.iter().zip(bucket.by_sentiment)
                .map(|(s, n)| (s.name().to_string(), json!(n)))
                .collect::<Map<_, _>>(),
            "nps": nps(&bucket.nps),
        })).collect::<Vec<_>>(),
        "score_model": b.model.label(),
        "top": b.top.iter().map(|i| json!({
            "id": i.id,
            "title": i.title,
            "status": i.status.name(),
            "score": i.score,
        })).collect::<Vec<_>>(),
    })
}
