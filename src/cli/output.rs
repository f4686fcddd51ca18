//! Where command output goes: stdout (a closed pipe means the reader is
//! done, not an error), or a file written atomically; the feedback table,
//! and `fit`, which makes file text one table cell of a given width on
//! screen.

use super::CliError;
use crate::domain::feedback::FeedbackItem;
use crate::domain::text::{cut_to_width, display_width, sanitize_line};
use crate::interop::files::{describe_write_error, write_atomically};
use std::io::{self, Write};
use std::path::Path;

/// Writes command output, treating a closed pipe as the reader being done.
pub(super) fn emit(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<(), CliError> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(CliError(format!("cannot write output: {e}"))),
    }
}

/// The header of the plain feedback table (`write_table_row` writes its
/// rows).
pub(super) fn write_table_header(out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "{:>6}  {:<40}  {:<9}  {:<11}  {:>9}",
        "ID", "TITLE", "SOURCE", "STATUS", "RICE"
    )
}

/// One item as a row of the plain table for people at a terminal (text
/// sanitised, titles cut).
pub(super) fn write_table_row(item: &FeedbackItem, out: &mut dyn Write) -> io::Result<()> {
    let score = item.rice.score().map_or("–".into(), |s| format!("{s:.1}"));
    writeln!(
        out,
        "{:>6}  {}  {:<9}  {:<11}  {:>9}",
        item.id,
        fit(&item.title, 40),
        item.source.name(),
        item.status.name(),
        score
    )
}

/// Text from a file as one table cell `width` columns wide on screen:
/// cleaned, cut with "…" and padded by display width (a CJK character or
/// an emoji takes two columns, a combining accent none).
/// Prints `value` as one pretty JSON document and a newline.
pub(super) fn emit_json(value: &impl serde::Serialize) -> Result<(), CliError> {
    emit(|out| {
        serde_json::to_writer_pretty(&mut *out, value)?;
        writeln!(out)
    })
}

pub(super) fn fit(text: &str, width: usize) -> String {
    let mut cell = cut_to_width(&sanitize_line(text), width);
    let used = display_width(&cell);
    cell.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    cell
}

/// Writes to a temporary file beside `path`, then renames it into place, so a
/// failed export never leaves half a file.
pub(super) fn write_file_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), CliError> {
    write_atomically(path, write).map_err(|e| CliError(describe_write_error(path, &e)))
}

#[cfg(test)]
mod tests {
    use super::fit;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn cells_fit_their_width_on_screen_whatever_the_script() {
        for text in [
            "Export fails",
            "導出が遅い、毎回数分かかります。とても困っています",
            "Crash 🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉",
            "Cafe\u{301} cre\u{300}me bru\u{302}le\u{301}e",
            "\u{1b}[31mred\u{1b}[0m and\nnewline",
            "",
        ] {
            let cell = fit(text, 20);
            assert_eq!(cell.width(), 20, "{text:?} → {cell:?}");
        }
        assert_eq!(fit("Export fails", 8), "Export …");
        assert_eq!(fit("\u{1b}[31mred", 5), "red  ");
    }
}
