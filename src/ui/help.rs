//! The help screen, generated from the keymap in effect, so it always tells
//! the truth about the keys.

use super::{centered, clear};
use crate::config::{Config, Mode};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

/// The help text: one section per mode, one line per binding.
pub fn help_lines(config: &Config) -> Vec<Line<'static>> {
    let theme = &config.theme;
    let mut lines = Vec::new();
    for mode in [
        Mode::Triage,
        Mode::Filter,
        Mode::Form,
        Mode::Confirm,
        Mode::Help,
    ] {
        if !lines.is_empty() {
            lines.push(Line::from(""));
        }
        lines.push(Line::from(Span::styled(mode.title(), theme.header)));
        for binding in config.keymap.effective(mode) {
            let keys = binding
                .on
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys:<18}"), theme.key),
                Span::raw(binding.desc.clone()),
            ]));
        }
    }
    lines.push(Line::from(""));
    lines.push(Line::from(vec![
        Span::styled(format!("  {:<18}", "ctrl-c"), theme.key),
        Span::raw("Quit from anywhere (asks when a form has changes)"),
    ]));
    lines
}

pub(super) fn draw(config: &Config, scroll: usize, frame: &mut Frame, area: Rect) {
    let popup = centered(area, 78, area.height.saturating_sub(2));
    clear(frame, popup);
    let lines = help_lines(config);
    let visible = popup.height.saturating_sub(2) as usize;
    let scroll = scroll.min(lines.len().saturating_sub(visible));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(config.theme.focus_border)
        .title(Span::styled(" Help — keys ", config.theme.header));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((scroll as u16, 0)),
        popup,
    );
}
