//! Mastodon: the REST API with a bearer token (docs.joinmastodon.org/methods/).

use crate::rate_limit::{self, Reply, Throttle};
use crate::{
    AccountInfo, ChannelConfig, ChannelKind, Connector, ConnectorError, MediaFile, Mention,
    OutgoingPost, Published,
};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use reqwest::{Method, StatusCode};
use serde::Deserialize;
use std::time::Duration;

/// How long to wait for Mastodon to finish processing an upload (it answers 202 and
/// processes large images and videos in the background).
const MEDIA_POLL_ATTEMPTS: u32 = 30;
const MEDIA_POLL_INTERVAL: Duration = Duration::from_secs(1);
/// How many pages of 40 statuses a lookup after a lost answer reads at most.
const MAX_LOOKBACK_PAGES: usize = 25;
/// A post found by [`Connector::find_published`] may predate the recorded first attempt by
/// this much (clock skew between Carepost and the instance).
const CLOCK_SLACK: chrono::Duration = chrono::Duration::minutes(5);

pub struct Mastodon {
    base_url: String,
    access_token: String,
    http: reqwest::Client,
    throttle: Throttle,
}

#[derive(Deserialize)]
struct Account {
    id: String,
    acct: String,
    url: Option<String>,
}

#[derive(Deserialize)]
struct Status {
    id: String,
    url: Option<String>,
    content: String,
    created_at: DateTime<Utc>,
}

#[derive(Deserialize)]
struct Attachment {
    id: String,
    url: Option<String>,
}

#[derive(Deserialize)]
struct ErrorBody {
    error: String,
}

impl Mastodon {
    /// The account id of a status's author.
    async fn author_of(&self, status_id: &str) -> Result<String, ConnectorError> {
        let path = format!("/api/v1/statuses/{}", enc(status_id));
        let reply = self
            .call(self.request(Method::GET, &path), "reading the post")
            .await?;
        let status: serde_json::Value = Self::parse(&reply, "reading the post")?;
        status["account"]["id"]
            .as_str()
            .map(String::from)
            .ok_or_else(|| ConnectorError::Permanent("the post names no author".into()))
    }
    /// # Panics
    /// If `config` is not a Mastodon config ([`crate::connect`] never does that).
    pub fn new(config: &ChannelConfig, http: reqwest::Client) -> Self {
        let ChannelConfig::Mastodon {
            base_url,
            access_token,
        } = config
        else {
            panic!("Mastodon::new needs a Mastodon channel config");
        };
        Mastodon {
            base_url: base_url.trim_end_matches('/').to_string(),
            access_token: access_token.clone(),
            http,
            throttle: Throttle::default(),
        }
    }

    fn request(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
        self.http
            .request(method, format!("{}{path}", self.base_url))
            .bearer_auth(&self.access_token)
    }

    /// Sends, and turns anything but a 2xx into the right [`ConnectorError`]; `action`
    /// completes "Mastodon refused …".
    async fn call(
        &self,
        request: reqwest::RequestBuilder,
        action: &str,
    ) -> Result<Reply, ConnectorError> {
        let reply = rate_limit::send("Mastodon", &self.throttle, request).await?;
        if reply.status.is_success() {
            Ok(reply)
        } else {
            Err(error_from(&reply, action))
        }
    }

    /// Parses a 2xx body. A garbled success is transient: the action may have happened, and
    /// the retry is reconciled (idempotency key, `find_published`).
    fn parse<T: serde::de::DeserializeOwned>(
        reply: &Reply,
        what: &str,
    ) -> Result<T, ConnectorError> {
        reply.json().ok_or_else(|| {
            ConnectorError::Transient(format!("Mastodon sent an unreadable answer to {what}"))
        })
    }

    async fn account(&self) -> Result<Account, ConnectorError> {
        let req = self.request(Method::GET, "/api/v1/accounts/verify_credentials");
        let reply = self.call(req, "the credentials check").await?;
        Self::parse(&reply, "the credentials check")
    }

