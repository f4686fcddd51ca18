//! Keymap and theme: the embedded defaults in `assets/config.toml`, overlaid
//! by the user's `$XDG_CONFIG_HOME/retriage/config.toml`.
//!
//! Bindings are data (`on` keys → `run` command, with a `desc`), so the help
//! screen and the footer hints are generated from the same table that handles
//! the keys. `Keymap::resolve` is a pure function, tested without a terminal.
//! A bad user file is reported with its line and column and the offending key.

use crate::domain::kano::{EvaluationTable, KanoSettings};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The embedded default configuration.
pub const DEFAULT_CONFIG: &str = include_str!("../assets/config.toml");

/// What a key can be bound to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Command {
    Quit,
    Help,
    MoveDown,
    MoveUp,
    PageDown,
    PageUp,
    Top,
    Bottom,
    Filter,
    Open,
    Back,
    Add,
    Edit,
    Score,
    CycleModel,
    CycleSort,
    ReverseSort,
    NextStatus,
    PreviousStatus,
    CycleStatusFilter,
    CycleSourceFilter,
    Delete,
    Undo,
    NextField,
    PreviousField,
    StepUp,
    StepDown,
    Save,
    ExternalEditor,
    Confirm,
    Cancel,
    ShowTriage,
    ShowKano,
    CycleKanoFilter,
    WidenTieWindow,
    NarrowTieWindow,
    ToggleEvaluationTable,
    CycleSentimentFilter,
    ShowDuplicates,
    Merge,
    SwapKept,
    Dismiss,
    RaiseThreshold,
    LowerThreshold,
    Import,
}

/// The input modes, each with its own keymap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    Triage,
    Kano,
    Duplicates,
    Import,
    Filter,
    Form,
    Confirm,
    Help,
}

impl Mode {
    pub const ALL: [Mode; 8] = [
        Mode::Triage,
        Mode::Kano,
        Mode::Duplicates,
        Mode::Import,
        Mode::Filter,
        Mode::Form,
        Mode::Confirm,
        Mode::Help,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Mode::Triage => "triage",
            Mode::Kano => "kano",
            Mode::Duplicates => "duplicates",
            Mode::Import => "import",
            Mode::Filter => "filter",
            Mode::Form => "form",
            Mode::Confirm => "confirm",
            Mode::Help => "help",
        }
    }

    /// Heading for the help screen.
    pub fn title(self) -> &'static str {
        match self {
            Mode::Triage => "Triage table",
            Mode::Kano => "Kano screen",
            Mode::Duplicates => "Duplicates screen",
            Mode::Import => "Import dialog",
            Mode::Filter => "Typing a filter",
            Mode::Form => "Forms (add, edit, score)",
            Mode::Confirm => "Questions",
            Mode::Help => "Help",
        }
    }
}

