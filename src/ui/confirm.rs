//! A yes/no question over the screen.

use super::{centered, clear};
use crate::app::Question;
use crate::config::Theme;
use crate::domain::text::sanitize_line;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

pub(super) fn draw(question: &Question, theme: &Theme, frame: &mut Frame, area: Rect) {
    let popup = centered(area, 60, 5);
    clear(frame, popup);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focus_border)
        .title(Span::styled(" Confirm ", theme.header));
    frame.render_widget(
        Paragraph::new(sanitize_line(&question.text).into_owned())
            .block(block)
            .wrap(Wrap { trim: true })
            .centered(),
        popup,
    );
}
