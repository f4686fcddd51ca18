//! Drawing. `view` reads the model and draws a whole frame; it never changes
//! the model. One module per screen or overlay; this one owns the frame
//! layout (header, body, footer), the overlays' placement and the
//! too-small-terminal message. All outside text passes through
//! `domain::text` before it is drawn.

mod action_items;
mod confirm;
mod dashboard;
mod detail;
mod duplicates;
mod form;
mod help;
mod import;
mod kano;
mod retro;
mod status_picker;
mod triage;

use crate::app::{ClickAreas, DetailArea, Model, Notice, Overlay, SCREENS, Screen};
use crate::config::{Mode, Theme};
use crate::domain::text::sanitize_line;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

/// The smallest terminal the app draws in.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

impl ClickAreas {
    /// A table drawn in `inner` whose first line is its header row.
    fn table(inner: Rect, first_row: usize) -> ClickAreas {
        ClickAreas {
            list_body: Rect {
                y: inner.y + 1,
                height: inner.height.saturating_sub(1),
                ..inner
            },
            first_row,
            detail: DetailArea::default(),
        }
    }
}

/// The number of triage table rows a terminal of this size shows.
pub fn table_rows_for(width: u16, height: u16, model: &Model) -> usize {
    let body = body_area(Rect::new(0, 0, width, height), shows_filter_line(model));
    let table = match place_detail(body, model.triage.detail_open) {
        DetailPlace::Beside { table, .. } => table,
        DetailPlace::None | DetailPlace::Over(_) => body,
    };
    triage::body_height(table) as usize
}

fn body_area(area: Rect, filter_line: bool) -> Rect {
    let [_, _, body, _] = frame_layout(area, filter_line);
    body
}

fn frame_layout(area: Rect, filter_line: bool) -> [Rect; 4] {
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(u16::from(filter_line)),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area)
}

/// The table's least width beside the detail pane (the 80-column minimum).
const TABLE_MIN_WIDTH: u16 = MIN_WIDTH;
/// The detail pane's least width at the side.
const DETAIL_MIN_WIDTH: u16 = 40;
/// The least height of a body split between table and detail pane.
const STACKED_MIN_HEIGHT: u16 = 30;

/// Where the detail pane goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DetailPlace {
    /// Closed.
    None,
    /// Beside the table (right) or below it.
    Beside { table: Rect, detail: Rect },
    /// Over the table, the whole body.
    Over(Rect),
}

/// Places the detail pane where it leaves the most table rows: at the side
/// when the table keeps its minimum width there (every row stays), else
/// below when the body is tall enough to share, else over the table.
fn place_detail(body: Rect, open: bool) -> DetailPlace {
    if !open {
        return DetailPlace::None;
    }
    if body.width >= TABLE_MIN_WIDTH + DETAIL_MIN_WIDTH {
        let detail = (body.width * 2 / 5).max(DETAIL_MIN_WIDTH);
        let [table, detail] =
            Layout::horizontal([Constraint::Min(TABLE_MIN_WIDTH), Constraint::Length(detail)])
                .areas(body);
        DetailPlace::Beside { table, detail }
    } else if body.height >= STACKED_MIN_HEIGHT {
        let [table, detail] =
            Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(body);
        DetailPlace::Beside { table, detail }
    } else {
        DetailPlace::Over(body)
    }
}

/// Whether the filter line is shown.
pub fn shows_filter_line(model: &Model) -> bool {
    model.screen == Screen::Triage && model.triage.shows_filter_line()
}

/// Draws the whole screen.
pub fn view(model: &Model, frame: &mut Frame) -> ClickAreas {
    let area = frame.area();
    let theme = &model.config.theme;
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = format!(
            "retriage needs a terminal of at least {MIN_WIDTH}×{MIN_HEIGHT}; this one is {}×{}.",
            area.width, area.height
        );
        frame.render_widget(
            Paragraph::new(text)
                .style(theme.error)
                .wrap(Wrap { trim: true }),
            area,
        );
        return ClickAreas::default();
    }
    let filter_line = shows_filter_line(model);
    let [header, filter, body, footer] = frame_layout(area, filter_line);
    draw_header(model, frame, header);
    let areas = match model.screen {
        Screen::Triage => {
            if filter_line {
                triage::draw_filter_line(model, frame, filter);
            }
            match place_detail(body, model.triage.detail_open) {
                DetailPlace::None => triage::draw(model, frame, body),
                DetailPlace::Beside { table, detail } => {
                    let areas = triage::draw(model, frame, table);
                    ClickAreas {
                        detail: detail::draw(model, frame, detail),
                        ..areas
                    }
                }
                DetailPlace::Over(area) => {
                    // The table stays behind it (it pages as if shown),
                    // but takes no clicks.
                    clear(frame, area);
                    ClickAreas {
                        detail: detail::draw(model, frame, area),
                        ..ClickAreas::default()
                    }
                }
            }
        }
        Screen::Kano => kano::draw(model, frame, body),
        Screen::Duplicates => duplicates::draw(model, frame, body),
        Screen::Retro => retro::draw(model, frame, body),
        Screen::Actions => action_items::draw(model, frame, body),
        Screen::Dashboard => dashboard::draw(model, frame, body),
    };
    draw_footer(model, frame, footer);

    for overlay in model.overlays.iter() {
        match overlay {
            Overlay::Import(flow) => {
                import::draw(flow, theme, &hints(model, Mode::Import), frame, area)
            }
            Overlay::Form(form) => form::draw(form, theme, &hints(model, Mode::Form), frame, area),
            Overlay::Help(help) => help::draw(&model.config, help.scroll, frame, area),
            Overlay::Question(question) => confirm::draw(question, theme, frame, area),
            Overlay::StatusPicker(picker) => status_picker::draw(picker, theme, frame, area),
        }
    }
    areas
}

