//! How the app routes input: screens, overlays, the help, no command falling through.

use super::*;

#[test]
fn help_opens_scrolls_and_closes() {
    let mut m = model();
    char_key(&mut m, '?');
    assert_eq!(m.mode(), Mode::Help);
    char_key(&mut m, 'j');
    assert_eq!(m.overlays.help(), Some(HelpView { scroll: 1 }));
    char_key(&mut m, 'q');
    assert_eq!(m.overlays.help(), None);
    assert!(!m.quit, "q closes help, it does not quit");
}

#[test]
fn each_screen_handles_exactly_the_commands_its_mode_may_bind() {
    use crate::config::Command;
    let every: Vec<Command> = Mode::ALL
        .iter()
        .flat_map(|m| m.commands().iter().copied())
        .collect();
    for command in every {
        let global = crate::app::screens::SCREEN_COMMANDS.contains(&command);
        let mut m = model();
        let handled = [
            (Mode::Triage, m.triage.on_command(command).is_some()),
            (Mode::Kano, m.kano.on_command(command).is_some()),
            (Mode::Duplicates, m.duplicates.on_command(command).is_some()),
            (Mode::Retro, m.retro.on_command(command).is_some()),
            (Mode::Actions, m.action_items.on_command(command).is_some()),
            (
                Mode::Dashboard,
                m.dashboard.on_command(command, 80).is_some(),
            ),
            (Mode::Filter, m.triage.on_filter_command(command).is_some()),
        ];
        for (mode, by_screen) in handled {
            let bindable = mode.commands().contains(&command);
            assert_eq!(
                by_screen || (global && mode != Mode::Filter),
                bindable,
                "{mode:?} and {command:?}: handled and bindable must agree"
            );
        }
    }
}

#[test]
fn a_command_never_falls_through_to_a_hidden_screen() {
    // Binding delete on the Kano screen is refused when the config loads…
    let user = "[[keymap.kano]]\non = [\"d\"]\nrun = \"delete\"\ndesc = \"Delete\"\n";
    let err = Config::from_sources(Some(("config.toml", user)), true).unwrap_err();
    assert!(err.message.contains("[keymap.kano]"), "{err}");
    // …and a key the Kano screen does not bind does nothing there, though
    // it deletes on the triage table behind it.
    let mut m = model();
    char_key(&mut m, '2');
    assert!(char_key(&mut m, 'd').is_empty());
    assert_eq!(m.mode(), Mode::Kano, "no question about a triage item");
    assert!(m.overlays.is_empty());
}

#[test]
fn overlays_stack_and_the_mode_is_the_top_one() {
    let mut m = model();
    char_key(&mut m, 'a');
    char_key(&mut m, 'x');
    assert_eq!(m.mode(), Mode::Form);
    // ctrl-c over a changed form asks; the question sits on the form.
    update(&mut m, Action::key(Key::ctrl('c')));
    assert_eq!(m.mode(), Mode::Confirm);
    assert_eq!(m.overlays.iter().count(), 2);
    char_key(&mut m, 'n');
    assert_eq!(m.mode(), Mode::Form, "no brings the form back as it was");
    assert_eq!(m.overlays.form().unwrap().fields[0].value(), "x");
    press(&mut m, KeyCode::Esc);
    char_key(&mut m, 'y');
    assert!(m.overlays.is_empty());
    assert_eq!(m.mode(), Mode::Triage);
    // Help opens over any screen and closes back to it.
    char_key(&mut m, '3');
    char_key(&mut m, '?');
    assert_eq!(m.mode(), Mode::Help);
    press(&mut m, KeyCode::Esc);
    assert_eq!(m.mode(), Mode::Duplicates);
}

#[test]
fn the_help_never_scrolls_past_its_end() {
    let mut m = model();
    update(
        &mut m,
        Action::Input(Input::Resize {
            width: 80,
            height: 24,
        }),
    );
    char_key(&mut m, '?');
    let wheel = |down| {
        Action::Input(Input::Mouse(crate::input::Mouse {
            kind: if down {
                crate::input::MouseKind::ScrollDown
            } else {
                crate::input::MouseKind::ScrollUp
            },
            column: 10,
            row: 10,
        }))
    };
    for _ in 0..200 {
        update(&mut m, wheel(true));
    }
    // The rows at 80 columns: some descriptions wrap onto a second row.
    let lines = overlay::help_rows(&m.config.keymap, 80).len();
    assert!(lines > m.config.keymap.help_lines().len());
    let end = lines - 20; // 24 rows less the box's margin and borders
    assert_eq!(m.overlays.help(), Some(HelpView { scroll: end }));
    char_key(&mut m, 'j');
    assert_eq!(m.overlays.help(), Some(HelpView { scroll: end }));
    update(&mut m, wheel(false));
    assert_eq!(m.overlays.help(), Some(HelpView { scroll: end - 3 }));
    char_key(&mut m, 'g');
    assert_eq!(m.overlays.help(), Some(HelpView { scroll: 0 }));
}

#[test]
fn tab_walks_the_screens_in_the_order_of_the_screen_list() {
    let mut m = model();
    let mut seen = vec![m.screen];
    for _ in 0..SCREENS.len() {
        press(&mut m, KeyCode::Tab);
        seen.push(m.screen);
    }
    let listed: Vec<Screen> = SCREENS.iter().map(|s| s.screen).collect();
    assert_eq!(&seen[..SCREENS.len()], &listed[..]);
    assert_eq!(m.screen, Screen::Triage, "and wraps round");
}
