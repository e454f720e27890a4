//! Test support shared by this crate's tests and the server's: real or stateful stand-ins
//! for the three networks, each on its own local port.
//!
//! - [`MockMastodon`] runs the PyPI package `mastodon-mock` (an independent, stateful Mastodon
//!   API server, installed by `scripts/mastodon-mock install`) as a child process, one per
//!   test, so each test has its own data and fault rules.
//! - [`Pds`] runs the reference AT Protocol PDS (`@atproto/pds` with an in-memory PLC
//!   directory, installed by `scripts/atproto-pds install`) through the launcher
//!   `scripts/pds/run`, and creates accounts with app passwords on it.
//! - `FakeGraph` (feature `testing`) is a small stateful Graph API for one Facebook Page.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
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
    // A port is free only until the child binds it, a second later; in that gap the kernel
    // may hand the same port to the next test's probe, and two mocks would then share one
    // server (one dies, the other answers for both). Never hand out a port twice.
    static GIVEN: std::sync::Mutex<Vec<u16>> = std::sync::Mutex::new(Vec::new());
    let mut given = GIVEN.lock().unwrap_or_else(|e| e.into_inner());
    loop {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a free port");
        let port = listener.local_addr().unwrap().port();
        if !given.contains(&port) {
            given.push(port);
            return port;
        }
    }
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

// ---------------------------------------------------------------------------------------------
// A real AT Protocol PDS

/// A running PDS (and its PLC directory). [`Pds::shared`] starts one for the whole test
/// process, which is how the tests use it: accounts are cheap, a PDS takes seconds to start.
pub struct Pds {
    /// e.g. `http://localhost:41234`
    pub url: String,
    log: PathBuf,
    dir: PathBuf,
    // The launcher exits when its stdin closes, i.e. when this handle (or the process) goes.
    child: Mutex<Child>,
}

/// An account on a [`Pds`].
#[derive(Debug, Clone)]
pub struct PdsAccount {
    /// `{name}{n}.test`
    pub handle: String,
    pub did: String,
    /// An app password, which is what Carepost is given.
    pub app_password: String,
    /// The account's own full session, for reading and writing records as the Bluesky app
    /// would.
    pub access_jwt: String,
}

static SHARED_PDS: tokio::sync::OnceCell<Pds> = tokio::sync::OnceCell::const_new();
static PDS_INSTANCES: AtomicUsize = AtomicUsize::new(0);
static PDS_ACCOUNTS: AtomicUsize = AtomicUsize::new(0);

fn pds_launcher() -> PathBuf {
    match std::env::var_os("CAREPOST_ATPROTO_PDS") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scripts/pds/run"),
    }
}

/// The last lines of the launcher's log, for failure messages.
fn log_tail(log: &Path) -> String {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(30)..].join("\n")
}

