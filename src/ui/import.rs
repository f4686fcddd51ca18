//! The import dialog, drawn over the screen: the path being typed (with the
//! names `tab` listed); the preview (columns, the field each fills, the
//! first rows side by side, or the first row down the dialog when side by
//! side would cut its values); the progress bar; or every problem that
//! stopped the import.

use super::{centered, clear};
use crate::app::import::{ImportFlow, ImportStep};
use crate::config::{Command, Theme};
use crate::domain::text::{cut_to_width, display_width, sanitize_line};
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
    let width = area.width.saturating_sub(4).min(110);
    let height = match &flow.step {
        ImportStep::Path => 9 + match_rows(&flow.matches, width.saturating_sub(2)).len() as u16,
        ImportStep::Preview(p) => (p.columns.len() as u16 + 8).max(10),
        ImportStep::Running { .. } => 7,
        ImportStep::Failed(lines) => lines.len() as u16 + 6,
    };
    let popup = centered(area, width, height);
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

/// The names `tab` listed, as many to a row as fit, at most 8 rows.
fn match_rows(matches: &[String], width: u16) -> Vec<String> {
    let Some(widest) = matches.iter().map(|m| display_width(m)).max() else {
        return Vec::new();
    };
    let column = (widest + 2).min(usize::from(width));
    let per_row = (usize::from(width) / column.max(1)).max(1);
    let mut rows: Vec<String> = matches
        .chunks(per_row)
        .map(|names| {
            names
                .iter()
                .map(|n| format!("{:<column$}", cut_to_width(&sanitize_line(n), column - 2)))
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect();
    if rows.len() > 8 {
        let more = matches.len() - 7 * per_row;
        rows.truncate(7);
        rows.push(format!("… and {more} more: type on to narrow them"));
    }
    rows
}

fn draw_path(flow: &ImportFlow, theme: &Theme, frame: &mut Frame, area: Rect) {
    let mut lines = vec![
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
        Line::from(Span::styled(
            "tab completes the name; ←/→ move, ctrl-w and ctrl-u delete",
            theme.muted,
        )),
    ];
    lines.extend(
        match_rows(&flow.matches, area.width)
            .into_iter()
            .map(|row| Line::from(Span::styled(row, theme.accent))),
    );
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
    let about_width = usize::from(about.width);
    let facts = format!("{} · {} columns · ", preview.format, preview.columns.len());
    let source_label = "Source of rows that name none: ";
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(vec![
                Span::styled(facts.clone(), theme.muted),
                Span::styled(
                    cut_to_width(
                        &sanitize_line(flow.path.text()),
                        about_width.saturating_sub(display_width(&facts)),
                    ),
                    theme.accent,
                ),
            ]),
            Line::from(vec![
                Span::styled(source_label, theme.muted),
                Span::styled(
                    cut_to_width(
                        default_source,
                        about_width.saturating_sub(source_label.len()),
                    ),
                    theme.text,
                ),
            ]),
        ]),
        about,
    );
    let mut samples = preview.rows.len().min(SAMPLE_ROWS);
    let room = table_area.width.saturating_sub(20 + 18 + 2);
    let mut sample_width = usize::from(room / samples.max(1) as u16).saturating_sub(1);
    // Side by side would cut a value: show the first row alone, down the
    // dialog, with the room of all of them.
    let cut = preview.rows.iter().take(samples).any(|row| {
        row.iter()
            .any(|value| display_width(&sanitize_line(value)) > sample_width)
    });
    let down = cut && samples > 1;
    if down {
        samples = 1;
        sample_width = usize::from(room);
    }
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
    if down {
        header.push(format!("Row 1 of {}", preview.rows.len().min(SAMPLE_ROWS)));
    } else {
        header.extend((1..=samples).map(|n| format!("Row {n}")));
    }
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
