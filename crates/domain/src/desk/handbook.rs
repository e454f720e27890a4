//! The training gate: the social media policy handbook and who has acknowledged it.

use super::Desk;
use crate::access::{Actor, Admin};
use crate::error::{DomainError, Result};
use crate::handbook::{check_text, HandbookVersion};
use crate::user::User;
use crate::Viewer;
use chrono::{DateTime, Utc};
use serde::Serialize;

/// Who has acknowledged the current version, and who is still missing.
#[derive(Debug, Clone, Serialize)]
pub struct HandbookStatus {
    pub version: Option<i64>,
    pub acknowledged: Vec<(User, DateTime<Utc>)>,
    pub missing: Vec<User>,
}

impl Desk {
    pub async fn publish_handbook(&self, admin: &Admin<'_>, text: &str) -> Result<HandbookVersion> {
        let text = check_text(text).map_err(|e| DomainError::invalid("text", e))?;
        let version = self
            .store
            .publish_handbook(admin.org_id(), &text, admin.user_id(), Utc::now())
            .await?;
        self.audit(
            admin.actor(),
            "handbook.publish",
            &format!("v{}", version.version),
            serde_json::json!({"version": version.version, "chars": text.chars().count()}),
        )
        .await?;
        Ok(version)
    }

    pub async fn handbook(&self, viewer: &Viewer<'_>) -> Result<Option<HandbookVersion>> {
        Ok(self.store.current_handbook(viewer.org_id()).await?)
    }

    pub async fn handbook_versions(&self, viewer: &Viewer<'_>) -> Result<Vec<HandbookVersion>> {
        Ok(self.store.list_handbook_versions(viewer.org_id()).await?)
    }

    /// Records that the actor read the current version. Any signed-in member may (viewers
    /// too: it costs nothing and prepares a later role change). `version`, when given, must
    /// be the current one, so nobody acknowledges text they did not see.
    pub async fn acknowledge_handbook(&self, actor: &Actor, version: Option<i64>) -> Result<i64> {
        let viewer = actor.viewer()?;
        let current = self
            .store
            .current_handbook(viewer.org_id())
            .await?
            .ok_or_else(|| DomainError::Conflict("no handbook has been published yet".into()))?;
        if let Some(v) = version {
            if v != current.version {
                return Err(DomainError::Conflict(format!(
                    "version {v} is not current; read version {} and acknowledge it",
                    current.version
                )));
            }
        }
        self.store
            .acknowledge_handbook(
                viewer.org_id(),
                viewer.user_id(),
                current.version,
                Utc::now(),
            )
            .await?;
        self.audit(
            actor,
            "handbook.acknowledge",
            &format!("v{}", current.version),
            serde_json::json!({"version": current.version}),
        )
        .await?;
        Ok(current.version)
    }

    pub async fn handbook_status(&self, admin: &Admin<'_>) -> Result<HandbookStatus> {
        let users = self.store.list_users(admin.org_id()).await?;
        let Some(current) = self.store.current_handbook(admin.org_id()).await? else {
            return Ok(HandbookStatus {
                version: None,
                acknowledged: Vec::new(),
                missing: users.into_iter().filter(|u| !u.disabled).collect(),
            });
        };
        let acks = self
            .store
            .acknowledgements(admin.org_id(), current.version)
            .await?;
        let mut status = HandbookStatus {
            version: Some(current.version),
            acknowledged: Vec::new(),
            missing: Vec::new(),
        };
        for u in users.into_iter().filter(|u| !u.disabled) {
            match acks.iter().find(|a| a.user_id == u.id) {
                Some(a) => status.acknowledged.push((u, a.acknowledged_at)),
                None => status.missing.push(u),
            }
        }
        Ok(status)
    }
}
