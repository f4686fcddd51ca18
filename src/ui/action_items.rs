//! The action items screen: every action across retros, one row each, with
//! owner, due date (overdue ones in the error colour), status, team and the
//! retro it came from.

use crate::app::{ClickAreas, Model};
use crate::domain::text::{cut_to_width, sanitize_line};
use chrono::Local;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::{Cell, Paragraph, Row, Table, Wrap};

fn clean(text: &str, width: usize) -> String {
    cut_to_width(&sanitize_line(text), width)
}

pub(super) fn draw(model: &Model, frame: &mut Frame, area: Rect) -> ClickAreas {
    let theme = &model.config.theme;
    let view = &model.action_items;
    let shown = view.shown();
    let title = if shown.len() == view.all.len() {
        format!("Action items ({})", view.all.len())
    } else {
        format!("Action items ({} of {})", shown.len(), view.all.len())
    };
    let block = super::titled_block(&title, theme.border, theme);
    if shown.is_empty() {
        let text = if view.all.is_empty() {
            "No action items yet: they are written in a retro's Actions phase (4)."
        } else {
            "No action item matches the filters (esc clears them)."
        };
        frame.render_widget(
            Paragraph::new(text)
                .block(block)
                .wrap(Wrap { trim: false })
                .centered(),
            area,
        );
        return ClickAreas::default();
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let today = Local::now().date_naive();
    let visible = inner.height.saturating_sub(1) as usize;
    let first = view.selected.saturating_sub(visible.saturating_sub(1));
    let title_width = inner.width.saturating_sub(62).max(12) as usize;
    let rows = shown
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
        .map(|(i, a)| {
            let overdue = a.is_overdue(today);
            let style = if i == view.selected {
                theme.selected
            } else if overdue {
                theme.error
            } else {
                theme.text
            };
            let due = match a.due {
                Some(d) if overdue => format!("{d} late"),
                Some(d) => d.to_string(),
                None => "–".into(),
            };
            Row::new(vec![
                Cell::from(a.id.to_string()),
                Cell::from(clean(&a.title, title_width)),
                Cell::from(clean(a.owner.as_deref().unwrap_or("–"), 10)),
                Cell::from(due),
                Cell::from(a.status.name()),
                Cell::from(clean(&a.team, 8)),
                Cell::from(clean(&a.retro_title, 12)),
            ])
            .style(style)
        });
    let widths = [
        Constraint::Length(4),
        Constraint::Min(12),
        Constraint::Length(10),
        Constraint::Length(15),
        Constraint::Length(7),
        Constraint::Length(8),
        Constraint::Length(12),
    ];
    let header =
        Row::new(["#", "Action", "Owner", "Due", "Status", "Team", "Retro"]).style(theme.header);
    frame.render_widget(Table::new(rows, widths).header(header), inner);
    ClickAreas::table(inner, first)
}
