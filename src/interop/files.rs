//! Files in and out, with errors in words. Writing an export so that a
//! failed write never leaves half a file: the text goes to a temporary file
//! beside the target, which is renamed into place once complete (the CLI's
//! `-o FILE` and the retro board's export). Opening a file to import, which
//! refuses a folder, a device or a file that is not UTF-8 text. And the one
//! wording for every file error, CLI and TUI alike: `cannot read 'x.csv': no
//! such file` rather than the raw "(os error 2)".

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::Path;

/// Writes `write`'s output to `path` atomically, keeping the permissions of
/// the file it replaces (or the usual ones for a new file).
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    // Renaming onto a folder fails with a confusing "busy" or "exists".
    if path.is_dir() {
        return Err(io::Error::from(io::ErrorKind::IsADirectory));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    {
        let mut out = io::BufWriter::new(tmp.as_file_mut());
        write(&mut out)?;
        out.flush()?;
    }
    // The temporary file is private (0600); give the export the permissions
    // of the file it replaces, or the usual ones for a new file.
    let permissions = match std::fs::metadata(path) {
        Ok(existing) => existing.permissions(),
        Err(_) => default_permissions(),
    };
    tmp.as_file().set_permissions(permissions)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// How many bytes at the start of a file are checked for being text.
const SNIFF_BYTES: u64 = 8192;

/// Why reading or writing a file failed, in words a person reads at once
/// ("no such file" rather than "No such file or directory (os error 2)").
pub fn reason(error: &io::Error) -> String {
    use io::ErrorKind as Kind;
    match error.kind() {
        Kind::NotFound => "no such file".into(),
        Kind::PermissionDenied => "permission denied".into(),
        Kind::IsADirectory => "it is a folder, not a file".into(),
        Kind::NotADirectory => "a part of the path is not a folder".into(),
        Kind::ReadOnlyFilesystem => "the disk is read-only".into(),
        Kind::StorageFull => "the disk is full".into(),
        Kind::InvalidData => "not UTF-8 text; save it as UTF-8 and try again".into(),
        _ => {
            // The operating system's own words, without the error number.
            let text = error.to_string();
            match text.find(" (os error") {
                Some(end) => text[..end].to_lowercase(),
                None => text,
            }
        }
    }
}

/// The one-line message for a file that cannot be read:
/// `cannot read 'x.csv': no such file`.
pub fn describe_io_error(path: &Path, error: &io::Error) -> String {
    format!("cannot read '{}': {}", path.display(), reason(error))
}

/// The one-line message for a file that cannot be written. A missing
/// folder is named as such: the file itself need not exist.
pub fn describe_write_error(path: &Path, error: &io::Error) -> String {
    let why = match error.kind() {
        io::ErrorKind::NotFound => "its folder does not exist".into(),
        _ => reason(error),
    };
    format!("cannot write '{}': {why}", path.display())
}

/// Opens a file to import, refusing with one line (`describe_io_error`)
/// what cannot be one: a missing or unreadable file, a folder, a pipe or
/// device (which would block or never end), or a file that is not UTF-8
/// text (UTF-16, binary, or a first line that is not UTF-8; a bad cell
/// further on is reported by the import with its line). Returns the file at
/// its start and its length.
pub fn open_to_read(path: &Path) -> Result<(File, u64), String> {
    let refuse = |e: io::Error| describe_io_error(path, &e);
    let mut file = File::open(path).map_err(refuse)?;
    let metadata = file.metadata().map_err(refuse)?;
    if metadata.is_dir() {
        return Err(refuse(io::Error::from(io::ErrorKind::IsADirectory)));
    }
    if !metadata.is_file() {
        return Err(format!(
            "cannot read '{}': not a regular file",
            path.display()
        ));
    }
    let mut start = Vec::new();
    (&mut file)
        .take(SNIFF_BYTES)
        .read_to_end(&mut start)
        .map_err(refuse)?;
    if !looks_like_utf8_text(&start) {
        return Err(refuse(io::Error::from(io::ErrorKind::InvalidData)));
    }
    file.seek(SeekFrom::Start(0)).map_err(refuse)?;
    Ok((file, metadata.len()))
}

/// Reads a whole file to import, refused as `open_to_read` refuses.
pub fn read_to_import(path: &Path) -> Result<Vec<u8>, String> {
    let (mut file, len) = open_to_read(path)?;
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.read_to_end(&mut bytes)
        .map_err(|e| describe_io_error(path, &e))?;
    Ok(bytes)
}

/// Whether the start of a file can be UTF-8 text: no UTF-16 byte order
/// mark, no NUL byte, and a first line that is UTF-8 (a character cut at
/// the end of `start` is fine).
fn looks_like_utf8_text(start: &[u8]) -> bool {
    if start.starts_with(&[0xff, 0xfe]) || start.starts_with(&[0xfe, 0xff]) {
        return false;
    }
    if start.contains(&0) {
        return false;
    }
    let first_line = start.split(|b| *b == b'\n').next().unwrap_or_default();
    match std::str::from_utf8(first_line) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none() && first_line.len() == start.len(),
    }
}

