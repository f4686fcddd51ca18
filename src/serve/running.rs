//! A count of the sessions still running, so shutdown can wait for each to
//! save what runs and say goodbye.

use tokio::sync::watch;

#[derive(Clone)]
pub struct Counter(watch::Sender<usize>);

/// Held while a session runs.
pub struct Guard(watch::Sender<usize>);

impl Default for Counter {
    fn default() -> Self {
        Counter(watch::channel(0).0)
    }
}

impl Counter {
    pub fn enter(&self) -> Guard {
        self.0.send_modify(|n| *n += 1);
        Guard(self.0.clone())
    }

    pub fn count(&self) -> usize {
        *self.0.borrow()
    }

    /// Waits until no session runs.
    pub async fn idle(&self) {
        let mut seen = self.0.subscribe();
        let _ = seen.wait_for(|n| *n == 0).await;
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        self.0.send_modify(|n| *n -= 1);
    }
}
