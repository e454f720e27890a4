//! The consent registry: record a patient's written authorization, enforce it when posts
//! are submitted, approved and published, and take posts down when it is revoked or expires.

use super::{Desk, SYSTEM};
use crate::access::{Approver, Author};
use crate::audit::NewAuditEntry;
use crate::consent::{Consent, ConsentStatus, Document};
use crate::error::{DomainError, FieldErrors, Result};
use crate::publishing::{Job, JobKind, Post, PostState};
use crate::Viewer;
use chrono::{DateTime, NaiveDate, SubsecRound, Utc};
use serde::Serialize;
use serde_json::json;
use sha2::{Digest, Sha256};

/// The signed authorization as uploaded: a PDF or an image.
pub struct Upload {
    pub filename: String,
    pub bytes: Vec<u8>,
}

/// What the person recording a consent enters (dates as text, for clear errors).
#[derive(Default)]
pub struct ConsentInput {
    pub patient_name: String,
    pub aliases: Vec<String>,
    pub description: String,
    pub purpose: String,
    pub channels: Vec<String>,
    pub signed_at: String,
    pub expires_at: Option<String>,
    pub expiry_event: Option<String>,
    pub document: Option<Upload>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ConsentView {
    #[serde(flatten)]
    pub consent: Consent,
    pub status: ConsentStatus,
    pub has_document: bool,
    /// The posts that rely on it.
    pub posts: Vec<PostRef>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PostRef {
    pub id: String,
    pub state: PostState,
    pub excerpt: String,
}

/// What a revocation did to each post that relied on the consent.
#[derive(Debug, Clone, Serialize)]
pub struct RevocationReport {
    pub consent: ConsentView,
    /// Live or scheduled posts being taken down (their deliveries show the outcome).
    pub taken_down: Vec<PostRef>,
    /// Drafts and posts in review: they can no longer be approved with this consent.
    pub blocked: Vec<PostRef>,
}

/// Largest signed document accepted (a scanned multi-page PDF).
pub const MAX_DOCUMENT_BYTES: usize = 15 * 1024 * 1024;

/// Accepts a date (`2026-11-28`, midnight UTC) or an RFC 3339 time.
fn parse_when(field: &str, value: &str, errors: &mut FieldErrors) -> Option<DateTime<Utc>> {
    let v = value.trim();
    DateTime::parse_from_rfc3339(v)
        .map(|t| t.with_timezone(&Utc))
        .ok()
        .or_else(|| {
            NaiveDate::parse_from_str(v, "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .map(|t| t.and_utc())
        })
        .map(|t| t.trunc_subsecs(6))
        .or_else(|| {
            errors.insert(
                field.into(),
                format!("'{v}' is not a date like 2026-11-28 (or 2026-11-28T09:00:00Z)"),
            );
            None
        })
}

/// The document's real type, from its first bytes: a signature must be a PDF or a photo
/// or scan of the signed form.
fn document_mime(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else {
        None
    }
}

fn excerpt(post: &Post) -> String {
    let text: String = post.body.chars().take(80).collect();
    if post.body.chars().count() > 80 {
        format!("{text}…")
    } else {
        text
    }
}

fn post_ref(post: &Post) -> PostRef {
    PostRef {
        id: post.id.clone(),
        state: post.state,
        excerpt: excerpt(post),
    }
}

impl Desk {
    /// Records a signed consent. Authors record them (they gather the stories); the
    /// document is sealed before it is stored.
    pub async fn create_consent(
        &self,
        author: &Author<'_>,
        input: ConsentInput,
    ) -> Result<ConsentView> {
        let mut errors = FieldErrors::new();
        let patient_name = input.patient_name.trim().to_string();
        if patient_name.is_empty() || patient_name.chars().count() > 200 {
            errors.insert(
                "patient_name".into(),
                "the patient's full name is required".into(),
            );
        }
        let aliases: Vec<String> = input
            .aliases
            .iter()
            .flat_map(|a| a.split([',', ';', '\n']))
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty())
            .collect();
        for (field, value) in [
            ("description", &input.description),
            ("purpose", &input.purpose),
        ] {
            if value.trim().is_empty() {
                errors.insert(
                    field.into(),
                    format!("say what the patient agreed to ({field})"),
                );
            }
        }
        let known = self.store.list_channels(author.org_id()).await?;
        let mut channels = Vec::new();
        for c in input
            .channels
            .iter()
            .flat_map(|c| c.split([',', ';']))
            .map(str::trim)
            .filter(|c| !c.is_empty())
        {
            let ok = channels::ChannelKind::parse(c).is_some() || known.iter().any(|k| k.id == c);
            if ok {
                channels.push(c.to_string());
            } else {
                errors.insert(
                    "channels".into(),
                    format!(
                        "'{c}' is neither a network (mastodon, bluesky, facebook) nor a channel id"
                    ),
                );
            }
        }
        if channels.is_empty() && !errors.contains_key("channels") {
            errors.insert(
                "channels".into(),
                "list the networks the patient agreed to".into(),
            );
        }
        let signed_at = parse_when("signed_at", &input.signed_at, &mut errors);
        let expires_at = input
            .expires_at
            .as_deref()
            .filter(|e| !e.trim().is_empty())
            .and_then(|e| parse_when("expires_at", e, &mut errors));
        let expiry_event = input
            .expiry_event
            .map(|e| e.trim().to_string())
            .filter(|e| !e.is_empty());
        let now = Utc::now().trunc_subsecs(6);
        if let Some(s) = signed_at {
            if s > now + chrono::Duration::days(1) {
                errors.insert(
                    "signed_at".into(),
                    "a consent cannot be signed in the future".into(),
                );
            }
            if expires_at.is_some_and(|e| e <= s) {
                errors.insert(
                    "expires_at".into(),
                    "the expiry must come after the signature".into(),
                );
            }
        }
        if expires_at.is_none() && expiry_event.is_none() {
            errors.insert(
                "expires_at".into(),
                "an authorization must say when it ends: give an expiry date or event".into(),
            );
        }
        let document = match &input.document {
            None => {
                errors.insert(
                    "document".into(),
                    "attach the signed authorization (PDF or image)".into(),
                );
                None
            }
            Some(d) if d.bytes.len() > MAX_DOCUMENT_BYTES => {
                errors.insert(
                    "document".into(),
                    format!(
                        "the document is {} MB; the limit is {} MB",
                        d.bytes.len() / 1_048_576,
                        MAX_DOCUMENT_BYTES / 1_048_576
                    ),
                );
                None
            }
            Some(d) => match document_mime(&d.bytes) {
                Some(mime) => Some((d, mime)),
                None => {
                    errors.insert(
                        "document".into(),
                        "the document must be a PDF, JPEG or PNG file".into(),
                    );
                    None
                }
            },
        };
        if !errors.is_empty() {
            return Err(DomainError::fields(errors));
        }
        let (upload, mime) = document.expect("checked above");
        let id = crate::id::new_id();
        let key = format!("{}/consents/{id}.bin", author.org_id());
        self.files
            .put(&key, self.secrets.seal_bytes(&upload.bytes))
            .await?;
        let consent = Consent {
            id: id.clone(),
            org_id: author.org_id().into(),
            patient_name,
            aliases,
            description: input.description.trim().into(),
            purpose: input.purpose.trim().into(),
            channels,
            obtained_by: author.user_id().into(),
            signed_at: signed_at.expect("checked above"),
            expires_at,
            expiry_event,
            document: Some(Document {
                key,
                filename: upload
                    .filename
                    .chars()
                    .filter(|c| !c.is_control())
                    .take(200)
                    .collect(),
                mime: mime.into(),
                size: upload.bytes.len() as i64,
                sha256: hex::encode(Sha256::digest(&upload.bytes)),
            }),
            revoked_at: None,
            revoked_by: None,
            revoke_reason: None,
            created_at: now,
        };
        self.store.create_consent(&consent).await?;
        if let Some(e) = consent.expires_at {
            self.store
                .enqueue_job(&Job::new(
                    &consent.org_id,
                    JobKind::ConsentExpiry,
                    &consent.id,
                    e,
                ))
                .await?;
        }
        // The audit trail names the consent, not the patient.
        self.audit(
            author.actor(),
            "consent.create",
            &consent.id,
            json!({"channels": consent.channels, "expires_at": consent.expires_at,
                   "document_sha256": consent.document.as_ref().map(|d| &d.sha256)}),
        )
        .await?;
        self.consent_view(consent).await
    }

    pub async fn consents(
        &self,
        viewer: &Viewer<'_>,
        patient: Option<&str>,
    ) -> Result<Vec<ConsentView>> {
        let now = Utc::now();
        Ok(self
            .store
            .list_consents(viewer.org_id(), patient)
            .await?
            .into_iter()
            .map(|c| ConsentView {
                status: c.status(now),
                has_document: c.document.is_some(),
                consent: c,
                posts: vec![],
            })
            .collect())
    }

    /// Consents that are valid but end within [`crate::consent::EXPIRY_WARNING_DAYS`]
    /// days: the reminder list.
    pub async fn expiring_consents(&self, viewer: &Viewer<'_>) -> Result<Vec<ConsentView>> {
        Ok(self
            .consents(viewer, None)
            .await?
            .into_iter()
            .filter(|c| c.status == ConsentStatus::ExpiringSoon)
            .collect())
    }

    pub async fn get_consent(&self, viewer: &Viewer<'_>, id: &str) -> Result<ConsentView> {
        let consent = self.consent(viewer.org_id(), id).await?;
        self.consent_view(consent).await
    }

    /// The signed document: approvers (compliance) only, and every viewing is audited.
    pub async fn consent_document(
        &self,
        approver: &Approver<'_>,
        id: &str,
    ) -> Result<(Document, Vec<u8>)> {
        let consent = self.consent(approver.org_id(), id).await?;
        let doc = consent
            .document
            .ok_or(DomainError::NotFound { what: "document" })?;
        let sealed = self.files.get(&doc.key).await?;
        let bytes = self
            .secrets
            .open_bytes(&sealed)
            .map_err(|e| DomainError::Store(format!("cannot open consent document {id}: {e}")))?;
        self.audit(approver.actor(), "consent.document_view", id, json!({}))
            .await?;
        Ok((doc, bytes))
    }

    /// Revokes a consent: every live or scheduled post relying on it is taken down on
    /// every network, drafts and reviews can no longer use it, and the result is shown.
    pub async fn revoke_consent(
        &self,
        approver: &Approver<'_>,
        id: &str,
        reason: &str,
    ) -> Result<RevocationReport> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(DomainError::invalid(
                "reason",
                "record why the consent was withdrawn",
            ));
        }
        let consent = self.consent(approver.org_id(), id).await?;
        if consent.revoked_at.is_some() {
            return Err(DomainError::Conflict(
                "this consent was already revoked".into(),
            ));
        }
        let at = Utc::now().trunc_subsecs(6);
        if !self
            .store
            .revoke_consent(approver.org_id(), id, approver.user_id(), reason, at)
            .await?
        {
            return Err(DomainError::Conflict(
                "this consent was already revoked".into(),
            ));
        }
        let (taken_down, blocked) = self.end_consent(approver.org_id(), id).await?;
        self.audit(
            approver.actor(),
            "consent.revoke",
            id,
            json!({"reason": reason, "taken_down": taken_down.iter().map(|p| &p.id).collect::<Vec<_>>(),
                   "blocked": blocked.iter().map(|p| &p.id).collect::<Vec<_>>()}),
        )
        .await?;
        let consent = self.consent(approver.org_id(), id).await?;
        Ok(RevocationReport {
            consent: self.consent_view(consent).await?,
            taken_down,
            blocked,
        })
    }

