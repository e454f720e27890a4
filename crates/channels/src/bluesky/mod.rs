//! Bluesky over the AT Protocol's XRPC API, talking to the account's PDS.
//!
//! Sessions come from an app password (`com.atproto.server.createSession`) and are renewed
//! with the refresh token when the PDS says the access token expired. Posts are written with
//! an explicit record key derived from the delivery's idempotency key ([`tid::rkey_for`]), so
//! a retried delivery lands on the same record instead of posting twice.

pub mod facets;
mod image;
mod inbox;
pub mod tid;

use crate::{
    AccountInfo, ChannelConfig, ChannelKind, Connector, ConnectorError, Mention, OutgoingPost,
    Published,
};
use async_trait::async_trait;
use chrono::{SecondsFormat, Utc};
use facets::Feature;
use reqwest::{header::HeaderMap, Method, StatusCode};
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::time::Duration;
use tokio::sync::Mutex;

const POST: &str = "app.bsky.feed.post";
const PROFILE: &str = "app.bsky.actor.profile";
/// How much of a PDS error message goes into ours (they are short; this bounds a hostile one).
const MAX_MESSAGE_CHARS: usize = 300;

/// One Bluesky account, reached through its PDS.
pub struct Bluesky {
    http: reqwest::Client,
    service_url: String,
    identifier: String,
    app_password: String,
    session: Mutex<Option<Session>>,
}

impl std::fmt::Debug for Bluesky {
    // Written by hand so the app password and tokens can never end up in a log line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Bluesky")
            .field("service_url", &self.service_url)
            .field("identifier", &self.identifier)
            .finish_non_exhaustive()
    }
}

#[derive(Clone)]
struct Session {
    access_jwt: String,
    refresh_jwt: String,
    did: String,
    handle: String,
}

/// A request body.
enum Body {
    None,
    Json(Value),
    Bytes { bytes: Vec<u8>, mime: String },
}

/// Why an XRPC call failed, before it is classified into a [`ConnectorError`]: the callers
/// need the XRPC error name (`RecordNotFound`, `InvalidSwap`, `ExpiredToken`, ...) to decide.
#[derive(Debug)]
enum Failure {
    /// The request did not complete or its answer was lost.
    Network(reqwest::Error),
    /// The PDS answered with an error status.
    Xrpc {
        status: StatusCode,
        error: String,
        message: String,
        retry_after: Option<Duration>,
    },
    /// A success status whose body is not what the lexicon says.
    BadResponse(String),
}

impl Failure {
    fn is(&self, name: &str) -> bool {
        matches!(self, Failure::Xrpc { error, .. } if error == name)
    }

    /// The access token is no longer accepted; a renewed session may be.
    fn session_expired(&self) -> bool {
        self.is("ExpiredToken") || self.is("InvalidToken")
    }

    /// The PDS understood the request and refused it for a reason retrying will not change.
    fn is_refusal(&self) -> bool {
        matches!(self, Failure::Xrpc { status, .. }
            if status.is_client_error() && *status != StatusCode::TOO_MANY_REQUESTS)
    }

    fn into_error(self, what: &str) -> ConnectorError {
        match self {
            Failure::Network(e) => ConnectorError::from(e),
            Failure::BadResponse(m) => {
                ConnectorError::Transient(format!("Bluesky {what}: unexpected answer: {m}"))
            }
            Failure::Xrpc {
                status,
                error,
                message,
                retry_after,
            } => {
                let detail = if message.is_empty() {
                    format!("{} {error}", status.as_u16())
                } else {
                    format!("{} {error}: {message}", status.as_u16())
                };
                if status == StatusCode::TOO_MANY_REQUESTS {
                    ConnectorError::RateLimited { retry_after }
                } else if status.is_server_error() {
                    ConnectorError::Transient(format!("Bluesky {what} failed ({detail})"))
                } else if status == StatusCode::UNAUTHORIZED
                    || matches!(
                        error.as_str(),
                        "AuthenticationRequired"
                            | "ExpiredToken"
                            | "InvalidToken"
                            | "AccountTakedown"
                            | "AccountDeactivated"
                    )
                {
                    ConnectorError::Permanent(format!(
                        "Bluesky refused the credentials ({detail}); check the handle and app password"
                    ))
                } else {
                    ConnectorError::Permanent(format!("Bluesky refused the {what} ({detail})"))
                }
            }
        }
    }
}

