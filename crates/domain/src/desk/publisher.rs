//! The publishing worker: claims due jobs from the durable queue and delivers each post to
//! its network exactly once. The attempt is recorded before the network is called; a
//! later attempt first looks for the post on the network (the answer may have been lost,
//! or the instance may have died), and connectors send idempotency keys where the network
//! has them.

use super::{now, Desk, SYSTEM};
use crate::audit::NewAuditEntry;
use crate::error::Result;
use crate::publishing::{Backoff, Delivery, DeliveryState, Job, JobKind};
use channels::{ConnectorError, OutgoingPost, Published};
use chrono::{DateTime, Utc};
use futures::StreamExt;
use serde_json::json;
use std::sync::Arc;
use std::time::Duration;

/// How one instance's worker behaves.
#[derive(Debug, Clone)]
pub struct WorkerSettings {
    /// Names this instance in job leases (host and process id by default).
    pub worker_id: String,
    /// How long a claimed job stays with this instance; after that another may take it.
    pub lease: Duration,
    /// Jobs claimed per round.
    pub batch: i64,
    /// Jobs run at the same time.
    pub concurrency: usize,
    pub backoff: Backoff,
    /// How often each polled channel (Mastodon) is asked for new mentions and replies.
    pub inbox_poll: Duration,
}

impl Default for WorkerSettings {
    fn default() -> Self {
        WorkerSettings {
            worker_id: format!("worker-{}-{}", std::process::id(), crate::id::new_id()),
            lease: Duration::from_secs(120),
            // No more claimed than run at once: a claimed job waiting its turn would burn
            // its lease while another instance could have run it.
            batch: 8,
            concurrency: 8,
            backoff: Backoff::default(),
            inbox_poll: Duration::from_secs(60),
        }
    }
}

fn ms(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

/// What happened to one job, for the worker's logs and metrics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobOutcome {
    Done,
    Retrying,
    Dead,
    /// Another worker took the job over (its lease ran out) or nothing was left to do.
    Skipped,
}

impl Desk {
    /// The signal a worker waits on between rounds: notified when work is queued for now.
    pub fn work_ready(&self) -> Arc<tokio::sync::Notify> {
        self.work_ready.clone()
    }

    /// When the next job is due, so an idle worker sleeps no longer than that.
    pub async fn next_job_due(&self) -> Result<Option<DateTime<Utc>>> {
        Ok(self
            .store
            .next_job_due()
            .await?
            .and_then(DateTime::from_timestamp_millis))
    }

    /// Claims the due jobs (up to a batch) and runs them; returns how many were claimed.
    pub async fn run_due_jobs(&self, settings: &WorkerSettings) -> Result<usize> {
        let at = now().timestamp_millis();
        let jobs = self
            .store
            .claim_jobs(
                &settings.worker_id,
                at,
                at + ms(settings.lease),
                settings.batch,
            )
            .await?;
        let claimed = jobs.len();
        futures::stream::iter(jobs)
            .for_each_concurrent(settings.concurrency.max(1), |job| async move {
                if let Err(e) = self.run_job(settings, &job).await {
                    // The job stays leased and is retried after the lease; say why.
                    tracing::warn!(job = %job.id, kind = %job.kind, error = %e, "job failed to run");
                }
            })
            .await;
        Ok(claimed)
    }

