//! The configuration: the embedded defaults in `assets/config.toml`,
//! overlaid by the user's `$XDG_CONFIG_HOME/retriage/config.toml`.
//!
//! - `keymap`: commands, modes, bindings and the lookup from a key to a
//!   command (with the per-mode command lists that refuse a binding a mode
//!   cannot handle);
//! - `theme`: the named styles;
//! - `kano_tables`: the `[kano]` section, with the user's own evaluation
//!   tables.
//!
//! Bindings are data (`on` keys → `run` command, with a `desc` and an
//! optional footer `hint`), so the help screen, the footer hints and the tab
//! labels are generated from the same table that handles the keys. A bad
//! user file is reported with its line and column and the offending key.

mod kano_tables;
mod keymap;
pub mod synonyms;
pub mod templates;
mod theme;

pub use crate::input::Key;
pub use kano_tables::KanoConfig;
pub use keymap::{Binding, Command, HelpLine, Keymap, Mode};
pub use theme::Theme;

use crate::domain::file_problem::FileProblem;
use kano_tables::{KanoSource, KanoSpec};
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use theme::ThemeSpec;

/// The embedded default configuration.
pub const DEFAULT_CONFIG: &str = include_str!("../../assets/config.toml");

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default)]
    theme: ThemeSpec,
    #[serde(default)]
    kano: KanoSpec,
    #[serde(default)]
    keymap: BTreeMap<Mode, Vec<Binding>>,
    #[serde(default)]
    serve: ServeSpec,
}

/// `[serve]`: settings of `retriage serve`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ServeSpec {
    /// Names in the allow-list that facilitate.
    #[serde(default)]
    facilitators: Vec<String>,
}

/// The whole configuration in effect.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub keymap: Keymap,
    pub theme: Theme,
    /// The Kano analysis the Kano screen starts with, and the tables it
    /// can switch to.
    pub kano: KanoConfig,
    /// `[serve] facilitators`: names in `retriage serve`'s allow-list that
    /// facilitate, beside keys marked `facilitator` there.
    pub serve_facilitators: Vec<String>,
}

/// A configuration file that cannot be used, with where and why.
pub type ConfigError = FileProblem;

fn parse_file(path: &str, text: &str) -> Result<ConfigFile, ConfigError> {
    let file: ConfigFile =
        toml::from_str(text).map_err(|e| FileProblem::from_toml(path, text, &e))?;
    if let Some(w) = file.kano.tie_window
        && !(0.0..=100.0).contains(&w)
    {
        return Err(ConfigError {
            path: path.to_string(),
            line: None,
            column: None,
            message: format!("[kano] tie_window = {w}: must be percentage points from 0 to 100"),
        });
    }
    for (mode, bindings) in &file.keymap {
        let mut seen: HashSet<Key> = HashSet::new();
        for binding in bindings {
            if !mode.commands().contains(&binding.run) {
                let handled: Vec<String> = mode.commands().iter().map(|c| c.name()).collect();
                return Err(ConfigError {
                    path: path.to_string(),
                    line: None,
                    column: None,
                    message: format!(
                        "'{}' cannot be bound in [keymap.{}]: the {} does not handle it \
                         (it handles {})",
                        binding.run.name(),
                        mode.name(),
                        mode.title().to_lowercase(),
                        handled.join(", ")
                    ),
                });
            }
            if binding.on.is_empty() {
                return Err(ConfigError {
                    path: path.to_string(),
                    line: None,
                    column: None,
                    message: format!(
                        "a binding for '{}' in [keymap.{}] has no keys",
                        binding.run.name(),
                        mode.name()
                    ),
                });
            }
            for key in &binding.on {
                if !seen.insert(*key) {
                    return Err(ConfigError {
                        path: path.to_string(),
                        line: None,
                        column: None,
                        message: format!("key '{key}' is bound twice in [keymap.{}]", mode.name()),
                    });
                }
            }
        }
    }
    Ok(file)
}