/// Retry-After (seconds or an HTTP date), else RateLimit-Reset (epoch seconds), which is
/// what Bluesky's PDS sends.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let now = Utc::now();
    if let Some(v) = header("retry-after") {
        if let Ok(secs) = v.trim().parse::<u64>() {
            return Some(Duration::from_secs(secs));
        }
        if let Ok(at) = chrono::DateTime::parse_from_rfc2822(v.trim()) {
            return Some((at.with_timezone(&Utc) - now).to_std().unwrap_or_default());
        }
    }
    let reset = header("ratelimit-reset")?.trim().parse::<i64>().ok()?;
    Some(Duration::from_secs(
        reset.saturating_sub(now.timestamp()).max(0) as u64,
    ))
}

/// `at://<repo>/<collection>/<rkey>` split into its parts.
fn parse_at_uri(uri: &str) -> Result<(&str, &str, &str), ConnectorError> {
    let parts: Option<Vec<&str>> = uri
        .strip_prefix("at://")
        .map(|rest| rest.split('/').collect());
    match parts.as_deref() {
        Some([repo, collection, rkey])
            if ![repo, collection, rkey].iter().any(|p| p.is_empty()) =>
        {
            Ok((repo, collection, rkey))
        }
        _ => Err(ConnectorError::Permanent(format!(
            "not a Bluesky record URI: {uri:?}"
        ))),
    }
}

fn str_field<'a>(v: &'a Value, field: &str) -> Result<&'a str, Failure> {
    v.get(field)
        .and_then(Value::as_str)
        .ok_or_else(|| Failure::BadResponse(format!("no `{field}` in the answer")))
}

fn post_url(handle: &str, rkey: &str) -> String {
    format!("https://bsky.app/profile/{handle}/post/{rkey}")
}

impl Bluesky {
    /// # Panics
    /// If `config` is not [`ChannelConfig::Bluesky`] (a programming error: [`crate::connect`]
    /// dispatches on the kind).
    pub fn new(config: &ChannelConfig, http: reqwest::Client) -> Self {
        let ChannelConfig::Bluesky {
            service_url,
            identifier,
            app_password,
        } = config
        else {
            panic!("Bluesky::new needs a Bluesky channel config");
        };
        Bluesky {
            http,
            service_url: service_url.trim_end_matches('/').to_string(),
            identifier: identifier.trim().trim_start_matches('@').to_string(),
            app_password: app_password.clone(),
            session: Mutex::new(None),
        }
    }

    /// One XRPC call: a query (GET) or a procedure (POST).
    async fn send(
        &self,
        method: Method,
        nsid: &str,
        query: &[(&str, &str)],
        body: &Body,
        bearer: Option<&str>,
    ) -> Result<Value, Failure> {
        let url = format!("{}/xrpc/{nsid}", self.service_url);
        let mut req = self.http.request(method, url).query(query);
        if let Some(token) = bearer {
            req = req.bearer_auth(token);
        }
        req = match body {
            Body::None => req,
            Body::Json(v) => req.json(v),
            Body::Bytes { bytes, mime } => req
                .header(reqwest::header::CONTENT_TYPE, mime.as_str())
                .body(bytes.clone()),
        };
        let resp = req.send().await.map_err(Failure::Network)?;
        let status = resp.status();
        let retry_after = retry_after(resp.headers());
        let text = resp.text().await.map_err(Failure::Network)?;
        if status.is_success() {
            if text.trim().is_empty() {
                return Ok(Value::Null);
            }
            return serde_json::from_str(&text)
                .map_err(|e| Failure::BadResponse(format!("{nsid}: {e}")));
        }
        let parsed: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        let field = |name: &str| {
            parsed
                .get(name)
                .and_then(Value::as_str)
                .map(|s| s.chars().take(MAX_MESSAGE_CHARS).collect::<String>())
        };
        Err(Failure::Xrpc {
            status,
            error: field("error").unwrap_or_else(|| "Error".to_string()),
            // A proxy's HTML error page is not worth quoting.
            message: field("message").unwrap_or_default(),
            retry_after,
        })
    }

    async fn create_session(&self) -> Result<Session, Failure> {
        let body = Body::Json(json!({
            "identifier": self.identifier,
            "password": self.app_password,
        }));
        let v = self
            .send(
                Method::POST,
                "com.atproto.server.createSession",
                &[],
                &body,
                None,
            )
            .await?;
        Self::parse_session(&v)
    }

