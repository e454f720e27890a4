//! The storage port for publishing. Multi-row changes that must hold together (approve:
//! the post, its deliveries and their jobs) are single methods so each backend can make
//! them one transaction.

use super::{Channel, Delivery, Job, Post, PostFilter};
use crate::store::StoreResult;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

#[async_trait]
pub trait PublishStore: Send + Sync {
    // Channels.
    async fn create_channel(&self, channel: &Channel) -> StoreResult<()>;
    async fn get_channel(&self, org_id: &str, id: &str) -> StoreResult<Option<Channel>>;
    async fn list_channels(&self, org_id: &str) -> StoreResult<Vec<Channel>>;
    /// Saves name, sealed config, public fields and disabled.
    async fn update_channel(&self, channel: &Channel) -> StoreResult<()>;

    // Posts.
    async fn create_post(&self, post: &Post) -> StoreResult<()>;
    async fn get_post(&self, org_id: &str, id: &str) -> StoreResult<Option<Post>>;
    async fn list_posts(&self, org_id: &str, filter: &PostFilter) -> StoreResult<Vec<Post>>;
    /// Saves every mutable field if the stored `updated_at` still equals `expected`
    /// (optimistic locking: two editors cannot silently overwrite each other). Returns
    /// false when someone else changed it first.
    async fn update_post(&self, post: &Post, expected: DateTime<Utc>) -> StoreResult<bool>;

    /// Approves: saves the post, inserts its deliveries and one publish job per delivery,
    /// in one transaction, if the stored `updated_at` still equals `expected`.
    async fn schedule_post(
        &self,
        post: &Post,
        expected: DateTime<Utc>,
        deliveries: &[Delivery],
        jobs: &[Job],
    ) -> StoreResult<bool>;
    /// Sends an approved post back (edit → review, withdraw): saves the post, cancels its
    /// open deliveries and their queued jobs, and queues `jobs` (withdrawals), in one
    /// transaction, if `updated_at` still equals `expected`.
    async fn unschedule_post(
        &self,
        post: &Post,
        expected: DateTime<Utc>,
        withdraw: &[(String, Job)],
    ) -> StoreResult<bool>;
    /// Derives a scheduled/publishing/published/partially_failed/failed post's state from
    /// its deliveries, in one statement so concurrent workers cannot write a stale state.
    async fn refresh_post_state(&self, post_id: &str, now: DateTime<Utc>) -> StoreResult<()>;

    // Deliveries.
    async fn list_deliveries(&self, org_id: &str, post_id: &str) -> StoreResult<Vec<Delivery>>;
    async fn get_delivery(&self, id: &str) -> StoreResult<Option<Delivery>>;
    /// Records an attempt before the network is called: sets `sending`, bumps `attempts`,
    /// only if `attempts` still equals `expected_attempts` (so two workers never make the
    /// same attempt). True when this call recorded it.
    async fn begin_attempt(
        &self,
        id: &str,
        expected_attempts: i32,
        now: DateTime<Utc>,
    ) -> StoreResult<bool>;
    /// Saves state, remote id/url, last error, next attempt and published time. A
    /// `published` result never overwrites `withdrawing`/`withdrawn` (withdrawn mid-call).
    async fn update_delivery(&self, delivery: &Delivery) -> StoreResult<()>;
    /// Dead-lettered deliveries of the organisation, newest first.
    async fn failed_deliveries(&self, org_id: &str, limit: i64) -> StoreResult<Vec<Delivery>>;

    // The job queue.
    async fn enqueue_job(&self, job: &Job) -> StoreResult<()>;
    /// Claims up to `limit` due jobs (queued and due, or running with an expired lease) for
    /// `worker`, leased until `lease_until_ms`. On PostgreSQL rows are taken with
    /// `FOR UPDATE SKIP LOCKED`, so instances never claim the same job.
    async fn claim_jobs(
        &self,
        worker: &str,
        now_ms: i64,
        lease_until_ms: i64,
        limit: i64,
    ) -> StoreResult<Vec<Job>>;
    /// Marks a claimed job `done` (or `dead`, with the error), if `worker` still holds it.
    async fn finish_job(
        &self,
        id: &str,
        worker: &str,
        state: &str,
        error: Option<&str>,
    ) -> StoreResult<bool>;
    /// Puts a claimed job back in the queue to run at `run_at_ms`, if `worker` still holds it.
    async fn retry_job(
        &self,
        id: &str,
        worker: &str,
        run_at_ms: i64,
        error: &str,
    ) -> StoreResult<bool>;
    /// When the next queued job is due (epoch ms), so an idle worker sleeps just that long.
    async fn next_job_due(&self) -> StoreResult<Option<i64>>;
    /// Counts of jobs by state (for /metrics and the status page).
    async fn job_counts(&self) -> StoreResult<Vec<(String, i64)>>;
}
