//! Facility alerts: one form that pins an update on every channel and reaches opted-in
//! patients by email, SMS and voice, until it expires or is ended.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Notify {
    #[serde(default)]
    pub email: bool,
    #[serde(default)]
    pub sms: bool,
    #[serde(default)]
    pub voice: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Medium {
    Email,
    Sms,
    Voice,
}

impl Medium {
    pub const ALL: [Medium; 3] = [Medium::Email, Medium::Sms, Medium::Voice];
    pub fn as_str(self) -> &'static str {
        match self {
            Medium::Email => "email",
            Medium::Sms => "sms",
            Medium::Voice => "voice",
        }
    }
    pub fn parse(s: &str) -> Option<Medium> {
        Medium::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

impl Notify {
    pub fn media(&self) -> Vec<Medium> {
        let mut m = Vec::new();
        if self.email {
            m.push(Medium::Email);
        }
        if self.sms {
            m.push(Medium::Sms);
        }
        if self.voice {
            m.push(Medium::Voice);
        }
        m
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlertState {
    /// Waiting for `starts_at`.
    Scheduled,
    Active,
    Ended,
}

impl AlertState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Scheduled => "scheduled",
            Self::Active => "active",
            Self::Ended => "ended",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Scheduled, Self::Active, Self::Ended]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alert {
    pub id: String,
    pub org_id: String,
    pub title: String,
    pub body: String,
    pub channel_ids: Vec<String>,
    pub segments: Vec<String>,
    pub notify: Notify,
    pub starts_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub state: AlertState,
    /// The pinned post on the channels.
    pub post_id: Option<String>,
    /// Posted (unpinned) when the alert ends, if set.
    pub all_clear: Option<String>,
    pub created_by: String,
    pub ended_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl Alert {
    /// The text on the networks and in messages: the title, then the body.
    pub fn text(&self) -> String {
        format!("{}\n\n{}", self.title.trim(), self.body.trim())
    }
}

/// One message to one contact by one medium: the outbox row that makes sending idempotent.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AlertMessage {
    pub id: String,
    pub org_id: String,
    pub alert_id: String,
    pub contact_id: String,
    pub medium: Medium,
    /// queued, sending, sent, delivered, failed, opted_out, unknown, cancelled.
    pub state: String,
    pub provider_id: Option<String>,
    pub attempts: i32,
    pub last_error: Option<String>,
    /// When it may be tried (queued) or when the attempt began (sending), epoch ms.
    pub at_ms: i64,
}

impl AlertMessage {
    /// A message waiting in the outbox from `at_ms`, not yet tried.
    pub fn queued(
        org_id: &str,
        alert_id: &str,
        contact_id: &str,
        medium: Medium,
        at_ms: i64,
    ) -> AlertMessage {
        AlertMessage {
            id: crate::id::new_id(),
            org_id: org_id.into(),
            alert_id: alert_id.into(),
            contact_id: contact_id.into(),
            medium,
            state: "queued".into(),
            provider_id: None,
            attempts: 0,
            last_error: None,
            at_ms,
        }
    }
}
