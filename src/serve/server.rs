//! The SSH side of `retriage serve` (russh): public-key authentication
//! against the allow-list (nothing else is offered), one interactive
//! session channel per connection, and a task per session that owns that
//! person's `Session` and connects it to their channel, the store actor and
//! the shutdown signal.
//!
//! Output goes through a small bounded queue to a writer task that waits
//! for the client's SSH window: a client that stops reading fills its own
//! queue and nobody else's; frames it misses are replaced by a full repaint
//! once it reads again, and one that stays stuck is dropped.

use super::allow::AllowList;
use super::input::InputParser;
use super::roles::Identity;
use super::running::Counter;
use super::session::{ENTER_SCREEN, LEAVE_SCREEN, Session};
use super::store_actor::StoreHandle;
use crate::config::Config;
use russh::keys::HashAlg;
use russh::server::{Auth, ChannelOpenHandle, Handler, Msg, PublicKeyOffer, VerifiedPublicKey};
use russh::{Channel, ChannelId, ChannelMsg};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, watch};

/// Frames waiting for one client; more and the client is behind.
const OUTPUT_QUEUE: usize = 4;
/// How long a client may stay behind before it is dropped.
const STALL_LIMIT: Duration = Duration::from_secs(5);
/// How long a lone Esc waits for the rest of a sequence.
const ESCAPE_WAIT: Duration = Duration::from_millis(30);
/// How often a client that is behind is offered the screen again.
const RETRY_BEHIND: Duration = Duration::from_millis(100);
/// The size assumed when the client asks for no pty.
const DEFAULT_SIZE: (u16, u16) = (80, 24);

/// Why a session ended.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Left {
    Quit,
    Disconnected,
    StoppedReading,
    Replaced,
    ServerStopping,
}

impl Left {
    /// What the server log says.
    fn describe(self) -> &'static str {
        match self {
            Left::Quit => "quit",
            Left::Disconnected => "disconnected",
            Left::StoppedReading => "dropped: stopped reading",
            Left::Replaced => "replaced by a new login with the same key",
            Left::ServerStopping => "server stopping",
        }
    }

    /// The client's last line.
    fn goodbye(self) -> &'static str {
        match self {
            Left::Replaced => "You logged in again with the same key; this session ends. Goodbye.",
            Left::ServerStopping => "The retriage server is shutting down. Goodbye.",
            _ => "Goodbye.",
        }
    }
}

/// What every connection shares.
pub struct Served {
    pub allow: AllowList,
    pub store: StoreHandle,
    /// The config with colour and without (`NO_COLOR` or `TERM=dumb` as
    /// the client sends them).
    pub colour: Config,
    pub plain: Config,
    /// Set when the server stops.
    pub stopping: watch::Receiver<bool>,
    /// The running session of each key (by fingerprint): a new login with
    /// the same key replaces it.
    sessions: Mutex<HashMap<String, (u64, watch::Sender<bool>)>>,
    next_session: Mutex<u64>,
    /// Sessions still running, for a clean shutdown.
    pub running: Counter,
}

impl Served {
    pub fn new(
        allow: AllowList,
        store: StoreHandle,
        colour: Config,
        plain: Config,
        stopping: watch::Receiver<bool>,
    ) -> Served {
        Served {
            allow,
            store,
            colour,
            plain,
            stopping,
            sessions: Mutex::default(),
            next_session: Mutex::new(0),
            running: Counter::default(),
        }
    }

    /// Registers a new session of `key`; ends the one it replaces.
    fn register(&self, key: &str) -> (u64, watch::Receiver<bool>) {
        let id = {
            let mut next = self.next_session.lock().expect("not poisoned");
            *next += 1;
            *next
        };
        let (end, replaced_by_new) = watch::channel(false);
        let replaced = self
            .sessions
            .lock()
            .expect("not poisoned")
            .insert(key.to_string(), (id, end));
        if let Some((_, old)) = replaced {
            let _ = old.send(true);
        }
        (id, replaced_by_new)
    }

    fn unregister(&self, key: &str, id: u64) {
        let mut sessions = self.sessions.lock().expect("not poisoned");
        if sessions.get(key).is_some_and(|(current, _)| *current == id) {
            sessions.remove(key);
        }
    }
}

/// One connection, from authentication to its session channel.
pub struct Connection {
    served: Arc<Served>,
    peer: String,
    who: Option<(Identity, String)>,
    channel: Option<Channel<Msg>>,
    size: (u16, u16),
    colour: bool,
}

impl Connection {
    pub fn new(served: Arc<Served>, peer: Option<SocketAddr>) -> Connection {
        Connection {
            served,
            peer: peer.map_or_else(|| "?".into(), |p| p.to_string()),
            who: None,
            channel: None,
            size: DEFAULT_SIZE,
            colour: true,
        }
    }
}

