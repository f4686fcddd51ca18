//! One line of text with a cursor: the filter line and the import dialog's
//! path use it, so both edit alike. `←` `→` move by a character, `home`
//! `end` (or `ctrl-a` `ctrl-e`) jump to the ends, `backspace` `delete`
//! remove a character, `ctrl-w` the word before the cursor, `ctrl-u`
//! everything before it, and a paste is inserted at the cursor with its
//! line breaks turned into spaces.

use crate::domain::text::sanitize_line;
use crate::input::{Key, KeyCode};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    /// The cursor as a byte offset into `text`, always on a char boundary.
    cursor: usize,
}

impl LineInput {
    pub fn new(text: &str) -> LineInput {
        LineInput {
            text: text.to_string(),
            cursor: text.len(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text before the cursor (the UI measures it to place the cursor).
    pub fn before_cursor(&self) -> &str {
        &self.text[..self.cursor]
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    /// Edits the text with one key; returns whether the text changed
    /// (moving the cursor changes nothing). Keys it does not use are left
    /// alone and return false.
    pub fn handle_key(&mut self, key: &Key) -> bool {
        if let Some(c) = key.typed_char() {
            self.text.insert(self.cursor, c);
            self.cursor += c.len_utf8();
            return true;
        }
        let ctrl = key.modifiers.ctrl;
        match key.code {
            KeyCode::Backspace => {
                let start = self.previous_boundary();
                self.remove(start, self.cursor)
            }
            KeyCode::Delete => {
                let end = self.next_boundary();
                self.remove(self.cursor, end)
            }
            KeyCode::Left => {
                self.cursor = self.previous_boundary();
                false
            }
            KeyCode::Right => {
                self.cursor = self.next_boundary();
                false
            }
            KeyCode::Home => {
                self.cursor = 0;
                false
            }
            KeyCode::End => {
                self.cursor = self.text.len();
                false
            }
            KeyCode::Char('a') if ctrl => {
                self.cursor = 0;
                false
            }
            KeyCode::Char('e') if ctrl => {
                self.cursor = self.text.len();
                false
            }
            KeyCode::Char('h') if ctrl => {
                let start = self.previous_boundary();
                self.remove(start, self.cursor)
            }
            KeyCode::Char('w') if ctrl => {
                let start = self.word_start();
                self.remove(start, self.cursor)
            }
            KeyCode::Char('u') if ctrl => self.remove(0, self.cursor),
            _ => false,
        }
    }

    /// Inserts pasted text at the cursor, cleaned of control characters,
    /// with line breaks as spaces; returns whether anything was inserted.
    pub fn paste(&mut self, text: &str) -> bool {
        let clean = sanitize_line(text.trim_end_matches(['\r', '\n']));
        self.text.insert_str(self.cursor, &clean);
        self.cursor += clean.len();
        !clean.is_empty()
    }

    fn remove(&mut self, start: usize, end: usize) -> bool {
        if start == end {
            return false;
        }
        self.text.replace_range(start..end, "");
        self.cursor = start;
        true
    }

    fn previous_boundary(&self) -> usize {
        self.text[..self.cursor]
            .char_indices()
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self) -> usize {
        self.text[self.cursor..]
            .chars()
            .next()
            .map_or(self.cursor, |c| self.cursor + c.len_utf8())
    }

    /// Where the word before the cursor starts (spaces before it included).
    fn word_start(&self) -> usize {
        let before = &self.text[..self.cursor];
        let trimmed = before.trim_end();
        trimmed
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str) -> LineInput {
        let mut input = LineInput::default();
        for c in text.chars() {
            input.handle_key(&Key::char(c));
        }
        input
    }

    #[test]
    fn typing_moving_and_deleting_edit_at_the_cursor() {
        let mut input = typed("expot");
        assert!(
            !input.handle_key(&Key::plain(KeyCode::Left)),
            "moving changes nothing"
        );
        assert!(input.handle_key(&Key::char('r')));
        assert_eq!(input.text(), "export");
        assert_eq!(input.before_cursor(), "expor");
        input.handle_key(&Key::plain(KeyCode::Home));
        input.handle_key(&Key::plain(KeyCode::Delete));
        assert_eq!(input.text(), "xport");
        input.handle_key(&Key::plain(KeyCode::End));
        input.handle_key(&Key::plain(KeyCode::Backspace));
        assert_eq!(input.text(), "xpor");
        assert!(!LineInput::default().handle_key(&Key::plain(KeyCode::Backspace)));
    }

    #[test]
    fn ctrl_w_takes_the_word_before_the_cursor_and_ctrl_u_the_rest() {
        let mut input = typed("export to excel  ");
        input.handle_key(&Key::ctrl('w'));
        assert_eq!(input.text(), "export to ");
        input.handle_key(&Key::ctrl('w'));
        assert_eq!(input.text(), "export ");
        input.handle_key(&Key::ctrl('a'));
        input.handle_key(&Key::ctrl('e'));
        input.handle_key(&Key::ctrl('u'));
        assert_eq!(input.text(), "");
    }

    #[test]
    fn multibyte_characters_are_stepped_over_whole() {
        let mut input = typed("café 東京");
        input.handle_key(&Key::plain(KeyCode::Backspace));
        assert_eq!(input.text(), "café 東");
        input.handle_key(&Key::plain(KeyCode::Left));
        input.handle_key(&Key::plain(KeyCode::Left));
        input.handle_key(&Key::plain(KeyCode::Left));
        input.handle_key(&Key::plain(KeyCode::Backspace));
        assert_eq!(input.text(), "caé 東");
    }

    #[test]
    fn a_paste_goes_in_at_the_cursor_as_one_clean_line() {
        let mut input = typed("~/exports/.csv");
        for _ in 0..4 {
            input.handle_key(&Key::plain(KeyCode::Left));
        }
        assert!(input.paste("week 49\u{1b}[31m\n"));
        assert_eq!(input.text(), "~/exports/week 49.csv");
        assert!(!input.paste(""));
    }
}
