//! Facebook Pages through the Graph API, with a page access token sent as the
//! `access_token` parameter (query string for reads and deletes, body for writes).

use crate::rate_limit::{self, Reply, Throttle};
use crate::{
    AccountInfo, ChannelConfig, ChannelKind, Connector, ConnectorError, MediaFile, OutgoingPost,
    Published,
};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use reqwest::multipart::{Form, Part};
use reqwest::Method;
use serde::Deserialize;

pub const DEFAULT_API_BASE: &str = "https://graph.facebook.com";
pub const DEFAULT_API_VERSION: &str = "v21.0";

/// A post found by [`Connector::find_published`] may predate the recorded first attempt by
/// this much (clock skew between Carepost and Facebook).
const CLOCK_SLACK: chrono::Duration = chrono::Duration::minutes(5);

pub struct Facebook {
    /// `{api_base}/{version}`
    api: String,
    page_id: String,
    access_token: String,
    http: reqwest::Client,
    throttle: Throttle,
}

/// Graph's error envelope: `{"error": {"message", "type", "code", "error_subcode",
/// "fbtrace_id", "is_transient"}}`.
#[derive(Debug, Deserialize)]
struct ErrorEnvelope {
    error: GraphError,
}

#[derive(Debug, Deserialize)]
struct GraphError {
    message: String,
    code: Option<i64>,
    error_subcode: Option<i64>,
    fbtrace_id: Option<String>,
    #[serde(default)]
    is_transient: bool,
}

#[derive(Deserialize)]
struct Page {
    id: String,
    name: String,
    link: Option<String>,
}

#[derive(Deserialize)]
struct Created {
    id: String,
    /// Only `/photos` answers with it: the id of the page post showing the photo.
    post_id: Option<String>,
}

#[derive(Deserialize)]
struct Feed {
    data: Vec<FeedPost>,
}

#[derive(Deserialize)]
struct FeedPost {
    id: String,
    message: Option<String>,
    created_time: String,
}

impl Facebook {
    /// # Panics
    /// If `config` is not a Facebook config ([`crate::connect`] never does that).
    pub fn new(config: &ChannelConfig, http: reqwest::Client) -> Self {
        let ChannelConfig::Facebook {
            page_id,
            access_token,
            api_base_url,
            api_version,
            ..
        } = config
        else {
            panic!("Facebook::new needs a Facebook channel config");
        };
        let base = api_base_url.as_deref().unwrap_or(DEFAULT_API_BASE);
        let version = api_version.as_deref().unwrap_or(DEFAULT_API_VERSION);
        Facebook {
            api: format!(
                "{}/{}",
                base.trim_end_matches('/'),
                version.trim_matches('/')
            ),
            page_id: page_id.clone(),
            access_token: access_token.clone(),
            http,
            throttle: Throttle::default(),
        }
    }

    /// A request on a Graph node (`{id}`) or edge (`{id}/feed`); callers escape the ids.
    fn request(&self, method: Method, node: &str) -> reqwest::RequestBuilder {
        self.http.request(method, format!("{}/{node}", self.api))
    }

    async fn call(
        &self,
        request: reqwest::RequestBuilder,
        action: &str,
    ) -> Result<Reply, ConnectorError> {
        let reply = rate_limit::send("Facebook", &self.throttle, request).await?;
        if reply.status.is_success() {
            Ok(reply)
        } else {
            Err(error_from(&reply, action))
        }
    }

    async fn get(
        &self,
        node: &str,
        query: &[(&str, &str)],
        action: &str,
    ) -> Result<Reply, ConnectorError> {
        let req = self
            .request(Method::GET, node)
            .query(query)
            .query(&[("access_token", &self.access_token)]);
        self.call(req, action).await
    }

    async fn post_form(
        &self,
        node: &str,
        mut form: Vec<(String, String)>,
        action: &str,
    ) -> Result<Reply, ConnectorError> {
        form.push(("access_token".into(), self.access_token.clone()));
        self.call(self.request(Method::POST, node).form(&form), action)
            .await
    }

