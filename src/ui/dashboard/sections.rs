//! The Dashboard screen's sections, each in its own bordered box: a shared
//! KPI as a line chart with its baseline and target lines, progress and
//! on-track call; action follow-through; the ROTI trend; the recurring
//! themes; the decision split; the feedback backlog (volume by sentiment and
//! source and NPS per week or month, the top items). `height` says how many
//! rows a section wants, so the screen can lay them out before drawing.

use super::clean;
use crate::app::dashboard::Section;
use crate::config::Theme;
use crate::domain::dashboard::Dashboard;
use crate::domain::dashboard::backlog::Backlog;
use crate::domain::dashboard::kpi_chart::KpiChart;
use crate::domain::dashboard::sparkline::sparkline_between;
use crate::domain::feedback::Source;
use crate::domain::kpi::Direction;
use crate::domain::scoring::format_number;
use crate::domain::sentiment::Sentiment;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Paragraph, Wrap};

/// Rows of a KPI's chart, its axis included.
const CHART_ROWS: u16 = 7;
/// The most themes and top items a section lists.
const LISTED: usize = 5;
/// The width of the labels before a backlog sparkline.
const LABEL: usize = 10;

/// The rows a section wants, borders included.
pub(super) fn height(section: Section, d: &Dashboard, theme: &Theme) -> u16 {
    let lines = match section {
        Section::Kpi(_) if d.kpis.is_empty() => 3,
        Section::Kpi(_) => 1 + CHART_ROWS,
        Section::Actions | Section::Roti | Section::Decisions => 2,
        Section::Themes => d.themes.len().clamp(1, LISTED) as u16,
        Section::Backlog => backlog_lines(&d.backlog, 80, theme).len() as u16,
    };
    lines + 2
}

pub(super) fn draw(section: Section, d: &Dashboard, theme: &Theme, frame: &mut Frame, area: Rect) {
    let width = area.width.saturating_sub(2) as usize;
    let (title, lines) = match section {
        Section::Kpi(n) => match d.kpis.get(n) {
            Some(kpi) => return draw_kpi(kpi, d, theme, frame, area),
            None => ("Shared KPIs".to_string(), no_kpi(d, theme)),
        },
        Section::Actions => ("Action follow-through".into(), actions(d, theme, width)),
        Section::Roti => ("ROTI trend".into(), roti(d, theme, width)),
        Section::Themes => (
            format!("Recurring themes ({})", d.themes.len()),
            themes(d, theme, width),
        ),
        Section::Decisions => ("Decision split".into(), decisions(d, theme)),
        Section::Backlog => (
            format!("Feedback backlog, per {}", d.backlog.granularity.name()),
            backlog_lines(&d.backlog, width, theme),
        ),
    };
    let block = crate::ui::titled_block(&title, theme.border, theme);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}

fn no_kpi(d: &Dashboard, theme: &Theme) -> Vec<Line<'static>> {
    let team = clean(&d.team, 20);
    vec![
        Line::styled(
            "No shared KPI yet. Add up to three, each with both owners:",
            theme.text,
        ),
        Line::styled(
            format!("  retriage kpi add --team '{team}' --name NAME --baseline B --target T …"),
            theme.key,
        ),
        Line::styled(
            "  retriage kpi record NAME --value V   records a check-in",
            theme.key,
        ),
    ]
}

fn draw_kpi(kpi: &KpiChart, d: &Dashboard, theme: &Theme, frame: &mut Frame, area: Rect) {
    let direction = match kpi.direction {
        Direction::Up => "higher is better",
        Direction::Down => "lower is better",
    };
    let title = format!(
        "KPI {} ({}), {direction}",
        clean(&kpi.name, 30),
        clean(&kpi.unit, 12)
    );
    let owners = Line::from(Span::styled(
        format!(
            " {} & {} ",
            clean(&kpi.business_owner, 16),
            clean(&kpi.it_owner, 16)
        ),
        theme.muted,
    ))
    .right_aligned();
    let block = crate::ui::titled_block(&title, theme.border, theme).title_top(owners);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [status, chart] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
    frame.render_widget(Paragraph::new(kpi_status(kpi, theme)), status);
    if kpi.points.is_empty() {
        let text = match kpi.latest {
            Some(_) => "No check-in in this period (p changes it).".to_string(),
            None => format!(
                "No check-in yet: retriage kpi record '{}' --team '{}' --value V",
                clean(&kpi.name, 30),
                clean(&d.team, 20)
            ),
        };
        frame.render_widget(
            Paragraph::new(text)
                .style(theme.muted)
                .wrap(Wrap { trim: false }),
            chart,
        );
        return;
    }
    draw_kpi_chart(kpi, d, theme, frame, chart);
}

