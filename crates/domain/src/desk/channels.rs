//! Channels: connecting the organisation's network accounts. Credentials are sealed
//! before they are stored and are never returned.

use super::Desk;
use crate::access::Admin;
use crate::error::{DomainError, FieldErrors, Result};
use crate::publishing::Channel;
use crate::Viewer;
use channels::{AccountInfo, ChannelConfig, Connector};
use chrono::Utc;

impl Desk {
    /// Connects an account. The config is validated and sealed; `test` decides whether the
    /// credentials are tried first (the UI and API do; the demo seeder does not).
    pub async fn create_channel(
        &self,
        admin: &Admin<'_>,
        name: &str,
        config: ChannelConfig,
    ) -> Result<Channel> {
        let name = name.trim();
        let mut errors = FieldErrors::new();
        if name.is_empty() || name.chars().count() > 80 {
            errors.insert(
                "name".into(),
                "give the channel a name of 1-80 characters".into(),
            );
        }
        for (field, message) in config.validate() {
            errors.insert(field.into(), format!("{field} {message}"));
        }
        if !errors.is_empty() {
            return Err(DomainError::fields(errors));
        }
        let channel = Channel {
            id: crate::id::new_id(),
            org_id: admin.org_id().into(),
            kind: config.kind(),
            name: name.into(),
            public: config.public(),
            sealed_config: self.seal_config(&config)?,
            disabled: false,
            created_by: admin.user_id().into(),
            created_at: Utc::now(),
        };
        self.store
            .create_channel(&channel)
            .await
            .map_err(|e| match e {
                crate::store::StoreError::Duplicate(_) => {
                    DomainError::invalid("name", format!("a channel named '{name}' already exists"))
                }
                other => other.into(),
            })?;
        // Mastodon and Bluesky are polled for mentions and replies (Facebook pushes webhooks).
        if matches!(
            channel.kind,
            channels::ChannelKind::Mastodon | channels::ChannelKind::Bluesky
        ) {
            self.store
                .enqueue_job(&crate::publishing::Job::new(
                    &channel.org_id,
                    crate::publishing::JobKind::InboxPoll,
                    &channel.id,
                    Utc::now(),
                ))
                .await?;
        }
        self.audit(
            admin.actor(),
            "channel.create",
            &channel.id,
            serde_json::json!({"kind": channel.kind.as_str(), "name": channel.name, "public": channel.public}),
        )
        .await?;
        Ok(channel)
    }

    pub async fn channels(&self, viewer: &Viewer<'_>) -> Result<Vec<Channel>> {
        Ok(self.store.list_channels(viewer.org_id()).await?)
    }

    pub async fn channel(&self, org_id: &str, id: &str) -> Result<Channel> {
        self.store
            .get_channel(org_id, id)
            .await?
            .ok_or(DomainError::NotFound { what: "channel" })
    }

    /// "Test connection": signs in with the stored credentials and says whose account
    /// they open.
    pub async fn test_channel(&self, admin: &Admin<'_>, id: &str) -> Result<AccountInfo> {
        let channel = self.channel(admin.org_id(), id).await?;
        let connector = self.fresh_connector(&channel)?;
        let outcome = connector.verify().await;
        self.audit(
            admin.actor(),
            "channel.test",
            id,
            serde_json::json!({"ok": outcome.is_ok(), "error": outcome.as_ref().err().map(|e| e.to_string())}),
        )
        .await?;
        outcome.map_err(|e| DomainError::Refused {
            code: "connection_failed",
            message: format!("{} did not accept the connection: {e}", channel.name),
            details: serde_json::json!({"retryable": e.is_retryable()}),
        })
    }

    /// Pauses or resumes a channel: a disabled channel cannot be selected for new posts.
    pub async fn set_channel_disabled(
        &self,
        admin: &Admin<'_>,
        id: &str,
        disabled: bool,
    ) -> Result<Channel> {
        let mut channel = self.channel(admin.org_id(), id).await?;
        channel.disabled = disabled;
        self.store.update_channel(&channel).await?;
        let action = if disabled {
            "channel.disable"
        } else {
            "channel.enable"
        };
        self.audit(admin.actor(), action, id, serde_json::json!({}))
            .await?;
        Ok(channel)
    }

    fn seal_config(&self, config: &ChannelConfig) -> Result<String> {
        let json = serde_json::to_string(config)
            .map_err(|e| DomainError::Store(format!("channel config: {e}")))?;
        Ok(self.secrets.seal(&json))
    }

    /// The channel's connector, shared by every job of this instance: one session per
    /// account (Bluesky limits `createSession`) and one view of its rate limit. Rebuilt when
    /// the channel's credentials change.
    pub(crate) fn connector(&self, channel: &Channel) -> Result<std::sync::Arc<dyn Connector>> {
        let mut cache = self.connectors.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((sealed, c)) = cache.get(&channel.id) {
            if *sealed == channel.sealed_config {
                return Ok(c.clone());
            }
        }
        let fresh: std::sync::Arc<dyn Connector> = self.fresh_connector(channel)?.into();
        cache.insert(
            channel.id.clone(),
            (channel.sealed_config.clone(), fresh.clone()),
        );
        Ok(fresh)
    }

