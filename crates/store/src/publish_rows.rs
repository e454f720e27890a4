//! Publishing rows as the databases return them, converted to domain types.

use chrono::{DateTime, Utc};
use domain::publishing::{Channel, ContentType, Delivery, DeliveryState, Job, Post, PostState};
use domain::store::StoreError;

pub const CHANNEL_COLUMNS: &str =
    "id, org_id, kind, name, public, sealed_config, disabled, created_by, created_at";
pub const POST_COLUMNS: &str = "id, org_id, author_id, body, hashtags, content_type, \
    channel_ids, media_ids, consent_ids, scheduled_at, pinned, state, verdict, findings, submitted_at, \
    reviewed_by, reviewed_at, review_note, created_at, updated_at";
pub const DELIVERY_COLUMNS: &str = "id, org_id, post_id, channel_id, state, remote_id, \
    remote_url, attempts, last_error, idempotency_key, first_attempt_at, next_attempt_at, \
    published_at, pin_state, updated_at";
pub const JOB_COLUMNS: &str =
    "id, org_id, kind, target_id, run_at_ms, state, attempts, locked_by, lease_until_ms, last_error";

fn json<T: serde::de::DeserializeOwned>(what: &str, s: &str) -> Result<T, StoreError> {
    serde_json::from_str(s)
        .map_err(|e| StoreError::Backend(format!("bad {what} JSON in store: {e}")))
}

pub fn list_json(v: &[String]) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "[]".into())
}

#[derive(sqlx::FromRow)]
pub struct ChannelRow {
    pub id: String,
    pub org_id: String,
    pub kind: String,
    pub name: String,
    pub public: String,
    pub sealed_config: String,
    pub disabled: bool,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
}

impl TryFrom<ChannelRow> for Channel {
    type Error = StoreError;
    fn try_from(r: ChannelRow) -> Result<Channel, StoreError> {
        Ok(Channel {
            kind: channels::ChannelKind::parse(&r.kind)
                .ok_or_else(|| StoreError::Backend(format!("unknown channel kind '{}'", r.kind)))?,
            public: json("channel", &r.public)?,
            id: r.id,
            org_id: r.org_id,
            name: r.name,
            sealed_config: r.sealed_config,
            disabled: r.disabled,
            created_by: r.created_by,
            created_at: r.created_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct PostRow {
    pub id: String,
    pub org_id: String,
    pub author_id: String,
    pub body: String,
    pub hashtags: String,
    pub content_type: String,
    pub channel_ids: String,
    pub media_ids: String,
    pub consent_ids: String,
    pub scheduled_at: Option<DateTime<Utc>>,
    pub pinned: bool,
    pub state: String,
    pub verdict: String,
    pub findings: String,
    pub submitted_at: Option<DateTime<Utc>>,
    pub reviewed_by: Option<String>,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub review_note: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl TryFrom<PostRow> for Post {
    type Error = StoreError;
    fn try_from(r: PostRow) -> Result<Post, StoreError> {
        Ok(Post {
            hashtags: json("hashtags", &r.hashtags)?,
            content_type: ContentType::parse(&r.content_type).ok_or_else(|| {
                StoreError::Backend(format!("unknown content type '{}'", r.content_type))
            })?,
            channel_ids: json("channel_ids", &r.channel_ids)?,
            media_ids: json("media_ids", &r.media_ids)?,
            consent_ids: json("consent_ids", &r.consent_ids)?,
            state: PostState::parse(&r.state)
                .ok_or_else(|| StoreError::Backend(format!("unknown post state '{}'", r.state)))?,
            findings: json("findings", &r.findings)?,
            id: r.id,
            org_id: r.org_id,
            author_id: r.author_id,
            body: r.body,
            scheduled_at: r.scheduled_at,
            pinned: r.pinned,
            verdict: r.verdict,
            submitted_at: r.submitted_at,
            reviewed_by: r.reviewed_by,
            reviewed_at: r.reviewed_at,
            review_note: r.review_note,
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct DeliveryRow {
    pub id: String,
    pub org_id: String,
    pub post_id: String,
    pub channel_id: String,
    pub state: String,
    pub remote_id: Option<String>,
    pub remote_url: Option<String>,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub idempotency_key: String,
    pub first_attempt_at: Option<DateTime<Utc>>,
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub published_at: Option<DateTime<Utc>>,
    pub pin_state: Option<String>,
    pub updated_at: DateTime<Utc>,
}

impl TryFrom<DeliveryRow> for Delivery {
    type Error = StoreError;
    fn try_from(r: DeliveryRow) -> Result<Delivery, StoreError> {
        Ok(Delivery {
            state: DeliveryState::parse(&r.state).ok_or_else(|| {
                StoreError::Backend(format!("unknown delivery state '{}'", r.state))
            })?,
            id: r.id,
            org_id: r.org_id,
            post_id: r.post_id,
            channel_id: r.channel_id,
            remote_id: r.remote_id,
            remote_url: r.remote_url,
            attempts: r.attempts,
            last_error: r.last_error,
            idempotency_key: r.idempotency_key,
            first_attempt_at: r.first_attempt_at,
            next_attempt_at: r.next_attempt_at,
            published_at: r.published_at,
            pin_state: r.pin_state,
            updated_at: r.updated_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct JobRow {
    pub id: String,
    pub org_id: String,
    pub kind: String,
    pub target_id: String,
    pub run_at_ms: i64,
    pub state: String,
    pub attempts: i32,
    pub locked_by: Option<String>,
    pub lease_until_ms: Option<i64>,
    pub last_error: Option<String>,
}

impl From<JobRow> for Job {
    fn from(r: JobRow) -> Job {
        Job {
            id: r.id,
            org_id: r.org_id,
            kind: r.kind,
            target_id: r.target_id,
            run_at_ms: r.run_at_ms,
            state: r.state,
            attempts: r.attempts,
            locked_by: r.locked_by,
            lease_until_ms: r.lease_until_ms,
            last_error: r.last_error,
        }
    }
}
