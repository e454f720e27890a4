//! One post to all three networks at once, end to end: the JSON API, the review workflow,
//! the queue and the worker, delivering to a real Mastodon API server (`mastodon-mock`), a
//! real AT Protocol PDS (`@atproto/pds`) and a stateful Graph API for a Facebook Page, then
//! taking the post down from all three.
//!
//! Needs `CAREPOST_MASTODON_MOCK` (`scripts/mastodon-mock install`) and
//! `CAREPOST_ATPROTO_PDS` (`scripts/atproto-pds install`); see `channels::testing`.

mod common;

use channels::testing::{rkey_of, FakeGraph, MockMastodon, Pds, PdsAccount, TOKEN};
use common::{team, wait_for_post, Api, Team};
use serde_json::{json, Value};
use std::time::Duration;

const PAGE_ID: &str = "104857600";
const PAGE_NAME: &str = "Riverside Community Health";
const PAGE_TOKEN: &str = "EAAG-riverside-page-token";

/// A link, an emoji and (through `hashtags`) a hashtag, no mention.
const BODY: &str =
    "Flu shots are free this Saturday 💉 at our Main Street clinic: https://example.org/flu-clinic";
const LINK: &str = "https://example.org/flu-clinic";

struct Networks {
    mastodon: MockMastodon,
    pds: &'static Pds,
    bluesky: PdsAccount,
    graph: FakeGraph,
}

impl Networks {
    async fn start() -> Networks {
        let pds = Pds::shared().await;
        Networks {
            mastodon: MockMastodon::start().await,
            bluesky: pds.create_account("riverside").await,
            pds,
            graph: FakeGraph::start(PAGE_ID, PAGE_NAME, PAGE_TOKEN).await,
        }
    }

    async fn bluesky_posts(&self) -> Vec<Value> {
        self.pds.records(&self.bluesky, "app.bsky.feed.post").await
    }
}

/// The channel ids, Mastodon, Bluesky, Facebook.
struct Channels {
    mastodon: String,
    bluesky: String,
    facebook: String,
}

impl Channels {
    fn all(&self) -> [&str; 3] {
        [&self.mastodon, &self.bluesky, &self.facebook]
    }
}

async fn channel(admin: &Api, body: Value, secret: &str) -> String {
    let (status, created) = admin.post("/api/v1/channels", body).await;
    assert_eq!(status, 201, "{created}");
    assert!(
        !created.to_string().contains(secret),
        "a secret came back: {created}"
    );
    created["id"].as_str().unwrap().to_string()
}

/// Connects the three accounts; Bluesky with `app_password` (the account's own unless
/// given).
async fn connect(admin: &Api, n: &Networks, app_password: Option<&str>) -> Channels {
    let app_password = app_password.unwrap_or(&n.bluesky.app_password);
    Channels {
        mastodon: channel(
            admin,
            json!({"kind": "mastodon", "name": "Mastodon", "base_url": n.mastodon.base_url,
                   "access_token": TOKEN}),
            TOKEN,
        )
        .await,
        bluesky: channel(
            admin,
            json!({"kind": "bluesky", "name": "Bluesky", "service_url": n.pds.url,
                   "identifier": n.bluesky.handle, "app_password": app_password}),
            app_password,
        )
        .await,
        facebook: channel(
            admin,
            json!({"kind": "facebook", "name": "Facebook", "page_id": PAGE_ID,
                   "access_token": PAGE_TOKEN, "api_base_url": n.graph.base_url}),
            PAGE_TOKEN,
        )
        .await,
    }
}

