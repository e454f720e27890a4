use std::time::Duration;

/// What went wrong talking to a network, classified by what the caller should do next.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConnectorError {
    /// Slow down: try again after `retry_after` (from `Retry-After`, `x-ratelimit-reset` or
    /// Facebook's usage headers) or the caller's backoff when the network did not say.
    #[error("rate limited by the network{}", retry_after.map(|d| format!(" (retry after {} s)", d.as_secs())).unwrap_or_default())]
    RateLimited { retry_after: Option<Duration> },
    /// Worth retrying: network down, timeout, 5xx.
    #[error("{0}")]
    Transient(String),
    /// Retrying will not help: bad credentials, refused content, missing page.
    #[error("{0}")]
    Permanent(String),
}

impl ConnectorError {
    pub fn is_retryable(&self) -> bool {
        !matches!(self, Self::Permanent(_))
    }
}

impl From<reqwest::Error> for ConnectorError {
    fn from(e: reqwest::Error) -> Self {
        // Connection refused, DNS, timeouts, truncated bodies: the request may not have
        // (the URL is dropped: Graph API URLs carry the page token in the query)
        // reached the network, or its answer was lost; both are retried (with reconciliation).
        ConnectorError::Transient(format!("network error: {}", e.without_url()))
    }
}
