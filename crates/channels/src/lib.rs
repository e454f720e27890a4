//! Social network connectors. Each network speaks its own API behind the one [`Connector`]
//! trait, so the publisher, the inbox and the alerts never branch on the network.
//!
//! The pure parts ([`ChannelConfig`], [`limits`]) are used by the domain to validate a post
//! before it is scheduled; the connectors themselves do HTTP with `reqwest`.

pub mod bluesky;
pub mod error;
pub mod facebook;
pub mod limits;
pub mod mastodon;
pub mod mastodon_oauth;
pub mod rate_limit;
pub mod testing;

pub use error::ConnectorError;
pub use limits::{check_post, Counting, LimitProblem, Limits};

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// The networks Carepost publishes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChannelKind {
    Mastodon,
    Bluesky,
    Facebook,
}

impl ChannelKind {
    pub const ALL: [ChannelKind; 3] = [Self::Mastodon, Self::Bluesky, Self::Facebook];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Mastodon => "mastodon",
            Self::Bluesky => "bluesky",
            Self::Facebook => "facebook",
        }
    }

    pub fn parse(s: &str) -> Option<ChannelKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Everything needed to talk to one account on one network, secrets included. The domain
/// stores it sealed; only [`ChannelConfig::public`] is ever shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ChannelConfig {
    Mastodon {
        /// e.g. `https://mastodon.social`
        base_url: String,
        access_token: String,
    },
    Bluesky {
        /// The account's PDS, e.g. `https://bsky.social`
        service_url: String,
        /// Handle or DID.
        identifier: String,
        app_password: String,
    },
    Facebook {
        page_id: String,
        /// A page access token.
        access_token: String,
        /// Default `https://graph.facebook.com`.
        api_base_url: Option<String>,
        /// Default [`facebook::DEFAULT_API_VERSION`].
        api_version: Option<String>,
        /// For verifying webhook signatures (inbox).
        app_secret: Option<String>,
        /// For answering the webhook verification challenge (inbox).
        verify_token: Option<String>,
    },
}

impl ChannelConfig {
    pub fn kind(&self) -> ChannelKind {
        match self {
            Self::Mastodon { .. } => ChannelKind::Mastodon,
            Self::Bluesky { .. } => ChannelKind::Bluesky,
            Self::Facebook { .. } => ChannelKind::Facebook,
        }
    }

    /// The fields that are safe to show and log (never a token or password).
    pub fn public(&self) -> serde_json::Value {
        match self {
            Self::Mastodon { base_url, .. } => serde_json::json!({ "base_url": base_url }),
            Self::Bluesky {
                service_url,
                identifier,
                ..
            } => serde_json::json!({ "service_url": service_url, "identifier": identifier }),
            Self::Facebook {
                page_id,
                api_base_url,
                api_version,
                ..
            } => serde_json::json!({
                "page_id": page_id,
                "api_base_url": api_base_url.as_deref().unwrap_or(facebook::DEFAULT_API_BASE),
                "api_version": api_version.as_deref().unwrap_or(facebook::DEFAULT_API_VERSION),
            }),
        }
    }

    /// Checks the shape of the fields (URLs parse, nothing required is blank). Returns
    /// `(field, message)` pairs.
    pub fn validate(&self) -> Vec<(&'static str, String)> {
        let mut errors = Vec::new();
        let mut url = |field: &'static str, v: &str| {
            match reqwest::Url::parse(v) {
                Ok(u) if u.scheme() == "https" || u.scheme() == "http" => {}
                _ => errors.push((field, "must be an http(s) URL".to_string())),
            };
        };
        match self {
            Self::Mastodon { base_url, .. } => url("base_url", base_url),
            Self::Bluesky { service_url, .. } => url("service_url", service_url),
            Self::Facebook { api_base_url, .. } => {
                if let Some(b) = api_base_url {
                    url("api_base_url", b)
                }
            }
        }
        let mut required = |field: &'static str, v: &str| {
            if v.trim().is_empty() {
                errors.push((field, "is required".to_string()));
            }
        };
        match self {
            Self::Mastodon { access_token, .. } => required("access_token", access_token),
            Self::Bluesky {
                identifier,
                app_password,
                ..
            } => {
                required("identifier", identifier);
                required("app_password", app_password);
            }
            Self::Facebook {
                page_id,
                access_token,
                ..
            } => {
                required("page_id", page_id);
                required("access_token", access_token);
            }
        }
        errors
    }
}

