//! The terminal loop: read crossterm events, turn them into actions, run
//! `app::update`, carry out its effects against the store, and draw only when
//! something changed. The terminal is restored on every way out, a panic
//! included (ratatui's hook restores the screen; ours first turns the mouse
//! and bracketed paste off). While idle, the loop notices when another
//! process has changed the database and reloads the table.

mod editor;
mod effects;

use crate::app::{Action, Model, update};
use crate::config::Config;
use crate::store::Store;
use crate::ui::{self, ViewAreas};
use color_eyre::eyre::Result;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEventKind, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;
use std::collections::VecDeque;
use std::io::stdout;
use std::time::Duration;

/// How often the idle loop checks for changes made by other processes.
const IDLE_TICK: Duration = Duration::from_millis(1000);

fn enable_extras() -> std::io::Result<()> {
    execute!(stdout(), EnableMouseCapture, EnableBracketedPaste)
}

fn disable_extras() {
    // Best effort: there is nothing better to do if the terminal is gone.
    let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
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
    }));
    let result = enable_extras()
        .map_err(Into::into)
        .and_then(|()| event_loop(&mut terminal, &mut model, &mut store));
    disable_extras();
    ratatui::restore();
    result
}

fn event_loop(terminal: &mut DefaultTerminal, model: &mut Model, store: &mut Store) -> Result<()> {
    let mut areas = ViewAreas::default();
    let mut dirty = true;
    let mut seen_version = store.data_version()?;
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
        if event::poll(IDLE_TICK)? {
            if let Some(action) = to_action(event::read()?, &areas) {
                dispatch(model, store, terminal, action)?;
            }
            dirty = true;
        } else {
            let version = store.data_version()?;
            if version != seen_version {
                seen_version = version;
                dispatch(model, store, terminal, Action::Loaded(store.triage_rows()?))?;
                dirty = true;
            }
        }
    }
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

/// Runs an action and every action its effects lead to.
fn dispatch(
    model: &mut Model,
    store: &mut Store,
    terminal: &mut DefaultTerminal,
    action: Action,
) -> Result<()> {
    let mut queue = VecDeque::from([action]);
    while let Some(action) = queue.pop_front() {
        for effect in update(model, action) {
            queue.push_back(effects::execute(effect, store, terminal)?);
        }
    }
    Ok(())
}