#[cfg(unix)]
fn default_permissions() -> std::fs::Permissions {
    use std::os::unix::fs::PermissionsExt;
    std::fs::Permissions::from_mode(0o644)
}

#[cfg(not(unix))]
fn default_permissions() -> std::fs::Permissions {
    tempfile::tempfile()
        .and_then(|f| f.metadata())
        .map(|m| m.permissions())
        .expect("a temporary file has permissions")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_errors_are_one_line_in_words() {
        let dir = tempfile::TempDir::new().unwrap();
        let missing = dir.path().join("x.csv");
        let error = open_to_read(&missing).unwrap_err();
        assert_eq!(
            error,
            format!("cannot read '{}': no such file", missing.display())
        );
        let error = open_to_read(dir.path()).unwrap_err();
        assert!(error.ends_with("': it is a folder, not a file"), "{error}");
        let written = write_atomically(&dir.path().join("no/such/out.csv"), |_| Ok(()));
        let error = describe_write_error(Path::new("out.csv"), &written.unwrap_err());
        assert_eq!(error, "cannot write 'out.csv': its folder does not exist");
        let written = write_atomically(dir.path(), |_| Ok(()));
        let error = describe_write_error(Path::new("out"), &written.unwrap_err());
        assert_eq!(error, "cannot write 'out': it is a folder, not a file");
        let other = io::Error::other("something odd");
        assert_eq!(reason(&other), "something odd");
        assert_eq!(
            reason(&io::Error::from_raw_os_error(28)),
            "the disk is full"
        );
    }

    #[test]
    fn only_utf8_text_is_opened_to_import() {
        let dir = tempfile::TempDir::new().unwrap();
        for (name, bytes) in [
            ("utf16.csv", &b"\xff\xfet\x00i\x00"[..]),
            ("binary.csv", b"PK\x03\x04\x00\x00"),
            ("latin1.csv", b"caf\xe9,title\nx,y\n"),
        ] {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            let error = open_to_read(&path).unwrap_err();
            assert!(error.ends_with("': not UTF-8 text; save it as UTF-8 and try again"));
        }
        // A bad cell further on is the import's to report, with its line.
        let path = dir.path().join("cell.csv");
        std::fs::write(&path, b"title\ncaf\xe9\n").unwrap();
        assert_eq!(read_to_import(&path).unwrap(), b"title\ncaf\xe9\n");
        // A first line longer than the sniffed bytes, cut inside a character.
        let mut long = format!("a{}", "é".repeat(SNIFF_BYTES as usize)).into_bytes();
        long.push(b'\n');
        std::fs::write(&path, &long).unwrap();
        assert!(open_to_read(&path).is_ok());
    }
}
