//! The Facebook connector against a local stand-in for the Graph API that answers with the
//! documented response and error payloads, and records every request so the tests can
//! check what the connector sent (path and version, method, token, fields, uploads).

#[path = "support/png.rs"]
mod png;

use axum::extract::{FromRequest, Multipart, Request};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::IntoResponse;
use channels::facebook::{Facebook, DEFAULT_API_VERSION};
use channels::{ChannelConfig, Connector, ConnectorError, MediaFile, OutgoingPost, Published};
use chrono::Utc;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

const TOKEN: &str = "EAAG-page-token-secret";
const PAGE: &str = "104857600";

#[derive(Debug, Clone)]
struct Upload {
    file_name: Option<String>,
    mime: Option<String>,
    bytes: Vec<u8>,
}

/// One request as the fake Graph API saw it.
#[derive(Debug, Clone, Default)]
struct Seen {
    method: String,
    path: String,
    query: BTreeMap<String, String>,
    /// Form fields, url-encoded or multipart.
    body: BTreeMap<String, String>,
    files: BTreeMap<String, Upload>,
}

type Answer = (StatusCode, Vec<(&'static str, String)>, Value);
type Responder = Arc<dyn Fn(&Seen) -> Answer + Send + Sync>;

struct FakeGraph {
    base_url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl FakeGraph {
    async fn start(respond: impl Fn(&Seen) -> Answer + Send + Sync + 'static) -> FakeGraph {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let respond: Responder = Arc::new(respond);
        let log = seen.clone();
        let app = axum::Router::new().fallback(move |req: Request| {
            let (log, respond) = (log.clone(), respond.clone());
            async move {
                let request = record(req).await;
                let (status, headers, body) = respond(&request);
                log.lock().unwrap().push(request);
                let mut response = (status, axum::Json(body)).into_response();
                for (name, value) in headers {
                    response
                        .headers_mut()
                        .insert(name, HeaderValue::from_str(&value).unwrap());
                }
                response
            }
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        FakeGraph {
            base_url: format!("http://{addr}"),
            seen,
        }
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    fn connector(&self) -> Facebook {
        self.connector_with(TOKEN, None)
    }

    fn connector_with(&self, token: &str, version: Option<&str>) -> Facebook {
        let config = ChannelConfig::Facebook {
            page_id: PAGE.into(),
            access_token: token.into(),
            api_base_url: Some(self.base_url.clone()),
            api_version: version.map(str::to_string),
            app_secret: None,
            verify_token: None,
        };
        Facebook::new(&config, channels::http_client())
    }
}

fn pairs(encoded: &str) -> BTreeMap<String, String> {
    reqwest::Url::parse(&format!("http://x/?{encoded}"))
        .unwrap()
        .query_pairs()
        .into_owned()
        .collect()
}

async fn record(req: Request) -> Seen {
    let mut seen = Seen {
        method: req.method().to_string(),
        path: req.uri().path().to_string(),
        query: pairs(req.uri().query().unwrap_or("")),
        ..Seen::default()
    };
    let content_type = content_type(req.headers());
    if content_type.starts_with("multipart/form-data") {
        let mut multipart = Multipart::from_request(req, &()).await.unwrap();
        while let Some(field) = multipart.next_field().await.unwrap() {
            let name = field.name().unwrap().to_string();
            let file_name = field.file_name().map(str::to_string);
            let mime = field.content_type().map(str::to_string);
            let bytes = field.bytes().await.unwrap().to_vec();
            if file_name.is_some() {
                let upload = Upload {
                    file_name,
                    mime,
                    bytes,
                };
                seen.files.insert(name, upload);
            } else {
                seen.body.insert(name, String::from_utf8(bytes).unwrap());
            }
        }
    } else {
        let bytes = axum::body::to_bytes(req.into_body(), 1 << 20)
            .await
            .unwrap();
        if content_type.starts_with("application/x-www-form-urlencoded") {
            seen.body = pairs(std::str::from_utf8(&bytes).unwrap());
        } else {
            assert!(bytes.is_empty(), "unexpected body of type {content_type:?}");
        }
    }
    seen
}

fn content_type(headers: &HeaderMap) -> String {
    headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

fn ok(body: Value) -> Answer {
    (StatusCode::OK, Vec::new(), body)
}

/// Graph's error envelope, as documented for every endpoint.
fn graph_error(status: StatusCode, code: i64, subcode: Option<i64>, message: &str) -> Answer {
    let mut error = json!({
        "message": message,
        "type": "OAuthException",
        "code": code,
        "fbtrace_id": "AbCdEf123",
    });
    if let Some(sub) = subcode {
        error["error_subcode"] = json!(sub);
    }
    (status, Vec::new(), json!({ "error": error }))
}

fn post(text: &str) -> OutgoingPost {
    OutgoingPost {
        text: text.into(),
        media: Vec::new(),
        idempotency_key: "delivery-1".into(),
        first_attempt_at: Utc::now(),
    }
}

fn image(seed: u8, alt: &str) -> MediaFile {
    MediaFile {
        bytes: png::solid_png(3, [seed, 0, 0]),
        mime: "image/png".into(),
        alt_text: alt.into(),
    }
}

fn page_path(rest: &str) -> String {
    format!("/{DEFAULT_API_VERSION}/{PAGE}{rest}")
}

fn token_map() -> BTreeMap<String, String> {
    BTreeMap::from([("access_token".to_string(), TOKEN.to_string())])
}

#[tokio::test]
async fn verify_reads_the_page() {
    let graph = FakeGraph::start(|_| {
        ok(json!({"id": PAGE, "name": "St. Mary's Hospital", "link": "https://www.facebook.com/stmarys"}))
    })
    .await;
    let info = graph.connector().verify().await.unwrap();
    assert_eq!(info.display, "St. Mary's Hospital");
    assert_eq!(info.id, PAGE);
    assert_eq!(
        info.url.as_deref(),
        Some("https://www.facebook.com/stmarys")
    );

    let seen = graph.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(
        (seen[0].method.as_str(), seen[0].path.as_str()),
        ("GET", page_path("").as_str())
    );
    assert_eq!(seen[0].query["fields"], "id,name,link");
    assert_eq!(seen[0].query["access_token"], TOKEN);
}

#[tokio::test]
async fn text_post_goes_to_the_feed() {
    let graph = FakeGraph::start(|_| ok(json!({"id": format!("{PAGE}_555")}))).await;
    let text = "Our ER wait times are online: https://example.org/er #health";
    let published = graph.connector().publish(&post(text)).await.unwrap();
    assert_eq!(
        published,
        Published {
            remote_id: format!("{PAGE}_555"),
            remote_url: Some(format!("https://www.facebook.com/{PAGE}_555")),
        }
    );
    let seen = graph.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].method, "POST");
    assert_eq!(seen[0].path, page_path("/feed"));
    // The token travels in the body of writes, never in the URL.
    assert!(seen[0].query.is_empty(), "{:?}", seen[0].query);
    let mut expected = token_map();
    expected.insert("message".into(), text.into());
    assert_eq!(seen[0].body, expected);
}

#[tokio::test]
async fn single_photo_carries_caption_and_alt_text() {
    let graph =
        FakeGraph::start(|_| ok(json!({"id": "9001", "post_id": format!("{PAGE}_777")}))).await;
    let mut p = post("New MRI suite opens Monday");
    p.media.push(image(10, "A bright room with an MRI scanner"));
    let published = graph.connector().publish(&p).await.unwrap();
    assert_eq!(published.remote_id, format!("{PAGE}_777"));
    assert_eq!(
        published.remote_url.as_deref(),
        Some(format!("https://www.facebook.com/{PAGE}_777").as_str())
    );

    let seen = graph.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(
        (seen[0].method.as_str(), seen[0].path.as_str()),
        ("POST", page_path("/photos").as_str())
    );
    let mut expected = token_map();
    expected.insert("caption".into(), p.text.clone());
    expected.insert(
        "alt_text_custom".into(),
        "A bright room with an MRI scanner".into(),
    );
    assert_eq!(
        seen[0].body, expected,
        "a single photo is published with its caption"
    );
    let source = &seen[0].files["source"];
    assert_eq!(source.bytes, p.media[0].bytes);
    assert_eq!(source.mime.as_deref(), Some("image/png"));
    assert!(source.file_name.is_some());
}

#[tokio::test]
async fn several_photos_are_uploaded_unpublished_then_attached() {
    let graph = FakeGraph::start(|seen| {
        if seen.path.ends_with("/photos") {
            // Photo ids from the alt text, so each upload's answer is traceable.
            let id = if seen.body["alt_text_custom"].starts_with("First") {
                "111"
            } else {
                "222"
            };
            ok(json!({"id": id}))
        } else {
            ok(json!({"id": format!("{PAGE}_999")}))
        }
    })
    .await;
    let mut p = post("Meet our new midwives");
    p.media.push(image(1, "First midwife, smiling"));
    p.media
        .push(image(2, "Second midwife, holding a baby blanket"));
    let published = graph.connector().publish(&p).await.unwrap();
    assert_eq!(published.remote_id, format!("{PAGE}_999"));

    let seen = graph.seen();
    let paths: Vec<_> = seen
        .iter()
        .map(|s| (s.method.as_str(), s.path.clone()))
        .collect();
    assert_eq!(
        paths,
        vec![
            ("POST", page_path("/photos")),
            ("POST", page_path("/photos")),
            ("POST", page_path("/feed")),
        ]
    );
    for (upload, media) in seen[..2].iter().zip(&p.media) {
        assert_eq!(upload.body["published"], "false");
        assert_eq!(upload.body["alt_text_custom"], media.alt_text);
        assert_eq!(upload.body["access_token"], TOKEN);
        assert!(!upload.body.contains_key("caption"));
        assert_eq!(upload.files["source"].bytes, media.bytes);
    }
    let feed = &seen[2].body;
    assert_eq!(feed["message"], p.text);
    assert_eq!(feed["access_token"], TOKEN);
    let attached: Value = serde_json::from_str(&feed["attached_media[0]"]).unwrap();
    assert_eq!(attached, json!({"media_fbid": "111"}));
    let attached: Value = serde_json::from_str(&feed["attached_media[1]"]).unwrap();
    assert_eq!(attached, json!({"media_fbid": "222"}));
}

#[tokio::test]
async fn delete_succeeds_when_already_gone() {
    let graph = FakeGraph::start(|seen| match seen.path.rsplit('/').next().unwrap() {
        "1_gone" => graph_error(
            StatusCode::BAD_REQUEST,
            100,
            Some(33),
            "Unsupported delete request. Object with ID '1_gone' does not exist, cannot be loaded due to missing permissions, or does not support this operation.",
        ),
        "1_locked" => graph_error(
            StatusCode::FORBIDDEN,
            200,
            None,
            "(#200) The user hasn't authorized the application to perform this action",
        ),
        _ => ok(json!({"success": true})),
    })
    .await;
    let fb = graph.connector();
    fb.delete("1_here").await.unwrap();
    fb.delete("1_gone").await.unwrap();
    let err = fb.delete("1_locked").await.unwrap_err();
    assert!(
        matches!(&err, ConnectorError::Permanent(m) if m.contains("lacks a permission") && m.contains("AbCdEf123")),
        "{err:?}"
    );

    let seen = graph.seen();
    assert_eq!(seen[0].method, "DELETE");
    assert_eq!(seen[0].path, format!("/{DEFAULT_API_VERSION}/1_here"));
    assert_eq!(seen[0].query, token_map());
}

#[tokio::test]
async fn pin_and_unpin_set_is_pinned() {
    let graph = FakeGraph::start(|_| ok(json!({"success": true}))).await;
    let fb = graph.connector_with(TOKEN, Some("v19.0"));
    fb.pin("1_5").await.unwrap();
    fb.unpin("1_5").await.unwrap();
    let seen = graph.seen();
    for (request, pinned) in seen.iter().zip(["true", "false"]) {
        assert_eq!(
            (request.method.as_str(), request.path.as_str()),
            ("POST", "/v19.0/1_5")
        );
        assert_eq!(request.body["is_pinned"], pinned);
        assert_eq!(request.body["access_token"], TOKEN);
    }
    assert_eq!(seen.len(), 2);
}

#[tokio::test]
async fn replies_and_hiding_use_the_comment_endpoints() {
    let graph = FakeGraph::start(|seen| {
        if seen.path.ends_with("/comments") {
            ok(json!({"id": "1_5_77"}))
        } else {
            ok(json!({"success": true}))
        }
    })
    .await;
    let fb = graph.connector();
    let sent = fb
        .reply("1_5_42", "Please call us so we can help.")
        .await
        .unwrap();
    assert_eq!(sent.remote_id, "1_5_77");
    fb.hide("1_5_42", true).await.unwrap();
    fb.hide("1_5_42", false).await.unwrap();
    let seen = graph.seen();
    assert_eq!(seen.len(), 3);
    assert_eq!(
        seen[0].path,
        format!("/{}/1_5_42/comments", DEFAULT_API_VERSION)
    );
    assert_eq!(seen[0].body["message"], "Please call us so we can help.");
    assert_eq!(seen[0].body["access_token"], TOKEN);
    for (request, hidden) in seen[1..].iter().zip(["true", "false"]) {
        assert_eq!(request.path, format!("/{}/1_5_42", DEFAULT_API_VERSION));
        assert_eq!(request.body["is_hidden"], hidden);
    }
}

#[tokio::test]
async fn rate_limits_become_rate_limited_with_the_wait() {
    // Page token: Business Use Case limits (code 32 for pages, 80001 for the Pages BUC).
    let graph = FakeGraph::start(|seen| {
        if seen.path.ends_with("/feed") {
            let (status, _, body) = graph_error(
                StatusCode::FORBIDDEN,
                32,
                None,
                "(#32) Page request limit reached",
            );
            let buc = json!({PAGE: [{
                "type": "pages", "call_count": 100, "total_cputime": 12, "total_time": 20,
                "estimated_time_to_regain_access": 7
            }]});
            (
                status,
                vec![("x-business-use-case-usage", buc.to_string())],
                body,
            )
        } else {
            let (status, _, body) = graph_error(
                StatusCode::BAD_REQUEST,
                4,
                None,
                "(#4) Application request limit reached",
            );
            let usage = json!({"call_count": 100, "total_cputime": 30, "total_time": 40});
            (status, vec![("x-app-usage", usage.to_string())], body)
        }
    })
    .await;

    // App-level limit: the headers give no time to wait, so the caller's backoff decides.
    let err = graph.connector().verify().await.unwrap_err();
    assert_eq!(err, ConnectorError::RateLimited { retry_after: None });

    let fb = graph.connector();
    let err = fb.publish(&post("Too many")).await.unwrap_err();
    assert_eq!(
        err,
        ConnectorError::RateLimited {
            retry_after: Some(Duration::from_secs(7 * 60))
        }
    );
    // The usage said 100 %: the connector holds off instead of extending the block.
    let before = graph.seen().len();
    let err = fb.publish(&post("Still too many")).await.unwrap_err();
    assert!(
        matches!(err, ConnectorError::RateLimited { retry_after: Some(d) } if d.as_secs() > 400)
    );
    assert_eq!(graph.seen().len(), before, "no request while blocked");
}

#[tokio::test]
async fn expired_token_is_permanent_without_leaking_it() {
    let graph = FakeGraph::start(|_| {
        graph_error(
            StatusCode::BAD_REQUEST,
            190,
            Some(463),
            "Error validating access token: Session has expired on Friday, 27-Nov-26 10:00:00 PST.",
        )
    })
    .await;
    let err = graph.connector().publish(&post("Hello")).await.unwrap_err();
    match &err {
        ConnectorError::Permanent(m) => {
            assert!(
                m.starts_with(
                    "Facebook did not accept the page access token: Error validating access token"
                ),
                "{m}"
            );
            assert!(!m.contains(TOKEN));
        }
        other => panic!("expected Permanent, got {other:?}"),
    }
}

#[tokio::test]
async fn server_trouble_is_transient() {
    let graph = FakeGraph::start(|seen| match seen.method.as_str() {
        "GET" => (
            StatusCode::INTERNAL_SERVER_ERROR,
            Vec::new(),
            json!({"error": {"message": "An unknown error has occurred.", "type": "OAuthException", "code": 1, "is_transient": true, "fbtrace_id": "X1"}}),
        ),
        "DELETE" => (StatusCode::BAD_GATEWAY, Vec::new(), Value::Null),
        _ => graph_error(StatusCode::SERVICE_UNAVAILABLE, 2, None, "Service temporarily unavailable"),
    })
    .await;
    let fb = graph.connector();
    for err in [
        fb.verify().await.unwrap_err(),
        fb.publish(&post("Hello")).await.unwrap_err(),
        fb.delete("1_2").await.unwrap_err(),
    ] {
        assert!(matches!(err, ConnectorError::Transient(_)), "{err:?}");
    }
}

#[tokio::test]
async fn network_errors_do_not_leak_the_token() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let config = ChannelConfig::Facebook {
        page_id: PAGE.into(),
        access_token: TOKEN.into(),
        api_base_url: Some(format!("http://127.0.0.1:{port}")),
        api_version: None,
        app_secret: None,
        verify_token: None,
    };
    let err = Facebook::new(&config, channels::http_client())
        .verify()
        .await
        .unwrap_err();
    match err {
        ConnectorError::Transient(m) => assert!(!m.contains(TOKEN), "{m}"),
        other => panic!("expected Transient, got {other:?}"),
    }
}

#[tokio::test]
async fn find_published_matches_message_and_time() {
    let now = Utc::now();
    let fmt = |t: chrono::DateTime<Utc>| t.format("%Y-%m-%dT%H:%M:%S%z").to_string();
    let (recent, old) = (
        fmt(now - chrono::Duration::minutes(1)),
        fmt(now - chrono::Duration::days(2)),
    );
    let graph = FakeGraph::start(move |_| {
        ok(json!({
            "data": [
                {"id": format!("{PAGE}_3"), "message": "Flu clinic\nopen today", "created_time": recent},
                {"id": format!("{PAGE}_2"), "created_time": recent},
                {"id": format!("{PAGE}_1"), "message": "Same words, long ago", "created_time": old},
            ],
            "paging": {"cursors": {"before": "QVFI", "after": "QVFJ"}},
        }))
    })
    .await;
    let fb = graph.connector();
    let found = fb
        .find_published(&post("Flu clinic open today"))
        .await
        .unwrap();
    assert_eq!(
        found,
        Some(Published {
            remote_id: format!("{PAGE}_3"),
            remote_url: Some(format!("https://www.facebook.com/{PAGE}_3")),
        })
    );
    assert_eq!(
        fb.find_published(&post("Same words, long ago"))
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        fb.find_published(&post("Never posted")).await.unwrap(),
        None
    );

    let seen = graph.seen();
    assert_eq!(
        (seen[0].method.as_str(), seen[0].path.as_str()),
        ("GET", page_path("/feed").as_str())
    );
    assert_eq!(seen[0].query["fields"], "id,message,created_time");
    assert_eq!(seen[0].query["limit"], "25");
    assert_eq!(seen[0].query["access_token"], TOKEN);
}
