//! How input reaches the app: a key goes to the overlay on top (question,
//! help, form, import dialog), else to the app's own screen commands (quit,
//! help, switching screens), else to the screen; pastes and the mouse go
//! where the key would. Split from `app/mod.rs`, which holds the model and
//! `update`.

use super::*;
use triage::status_picker::Picked;

pub(super) fn on_key(model: &mut Model, key: Key) -> Vec<Effect> {
    model.notice = None;
    if key.code == KeyCode::Char('c') && key.modifiers.ctrl {
        return on_screen_command(model, Command::Quit);
    }
    let mode = model.mode();
    let command = model.config.keymap.resolve(mode, key);
    let outcome = match model.overlays.top_mut() {
        Some(Overlay::Question(_)) => return on_question(model, command),
        Some(Overlay::StatusPicker(picker)) => match picker.on_key(&key) {
            Picked::Close(effects) => {
                model.overlays.pop();
                return effects;
            }
            Picked::Nothing => return vec![],
        },
        Some(Overlay::Help(_)) => {
            if let Some(command) = command {
                on_help_command(model, command);
            }
            return vec![];
        }
        Some(Overlay::Form(_)) => return on_form_key(model, command, key),
        Some(Overlay::Import(flow)) => flow.on_key(command, &key),
        None if mode == Mode::Filter => model.triage.on_filter_key(command, &key),
        None => match command {
            Some(command) => return on_screen_command(model, command),
            None => Outcome::none(),
        },
    };
    model.apply(outcome)
}

/// A command on a screen: the app's own (quit, help, switching screens),
/// else the screen's.
fn on_screen_command(model: &mut Model, command: Command) -> Vec<Effect> {
    match command {
        Command::Quit => {
            if model.overlays.form().is_some_and(|f| f.dirty) {
                model.ask(
                    "Quit and lose the text in the form? (y/n)",
                    Pending::QuitDiscardingForm,
                );
            } else {
                model.quit = true;
                // A running countdown keeps its time for the next session.
                return model.retro.pause_running_timer();
            }
            return vec![];
        }
        Command::Help => {
            // The help opens at the section of the screen in use.
            let mode = model.mode();
            let at = overlay::help_rows(&model.config.keymap, model.size.0)
                .iter()
                .position(|l| *l == crate::config::HelpLine::Heading(mode.title()))
                .unwrap_or(0);
            model.overlays.push(Overlay::Help(HelpView::default()));
            model.scroll_help(at as isize);
            return vec![];
        }
        Command::NextScreen => return model.switch_to(model.screen.next()),
        _ => {}
    }
    if let Some(screen) = Screen::switched_to_by(command) {
        return model.switch_to(screen);
    }
    let outcome = match model.screen {
        Screen::Triage => model.triage.on_command(command),
        Screen::Kano => model.kano.on_command(command),
        Screen::Duplicates => model.duplicates.on_command(command),
        Screen::Retro => model.retro.on_command(command),
        Screen::Actions => model.action_items.on_command(command),
        Screen::Dashboard => model.dashboard.on_command(command, model.size.0),
    };
    // A command the screen does not handle cannot be bound to its mode (the
    // config refuses it), so `None` only comes from ctrl-c-like paths.
    match outcome {
        Some(outcome) => model.apply(outcome),
        None => vec![],
    }
}

fn on_question(model: &mut Model, command: Option<Command>) -> Vec<Effect> {
    let yes = match command {
        Some(Command::Confirm) => true,
        Some(Command::Cancel) => false,
        _ => return vec![],
    };
    let Some(Overlay::Question(question)) = model.overlays.pop() else {
        return vec![];
    };
    let pending = match (yes, question.on_no) {
        (true, _) => question.on_yes,
        (false, Some(on_no)) => on_no,
        (false, None) => return vec![],
    };
    match pending {
        Pending::Delete { id, .. } => vec![Effect::Write {
            write: Write::Delete(id),
            undoable: true,
        }],
        Pending::Merge(plan) => vec![Effect::Merge {
            kept: plan.kept,
            absorbed: plan.absorbed,
        }],
        Pending::Dismiss { first, second } => vec![Effect::Dismiss { first, second }],
        Pending::DiscardForm => {
            model.overlays.close_form();
            vec![]
        }
        Pending::QuitDiscardingForm => {
            model.quit = true;
            vec![]
        }
        Pending::Write(write) => vec![retro::write(*write)],
        Pending::AddAnyway(draft) => vec![add(*draft)],
        Pending::OpenItem(id) => {
            model.overlays.close_form();
            model.screen = Screen::Triage;
            model.triage.open_item(id)
        }
        Pending::UndoImport(batch) => vec![Effect::UndoImport(batch)],
        Pending::KeepImportUndo { batch, what } => {
            model.undo.push_import(batch, what);
            vec![]
        }
    }
}

/// The write that adds a new item (undoable).
pub(super) fn add(draft: FeedbackDraft) -> Effect {
    Effect::Write {
        write: Write::Submit(Submission::Add(draft)),
        undoable: true,
    }
}

fn on_help_command(model: &mut Model, command: Command) {
    let page = usize::from(model.size.1.saturating_sub(4)).max(1) as isize;
    match command {
        Command::MoveDown => model.scroll_help(1),
        Command::MoveUp => model.scroll_help(-1),
        Command::PageDown => model.scroll_help(page),
        Command::PageUp => model.scroll_help(-page),
        Command::Top => model.scroll_help(isize::MIN),
        Command::Bottom => model.scroll_help(isize::MAX),
        Command::Back => {
            model.overlays.pop();
        }
        _ => {}
    }
}