    async fn run_job(&self, s: &WorkerSettings, job: &Job) -> Result<JobOutcome> {
        let outcome = match JobKind::parse(&job.kind) {
            Some(JobKind::Publish) => self.publish_delivery(s, job).await?,
            Some(JobKind::Withdraw) => self.withdraw_delivery(s, job).await?,
            Some(JobKind::Pin) => self.pin_delivery(s, job, true).await?,
            Some(JobKind::Unpin) => self.pin_delivery(s, job, false).await?,
            Some(JobKind::InboxPoll) => {
                match self.poll_inbox(&job.org_id, &job.target_id).await {
                    // Come back after the interval; a channel that went away stops polling.
                    Ok(true) => {
                        let next =
                            now() + chrono::Duration::from_std(s.inbox_poll).unwrap_or_default();
                        self.store
                            .retry_job(&job.id, &s.worker_id, next.timestamp_millis(), "next poll")
                            .await?;
                        JobOutcome::Retrying
                    }
                    Ok(false) => self.finish(s, job).await?,
                    // The network is down: nothing was lost (the cursor did not move); try
                    // again with backoff, never slower than the usual interval.
                    Err(e) => {
                        let delay = s.backoff.delay(job.attempts.max(1), None).min(s.inbox_poll);
                        let next = now() + chrono::Duration::from_std(delay).unwrap_or_default();
                        self.store
                            .retry_job(
                                &job.id,
                                &s.worker_id,
                                next.timestamp_millis(),
                                &e.to_string(),
                            )
                            .await?;
                        JobOutcome::Retrying
                    }
                }
            }
            Some(JobKind::Moderate) => {
                let last = job.attempts >= s.backoff.max_attempts;
                match self
                    .moderate_item(&job.org_id, &job.target_id, last)
                    .await?
                {
                    super::moderation::Moderated::Done => self.finish(s, job).await?,
                    super::moderation::Moderated::Retry(error) => {
                        let delay = s.backoff.delay(job.attempts.max(1), None);
                        let next = now() + chrono::Duration::from_std(delay).unwrap_or_default();
                        self.store
                            .retry_job(&job.id, &s.worker_id, next.timestamp_millis(), &error)
                            .await?;
                        JobOutcome::Retrying
                    }
                }
            }
            Some(JobKind::AlertStart) => {
                self.start_alert(&job.org_id, &job.target_id).await?;
                self.finish(s, job).await?
            }
            Some(JobKind::AlertEnd) => {
                self.expire_alert(&job.org_id, &job.target_id).await?;
                self.finish(s, job).await?
            }
            Some(JobKind::AlertSend) => {
                match self.send_alert_messages(&job.target_id, s.lease).await? {
                    // Give the lease back between runs; come back when the next is due.
                    Some(next) => {
                        self.store
                            .retry_job(
                                &job.id,
                                &s.worker_id,
                                next.timestamp_millis(),
                                "more to send",
                            )
                            .await?;
                        JobOutcome::Retrying
                    }
                    None => self.finish(s, job).await?,
                }
            }
            Some(JobKind::ConsentExpiry) => {
                self.expire_consent(&job.org_id, &job.target_id).await?;
                self.store
                    .finish_job(&job.id, &s.worker_id, "done", None)
                    .await?;
                JobOutcome::Done
            }
            None => {
                let error = format!("unknown job kind '{}'", job.kind);
                self.store
                    .finish_job(&job.id, &s.worker_id, "dead", Some(&error))
                    .await?;
                JobOutcome::Dead
            }
        };
        Ok(outcome)
    }

