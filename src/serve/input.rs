//! Raw bytes from an SSH client's terminal as the app's own `Input`. The
//! bytes go through `vte`'s escape-sequence parser (the state machine of a
//! real terminal), which keeps incomplete sequences and split UTF-8
//! characters across packets; this module only names what each finished
//! sequence means (arrows with modifiers, function keys, SGR mouse,
//! bracketed paste).
//!
//! A lone Esc cannot be told from the start of a sequence until more bytes
//! come or none do: `flush_pending_escape` (called by the session a short
//! while after the last packet) turns a trailing Esc into the Esc key.

use crate::input::{Input, Key, KeyCode, Modifiers, Mouse, MouseKind};
use vte::{Params, Parser, Perform};

/// The most text one paste may hold; the rest is dropped, so a client
/// cannot grow the server's memory without bound.
const MAX_PASTE_BYTES: usize = 64 * 1024;

/// Cancels an unfinished escape sequence (CAN); used to drop a pending Esc
/// from the parser once it has been taken as a key.
const CANCEL: u8 = 0x18;
const ESC: u8 = 0x1b;

/// Turns the bytes of one client's terminal into inputs, packet by packet.
#[derive(Default)]
pub struct InputParser {
    parser: Parser,
    keys: Collector,
    /// The last byte fed was an Esc that no sequence has used yet.
    escape_pending: bool,
}

#[derive(Default)]
struct Collector {
    inputs: Vec<Input>,
    /// Inside a bracketed paste: the text so far.
    paste: Option<String>,
    /// `ESC O` was seen: the next character names a key (SS3).
    ss3: bool,
    /// The parser is being reset: the CAN it is fed means nothing.
    cancelling: bool,
}

impl InputParser {
    pub fn new() -> InputParser {
        InputParser::default()
    }

    /// Feeds one packet; returns the inputs it completed.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Input> {
        for &byte in bytes {
            if byte == ESC && self.escape_pending && self.keys.paste.is_none() {
                // Esc Esc: the first was a key of its own.
                self.keys.push_key(Key::plain(KeyCode::Esc));
            }
            // DEL is the Backspace key; the parser ignores DEL, so it is
            // fed as BS, which it reports.
            let byte = if byte == 0x7f { 0x08 } else { byte };
            self.parser.advance(&mut self.keys, &[byte]);
            self.escape_pending = byte == ESC;
        }
        std::mem::take(&mut self.keys.inputs)
    }

    /// Whether the bytes so far end in an Esc that more bytes could still
    /// turn into a sequence.
    pub fn escape_pending(&self) -> bool {
        self.escape_pending && self.keys.paste.is_none()
    }

    /// No more bytes came after an Esc: it was the Esc key.
    pub fn flush_pending_escape(&mut self) -> Vec<Input> {
        if !self.escape_pending() {
            return vec![];
        }
        self.escape_pending = false;
        self.keys.cancelling = true;
        self.parser.advance(&mut self.keys, &[CANCEL]);
        self.keys.cancelling = false;
        vec![Input::Key(Key::plain(KeyCode::Esc))]
    }
}

impl Collector {
    fn push_key(&mut self, key: Key) {
        self.inputs.push(Input::Key(key));
    }

    fn paste_text(&mut self, c: char) {
        if let Some(paste) = &mut self.paste
            && paste.len() + c.len_utf8() <= MAX_PASTE_BYTES
        {
            paste.push(c);
        }
    }
}

/// The modifiers of an xterm modifier parameter (1 + bits: shift 1, alt 2,
/// ctrl 4).
fn modifiers_of(param: u16) -> Modifiers {
    let bits = param.saturating_sub(1);
    Modifiers {
        shift: bits & 1 != 0,
        alt: bits & 2 != 0,
        ctrl: bits & 4 != 0,
    }
}

/// The key an SS3 or CSI final letter names (arrows, Home, End, F1–F4).
fn letter_key(letter: char) -> Option<KeyCode> {
    Some(match letter {
        'A' => KeyCode::Up,
        'B' => KeyCode::Down,
        'C' => KeyCode::Right,
        'D' => KeyCode::Left,
        'H' => KeyCode::Home,
        'F' => KeyCode::End,
        'P' => KeyCode::F(1),
        'Q' => KeyCode::F(2),
        'R' => KeyCode::F(3),
        'S' => KeyCode::F(4),
        _ => return None,
    })
}

