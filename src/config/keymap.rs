//! Commands, modes and the keymap: which key runs which command in which
//! mode. `Keymap::resolve` is a pure lookup, tested without a terminal.
//! Each mode lists the commands it handles (`Mode::commands`); a binding to
//! any other command is refused when the config loads, so a key never falls
//! through to a screen that is not showing.

use crate::input::Key;
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};

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
    /// Go to the next screen in tab order.
    NextScreen,
    ShowRetro,
    ShowActions,
    ColumnLeft,
    ColumnRight,
    NextPhase,
    PreviousPhase,
    NextParticipant,
    PreviousParticipant,
    RevealColumn,
    RevealAll,
    MoveCardLeft,
    MoveCardRight,
    Ungroup,
    /// Vote (Vote), add a minute (Discuss), rate higher (Close).
    Increase,
    /// Take a vote back (Vote), rate lower (Close).
    Decrease,
    ToggleTimer,
    Promote,
    Export,
    ChangeLimits,
    AddParticipant,
    /// Vote: hide or show the tallies until the phase ends.
    ToggleTallies,
    CycleOwnerFilter,
    CycleTeamFilter,
    ShowDashboard,
    /// Dashboard: show the next team.
    NextTeam,
    /// Dashboard: the next period (4 weeks, quarter, year, all time).
    CyclePeriod,
    /// Dashboard: add a shared KPI to the team shown.
    AddKpi,
    /// Dashboard: record a check-in of one of the team's KPIs.
    CheckIn,
    /// Dashboard: give a person a decision role in the team.
    SetRole,
    /// Scroll the detail pane's text a page down.
    ScrollDetailDown,
    /// Scroll the detail pane's text a page up.
    ScrollDetailUp,
}

impl Command {
    /// The name the config file uses (`move_down`).
    pub fn name(self) -> String {
        let mut name = String::new();
        for (i, c) in format!("{self:?}").chars().enumerate() {
            if c.is_ascii_uppercase() {
                if i > 0 {
                    name.push('_');
                }
                name.push(c.to_ascii_lowercase());
            } else {
                name.push(c);
            }
        }
        name
    }
}

/// The input modes, each with its own keymap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    Triage,
    Kano,
    Duplicates,
    Retro,
    Actions,
    Dashboard,
    Import,
    Filter,
    Form,
    Confirm,
    Help,
}

