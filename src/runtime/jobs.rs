//! Work that runs beside the terminal loop so the screen keeps answering:
//! an import (see `import_job`) and the near-duplicate search. Each opens
//! its own connection to the database file; results come back as actions,
//! which the loop collects between key presses.

use super::import_job::ImportJob;
use crate::app::Action;
use crate::store::Store;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

#[derive(Default)]
pub(super) struct Jobs {
    pub import: Option<ImportJob>,
    /// The latest near-duplicate search; a newer one replaces it (the older
    /// thread's answer then goes nowhere).
    duplicates: Option<Receiver<Action>>,
}

impl Jobs {
    /// Whether anything runs, so the loop polls more often.
    pub fn busy(&self) -> bool {
        self.import.is_some() || self.duplicates.is_some()
    }

    /// Searches for near-duplicates in the background.
    pub fn search_duplicates(&mut self, db: PathBuf, threshold: f64) -> Result<(), String> {
        let (send, receive) = channel();
        std::thread::Builder::new()
            .name("duplicates".into())
            .spawn(move || {
                let action = match Store::open(&db).and_then(|s| s.near_duplicates(threshold)) {
                    Ok(found) => Action::DuplicatesLoaded(found),
                    Err(e) => Action::Failed(format!("Cannot look for duplicates: {e}")),
                };
                // Nobody waits any more when a newer search replaced this one.
                let _ = send.send(action);
            })
            .map_err(|e| format!("cannot start the search: {e}"))?;
        self.duplicates = Some(receive);
        Ok(())
    }

    /// What the running jobs have to say now: progress, or their outcome.
    pub fn poll(&mut self) -> Vec<Action> {
        let mut actions = Vec::new();
        if let Some(running) = &self.import {
            let action = running.poll();
            if matches!(action, Action::ImportFinished(_)) {
                self.import = None;
            }
            actions.push(action);
        }
        if let Some(search) = &self.duplicates {
            match search.try_recv() {
                Ok(action) => {
                    self.duplicates = None;
                    actions.push(action);
                }
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => {
                    self.duplicates = None;
                    actions.push(Action::Failed(
                        "The duplicate search stopped unexpectedly".into(),
                    ));
                }
            }
        }
        actions
    }
}