    async fn upload(&self, media: &MediaFile, index: usize) -> Result<String, ConnectorError> {
        let what = format!("image {}", index + 1);
        let file = reqwest::multipart::Part::bytes(media.bytes.clone())
            .file_name(format!("image-{}.{}", index + 1, extension(&media.mime)))
            .mime_str(&media.mime)
            .map_err(|_| {
                ConnectorError::Permanent(format!("{what} has an invalid type {:?}", media.mime))
            })?;
        let form = reqwest::multipart::Form::new()
            .part("file", file)
            .text("description", media.alt_text.clone());
        let req = self.request(Method::POST, "/api/v2/media").multipart(form);
        let reply = self.call(req, &format!("the upload of {what}")).await?;
        let mut attachment: Attachment = Self::parse(&reply, &format!("the upload of {what}"))?;
        // 202 Accepted with a null url means "still processing"; a status may only attach
        // it once processed.
        let mut attempts = 0;
        while attachment.url.is_none() {
            if attempts == MEDIA_POLL_ATTEMPTS {
                return Err(ConnectorError::Transient(format!(
                    "Mastodon was still processing {what} after {} s",
                    MEDIA_POLL_ATTEMPTS as u64 * MEDIA_POLL_INTERVAL.as_secs()
                )));
            }
            attempts += 1;
            tokio::time::sleep(MEDIA_POLL_INTERVAL).await;
            let path = format!("/api/v1/media/{}", enc(&attachment.id));
            let reply = self
                .call(
                    self.request(Method::GET, &path),
                    &format!("processing {what}"),
                )
                .await?;
            attachment = Self::parse(&reply, &format!("processing {what}"))?;
        }
        Ok(attachment.id)
    }

    /// `POST /api/v1/statuses/{id}/{verb}` (pin, unpin).
    async fn status_action(
        &self,
        remote_id: &str,
        verb: &str,
        action: &str,
    ) -> Result<(), ConnectorError> {
        let path = format!("/api/v1/statuses/{}/{verb}", enc(remote_id));
        self.call(self.request(Method::POST, &path), action)
            .await
            .map(drop)
    }

    fn host(&self) -> &str {
        let rest = self.base_url.split("://").nth(1).unwrap_or(&self.base_url);
        rest.split('/').next().unwrap_or(rest)
    }
}

#[async_trait]
impl Connector for Mastodon {
    fn kind(&self) -> ChannelKind {
        ChannelKind::Mastodon
    }

    async fn verify(&self) -> Result<AccountInfo, ConnectorError> {
        let account = self.account().await?;
        // Local accounts' `acct` is the bare username.
        let display = if account.acct.contains('@') {
            format!("@{}", account.acct)
        } else {
            format!("@{}@{}", account.acct, self.host())
        };
        Ok(AccountInfo {
            display,
            id: account.id,
            url: account.url,
        })
    }

    async fn publish(&self, post: &OutgoingPost) -> Result<Published, ConnectorError> {
        let mut media_ids = Vec::with_capacity(post.media.len());
        for (i, media) in post.media.iter().enumerate() {
            media_ids.push(self.upload(media, i).await?);
        }
        let body = serde_json::json!({
            "status": post.text,
            "media_ids": media_ids,
            "visibility": "public",
        });
        let req = self
            .request(Method::POST, "/api/v1/statuses")
            .header("Idempotency-Key", &post.idempotency_key)
            .json(&body);
        let reply = self.call(req, "the post").await?;
        let status: Status = Self::parse(&reply, "the post")?;
        Ok(Published {
            remote_id: status.id,
            remote_url: status.url,
        })
    }

