//! The help screen, generated from the keymap in effect, so it always tells
//! the truth about the keys. Descriptions too long for the box wrap under
//! themselves (`app::overlay::help_rows`), so no line is cut off.

use super::{centered, clear};
use crate::app::overlay::{help_box_width, help_keys_width, help_rows};
use crate::config::{Config, HelpLine};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The help text for a terminal `width` columns wide, styled.
fn help_lines(config: &Config, width: u16) -> Vec<Line<'static>> {
    let theme = &config.theme;
    help_rows(&config.keymap, width)
        .into_iter()
        .map(|line| match line {
            HelpLine::Heading(title) => Line::from(Span::styled(title, theme.header)),
            HelpLine::Binding { keys, desc } => {
                let pad = help_keys_width(&keys) - 2;
                Line::from(vec![
                    Span::styled(format!("  {keys:<pad$}"), theme.key),
                    Span::raw(desc),
                ])
            }
            HelpLine::Blank => Line::from(""),
        })
        .collect()
}

pub(super) fn draw(config: &Config, scroll: usize, frame: &mut Frame, area: Rect) {
    let popup = centered(
        area,
        help_box_width(area.width),
        area.height.saturating_sub(2),
    );
    // A blank column each side keeps the box's border off the screen's.
    clear(
        frame,
        Rect {
            x: popup.x.saturating_sub(1),
            width: (popup.width + 2).min(area.width),
            ..popup
        },
    );
    let lines = help_lines(config, area.width);
    let visible = popup.height.saturating_sub(2) as usize;
    let scroll = scroll.min(lines.len().saturating_sub(visible));
    let block = super::titled_block("Help — keys", config.theme.focus_border, &config.theme);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((scroll as u16, 0)),
        popup,
    );
}