/// An image attached to a post (already stripped of metadata by the media library).
#[derive(Debug, Clone)]
pub struct MediaFile {
    pub bytes: Vec<u8>,
    /// `image/jpeg`, `image/png`, `image/webp`, `video/mp4`, ...
    pub mime: String,
    /// Required: every image Carepost publishes is described.
    pub alt_text: String,
}

/// One post as it goes to one network.
#[derive(Debug, Clone)]
pub struct OutgoingPost {
    /// The final text, hashtags included.
    pub text: String,
    pub media: Vec<MediaFile>,
    /// Stable for every attempt of the same delivery, so a retry after a lost response is
    /// recognised by networks that support it (Mastodon's `Idempotency-Key`, Bluesky's
    /// record key).
    pub idempotency_key: String,
    /// When this delivery was first attempted: used to look for the post after a crash.
    pub first_attempt_at: DateTime<Utc>,
}

/// Where a post landed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Published {
    /// The network's id (Mastodon status id, Bluesky `at://` URI, Facebook post id).
    pub remote_id: String,
    /// A link a person can open.
    pub remote_url: Option<String>,
}

/// Who the credentials belong to (the "test connection" button shows it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountInfo {
    /// `@name@host`, the Bluesky handle, or the page name.
    pub display: String,
    pub id: String,
    pub url: Option<String>,
}

/// A reply or mention addressed to the account, as polled from the network.
#[derive(Debug, Clone)]
pub struct Mention {
    pub remote_id: String,
    /// The post it answers, when it is a reply.
    pub in_reply_to: Option<String>,
    pub author_name: String,
    pub author_id: String,
    /// Plain text (HTML stripped).
    pub text: String,
    pub created_at: DateTime<Utc>,
    /// The network's JSON for it.
    pub raw: serde_json::Value,
}

/// One network account. Implementations keep whatever session state they need (Bluesky's
/// access and refresh tokens) behind `&self`.
#[async_trait]
pub trait Connector: Send + Sync {
    fn kind(&self) -> ChannelKind;

    /// Checks the credentials and says whose account they open.
    async fn verify(&self) -> Result<AccountInfo, ConnectorError>;

    /// Publishes a post (uploading its media first).
    async fn publish(&self, post: &OutgoingPost) -> Result<Published, ConnectorError>;

    /// After a crash between "attempt recorded" and "result recorded", looks for the post
    /// on the network so it is not posted twice. `Ok(None)` means it is certainly not there.
    async fn find_published(
        &self,
        post: &OutgoingPost,
    ) -> Result<Option<Published>, ConnectorError>;

    /// Deletes a post; deleting one that is already gone succeeds.
    async fn delete(&self, remote_id: &str) -> Result<(), ConnectorError>;

    async fn pin(&self, remote_id: &str) -> Result<(), ConnectorError>;

    /// Answers a comment or mention with `text` (the reply is public, like the comment).
    async fn reply(&self, to_remote_id: &str, text: &str) -> Result<Published, ConnectorError> {
        let _ = (to_remote_id, text);
        Err(ConnectorError::Permanent(format!(
            "replying from Carepost is not available on {} yet",
            self.kind().as_str()
        )))
    }

    /// Hides or shows someone else's comment under the account's posts.
    async fn hide(&self, remote_id: &str, hidden: bool) -> Result<(), ConnectorError> {
        let _ = (remote_id, hidden);
        Err(ConnectorError::Permanent(format!(
            "{} cannot hide other people's replies: mute or report the account, and flag it for a person",
            self.kind().as_str()
        )))
    }

    /// Deletes someone else's comment under the account's posts.
    async fn delete_comment(&self, remote_id: &str) -> Result<(), ConnectorError> {
        let _ = remote_id;
        Err(ConnectorError::Permanent(format!(
            "{} does not let an account delete other people's replies: hide it, or mute or report the account",
            self.kind().as_str()
        )))
    }