/// Drafts, submits and approves a post for `channels`; returns its id and full text.
async fn approved(t: &Team, channels: &Channels) -> (String, String) {
    let (status, draft) = t
        .author
        .post(
            "/api/v1/posts",
            json!({"body": BODY, "channel_ids": channels.all(), "content_type": "psa",
                   "hashtags": ["StayWell"]}),
        )
        .await;
    assert_eq!(status, 201, "{draft}");
    assert_eq!(draft["verdict"], "pass", "{draft}");
    assert_eq!(draft["limit_problems"], json!([]), "{draft}");
    let id = draft["id"].as_str().unwrap().to_string();
    let text = draft["text"].as_str().unwrap().to_string();
    assert_eq!(text, format!("{BODY}\n\n#StayWell"));
    let (status, post) = t
        .author
        .post(&format!("/api/v1/posts/{id}/submit"), json!({}))
        .await;
    assert_eq!(status, 200, "{post}");
    let (status, post) = t
        .approver
        .post(&format!("/api/v1/posts/{id}/approve"), json!({}))
        .await;
    assert_eq!(status, 200, "{post}");
    (id, text)
}

/// Polls the post until `done` holds (or 30 s pass: the PDS is slower than the others).
async fn wait_for(api: &Api, id: &str, done: impl Fn(&Value) -> bool) -> Value {
    wait_for_post(api, id, Duration::from_secs(30), done).await
}

fn state(p: &Value) -> &str {
    p["state"].as_str().unwrap_or_default()
}

/// The post's delivery to `channel`.
fn delivery<'a>(post: &'a Value, channel: &str) -> &'a Value {
    let all = post["deliveries"].as_array().expect("deliveries");
    let mine: Vec<&Value> = all.iter().filter(|d| d["channel_id"] == channel).collect();
    assert_eq!(mine.len(), 1, "one delivery per channel: {post:#}");
    mine[0]
}

fn remote_id(d: &Value) -> &str {
    d["remote_id"].as_str().unwrap_or_else(|| panic!("{d}"))
}

/// "Test connection" on `channel`: who the network says the account is.
async fn test_connection(admin: &Api, channel: &str) -> (u16, Value) {
    admin
        .post(&format!("/api/v1/channels/{channel}/test"), json!({}))
        .await
}

/// The one Mastodon status, checked against the delivery.
async fn check_mastodon(n: &Networks, d: &Value) {
    let statuses = n.mastodon.statuses().await;
    assert_eq!(statuses.len(), 1, "exactly one status: {statuses:#?}");
    let status = &statuses[0];
    assert_eq!(status["id"].as_str(), Some(remote_id(d)));
    assert_eq!(status["url"], d["remote_url"]);
    let content = status["content"].as_str().unwrap();
    for part in ["Flu shots are free this Saturday 💉", LINK, "StayWell"] {
        assert!(content.contains(part), "{part} missing from {content}");
    }
}

/// The one `app.bsky.feed.post` record, with its link and hashtag facets on the right bytes.
async fn check_bluesky(n: &Networks, d: &Value, text: &str) {
    let records = n.bluesky_posts().await;
    assert_eq!(records.len(), 1, "exactly one record: {records:#?}");
    let record = &records[0];
    assert_eq!(record["uri"].as_str(), Some(remote_id(d)));
    assert!(remote_id(d).starts_with(&format!("at://{}/app.bsky.feed.post/", n.bluesky.did)));
    assert_eq!(
        d["remote_url"].as_str(),
        Some(
            format!(
                "https://bsky.app/profile/{}/post/{}",
                n.bluesky.handle,
                rkey_of(remote_id(d))
            )
            .as_str()
        )
    );
    let value = &record["value"];
    assert_eq!(value["$type"], "app.bsky.feed.post");
    assert_eq!(value["text"], text);
    let facets = value["facets"].as_array().expect("facets");
    let feature = |kind: &str| {
        facets
            .iter()
            .find(|f| f["features"][0]["$type"] == format!("app.bsky.richtext.facet#{kind}"))
            .unwrap_or_else(|| panic!("no {kind} facet in {facets:#?}"))
    };
    // Byte offsets into the UTF-8 text (the emoji before the link is four bytes).
    let covered = |f: &Value| {
        let start = f["index"]["byteStart"].as_u64().unwrap() as usize;
        let end = f["index"]["byteEnd"].as_u64().unwrap() as usize;
        &text.as_bytes()[start..end]
    };
    let tag = feature("tag");
    assert_eq!(tag["features"][0]["tag"], "StayWell");
    assert_eq!(covered(tag), b"#StayWell");
    let link = feature("link");
    assert_eq!(link["features"][0]["uri"], LINK);
    assert_eq!(covered(link), LINK.as_bytes());
    assert!(
        facets
            .iter()
            .all(|f| f["features"][0]["$type"] != "app.bsky.richtext.facet#mention"),
        "{facets:#?}"
    );
}

