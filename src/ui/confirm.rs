//! A yes/no question over the screen.

use super::{centered, clear};
use crate::app::Question;
use crate::config::Theme;
use crate::domain::text::sanitize_line;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Wrap};

pub(super) fn draw(question: &Question, theme: &Theme, frame: &mut Frame, area: Rect) {
    // Tall enough for the question wrapped at the popup's width (titles
    // can be long), within the screen.
    let width = 60u16.min(area.width);
    let chars = question.text.chars().count() as u16;
    let lines = chars / width.saturating_sub(6).max(1) + 2;
    let popup = centered(area, width, (lines + 2).max(5));
    clear(frame, popup);
    let block = super::titled_block("Confirm", theme.focus_border, theme);
    frame.render_widget(
        Paragraph::new(sanitize_line(&question.text).into_owned())
            .block(block)
            .wrap(Wrap { trim: true })
            .centered(),
        popup,
    );
}