impl Config {
    /// The defaults overlaid by an optional user file (`(path, text)`).
    pub fn from_sources(user: Option<(&str, &str)>, colour: bool) -> Result<Config, ConfigError> {
        let mut defaults = parse_file("assets/config.toml", DEFAULT_CONFIG)?;
        let (user_path, user_text) = user.unwrap_or_default();
        let mut user = match user {
            Some((path, text)) => parse_file(path, text)?,
            None => ConfigFile::default(),
        };
        let kano = kano_tables::resolve(
            KanoSource {
                spec: std::mem::take(&mut defaults.kano),
                path: "assets/config.toml",
                text: DEFAULT_CONFIG,
            },
            KanoSource {
                spec: std::mem::take(&mut user.kano),
                path: user_path,
                text: user_text,
            },
        )?;
        let mut modes = BTreeMap::new();
        for mode in Mode::ALL {
            let mut bindings = user.keymap.get(&mode).cloned().unwrap_or_default();
            bindings.extend(defaults.keymap.get(&mode).cloned().unwrap_or_default());
            modes.insert(mode, bindings);
        }
        Ok(Config {
            keymap: Keymap { modes },
            theme: defaults.theme.overlay(user.theme).resolve(colour),
            kano,
            serve_facilitators: user.serve.facilitators,
        })
    }

    /// The embedded defaults alone.
    pub fn defaults(colour: bool) -> Config {
        Config::from_sources(None, colour).expect("the embedded config is valid")
    }

    /// Loads the defaults and the user's file at `path` when it exists.
    pub fn load(path: Option<&Path>, colour: bool) -> Result<Config, ConfigError> {
        let Some(path) = path.filter(|p| p.exists()) else {
            return Config::from_sources(None, colour);
        };
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            path: shown.clone(),
            line: None,
            column: None,
            message: e.to_string(),
        })?;
        Config::from_sources(Some((&shown, &text)), colour)
    }
}

/// `$XDG_CONFIG_HOME/retriage/config.toml` (or the platform's equivalent).
pub fn user_config_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "retriage").map(|d| d.config_dir().join("config.toml"))
}

