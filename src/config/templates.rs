//! Retro templates: the ones shipped in `assets/templates/` (embedded in the
//! binary) and the user's own `*.toml` files in
//! `$XDG_CONFIG_HOME/retriage/templates/`. A user template with the name of
//! a shipped one (matched as `name_key` matches) replaces it; a broken file
//! stops loading with its path, line and problem.

use crate::domain::retro::Template;
use crate::domain::retro::template::{TemplateError, name_key};
use std::path::{Path, PathBuf};

/// The shipped templates, in the order `templates list` shows them:
/// (file name, text).
pub const SHIPPED_TEMPLATES: [(&str, &str); 9] = [
    (
        "start-stop-continue.toml",
        include_str!("../../assets/templates/start-stop-continue.toml"),
    ),
    (
        "mad-sad-glad.toml",
        include_str!("../../assets/templates/mad-sad-glad.toml"),
    ),
    ("4ls.toml", include_str!("../../assets/templates/4ls.toml")),
    (
        "sailboat.toml",
        include_str!("../../assets/templates/sailboat.toml"),
    ),
    (
        "starfish.toml",
        include_str!("../../assets/templates/starfish.toml"),
    ),
    ("kpt.toml", include_str!("../../assets/templates/kpt.toml")),
    (
        "daki.toml",
        include_str!("../../assets/templates/daki.toml"),
    ),
    (
        "went-well-to-improve.toml",
        include_str!("../../assets/templates/went-well-to-improve.toml"),
    ),
    (
        "lean-coffee.toml",
        include_str!("../../assets/templates/lean-coffee.toml"),
    ),
];

/// `$XDG_CONFIG_HOME/retriage/templates/` (or the platform's equivalent).
pub fn user_templates_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "retriage").map(|d| d.config_dir().join("templates"))
}

/// The shipped templates with the user's from `user_dir` (a folder that
/// does not exist holds none): shipped ones in their order, each replaced by
/// a user template of the same name, then the user's other templates by
/// name.
pub fn load_templates(user_dir: Option<&Path>) -> Result<Vec<Template>, TemplateError> {
    let mut templates = SHIPPED_TEMPLATES
        .iter()
        .map(|(file, text)| Template::parse(&format!("assets/templates/{file}"), text))
        .collect::<Result<Vec<_>, _>>()?;
    let mut user_only = Vec::new();
    for template in user_dir.map(read_user_dir).transpose()?.unwrap_or_default() {
        let key = name_key(&template.name);
        match templates.iter_mut().find(|t| name_key(&t.name) == key) {
            Some(shipped) => *shipped = template,
            None => user_only.push(template),
        }
    }
    user_only.sort_by_key(|t| (t.name.to_lowercase(), t.name.clone()));
    templates.extend(user_only);
    Ok(templates)
}

/// Every `*.toml` file in `dir`, parsed, in file-name order.
fn read_user_dir(dir: &Path) -> Result<Vec<Template>, TemplateError> {
    let io_error = |path: &Path, e: std::io::Error| TemplateError {
        path: path.display().to_string(),
        line: None,
        column: None,
        message: e.to_string(),
    };
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io_error(dir, e)),
    };
    let mut paths = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| io_error(dir, e))?.path();
        if path.extension().is_some_and(|ext| ext == "toml") && path.is_file() {
            paths.push(path);
        }
    }
    paths.sort();
    let mut templates: Vec<Template> = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).map_err(|e| io_error(&path, e))?;
        let template = Template::parse(&path.display().to_string(), &text)?;
        if let Some(earlier) = templates.iter().find(|t| t.is_named(&template.name)) {
            return Err(TemplateError {
                path: path.display().to_string(),
                line: None,
                column: None,
                message: format!(
                    "another file in {} already defines the template '{}'",
                    dir.display(),
                    earlier.name
                ),
            });
        }
        templates.push(template);
    }
    Ok(templates)
}

/// The template `name` names (ignoring case, spaces, `-`, `_` and `/`), or
/// a message listing the valid names.
pub fn find_template<'a>(templates: &'a [Template], name: &str) -> Result<&'a Template, String> {
    templates.iter().find(|t| t.is_named(name)).ok_or_else(|| {
        let names: Vec<&str> = templates.iter().map(|t| t.name.as_str()).collect();
        format!(
            "unknown template '{name}' (use one of: {})",
            names.join(", ")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_template_parses_with_a_prompt_for_each_column() {
        let templates = load_templates(None).unwrap();
        let names: Vec<&str> = templates.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Start/Stop/Continue",
                "Mad/Sad/Glad",
                "4Ls",
                "Sailboat",
                "Starfish",
                "KPT",
                "DAKI",
                "Went well/To improve",
                "Lean coffee"
            ]
        );
        for template in &templates {
            assert!(!template.description.trim().is_empty(), "{}", template.name);
            for column in &template.columns {
                assert!(!column.prompt.trim().is_empty(), "{}", template.name);
                assert!(!column.prompt.contains('\n'), "{}", template.name);
            }
        }
        let starfish = find_template(&templates, "starfish").unwrap();
        assert_eq!(starfish.columns.len(), 5);
        assert_eq!(
            find_template(&templates, "went-well-to-improve")
                .unwrap()
                .columns[1]
                .title,
            "To improve"
        );
    }

    #[test]
    fn an_unknown_name_lists_the_valid_ones() {
        let templates = load_templates(None).unwrap();
        let err = find_template(&templates, "retro-x").unwrap_err();
        assert!(
            err.starts_with("unknown template 'retro-x' (use one of: Start/Stop/Continue, "),
            "{err}"
        );
        assert!(err.ends_with("Lean coffee)"), "{err}");
    }

    #[test]
    fn a_user_template_overrides_a_shipped_one_and_adds_its_own() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("mine.toml"),
            "name = \"start stop continue\"\ndescription = \"Ours\"\n\n\
             [[columns]]\ntitle = \"Begin\"\nprompt = \"What to begin?\"\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("zoo.toml"),
            "name = \"Animals\"\ndescription = \"\"\n\n\
             [[columns]]\ntitle = \"Cats\"\nprompt = \"Cats?\"\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("notes.txt"), "not a template").unwrap();
        let templates = load_templates(Some(dir.path())).unwrap();
        assert_eq!(templates.len(), 10);
        assert_eq!(templates[0].description, "Ours");
        assert_eq!(templates[0].columns[0].title, "Begin");
        assert_eq!(templates[9].name, "Animals");
        let missing = dir.path().join("nowhere");
        assert_eq!(load_templates(Some(&missing)).unwrap().len(), 9);
    }

    #[test]
    fn a_broken_user_file_names_its_path_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("broken.toml");
        std::fs::write(
            &path,
            "name = \"Broken\"\ndescription = \"\"\n\n[[columns]]\ntitle = \"A\"\npromt = \"x\"\n",
        )
        .unwrap();
        let err = load_templates(Some(dir.path())).unwrap_err();
        assert_eq!(err.path, path.display().to_string());
        assert_eq!(err.line, Some(6));
        let message = err.to_string();
        assert!(message.contains("broken.toml line 6"), "{message}");
        assert!(message.contains("promt"), "{message}");
    }
}