    async fn publish_delivery(&self, s: &WorkerSettings, job: &Job) -> Result<JobOutcome> {
        let Some(mut delivery) = self.store.get_delivery(&job.target_id).await? else {
            return self.skip(s, job).await;
        };
        if !delivery.state.is_open() {
            return self.skip(s, job).await;
        }
        let post = self.post(&delivery.org_id, &delivery.post_id).await?;
        if !post.state.is_approved() {
            return self.skip(s, job).await;
        }
        let channel = self.channel(&delivery.org_id, &delivery.channel_id).await?;
        // Consent scope is checked again at the moment of publishing: it may have been
        // revoked or have expired since the approval.
        let consents = self.post_consents(&post).await?;
        if let Some(problem) = super::posts::consent_problem(&consents, &[&channel]) {
            let error = ConnectorError::Permanent(format!("not published: {problem}"));
            return self.delivery_failed(s, job, delivery, error).await;
        }
        let connector = self.connector(&channel)?;
        let mut media = Vec::new();
        for item in self.post_media(&post).await? {
            media.push(channels::MediaFile {
                bytes: self.media_bytes(&item).await?,
                mime: item.mime,
                alt_text: item.alt_text,
            });
        }
        let outgoing = OutgoingPost {
            text: post.full_text(),
            media,
            idempotency_key: delivery.idempotency_key.clone(),
            first_attempt_at: delivery.first_attempt_at.unwrap_or_else(now),
        };
        // A previous attempt's outcome is unknown (lost answer, crash): look first.
        if delivery.attempts > 0 {
            match connector.find_published(&outgoing).await {
                Ok(Some(found)) => return self.delivered(s, job, delivery, found, true).await,
                Ok(None) => {}
                Err(e) => return self.delivery_failed(s, job, delivery, e).await,
            }
        }
        if !self
            .store
            .begin_attempt(&delivery.id, delivery.attempts, now())
            .await?
        {
            // Another worker recorded this attempt first: it owns the delivery now.
            return Ok(JobOutcome::Skipped);
        }
        delivery.attempts += 1;
        delivery.first_attempt_at = Some(outgoing.first_attempt_at);
        self.store.refresh_post_state(&post.id, now()).await?;
        match connector.publish(&outgoing).await {
            Ok(published) => self.delivered(s, job, delivery, published, false).await,
            Err(e) => self.delivery_failed(s, job, delivery, e).await,
        }
    }

    async fn delivered(
        &self,
        s: &WorkerSettings,
        job: &Job,
        mut delivery: Delivery,
        published: Published,
        reconciled: bool,
    ) -> Result<JobOutcome> {
        let at = now();
        delivery.state = DeliveryState::Published;
        delivery.remote_id = Some(published.remote_id);
        delivery.remote_url = published.remote_url;
        delivery.last_error = None;
        delivery.next_attempt_at = None;
        delivery.published_at = Some(at);
        delivery.updated_at = at;
        self.store.update_delivery(&delivery).await?;
        // Withdrawn while the call was in flight: the take-down may already have looked for
        // the post and not found it, so queue one more that knows the remote id.
        let now_state = self
            .store
            .get_delivery(&delivery.id)
            .await?
            .map(|d| d.state);
        if matches!(
            now_state,
            Some(DeliveryState::Withdrawing | DeliveryState::Withdrawn)
        ) {
            delivery.state = DeliveryState::Withdrawing;
            self.store.update_delivery(&delivery).await?;
            self.store
                .enqueue_job(&Job::new(
                    &delivery.org_id,
                    JobKind::Withdraw,
                    &delivery.id,
                    at,
                ))
                .await?;
            self.store
                .finish_job(&job.id, &s.worker_id, "done", None)
                .await?;
            return Ok(JobOutcome::Done);
        }
        if self
            .store
            .get_post(&delivery.org_id, &delivery.post_id)
            .await?
            .is_some_and(|p| p.pinned)
        {
            self.store
                .enqueue_job(&Job::new(&delivery.org_id, JobKind::Pin, &delivery.id, at))
                .await?;
        }
        self.store
            .finish_job(&job.id, &s.worker_id, "done", None)
            .await?;
        self.store.refresh_post_state(&delivery.post_id, at).await?;
        self.system_audit(
            &delivery.org_id,
            "post.published",
            &delivery.post_id,
            json!({"delivery": delivery.id, "channel": delivery.channel_id,
                   "remote_url": delivery.remote_url, "attempts": delivery.attempts,
                   "found_after_lost_answer": reconciled}),
        )
        .await?;
        Ok(JobOutcome::Done)
    }

