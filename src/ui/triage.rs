//! The triage table: only the rows on screen are turned into widgets, so the
//! cost of a frame does not depend on how many items there are. Columns adapt
//! to the width and to the active scoring model: the title gets its room
//! first, and where the width is short the tags, then the model's factors
//! are left out and then source and status abbreviated (`plan_columns`),
//! which the table's title says; the detail pane shows them all.

use crate::app::ClickAreas;
use crate::app::Model;
use crate::config::{Command, Mode};
use crate::domain::feedback::{Source, Status};
use crate::domain::scoring::{ScoringModel, format_number};
use crate::domain::sentiment::Sentiment;
use crate::domain::text::{cut_to_width, sanitize_line};
use crate::domain::triage::TriageRow;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, Wrap};

/// The title column's least width, whatever else has to give way.
const MIN_TITLE_WIDTH: u16 = 12;
/// The title width other columns give way to, in the order of `plan_columns`.
const COMFORTABLE_TITLE_WIDTH: u16 = 34;
const TAGS_WIDTH: u16 = 18;
const SOURCE_WIDTH: u16 = 9;
const STATUS_WIDTH: u16 = 11;
const SHORT_WIDTH: u16 = 5;

/// Which of the optional columns the table shows at a width, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ColumnPlan {
    tags: bool,
    factors: bool,
    short_source: bool,
    short_status: bool,
    title: u16,
}

impl ColumnPlan {
    /// What the table's title says about what gave way, if anything.
    fn marker(&self, factors: &[FactorColumn]) -> Option<String> {
        let mut hidden = Vec::new();
        if !self.tags {
            hidden.push("Tags".to_string());
        }
        if !self.factors {
            hidden.extend(factors.iter().map(|(name, ..)| name.to_string()));
        }
        let short: Vec<&str> = [(self.short_source, "Source"), (self.short_status, "Status")]
            .into_iter()
            .filter_map(|(short, name)| short.then_some(name))
            .collect();
        let mut parts = Vec::new();
        if !hidden.is_empty() {
            parts.push(format!("hidden: {}", hidden.join(" ")));
        }
        if !short.is_empty() {
            parts.push(format!("short: {}", short.join(" ")));
        }
        (!parts.is_empty())
            .then(|| format!("Feedback · {} (enter: all in detail)", parts.join(" · ")))
    }
}

/// Gives the title its room first: while it would be narrower than
/// `COMFORTABLE_TITLE_WIDTH`, the tags go, then the model's factors, then
/// source and then status are abbreviated. `fixed` is the width of the
/// columns that always show, gaps included; `factors` that of the factor
/// columns with their gaps.
fn plan_columns(width: u16, fixed: u16, factors: u16) -> ColumnPlan {
    let mut plan = ColumnPlan {
        tags: true,
        factors: true,
        short_source: false,
        short_status: false,
        title: 0,
    };
    let title = |p: &ColumnPlan| {
        let used = fixed
            + if p.tags { TAGS_WIDTH + 1 } else { 0 }
            + if p.factors { factors } else { 0 }
            + if p.short_source {
                SHORT_WIDTH
            } else {
                SOURCE_WIDTH
            }
            + if p.short_status {
                SHORT_WIDTH
            } else {
                STATUS_WIDTH
            };
        width.saturating_sub(used)
    };
    let steps: [fn(&mut ColumnPlan); 4] = [
        |p| p.tags = false,
        |p| p.factors = false,
        |p| p.short_source = true,
        |p| p.short_status = true,
    ];
    for step in steps {
        if title(&plan) >= COMFORTABLE_TITLE_WIDTH {
            break;
        }
        step(&mut plan);
    }
    plan.title = title(&plan).max(MIN_TITLE_WIDTH);
    plan
}

/// A source in at most `SHORT_WIDTH` columns.
fn short_source(source: Source) -> &'static str {
    match source {
        Source::Survey => "surv",
        Source::Nps => "nps",
        Source::Support => "supp",
        Source::Analytics => "anlyt",
        Source::Retro => "retro",
        Source::Interview => "intvw",
        Source::Other => "other",
    }
}

