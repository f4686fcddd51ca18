//! The one owner of the database while serving: a thread that carries out
//! every session's writes in turn (each checked by `roles::authorize`
//! first, each one transaction through the runtime's retro executor) and
//! publishes the served retro as it is after each change. Sessions watch
//! that board and redraw; a change made by another process (the
//! facilitator's own TUI on the same file) is noticed by polling SQLite's
//! data version and published the same way.

use super::roles::{Identity, board_for};
use crate::app::Action;
use crate::app::retro::writes::RetroWrite;
use crate::app::retro::{Msg, RetroRequest};
use crate::domain::retro::record::RetroBoard;
use crate::runtime::retro::execute;
use crate::service::retro;
use crate::store::Store;
use std::sync::Arc;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::Duration;
use tokio::sync::{oneshot, watch};

/// How often the database is checked for changes made by another process.
const EXTERNAL_POLL: Duration = Duration::from_millis(250);

/// What a session asks of the store.
pub enum Request {
    /// Make a change as `who`; the answer is what the session's app gets
    /// back (`Action::Retro(Msg::Written)` or `Action::Failed`).
    Write {
        who: Identity,
        write: RetroWrite,
        reply: oneshot::Sender<Action>,
    },
    /// `name` connected: make sure the retro counts them as a participant.
    Join { name: String },
}

/// A session's line to the store actor.
#[derive(Clone)]
pub struct StoreHandle {
    requests: mpsc::Sender<Request>,
    board: watch::Receiver<Arc<RetroBoard>>,
}

impl StoreHandle {
    /// The served retro as last published; `changed()` on it wakes a
    /// session when a change lands.
    pub fn board(&self) -> watch::Receiver<Arc<RetroBoard>> {
        self.board.clone()
    }

    /// Sends a request; false once the actor has stopped.
    pub fn send(&self, request: Request) -> bool {
        self.requests.send(request).is_ok()
    }

    /// Makes a change as `who` and waits for the answer.
    pub async fn write(&self, who: &Identity, write: RetroWrite) -> Action {
        let (reply, answer) = oneshot::channel();
        let request = Request::Write {
            who: who.clone(),
            write,
            reply,
        };
        if !self.send(request) {
            return Action::Failed("The server is shutting down; nothing changed".into());
        }
        answer
            .await
            .unwrap_or_else(|_| Action::Failed("The server stopped; nothing changed".into()))
    }
}

/// Starts the actor on `store` serving retro `retro_id`; it runs until
/// every `StoreHandle` is dropped.
pub fn start(store: Store, retro_id: i64) -> crate::service::Result<(StoreHandle, JoinHandle<()>)> {
    let board = Arc::new(retro::load_retro(&store, retro_id)?);
    let (publish, watched) = watch::channel(board);
    let (requests, incoming) = mpsc::channel();
    let thread = std::thread::Builder::new()
        .name("retriage-store".into())
        .spawn(move || run(store, retro_id, &incoming, &publish))
        .expect("a thread can be started");
    Ok((
        StoreHandle {
            requests,
            board: watched,
        },
        thread,
    ))
}

fn run(
    mut store: Store,
    retro_id: i64,
    incoming: &mpsc::Receiver<Request>,
    publish: &watch::Sender<Arc<RetroBoard>>,
) {
    let mut seen_version = store.data_version().unwrap_or_default();
    loop {
        match incoming.recv_timeout(EXTERNAL_POLL) {
            Ok(request) => handle(&mut store, retro_id, request, publish),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return,
        }
        // Our own writes do not move the data version; another process's do.
        if let Ok(version) = store.data_version()
            && version != seen_version
        {
            seen_version = version;
            republish(&store, retro_id, publish);
        }
    }
}

fn republish(store: &Store, retro_id: i64, publish: &watch::Sender<Arc<RetroBoard>>) {
    if let Ok(board) = retro::load_retro(store, retro_id) {
        publish.send_replace(Arc::new(board));
    }
}

fn handle(
    store: &mut Store,
    retro_id: i64,
    request: Request,
    publish: &watch::Sender<Arc<RetroBoard>>,
) {
    match request {
        Request::Join { name } => {
            let board = publish.borrow().clone();
            if !board.participants.contains(&name)
                && retro::add_participant(store, retro_id, &name).is_ok()
            {
                republish(store, retro_id, publish);
            }
        }
        Request::Write { who, write, reply } => {
            let board = publish.borrow().clone();
            let answer = match super::roles::authorize(&who, &write, &board) {
                Err(notice) => Action::Failed(notice),
                Ok(()) => match execute(RetroRequest::Write(write), store) {
                    Ok(Action::Retro(Msg::Written {
                        write,
                        written,
                        board: Some(board),
                    })) => {
                        let shown = board_for(&who, &board);
                        publish.send_replace(Arc::new(*board));
                        Action::Retro(Msg::Written {
                            write,
                            written,
                            board: Some(Box::new(shown)),
                        })
                    }
                    Ok(other) => other,
                    Err(e) => Action::Failed(format!("Not saved: {e}")),
                },
            };
            // A session that went away meanwhile needs no answer.
            let _ = reply.send(answer);
        }
    }
}
