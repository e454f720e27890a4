use chrono::{DateTime, Utc};
use serde::Serialize;

/// Where one post stands on one channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryState {
    /// Waiting for its time.
    Pending,
    /// An attempt was recorded and its outcome is not known yet: after a crash the worker
    /// looks for the post on the network before trying again.
    Sending,
    /// The last attempt failed; another is scheduled.
    Retrying,
    Published,
    /// Dead-lettered: retries exhausted or refused for good. Shown to the team, retryable
    /// by hand.
    Failed,
    /// Being deleted from the network.
    Withdrawing,
    Withdrawn,
    /// Stopped before it went out (the post was withdrawn or sent back to review).
    Cancelled,
}

impl DeliveryState {
    pub const ALL: [DeliveryState; 8] = [
        Self::Pending,
        Self::Sending,
        Self::Retrying,
        Self::Published,
        Self::Failed,
        Self::Withdrawing,
        Self::Withdrawn,
        Self::Cancelled,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Sending => "sending",
            Self::Retrying => "retrying",
            Self::Published => "published",
            Self::Failed => "failed",
            Self::Withdrawing => "withdrawing",
            Self::Withdrawn => "withdrawn",
            Self::Cancelled => "cancelled",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
    /// Still on its way out.
    pub fn is_open(self) -> bool {
        matches!(self, Self::Pending | Self::Sending | Self::Retrying)
    }
}

/// A post on one channel: one row per (post, channel), created when the post is approved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Delivery {
    pub id: String,
    pub org_id: String,
    pub post_id: String,
    pub channel_id: String,
    pub state: DeliveryState,
    pub remote_id: Option<String>,
    pub remote_url: Option<String>,
    pub attempts: i32,
    pub last_error: Option<String>,
    /// Sent with every attempt so the network recognises a retry.
    pub idempotency_key: String,
    pub first_attempt_at: Option<DateTime<Utc>>,
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub published_at: Option<DateTime<Utc>>,
    /// `pinned`, `unpinned` or `failed` once the post was (un)pinned on its network.
    pub pin_state: Option<String>,
    pub updated_at: DateTime<Utc>,
}

impl Delivery {
    pub fn new(org_id: &str, post_id: &str, channel_id: &str, now: DateTime<Utc>) -> Delivery {
        let id = crate::id::new_id();
        Delivery {
            idempotency_key: format!("carepost-{id}"),
            id,
            org_id: org_id.into(),
            post_id: post_id.into(),
            channel_id: channel_id.into(),
            state: DeliveryState::Pending,
            remote_id: None,
            remote_url: None,
            attempts: 0,
            last_error: None,
            first_attempt_at: None,
            next_attempt_at: None,
            published_at: None,
            pin_state: None,
            updated_at: now,
        }
    }
}
