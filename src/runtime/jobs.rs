//! Work that runs beside the terminal loop so the screen keeps answering:
//! an import (see `import_job`), the near-duplicate search, reading every
//! row of a large backlog (the table shows a first screen meanwhile; a read
//! that a change of this process overtook is started again), and sorting
//! or filtering a large table (it shows the old order meanwhile). Those
//! that read open their own connection to the database file; results come
//! back as actions, which the loop collects between key presses.

use super::import_job::ImportJob;
use crate::app::triage::list::ArrangeJob;
use crate::app::{Action, duplicates, import, triage};
use crate::interop::import::ImportOptions;
use crate::store::Store;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, TryRecvError, channel};
use std::time::Duration;

#[derive(Default)]
pub(super) struct Jobs {
    import: Option<ImportJob>,
    /// The latest near-duplicate search: its answer, and the flag that
    /// stops it. A newer search stops and replaces it.
    duplicates: Option<(Receiver<Action>, Arc<AtomicBool>)>,
    /// Every row being read: the answer, the database, and how many
    /// changes this process had made when the read began.
    rows: Option<(Receiver<Action>, PathBuf, u64)>,
    /// The dashboard being read; a newer read replaces it.
    dashboard: Option<Receiver<Action>>,
    /// The table's sort or filter being computed; a newer one replaces it
    /// (the list tells the old one to stop).
    arrange: Option<Receiver<Action>>,
    /// How many sorts and filters were started, so the loop can tell
    /// whether a key started one.
    arranges_started: u64,
}

/// How often the loop looks for a finished sort or filter.
pub(super) const ARRANGE_TICK: Duration = Duration::from_millis(4);
/// How long a key waits for the sort or filter it started before its frame
/// is drawn: one that finishes by then is drawn at once, without a
/// "sorting…" frame first, and the rest of the frame is left for drawing.
pub(super) const ARRANGE_PATIENCE: Duration = Duration::from_millis(5);

impl Jobs {
    /// Whether anything runs, so the loop polls more often.
    pub fn busy(&self) -> bool {
        self.import.is_some()
            || self.duplicates.is_some()
            || self.rows.is_some()
            || self.dashboard.is_some()
            || self.arrange.is_some()
    }

    /// Whether a sort or filter is being computed: its answer is shown as
    /// soon as it is in (the loop wakes every `ARRANGE_TICK`).
    pub fn arranging(&self) -> bool {
        self.arrange.is_some()
    }

    /// How many sorts and filters were started so far.
    pub fn arranges_started(&self) -> u64 {
        self.arranges_started
    }

    /// Waits up to `patience` for the running sort or filter to finish;
    /// its answer, when it did.
    pub fn wait_for_arranged(&mut self, patience: Duration) -> Option<Action> {
        let answer = self.arrange.as_ref()?.recv_timeout(patience);
        match answer {
            Ok(action) => {
                self.arrange = None;
                Some(action)
            }
            Err(RecvTimeoutError::Timeout) => None,
            // Overtaken: a newer one replaces it, or the list moved on.
            Err(RecvTimeoutError::Disconnected) => {
                self.arrange = None;
                None
            }
        }
    }

    /// Computes the table's new order and filters on a thread of its own;
    /// answers with `triage::Msg::Arranging` now and `triage::Msg::Arranged`
    /// when done. Should no thread start, it is computed here instead.
    pub fn arrange(&mut self, job: ArrangeJob) -> Action {
        self.arranges_started += 1;
        let (send, receive) = channel();
        let running = job.clone();
        let started = std::thread::Builder::new()
            .name("arrange".into())
            .spawn(move || {
                if let Some(arranged) = running.run() {
                    let _ = send.send(Action::Triage(triage::Msg::Arranged(arranged)));
                }
            });
        match started {
            Ok(_) => {
                self.arrange = Some(receive);
                Action::Triage(triage::Msg::Arranging)
            }
            Err(_) => match job.run() {
                Some(arranged) => Action::Triage(triage::Msg::Arranged(arranged)),
                None => Action::Triage(triage::Msg::Arranging),
            },
        }
    }

    /// Reads and builds the dashboard of `request` in the background
    /// (a second or so on a large database); answers with
    /// `dashboard::Msg::Loaded`.
    pub fn load_dashboard(
        &mut self,
        db: PathBuf,
        request: crate::app::dashboard::DashboardRequest,
        today: chrono::NaiveDate,
    ) -> Result<(), String> {
        let (send, receive) = channel();
        std::thread::Builder::new()
            .name("dashboard".into())
            .spawn(move || {
                let action = match Store::open(&db) {
                    Ok(store) => super::dashboard::execute(request, &store, today),
                    Err(e) => Action::Failed(format!("Cannot read the dashboard: {e}")),
                };
                let _ = send.send(action);
            })
            .map_err(|e| format!("cannot start reading the dashboard: {e}"))?;
        self.dashboard = Some(receive);
        Ok(())
    }

