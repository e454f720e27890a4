//! The inbox: comments and messages gathered from every channel, triaged by the guard on
//! arrival. Lists and logs show the redacted text; the raw payload is kept sealed.

use chrono::{DateTime, Utc};
use serde::Serialize;

/// An item as a network delivered it (webhook or poll), before triage.
#[derive(Debug, Clone)]
pub struct Incoming {
    pub remote_id: String,
    /// The post or comment it answers, when known.
    pub parent_remote_id: Option<String>,
    /// `comment`, `message`, `mention`.
    pub kind: String,
    pub author_name: String,
    pub author_id: String,
    pub text: String,
    pub received_at: DateTime<Utc>,
    /// The network's JSON for this item (sealed before storage).
    pub raw: serde_json::Value,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InboxItem {
    pub id: String,
    pub org_id: String,
    pub channel_id: String,
    pub remote_id: String,
    pub parent_remote_id: Option<String>,
    pub kind: String,
    pub author_name: String,
    /// The guard's redacted form: identifiers replaced by their kind.
    pub text: String,
    #[serde(skip)]
    pub raw_sealed: String,
    pub labels: Vec<String>,
    /// `new`, `assigned`, `replied`, `hidden`, `deleted`, `resolved`.
    pub state: String,
    pub assigned_to: Option<String>,
    pub suggested_reply: Option<String>,
    pub received_at: DateTime<Utc>,
    pub first_response_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    /// Why an automatic action could not be done and a person must act (e.g. a network that
    /// cannot hide replies).
    pub needs_person: Option<String>,
    /// When a violation was first hidden or deleted (the removal SLA stops here).
    pub removed_at: Option<DateTime<Utc>>,
}

impl InboxItem {
    /// Back in the queue after an undo or an unhide: with its assignee if it has one.
    pub fn reopen(&mut self) {
        self.state = if self.assigned_to.is_some() {
            "assigned"
        } else {
            "new"
        }
        .into();
    }
}

/// Filters for the queue; every field narrows.
#[derive(Debug, Clone, Default)]
pub struct InboxFilter {
    pub label: Option<String>,
    pub state: Option<String>,
    pub channel_id: Option<String>,
    pub assignee: Option<Assignee>,
    pub limit: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Assignee {
    User(String),
    Nobody,
}