    /// Mutes (or unmutes) the author of a post for this account: their posts and mentions
    /// stop reaching it. Where replies cannot be hidden, this keeps abuse out of sight.
    async fn mute_author(&self, remote_id: &str, muted: bool) -> Result<(), ConnectorError> {
        let _ = (remote_id, muted);
        Err(ConnectorError::Permanent(format!(
            "muting from Carepost is not available on {}",
            self.kind().as_str()
        )))
    }

    /// Reports a post to the network's moderators (`category`: spam, violation or other).
    async fn report(
        &self,
        remote_id: &str,
        category: &str,
        comment: &str,
    ) -> Result<(), ConnectorError> {
        let _ = (remote_id, category, comment);
        Err(ConnectorError::Permanent(format!(
            "reporting from Carepost is not available on {}: report it in the app",
            self.kind().as_str()
        )))
    }

    /// Mentions and replies newer than `cursor`, oldest first, and the cursor to store once
    /// they are safely kept. Networks that push instead (Facebook webhooks) say so.
    async fn mentions(
        &self,
        cursor: Option<&str>,
    ) -> Result<(Vec<Mention>, Option<String>), ConnectorError> {
        let _ = cursor;
        Err(ConnectorError::Permanent(format!(
            "{} is not polled: its comments arrive by webhook or are not gathered yet",
            self.kind().as_str()
        )))
    }
    async fn unpin(&self, remote_id: &str) -> Result<(), ConnectorError>;
}

/// Builds the connector for a channel. `http` is shared so connections are pooled.
pub fn connect(config: &ChannelConfig, http: reqwest::Client) -> Box<dyn Connector> {
    match config {
        ChannelConfig::Mastodon { .. } => Box::new(mastodon::Mastodon::new(config, http)),
        ChannelConfig::Bluesky { .. } => Box::new(bluesky::Bluesky::new(config, http)),
        ChannelConfig::Facebook { .. } => Box::new(facebook::Facebook::new(config, http)),
    }
}

/// The HTTP client every connector shares: bounded timeouts so a hung network is a
/// retryable error, never a stuck worker.
pub fn http_client() -> reqwest::Client {
    reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(60))
        .user_agent(concat!("Carepost/", env!("CARGO_PKG_VERSION")))
        .build()
        .expect("static HTTP client configuration")
}

/// Builds connectors from configs and runs the account-connection flows. The server uses
/// [`HttpNetworks`]; tests of the workflows above may plug in their own.
#[async_trait]
pub trait Networks: Send + Sync {
    fn connect(&self, config: &ChannelConfig) -> Box<dyn Connector>;

    /// Registers Carepost as an OAuth application on a Mastodon instance.
    async fn mastodon_register_app(
        &self,
        base_url: &str,
        redirect_uri: &str,
        website: &str,
    ) -> Result<mastodon_oauth::OAuthApp, ConnectorError>;

    /// Exchanges an authorization code for an access token.
    async fn mastodon_exchange_code(
        &self,
        base_url: &str,
        app: &mastodon_oauth::OAuthApp,
        redirect_uri: &str,
        code: &str,
    ) -> Result<String, ConnectorError>;
}

/// The real networks over HTTP, sharing one connection pool.
pub struct HttpNetworks {
    http: reqwest::Client,
}

impl Default for HttpNetworks {
    fn default() -> Self {
        HttpNetworks {
            http: http_client(),
        }
    }
}

#[async_trait]
impl Networks for HttpNetworks {
    fn connect(&self, config: &ChannelConfig) -> Box<dyn Connector> {
        connect(config, self.http.clone())
    }

    async fn mastodon_register_app(
        &self,
        base_url: &str,
        redirect_uri: &str,
        website: &str,
    ) -> Result<mastodon_oauth::OAuthApp, ConnectorError> {
        mastodon_oauth::register_app(&self.http, base_url, redirect_uri, website).await
    }

    async fn mastodon_exchange_code(
        &self,
        base_url: &str,
        app: &mastodon_oauth::OAuthApp,
        redirect_uri: &str,
        code: &str,
    ) -> Result<String, ConnectorError> {
        mastodon_oauth::exchange_code(&self.http, base_url, app, redirect_uri, code).await
    }
}
