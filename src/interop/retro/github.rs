//! Action items as a POSIX `sh` script that opens one GitHub issue per item
//! with the GitHub CLI: `#!/bin/sh`, `set -e`, then one
//! `gh issue create --title '…' --body '…' [--assignee '…']` line each.
//!
//! Every value is single-quoted, with each `'` written `'\''`. Inside single
//! quotes the shell expands nothing (no `$(…)`, backticks, `$VAR`, `\`, `;`
//! or glob), and a line break is part of the value, so no text can run a
//! command and every value reaches `gh` verbatim, newlines included. NUL
//! characters, which no command argument can hold, are dropped. Comments in
//! the script hold no participant text.

use super::actions::origin;
use crate::domain::retro::ActionItem;
use std::io;

/// `value` as one single-quoted `sh` word that expands to exactly `value`
/// (NUL characters aside).
pub fn sh_quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('\'');
    for c in value.chars() {
        match c {
            '\'' => out.push_str("'\\''"),
            '\0' => {}
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// The issue body: where the action came from, its owner, due date and
/// status.
pub fn issue_body(action: &ActionItem) -> String {
    let mut body = origin(action);
    body.push_str("\n\n");
    body.push_str(&format!(
        "Owner: {}\nDue: {}\nStatus: {}\n",
        action.owner.as_deref().unwrap_or("none"),
        action
            .due
            .map_or("none".to_string(), |d| d.format("%Y-%m-%d").to_string()),
        action.status
    ));
    body
}

/// Writes the script.
pub fn write_script(items: &[ActionItem], out: &mut dyn io::Write) -> io::Result<()> {
    writeln!(out, "#!/bin/sh")?;
    writeln!(
        out,
        "# Opens one GitHub issue per retro action item ({} in all) with the GitHub CLI.",
        items.len()
    )?;
    writeln!(
        out,
        "# Run it inside the repository (or set GH_REPO): sh THIS_FILE"
    )?;
    writeln!(out, "set -e")?;
    for action in items {
        write!(
            out,
            "gh issue create --title {} --body {}",
            sh_quote(&action.title),
            sh_quote(&issue_body(action))
        )?;
        if let Some(owner) = &action.owner {
            write!(out, " --assignee {}", sh_quote(owner))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use crate::interop::retro::fixture::action;
    use std::fs;
    use std::os::unix::fs::PermissionsExt;
    use std::path::Path;
    use std::process::Command;

    /// A stand-in `gh` that writes the arguments of each call, NUL-separated,
    /// to `calls/N` (N counting from 1).
    const FAKE_GH: &str = r#"#!/bin/sh
dir="$(dirname "$0")/calls"
mkdir -p "$dir"
n=$(ls "$dir" | wc -l)
n=$((n + 1))
for arg do printf '%s\0' "$arg"; done > "$dir/$n"
"#;

    const HOSTILE: [&str; 9] = [
        "it's 'quoted'",
        "say \"hi\"",
        "$(touch pwned)",
        "`touch pwned`",
        "x; rm -rf x; touch pwned",
        "first line\nsecond line\n",
        "back\\slash \\n \\' \\\\",
        "ünïcödé ✓ 日本語 😀",
        "'; touch pwned; echo '",
    ];

    fn recorded_calls(dir: &Path) -> Vec<Vec<String>> {
        let calls = dir.join("bin/calls");
        let mut files: Vec<_> = fs::read_dir(&calls)
            .map(|d| d.map(|e| e.unwrap().path()).collect())
            .unwrap_or_default();
        files.sort_by_key(|p| {
            p.file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .parse::<u32>()
                .unwrap()
        });
        files
            .iter()
            .map(|p| {
                let bytes = fs::read(p).unwrap();
                let text = String::from_utf8(bytes).unwrap();
                let mut args: Vec<String> = text.split('\0').map(String::from).collect();
                assert_eq!(args.pop().as_deref(), Some(""), "each arg ends in NUL");
                args
            })
            .collect()
    }

    #[test]
    fn hostile_text_reaches_gh_verbatim_and_runs_nothing() {
        let items: Vec<ActionItem> = HOSTILE
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let mut item = action(i as i64 + 1, text, Some(HOSTILE[(i + 1) % HOSTILE.len()]));
                item.retro_title = HOSTILE[(i + 2) % HOSTILE.len()].to_string();
                item.team = HOSTILE[(i + 3) % HOSTILE.len()].to_string();
                item
            })
            .chain([action(99, "No owner: no --assignee", None)])
            .collect();
        let mut script = Vec::new();
        write_script(&items, &mut script).unwrap();

        let dir = tempfile::tempdir().unwrap();
        let bin = dir.path().join("bin");
        fs::create_dir(&bin).unwrap();
        let gh = bin.join("gh");
        fs::write(&gh, FAKE_GH).unwrap();
        fs::set_permissions(&gh, fs::Permissions::from_mode(0o755)).unwrap();
        let script_path = dir.path().join("issues.sh");
        fs::write(&script_path, &script).unwrap();
        let path = format!(
            "{}:{}",
            bin.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let status = Command::new("sh")
            .arg(&script_path)
            .current_dir(dir.path())
            .env("PATH", path)
            .status()
            .unwrap();
        assert!(status.success());

        let calls = recorded_calls(dir.path());
        assert_eq!(calls.len(), items.len());
        for (call, item) in calls.iter().zip(&items) {
            let mut expected = vec![
                "issue".to_string(),
                "create".into(),
                "--title".into(),
                item.title.clone(),
                "--body".into(),
                issue_body(item),
            ];
            if let Some(owner) = &item.owner {
                expected.extend(["--assignee".to_string(), owner.clone()]);
            }
            assert_eq!(call, &expected);
            assert!(call[5].contains(&format!("\"{}\"", item.retro_title)));
        }
        let pwned: Vec<_> = walk(dir.path())
            .into_iter()
            .filter(|p| p.file_name().is_some_and(|n| n == "pwned"))
            .collect();
        assert!(pwned.is_empty(), "a command ran: {pwned:?}");
    }

    fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
        let mut found = Vec::new();
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                found.extend(walk(&path));
            }
            found.push(path);
        }
        found
    }

    #[test]
    fn the_script_starts_with_sh_and_stops_on_the_first_failure() {
        let mut out = Vec::new();
        write_script(&[action(1, "One", None)], &mut out).unwrap();
        let script = String::from_utf8(out).unwrap();
        assert!(script.starts_with("#!/bin/sh\n"));
        assert!(script.contains("\nset -e\n"));
        assert!(script.ends_with("gh issue create --title 'One' --body 'Action item from the retro \"Sprint 48\" (team Core Platform, retro 7).\n\nOwner: none\nDue: none\nStatus: open\n'\n"));
        assert_eq!(sh_quote("it's"), "'it'\\''s'");
        assert_eq!(sh_quote("nul\0byte"), "'nulbyte'");
    }
}
