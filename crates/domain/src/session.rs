use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A signed-in browser. The cookie holds the secret; the store keeps only its digest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub id: String,
    pub org_id: String,
    pub user_id: String,
    #[serde(skip)]
    pub digest: String,
    /// Synchroniser token every unsafe request of this session must echo.
    #[serde(skip)]
    pub csrf_token: String,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

/// A long-lived credential for scripts (`Authorization: Bearer cpt_...`), acting as its user
/// with the same role checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiToken {
    pub id: String,
    pub org_id: String,
    pub user_id: String,
    pub name: String,
    #[serde(skip)]
    pub digest: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
}

/// How long a browser session lasts without use, and at most.
pub const SESSION_IDLE_HOURS: i64 = 12;
pub const SESSION_MAX_DAYS: i64 = 7;