    fn parse_session(v: &Value) -> Result<Session, Failure> {
        Ok(Session {
            access_jwt: str_field(v, "accessJwt")?.to_string(),
            refresh_jwt: str_field(v, "refreshJwt")?.to_string(),
            did: str_field(v, "did")?.to_string(),
            handle: str_field(v, "handle")?.to_string(),
        })
    }

    /// The current session, logging in first if there is none.
    async fn session(&self) -> Result<Session, Failure> {
        let mut guard = self.session.lock().await;
        if let Some(s) = guard.as_ref() {
            return Ok(s.clone());
        }
        let s = self.create_session().await?;
        *guard = Some(s.clone());
        Ok(s)
    }

    /// Replaces a session whose access token was refused: refresh it, or log in again when
    /// the refresh token is refused too. `stale_access` tells whether another task already
    /// renewed it while this one waited for the lock.
    async fn renew(&self, stale_access: &str) -> Result<Session, Failure> {
        let mut guard = self.session.lock().await;
        let refreshed = match guard.as_ref() {
            Some(s) if s.access_jwt != stale_access => return Ok(s.clone()),
            Some(s) => Some(
                self.send(
                    Method::POST,
                    "com.atproto.server.refreshSession",
                    &[],
                    &Body::None,
                    Some(&s.refresh_jwt),
                )
                .await,
            ),
            None => None,
        };
        let fresh = match refreshed {
            Some(Ok(v)) => Self::parse_session(&v)?,
            // A PDS that is down will not take a login either.
            Some(Err(f)) if !f.is_refusal() => return Err(f),
            Some(Err(_)) | None => {
                tracing::debug!(service = %self.service_url, "Bluesky refresh refused; logging in again");
                self.create_session().await?
            }
        };
        *guard = Some(fresh.clone());
        Ok(fresh)
    }

    /// An authenticated call, renewing the session once if the PDS says it expired.
    async fn call(
        &self,
        method: Method,
        nsid: &str,
        query: &[(&str, &str)],
        body: &Body,
    ) -> Result<Value, Failure> {
        let s = self.session().await?;
        match self
            .send(method.clone(), nsid, query, body, Some(&s.access_jwt))
            .await
        {
            Err(f) if f.session_expired() => {
                let s = self.renew(&s.access_jwt).await?;
                self.send(method, nsid, query, body, Some(&s.access_jwt))
                    .await
            }
            other => other,
        }
    }

    async fn get_record(
        &self,
        repo: &str,
        collection: &str,
        rkey: &str,
    ) -> Result<Option<Value>, Failure> {
        let query = [("repo", repo), ("collection", collection), ("rkey", rkey)];
        match self
            .call(
                Method::GET,
                "com.atproto.repo.getRecord",
                &query,
                &Body::None,
            )
            .await
        {
            Ok(v) => Ok(Some(v)),
            Err(f) if f.is("RecordNotFound") => Ok(None),
            Err(f) => Err(f),
        }
    }

