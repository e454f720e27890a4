//! Benchmark: sustained inbox ingest through the real Facebook webhook endpoint. Signed
//! deliveries (one comment each, as Facebook sends them) are posted to a Carepost server on
//! loopback by C concurrent clients; each is verified, triaged by the guard, redacted,
//! sealed and stored before the 200 answer. Reports items/s and the latency from receipt to
//! stored and labelled (the response time: p50, p99, max).
//!
//! ```text
//! cargo run --release -p carepost --example bench_inbox -- 20000 32            # SQLite
//! cargo run --release -p carepost --example bench_inbox -- 20000 32 postgres   # PostgreSQL
//! ```
//!
//! PostgreSQL uses a fresh database on `CAREPOST_TEST_POSTGRES` (default
//! postgres://postgres@127.0.0.1:5432/postgres).

// The allocator `carepost serve` runs with (see src/main.rs).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use domain::secret_box::SecretBox;
use domain::Desk;
use hmac::Mac;
use std::sync::Arc;
use std::time::{Duration, Instant};

const SECRET: &str = "bench-app-secret";
const PAGE: &str = "1234567890";

const COMMENTS: [&str; 6] = [
    "I've had chest pain since yesterday, what should I take?",
    "What are your visiting hours on Sunday?",
    "The nurses on 4 West were wonderful to my dad, thank you!",
    "Is the flu shot safe during pregnancy?",
    "Buy followers cheap!!! click http://spam.example/deal",
    "Vaccines cause autism, everyone knows it",
];

fn sign(body: &[u8]) -> String {
    let mut mac = <hmac::Hmac<sha2::Sha256> as Mac>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

fn delivery(n: usize) -> Vec<u8> {
    serde_json::to_vec(
        &serde_json::json!({"object": "page", "entry": [{"id": PAGE, "time": 1764300000,
        "changes": [{"field": "feed", "value": {"item": "comment", "verb": "add",
            "comment_id": format!("{PAGE}_{n}"), "post_id": format!("{PAGE}_1"),
            "from": {"id": n.to_string(), "name": "Commenter"}, "created_time": 1764300000,
            "message": COMMENTS[n % COMMENTS.len()]}}]}]}),
    )
    .unwrap()
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let total: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(20_000);
    let clients: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(32);
    let postgres = args.get(3).is_some_and(|a| a == "postgres");
    let (url, _dir) = if postgres {
        (store::testing::fresh_postgres_url().await, None)
    } else {
        let (url, dir) = store::testing::fresh_sqlite_url();
        (url, Some(dir))
    };
    let desk = Arc::new(Desk::new(
        store::connect(&url).await.expect("open the database"),
        SecretBox::ephemeral(),
    ));
    desk.seed_demo().await.expect("seed the demo organisation");
    let (token, _) = desk
        .create_token_for("admin@riverside.example", "bench")
        .await
        .unwrap();
    let admin = desk
        .authenticate_token(&token, None)
        .await
        .unwrap()
        .unwrap();
    desk.create_channel(
        &admin.admin().unwrap(),
        "Facebook",
        channels::ChannelConfig::Facebook {
            page_id: PAGE.into(),
            access_token: "page-token".into(),
            api_base_url: None,
            api_version: None,
            app_secret: Some(SECRET.into()),
            verify_token: None,
        },
    )
    .await
    .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let state = web::AppState::new(desk.clone(), web::WebConfig::default());
    tokio::spawn(web::serve(listener, state, std::future::pending()));

    let bodies: Arc<Vec<Vec<u8>>> = Arc::new((0..total).map(delivery).collect());
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let started = Instant::now();
    let workers: Vec<_> = (0..clients)
        .map(|_| {
            let (bodies, next, base) = (bodies.clone(), next.clone(), base.clone());
            tokio::spawn(async move {
                let http = reqwest::Client::new();
                let mut latencies = Vec::new();
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(body) = bodies.get(i) else {
                        return latencies;
                    };
                    let t = Instant::now();
                    let res = http
                        .post(format!("{base}/webhooks/facebook"))
                        .header("content-type", "application/json")
                        .header("X-Hub-Signature-256", sign(body))
                        .body(body.clone())
                        .send()
                        .await
                        .expect("request");
                    assert!(res.status().is_success(), "delivery {i}: {}", res.status());
                    latencies.push(t.elapsed());
                }
            })
        })
        .collect();
    let mut latencies: Vec<Duration> = Vec::with_capacity(total);
    for w in workers {
        latencies.extend(w.await.unwrap());
    }
    let elapsed = started.elapsed();
    latencies.sort();
    let pct = |p: f64| latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)];
    println!(
        "{} items via signed webhooks, {clients} clients, {}: {:.0} items/s; receipt to stored and labelled p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        total,
        if postgres { "PostgreSQL" } else { "SQLite" },
        total as f64 / elapsed.as_secs_f64(),
        pct(0.50).as_secs_f64() * 1e3,
        pct(0.99).as_secs_f64() * 1e3,
        latencies.last().unwrap().as_secs_f64() * 1e3,
    );
}
