//! The app's own input: keys, mouse events, pastes and resizes, independent
//! of any terminal library. The local runtime builds these from crossterm
//! events (`runtime::terminal_input`); a remote session can build them from
//! the bytes it receives. Nothing outside `runtime` needs crossterm.
//!
//! A `Key` is normalised so that `G` and `shift-g` are the same key; the
//! config file's key names (`ctrl-d`, `enter`, `f5`) parse into it and
//! print back from it.

use std::fmt;
use std::str::FromStr;

/// Something that happened at the terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Key(Key),
    Mouse(Mouse),
    /// Text pasted in one go (bracketed paste).
    Paste(String),
    /// The terminal's new size, in columns and rows.
    Resize {
        width: u16,
        height: u16,
    },
}

/// A key without its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyCode {
    Char(char),
    Enter,
    Esc,
    Tab,
    /// Shift-tab.
    BackTab,
    Backspace,
    Delete,
    Insert,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    F(u8),
}

/// Which modifier keys were held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Modifiers {
    pub ctrl: bool,
    pub alt: bool,
    pub shift: bool,
}

impl Modifiers {
    pub const NONE: Modifiers = Modifiers {
        ctrl: false,
        alt: false,
        shift: false,
    };
    pub const CTRL: Modifiers = Modifiers {
        ctrl: true,
        ..Modifiers::NONE
    };
    pub const ALT: Modifiers = Modifiers {
        alt: true,
        ..Modifiers::NONE
    };
    pub const SHIFT: Modifiers = Modifiers {
        shift: true,
        ..Modifiers::NONE
    };
}

/// One key with its modifiers, normalised so that `G` and `shift-g` agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: Modifiers,
}

impl Key {
    pub fn new(code: KeyCode, modifiers: Modifiers) -> Key {
        let mut modifiers = modifiers;
        let code = match code {
            // The character already says whether shift was held.
            KeyCode::Char(c) => {
                modifiers.shift = false;
                if modifiers.ctrl {
                    KeyCode::Char(c.to_ascii_lowercase())
                } else {
                    KeyCode::Char(c)
                }
            }
            KeyCode::BackTab => {
                modifiers.shift = false;
                KeyCode::BackTab
            }
            other => other,
        };
        Key { code, modifiers }
    }

    /// A key pressed alone.
    pub fn plain(code: KeyCode) -> Key {
        Key::new(code, Modifiers::NONE)
    }

    /// A character typed alone.
    pub fn char(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    /// A character typed with ctrl held.
    pub fn ctrl(c: char) -> Key {
        Key::new(KeyCode::Char(c), Modifiers::CTRL)
    }

    /// The character this key types into a text field, if it types one.
    pub fn typed_char(&self) -> Option<char> {
        match self.code {
            KeyCode::Char(c) if !self.modifiers.ctrl && !self.modifiers.alt => Some(c),
            _ => None,
        }
    }
}

/// What the mouse did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MouseKind {
    /// The left button went down.
    Click,
    ScrollUp,
    ScrollDown,
}

/// A mouse event at a cell of the terminal (0-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mouse {
    pub kind: MouseKind,
    pub column: u16,
    pub row: u16,
}

impl FromStr for Key {
    type Err = String;

    fn from_str(text: &str) -> Result<Key, String> {
        let mut modifiers = Modifiers::NONE;
        let mut rest = text;
        // A lone "-" is the minus key; "ctrl--" is ctrl and minus.
        while rest.len() > 1 {
            let lower = rest.to_ascii_lowercase();
            let len = if lower.starts_with("ctrl-") {
                modifiers.ctrl = true;
                5
            } else if lower.starts_with("alt-") {
                modifiers.alt = true;
                4
            } else if lower.starts_with("shift-") {
                modifiers.shift = true;
                6
            } else {
                break;
            };
            rest = &rest[len..];
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" if modifiers.shift => KeyCode::BackTab,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "space" => KeyCode::Char(' '),
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "insert" => KeyCode::Insert,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pageup" | "pgup" => KeyCode::PageUp,
                "pagedown" | "pgdn" => KeyCode::PageDown,
                f if f.starts_with('f') && f.len() > 1 => match f[1..].parse::<u8>() {
                    Ok(n @ 1..=12) => KeyCode::F(n),
                    _ => return Err(format!("unknown key '{text}'")),
                },
                _ => return Err(format!("unknown key '{text}'")),
            },
        };
        if let KeyCode::Char(c) = code
            && modifiers.shift
            && c.is_ascii_lowercase()
        {
            return Ok(Key::new(KeyCode::Char(c.to_ascii_uppercase()), modifiers));
        }
        Ok(Key::new(code, modifiers))
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modifiers.ctrl {
            f.write_str("ctrl-")?;
        }
        if self.modifiers.alt {
            f.write_str("alt-")?;
        }
        if self.modifiers.shift {
            f.write_str("shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("enter"),
            KeyCode::Esc => f.write_str("esc"),
            KeyCode::Tab => f.write_str("tab"),
            KeyCode::BackTab => f.write_str("shift-tab"),
            KeyCode::Backspace => f.write_str("backspace"),
            KeyCode::Delete => f.write_str("delete"),
            KeyCode::Insert => f.write_str("insert"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Home => f.write_str("home"),
            KeyCode::End => f.write_str("end"),
            KeyCode::PageUp => f.write_str("pageup"),
            KeyCode::PageDown => f.write_str("pagedown"),
            KeyCode::F(n) => write!(f, "f{n}"),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Key {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Key, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(text: &str) -> Key {
        text.parse().unwrap()
    }

    #[test]
    fn keys_parse_normalise_and_print_back() {
        assert_eq!(key("G"), Key::new(KeyCode::Char('G'), Modifiers::SHIFT));
        assert_eq!(key("shift-g"), key("G"));
        assert_eq!(key("ctrl-D"), Key::ctrl('d'));
        assert_eq!(key("shift-tab"), Key::plain(KeyCode::BackTab));
        assert_eq!(key("-"), Key::char('-'));
        assert_eq!(key("ctrl--"), Key::ctrl('-'));
        assert_eq!(key("f5"), Key::plain(KeyCode::F(5)));
        assert!("f13".parse::<Key>().is_err());
        assert!("hyper-x".parse::<Key>().is_err());
        for text in ["ctrl-d", "alt-x", "enter", "space", "shift-tab", "f12", "G"] {
            assert_eq!(key(text).to_string(), text);
        }
        assert_eq!(key("down").to_string(), "↓");
    }

    #[test]
    fn only_plain_characters_type_text() {
        assert_eq!(Key::char('x').typed_char(), Some('x'));
        assert_eq!(key("G").typed_char(), Some('G'));
        assert_eq!(Key::ctrl('w').typed_char(), None);
        assert_eq!(key("alt-x").typed_char(), None);
        assert_eq!(Key::plain(KeyCode::Enter).typed_char(), None);
    }
}