    /// Writes an `app.bsky.feed.post` with `text` (and its facets) plus `fields` (an embed, a
    /// reply) under `rkey`. The key comes from an idempotency key, so a retry collides with
    /// the first attempt instead of posting twice.
    async fn create_post(
        &self,
        s: &Session,
        rkey: &str,
        text: &str,
        fields: Map<String, Value>,
        what: &str,
    ) -> Result<Published, ConnectorError> {
        let facets = self
            .facets(text)
            .await
            .map_err(|f| f.into_error("mention lookup"))?;
        let mut record = json!({
            "$type": POST,
            "text": text,
            "createdAt": Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true),
        });
        if !facets.is_empty() {
            record["facets"] = Value::Array(facets);
        }
        for (k, v) in fields {
            record[k] = v;
        }
        let body = Body::Json(json!({
            "repo": s.did,
            "collection": POST,
            "rkey": rkey,
            "record": record,
        }));
        match self
            .call(Method::POST, "com.atproto.repo.createRecord", &[], &body)
            .await
        {
            Ok(v) => Ok(Published {
                remote_id: str_field(&v, "uri")
                    .map_err(|f| f.into_error(what))?
                    .to_string(),
                remote_url: Some(post_url(&s.handle, rkey)),
            }),
            Err(f) if matches!(&f, Failure::Xrpc { status, .. } if *status == StatusCode::TOO_MANY_REQUESTS) => {
                Err(f.into_error(what))
            }
            Err(f) => {
                // The record key is taken when an earlier attempt got through (the reference
                // PDS answers a key collision with a 500), and a lost answer looks like a
                // network error: either way, the post may be there.
                match self.find_post(s, rkey).await {
                    Ok(Some(published)) => Ok(published),
                    _ => Err(f.into_error(what)),
                }
            }
        }
    }

    async fn find_post(&self, session: &Session, rkey: &str) -> Result<Option<Published>, Failure> {
        let Some(v) = self.get_record(&session.did, POST, rkey).await? else {
            return Ok(None);
        };
        Ok(Some(Published {
            remote_id: str_field(&v, "uri")?.to_string(),
            remote_url: Some(post_url(&session.handle, rkey)),
        }))
    }

    /// The handle's DID, or `None` when the handle does not resolve (the mention then stays
    /// plain text, as in the Bluesky app).
    async fn resolve_handle(&self, handle: &str) -> Result<Option<String>, Failure> {
        match self
            .send(
                Method::GET,
                "com.atproto.identity.resolveHandle",
                &[("handle", handle)],
                &Body::None,
                None,
            )
            .await
        {
            Ok(v) => Ok(Some(str_field(&v, "did")?.to_string())),
            Err(f) if f.is_refusal() => Ok(None),
            Err(f) => Err(f),
        }
    }

    /// `app.bsky.richtext.facet` objects for the links, mentions and tags in `text`.
    async fn facets(&self, text: &str) -> Result<Vec<Value>, Failure> {
        let mut dids: HashMap<String, Option<String>> = HashMap::new();
        let mut out = Vec::new();
        for span in facets::detect(text) {
            let feature = match span.feature {
                Feature::Link(uri) => {
                    json!({ "$type": "app.bsky.richtext.facet#link", "uri": uri })
                }
                Feature::Tag(tag) => json!({ "$type": "app.bsky.richtext.facet#tag", "tag": tag }),
                Feature::Mention(handle) => {
                    let did = match dids.get(&handle) {
                        Some(d) => d.clone(),
                        None => {
                            let d = self.resolve_handle(&handle).await?;
                            dids.insert(handle, d.clone());
                            d
                        }
                    };
                    let Some(did) = did else { continue };
                    json!({ "$type": "app.bsky.richtext.facet#mention", "did": did })
                }
            };
            out.push(json!({
                "$type": "app.bsky.richtext.facet",
                "index": { "byteStart": span.start, "byteEnd": span.end },
                "features": [feature],
            }));
        }
        Ok(out)
    }

    /// Uploads the images and returns the `app.bsky.embed.images` embed.
    async fn images_embed(&self, post: &OutgoingPost) -> Result<Option<Value>, ConnectorError> {
        if post.media.is_empty() {
            return Ok(None);
        }
        let max = crate::Limits::of(ChannelKind::Bluesky).max_images;
        if post.media.len() > max {
            return Err(ConnectorError::Permanent(format!(
                "Bluesky allows {max} images per post; this post has {}",
                post.media.len()
            )));
        }
        let mut images = Vec::new();
        for m in &post.media {
            if !m.mime.starts_with("image/") {
                return Err(ConnectorError::Permanent(format!(
                    "Carepost publishes only images to Bluesky, not {}",
                    m.mime
                )));
            }
            let body = Body::Bytes {
                bytes: m.bytes.clone(),
                mime: m.mime.clone(),
            };
            let v = self
                .call(Method::POST, "com.atproto.repo.uploadBlob", &[], &body)
                .await
                .map_err(|f| f.into_error("image upload"))?;
            let blob = v.get("blob").cloned().ok_or_else(|| {
                ConnectorError::Transient("Bluesky image upload: no blob in the answer".into())
            })?;
            let mut image = json!({ "alt": m.alt_text, "image": blob });
            if let Some((width, height)) = image::dimensions(&m.bytes) {
                image["aspectRatio"] = json!({ "width": width, "height": height });
            }
            images.push(image);
        }
        Ok(Some(
            json!({ "$type": "app.bsky.embed.images", "images": images }),
        ))
    }

    /// Reads the profile record, lets `change` edit it, and writes it back only if it still
    /// is the version read (`swapRecord`), so a concurrent edit in the Bluesky app is never
    /// overwritten; one lost race is retried with the fresh version.
    async fn update_profile(
        &self,
        change: impl Fn(&mut Map<String, Value>) -> bool,
    ) -> Result<(), ConnectorError> {
        let s = self
            .session()
            .await
            .map_err(|f| f.into_error("profile update"))?;
        for attempt in 0..2 {
            let current = self
                .get_record(&s.did, PROFILE, "self")
                .await
                .map_err(|f| f.into_error("profile read"))?;
            let (mut record, swap) = match current {
                Some(v) => {
                    let record = v.get("value").and_then(Value::as_object).cloned();
                    let cid = v.get("cid").and_then(Value::as_str).map(str::to_string);
                    match (record, cid) {
                        (Some(r), Some(c)) => (r, Value::String(c)),
                        _ => {
                            return Err(ConnectorError::Transient(
                                "Bluesky profile read: no record or cid in the answer".into(),
                            ))
                        }
                    }
                }
                // No profile yet: create it, and only if it still does not exist (null swap).
                None => {
                    let mut r = Map::new();
                    r.insert("$type".into(), json!(PROFILE));
                    (r, Value::Null)
                }
            };
            if !change(&mut record) {
                return Ok(());
            }
            let body = Body::Json(json!({
                "repo": s.did,
                "collection": PROFILE,
                "rkey": "self",
                "record": record,
                "swapRecord": swap,
            }));
            match self
                .call(Method::POST, "com.atproto.repo.putRecord", &[], &body)
                .await
            {
                Ok(_) => return Ok(()),
                Err(f) if f.is("InvalidSwap") && attempt == 0 => continue,
                Err(f) => return Err(f.into_error("profile update")),
            }
        }
        Err(ConnectorError::Transient(
            "the Bluesky profile kept changing while it was updated".into(),
        ))
    }
}

