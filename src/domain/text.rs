//! Making outside text safe to draw.
//!
//! Titles and descriptions come from files and other people. Before any of it
//! reaches the terminal, escape sequences (CSI, OSC and other ESC sequences)
//! are removed whole, other control characters (C0, DEL, C1) are dropped, and
//! bidirectional overrides that could reorder what a reader sees are dropped.
//! The single-line form turns line breaks and tabs into spaces.

use std::borrow::Cow;

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

fn needs_cleaning(text: &str, keep_newlines: bool) -> bool {
    text.chars()
        .any(|c| (c.is_control() && !(keep_newlines && c == '\n')) || is_bidi_control(c))
}

/// Skips the rest of an escape sequence whose ESC was just consumed.
fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.peek() {
        Some('[') => {
            chars.next();
            // CSI: parameters and intermediates, then one final byte @..~.
            for c in chars.by_ref() {
                if ('@'..='~').contains(&c) {
                    break;
                }
            }
        }
        Some(']') | Some('P') | Some('X') | Some('^') | Some('_') => {
            chars.next();
            // OSC / DCS / SOS / PM / APC: up to BEL or ESC \.
            while let Some(c) = chars.next() {
                if c == '\u{7}' {
                    break;
                }
                if c == '\u{1b}' {
                    if chars.peek() == Some(&'\\') {
                        chars.next();
                    }
                    break;
                }
            }
        }
        Some(c) if (' '..='~').contains(c) => {
            // Two-character sequences such as ESC c (reset) or ESC 7.
            chars.next();
        }
        _ => {}
    }
}

fn clean(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    if !needs_cleaning(text, keep_newlines) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            '\u{9b}' => {
                // The one-character CSI.
                for c in chars.by_ref() {
                    if ('@'..='~').contains(&c) {
                        break;
                    }
                }
            }
            '\n' if keep_newlines => out.push('\n'),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() || is_bidi_control(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// One line of safe text: no control characters, no line breaks.
pub fn sanitize_line(text: &str) -> Cow<'_, str> {
    clean(text, false)
}

/// Safe text that keeps its line breaks (`\r\n` becomes `\n`).
pub fn sanitize_multiline(text: &str) -> Cow<'_, str> {
    clean(text, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn control_chars_and_escape_sequences_are_removed() {
        assert_eq!(sanitize_line("plain"), "plain");
        assert!(matches!(sanitize_line("plain"), Cow::Borrowed(_)));
        assert_eq!(sanitize_line("\u{1b}[31mred\u{1b}[0m"), "red");
        assert_eq!(sanitize_line("a\u{1b}[2J\u{1b}[Hb"), "ab");
        assert_eq!(sanitize_line("t\u{1b}]0;evil title\u{7}x"), "tx");
        assert_eq!(sanitize_line("t\u{1b}]8;;http://x\u{1b}\\link"), "tlink");
        assert_eq!(sanitize_line("bell\u{7}\u{8}\u{0}"), "bell");
        assert_eq!(sanitize_line("c1\u{9b}31m"), "c1");
        assert_eq!(sanitize_line("two\nlines\tand tab"), "two lines and tab");
        assert_eq!(sanitize_line("crlf\r\nline"), "crlf line");
        assert_eq!(sanitize_line("abc\u{202E}def"), "abcdef");
        assert_eq!(sanitize_line("reset\u{1b}c!"), "reset!");
    }

    #[test]
    fn multiline_keeps_line_breaks() {
        assert_eq!(sanitize_multiline("a\r\nb\nc"), "a\nb\nc");
        assert_eq!(sanitize_multiline("a\u{1b}[1mb\nc"), "ab\nc");
    }

    proptest! {
        #[test]
        fn nothing_unsafe_survives(text in "\\PC*|[\\x00-\\x1f\\x7f-\\x9f a-z\\[\\]]{0,40}") {
            let line = sanitize_line(&text);
            prop_assert!(!line.chars().any(|c| c.is_control() || is_bidi_control(c)));
            let multi = sanitize_multiline(&text);
            prop_assert!(!multi.chars().any(|c| (c.is_control() && c != '\n') || is_bidi_control(c)));
        }
    }
}
