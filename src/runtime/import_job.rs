//! Runs an import from the TUI on its own thread and connection, so the
//! screen keeps drawing and shows progress. Progress (bytes read, items)
//! is shared through atomics; the outcome comes back on a channel. Cancelling
//! makes the next item fail, which rolls the whole import back.

use crate::app::Action;
use crate::app::import::{self, Imported};
use crate::interop::files::open_to_read;
use crate::interop::import::ImportOptions;
use crate::service::Error;
use crate::service::import::import_file;
use crate::store::Store;
use std::fs::File;
use std::io::Read;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// How far a running import got.
#[derive(Default)]
struct Progress {
    bytes: AtomicU64,
    items: AtomicUsize,
    cancel: AtomicBool,
}

/// A file reader that counts the bytes read.
struct Counting<R> {
    inner: R,
    progress: Arc<Progress>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.progress.bytes.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// A running import.
pub(super) struct ImportJob {
    progress: Arc<Progress>,
    total: u64,
    outcome: Receiver<Result<Imported, Vec<String>>>,
}

/// Expands a leading `~/` to the home directory, as a shell would.
fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(path),
    }
}

/// The names in the directory of a path being typed (its part up to the
/// last `/`; none: the working directory), directories ending in `/`.
pub(super) fn list_directory(path: &str) -> Result<Vec<String>, String> {
    let (dir, _) = crate::app::path_completion::split(path);
    let shown = if dir.is_empty() { "." } else { dir };
    let entries = std::fs::read_dir(expand_home(shown)).map_err(|e| format!("{shown}: {e}"))?;
    Ok(entries
        .flatten()
        .map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            // Through symbolic links, as a shell completes.
            match std::fs::metadata(entry.path()) {
                Ok(meta) if meta.is_dir() => format!("{name}/"),
                _ => name,
            }
        })
        .collect())
}

/// Opens the file a user typed, with a message that names it.
pub(super) fn open_file(path: &str) -> Result<(File, u64), String> {
    open_to_read(&expand_home(path.trim()))
}

impl ImportJob {
    /// Starts importing `path` into the database at `db`.
    pub(super) fn start(
        db: PathBuf,
        path: String,
        options: ImportOptions,
    ) -> Result<ImportJob, String> {
        let (file, total) = open_file(&path)?;
        let progress = Arc::new(Progress::default());
        let (send, outcome) = channel();
        let shared = Arc::clone(&progress);
        std::thread::Builder::new()
            .name("import".into())
            .spawn(move || {
                let result = run(&db, file, &path, &options, shared);
                // The receiver is gone only when the app has quit.
                let _ = send.send(result);
            })
            .map_err(|e| format!("cannot start the import: {e}"))?;
        Ok(ImportJob {
            progress,
            total,
            outcome,
        })
    }

    /// Progress so far, or the outcome once it is done.
    pub(super) fn poll(&self) -> Action {
        match self.outcome.try_recv() {
            Ok(result) => Action::Import(import::Msg::Finished(result)),
            Err(TryRecvError::Empty) => Action::Import(import::Msg::Progress {
                done: self.progress.bytes.load(Ordering::Relaxed).min(self.total),
                total: self.total,
                rows: self.progress.items.load(Ordering::Relaxed),
            }),
            Err(TryRecvError::Disconnected) => Action::Import(import::Msg::Finished(Err(vec![
                "the import stopped unexpectedly; nothing was imported".into(),
            ]))),
        }
    }

    pub(super) fn cancel(&self) {
        self.progress.cancel.store(true, Ordering::Relaxed);
    }
}

fn run(
    db: &std::path::Path,
    file: File,
    shown: &str,
    options: &ImportOptions,
    progress: Arc<Progress>,
) -> Result<Imported, Vec<String>> {
    let mut store = Store::open(db).map_err(|e| vec![e.to_string()])?;
    let input = Counting {
        inner: file,
        progress: Arc::clone(&progress),
    };
    let mut keep_going = |items: usize| {
        progress.items.store(items, Ordering::Relaxed);
        !progress.cancel.load(Ordering::Relaxed)
    };
    match import_file(&mut store, input, shown, options, false, &mut keep_going) {
        Ok(report) => match report.batch {
            Some(batch) => Ok(Imported {
                summary: report.describe(shown),
                batch,
            }),
            None => Err(vec!["the import was not recorded".into()]),
        },
        Err(e @ Error::Read(_)) => Err(e.to_string().lines().map(str::to_string).collect()),
        Err(e) => Err(vec![e.to_string()]),
    }
}