#[async_trait]
impl Connector for Bluesky {
    fn kind(&self) -> ChannelKind {
        ChannelKind::Bluesky
    }

    async fn verify(&self) -> Result<AccountInfo, ConnectorError> {
        let v = self
            .call(
                Method::GET,
                "com.atproto.server.getSession",
                &[],
                &Body::None,
            )
            .await
            .map_err(|f| f.into_error("sign-in"))?;
        let field = |name| str_field(&v, name).map_err(|f| f.into_error("sign-in"));
        let handle = field("handle")?.to_string();
        Ok(AccountInfo {
            url: Some(format!("https://bsky.app/profile/{handle}")),
            id: field("did")?.to_string(),
            display: handle,
        })
    }

    async fn publish(&self, post: &OutgoingPost) -> Result<Published, ConnectorError> {
        let s = self.session().await.map_err(|f| f.into_error("sign-in"))?;
        let mut fields = Map::new();
        if let Some(embed) = self.images_embed(post).await? {
            fields.insert("embed".into(), embed);
        }
        let rkey = tid::rkey_for(&post.idempotency_key);
        self.create_post(&s, &rkey, &post.text, fields, "post")
            .await
    }

    async fn find_published(
        &self,
        post: &OutgoingPost,
    ) -> Result<Option<Published>, ConnectorError> {
        let s = self.session().await.map_err(|f| f.into_error("sign-in"))?;
        self.find_post(&s, &tid::rkey_for(&post.idempotency_key))
            .await
            .map_err(|f| f.into_error("post lookup"))
    }

    async fn delete(&self, remote_id: &str) -> Result<(), ConnectorError> {
        let (repo, collection, rkey) = parse_at_uri(remote_id)?;
        let body = Body::Json(json!({ "repo": repo, "collection": collection, "rkey": rkey }));
        match self
            .call(Method::POST, "com.atproto.repo.deleteRecord", &[], &body)
            .await
        {
            // The reference PDS answers a delete of a missing record with success; others
            // may say RecordNotFound: both mean the post is gone.
            Ok(_) => Ok(()),
            Err(f) if f.is("RecordNotFound") => Ok(()),
            Err(f) => Err(f.into_error("delete")),
        }
    }

    async fn pin(&self, remote_id: &str) -> Result<(), ConnectorError> {
        let (repo, collection, rkey) = parse_at_uri(remote_id)?;
        let post = self
            .get_record(repo, collection, rkey)
            .await
            .map_err(|f| f.into_error("pin"))?
            .ok_or_else(|| {
                ConnectorError::Permanent(format!(
                    "cannot pin {remote_id}: the post does not exist"
                ))
            })?;
        let strong_ref = json!({
            "uri": str_field(&post, "uri").map_err(|f| f.into_error("pin"))?,
            "cid": str_field(&post, "cid").map_err(|f| f.into_error("pin"))?,
        });
        self.update_profile(|profile| {
            if profile.get("pinnedPost") == Some(&strong_ref) {
                return false;
            }
            profile.insert("pinnedPost".into(), strong_ref.clone());
            true
        })
        .await
    }

