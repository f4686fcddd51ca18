//! The duplicates review: the near-duplicate pairs, most similar first, and
//! the selected pair side by side — the item a merge keeps on the left, the
//! one merged into it on the right.

use crate::app::ClickAreas;
use crate::app::Model;
use crate::config::{Command, Mode, Theme};
use crate::domain::duplicates::PairItem;
use crate::domain::text::{cut_to_width, sanitize_line, sanitize_multiline};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, Wrap};

pub(super) fn draw(model: &Model, frame: &mut Frame, area: Rect) -> ClickAreas {
    let theme = &model.config.theme;
    let view = &model.duplicates;
    if view.pairs.is_empty() {
        let keymap = &model.config.keymap;
        let key = |c| Span::styled(keymap.keys_for(Mode::Duplicates, c), theme.key);
        let heading = if view.loaded && !view.searching {
            format!(
                "No near-duplicates at {:.0}% similarity or more.",
                view.threshold * 100.0
            )
        } else {
            "Looking for near-duplicates…".to_string()
        };
        let lines = vec![
            Line::from(Span::styled(heading, theme.header)),
            Line::from(""),
            Line::from("Items are compared by the words of their title and description."),
            Line::from(vec![
                key(Command::LowerThreshold),
                Span::raw(" lowers the threshold; "),
                key(Command::ShowTriage),
                Span::raw(" goes back to the triage table."),
            ]),
        ];
        frame.render_widget(
            Paragraph::new(lines)
                .block(super::titled_block("Duplicates", theme.border, theme))
                .wrap(Wrap { trim: false })
                .centered(),
            area,
        );
        return ClickAreas::default();
    }
    let [list_area, pair_area] =
        Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(area);
    let areas = draw_list(model, frame, list_area);
    draw_pair(model, frame, pair_area);
    areas
}

fn draw_list(model: &Model, frame: &mut Frame, area: Rect) -> ClickAreas {
    let theme = &model.config.theme;
    let view = &model.duplicates;
    let outer = super::titled_block("Near-duplicates", theme.border, theme);
    let inner = outer.inner(area);
    frame.render_widget(outer, area);
    let height = inner.height.saturating_sub(1) as usize;
    let first = view.selected.saturating_sub(height.saturating_sub(1));
    let title_width = (inner.width.saturating_sub(6 + 2 * 2) / 2) as usize;
    let rows = view
        .pairs
        .iter()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(i, pair)| {
            let style = if i == view.selected {
                theme.selected
            } else {
                Style::default()
            };
            Row::new(vec![
                Cell::from(Line::from(format!("{:.0}%", pair.similarity * 100.0)).right_aligned()),
                Cell::from(cut_to_width(&sanitize_line(&pair.first.title), title_width)),
                Cell::from(cut_to_width(
                    &sanitize_line(&pair.second.title),
                    title_width,
                )),
            ])
            .style(style)
        });
    let table = Table::new(
        rows,
        [
            Constraint::Length(4),
            Constraint::Percentage(50),
            Constraint::Percentage(50),
        ],
    )
    .header(Row::new(vec!["Sim", "Older item", "Newer item"]).style(theme.header))
    .column_spacing(2);
    frame.render_widget(table, inner);
    ClickAreas::table(inner, first)
}

fn draw_pair(model: &Model, frame: &mut Frame, area: Rect) {
    let theme = &model.config.theme;
    let view = &model.duplicates;
    let Some(pair) = view.selected_pair() else {
        return;
    };
    let (kept, absorbed) = if view.keep_second {
        (&pair.second, &pair.first)
    } else {
        (&pair.first, &pair.second)
    };
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area);
    draw_item(kept, format!("Keeps #{}", kept.id), theme, frame, left);
    draw_item(
        absorbed,
        format!("Merged into it: #{}", absorbed.id),
        theme,
        frame,
        right,
    );
}

fn draw_item(item: &PairItem, title: String, theme: &Theme, frame: &mut Frame, area: Rect) {
    let mentions = if item.mentions == 1 {
        "1 mention".to_string()
    } else {
        format!("{} mentions", item.mentions)
    };
    let mut lines = vec![
        Line::from(Span::styled(
            sanitize_line(&item.title).into_owned(),
            theme.header,
        )),
        Line::from(Span::styled(
            format!("{} · {mentions}", item.source),
            theme.muted,
        )),
        Line::from(""),
    ];
    lines.extend(
        sanitize_multiline(&item.description)
            .lines()
            .map(|l| Line::from(l.to_string())),
    );
    frame.render_widget(
        Paragraph::new(lines)
            .block(super::titled_block(&title, theme.border, theme))
            .wrap(Wrap { trim: false }),
        area,
    );
}
