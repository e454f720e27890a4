//! The inbox's Facebook Page webhook: the verification handshake, signed deliveries
//! triaged and stored once with redacted text, and every kind of bad delivery refused with
//! nothing stored.

mod common;

use common::{facebook_signature as sign, facebook_webhook as post, TestServer};
use domain::Role;
use serde_json::{json, Value};

const APP_SECRET: &str = "fb-app-secret";

fn delivery() -> Value {
    // The Graph API's documented Page webhook shape: feed changes and Messenger events.
    json!({"object": "page", "entry": [{
        "id": "1234567890", "time": 1764300000,
        "changes": [
            {"field": "feed", "value": {"item": "comment", "verb": "add", "comment_id": "1234567890_111",
             "post_id": "1234567890_999", "parent_id": "1234567890_999",
             "from": {"id": "42", "name": "Dana Q"}, "created_time": 1764300000,
             "message": "I've had chest pain since yesterday and my arm is numb, what should I take? Call me at (415) 555-0199"}},
            {"field": "feed", "value": {"item": "comment", "verb": "add", "comment_id": "1234567890_112",
             "post_id": "1234567890_999", "from": {"id": "43", "name": "Promo Bot"}, "created_time": 1764300001,
             "message": "Buy followers cheap!!! click http://spam.example/deal"}},
            {"field": "feed", "value": {"item": "reaction", "verb": "add", "reaction_type": "like"}}
        ],
        "messaging": [
            {"sender": {"id": "77"}, "recipient": {"id": "1234567890"}, "timestamp": 1764300002000_i64,
             "message": {"mid": "m_abc", "text": "What are your visiting hours on Sunday?"}},
            {"sender": {"id": "1234567890"}, "recipient": {"id": "77"}, "timestamp": 1764300003000_i64,
             "message": {"mid": "m_echo", "text": "Thanks!", "is_echo": true}}
        ]
    }]})
}

