//! The detail pane: one item in full, beside, below or over the table, with
//! the decision that made it planned or won't-do (who, in what role, when,
//! why). The text wraps at word boundaries and scrolls (`space`, `b`); the
//! pane's title says which rows show ("Detail · 1–20 of 25 · space/b") when
//! it does not all fit.

use crate::app::{DetailArea, Model};
use crate::config::{Command, Mode};
use crate::domain::feedback::NpsClass;
use crate::domain::scoring::format_number;
use crate::domain::text::{sanitize_line, sanitize_multiline};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

fn opt(value: Option<f64>) -> String {
    value.map(format_number).unwrap_or_else(|| "–".into())
}

/// Draws the pane; returns how many rows of text it shows and how far the
/// text runs past them.
pub(super) fn draw(model: &Model, frame: &mut Frame, area: Rect) -> DetailArea {
    let theme = &model.config.theme;
    let Some(item) = &model.triage.detail else {
        let block = super::titled_block("Detail", theme.focus_border, theme);
        frame.render_widget(Paragraph::new("").block(block), area);
        return DetailArea::default();
    };
    let label = |name: &str| Span::styled(format!("{name:<6}"), theme.muted);
    let field = |name: &str, value: String| Line::from(vec![label(name), Span::raw(value)]);
    let score = |s: Option<f64>| s.map_or("–".to_string(), |s| format!("{s:.1}"));
    let customer = item
        .customer
        .as_deref()
        .map_or(String::new(), |c| format!(" · {}", sanitize_line(c)));
    let mut lines = vec![
        Line::from(Span::styled(
            sanitize_line(&item.title).into_owned(),
            theme.header,
        )),
        Line::from(Span::styled(
            format!(
                "#{} · {} · {}{customer} · {}",
                item.id,
                item.source,
                item.status,
                item.created_at.format("%Y-%m-%d %H:%M UTC")
            ),
            theme.muted,
        )),
    ];
    if let Some(decision) = model
        .triage
        .decision
        .as_ref()
        .filter(|d| d.feedback_id == item.id && d.status == item.status)
    {
        let role = decision
            .role
            .map_or("no role".to_string(), |r| r.to_string());
        lines.push(field(
            "By",
            format!(
                "{} ({role}, {}) · {}",
                sanitize_line(&decision.by),
                sanitize_line(&decision.team),
                decision.decided_at.format("%Y-%m-%d")
            ),
        ));
        lines.push(field("Why", sanitize_line(&decision.why).into_owned()));
    }
    if let Some(origin) = &model.triage.origin {
        lines.push(field(
            "Retro",
            format!(
                "card {} of “{}” (retro {})",
                origin.card_id,
                sanitize_line(&origin.retro_title),
                origin.retro_id
            ),
        ));
    }
    if !item.tags.is_empty() {
        lines.push(field(
            "Tags",
            sanitize_line(&item.tags.join(", ")).into_owned(),
        ));
    }
    let sources: Vec<&str> = item.sources().into_iter().map(|s| s.name()).collect();
    lines.push(field(
        "Heard",
        format!(
            "{} time{} ({}) · sentiment {}",
            item.mentions,
            if item.mentions == 1 { "" } else { "s" },
            sources.join(", "),
            item.sentiment
        ),
    ));
    if let Some(nps) = item.nps {
        let class = match NpsClass::of(nps) {
            NpsClass::Promoter => "promoter",
            NpsClass::Passive => "passive",
            NpsClass::Detractor => "detractor",
        };
        lines.push(field("NPS", format!("{nps} ({class})")));
    }
    lines.push(Line::from(""));
    if item.description.is_empty() {
        lines.push(Line::from(Span::styled("(no description)", theme.muted)));
    } else {
        for text in sanitize_multiline(&item.description).lines() {
            lines.push(Line::from(text.to_string()));
        }
    }
    lines.push(Line::from(""));
    let r = &item.rice;
    lines.push(field(
        "RICE",
        format!(
            "{}  (reach {} × impact {} × {}% ÷ effort {})",
            score(r.score()),
            opt(r.reach),
            r.impact.map_or("–".into(), |i| i.to_string()),
            opt(r.confidence),
            opt(r.effort)
        ),
    ));
    let i = &item.ice;
    let n = |v: Option<u8>| v.map_or("–".into(), |v| v.to_string());
    lines.push(field(
        "ICE",
        format!(
            "{}  ({} × {} × {})",
            score(i.score()),
            n(i.impact),
            n(i.confidence),
            n(i.ease)
        ),
    ));
    let w = &item.wsjf;
    lines.push(field(
        "WSJF",
        format!(
            "{}  (({} + {} + {}) ÷ {})",
            score(w.score()),
            opt(w.business_value),
            opt(w.time_criticality),
            opt(w.risk_reduction),
            opt(w.job_size)
        ),
    ));
    if !model.triage.evidence.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            format!("Also reported ({})", model.triage.evidence.len()),
            theme.header,
        )));
        for report in &model.triage.evidence {
            let who = report
                .customer
                .as_deref()
                .map_or(String::new(), |c| format!(" · {}", sanitize_line(c)));
            let nps = report.nps.map_or(String::new(), |n| format!(" · NPS {n}"));
            let date = report.created_at.format("%Y-%m-%d");
            lines.push(Line::from(Span::styled(
                format!("{} · {date}{who}{nps}", report.source),
                theme.muted,
            )));
            if let Some(title) = &report.title {
                lines.push(Line::from(format!("  {}", sanitize_line(title))));
            }
            if let Some(text) = report.description.as_deref().filter(|d| !d.is_empty()) {
                for line in sanitize_multiline(text).lines() {
                    lines.push(Line::from(format!("  {line}")));
                }
            }
        }
    }
    let text = Paragraph::new(lines).wrap(Wrap { trim: false });
    let rows = area.height.saturating_sub(2);
    let total = u16::try_from(text.line_count(area.width.saturating_sub(2))).unwrap_or(u16::MAX);
    let overflow = total.saturating_sub(rows);
    let scroll = model.triage.detail_scroll.min(overflow);
    let title = if overflow == 0 {
        "Detail".to_string()
    } else {
        let keymap = &model.config.keymap;
        format!(
            "Detail · {}–{} of {total} · {}/{}",
            scroll + 1,
            (scroll + rows).min(total),
            keymap.keys_for(Mode::Triage, Command::ScrollDetailDown),
            keymap.keys_for(Mode::Triage, Command::ScrollDetailUp),
        )
    };
    let block = super::titled_block(&title, theme.focus_border, theme);
    frame.render_widget(text.block(block).scroll((scroll, 0)), area);
    DetailArea { rows, overflow }
}
