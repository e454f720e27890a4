//! Publishing end to end: the JSON API, the guard, the review workflow, the durable queue
//! and the worker, delivering to a real Mastodon API server (`mastodon-mock`).

mod common;

use channels::testing::MockMastodon as MastodonMock;
use common::{mastodon_channel, team, wait_for_post, Api, Team};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

/// Drafts, submits and approves a post; returns its id.
async fn approved(t: &Team, body: Value) -> String {
    let (status, post) = t.author.post("/api/v1/posts", body).await;
    assert_eq!(status, 201, "{post}");
    let id = post["id"].as_str().unwrap().to_string();
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
    id
}

/// Polls the post until `done` holds (or 20 s pass).
async fn wait_for(api: &Api, id: &str, done: impl Fn(&Value) -> bool) -> Value {
    wait_for_post(api, id, Duration::from_secs(20), done).await
}

fn state(p: &Value) -> &str {
    p["state"].as_str().unwrap_or_default()
}

#[tokio::test]
async fn a_post_goes_from_draft_to_review_to_published_once_then_is_withdrawn() {
    let t = team().await;
    let mock = MastodonMock::start().await;
    let channel = mastodon_channel(&t.admin, &mock).await;

    let (status, test) = t
        .admin
        .post(&format!("/api/v1/channels/{channel}/test"), json!({}))
        .await;
    assert_eq!(status, 200, "{test}");
    assert!(
        test["account"]["display"]
            .as_str()
            .unwrap()
            .contains("testuser"),
        "{test}"
    );

    let (status, draft) = t
        .author
        .post(
            "/api/v1/posts",
            json!({"body": "Flu shots are free at our Main Street clinic this Saturday.",
                   "channel_ids": [channel], "content_type": "psa", "hashtags": ["FluShot", "#StayWell"]}),
        )
        .await;
    assert_eq!(status, 201, "{draft}");
    assert_eq!(state(&draft), "draft");
    assert_eq!(draft["verdict"], "pass");
    let id = draft["id"].as_str().unwrap().to_string();
    assert!(draft["text"]
        .as_str()
        .unwrap()
        .ends_with("#FluShot #StayWell"));

    // Nobody approves a draft, and an author cannot approve at all.
    let (status, _) = t
        .approver
        .post(&format!("/api/v1/posts/{id}/approve"), json!({}))
        .await;
    assert_eq!(status, 409);
    let (status, body) = t
        .author
        .post(&format!("/api/v1/posts/{id}/submit"), json!({}))
        .await;
    assert_eq!((status, state(&body)), (200, "in_review"));
    let (status, _) = t
        .author
        .post(&format!("/api/v1/posts/{id}/approve"), json!({}))
        .await;
    assert_eq!(status, 403);

    let (status, body) = t
        .approver
        .post(
            &format!("/api/v1/posts/{id}/approve"),
            json!({"note": "Looks good"}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let published = wait_for(&t.author, &id, |p| state(p) == "published").await;
    let delivery = &published["deliveries"][0];
    assert_eq!(delivery["state"], "published");
    assert_eq!(delivery["attempts"], 1);
    assert!(delivery["remote_url"].as_str().unwrap().starts_with("http"));

    let statuses = mock.statuses().await;
    assert_eq!(statuses.len(), 1, "published exactly once: {statuses:#?}");
    assert_eq!(statuses[0]["id"], delivery["remote_id"]);
    assert!(statuses[0]["content"].as_str().unwrap().contains("FluShot"));

    // Listed by state and date range.
    let (_, list) = t.author.get("/api/v1/posts?state=published").await;
    assert_eq!(list["posts"].as_array().unwrap().len(), 1);
    let (status, _) = t.author.get("/api/v1/posts?from=yesterday").await;
    assert_eq!(status, 400);

    // Published posts cannot be edited, only withdrawn, which deletes them.
    let (status, _) = t
        .author
        .patch(
            &format!("/api/v1/posts/{id}"),
            json!({"body": "changed", "channel_ids": [channel], "content_type": "psa"}),
        )
        .await;
    assert_eq!(status, 409);
    let (status, body) = t
        .author
        .post(
            &format!("/api/v1/posts/{id}/withdraw"),
            json!({"reason": "clinic date moved"}),
        )
        .await;
    assert_eq!((status, state(&body)), (200, "withdrawn"), "{body}");
    wait_for(&t.author, &id, |p| {
        p["deliveries"][0]["state"] == "withdrawn"
    })
    .await;
    assert!(mock.statuses().await.is_empty());

    // Every step is in the audit log, the guard's findings included, no post text.
    let (_, audit) = t.admin.get("/api/v1/audit?action=post.&limit=50").await;
    let actions: Vec<&str> = audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    for a in [
        "post.create",
        "post.submit",
        "post.approve",
        "post.published",
        "post.withdraw",
        "post.taken_down",
    ] {
        assert!(actions.contains(&a), "{a} missing from {actions:?}");
    }
    assert!(!audit.to_string().contains("Main Street clinic"));
}

#[tokio::test]
async fn a_post_naming_a_patient_is_refused_at_submission_with_the_findings() {
    let t = team().await;
    let mock = MastodonMock::start().await;
    let channel = mastodon_channel(&t.admin, &mock).await;
    let (status, draft) = t
        .author
        .post(
            "/api/v1/posts",
            json!({"body": "Thank you to our patient Maria Okafor (MRN 4471203) for her kind words!",
                   "channel_ids": [channel], "content_type": "patient_story"}),
        )
        .await;
    assert_eq!(status, 201, "{draft}");
    assert_eq!(draft["verdict"], "block");
    let id = draft["id"].as_str().unwrap();
    let (status, body) = t
        .author
        .post(&format!("/api/v1/posts/{id}/submit"), json!({}))
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"]["code"], "phi_detected");
    let kinds: Vec<&str> = body["error"]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.contains(&"person_name") && kinds.contains(&"mrn"),
        "{kinds:?}"
    );
    let (_, post) = t.author.get(&format!("/api/v1/posts/{id}")).await;
    assert_eq!(state(&post), "draft");
    assert!(mock.statuses().await.is_empty());
}

#[tokio::test]
async fn an_over_long_post_is_refused_saying_by_how_much_per_channel() {
    let t = team().await;
    let mock = MastodonMock::start().await;
    let mastodon = mastodon_channel(&t.admin, &mock).await;
    let (status, bluesky) = t
        .admin
        .post(
            "/api/v1/channels",
            json!({"kind": "bluesky", "name": "Bluesky", "service_url": "https://pds.invalid",
                   "identifier": "riverside.example", "app_password": "abcd-efgh-ijkl-mnop"}),
        )
        .await;
    assert_eq!(status, 201, "{bluesky}");
    let body = "Our new pediatric wing opens next month. ".repeat(10);
    let (status, draft) = t
        .author
        .post(
            "/api/v1/posts",
            json!({"body": body, "channel_ids": [mastodon, bluesky["id"]], "content_type": "announcement"}),
        )
        .await;
    assert_eq!(status, 201);
    let problems = draft["limit_problems"].as_array().unwrap();
    assert_eq!(problems.len(), 1, "{problems:?}");
    let id = draft["id"].as_str().unwrap();
    let (status, body) = t
        .author
        .post(&format!("/api/v1/posts/{id}/submit"), json!({}))
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"]["code"], "channel_limits");
    let message = body["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("Bluesky allows 300") && message.contains("109 too many"),
        "{message}"
    );
}

#[tokio::test]
async fn bad_input_gets_field_errors_and_nothing_is_stored() {
    let t = team().await;
    let (status, body) = t
        .author
        .post(
            "/api/v1/posts",
            json!({"body": "", "channel_ids": ["nope"], "content_type": "tweet",
                   "scheduled_at": "next tuesday", "hashtags": ["#"]}),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    let fields = &body["error"]["fields"];
    for f in [
        "body",
        "channel_ids",
        "content_type",
        "scheduled_at",
        "hashtags",
    ] {
        assert!(fields.get(f).is_some(), "{f} missing: {fields}");
    }
    let (_, list) = t.author.get("/api/v1/posts").await;
    assert!(list["posts"].as_array().unwrap().is_empty());
    let (status, body) = t
        .admin
        .post(
            "/api/v1/channels",
            json!({"kind": "mastodon", "name": "M", "base_url": "not a url", "access_token": ""}),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert!(body["error"]["fields"].get("base_url").is_some());
    assert!(body["error"]["fields"].get("access_token").is_some());
    // Viewers and authors cannot connect accounts.
    let (status, _) = t
        .author
        .post("/api/v1/channels", json!({"kind": "mastodon", "name": "M", "base_url": "https://x.example", "access_token": "t"}))
        .await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn a_rate_limited_post_is_retried_after_the_network_asks_and_published_once() {
    let t = team().await;
    let mock = MastodonMock::start().await;
    let channel = mastodon_channel(&t.admin, &mock).await;
    mock.fault(
        "POST",
        "/api/v1/statuses",
        // Mastodon's own headers: the budget is spent until a second from now.
        json!({"type": "ratelimit", "headers": {
            "Retry-After": "1",
            "X-RateLimit-Remaining": "0",
            "X-RateLimit-Reset": (chrono::Utc::now() + chrono::Duration::seconds(1)).to_rfc3339(),
        }}),
        1,
    )
    .await;
    let id = approved(
        &t,
        json!({"body": "Walk-in hours extended this week.", "channel_ids": [channel], "content_type": "announcement"}),
    )
    .await;
    let retrying = wait_for(&t.author, &id, |p| {
        p["deliveries"][0]["state"] == "retrying"
    })
    .await;
    assert!(retrying["deliveries"][0]["last_error"]
        .as_str()
        .unwrap()
        .contains("rate limited"));
    let started = Instant::now();
    let post = wait_for(&t.author, &id, |p| state(p) == "published").await;
    assert!(
        started.elapsed() >= Duration::from_millis(500),
        "waited for Retry-After"
    );
    assert_eq!(post["deliveries"][0]["attempts"], 2);
    assert_eq!(mock.statuses().await.len(), 1);
}

#[tokio::test]
async fn server_errors_exhaust_retries_show_as_failed_and_can_be_retried_by_hand() {
    let t = team().await;
    let mock = MastodonMock::start().await;
    let channel = mastodon_channel(&t.admin, &mock).await;
    mock.fault(
        "POST",
        "/api/v1/statuses",
        json!({"type": "status", "status": 500}),
        3,
    )
    .await;
    let id = approved(
        &t,
        json!({"body": "Blood drive on Friday in the main lobby.", "channel_ids": [channel], "content_type": "event"}),
    )
    .await;
    let failed = wait_for(&t.author, &id, |p| state(p) == "failed").await;
    let delivery = &failed["deliveries"][0];
    assert_eq!(delivery["state"], "failed");
    assert_eq!(delivery["attempts"], 3);
    assert!(
        delivery["last_error"].as_str().unwrap().contains("500"),
        "{delivery}"
    );
    let (_, dead) = t.author.get("/api/v1/posts/failed-deliveries").await;
    assert_eq!(dead["deliveries"][0]["id"], delivery["id"]);
    let (_, audit) = t
        .admin
        .get("/api/v1/audit?action=post.delivery_failed")
        .await;
    assert_eq!(audit["entries"].as_array().unwrap().len(), 1);
    assert!(mock.statuses().await.is_empty());
    let metrics = reqwest::get(format!("{}/metrics", t.author.base))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        metrics.contains("carepost_jobs{state=\"dead\"} 1"),
        "{metrics}"
    );

    // The network is back: a person retries it.
    let delivery_id = delivery["id"].as_str().unwrap();
    let (status, body) = t
        .approver
        .post(
            &format!("/api/v1/posts/{id}/deliveries/{delivery_id}/retry"),
            json!({}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    wait_for(&t.author, &id, |p| state(p) == "published").await;
    assert_eq!(mock.statuses().await.len(), 1);
}

#[tokio::test]
async fn a_scheduled_post_goes_out_within_a_second_of_its_time() {
    let t = team().await;
    let mock = MastodonMock::start().await;
    let channel = mastodon_channel(&t.admin, &mock).await;
    let at = chrono::Utc::now() + chrono::Duration::seconds(3);
    let id = approved(
        &t,
        json!({"body": "Our new urgent care opens today at 9.", "channel_ids": [channel],
               "content_type": "announcement", "scheduled_at": at.to_rfc3339()}),
    )
    .await;
    let (_, post) = t.author.get(&format!("/api/v1/posts/{id}")).await;
    assert_eq!(state(&post), "scheduled");
    assert!(mock.statuses().await.is_empty());
    let post = wait_for(&t.author, &id, |p| state(p) == "published").await;
    let published_at: chrono::DateTime<chrono::Utc> =
        serde_json::from_value(post["deliveries"][0]["published_at"].clone()).unwrap();
    let late = published_at - at;
    assert!(late >= chrono::Duration::zero(), "not early: {late}");
    assert!(
        late < chrono::Duration::milliseconds(1000),
        "late by {late}"
    );
}

#[tokio::test]
async fn editing_an_approved_post_cancels_its_schedule_and_sends_it_back_to_review() {
    let t = team().await;
    let mock = MastodonMock::start().await;
    let channel = mastodon_channel(&t.admin, &mock).await;
    let at = chrono::Utc::now() + chrono::Duration::hours(2);
    let input = json!({"body": "Pharmacy closes early on Thursday.", "channel_ids": [channel],
                       "content_type": "announcement", "scheduled_at": at.to_rfc3339()});
    let id = approved(&t, input.clone()).await;
    let mut edited = input;
    edited["body"] = json!("Pharmacy closes at 3 pm on Thursday.");
    let (status, post) = t.author.patch(&format!("/api/v1/posts/{id}"), edited).await;
    assert_eq!(status, 200, "{post}");
    assert_eq!(state(&post), "in_review");
    assert_eq!(post["deliveries"][0]["state"], "cancelled");
    // Approved again: a fresh delivery, and the old one never runs.
    let (status, _) = t
        .approver
        .post(&format!("/api/v1/posts/{id}/approve"), json!({}))
        .await;
    assert_eq!(status, 200);
    let (_, post) = t.author.get(&format!("/api/v1/posts/{id}")).await;
    let states: Vec<&str> = post["deliveries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["state"].as_str().unwrap())
        .collect();
    assert_eq!(states.len(), 2);
    assert!(
        states.contains(&"cancelled") && states.contains(&"pending"),
        "{states:?}"
    );
}

#[tokio::test]
async fn rejection_needs_a_reason_and_returns_the_post_to_its_author() {
    let t = team().await;
    let mock = MastodonMock::start().await;
    let channel = mastodon_channel(&t.admin, &mock).await;
    let (_, draft) = t
        .author
        .post("/api/v1/posts", json!({"body": "We are the best hospital in the state!", "channel_ids": [channel], "content_type": "other"}))
        .await;
    let id = draft["id"].as_str().unwrap();
    t.author
        .post(&format!("/api/v1/posts/{id}/submit"), json!({}))
        .await;
    let (status, _) = t
        .approver
        .post(&format!("/api/v1/posts/{id}/reject"), json!({}))
        .await;
    assert_eq!(status, 422);
    let (status, post) = t
        .approver
        .post(
            &format!("/api/v1/posts/{id}/reject"),
            json!({"reason": "Superlatives need a source"}),
        )
        .await;
    assert_eq!((status, state(&post)), (200, "rejected"));
    assert_eq!(post["review_note"], "Superlatives need a source");
    let (status, post) = t
        .author
        .post(&format!("/api/v1/posts/{id}/submit"), json!({}))
        .await;
    assert_eq!((status, state(&post)), (200, "in_review"));
}

#[tokio::test]
async fn a_mastodon_account_is_connected_through_oauth_without_pasting_a_token() {
    let t = team().await;
    let mock = MastodonMock::start().await;
    let (status, started) = t
        .admin
        .post(
            "/api/v1/channels/mastodon/authorize",
            json!({"name": "Mastodon (OAuth)", "base_url": mock.base_url}),
        )
        .await;
    assert_eq!(status, 200, "{started}");
    let url = reqwest::Url::parse(started["authorize_url"].as_str().unwrap()).unwrap();
    assert!(url
        .as_str()
        .starts_with(&format!("{}/oauth/authorize?", mock.base_url)));
    let query: std::collections::HashMap<String, String> = url.query_pairs().into_owned().collect();
    assert_eq!(query["scope"], "read write");
    assert_eq!(query["state"], started["state"].as_str().unwrap());

    // The administrator approves on the instance, which redirects back with a code.
    let approve = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(format!("{}/oauth/authorize", mock.base_url))
        .form(&[
            ("username", "testuser"),
            ("client_id", query["client_id"].as_str()),
            ("redirect_uri", query["redirect_uri"].as_str()),
            ("scope", query["scope"].as_str()),
            ("state", query["state"].as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(approve.status(), 302);
    let back = reqwest::Url::parse(approve.headers()["location"].to_str().unwrap()).unwrap();
    assert!(back.path().ends_with("/channels/mastodon/callback"));
    let back: std::collections::HashMap<String, String> = back.query_pairs().into_owned().collect();

    let (status, channel) = t
        .admin
        .post(
            "/api/v1/channels/mastodon/callback",
            json!({"state": back["state"], "code": back["code"]}),
        )
        .await;
    assert_eq!(status, 201, "{channel}");
    let id = channel["id"].as_str().unwrap();
    let (status, test) = t
        .admin
        .post(&format!("/api/v1/channels/{id}/test"), json!({}))
        .await;
    assert_eq!(status, 200, "{test}");
    assert!(test["account"]["display"]
        .as_str()
        .unwrap()
        .contains("testuser"));

    // The state is single-use.
    let (status, body) = t
        .admin
        .post(
            "/api/v1/channels/mastodon/callback",
            json!({"state": back["state"], "code": back["code"]}),
        )
        .await;
    assert_eq!(status, 409, "{body}");
}

#[tokio::test]
async fn a_post_withdrawn_while_its_publish_call_is_in_flight_still_comes_down() {
    let t = team().await;
    let mock = MastodonMock::start().await;
    let channel = mastodon_channel(&t.admin, &mock).await;
    mock.fault(
        "POST",
        "/api/v1/statuses",
        json!({"type": "latency", "delay_ms": 1500}),
        1,
    )
    .await;
    let id = approved(
        &t,
        json!({"body": "Visitor hours change on Monday.", "channel_ids": [channel], "content_type": "announcement"}),
    )
    .await;
    wait_for(&t.author, &id, |p| p["deliveries"][0]["state"] == "sending").await;
    let (status, body) = t
        .author
        .post(&format!("/api/v1/posts/{id}/withdraw"), json!({}))
        .await;
    assert_eq!(status, 200, "{body}");
    let post = wait_for(&t.author, &id, |p| {
        p["deliveries"][0]["state"] == "withdrawn"
    })
    .await;
    assert_eq!(state(&post), "withdrawn");
    // The slow call landed after the withdrawal: it was found and deleted.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let post = wait_for(&t.author, &id, |p| {
        p["deliveries"][0]["state"] == "withdrawn"
    })
    .await;
    assert!(mock.statuses().await.is_empty(), "{post:#}");
}