    async fn find_published(
        &self,
        post: &OutgoingPost,
    ) -> Result<Option<Published>, ConnectorError> {
        let account = self.account().await?;
        let wanted = normalize(&post.text);
        let since = post.first_attempt_at - CLOCK_SLACK;
        // Page back until the statuses are older than the first attempt: after a burst the
        // post may be far below the newest page.
        let mut max_id: Option<String> = None;
        for _ in 0..MAX_LOOKBACK_PAGES {
            let mut path = format!(
                "/api/v1/accounts/{}/statuses?limit=40&exclude_reblogs=true",
                enc(&account.id)
            );
            if let Some(m) = &max_id {
                path.push_str(&format!("&max_id={}", enc(m)));
            }
            let reply = self
                .call(self.request(Method::GET, &path), "the list of recent posts")
                .await?;
            let statuses: Vec<Status> = Self::parse(&reply, "the list of recent posts")?;
            let Some(last) = statuses.last() else {
                return Ok(None);
            };
            let older_than_wanted = last.created_at < since;
            max_id = Some(last.id.clone());
            if let Some(s) = statuses
                .into_iter()
                .find(|s| s.created_at >= since && normalize(&plain_text(&s.content)) == wanted)
            {
                return Ok(Some(Published {
                    remote_id: s.id,
                    remote_url: s.url,
                }));
            }
            if older_than_wanted {
                return Ok(None);
            }
        }
        Ok(None)
    }

    async fn mute_author(&self, remote_id: &str, muted: bool) -> Result<(), ConnectorError> {
        let account = self.author_of(remote_id).await?;
        let verb = if muted { "mute" } else { "unmute" };
        let path = format!("/api/v1/accounts/{}/{verb}", enc(&account));
        let reply = self
            .call(self.request(Method::POST, &path), "muting the account")
            .await?;
        Self::parse::<serde_json::Value>(&reply, "muting the account").map(drop)
    }

    async fn report(
        &self,
        remote_id: &str,
        category: &str,
        comment: &str,
    ) -> Result<(), ConnectorError> {
        let account = self.author_of(remote_id).await?;
        // Mastodon API: POST /api/v1/reports; the comment is limited to 1,000 characters.
        let body = serde_json::json!({
            "account_id": account,
            "status_ids": [remote_id],
            "comment": comment.chars().take(1000).collect::<String>(),
            "category": category,
            "forward": false,
        });
        let req = self.request(Method::POST, "/api/v1/reports").json(&body);
        let reply = self.call(req, "the report").await?;
        Self::parse::<serde_json::Value>(&reply, "the report").map(drop)
    }

    async fn reply(&self, to_remote_id: &str, text: &str) -> Result<Published, ConnectorError> {
        // Mastodon shows a reply to the people it mentions: address the author.
        let path = format!("/api/v1/statuses/{}", enc(to_remote_id));
        let reply = self
            .call(
                self.request(Method::GET, &path),
                "reading the post to answer",
            )
            .await?;
        let original: serde_json::Value = Self::parse(&reply, "reading the post to answer")?;
        let acct = original["account"]["acct"].as_str().unwrap_or_default();
        let status = if acct.is_empty() || text.contains(&format!("@{acct}")) {
            text.to_string()
        } else {
            format!("@{acct} {text}")
        };
        let body = serde_json::json!({
            "status": status,
            "in_reply_to_id": to_remote_id,
            "visibility": original["visibility"].as_str().unwrap_or("public"),
        });
        let req = self.request(Method::POST, "/api/v1/statuses").json(&body);
        let reply = self.call(req, "the reply").await?;
        let status: Status = Self::parse(&reply, "the reply")?;
        Ok(Published {
            remote_id: status.id,
            remote_url: status.url,
        })
    }