/// "progress 45 %  on track  now 19  base 30  target 10  due …".
fn kpi_status(kpi: &KpiChart, theme: &Theme) -> Line<'static> {
    let progress = kpi
        .progress_percent()
        .map_or_else(|| "–".to_string(), |p| format!("{p} %"));
    let status_style = match kpi.on_track {
        Some(true) => theme.success,
        Some(false) => theme.error,
        None => theme.muted,
    };
    let latest = kpi
        .latest
        .as_ref()
        .map_or_else(|| "–".to_string(), |l| format_number(l.value));
    Line::from(vec![
        Span::styled("progress ", theme.muted),
        Span::styled(progress, theme.score),
        Span::raw("  "),
        Span::styled(kpi.status_label(), status_style),
        Span::styled(format!("  now {latest}  "), theme.text),
        Span::styled(format!("base {}", format_number(kpi.baseline)), theme.muted),
        Span::raw("  "),
        Span::styled(
            format!("target {}", format_number(kpi.target)),
            theme.success,
        ),
        Span::styled(format!("  due {}", kpi.deadline), theme.muted),
    ])
}

fn draw_kpi_chart(kpi: &KpiChart, d: &Dashboard, theme: &Theme, frame: &mut Frame, area: Rect) {
    let start = d
        .since
        .unwrap_or(kpi.points[0].date)
        .min(kpi.points[0].date);
    let end = kpi.points[kpi.points.len() - 1].date.max(d.today);
    let x = |date: chrono::NaiveDate| (date - start).num_days() as f64;
    let span = x(end).max(1.0);
    let values: Vec<(f64, f64)> = kpi.points.iter().map(|p| (x(p.date), p.value)).collect();
    let baseline = [(0.0, kpi.baseline), (span, kpi.baseline)];
    let target = [(0.0, kpi.target), (span, kpi.target)];
    let (low, high) = kpi.bounds();
    let pad = ((high - low) * 0.05).max(f64::EPSILON);
    let line = |data, style: Style| {
        Dataset::default()
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(style)
            .data(data)
    };
    let datasets = vec![
        line(&baseline, theme.muted),
        line(&target, theme.success),
        line(&values, theme.accent),
    ];
    let chart = Chart::new(datasets)
        .legend_position(None)
        .x_axis(
            Axis::default()
                .style(theme.muted)
                .bounds([0.0, span])
                .labels([start.to_string(), end.to_string()]),
        )
        .y_axis(
            Axis::default()
                .style(theme.muted)
                .bounds([low - pad, high + pad])
                .labels([format_number(low), format_number(high)]),
        );
    frame.render_widget(chart, area);
}

/// A label padded to the sparklines' column.
fn label(text: &str, theme: &Theme) -> Span<'static> {
    Span::styled(format!("{text:<LABEL$}"), theme.muted)
}

fn actions(d: &Dashboard, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let a = &d.actions;
    if a.total() == 0 {
        return vec![Line::styled(
            "No retro actions in this period.",
            theme.muted,
        )];
    }
    let completion = super::percent(a.completion_rate());
    let counts = Line::from(vec![
        Span::styled(format!("on time {}", a.done_on_time), theme.success),
        Span::styled(format!("  late {}", a.done_late), theme.text),
        Span::styled(format!("  open {}", a.open), theme.text),
        Span::styled(
            format!("  overdue {}", a.overdue),
            if a.overdue > 0 {
                theme.error
            } else {
                theme.text
            },
        ),
        Span::styled(format!("  dropped {}", a.dropped), theme.muted),
        Span::styled(format!("  completion {completion}"), theme.score),
    ]);
    let rates: Vec<f64> = d
        .completion
        .iter()
        .filter_map(|c| c.health.completion_rate())
        .collect();
    let trend = Line::from(vec![
        label("per retro", theme),
        Span::styled(
            sparkline_between(&rates, 0.0, 1.0, width.saturating_sub(LABEL + 20)),
            theme.accent,
        ),
        Span::styled("  done share, oldest first", theme.muted),
    ]);
    vec![counts, trend]
}

fn roti(d: &Dashboard, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let Some(latest) = d.roti.last() else {
        return vec![Line::styled(
            "No ROTI answers in this period: a retro's Close phase asks for them.",
            theme.muted,
        )];
    };
    let averages: Vec<f64> = d.roti.iter().filter_map(|r| r.summary.average).collect();
    let average = latest
        .summary
        .average
        .map_or_else(|| "–".to_string(), |a| format!("{a:.1}"));
    vec![
        Line::from(vec![
            label("per retro", theme),
            Span::styled(
                sparkline_between(&averages, 1.0, 5.0, width.saturating_sub(LABEL + 20)),
                theme.accent,
            ),
            Span::styled("  on 1–5, oldest first", theme.muted),
        ]),
        Line::from(vec![
            label("latest", theme),
            Span::styled(
                format!(
                    "{} ({}): {average} from {} answers",
                    clean(&latest.title, width.saturating_sub(LABEL + 30)),
                    latest.date,
                    latest.summary.answers
                ),
                theme.text,
            ),
        ]),
    ]
}