    /// Runs when a consent's expiry time comes (a queued job): takes its posts down.
    pub(crate) async fn expire_consent(&self, org_id: &str, id: &str) -> Result<()> {
        let consent = self.consent(org_id, id).await?;
        let now = Utc::now();
        // Revoked already, or the expiry moved: nothing to do now.
        if consent.revoked_at.is_some() || consent.expires_at.is_none_or(|e| e > now) {
            return Ok(());
        }
        let (taken_down, blocked) = self.end_consent(org_id, id).await?;
        self.record(NewAuditEntry::new(
            org_id,
            SYSTEM,
            "consent.expired",
            id,
            json!({"taken_down": taken_down.iter().map(|p| &p.id).collect::<Vec<_>>(),
                   "blocked": blocked.iter().map(|p| &p.id).collect::<Vec<_>>()}),
        ))
        .await?;
        Ok(())
    }

    async fn end_consent(&self, org_id: &str, id: &str) -> Result<(Vec<PostRef>, Vec<PostRef>)> {
        let mut taken_down = Vec::new();
        let mut blocked = Vec::new();
        for mut post in self.store.posts_with_consent(org_id, id).await? {
            if post.state.is_approved() {
                self.take_down(&mut post).await?;
                taken_down.push(post_ref(&post));
            } else if matches!(
                post.state,
                PostState::Draft | PostState::InReview | PostState::Rejected
            ) {
                blocked.push(post_ref(&post));
            }
        }
        Ok((taken_down, blocked))
    }

    pub(crate) async fn consent(&self, org_id: &str, id: &str) -> Result<Consent> {
        self.store
            .get_consent(org_id, id)
            .await?
            .ok_or(DomainError::NotFound { what: "consent" })
    }

    async fn consent_view(&self, consent: Consent) -> Result<ConsentView> {
        let posts = self
            .store
            .posts_with_consent(&consent.org_id, &consent.id)
            .await?
            .iter()
            .map(post_ref)
            .collect();
        Ok(ConsentView {
            status: consent.status(Utc::now()),
            has_document: consent.document.is_some(),
            consent,
            posts,
        })
    }
}