fn draw_header(model: &Model, frame: &mut Frame, area: Rect) {
    let theme = &model.config.theme;
    // Narrow terminals keep the room for the summary (the NPS above all).
    // Tabs take less room as the terminal narrows: full titles from 140
    // columns, short ones from 110, below that only the active tab's.
    let roomy = area.width >= 140;
    let wide = area.width >= 110;
    let mut spans = Vec::new();
    if roomy {
        spans.push(Span::styled(" retriage ", theme.accent));
    }
    // One tab per screen, labelled with the key that switches to it here.
    let mode = model.screen.info().mode;
    for info in &SCREENS {
        let key = model.config.keymap.first_key(mode, info.switch);
        let active = model.screen == info.screen;
        let title = if roomy { info.title } else { info.short_title };
        let label = match (key, wide || active) {
            (Some(key), true) => format!(" {key} {title} "),
            (Some(key), false) => format!(" {key}"),
            (None, _) => format!(" {title} "),
        };
        let style = if active {
            theme.tab_active
        } else {
            theme.muted
        };
        spans.push(Span::styled(label, style));
        spans.push(Span::raw(" "));
    }
    spans.push(Span::raw(" "));
    match model.screen {
        Screen::Triage => triage_summary(model, &mut spans),
        Screen::Kano => {
            let view = &model.kano;
            spans.push(Span::styled(
                format!("{} features", view.rows.len()),
                theme.text,
            ));
            spans.push(Span::styled(
                format!(
                    "  sort {}  tie window {:.0} pts  table {}",
                    view.sort.name(),
                    view.settings.tie_window,
                    view.settings.table.name()
                ),
                theme.muted,
            ));
        }
        Screen::Duplicates => {
            let view = &model.duplicates;
            let noun = if view.pairs.len() == 1 {
                "pair"
            } else {
                "pairs"
            };
            let more = if view.pairs.len() == crate::domain::duplicates::MAX_PAIRS {
                "+"
            } else {
                ""
            };
            spans.push(Span::styled(
                format!("{}{more} {noun}", view.pairs.len()),
                theme.text,
            ));
            spans.push(Span::styled(
                format!("  similarity ≥ {:.0}%", view.threshold * 100.0),
                theme.muted,
            ));
            if view.searching {
                spans.push(Span::styled("  searching…", theme.accent));
            } else if !view.complete {
                spans.push(Span::styled("  search cut short", theme.error));
            }
        }
        Screen::Retro => {
            let text = match &model.retro.board {
                Some(board) => format!("retro {} · {}", board.id, board.phase.title()),
                None => format!("{} retros", model.retro.retros.len()),
            };
            spans.push(Span::styled(text, theme.text));
        }
        Screen::Actions => {
            let view = &model.action_items;
            spans.push(Span::styled(
                format!("{} actions", view.all.len()),
                theme.text,
            ));
            let filters: Vec<String> = [
                view.team
                    .as_ref()
                    .map(|t| format!("team={}", sanitize_line(t))),
                view.owner
                    .as_ref()
                    .map(|o| format!("owner={}", sanitize_line(o))),
                view.status.map(|s| format!("status={s}")),
            ]
            .into_iter()
            .flatten()
            .collect();
            if !filters.is_empty() {
                spans.push(Span::styled(
                    format!("  {}", filters.join("  ")),
                    theme.accent,
                ));
            }
        }
        Screen::Dashboard => dashboard::summary(model, &mut spans),
    }
    let left = Line::from(spans);
    let db = sanitize_line(&model.db_label).into_owned();
    let db_width = db.chars().count().min(40) as u16 + 1;
    // The database name gives way when the summary needs the room.
    if left.width() as u16 + db_width > area.width {
        frame.render_widget(Paragraph::new(left), area);
        return;
    }
    let [l, r] = Layout::horizontal([Constraint::Min(0), Constraint::Length(db_width)]).areas(area);
    frame.render_widget(Paragraph::new(left), l);
    frame.render_widget(
        Paragraph::new(Span::styled(db, theme.muted)).right_aligned(),
        r,
    );
}