fn themes(d: &Dashboard, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    if d.themes.is_empty() {
        return vec![Line::styled(
            "No theme came back in two retros of this period.",
            theme.muted,
        )];
    }
    d.themes
        .iter()
        .take(LISTED)
        .map(|t| {
            let mut spans = vec![
                Span::styled(clean(&t.phrase, 24), theme.accent),
                Span::styled(
                    format!(
                        "  {} retros, {} cards, {}",
                        t.retros.len(),
                        t.cards.len(),
                        match t.votes {
                            1 => "1 vote".to_string(),
                            n => format!("{n} votes"),
                        }
                    ),
                    theme.text,
                ),
            ];
            if t.came_back_after_action {
                spans.push(Span::styled("  back after an action", theme.error));
            } else if !t.actions.is_empty() {
                spans.push(Span::styled("  has an action", theme.success));
            }
            let line = Line::from(spans);
            if line.width() > width {
                Line::from(clean(&line.to_string(), width))
            } else {
                line
            }
        })
        .collect()
}

fn decisions(d: &Dashboard, theme: &Theme) -> Vec<Line<'static>> {
    let s = &d.decisions;
    if s.total() == 0 {
        return vec![Line::styled(
            "No decisions in this period: moving an item to planned or won't do records one.",
            theme.muted,
        )];
    }
    let verdict = match s.not_by_decider() {
        0 => Line::styled("Every decision was taken by the decider.", theme.success),
        n => Line::styled(
            format!(
                "{n} of {} taken by someone who is not the decider.",
                s.total()
            ),
            theme.error,
        ),
    };
    vec![
        Line::from(vec![
            Span::styled(format!("by the decider {}", s.by_decider), theme.text),
            Span::styled(format!("  by another role {}", s.by_other_role), theme.text),
            Span::styled(format!("  by no role {}", s.by_no_role), theme.text),
        ]),
        verdict,
    ]
}

/// The backlog's lines; their count is the section's height.
fn backlog_lines(b: &Backlog, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let nps = match b.nps.score() {
        Some((score, answers)) => format!("NPS {score:+} from {answers} answers"),
        None => "no NPS answers".to_string(),
    };
    let shown = match b.buckets.len() {
        0 => String::new(),
        1 => format!("; the last {}:", b.granularity.name()),
        n => format!("; the last {n} {}s:", b.granularity.name()),
    };
    let mut lines = vec![Line::styled(
        format!("{} items in the period, {nps}{shown}", b.items),
        theme.text,
    )];
    let spark_width = width.saturating_sub(LABEL + 8).min(48);
    let high = b.buckets.iter().map(|bk| bk.items()).max().unwrap_or(0);
    let counts = |values: Vec<u32>| {
        let total: u32 = values.iter().sum();
        let floats: Vec<f64> = values.into_iter().map(f64::from).collect();
        (
            sparkline_between(&floats, 0.0, f64::from(high), spark_width),
            total,
        )
    };
    let mut row = |name: &str, (spark, total): (String, u32), style: Style| {
        lines.push(Line::from(vec![
            label(name, theme),
            Span::styled(spark, style),
            Span::styled(format!(" {total}"), theme.muted),
        ]));
    };
    if b.items > 0 {
        row(
            "items",
            counts(b.buckets.iter().map(|bk| bk.items()).collect()),
            theme.accent,
        );
        for (i, sentiment) in Sentiment::ALL.iter().enumerate() {
            let style = match sentiment {
                Sentiment::Negative => theme.error,
                Sentiment::Neutral => theme.text,
                Sentiment::Positive => theme.success,
            };
            row(
                sentiment.name(),
                counts(b.buckets.iter().map(|bk| bk.by_sentiment[i]).collect()),
                style,
            );
        }
        for (i, source) in Source::ALL.iter().enumerate() {
            let values: Vec<u32> = b.buckets.iter().map(|bk| bk.by_source[i]).collect();
            if values.iter().any(|n| *n > 0) {
                row(source.name(), counts(values), theme.text);
            }
        }
    }
    if b.nps.answers() > 0 {
        let scores: Vec<f64> = b
            .buckets
            .iter()
            .filter_map(|bk| bk.nps.score().map(|(s, _)| f64::from(s)))
            .collect();
        lines.push(Line::from(vec![
            label("NPS", theme),
            Span::styled(
                sparkline_between(&scores, -100.0, 100.0, spark_width),
                theme.accent,
            ),
            Span::styled(" from −100 to +100", theme.muted),
        ]));
    }
    if b.top.is_empty() {
        lines.push(Line::styled(
            format!("No open item has a {} score.", b.model.label()),
            theme.muted,
        ));
        return lines;
    }
    lines.push(Line::styled(
        format!("Top open items by {}", b.model.label()),
        theme.header,
    ));
    for item in b.top.iter().take(LISTED) {
        let score = format_number((item.score * 10.0).round() / 10.0);
        let id = format!("#{}", item.id);
        let room = width.saturating_sub(id.len() + score.len() + 4);
        lines.push(Line::from(vec![
            Span::styled(format!("{id} "), theme.muted),
            Span::styled(format!("{:<room$}", clean(&item.title, room)), theme.text),
            Span::styled(format!(" {score}"), theme.score),
        ]));
    }
    lines
}
