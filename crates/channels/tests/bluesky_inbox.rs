//! The Bluesky connector's inbox: replies and hidden replies against a real AT Protocol PDS
//! (`@atproto/pds`, see tests/bluesky.rs), and notification polling against a local XRPC
//! server answering `app.bsky.notification.listNotifications` with the lexicon's payloads,
//! because a PDS without an AppView (the test one) cannot serve notifications.
//!
//! `CAREPOST_ATPROTO_PDS` names the launcher (default: `scripts/pds/run`).

use axum::{
    extract::{Query, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    routing::{get, post},
    Json, Router,
};
use channels::testing::{rkey_of, Pds, PdsAccount};
use channels::{bluesky::Bluesky, ChannelConfig, Connector, ConnectorError, OutgoingPost};
use chrono::{DateTime, Duration, SecondsFormat, TimeZone, Utc};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

const POST: &str = "app.bsky.feed.post";
const THREADGATE: &str = "app.bsky.feed.threadgate";

fn connector(url: &str, identifier: &str, app_password: &str) -> Bluesky {
    Bluesky::new(
        &ChannelConfig::Bluesky {
            service_url: url.to_string(),
            identifier: identifier.to_string(),
            app_password: app_password.to_string(),
        },
        channels::http_client(),
    )
}

fn outgoing(text: &str, key: &str) -> OutgoingPost {
    OutgoingPost {
        text: text.to_string(),
        media: vec![],
        idempotency_key: key.to_string(),
        first_attempt_at: Utc::now(),
    }
}

fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// A post written by `account` itself (as the Bluesky app would), answering `reply_to`
/// (`(root, parent)` strong refs) when given. Returns its `{uri, cid}`.
async fn post_as(
    pds: &Pds,
    account: &PdsAccount,
    text: &str,
    reply_to: Option<(&Value, &Value)>,
) -> Value {
    let mut record = json!({ "$type": POST, "text": text, "createdAt": now() });
    if let Some((root, parent)) = reply_to {
        record["reply"] = json!({ "root": root, "parent": parent });
    }
    let created = pds
        .xrpc_post(
            "com.atproto.repo.createRecord",
            Some(&account.access_jwt),
            json!({ "repo": account.did, "collection": POST, "record": record }),
        )
        .await;
    json!({ "uri": created["uri"], "cid": created["cid"] })
}

/// The `{uri, cid}` of a post the connector published.
async fn strong_ref(pds: &Pds, account: &PdsAccount, uri: &str) -> Value {
    let record = pds.record(account, POST, rkey_of(uri)).await.unwrap();
    json!({ "uri": record["uri"], "cid": record["cid"] })
}

fn permanent(err: ConnectorError) -> String {
    match err {
        ConnectorError::Permanent(m) => m,
        other => panic!("expected a permanent error, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// The real PDS

#[tokio::test]
async fn reply_answers_in_the_thread_with_root_and_parent_refs() {
    let pds = Pds::shared().await;
    let org = pds.create_account("replyorg").await;
    let visitor = pds.create_account("visitor").await;
    let c = connector(&pds.url, &org.handle, &org.app_password);

    let root = c
        .publish(&outgoing(
            "Flu clinic open all week #flu",
            "inbox-reply-root",
        ))
        .await
        .unwrap();
    let root_ref = strong_ref(pds, &org, &root.remote_id).await;
    let question = post_as(
        pds,
        &visitor,
        "Do I need an appointment?",
        Some((&root_ref, &root_ref)),
    )
    .await;
    let question_uri = question["uri"].as_str().unwrap();

    let text = format!(
        "No appointment needed, @{}: details at https://example.org/flu",
        visitor.handle
    );
    let answer = c.reply(question_uri, &text).await.unwrap();
    assert!(
        answer
            .remote_id
            .starts_with(&format!("at://{}/{POST}/", org.did)),
        "{answer:?}"
    );
    let rkey = rkey_of(&answer.remote_id);
    assert_eq!(
        answer.remote_url.as_deref(),
        Some(format!("https://bsky.app/profile/{}/post/{rkey}", org.handle).as_str())
    );
    let record = pds.record(&org, POST, rkey).await.unwrap();
    let value = &record["value"];
    assert_eq!(value["text"], text.as_str());
    // The thread is the original post's; the answer hangs under the visitor's question.
    assert_eq!(value["reply"]["root"], root_ref);
    assert_eq!(value["reply"]["parent"], question);
    // Facets as in a published post: the mention resolves to the visitor, the link is a link.
    let features: Vec<&Value> = value["facets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| &f["features"][0])
        .collect();
    assert_eq!(features.len(), 2, "{features:?}");
    assert_eq!(features[0]["$type"], "app.bsky.richtext.facet#mention");
    assert_eq!(features[0]["did"], visitor.did.as_str());
    assert_eq!(features[1]["uri"], "https://example.org/flu");

    // A retried answer lands on the same record instead of answering twice.
    assert_eq!(c.reply(question_uri, &text).await.unwrap(), answer);
    assert_eq!(pds.records(&org, POST).await.len(), 2);

    // Answering a post that answers nothing makes that post the root as well as the parent.
    let top = post_as(pds, &visitor, "Thank you nurses!", None).await;
    let thanks = c
        .reply(top["uri"].as_str().unwrap(), "Thank you for the kind words")
        .await
        .unwrap();
    let record = pds
        .record(&org, POST, rkey_of(&thanks.remote_id))
        .await
        .unwrap();
    assert_eq!(record["value"]["reply"]["root"], top);
    assert_eq!(record["value"]["reply"]["parent"], top);
    assert!(record["value"].get("facets").is_none());

    // A deleted post cannot be answered, and an at-uri that is not a post is refused.
    let gone = post_as(pds, &visitor, "Posted by mistake", None).await;
    pds.xrpc_post(
        "com.atproto.repo.deleteRecord",
        Some(&visitor.access_jwt),
        json!({ "repo": visitor.did, "collection": POST, "rkey": rkey_of(gone["uri"].as_str().unwrap()) }),
    )
    .await;
    let msg = permanent(
        c.reply(gone["uri"].as_str().unwrap(), "hello")
            .await
            .unwrap_err(),
    );
    assert!(msg.contains("deleted"), "{msg}");
    let like_uri = format!("at://{}/app.bsky.feed.like/3kabc", visitor.did);
    permanent(c.reply(&like_uri, "hello").await.unwrap_err());
    permanent(c.reply("https://bsky.app/x", "hello").await.unwrap_err());
}

#[tokio::test]
async fn hide_and_unhide_edit_the_root_posts_thread_gate() {
    let pds = Pds::shared().await;
    let org = pds.create_account("hideorg").await;
    let visitor = pds.create_account("troll").await;
    let c = connector(&pds.url, &org.handle, &org.app_password);

    let root = c
        .publish(&outgoing(
            "Visiting hours change on Monday",
            "inbox-hide-root",
        ))
        .await
        .unwrap();
    let root_ref = strong_ref(pds, &org, &root.remote_id).await;
    let first = post_as(pds, &visitor, "First!", Some((&root_ref, &root_ref))).await;
    // A reply deeper in the thread: its gate is still the root's.
    let nested = post_as(pds, &visitor, "Second!", Some((&root_ref, &first))).await;
    let first_uri = first["uri"].as_str().unwrap();
    let nested_uri = nested["uri"].as_str().unwrap();
    let gate_key = rkey_of(&root.remote_id);
    assert!(pds.record(&org, THREADGATE, gate_key).await.is_none());

    c.hide(nested_uri, true).await.unwrap();
    let gate = pds.record(&org, THREADGATE, gate_key).await.unwrap();
    let value = &gate["value"];
    assert_eq!(value["$type"], THREADGATE);
    assert_eq!(value["post"], root.remote_id.as_str());
    assert_eq!(value["hiddenReplies"], json!([nested_uri]));
    // A new gate has no reply rules: everyone can still reply.
    assert!(value.get("allow").is_none(), "{value}");
    assert!(DateTime::parse_from_rfc3339(value["createdAt"].as_str().unwrap()).is_ok());

    // Hiding twice changes nothing.
    c.hide(nested_uri, true).await.unwrap();
    let again = pds.record(&org, THREADGATE, gate_key).await.unwrap();
    assert_eq!(again["cid"], gate["cid"]);

    c.hide(first_uri, true).await.unwrap();
    let gate = pds.record(&org, THREADGATE, gate_key).await.unwrap();
    assert_eq!(
        gate["value"]["hiddenReplies"],
        json!([nested_uri, first_uri])
    );

    // Reply rules set meanwhile in the Bluesky app are kept.
    let mut edited = gate["value"].clone();
    edited["allow"] = json!([{ "$type": "app.bsky.feed.threadgate#mentionRule" }]);
    pds.xrpc_post(
        "com.atproto.repo.putRecord",
        Some(&org.access_jwt),
        json!({ "repo": org.did, "collection": THREADGATE, "rkey": gate_key, "record": edited }),
    )
    .await;
    c.hide(first_uri, false).await.unwrap();
    let gate = pds.record(&org, THREADGATE, gate_key).await.unwrap();
    assert_eq!(gate["value"]["hiddenReplies"], json!([nested_uri]));
    assert_eq!(gate["value"]["allow"], edited["allow"]);
    c.hide(nested_uri, false).await.unwrap();
    let gate = pds.record(&org, THREADGATE, gate_key).await.unwrap();
    assert!(gate["value"].get("hiddenReplies").is_none(), "{gate}");
    assert_eq!(gate["value"]["allow"], edited["allow"]);
    // Showing a reply that is not hidden changes nothing.
    c.hide(nested_uri, false).await.unwrap();
    let again = pds.record(&org, THREADGATE, gate_key).await.unwrap();
    assert_eq!(again["cid"], gate["cid"]);

    // Showing a reply in a thread that has no gate creates none.
    let other = c
        .publish(&outgoing("Parking is free today", "inbox-hide-other"))
        .await
        .unwrap();
    let other_ref = strong_ref(pds, &org, &other.remote_id).await;
    let reply = post_as(pds, &visitor, "Nice", Some((&other_ref, &other_ref))).await;
    c.hide(reply["uri"].as_str().unwrap(), false).await.unwrap();
    assert!(pds
        .record(&org, THREADGATE, rkey_of(&other.remote_id))
        .await
        .is_none());

    // Someone else's thread: the account has no say over it.
    let theirs = post_as(pds, &visitor, "My own thread", None).await;
    let under_theirs = post_as(pds, &visitor, "A reply", Some((&theirs, &theirs))).await;
    let msg = permanent(
        c.hide(under_theirs["uri"].as_str().unwrap(), true)
            .await
            .unwrap_err(),
    );
    assert!(
        msg.contains("only replies under this account's own posts can be hidden"),
        "{msg}"
    );
    // A post that answers nothing is not a reply.
    let msg = permanent(
        c.hide(theirs["uri"].as_str().unwrap(), true)
            .await
            .unwrap_err(),
    );
    assert!(msg.contains("not a reply"), "{msg}");
    assert_eq!(pds.records(&org, THREADGATE).await.len(), 1);
    assert!(pds.records(&visitor, THREADGATE).await.is_empty());
}

#[tokio::test]
async fn a_pds_without_an_appview_cannot_list_notifications() {
    // Why `mentions` is tested against the stand-in below: the test PDS has no AppView to
    // proxy `app.bsky.*` queries to. The connector says so with an error, not a panic or an
    // empty inbox.
    let pds = Pds::shared().await;
    let org = pds.create_account("nonotif").await;
    let c = connector(&pds.url, &org.handle, &org.app_password);
    let msg = permanent(c.mentions(None).await.unwrap_err());
    assert!(
        msg.contains("notifications") && msg.contains("No service configured"),
        "{msg}"
    );
}

// ---------------------------------------------------------------------------------------------
// An XRPC stand-in for the AppView's notifications (reached through the PDS in production)

const ORG_DID: &str = "did:plc:orgfake";
const ACCESS: &str = "access-1";

#[derive(Default)]
struct Notifications {
    /// Oldest first; served newest first.
    items: Vec<Value>,
    /// The query parameters and bearer token of each listNotifications request.
    requests: Vec<(HashMap<String, String>, String)>,
}

type Shared = Arc<Mutex<Notifications>>;

fn xrpc_error(status: StatusCode, error: &str, message: &str) -> Response {
    (status, Json(json!({ "error": error, "message": message }))).into_response()
}

async fn create_session(Json(body): Json<Value>) -> Response {
    if body["password"] != "app-password" {
        return xrpc_error(
            StatusCode::UNAUTHORIZED,
            "AuthenticationRequired",
            "Invalid identifier or password",
        );
    }
    Json(json!({
        "accessJwt": ACCESS,
        "refreshJwt": "refresh-1",
        "did": ORG_DID,
        "handle": "clinic.test",
    }))
    .into_response()
}

/// The AppView's paging: newest first, `limit` at a time; the cursor names the last item
/// served (its time and cid, as the AppView writes it) and the next page starts after it.
async fn list_notifications(
    State(s): State<Shared>,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let mut state = s.lock().unwrap();
    let bearer = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("-")
        .to_string();
    state.requests.push((query.clone(), bearer.clone()));
    if bearer != ACCESS {
        return xrpc_error(
            StatusCode::UNAUTHORIZED,
            "AuthenticationRequired",
            "Authentication Required",
        );
    }
    let limit = match query.get("limit").map(|l| l.parse::<usize>()) {
        None => 50,
        Some(Ok(l)) if (1..=100).contains(&l) => l,
        _ => {
            return xrpc_error(
                StatusCode::BAD_REQUEST,
                "InvalidRequest",
                "limit must be between 1 and 100",
            )
        }
    };
    let key = |n: &Value| {
        let at = DateTime::parse_from_rfc3339(n["indexedAt"].as_str().unwrap()).unwrap();
        format!("{}::{}", at.timestamp_millis(), n["cid"].as_str().unwrap())
    };
    let newest_first = state.items.iter().rev();
    let page: Vec<Value> = match query.get("cursor") {
        None => newest_first.take(limit).cloned().collect(),
        Some(c) => newest_first
            .skip_while(|n| key(n) != *c)
            .skip(1)
            .take(limit)
            .cloned()
            .collect(),
    };
    let mut body = json!({ "notifications": page, "seenAt": "2026-11-28T08:00:00.000Z" });
    if let Some(last) = page.last() {
        body["cursor"] = json!(key(last));
    }
    Json(body).into_response()
}

async fn notification_server() -> (String, Shared) {
    let state: Shared = Arc::default();
    let app = Router::new()
        .route(
            "/xrpc/com.atproto.server.createSession",
            post(create_session),
        )
        .route(
            "/xrpc/app.bsky.notification.listNotifications",
            get(list_notifications),
        )
        .with_state(state.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, state)
}

fn base_time() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 28, 9, 0, 0).unwrap()
}

/// The `n`th notification (one second apart, with milliseconds as the AppView writes them),
/// of a kind chosen by `n`: replies, mentions and quotes among likes, reposts and follows.
fn notification(n: usize) -> Value {
    let at = (base_time() + Duration::milliseconds(n as i64 * 1000 + 250))
        .to_rfc3339_opts(SecondsFormat::Millis, true);
    let who = format!("did:plc:person{n}");
    let uri = |collection: &str| format!("at://{who}/{collection}/3kn{n:06}");
    let ours = format!("at://{ORG_DID}/{POST}/3kroot");
    let ours_ref = json!({ "uri": ours, "cid": "bafyroot" });
    let reason = ["reply", "like", "mention", "follow", "quote", "repost"][n % 6];
    let (uri, record, subject) = match reason {
        "reply" => (
            uri(POST),
            json!({ "$type": POST, "text": format!("question {n}"), "createdAt": at,
                    "reply": { "root": ours_ref, "parent": ours_ref } }),
            Some(ours.clone()),
        ),
        "mention" => (
            uri(POST),
            json!({ "$type": POST, "text": format!("@clinic.test hello {n}"), "createdAt": at }),
            None,
        ),
        "quote" => (
            uri(POST),
            json!({ "$type": POST, "text": format!("look at this {n}"), "createdAt": at,
                    "embed": { "$type": "app.bsky.embed.record", "record": ours_ref } }),
            Some(ours.clone()),
        ),
        "like" => (
            uri("app.bsky.feed.like"),
            json!({ "$type": "app.bsky.feed.like", "subject": ours_ref, "createdAt": at }),
            Some(ours.clone()),
        ),
        "repost" => (
            uri("app.bsky.feed.repost"),
            json!({ "$type": "app.bsky.feed.repost", "subject": ours_ref, "createdAt": at }),
            Some(ours.clone()),
        ),
        _ => (
            uri("app.bsky.graph.follow"),
            json!({ "$type": "app.bsky.graph.follow", "subject": ORG_DID, "createdAt": at }),
            None,
        ),
    };
    let mut v = json!({
        "uri": uri,
        "cid": format!("bafyn{n}"),
        "author": {
            "did": who,
            "handle": format!("person{n}.test"),
            // Every other author has no display name: the handle stands in.
            "displayName": if n.is_multiple_of(2) { format!("Person {n}") } else { String::new() },
        },
        "reason": reason,
        "record": record,
        "isRead": false,
        "indexedAt": at,
        "labels": [],
    });
    if let Some(s) = subject {
        v["reasonSubject"] = json!(s);
    }
    v
}

fn is_conversation(n: &Value) -> bool {
    matches!(n["reason"].as_str(), Some("reply" | "mention" | "quote"))
}

fn request_log(state: &Shared) -> Vec<(HashMap<String, String>, String)> {
    std::mem::take(&mut state.lock().unwrap().requests)
}

fn params(pairs: &[(&str, &str)]) -> HashMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[tokio::test]
async fn mentions_page_back_to_the_cursor_and_skip_likes_and_follows() {
    let (url, state) = notification_server().await;
    let c = connector(&url, "clinic.test", "app-password");
    // History before Carepost was connected: 70 notifications, more than one page.
    state.lock().unwrap().items = (0..70).map(notification).collect();

    // The first poll takes the newest page only.
    let (first, cursor) = c.mentions(None).await.unwrap();
    let requests = request_log(&state);
    assert_eq!(requests, [(params(&[("limit", "50")]), ACCESS.to_string())]);
    let expected: Vec<Value> = (20..70).map(notification).filter(is_conversation).collect();
    let got: Vec<&Value> = first.iter().map(|m| &m.raw).collect();
    assert_eq!(got, expected.iter().collect::<Vec<_>>(), "oldest first");
    let cursor = cursor.unwrap();
    assert_eq!(cursor, notification(69)["indexedAt"].as_str().unwrap());

    // The fields of each kind.
    let reply = first.iter().find(|m| m.raw["reason"] == "reply").unwrap();
    let n = &reply.raw;
    assert_eq!(reply.remote_id, n["uri"].as_str().unwrap());
    assert_eq!(
        reply.in_reply_to.as_deref(),
        Some(format!("at://{ORG_DID}/{POST}/3kroot").as_str())
    );
    assert_eq!(reply.author_id, n["author"]["did"].as_str().unwrap());
    assert_eq!(reply.text, n["record"]["text"].as_str().unwrap());
    assert_eq!(
        reply.created_at,
        DateTime::parse_from_rfc3339(n["indexedAt"].as_str().unwrap()).unwrap()
    );
    for m in &first {
        let author = &m.raw["author"];
        let name = author["displayName"].as_str().unwrap();
        let expected = if name.is_empty() {
            author["handle"].as_str().unwrap()
        } else {
            name
        };
        assert_eq!(m.author_name, expected);
        if m.raw["reason"] != "reply" {
            assert_eq!(m.in_reply_to, None, "{}", m.raw);
        }
    }
    assert!(first.iter().any(|m| m.raw["reason"] == "mention"));
    assert!(first.iter().any(|m| m.raw["reason"] == "quote"));

    // 80 more arrive before the next poll: it pages back until it reaches the cursor.
    state.lock().unwrap().items = (0..150).map(notification).collect();
    let (second, next) = c.mentions(Some(&cursor)).await.unwrap();
    let requests = request_log(&state);
    let page_one_last = notification(100);
    let page_cursor = format!(
        "{}::{}",
        DateTime::parse_from_rfc3339(page_one_last["indexedAt"].as_str().unwrap())
            .unwrap()
            .timestamp_millis(),
        page_one_last["cid"].as_str().unwrap()
    );
    assert_eq!(
        requests,
        [
            (params(&[("limit", "50")]), ACCESS.to_string()),
            (
                params(&[("limit", "50"), ("cursor", &page_cursor)]),
                ACCESS.to_string()
            ),
        ]
    );
    let expected: Vec<Value> = (70..150)
        .map(notification)
        .filter(is_conversation)
        .collect();
    let got: Vec<&Value> = second.iter().map(|m| &m.raw).collect();
    assert_eq!(got, expected.iter().collect::<Vec<_>>());
    let next = next.unwrap();
    assert_eq!(next, notification(149)["indexedAt"].as_str().unwrap());

    // Nothing new: one page, nothing returned (not even the notification at the cursor), and
    // the cursor stays.
    let (third, same) = c.mentions(Some(&next)).await.unwrap();
    assert!(third.is_empty(), "{third:?}");
    assert_eq!(same.as_deref(), Some(next.as_str()));
    assert_eq!(request_log(&state).len(), 1);

    // Only likes and follows since: nothing to return, but the cursor moves past them.
    let (like, follow) = (notification(151), notification(153));
    assert_eq!(
        (&like["reason"], &follow["reason"]),
        (&json!("like"), &json!("follow"))
    );
    state.lock().unwrap().items.extend([like, follow.clone()]);
    let (fourth, moved) = c.mentions(Some(&next)).await.unwrap();
    assert!(fourth.is_empty(), "{fourth:?}");
    assert_eq!(moved.as_deref(), follow["indexedAt"].as_str());
}

#[tokio::test]
async fn a_long_gap_is_paged_back_no_further_than_the_cap() {
    let (url, state) = notification_server().await;
    let c = connector(&url, "clinic.test", "app-password");
    state.lock().unwrap().items = (0..1400).map(notification).collect();
    let cursor = notification(0)["indexedAt"].as_str().unwrap().to_string();
    let (found, next) = c.mentions(Some(&cursor)).await.unwrap();
    // 25 pages of 50: the newest 1250 notifications.
    assert_eq!(request_log(&state).len(), 25);
    let expected: Vec<Value> = (150..1400)
        .map(notification)
        .filter(is_conversation)
        .collect();
    let got: Vec<&Value> = found.iter().map(|m| &m.raw).collect();
    assert_eq!(got, expected.iter().collect::<Vec<_>>());
    assert_eq!(next.as_deref(), notification(1399)["indexedAt"].as_str());
}

#[tokio::test]
async fn notifications_need_the_session() {
    let (url, state) = notification_server().await;
    let err = connector(&url, "clinic.test", "wrong-password")
        .mentions(None)
        .await
        .unwrap_err();
    let msg = permanent(err);
    assert!(!msg.contains("wrong-password"), "{msg}");
    // No notification request without a session.
    assert!(request_log(&state).is_empty());
}
