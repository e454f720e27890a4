//! Benchmark: N approved posts due at the same instant, drained by K `carepost serve`
//! processes sharing one PostgreSQL database, publishing to a real Mastodon API server
//! (`mastodon-mock`). Reports the time to drain, posts per second, the start delay after the
//! due instant, and duplicates on the network (must be 0).
//!
//! ```text
//! cargo build --release -p carepost --bin carepost --example bench_publish
//! target/release/examples/bench_publish --posts 10000 --instances 3
//! ```
//!
//! Needs PostgreSQL (`CAREPOST_TEST_POSTGRES`, default postgres://postgres@127.0.0.1:5432/postgres;
//! a fresh database is created per run) and mastodon-mock (`CAREPOST_MASTODON_MOCK`, installed
//! by `scripts/mastodon-mock install`). `--help` lists the options.
//!
//! Method. The posts are written, submitted and approved through the desk's own API
//! (in-process, like `carepost serve --demo` seeds), scheduled for a far-off instant; once
//! all are in, one SQL update moves every job, delivery and post to a common due instant D
//! a few seconds ahead, so the measurement does not depend on how long seeding took. The K
//! instances are started (their workers idle, nothing is due yet) before D. Drain time is
//! D → the last delivery's `published_at`; start delay is D → a delivery's
//! `first_attempt_at` (recorded just before the network is called).

use channels::testing::{MockMastodon, TOKEN};
use channels::ChannelConfig;
use chrono::{DateTime, SubsecRound, Utc};
use domain::desk::PostInput;
use domain::secret_box::SecretBox;
use domain::Desk;
use sqlx::PgPool;
use std::collections::{HashMap, HashSet};
use std::io::BufRead;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const USAGE: &str = "\
bench_publish: N posts due at one instant, drained by K carepost processes on PostgreSQL

Options:
  --posts N         posts to publish (default 10000)
  --instances K     carepost serve processes (default 3)
  --seeders S       concurrent seeding tasks (default 8)
  --lead SECS       seconds from the end of seeding to the due instant (default 5)
  --timeout SECS    give up draining after this long (default 1800)
  --carepost PATH   the carepost binary (default: ../carepost beside this example)
  --database URL    an empty PostgreSQL database (default: a fresh one on CAREPOST_TEST_POSTGRES)
  --calibrate M     afterwards, time M direct POST /api/v1/statuses on a fresh mock, as
                    many at once as the instances run, for the mock's own ceiling
                    (default 2000; 0 skips)";

struct Options {
    posts: usize,
    instances: usize,
    seeders: usize,
    lead: Duration,
    timeout: Duration,
    carepost: PathBuf,
    database: Option<String>,
    calibrate: usize,
}

fn options() -> Result<Options, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    // target/<profile>/examples/bench_publish → target/<profile>/carepost
    let default_bin = exe
        .parent()
        .and_then(|d| d.parent())
        .map(|d| d.join("carepost"))
        .unwrap_or_else(|| PathBuf::from("carepost"));
    let mut o = Options {
        posts: 10_000,
        instances: 3,
        seeders: 8,
        lead: Duration::from_secs(5),
        timeout: Duration::from_secs(1800),
        carepost: default_bin,
        database: None,
        calibrate: 2000,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        if flag == "--help" || flag == "-h" {
            println!("{USAGE}");
            std::process::exit(0);
        }
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let number = || {
            value
                .parse::<usize>()
                .map_err(|_| format!("{flag}: '{value}' is not a whole number"))
        };
        match flag.as_str() {
            "--posts" => o.posts = number()?.max(1),
            "--instances" => o.instances = number()?.max(1),
            "--seeders" => o.seeders = number()?.max(1),
            "--lead" => o.lead = Duration::from_secs(number()? as u64),
            "--timeout" => o.timeout = Duration::from_secs(number()? as u64),
            "--carepost" => o.carepost = PathBuf::from(&value),
            "--database" => o.database = Some(value),
            "--calibrate" => o.calibrate = number()?,
            _ => return Err(format!("unknown option {flag}\n\n{USAGE}")),
        }
    }
    if !o.carepost.is_file() {
        return Err(format!(
            "no carepost binary at {}: build it with `cargo build --release -p carepost --bin carepost \
             --example bench_publish`, or pass --carepost PATH",
            o.carepost.display()
        ));
    }
    Ok(o)
}