/// One key with its modifiers, normalised so that `G` and `shift-g` agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Key {
    pub fn new(code: KeyCode, modifiers: KeyModifiers) -> Key {
        let mut modifiers =
            modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match code {
            // The character already says whether shift was held.
            KeyCode::Char(c) => {
                modifiers.remove(KeyModifiers::SHIFT);
                if modifiers.contains(KeyModifiers::CONTROL) {
                    KeyCode::Char(c.to_ascii_lowercase())
                } else {
                    KeyCode::Char(c)
                }
            }
            KeyCode::BackTab => {
                modifiers.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        Key { code, modifiers }
    }

    pub fn from_event(event: &KeyEvent) -> Key {
        Key::new(event.code, event.modifiers)
    }
}

impl FromStr for Key {
    type Err = String;

    fn from_str(text: &str) -> Result<Key, String> {
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = text;
        // A lone "-" is the minus key; "ctrl--" is ctrl and minus.
        while rest.len() > 1 {
            let lower = rest.to_ascii_lowercase();
            let (flag, len) = if lower.starts_with("ctrl-") {
                (KeyModifiers::CONTROL, 5)
            } else if lower.starts_with("alt-") {
                (KeyModifiers::ALT, 4)
            } else if lower.starts_with("shift-") {
                (KeyModifiers::SHIFT, 6)
            } else {
                break;
            };
            modifiers |= flag;
            rest = &rest[len..];
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" if modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "space" => KeyCode::Char(' '),
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "insert" => KeyCode::Insert,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pageup" | "pgup" => KeyCode::PageUp,
                "pagedown" | "pgdn" => KeyCode::PageDown,
                f if f.starts_with('f') && f.len() > 1 => match f[1..].parse::<u8>() {
                    Ok(n @ 1..=12) => KeyCode::F(n),
                    _ => return Err(format!("unknown key '{text}'")),
                },
                _ => return Err(format!("unknown key '{text}'")),
            },
        };
        if let KeyCode::Char(c) = code
            && modifiers.contains(KeyModifiers::SHIFT)
            && c.is_ascii_lowercase()
        {
            return Ok(Key::new(KeyCode::Char(c.to_ascii_uppercase()), modifiers));
        }
        Ok(Key::new(code, modifiers))
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            f.write_str("ctrl-")?;
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            f.write_str("alt-")?;
        }
        if self.modifiers.contains(KeyModifiers::SHIFT) {
            f.write_str("shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("enter"),
            KeyCode::Esc => f.write_str("esc"),
            KeyCode::Tab => f.write_str("tab"),
            KeyCode::BackTab => f.write_str("shift-tab"),
            KeyCode::Backspace => f.write_str("backspace"),
            KeyCode::Delete => f.write_str("delete"),
            KeyCode::Insert => f.write_str("insert"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Home => f.write_str("home"),
            KeyCode::End => f.write_str("end"),
            KeyCode::PageUp => f.write_str("pageup"),
            KeyCode::PageDown => f.write_str("pagedown"),
            KeyCode::F(n) => write!(f, "f{n}"),
            _ => f.write_str("?"),
        }
    }
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Key, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// One binding: keys, the command they run, and what the help says.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Binding {
    pub on: Vec<Key>,
    pub run: Command,
    pub desc: String,
}

/// A colour-and-modifier style as written in the config.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct StyleSpec {
    fg: Option<ColorSpec>,
    bg: Option<ColorSpec>,
    #[serde(default)]
    bold: bool,
    #[serde(default)]
    dim: bool,
    #[serde(default)]
    italic: bool,
    #[serde(default)]
    underlined: bool,
    #[serde(default)]
    reversed: bool,
}

#[derive(Debug, Clone, PartialEq)]
struct ColorSpec(Color);

impl<'de> Deserialize<'de> for ColorSpec {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<ColorSpec, D::Error> {
        let text = String::deserialize(d)?;
        Color::from_str(&text)
            .map(ColorSpec)
            .map_err(|_| serde::de::Error::custom(format!("unknown colour '{text}'")))
    }
}

impl StyleSpec {
    fn style(&self, colour: bool) -> Style {
        let mut style = Style::default();
        let mut modifiers = Modifier::empty();
        for (on, m) in [
            (self.bold, Modifier::BOLD),
            (self.dim, Modifier::DIM),
            (self.italic, Modifier::ITALIC),
            (self.underlined, Modifier::UNDERLINED),
            (self.reversed, Modifier::REVERSED),
        ] {
            if on {
                modifiers |= m;
            }
        }
        if colour {
            if let Some(ColorSpec(c)) = self.fg {
                style = style.fg(c);
            }
            if let Some(ColorSpec(c)) = self.bg {
                style = style.bg(c);
            }
        } else if self.bg.is_some() {
            // Without colour, a highlighted background becomes reverse video.
            modifiers |= Modifier::REVERSED;
        }
        style.add_modifier(modifiers)
    }
}

/// The theme's named styles, resolved for the terminal (colour or not).
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub text: Style,
    pub muted: Style,
    pub accent: Style,
    pub header: Style,
    pub selected: Style,
    pub border: Style,
    pub focus_border: Style,
    pub key: Style,
    pub error: Style,
    pub success: Style,
    pub score: Style,
    pub tab_active: Style,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeSpec {
    text: Option<StyleSpec>,
    muted: Option<StyleSpec>,
    accent: Option<StyleSpec>,
    header: Option<StyleSpec>,
    selected: Option<StyleSpec>,
    border: Option<StyleSpec>,
    focus_border: Option<StyleSpec>,
    key: Option<StyleSpec>,
    error: Option<StyleSpec>,
    success: Option<StyleSpec>,
    score: Option<StyleSpec>,
    tab_active: Option<StyleSpec>,
}

