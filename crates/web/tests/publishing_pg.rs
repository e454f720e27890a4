//! Publishing with several instances on one PostgreSQL database, against a real Mastodon
//! API server (`mastodon-mock`): the queue shares the work out, and an instance that dies
//! mid-publish is taken over after its lease without posting twice.

mod common;

use channels::testing::{MockMastodon, TOKEN};
use common::Api;
use domain::Desk;
use serde_json::{json, Value};
use sqlx::postgres::PgPool;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::task::JoinHandle;

/// One `carepost serve` in-process: its own pool, web server and (once started) worker.
struct Instance {
    base: String,
    desk: Arc<Desk>,
    server: JoinHandle<std::io::Result<()>>,
    worker: Option<JoinHandle<()>>,
    worker_id: String,
}

impl Instance {
    async fn start(url: &str) -> Instance {
        // The same key on every instance, as a cluster shares CAREPOST_SECRET_KEY.
        let secrets = domain::secret_box::SecretBox::from_key(&[7; 32]);
        let desk = Arc::new(Desk::new(
            store::connect(url).await.expect("open store"),
            secrets,
        ));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let state = web::AppState::new(desk.clone(), web::WebConfig::default());
        let server = tokio::spawn(web::serve(listener, state, std::future::pending()));
        Instance {
            base,
            desk,
            server,
            worker: None,
            worker_id: String::new(),
        }
    }

    /// Starts this instance's publishing worker under the name `name`.
    fn run_worker(&mut self, name: &str, lease: Duration, batch: i64) {
        let settings = domain::desk::WorkerSettings {
            worker_id: format!("{name}-{}", domain::id::new_id()),
            lease,
            batch,
            concurrency: 4,
            backoff: common::fast_worker().backoff,
            ..Default::default()
        };
        self.worker_id = settings.worker_id.clone();
        self.worker = Some(tokio::spawn(web::worker::run(
            self.desk.clone(),
            settings,
            std::future::pending(),
        )));
    }

    fn api(&self, token: &str) -> Api {
        Api {
            base: self.base.clone(),
            token: token.to_string(),
            http: reqwest::Client::new(),
        }
    }

    /// Kills the instance as a crash would: the worker stops wherever it is (its network
    /// call in flight is dropped), the server stops, and its pool is released.
    async fn kill(self) {
        let Instance {
            desk,
            server,
            worker,
            ..
        } = self;
        if let Some(w) = worker {
            w.abort();
            assert!(w.await.unwrap_err().is_cancelled());
        }
        server.abort();
        let _ = server.await;
        // Its pool goes with the last reference (connections the server was still
        // answering may hold one for a moment; they cannot publish).
        drop(desk);
    }
}

/// The desk's people on a fresh database: `(admin, author, approver)` API tokens.
async fn people(desk: &Desk) -> (String, String, String) {
    desk.seed_demo().await.unwrap().expect("fresh database");
    let mut tokens = Vec::new();
    for email in [
        "admin@riverside.example",
        "sofia@riverside.example",
        "compliance@riverside.example",
    ] {
        tokens.push(desk.create_token_for(email, "tests").await.unwrap().0);
    }
    let approver = tokens.pop().unwrap();
    let author = tokens.pop().unwrap();
    (tokens.pop().unwrap(), author, approver)
}

