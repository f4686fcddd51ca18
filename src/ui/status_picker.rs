//! The status picker over the screen: the item, then one line per status
//! with the key that picks it, the current status marked.

use super::{centered, clear};
use crate::app::triage::status_picker::{CHOICES, StatusPicker};
use crate::config::Theme;
use crate::domain::text::{cut_to_width, sanitize_line};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

const WIDTH: u16 = 44;

pub(super) fn draw(picker: &StatusPicker, theme: &Theme, frame: &mut Frame, area: Rect) {
    let height = CHOICES.len() as u16 + 4;
    let popup = centered(area, WIDTH, height);
    clear(frame, popup);
    let inner_width = usize::from(WIDTH.saturating_sub(2));
    let mut lines = vec![
        Line::from(Span::styled(
            cut_to_width(&format!("“{}”", sanitize_line(&picker.title)), inner_width),
            theme.muted,
        )),
        Line::from(""),
    ];
    for (key, status) in CHOICES {
        let now = status == picker.current;
        lines.push(Line::from(vec![
            Span::styled(format!("  {key}  "), theme.key),
            Span::styled(status.name(), if now { theme.selected } else { theme.text }),
            Span::styled(if now { "  (now)" } else { "" }, theme.muted),
        ]));
    }
    let block = super::titled_block("Move to status", theme.focus_border, theme);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}

/// The footer while the picker is open.
pub(super) fn hints() -> Vec<(String, String)> {
    let keys: Vec<String> = CHOICES.iter().map(|(key, _)| key.to_string()).collect();
    vec![
        (keys.join(" "), "move to that status".to_string()),
        ("esc".to_string(), "cancel".to_string()),
    ]
}
