//! Crossterm's events as the app's own `Input`. This is the only place that
//! knows crossterm's key and mouse types; the app, its tests and any other
//! front end speak `crate::input`.

use crate::input::{Input, Key, KeyCode, Modifiers, Mouse, MouseKind};
use ratatui::crossterm::event::{
    Event, KeyCode as CtKeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

/// The input an event means, if any (a key release or a mouse that only
/// moves means nothing).
pub fn from_event(event: Event) -> Option<Input> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => from_key(&key).map(Input::Key),
        Event::Paste(text) => Some(Input::Paste(text)),
        Event::Resize(width, height) => Some(Input::Resize { width, height }),
        Event::Mouse(mouse) => {
            let kind = match mouse.kind {
                MouseEventKind::ScrollDown => MouseKind::ScrollDown,
                MouseEventKind::ScrollUp => MouseKind::ScrollUp,
                MouseEventKind::Down(MouseButton::Left) => MouseKind::Click,
                _ => return None,
            };
            Some(Input::Mouse(Mouse {
                kind,
                column: mouse.column,
                row: mouse.row,
            }))
        }
        _ => None,
    }
}

/// A crossterm key as the app's key; keys the app has no name for (media
/// keys, lone modifiers) are dropped.
pub fn from_key(event: &KeyEvent) -> Option<Key> {
    let code = match event.code {
        CtKeyCode::Char(c) => KeyCode::Char(c),
        CtKeyCode::Enter => KeyCode::Enter,
        CtKeyCode::Esc => KeyCode::Esc,
        CtKeyCode::Tab => KeyCode::Tab,
        CtKeyCode::BackTab => KeyCode::BackTab,
        CtKeyCode::Backspace => KeyCode::Backspace,
        CtKeyCode::Delete => KeyCode::Delete,
        CtKeyCode::Insert => KeyCode::Insert,
        CtKeyCode::Up => KeyCode::Up,
        CtKeyCode::Down => KeyCode::Down,
        CtKeyCode::Left => KeyCode::Left,
        CtKeyCode::Right => KeyCode::Right,
        CtKeyCode::Home => KeyCode::Home,
        CtKeyCode::End => KeyCode::End,
        CtKeyCode::PageUp => KeyCode::PageUp,
        CtKeyCode::PageDown => KeyCode::PageDown,
        CtKeyCode::F(n) => KeyCode::F(n),
        _ => return None,
    };
    let modifiers = Modifiers {
        ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
        alt: event.modifiers.contains(KeyModifiers::ALT),
        shift: event.modifiers.contains(KeyModifiers::SHIFT),
    };
    Some(Key::new(code, modifiers))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyEventState, MouseEvent};

    #[test]
    fn keys_become_the_apps_keys_normalised() {
        let shifted_g = KeyEvent::new(CtKeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(from_key(&shifted_g), Some("G".parse().unwrap()));
        let ctrl_d = KeyEvent::new(CtKeyCode::Char('d'), KeyModifiers::CONTROL);
        assert_eq!(from_key(&ctrl_d), Some(Key::ctrl('d')));
        let back_tab = KeyEvent::new(CtKeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(from_key(&back_tab), Some(Key::plain(KeyCode::BackTab)));
        let release = KeyEvent {
            kind: KeyEventKind::Release,
            state: KeyEventState::NONE,
            ..KeyEvent::new(CtKeyCode::Char('j'), KeyModifiers::NONE)
        };
        assert_eq!(from_event(Event::Key(release)), None);
    }

    #[test]
    fn mouse_paste_and_resize_come_through() {
        let click = MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: 4,
            row: 7,
            modifiers: KeyModifiers::NONE,
        };
        assert_eq!(
            from_event(Event::Mouse(click)),
            Some(Input::Mouse(Mouse {
                kind: MouseKind::Click,
                column: 4,
                row: 7
            }))
        );
        let moved = MouseEvent {
            kind: MouseEventKind::Moved,
            ..click
        };
        assert_eq!(from_event(Event::Mouse(moved)), None);
        assert_eq!(
            from_event(Event::Resize(80, 24)),
            Some(Input::Resize {
                width: 80,
                height: 24
            })
        );
        assert_eq!(
            from_event(Event::Paste("x".into())),
            Some(Input::Paste("x".into()))
        );
    }
}
