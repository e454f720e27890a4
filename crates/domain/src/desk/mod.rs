//! The desk: every workflow of the product, written against the [`Store`] trait. Web
//! handlers and CLI commands call these methods and nothing below them.

mod alerts;
mod audit_log;
mod auth;
mod channels;
mod consents;
mod handbook;
mod inbox;
mod inbox_queue;
mod inbox_writer;
mod listening;
mod media;
mod moderation;
mod org;
mod posts;
mod publisher;
mod recheck;
mod setup;
mod users;

pub use alerts::{AlertInput, AlertView, Failure, ImportReport, Messaging, PinView};
pub use audit_log::{AuditReport, MAX_AUDIT_PAGE};
pub use auth::{LoginInput, LoginOutcome};
pub use consents::{ConsentInput, ConsentView, PostRef, RevocationReport, Upload};
pub use handbook::HandbookStatus;
pub use inbox::{facebook_items, WebhookError};
pub use inbox_queue::{ActionView, InboxPage, InboxView};
pub use listening::{Headlined, InboxReport};
pub use media::MediaView;
pub use posts::{PostInput, PostView};
pub use publisher::{JobOutcome, WorkerSettings};
pub use setup::SetupInput;
pub use users::UserUpdate;

use crate::audit::{AuditEntry, NewAuditEntry};
use crate::error::Result;
use crate::org::OrgProfile;
use crate::secret_box::SecretBox;
use crate::store::Store;
use crate::Actor;
use guard::Guard;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub struct Desk {
    store: Arc<dyn Store>,
    secrets: SecretBox,
    /// Compiled guards by organisation, rebuilt when the profile changes (even when another
    /// instance changed it: the cached profile is compared with the stored one).
    guards: Mutex<HashMap<String, CachedGuard>>,
    networks: Arc<dyn ::channels::Networks>,
    files: Arc<dyn crate::files::FileStore>,
    messaging: alerts::Messaging,
    /// Connectors by channel id, with the sealed config they were built from.
    #[allow(clippy::type_complexity)]
    connectors: Mutex<HashMap<String, (String, Arc<dyn ::channels::Connector>)>>,
    /// The commenting policy in force by organisation, re-read like the guard.
    policies: recheck::Recheck<String, crate::moderation::CommentingPolicy>,
    /// The response library compiled for matching, by organisation, for suggesting replies
    /// on arrival.
    libraries: recheck::Recheck<String, crate::response_library::Matcher>,
    /// Wakes the local publishing worker when a job is queued for now.
    pub(crate) work_ready: Arc<tokio::sync::Notify>,
    /// Stores arriving inbox items in batches (group commit).
    inbox_writer: inbox_writer::InboxWriter,
    /// The Facebook channels by page, for webhooks (re-read like the guard).
    facebook_pages: recheck::Recheck<(), Vec<inbox::FacebookPage>>,
}

struct CachedGuard {
    profile: OrgProfile,
    guard: Arc<Guard>,
    checked: Instant,
}

/// How long a compiled guard is trusted before its profile is read again.
pub const GUARD_RECHECK: Duration = Duration::from_secs(2);

/// The current time to the microsecond: both databases store that much, and optimistic
/// locking compares what was read with what is stored.
pub(crate) fn now() -> chrono::DateTime<chrono::Utc> {
    use chrono::SubsecRound;
    chrono::Utc::now().trunc_subsecs(6)
}

/// Who an audit entry names when no user acted (start-up, CLI, schedulers).
pub const SYSTEM: &str = "system";

impl Desk {
    pub fn new(store: Arc<dyn Store>, secrets: SecretBox) -> Desk {
        Desk {
            store,
            secrets,
            guards: Mutex::new(HashMap::new()),
            networks: Arc::new(::channels::HttpNetworks::default()),
            files: Arc::new(crate::files::Unconfigured),
            messaging: alerts::Messaging::default(),
            connectors: Mutex::new(HashMap::new()),
            policies: Default::default(),
            libraries: Default::default(),
            work_ready: Arc::new(tokio::sync::Notify::new()),
            inbox_writer: inbox_writer::InboxWriter::default(),
            facebook_pages: Default::default(),
        }
    }

    /// Where uploaded media and consent documents are kept (sealed).
    pub fn with_files(mut self, files: Arc<dyn crate::files::FileStore>) -> Desk {
        self.files = files;
        self
    }

    /// Replaces how connectors are built (tests use local servers through the same trait).
    pub fn with_networks(mut self, networks: Arc<dyn ::channels::Networks>) -> Desk {
        self.networks = networks;
        self
    }

    pub fn store(&self) -> &Arc<dyn Store> {
        &self.store
    }

    /// Appends to the audit log on behalf of `actor`.
    pub async fn audit(
        &self,
        actor: &Actor,
        action: &str,
        target: &str,
        detail: serde_json::Value,
    ) -> Result<AuditEntry> {
        let entry = NewAuditEntry::new(
            actor.org_id(),
            actor.user().email.as_str(),
            action,
            target,
            detail,
        )
        .by_user(&actor.user().id)
        .from_ip(actor.ip());
        self.record(entry).await
    }

    /// Appends an entry whose actor is not a signed-in user (setup, failed sign-ins, CLI).
    pub async fn record(&self, entry: NewAuditEntry) -> Result<AuditEntry> {
        Ok(self.store.append_audit(&entry).await?)
    }

    /// The guard compiled for an organisation's current profile. The profile is re-read at
    /// most every [`GUARD_RECHECK`], so a change made on another instance applies within that
    /// time; a change made here applies at once (see [`Desk::forget_guard`]).
    pub async fn guard(&self, org_id: &str) -> Result<Arc<Guard>> {
        {
            let cache = self.guards.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(c) = cache.get(org_id) {
                if c.checked.elapsed() < GUARD_RECHECK {
                    return Ok(c.guard.clone());
                }
            }
        }
        let profile = self.store.get_profile(org_id).await?.unwrap_or_default();
        let mut cache = self.guards.lock().unwrap_or_else(|e| e.into_inner());
        let guard = match cache.get(org_id) {
            Some(c) if c.profile == profile => c.guard.clone(),
            _ => Arc::new(Guard::new(profile.guard_profile())),
        };
        cache.insert(
            org_id.to_string(),
            CachedGuard {
                profile,
                guard: guard.clone(),
                checked: Instant::now(),
            },
        );
        Ok(guard)
    }

    pub(crate) fn forget_guard(&self, org_id: &str) {
        self.guards
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(org_id);
    }

    /// Scans a draft with the organisation's guard (anyone signed in may check a draft).
    pub async fn scan(&self, viewer: &crate::Viewer<'_>, text: &str) -> Result<guard::ScanReport> {
        Ok(self.guard(viewer.org_id()).await?.scan(text))
    }
}