    /// Uploads one photo to the page; `caption` is the post text when the photo is the post.
    async fn upload_photo(
        &self,
        media: &MediaFile,
        index: usize,
        caption: Option<&str>,
    ) -> Result<Created, ConnectorError> {
        let what = format!("image {}", index + 1);
        if !media.mime.starts_with("image/") {
            return Err(ConnectorError::Permanent(format!(
                "Facebook pages take images only; {what} is {}",
                media.mime
            )));
        }
        let source = Part::bytes(media.bytes.clone())
            .file_name(format!("image-{}", index + 1))
            .mime_str(&media.mime)
            .map_err(|_| {
                ConnectorError::Permanent(format!("{what} has an invalid type {:?}", media.mime))
            })?;
        let mut form = Form::new()
            .part("source", source)
            .text("alt_text_custom", media.alt_text.clone())
            .text("access_token", self.access_token.clone());
        form = match caption {
            Some(text) => form.text("caption", text.to_string()),
            // Part of a multi-photo post: upload now, show in the feed post that follows.
            None => form.text("published", "false"),
        };
        let node = format!("{}/photos", enc(&self.page_id));
        let action = format!("the upload of {what}");
        let reply = self
            .call(self.request(Method::POST, &node).multipart(form), &action)
            .await?;
        parse(&reply, &action)
    }

    async fn set_pinned(&self, remote_id: &str, pinned: bool) -> Result<(), ConnectorError> {
        let action = if pinned {
            "pinning the post"
        } else {
            "unpinning the post"
        };
        let form = vec![("is_pinned".to_string(), pinned.to_string())];
        self.post_form(&enc(remote_id), form, action)
            .await
            .map(drop)
    }
}

#[async_trait]
impl Connector for Facebook {
    fn kind(&self) -> ChannelKind {
        ChannelKind::Facebook
    }

    async fn verify(&self) -> Result<AccountInfo, ConnectorError> {
        let action = "the page check";
        let reply = self
            .get(&enc(&self.page_id), &[("fields", "id,name,link")], action)
            .await?;
        let page: Page = parse(&reply, action)?;
        Ok(AccountInfo {
            display: page.name,
            id: page.id,
            url: page.link,
        })
    }

    async fn publish(&self, post: &OutgoingPost) -> Result<Published, ConnectorError> {
        let post_id = match post.media.as_slice() {
            [] => {
                let form = vec![("message".to_string(), post.text.clone())];
                let node = format!("{}/feed", enc(&self.page_id));
                let reply = self.post_form(&node, form, "the post").await?;
                parse::<Created>(&reply, "the post")?.id
            }
            [photo] => {
                let created = self.upload_photo(photo, 0, Some(&post.text)).await?;
                // Older API versions omit post_id; the photo's post is then `{page}_{photo}`.
                created
                    .post_id
                    .unwrap_or_else(|| format!("{}_{}", self.page_id, created.id))
            }
            photos => {
                let mut form = vec![("message".to_string(), post.text.clone())];
                for (i, photo) in photos.iter().enumerate() {
                    let created = self.upload_photo(photo, i, None).await?;
                    let media = serde_json::json!({ "media_fbid": created.id });
                    form.push((format!("attached_media[{i}]"), media.to_string()));
                }
                let node = format!("{}/feed", enc(&self.page_id));
                let reply = self.post_form(&node, form, "the post").await?;
                parse::<Created>(&reply, "the post")?.id
            }
        };
        Ok(Published {
            remote_url: Some(format!("https://www.facebook.com/{post_id}")),
            remote_id: post_id,
        })
    }

    async fn find_published(
        &self,
        post: &OutgoingPost,
    ) -> Result<Option<Published>, ConnectorError> {
        let action = "the list of recent posts";
        let node = format!("{}/feed", enc(&self.page_id));
        let query = [("fields", "id,message,created_time"), ("limit", "25")];
        let reply = self.get(&node, &query, action).await?;
        let feed: Feed = parse(&reply, action)?;
        let since = post.first_attempt_at - CLOCK_SLACK;
        Ok(feed
            .data
            .into_iter()
            .find(|p| {
                let recent = parse_time(&p.created_time).is_some_and(|t| t >= since);
                let message = p.message.as_deref().unwrap_or("");
                recent && message.split_whitespace().eq(post.text.split_whitespace())
            })
            .map(|p| Published {
                remote_url: Some(format!("https://www.facebook.com/{}", p.id)),
                remote_id: p.id,
            }))
    }

    async fn delete(&self, remote_id: &str) -> Result<(), ConnectorError> {
        let req = self
            .request(Method::DELETE, &enc(remote_id))
            .query(&[("access_token", &self.access_token)]);
        let reply = rate_limit::send("Facebook", &self.throttle, req).await?;
        if reply.status.is_success() {
            return Ok(());
        }
        // Code 100 (subcode 33): "Object with ID … does not exist": already deleted.
        if let Some(ErrorEnvelope { error }) = reply.json() {
            let gone = error.error_subcode == Some(33) || error.message.contains("does not exist");
            if error.code == Some(100) && gone {
                return Ok(());
            }
        }
        Err(error_from(&reply, "deleting the post"))
    }

    /// A page may delete comments on its own posts with the same call as its posts.
    async fn delete_comment(&self, remote_id: &str) -> Result<(), ConnectorError> {
        self.delete(remote_id).await
    }

