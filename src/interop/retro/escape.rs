//! Markdown text from participants, made inert: on one line (line breaks
//! and tabs become spaces, control characters go), with nothing that could
//! format, link, open a raw HTML tag, start a heading or list, or end a
//! table cell. GitHub shows the escaped text exactly as it was typed.

use crate::domain::text::sanitize_line;

/// Characters that format or link anywhere in a line, or end a table cell.
fn is_inline_markup(c: char) -> bool {
    matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~')
}

/// Characters that start a heading, a list, a quote or a rule at the start
/// of a line (or of a list item's text).
fn is_block_start(c: char) -> bool {
    matches!(c, '#' | '+' | '-' | '=')
}

/// `text` as inert Markdown on one line, safe in a table cell, a list item
/// or a heading.
pub fn text(raw: &str) -> String {
    let line = sanitize_line(raw);
    let line = line.trim();
    let mut out = String::with_capacity(line.len() + 8);
    // Still inside the leading digits of a possible "1." list marker.
    let mut leading_digits = true;
    for (i, c) in line.chars().enumerate() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            c if is_inline_markup(c) || (i == 0 && is_block_start(c)) => {
                out.push('\\');
                out.push(c);
            }
            '.' | ')' if leading_digits && i > 0 => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
        leading_digits &= c.is_ascii_digit();
    }
    out
}

/// `text`, or an en dash for an empty value, for a table cell.
pub fn cell_or_dash(raw: Option<&str>) -> String {
    match raw.map(text) {
        Some(t) if !t.is_empty() => t,
        _ => "–".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_breakers_and_html_are_escaped_and_lines_joined() {
        assert_eq!(text("a|b\nc"), "a\\|b c");
        assert_eq!(
            text("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(text("R&D \\ done"), "R&amp;D \\\\ done");
        assert_eq!(text("tab\there\r\nnext"), "tab here next");
    }

    #[test]
    fn formatting_and_links_cannot_happen() {
        assert_eq!(
            text("*bold* _em_ `code` ~~gone~~ [link](http://x)"),
            "\\*bold\\* \\_em\\_ \\`code\\` \\~\\~gone\\~\\~ \\[link\\](http://x)"
        );
    }

    #[test]
    fn a_line_cannot_start_a_heading_list_or_quote() {
        assert_eq!(text("# Title"), "\\# Title");
        assert_eq!(text("- item"), "\\- item");
        assert_eq!(text("+ item"), "\\+ item");
        assert_eq!(text("> quote"), "&gt; quote");
        assert_eq!(text("12. twelve"), "12\\. twelve");
        assert_eq!(text("3) three"), "3\\) three");
        assert_eq!(text("  === "), "\\===");
        // Only at the start: inside a line these are plain text.
        assert_eq!(text("well-known #1. ok"), "well-known #1. ok");
        assert_eq!(text("v1.2"), "v1.2");
    }

    #[test]
    fn empty_values_show_a_dash() {
        assert_eq!(cell_or_dash(None), "–");
        assert_eq!(cell_or_dash(Some("  ")), "–");
        assert_eq!(cell_or_dash(Some("Dana")), "Dana");
    }
}