/// The key of a `CSI n ~` sequence.
fn tilde_key(number: u16) -> Option<KeyCode> {
    Some(match number {
        1 | 7 => KeyCode::Home,
        2 => KeyCode::Insert,
        3 => KeyCode::Delete,
        4 | 8 => KeyCode::End,
        5 => KeyCode::PageUp,
        6 => KeyCode::PageDown,
        11..=15 => KeyCode::F((number - 10) as u8),
        17..=21 => KeyCode::F((number - 11) as u8),
        23..=26 => KeyCode::F((number - 12) as u8),
        _ => return None,
    })
}

/// A control byte as the key it is typed with.
fn control_key(byte: u8) -> Option<Key> {
    Some(match byte {
        b'\r' | b'\n' => Key::plain(KeyCode::Enter),
        b'\t' => Key::plain(KeyCode::Tab),
        0x08 => Key::plain(KeyCode::Backspace),
        0x00 => Key::ctrl(' '),
        0x01..=0x1a => Key::ctrl(char::from(byte + b'a' - 1)),
        _ => return None,
    })
}

impl Perform for Collector {
    fn print(&mut self, c: char) {
        if self.paste.is_some() {
            self.paste_text(c);
        } else if std::mem::take(&mut self.ss3) {
            if let Some(code) = letter_key(c) {
                self.push_key(Key::plain(code));
            }
        } else {
            self.push_key(Key::char(c));
        }
    }

    fn execute(&mut self, byte: u8) {
        if self.cancelling {
            return;
        }
        if self.paste.is_some() {
            match byte {
                b'\r' | b'\n' => self.paste_text('\n'),
                b'\t' => self.paste_text('\t'),
                _ => {}
            }
            return;
        }
        if let Some(key) = control_key(byte) {
            self.push_key(key);
        }
    }

    fn csi_dispatch(&mut self, params: &Params, intermediates: &[u8], ignore: bool, action: char) {
        self.ss3 = false;
        if ignore {
            return;
        }
        let numbers: Vec<u16> = params.iter().map(|p| p[0]).collect();
        let first = numbers.first().copied().unwrap_or(0);
        let modifiers = modifiers_of(numbers.get(1).copied().unwrap_or(1));
        if action == '~' && first == 200 {
            self.paste = Some(String::new());
            return;
        }
        if action == '~' && first == 201 {
            if let Some(text) = self.paste.take() {
                self.inputs.push(Input::Paste(text));
            }
            return;
        }
        if self.paste.is_some() {
            return;
        }
        let key = match (intermediates, action) {
            (b"<", 'M') => {
                return self.mouse(&numbers);
            }
            ([], 'Z') => Some(Key::plain(KeyCode::BackTab)),
            ([], '~') => tilde_key(first).map(|code| Key::new(code, modifiers)),
            ([], letter) => letter_key(letter).map(|code| Key::new(code, modifiers)),
            _ => None,
        };
        if let Some(key) = key {
            self.push_key(key);
        }
    }

    fn esc_dispatch(&mut self, intermediates: &[u8], _ignore: bool, byte: u8) {
        if self.paste.is_some() || !intermediates.is_empty() {
            return;
        }
        if byte == b'O' {
            self.ss3 = true;
        } else {
            // Esc then a character: that character with alt held.
            self.push_key(Key::new(KeyCode::Char(char::from(byte)), Modifiers::ALT));
        }
    }
}

