//! The Collect and Group phases: the template's columns side by side (as
//! many as the width allows, paging to the selected one at 80×24), each with
//! its prompt, its cards, and a count of the cards still hidden. A hidden
//! card is a placeholder; in the Group phase each card shows its group.

use super::{clean, scrolled};
use crate::app::Model;
use crate::domain::retro::phase::Phase;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The narrowest a column is drawn.
const MIN_COLUMN_WIDTH: u16 = 26;

pub(super) fn draw(model: &Model, frame: &mut Frame, area: Rect) {
    let retro = &model.retro;
    let Some(board) = &retro.board else {
        return;
    };
    let columns = board.template.columns.len().max(1);
    let fit = usize::from((area.width / MIN_COLUMN_WIDTH).max(1)).min(columns);
    let page = retro.column / fit;
    let first = page * fit;
    let shown: Vec<usize> = (first..(first + fit).min(columns)).collect();
    let [head, body, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(4),
    ])
    .areas(area);
    draw_selection(model, frame, foot);
    let theme = &model.config.theme;
    let pages = columns.div_ceil(fit);
    let paging = if pages > 1 {
        format!(
            "  columns {}–{} of {columns} (h/l)",
            first + 1,
            first + shown.len()
        )
    } else {
        String::new()
    };
    let what = if board.phase == Phase::Group {
        "Group: m marks a card, m on another groups the two; x takes one out"
    } else {
        "Collect: a adds a card; r reveals the column, R all"
    };
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(format!(" {what}"), theme.muted),
            Span::styled(paging, theme.muted),
        ])),
        head,
    );
    let areas = Layout::horizontal(
        shown
            .iter()
            .map(|_| Constraint::Ratio(1, shown.len() as u32)),
    )
    .split(body);
    for (column, column_area) in shown.iter().zip(areas.iter()) {
        draw_column(model, frame, *column, *column_area);
    }
}

fn draw_column(model: &Model, frame: &mut Frame, column: usize, area: Rect) {
    let theme = &model.config.theme;
    let retro = &model.retro;
    let Some(board) = &retro.board else {
        return;
    };
    let cards = retro.column_cards(column);
    let hidden = cards.iter().filter(|c| !retro.can_read(c)).count();
    let selected_column = column == retro.column;
    let title = match hidden {
        0 => format!("{} ({})", board.column_title(column), cards.len()),
        n => format!(
            "{} ({}, {n} hidden)",
            board.column_title(column),
            cards.len()
        ),
    };
    let border = if selected_column {
        theme.focus_border
    } else {
        theme.border
    };
    let block = crate::ui::titled_block(
        &clean(&title, area.width.saturating_sub(4) as usize),
        border,
        theme,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let prompt = board
        .template
        .columns
        .get(column)
        .map_or("", |c| c.prompt.as_str());
    let mut lines = vec![Line::from(Span::styled(clean(prompt, width), theme.muted))];
    let mut card_lines = Vec::new();
    for card in &cards {
        let marked = if retro.marked == Some(card.id) {
            "*"
        } else {
            " "
        };
        let text = if retro.can_read(card) {
            let group = match (board.phase, card.group_id.and_then(|g| board.group(g))) {
                (Phase::Group, Some(g)) => format!("[{}] ", sanitize(&g.title)),
                _ => String::new(),
            };
            let author = match board.shown_author(card) {
                Some(a) => format!(" — {}", sanitize(a)),
                None => String::new(),
            };
            format!(
                "{marked}{group}{}{author}",
                sanitize(card.text.lines().next().unwrap_or(""))
            )
        } else {
            format!("{marked}▒▒▒▒▒▒ hidden card")
        };
        card_lines.push(Line::from(clean(&text, width)));
    }
    let selected = selected_column
        .then_some(retro.row)
        .filter(|_| !cards.is_empty());
    let height = inner.height.saturating_sub(1) as usize;
    lines.extend(scrolled(card_lines, selected, height, theme));
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Below the columns: the selected card in full (columns cut long cards),
/// and in the Group phase every group with its cards.
fn draw_selection(model: &Model, frame: &mut Frame, area: Rect) {
    let theme = &model.config.theme;
    let retro = &model.retro;
    let Some(board) = &retro.board else {
        return;
    };
    let mut lines = Vec::new();
    if let Some(card) = retro.selected_card() {
        let text = if retro.can_read(card) {
            let author = board
                .shown_author(card)
                .map_or(String::new(), |a| format!(" — {}", sanitize(a)));
            format!("{}{author}", sanitize(&card.text.replace('\n', " ")))
        } else {
            "a hidden card (r reveals the column)".to_string()
        };
        lines.push(Line::from(vec![
            Span::styled(" Card: ", theme.accent),
            Span::raw(text),
        ]));
    }
    if board.phase == Phase::Group {
        for group in &board.groups {
            let cards: Vec<String> = board
                .cards
                .iter()
                .filter(|c| c.group_id == Some(group.id))
                .map(|c| sanitize(c.text.lines().next().unwrap_or("")))
                .collect();
            lines.push(Line::from(vec![
                Span::styled(
                    format!(" {} ({}): ", sanitize(&group.title), cards.len()),
                    theme.header,
                ),
                Span::raw(cards.join(" · ")),
            ]));
        }
    }
    frame.render_widget(
        Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: true }),
        area,
    );
}

fn sanitize(text: &str) -> String {
    crate::domain::text::sanitize_line(text).into_owned()
}