/// The one post on the Page.
fn check_facebook(n: &Networks, d: &Value, text: &str) {
    let posts = n.graph.posts();
    assert_eq!(posts.len(), 1, "exactly one page post: {posts:#?}");
    assert_eq!(posts[0].id, remote_id(d));
    assert_eq!(posts[0].message, text);
    assert_eq!(
        d["remote_url"].as_str(),
        Some(format!("https://www.facebook.com/{}", posts[0].id).as_str())
    );
}

#[tokio::test]
async fn a_post_goes_out_to_mastodon_bluesky_and_facebook_once_each_and_comes_down_from_all() {
    let t = team().await;
    let n = Networks::start().await;
    let ch = connect(&t.admin, &n, None).await;

    // "Test connection" says whose account each channel opens.
    let (status, m) = test_connection(&t.admin, &ch.mastodon).await;
    assert_eq!(status, 200, "{m}");
    assert!(
        m["account"]["display"]
            .as_str()
            .unwrap()
            .contains("testuser"),
        "{m}"
    );
    let (status, b) = test_connection(&t.admin, &ch.bluesky).await;
    assert_eq!(status, 200, "{b}");
    assert_eq!(b["account"]["display"], n.bluesky.handle.as_str());
    assert_eq!(b["account"]["id"], n.bluesky.did.as_str());
    let (status, f) = test_connection(&t.admin, &ch.facebook).await;
    assert_eq!(status, 200, "{f}");
    assert_eq!(f["account"]["display"], PAGE_NAME);
    assert_eq!(f["account"]["id"], PAGE_ID);
    assert_eq!(f["account"]["url"], n.graph.page_link().as_str());

    let (id, text) = approved(&t, &ch).await;
    let post = wait_for(&t.author, &id, |p| state(p) == "published").await;
    assert_eq!(post["deliveries"].as_array().unwrap().len(), 3, "{post:#}");
    for channel in ch.all() {
        let d = delivery(&post, channel);
        assert_eq!(d["state"], "published", "{d}");
        assert_eq!(d["attempts"], 1, "{d}");
        assert!(d["last_error"].is_null(), "{d}");
        assert!(!remote_id(d).is_empty());
        assert!(d["remote_url"].as_str().unwrap().starts_with("http"), "{d}");
    }
    check_mastodon(&n, delivery(&post, &ch.mastodon)).await;
    check_bluesky(&n, delivery(&post, &ch.bluesky), &text).await;
    check_facebook(&n, delivery(&post, &ch.facebook), &text);

    // Withdrawn: deleted on every network.
    let (status, body) = t
        .author
        .post(
            &format!("/api/v1/posts/{id}/withdraw"),
            json!({"reason": "clinic date moved"}),
        )
        .await;
    assert_eq!((status, state(&body)), (200, "withdrawn"), "{body}");
    let post = wait_for(&t.author, &id, |p| {
        p["deliveries"]
            .as_array()
            .is_some_and(|ds| ds.iter().all(|d| d["state"] == "withdrawn"))
    })
    .await;
    assert_eq!(state(&post), "withdrawn");
    assert!(n.mastodon.statuses().await.is_empty());
    let bluesky = delivery(&post, &ch.bluesky);
    assert!(n.bluesky_posts().await.is_empty());
    assert_eq!(
        n.pds
            .record(
                &n.bluesky,
                "app.bsky.feed.post",
                rkey_of(remote_id(bluesky))
            )
            .await,
        None
    );
    assert!(n.graph.posts().is_empty());
    let facebook = remote_id(delivery(&post, &ch.facebook)).to_string();
    assert!(
        n.graph
            .requests()
            .contains(&format!("DELETE /v21.0/{facebook}")),
        "{:?}",
        n.graph.requests()
    );

    let (_, audit) = t
        .admin
        .get("/api/v1/audit?action=post.taken_down&limit=50")
        .await;
    assert_eq!(audit["entries"].as_array().unwrap().len(), 3, "{audit:#}");
}

