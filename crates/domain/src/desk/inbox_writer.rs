//! Group commit for the inbox. Items that arrive together (a burst of webhooks, a page of
//! notifications) are stored by one task in one transaction: SQLite has a single writer, so
//! requests that each committed on their own queued on its lock (sleeping in the busy
//! handler), and PostgreSQL pays a WAL flush per commit. Each caller still gets its own
//! answer only after its item is committed, so "stored" means stored.

use crate::error::{DomainError, Result};
use crate::inbox::InboxItem;
use crate::publishing::Job;
use crate::store::{Store, StoreResult};
use std::sync::{Arc, OnceLock};
use tokio::sync::{mpsc, oneshot};

/// The most items one transaction stores (a bound on how long the writer holds the lock).
const MAX_BATCH: usize = 256;

struct Pending {
    item: InboxItem,
    job: Option<Job>,
    done: oneshot::Sender<StoreResult<bool>>,
}

/// The handle the desk keeps; the writing task starts with the first item, on the runtime
/// that stores it, and ends when the desk is dropped.
#[derive(Default)]
pub(crate) struct InboxWriter {
    queue: OnceLock<mpsc::Sender<Pending>>,
}

impl InboxWriter {
    /// Stores `item` (and, when it is new, `job`) unless its channel already has that remote
    /// id. True when stored.
    pub(crate) async fn store(
        &self,
        store: &Arc<dyn Store>,
        item: InboxItem,
        job: Option<Job>,
    ) -> Result<bool> {
        let queue = self.queue.get_or_init(|| {
            let (tx, rx) = mpsc::channel(MAX_BATCH * 4);
            tokio::spawn(write_batches(store.clone(), rx));
            tx
        });
        let (done, answer) = oneshot::channel();
        let pending = Pending { item, job, done };
        match queue.send(pending).await {
            Ok(()) => match answer.await {
                Ok(stored) => Ok(stored?),
                // The task ended with its runtime mid-batch; whether the item was committed
                // is unknown, and storing it again is safe (duplicates are skipped).
                Err(_) => Err(DomainError::Store(
                    "the inbox writer stopped before answering".into(),
                )),
            },
            // The writer's runtime is gone (a desk used from a later runtime): store directly.
            Err(mpsc::error::SendError(p)) => {
                let stored = store.insert_inbox_items(&[(p.item, p.job)]).await?;
                Ok(stored.first().copied().unwrap_or(false))
            }
        }
    }
}

async fn write_batches(store: Arc<dyn Store>, mut queue: mpsc::Receiver<Pending>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    // Waits for one item, then takes whatever else arrived meanwhile.
    while queue.recv_many(&mut batch, MAX_BATCH).await > 0 {
        let (rows, answers): (Vec<_>, Vec<_>) =
            batch.drain(..).map(|p| ((p.item, p.job), p.done)).unzip();
        match store.insert_inbox_items(&rows).await {
            Ok(stored) => {
                for (done, s) in answers.into_iter().zip(stored) {
                    let _ = done.send(Ok(s));
                }
            }
            // One bad item must not fail the others: store them one by one, each with its
            // own answer.
            Err(_) if rows.len() > 1 => {
                for (row, done) in rows.into_iter().zip(answers) {
                    let one = store
                        .insert_inbox_items(std::slice::from_ref(&row))
                        .await
                        .map(|s| s.first().copied().unwrap_or(false));
                    let _ = done.send(one);
                }
            }
            Err(e) => {
                if let Some(done) = answers.into_iter().next() {
                    let _ = done.send(Err(e));
                }
            }
        }
    }
}