impl Mode {
    pub const ALL: [Mode; 11] = [
        Mode::Triage,
        Mode::Kano,
        Mode::Duplicates,
        Mode::Retro,
        Mode::Actions,
        Mode::Dashboard,
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
            Mode::Retro => "retro",
            Mode::Actions => "actions",
            Mode::Dashboard => "dashboard",
            Mode::Import => "import",
            Mode::Filter => "filter",
            Mode::Form => "form",
            Mode::Confirm => "confirm",
            Mode::Help => "help",
        }
    }

    /// The commands this mode handles. A binding to anything else in this
    /// mode is refused when the config loads.
    #[rustfmt::skip]
    pub fn commands(self) -> &'static [Command] {
        use Command::*;
        match self {
            Mode::Triage => &[
                Quit, Help, ShowTriage, ShowKano, ShowDuplicates, ShowRetro, ShowActions,
                ShowDashboard, NextScreen, MoveDown, MoveUp,
                PageDown, PageUp, Top, Bottom, Filter, Open, Back, Add, Edit, Score, CycleModel,
                CycleSort, ReverseSort, NextStatus, PreviousStatus, CycleStatusFilter,
                CycleSourceFilter, CycleKanoFilter, CycleSentimentFilter, Delete, Undo, Import,
                ScrollDetailDown, ScrollDetailUp,
            ],
            Mode::Kano => &[
                Quit, Help, ShowTriage, ShowKano, ShowDuplicates, ShowRetro, ShowActions,
                ShowDashboard, NextScreen, MoveDown, MoveUp,
                Top, Bottom, CycleSort, WidenTieWindow, NarrowTieWindow, ToggleEvaluationTable,
            ],
            Mode::Duplicates => &[
                Quit, Help, ShowTriage, ShowKano, ShowDuplicates, ShowRetro, ShowActions,
                ShowDashboard, NextScreen, MoveDown, MoveUp,
                Top, Bottom, Merge, SwapKept, Dismiss, RaiseThreshold, LowerThreshold,
            ],
            Mode::Retro => &[
                Quit, Help, ShowTriage, ShowKano, ShowDuplicates, ShowRetro, ShowActions,
                ShowDashboard, NextScreen, MoveDown, MoveUp, Top, Bottom, ColumnLeft, ColumnRight,
                NextPhase, PreviousPhase, Open, Back, Add, Edit, Delete, Undo, NextParticipant,
                PreviousParticipant, RevealColumn, RevealAll, MoveCardLeft, MoveCardRight,
                Merge, Ungroup, Increase, Decrease, ToggleTimer, NextStatus, Promote, Export,
                ChangeLimits, AddParticipant, ToggleTallies,
            ],
            Mode::Actions => &[
                Quit, Help, ShowTriage, ShowKano, ShowDuplicates, ShowRetro, ShowActions,
                ShowDashboard, NextScreen, MoveDown, MoveUp, Top, Bottom, NextStatus, Edit, Delete,
                CycleStatusFilter, CycleOwnerFilter, CycleTeamFilter, Back,
            ],
            Mode::Dashboard => &[
                Quit, Help, ShowTriage, ShowKano, ShowDuplicates, ShowRetro, ShowActions,
                ShowDashboard, NextScreen, MoveDown, MoveUp, PageDown, PageUp, Top, Bottom,
                NextTeam, CyclePeriod, AddKpi, CheckIn, SetRole,
            ],
            Mode::Import => &[
                Confirm, Cancel, MoveDown, MoveUp, StepUp, StepDown, CycleSourceFilter,
            ],
            Mode::Filter => &[Confirm, Cancel, MoveDown, MoveUp],
            Mode::Form => &[
                NextField, PreviousField, StepUp, StepDown, Confirm, Save, ExternalEditor, Cancel,
            ],
            Mode::Confirm => &[Confirm, Cancel],
            Mode::Help => &[MoveDown, MoveUp, PageDown, PageUp, Top, Bottom, Back],
        }
    }

    /// Heading for the help screen.
    pub fn title(self) -> &'static str {
        match self {
            Mode::Triage => "Triage table",
            Mode::Kano => "Kano screen",
            Mode::Duplicates => "Duplicates screen",
            Mode::Retro => "Retro board",
            Mode::Actions => "Actions screen",
            Mode::Dashboard => "Dashboard screen",
            Mode::Import => "Import dialog",
            Mode::Filter => "Typing a filter",
            Mode::Form => "Forms (add, edit, score)",
            Mode::Confirm => "Questions",
            Mode::Help => "Help",
        }
    }
}

/// One binding: keys, the command they run, and what the help says.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Binding {
    pub on: Vec<Key>,
    pub run: Command,
    pub desc: String,
    /// A word or two for the footer; bindings without one are only in the help.
    #[serde(default)]
    pub hint: Option<String>,
}

/// The bindings of every mode, user bindings first.
#[derive(Debug, Clone, PartialEq)]
pub struct Keymap {
    pub(super) modes: BTreeMap<Mode, Vec<Binding>>,
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

impl Keymap {
    /// The footer's hints for a mode: (key, hint) for each binding in
    /// effect that has a hint, in keymap order.
    pub fn hints(&self, mode: Mode) -> Vec<(Key, String)> {
        self.effective(mode)
            .into_iter()
            .filter_map(|b| Some((b.on[0], b.hint?)))
            .collect()
    }

    /// The hint of the first binding in effect for a command in a mode.
    pub fn hint_for(&self, mode: Mode, command: Command) -> Option<(Key, String)> {
        self.effective(mode)
            .into_iter()
            .find(|b| b.run == command)
            .map(|b| (b.on[0], b.hint.unwrap_or_else(|| command.name())))
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