    async fn delivery_failed(
        &self,
        s: &WorkerSettings,
        job: &Job,
        mut delivery: Delivery,
        error: ConnectorError,
    ) -> Result<JobOutcome> {
        let at = now();
        let message = error.to_string();
        delivery.last_error = Some(message.clone());
        delivery.updated_at = at;
        let retry_after = match &error {
            ConnectorError::RateLimited { retry_after } => *retry_after,
            _ => None,
        };
        let outcome = if error.is_retryable() && delivery.attempts < s.backoff.max_attempts {
            let delay = s.backoff.delay(delivery.attempts.max(1), retry_after);
            let run_at = at + chrono::Duration::from_std(delay).unwrap_or_default();
            delivery.state = DeliveryState::Retrying;
            delivery.next_attempt_at = Some(run_at);
            self.store.update_delivery(&delivery).await?;
            self.store
                .retry_job(&job.id, &s.worker_id, run_at.timestamp_millis(), &message)
                .await?;
            JobOutcome::Retrying
        } else {
            delivery.state = DeliveryState::Failed;
            delivery.next_attempt_at = None;
            self.store.update_delivery(&delivery).await?;
            self.store
                .finish_job(&job.id, &s.worker_id, "dead", Some(&message))
                .await?;
            self.system_audit(
                &delivery.org_id,
                "post.delivery_failed",
                &delivery.post_id,
                json!({"delivery": delivery.id, "channel": delivery.channel_id,
                       "attempts": delivery.attempts, "error": message}),
            )
            .await?;
            JobOutcome::Dead
        };
        self.store.refresh_post_state(&delivery.post_id, at).await?;
        Ok(outcome)
    }

    async fn withdraw_delivery(&self, s: &WorkerSettings, job: &Job) -> Result<JobOutcome> {
        let Some(mut delivery) = self.store.get_delivery(&job.target_id).await? else {
            return self.skip(s, job).await;
        };
        if delivery.state != DeliveryState::Withdrawing {
            return self.skip(s, job).await;
        }
        let post = self.post(&delivery.org_id, &delivery.post_id).await?;
        let channel = self.channel(&delivery.org_id, &delivery.channel_id).await?;
        let connector = self.connector(&channel)?;
        // An attempt was under way when the post was withdrawn: find what it published.
        let remote_id = match delivery.remote_id.clone() {
            Some(id) => Some(id),
            None => {
                let outgoing = OutgoingPost {
                    text: post.full_text(),
                    media: vec![],
                    idempotency_key: delivery.idempotency_key.clone(),
                    first_attempt_at: delivery.first_attempt_at.unwrap_or_else(now),
                };
                match connector.find_published(&outgoing).await {
                    Ok(found) => found.map(|p| p.remote_id),
                    Err(e) => return self.withdraw_failed(s, job, delivery, e).await,
                }
            }
        };
        if let Some(id) = &remote_id {
            if let Err(e) = connector.delete(id).await {
                return self.withdraw_failed(s, job, delivery, e).await;
            }
        }
        let at = now();
        delivery.state = DeliveryState::Withdrawn;
        delivery.last_error = None;
        delivery.updated_at = at;
        self.store.update_delivery(&delivery).await?;
        self.store
            .finish_job(&job.id, &s.worker_id, "done", None)
            .await?;
        self.system_audit(
            &delivery.org_id,
            "post.taken_down",
            &delivery.post_id,
            json!({"delivery": delivery.id, "channel": delivery.channel_id, "remote_id": remote_id}),
        )
        .await?;
        Ok(JobOutcome::Done)
    }

    async fn withdraw_failed(
        &self,
        s: &WorkerSettings,
        job: &Job,
        mut delivery: Delivery,
        error: ConnectorError,
    ) -> Result<JobOutcome> {
        let at = now();
        let message = format!("could not take the post down: {error}");
        delivery.last_error = Some(message.clone());
        delivery.updated_at = at;
        if error.is_retryable() && job.attempts < s.backoff.max_attempts {
            let retry_after = match &error {
                ConnectorError::RateLimited { retry_after } => *retry_after,
                _ => None,
            };
            let delay = s.backoff.delay(job.attempts.max(1), retry_after);
            let run_at = at + chrono::Duration::from_std(delay).unwrap_or_default();
            self.store.update_delivery(&delivery).await?;
            self.store
                .retry_job(&job.id, &s.worker_id, run_at.timestamp_millis(), &message)
                .await?;
            return Ok(JobOutcome::Retrying);
        }
        // Still live on the network: keep it visible as failed so a person acts on it.
        delivery.state = DeliveryState::Failed;
        self.store.update_delivery(&delivery).await?;
        self.store
            .finish_job(&job.id, &s.worker_id, "dead", Some(&message))
            .await?;
        self.system_audit(
            &delivery.org_id,
            "post.takedown_failed",
            &delivery.post_id,
            json!({"delivery": delivery.id, "channel": delivery.channel_id, "error": message}),
        )
        .await?;
        Ok(JobOutcome::Dead)
    }