/// A status in at most `SHORT_WIDTH` columns.
fn short_status(status: Status) -> &'static str {
    match status {
        Status::New => "new",
        Status::Triaged => "triag",
        Status::Planned => "plan",
        Status::InProgress => "prog",
        Status::Done => "done",
        Status::WontDo => "wont",
    }
}

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
            ("Reach", 7, |r| opt(r.rice().reach)),
            ("Imp", 4, |r| opt(r.rice().impact.map(|i| i.value()))),
            ("Conf", 4, |r| {
                r.rice()
                    .confidence
                    .map_or("–".into(), |c| format!("{}%", format_number(c)))
            }),
            ("Eff", 4, |r| opt(r.rice().effort)),
        ],
        ScoringModel::Ice => vec![
            ("I", 2, |r| opt(r.ice().impact.map(f64::from))),
            ("C", 2, |r| opt(r.ice().confidence.map(f64::from))),
            ("E", 2, |r| opt(r.ice().ease.map(f64::from))),
        ],
        ScoringModel::Wsjf => vec![
            ("BV", 3, |r| opt(r.wsjf().business_value)),
            ("TC", 3, |r| opt(r.wsjf().time_criticality)),
            ("RR", 3, |r| opt(r.wsjf().risk_reduction)),
            ("Size", 4, |r| opt(r.wsjf().job_size)),
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

    let height = inner.height.saturating_sub(1) as usize;
    // The model keeps the selection inside its window; if this frame is
    // shorter than the model thinks, scroll locally so the selection shows.
    let selected = list.selected_position();
    let mut first = list.offset();
    if selected >= first + height {
        first = selected + 1 - height.max(1);
    }

    let factors = factor_columns(list.model());
    let score_model = list.model();
    // The id column is as wide as the widest id on screen, so `feedback
    // score ID` and `duplicates merge` can be typed from what is shown.
    let id_width = list
        .window(first, height)
        .map(|row| row.id.to_string().len())
        .max()
        .unwrap_or(1) as u16;
    // Id, K, ±, × and score, and the gaps between the columns that always show.
    let fixed = id_width + 1 + 1 + 3 + 7 + 7;
    let factor_width: u16 = factors.iter().map(|(_, width, _)| width + 1).sum();
    let plan = plan_columns(inner.width, fixed, factor_width);
    let shown_factors: &[FactorColumn] = if plan.factors { &factors } else { &[] };
    let title = plan.marker(&factors);
    frame.render_widget(
        super::titled_block(title.as_deref().unwrap_or("Feedback"), theme.border, theme),
        area,
    );
    let mut widths = vec![
        Constraint::Length(id_width),
        Constraint::Min(MIN_TITLE_WIDTH),
        Constraint::Length(if plan.short_source {
            SHORT_WIDTH
        } else {
            SOURCE_WIDTH
        }),
        Constraint::Length(if plan.short_status {
            SHORT_WIDTH
        } else {
            STATUS_WIDTH
        }),
    ];
    let id_header = format!("{:>width$}", "#", width = id_width as usize);
    let mut header = vec![id_header.as_str(), "Title", "Source", "Status"];
    if plan.tags {
        widths.push(Constraint::Length(TAGS_WIDTH));
        header.push("Tags");
    }
    widths.push(Constraint::Length(1));
    header.push("K");
    widths.push(Constraint::Length(1));
    header.push("±");
    widths.push(Constraint::Length(3));
    header.push("  ×");
    for (name, width, _) in shown_factors {
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
    let title_width = usize::from(plan.title);
    let rows = list.window(first, height).enumerate().map(|(i, row)| {
        let mut cells = vec![
            Cell::from(Line::from(row.id.to_string()).right_aligned()).style(theme.muted),
            Cell::from(cut_to_width(&sanitize_line(&row.title), title_width)),
            Cell::from(if plan.short_source {
                short_source(row.source)
            } else {
                row.source.name()
            }),
            Cell::from(if plan.short_status {
                short_status(row.status)
            } else {
                row.status.name()
            }),
        ];
        if plan.tags {
            cells.push(Cell::from(cut_to_width(
                &sanitize_line(&row.tags.join(", ")),
                usize::from(TAGS_WIDTH),
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
        for (_, _, value) in shown_factors {
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
