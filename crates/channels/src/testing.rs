//! Test support shared by this crate's tests and the server's: runs the PyPI package
//! `mastodon-mock` (an independent, stateful Mastodon API server, installed by
//! `scripts/mastodon-mock install`) as a child process, one per test, so each test has its own
//! data and fault rules.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The token the mock seeds for its default account `testuser`.
pub const TOKEN: &str = "mock_token";

pub struct MockMastodon {
    pub base_url: String,
    child: Child,
}

impl Drop for MockMastodon {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn executable() -> PathBuf {
    let path = match std::env::var_os("CAREPOST_MASTODON_MOCK") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../.cache/mastodon-mock/bin/mastodon_mock"),
    };
    assert!(
        path.is_file(),
        "the Mastodon tests need mastodon_mock, not found at {}: run `scripts/mastodon-mock install` \
         (or point CAREPOST_MASTODON_MOCK at the executable)",
        path.display()
    );
    path
}

fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    listener.local_addr().unwrap().port()
}

impl MockMastodon {
    /// Starts a fresh in-memory server and waits until it answers.
    pub async fn start() -> MockMastodon {
        let exe = executable();
        let port = free_port();
        // Run from an empty folder so no `.mastodon_mock.toml`/`pyproject.toml` around the
        // checkout changes the mock's configuration.
        let cwd = std::env::temp_dir();
        let child = Command::new(&exe)
            .args([
                "serve",
                "--in-memory",
                "--host",
                "127.0.0.1",
                "--log-level",
                "warning",
            ])
            .args(["--port", &port.to_string()])
            .current_dir(cwd)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| panic!("could not start {}: {e}", exe.display()));
        let mut mock = MockMastodon {
            base_url: format!("http://127.0.0.1:{port}"),
            child,
        };
        let http = reqwest::Client::new();
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Some(status) = mock.child.try_wait().unwrap() {
                panic!("mastodon_mock exited before answering: {status}");
            }
            let up = http
                .get(format!("{}/api/v1/instance", mock.base_url))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success());
            if up {
                return mock;
            }
            assert!(
                Instant::now() < deadline,
                "mastodon_mock did not answer within 60 s"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// A GET with the test account's token, as JSON.
    pub async fn get(&self, path: &str) -> serde_json::Value {
        let resp = reqwest::Client::new()
            .get(format!("{}{path}", self.base_url))
            .bearer_auth(TOKEN)
            .send()
            .await
            .unwrap();
        assert!(resp.status().is_success(), "GET {path}: {}", resp.status());
        resp.json().await.unwrap()
    }

    /// Makes the next `count` requests matching `method` and `path` fail with `effect`
    /// (the mock's `/api/v1/_mock/faults` control plane).
    pub async fn fault(&self, method: &str, path: &str, effect: serde_json::Value, count: u32) {
        let rule = serde_json::json!({
            "match": { "methods": [method], "path": path },
            "effect": effect,
            "count": count,
        });
        let resp = reqwest::Client::new()
            .post(format!("{}/api/v1/_mock/faults", self.base_url))
            .json(&rule)
            .send()
            .await
            .unwrap();
        assert!(
            resp.status().is_success(),
            "adding a fault: {}",
            resp.status()
        );
    }

    /// Every status the test account has posted, newest first (all pages).
    pub async fn statuses(&self) -> Vec<serde_json::Value> {
        let me = self.get("/api/v1/accounts/verify_credentials").await;
        let id = me["id"].as_str().expect("account id").to_string();
        let mut all = Vec::new();
        let mut max_id: Option<String> = None;
        loop {
            let mut path = format!("/api/v1/accounts/{id}/statuses?limit=40");
            if let Some(m) = &max_id {
                path.push_str(&format!("&max_id={m}"));
            }
            let page = self.get(&path).await;
            let page = page.as_array().cloned().unwrap_or_default();
            if page.is_empty() {
                return all;
            }
            max_id = page.last().and_then(|s| s["id"].as_str()).map(String::from);
            all.extend(page);
        }
    }
}