fn log(line: &str) {
    eprintln!("retriage serve: {line}");
}

fn size_of(columns: u32, rows: u32) -> (u16, u16) {
    let clamp = |n: u32| u16::try_from(n).unwrap_or(u16::MAX);
    (clamp(columns), clamp(rows))
}

impl Handler for Connection {
    type Error = russh::Error;

    async fn auth_publickey_offered(
        &mut self,
        user: &str,
        offer: PublicKeyOffer<'_>,
    ) -> Result<Auth, Self::Error> {
        if self.served.allow.identify(offer.public_key).is_some() {
            return Ok(Auth::Accept);
        }
        log(&format!(
            "refused {} from {} (user {user:?}): key not in the allow-list",
            offer.public_key.fingerprint(HashAlg::Sha256),
            self.peer
        ));
        Ok(Auth::reject())
    }

    async fn auth_publickey(
        &mut self,
        _user: &str,
        key: VerifiedPublicKey<'_>,
    ) -> Result<Auth, Self::Error> {
        match self.served.allow.identify(key.public_key) {
            Some(who) => {
                let fingerprint = key.public_key.fingerprint(HashAlg::Sha256).to_string();
                self.who = Some((who.clone(), fingerprint));
                Ok(Auth::Accept)
            }
            None => Ok(Auth::reject()),
        }
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: ChannelOpenHandle,
        _session: &mut russh::server::Session,
    ) -> Result<(), Self::Error> {
        if self.who.is_none() || self.channel.is_some() {
            reply
                .reject(russh::ChannelOpenFailure::AdministrativelyProhibited)
                .await;
            return Ok(());
        }
        reply.accept().await;
        self.channel = Some(channel);
        Ok(())
    }

    async fn pty_request(
        &mut self,
        channel: ChannelId,
        term: &str,
        columns: u32,
        rows: u32,
        _pix_width: u32,
        _pix_height: u32,
        _modes: &[(russh::Pty, u32)],
        session: &mut russh::server::Session,
    ) -> Result<(), Self::Error> {
        self.size = size_of(columns, rows);
        if term == "dumb" {
            self.colour = false;
        }
        session.channel_success(channel)?;
        Ok(())
    }

    async fn env_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        value: &str,
        session: &mut russh::server::Session,
    ) -> Result<(), Self::Error> {
        if name == "NO_COLOR" && !value.is_empty() {
            self.colour = false;
        }
        session.channel_success(channel)?;
        Ok(())
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        _data: &[u8],
        session: &mut russh::server::Session,
    ) -> Result<(), Self::Error> {
        // Only the interactive board is served.
        session.channel_failure(channel)?;
        Ok(())
    }

    async fn shell_request(
        &mut self,
        channel_id: ChannelId,
        session: &mut russh::server::Session,
    ) -> Result<(), Self::Error> {
        let (Some(channel), Some((who, key))) = (self.channel.take(), self.who.clone()) else {
            session.channel_failure(channel_id)?;
            return Ok(());
        };
        session.channel_success(channel_id)?;
        let served = self.served.clone();
        let config = if self.colour {
            served.colour.clone()
        } else {
            served.plain.clone()
        };
        log(&format!(
            "{} ({:?}) connected from {}",
            who.name, who.role, self.peer
        ));
        let peer = self.peer.clone();
        let size = self.size;
        let handle = session.handle();
        tokio::spawn(async move {
            let guard = served.running.enter();
            let (id, replaced) = served.register(&key);
            let left = run_session(&served, who.clone(), config, size, channel, replaced).await;
            served.unregister(&key, id);
            let _ = handle.close(channel_id).await;
            log(&format!("{} ({peer}) left: {}", who.name, left.describe()));
            drop(guard);
        });
        Ok(())
    }
}

/// The session's output: a bounded queue to a task that writes to the
/// channel as fast as the client reads.
struct Output {
    queue: mpsc::Sender<Vec<u8>>,
    /// Since when frames have not fit in the queue.
    behind_since: Option<Instant>,
}

impl Output {
    /// Queues a frame; false when it did not fit (the client is behind).
    fn send(&mut self, bytes: Vec<u8>) -> bool {
        if bytes.is_empty() {
            return true;
        }
        match self.queue.try_send(bytes) {
            Ok(()) => {
                self.behind_since = None;
                true
            }
            Err(_) => {
                self.behind_since.get_or_insert_with(Instant::now);
                false
            }
        }
    }

    fn stuck(&self) -> bool {
        self.behind_since
            .is_some_and(|since| since.elapsed() > STALL_LIMIT)
    }
}

