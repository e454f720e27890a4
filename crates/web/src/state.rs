use crate::metrics::Metrics;
use domain::Desk;
use std::sync::Arc;

/// How the web layer behaves; set from the configuration file and environment.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Mark cookies `Secure` (browsers still send them to http://localhost). Switch off only
    /// behind plain HTTP on another host, which is not recommended.
    pub cookie_secure: bool,
    /// Take the client address from `X-Forwarded-For` (only behind a trusted proxy).
    pub trust_proxy: bool,
    /// The address people use to reach Carepost, for links in messages.
    pub public_url: String,
    /// Verifies Twilio's webhook signatures (status callbacks, inbound SMS).
    pub twilio_auth_token: Option<String>,
}

impl Default for WebConfig {
    fn default() -> WebConfig {
        WebConfig {
            cookie_secure: true,
            trust_proxy: false,
            public_url: "http://127.0.0.1:8080".into(),
            twilio_auth_token: None,
        }
    }
}

#[derive(Clone)]
pub struct AppState {
    pub desk: Arc<Desk>,
    pub config: Arc<WebConfig>,
    pub(crate) metrics: Arc<Metrics>,
}

impl AppState {
    pub fn new(desk: Arc<Desk>, config: WebConfig) -> AppState {
        AppState {
            desk,
            config: Arc::new(config),
            metrics: Arc::new(Metrics::new()),
        }
    }
}
