//! Media items: uploaded images and videos, cleaned of metadata, described with alt text,
//! and marked by the uploader as showing a patient (then a consent must be linked) or not.

use chrono::{DateTime, Utc};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MediaItem {
    pub id: String,
    pub org_id: String,
    pub filename: String,
    pub mime: String,
    pub size: i64,
    pub width: Option<i32>,
    pub height: Option<i32>,
    pub sha256: String,
    /// Required before the item can be attached to a post; scanned by the guard.
    pub alt_text: String,
    pub shows_patient: bool,
    /// What was stripped on upload (for the audit trail).
    pub removed: Vec<String>,
    #[serde(skip)]
    pub file_key: String,
    pub uploaded_by: String,
    pub created_at: DateTime<Utc>,
}

impl MediaItem {
    pub fn is_video(&self) -> bool {
        self.mime.starts_with("video/")
    }
}