impl ThemeSpec {
    /// Fields set in `over` replace ours.
    fn overlay(self, over: ThemeSpec) -> ThemeSpec {
        ThemeSpec {
            text: over.text.or(self.text),
            muted: over.muted.or(self.muted),
            accent: over.accent.or(self.accent),
            header: over.header.or(self.header),
            selected: over.selected.or(self.selected),
            border: over.border.or(self.border),
            focus_border: over.focus_border.or(self.focus_border),
            key: over.key.or(self.key),
            error: over.error.or(self.error),
            success: over.success.or(self.success),
            score: over.score.or(self.score),
            tab_active: over.tab_active.or(self.tab_active),
        }
    }

    fn resolve(&self, colour: bool) -> Theme {
        let s = |spec: &Option<StyleSpec>| spec.clone().unwrap_or_default().style(colour);
        Theme {
            text: s(&self.text),
            muted: s(&self.muted),
            accent: s(&self.accent),
            header: s(&self.header),
            selected: s(&self.selected),
            border: s(&self.border),
            focus_border: s(&self.focus_border),
            key: s(&self.key),
            error: s(&self.error),
            success: s(&self.success),
            score: s(&self.score),
            tab_active: s(&self.tab_active),
        }
    }
}

/// The `[kano]` section.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct KanoSpec {
    tie_window: Option<f64>,
    table: Option<EvaluationTable>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default)]
    theme: ThemeSpec,
    #[serde(default)]
    kano: KanoSpec,
    #[serde(default)]
    keymap: BTreeMap<Mode, Vec<Binding>>,
}

/// The bindings of every mode, user bindings first.
#[derive(Debug, Clone, PartialEq)]
pub struct Keymap {
    modes: BTreeMap<Mode, Vec<Binding>>,
}

impl Keymap {
    /// The command a key runs in a mode, if any.
    pub fn resolve(&self, mode: Mode, key: Key) -> Option<Command> {
        self.modes
            .get(&mode)?
            .iter()
            .find(|b| b.on.contains(&key))
            .map(|b| b.run)
    }

    /// The bindings in effect for a mode, for help and hints: each with only
    /// the keys that still reach it (a key the user rebound is left out).
    pub fn effective(&self, mode: Mode) -> Vec<Binding> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for binding in self.modes.get(&mode).into_iter().flatten() {
            let keys: Vec<Key> = binding
                .on
                .iter()
                .copied()
                .filter(|k| seen.insert(*k))
                .collect();
            if !keys.is_empty() {
                out.push(Binding {
                    on: keys,
                    ..binding.clone()
                });
            }
        }
        out
    }

    /// The first key that reaches a command in a mode.
    pub fn first_key(&self, mode: Mode, command: Command) -> Option<Key> {
        self.effective(mode)
            .iter()
            .find(|b| b.run == command)
            .map(|b| b.on[0])
    }

    /// The keys bound to a command in a mode, joined for a hint ("j/↓").
    pub fn keys_for(&self, mode: Mode, command: Command) -> String {
        self.effective(mode)
            .iter()
            .filter(|b| b.run == command)
            .flat_map(|b| b.on.iter().map(Key::to_string))
            .collect::<Vec<_>>()
            .join("/")
    }
}