    /// A connector with no shared state ("test connection" really signs in).
    fn fresh_connector(&self, channel: &Channel) -> Result<Box<dyn Connector>> {
        Ok(self.networks.connect(&self.channel_config(channel)?))
    }

    /// The channel's configuration, secrets included (opened from the seal).
    pub(crate) fn channel_config(&self, channel: &Channel) -> Result<ChannelConfig> {
        let json = self.secrets.open(&channel.sealed_config).map_err(|e| {
            DomainError::Store(format!(
                "cannot open channel {}'s credentials (was the secret key changed?): {e}",
                channel.id
            ))
        })?;
        serde_json::from_str(&json).map_err(|e| DomainError::Store(format!("channel config: {e}")))
    }
}

/// A Mastodon connection waiting for the administrator to come back from the instance.
#[derive(serde::Serialize, serde::Deserialize)]
struct PendingOAuth {
    org_id: String,
    user_id: String,
    name: String,
    base_url: String,
    app: channels::mastodon_oauth::OAuthApp,
    redirect_uri: String,
    expires_at: chrono::DateTime<Utc>,
}

/// How long the instance's consent page may stay open.
const OAUTH_WINDOW_MINUTES: i64 = 15;

fn oauth_key(state: &str) -> String {
    format!("oauth.mastodon.{state}")
}

impl Desk {
    /// Starts connecting a Mastodon account through OAuth: registers Carepost on the
    /// instance and returns `(authorize_url, state)`. The administrator approves on the
    /// instance, which redirects to `redirect_uri` with a code and the state.
    pub async fn begin_mastodon_oauth(
        &self,
        admin: &Admin<'_>,
        name: &str,
        base_url: &str,
        redirect_uri: &str,
        website: &str,
    ) -> Result<(String, String)> {
        let base_url = base_url.trim().trim_end_matches('/').to_string();
        let probe = ChannelConfig::Mastodon {
            base_url: base_url.clone(),
            access_token: "pending".into(),
        };
        let mut errors = FieldErrors::new();
        if name.trim().is_empty() || name.trim().chars().count() > 80 {
            errors.insert(
                "name".into(),
                "give the channel a name of 1-80 characters".into(),
            );
        }
        for (field, message) in probe.validate() {
            errors.insert(field.into(), format!("{field} {message}"));
        }
        if !errors.is_empty() {
            return Err(DomainError::fields(errors));
        }
        let app = self
            .networks
            .mastodon_register_app(&base_url, redirect_uri, website)
            .await
            .map_err(|e| DomainError::Refused {
                code: "connection_failed",
                message: format!("{base_url} did not register Carepost: {e}"),
                details: serde_json::json!({"retryable": e.is_retryable()}),
            })?;
        let state = crate::credentials::new_secret("mst");
        let url = channels::mastodon_oauth::authorize_url(&base_url, &app, redirect_uri, &state);
        let pending = PendingOAuth {
            org_id: admin.org_id().into(),
            user_id: admin.user_id().into(),
            name: name.trim().into(),
            base_url,
            app,
            redirect_uri: redirect_uri.into(),
            expires_at: Utc::now() + chrono::Duration::minutes(OAUTH_WINDOW_MINUTES),
        };
        let json = serde_json::to_string(&pending)
            .map_err(|e| DomainError::Store(format!("oauth state: {e}")))?;
        self.store
            .put_setting(&oauth_key(&state), &self.secrets.seal(&json))
            .await?;
        Ok((url, state))
    }

    /// Finishes the OAuth connection with the code the instance sent back: exchanges it for
    /// a token and creates the channel. The state is single-use and belongs to the admin
    /// who started.
    pub async fn finish_mastodon_oauth(
        &self,
        admin: &Admin<'_>,
        state: &str,
        code: &str,
    ) -> Result<Channel> {
        let expired = || {
            DomainError::Conflict(
                "this Mastodon authorisation is unknown or has expired; start again".into(),
            )
        };
        let key = oauth_key(state);
        let sealed = self.store.get_setting(&key).await?.ok_or_else(expired)?;
        if !self.store.take_setting(&key, &sealed).await? {
            return Err(expired());
        }
        let pending: PendingOAuth = self
            .secrets
            .open(&sealed)
            .ok()
            .and_then(|json| serde_json::from_str(&json).ok())
            .ok_or_else(expired)?;
        if pending.org_id != admin.org_id()
            || pending.user_id != admin.user_id()
            || pending.expires_at < Utc::now()
        {
            return Err(expired());
        }
        let token = self
            .networks
            .mastodon_exchange_code(&pending.base_url, &pending.app, &pending.redirect_uri, code)
            .await
            .map_err(|e| DomainError::Refused {
                code: "connection_failed",
                message: format!("{} did not grant access: {e}", pending.base_url),
                details: serde_json::json!({"retryable": e.is_retryable()}),
            })?;
        self.create_channel(
            admin,
            &pending.name,
            ChannelConfig::Mastodon {
                base_url: pending.base_url,
                access_token: token,
            },
        )
        .await
    }
}
