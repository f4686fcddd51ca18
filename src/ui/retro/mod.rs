//! The retro board: the list of retros when none is open; else the phase
//! bar (who writes, whether the retro is anonymous) over the current
//! phase's view. Every card and name passes through `domain::text` before
//! it is drawn.

mod board;
mod phases;

use crate::app::{ClickAreas, Model};
use crate::config::{Command, Mode, Theme};
use crate::domain::retro::phase::Phase;
use crate::domain::text::{cut_to_width, sanitize_line};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, Wrap};

/// One line of outside text, cleaned and cut to `width` columns.
pub(super) fn clean(text: &str, width: usize) -> String {
    cut_to_width(&sanitize_line(text), width)
}

pub(in crate::ui) fn draw(model: &Model, frame: &mut Frame, area: Rect) -> ClickAreas {
    let Some(board) = &model.retro.board else {
        return draw_list(model, frame, area);
    };
    let theme = &model.config.theme;
    let [bar, body] = Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(area);
    draw_phase_bar(model, frame, bar);
    let block = super::titled_block(&clean(&board.title, 60), theme.border, theme);
    let inner = block.inner(body);
    frame.render_widget(block, body);
    match board.phase {
        Phase::Collect | Phase::Group => board::draw(model, frame, inner),
        Phase::Review => phases::review(model, frame, inner),
        Phase::Vote => phases::vote(model, frame, inner),
        Phase::Discuss => phases::discuss(model, frame, inner),
        Phase::Actions => phases::actions(model, frame, inner),
        Phase::Close => phases::close(model, frame, inner),
    }
    ClickAreas::default()
}

/// The phases with the current one marked; then who writes and the
/// retro's real anonymity and hiding settings.
fn draw_phase_bar(model: &Model, frame: &mut Frame, area: Rect) {
    let theme = &model.config.theme;
    let Some(board) = &model.retro.board else {
        return;
    };
    let mut spans = vec![Span::raw(" ")];
    for (i, phase) in Phase::ALL.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" › ", theme.muted));
        }
        let style = if *phase == board.phase {
            theme.tab_active
        } else if *phase < board.phase {
            theme.text
        } else {
            theme.muted
        };
        spans.push(Span::styled(format!(" {} ", phase.title()), style));
    }
    let who = match model.retro.participant() {
        Some(p) => format!("as {}", clean(&p, 20)),
        None => "no participants".into(),
    };
    let mut facts = vec![
        Span::styled(format!(" {who}"), theme.accent),
        Span::styled(
            if board.settings.anonymous {
                "  anonymous"
            } else {
                "  names shown"
            },
            theme.muted,
        ),
    ];
    if board.settings.hide_until_reveal {
        let hidden = board.cards.iter().filter(|c| !c.revealed).count();
        facts.push(Span::styled(format!("  {hidden} hidden"), theme.muted));
    }
    facts.push(Span::styled(
        format!(
            "  {} · {} · {}",
            clean(&board.team, 20),
            board.date,
            clean(&board.template.name, 24)
        ),
        theme.muted,
    ));
    frame.render_widget(
        Paragraph::new(vec![Line::from(spans), Line::from(facts)]),
        area,
    );
}

/// The retros, newest first, to open one or start another.
fn draw_list(model: &Model, frame: &mut Frame, area: Rect) -> ClickAreas {
    let theme = &model.config.theme;
    let retro = &model.retro;
    let block = super::titled_block("Retros", theme.border, theme);
    if retro.retros.is_empty() {
        let key = |c| Span::styled(model.config.keymap.keys_for(Mode::Retro, c), theme.key);
        let lines = vec![
            Line::from(Span::styled("No retros yet.", theme.header)),
            Line::from(""),
            Line::from(vec![
                key(Command::Add),
                Span::raw(" starts one: pick a team, a title and a template."),
            ]),
            Line::from(format!(
                "{} templates on offer; add your own in the config folder's templates/.",
                retro.templates.len()
            )),
        ];
        frame.render_widget(
            Paragraph::new(lines)
                .block(block)
                .wrap(Wrap { trim: false })
                .centered(),
            area,
        );
        return ClickAreas::default();
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let visible = inner.height.saturating_sub(1) as usize;
    let first = retro.picked.saturating_sub(visible.saturating_sub(1));
    let title_width = inner.width.saturating_sub(70).max(12) as usize;
    let rows = retro
        .retros
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
        .map(|(i, r)| {
            let style = if i == retro.picked {
                theme.selected
            } else {
                theme.text
            };
            Row::new(vec![
                Cell::from(r.id.to_string()),
                Cell::from(clean(&r.team, 14)),
                Cell::from(clean(&r.title, title_width)),
                Cell::from(clean(&r.template, 20)),
                Cell::from(r.date.to_string()),
                Cell::from(r.phase.title()),
                Cell::from(r.cards.to_string()),
                Cell::from(r.participants.to_string()),
            ])
            .style(style)
        });
    let widths = [
        Constraint::Length(4),
        Constraint::Length(14),
        Constraint::Min(12),
        Constraint::Length(20),
        Constraint::Length(10),
        Constraint::Length(8),
        Constraint::Length(5),
        Constraint::Length(6),
    ];
    let header = Row::new([
        "#", "Team", "Title", "Template", "Date", "Phase", "Cards", "People",
    ])
    .style(theme.header);
    frame.render_widget(Table::new(rows, widths).header(header), inner);
    ClickAreas::table(inner, first)
}

/// Lines of a list with the selected one highlighted and kept in view.
pub(super) fn scrolled<'a>(
    lines: Vec<Line<'a>>,
    selected: Option<usize>,
    height: usize,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let first = selected.map_or(0, |s| s.saturating_sub(height.saturating_sub(1)));
    lines
        .into_iter()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(i, line)| {
            if Some(i) == selected {
                line.style(theme.selected)
            } else {
                line
            }
        })
        .collect()
}