/// One line of the help screen.
#[derive(Debug, Clone, PartialEq)]
pub enum HelpLine {
    Heading(&'static str),
    Binding { keys: String, desc: String },
    Blank,
}

impl Keymap {
    /// The help screen's lines: a section per mode, a line per binding in
    /// effect. The app counts them; the UI draws them.
    pub fn help_lines(&self) -> Vec<HelpLine> {
        let mut lines = Vec::new();
        for mode in Mode::ALL {
            if !lines.is_empty() {
                lines.push(HelpLine::Blank);
            }
            lines.push(HelpLine::Heading(mode.title()));
            for binding in self.effective(mode) {
                lines.push(HelpLine::Binding {
                    keys: binding
                        .on
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(", "),
                    desc: binding.desc.clone(),
                });
            }
        }
        lines.push(HelpLine::Blank);
        lines.push(HelpLine::Binding {
            keys: "ctrl-c".into(),
            desc: "Quit from anywhere (asks when a form has changes)".into(),
        });
        lines
    }
}

/// The whole configuration in effect.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub keymap: Keymap,
    pub theme: Theme,
    /// Kano analysis settings the Kano screen starts with.
    pub kano: KanoSettings,
}

/// A configuration file that cannot be used, with where and why.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigError {
    pub path: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path)?;
        if let (Some(l), Some(c)) = (self.line, self.column) {
            write!(f, " line {l}, column {c}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ConfigError {}

fn parse_file(path: &str, text: &str) -> Result<ConfigFile, ConfigError> {
    let file: ConfigFile = toml::from_str(text).map_err(|e| {
        let (line, column) = match e.span() {
            Some(span) => {
                let before = &text[..span.start.min(text.len())];
                let line = before.matches('\n').count() + 1;
                let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
                (Some(line), Some(column))
            }
            None => (None, None),
        };
        ConfigError {
            path: path.to_string(),
            line,
            column,
            message: e.message().trim().replace('\n', " "),
        }
    })?;
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
            if binding.on.is_empty() {
                return Err(ConfigError {
                    path: path.to_string(),
                    line: None,
                    column: None,
                    message: format!(
                        "a binding for '{:?}' in [keymap.{}] has no keys",
                        binding.run,
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
        let defaults = parse_file("assets/config.toml", DEFAULT_CONFIG)?;
        let user = match user {
            Some((path, text)) => parse_file(path, text)?,
            None => ConfigFile::default(),
        };
        let mut modes = BTreeMap::new();
        for mode in Mode::ALL {
            let mut bindings = user.keymap.get(&mode).cloned().unwrap_or_default();
            bindings.extend(defaults.keymap.get(&mode).cloned().unwrap_or_default());
            modes.insert(mode, bindings);
        }
        Ok(Config {
            keymap: Keymap { modes },
            theme: defaults.theme.overlay(user.theme).resolve(colour),
            kano: KanoSettings {
                tie_window: user
                    .kano
                    .tie_window
                    .or(defaults.kano.tie_window)
                    .unwrap_or(0.0),
                table: user.kano.table.or(defaults.kano.table).unwrap_or_default(),
            },
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

    fn key(text: &str) -> Key {
        text.parse().unwrap()
    }

    #[test]
    fn the_embedded_config_parses_and_covers_every_mode() {
        let config = Config::defaults(true);
        for mode in Mode::ALL {
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
    fn keys_parse_and_normalise() {
        assert_eq!(key("G"), Key::new(KeyCode::Char('G'), KeyModifiers::SHIFT));
        assert_eq!(key("shift-g"), key("G"));
        assert_eq!(
            key("ctrl-d"),
            Key::new(KeyCode::Char('d'), KeyModifiers::CONTROL)
        );
        assert_eq!(
            key("shift-tab"),
            Key::new(KeyCode::BackTab, KeyModifiers::SHIFT)
        );
        assert_eq!(key("-"), Key::new(KeyCode::Char('-'), KeyModifiers::NONE));
        assert_eq!(
            key("ctrl--"),
            Key::new(KeyCode::Char('-'), KeyModifiers::CONTROL)
        );
        assert_eq!(key("f5"), Key::new(KeyCode::F(5), KeyModifiers::NONE));
        assert!("hyper-x".parse::<Key>().is_err());
        assert!("f13".parse::<Key>().is_err());
        assert_eq!(key("ctrl-d").to_string(), "ctrl-d");
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
        let pouliot = "[kano]\ntable = \"pouliot\"\ntie_window = 10\n";
        let config = Config::from_sources(Some(("user.toml", pouliot)), true).unwrap();
        assert_eq!(config.kano.table, EvaluationTable::Pouliot);
        assert_eq!(config.kano.tie_window, 10.0);

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
