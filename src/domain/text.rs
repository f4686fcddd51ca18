//! Text helpers shared by the domain and the front ends: making outside
//! text safe to draw, measuring, cutting and word-wrapping it by display
//! width, and the
//! ASCII fast paths (white space, trimming, eight bytes tested at once)
//! that the duplicate key and the sentiment scan both build on.
//!
//! # Sanitising
//!
//! Titles and descriptions come from files and other people. Before any of it
//! reaches the terminal, escape sequences (CSI, OSC and other ESC sequences)
//! are removed whole, other control characters (C0, DEL, C1) are dropped, and
//! bidirectional overrides that could reorder what a reader sees are dropped.
//! The single-line form turns line breaks and tabs into spaces.

use std::borrow::Cow;
use unicode_width::UnicodeWidthChar;

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

/// How many terminal columns `text` takes: each character's width added up
/// (a CJK character or an emoji two, a combining accent and a control
/// character none).
pub fn display_width(text: &str) -> usize {
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// `text` cut to at most `width` columns (see [`display_width`]), ending in
/// "…" when something had to be cut. A character that does not fit whole
/// is left out, with everything after it.
pub fn cut_to_width(text: &str, width: usize) -> String {
    // No character is wider than its UTF-8 bytes are long.
    if text.len() <= width || display_width(text) <= width {
        return text.to_string();
    }
    let Some(room) = width.checked_sub(1) else {
        return String::new();
    };
    let mut out = String::with_capacity(room + '…'.len_utf8());
    let mut used = 0;
    for c in text.chars() {
        used += c.width().unwrap_or(0);
        if used > room {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// `text` (one line) broken into lines of at most `width` columns at the
/// spaces between words; a word longer than a line is broken where the
/// line ends. The spaces where a line breaks are dropped.
pub fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in text.split(' ') {
        let mut word_width = display_width(word);
        let gap = usize::from(!line.is_empty());
        if used + gap + word_width <= width {
            if gap == 1 {
                line.push(' ');
            }
            line.push_str(word);
            used += gap + word_width;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        let mut rest = word;
        while word_width > width {
            let (head, tail) = rest.split_at(fitting_prefix(rest, width));
            lines.push(head.to_string());
            rest = tail;
            word_width = display_width(rest);
        }
        line.push_str(rest);
        used = word_width;
    }
    lines.push(line);
    lines
}

/// The byte length of the longest start of `text` within `width` columns
/// (at least one character, so that breaking always moves on).
fn fitting_prefix(text: &str, width: usize) -> usize {
    let mut used = 0;
    for (i, c) in text.char_indices() {
        used += c.width().unwrap_or(0);
        if used > width {
            return if i == 0 { c.len_utf8() } else { i };
        }
    }
    text.len()
}

/// Whether `byte` is white space as `char::is_whitespace` has it among the
/// ASCII characters: \t \n \v \f \r and ' ' (`u8::is_ascii_whitespace`
/// leaves out \v).
#[inline]
pub(crate) const fn is_ascii_white(byte: u8) -> bool {
    matches!(byte, b'\t'..=b'\r' | b' ')
}

/// Whether `byte` is an ASCII character other than white space (the end of
/// a text that trimming leaves alone).
#[inline]
pub(crate) fn not_white(byte: Option<&u8>) -> bool {
    byte.is_some_and(|&b| b.is_ascii() && !is_ascii_white(b))
}

/// `text.trim()`, at once when both ends are ASCII but not white space.
#[inline]
pub(crate) fn trim(text: &str) -> &str {
    let bytes = text.as_bytes();
    if not_white(bytes.first()) && not_white(bytes.last()) {
        text
    } else {
        text.trim()
    }
}

/// `byte` in each of the eight bytes of a `u64`.
pub(crate) const fn splat(byte: u8) -> u64 {
    u64::from_ne_bytes([byte; 8])
}

/// The high bit of each of the eight bytes of a `u64`.
pub(crate) const HIGH_BITS: u64 = splat(0x80);

/// The high bit of each byte of `bytes` that is in `low..=high`, all eight
/// tested at once. Every byte of `bytes` must be below 0x80 (ASCII) for the
/// answer to mean anything; `high` must be too. Adding to each byte's low
/// seven bits never carries into the next byte, and sets its high bit when
/// the byte is at or above a bound.
#[inline(always)]
pub(crate) const fn ascii_bytes_in(bytes: u64, low: u8, high: u8) -> u64 {
    let at_least_low = bytes.wrapping_add(splat(0x80 - low));
    let above_high = bytes.wrapping_add(splat(0x7F - high));
    at_least_low & !above_high & HIGH_BITS
}

#[cfg(test)]
mod tests {
    #[test]
    fn wrap_words_breaks_at_spaces_and_long_words_at_the_edge() {
        assert_eq!(
            wrap_words("the quick brown fox jumps", 10),
            ["the quick", "brown fox", "jumps"]
        );
        assert_eq!(wrap_words("", 10), [""]);
        assert_eq!(wrap_words("exactly10!", 10), ["exactly10!"]);
        assert_eq!(
            wrap_words("a supercalifragilistic word", 8),
            ["a", "supercal", "ifragili", "stic", "word"]
        );
        // Wide characters count two columns.
        assert_eq!(
            wrap_words("東京 大阪 名古屋", 5),
            ["東京", "大阪", "名古", "屋"]
        );
        for line in wrap_words("Filter by typing (fuzzy: title, description, tags)", 12) {
            assert!(display_width(&line) <= 12, "{line}");
        }
    }

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

    #[test]
    fn display_width_counts_columns() {
        assert_eq!(display_width(""), 0);
        assert_eq!(display_width("abc"), 3);
        assert_eq!(display_width("日本"), 4);
        assert_eq!(display_width("😀!"), 3);
        assert_eq!(
            display_width("e\u{301}"),
            1,
            "a combining accent takes none"
        );
    }

    #[test]
    fn cutting_ascii() {
        assert_eq!(cut_to_width("export", 6), "export");
        assert_eq!(cut_to_width("export", 10), "export");
        assert_eq!(cut_to_width("export", 5), "expo…");
        assert_eq!(cut_to_width("", 3), "");
    }

    #[test]
    fn cutting_wide_characters() {
        assert_eq!(cut_to_width("日本語", 6), "日本語");
        assert_eq!(cut_to_width("日本語", 5), "日本…");
        // "日本" and "…" would be 5 columns: the second character does not fit.
        assert_eq!(cut_to_width("日本語", 4), "日…");
        assert_eq!(cut_to_width("😀😀😀", 4), "😀…");
        assert_eq!(cut_to_width("a😀b", 3), "a…");
    }

    #[test]
    fn cutting_keeps_combining_accents_with_their_letter() {
        let text = "cafe\u{301} au lait";
        assert_eq!(cut_to_width(text, 12), text);
        assert_eq!(cut_to_width(text, 5), "cafe\u{301}…");
        assert_eq!(cut_to_width("e\u{301}e\u{301}", 2), "e\u{301}e\u{301}");
    }

    #[test]
    fn cutting_to_zero_and_one_column() {
        assert_eq!(cut_to_width("abc", 0), "");
        assert_eq!(cut_to_width("", 0), "");
        assert_eq!(cut_to_width("abc", 1), "…");
        assert_eq!(cut_to_width("a", 1), "a");
        assert_eq!(cut_to_width("日", 1), "…");
    }

    #[test]
    fn ascii_white_space_is_chars_white_space() {
        for byte in 0..128u8 {
            assert_eq!(is_ascii_white(byte), char::from(byte).is_whitespace());
        }
        assert!(!not_white(None));
        assert!(!not_white(Some(&b'\x0b')));
        assert!(!not_white(Some(&0xC3)));
        assert!(not_white(Some(&b'x')));
        assert_eq!(trim(" a b\u{a0}"), "a b");
        assert_eq!(trim("a b"), "a b");
    }

    #[test]
    fn eight_ascii_bytes_are_tested_at_once() {
        let bytes = u64::from_le_bytes(*b"aZ09 \t~\0");
        let in_range = |low, high| {
            let found = ascii_bytes_in(bytes, low, high);
            (0..8)
                .filter(|i| found >> (8 * i) & 0xFF == 0x80)
                .collect::<Vec<_>>()
        };
        assert_eq!(in_range(b'a', b'z'), [0]);
        assert_eq!(in_range(b'A', b'Z'), [1]);
        assert_eq!(in_range(b'0', b'9'), [2, 3]);
        assert_eq!(in_range(b' ', b' '), [4]);
        assert_eq!(in_range(b'\t', b'\r'), [5]);
        assert_eq!(in_range(b'!', 0x7F), [0, 1, 2, 3, 6]);
        assert_eq!(in_range(0, 0), [7]);
        for byte in 0..128u8 {
            for (low, high) in [(b'a', b'z'), (b'\t', b'\r'), (0, 0x7F), (b'~', b'~')] {
                let found = ascii_bytes_in(splat(byte), low, high) == HIGH_BITS;
                assert_eq!(
                    found,
                    (low..=high).contains(&byte),
                    "{byte} in {low}..={high}"
                );
            }
        }
    }

    proptest! {
        #[test]
        fn a_cut_fits_and_keeps_as_much_as_fits(
            text in "[a-zé\u{301}日本😀 ]{0,12}|\\PC{0,12}",
            width in 0usize..16,
        ) {
            let cut = cut_to_width(&text, width);
            prop_assert!(display_width(&cut) <= width);
            if display_width(&text) <= width {
                prop_assert_eq!(cut, text);
            } else if width == 0 {
                prop_assert_eq!(cut, "");
            } else {
                let kept = cut.strip_suffix('…').expect("a cut ends in …");
                prop_assert!(text.starts_with(kept));
                let next = text[kept.len()..].chars().next().expect("something was cut");
                prop_assert!(display_width(kept) + display_width(&next.to_string()) > width - 1);
            }
        }

        #[test]
        fn nothing_unsafe_survives(text in "\\PC*|[\\x00-\\x1f\\x7f-\\x9f a-z\\[\\]]{0,40}") {
            let line = sanitize_line(&text);
            prop_assert!(!line.chars().any(|c| c.is_control() || is_bidi_control(c)));
            let multi = sanitize_multiline(&text);
            prop_assert!(!multi.chars().any(|c| (c.is_control() && c != '\n') || is_bidi_control(c)));
        }
    }
}