    async fn mentions(
        &self,
        cursor: Option<&str>,
    ) -> Result<(Vec<Mention>, Option<String>), ConnectorError> {
        let mut out: Vec<Mention> = Vec::new();
        let mut cursor = cursor.map(String::from);
        // `min_id` pages forward from the cursor without skipping anything in a burst.
        for _ in 0..MAX_LOOKBACK_PAGES {
            let mut path = "/api/v1/notifications?types[]=mention&limit=40".to_string();
            if let Some(c) = &cursor {
                path.push_str(&format!("&min_id={}", enc(c)));
            }
            let reply = self
                .call(self.request(Method::GET, &path), "the notifications")
                .await?;
            let page: Vec<serde_json::Value> = Self::parse(&reply, "the notifications")?;
            if page.is_empty() {
                break;
            }
            let mut page: Vec<(String, serde_json::Value)> = page
                .into_iter()
                .filter_map(|n| Some((n["id"].as_str()?.to_string(), n)))
                .collect();
            // Ids are numbers in strings: order by length, then text.
            page.sort_by(|a, b| (a.0.len(), &a.0).cmp(&(b.0.len(), &b.0)));
            cursor = page.last().map(|(id, _)| id.clone());
            for (_, n) in page {
                let status = &n["status"];
                let Some(id) = status["id"].as_str() else {
                    continue;
                };
                out.push(Mention {
                    remote_id: id.to_string(),
                    in_reply_to: status["in_reply_to_id"].as_str().map(String::from),
                    author_name: n["account"]["display_name"]
                        .as_str()
                        .filter(|d| !d.is_empty())
                        .or(n["account"]["acct"].as_str())
                        .unwrap_or("someone")
                        .to_string(),
                    author_id: n["account"]["id"].as_str().unwrap_or_default().to_string(),
                    text: plain_text(status["content"].as_str().unwrap_or_default()),
                    created_at: status["created_at"]
                        .as_str()
                        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
                        .map_or_else(Utc::now, |t| t.with_timezone(&Utc)),
                    raw: n.clone(),
                });
            }
        }
        Ok((out, cursor))
    }

    async fn delete(&self, remote_id: &str) -> Result<(), ConnectorError> {
        let path = format!("/api/v1/statuses/{}", enc(remote_id));
        let reply = rate_limit::send(
            "Mastodon",
            &self.throttle,
            self.request(Method::DELETE, &path),
        )
        .await?;
        // Already gone is what the caller wanted.
        if reply.status.is_success() || reply.status == StatusCode::NOT_FOUND {
            Ok(())
        } else {
            Err(error_from(&reply, "deleting the post"))
        }
    }

    async fn pin(&self, remote_id: &str) -> Result<(), ConnectorError> {
        self.status_action(remote_id, "pin", "pinning the post")
            .await
    }

    async fn unpin(&self, remote_id: &str) -> Result<(), ConnectorError> {
        self.status_action(remote_id, "unpin", "unpinning the post")
            .await
    }
}

/// Maps a non-2xx answer. Mastodon's errors are `{"error": "…"}`; the message is shown to
/// the team as it is, since it is usually precise ("Text character limit of 500 exceeded").
fn error_from(reply: &Reply, action: &str) -> ConnectorError {
    if let Some(limited) =
        rate_limit::rate_limited(reply.status, &reply.headers, &reply.body, Utc::now())
    {
        return limited;
    }
    let message = reply
        .json::<ErrorBody>()
        .map(|e| e.error)
        .unwrap_or_else(|| "no error message".to_string());
    let status = reply.status;
    match status.as_u16() {
        401 => ConnectorError::Permanent(format!(
            "Mastodon did not accept the access token: {message}. Reconnect the channel."
        )),
        404 => {
            ConnectorError::Permanent(format!("Mastodon refused {action}: not found ({message})"))
        }
        408 => ConnectorError::Transient(format!("Mastodon timed out on {action}: {message}")),
        400..=499 => ConnectorError::Permanent(format!("Mastodon refused {action}: {message}")),
        _ => ConnectorError::Transient(format!(
            "Mastodon failed on {action} (HTTP {}): {message}",
            status.as_u16()
        )),
    }
}

fn enc(segment: &str) -> String {
    urlencoding::encode(segment).into_owned()
}

