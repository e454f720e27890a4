//! The Bluesky inbox: notifications polled from the AppView (through the account's PDS),
//! replies written as `app.bsky.feed.post` records with a `reply` ref, and replies hidden with
//! the root post's `app.bsky.feed.threadgate`.
//!
//! The Carepost cursor is the newest notification `indexedAt` seen, as Bluesky wrote it:
//! `listNotifications` only pages backwards (newest first), so a poll pages back from the top
//! until it reaches what the previous poll already saw.

use super::{parse_at_uri, str_field, tid, Bluesky, Body, Failure, POST};
use crate::{ConnectorError, Mention, Published};
use chrono::{DateTime, SecondsFormat, Utc};
use reqwest::Method;
use serde_json::{json, Map, Value};
use std::collections::HashSet;

const LIST_NOTIFICATIONS: &str = "app.bsky.notification.listNotifications";
const THREADGATE: &str = "app.bsky.feed.threadgate";
/// Notifications per page (the lexicon allows 1 to 100; 50 is its default).
const PAGE_LIMIT: usize = 50;
/// How far back one poll pages (25 × 50 notifications): enough for any pause of the poller a
/// hospital account sees; beyond it the oldest notifications of the gap are not gathered.
const MAX_PAGES: usize = 25;
/// The lexicon's bound on `hiddenReplies`.
const MAX_HIDDEN_REPLIES: usize = 50;
/// The notification reasons that carry a post addressed to the account (likes, reposts,
/// follows and the rest are not conversations).
const CONVERSATION_REASONS: [&str; 3] = ["reply", "mention", "quote"];