    async fn unpin(&self, remote_id: &str) -> Result<(), ConnectorError> {
        parse_at_uri(remote_id)?;
        self.update_profile(|profile| {
            // Another post pinned since then stays pinned.
            let pinned_here = profile
                .get("pinnedPost")
                .and_then(|p| p.get("uri"))
                .and_then(Value::as_str)
                == Some(remote_id);
            if pinned_here {
                profile.remove("pinnedPost");
            }
            pinned_here
        })
        .await
    }

    async fn reply(&self, to_remote_id: &str, text: &str) -> Result<Published, ConnectorError> {
        self.inbox_reply(to_remote_id, text).await
    }

    async fn hide(&self, remote_id: &str, hidden: bool) -> Result<(), ConnectorError> {
        self.inbox_hide(remote_id, hidden).await
    }

    async fn mentions(
        &self,
        cursor: Option<&str>,
    ) -> Result<(Vec<Mention>, Option<String>), ConnectorError> {
        self.inbox_mentions(cursor).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_uris_split_into_repo_collection_and_key() {
        assert_eq!(
            parse_at_uri("at://did:plc:abc/app.bsky.feed.post/3jzfcijpj2z2a").unwrap(),
            ("did:plc:abc", "app.bsky.feed.post", "3jzfcijpj2z2a")
        );
        for bad in [
            "https://bsky.app/x",
            "at://did:plc:abc/app.bsky.feed.post",
            "at://a//b",
            "",
        ] {
            assert!(
                matches!(parse_at_uri(bad), Err(ConnectorError::Permanent(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn rate_limit_headers() {
        let mut h = HeaderMap::new();
        assert_eq!(retry_after(&h), None);
        let reset = Utc::now().timestamp() + 120;
        h.insert("ratelimit-reset", reset.to_string().parse().unwrap());
        let d = retry_after(&h).unwrap().as_secs();
        assert!((118..=120).contains(&d), "{d}");
        h.insert("retry-after", "7".parse().unwrap());
        assert_eq!(retry_after(&h), Some(Duration::from_secs(7)));
        let mut past = HeaderMap::new();
        past.insert("ratelimit-reset", "1000".parse().unwrap());
        assert_eq!(retry_after(&past), Some(Duration::ZERO));
    }

    #[test]
    fn failures_are_classified_for_the_retry_policy() {
        let xrpc = |status: u16, error: &str| Failure::Xrpc {
            status: StatusCode::from_u16(status).unwrap(),
            error: error.into(),
            message: "m".into(),
            retry_after: Some(Duration::from_secs(3)),
        };
        assert_eq!(
            xrpc(429, "RateLimitExceeded").into_error("post"),
            ConnectorError::RateLimited {
                retry_after: Some(Duration::from_secs(3))
            }
        );
        assert!(matches!(
            xrpc(502, "UpstreamFailure").into_error("post"),
            ConnectorError::Transient(_)
        ));
        assert!(matches!(
            xrpc(401, "AuthenticationRequired").into_error("post"),
            ConnectorError::Permanent(_)
        ));
        assert!(matches!(
            xrpc(400, "InvalidToken").into_error("post"),
            ConnectorError::Permanent(_)
        ));
        assert!(matches!(
            xrpc(400, "InvalidRequest").into_error("post"),
            ConnectorError::Permanent(_)
        ));
        assert!(xrpc(400, "ExpiredToken").session_expired());
        assert!(xrpc(400, "HandleNotFound").is_refusal());
        assert!(!xrpc(429, "RateLimitExceeded").is_refusal());
        assert!(!xrpc(503, "x").is_refusal());
    }

    #[test]
    fn debug_output_has_no_secrets() {
        let b = Bluesky::new(
            &ChannelConfig::Bluesky {
                service_url: "https://pds.example/".into(),
                identifier: "@clinic.example".into(),
                app_password: "abcd-efgh-ijkl-mnop".into(),
            },
            reqwest::Client::new(),
        );
        let d = format!("{b:?}");
        assert!(!d.contains("abcd-efgh"), "{d}");
        assert_eq!(b.service_url, "https://pds.example");
        assert_eq!(b.identifier, "clinic.example");
    }
}