/// A fresh data folder per PDS; folders left by test processes that are gone are removed.
fn pds_data_dir() -> PathBuf {
    let root = std::env::temp_dir();
    if let Ok(entries) = std::fs::read_dir(&root) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().to_string();
            let pid = name
                .strip_prefix("carepost-pds-")
                .and_then(|rest| rest.split('-').next());
            if let Some(pid) = pid {
                if !PathBuf::from(format!("/proc/{pid}")).exists() {
                    let _ = std::fs::remove_dir_all(e.path());
                }
            }
        }
    }
    let n = PDS_INSTANCES.fetch_add(1, Ordering::SeqCst);
    let dir = root.join(format!("carepost-pds-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

impl Drop for Pds {
    fn drop(&mut self) {
        let child = self.child.get_mut().unwrap_or_else(|e| e.into_inner());
        let _ = child.kill();
        let _ = child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

impl Pds {
    /// The PDS of this test process, started on first use.
    pub async fn shared() -> &'static Pds {
        SHARED_PDS.get_or_init(Pds::start).await
    }

    /// A PDS of its own (stopped when dropped), for a test that must not share one.
    pub async fn start() -> Pds {
        let launcher = pds_launcher();
        assert!(
            launcher.exists(),
            "no AT Protocol PDS launcher at {}: run `scripts/atproto-pds install` \
             (or point CAREPOST_ATPROTO_PDS at the launcher)",
            launcher.display()
        );
        let dir = pds_data_dir();
        let log = dir.join("launcher.log");
        let mut child = Command::new(&launcher)
            .env("CAREPOST_PDS_PORT", free_port().to_string())
            .env("CAREPOST_PDS_DATA_DIR", &dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", launcher.display()));
        let stdout = child.stdout.take().unwrap();
        // The launcher prints one JSON line once the PLC directory and the PDS listen. The
        // thread then keeps draining stdout into the log so a chatty PDS never blocks on a
        // full pipe.
        let (tx, ready) = tokio::sync::oneshot::channel();
        let log_path = log.clone();
        std::thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines();
            let _ = tx.send(lines.next().unwrap_or(Ok(String::new())));
            let Ok(mut out) = std::fs::OpenOptions::new().append(true).open(log_path) else {
                return;
            };
            for line in lines.map_while(Result::ok) {
                let _ = writeln!(out, "{line}");
            }
        });
        let line = tokio::time::timeout(Duration::from_secs(60), ready)
            .await
            .unwrap_or_else(|_| panic!("the PDS did not start within 60 s:\n{}", log_tail(&log)))
            .ok()
            .and_then(Result::ok)
            .unwrap_or_default();
        let started: Value = serde_json::from_str(&line).unwrap_or_else(|_| {
            panic!(
                "the PDS launcher {} failed (run `scripts/atproto-pds install`?):\n{}",
                launcher.display(),
                log_tail(&log)
            )
        });
        let url = started["pds"]
            .as_str()
            .unwrap_or_else(|| panic!("the launcher printed no PDS URL: {line}"))
            .to_string();
        let pds = Pds {
            url,
            log,
            dir,
            child: Mutex::new(child),
        };
        let http = reqwest::Client::new();
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let health = http.get(format!("{}/xrpc/_health", pds.url)).send().await;
            if health.is_ok_and(|r| r.status().is_success()) {
                return pds;
            }
            assert!(
                Instant::now() < deadline,
                "no /xrpc/_health:\n{}",
                pds.log_tail()
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// Where the launcher and the PDS write their output.
    pub fn log_path(&self) -> &Path {
        &self.log
    }

    /// The last lines of that log, for failure messages.
    pub fn log_tail(&self) -> String {
        log_tail(&self.log)
    }

    /// A POST to an XRPC procedure, as JSON; panics (with the PDS's error) unless it succeeds.
    pub async fn xrpc_post(&self, nsid: &str, token: Option<&str>, body: Value) -> Value {
        let mut req = reqwest::Client::new()
            .post(format!("{}/xrpc/{nsid}", self.url))
            .json(&body);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        let resp = req.send().await.unwrap();
        let status = resp.status();
        let v: Value = resp.json().await.unwrap();
        assert!(status.is_success(), "{nsid}: {status}: {v}");
        v
    }

    /// Creates an account whose handle starts with `name` (a number keeps handles unique
    /// within the process) and an app password for it.
    pub async fn create_account(&self, name: &str) -> PdsAccount {
        let n = PDS_ACCOUNTS.fetch_add(1, Ordering::SeqCst);
        let handle = format!("{name}{n}.test");
        let created = self
            .xrpc_post(
                "com.atproto.server.createAccount",
                None,
                json!({
                    "handle": handle,
                    "email": format!("{name}{n}@example.org"),
                    "password": "account-password-1",
                }),
            )
            .await;
        let access_jwt = created["accessJwt"].as_str().unwrap().to_string();
        let app = self
            .xrpc_post(
                "com.atproto.server.createAppPassword",
                Some(&access_jwt),
                json!({ "name": "carepost" }),
            )
            .await;
        PdsAccount {
            handle,
            did: created["did"].as_str().unwrap().to_string(),
            app_password: app["password"].as_str().unwrap().to_string(),
            access_jwt,
        }
    }

    /// One record (`{uri, cid, value}`) read with the account's own session; `None` when it
    /// does not exist.
    pub async fn record(
        &self,
        account: &PdsAccount,
        collection: &str,
        rkey: &str,
    ) -> Option<Value> {
        let resp = reqwest::Client::new()
            .get(format!("{}/xrpc/com.atproto.repo.getRecord", self.url))
            .query(&[
                ("repo", account.did.as_str()),
                ("collection", collection),
                ("rkey", rkey),
            ])
            .bearer_auth(&account.access_jwt)
            .send()
            .await
            .unwrap();
        let status = resp.status();
        let v: Value = resp.json().await.unwrap();
        if v["error"] == "RecordNotFound" {
            return None;
        }
        assert!(
            status.is_success(),
            "getRecord: {status}: {v} (log: {})",
            self.log.display()
        );
        Some(v)
    }

    /// Every record of a collection in the account's repository (all pages), as
    /// `com.atproto.repo.listRecords` lists them (`{uri, cid, value}`).
    pub async fn records(&self, account: &PdsAccount, collection: &str) -> Vec<Value> {
        let http = reqwest::Client::new();
        let mut all = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let mut query = vec![
                ("repo", account.did.clone()),
                ("collection", collection.to_string()),
                ("limit", "100".to_string()),
            ];
            if let Some(c) = &cursor {
                query.push(("cursor", c.clone()));
            }
            let resp = http
                .get(format!("{}/xrpc/com.atproto.repo.listRecords", self.url))
                .query(&query)
                .send()
                .await
                .unwrap();
            let status = resp.status();
            let page: Value = resp.json().await.unwrap();
            assert!(status.is_success(), "listRecords: {status}: {page}");
            let records = page["records"].as_array().cloned().unwrap_or_default();
            let done = records.is_empty();
            all.extend(records);
            cursor = page["cursor"].as_str().map(String::from);
            if done || cursor.is_none() {
                return all;
            }
        }
    }
}

/// The record key of an `at://` URI (its last segment).
pub fn rkey_of(uri: &str) -> &str {
    uri.rsplit('/').next().unwrap_or(uri)
}

// ---------------------------------------------------------------------------------------------
// A stateful Graph API for one Facebook Page

#[cfg(feature = "testing")]
pub use graph::{FakeGraph, GraphComment, GraphPost};

#[cfg(feature = "testing")]
mod graph {
    use axum::extract::{Request, State};
    use axum::http::{Method, StatusCode};
    use axum::response::{IntoResponse, Response};
    use axum::Json;
    use chrono::{DateTime, SubsecRound, Utc};
    use serde_json::{json, Map, Value};
    use std::collections::BTreeMap;
    use std::sync::{Arc, Mutex};

    /// A post on the fake page.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct GraphPost {
        /// `{page_id}_{n}`, as Graph writes page post ids.
        pub id: String,
        pub message: String,
        pub created_time: DateTime<Utc>,
        pub is_pinned: bool,
    }

    /// A comment under a page post (a visitor's, or the page's reply).
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct GraphComment {
        pub id: String,
        /// The post or comment it answers.
        pub parent_id: String,
        pub message: String,
        pub is_hidden: bool,
    }

    struct Page {
        id: String,
        name: String,
        token: String,
        /// Oldest first.
        posts: Vec<GraphPost>,
        comments: Vec<GraphComment>,
        next_id: u64,
        /// "METHOD /path" of every request, in order.
        requests: Vec<String>,
    }

    type Shared = Arc<Mutex<Page>>;

    /// A local Graph API server for one Page and its page access token, answering with
    /// the documented payloads: `GET /{v}/{page}` (the page's `id`, `name`, `link`),
    /// `POST /{v}/{page}/feed` (`{"id": post}`), `GET /{v}/{page}/feed` (`{"data": [...]}`,
    /// newest first), `GET /{v}/{post}`, `POST /{v}/{post}` with `is_pinned`
    /// (`{"success": true}`) and `DELETE /{v}/{post}` (`{"success": true}`; error code 100,
    /// subcode 33 once it is gone). A missing or wrong `access_token` gets the OAuth errors
    /// (codes 2500 and 190). Photo uploads are not modelled: they get an "unknown path" error.
    pub struct FakeGraph {
        /// Give this to the connector as `api_base_url`.
        pub base_url: String,
        pub page_id: String,
        pub page_name: String,
        pub token: String,
        state: Shared,
        server: tokio::task::JoinHandle<()>,
    }

    impl Drop for FakeGraph {
        fn drop(&mut self) {
            self.server.abort();
        }
    }

    impl FakeGraph {
        /// Serves the page `page_id` named `page_name`, readable and writable with `token`.
        pub async fn start(page_id: &str, page_name: &str, token: &str) -> FakeGraph {
            let state: Shared = Arc::new(Mutex::new(Page {
                id: page_id.to_string(),
                name: page_name.to_string(),
                token: token.to_string(),
                posts: Vec::new(),
                comments: Vec::new(),
                // Page post ids are long numbers; any unique suffix does.
                next_id: 1_220_000_000_000_001,
                requests: Vec::new(),
            }));
            let app = axum::Router::new()
                .fallback(handle)
                .with_state(state.clone());
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let base_url = format!("http://{}", listener.local_addr().unwrap());
            let server = tokio::spawn(async move {
                axum::serve(listener, app).await.unwrap();
            });
            FakeGraph {
                base_url,
                page_id: page_id.to_string(),
                page_name: page_name.to_string(),
                token: token.to_string(),
                state,
                server,
            }
        }

        /// The page's posts, newest first (as its feed lists them).
        pub fn posts(&self) -> Vec<GraphPost> {
            let page = self.state.lock().unwrap();
            page.posts.iter().rev().cloned().collect()
        }

        /// "METHOD /path" of every request so far, in order (no query, so no token).
        pub fn requests(&self) -> Vec<String> {
            self.state.lock().unwrap().requests.clone()
        }

        /// A visitor's comment under a post, as a webhook would announce it.
        pub fn add_comment(&self, id: &str, parent_id: &str, message: &str) {
            self.state.lock().unwrap().comments.push(GraphComment {
                id: id.into(),
                parent_id: parent_id.into(),
                message: message.into(),
                is_hidden: false,
            });
        }

        /// Every comment still there (deleted ones are gone), oldest first.
        pub fn comments(&self) -> Vec<GraphComment> {
            self.state.lock().unwrap().comments.clone()
        }

        /// The page's public link, as `GET /{page}?fields=link` gives it.
        pub fn page_link(&self) -> String {
            link(&self.page_id)
        }
    }

    fn link(page_id: &str) -> String {
        format!("https://www.facebook.com/{page_id}")
    }

    /// Graph's error envelope.
    fn error(
        status: StatusCode,
        kind: &str,
        code: i64,
        subcode: Option<i64>,
        msg: &str,
    ) -> Response {
        let mut e = json!({
            "message": msg,
            "type": kind,
            "code": code,
            "fbtrace_id": "AFakeGraphTrace",
        });
        if let Some(s) = subcode {
            e["error_subcode"] = json!(s);
        }
        (status, Json(json!({ "error": e }))).into_response()
    }

    fn no_such_object(method: &Method, id: &str) -> Response {
        let verb = method.as_str().to_lowercase();
        let msg = format!(
            "Unsupported {verb} request. Object with ID '{id}' does not exist, cannot be loaded \
             due to missing permissions, or does not support this operation. Please read the \
             Graph API documentation at https://developers.facebook.com/docs/graph-api"
        );
        error(
            StatusCode::BAD_REQUEST,
            "GraphMethodException",
            100,
            Some(33),
            &msg,
        )
    }

    fn unknown_path(rest: &str) -> Response {
        let msg = format!("Unknown path components: /{rest}");
        error(StatusCode::BAD_REQUEST, "OAuthException", 2500, None, &msg)
    }

    fn form_pairs(encoded: &str) -> BTreeMap<String, String> {
        reqwest::Url::parse(&format!("http://graph.invalid/?{encoded}"))
            .map(|u| u.query_pairs().into_owned().collect())
            .unwrap_or_default()
    }

    /// Query parameters and body fields together, as Graph reads them.
    async fn params(req: Request) -> Result<BTreeMap<String, String>, Response> {
        let mut params = form_pairs(req.uri().query().unwrap_or(""));
        let content_type = req
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let bearer = req
            .headers()
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("OAuth "))
            })
            .map(str::to_string);
        let body = axum::body::to_bytes(req.into_body(), 1 << 20)
            .await
            .map_err(|_| unknown_path("(body too large)"))?;
        if content_type.starts_with("application/x-www-form-urlencoded") {
            params.extend(form_pairs(&String::from_utf8_lossy(&body)));
        } else if content_type.starts_with("application/json") {
            let fields: Map<String, Value> = serde_json::from_slice(&body).map_err(|_| {
                error(
                    StatusCode::BAD_REQUEST,
                    "OAuthException",
                    100,
                    None,
                    "Invalid parameter",
                )
            })?;
            for (k, v) in fields {
                let v = v.as_str().map(str::to_string).unwrap_or(v.to_string());
                params.insert(k, v);
            }
        }
        if let Some(token) = bearer {
            params.entry("access_token".into()).or_insert(token);
        }
        Ok(params)
    }

    fn post_json(post: &GraphPost, fields: &str) -> Value {
        let mut v = Map::new();
        for field in fields.split(',').map(str::trim) {
            let value = match field {
                "id" => json!(post.id),
                "message" => json!(post.message),
                // Graph's own format, which is not RFC 3339 ("+0000").
                "created_time" => {
                    json!(post.created_time.format("%Y-%m-%dT%H:%M:%S%z").to_string())
                }
                "is_pinned" => json!(post.is_pinned),
                "permalink_url" => json!(format!("https://www.facebook.com/{}", post.id)),
                _ => continue,
            };
            v.insert(field.to_string(), value);
        }
        Value::Object(v)
    }

    async fn handle(State(state): State<Shared>, req: Request) -> Response {
        let method = req.method().clone();
        let path = req.uri().path().to_string();
        state
            .lock()
            .unwrap()
            .requests
            .push(format!("{method} {path}"));
        let params = match params(req).await {
            Ok(p) => p,
            Err(r) => return r,
        };
        let mut segments = path.trim_start_matches('/').splitn(2, '/');
        let version = segments.next().unwrap_or("");
        let rest = segments
            .next()
            .unwrap_or("")
            .trim_end_matches('/')
            .to_string();
        let versioned = version
            .strip_prefix('v')
            .and_then(|v| v.split_once('.'))
            .is_some_and(|(major, minor)| {
                [major, minor]
                    .iter()
                    .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            });
        if !versioned {
            return unknown_path(path.trim_start_matches('/'));
        }

        let mut page = state.lock().unwrap();
        match params.get("access_token").map(String::as_str) {
            None | Some("") => {
                return error(
                    StatusCode::BAD_REQUEST,
                    "OAuthException",
                    2500,
                    None,
                    "An access token is required to request this resource.",
                )
            }
            Some(t) if t != page.token => {
                return error(
                    StatusCode::BAD_REQUEST,
                    "OAuthException",
                    190,
                    None,
                    "Invalid OAuth access token - Cannot parse access token",
                )
            }
            Some(_) => {}
        }
        let field = |name: &str, default: &str| {
            params
                .get(name)
                .cloned()
                .unwrap_or_else(|| default.to_string())
        };
        let parts: Vec<&str> = rest.split('/').collect();
        match (&method, parts.as_slice()) {
            (&Method::GET, [id]) if *id == page.id => {
                let mut v = Map::new();
                for f in field("fields", "name,id").split(',').map(str::trim) {
                    let value = match f {
                        "id" => json!(page.id),
                        "name" => json!(page.name),
                        "link" => json!(link(&page.id)),
                        _ => continue,
                    };
                    v.insert(f.to_string(), value);
                }
                Json(Value::Object(v)).into_response()
            }
            (&Method::POST, [id, "feed"]) if *id == page.id => {
                let message = field("message", "");
                if message.trim().is_empty() {
                    return error(
                        StatusCode::BAD_REQUEST,
                        "OAuthException",
                        100,
                        None,
                        "(#100) Invalid parameter",
                    );
                }
                let id = format!("{}_{}", page.id, page.next_id);
                page.next_id += 1;
                page.posts.push(GraphPost {
                    id: id.clone(),
                    message,
                    created_time: Utc::now().trunc_subsecs(0),
                    is_pinned: false,
                });
                Json(json!({ "id": id })).into_response()
            }
            (&Method::GET, [id, "feed"]) if *id == page.id => {
                let fields = field("fields", "created_time,message,id");
                let limit = field("limit", "25").parse::<usize>().unwrap_or(25);
                let data: Vec<Value> = page
                    .posts
                    .iter()
                    .rev()
                    .take(limit)
                    .map(|p| post_json(p, &fields))
                    .collect();
                Json(json!({ "data": data })).into_response()
            }
            // Comments: `POST /{object}/comments` answers a post or comment as the page;
            // `POST /{comment}` with `is_hidden` hides it; `DELETE /{comment}` removes it.
            (&Method::POST, [parent, "comments"]) => {
                let known = page.posts.iter().any(|p| p.id == *parent)
                    || page.comments.iter().any(|c| c.id == *parent);
                if !known {
                    return no_such_object(&method, parent);
                }
                let message = field("message", "");
                if message.trim().is_empty() {
                    return error(
                        StatusCode::BAD_REQUEST,
                        "OAuthException",
                        100,
                        None,
                        "(#100) Invalid parameter",
                    );
                }
                let id = format!("{}_{}", page.id, page.next_id);
                page.next_id += 1;
                page.comments.push(GraphComment {
                    id: id.clone(),
                    parent_id: parent.to_string(),
                    message,
                    is_hidden: false,
                });
                Json(json!({ "id": id })).into_response()
            }
            (_, [id]) if page.comments.iter().any(|c| c.id == *id) => {
                let at = page.comments.iter().position(|c| c.id == *id).unwrap();
                match method {
                    Method::GET => {
                        let c = &page.comments[at];
                        Json(json!({"id": c.id, "message": c.message, "is_hidden": c.is_hidden}))
                            .into_response()
                    }
                    Method::DELETE => {
                        page.comments.remove(at);
                        Json(json!({ "success": true })).into_response()
                    }
                    Method::POST => {
                        if let Some(h) = params.get("is_hidden") {
                            page.comments[at].is_hidden = h == "true" || h == "1";
                        }
                        Json(json!({ "success": true })).into_response()
                    }
                    _ => no_such_object(&method, id),
                }
            }
            (_, [id]) if id.contains('_') => {
                let Some(at) = page.posts.iter().position(|p| p.id == *id) else {
                    return no_such_object(&method, id);
                };
                match method {
                    Method::GET => {
                        let fields = field("fields", "created_time,message,id");
                        Json(post_json(&page.posts[at], &fields)).into_response()
                    }
                    Method::DELETE => {
                        page.posts.remove(at);
                        Json(json!({ "success": true })).into_response()
                    }
                    Method::POST => {
                        if let Some(pinned) = params.get("is_pinned") {
                            let pinned = pinned == "true" || pinned == "1";
                            // A page has one pinned post: pinning another unpins it.
                            for p in page.posts.iter_mut() {
                                if pinned {
                                    p.is_pinned = false;
                                }
                            }
                            page.posts[at].is_pinned = pinned;
                        }
                        if let Some(message) = params.get("message") {
                            page.posts[at].message = message.clone();
                        }
                        Json(json!({ "success": true })).into_response()
                    }
                    _ => no_such_object(&method, id),
                }
            }
            _ => unknown_path(&rest),
        }
    }
}
