//! The allow-list: who may connect, read from an `authorized_keys`-style
//! file. Each line is `[options] TYPE BASE64 NAME`; the comment is the
//! participant's name (required), and the one option known, `facilitator`,
//! marks the facilitator's keys (so do names in `[serve] facilitators` in
//! the config). Blank lines and `#` lines are skipped.
//! Identity comes from the key alone: the SSH user name plays no part.

use super::roles::{Identity, Role};
use russh::keys::PublicKey;
use russh::keys::ssh_key::public::KeyData;
use std::path::Path;

/// One allowed key and who it belongs to.
#[derive(Debug, Clone)]
pub struct AllowedKey {
    pub key: KeyData,
    pub who: Identity,
}

/// Every allowed key.
#[derive(Debug, Clone, Default)]
pub struct AllowList {
    keys: Vec<AllowedKey>,
}

impl AllowList {
    /// Reads the file; an error names the file, the line and what is wrong.
    pub fn read(path: &Path) -> Result<AllowList, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read the allow-list {}: {e}", path.display()))?;
        AllowList::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    pub fn parse(text: &str) -> Result<AllowList, String> {
        let mut keys = vec![];
        for (number, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let key = parse_line(line).map_err(|e| format!("line {}: {e}", number + 1))?;
            keys.push(key);
        }
        if keys.is_empty() {
            return Err("no keys are allowed (add lines `ssh-ed25519 AAAA… Name`)".into());
        }
        Ok(AllowList { keys })
    }

    /// Makes the keys of these names the facilitator's (`[serve]
    /// facilitators` in the config).
    pub fn with_facilitators(mut self, names: &[String]) -> AllowList {
        for allowed in &mut self.keys {
            if names.contains(&allowed.who.name) {
                allowed.who.role = Role::Facilitator;
            }
        }
        self
    }

    /// Who a key belongs to, if it is allowed.
    pub fn identify(&self, key: &PublicKey) -> Option<&Identity> {
        self.keys
            .iter()
            .find(|allowed| &allowed.key == key.key_data())
            .map(|allowed| &allowed.who)
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

fn parse_line(line: &str) -> Result<AllowedKey, String> {
    let (options, rest) = match line.split_once(char::is_whitespace) {
        Some((first, rest)) if !looks_like_key_type(first) => (first, rest.trim_start()),
        _ => ("", line),
    };
    let mut facilitator = false;
    for option in options.split(',').filter(|o| !o.is_empty()) {
        if option.eq_ignore_ascii_case("facilitator") {
            facilitator = true;
        } else {
            return Err(format!(
                "unknown option '{option}' (the one option known is 'facilitator')"
            ));
        }
    }
    let mut parts = rest.splitn(3, char::is_whitespace);
    let (Some(kind), Some(data)) = (parts.next(), parts.next()) else {
        return Err("expected a key type and its base64 data".into());
    };
    let name = parts.next().map(str::trim).unwrap_or_default();
    if name.is_empty() {
        return Err("the key has no name: put the participant's name after it".into());
    }
    let key = PublicKey::from_openssh(&format!("{kind} {data}"))
        .map_err(|e| format!("key '{kind}' cannot be read: {e}"))?;
    let role = if facilitator {
        Role::Facilitator
    } else {
        Role::Participant
    };
    Ok(AllowedKey {
        key: key.key_data().clone(),
        who: Identity {
            name: crate::domain::text::sanitize_line(name).trim().to_string(),
            role,
        },
    })
}

/// Key types start like `ssh-ed25519`, `ecdsa-sha2-nistp256` or
/// `sk-ssh-ed25519@openssh.com`; options never do.
fn looks_like_key_type(word: &str) -> bool {
    ["ssh-", "ecdsa-", "sk-"]
        .iter()
        .any(|prefix| word.starts_with(prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    use russh::keys::{Algorithm, PrivateKey};

    /// A fresh public key, as an allow-list line writes it (no comment).
    fn new_key() -> String {
        PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519)
            .unwrap()
            .public_key()
            .to_openssh()
            .unwrap()
    }

    fn key(text: &str) -> PublicKey {
        PublicKey::from_openssh(text).unwrap()
    }

    #[test]
    fn names_come_from_the_comment_and_the_facilitator_from_the_option() {
        let (dana_key, fran_key) = (new_key(), new_key());
        let text = format!("# team\n\n{dana_key} Dana Scully\nfacilitator {fran_key} Fran\n");
        let allowed = AllowList::parse(&text).unwrap();
        assert_eq!(allowed.len(), 2);
        let dana = allowed.identify(&key(&dana_key)).unwrap();
        assert_eq!(dana.name, "Dana Scully");
        assert_eq!(dana.role, Role::Participant);
        let fran = allowed.identify(&key(&fran_key)).unwrap();
        assert_eq!(fran.role, Role::Facilitator);
    }

    #[test]
    fn the_config_can_name_the_facilitators() {
        let eli_key = new_key();
        let allowed = AllowList::parse(&format!("{eli_key} Eli\n"))
            .unwrap()
            .with_facilitators(&["Eli".to_string()]);
        assert_eq!(
            allowed.identify(&key(&eli_key)).unwrap().role,
            Role::Facilitator
        );
    }

    #[test]
    fn an_unlisted_key_is_nobody() {
        let allowed = AllowList::parse(&format!("{} Dana", new_key())).unwrap();
        assert!(allowed.identify(&key(&new_key())).is_none());
    }

    #[test]
    fn bad_lines_name_the_line_and_the_problem() {
        let (dana, fran) = (new_key(), new_key());
        let no_name = AllowList::parse(&format!("{dana}\n")).unwrap_err();
        assert!(
            no_name.starts_with("line 1: the key has no name"),
            "{no_name}"
        );
        let option = AllowList::parse(&format!("{dana} Dana\nno-pty {fran} Fran")).unwrap_err();
        assert!(
            option.contains("line 2: unknown option 'no-pty'"),
            "{option}"
        );
        let garbage = AllowList::parse("ssh-ed25519 notbase64 Eli").unwrap_err();
        assert!(
            garbage.contains("line 1: key 'ssh-ed25519' cannot be read"),
            "{garbage}"
        );
        let empty = AllowList::parse("# nobody yet\n").unwrap_err();
        assert!(empty.contains("no keys are allowed"), "{empty}");
    }
}
