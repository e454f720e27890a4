//! The publishing worker loop each `carepost serve` runs beside the web server. Several
//! instances may run it on one PostgreSQL database: the queue hands each job to one of them.

use domain::desk::WorkerSettings;
use domain::Desk;
use std::sync::Arc;
use std::time::Duration;

/// Longest sleep between rounds: a job queued by another instance (which cannot wake this
/// one) still starts within this time of being due.
pub const POLL: Duration = Duration::from_millis(400);

/// Runs rounds until `shutdown` resolves. A round claims what is due and delivers it; an
/// idle worker sleeps until the next job is due, a local wake-up, or [`POLL`].
pub async fn run(
    desk: Arc<Desk>,
    settings: WorkerSettings,
    shutdown: impl std::future::Future<Output = ()>,
) {
    tracing::info!(worker = %settings.worker_id, "publishing worker started");
    let ready = desk.work_ready();
    tokio::pin!(shutdown);
    loop {
        // Registered before the round, so a wake-up during it is not lost.
        let notified = ready.notified();
        tokio::pin!(notified);
        notified.as_mut().enable();
        let wait = match desk.run_due_jobs(&settings).await {
            Ok(n) if n as i64 >= settings.batch => Duration::ZERO,
            Ok(_) => match desk.next_job_due().await {
                Ok(Some(due)) => (due - chrono::Utc::now())
                    .to_std()
                    .unwrap_or(Duration::ZERO)
                    .min(POLL),
                Ok(None) => POLL,
                Err(e) => {
                    tracing::warn!(error = %e, "cannot read the job queue");
                    POLL
                }
            },
            Err(e) => {
                tracing::warn!(error = %e, "cannot claim jobs; retrying");
                Duration::from_secs(1)
            }
        };
        if wait.is_zero() {
            tokio::task::yield_now().await;
            continue;
        }
        tokio::select! {
            _ = &mut shutdown => break,
            _ = notified => {}
            _ = tokio::time::sleep(wait) => {}
        }
    }
    tracing::info!(worker = %settings.worker_id, "publishing worker stopped");
}