fn datetime(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// A `{uri, cid}` strong ref from a `com.atproto.repo.getRecord` answer.
fn strong_ref(record: &Value) -> Result<Value, Failure> {
    Ok(json!({
        "uri": str_field(record, "uri")?,
        "cid": str_field(record, "cid")?,
    }))
}

/// The notification as a [`Mention`], or `None` when it is not a conversation (a like, a
/// follow) or lacks what a mention needs.
fn mention(n: &Value, indexed_at: DateTime<Utc>) -> Option<Mention> {
    let reason = n.get("reason").and_then(Value::as_str)?;
    if !CONVERSATION_REASONS.contains(&reason) {
        return None;
    }
    let uri = n.get("uri").and_then(Value::as_str)?;
    let author = n.get("author")?;
    let author_id = author.get("did").and_then(Value::as_str)?;
    let author_name = author
        .get("displayName")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .or_else(|| author.get("handle").and_then(Value::as_str))
        .unwrap_or(author_id);
    let record = n.get("record");
    let field = |pointer: &str| {
        record
            .and_then(|r| r.pointer(pointer))
            .and_then(Value::as_str)
    };
    Some(Mention {
        remote_id: uri.to_string(),
        in_reply_to: field("/reply/parent/uri").map(str::to_string),
        author_name: author_name.to_string(),
        author_id: author_id.to_string(),
        text: field("/text").unwrap_or_default().to_string(),
        created_at: indexed_at,
        raw: n.clone(),
    })
}

impl Bluesky {
    /// [`crate::Connector::mentions`]: replies, mentions and quotes newer than `cursor`.
    pub(super) async fn inbox_mentions(
        &self,
        cursor: Option<&str>,
    ) -> Result<(Vec<Mention>, Option<String>), ConnectorError> {
        let since = match cursor {
            None => None,
            Some(c) => match datetime(c) {
                Some(t) => Some(t),
                // Polling from the top again is safe: the inbox keeps one item per remote id.
                None => {
                    tracing::warn!(
                        service = %self.service_url,
                        "the stored Bluesky inbox cursor is not a timestamp; polling from the newest page"
                    );
                    None
                }
            },
        };
        let mut newest: Option<(DateTime<Utc>, String)> = since.zip(cursor.map(str::to_string));
        let mut found: Vec<(DateTime<Utc>, Mention)> = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        let mut page_cursor: Option<String> = None;
        let limit = PAGE_LIMIT.to_string();
        let mut pages = 0;
        loop {
            let mut query = vec![("limit", limit.as_str())];
            if let Some(c) = &page_cursor {
                query.push(("cursor", c.as_str()));
            }
            let page = self
                .call(Method::GET, LIST_NOTIFICATIONS, &query, &Body::None)
                .await
                .map_err(|f| f.into_error("notifications"))?;
            pages += 1;
            let notifications = page
                .get("notifications")
                .and_then(Value::as_array)
                .ok_or_else(|| {
                    ConnectorError::Transient(
                        "Bluesky notifications: unexpected answer: no `notifications` list".into(),
                    )
                })?;
            let mut reached_cursor = false;
            for n in notifications {
                let Some(raw_at) = n.get("indexedAt").and_then(Value::as_str) else {
                    continue;
                };
                let Some(at) = datetime(raw_at) else {
                    tracing::warn!(
                        indexed_at = raw_at,
                        "Bluesky notification with an unreadable indexedAt skipped"
                    );
                    continue;
                };
                if since.is_some_and(|s| at <= s) {
                    reached_cursor = true;
                    continue;
                }
                if newest.as_ref().is_none_or(|(t, _)| at > *t) {
                    newest = Some((at, raw_at.to_string()));
                }
                if let Some(m) = mention(n, at) {
                    if seen.insert(m.remote_id.clone()) {
                        found.push((at, m));
                    }
                }
            }
            page_cursor = page
                .get("cursor")
                .and_then(Value::as_str)
                .filter(|c| !c.is_empty())
                .map(str::to_string);
            // The first poll starts from now: the newest page, not the account's history.
            if since.is_none() || reached_cursor || notifications.is_empty() {
                break;
            }
            if page_cursor.is_none() {
                break;
            }
            if pages >= MAX_PAGES {
                tracing::warn!(
                    service = %self.service_url,
                    pages,
                    "more Bluesky notifications since the last poll than one poll pages through; the oldest are skipped"
                );
                break;
            }
        }
        // Pages come newest first; the inbox takes them oldest first. The sort is stable, so
        // notifications indexed in the same millisecond keep Bluesky's order among themselves.
        found.reverse();
        found.sort_by_key(|(at, _)| *at);
        Ok((
            found.into_iter().map(|(_, m)| m).collect(),
            newest.map(|(_, raw)| raw),
        ))
    }

    /// [`crate::Connector::reply`]: a post answering `to_remote_id` (an `at://` post URI), in
    /// the same thread.
    pub(super) async fn inbox_reply(
        &self,
        to_remote_id: &str,
        text: &str,
    ) -> Result<Published, ConnectorError> {
        let (repo, collection, rkey) = parse_at_uri(to_remote_id)?;
        if collection != POST {
            return Err(ConnectorError::Permanent(format!(
                "only Bluesky posts can be answered, not {to_remote_id}"
            )));
        }
        let s = self.session().await.map_err(|f| f.into_error("sign-in"))?;
        let parent_record = self
            .get_record(repo, collection, rkey)
            .await
            .map_err(|f| f.into_error("reading the post to answer"))?
            .ok_or_else(|| {
                ConnectorError::Permanent(format!(
                    "cannot answer {to_remote_id}: the post was deleted"
                ))
            })?;
        let parent = strong_ref(&parent_record).map_err(|f| f.into_error("reading the post"))?;
        // A reply's thread is its parent's thread; a post that answers nothing starts one.
        let root = match parent_record.pointer("/value/reply/root") {
            Some(root) => strong_ref(root).map_err(|f| f.into_error("reading the post"))?,
            None => parent.clone(),
        };
        let mut fields = Map::new();
        fields.insert("reply".into(), json!({ "root": root, "parent": parent }));
        // The same answer to the same post is one reply: a retry after a lost answer lands on
        // the record the first attempt created instead of answering twice.
        let reply_key = tid::rkey_for(&format!("reply\n{to_remote_id}\n{text}"));
        self.create_post(&s, &reply_key, text, fields, "reply")
            .await
    }

    /// [`crate::Connector::hide`]: adds `remote_id` to (or removes it from) the
    /// `hiddenReplies` of its thread's gate, which must be on one of the account's posts.
    pub(super) async fn inbox_hide(
        &self,
        remote_id: &str,
        hidden: bool,
    ) -> Result<(), ConnectorError> {
        let (repo, collection, rkey) = parse_at_uri(remote_id)?;
        if collection != POST {
            return Err(ConnectorError::Permanent(format!(
                "only replies to posts can be hidden on Bluesky, not {remote_id}"
            )));
        }
        let s = self.session().await.map_err(|f| f.into_error("sign-in"))?;
        let reply = self
            .get_record(repo, collection, rkey)
            .await
            .map_err(|f| f.into_error("reading the reply"))?
            .ok_or_else(|| {
                ConnectorError::Permanent(format!(
                    "cannot change {remote_id}: the reply was deleted by its author"
                ))
            })?;
        let root_uri = reply
            .pointer("/value/reply/root/uri")
            .and_then(Value::as_str)
            .ok_or_else(|| {
                ConnectorError::Permanent(
                    "this Bluesky post is not a reply: only replies under this account's own posts can be hidden"
                        .into(),
                )
            })?;
        let (root_repo, root_collection, root_rkey) = parse_at_uri(root_uri)?;
        if (root_repo != s.did && root_repo != s.handle) || root_collection != POST {
            return Err(ConnectorError::Permanent(
                "only replies under this account's own posts can be hidden on Bluesky; this one is in someone else's thread"
                    .into(),
            ));
        }
        for attempt in 0..2 {
            let current = self
                .get_record(&s.did, THREADGATE, root_rkey)
                .await
                .map_err(|f| f.into_error("reading the thread gate"))?;
            let (mut gate, swap) = match current {
                Some(v) => {
                    let gate = v.get("value").and_then(Value::as_object).cloned();
                    let cid = v.get("cid").and_then(Value::as_str);
                    match (gate, cid) {
                        (Some(g), Some(c)) => (g, Value::String(c.to_string())),
                        _ => {
                            return Err(ConnectorError::Transient(
                                "Bluesky thread gate read: no record or cid in the answer".into(),
                            ))
                        }
                    }
                }
                // Nothing hidden and no reply rules yet.
                None if !hidden => return Ok(()),
                // A new gate without `allow`: everyone can still reply, only this one is hidden.
                None => {
                    let mut g = Map::new();
                    g.insert("$type".into(), json!(THREADGATE));
                    g.insert("post".into(), json!(root_uri));
                    g.insert(
                        "createdAt".into(),
                        json!(Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)),
                    );
                    (g, Value::Null)
                }
            };
            if !set_hidden(&mut gate, remote_id, hidden)? {
                return Ok(());
            }
            let body = Body::Json(json!({
                "repo": s.did,
                "collection": THREADGATE,
                "rkey": root_rkey,
                "record": gate,
                "swapRecord": swap,
            }));
            match self
                .call(Method::POST, "com.atproto.repo.putRecord", &[], &body)
                .await
            {
                Ok(_) => return Ok(()),
                // Changed meanwhile (in the Bluesky app, or by a colleague): read it again.
                Err(f) if f.is("InvalidSwap") && attempt == 0 => continue,
                Err(f) => return Err(f.into_error("thread gate update")),
            }
        }
        Err(ConnectorError::Transient(
            "the Bluesky thread gate kept changing while it was updated".into(),
        ))
    }
}

