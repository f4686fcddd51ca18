//! Feedback as a GitHub-flavoured Markdown table (no raw HTML). Pipes,
//! backslashes and line breaks inside cells are escaped so a cell can never
//! break the table.

use crate::domain::feedback::{FeedbackItem, NpsTally};
use crate::domain::scoring::format_number;
use crate::domain::text::sanitize_line;
use std::io;

/// Makes text safe inside a table cell.
pub fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in sanitize_line(text).chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\\' => out.push_str("\\\\"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// The items as a table, written a row at a time, after the NPS of every
/// answer: the listed items' own, their merged reports' and the answers
/// without a comment (counted beforehand, by the store).
pub struct FeedbackTable<'w> {
    out: &'w mut dyn io::Write,
    rows: usize,
}

impl<'w> FeedbackTable<'w> {
    pub fn start(
        listed_nps: NpsTally,
        unlisted_nps: NpsTally,
        out: &'w mut dyn io::Write,
    ) -> io::Result<FeedbackTable<'w>> {
        writeln!(out, "# Feedback\n")?;
        if let Some((nps, count)) = (listed_nps + unlisted_nps).score() {
            let without = unlisted_nps.answers();
            writeln!(
                out,
                "NPS {nps:+} from {count} answers ({without} of them without a comment).\n"
            )?;
        }
        Ok(FeedbackTable { out, rows: 0 })
    }

    pub fn item(&mut self, item: &FeedbackItem) -> io::Result<()> {
        let out = &mut *self.out;
        if self.rows == 0 {
            writeln!(
                out,
                "| ID | Title | Source | Status | Tags | Mentions | Sentiment | Reach | Impact | Confidence | Effort | RICE |"
            )?;
            writeln!(
                out,
                "|---:|---|---|---|---|---:|---|---:|---:|---:|---:|---:|"
            )?;
        }
        self.rows += 1;
        let r = &item.rice;
        let n = |v: Option<f64>| v.map(format_number).unwrap_or_else(|| "–".into());
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            item.id,
            cell(&item.title),
            item.source,
            item.status,
            cell(&item.tags.join(", ")),
            item.mentions,
            item.sentiment,
            n(r.reach),
            r.impact.map_or("–".into(), |i| i.name().to_string()),
            r.confidence
                .map_or("–".into(), |c| format!("{}%", format_number(c))),
            n(r.effort),
            r.score().map_or("–".into(), |s| format!("{s:.1}")),
        )
    }

    pub fn finish(self) -> io::Result<()> {
        if self.rows == 0 {
            writeln!(self.out, "No feedback items.")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_cannot_break_the_table() {
        assert_eq!(cell("a|b\nc"), "a\\|b c");
        assert_eq!(cell("<script>"), "&lt;script&gt;");
    }
}