async fn mastodon_channel(admin: &Api, mock: &MockMastodon) -> String {
    let (status, body) = admin
        .post(
            "/api/v1/channels",
            json!({"kind": "mastodon", "name": "Mastodon", "base_url": mock.base_url, "access_token": TOKEN}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    body["id"].as_str().unwrap().to_string()
}

/// Drafts, submits and approves a post (due now); returns its id.
async fn approved(author: &Api, approver: &Api, channel: &str, text: &str) -> String {
    let (status, post) = author
        .post(
            "/api/v1/posts",
            json!({"body": text, "channel_ids": [channel], "content_type": "announcement"}),
        )
        .await;
    assert_eq!(status, 201, "{post}");
    let id = post["id"].as_str().unwrap().to_string();
    let (status, post) = author
        .post(&format!("/api/v1/posts/{id}/submit"), json!({}))
        .await;
    assert_eq!(status, 200, "{post}");
    let (status, post) = approver
        .post(&format!("/api/v1/posts/{id}/approve"), json!({}))
        .await;
    assert_eq!(status, 200, "{post}");
    id
}

/// One delivery row as the database has it.
#[derive(Debug, sqlx::FromRow)]
struct DeliveryRow {
    post_id: String,
    state: String,
    attempts: i32,
    remote_id: Option<String>,
    published_at: Option<chrono::DateTime<chrono::Utc>>,
}

async fn deliveries(db: &PgPool) -> Vec<DeliveryRow> {
    sqlx::query_as(
        "SELECT post_id, state, attempts, remote_id, published_at FROM deliveries ORDER BY id",
    )
    .fetch_all(db)
    .await
    .unwrap()
}

/// `(state, locked_by, attempts)` of every publish job (the inbox poll job is not one).
async fn jobs(db: &PgPool) -> Vec<(String, Option<String>, i32)> {
    sqlx::query_as("SELECT state, locked_by, attempts FROM jobs WHERE kind = 'publish' ORDER BY id")
        .fetch_all(db)
        .await
        .unwrap()
}

/// Polls the deliveries until `done` holds, or fails after `limit`.
async fn wait_deliveries(
    db: &PgPool,
    limit: Duration,
    done: impl Fn(&[DeliveryRow]) -> bool,
) -> Vec<DeliveryRow> {
    let deadline = Instant::now() + limit;
    loop {
        let rows = deliveries(db).await;
        if done(&rows) {
            return rows;
        }
        assert!(Instant::now() < deadline, "timed out; last seen: {rows:#?}");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

fn plain(content: &Value) -> String {
    channels::mastodon::plain_text(content.as_str().unwrap_or_default())
}

#[tokio::test]
async fn two_instances_share_the_queue_and_publish_every_post_exactly_once() {
    let url = store::testing::fresh_postgres_url().await;
    let db = PgPool::connect(&url).await.unwrap();
    let mock = MockMastodon::start().await;
    let mut a = Instance::start(&url).await;
    let mut b = Instance::start(&url).await;
    let (admin, author, approver) = people(&a.desk).await;
    let channel = mastodon_channel(&a.api(&admin), &mock).await;

    // Posts go through both instances' APIs; their workers start once all 40 are due, so
    // both find a full queue and compete for it.
    let mut texts = HashMap::new();
    for i in 0..40 {
        let via = if i % 2 == 0 { &a } else { &b };
        let text = format!("Community health update {i}: the east entrance is open again.");
        let id = approved(&via.api(&author), &via.api(&approver), &channel, &text).await;
        texts.insert(id, text);
    }
    // Small batches, so neither instance can take the whole queue in one claim.
    a.run_worker("a", Duration::from_secs(30), 5);
    b.run_worker("b", Duration::from_secs(30), 5);

    let rows = wait_deliveries(&db, Duration::from_secs(60), |rows| {
        rows.len() == 40 && rows.iter().all(|d| d.state == "published")
    })
    .await;

    // Exactly once on the network: one status per post, each the one its delivery names.
    let statuses = mock.statuses().await;
    assert_eq!(statuses.len(), 40, "published exactly once each");
    let by_id: HashMap<&str, String> = statuses
        .iter()
        .map(|s| (s["id"].as_str().unwrap(), plain(&s["content"])))
        .collect();
    assert_eq!(by_id.len(), 40, "distinct status ids");
    let remote: HashSet<&str> = rows
        .iter()
        .map(|d| d.remote_id.as_deref().expect("remote id"))
        .collect();
    assert_eq!(remote.len(), 40, "each delivery names its own status");
    for d in &rows {
        let content = &by_id[d.remote_id.as_deref().unwrap()];
        assert_eq!(
            content, &texts[&d.post_id],
            "the status of post {}",
            d.post_id
        );
        assert_eq!(d.attempts, 1, "no delivery needed a second attempt: {d:?}");
    }

    // Each job was claimed once, and both instances did part of the work.
    let jobs = jobs(&db).await;
    assert_eq!(jobs.len(), 40);
    let mut per_worker: HashMap<String, usize> = HashMap::new();
    for (state, locked_by, attempts) in &jobs {
        assert_eq!((state.as_str(), *attempts), ("done", 1));
        *per_worker.entry(locked_by.clone().unwrap()).or_default() += 1;
    }
    assert_eq!(
        per_worker.keys().collect::<HashSet<_>>(),
        HashSet::from([&a.worker_id, &b.worker_id]),
        "both instances took jobs: {per_worker:?}"
    );

    // Every post reads as published from either instance.
    for id in texts.keys().take(4) {
        for via in [&a, &b] {
            let (_, post) = via.api(&author).get(&format!("/api/v1/posts/{id}")).await;
            assert_eq!(post["state"], "published", "{post}");
        }
    }
}

#[tokio::test]
async fn an_instance_killed_mid_publish_is_taken_over_after_its_lease_and_posts_once() {
    killed_mid_publish(false).await;
}

/// The same crash, on a network that went on to publish the request A abandoned (the mock
/// drops it, so the test posts it for A, with A's idempotency key): B must adopt that
/// status rather than post again.
#[tokio::test]
async fn a_post_the_network_kept_from_a_killed_instance_is_adopted_not_reposted() {
    killed_mid_publish(true).await;
}

async fn killed_mid_publish(network_kept_it: bool) {
    let url = store::testing::fresh_postgres_url().await;
    let db = PgPool::connect(&url).await.unwrap();
    let mock = MockMastodon::start().await;
    let mut a = Instance::start(&url).await;
    let (admin, author, approver) = people(&a.desk).await;
    let channel = mastodon_channel(&a.api(&admin), &mock).await;
    // A's lease (4 s) outlasts the slowed request (3 s): B, started once the fate of the
    // request A abandons is settled, still has to wait for the lease to run out.
    a.run_worker("a", Duration::from_secs(4), 32);
    mock.fault(
        "POST",
        "/api/v1/statuses",
        json!({"type": "latency", "delay_ms": 3000}),
        1,
    )
    .await;
    let text = "The pharmacy drive-through is open until 8 pm all week.";
    let post_id = approved(&a.api(&author), &a.api(&approver), &channel, text).await;

    // A recorded the attempt and its request reached the network (the fault rule is used
    // up): kill A while the answer is pending.
    wait_deliveries(&db, Duration::from_secs(20), |rows| {
        rows.iter().any(|d| d.state == "sending")
    })
    .await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while mock.get("/api/v1/_mock/faults").await != json!([]) {
        assert!(
            Instant::now() < deadline,
            "A's request never reached Mastodon"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let in_flight_since = Instant::now();
    let (a_id, lease_until_ms): (String, i64) = sqlx::query_as(
        "SELECT locked_by, lease_until_ms FROM jobs WHERE state = 'running' AND kind = 'publish'",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(a_id, a.worker_id);
    a.kill().await;

    // Past the injected latency, whether A's abandoned request became a status is
    // settled (the mock drops a request whose client went away; a real server may not).
    tokio::time::sleep(Duration::from_millis(3500).saturating_sub(in_flight_since.elapsed())).await;
    if network_kept_it && mock.statuses().await.is_empty() {
        let key: String = sqlx::query_scalar("SELECT idempotency_key FROM deliveries")
            .fetch_one(&db)
            .await
            .unwrap();
        let res = reqwest::Client::new()
            .post(format!("{}/api/v1/statuses", mock.base_url))
            .bearer_auth(TOKEN)
            .header("Idempotency-Key", key)
            .json(&json!({"status": text, "visibility": "public"}))
            .send()
            .await
            .unwrap();
        assert!(res.status().is_success(), "{}", res.status());
    }
    let landed = mock.statuses().await.len();
    assert!(landed <= 1);
    assert!(landed == 1 || !network_kept_it);
    let mut b = Instance::start(&url).await;
    b.run_worker("b", Duration::from_secs(2), 32);
    let rows = wait_deliveries(&db, Duration::from_secs(30), |rows| {
        rows[0].state == "published"
    })
    .await;
    let delivery = &rows[0];
    let published_at = delivery.published_at.unwrap().timestamp_millis();
    assert!(
        published_at >= lease_until_ms,
        "B waited for A's lease: published at {published_at}, lease until {lease_until_ms}"
    );

    // Exactly once on the network, and it is the status the delivery names.
    let statuses = mock.statuses().await;
    assert_eq!(statuses.len(), 1, "published exactly once: {statuses:#?}");
    assert_eq!(statuses[0]["id"].as_str(), delivery.remote_id.as_deref());
    assert_eq!(plain(&statuses[0]["content"]), text);

    // B took the job (a second claim) and first looked for what A may have posted: a
    // status A's request left behind is adopted without another attempt; otherwise B's own
    // attempt is the second.
    // (The audit entry is written just after the delivery is marked published.)
    let deadline = Instant::now() + Duration::from_secs(10);
    let audit = loop {
        let (_, audit) = b
            .api(&admin)
            .get("/api/v1/audit?action=post.published")
            .await;
        if audit["entries"][0].is_object() || Instant::now() > deadline {
            break audit;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    let entry = &audit["entries"][0];
    assert_eq!(entry["target"], post_id.as_str(), "{audit}");
    assert_eq!(
        entry["detail"]["found_after_lost_answer"],
        landed == 1,
        "{entry}"
    );
    assert_eq!(delivery.attempts, if landed == 1 { 1 } else { 2 });
    let jobs = jobs(&db).await;
    assert_eq!(
        jobs,
        vec![("done".to_string(), Some(b.worker_id.clone()), 2)],
        "B finished the job A had claimed"
    );
    let (_, post) = b
        .api(&author)
        .get(&format!("/api/v1/posts/{post_id}"))
        .await;
    assert_eq!(post["state"], "published", "{post}");
}