#[tokio::test]
async fn facebook_webhooks_are_verified_triaged_stored_once_and_bad_ones_refused() {
    let s = TestServer::sqlite().await;
    let admin = s.setup().await;
    let responder = s
        .user(&admin, "frontdesk@riverside.example", Role::Responder)
        .await;
    s.train(&admin, &[&responder]).await;
    let (admin_api, desk) = (s.api(&admin), s.api(&responder));
    // The page's comments live on a local Graph API (the policy hides the spam there).
    let graph = channels::testing::FakeGraph::start("1234567890", "Riverside", "page-token").await;
    graph.add_comment("1234567890_111", "1234567890_999", "chest pain");
    graph.add_comment("1234567890_112", "1234567890_999", "spam");
    let (status, channel) = admin_api
        .post(
            "/api/v1/channels",
            json!({"kind": "facebook", "name": "Facebook", "page_id": "1234567890",
                   "access_token": "page-token", "app_secret": APP_SECRET, "verify_token": "let-me-in",
                   "api_base_url": graph.base_url}),
        )
        .await;
    assert_eq!(status, 201, "{channel}");
    assert!(!channel.to_string().contains(APP_SECRET));

    // The subscription handshake.
    let ok = reqwest::get(s.url(
        "/webhooks/facebook?hub.mode=subscribe&hub.verify_token=let-me-in&hub.challenge=1158201444",
    ))
    .await
    .unwrap();
    assert_eq!(ok.status(), 200);
    assert_eq!(ok.text().await.unwrap(), "1158201444");
    let wrong = reqwest::get(
        s.url("/webhooks/facebook?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1"),
    )
    .await
    .unwrap();
    assert_eq!(wrong.status(), 403);

    let body = serde_json::to_vec(&delivery()).unwrap();
    // Unsigned, wrongly signed, malformed and oversized deliveries store nothing.
    assert_eq!(post(&s, &body, None).await.0, 401);
    assert_eq!(
        post(&s, &body, Some(sign(&body, "not-the-secret"))).await.0,
        401
    );
    assert_eq!(post(&s, &body, Some("sha256=zz".into())).await.0, 401);
    let broken = b"{\"object\": \"page\", \"entry\": [";
    assert_eq!(
        post(&s, broken, Some(sign(broken, APP_SECRET))).await.0,
        400
    );
    let huge = vec![b' '; 3 * 1024 * 1024];
    assert_eq!(post(&s, &huge, Some(sign(&huge, APP_SECRET))).await.0, 413);
    let (_, empty) = desk.get("/api/v1/inbox").await;
    assert!(empty["items"].as_array().unwrap().is_empty(), "{empty}");

    // A signed delivery: two comments and one message (reactions and echoes are not items).
    let (status, text) = post(&s, &body, Some(sign(&body, APP_SECRET))).await;
    assert_eq!((status, text.as_str()), (200, "{\"stored\":3}"));
    // Facebook delivers again: nothing doubles.
    let (status, text) = post(&s, &body, Some(sign(&body, APP_SECRET))).await;
    assert_eq!((status, text.as_str()), (200, "{\"stored\":0}"));

    let (_, inbox) = desk.get("/api/v1/inbox").await;
    let items = inbox["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    let advice = items
        .iter()
        .find(|i| i["remote_id"] == "1234567890_111")
        .unwrap();
    let labels: Vec<&str> = advice["labels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    assert!(labels.contains(&"advice_request"), "{labels:?}");
    assert!(
        !advice["text"].as_str().unwrap().contains("555-0199"),
        "shown redacted: {advice}"
    );
    assert!(advice["suggested_reply"]
        .as_str()
        .is_some_and(|r| !r.is_empty()));
    let spam = items
        .iter()
        .find(|i| i["remote_id"] == "1234567890_112")
        .unwrap();
    assert!(spam["labels"].to_string().contains("spam"), "{spam}");
    let message = items.iter().find(|i| i["kind"] == "message").unwrap();
    assert!(
        message["labels"].to_string().contains("appointment"),
        "{message}"
    );

    let (_, only) = desk.get("/api/v1/inbox?label=advice_request").await;
    assert_eq!(only["items"].as_array().unwrap().len(), 1);

    // Assign and resolve.
    let (_, me) = desk.get("/api/v1/me").await;
    let id = advice["id"].as_str().unwrap();
    let (status, item) = desk
        .post(
            &format!("/api/v1/inbox/{id}/assign"),
            json!({"user_id": me["user"]["id"]}),
        )
        .await;
    assert_eq!(status, 200, "{item}");
    assert_eq!(item["assigned_to"], me["user"]["id"]);
    // The comment also disclosed the writer's phone number, so the policy hid it.
    assert!(
        item["labels"].to_string().contains("phi_disclosure"),
        "{item}"
    );
    let (status, item) = desk
        .post(&format!("/api/v1/inbox/{id}/resolve"), json!({}))
        .await;
    assert_eq!((status, item["state"].as_str()), (200, Some("resolved")));
    // The spam is hidden by the commenting policy meanwhile; only the message is open.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while desk.get("/api/v1/inbox?state=hidden").await.1["items"]
        .as_array()
        .is_none_or(|a| a.is_empty())
    {
        assert!(std::time::Instant::now() < deadline, "spam never hidden");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(graph
        .comments()
        .iter()
        .any(|c| c.id == "1234567890_112" && c.is_hidden));
    let (_, open) = desk.get("/api/v1/inbox?state=new").await;
    assert_eq!(open["items"].as_array().unwrap().len(), 1, "{open}");
    // Viewers and authors do not read the inbox.
    let author = s
        .user(&admin, "sofia@riverside.example", Role::Author)
        .await;
    let (status, _) = s.api(&author).get("/api/v1/inbox").await;
    assert_eq!(status, 403);
    // Nothing identifying reached the audit log.
    let (_, audit) = admin_api.get("/api/v1/audit?limit=200").await;
    assert!(!audit.to_string().contains("555-0199"));
}

/// A second account on the Mastodon server (a patient replying to the hospital).
/// Many deliveries at once, each sent twice (Facebook retries while the first is still in
/// flight): the group commit stores every comment once, each answer counts only what it
/// stored, and every violation is moderated.
/// Connects the Facebook page served by `graph` (with the app secret the webhooks are signed
/// with).
async fn connect_page(api: &common::Api, graph: &channels::testing::FakeGraph) -> (u16, Value) {
    api.post(
        "/api/v1/channels",
        json!({"kind": "facebook", "name": "Facebook", "page_id": "1234567890",
               "access_token": "page-token", "app_secret": APP_SECRET,
               "api_base_url": graph.base_url}),
    )
    .await
}

async fn concurrent_deliveries(s: TestServer) {
    let admin = s.setup().await;
    s.train(&admin, &[]).await;
    let admin_api = s.api(&admin);
    let graph = channels::testing::FakeGraph::start("1234567890", "Riverside", "page-token").await;
    let comment = |n: usize| {
        let spam = n.is_multiple_of(2);
        json!({"object": "page", "entry": [{"id": "1234567890", "time": 1764300000,
            "changes": [{"field": "feed", "value": {"item": "comment", "verb": "add",
                "comment_id": format!("1234567890_{n}"), "post_id": "1234567890_999",
                "from": {"id": n.to_string(), "name": "Commenter"}, "created_time": 1764300000,
                "message": if spam { "Buy followers cheap!!! click http://spam.example/deal" }
                           else { "What are your visiting hours on Sunday?" }}}]}]})
    };
    for n in 0..20 {
        graph.add_comment(&format!("1234567890_{n}"), "1234567890_999", "comment");
    }
    // A delivery before the page is connected is refused; once it is, the next one is
    // accepted at once (the page list is read again rather than trusted from before).
    let first = serde_json::to_vec(&comment(0)).unwrap();
    assert_eq!(
        post(&s, &first, Some(sign(&first, APP_SECRET))).await.0,
        401
    );
    let (status, _) = connect_page(&admin_api, &graph).await;
    assert_eq!(status, 201);
    let mut deliveries = tokio::task::JoinSet::new();
    for i in 0..40 {
        let body = serde_json::to_vec(&comment(i % 20)).unwrap();
        let req = reqwest::Client::new()
            .post(s.url("/webhooks/facebook"))
            .header("content-type", "application/json")
            .header("X-Hub-Signature-256", sign(&body, APP_SECRET))
            .body(body);
        deliveries.spawn(async move {
            let res = req.send().await.unwrap();
            (res.status().as_u16(), res.text().await.unwrap())
        });
    }
    let mut stored = 0;
    for (status, text) in deliveries.join_all().await {
        assert_eq!(status, 200, "{text}");
        let v: Value = serde_json::from_str(&text).unwrap();
        stored += v["stored"].as_u64().unwrap();
    }
    assert_eq!(stored, 20);
    let (_, inbox) = admin_api.get("/api/v1/inbox?limit=100").await;
    assert_eq!(inbox["items"].as_array().map(Vec::len), Some(20), "{inbox}");
    // Each spam comment is hidden on the page.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while graph.comments().iter().filter(|c| c.is_hidden).count() < 10 {
        assert!(std::time::Instant::now() < deadline, "spam never hidden");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(graph.comments().iter().all(|c| c.is_hidden
        == c.id
            .trim_start_matches("1234567890_")
            .parse::<usize>()
            .unwrap()
            .is_multiple_of(2)));
}

#[tokio::test]
async fn concurrent_and_repeated_deliveries_are_stored_once_on_sqlite() {
    concurrent_deliveries(TestServer::sqlite().await).await;
}

#[tokio::test]
async fn concurrent_and_repeated_deliveries_are_stored_once_on_postgres() {
    let url = store::testing::fresh_postgres_url().await;
    concurrent_deliveries(TestServer::on(&url, None).await).await;
}

/// An item that cannot be stored fails alone: the others committed with it in the same
/// batch are stored and answered as stored.
#[tokio::test]
async fn one_item_that_cannot_be_stored_does_not_fail_the_rest_of_its_batch() {
    let s = TestServer::sqlite().await;
    let admin = s.setup().await;
    s.train(&admin, &[]).await;
    let graph = channels::testing::FakeGraph::start("1234567890", "Riverside", "page-token").await;
    let (status, created) = connect_page(&s.api(&admin), &graph).await;
    assert_eq!(status, 201, "{created}");
    let org_id = created["org_id"].as_str().unwrap();
    let channel = s
        .desk
        .channel(org_id, created["id"].as_str().unwrap())
        .await
        .unwrap();
    // A channel that was never stored: its item breaks the foreign key.
    let mut gone = channel.clone();
    gone.id = "no-such-channel".into();
    let incoming = |n: usize| domain::inbox::Incoming {
        remote_id: format!("c{n}"),
        parent_remote_id: None,
        kind: "comment".into(),
        author_name: "Commenter".into(),
        author_id: n.to_string(),
        text: "What are your visiting hours on Sunday?".into(),
        received_at: chrono::Utc::now(),
        raw: json!({"n": n}),
    };
    let mut tasks = tokio::task::JoinSet::new();
    for n in 0..31 {
        let (desk, ch) = (
            s.desk.clone(),
            if n == 15 {
                gone.clone()
            } else {
                channel.clone()
            },
        );
        let item = incoming(n);
        tasks.spawn(async move { (n, desk.ingest(&ch, item).await) });
    }
    for (n, outcome) in tasks.join_all().await {
        match n {
            15 => assert!(outcome.is_err(), "stored for a missing channel"),
            _ => assert!(
                matches!(outcome, Ok(Some(_))),
                "item {n}: {:?}",
                outcome.err()
            ),
        }
    }
    let (_, inbox) = s.api(&admin).get("/api/v1/inbox").await;
    assert_eq!(inbox["items"].as_array().map(Vec::len), Some(30), "{inbox}");
}

async fn commenter(mock: &channels::testing::MockMastodon) -> String {
    let res: Value = reqwest::Client::new()
        .post(format!("{}/api/v1/_mock/dev_user", mock.base_url))
        .json(&json!({"username": "patient1"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    res["access_token"].as_str().unwrap().to_string()
}

async fn mention(mock: &channels::testing::MockMastodon, token: &str, text: &str) {
    let res = reqwest::Client::new()
        .post(format!("{}/api/v1/statuses", mock.base_url))
        .bearer_auth(token)
        .form(&[("status", text)])
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "{}", res.text().await.unwrap());
}

async fn inbox_len(api: &common::Api, n: usize) -> Vec<Value> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let (_, inbox) = api.get("/api/v1/inbox").await;
        let items = inbox["items"].as_array().cloned().unwrap_or_default();
        if items.len() >= n {
            return items;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "inbox has {} of {n}: {inbox}",
            items.len()
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn mastodon_mentions_are_polled_labelled_and_nothing_is_lost_when_the_server_is_down() {
    let s = TestServer::sqlite().await;
    let admin = s.setup().await;
    let responder = s
        .user(&admin, "frontdesk@riverside.example", Role::Responder)
        .await;
    s.train(&admin, &[&responder]).await;
    let desk = s.api(&responder);
    let mock = channels::testing::MockMastodon::start().await;
    let (status, _) = s
        .api(&admin)
        .post(
            "/api/v1/channels",
            json!({"kind": "mastodon", "name": "Mastodon", "base_url": mock.base_url, "access_token": channels::testing::TOKEN}),
        )
        .await;
    assert_eq!(status, 201);
    let patient = commenter(&mock).await;
    mention(
        &mock,
        &patient,
        "@testuser I have had a rash since Monday, what cream should I use on it?",
    )
    .await;
    let items = inbox_len(&desk, 1).await;
    assert_eq!(items[0]["kind"], "mention");
    assert!(
        items[0]["labels"].to_string().contains("advice_request"),
        "{}",
        items[0]
    );

    // The server goes down for a while; mentions keep arriving there.
    mock.fault(
        "GET",
        "/api/v1/notifications",
        json!({"type": "status", "status": 503}),
        4,
    )
    .await;
    mention(
        &mock,
        &patient,
        "@testuser what are your opening hours on Saturday?",
    )
    .await;
    mention(
        &mock,
        &patient,
        "@testuser thank you, the nurses were wonderful",
    )
    .await;
    let items = inbox_len(&desk, 3).await;
    // Every failure was met (the polls really hit the outage) before recovery.
    let faults: Value = reqwest::get(format!("{}/api/v1/_mock/faults", mock.base_url))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(!faults.to_string().contains("notifications"), "{faults}");
    // Later polls store nothing twice.
    tokio::time::sleep(std::time::Duration::from_millis(1200)).await;
    let (_, inbox) = desk.get("/api/v1/inbox").await;
    assert_eq!(inbox["items"].as_array().unwrap().len(), 3, "{items:?}");
    assert!(inbox.to_string().contains("praise"), "{inbox}");

    // Paused, the channel is not polled; resumed, what arrived meanwhile comes in.
    let channel_id = items[0]["channel_id"].as_str().unwrap().to_string();
    let pause = |disabled: bool| {
        let (api, path) = (s.api(&admin), format!("/api/v1/channels/{channel_id}"));
        async move { api.patch(&path, json!({"disabled": disabled})).await }
    };
    assert_eq!(pause(true).await.0, 200);
    mention(&mock, &patient, "@testuser is the pharmacy open late?").await;
    tokio::time::sleep(std::time::Duration::from_millis(1200)).await;
    let (_, inbox) = desk.get("/api/v1/inbox").await;
    assert_eq!(
        inbox["items"].as_array().unwrap().len(),
        3,
        "polled while paused"
    );
    assert_eq!(pause(false).await.0, 200);
    inbox_len(&desk, 4).await;
}
