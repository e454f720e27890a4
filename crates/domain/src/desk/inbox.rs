//! The inbox: every comment and message is triaged by the guard on arrival and stored once
//! (deduplicated by channel and remote id); the shown text is the redacted form, the raw
//! payload is sealed. Facebook Page webhooks arrive here after their signature is checked.

use super::Desk;
use crate::error::{DomainError, Result};
use crate::inbox::{InboxItem, Incoming};
use crate::publishing::{Channel, Job, JobKind};
use chrono::{DateTime, SubsecRound, Utc};
use hmac::Mac;
use serde_json::Value;
use std::sync::Arc;

/// Why a webhook was refused (the web layer turns these into 400 and 401).
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum WebhookError {
    #[error("the payload is not valid JSON: {0}")]
    Malformed(String),
    #[error("missing or wrong X-Hub-Signature-256")]
    BadSignature,
    #[error("no Facebook channel for page {0}")]
    UnknownPage(String),
}

/// `sha256=<hex>` of the raw body under the app secret, compared in constant time.
fn signed_by(secret: &str, body: &[u8], header: &str) -> bool {
    let Some(hex_sig) = header.strip_prefix("sha256=") else {
        return false;
    };
    let Ok(expected) = hex::decode(hex_sig.trim()) else {
        return false;
    };
    let Ok(mut mac) = <hmac::Hmac<sha2::Sha256> as Mac>::new_from_slice(secret.as_bytes()) else {
        return false;
    };
    mac.update(body);
    mac.verify_slice(&expected).is_ok()
}

fn from_unix(v: &Value) -> DateTime<Utc> {
    v.as_i64()
        .and_then(|t| {
            // Messenger sends milliseconds, the feed seconds.
            if t > 10_000_000_000 {
                DateTime::from_timestamp_millis(t)
            } else {
                DateTime::from_timestamp(t, 0)
            }
        })
        .unwrap_or_else(Utc::now)
}

/// The comments and messages in one Graph webhook entry (Graph API `feed` and `messages`
/// fields, as documented for Page webhooks).
pub fn facebook_items(entry: &Value) -> Vec<Incoming> {
    let mut out = Vec::new();
    for change in entry["changes"].as_array().into_iter().flatten() {
        let v = &change["value"];
        if change["field"] == "feed" && v["item"] == "comment" && v["verb"] == "add" {
            if let (Some(id), Some(text)) = (v["comment_id"].as_str(), v["message"].as_str()) {
                out.push(Incoming {
                    remote_id: id.into(),
                    parent_remote_id: v["parent_id"]
                        .as_str()
                        .or(v["post_id"].as_str())
                        .map(String::from),
                    kind: "comment".into(),
                    author_name: v["from"]["name"].as_str().unwrap_or("someone").into(),
                    author_id: v["from"]["id"].as_str().unwrap_or_default().into(),
                    text: text.into(),
                    received_at: from_unix(&v["created_time"]),
                    raw: change.clone(),
                });
            }
        }
    }
    for m in entry["messaging"].as_array().into_iter().flatten() {
        if let (Some(mid), Some(text)) =
            (m["message"]["mid"].as_str(), m["message"]["text"].as_str())
        {
            // Echoes of the page's own messages are not inbound.
            if m["message"]["is_echo"] == true {
                continue;
            }
            out.push(Incoming {
                remote_id: mid.into(),
                parent_remote_id: None,
                kind: "message".into(),
                author_name: "Messenger user".into(),
                author_id: m["sender"]["id"].as_str().unwrap_or_default().into(),
                text: text.into(),
                received_at: from_unix(&m["timestamp"]),
                raw: m.clone(),
            });
        }
    }
    out
}

/// A connected Facebook Page with its app secret, opened once and cached.
pub(crate) struct FacebookPage {
    page_id: String,
    app_secret: Option<String>,
    channel: Channel,
}

/// Pairs each webhook entry with its page's channel, checking the body's signature with
/// that page's app secret: every entry must pass before anything is stored.
fn signed_entries(
    pages: &[FacebookPage],
    entries: &[Value],
    body: &[u8],
    signature: &str,
) -> std::result::Result<Vec<(Channel, Value)>, WebhookError> {
    let mut work = Vec::new();
    for entry in entries {
        let page = entry["id"].as_str().unwrap_or_default();
        let known = pages
            .iter()
            .find(|p| p.page_id == page)
            .ok_or_else(|| WebhookError::UnknownPage(page.to_string()))?;
        match &known.app_secret {
            Some(secret) if signed_by(secret, body, signature) => {}
            _ => return Err(WebhookError::BadSignature),
        }
        work.push((known.channel.clone(), entry.clone()));
    }
    Ok(work)
}

impl Desk {
    /// The Facebook channels by page, read again after [`super::GUARD_RECHECK`] or when
    /// `fresh` is asked for.
    async fn facebook_pages(&self, fresh: bool) -> Result<Arc<Vec<FacebookPage>>> {
        if let Some(pages) = self.facebook_pages.fresh(&()).filter(|_| !fresh) {
            return Ok(pages);
        }
        let mut pages = Vec::new();
        for channel in self.store.channels_of_kind("facebook").await? {
            let app_secret = match self.channel_config(&channel) {
                Ok(channels::ChannelConfig::Facebook { app_secret, .. }) => app_secret,
                _ => None,
            };
            pages.push(FacebookPage {
                page_id: channel.public["page_id"]
                    .as_str()
                    .unwrap_or_default()
                    .into(),
                app_secret,
                channel,
            });
        }
        Ok(self.facebook_pages.put((), pages))
    }