    async fn pin(&self, remote_id: &str) -> Result<(), ConnectorError> {
        self.set_pinned(remote_id, true).await
    }

    async fn reply(&self, to_remote_id: &str, text: &str) -> Result<Published, ConnectorError> {
        // Graph API: POST /{comment-id}/comments answers a comment as the page.
        let form = vec![("message".to_string(), text.to_string())];
        let reply = self
            .post_form(
                &format!("{}/comments", enc(to_remote_id)),
                form,
                "the reply",
            )
            .await?;
        let v: serde_json::Value = parse(&reply, "the reply")?;
        let id = v["id"].as_str().unwrap_or_default().to_string();
        Ok(Published {
            remote_url: Some(format!("https://www.facebook.com/{id}")),
            remote_id: id,
        })
    }

    async fn hide(&self, remote_id: &str, hidden: bool) -> Result<(), ConnectorError> {
        // Graph API: POST /{comment-id} with is_hidden hides it from everyone but its author.
        let form = vec![("is_hidden".to_string(), hidden.to_string())];
        let action = if hidden {
            "hiding the comment"
        } else {
            "showing the comment"
        };
        self.post_form(&enc(remote_id), form, action)
            .await
            .map(drop)
    }

    async fn unpin(&self, remote_id: &str) -> Result<(), ConnectorError> {
        self.set_pinned(remote_id, false).await
    }
}

/// Parses a 2xx body. A garbled success is transient: the action may have happened, and the
/// retry is reconciled through `find_published`.
fn parse<T: serde::de::DeserializeOwned>(reply: &Reply, action: &str) -> Result<T, ConnectorError> {
    reply.json().ok_or_else(|| {
        ConnectorError::Transient(format!("Facebook sent an unreadable answer to {action}"))
    })
}

/// Maps a Graph error by its code, which says more than the HTTP status (rate limits come
/// as 400 or 403).
fn error_from(reply: &Reply, action: &str) -> ConnectorError {
    if let Some(limited) =
        rate_limit::rate_limited(reply.status, &reply.headers, &reply.body, Utc::now())
    {
        return limited;
    }
    let server_error = reply.status.is_server_error();
    let Some(ErrorEnvelope { error }) = reply.json() else {
        let msg = format!(
            "Facebook answered {action} with HTTP {}",
            reply.status.as_u16()
        );
        return if server_error {
            ConnectorError::Transient(msg)
        } else {
            ConnectorError::Permanent(msg)
        };
    };
    // The trace id is what Facebook support asks for; it holds no secret.
    let trace = error
        .fbtrace_id
        .as_deref()
        .map(|t| format!(" (fbtrace_id {t})"))
        .unwrap_or_default();
    let message = &error.message;
    match error.code {
        Some(190) => ConnectorError::Permanent(format!(
            "Facebook did not accept the page access token: {message}. Reconnect the page.{trace}"
        )),
        Some(10 | 200..=299) => ConnectorError::Permanent(format!(
            "Facebook refused {action}: the page token lacks a permission: {message}{trace}"
        )),
        Some(1 | 2) => ConnectorError::Transient(format!(
            "Facebook had a temporary problem with {action}: {message}{trace}"
        )),
        _ if error.is_transient || server_error => ConnectorError::Transient(format!(
            "Facebook had a temporary problem with {action}: {message}{trace}"
        )),
        _ => ConnectorError::Permanent(format!("Facebook refused {action}: {message}{trace}")),
    }
}

/// Graph writes times as `2026-11-28T12:00:00+0000`, which RFC 3339 parsers reject.
fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%z")
        .or_else(|_| DateTime::parse_from_rfc3339(s))
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

fn enc(segment: &str) -> String {
    urlencoding::encode(segment).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn graph_times() {
        let t = Utc.with_ymd_and_hms(2026, 11, 28, 12, 0, 0).unwrap();
        assert_eq!(parse_time("2026-11-28T12:00:00+0000"), Some(t));
        assert_eq!(parse_time("2026-11-28T13:00:00+01:00"), Some(t));
        assert_eq!(parse_time("yesterday"), None);
    }

    #[test]
    fn api_root_from_config() {
        let config = ChannelConfig::Facebook {
            page_id: "42".into(),
            access_token: "t".into(),
            api_base_url: Some("http://127.0.0.1:9/".into()),
            api_version: None,
            app_secret: None,
            verify_token: None,
        };
        let fb = Facebook::new(&config, reqwest::Client::new());
        assert_eq!(fb.api, format!("http://127.0.0.1:9/{DEFAULT_API_VERSION}"));
    }
}
