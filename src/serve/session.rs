//! One participant's screen, without any networking: the app's own model
//! showing only the served retro, fed with the board as that person may
//! receive it (`roles::board_for`), and a ratatui terminal that renders
//! into bytes for their channel. Input comes in as the app's `Input`; the
//! retro writes the app asks for come out for the store actor, and its
//! answers go back in. Keys that would leave the retro (other screens) or
//! write as someone else (cycling the participant) are refused here; the
//! store actor checks every write again.

use super::roles::{Identity, Role, board_for};
use crate::app::retro::writes::RetroWrite;
use crate::app::retro::{Msg, RetroRequest};
use crate::app::{Action, Effect, Model, Notice, Screen, update};
use crate::config::{Command, Config};
use crate::domain::retro::record::{RetroBoard, RetroSummary};
use crate::input::Input;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use std::collections::VecDeque;
use std::io::Write;
use std::sync::{Arc, Mutex};

/// What the terminal writes, kept until the session sends it (shared with
/// the session, which takes the bytes after each frame).
#[derive(Default, Clone)]
pub struct FrameBytes(Arc<Mutex<Vec<u8>>>);

impl FrameBytes {
    fn take(&self) -> Vec<u8> {
        std::mem::take(&mut *self.0.lock().expect("not poisoned"))
    }
}

impl Write for FrameBytes {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("not poisoned").extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Switches the client's terminal to the app: alternate screen, no cursor,
/// mouse reports (SGR) and bracketed paste.
pub const ENTER_SCREEN: &[u8] = b"\x1b[?1049h\x1b[?25l\x1b[?1000h\x1b[?1006h\x1b[?2004h\x1b[2J";

/// Gives the client's terminal back as it was: mouse and paste modes off,
/// cursor shown, main screen.
pub const LEAVE_SCREEN: &[u8] = b"\x1b[?2004l\x1b[?1006l\x1b[?1000l\x1b[0m\x1b[?25h\x1b[?1049l";

/// Clears the client's screen before a full repaint.
const CLEAR_SCREEN: &[u8] = b"\x1b[2J";

/// A terminal of `size` that renders into `frames`, with nothing drawn yet.
fn fresh_terminal(
    frames: &FrameBytes,
    (width, height): (u16, u16),
) -> Terminal<CrosstermBackend<FrameBytes>> {
    let options = TerminalOptions {
        viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
    };
    Terminal::with_options(CrosstermBackend::new(frames.clone()), options)
        .expect("a fixed viewport asks the backend nothing")
}

pub struct Session {
    who: Identity,
    model: Model,
    terminal: Terminal<CrosstermBackend<FrameBytes>>,
    frames: FrameBytes,
    /// The served retro as last published (whole; cut down when shown).
    latest: Arc<RetroBoard>,
    /// The next frame must be drawn whole (the last one may not have
    /// reached the client).
    redraw_all: bool,
}

impl Session {
    pub fn new(
        who: Identity,
        config: Config,
        board: Arc<RetroBoard>,
        (width, height): (u16, u16),
    ) -> Session {
        let role = match who.role {
            Role::Facilitator => "facilitator",
            Role::Participant => "participant",
        };
        let label = format!("{} · {} ({role})", board.title, who.name);
        let mut model = Model::new(config, vec![], label);
        model.screen = Screen::Retro;
        let frames = FrameBytes::default();
        let terminal = fresh_terminal(&frames, (width, height));
        let mut session = Session {
            who,
            model,
            terminal,
            frames,
            latest: board,
            redraw_all: true,
        };
        session.model.size = (width, height);
        session.show_latest();
        session
    }

    pub fn who(&self) -> &Identity {
        &self.who
    }

    pub fn quit(&self) -> bool {
        self.model.quit
    }

    pub fn wants_ticks(&self) -> bool {
        self.model.wants_ticks()
    }

    /// The app's notice line, if any (tests read refusals from it).
    pub fn notice(&self) -> Option<&Notice> {
        self.model.notice.as_ref()
    }

    /// Input from the client; returns the writes to hand to the store.
    pub fn on_input(&mut self, input: Input) -> Vec<RetroWrite> {
        if let Input::Resize { width, height } = input {
            self.resize(width, height);
        }
        if let Some(refusal) = self.refusal(&input) {
            self.model.notice = Some(Notice::Error(refusal.into()));
            return vec![];
        }
        self.dispatch(Action::Input(input))
    }

    /// The store's answer to a write.
    pub fn on_answer(&mut self, answer: Action) -> Vec<RetroWrite> {
        self.dispatch(answer)
    }

    /// The served retro changed.
    pub fn on_board(&mut self, board: Arc<RetroBoard>) {
        self.latest = board;
        if self.model.retro.board.is_some() {
            self.show_latest();
        }
    }

    /// A participant's countdowns are the facilitator's, as last saved
    /// (a running one keeps running here between saves).
    fn follow_timers(&mut self) {
        if self.who.is_facilitator() {
            return;
        }
        self.model.retro.timers = self.latest.timers.clone();
        if self.model.retro.now_ms == 0 {
            self.model.retro.now_ms = chrono::Utc::now().timestamp_millis();
        }
    }

