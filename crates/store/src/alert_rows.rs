//! Contact and alert rows as the databases return them.

use chrono::{DateTime, Utc};
use domain::alert::{Alert, AlertMessage, AlertState, Medium, Notify};
use domain::contacts::Contact;
use domain::store::StoreError;

pub const CONTACT_COLUMNS: &str = "id, org_id, name, email, phone, language, segments, \
    email_opt_in, sms_opt_in, voice_opt_in, created_at, updated_at";
pub const ALERT_COLUMNS: &str = "id, org_id, title, body, channel_ids, segments, notify, \
    starts_at, expires_at, state, post_id, all_clear, created_by, ended_at, created_at";
pub const MESSAGE_COLUMNS: &str =
    "id, org_id, alert_id, contact_id, medium, state, provider_id, attempts, last_error, at_ms";

fn json<T: serde::de::DeserializeOwned>(what: &str, s: &str) -> Result<T, StoreError> {
    serde_json::from_str(s)
        .map_err(|e| StoreError::Backend(format!("bad {what} JSON in store: {e}")))
}

#[derive(sqlx::FromRow)]
pub struct ContactRow {
    pub id: String,
    pub org_id: String,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub language: String,
    pub segments: String,
    pub email_opt_in: bool,
    pub sms_opt_in: bool,
    pub voice_opt_in: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl TryFrom<ContactRow> for Contact {
    type Error = StoreError;
    fn try_from(r: ContactRow) -> Result<Contact, StoreError> {
        Ok(Contact {
            segments: json("segments", &r.segments)?,
            id: r.id,
            org_id: r.org_id,
            name: r.name,
            email: r.email,
            phone: r.phone,
            language: r.language,
            email_opt_in: r.email_opt_in,
            sms_opt_in: r.sms_opt_in,
            voice_opt_in: r.voice_opt_in,
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct AlertRow {
    pub id: String,
    pub org_id: String,
    pub title: String,
    pub body: String,
    pub channel_ids: String,
    pub segments: String,
    pub notify: String,
    pub starts_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub state: String,
    pub post_id: Option<String>,
    pub all_clear: Option<String>,
    pub created_by: String,
    pub ended_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl TryFrom<AlertRow> for Alert {
    type Error = StoreError;
    fn try_from(r: AlertRow) -> Result<Alert, StoreError> {
        Ok(Alert {
            channel_ids: json("channel_ids", &r.channel_ids)?,
            segments: json("segments", &r.segments)?,
            notify: json::<Notify>("notify", &r.notify)?,
            state: AlertState::parse(&r.state)
                .ok_or_else(|| StoreError::Backend(format!("unknown alert state '{}'", r.state)))?,
            id: r.id,
            org_id: r.org_id,
            title: r.title,
            body: r.body,
            starts_at: r.starts_at,
            expires_at: r.expires_at,
            post_id: r.post_id,
            all_clear: r.all_clear,
            created_by: r.created_by,
            ended_at: r.ended_at,
            created_at: r.created_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct MessageRow {
    pub id: String,
    pub org_id: String,
    pub alert_id: String,
    pub contact_id: String,
    pub medium: String,
    pub state: String,
    pub provider_id: Option<String>,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub at_ms: i64,
}

impl TryFrom<MessageRow> for AlertMessage {
    type Error = StoreError;
    fn try_from(r: MessageRow) -> Result<AlertMessage, StoreError> {
        Ok(AlertMessage {
            medium: Medium::parse(&r.medium)
                .ok_or_else(|| StoreError::Backend(format!("unknown medium '{}'", r.medium)))?,
            id: r.id,
            org_id: r.org_id,
            alert_id: r.alert_id,
            contact_id: r.contact_id,
            state: r.state,
            provider_id: r.provider_id,
            attempts: r.attempts,
            last_error: r.last_error,
            at_ms: r.at_ms,
        })
    }
}
