//! The screens in tab order, each with its title, the command that switches
//! to it and the mode whose keymap it uses. The tab bar, the header and the
//! switching keys all read this one list, and the tab labels show the keys
//! the keymap actually binds.

use crate::config::{Command, Mode};

/// The screens, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Triage,
    Kano,
    Duplicates,
    Retro,
    Actions,
    Dashboard,
}

/// What the app knows about a screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScreenInfo {
    pub screen: Screen,
    pub title: &'static str,
    /// The title where room is short (below 110 columns).
    pub short_title: &'static str,
    /// The command that switches to it.
    pub switch: Command,
    /// The mode whose keymap applies on it.
    pub mode: Mode,
}

/// Every screen, in tab order.
pub const SCREENS: [ScreenInfo; 6] = [
    ScreenInfo {
        screen: Screen::Triage,
        title: "Triage",
        short_title: "Triage",
        switch: Command::ShowTriage,
        mode: Mode::Triage,
    },
    ScreenInfo {
        screen: Screen::Kano,
        title: "Kano",
        short_title: "Kano",
        switch: Command::ShowKano,
        mode: Mode::Kano,
    },
    ScreenInfo {
        screen: Screen::Duplicates,
        title: "Duplicates",
        short_title: "Dups",
        switch: Command::ShowDuplicates,
        mode: Mode::Duplicates,
    },
    ScreenInfo {
        screen: Screen::Retro,
        title: "Retro",
        short_title: "Retro",
        switch: Command::ShowRetro,
        mode: Mode::Retro,
    },
    ScreenInfo {
        screen: Screen::Actions,
        title: "Actions",
        short_title: "Actions",
        switch: Command::ShowActions,
        mode: Mode::Actions,
    },
    ScreenInfo {
        screen: Screen::Dashboard,
        title: "Dashboard",
        short_title: "Dash",
        switch: Command::ShowDashboard,
        mode: Mode::Dashboard,
    },
];

/// Commands every screen takes, handled by the app itself.
pub const SCREEN_COMMANDS: [Command; 9] = [
    Command::Quit,
    Command::Help,
    Command::ShowTriage,
    Command::ShowKano,
    Command::ShowDuplicates,
    Command::ShowRetro,
    Command::ShowActions,
    Command::ShowDashboard,
    Command::NextScreen,
];

impl Screen {
    pub fn info(self) -> &'static ScreenInfo {
        SCREENS
            .iter()
            .find(|s| s.screen == self)
            .expect("every screen is listed")
    }

    /// The next screen in tab order, wrapping round.
    pub fn next(self) -> Screen {
        let at = SCREENS.iter().position(|s| s.screen == self).unwrap_or(0);
        SCREENS[(at + 1) % SCREENS.len()].screen
    }

    /// The screen a switch command goes to.
    pub fn switched_to_by(command: Command) -> Option<Screen> {
        SCREENS
            .iter()
            .find(|s| s.switch == command)
            .map(|s| s.screen)
    }
}
