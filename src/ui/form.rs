//! The add, edit and score forms, drawn as a popup: one row per field, the
//! focused field with a cursor, a live score preview, and the form's error.
//! The description wraps at word boundaries, focused or not.

use super::{centered, clear};
use crate::app::form::{FieldKind, Form, FormKind};
use crate::config::Theme;
use crate::domain::text::{sanitize_line, sanitize_multiline};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Wrap};

const LABEL_WIDTH: u16 = 27;
const MULTI_HEIGHT: u16 = 6;

fn field_height(kind: &FieldKind) -> u16 {
    match kind {
        FieldKind::Multi => MULTI_HEIGHT,
        _ => 1,
    }
}

pub(super) fn draw(
    form: &Form,
    theme: &Theme,
    hints: &[(String, String)],
    frame: &mut Frame,
    area: Rect,
) {
    let fields_height: u16 = form.fields.iter().map(|f| field_height(&f.kind)).sum();
    let has_preview = matches!(form.kind, FormKind::Score { .. });
    // Borders, subject, blank, fields, blank, preview, error, hints.
    let height = fields_height
        + 2
        + 2 * u16::from(!form.subject.is_empty())
        + 1
        + u16::from(has_preview)
        + 2;
    let popup = centered(area, 86, height);
    clear(frame, popup);
    let block = super::titled_block(&form.title(), theme.focus_border, theme);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);

    let subject_rows = u16::from(!form.subject.is_empty());
    let mut rows = vec![
        Constraint::Length(subject_rows),
        Constraint::Length(subject_rows),
    ];
    rows.extend(
        form.fields
            .iter()
            .map(|f| Constraint::Length(field_height(&f.kind))),
    );
    rows.extend([
        Constraint::Length(1),
        Constraint::Length(u16::from(has_preview)),
        Constraint::Length(1),
        Constraint::Length(1),
    ]);
    let areas = Layout::vertical(rows).split(inner);

    let subject = if form.subject.is_empty() {
        String::new()
    } else {
        format!("“{}”", sanitize_line(&form.subject))
    };
    frame.render_widget(Paragraph::new(Span::styled(subject, theme.muted)), areas[0]);

    for (i, field) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        let [label_area, input_area] =
            Layout::horizontal([Constraint::Length(LABEL_WIDTH), Constraint::Min(1)])
                .areas(areas[2 + i]);
        let marker = if focused { "▸ " } else { "  " };
        let label_style = if focused { theme.accent } else { theme.muted };
        frame.render_widget(
            Paragraph::new(Span::styled(
                format!("{marker}{}", field.label),
                label_style,
            )),
            label_area,
        );
        match &field.kind {
            FieldKind::Choice { options, index } => {
                let text = if focused {
                    format!("◀ {} ▶", options[*index])
                } else {
                    format!("  {}", options[*index])
                };
                let style = if focused { theme.selected } else { theme.text };
                frame.render_widget(Paragraph::new(Span::styled(text, style)), input_area);
            }
            _ if focused => frame.render_widget(&field.input, input_area),
            FieldKind::Multi => {
                let text = sanitize_multiline(&field.value()).into_owned();
                frame.render_widget(
                    Paragraph::new(Text::from(text))
                        .style(theme.text)
                        .wrap(Wrap { trim: false }),
                    input_area,
                );
            }
            _ => {
                let text = sanitize_line(&field.value()).into_owned();
                frame.render_widget(Paragraph::new(text).style(theme.text), input_area);
            }
        }
    }

    let after = 2 + form.fields.len();
    if has_preview {
        let preview = match form.preview_score() {
            Some(score) => Line::from(vec![
                Span::styled("Score: ", theme.muted),
                Span::styled(format!("{score:.1}"), theme.score),
            ]),
            None => Line::from(Span::styled(
                "Score: – (every factor is needed)",
                theme.muted,
            )),
        };
        frame.render_widget(Paragraph::new(preview), areas[after + 1]);
    }
    if let Some(error) = &form.error {
        frame.render_widget(
            Paragraph::new(Span::styled(sanitize_line(error).into_owned(), theme.error)),
            areas[after + 2],
        );
    }
    let hint_area = areas[after + 3];
    frame.render_widget(
        Paragraph::new(super::hint_line(hints, theme, hint_area.width)),
        hint_area,
    );
}
