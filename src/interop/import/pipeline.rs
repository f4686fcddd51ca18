//! The two-thread reader: one thread reads and checks rows and hashes them
//! (duplicate key, content digest, id), the caller's thread writes them, in
//! batches through a bounded channel (memory stays flat); spent batches
//! come back so their strings take the next rows.

use super::rows::Spares;
use super::{ImportOptions, ReadStats, read_into};
use crate::domain::feedback::ImportedRow;
use crate::interop::errors::ImportError;
use std::io::Read;

/// How many items the reading thread hands on at once, and how many such
/// batches may wait: at most `BATCH_ITEMS * BATCHES_IN_FLIGHT` items are
/// held between the threads, whatever the file's size.
const BATCH_ITEMS: usize = 256;
const BATCHES_IN_FLIGHT: usize = 8;

/// `read_feedback` on two threads: a second thread reads, checks and
/// hashes each row, while `sink` (e.g. the database writer) runs on the
/// calling thread with the valid rows, a batch at a time.
/// Items pass through a bounded channel, so memory stays flat, and come back
/// to the reading thread to be freed there (freeing memory on the thread
/// that allocated it is cheaper, and the writing thread is the busier one).
/// When `sink` fails, reading stops and its message is the error.
pub fn read_feedback_pipelined(
    input: impl Read + Send,
    options: &ImportOptions,
    sink: &mut dyn FnMut(&[ImportedRow]) -> Result<(), String>,
) -> Result<ReadStats, ImportError> {
    type Batch = Vec<ImportedRow>;
    std::thread::scope(|scope| {
        let (sender, receiver) = std::sync::mpsc::sync_channel::<Batch>(BATCHES_IN_FLIGHT);
        let (give_back, given_back) = std::sync::mpsc::sync_channel::<Batch>(BATCHES_IN_FLIGHT);
        let reader = scope.spawn(move || {
            let mut batch: Batch = Vec::with_capacity(BATCH_ITEMS);
            let spares = Spares::default();
            let read = read_into(input, options, &spares, &mut |row| {
                batch.push(row);
                if batch.len() == BATCH_ITEMS {
                    // A spent batch, emptied here, holds the next one; its
                    // items' strings take the next rows.
                    let mut next = given_back
                        .try_recv()
                        .unwrap_or_else(|_| Vec::with_capacity(BATCH_ITEMS));
                    let mut spares = spares.borrow_mut();
                    if spares.len() < BATCH_ITEMS {
                        spares.extend(next.drain(..).map(|row| row.item));
                    }
                    next.clear();
                    let full = std::mem::replace(&mut batch, next);
                    // The writer only hangs up after it failed; its error is reported.
                    sender
                        .send(full)
                        .map_err(|_| "the import stopped".to_string())?;
                }
                Ok(())
            });
            if read.is_ok() && !batch.is_empty() {
                let _ = sender.send(batch);
            }
            read
        });
        let mut failure = None;
        for batch in &receiver {
            if let Err(e) = sink(&batch) {
                failure = Some(e);
                break;
            }
            // Full only when the reader is done; then this thread frees it.
            let _ = give_back.try_send(batch);
        }
        drop(receiver);
        let read = reader
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        match failure {
            Some(message) => Err(ImportError::File(message)),
            None => read,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::feedback::{dedup_hash, dedup_key};

    #[test]
    fn the_pipelined_reader_gives_every_item_in_order_and_stops_when_told() {
        let mut text = String::from("title,description\n");
        for n in 0..2000 {
            text.push_str(&format!("Item {n},About  {n}\n"));
        }
        let mut seen = Vec::new();
        let stats =
            read_feedback_pipelined(text.as_bytes(), &ImportOptions::default(), &mut |batch| {
                for row in batch {
                    let item = &row.item;
                    assert_eq!(
                        row.dedup_hash,
                        dedup_hash(&dedup_key(&item.title, &item.description))
                    );
                    seen.push(item.title.clone());
                }
                Ok(())
            })
            .unwrap();
        assert_eq!(stats.rows, 2000);
        assert_eq!(
            seen,
            (0..2000).map(|n| format!("Item {n}")).collect::<Vec<_>>()
        );
        let mut taken = 0;
        let stopped =
            read_feedback_pipelined(text.as_bytes(), &ImportOptions::default(), &mut |batch| {
                taken += batch.len();
                if taken >= 1000 {
                    Err("disk full".into())
                } else {
                    Ok(())
                }
            });
        assert_eq!(stopped, Err(ImportError::File("disk full".into())));
        // Batches of 256: the fourth one failed, and no more came.
        assert_eq!(taken, 1024);
        // A bad date far down the file: every item before it was handed
        // on, and the error still names it.
        let mut bad = String::from("title,created_at\n");
        for n in 0..2000 {
            let date = if n == 1500 { "yesterday" } else { "2026-10-03" };
            bad.push_str(&format!("Item {n},{date}\n"));
        }
        let error =
            read_feedback_pipelined(bad.as_bytes(), &ImportOptions::default(), &mut |_| Ok(()))
                .unwrap_err();
        assert!(
            matches!(error, ImportError::Cells { total: 1, .. })
                && error.to_string().contains("line 1502, column 'created_at'"),
            "{error}"
        );
    }
}
