//! The help screen, generated from the keymap in effect, so it always tells
//! the truth about the keys.

use super::{centered, clear};
use crate::config::{Config, HelpLine};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The help text, styled.
pub fn help_lines(config: &Config) -> Vec<Line<'static>> {
    let theme = &config.theme;
    config
        .keymap
        .help_lines()
        .into_iter()
        .map(|line| match line {
            HelpLine::Heading(title) => Line::from(Span::styled(title, theme.header)),
            HelpLine::Binding { keys, desc } => Line::from(vec![
                Span::styled(format!("  {keys:<18}"), theme.key),
                Span::raw(desc),
            ]),
            HelpLine::Blank => Line::from(""),
        })
        .collect()
}

pub(super) fn draw(config: &Config, scroll: usize, frame: &mut Frame, area: Rect) {
    // Wide enough for the longest descriptions where the terminal allows.
    let popup = centered(
        area,
        area.width.saturating_sub(4).clamp(78, 110),
        area.height.saturating_sub(2),
    );
    clear(frame, popup);
    let lines = help_lines(config);
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
