//! The Kano screen: the surveyed features with their category, answer counts,
//! Better and Worse; a Better vs |Worse| chart with the four quadrants
//! labelled (after Timko's satisfaction coefficients), the selected feature
//! drawn over them with its name beside it (a quadrant label in its way
//! gives way); and the selected feature's answer distribution as a bar
//! chart.

use crate::app::ClickAreas;
use crate::app::Model;
use crate::app::kano::KanoRow;
use crate::config::{Command, Mode};
use crate::domain::kano::Category;
use crate::domain::text::{cut_to_width, display_width, sanitize_line};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Bar, BarChart, BarGroup, Cell, Chart, Dataset, GraphType, Paragraph, Row, Table, Wrap,
};

fn opt(v: Option<f64>) -> String {
    v.map_or("–".into(), |x| format!("{x:.2}"))
}

pub(super) fn draw(model: &Model, frame: &mut Frame, area: Rect) -> ClickAreas {
    let theme = &model.config.theme;
    let view = &model.kano;
    if view.rows.is_empty() {
        let keymap = &model.config.keymap;
        let back = keymap.keys_for(Mode::Kano, Command::ShowTriage);
        let lines = vec![
            Line::from(Span::styled("No Kano survey answers yet.", theme.header)),
            Line::from(""),
            Line::from("Import a survey from a shell (long format or a Google Forms export):"),
            Line::from(Span::styled(
                "  retriage kano import survey.csv",
                theme.accent,
            )),
            Line::from(""),
            Line::from(vec![
                Span::styled(back, theme.key),
                Span::raw(" goes back to the triage table."),
            ]),
        ];
        frame.render_widget(
            Paragraph::new(lines)
                .block(super::titled_block("Kano", theme.border, theme))
                .wrap(Wrap { trim: false })
                .centered(),
            area,
        );
        return ClickAreas::default();
    }
    let (list_area, chart_area, bars_area) = if area.width >= 140 {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
                .areas(area);
        let [chart, bars] =
            Layout::vertical([Constraint::Percentage(65), Constraint::Percentage(35)]).areas(right);
        (left, chart, bars)
    } else {
        let [top, bottom] =
            Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(area);
        let [chart, bars] =
            Layout::horizontal([Constraint::Percentage(62), Constraint::Percentage(38)])
                .areas(bottom);
        (top, chart, bars)
    };
    let areas = draw_list(model, frame, list_area);
    draw_chart(model, frame, chart_area);
    draw_bars(model, frame, bars_area);
    areas
}

fn draw_list(model: &Model, frame: &mut Frame, area: Rect) -> ClickAreas {
    let theme = &model.config.theme;
    let view = &model.kano;
    let outer = super::titled_block("Features", theme.border, theme);
    let inner = outer.inner(area);
    frame.render_widget(outer, area);
    let height = inner.height.saturating_sub(1) as usize;
    let first = if view.selected >= height {
        view.selected + 1 - height.max(1)
    } else {
        0
    };
    let title_width = inner.width.saturating_sub(4 + 18 + 6 + 6 + 5 + 5) as usize;
    let rows = view
        .rows
        .iter()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(i, row)| {
            let a = &row.analysis;
            let c = &a.counts;
            let style = if i == view.selected {
                theme.selected
            } else {
                Style::default()
            };
            Row::new(vec![
                Cell::from(cut_to_width(&sanitize_line(&row.title), title_width.max(8))),
                Cell::from(a.category.map_or("–", |c| c.name())),
                Cell::from(format!("{:>3}", a.n)),
                Cell::from(format!("{}/{}/{}/{}/{}/{}", c.a, c.o, c.m, c.i, c.r, c.q)),
                Cell::from(Line::from(opt(a.better)).right_aligned()),
                Cell::from(Line::from(opt(a.worse)).right_aligned()),
            ])
            .style(style)
        });
    let widths = [
        Constraint::Min(8),
        Constraint::Length(15),
        Constraint::Length(3),
        Constraint::Length(14),
        Constraint::Length(6),
        Constraint::Length(6),
    ];
    let header = Row::new([
        "Feature",
        "Category",
        "n",
        "A/O/M/I/R/Q",
        "Better",
        " Worse",
    ])
    .style(theme.header);
    frame.render_widget(
        Table::new(rows, widths).header(header).column_spacing(1),
        inner,
    );
    ClickAreas::table(inner, first)
}

