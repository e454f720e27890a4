//! The storage port for the inbox, its moderation record, the commenting policy and the
//! response library.

use crate::inbox::{InboxFilter, InboxItem};
use crate::moderation::{CommentingPolicy, InboxAction, PolicyDraft};
use crate::publishing::{Channel, Job};
use crate::response_library::ResponseTemplate;
use crate::store::StoreResult;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

/// One entry of an organisation's response library.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct LibraryEntry {
    pub id: String,
    pub org_id: String,
    #[serde(flatten)]
    pub template: ResponseTemplate,
    pub position: i64,
    pub updated_at: DateTime<Utc>,
}

#[async_trait]
pub trait InboxStore: Send + Sync {
    /// Stores items in one transaction, each unless its channel already has one with this
    /// remote id (networks deliver webhooks more than once), and with an item that is new,
    /// the job that follows it up. One flag per item, true when stored.
    async fn insert_inbox_items(
        &self,
        items: &[(InboxItem, Option<Job>)],
    ) -> StoreResult<Vec<bool>>;
    async fn get_inbox_item(&self, org_id: &str, id: &str) -> StoreResult<Option<InboxItem>>;
    /// Newest first.
    async fn list_inbox(&self, org_id: &str, filter: &InboxFilter) -> StoreResult<Vec<InboxItem>>;
    /// How many items are in a state (the navigation's count of new items).
    async fn count_inbox(&self, org_id: &str, state: &str) -> StoreResult<i64>;
    /// Items received in `[from, to)`, oldest first (the weekly report).
    async fn inbox_received_between(
        &self,
        org_id: &str,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> StoreResult<Vec<InboxItem>>;
    /// Saves state, assignee, suggested reply, flags and the response and removal times,
    /// with the actions that changed them, in one transaction: a reader never sees a
    /// hidden item without its hide (nor an undo without its undone state).
    async fn save_inbox_item(&self, item: &InboxItem, actions: &[InboxAction]) -> StoreResult<()>;
    /// Every channel of a kind across organisations (a webhook names a page, not an org).
    async fn channels_of_kind(&self, kind: &str) -> StoreResult<Vec<Channel>>;

    /// The actions on these items, oldest first.
    async fn inbox_actions(
        &self,
        org_id: &str,
        item_ids: &[String],
    ) -> StoreResult<Vec<InboxAction>>;
    /// Marks an action undone; false when it already was (two people pressed Undo).
    async fn mark_action_undone(
        &self,
        org_id: &str,
        action_id: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<bool>;

    /// Publishes the next version of the commenting policy.
    async fn publish_commenting_policy(
        &self,
        org_id: &str,
        draft: &PolicyDraft,
        published_by: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<CommentingPolicy>;
    /// The latest version, or a given one.
    async fn commenting_policy(
        &self,
        org_id: &str,
        version: Option<i64>,
    ) -> StoreResult<Option<CommentingPolicy>>;
    /// Every version, newest first.
    async fn commenting_policy_versions(&self, org_id: &str) -> StoreResult<Vec<CommentingPolicy>>;

    async fn list_responses(&self, org_id: &str) -> StoreResult<Vec<LibraryEntry>>;
    /// Inserts or replaces an entry by id.
    async fn put_response(&self, entry: &LibraryEntry) -> StoreResult<()>;
    /// False when there was none.
    async fn delete_response(&self, org_id: &str, id: &str) -> StoreResult<bool>;
}
