//! The Dashboard screen: the sections of one team's dashboard stacked in
//! one column, or in a grid of two from `GRID_FROM` columns on, starting at
//! the section the keys moved to; a line at the bottom says where the
//! others are. Without a team it says which commands create one. What each
//! section draws is in `sections`; every text from outside is cleaned
//! (`domain::text`) before it is drawn.

mod sections;

use crate::app::dashboard::{DashboardScreen, Section};
use crate::app::{ClickAreas, Model};
use crate::domain::dashboard::Dashboard;
use crate::domain::text::{cut_to_width, sanitize_line};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// Outside text as one clean line of at most `width` columns.
pub(super) fn clean(text: &str, width: usize) -> String {
    cut_to_width(&sanitize_line(text), width)
}

/// A rate as whole percent ("–" for none).
pub(super) fn percent(rate: Option<f64>) -> String {
    rate.map_or_else(|| "–".to_string(), |r| format!("{:.0} %", r * 100.0))
}

/// The header's summary: the team, which of how many, and the period.
pub(super) fn summary(model: &Model, spans: &mut Vec<Span<'static>>) {
    let theme = &model.config.theme;
    let screen = &model.dashboard;
    let Some(dashboard) = &screen.dashboard else {
        let text = if screen.loaded { "no team yet" } else { "" };
        spans.push(Span::styled(text, theme.muted));
        return;
    };
    spans.push(Span::styled(
        format!("team {}", clean(&dashboard.team, 24)),
        theme.text,
    ));
    let at = screen
        .teams
        .iter()
        .position(|t| *t == dashboard.team)
        .map_or(1, |i| i + 1);
    spans.push(Span::styled(
        format!(
            "  {at} of {}  {}",
            screen.teams.len(),
            screen.period.label()
        ),
        theme.muted,
    ));
}

pub(super) fn draw(model: &Model, frame: &mut Frame, area: Rect) -> ClickAreas {
    let screen = &model.dashboard;
    match &screen.dashboard {
        Some(dashboard) => draw_sections(model, dashboard, frame, area),
        None => draw_without_team(model, frame, area),
    }
    ClickAreas::default()
}

fn draw_without_team(model: &Model, frame: &mut Frame, area: Rect) {
    let theme = &model.config.theme;
    let block = super::titled_block("Dashboard", theme.border, theme);
    if !model.dashboard.loaded {
        frame.render_widget(Paragraph::new("Reading the dashboard…").block(block), area);
        return;
    }
    let command = |text: &'static str| Line::from(Span::styled(text, theme.key));
    let lines = vec![
        Line::from("No team yet, so there is nothing to show."),
        Line::from(""),
        Line::from("A team is made by the first command that names it:"),
        command("  retriage kpi add --team T --name NAME …   (a shared KPI; up to three)"),
        command("  retriage team role set --team T --person P --role decider"),
        command("  retriage retro new --team T …   (or n on the retro screen, 4)"),
        Line::from(""),
        Line::from("Then record a KPI's check-ins with"),
        command("  retriage kpi record NAME --team T --value V"),
    ];
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .style(theme.text)
            .wrap(Wrap { trim: false }),
        area,
    );
}

/// The rows of sections from the first shown, each as (sections, height).
fn rows(model: &Model, dashboard: &Dashboard, width: u16) -> Vec<(Vec<Section>, u16)> {
    let screen = &model.dashboard;
    let per_row = DashboardScreen::per_row(width);
    let all = screen.sections();
    let first = (screen.first / per_row * per_row).min(all.len().saturating_sub(1));
    all[first..]
        .chunks(per_row)
        .map(|row| {
            let height = row
                .iter()
                .map(|s| sections::height(*s, dashboard, &model.config.theme))
                .max()
                .unwrap_or(0);
            (row.to_vec(), height)
        })
        .collect()
}

/// How many of the rows fit, whole, in `height` (at least one, cut short).
fn rows_that_fit(rows: &[(Vec<Section>, u16)], height: u16) -> usize {
    let mut used = 0;
    let fitting = rows
        .iter()
        .take_while(|(_, h)| {
            used += h;
            used <= height
        })
        .count();
    fitting.max(1).min(rows.len())
}

fn draw_sections(model: &Model, dashboard: &Dashboard, frame: &mut Frame, area: Rect) {
    let screen = &model.dashboard;
    let theme = &model.config.theme;
    let total = screen.sections().len();
    let rows = rows(model, dashboard, area.width);
    let skipped = total - rows.iter().map(|(r, _)| r.len()).sum::<usize>();
    let all_fit = skipped == 0 && rows.iter().map(|(_, h)| h).sum::<u16>() <= area.height;
    // The bottom line says where the other sections are.
    let (body, position) = if all_fit {
        (area, None)
    } else {
        let [body, line] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
        (body, Some(line))
    };
    let shown = rows_that_fit(&rows, body.height);
    let mut y = body.y;
    for (row, height) in rows.iter().take(shown) {
        let height = (*height).min(body.bottom() - y);
        let row_area = Rect::new(body.x, y, body.width, height);
        let per_row = DashboardScreen::per_row(area.width);
        let cells =
            Layout::horizontal(vec![Constraint::Ratio(1, per_row as u32); per_row]).split(row_area);
        for (section, cell) in row.iter().zip(cells.iter()) {
            sections::draw(*section, dashboard, theme, frame, *cell);
        }
        y += height;
    }
    if let Some(line) = position {
        let last = skipped + rows.iter().take(shown).map(|(r, _)| r.len()).sum::<usize>();
        let shown = match skipped + 1 {
            first if first == last => format!("section {last}"),
            first => format!("sections {first}–{last}"),
        };
        let text = format!(
            " {shown} of {total}: {} moves down, {} up",
            model.config.keymap.keys_for(
                crate::config::Mode::Dashboard,
                crate::config::Command::MoveDown
            ),
            model.config.keymap.keys_for(
                crate::config::Mode::Dashboard,
                crate::config::Command::MoveUp
            ),
        );
        frame.render_widget(Paragraph::new(Span::styled(text, theme.muted)), line);
    }
}
