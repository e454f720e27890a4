//! The storage port. One implementation per database lives in the `store` crate, and one
//! shared test suite holds both to the same behaviour.

use crate::audit::{AuditEntry, NewAuditEntry};
use crate::handbook::{Acknowledgement, HandbookVersion};
use crate::org::{Org, OrgProfile, OrgSettings};
use crate::session::{ApiToken, Session};
use crate::user::{Email, User};
use async_trait::async_trait;
use chrono::{DateTime, Utc};

/// Storage failures, kept apart from domain refusals.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("already exists: {0}")]
    Duplicate(String),
    #[error("{0}")]
    Backend(String),
}

impl From<StoreError> for crate::DomainError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Duplicate(what) => crate::DomainError::Conflict(what),
            StoreError::Backend(msg) => crate::DomainError::Store(msg),
        }
    }
}

pub type StoreResult<T> = std::result::Result<T, StoreError>;

/// Filters for reading the audit log; every field narrows the result.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub actor: Option<String>,
    /// Matches actions that start with this text (`user.` finds every user action).
    pub action: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    /// Newest first, at most this many (capped by the caller).
    pub limit: i64,
    /// Only entries older than this sequence number (for paging).
    pub before_seq: Option<i64>,
}

/// The principal behind a bearer secret, read in one round trip because it sits on every
/// request's path.
#[derive(Debug, Clone)]
pub struct Principal {
    pub user: User,
    pub org: Org,
    pub session: Option<Session>,
    pub token: Option<ApiToken>,
    /// Version of the current handbook, if one is published.
    pub handbook_version: Option<i64>,
    /// Whether the user acknowledged that version.
    pub acknowledged: bool,
    pub require_two_factor: bool,
}

#[async_trait]
pub trait Store:
    crate::publishing::PublishStore
    + crate::registry_store::RegistryStore
    + crate::alert_store::AlertStore
    + crate::inbox_store::InboxStore
    + Send
    + Sync
    + 'static
{
    /// Which backend this is (`sqlite`, `postgres`), for status pages.
    fn backend(&self) -> &'static str;
    async fn ping(&self) -> StoreResult<()>;

    // Installation-wide settings (first-run setup token, ...).
    async fn get_setting(&self, key: &str) -> StoreResult<Option<String>>;
    async fn put_setting(&self, key: &str, value: &str) -> StoreResult<()>;
    /// Deletes the setting if it still has `value`; true when this call deleted it. Lets
    /// exactly one of several racing requests consume a one-time secret.
    async fn take_setting(&self, key: &str, value: &str) -> StoreResult<bool>;
    async fn count_users(&self) -> StoreResult<i64>;

    // Organisations.
    async fn create_org(
        &self,
        org: &Org,
        profile: &OrgProfile,
        settings: &OrgSettings,
    ) -> StoreResult<()>;
    async fn get_org(&self, id: &str) -> StoreResult<Option<Org>>;
    async fn get_org_by_slug(&self, slug: &str) -> StoreResult<Option<Org>>;
    async fn list_orgs(&self) -> StoreResult<Vec<Org>>;
    async fn get_profile(&self, org_id: &str) -> StoreResult<Option<OrgProfile>>;
    async fn put_profile(&self, org_id: &str, profile: &OrgProfile) -> StoreResult<()>;
    async fn get_settings(&self, org_id: &str) -> StoreResult<Option<OrgSettings>>;
    async fn put_settings(&self, org_id: &str, settings: &OrgSettings) -> StoreResult<()>;

    // Users. Emails are unique across the installation.
    async fn create_user(&self, user: &User) -> StoreResult<()>;
    async fn get_user(&self, org_id: &str, id: &str) -> StoreResult<Option<User>>;
    async fn find_user_by_email(&self, email: &Email) -> StoreResult<Option<User>>;
    async fn list_users(&self, org_id: &str) -> StoreResult<Vec<User>>;
    /// Saves name, role, disabled, password hash and TOTP secret.
    async fn update_user(&self, user: &User) -> StoreResult<()>;

    // Sessions and API tokens, looked up by the digest of their secret.
    async fn create_session(&self, session: &Session) -> StoreResult<()>;
    async fn principal_for_session(
        &self,
        digest: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<Principal>>;
    async fn list_sessions(
        &self,
        org_id: &str,
        user_id: Option<&str>,
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<Session>>;
    /// Records use; extends the idle expiry up to the session's hard limit.
    async fn touch_session(
        &self,
        id: &str,
        at: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> StoreResult<()>;
    async fn revoke_session(&self, org_id: &str, id: &str) -> StoreResult<bool>;
    async fn revoke_user_sessions(&self, org_id: &str, user_id: &str) -> StoreResult<u64>;
    async fn create_token(&self, token: &ApiToken) -> StoreResult<()>;
    async fn principal_for_token(&self, digest: &str) -> StoreResult<Option<Principal>>;
    async fn list_tokens(&self, org_id: &str, user_id: Option<&str>) -> StoreResult<Vec<ApiToken>>;
    async fn touch_token(&self, id: &str, at: DateTime<Utc>) -> StoreResult<()>;
    async fn revoke_token(&self, org_id: &str, id: &str) -> StoreResult<bool>;

    // Sign-in throttling, shared by every instance.
    async fn record_login_failure(&self, key: &str, at: DateTime<Utc>) -> StoreResult<()>;
    async fn count_login_failures(&self, key: &str, since: DateTime<Utc>) -> StoreResult<i64>;
    async fn clear_login_failures(&self, key: &str) -> StoreResult<()>;

    // The handbook (training gate).
    /// Stores the next version number atomically, even with several instances.
    async fn publish_handbook(
        &self,
        org_id: &str,
        text: &str,
        published_by: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<HandbookVersion>;
    async fn current_handbook(&self, org_id: &str) -> StoreResult<Option<HandbookVersion>>;
    async fn list_handbook_versions(&self, org_id: &str) -> StoreResult<Vec<HandbookVersion>>;
    /// Idempotent: acknowledging twice keeps the first time.
    async fn acknowledge_handbook(
        &self,
        org_id: &str,
        user_id: &str,
        version: i64,
        at: DateTime<Utc>,
    ) -> StoreResult<()>;
    async fn acknowledgements(
        &self,
        org_id: &str,
        version: i64,
    ) -> StoreResult<Vec<Acknowledgement>>;

    // The audit log: appends are serialised per organisation so the chain never forks.
    async fn append_audit(&self, entry: &NewAuditEntry) -> StoreResult<AuditEntry>;
    async fn list_audit(&self, org_id: &str, filter: &AuditFilter) -> StoreResult<Vec<AuditEntry>>;
    /// Every entry in order, and the head (last seq and hash) the store recorded.
    async fn audit_chain(
        &self,
        org_id: &str,
    ) -> StoreResult<(Vec<AuditEntry>, Option<(i64, String)>)>;
}
