//! The import dialog, drawn over the screen: the path being typed; the
//! preview (columns, the field each fills, the first rows); the progress
//! bar; or every problem that stopped the import.

use super::{centered, clear};
use crate::app::import::{ImportFlow, ImportStep};
use crate::config::{Command, Theme};
use crate::domain::text::{cut_to_width, sanitize_line};
use crate::interop::import::Field;
use crate::interop::preview::ImportPreview;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Gauge, Paragraph, Row, Table, Wrap};

/// Preview rows shown as columns of samples.
const SAMPLE_ROWS: usize = 3;

/// The keys that mean something at the dialog's current step.
pub(super) fn hints(flow: &ImportFlow) -> &'static [(Command, &'static str)] {
    match flow.step {
        ImportStep::Path => &[(Command::Confirm, "preview"), (Command::Cancel, "close")],
        ImportStep::Preview(_) => &[
            (Command::Confirm, "import"),
            (Command::MoveDown, "column"),
            (Command::StepUp, "field"),
            (Command::CycleSourceFilter, "default source"),
            (Command::Cancel, "back"),
        ],
        ImportStep::Running { .. } => &[(Command::Cancel, "stop (nothing is written)")],
        ImportStep::Failed(_) => &[
            (Command::MoveDown, "scroll"),
            (Command::Cancel, "back to the preview"),
        ],
    }
}

/// A count with thousands separators: 31,000.
fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub(super) fn draw(
    flow: &ImportFlow,
    theme: &Theme,
    hints: &[(String, String)],
    frame: &mut Frame,
    area: Rect,
) {
    let height = match &flow.step {
        ImportStep::Path => 8,
        ImportStep::Preview(p) => (p.columns.len() as u16 + 8).max(10),
        ImportStep::Running { .. } => 7,
        ImportStep::Failed(lines) => lines.len() as u16 + 6,
    };
    let popup = centered(area, area.width.saturating_sub(4).min(110), height);
    clear(frame, popup);
    let block = super::titled_block("Import feedback", theme.focus_border, theme);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [body, error, footer] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    match &flow.step {
        ImportStep::Path => draw_path(flow, theme, frame, body),
        ImportStep::Preview(preview) => draw_preview(flow, preview, theme, frame, body),
        ImportStep::Running { done, total, rows } => {
            draw_progress(flow, *done, *total, *rows, theme, frame, body)
        }
        ImportStep::Failed(problems) => {
            draw_failure(problems, flow.failure_scroll, theme, frame, body)
        }
    }
    if let Some(message) = &flow.error {
        frame.render_widget(
            Paragraph::new(Span::styled(
                sanitize_line(message).into_owned(),
                theme.error,
            )),
            error,
        );
    }
    frame.render_widget(super::hint_line(hints, theme, footer.width), footer);
}

fn draw_path(flow: &ImportFlow, theme: &Theme, frame: &mut Frame, area: Rect) {
    let lines = vec![
        Line::from("The file to import: CSV (comma, semicolon or tab) or JSON."),
        Line::from(Span::styled(
            "Survey, NPS, support-desk, Jira, GitHub and Parabol exports are recognised.",
            theme.muted,
        )),
        Line::from(""),
        Line::from(vec![
            Span::styled("File: ", theme.header),
            Span::styled(super::with_cursor(&flow.path, true), theme.text),
        ]),
    ];
    frame.render_widget(Paragraph::new(lines), area);
}

fn field_name(field: Option<Field>) -> &'static str {
    field.map_or("(not imported)", Field::name)
}

fn draw_preview(
    flow: &ImportFlow,
    preview: &ImportPreview,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let [about, table_area] =
        Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(area);
    let default_source = flow.options.source.map_or(
        "automatic (nps, retro, support or other, by the columns)",
        |s| s.name(),
    );
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(vec![
                Span::styled(sanitize_line(flow.path.text()).into_owned(), theme.accent),
                Span::styled(
                    format!(
                        "  {} · {} columns · the first rows below",
                        preview.format,
                        preview.columns.len()
                    ),
                    theme.muted,
                ),
            ]),
            Line::from(vec![
                Span::styled("Source of rows that name none: ", theme.muted),
                Span::styled(default_source, theme.text),
            ]),
        ]),
        about,
    );
    let samples = preview.rows.len().min(SAMPLE_ROWS);
    let sample_width = (table_area.width.saturating_sub(20 + 16 + 2)
        / (samples.max(1) as u16 + 1).max(1)) as usize;
    // Long headers scroll so that the selected column stays in view.
    let visible = table_area.height.saturating_sub(1).max(1) as usize;
    let first = flow.column.saturating_sub(visible - 1);
    let rows = preview
        .columns
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
        .map(|(i, column)| {
            let mut cells = vec![
                Cell::from(cut_to_width(&sanitize_line(&column.name), 20)),
                Cell::from(if i == flow.column {
                    format!("◀ {} ▶", field_name(column.field))
                } else {
                    field_name(column.field).to_string()
                }),
            ];
            for row in preview.rows.iter().take(samples) {
                let value = row.get(i).map_or("", String::as_str);
                cells.push(Cell::from(cut_to_width(
                    &sanitize_line(value),
                    sample_width,
                )));
            }
            let style = if i == flow.column {
                theme.selected
            } else if column.field.is_none() {
                theme.muted
            } else {
                Style::default()
            };
            Row::new(cells).style(style)
        });
    let mut widths = vec![Constraint::Length(20), Constraint::Length(18)];
    widths.extend((0..samples).map(|_| Constraint::Fill(1)));
    let mut header = vec!["Column".to_string(), "Field".to_string()];
    header.extend((1..=samples).map(|n| format!("Row {n}")));
    frame.render_widget(
        Table::new(rows, widths)
            .header(Row::new(header).style(theme.header))
            .column_spacing(1),
        table_area,
    );
}

/// Bytes as a short human figure: 512 B, 3.4 MB.
fn size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["B", "kB", "MB", "GB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit + 1 < UNITS.len() {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

fn draw_progress(
    flow: &ImportFlow,
    done: u64,
    total: u64,
    rows: usize,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let [about, _, bar] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::raw("Importing "),
            Span::styled(sanitize_line(flow.path.text()).into_owned(), theme.accent),
            Span::raw(format!(" · {} items so far", count(rows))),
        ])),
        about,
    );
    let ratio = if total == 0 {
        0.0
    } else {
        (done as f64 / total as f64).clamp(0.0, 1.0)
    };
    frame.render_widget(
        Gauge::default()
            .gauge_style(theme.accent)
            .ratio(ratio)
            .label(format!(
                "{:.0}%  {} of {}",
                ratio * 100.0,
                size(done),
                size(total)
            )),
        bar,
    );
}

/// The problems of a failed import from line `scroll` on, under a title
/// that says which lines show when they do not all fit.
fn draw_failure(problems: &[String], scroll: usize, theme: &Theme, frame: &mut Frame, area: Rect) {
    let fits = problems.len() < usize::from(area.height);
    let title = match fits {
        true => "Nothing was imported:".to_string(),
        false => format!(
            "Nothing was imported (lines {}–{} of {}, ↑↓ to scroll):",
            scroll + 1,
            (scroll + usize::from(area.height) - 1).min(problems.len()),
            problems.len()
        ),
    };
    let mut lines = vec![Line::from(Span::styled(title, theme.header))];
    lines.extend(
        problems
            .iter()
            .skip(scroll)
            .map(|p| Line::from(Span::styled(sanitize_line(p).into_owned(), theme.error))),
    );
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}
