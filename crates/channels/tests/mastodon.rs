//! The Mastodon connector against a real (fake) Mastodon server: the PyPI package
//! `mastodon-mock`, installed by `scripts/mastodon-mock install`.

#[path = "support/png.rs"]
mod png;

use channels::mastodon::Mastodon;
use channels::testing::{MockMastodon, TOKEN};
use channels::{ChannelConfig, Connector, ConnectorError, MediaFile, OutgoingPost};
use chrono::Utc;
use serde_json::json;
use std::time::Duration;

fn connector(base_url: &str, token: &str) -> Mastodon {
    let config = ChannelConfig::Mastodon {
        base_url: base_url.to_string(),
        access_token: token.to_string(),
    };
    Mastodon::new(&config, channels::http_client())
}

fn post(text: &str, key: &str) -> OutgoingPost {
    OutgoingPost {
        text: text.to_string(),
        media: Vec::new(),
        idempotency_key: key.to_string(),
        first_attempt_at: Utc::now(),
    }
}

#[test]
fn generated_png_is_well_formed() {
    let png = png::solid_png(2, [1, 2, 3]);
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
    // IEND's CRC is a constant of the format: checks the CRC code.
    assert!(png.ends_with(&[0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xae, 0x42, 0x60, 0x82]));
}

#[tokio::test]
async fn verify_names_the_account() {
    let server = MockMastodon::start().await;
    let info = connector(&server.base_url, TOKEN).verify().await.unwrap();
    let host = server.base_url.trim_start_matches("http://");
    assert_eq!(info.display, format!("@testuser@{host}"));
    let me = server.get("/api/v1/accounts/verify_credentials").await;
    assert_eq!(info.id, me["id"].as_str().unwrap());
    assert_eq!(info.url.as_deref(), me["url"].as_str());
}

#[tokio::test]
async fn publishes_text_that_the_server_then_shows() {
    let server = MockMastodon::start().await;
    let text = "Flu shots today, 9 to 5 & no appointment needed.\nSee https://example.org/flu";
    let published = connector(&server.base_url, TOKEN)
        .publish(&post(text, "delivery-1"))
        .await
        .unwrap();
    let status = server
        .get(&format!("/api/v1/statuses/{}", published.remote_id))
        .await;
    assert_eq!(status["visibility"], "public");
    assert_eq!(published.remote_url.as_deref(), status["url"].as_str());
    let content = status["content"].as_str().unwrap();
    assert_eq!(
        channels::mastodon::plain_text(content),
        text,
        "server content: {content}"
    );
}

#[tokio::test]
async fn publishes_an_image_with_its_alt_text() {
    let server = MockMastodon::start().await;
    let alt = "A nurse giving a flu shot to a smiling patient";
    let mut p = post("Our vaccination team", "delivery-img");
    p.media.push(MediaFile {
        bytes: png::solid_png(4, [200, 30, 30]),
        mime: "image/png".into(),
        alt_text: alt.into(),
    });
    let published = connector(&server.base_url, TOKEN)
        .publish(&p)
        .await
        .unwrap();
    let status = server
        .get(&format!("/api/v1/statuses/{}", published.remote_id))
        .await;
    let media = status["media_attachments"].as_array().unwrap();
    assert_eq!(media.len(), 1, "{status}");
    assert_eq!(media[0]["type"], "image");
    assert_eq!(media[0]["description"], alt);
    let bytes = reqwest::get(media[0]["url"].as_str().unwrap())
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(bytes.as_ref(), p.media[0].bytes.as_slice());
}

/// Mastodon answers 202 (url null) for media it processes in the background; the status
/// may only attach it once `GET /api/v1/media/{id}` shows a url.
#[tokio::test]
async fn waits_for_media_still_processing() {
    let server = MockMastodon::start().await;
    // A real attachment for the 202 answer to point at.
    let part = reqwest::multipart::Part::bytes(png::solid_png(2, [0, 90, 0]))
        .file_name("seed.png")
        .mime_str("image/png")
        .unwrap();
    let form = reqwest::multipart::Form::new()
        .part("file", part)
        .text("description", "A green square");
    let uploaded: serde_json::Value = reqwest::Client::new()
        .post(format!("{}/api/v2/media", server.base_url))
        .bearer_auth(TOKEN)
        .multipart(form)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = uploaded["id"].as_str().unwrap().to_string();
    let processing =
        json!({"id": id, "type": "image", "url": null, "description": "A green square"});
    server
        .fault(
            "POST",
            "/api/v2/media",
            json!({"type": "status", "status": 202, "body": processing}),
            1,
        )
        .await;
    let media_path = format!("/api/v1/media/{id}");
    server
        .fault(
            "GET",
            &media_path,
            json!({"type": "status", "status": 206, "body": processing}),
            1,
        )
        .await;

    let mut p = post("Garden therapy", "processing-1");
    p.media.push(MediaFile {
        bytes: png::solid_png(2, [0, 90, 0]),
        mime: "image/png".into(),
        alt_text: "A green square".into(),
    });
    let published = connector(&server.base_url, TOKEN)
        .publish(&p)
        .await
        .unwrap();
    let status = server
        .get(&format!("/api/v1/statuses/{}", published.remote_id))
        .await;
    assert_eq!(
        status["media_attachments"][0]["id"].as_str(),
        Some(id.as_str())
    );
    // Both faults were used: the upload answered 202 and the first poll 206.
    let left: serde_json::Value = reqwest::get(format!("{}/api/v1/_mock/faults", server.base_url))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(left, json!([]));
}

