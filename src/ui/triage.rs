//! The triage table: only the rows on screen are turned into widgets, so the
//! cost of a frame does not depend on how many items there are. Columns adapt
//! to the width and to the active scoring model.

use crate::app::ClickAreas;
use crate::app::Model;
use crate::config::{Command, Mode};
use crate::domain::scoring::{ScoringModel, format_number};
use crate::domain::sentiment::Sentiment;
use crate::domain::text::{cut_to_width, sanitize_line};
use crate::domain::triage::TriageRow;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, Wrap};

/// The title column's least width: what is left at the 80-column minimum
/// once every other column (the id's up to 4 digits) has its room.
const MIN_TITLE_WIDTH: u16 = 12;

/// Rows of the table's body inside `area` (borders and header excluded).
pub(super) fn body_height(area: Rect) -> u16 {
    area.height.saturating_sub(3)
}

fn opt(value: Option<f64>) -> String {
    value.map(format_number).unwrap_or_else(|| "–".into())
}

fn score_text(score: Option<f64>) -> String {
    match score {
        Some(s) if s >= 100.0 => format!("{s:.0}"),
        Some(s) => format!("{s:.1}"),
        None => "–".into(),
    }
}

/// Model-specific factor columns: (header, width, value of a row).
type FactorColumn = (&'static str, u16, fn(&TriageRow) -> String);

fn factor_columns(model: ScoringModel) -> Vec<FactorColumn> {
    match model {
        ScoringModel::Rice => vec![
            ("Reach", 7, |r| opt(r.rice.reach)),
            ("Imp", 4, |r| opt(r.rice.impact.map(|i| i.value()))),
            ("Conf", 4, |r| {
                r.rice
                    .confidence
                    .map_or("–".into(), |c| format!("{}%", format_number(c)))
            }),
            ("Eff", 4, |r| opt(r.rice.effort)),
        ],
        ScoringModel::Ice => vec![
            ("I", 2, |r| opt(r.ice.impact.map(f64::from))),
            ("C", 2, |r| opt(r.ice.confidence.map(f64::from))),
            ("E", 2, |r| opt(r.ice.ease.map(f64::from))),
        ],
        ScoringModel::Wsjf => vec![
            ("BV", 3, |r| opt(r.wsjf.business_value)),
            ("TC", 3, |r| opt(r.wsjf.time_criticality)),
            ("RR", 3, |r| opt(r.wsjf.risk_reduction)),
            ("Size", 4, |r| opt(r.wsjf.job_size)),
        ],
    }
}

pub(super) fn draw(model: &Model, frame: &mut Frame, area: Rect) -> ClickAreas {
    let theme = &model.config.theme;
    let list = &model.triage.list;
    let block = super::titled_block("Feedback", theme.border, theme);
    if list.total() == 0 || list.visible_len() == 0 {
        draw_empty(model, frame, area, block);
        return ClickAreas::default();
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let height = inner.height.saturating_sub(1) as usize;
    // The model keeps the selection inside its window; if this frame is
    // shorter than the model thinks, scroll locally so the selection shows.
    let selected = list.selected_position();
    let mut first = list.offset();
    if selected >= first + height {
        first = selected + 1 - height.max(1);
    }

    let show_tags = inner.width >= 110;
    let factors = factor_columns(list.model());
    let score_model = list.model();
    // The id column is as wide as the widest id on screen, so `feedback
    // score ID` and `duplicates merge` can be typed from what is shown.
    let id_width = list
        .window(first, height)
        .map(|row| row.id.to_string().len())
        .max()
        .unwrap_or(1) as u16;
    let mut widths = vec![
        Constraint::Length(id_width),
        Constraint::Min(MIN_TITLE_WIDTH),
        Constraint::Length(9),
        Constraint::Length(11),
    ];
    let id_header = format!("{:>width$}", "#", width = id_width as usize);
    let mut header = vec![id_header.as_str(), "Title", "Source", "Status"];
    if show_tags {
        widths.push(Constraint::Length(18));
        header.push("Tags");
    }
    widths.push(Constraint::Length(1));
    header.push("K");
    widths.push(Constraint::Length(1));
    header.push("±");
    widths.push(Constraint::Length(3));
    header.push("  ×");
    for (name, width, _) in &factors {
        widths.push(Constraint::Length(*width));
        header.push(name);
    }
    widths.push(Constraint::Length(7));
    let score_header = format!(
        "{:>7}",
        match score_model {
            ScoringModel::Ice => "I×C×E",
            ScoringModel::Rice => "RICE",
            ScoringModel::Wsjf => "WSJF",
        }
    );

    let fixed: u16 = widths
        .iter()
        .map(|c| match c {
            Constraint::Length(n) => *n,
            _ => 0,
        })
        .sum::<u16>()
        + (widths.len() as u16 - 1);
    let title_width = inner.width.saturating_sub(fixed).max(MIN_TITLE_WIDTH) as usize;
    let rows = list.window(first, height).enumerate().map(|(i, row)| {
        let mut cells = vec![
            Cell::from(Line::from(row.id.to_string()).right_aligned()).style(theme.muted),
            Cell::from(cut_to_width(&sanitize_line(&row.title), title_width)),
            Cell::from(row.source.name()),
            Cell::from(row.status.name()),
        ];
        if show_tags {
            cells.push(Cell::from(cut_to_width(
                &sanitize_line(&row.tags.join(", ")),
                18,
            )));
        }
        let kano = list.kano_of(row.id).map_or(' ', |c| c.letter());
        cells.push(Cell::from(kano.to_string()));
        cells.push(match row.sentiment {
            Sentiment::Positive => Cell::from("+").style(theme.success),
            Sentiment::Negative => Cell::from("-").style(theme.error),
            Sentiment::Neutral => Cell::from(" "),
        });
        cells.push(Cell::from(
            Line::from(match row.mentions {
                0 | 1 => String::new(),
                n @ 2..=99 => format!("×{n}"),
                _ => "99+".to_string(),
            })
            .right_aligned(),
        ));
        for (_, _, value) in &factors {
            cells.push(Cell::from(value(row)));
        }
        cells.push(
            Cell::from(Line::from(score_text(row.score(score_model))).right_aligned())
                .style(theme.score),
        );
        let style = if first + i == selected {
            theme.selected
        } else {
            Style::default()
        };
        Row::new(cells).style(style)
    });
    let mut header_cells: Vec<Cell> = header.into_iter().map(Cell::from).collect();
    header_cells.push(Cell::from(score_header));
    let table = Table::new(rows, widths)
        .header(Row::new(header_cells).style(theme.header))
        .column_spacing(1);
    frame.render_widget(table, inner);

    ClickAreas::table(inner, first)
}

fn draw_empty(model: &Model, frame: &mut Frame, area: Rect, block: Block<'_>) {
    let theme = &model.config.theme;
    let keymap = &model.config.keymap;
    let key = |c| Span::styled(keymap.keys_for(Mode::Triage, c), theme.key);
    let lines = if model.triage.list.total() == 0 {
        vec![
            Line::from(Span::styled("No feedback yet.", theme.header)),
            Line::from(""),
            Line::from(vec![
                Span::raw("Press "),
                key(Command::Add),
                Span::raw(" to add an item here, or from a shell:"),
            ]),
            Line::from(Span::styled(
                "  retriage feedback add --title \"…\" --source support",
                theme.accent,
            )),
            Line::from(""),
            Line::from("To look around with example data first:"),
            Line::from(Span::styled("  retriage --demo", theme.accent)),
            Line::from(""),
            Line::from(vec![key(Command::Help), Span::raw(" shows every key.")]),
        ]
    } else {
        vec![
            Line::from(Span::styled("No items match the filters.", theme.header)),
            Line::from(""),
            Line::from(vec![key(Command::Back), Span::raw(" clears them.")]),
        ]
    };
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .centered(),
        area,
    );
}

pub(super) fn draw_filter_line(model: &Model, frame: &mut Frame, area: Rect) {
    let theme = &model.config.theme;
    let triage = &model.triage;
    let line = Line::from(vec![
        Span::styled(" / ", theme.key),
        Span::styled(
            super::with_cursor(&triage.filter, triage.filter_typing),
            theme.text,
        ),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}
