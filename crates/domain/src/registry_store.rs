//! The storage port for the consent registry and the media library.

use crate::consent::Consent;
use crate::media::MediaItem;
use crate::publishing::Post;
use crate::store::StoreResult;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

#[async_trait]
pub trait RegistryStore: Send + Sync {
    async fn create_consent(&self, consent: &Consent) -> StoreResult<()>;
    async fn get_consent(&self, org_id: &str, id: &str) -> StoreResult<Option<Consent>>;
    /// Newest first; `patient` narrows to names or aliases containing it (any case).
    async fn list_consents(&self, org_id: &str, patient: Option<&str>)
        -> StoreResult<Vec<Consent>>;
    /// Marks a consent revoked if it is not already; true when this call revoked it.
    async fn revoke_consent(
        &self,
        org_id: &str,
        id: &str,
        by: &str,
        reason: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<bool>;
    /// Posts that link the consent, newest first.
    async fn posts_with_consent(&self, org_id: &str, consent_id: &str) -> StoreResult<Vec<Post>>;

    async fn create_media(&self, item: &MediaItem) -> StoreResult<()>;
    async fn get_media(&self, org_id: &str, id: &str) -> StoreResult<Option<MediaItem>>;
    async fn list_media(&self, org_id: &str) -> StoreResult<Vec<MediaItem>>;
    /// Saves alt text and the "shows a patient" flag.
    async fn update_media(&self, item: &MediaItem) -> StoreResult<()>;
    async fn posts_with_media(&self, org_id: &str, media_id: &str) -> StoreResult<Vec<Post>>;
}