fn extension(mime: &str) -> &'static str {
    match mime {
        "image/jpeg" => "jpg",
        "image/png" => "png",
        "image/gif" => "gif",
        "image/webp" => "webp",
        "video/mp4" => "mp4",
        _ => "bin",
    }
}

/// The text of a status's HTML `content`: Mastodon wraps paragraphs in `<p>`, turns
/// newlines into `<br>`, links into `<a>` (hiding parts of long URLs in spans, whose text
/// is still there) and escapes entities.
pub fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..lt]));
        let Some(gt) = rest[lt..].find('>') else {
            out.push_str(&decode_entities(&rest[lt..]));
            return out;
        };
        let tag = rest[lt + 1..lt + gt].trim().to_ascii_lowercase();
        let name = tag
            .trim_start_matches('/')
            .split([' ', '/'])
            .next()
            .unwrap_or("");
        match (name, tag.starts_with('/')) {
            ("br", _) => out.push('\n'),
            ("p", true) => out.push_str("\n\n"),
            _ => {}
        }
        rest = &rest[lt + gt + 1..];
    }
    out.push_str(&decode_entities(rest));
    out.trim_end().to_string()
}

fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest.find(';').filter(|&semi| semi <= 10).and_then(|semi| {
            let name = &rest[1..semi];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, semi))
        });
        match decoded {
            Some((c, semi)) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// What two texts must share to be "the same post": whitespace collapsed (paragraph and
/// line breaks vary), and remote mentions shortened, since Mastodon shows `@user@host` as
/// `@user`.
fn normalize(text: &str) -> String {
    text.split_whitespace()
        .map(shorten_mention)
        .collect::<Vec<_>>()
        .join(" ")
}

/// `@user@host.example!` → `@user!`.
fn shorten_mention(word: &str) -> String {
    let Some((user, host_and_tail)) = word.strip_prefix('@').and_then(|w| w.split_once('@')) else {
        return word.to_string();
    };
    let host_len = host_and_tail
        .find(|c: char| !(c.is_alphanumeric() || c == '.' || c == '-'))
        .unwrap_or(host_and_tail.len());
    // A sentence's full stop right after the host is not part of it.
    let host = host_and_tail[..host_len].trim_end_matches('.');
    format!("@{user}{}", &host_and_tail[host.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_of_mastodon_html() {
        let html = "<p>Flu shots &amp; boosters<br />today 9&#8211;5</p><p>See <a href=\"https://example.org/flu\" rel=\"nofollow noopener\" target=\"_blank\"><span class=\"invisible\">https://</span><span class=\"ellipsis\">example.org/fl</span><span class=\"invisible\">u</span></a> <a href=\"https://h.example/tags/health\" class=\"mention hashtag\">#<span>health</span></a></p>";
        assert_eq!(
            plain_text(html),
            "Flu shots & boosters\ntoday 9\u{2013}5\n\nSee https://example.org/flu #health"
        );
        assert_eq!(plain_text("a &bogus; &lt;b&gt; & c"), "a &bogus; <b> & c");
    }

    #[test]
    fn normalized_text_matches_across_formatting() {
        let posted = "Clinic open\n\nSee you, @nurse@health.example!";
        let shown = plain_text("<p>Clinic open</p><p>See you, <span class=\"h-card\"><a href=\"https://health.example/@nurse\" class=\"u-url mention\">@<span>nurse</span></a></span>!</p>");
        assert_eq!(normalize(posted), normalize(&shown));
        assert_ne!(normalize("Clinic open"), normalize("Clinic closed"));
        assert_eq!(shorten_mention("@a@b.example."), "@a.");
        assert_eq!(shorten_mention("me@home"), "me@home");
    }

    #[test]
    fn extension_follows_mime() {
        assert_eq!(extension("image/png"), "png");
        assert_eq!(extension("application/x-unknown"), "bin");
    }
}
