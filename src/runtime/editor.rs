//! Editing long text in the user's own editor (`$VISUAL`, then `$EDITOR`,
//! then `vi`): the TUI steps aside, the editor gets the real terminal, and
//! the TUI comes back with the edited text.

use super::{disable_extras, enable_extras};
use color_eyre::eyre::Result;
use ratatui::DefaultTerminal;
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};
use std::io::Write;
use std::process::Command;

/// The editor command line to run.
pub fn editor_command() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string())
}

/// Opens `text` in the editor; `Ok(Err(message))` when the editor failed.
pub(super) fn edit(terminal: &mut DefaultTerminal, text: &str) -> Result<Result<String, String>> {
    let mut file = tempfile::Builder::new()
        .prefix("retriage-")
        .suffix(".md")
        .tempfile()?;
    file.write_all(text.as_bytes())?;
    file.flush()?;
    let editor = editor_command();

    disable_extras();
    ratatui::try_restore()?;
    super::show_cursor();
    // The editor may carry arguments ("code --wait"), so let the shell split it;
    // the file name is passed as a separate argument, never spliced into the line.
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("retriage-editor")
        .arg(file.path())
        .status();
    enable_raw_mode()?;
    execute!(std::io::stdout(), EnterAlternateScreen)?;
    enable_extras()?;
    terminal.clear()?;

    let outcome = match status {
        // Read by path: editors that save by writing a new file and renaming
        // it over the old one (Emacs, for one) replace the original file.
        Ok(s) if s.success() => std::fs::read_to_string(file.path())
            .map_err(|e| format!("cannot read the edited text: {e}")),
        Ok(s) => Err(format!("{editor} exited with {s}; the text is unchanged")),
        Err(e) => Err(format!("cannot start {editor}: {e}")),
    };
    Ok(outcome)
}