#[tokio::test]
async fn a_wrong_bluesky_app_password_fails_only_that_delivery_so_the_post_is_partially_failed() {
    let t = team().await;
    let n = Networks::start().await;
    let wrong = "wxyz-wxyz-wxyz-wxyz";
    let ch = connect(&t.admin, &n, Some(wrong)).await;

    // The connection test already says so, without echoing the password.
    let (status, b) = test_connection(&t.admin, &ch.bluesky).await;
    assert_eq!(status, 422, "{b}");
    assert_eq!(b["error"]["code"], "connection_failed", "{b}");
    // Refused credentials: trying again will not help.
    assert_eq!(b["error"]["retryable"], false, "{b}");
    let message = b["error"]["message"].as_str().unwrap();
    assert!(message.contains("app password"), "{message}");
    assert!(!b.to_string().contains(wrong), "{b}");

    let (id, text) = approved(&t, &ch).await;
    let post = wait_for(&t.author, &id, |p| state(p) == "partially_failed").await;
    let bluesky = delivery(&post, &ch.bluesky);
    assert_eq!(bluesky["state"], "failed", "{bluesky}");
    // Refused credentials are not retried: another try cannot succeed.
    assert_eq!(bluesky["attempts"], 1, "{bluesky}");
    assert!(bluesky["remote_id"].is_null(), "{bluesky}");
    let error = bluesky["last_error"].as_str().unwrap();
    assert!(
        error.contains("Bluesky refused the credentials") && error.contains("app password"),
        "{error}"
    );
    assert!(!error.contains(wrong), "{error}");
    for channel in [&ch.mastodon, &ch.facebook] {
        let d = delivery(&post, channel);
        assert_eq!(d["state"], "published", "{d}");
    }
    check_mastodon(&n, delivery(&post, &ch.mastodon)).await;
    check_facebook(&n, delivery(&post, &ch.facebook), &text);
    assert!(n.bluesky_posts().await.is_empty());

    let (_, dead) = t.author.get("/api/v1/posts/failed-deliveries").await;
    let dead: Vec<&Value> = dead["deliveries"].as_array().unwrap().iter().collect();
    assert_eq!(dead.len(), 1, "{dead:#?}");
    assert_eq!(dead[0]["id"], bluesky["id"]);

    // Withdrawn: what did go out comes down; nothing was on Bluesky to delete.
    let (status, body) = t
        .author
        .post(&format!("/api/v1/posts/{id}/withdraw"), json!({}))
        .await;
    assert_eq!((status, state(&body)), (200, "withdrawn"), "{body}");
    let post = wait_for(&t.author, &id, |p| {
        [&ch.mastodon, &ch.facebook]
            .iter()
            .all(|c| delivery(p, c)["state"] == "withdrawn")
    })
    .await;
    assert!(n.mastodon.statuses().await.is_empty());
    assert!(n.graph.posts().is_empty());
    assert!(n.bluesky_posts().await.is_empty());
    // The failed delivery is closed with the post: off the dead-letter list, not retryable.
    let bluesky = delivery(&post, &ch.bluesky);
    assert_eq!(bluesky["state"], "cancelled", "{bluesky}");
    let (_, dead) = t.author.get("/api/v1/posts/failed-deliveries").await;
    assert_eq!(dead["deliveries"], json!([]), "{dead}");
    let retry = format!(
        "/api/v1/posts/{id}/deliveries/{}/retry",
        bluesky["id"].as_str().unwrap()
    );
    let (status, body) = t.approver.post(&retry, json!({})).await;
    assert_eq!(status, 409, "{body}");
    assert!(n.bluesky_posts().await.is_empty());
}
