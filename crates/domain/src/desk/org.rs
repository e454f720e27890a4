//! The organisation's public profile and its settings.

use super::Desk;
use crate::access::Admin;
use crate::error::Result;
use crate::org::{OrgProfile, OrgSettings};
use crate::Viewer;

impl Desk {
    pub async fn profile(&self, viewer: &Viewer<'_>) -> Result<OrgProfile> {
        Ok(self
            .store
            .get_profile(viewer.org_id())
            .await?
            .unwrap_or_default())
    }

    pub async fn update_profile(
        &self,
        admin: &Admin<'_>,
        profile: OrgProfile,
    ) -> Result<OrgProfile> {
        let profile = profile.validate()?;
        let before = self
            .store
            .get_profile(admin.org_id())
            .await?
            .unwrap_or_default();
        self.store.put_profile(admin.org_id(), &profile).await?;
        self.forget_guard(admin.org_id());
        let changed: Vec<&str> = [
            ("name", before.name != profile.name),
            ("phones", before.phones != profile.phones),
            ("websites", before.websites != profile.websites),
            ("emails", before.emails != profile.emails),
            ("handles", before.handles != profile.handles),
            ("addresses", before.addresses != profile.addresses),
            ("staff", before.staff != profile.staff),
            ("disclaimer", before.disclaimer != profile.disclaimer),
        ]
        .into_iter()
        .filter_map(|(f, c)| c.then_some(f))
        .collect();
        self.audit(
            admin.actor(),
            "profile.update",
            admin.org_id(),
            serde_json::json!({"changed": changed}),
        )
        .await?;
        Ok(profile)
    }

    pub async fn settings(&self, viewer: &Viewer<'_>) -> Result<OrgSettings> {
        Ok(self
            .store
            .get_settings(viewer.org_id())
            .await?
            .unwrap_or_default())
    }

    pub async fn update_settings(
        &self,
        admin: &Admin<'_>,
        settings: OrgSettings,
    ) -> Result<OrgSettings> {
        if settings.timezone.parse::<chrono_tz::Tz>().is_err() {
            return Err(crate::DomainError::invalid(
                "timezone",
                format!(
                    "'{}' is not an IANA time zone such as America/Chicago",
                    settings.timezone
                ),
            ));
        }
        let before = self
            .store
            .get_settings(admin.org_id())
            .await?
            .unwrap_or_default();
        self.store.put_settings(admin.org_id(), &settings).await?;
        self.audit(
            admin.actor(),
            "settings.update",
            admin.org_id(),
            serde_json::json!({"before": before, "after": settings}),
        )
        .await?;
        Ok(settings)
    }
}