/// Whether colour is allowed: `NO_COLOR` set to anything non-empty turns it off.
pub fn colour_enabled() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serve_facilitators_are_read_from_the_user_file() {
        let text = "[serve]\nfacilitators = [\"Fran\"]\n";
        let config = Config::from_sources(Some(("user.toml", text)), true).unwrap();
        assert_eq!(config.serve_facilitators, vec!["Fran".to_string()]);
        assert!(Config::defaults(true).serve_facilitators.is_empty());
    }
    use ratatui::style::{Color, Modifier};

    fn key(text: &str) -> Key {
        text.parse().unwrap()
    }

    #[test]
    fn the_embedded_config_parses_and_covers_every_mode() {
        let config = Config::defaults(true);
        for mode in Mode::ALL {
            // The import dialog words its hints per step (`ui::import`).
            if mode != Mode::Import {
                assert!(
                    !config.keymap.hints(mode).is_empty(),
                    "{mode:?} has no hints"
                );
            }
            assert!(
                !config.keymap.effective(mode).is_empty(),
                "{mode:?} has no keys"
            );
        }
        assert_eq!(
            config.keymap.resolve(Mode::Triage, key("j")),
            Some(Command::MoveDown)
        );
        assert_eq!(
            config.keymap.resolve(Mode::Triage, key("down")),
            Some(Command::MoveDown)
        );
        assert_eq!(
            config.keymap.resolve(Mode::Triage, key("G")),
            Some(Command::Bottom)
        );
        assert_eq!(
            config.keymap.resolve(Mode::Form, key("ctrl-s")),
            Some(Command::Save)
        );
        assert_eq!(config.keymap.resolve(Mode::Triage, key("z")), None);
    }

    #[test]
    fn a_command_a_mode_does_not_handle_is_refused_naming_both() {
        let user = "[[keymap.kano]]\non = [\"d\"]\nrun = \"delete\"\ndesc = \"Delete\"\n";
        let err = Config::from_sources(Some(("user.toml", user)), true).unwrap_err();
        assert!(
            err.message
                .starts_with("'delete' cannot be bound in [keymap.kano]: the kano screen"),
            "{err}"
        );
        assert!(err.message.contains("toggle_evaluation_table"), "{err}");
        let fine = "[[keymap.kano]]\non = [\"d\"]\nrun = \"move_down\"\ndesc = \"Down\"\n";
        assert!(Config::from_sources(Some(("user.toml", fine)), true).is_ok());
    }

    #[test]
    fn every_default_binding_is_to_a_command_its_mode_handles() {
        let defaults: ConfigFile = toml::from_str(DEFAULT_CONFIG).unwrap();
        for (mode, bindings) in &defaults.keymap {
            for binding in bindings {
                assert!(
                    mode.commands().contains(&binding.run),
                    "{mode:?} {binding:?}"
                );
            }
        }
        assert_eq!(
            Command::ToggleEvaluationTable.name(),
            "toggle_evaluation_table"
        );
    }

    #[test]
    fn user_bindings_win_and_shadow_defaults_in_help() {
        let user = "[[keymap.triage]]\non = [\"j\"]\nrun = \"move_up\"\ndesc = \"Up, my way\"\n";
        let config = Config::from_sources(Some(("user.toml", user)), true).unwrap();
        assert_eq!(
            config.keymap.resolve(Mode::Triage, key("j")),
            Some(Command::MoveUp)
        );
        assert_eq!(
            config.keymap.resolve(Mode::Triage, key("down")),
            Some(Command::MoveDown)
        );
        let help = config.keymap.effective(Mode::Triage);
        let down = help.iter().find(|b| b.run == Command::MoveDown).unwrap();
        assert_eq!(down.on, vec![key("down")], "j no longer reaches move_down");
    }

    #[test]
    fn bad_user_files_name_the_line_and_the_problem() {
        let unknown = "[[keymap.triage]]\non = [\"x\"]\nrun = \"explode\"\ndesc = \"?\"\n";
        let err = Config::from_sources(Some(("user.toml", unknown)), true).unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(err.message.contains("explode"), "{err}");
        assert!(err.to_string().starts_with("user.toml line 3"), "{err}");

        let bad_key = "[[keymap.triage]]\non = [\"hyper-x\"]\nrun = \"quit\"\ndesc = \"?\"\n";
        let err = Config::from_sources(Some(("user.toml", bad_key)), true).unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("hyper-x"), "{err}");

        let colour = "[theme]\naccent = { fg = \"ultraviolet\" }\n";
        let err = Config::from_sources(Some(("user.toml", colour)), true).unwrap_err();
        assert!(err.message.contains("ultraviolet"), "{err}");

        let twice = "[[keymap.triage]]\non = [\"x\"]\nrun = \"quit\"\ndesc = \"a\"\n\n[[keymap.triage]]\non = [\"x\"]\nrun = \"add\"\ndesc = \"b\"\n";
        let err = Config::from_sources(Some(("user.toml", twice)), true).unwrap_err();
        assert!(err.message.contains("'x' is bound twice"), "{err}");

        let window = "[kano]\ntie_window = 120\n";
        let err = Config::from_sources(Some(("user.toml", window)), true).unwrap_err();
        assert!(err.message.contains("tie_window"), "{err}");
        let window = "[kano]\ntable = \"berger\"\ntie_window = 10\n";
        let config = Config::from_sources(Some(("user.toml", window)), true).unwrap();
        assert_eq!(config.kano.settings.table.name(), "Berger");
        assert_eq!(config.kano.settings.tie_window, 10.0);

        let syntax = "[theme\n";
        assert!(Config::from_sources(Some(("user.toml", syntax)), true).is_err());
    }

    #[test]
    fn no_colour_drops_colours_and_reverses_highlights() {
        let plain = Config::defaults(false).theme;
        assert_eq!(plain.selected.bg, None);
        assert!(plain.selected.add_modifier.contains(Modifier::REVERSED));
        assert_eq!(plain.accent.fg, None);
        let coloured = Config::defaults(true).theme;
        assert_eq!(coloured.selected.bg, Some(Color::Cyan));
    }
}