    /// Triage and store one item for a channel; `None` when it was already stored. The
    /// commenting policy then applies: a suggested reply is attached, and an automatic hide
    /// is queued for the worker (the network call never holds up the webhook).
    pub async fn ingest(&self, channel: &Channel, incoming: Incoming) -> Result<Option<InboxItem>> {
        let guard = self.guard(&channel.org_id).await?;
        let triage = guard.classify(&incoming.text);
        let labels: Vec<String> = triage
            .labels
            .iter()
            .map(|l| l.as_str().to_string())
            .collect();
        let policy = self.policy_in_force(&channel.org_id).await?;
        let suggested_reply = self
            .suggest_reply(&policy, &labels, &incoming.text, triage.reply)
            .await?;
        let item = InboxItem {
            id: crate::id::new_id(),
            org_id: channel.org_id.clone(),
            channel_id: channel.id.clone(),
            remote_id: incoming.remote_id,
            parent_remote_id: incoming.parent_remote_id,
            kind: incoming.kind,
            author_name: guard.redact_inbound(&incoming.author_name),
            text: guard.redact_inbound(&incoming.text),
            raw_sealed: self.secrets.seal(&incoming.raw.to_string()),
            labels,
            state: "new".into(),
            assigned_to: None,
            suggested_reply,
            received_at: incoming.received_at.trunc_subsecs(6),
            first_response_at: None,
            resolved_at: None,
            needs_person: None,
            removed_at: None,
        };
        let job = policy
            .auto_hide(&item.labels)
            .map(|_| Job::new(&item.org_id, JobKind::Moderate, &item.id, Utc::now()));
        let follow_up = job.is_some();
        if !self
            .inbox_writer
            .store(&self.store, item.clone(), job)
            .await?
        {
            return Ok(None);
        }
        if follow_up {
            self.work_ready.notify_one();
        }
        Ok(Some(item))
    }

    /// Answers Facebook's webhook verification (`hub.mode=subscribe`): the challenge when
    /// the token is one of a Facebook channel's verify tokens.
    pub async fn facebook_challenge(
        &self,
        mode: &str,
        token: &str,
        challenge: &str,
    ) -> Result<Option<String>> {
        if mode != "subscribe" || token.is_empty() {
            return Ok(None);
        }
        for c in self.store.channels_of_kind("facebook").await? {
            if let Ok(channels::ChannelConfig::Facebook {
                verify_token: Some(t),
                ..
            }) = self.channel_config(&c)
            {
                if crate::credentials::same_secret(&t, token) {
                    return Ok(Some(challenge.to_string()));
                }
            }
        }
        Ok(None)
    }

    /// A Page webhook delivery: every entry's page must be a connected channel and the
    /// body must be signed with that channel's app secret, or nothing is stored. Returns
    /// how many new items were stored (duplicates are skipped).
    pub async fn facebook_webhook(
        &self,
        signature: Option<&str>,
        body: &[u8],
    ) -> std::result::Result<usize, WebhookError> {
        let signature = signature.ok_or(WebhookError::BadSignature)?;
        let payload: Value =
            serde_json::from_slice(body).map_err(|e| WebhookError::Malformed(e.to_string()))?;
        let entries = payload["entry"].as_array().cloned().unwrap_or_default();
        let storage = |e: DomainError| WebhookError::Malformed(format!("storage: {e}"));
        let pages = self.facebook_pages(false).await.map_err(storage)?;
        // A page or an app secret this instance has not seen yet may be new: read the
        // channels again before refusing.
        let work = match signed_entries(&pages, &entries, body, signature) {
            Ok(work) => work,
            Err(_) => {
                let pages = self.facebook_pages(true).await.map_err(storage)?;
                signed_entries(&pages, &entries, body, signature)?
            }
        };
        let mut stored = 0;
        for (channel, entry) in work {
            for incoming in facebook_items(&entry) {
                match self.ingest(&channel, incoming).await {
                    Ok(Some(_)) => stored += 1,
                    Ok(None) => {}
                    Err(e) => return Err(WebhookError::Malformed(format!("could not store: {e}"))),
                }
            }
        }
        Ok(stored)
    }

    /// Polls one channel's mentions and replies into the inbox. The cursor is stored only
    /// after every item is, so downtime loses nothing and a repeat stores nothing twice.
    /// `Ok(false)` when the channel is gone (polling stops).
    pub(crate) async fn poll_inbox(&self, org_id: &str, channel_id: &str) -> Result<bool> {
        let Some(channel) = self.store.get_channel(org_id, channel_id).await? else {
            return Ok(false);
        };
        // A paused channel is not polled but keeps its place in the schedule, so resuming
        // it resumes polling (from the cursor: what arrived meanwhile is fetched then).
        if channel.disabled {
            return Ok(true);
        }
        let key = format!("inbox.cursor.{channel_id}");
        let cursor = self.store.get_setting(&key).await?;
        let connector = self.connector(&channel)?;
        let (mentions, next) = connector
            .mentions(cursor.as_deref())
            .await
            .map_err(|e| DomainError::Store(format!("polling {}: {e}", channel.name)))?;
        for m in mentions {
            self.ingest(
                &channel,
                Incoming {
                    remote_id: m.remote_id,
                    parent_remote_id: m.in_reply_to,
                    kind: "mention".into(),
                    author_name: m.author_name,
                    author_id: m.author_id,
                    text: m.text,
                    received_at: m.created_at,
                    raw: m.raw,
                },
            )
            .await?;
        }
        if let Some(next) = next.filter(|n| Some(n) != cursor.as_ref()) {
            self.store.put_setting(&key, &next).await?;
        }
        Ok(true)
    }
}
