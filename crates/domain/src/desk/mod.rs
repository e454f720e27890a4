//! The desk: every workflow of the product, written against the [`Store`] trait. Web
//! handlers and CLI commands call these methods and nothing below them.

mod audit_log;
mod auth;
mod handbook;
mod org;
mod setup;
mod users;

pub use audit_log::{AuditReport, MAX_AUDIT_PAGE};
pub use auth::{LoginInput, LoginOutcome};
pub use handbook::HandbookStatus;
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

pub struct Desk {
    store: Arc<dyn Store>,
    secrets: SecretBox,
    /// Compiled guards by organisation, rebuilt when the profile changes (even when another
    /// instance changed it: the cached profile is compared with the stored one).
    guards: Mutex<HashMap<String, (OrgProfile, Arc<Guard>)>>,
}

/// Who an audit entry names when no user acted (start-up, CLI, schedulers).
pub const SYSTEM: &str = "system";

impl Desk {
    pub fn new(store: Arc<dyn Store>, secrets: SecretBox) -> Desk {
        Desk {
            store,
            secrets,
            guards: Mutex::new(HashMap::new()),
        }
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

    /// The guard compiled for an organisation's current profile.
    pub async fn guard(&self, org_id: &str) -> Result<Arc<Guard>> {
        let profile = self.store.get_profile(org_id).await?.unwrap_or_default();
        {
            let cache = self.guards.lock().unwrap_or_else(|e| e.into_inner());
            if let Some((cached, guard)) = cache.get(org_id) {
                if *cached == profile {
                    return Ok(guard.clone());
                }
            }
        }
        let guard = Arc::new(Guard::new(profile.guard_profile()));
        self.guards
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(org_id.to_string(), (profile, guard.clone()));
        Ok(guard)
    }

    /// Scans a draft with the organisation's guard (anyone signed in may check a draft).
    pub async fn scan(&self, viewer: &crate::Viewer<'_>, text: &str) -> Result<guard::ScanReport> {
        Ok(self.guard(viewer.org_id()).await?.scan(text))
    }
}
