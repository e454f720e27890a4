//! The media library: uploads are cleaned of every metadata block (GPS in a photo is a
//! patient's location) without re-encoding, sealed, and described before use.

use super::Desk;
use crate::access::Author;
use crate::consent::uncovered;
use crate::error::{DomainError, FieldErrors, Result};
use crate::media::MediaItem;
use crate::Viewer;
use chrono::{SubsecRound, Utc};
use serde::Serialize;
use serde_json::json;
use sha2::{Digest, Sha256};

#[derive(Debug, Clone, Serialize)]
pub struct MediaView {
    #[serde(flatten)]
    pub item: MediaItem,
    /// The guard's findings in the alt text (alt text is published too).
    pub alt_text_findings: Vec<guard::Finding>,
    pub posts: Vec<super::PostRef>,
}

/// Longest alt text (Mastodon's and Bluesky's limits are higher; descriptions should be
/// short enough to be read aloud).
pub const MAX_ALT_TEXT: usize = 1_500;

impl Desk {
    /// Uploads an image or a short video. `shows_patient` must be answered every time: a
    /// picture of a patient needs their consent linked to any post that uses it.
    pub async fn upload_media(
        &self,
        author: &Author<'_>,
        filename: &str,
        bytes: Vec<u8>,
        alt_text: &str,
        shows_patient: Option<bool>,
    ) -> Result<MediaView> {
        let mut errors = FieldErrors::new();
        let alt_text = alt_text.trim();
        if alt_text.is_empty() {
            errors.insert(
                "alt_text".into(),
                "describe the picture for people who cannot see it (alt text)".into(),
            );
        } else if alt_text.chars().count() > MAX_ALT_TEXT {
            errors.insert(
                "alt_text".into(),
                format!("keep the alt text under {MAX_ALT_TEXT} characters"),
            );
        }
        if shows_patient.is_none() {
            errors.insert(
                "shows_patient".into(),
                "say whether the picture shows a patient (true) or only staff or the public (false)"
                    .into(),
            );
        }
        let cleaned = match media::clean(&bytes) {
            Ok(c) => Some(c),
            Err(e) => {
                errors.insert("file".into(), e.to_string());
                None
            }
        };
        if !errors.is_empty() {
            return Err(DomainError::fields(errors));
        }
        let cleaned = cleaned.expect("checked above");
        let id = crate::id::new_id();
        let key = format!("{}/media/{id}.bin", author.org_id());
        self.files
            .put(&key, self.secrets.seal_bytes(&cleaned.bytes))
            .await?;
        let item = MediaItem {
            id,
            org_id: author.org_id().into(),
            filename: filename
                .chars()
                .filter(|c| !c.is_control())
                .take(200)
                .collect(),
            mime: cleaned.mime.into(),
            size: cleaned.bytes.len() as i64,
            width: cleaned.width.and_then(|w| i32::try_from(w).ok()),
            height: cleaned.height.and_then(|h| i32::try_from(h).ok()),
            sha256: hex::encode(Sha256::digest(&cleaned.bytes)),
            alt_text: alt_text.into(),
            shows_patient: shows_patient.unwrap_or(true),
            removed: cleaned.removed.clone(),
            file_key: key,
            uploaded_by: author.user_id().into(),
            created_at: Utc::now().trunc_subsecs(6),
        };
        self.store.create_media(&item).await?;
        self.audit(
            author.actor(),
            "media.upload",
            &item.id,
            json!({"mime": item.mime, "size": item.size, "shows_patient": item.shows_patient,
                   "removed": item.removed}),
        )
        .await?;
        self.media_view(item).await
    }

    pub async fn media_library(&self, viewer: &Viewer<'_>) -> Result<Vec<MediaItem>> {
        Ok(self.store.list_media(viewer.org_id()).await?)
    }

    pub async fn get_media(&self, viewer: &Viewer<'_>, id: &str) -> Result<MediaView> {
        let item = self.media_item(viewer.org_id(), id).await?;
        self.media_view(item).await
    }

    /// The stored, cleaned bytes and their type.
    pub async fn media_file(&self, viewer: &Viewer<'_>, id: &str) -> Result<(MediaItem, Vec<u8>)> {
        let item = self.media_item(viewer.org_id(), id).await?;
        let bytes = self.media_bytes(&item).await?;
        Ok((item, bytes))
    }

    /// Changes the alt text or the "shows a patient" answer.
    pub async fn update_media(
        &self,
        author: &Author<'_>,
        id: &str,
        alt_text: Option<&str>,
        shows_patient: Option<bool>,
    ) -> Result<MediaView> {
        let mut item = self.media_item(author.org_id(), id).await?;
        if let Some(alt) = alt_text {
            let alt = alt.trim();
            if alt.is_empty() || alt.chars().count() > MAX_ALT_TEXT {
                return Err(DomainError::invalid(
                    "alt_text",
                    format!("alt text is required, under {MAX_ALT_TEXT} characters"),
                ));
            }
            item.alt_text = alt.into();
        }
        if let Some(s) = shows_patient {
            item.shows_patient = s;
        }
        self.store.update_media(&item).await?;
        self.audit(
            author.actor(),
            "media.update",
            id,
            json!({"shows_patient": item.shows_patient}),
        )
        .await?;
        self.media_view(item).await
    }

    pub(crate) async fn media_item(&self, org_id: &str, id: &str) -> Result<MediaItem> {
        self.store
            .get_media(org_id, id)
            .await?
            .ok_or(DomainError::NotFound { what: "media item" })
    }

    pub(crate) async fn media_bytes(&self, item: &MediaItem) -> Result<Vec<u8>> {
        let sealed = self.files.get(&item.file_key).await?;
        self.secrets
            .open_bytes(&sealed)
            .map_err(|e| DomainError::Store(format!("cannot open media {}: {e}", item.id)))
    }

    async fn media_view(&self, item: MediaItem) -> Result<MediaView> {
        let report = self.guard(&item.org_id).await?.scan(&item.alt_text);
        let alt_text_findings = uncovered(&report.findings, &[])
            .into_iter()
            .cloned()
            .collect();
        let posts = self
            .store
            .posts_with_media(&item.org_id, &item.id)
            .await?
            .iter()
            .map(|p| super::PostRef {
                id: p.id.clone(),
                state: p.state,
                excerpt: p.body.chars().take(80).collect(),
            })
            .collect();
        Ok(MediaView {
            item,
            alt_text_findings,
            posts,
        })
    }
}