    async fn finish(&self, s: &WorkerSettings, job: &Job) -> Result<JobOutcome> {
        self.store
            .finish_job(&job.id, &s.worker_id, "done", None)
            .await?;
        Ok(JobOutcome::Done)
    }

    /// Pins (or unpins) a published delivery's post, retrying like a delivery.
    async fn pin_delivery(&self, s: &WorkerSettings, job: &Job, pin: bool) -> Result<JobOutcome> {
        let Some(mut delivery) = self.store.get_delivery(&job.target_id).await? else {
            return self.skip(s, job).await;
        };
        let Some(remote_id) = delivery.remote_id.clone() else {
            return self.skip(s, job).await;
        };
        if delivery.state != DeliveryState::Published {
            return self.skip(s, job).await;
        }
        let channel = self.channel(&delivery.org_id, &delivery.channel_id).await?;
        let connector = self.connector(&channel)?;
        let outcome = if pin {
            connector.pin(&remote_id).await
        } else {
            connector.unpin(&remote_id).await
        };
        let at = now();
        delivery.updated_at = at;
        match outcome {
            Ok(()) => {
                delivery.pin_state = Some(if pin { "pinned" } else { "unpinned" }.into());
                self.store.update_delivery(&delivery).await?;
                self.system_audit(
                    &delivery.org_id,
                    if pin { "post.pinned" } else { "post.unpinned" },
                    &delivery.post_id,
                    json!({"delivery": delivery.id, "channel": delivery.channel_id}),
                )
                .await?;
                self.finish(s, job).await
            }
            Err(e) if e.is_retryable() && job.attempts < s.backoff.max_attempts => {
                let asked = match &e {
                    ConnectorError::RateLimited { retry_after } => *retry_after,
                    _ => None,
                };
                let delay = s.backoff.delay(job.attempts.max(1), asked);
                let run_at = at + chrono::Duration::from_std(delay).unwrap_or_default();
                self.store
                    .retry_job(
                        &job.id,
                        &s.worker_id,
                        run_at.timestamp_millis(),
                        &e.to_string(),
                    )
                    .await?;
                Ok(JobOutcome::Retrying)
            }
            Err(e) => {
                delivery.pin_state = Some("failed".into());
                delivery.last_error = Some(format!(
                    "could not {} the post: {e}",
                    if pin { "pin" } else { "unpin" }
                ));
                self.store.update_delivery(&delivery).await?;
                self.store
                    .finish_job(&job.id, &s.worker_id, "dead", Some(&e.to_string()))
                    .await?;
                Ok(JobOutcome::Dead)
            }
        }
    }

    async fn skip(&self, s: &WorkerSettings, job: &Job) -> Result<JobOutcome> {
        self.store
            .finish_job(&job.id, &s.worker_id, "done", None)
            .await?;
        Ok(JobOutcome::Skipped)
    }

    async fn system_audit(
        &self,
        org_id: &str,
        action: &str,
        target: &str,
        detail: serde_json::Value,
    ) -> Result<()> {
        self.record(NewAuditEntry::new(org_id, SYSTEM, action, target, detail))
            .await?;
        Ok(())
    }

    /// Dead-lettered deliveries (publishing or take-down failed for good), for the
    /// dashboard.
    pub async fn failed_deliveries(&self, viewer: &crate::Viewer<'_>) -> Result<Vec<Delivery>> {
        Ok(self.store.failed_deliveries(viewer.org_id(), 100).await?)
    }
}
