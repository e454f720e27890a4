//! The storage port for the inbox.

use crate::inbox::{InboxFilter, InboxItem};
use crate::publishing::Channel;
use crate::store::StoreResult;
use async_trait::async_trait;

#[async_trait]
pub trait InboxStore: Send + Sync {
    /// Stores an item unless the channel already has one with this remote id (networks
    /// deliver webhooks more than once). True when stored.
    async fn insert_inbox_item(&self, item: &InboxItem) -> StoreResult<bool>;
    async fn get_inbox_item(&self, org_id: &str, id: &str) -> StoreResult<Option<InboxItem>>;
    /// Newest first.
    async fn list_inbox(&self, org_id: &str, filter: &InboxFilter) -> StoreResult<Vec<InboxItem>>;
    /// Saves state, assignee, first response and resolution times.
    async fn update_inbox_item(&self, item: &InboxItem) -> StoreResult<()>;
    /// Every channel of a kind across organisations (a webhook names a page, not an org).
    async fn channels_of_kind(&self, kind: &str) -> StoreResult<Vec<Channel>>;
}