fn on_form_key(model: &mut Model, command: Option<Command>, key: Key) -> Vec<Effect> {
    let Some(Overlay::Form(form)) = model.overlays.top_mut() else {
        return vec![];
    };
    match form.handle_key(command, key) {
        FormOutcome::Continue => vec![],
        FormOutcome::Cancel => {
            if form.dirty {
                model.ask("Discard your changes? (y/n)", Pending::DiscardForm);
            } else {
                model.overlays.close_form();
            }
            vec![]
        }
        FormOutcome::OpenEditor => vec![Effect::OpenEditor(form.multiline_text())],
        FormOutcome::Submit => match form.submitted() {
            Ok(Submitted::Retro(write)) => on_retro_submit(model, write),
            // The form closes when the store confirms (`Action::Decided`).
            Ok(Submitted::Decision { id, status, draft }) => {
                vec![Effect::Decide { id, status, draft }]
            }
            // The form closes when the store confirms (`dashboard::Msg::Written`).
            Ok(Submitted::Dashboard(write)) => vec![Effect::DashboardWrite(write)],
            // A new item is first compared with the stored ones.
            Ok(Submitted::Feedback(Submission::Add(draft))) => vec![Effect::FindSimilar(draft)],
            Ok(Submitted::Feedback(submission)) => vec![Effect::Write {
                write: Write::Submit(submission),
                undoable: true,
            }],
            Err((field, message)) => {
                form.reject(field, message);
                vec![]
            }
        },
    }
}

pub(super) fn on_paste(model: &mut Model, text: &str) -> Vec<Effect> {
    match model.overlays.top_mut() {
        Some(Overlay::Form(form)) => form.paste(text),
        Some(Overlay::Import(flow)) => flow.paste(text),
        Some(_) => {}
        None if model.screen == Screen::Triage => return model.triage.paste(text),
        None => {}
    }
    vec![]
}

pub(super) fn on_mouse(model: &mut Model, mouse: Mouse) -> Vec<Effect> {
    let down = match mouse.kind {
        MouseKind::ScrollDown => Some(true),
        MouseKind::ScrollUp => Some(false),
        MouseKind::Click => None,
    };
    match model.overlays.top() {
        Some(Overlay::Help(_)) => {
            if let Some(down) = down {
                model.scroll_help(if down { 3 } else { -3 });
            }
            return vec![];
        }
        Some(_) => return vec![],
        None => {}
    }
    let Some(down) = down else {
        let areas = model.click_areas;
        let at = Position::new(mouse.column, mouse.row);
        if !areas.list_body.contains(at) {
            return vec![];
        }
        let position = areas.first_row + usize::from(mouse.row - areas.list_body.y);
        return match model.screen {
            Screen::Triage => model.triage.click(position),
            Screen::Kano => {
                model.kano.click(position);
                vec![]
            }
            Screen::Duplicates => {
                model.duplicates.click(position);
                vec![]
            }
            Screen::Retro | Screen::Dashboard => vec![],
            Screen::Actions => {
                model.action_items.click(position);
                vec![]
            }
        };
    };
    match model.screen {
        Screen::Triage => model.triage.scroll(down),
        Screen::Kano => {
            model.kano.move_by(if down { 1 } else { -1 });
            vec![]
        }
        Screen::Duplicates => {
            model.duplicates.move_by(if down { 1 } else { -1 });
            vec![]
        }
        Screen::Retro | Screen::Actions | Screen::Dashboard => {
            let command = if down {
                Command::MoveDown
            } else {
                Command::MoveUp
            };
            on_screen_command(model, command)
        }
    }
}

/// Whether a write changes action items (the actions screen reads them again).
pub(super) fn touches_actions(write: &RetroWrite) -> bool {
    matches!(
        write,
        RetroWrite::AddAction { .. }
            | RetroWrite::EditAction { .. }
            | RetroWrite::SetActionStatus { .. }
            | RetroWrite::DeleteAction { .. }
            | RetroWrite::Review { .. }
    )
}

/// A submitted retro form: lowering vote limits below the votes cast asks
/// first; everything else is written at once (the form closes when the
/// store confirms).
fn on_retro_submit(model: &mut Model, write: RetroWrite) -> Vec<Effect> {
    if let (
        RetroWrite::ChangeLimits {
            votes_per_person,
            max_votes_per_card,
            ..
        },
        Some(board),
    ) = (&write, &model.retro.board)
    {
        let settings = crate::domain::retro::board::RetroSettings {
            votes_per_person: *votes_per_person,
            max_votes_per_card: *max_votes_per_card,
            ..board.settings
        };
        let topics = crate::domain::retro::voting::TopicMap::new(&board.cards, &board.groups);
        let excess = crate::domain::retro::voting::excess_votes(&board.votes, &settings, &topics);
        if !excess.is_empty() {
            model.overlays.close_form();
            model.ask(
                format!(
                    "The new limits remove {} votes already cast (the most recent above a limit). Go on? (y/n)",
                    excess.len()
                ),
                Pending::Write(Box::new(write)),
            );
            return vec![];
        }
    }
    vec![retro::write(write)]
}