/// Runs one person's screen until they quit, disconnect, log in again
/// elsewhere, fall too far behind, or the server stops; returns why it
/// ended.
async fn run_session(
    served: &Served,
    who: Identity,
    config: Config,
    size: (u16, u16),
    channel: Channel<Msg>,
    mut replaced: watch::Receiver<bool>,
) -> Left {
    let store = &served.store;
    store.send(super::store_actor::Request::Join {
        name: who.name.clone(),
    });
    let mut boards = store.board();
    let board = boards.borrow_and_update().clone();
    let mut session = Session::new(who.clone(), config, board, size);
    let (mut reader, writer) = channel.split();
    let (queue, mut frames) = mpsc::channel::<Vec<u8>>(OUTPUT_QUEUE);
    let writing = tokio::spawn(async move {
        while let Some(frame) = frames.recv().await {
            let sent = tokio::time::timeout(STALL_LIMIT, writer.data_bytes(frame)).await;
            if !matches!(sent, Ok(Ok(()))) {
                return;
            }
        }
        let _ = writer.eof().await;
    });
    let mut output = Output {
        queue,
        behind_since: None,
    };
    let mut parser = InputParser::new();
    let mut stopping = served.stopping.clone();
    let mut ticks = tokio::time::interval(Duration::from_secs(1));
    output.send(ENTER_SCREEN.to_vec());
    let mut left = Left::Quit;
    loop {
        if !output.send(session.render()) {
            session.repaint_all();
        }
        if output.stuck() {
            left = Left::StoppedReading;
            break;
        }
        if session.quit() {
            break;
        }
        let escape_wait = parser.escape_pending();
        let behind = output.behind_since.is_some();
        let writes = tokio::select! {
            message = reader.wait() => match message {
                Some(ChannelMsg::Data { data }) => {
                    let mut writes = vec![];
                    for input in parser.feed(&data) {
                        writes.extend(session.on_input(input));
                    }
                    writes
                }
                Some(ChannelMsg::WindowChange { col_width, row_height, .. }) => {
                    let (width, height) = size_of(col_width, row_height);
                    session.on_input(crate::input::Input::Resize { width, height })
                }
                Some(ChannelMsg::Eof | ChannelMsg::Close) | None => {
                    left = Left::Disconnected;
                    break;
                }
                Some(_) => vec![],
            },
            _ = tokio::time::sleep(ESCAPE_WAIT), if escape_wait => {
                let mut writes = vec![];
                for input in parser.flush_pending_escape() {
                    writes.extend(session.on_input(input));
                }
                writes
            }
            // A client that is behind gets a full repaint once it reads again.
            _ = tokio::time::sleep(RETRY_BEHIND), if behind => vec![],
            changed = boards.changed() => {
                if changed.is_ok() {
                    session.on_board(boards.borrow_and_update().clone());
                }
                vec![]
            }
            _ = ticks.tick(), if session.wants_ticks() => {
                session.on_tick(chrono::Utc::now().timestamp_millis())
            }
            _ = replaced.changed() => {
                left = Left::Replaced;
                break;
            }
            _ = stopping.changed() => {
                let writes = session.on_stop();
                apply_writes(store, &mut session, writes).await;
                left = Left::ServerStopping;
                break;
            }
        };
        apply_writes(store, &mut session, writes).await;
    }
    let mut last = LEAVE_SCREEN.to_vec();
    last.extend_from_slice(format!("{}\r\n", left.goodbye()).as_bytes());
    // The goodbye waits for room in the queue, but not for long.
    let _ = tokio::time::timeout(Duration::from_secs(1), output.queue.send(last)).await;
    drop(output);
    let _ = tokio::time::timeout(Duration::from_secs(2), writing).await;
    left
}

/// Hands the app's writes to the store in order, and their answers back.
async fn apply_writes(store: &StoreHandle, session: &mut Session, writes: Vec<super::RetroWrite>) {
    let mut queue = std::collections::VecDeque::from(writes);
    while let Some(write) = queue.pop_front() {
        let answer = store.write(session.who(), write).await;
        queue.extend(session.on_answer(answer));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_that_stops_reading_falls_behind_then_is_stuck() {
        let (queue, _frames) = mpsc::channel(OUTPUT_QUEUE);
        let mut output = Output {
            queue,
            behind_since: None,
        };
        for _ in 0..OUTPUT_QUEUE {
            assert!(output.send(b"frame".to_vec()));
        }
        assert!(output.send(vec![]), "an empty frame needs no room");
        assert!(!output.send(b"one too many".to_vec()), "the queue is full");
        assert!(!output.stuck(), "behind, not yet stuck");
        output.behind_since = Some(Instant::now() - STALL_LIMIT - Duration::from_millis(1));
        assert!(
            output.stuck(),
            "dropped once behind for longer than the limit"
        );
    }
}