fn point(row: &KanoRow) -> Option<(f64, f64)> {
    let a = &row.analysis;
    Some((a.worse?.abs(), a.better?))
}

fn draw_chart(model: &Model, frame: &mut Frame, area: Rect) {
    let theme = &model.config.theme;
    let view = &model.kano;
    let selected = view.selected_row();
    let others: Vec<(f64, f64)> = view
        .rows
        .iter()
        .filter(|r| Some(r.feedback_id) != selected.map(|s| s.feedback_id))
        .filter_map(point)
        .collect();
    let vertical = [(0.5, 0.0), (0.5, 1.0)];
    let horizontal = [(0.0, 0.5), (1.0, 0.5)];
    let datasets = vec![
        Dataset::default()
            .graph_type(GraphType::Line)
            .marker(Marker::Braille)
            .style(theme.border)
            .data(&vertical),
        Dataset::default()
            .graph_type(GraphType::Line)
            .marker(Marker::Braille)
            .style(theme.border)
            .data(&horizontal),
        Dataset::default()
            .graph_type(GraphType::Scatter)
            .marker(Marker::Dot)
            .style(theme.accent)
            .data(&others),
    ];
    let labels = |axis: &'static str| {
        vec![
            Span::styled("0", theme.muted),
            Span::styled("0.5", theme.muted),
            Span::styled(axis, theme.muted),
        ]
    };
    let chart = Chart::new(datasets)
        .block(super::titled_block(
            "Better vs |Worse|",
            theme.border,
            theme,
        ))
        .x_axis(
            Axis::default()
                .title(Span::styled("|Worse| →", theme.muted))
                .bounds([0.0, 1.0])
                .labels(labels("1")),
        )
        .y_axis(
            Axis::default()
                .title(Span::styled("Better", theme.muted))
                .bounds([0.0, 1.0])
                .labels(labels("1")),
        );
    frame.render_widget(chart, area);

    // The plotting area: inside the block, right of the y labels and their
    // axis, above the x axis and its labels. The axis titles sit on its
    // first row (left) and last row (right).
    let plot = Rect {
        x: area.x + 5,
        y: area.y + 1,
        width: area.width.saturating_sub(6),
        height: area.height.saturating_sub(4),
    };
    let axis_titles = [
        Rect::new(plot.x, plot.y, 6, 1),
        Rect::new(
            (plot.x + plot.width).saturating_sub(9),
            plot.y + plot.height.saturating_sub(1),
            9,
            1,
        ),
    ];
    // Quadrant names in the corners of the plot, clear of the axis titles.
    let quadrants: Vec<(Rect, &str)> = if plot.width >= 30 && plot.height >= 6 {
        let corner = |text: &'static str, right: bool, bottom: bool| {
            let w = text.chars().count() as u16;
            let x = if right {
                plot.x + plot.width - w - 2
            } else {
                plot.x + 1
            };
            let y = if bottom {
                plot.y + plot.height - 2
            } else {
                plot.y + 1
            };
            (Rect::new(x, y, w, 1), text)
        };
        vec![
            corner("Attractive", false, false),
            corner("Performance", true, false),
            corner("Indifferent", false, true),
            corner("Must-be", true, true),
        ]
    } else {
        Vec::new()
    };
    let labels: Vec<Rect> = quadrants.iter().map(|(rect, _)| *rect).collect();
    let selected = selected
        .and_then(|row| Some((row, point(row)?)))
        .map(|(row, p)| place_selected(plot, p, &sanitize_line(&row.title), &axis_titles, &labels));
    // A quadrant name the selected feature covers gives way to it.
    for (rect, text) in quadrants {
        let covered = selected
            .as_ref()
            .is_some_and(|s| s.dot.intersects(rect) || s.name.intersects(rect));
        if !covered {
            frame.render_widget(Paragraph::new(Span::styled(text, theme.muted)), rect);
        }
    }
    if let Some(selected) = selected {
        frame.render_widget(Paragraph::new(Span::styled("●", theme.score)), selected.dot);
        frame.render_widget(
            Paragraph::new(Span::styled(selected.text, theme.score)),
            selected.name,
        );
    }
}

