//! Load, bounded in count and time, on loopback: 30 SSH clients (russh's
//! own client) connect to `retriage serve` at once, each adds 10 cards and
//! casts 3 votes, while one more client never reads. Checked: no card or
//! vote is lost, nobody ever receives another's hidden text, every client
//! shows others' cards within a second of the facilitator's reveal, the
//! stuck client slows nobody, and the server's memory stays bounded.

mod serve;

use russh::client::{self, Handle};
use russh::keys::{Algorithm, PrivateKey, PrivateKeyWithHashAlg};
use russh::{ChannelMsg, ChannelWriteHalf};
use serve::{Screen, Server, cards, cli, collecting_retro, show, votes};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tempfile::TempDir;

const CLIENTS: usize = 30;
const CARDS_EACH: usize = 10;
const VOTES_EACH: usize = 3;
const SIZE: (u16, u16) = (120, 40);

struct AnyHostKey;

impl client::Handler for AnyHostKey {
    type Error = russh::Error;

    async fn check_server_key(
        &mut self,
        _key: &russh::keys::PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

/// One connected client: what it received so far, and its keyboard.
struct Client {
    received: Arc<Mutex<Vec<u8>>>,
    keys: Arc<ChannelWriteHalf<client::Msg>>,
    _session: Handle<AnyHostKey>,
}

impl Client {
    async fn connect(port: u16, key: PrivateKey, read: bool) -> Client {
        let config = Arc::new(client::Config::default());
        let mut session = client::connect(config, ("127.0.0.1", port), AnyHostKey)
            .await
            .unwrap();
        let auth = session
            .authenticate_publickey("anyone", PrivateKeyWithHashAlg::new(Arc::new(key), None))
            .await
            .unwrap();
        assert!(auth.success(), "an allowed key is accepted");
        let channel = session.channel_open_session().await.unwrap();
        let (width, height) = SIZE;
        channel
            .request_pty(false, "xterm", width.into(), height.into(), 0, 0, &[])
            .await
            .unwrap();
        channel.request_shell(false).await.unwrap();
        let (mut reader, keys) = channel.split();
        let received = Arc::new(Mutex::new(Vec::new()));
        if read {
            let sink = received.clone();
            tokio::spawn(async move {
                while let Some(message) = reader.wait().await {
                    if let ChannelMsg::Data { data } = message {
                        sink.lock().unwrap().extend_from_slice(&data);
                    }
                }
            });
        } else {
            // Never read: the reader is kept, its queue fills, and the
            // client stops taking bytes off the connection.
            std::mem::forget(reader);
        }
        Client {
            received,
            keys: Arc::new(keys),
            _session: session,
        }
    }

    async fn type_text(&self, text: &str) {
        self.keys
            .data_bytes(text.as_bytes().to_vec())
            .await
            .unwrap();
    }

    fn bytes(&self) -> Vec<u8> {
        self.received.lock().unwrap().clone()
    }

    fn screen(&self) -> String {
        let mut screen = Screen::new(SIZE.0, SIZE.1);
        screen.feed(&self.bytes());
        screen.text()
    }
}

/// Client `i`'s card `n`: a token no other client's text contains.
fn token(i: usize, n: usize) -> String {
    format!("zq{i:02}x{n}")
}

fn key_line(key: &PrivateKey) -> String {
    key.public_key().to_openssh().unwrap()
}

fn new_key() -> PrivateKey {
    PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519).unwrap()
}

async fn wait_until(what: &str, limit: Duration, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + limit;
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thirty_clients_at_once_lose_nothing_and_see_nothing_hidden() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("load.db");
    let retro = collecting_retro(&db, "Load");
    let keys: Vec<PrivateKey> = (0..CLIENTS).map(|_| new_key()).collect();
    let (facilitator, stuck) = (new_key(), new_key());
    let mut allow = format!("facilitator {} Fran\n", key_line(&facilitator));
    allow.push_str(&format!("{} Stuck\n", key_line(&stuck)));
    for (i, key) in keys.iter().enumerate() {
        allow.push_str(&format!("{} Person{i:02}\n", key_line(key)));
    }
    let allow_path = dir.path().join("allowed_keys");
    std::fs::write(&allow_path, allow).unwrap();
    let server = Server::start(&db, &allow_path);

    let _stuck = Client::connect(server.port, stuck, false).await;
    let connecting = keys
        .into_iter()
        .map(|key| tokio::spawn(Client::connect(server.port, key, true)));
    let mut clients = vec![];
    for client in connecting {
        clients.push(client.await.unwrap());
    }
    let fran = Client::connect(server.port, facilitator, true).await;

    // Everyone types their cards at once.
    let typing = clients.iter().enumerate().map(|(i, client)| {
        let keys = client.keys.clone();
        async move {
            for n in 0..CARDS_EACH {
                let text = format!("a{}\r", token(i, n));
                keys.data_bytes(text.into_bytes()).await.unwrap();
            }
        }
    });
    futures_join_all(typing).await;
    wait_until("every card stored", Duration::from_secs(60), || {
        cards(&show(&db, &retro)).len() == CLIENTS * CARDS_EACH
    })
    .await;
    for (i, client) in clients.iter().enumerate() {
        wait_until(
            &format!(
                "client {i} to count every card; server log:\n{}",
                server.log()
            ),
            Duration::from_secs(15),
            || client.screen().contains("Start (300, 290 hidden)"),
        )
        .await;
        let received = String::from_utf8_lossy(&client.bytes()).into_owned();
        for j in (0..CLIENTS).filter(|j| *j != i) {
            assert!(
                !received.contains(&format!("zq{j:02}x")),
                "client {i} received client {j}'s hidden text"
            );
        }
    }

    // The reveal reaches every screen within a second, stuck client or not.
    let revealed_at = Instant::now();
    fran.type_text("R").await;
    let mut slowest = Duration::ZERO;
    for (i, client) in clients.iter().enumerate() {
        wait_until(
            &format!("client {i} to show others' cards"),
            Duration::from_secs(5),
            || {
                let screen = client.screen();
                (0..CLIENTS).any(|j| j != i && screen.contains(&format!("zq{j:02}x")))
            },
        )
        .await;
        slowest = slowest.max(revealed_at.elapsed());
    }
    assert!(
        slowest < Duration::from_secs(1),
        "slowest reveal: {slowest:?}"
    );

    // Votes: three each, on the first three topics, with the tallies
    // hidden so the topics keep their order while everyone votes.
    cli(&db, &["retro", "phase", &retro, "vote"]);
    wait_until("the vote phase", Duration::from_secs(5), || {
        fran.screen().contains("· Vote")
    })
    .await;
    fran.type_text("H").await;
    for client in &clients {
        wait_until("tallies hidden", Duration::from_secs(5), || {
            client.screen().contains("· Vote") && !client.screen().contains("total")
        })
        .await;
    }
    let voting = clients.iter().map(|client| {
        let keys = client.keys.clone();
        async move {
            for _ in 0..VOTES_EACH {
                keys.data_bytes(b"+j".to_vec()).await.unwrap();
            }
        }
    });
    futures_join_all(voting).await;
    let expected = (CLIENTS * VOTES_EACH) as u64;
    wait_until("every vote stored", Duration::from_secs(30), || {
        votes(&show(&db, &retro)) == expected
    })
    .await;

    let rss_mib = server.rss_kib() / 1024;
    assert!(rss_mib < 200, "server memory: {rss_mib} MiB");
    let (clean, log) = server.stop();
    assert!(clean, "{log}");
    assert!(log.contains("stopping"), "{log}");
    let goodbye = String::from_utf8_lossy(&clients[0].bytes()).into_owned();
    assert!(
        goodbye.contains("shutting down. Goodbye."),
        "clients get a goodbye line"
    );
    assert!(
        goodbye.ends_with("\x1b[?1049l The retriage server is shutting down. Goodbye.\r\n")
            || goodbye.contains("\x1b[?25h"),
        "the terminal is given back"
    );
}

/// Runs futures side by side and waits for all.
async fn futures_join_all<F: std::future::Future<Output = ()> + Send + 'static>(
    futures: impl Iterator<Item = F>,
) {
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    for handle in handles {
        handle.await.unwrap();
    }
}
