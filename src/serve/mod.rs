//! `retriage serve`: the retro board over SSH, so every participant writes
//! their own hidden cards and casts their own votes from their own
//! terminal with plain `ssh`. One process, one SQLite file.
//!
//! - `allow`: the allow-list of keys, names and the facilitator option;
//! - `host_key`: the server's key beside the database (`DBFILE.host_key`);
//! - `roles`: what each role may change, and what each person may receive;
//! - `store_actor`: the one owner of the database, publishing the retro;
//! - `input`: a client's raw bytes as the app's `Input`;
//! - `session`: one person's app and terminal, rendering to bytes;
//! - `server`: russh, authentication, and the task per session;
//! - `running`: the count of running sessions, for a clean shutdown.
//!
//! This file starts it all: reads the allow-list and host key, picks the
//! retro, listens, and stops cleanly on Ctrl-C or SIGTERM.

mod allow;
mod host_key;
mod input;
mod roles;
mod running;
mod server;
mod session;
mod store_actor;

#[cfg(test)]
mod fixture;

pub use allow::AllowList;
pub use host_key::{fingerprint, host_key_path};
pub use input::InputParser;
pub use roles::{Identity, Role, authorize, board_for};
pub use session::Session;

use crate::app::retro::writes::RetroWrite;
use crate::config::{self, Config};
use crate::domain::retro::phase::Phase;
use crate::service::retro;
use crate::store::Store;
use russh::MethodKind;
use server::{Connection, Served};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;

/// How long shutdown waits for the sessions to say goodbye.
const SHUTDOWN_WAIT: Duration = Duration::from_secs(5);

/// `retriage serve`'s arguments (the database is the global `--db`).
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Address and port to listen on
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:2222")]
    pub listen: String,
    /// The allowed keys, authorized_keys style, the comment being the
    /// participant's name; `facilitator` before a key marks the facilitator
    /// [default: allowed_keys in the config folder]
    #[arg(long, value_name = "FILE")]
    pub allow: Option<PathBuf>,
    /// The retro to serve [default: the most recent one not closed]
    #[arg(long, value_name = "ID")]
    pub retro: Option<i64>,
}

/// Runs the server on the database at `db` until Ctrl-C or SIGTERM.
pub fn run(db: &Path, args: ServeArgs) -> Result<(), String> {
    let allow_path = match args.allow {
        Some(path) => path,
        None => config::user_config_path()
            .and_then(|p| p.parent().map(|dir| dir.join("allowed_keys")))
            .ok_or("cannot find the config folder; pass --allow FILE")?,
    };
    let user_config = config::user_config_path();
    let load = |colour| {
        Config::load(user_config.as_deref(), colour).map_err(|e| format!("config error: {e}"))
    };
    let (colour, plain) = (load(true)?, load(false)?);
    let allow = AllowList::read(&allow_path)?.with_facilitators(&colour.serve_facilitators);
    let store = Store::open(db).map_err(|e| e.to_string())?;
    let retro_id = pick_retro(&store, args.retro)?;
    let board = retro::load_retro(&store, retro_id).map_err(|e| e.to_string())?;
    let key_path = host_key_path(db);
    let (key, created) = host_key::load_or_create(&key_path)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    let listener = runtime
        .block_on(TcpListener::bind(&args.listen))
        .map_err(|e| format!("--listen {}: {e}", args.listen))?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    let made = if created { " (new)" } else { "" };
    let mut out = std::io::stdout();
    let _ = writeln!(
        out,
        "serving retro {retro_id} “{}” on {address} to {} allowed keys\n\
         host key {}{made}: {}\nstop with Ctrl-C",
        board.title,
        allow.len(),
        key_path.display(),
        fingerprint(&key),
    );
    let _ = out.flush();
    let (store, actor) = store_actor::start(store, retro_id).map_err(|e| e.to_string())?;
    let ssh = russh::server::Config {
        keys: vec![key],
        methods: russh::MethodSet::from(&[MethodKind::PublicKey][..]),
        auth_rejection_time: Duration::from_millis(300),
        auth_rejection_time_initial: Some(Duration::ZERO),
        inactivity_timeout: Some(Duration::from_secs(8 * 3600)),
        nodelay: true,
        ..Default::default()
    };
    let (stop, stopping) = tokio::sync::watch::channel(false);
    let served = Arc::new(Served::new(allow, store, colour, plain, stopping));
    runtime.block_on(listen(listener, Arc::new(ssh), served.clone(), stop))?;
    let running = served.running.clone();
    drop(served);
    runtime.shutdown_timeout(Duration::from_secs(1));
    eprintln!(
        "retriage serve: stopped ({} sessions still open were cut); nothing unsaved",
        running.count()
    );
    let _ = actor.join();
    Ok(())
}

/// The retro asked for, else the most recent one not closed.
fn pick_retro(store: &Store, asked: Option<i64>) -> Result<i64, String> {
    if let Some(id) = asked {
        retro::load_retro(store, id).map_err(|e| format!("--retro {id}: {e}"))?;
        return Ok(id);
    }
    retro::list_retros(store, None)
        .map_err(|e| e.to_string())?
        .into_iter()
        .find(|r| r.phase != Phase::Close)
        .map(|r| r.id)
        .ok_or_else(|| {
            "no retro to serve: every retro is closed or there is none (retriage retro new)".into()
        })
}

/// Accepts connections until Ctrl-C or SIGTERM, then tells the sessions
/// and waits for them to say goodbye.
async fn listen(
    listener: TcpListener,
    ssh: Arc<russh::server::Config>,
    served: Arc<Served>,
    stop: tokio::sync::watch::Sender<bool>,
) -> Result<(), String> {
    let mut terminate = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .map_err(|e| format!("cannot watch for SIGTERM: {e}"))?;
    let mut connections = tokio::task::JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((socket, peer)) = accepted else { continue };
                let connection = Connection::new(served.clone(), Some(peer));
                let ssh = ssh.clone();
                connections.spawn(async move {
                    if let Ok(running) = russh::server::run_stream(ssh, socket, connection).await {
                        let _ = running.await;
                    }
                });
            }
            // Finished connections are let go of as they end.
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
            _ = tokio::signal::ctrl_c() => break,
            _ = terminate.recv() => break,
        }
    }
    eprintln!(
        "retriage serve: stopping; saying goodbye to {} sessions",
        served.running.count()
    );
    let _ = stop.send(true);
    // Each session says goodbye and closes its channel; the clients then
    // hang up, which ends their connections once the last bytes are out.
    let _ = tokio::time::timeout(SHUTDOWN_WAIT, async {
        served.running.idle().await;
        while connections.join_next().await.is_some() {}
    })
    .await;
    Ok(())
}