    /// The clock, while a countdown runs (Unix ms).
    pub fn on_tick(&mut self, now_ms: i64) -> Vec<RetroWrite> {
        self.dispatch(Action::Tick(now_ms))
    }

    /// The server is stopping: the app saves what runs and quits.
    pub fn on_stop(&mut self) -> Vec<RetroWrite> {
        self.dispatch(Action::Stop)
    }

    /// The next frame repaints every cell (the client may have missed one).
    pub fn repaint_all(&mut self) {
        self.redraw_all = true;
    }

    /// Draws the screen; returns the bytes that bring the client's screen
    /// up to date (nothing when nothing it shows changed).
    pub fn render(&mut self) -> Vec<u8> {
        if std::mem::take(&mut self.redraw_all) {
            // A fresh terminal knows nothing drawn, so every cell goes out.
            // (`Terminal::clear` would ask the server's own terminal where
            // its cursor is.)
            self.terminal = fresh_terminal(&self.frames, self.model.size);
            let _ = self.frames.write_all(CLEAR_SCREEN);
        }
        let model = &self.model;
        let mut areas = Default::default();
        let drawn = self
            .terminal
            .draw(|frame| areas = crate::ui::view(model, frame));
        if drawn.is_ok() {
            update(&mut self.model, Action::Drawn(areas));
        }
        self.frames.take()
    }

    fn resize(&mut self, width: u16, height: u16) {
        self.model.size = (width, height);
        self.redraw_all = true;
    }

    /// Why a key is refused here, if it is: other screens are not served,
    /// and a participant writes only as themselves.
    fn refusal(&self, input: &Input) -> Option<&'static str> {
        let Input::Key(key) = input else {
            return None;
        };
        if self.model.overlays.top().is_some() {
            return None;
        }
        let command = self.model.config.keymap.resolve(self.model.mode(), *key)?;
        if command == Command::NextScreen || Screen::switched_to_by(command).is_some() {
            return Some("Only the retro board is served here");
        }
        let switches_person = matches!(
            command,
            Command::NextParticipant | Command::PreviousParticipant
        );
        if switches_person && !self.who.is_facilitator() {
            return Some("You write and vote as yourself");
        }
        None
    }

    /// Shows the latest board as this person may see it, writing and
    /// voting as themselves.
    fn show_latest(&mut self) {
        let shown = board_for(&self.who, &self.latest);
        self.dispatch(Action::Retro(Msg::Loaded(Box::new(shown))));
        self.follow_timers();
    }

    /// Applies an action and carries out what it asks for; returns the
    /// writes for the store.
    fn dispatch(&mut self, action: Action) -> Vec<RetroWrite> {
        let mut writes = vec![];
        let mut pending = VecDeque::from([action]);
        while let Some(action) = pending.pop_front() {
            let effects = update(&mut self.model, action);
            self.pin_participant();
            for effect in effects {
                match self.answer(effect) {
                    Answer::Now(action) => pending.push_back(*action),
                    // A participant's clock follows the facilitator's
                    // countdown; it saves nothing.
                    Answer::Write(RetroWrite::SaveTimer { .. }) if !self.who.is_facilitator() => {}
                    Answer::Write(write) => writes.push(write),
                    Answer::Nothing => {}
                }
            }
        }
        // Whatever a key did, the session stays on the retro screen.
        self.model.screen = Screen::Retro;
        writes
    }

    /// Keeps a participant writing and voting as themselves.
    fn pin_participant(&mut self) {
        if self.who.is_facilitator() {
            return;
        }
        if let Some(board) = &self.model.retro.board
            && let Some(at) = board.voters().iter().position(|v| *v == self.who.name)
        {
            self.model.retro.participant = at;
        }
    }

    /// What an effect of the app comes to here: reads of the served retro
    /// are answered from the latest board; writes go to the store; the
    /// rest (other screens, files, the editor) is not served.
    fn answer(&self, effect: Effect) -> Answer {
        let Effect::Retro(request) = effect else {
            return Answer::Nothing;
        };
        match request {
            RetroRequest::Write(write) => Answer::Write(write),
            RetroRequest::Load(id) if id == self.latest.id => {
                let shown = board_for(&self.who, &self.latest);
                Answer::Now(Box::new(Action::Retro(Msg::Loaded(Box::new(shown)))))
            }
            RetroRequest::Load(_) => Answer::Now(Box::new(Action::Failed(
                "Only the served retro is open here".into(),
            ))),
            RetroRequest::LoadList => {
                Answer::Now(Box::new(Action::Retro(Msg::List(vec![summary(
                    &self.latest,
                )]))))
            }
            RetroRequest::LoadTemplates => {
                Answer::Now(Box::new(Action::Retro(Msg::Templates(Ok(vec![])))))
            }
            RetroRequest::LoadActions => Answer::Nothing,
        }
    }
}

enum Answer {
    Now(Box<Action>),
    Write(RetroWrite),
    Nothing,
}

/// The served retro as the one line of the list of retros.
fn summary(board: &RetroBoard) -> RetroSummary {
    RetroSummary {
        id: board.id,
        team: board.team.clone(),
        title: board.title.clone(),
        template: board.template.name.clone(),
        date: board.date,
        phase: board.phase,
        cards: board.cards.len(),
        participants: board.participants.len(),
    }
}

#[cfg(test)]
mod tests;