impl Collector {
    /// An SGR mouse report (`CSI < b ; x ; y M`): left clicks and the wheel.
    fn mouse(&mut self, numbers: &[u16]) {
        let [button, column, row] = numbers else {
            return;
        };
        let kind = match button {
            0 => MouseKind::Click,
            64 => MouseKind::ScrollUp,
            65 => MouseKind::ScrollDown,
            _ => return,
        };
        self.inputs.push(Input::Mouse(Mouse {
            kind,
            column: column.saturating_sub(1),
            row: row.saturating_sub(1),
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_all(bytes: &[u8]) -> Vec<Input> {
        let mut parser = InputParser::new();
        let mut inputs = parser.feed(bytes);
        inputs.extend(parser.flush_pending_escape());
        inputs
    }

    fn key(code: KeyCode, modifiers: Modifiers) -> Input {
        Input::Key(Key::new(code, modifiers))
    }

    /// A stream covering every kind of input the parser knows.
    fn stream() -> (Vec<u8>, Vec<Input>) {
        let bytes = "aé\x1b[A\x1b[1;5C\x1b[1;2D\x1bOP\x1b[3~\x1b[5;3~\x1b[Z\x7f\r\t\x01\
                     \x1b[200~two\r\nlines ✓\x1b[201~\x1b[<0;5;3M\x1b[<65;1;1M\x1bxz\x1b\x1b"
            .as_bytes()
            .to_vec();
        let expected = vec![
            Input::Key(Key::char('a')),
            Input::Key(Key::char('é')),
            key(KeyCode::Up, Modifiers::NONE),
            key(KeyCode::Right, Modifiers::CTRL),
            key(KeyCode::Left, Modifiers::SHIFT),
            key(KeyCode::F(1), Modifiers::NONE),
            key(KeyCode::Delete, Modifiers::NONE),
            key(KeyCode::PageUp, Modifiers::ALT),
            key(KeyCode::BackTab, Modifiers::NONE),
            key(KeyCode::Backspace, Modifiers::NONE),
            key(KeyCode::Enter, Modifiers::NONE),
            key(KeyCode::Tab, Modifiers::NONE),
            Input::Key(Key::ctrl('a')),
            Input::Paste("two\n\nlines ✓".into()),
            Input::Mouse(Mouse {
                kind: MouseKind::Click,
                column: 4,
                row: 2,
            }),
            Input::Mouse(Mouse {
                kind: MouseKind::ScrollDown,
                column: 0,
                row: 0,
            }),
            key(KeyCode::Char('x'), Modifiers::ALT),
            Input::Key(Key::char('z')),
            key(KeyCode::Esc, Modifiers::NONE),
            key(KeyCode::Esc, Modifiers::NONE),
        ];
        (bytes, expected)
    }

    #[test]
    fn every_kind_of_input_is_named() {
        let (bytes, expected) = stream();
        assert_eq!(parse_all(&bytes), expected);
    }

    #[test]
    fn a_stream_split_at_any_position_parses_the_same() {
        let (bytes, expected) = stream();
        for at in 0..=bytes.len() {
            let mut parser = InputParser::new();
            let mut inputs = parser.feed(&bytes[..at]);
            inputs.extend(parser.feed(&bytes[at..]));
            inputs.extend(parser.flush_pending_escape());
            assert_eq!(inputs, expected, "split at byte {at}");
        }
    }

    #[test]
    fn a_stream_fed_byte_by_byte_parses_the_same() {
        let (bytes, expected) = stream();
        let mut parser = InputParser::new();
        let mut inputs = vec![];
        for byte in &bytes {
            inputs.extend(parser.feed(std::slice::from_ref(byte)));
        }
        inputs.extend(parser.flush_pending_escape());
        assert_eq!(inputs, expected);
    }

    #[test]
    fn a_lone_escape_waits_for_more_bytes_then_is_the_esc_key() {
        let mut parser = InputParser::new();
        assert_eq!(parser.feed(b"\x1b"), vec![]);
        assert!(parser.escape_pending());
        assert_eq!(
            parser.flush_pending_escape(),
            vec![key(KeyCode::Esc, Modifiers::NONE)]
        );
        // The parser is back at rest: the next bytes are keys again.
        assert_eq!(
            parser.feed(b"[A"),
            vec![Input::Key(Key::char('[')), Input::Key(Key::char('A'))]
        );
        // An escape followed by its sequence in the next packet is one key.
        assert_eq!(parser.feed(b"\x1b"), vec![]);
        assert_eq!(
            parser.feed(b"[B"),
            vec![key(KeyCode::Down, Modifiers::NONE)]
        );
        assert!(!parser.escape_pending());
    }

    #[test]
    fn a_paste_is_bounded() {
        let mut bytes = b"\x1b[200~".to_vec();
        bytes.extend(std::iter::repeat_n(b'x', MAX_PASTE_BYTES + 100));
        bytes.extend(b"\x1b[201~");
        let inputs = parse_all(&bytes);
        let [Input::Paste(text)] = inputs.as_slice() else {
            panic!("one paste expected: {inputs:?}");
        };
        assert_eq!(text.len(), MAX_PASTE_BYTES);
    }
}