/// Where the selected feature is drawn: its dot, and its name beside it.
struct Selected {
    dot: Rect,
    name: Rect,
    text: String,
}

/// Places the selected point (|Worse|, Better) in `plot` as the chart
/// places points, and its name to its right, or to its left where the
/// right has no room: on the point's row, else the row above or below,
/// whichever first keeps clear of the axis titles (always) and the
/// quadrant `labels` (if it can).
fn place_selected(
    plot: Rect,
    (x, y): (f64, f64),
    title: &str,
    axis_titles: &[Rect],
    labels: &[Rect],
) -> Selected {
    let last_col = plot.width.saturating_sub(1);
    let last_row = plot.height.saturating_sub(1);
    let col = plot.x + (x.clamp(0.0, 1.0) * f64::from(last_col)).round() as u16;
    let row = plot.y + ((1.0 - y.clamp(0.0, 1.0)) * f64::from(last_row)).round() as u16;
    let dot = Rect::new(col, row, 1, 1);
    let right_room = (plot.x + plot.width).saturating_sub(col + 2);
    let left_room = col.saturating_sub(plot.x + 1);
    let (room, on_right) = if right_room >= 12 || right_room >= left_room {
        (right_room, true)
    } else {
        (left_room, false)
    };
    let text = cut_to_width(title, usize::from(room));
    let width = display_width(&text) as u16;
    let x = if on_right { col + 2 } else { col - 1 - width };
    let rows = [
        row,
        row.saturating_sub(1).max(plot.y),
        (row + 1).min(plot.y + last_row),
    ];
    let clear_of = |rect: &Rect, taken: &[Rect]| !taken.iter().any(|t| t.intersects(*rect));
    let candidates: Vec<Rect> = rows.iter().map(|&r| Rect::new(x, r, width, 1)).collect();
    let name = candidates
        .iter()
        .find(|rect| clear_of(rect, axis_titles) && clear_of(rect, labels))
        .or_else(|| candidates.iter().find(|rect| clear_of(rect, axis_titles)))
        .copied()
        .unwrap_or(candidates[0]);
    Selected { dot, name, text }
}

fn draw_bars(model: &Model, frame: &mut Frame, area: Rect) {
    let theme = &model.config.theme;
    let Some(row) = model.kano.selected_row() else {
        return;
    };
    let title = format!("Answers: {}", sanitize_line(&row.title));
    let outer = super::titled_block(&title, theme.border, theme);
    let counts = &row.analysis.counts;
    let bars: Vec<Bar> = [
        Category::Attractive,
        Category::OneDimensional,
        Category::MustBe,
        Category::Indifferent,
        Category::Reverse,
        Category::Questionable,
    ]
    .into_iter()
    .map(|c| {
        let style = if row.analysis.category == Some(c) {
            theme.score
        } else {
            theme.accent
        };
        Bar::default()
            .value(u64::from(counts.get(c)))
            .label(Line::from(c.letter().to_string()))
            .style(style)
            .value_style(theme.selected)
    })
    .collect();
    let inner_width = outer.inner(area).width;
    let bar_width = (inner_width.saturating_sub(6) / 6).clamp(1, 7);
    frame.render_widget(
        BarChart::default()
            .block(outer)
            .data(BarGroup::default().bars(&bars))
            .bar_width(bar_width)
            .bar_gap(1),
        area,
    );
}
