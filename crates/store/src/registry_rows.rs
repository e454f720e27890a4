//! Consent and media rows as the databases return them.

use chrono::{DateTime, Utc};
use domain::consent::{Consent, Document};
use domain::media::MediaItem;
use domain::store::StoreError;

pub const CONSENT_COLUMNS: &str = "id, org_id, patient_name, aliases, description, purpose, \
    channels, obtained_by, signed_at, expires_at, expiry_event, document, revoked_at, revoked_by, \
    revoke_reason, created_at";
pub const MEDIA_COLUMNS: &str = "id, org_id, filename, mime, size, width, height, sha256, \
    alt_text, shows_patient, removed, file_key, uploaded_by, created_at";

fn json<T: serde::de::DeserializeOwned>(what: &str, s: &str) -> Result<T, StoreError> {
    serde_json::from_str(s)
        .map_err(|e| StoreError::Backend(format!("bad {what} JSON in store: {e}")))
}

/// What the patient search matches: the name and aliases, lower-cased.
pub fn consent_search(c: &Consent) -> String {
    std::iter::once(&c.patient_name)
        .chain(c.aliases.iter())
        .map(|n| n.to_lowercase())
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn document_json(d: &Option<Document>) -> Option<String> {
    d.as_ref().and_then(|d| serde_json::to_string(d).ok())
}

#[derive(sqlx::FromRow)]
pub struct ConsentRow {
    pub id: String,
    pub org_id: String,
    pub patient_name: String,
    pub aliases: String,
    pub description: String,
    pub purpose: String,
    pub channels: String,
    pub obtained_by: String,
    pub signed_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    pub expiry_event: Option<String>,
    pub document: Option<String>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub revoked_by: Option<String>,
    pub revoke_reason: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl TryFrom<ConsentRow> for Consent {
    type Error = StoreError;
    fn try_from(r: ConsentRow) -> Result<Consent, StoreError> {
        Ok(Consent {
            aliases: json("aliases", &r.aliases)?,
            channels: json("channels", &r.channels)?,
            document: r
                .document
                .as_deref()
                .map(|d| json("document", d))
                .transpose()?,
            id: r.id,
            org_id: r.org_id,
            patient_name: r.patient_name,
            description: r.description,
            purpose: r.purpose,
            obtained_by: r.obtained_by,
            signed_at: r.signed_at,
            expires_at: r.expires_at,
            expiry_event: r.expiry_event,
            revoked_at: r.revoked_at,
            revoked_by: r.revoked_by,
            revoke_reason: r.revoke_reason,
            created_at: r.created_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct MediaRow {
    pub id: String,
    pub org_id: String,
    pub filename: String,
    pub mime: String,
    pub size: i64,
    pub width: Option<i32>,
    pub height: Option<i32>,
    pub sha256: String,
    pub alt_text: String,
    pub shows_patient: bool,
    pub removed: String,
    pub file_key: String,
    pub uploaded_by: String,
    pub created_at: DateTime<Utc>,
}

impl TryFrom<MediaRow> for MediaItem {
    type Error = StoreError;
    fn try_from(r: MediaRow) -> Result<MediaItem, StoreError> {
        Ok(MediaItem {
            removed: json("removed", &r.removed)?,
            id: r.id,
            org_id: r.org_id,
            filename: r.filename,
            mime: r.mime,
            size: r.size,
            width: r.width,
            height: r.height,
            sha256: r.sha256,
            alt_text: r.alt_text,
            shows_patient: r.shows_patient,
            file_key: r.file_key,
            uploaded_by: r.uploaded_by,
            created_at: r.created_at,
        })
    }
}
