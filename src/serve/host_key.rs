//! The server's host key, kept beside the database as `DBFILE.host_key`
//! (owner-only, 0600): made on first start, read on every later one, so
//! participants who checked its fingerprint once can trust it after.

use russh::keys::ssh_key::LineEnding;
use russh::keys::{Algorithm, HashAlg, PrivateKey};
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

/// Where the host key of the database at `db` lives.
pub fn host_key_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".host_key");
    PathBuf::from(name)
}

/// Reads the host key at `path`, or makes and saves one when there is
/// none; says which (true: made now).
pub fn load_or_create(path: &Path) -> Result<(PrivateKey, bool), String> {
    if path.exists() {
        let key = PrivateKey::read_openssh_file(path)
            .map_err(|e| format!("cannot read the host key {}: {e}", path.display()))?;
        return Ok((key, false));
    }
    let key = PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519)
        .map_err(|e| format!("cannot make a host key: {e}"))?;
    let text = key
        .to_openssh(LineEnding::LF)
        .map_err(|e| format!("cannot encode the host key: {e}"))?;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(|e| format!("cannot write the host key {}: {e}", path.display()))?;
    file.write_all(text.as_bytes())
        .map_err(|e| format!("cannot write the host key {}: {e}", path.display()))?;
    Ok((key, true))
}

/// The fingerprint `ssh` shows on first connect (`SHA256:…`).
pub fn fingerprint(key: &PrivateKey) -> String {
    key.public_key().fingerprint(HashAlg::Sha256).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn a_host_key_is_made_once_owner_only_and_read_back_after() {
        let dir = tempfile::tempdir().unwrap();
        let path = host_key_path(&dir.path().join("retriage.db"));
        assert!(path.ends_with("retriage.db.host_key"));
        let (made, created) = load_or_create(&path).unwrap();
        assert!(created);
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let (read, created) = load_or_create(&path).unwrap();
        assert!(!created);
        assert_eq!(fingerprint(&made), fingerprint(&read));
        assert!(fingerprint(&read).starts_with("SHA256:"));
    }
}
