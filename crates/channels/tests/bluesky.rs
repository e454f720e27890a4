//! The Bluesky connector against a real AT Protocol PDS (the reference `@atproto/pds` with an
//! in-memory PLC directory, installed by `scripts/atproto-pds install`), plus a small XRPC
//! stand-in for what a local PDS cannot be made to do on demand: expire a session, rate-limit,
//! fail with a 5xx.
//!
//! `CAREPOST_ATPROTO_PDS` names the launcher (default: `scripts/pds/run`).

use axum::{
    extract::State,
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    routing::{get, post},
    Json, Router,
};
use channels::testing::{rkey_of, Pds};
use channels::{
    bluesky::{tid, Bluesky},
    ChannelConfig, Connector, ConnectorError, MediaFile, OutgoingPost,
};
use chrono::Utc;
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};

// ---------------------------------------------------------------------------------------------
// The real PDS (one per test process: `channels::testing::Pds`)

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

/// A real 3×2 PNG.
const PNG_3X2: [u8; 73] = [
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x02, 0x08, 0x02, 0x00, 0x00, 0x00, 0x12, 0x16, 0xf1,
    0x4d, 0x00, 0x00, 0x00, 0x10, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x38, 0x21, 0x27, 0x07,
    0x41, 0x0c, 0x70, 0x16, 0x00, 0x41, 0x00, 0x06, 0x19, 0x3c, 0x45, 0x41, 0x96, 0x00, 0x00, 0x00,
    0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

#[tokio::test]
async fn verify_says_whose_account_it_is() {
    let pds = Pds::shared().await;
    let acct = pds.create_account("clinic").await;
    let info = connector(&pds.url, &acct.handle, &acct.app_password)
        .verify()
        .await
        .unwrap();
    assert_eq!(info.display, acct.handle);
    assert_eq!(info.id, acct.did);
    assert_eq!(
        info.url.unwrap(),
        format!("https://bsky.app/profile/{}", acct.handle)
    );
    // The DID works as identifier too, and a leading '@' on the handle is tolerated.
    let by_did = connector(&pds.url, &acct.did, &acct.app_password)
        .verify()
        .await
        .unwrap();
    assert_eq!(by_did.id, acct.did);
    let with_at = connector(&pds.url, &format!("@{}", acct.handle), &acct.app_password);
    assert_eq!(with_at.verify().await.unwrap().id, acct.did);
}

#[tokio::test]
async fn a_pds_of_its_own_serves_its_accounts_and_stops_when_dropped() {
    let pds = Pds::start().await;
    let acct = pds.create_account("own").await;
    let info = connector(&pds.url, &acct.handle, &acct.app_password)
        .verify()
        .await
        .unwrap();
    assert_eq!(info.id, acct.did);
    let url = pds.url.clone();
    let log = pds.log_path().to_path_buf();
    assert!(log.is_file());
    drop(pds);
    let health = reqwest::get(format!("{url}/xrpc/_health")).await;
    assert!(health.is_err(), "still answering after drop: {health:?}");
    assert!(!log.exists(), "its data folder is removed");
}

#[tokio::test]
async fn wrong_app_password_is_permanent_and_not_echoed() {
    let pds = Pds::shared().await;
    let acct = pds.create_account("wrongpw").await;
    let c = connector(&pds.url, &acct.handle, "zzzz-zzzz-zzzz-zzzz");
    let err = c.verify().await.unwrap_err();
    let ConnectorError::Permanent(msg) = &err else {
        panic!("expected Permanent, got {err:?}");
    };
    assert!(!msg.contains("zzzz-zzzz"), "{msg}");
    assert!(msg.contains("AuthenticationRequired"), "{msg}");
    let err = c
        .publish(&outgoing("hello", "wrong-pw-1"))
        .await
        .unwrap_err();
    assert!(matches!(err, ConnectorError::Permanent(_)), "{err:?}");
}

#[tokio::test]
async fn facets_are_stored_with_utf8_byte_ranges() {
    let pds = Pds::shared().await;
    let acct = pds.create_account("hopital").await;
    let bob = pds.create_account("bob").await;
    let c = connector(&pds.url, &acct.handle, &acct.app_password);
    let text = format!(
        "Café ☕ à l'hôpital 👩‍⚕️: https://example.org/grippe?x=1, merci @{} et @ghost.test #Santé 💉",
        bob.handle
    );
    let published = c.publish(&outgoing(&text, "facets-1")).await.unwrap();
    assert!(published
        .remote_id
        .starts_with(&format!("at://{}/app.bsky.feed.post/", acct.did)));
    let rkey = rkey_of(&published.remote_id);
    assert_eq!(
        published.remote_url.as_deref(),
        Some(format!("https://bsky.app/profile/{}/post/{rkey}", acct.handle).as_str())
    );

    let record = pds.record(&acct, "app.bsky.feed.post", rkey).await.unwrap();
    let value = &record["value"];
    assert_eq!(value["text"], text.as_str());
    let facets = value["facets"].as_array().unwrap();
    // The unresolvable @ghost.test is left as plain text.
    assert_eq!(facets.len(), 3, "{facets:#?}");
    let slice = |f: &Value| {
        let start = f["index"]["byteStart"].as_u64().unwrap() as usize;
        let end = f["index"]["byteEnd"].as_u64().unwrap() as usize;
        text.as_bytes()[start..end].to_vec()
    };
    assert_eq!(slice(&facets[0]), b"https://example.org/grippe?x=1");
    assert_eq!(
        facets[0]["features"][0]["$type"],
        "app.bsky.richtext.facet#link"
    );
    assert_eq!(
        facets[0]["features"][0]["uri"],
        "https://example.org/grippe?x=1"
    );
    assert_eq!(slice(&facets[1]), format!("@{}", bob.handle).as_bytes());
    assert_eq!(
        facets[1]["features"][0]["$type"],
        "app.bsky.richtext.facet#mention"
    );
    assert_eq!(facets[1]["features"][0]["did"], bob.did.as_str());
    assert_eq!(slice(&facets[2]), "#Santé".as_bytes());
    assert_eq!(
        facets[2]["features"][0]["$type"],
        "app.bsky.richtext.facet#tag"
    );
    assert_eq!(facets[2]["features"][0]["tag"], "Santé");
    // Byte offsets, not character offsets: the link starts after multi-byte characters.
    let link_start = facets[0]["index"]["byteStart"].as_u64().unwrap() as usize;
    assert_eq!(link_start, text.find("https://").unwrap());
    assert!(link_start > text[..link_start].chars().count());
    assert!(value.get("embed").is_none());
}

#[tokio::test]
async fn image_is_uploaded_as_blob_with_alt_text_and_aspect_ratio() {
    let pds = Pds::shared().await;
    let acct = pds.create_account("imaging").await;
    let c = connector(&pds.url, &acct.handle, &acct.app_password);
    let mut p = outgoing("Our new MRI suite", "image-1");
    p.media.push(MediaFile {
        bytes: PNG_3X2.to_vec(),
        mime: "image/png".into(),
        alt_text: "A red test pattern".into(),
    });
    let published = c.publish(&p).await.unwrap();
    let record = pds
        .record(&acct, "app.bsky.feed.post", rkey_of(&published.remote_id))
        .await
        .unwrap();
    let embed = &record["value"]["embed"];
    assert_eq!(embed["$type"], "app.bsky.embed.images");
    let image = &embed["images"][0];
    assert_eq!(image["alt"], "A red test pattern");
    assert_eq!(image["aspectRatio"], json!({ "width": 3, "height": 2 }));
    assert_eq!(image["image"]["$type"], "blob");
    assert_eq!(image["image"]["mimeType"], "image/png");
    assert_eq!(image["image"]["size"], 73);
    // The blob is stored on the PDS and served back byte for byte.
    let cid = image["image"]["ref"]["$link"].as_str().unwrap();
    let blob = reqwest::Client::new()
        .get(format!("{}/xrpc/com.atproto.sync.getBlob", pds.url))
        .query(&[("did", acct.did.as_str()), ("cid", cid)])
        .send()
        .await
        .unwrap();
    assert!(blob.status().is_success());
    assert_eq!(blob.bytes().await.unwrap().as_ref(), PNG_3X2.as_slice());

    let mut video = outgoing("clip", "video-1");
    video.media.push(MediaFile {
        bytes: vec![0; 16],
        mime: "video/mp4".into(),
        alt_text: "clip".into(),
    });
    assert!(matches!(
        c.publish(&video).await,
        Err(ConnectorError::Permanent(_))
    ));
}

#[tokio::test]
async fn same_idempotency_key_twice_makes_one_post() {
    let pds = Pds::shared().await;
    let acct = pds.create_account("once").await;
    let c = connector(&pds.url, &acct.handle, &acct.app_password);
    let p = outgoing("Visiting hours change on Monday #visits", "delivery-77");
    assert_eq!(c.find_published(&p).await.unwrap(), None);
    let first = c.publish(&p).await.unwrap();
    assert_eq!(rkey_of(&first.remote_id), tid::rkey_for("delivery-77"));
    // A retry, even from a restarted worker with a new session, finds the same record.
    let again = c.publish(&p).await.unwrap();
    let restarted = connector(&pds.url, &acct.handle, &acct.app_password);
    let third = restarted.publish(&p).await.unwrap();
    assert_eq!(again, first);
    assert_eq!(third, first);
    assert_eq!(
        restarted.find_published(&p).await.unwrap(),
        Some(first.clone())
    );

    let records = pds.records(&acct, "app.bsky.feed.post").await;
    assert_eq!(records.len(), 1, "{records:#?}");

    // Another delivery is another post.
    let other = c
        .publish(&outgoing(
            "Visiting hours change on Monday #visits",
            "delivery-78",
        ))
        .await
        .unwrap();
    assert_ne!(other.remote_id, first.remote_id);
}

#[tokio::test]
async fn delete_twice_succeeds_and_the_post_is_gone() {
    let pds = Pds::shared().await;
    let acct = pds.create_account("deleter").await;
    let c = connector(&pds.url, &acct.handle, &acct.app_password);
    let p = outgoing("Posted by mistake", "delete-1");
    let published = c.publish(&p).await.unwrap();
    c.delete(&published.remote_id).await.unwrap();
    assert!(pds
        .record(&acct, "app.bsky.feed.post", rkey_of(&published.remote_id))
        .await
        .is_none());
    assert_eq!(c.find_published(&p).await.unwrap(), None);
    c.delete(&published.remote_id).await.unwrap();
    assert!(matches!(
        c.delete("https://bsky.app/x").await,
        Err(ConnectorError::Permanent(_))
    ));
}

#[tokio::test]
async fn pin_and_unpin_set_and_clear_the_profile_pinned_post() {
    let pds = Pds::shared().await;
    let acct = pds.create_account("pinner").await;
    let c = connector(&pds.url, &acct.handle, &acct.app_password);
    let first = c
        .publish(&outgoing("Flu clinic open all week", "pin-1"))
        .await
        .unwrap();
    let second = c
        .publish(&outgoing("Parking is free today", "pin-2"))
        .await
        .unwrap();

    // No profile record yet: pinning creates it.
    assert!(pds
        .record(&acct, "app.bsky.actor.profile", "self")
        .await
        .is_none());
    c.pin(&first.remote_id).await.unwrap();
    let profile = pds
        .record(&acct, "app.bsky.actor.profile", "self")
        .await
        .unwrap();
    let post_record = pds
        .record(&acct, "app.bsky.feed.post", rkey_of(&first.remote_id))
        .await
        .unwrap();
    assert_eq!(
        profile["value"]["pinnedPost"],
        json!({ "uri": first.remote_id, "cid": post_record["cid"] })
    );

    // The rest of the profile, edited meanwhile in the Bluesky app, is kept.
    pds.xrpc_post(
        "com.atproto.repo.putRecord",
        Some(&acct.access_jwt),
        json!({
            "repo": acct.did, "collection": "app.bsky.actor.profile", "rkey": "self",
            "record": {
                "$type": "app.bsky.actor.profile",
                "displayName": "St. Example Hospital",
                "pinnedPost": profile["value"]["pinnedPost"],
            },
        }),
    )
    .await;
    c.pin(&second.remote_id).await.unwrap();
    let profile = pds
        .record(&acct, "app.bsky.actor.profile", "self")
        .await
        .unwrap();
    assert_eq!(
        profile["value"]["pinnedPost"]["uri"],
        second.remote_id.as_str()
    );
    assert_eq!(profile["value"]["displayName"], "St. Example Hospital");

    // Unpinning a post that is no longer pinned leaves the pinned one alone.
    c.unpin(&first.remote_id).await.unwrap();
    let profile = pds
        .record(&acct, "app.bsky.actor.profile", "self")
        .await
        .unwrap();
    assert_eq!(
        profile["value"]["pinnedPost"]["uri"],
        second.remote_id.as_str()
    );

    c.unpin(&second.remote_id).await.unwrap();
    let profile = pds
        .record(&acct, "app.bsky.actor.profile", "self")
        .await
        .unwrap();
    assert!(profile["value"].get("pinnedPost").is_none(), "{profile}");
    assert_eq!(profile["value"]["displayName"], "St. Example Hospital");
    c.unpin(&second.remote_id).await.unwrap();

    c.delete(&first.remote_id).await.unwrap();
    let err = c.pin(&first.remote_id).await.unwrap_err();
    assert!(matches!(err, ConnectorError::Permanent(_)), "{err:?}");
}

// ---------------------------------------------------------------------------------------------
// An XRPC stand-in: expired sessions, refresh failures, rate limits and 5xx, which the real
// PDS cannot be made to produce on demand. Its answers are the documented ones.

#[derive(Default)]
struct Fake {
    /// Each request as "nsid bearer".
    calls: Vec<String>,
    access: String,
    refresh: String,
    refresh_works: bool,
    logins: usize,
    /// Access tokens already presented once.
    used: Vec<String>,
    create_record: Vec<(StatusCode, HeaderMap, Value)>,
    records: Vec<Value>,
}

type Shared = Arc<Mutex<Fake>>;

fn xrpc_error(status: StatusCode, error: &str, message: &str) -> Response {
    (status, Json(json!({ "error": error, "message": message }))).into_response()
}

fn bearer(h: &HeaderMap) -> String {
    h.get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("-")
        .to_string()
}

fn session_json(f: &Fake) -> Value {
    json!({ "accessJwt": f.access, "refreshJwt": f.refresh, "did": "did:plc:fake", "handle": "fake.test" })
}

async fn fake_create_session(State(s): State<Shared>, Json(body): Json<Value>) -> Response {
    let mut f = s.lock().unwrap();
    f.calls.push("createSession -".into());
    if body["password"] != "good-app-password" {
        return xrpc_error(
            StatusCode::UNAUTHORIZED,
            "AuthenticationRequired",
            "Invalid identifier or password",
        );
    }
    f.logins += 1;
    f.access = format!("access-login-{}", f.logins);
    f.refresh = format!("refresh-login-{}", f.logins);
    Json(session_json(&f)).into_response()
}

async fn fake_refresh(State(s): State<Shared>, h: HeaderMap) -> Response {
    let mut f = s.lock().unwrap();
    let token = bearer(&h);
    f.calls.push(format!("refreshSession {token}"));
    if !f.refresh_works || token != f.refresh {
        return xrpc_error(StatusCode::BAD_REQUEST, "ExpiredToken", "Token has expired");
    }
    f.access = format!("{}-refreshed", f.access);
    Json(session_json(&f)).into_response()
}

/// The first access token the fake hands out has expired by its first use, as if the worker
/// had been idle for hours after logging in.
fn check_access(f: &mut Fake, nsid: &str, h: &HeaderMap) -> Option<Response> {
    let token = bearer(h);
    f.calls.push(format!("{nsid} {token}"));
    if token != f.access {
        return Some(xrpc_error(
            StatusCode::BAD_REQUEST,
            "InvalidToken",
            "Token could not be verified",
        ));
    }
    let first_use = token == "access-login-1" && !f.used.contains(&token);
    f.used.push(token);
    first_use.then(|| xrpc_error(StatusCode::BAD_REQUEST, "ExpiredToken", "Token has expired"))
}

async fn fake_get_session(State(s): State<Shared>, h: HeaderMap) -> Response {
    let mut f = s.lock().unwrap();
    if let Some(r) = check_access(&mut f, "getSession", &h) {
        return r;
    }
    Json(json!({ "did": "did:plc:fake", "handle": "fake.test" })).into_response()
}

async fn fake_create_record(
    State(s): State<Shared>,
    h: HeaderMap,
    Json(body): Json<Value>,
) -> Response {
    let mut f = s.lock().unwrap();
    if let Some(r) = check_access(&mut f, "createRecord", &h) {
        return r;
    }
    f.records.push(body.clone());
    if !f.create_record.is_empty() {
        let (status, headers, v) = f.create_record.remove(0);
        return (status, headers, Json(v)).into_response();
    }
    let uri = format!(
        "at://did:plc:fake/app.bsky.feed.post/{}",
        body["rkey"].as_str().unwrap()
    );
    Json(json!({ "uri": uri, "cid": "bafyfake" })).into_response()
}

async fn fake_get_record(State(s): State<Shared>, h: HeaderMap) -> Response {
    let mut f = s.lock().unwrap();
    if let Some(r) = check_access(&mut f, "getRecord", &h) {
        return r;
    }
    xrpc_error(
        StatusCode::BAD_REQUEST,
        "RecordNotFound",
        "Could not locate record",
    )
}

async fn fake_resolve_handle(State(s): State<Shared>) -> Response {
    s.lock().unwrap().calls.push("resolveHandle -".into());
    xrpc_error(
        StatusCode::BAD_REQUEST,
        "HandleNotFound",
        "Unable to resolve handle",
    )
}

async fn fake_server(refresh_works: bool) -> (String, Shared) {
    let state: Shared = Arc::new(Mutex::new(Fake {
        refresh_works,
        ..Fake::default()
    }));
    let app = Router::new()
        .route(
            "/xrpc/com.atproto.server.createSession",
            post(fake_create_session),
        )
        .route(
            "/xrpc/com.atproto.server.refreshSession",
            post(fake_refresh),
        )
        .route("/xrpc/com.atproto.server.getSession", get(fake_get_session))
        .route(
            "/xrpc/com.atproto.repo.createRecord",
            post(fake_create_record),
        )
        .route("/xrpc/com.atproto.repo.getRecord", get(fake_get_record))
        .route(
            "/xrpc/com.atproto.identity.resolveHandle",
            get(fake_resolve_handle),
        )
        .with_state(state.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, state)
}

fn calls(s: &Shared) -> Vec<String> {
    std::mem::take(&mut s.lock().unwrap().calls)
}

#[tokio::test]
async fn expired_access_token_is_refreshed_with_the_refresh_token() {
    let (url, state) = fake_server(true).await;
    let c = connector(&url, "fake.test", "good-app-password");
    assert_eq!(c.verify().await.unwrap().display, "fake.test");
    assert_eq!(
        calls(&state),
        [
            "createSession -",
            "getSession access-login-1",
            "refreshSession refresh-login-1",
            "getSession access-login-1-refreshed",
        ]
    );
    // The renewed session is kept: no new login, no new refresh.
    c.verify().await.unwrap();
    assert_eq!(calls(&state), ["getSession access-login-1-refreshed"]);
}

#[tokio::test]
async fn refused_refresh_falls_back_to_a_new_login() {
    let (url, state) = fake_server(false).await;
    let c = connector(&url, "fake.test", "good-app-password");
    c.verify().await.unwrap();
    assert_eq!(
        calls(&state),
        [
            "createSession -",
            "getSession access-login-1",
            "refreshSession refresh-login-1",
            "createSession -",
            "getSession access-login-2",
        ]
    );
    assert_eq!(state.lock().unwrap().logins, 2);
}

#[tokio::test]
async fn rate_limits_and_server_errors_are_retryable() {
    let (url, state) = fake_server(true).await;
    let c = connector(&url, "fake.test", "good-app-password");
    let mut limited = HeaderMap::new();
    let reset = Utc::now().timestamp() + 90;
    limited.insert("ratelimit-reset", reset.to_string().parse().unwrap());
    limited.insert("ratelimit-remaining", "0".parse().unwrap());
    state.lock().unwrap().create_record = vec![
        (
            StatusCode::TOO_MANY_REQUESTS,
            limited,
            json!({ "error": "RateLimitExceeded", "message": "Rate Limit Exceeded" }),
        ),
        (
            StatusCode::SERVICE_UNAVAILABLE,
            HeaderMap::new(),
            json!({ "error": "UpstreamFailure", "message": "database unavailable" }),
        ),
    ];
    let p = outgoing("Hello from the fake @nobody.test #health", "fake-1");
    let err = c.publish(&p).await.unwrap_err();
    let ConnectorError::RateLimited {
        retry_after: Some(wait),
    } = err
    else {
        panic!("expected RateLimited with a wait, got {err:?}");
    };
    assert!((85..=90).contains(&wait.as_secs()), "{wait:?}");
    let err = c.publish(&p).await.unwrap_err();
    assert!(
        matches!(&err, ConnectorError::Transient(m) if m.contains("UpstreamFailure")),
        "{err:?}"
    );
    let ok = c.publish(&p).await.unwrap();
    assert_eq!(
        ok.remote_url.as_deref(),
        Some(
            format!(
                "https://bsky.app/profile/fake.test/post/{}",
                tid::rkey_for("fake-1")
            )
            .as_str()
        )
    );

    // Every attempt used the same record key and the documented record shape; the mention
    // that did not resolve is plain text.
    let records = state.lock().unwrap().records.clone();
    let keys: Vec<&str> = records
        .iter()
        .map(|r| r["rkey"].as_str().unwrap())
        .collect();
    assert!(
        keys.iter().all(|k| *k == tid::rkey_for("fake-1")),
        "{keys:?}"
    );
    let record = &records.last().unwrap()["record"];
    assert_eq!(record["$type"], "app.bsky.feed.post");
    assert_eq!(records.last().unwrap()["collection"], "app.bsky.feed.post");
    assert_eq!(records.last().unwrap()["repo"], "did:plc:fake");
    assert!(chrono::DateTime::parse_from_rfc3339(record["createdAt"].as_str().unwrap()).is_ok());
    let facets = record["facets"].as_array().unwrap();
    assert_eq!(facets.len(), 1);
    assert_eq!(facets[0]["features"][0]["tag"], "health");
    // No secret ever appears in an error message.
    let c = connector(&url, "fake.test", "bad-app-password");
    let err = c.publish(&p).await.unwrap_err().to_string();
    assert!(!err.contains("bad-app-password"), "{err}");
}

#[tokio::test]
async fn unreachable_pds_is_transient() {
    // A port that was free a moment ago: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let c = connector(&format!("http://127.0.0.1:{port}"), "fake.test", "pw");
    let err = c.verify().await.unwrap_err();
    assert!(matches!(err, ConnectorError::Transient(_)), "{err:?}");
}
