//! The storage port for contacts, alerts and their per-recipient outbox.

use crate::alert::{Alert, AlertMessage, Medium};
use crate::contacts::Contact;
use crate::store::StoreResult;
use async_trait::async_trait;

#[async_trait]
pub trait AlertStore: Send + Sync {
    async fn segments(&self, org_id: &str) -> StoreResult<Vec<String>>;
    async fn put_segments(&self, org_id: &str, segments: &[String]) -> StoreResult<()>;

    /// Inserts new contacts and updates existing ones (matched by email, else phone), in
    /// one transaction of multi-row statements. Returns `(inserted, updated)`.
    async fn upsert_contacts(&self, org_id: &str, contacts: &[Contact]) -> StoreResult<(u64, u64)>;
    async fn list_contacts(
        &self,
        org_id: &str,
        segment: Option<&str>,
        limit: i64,
        offset: i64,
    ) -> StoreResult<Vec<Contact>>;
    async fn count_contacts(&self, org_id: &str) -> StoreResult<i64>;
    /// The contacts of an organisation among `ids` (unknown ids are left out), in one query
    /// per few hundred ids: a send batch reads its recipients at once.
    async fn get_contacts(&self, org_id: &str, ids: &[String]) -> StoreResult<Vec<Contact>>;
    /// One page of the contacts in any of `segments`, by id after `after` (keyset paging: each
    /// page costs the same however far the fan-out is, and contacts added meanwhile do not
    /// shift it). Returns the page and the id to continue after, `None` once nothing is left;
    /// a page may hold fewer than `limit` contacts (or none) before the end.
    async fn contacts_in_segments(
        &self,
        org_id: &str,
        segments: &[String],
        after: Option<&str>,
        limit: i64,
    ) -> StoreResult<(Vec<Contact>, Option<String>)>;
    /// Opts one contact out of a medium (unsubscribe link).
    async fn opt_out(&self, org_id: &str, contact_id: &str, medium: Medium) -> StoreResult<bool>;
    /// Opts every contact with this phone out of SMS and voice (a STOP reply reaches the
    /// sending number, which every organisation of the installation shares).
    async fn opt_out_phone(&self, phone: &str) -> StoreResult<u64>;

    async fn create_alert(&self, alert: &Alert) -> StoreResult<()>;
    async fn get_alert(&self, org_id: &str, id: &str) -> StoreResult<Option<Alert>>;
    async fn list_alerts(&self, org_id: &str, state: Option<&str>) -> StoreResult<Vec<Alert>>;
    async fn update_alert(&self, alert: &Alert) -> StoreResult<()>;

    /// Queues one message per (contact, medium); existing rows are kept (idempotent).
    async fn queue_alert_messages(&self, messages: &[AlertMessage]) -> StoreResult<u64>;
    /// Takes up to `limit` queued, due messages of an alert and medium and marks them
    /// `sending` (at `now_ms`), so no other worker takes them.
    async fn claim_alert_messages(
        &self,
        alert_id: &str,
        medium: Medium,
        now_ms: i64,
        limit: i64,
    ) -> StoreResult<Vec<AlertMessage>>;
    /// Records the outcomes of a batch (state, provider id, error, next try) in one
    /// transaction.
    async fn finish_alert_messages(&self, messages: &[AlertMessage]) -> StoreResult<()>;
    /// Messages left `sending` before `before_ms` (their worker died mid-send) become
    /// `unknown`: they are reported, never resent. Returns how many.
    async fn settle_stale_alert_messages(&self, alert_id: &str, before_ms: i64)
        -> StoreResult<u64>;
    /// Queued messages of an alert become `cancelled` (the alert ended).
    async fn cancel_alert_messages(&self, alert_id: &str) -> StoreResult<u64>;
    /// The earliest due time of an alert's queued messages for a medium.
    async fn next_alert_message(&self, alert_id: &str, medium: Medium) -> StoreResult<Option<i64>>;
    /// `(medium, state, count)` for an alert.
    async fn alert_message_counts(&self, alert_id: &str)
        -> StoreResult<Vec<(String, String, i64)>>;
    /// Failed or unknown messages with their reasons (the failure report).
    async fn alert_failures(&self, alert_id: &str, limit: i64) -> StoreResult<Vec<AlertMessage>>;
    /// Updates a message by the provider's id (delivery status callbacks).
    async fn set_message_status_by_provider(
        &self,
        provider_id: &str,
        state: &str,
        error: Option<&str>,
    ) -> StoreResult<bool>;
}
