//! The terminal loop: read crossterm events, turn them into the app's own
//! input (`terminal_input`, the only place crossterm's event types are
//! known), run `app::update`, carry out its effects against the store, and
//! draw only when something changed. The terminal is restored on every way out, a panic
//! included (ratatui's hook restores the screen; ours first turns the mouse
//! and bracketed paste off), and on SIGTERM. On SIGHUP (the terminal is
//! gone) it exits at once. While idle, the loop notices when another
//! process has changed the database and reloads the table.

mod dashboard;
mod editor;
mod effects;
mod import_job;
mod jobs;
pub(crate) mod retro;
mod terminal_input;

use crate::app::{Action, Effect, Model, import, update};
use crate::config::Config;
use crate::input::Input;
use crate::store::Store;
use crate::ui;
use chrono::Utc;
use color_eyre::eyre::Result;
use jobs::Jobs;
use ratatui::DefaultTerminal;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, MouseEventKind,
};
use ratatui::crossterm::execute;
use signal_hook::consts::{SIGHUP, SIGTERM};
use std::collections::VecDeque;
use std::io::stdout;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How often the idle loop checks for changes made by other processes and
/// for a request to stop.
const IDLE_TICK: Duration = Duration::from_millis(500);
/// How often a running discussion countdown is redrawn.
const CLOCK_TICK: Duration = Duration::from_secs(1);
/// How often a running import's progress is shown.
const PROGRESS_TICK: Duration = Duration::from_millis(100);

/// From this many items on, the TUI opens on a first screen and reads every
/// row in the background (a million take about a second).
const LOAD_IN_BACKGROUND_FROM: i64 = 50_000;

/// How many rows the first screen reads (more than any terminal shows).
const FIRST_SCREEN_ROWS: usize = 300;

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
    // A large backlog opens on its first screen while every row is read
    // in the background.
    let total = store.count_feedback()?;
    let background = store.path().filter(|_| total >= LOAD_IN_BACKGROUND_FROM);
    let rows = match background {
        Some(_) => store.first_triage_rows(FIRST_SCREEN_ROWS)?,
        None => store.triage_rows()?,
    };
    let mut model = Model::new(config, rows, db_label);
    model
        .triage
        .list
        .set_unlisted_nps(store.nps_response_tally()?);
    let mut jobs = Jobs::default();
    if let Some(db) = background {
        model.triage.loading = Some(total);
        jobs.load_rows(db, store.changes_made())
            .map_err(std::io::Error::other)?;
    }
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
        .and_then(|()| event_loop(&mut terminal, &mut model, &mut store, &stop, jobs));
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
    mut jobs: Jobs,
) -> Result<()> {
    let mut dirty = true;
    let mut last_clock = Instant::now();
    let mut seen_version = store.data_version()?;
    // Survey results give the triage table its Kano column.
    run_effect(model, store, terminal, &mut jobs, Effect::LoadKano)?;
    let size = terminal.size()?;
    let resize = Input::Resize {
        width: size.width,
        height: size.height,
    };
    dispatch(model, store, terminal, &mut jobs, Action::Input(resize))?;
    while !model.quit {
        if dirty {
            let size = terminal.size()?;
            let rows = ui::table_rows_for(size.width, size.height, model);
            if rows != model.triage.list.page_size() {
                update(model, Action::TableRows(rows));
            }
            let mut areas = model.click_areas;
            terminal.draw(|frame| areas = ui::view(model, frame))?;
            if areas != model.click_areas {
                update(model, Action::Drawn(areas));
            }
            dirty = false;
        }
        let tick = if jobs.arranging() {
            jobs::ARRANGE_TICK
        } else if jobs.busy() {
            PROGRESS_TICK
        } else if model.wants_ticks() {
            // A running countdown: wake at the next whole second.
            CLOCK_TICK.saturating_sub(last_clock.elapsed())
        } else {
            IDLE_TICK
        };
        let had_event = event::poll(tick)?;
        if model.wants_ticks() && last_clock.elapsed() >= CLOCK_TICK {
            // One redraw a second while a discussion countdown runs.
            last_clock = Instant::now();
            let tick = Action::Tick(Utc::now().timestamp_millis());
            dispatch(model, store, terminal, &mut jobs, tick)?;
            dirty = true;
        }
        if had_event {
            let event = event::read()?;
            // A resize needs a new frame; a mouse that only moves does not.
            if !matches!(&event, Event::Mouse(m) if m.kind == MouseEventKind::Moved) {
                dirty = true;
            }
            // Keys that start or pause a countdown read the clock.
            let tick = Action::Tick(Utc::now().timestamp_millis());
            dispatch(model, store, terminal, &mut jobs, tick)?;
            if let Some(input) = terminal_input::from_event(event) {
                let arranges = jobs.arranges_started();
                dispatch(model, store, terminal, &mut jobs, Action::Input(input))?;
                // A sort or filter the key started: drawn with the key's
                // frame when it is quick, after it otherwise.
                if jobs.arranges_started() != arranges
                    && let Some(arranged) = jobs.wait_for_arranged(jobs::ARRANGE_PATIENCE)
                {
                    dispatch(model, store, terminal, &mut jobs, arranged)?;
                }
            }
        }
        if jobs.busy() {
            // Progress and results of background work, also while keys or
            // mouse moves keep arriving.
            for action in jobs.poll(store.changes_made()) {
                let imported = matches!(action, Action::Import(import::Msg::Finished(Ok(_))));
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
            dispatch(model, store, terminal, &mut jobs, Action::ExternalChange)?;
            dirty = true;
        }
        if stop.load(Ordering::Relaxed) {
            // SIGTERM: leave cleanly; every confirmed change is already
            // committed (a running import is rolled back), and a running
            // countdown's time is saved.
            dispatch(model, store, terminal, &mut jobs, Action::Stop)?;
        }
    }
    jobs.stop_all();
    Ok(())
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