#[tokio::test]
async fn same_idempotency_key_posts_once() {
    let server = MockMastodon::start().await;
    let mastodon = connector(&server.base_url, TOKEN);
    let first = mastodon.publish(&post("Once only", "key-1")).await.unwrap();
    let again = mastodon.publish(&post("Once only", "key-1")).await.unwrap();
    assert_eq!(first, again);
    let other = mastodon.publish(&post("Once only", "key-2")).await.unwrap();
    assert_ne!(first.remote_id, other.remote_id);

    let me = server.get("/api/v1/accounts/verify_credentials").await;
    let statuses = server
        .get(&format!(
            "/api/v1/accounts/{}/statuses",
            me["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(statuses.as_array().unwrap().len(), 2);
}

/// A gateway in front of the server that forwards every request and then loses the answer
/// (504), as a reverse proxy does when the app is slow: the post exists, the client does
/// not know.
async fn lossy_gateway(upstream: String) -> String {
    use axum::response::IntoResponse;
    let app = axum::Router::new().fallback(move |req: axum::extract::Request| {
        let upstream = upstream.clone();
        async move {
            let (parts, body) = req.into_parts();
            let body = axum::body::to_bytes(body, 1 << 20).await.unwrap();
            let mut forward =
                reqwest::Client::new().request(parts.method, format!("{upstream}{}", parts.uri));
            for (name, value) in &parts.headers {
                if name != axum::http::header::HOST {
                    forward = forward.header(name, value);
                }
            }
            let answer = forward.body(body).send().await.unwrap();
            assert!(answer.status().is_success(), "{}", answer.status());
            (
                axum::http::StatusCode::GATEWAY_TIMEOUT,
                "<html>504 Gateway Time-out</html>",
            )
                .into_response()
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}")
}

#[tokio::test]
async fn find_published_recovers_a_post_whose_answer_was_lost() {
    let server = MockMastodon::start().await;
    let gateway = lossy_gateway(server.base_url.clone()).await;
    let text = "Blood drive on Saturday\n\nBring ID & a friend #donate";
    let p = post(text, "lost-1");

    let err = connector(&gateway, TOKEN).publish(&p).await.unwrap_err();
    assert!(matches!(err, ConnectorError::Transient(_)), "{err:?}");

    let mastodon = connector(&server.base_url, TOKEN);
    let found = mastodon
        .find_published(&p)
        .await
        .unwrap()
        .expect("the post is there");
    let status = server
        .get(&format!("/api/v1/statuses/{}", found.remote_id))
        .await;
    assert_eq!(found.remote_url.as_deref(), status["url"].as_str());
    // The retry with the same key agrees with what was found.
    assert_eq!(mastodon.publish(&p).await.unwrap(), found);

    assert_eq!(
        mastodon
            .find_published(&post("Blood drive on Sunday", "x"))
            .await
            .unwrap(),
        None
    );
    // A first attempt long after the post was made cannot be that post.
    let mut later = p.clone();
    later.first_attempt_at = Utc::now() + chrono::Duration::hours(1);
    assert_eq!(mastodon.find_published(&later).await.unwrap(), None);
}

#[tokio::test]
async fn delete_is_idempotent() {
    let server = MockMastodon::start().await;
    let mastodon = connector(&server.base_url, TOKEN);
    let published = mastodon
        .publish(&post("Short-lived", "del-1"))
        .await
        .unwrap();
    mastodon.delete(&published.remote_id).await.unwrap();
    let gone = reqwest::Client::new()
        .get(format!(
            "{}/api/v1/statuses/{}",
            server.base_url, published.remote_id
        ))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(gone.status(), 404);
    mastodon.delete(&published.remote_id).await.unwrap();
}

#[tokio::test]
async fn pin_and_unpin() {
    let server = MockMastodon::start().await;
    let mastodon = connector(&server.base_url, TOKEN);
    let published = mastodon
        .publish(&post("Visiting hours", "pin-1"))
        .await
        .unwrap();
    let path = format!("/api/v1/statuses/{}", published.remote_id);
    assert_eq!(server.get(&path).await["pinned"], false);
    mastodon.pin(&published.remote_id).await.unwrap();
    assert_eq!(server.get(&path).await["pinned"], true);
    mastodon.unpin(&published.remote_id).await.unwrap();
    assert_eq!(server.get(&path).await["pinned"], false);

    let err = mastodon.pin("999999999").await.unwrap_err();
    assert!(
        matches!(&err, ConnectorError::Permanent(m) if m.contains("not found")),
        "{err:?}"
    );
}

#[tokio::test]
async fn rate_limit_gives_retry_after_and_holds_off_until_reset() {
    let server = MockMastodon::start().await;
    let mastodon = connector(&server.base_url, TOKEN);
    let reset = (Utc::now() + chrono::Duration::seconds(120)).to_rfc3339();
    let effect = json!({
        "type": "ratelimit",
        "headers": {"Retry-After": "12", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset},
    });
    server.fault("POST", "/api/v1/statuses", effect, 1).await;
    let err = mastodon
        .publish(&post("Too fast", "rl-1"))
        .await
        .unwrap_err();
    assert_eq!(
        err,
        ConnectorError::RateLimited {
            retry_after: Some(Duration::from_secs(12))
        }
    );
    // The server said the budget is spent until the reset: the connector does not spend a
    // request that is sure to be refused (the fault is used up, so the server would answer).
    let err = mastodon.verify().await.unwrap_err();
    match err {
        ConnectorError::RateLimited {
            retry_after: Some(d),
        } => assert!((100..=120).contains(&d.as_secs()), "{d:?}"),
        other => panic!("expected a proactive RateLimited, got {other:?}"),
    }
    // Another connector (no memory of the 429) goes through.
    connector(&server.base_url, TOKEN).verify().await.unwrap();
}

#[tokio::test]
async fn server_error_is_transient() {
    let server = MockMastodon::start().await;
    let mastodon = connector(&server.base_url, TOKEN);
    server
        .fault(
            "POST",
            "/api/v1/statuses",
            json!({"type": "status", "status": 500}),
            1,
        )
        .await;
    let err = mastodon
        .publish(&post("Retry me", "t-1"))
        .await
        .unwrap_err();
    match &err {
        ConnectorError::Transient(m) => {
            assert!(
                m.contains("HTTP 500") && m.contains("An unexpected error occurred"),
                "{m}"
            )
        }
        other => panic!("expected Transient, got {other:?}"),
    }
    assert!(err.is_retryable());
    mastodon.publish(&post("Retry me", "t-1")).await.unwrap();

    server
        .fault(
            "GET",
            "/api/v1/accounts/verify_credentials",
            json!({"type": "malformed"}),
            1,
        )
        .await;
    let err = mastodon.verify().await.unwrap_err();
    assert!(matches!(err, ConnectorError::Transient(_)), "{err:?}");
}

#[tokio::test]
async fn refusals_are_permanent_and_readable() {
    let server = MockMastodon::start().await;
    let secret = "not-a-valid-token-3f9a";
    let err = connector(&server.base_url, secret)
        .verify()
        .await
        .unwrap_err();
    match &err {
        ConnectorError::Permanent(m) => {
            assert!(m.contains("did not accept the access token"), "{m}");
            assert!(!m.contains(secret));
        }
        other => panic!("expected Permanent, got {other:?}"),
    }
    assert!(!err.is_retryable());

    let err = connector(&server.base_url, TOKEN)
        .publish(&post(&"a".repeat(600), "long-1"))
        .await
        .unwrap_err();
    assert_eq!(
        err,
        ConnectorError::Permanent(
            "Mastodon refused the post: Validation failed: Text is too long (maximum is 500 characters)"
                .into()
        )
    );
}

#[tokio::test]
async fn unreachable_server_is_transient() {
    // A port nothing listens on: bind one, then close it.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let err = connector(&format!("http://127.0.0.1:{port}"), TOKEN)
        .verify()
        .await
        .unwrap_err();
    assert!(
        matches!(&err, ConnectorError::Transient(m) if m.starts_with("could not reach Mastodon")),
        "{err:?}"
    );
}

#[tokio::test]
async fn find_published_pages_back_past_a_burst_of_newer_posts() {
    let server = MockMastodon::start().await;
    let mastodon = connector(&server.base_url, TOKEN);
    let target = post("The one we lost the answer for", "lost-key");
    let published = mastodon.publish(&target).await.unwrap();
    // A burst from other deliveries buries it below the newest page of 40.
    for i in 0..45 {
        mastodon
            .publish(&post(&format!("Burst post {i}"), &format!("burst-{i}")))
            .await
            .unwrap();
    }
    let found = mastodon.find_published(&target).await.unwrap();
    assert_eq!(found.map(|p| p.remote_id), Some(published.remote_id));
    let never = post("Never published", "never");
    assert_eq!(mastodon.find_published(&never).await.unwrap(), None);
}