    /// Reads every row of the database at `db` in the background; `changes`
    /// is `Store::changes_made` now. Answers with `triage::Msg::Loaded`.
    pub fn load_rows(&mut self, db: PathBuf, changes: u64) -> Result<(), String> {
        let (send, receive) = channel();
        let path = db.clone();
        std::thread::Builder::new()
            .name("rows".into())
            .spawn(move || {
                let read = Store::open(&path)
                    .and_then(|store| Ok((store.triage_rows()?, store.nps_response_tally()?)));
                let action = match read {
                    Ok((rows, unlisted)) => Action::Triage(triage::Msg::Loaded(rows, unlisted)),
                    Err(e) => Action::Failed(format!("Cannot read the items: {e}")),
                };
                let _ = send.send(action);
            })
            .map_err(|e| format!("cannot start reading the items: {e}"))?;
        self.rows = Some((receive, db, changes));
        Ok(())
    }

    /// Searches for near-duplicates in the background.
    pub fn search_duplicates(&mut self, db: PathBuf, threshold: f64) -> Result<(), String> {
        self.stop_search();
        let (send, receive) = channel();
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        std::thread::Builder::new()
            .name("duplicates".into())
            .spawn(move || {
                let should_stop = || stopped.load(Ordering::Relaxed);
                let found =
                    Store::open(&db).and_then(|s| s.near_duplicates(threshold, &should_stop));
                let action = match found {
                    Ok(found) => Action::Duplicates(duplicates::Msg::Loaded(found)),
                    Err(e) => Action::Duplicates(duplicates::Msg::Failed(format!(
                        "Cannot look for duplicates: {e}"
                    ))),
                };
                // Nobody waits any more when a newer search replaced this one.
                let _ = send.send(action);
            })
            .map_err(|e| format!("cannot start the search: {e}"))?;
        self.duplicates = Some((receive, stop));
        Ok(())
    }

    /// Stops the running search, if any; its answer is dropped.
    pub fn stop_search(&mut self) {
        if let Some((_, stop)) = self.duplicates.take() {
            stop.store(true, Ordering::Relaxed);
        }
    }

    /// Starts importing `path` into the database at `db`; answers with the
    /// first progress, or the reason it could not start.
    pub fn start_import(&mut self, db: PathBuf, path: String, options: ImportOptions) -> Action {
        match ImportJob::start(db, path, options) {
            Ok(started) => {
                self.import = Some(started);
                self.poll_import()
            }
            Err(message) => Action::Import(import::Msg::Finished(Err(vec![message]))),
        }
    }

    /// Asks the running import to stop (nothing it read is written);
    /// answers with where it is now.
    pub fn cancel_import(&mut self) -> Action {
        if let Some(running) = &self.import {
            running.cancel();
        }
        self.poll_import()
    }

    /// Stops everything that runs; for leaving the app.
    pub fn stop_all(&mut self) {
        if let Some(running) = &self.import {
            running.cancel();
        }
        self.stop_search();
    }

    /// The running import's progress, or its outcome (which ends the job,
    /// so it is reported once).
    fn poll_import(&mut self) -> Action {
        let Some(running) = &self.import else {
            return Action::Import(import::Msg::Finished(Err(vec![
                "no import is running".into(),
            ])));
        };
        let action = running.poll();
        if matches!(action, Action::Import(import::Msg::Finished(_))) {
            self.import = None;
        }
        action
    }

    /// What the running jobs have to say now: progress, or their outcome.
    /// `changes` is `Store::changes_made` now: rows read before a change
    /// of this process are read again instead of shown.
    pub fn poll(&mut self, changes: u64) -> Vec<Action> {
        let mut actions = Vec::new();
        if let Some(arrange) = &self.arrange {
            match arrange.try_recv() {
                Ok(action) => {
                    self.arrange = None;
                    actions.push(action);
                }
                Err(TryRecvError::Empty) => {}
                // Overtaken: a newer one replaces it, or the list moved on.
                Err(TryRecvError::Disconnected) => self.arrange = None,
            }
        }
        if let Some(dashboard) = &self.dashboard {
            match dashboard.try_recv() {
                Ok(action) => {
                    self.dashboard = None;
                    actions.push(action);
                }
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => {
                    self.dashboard = None;
                    actions.push(Action::Failed("Reading the dashboard stopped".into()));
                }
            }
        }
        if let Some((rows, db, started)) = &self.rows {
            match rows.try_recv() {
                Ok(_) if *started != changes => {
                    let db = db.clone();
                    if let Err(message) = self.load_rows(db, changes) {
                        self.rows = None;
                        actions.push(Action::Failed(message));
                    }
                }
                Ok(action) => {
                    self.rows = None;
                    actions.push(action);
                }
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => {
                    self.rows = None;
                    actions.push(Action::Failed(
                        "Reading the items stopped unexpectedly".into(),
                    ));
                }
            }
        }
        if self.import.is_some() {
            actions.push(self.poll_import());
        }
        if let Some((search, _)) = &self.duplicates {
            match search.try_recv() {
                Ok(action) => {
                    self.duplicates = None;
                    actions.push(action);
                }
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => {
                    self.duplicates = None;
                    actions.push(Action::Duplicates(duplicates::Msg::Failed(
                        "The duplicate search stopped unexpectedly".into(),
                    )));
                }
            }
        }
        actions
    }
}