/// Adds `uri` to the gate's `hiddenReplies` or removes it. `Ok(false)` when nothing changes.
fn set_hidden(
    gate: &mut Map<String, Value>,
    uri: &str,
    hidden: bool,
) -> Result<bool, ConnectorError> {
    let mut list: Vec<Value> = gate
        .get("hiddenReplies")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let present = list.iter().any(|u| u.as_str() == Some(uri));
    if present == hidden {
        return Ok(false);
    }
    if hidden {
        if list.len() >= MAX_HIDDEN_REPLIES {
            return Err(ConnectorError::Permanent(format!(
                "Bluesky hides at most {MAX_HIDDEN_REPLIES} replies per thread; show one of them again first"
            )));
        }
        list.push(json!(uri));
    } else {
        list.retain(|u| u.as_str() != Some(uri));
    }
    if list.is_empty() {
        gate.remove("hiddenReplies");
    } else {
        gate.insert("hiddenReplies".into(), Value::Array(list));
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notification(reason: &str, uri: &str, indexed_at: &str) -> Value {
        json!({
            "uri": uri,
            "cid": "bafyreib",
            "author": { "did": "did:plc:alice", "handle": "alice.test", "displayName": "" },
            "reason": reason,
            "record": {
                "$type": "app.bsky.feed.post",
                "text": "When is the flu clinic open?",
                "createdAt": indexed_at,
                "reply": {
                    "root": { "uri": "at://did:plc:org/app.bsky.feed.post/root", "cid": "bafyroot" },
                    "parent": { "uri": "at://did:plc:org/app.bsky.feed.post/parent", "cid": "bafyparent" }
                }
            },
            "isRead": false,
            "indexedAt": indexed_at,
        })
    }

    #[test]
    fn conversations_become_mentions_and_the_rest_is_skipped() {
        let at = datetime("2026-11-29T02:00:00.000Z").unwrap();
        let n = notification(
            "reply",
            "at://did:plc:alice/app.bsky.feed.post/3k",
            "2026-11-29T02:00:00.000Z",
        );
        let m = mention(&n, at).unwrap();
        assert_eq!(m.remote_id, "at://did:plc:alice/app.bsky.feed.post/3k");
        assert_eq!(
            m.in_reply_to.as_deref(),
            Some("at://did:plc:org/app.bsky.feed.post/parent")
        );
        // An empty display name falls back to the handle.
        assert_eq!(m.author_name, "alice.test");
        assert_eq!(m.author_id, "did:plc:alice");
        assert_eq!(m.text, "When is the flu clinic open?");
        assert_eq!(m.created_at, at);
        assert_eq!(m.raw, n);
        for reason in ["like", "repost", "follow", "starterpack-joined"] {
            assert!(mention(&notification(reason, "at://x/y/z", "t"), at).is_none());
        }
    }

    #[test]
    fn hidden_replies_are_added_once_and_removed() {
        let mut gate = Map::new();
        gate.insert("allow".into(), json!([]));
        assert!(set_hidden(&mut gate, "at://a/p/1", true).unwrap());
        assert!(!set_hidden(&mut gate, "at://a/p/1", true).unwrap());
        assert_eq!(gate["hiddenReplies"], json!(["at://a/p/1"]));
        assert!(!set_hidden(&mut gate, "at://a/p/2", false).unwrap());
        assert!(set_hidden(&mut gate, "at://a/p/1", false).unwrap());
        assert!(gate.get("hiddenReplies").is_none());
        assert_eq!(gate["allow"], json!([]));

        let full: Vec<Value> = (0..MAX_HIDDEN_REPLIES)
            .map(|i| json!(format!("at://a/p/{i}")))
            .collect();
        gate.insert("hiddenReplies".into(), Value::Array(full));
        assert!(matches!(
            set_hidden(&mut gate, "at://a/p/new", true),
            Err(ConnectorError::Permanent(_))
        ));
    }
}