/// A `carepost serve` process, killed when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `carepost serve` on a free port and waits for it to say it is running.
fn serve(bin: &PathBuf, url: &str, key: &str, dir: &std::path::Path) -> Result<Server, String> {
    let mut child = Command::new(bin)
        .args(["serve", "--bind", "127.0.0.1:0"])
        .env("CAREPOST_DATABASE_URL", url)
        .env("CAREPOST_SECRET_KEY", key)
        .env("CAREPOST_LOG", "warn")
        .env_remove("CAREPOST_CONFIG")
        // No carepost.toml around the checkout may change the settings.
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", bin.display()))?;
    let stdout = child.stdout.take().expect("piped stdout");
    let server = Server(child);
    let mut lines = std::io::BufReader::new(stdout).lines();
    loop {
        match lines.next() {
            Some(Ok(line)) if line.starts_with("Carepost is running") => break,
            Some(Ok(_)) => {}
            _ => return Err("carepost serve exited before it was running".into()),
        }
    }
    // Keep draining its output so it never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Ok(server)
}

fn fail(message: impl std::fmt::Display) -> ! {
    eprintln!("bench_publish: {message}");
    std::process::exit(1)
}

#[tokio::main]
async fn main() {
    let o = options().unwrap_or_else(|e| fail(e));
    let url = match &o.database {
        Some(u) => u.clone(),
        None => store::testing::fresh_postgres_url().await,
    };
    let db = PgPool::connect(&url)
        .await
        .unwrap_or_else(|e| fail(format!("cannot connect to {}: {e}", store::mask_url(&url))));
    let key = SecretBox::generate_key();
    let desk = Arc::new(Desk::new(
        store::connect(&url)
            .await
            .unwrap_or_else(|e| fail(e.to_string())),
        SecretBox::from_base64(&key).expect("a generated key"),
    ));
    let mock = MockMastodon::start().await;
    println!(
        "database {}, {} posts, {} instances of {}",
        store::mask_url(&url),
        o.posts,
        o.instances,
        o.carepost.display()
    );

    // The demo organisation's people: an author, an approver (both trained) and an admin.
    desk.seed_demo()
        .await
        .unwrap_or_else(|e| fail(format!("seeding the organisation: {e}")))
        .unwrap_or_else(|| fail("the database is not empty; pass an empty one"));
    let actor = |email: &'static str| {
        let desk = desk.clone();
        async move {
            let (token, _) = desk.create_token_for(email, "bench").await.unwrap();
            desk.authenticate_token(&token, None)
                .await
                .unwrap()
                .expect("a fresh token")
        }
    };
    let admin = actor("admin@riverside.example").await;
    let author = actor("sofia@riverside.example").await;
    let approver = actor("compliance@riverside.example").await;
    let channel = desk
        .create_channel(
            &admin.admin().unwrap(),
            "Mastodon",
            ChannelConfig::Mastodon {
                base_url: mock.base_url.clone(),
                access_token: TOKEN.into(),
            },
        )
        .await
        .unwrap_or_else(|e| fail(format!("creating the channel: {e}")));

    // Seed: draft → submit → approve, each post scheduled for the same far-off instant.
    let far = (Utc::now() + chrono::Duration::days(1)).trunc_subsecs(0);
    let seeding = Instant::now();
    let next = Arc::new(AtomicUsize::new(0));
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..o.seeders {
        let (desk, author, approver, next) =
            (desk.clone(), author.clone(), approver.clone(), next.clone());
        let (channel_id, posts) = (channel.id.clone(), o.posts);
        tasks.spawn(async move {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= posts {
                    return Ok::<(), String>(());
                }
                let input = PostInput {
                    body: text(i),
                    channel_ids: vec![channel_id.clone()],
                    content_type: "announcement".into(),
                    scheduled_at: Some(far.to_rfc3339()),
                    ..Default::default()
                };
                let author = author.author().map_err(|e| e.to_string())?;
                let post = desk
                    .create_post(&author, input)
                    .await
                    .map_err(|e| format!("post {i}: {e}"))?;
                desk.submit_post(&author, &post.post.id)
                    .await
                    .map_err(|e| format!("submitting post {i}: {e}"))?;
                desk.approve_post(&approver.approver().unwrap(), &post.post.id, None)
                    .await
                    .map_err(|e| format!("approving post {i}: {e}"))?;
                if (i + 1) % 1000 == 0 {
                    println!("  seeded {} posts", i + 1);
                }
            }
        });
    }
    while let Some(done) = tasks.join_next().await {
        done.expect("seeding task")
            .unwrap_or_else(|e| fail(format!("seeding: {e}")));
    }
    let seeded_in = seeding.elapsed();
    println!(
        "seeded {} approved posts in {:.1} s ({:.0} posts/s through Desk::create_post/submit_post/approve_post)",
        o.posts,
        seeded_in.as_secs_f64(),
        o.posts as f64 / seeded_in.as_secs_f64()
    );
    drop(desk);

    // Every post now falls due at D (what an approver choosing that time would store).
    let due: DateTime<Utc> = (Utc::now() + chrono::Duration::from_std(o.lead).unwrap())
        .trunc_subsecs(0)
        + chrono::Duration::seconds(1);
    let due_ms = due.timestamp_millis();
    let mut tx = db.begin().await.unwrap();
    let moved = sqlx::query("UPDATE jobs SET run_at_ms = $1 WHERE state = 'queued'")
        .bind(due_ms)
        .execute(&mut *tx)
        .await
        .unwrap()
        .rows_affected();
    sqlx::query("UPDATE deliveries SET next_attempt_at = $1")
        .bind(due)
        .execute(&mut *tx)
        .await
        .unwrap();
    sqlx::query("UPDATE posts SET scheduled_at = $1, calendar_ms = $2")
        .bind(due)
        .bind(due_ms)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(moved as usize, o.posts, "one queued job per post");

    let dir = std::env::temp_dir();
    let started = Instant::now();
    let servers: Vec<Server> = (0..o.instances)
        .map(|_| serve(&o.carepost, &url, &key, &dir).unwrap_or_else(|e| fail(e)))
        .collect();
    let late = Utc::now() - due;
    println!(
        "{} instances running after {:.1} s; due at {} ({})",
        servers.len(),
        started.elapsed().as_secs_f64(),
        due.format("%H:%M:%S"),
        if late > chrono::Duration::zero() {
            format!(
                "instances were ready {} ms late: raise --lead",
                late.num_milliseconds()
            )
        } else {
            format!("{} ms from now", -late.num_milliseconds())
        }
    );

    // Drain: poll until every delivery is published (or one fails for good).
    let deadline = Instant::now() + o.timeout;
    let mut last_report = Instant::now();
    loop {
        let (published, failed): (i64, i64) = sqlx::query_as(
            "SELECT COUNT(*) FILTER (WHERE state = 'published'), \
             COUNT(*) FILTER (WHERE state = 'failed') FROM deliveries",
        )
        .fetch_one(&db)
        .await
        .unwrap();
        if published as usize == o.posts {
            break;
        }
        if failed > 0 {
            fail(format!(
                "{failed} deliveries failed for good ({published} published)"
            ));
        }
        if Instant::now() > deadline {
            fail(format!(
                "timed out with {published} of {} published",
                o.posts
            ));
        }
        if last_report.elapsed() > Duration::from_secs(10) && Utc::now() > due {
            println!(
                "  {published} published after {:.0} s",
                (Utc::now() - due).num_milliseconds() as f64 / 1000.0
            );
            last_report = Instant::now();
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    drop(servers);

    // Timings, from the database's own records.
    let (drain_ms, start_min, start_p50, start_p99, start_max, done_p50, done_p99): (
        f64,
        f64,
        f64,
        f64,
        f64,
        f64,
        f64,
    ) = sqlx::query_as(
        "SELECT EXTRACT(EPOCH FROM MAX(published_at) - $1)::float8 * 1000, \
           EXTRACT(EPOCH FROM MIN(first_attempt_at) - $1)::float8 * 1000, \
           percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM first_attempt_at - $1)) * 1000, \
           percentile_cont(0.99) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM first_attempt_at - $1)) * 1000, \
           EXTRACT(EPOCH FROM MAX(first_attempt_at) - $1)::float8 * 1000, \
           percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM published_at - $1)) * 1000, \
           percentile_cont(0.99) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM published_at - $1)) * 1000 \
         FROM deliveries",
    )
    .bind(due)
    .fetch_one(&db)
    .await
    .unwrap();
    let (early, retried): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*) FILTER (WHERE first_attempt_at < $1), \
         COUNT(*) FILTER (WHERE attempts > 1) FROM deliveries",
    )
    .bind(due)
    .fetch_one(&db)
    .await
    .unwrap();
    let per_instance: Vec<(Option<String>, i64)> = sqlx::query_as(
        "SELECT locked_by, COUNT(*) FROM jobs GROUP BY locked_by ORDER BY locked_by",
    )
    .fetch_all(&db)
    .await
    .unwrap();
    let reclaimed: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM jobs WHERE attempts > 1")
        .fetch_one(&db)
        .await
        .unwrap();

    // Duplicates, as the network sees them.
    let statuses = mock.statuses().await;
    let ids: HashSet<&str> = statuses.iter().filter_map(|s| s["id"].as_str()).collect();
    let texts: HashMap<String, usize> =
        statuses
            .iter()
            .fold(HashMap::new(), |mut m: HashMap<String, usize>, s| {
                let t = channels::mastodon::plain_text(s["content"].as_str().unwrap_or(""));
                *m.entry(t).or_default() += 1;
                m
            });
    let remote_ids: Vec<Option<String>> = sqlx::query_scalar("SELECT remote_id FROM deliveries")
        .fetch_all(&db)
        .await
        .unwrap();
    let unmatched = remote_ids
        .iter()
        .filter(|r| !r.as_deref().is_some_and(|r| ids.contains(r)))
        .count();
    let duplicates = statuses.len().saturating_sub(texts.len());
    let missing = (0..o.posts)
        .filter(|i| !texts.contains_key(&text(*i)))
        .count();

    let drain = drain_ms / 1000.0;
    println!();
    println!("posts                     {}", o.posts);
    println!("instances                 {}", o.instances);
    println!("drain (due → last published) {drain:.2} s");
    println!(
        "throughput                {:.1} posts/s",
        o.posts as f64 / drain
    );
    println!(
        "start delay after due     first {start_min:.0} ms, p50 {start_p50:.0} ms, p99 {start_p99:.0} ms, max {start_max:.0} ms"
    );
    println!("published after due       p50 {done_p50:.0} ms, p99 {done_p99:.0} ms");
    println!(
        "statuses on Mastodon      {} ({} distinct texts, {} distinct ids)",
        statuses.len(),
        texts.len(),
        ids.len()
    );
    println!("duplicates                {duplicates}");
    println!("posts missing             {missing}");
    println!("deliveries not matching a status {unmatched}");
    println!("deliveries started early  {early}");
    println!("deliveries with >1 attempt {retried}; jobs claimed more than once {reclaimed}");
    for (worker, n) in &per_instance {
        println!(
            "  {:<44} {n} jobs",
            worker.as_deref().unwrap_or("(never claimed)")
        );
    }

    // The workers' in-flight requests: 8 per instance (WorkerSettings' default concurrency).
    let (mut ceiling, mut mock_failures) = (None, None);
    if o.calibrate > 0 {
        let (rate, failed) = calibrate(o.calibrate, o.instances * 8).await;
        println!(
            "mastodon-mock alone       {rate:.1} statuses/s ({} POSTs, {} at once, {failed} failed)",
            o.calibrate,
            o.instances * 8
        );
        (ceiling, mock_failures) = (Some(rate), Some(failed));
    }
    println!(
        "{}",
        serde_json::json!({
            "posts": o.posts, "instances": o.instances, "drain_s": drain,
            "posts_per_s": o.posts as f64 / drain,
            "start_delay_ms": {"first": start_min, "p50": start_p50, "p99": start_p99, "max": start_max},
            "published_after_due_ms": {"p50": done_p50, "p99": done_p99},
            "statuses": statuses.len(), "duplicates": duplicates, "missing": missing,
            "unmatched_deliveries": unmatched, "early": early, "retried": retried,
            "jobs_per_instance": per_instance.iter().map(|(_, n)| n).collect::<Vec<_>>(),
            "seed_s": seeded_in.as_secs_f64(), "mock_ceiling_per_s": ceiling,
            "mock_failures_alone": mock_failures,
        })
    );
    if duplicates > 0 || missing > 0 || unmatched > 0 || statuses.len() != o.posts || early > 0 {
        fail("published something other than every post exactly once");
    }
}

