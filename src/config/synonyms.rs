//! The synonym table the duplicate search uses: the shipped
//! `assets/synonyms.toml`, extended by the user's
//! `$XDG_CONFIG_HOME/retriage/synonyms.toml` when it exists.

use crate::domain::file_problem::FileProblem;
use crate::domain::similarity::Synonyms;
use std::path::{Path, PathBuf};

/// The shipped table.
pub const SHIPPED_SYNONYMS: &str = include_str!("../../assets/synonyms.toml");

/// The shipped table alone.
pub fn shipped_synonyms() -> Synonyms {
    Synonyms::parse("assets/synonyms.toml", SHIPPED_SYNONYMS).expect("the shipped table is valid")
}

/// `$XDG_CONFIG_HOME/retriage/synonyms.toml` (or the platform's equivalent).
pub fn user_synonyms_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "retriage").map(|d| d.config_dir().join("synonyms.toml"))
}

/// The shipped table extended by the user's file at `path`, when it exists.
pub fn load_synonyms(path: Option<&Path>) -> Result<Synonyms, FileProblem> {
    let shipped = shipped_synonyms();
    let Some(path) = path.filter(|p| p.exists()) else {
        return Ok(shipped);
    };
    let shown = path.display().to_string();
    let text =
        std::fs::read_to_string(path).map_err(|e| FileProblem::whole(&shown, e.to_string()))?;
    Ok(shipped.extended(Synonyms::parse(&shown, &text)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_user_file_extends_the_shipped_table_and_a_broken_one_names_its_place() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("synonyms.toml");
        assert_eq!(load_synonyms(Some(&path)).unwrap(), shipped_synonyms());
        std::fs::write(&path, "groups = [[\"rota\", \"dienstplan\"]]\n").unwrap();
        let loaded = load_synonyms(Some(&path)).unwrap();
        assert_eq!(loaded.groups().len(), shipped_synonyms().groups().len() + 1);
        std::fs::write(&path, "groups = [\n  [\"rota\" \"dienstplan\"],\n]\n").unwrap();
        let problem = load_synonyms(Some(&path)).unwrap_err();
        assert_eq!(problem.path, path.display().to_string());
        assert_eq!(problem.line, Some(2), "{problem}");
        assert!(problem.column.is_some());
    }
}