fn triage_summary(model: &Model, spans: &mut Vec<Span<'static>>) {
    let theme = &model.config.theme;
    let list = &model.triage.list;
    if let Some(total) = model.triage.loading {
        let shown = format!("loading {total} items…");
        spans.push(Span::styled(shown, theme.accent));
        return;
    }
    let noun = if list.total() == 1 { "item" } else { "items" };
    let shown = if list.shows_filtered() {
        format!("{} of {} {noun}", list.visible_len(), list.total())
    } else {
        format!("{} {noun}", list.total())
    };
    spans.push(Span::styled(shown, theme.text));
    // Said early, so that a narrow terminal does not cut it off.
    if let Some(arranging) = list.arranging() {
        spans.push(Span::styled(format!("  {arranging}"), theme.accent));
    }
    let arrow = if list.reversed() { "↑" } else { "↓" };
    spans.push(Span::styled(
        format!(
            "  sort {} {arrow}  model {}",
            list.sort().name(),
            list.model().label()
        ),
        theme.muted,
    ));
    if let Some(status) = list.status_filter() {
        spans.push(Span::styled(format!("  status={status}"), theme.accent));
    }
    if let Some(source) = list.source_filter() {
        spans.push(Span::styled(format!("  source={source}"), theme.accent));
    }
    if let Some((nps, n)) = list.visible_nps() {
        spans.push(Span::styled(format!("  NPS {nps:+} (n={n})"), theme.accent));
    }
    if let Some(category) = list.kano_filter() {
        spans.push(Span::styled(
            format!("  kano={}", category.name()),
            theme.accent,
        ));
    }
    if let Some(sentiment) = list.sentiment_filter() {
        spans.push(Span::styled(format!("  mood={sentiment}"), theme.accent));
    }
}

/// The footer's key hints for a mode: the bindings in effect that carry a
/// `hint` in the keymap (the import dialog words its own per step).
pub fn hints(model: &Model, mode: Mode) -> Vec<(String, String)> {
    let keymap = &model.config.keymap;
    match (mode, model.overlays.import()) {
        (Mode::Import, Some(flow)) => import::hints(flow)
            .iter()
            .filter_map(|(command, label)| {
                keymap
                    .first_key(mode, *command)
                    .map(|key| (key.to_string(), (*label).to_string()))
            })
            .collect(),
        // The retro board offers the keys of the phase at hand.
        (Mode::Retro, _) => {
            let wanted = model.retro.hint_commands();
            keymap
                .hints(mode)
                .into_iter()
                .filter(|(key, _)| {
                    keymap
                        .resolve(mode, *key)
                        .is_some_and(|c| wanted.contains(&c))
                })
                .map(|(key, hint)| (key.to_string(), hint))
                .collect()
        }
        _ => keymap
            .hints(mode)
            .into_iter()
            .map(|(key, hint)| (key.to_string(), hint))
            .collect(),
    }
}

fn draw_footer(model: &Model, frame: &mut Frame, area: Rect) {
    let theme = &model.config.theme;
    let line = match &model.notice {
        Some(Notice::Error(text)) => Line::from(Span::styled(
            format!(" {}", sanitize_line(text)),
            theme.error,
        )),
        Some(Notice::Info(text)) => Line::from(Span::styled(
            format!(" {}", sanitize_line(text)),
            theme.success,
        )),
        None => match model.overlays.top() {
            Some(Overlay::StatusPicker(_)) => hint_line(&status_picker::hints(), theme, area.width),
            _ => hint_line(&hints(model, model.mode()), theme, area.width),
        },
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// A single-line input as text, with a bar where its cursor is while it
/// takes keys (the text is cleaned of control characters).
pub(crate) fn with_cursor(input: &crate::app::line_input::LineInput, typing: bool) -> String {
    if !typing {
        return sanitize_line(input.text()).into_owned();
    }
    let after = &input.text()[input.before_cursor().len()..];
    format!(
        "{}▏{}",
        sanitize_line(input.before_cursor()),
        sanitize_line(after)
    )
}

/// Key hints as one line, cut before the first hint that does not fit.
pub(crate) fn hint_line(
    hints: &[(String, String)],
    theme: &crate::config::Theme,
    width: u16,
) -> Line<'static> {
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for (key, label) in hints {
        let text = format!(" {label}  ");
        let needed = key.chars().count() + text.chars().count();
        if used + needed > width as usize {
            break;
        }
        used += needed;
        spans.push(Span::styled(key.clone(), theme.key));
        spans.push(Span::styled(text, theme.muted));
    }
    Line::from(spans)
}

/// A rectangle of at most `width`×`height`, centred in `area`.
pub(crate) fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// A bordered block titled " `title` " in the theme's header style; `border`
/// is the theme's border or, for what has the focus, its focus border.
pub(crate) fn titled_block(title: &str, border: Style, theme: &Theme) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(border)
        .title(Span::styled(format!(" {title} "), theme.header))
}

/// Clears a popup's area before it is drawn over the screen.
pub(crate) fn clear(frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
}