/// The text of post `i`: distinct per post, and plain enough for the guard.
fn text(i: usize) -> String {
    format!("Scheduled wellness reminder {i}: drink water and take a short walk today.")
}

/// The mock's own throughput: `n` status creations, `at_once` in flight, from one client.
/// Returns (successful creations per second, failed requests): the mock itself fails
/// requests under load (its database pool times out), and that is part of the answer.
async fn calibrate(n: usize, at_once: usize) -> (f64, usize) {
    let mock = MockMastodon::start().await;
    let http = reqwest::Client::new();
    let next = Arc::new(AtomicUsize::new(0));
    let (ok, failed) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..at_once {
        let (http, next, ok, failed) = (http.clone(), next.clone(), ok.clone(), failed.clone());
        let url = format!("{}/api/v1/statuses", mock.base_url);
        tasks.spawn(async move {
            while next.fetch_add(1, Ordering::Relaxed) < n {
                let res = http
                    .post(&url)
                    .bearer_auth(TOKEN)
                    .json(&serde_json::json!({"status": "calibration", "visibility": "public"}))
                    .send()
                    .await;
                match res {
                    Ok(r) if r.status().is_success() => ok.fetch_add(1, Ordering::Relaxed),
                    _ => failed.fetch_add(1, Ordering::Relaxed),
                };
            }
        });
    }
    while let Some(t) = tasks.join_next().await {
        t.expect("calibration task");
    }
    let rate = ok.load(Ordering::Relaxed) as f64 / started.elapsed().as_secs_f64();
    (rate, failed.load(Ordering::Relaxed))
}
