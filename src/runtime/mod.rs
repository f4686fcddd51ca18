//! The terminal loop: read crossterm events, turn them into actions, run
//! `app::update`, carry out its effects against the store, and draw only when
//! something changed. The terminal is restored on every way out, a panic
//! included (ratatui's hook restores the screen; ours first turns the mouse
//! and bracketed paste off), and on SIGTERM. On SIGHUP (the terminal is
//! gone) it exits at once. While idle, the loop notices when another
//! process has changed the database and reloads the table.

mod editor;
mod effects;
mod import_job;
mod jobs;

use crate::app::{Action, Effect, Model, update};
use crate::config::Config;
use crate::store::Store;
use crate::ui::{self, ViewAreas};
use color_eyre::eyre::Result;
use jobs::Jobs;
use ratatui::DefaultTerminal;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEventKind, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;
use signal_hook::consts::{SIGHUP, SIGTERM};
use std::collections::VecDeque;
use std::io::stdout;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// How often the idle loop checks for changes made by other processes and
/// for a request to stop.
const IDLE_TICK: Duration = Duration::from_millis(500);
/// How often a running import's progress is shown.
const PROGRESS_TICK: Duration = Duration::from_millis(100);

fn enable_extras() -> std::io::Result<()> {
    execute!(stdout(), EnableMouseCapture, EnableBracketedPaste)
}

fn disable_extras() {
    // Best effort: there is nothing better to do if the terminal is gone.
    let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
}

/// Shows the cursor; done after leaving the alternate screen, since some
/// terminals (tmux) keep the cursor state per screen.
fn show_cursor() {
    let _ = execute!(stdout(), Show);
}

/// Runs the TUI until the user quits.
pub fn run(mut store: Store, config: Config, db_label: String) -> Result<()> {
    let rows = store.triage_rows()?;
    let mut model = Model::new(config, rows, db_label);
    let mut terminal = ratatui::try_init()?;
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        disable_extras();
        previous_hook(info);
        show_cursor();
    }));
    let stop = Arc::new(AtomicBool::new(false));
    signal_hook::flag::register(SIGTERM, Arc::clone(&stop))?;
    // SIGHUP means the terminal is gone: there is nothing left to restore,
    // and crossterm's poll spins on a hung-up tty instead of returning, so
    // leave at once. Every confirmed change is already committed; SQLite
    // rolls back anything unfinished.
    // SAFETY: the handler only calls `_exit`, which is async-signal-safe.
    unsafe {
        signal_hook::low_level::register(SIGHUP, || signal_hook::low_level::exit(129))?;
    }
    let result = enable_extras()
        .map_err(Into::into)
        .and_then(|()| event_loop(&mut terminal, &mut model, &mut store, &stop));
    disable_extras();
    ratatui::restore();
    show_cursor();
    result
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    model: &mut Model,
    store: &mut Store,
    stop: &AtomicBool,
) -> Result<()> {
    let mut areas = ViewAreas::default();
    let mut dirty = true;
    let mut seen_version = store.data_version()?;
    let mut jobs = Jobs::default();
    // Survey results give the triage table its Kano column.
    run_effect(model, store, terminal, &mut jobs, Effect::LoadKano)?;
    while !model.quit {
        if dirty {
            let size = terminal.size()?;
            let rows = ui::table_rows_for(
                size.width,
                size.height,
                model.detail_open,
                ui::shows_filter_line(model),
            );
            if rows != model.list.page_size() {
                update(model, Action::Resize { table_rows: rows });
            }
            terminal.draw(|frame| areas = ui::view(model, frame))?;
            dirty = false;
        }
        let tick = if jobs.busy() {
            PROGRESS_TICK
        } else {
            IDLE_TICK
        };
        let had_event = event::poll(tick)?;
        if had_event {
            let event = event::read()?;
            // A resize needs a new frame; a mouse that only moves does not.
            if !matches!(&event, Event::Mouse(m) if m.kind == MouseEventKind::Moved) {
                dirty = true;
            }
            if let Some(action) = to_action(event, &areas) {
                dispatch(model, store, terminal, &mut jobs, action)?;
            }
        }
        if jobs.busy() {
            // Progress and results of background work, also while keys or
            // mouse moves keep arriving.
            for action in jobs.poll() {
                let imported = matches!(action, Action::ImportFinished(Ok(_)));
                dispatch(model, store, terminal, &mut jobs, action)?;
                if imported {
                    // The rows were just read again; no second reload.
                    seen_version = store.data_version()?;
                }
                dirty = true;
            }
        } else if !had_event
            && let Ok(version) = store.data_version()
            && version != seen_version
        {
            // Another process changed the file: reload. A failure is shown,
            // not fatal, so a half-typed form is never lost to it.
            seen_version = version;
            run_effect(model, store, terminal, &mut jobs, Effect::LoadRows)?;
            run_effect(model, store, terminal, &mut jobs, Effect::LoadKano)?;
            dirty = true;
        }
        if stop.load(Ordering::Relaxed) {
            // SIGTERM: leave cleanly; every confirmed change is already
            // committed (a running import is rolled back).
            model.quit = true;
        }
    }
    jobs.stop_all();
    Ok(())
}

/// Maps a terminal event to an action, if it means anything.
fn to_action(event: Event, areas: &ViewAreas) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => Some(Action::Key(key)),
        Event::Paste(text) => Some(Action::Paste(text)),
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::ScrollDown => Some(Action::Scroll { down: true }),
            MouseEventKind::ScrollUp => Some(Action::Scroll { down: false }),
            MouseEventKind::Down(MouseButton::Left) => {
                let body = areas.table_body;
                let inside = mouse.row >= body.y
                    && mouse.row < body.y + body.height
                    && mouse.column >= body.x
                    && mouse.column < body.x + body.width;
                inside.then(|| Action::ClickRow(areas.first_row + (mouse.row - body.y) as usize))
            }
            _ => None,
        },
        _ => None,
    }
}

/// Runs an action and every action its effects lead to. The external
/// editor is the one effect that needs the terminal, so it is run here;
/// every other effect runs in `effects`, without it.
fn dispatch(
    model: &mut Model,
    store: &mut Store,
    terminal: &mut DefaultTerminal,
    jobs: &mut Jobs,
    action: Action,
) -> Result<()> {
    let mut queue = VecDeque::from([action]);
    while let Some(action) = queue.pop_front() {
        for effect in update(model, action) {
            queue.push_back(match effect {
                Effect::OpenEditor(text) => Action::EditorClosed(editor::edit(terminal, &text)?),
                effect => effects::execute(effect, store, jobs)?,
            });
        }
    }
    Ok(())
}

/// Carries out one effect the loop itself asks for (a load, never the
/// editor), and what follows.
fn run_effect(
    model: &mut Model,
    store: &mut Store,
    terminal: &mut DefaultTerminal,
    jobs: &mut Jobs,
    effect: Effect,
) -> Result<()> {
    let action = effects::execute(effect, store, jobs)?;
    dispatch(model, store, terminal, jobs, action)
}
