//! A real Carepost server on a random port, for black-box tests.
#![allow(dead_code)]

use domain::{Desk, Role};
use std::sync::Arc;

pub struct TestServer {
    pub base: String,
    pub desk: Arc<Desk>,
    _dir: Option<store::testing::TempDir>,
    /// Where this server's media and consent documents are kept.
    pub files_dir: tempfile::TempDir,
    _shutdown: tokio::sync::oneshot::Sender<()>,
}

impl TestServer {
    pub async fn sqlite() -> TestServer {
        let (url, dir) = store::testing::fresh_sqlite_url();
        TestServer::on(&url, Some(dir)).await
    }

    pub async fn on(url: &str, dir: Option<store::testing::TempDir>) -> TestServer {
        TestServer::start(url, dir, None).await
    }

    /// A server on SQLite whose alerts go out through `messaging` (given the server's
    /// address, for links), verifying Twilio webhooks with `twilio_token`.
    pub async fn with_messaging(
        messaging: impl FnOnce(&str) -> domain::desk::Messaging,
        twilio_token: &str,
    ) -> TestServer {
        let (url, dir) = store::testing::fresh_sqlite_url();
        TestServer::start(
            &url,
            Some(dir),
            Some((Box::new(messaging), twilio_token.to_string())),
        )
        .await
    }

    #[allow(clippy::type_complexity)]
    async fn start(
        url: &str,
        dir: Option<store::testing::TempDir>,
        messaging: Option<(
            Box<dyn FnOnce(&str) -> domain::desk::Messaging + '_>,
            String,
        )>,
    ) -> TestServer {
        // One fixed key: instances of the same test share sealed secrets, like a real cluster.
        let secrets = domain::secret_box::SecretBox::from_key(&[7; 32]);
        let files_dir = tempfile::tempdir().expect("files directory");
        let files = files::open(files_dir.path().to_str().unwrap(), None)
            .await
            .expect("open the file store");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let mut desk =
            Desk::new(store::connect(url).await.expect("open store"), secrets).with_files(files);
        let mut config = web::WebConfig {
            public_url: base.clone(),
            ..Default::default()
        };
        if let Some((make, token)) = messaging {
            desk = desk.with_messaging(make(&base));
            config.twilio_auth_token = Some(token);
        }
        let desk = Arc::new(desk);
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let state = web::AppState::new(desk.clone(), config);
        let (stop_tx, mut stop_rx) = tokio::sync::watch::channel(false);
        tokio::spawn(web::serve(listener, state, async move {
            let _ = rx.await;
            let _ = stop_tx.send(true);
        }));
        tokio::spawn(web::worker::run(desk.clone(), fast_worker(), async move {
            let _ = stop_rx.changed().await;
        }));
        TestServer {
            base,
            desk,
            _dir: dir,
            files_dir,
            _shutdown: tx,
        }
    }

    /// An API client acting with `token`.
    pub fn api(&self, token: &str) -> Api {
        Api {
            base: self.base.clone(),
            token: token.to_string(),
            http: reqwest::Client::new(),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// Creates the organisation and its admin through the one-time setup secret; returns
    /// an API token for the admin.
    pub async fn setup(&self) -> String {
        let secret = self
            .desk
            .begin_setup()
            .await
            .unwrap()
            .expect("fresh install");
        let res = reqwest::Client::new()
            .post(self.url("/api/v1/setup"))
            .json(&serde_json::json!({
                "token": secret, "org_name": "Riverside Community Health",
                "name": "Dana Whitfield", "email": "admin@riverside.example",
                "password": "correct horse battery staple",
            }))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
        let (token, _) = self
            .desk
            .create_token_for("admin@riverside.example", "tests")
            .await
            .unwrap();
        token
    }

    /// A user with `role` and a password, returning an API token for them.
    pub async fn user(&self, admin_token: &str, email: &str, role: Role) -> String {
        let res = reqwest::Client::new()
            .post(self.url("/api/v1/users"))
            .bearer_auth(admin_token)
            .json(&serde_json::json!({"email": email, "name": "Test Person", "role": role.as_str(), "password": "a long enough password"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
        self.desk.create_token_for(email, "tests").await.unwrap().0
    }

    /// Publishes a handbook (as the admin) and has every given token's user acknowledge it.
    pub async fn train(&self, admin_token: &str, tokens: &[&str]) {
        let c = reqwest::Client::new();
        let res = c
            .put(self.url("/api/v1/handbook"))
            .bearer_auth(admin_token)
            .json(&serde_json::json!({"text": "Never share patient information."}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201);
        for t in tokens.iter().chain([&admin_token]) {
            let res = c
                .post(self.url("/api/v1/handbook/acknowledge"))
                .bearer_auth(t)
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
        }
    }

    /// Switches two-factor sign-in on for the token's user; returns the TOTP secret.
    pub async fn enrol_two_factor(&self, token: &str) -> String {
        let c = reqwest::Client::new();
        let started: serde_json::Value = c
            .post(self.url("/api/v1/me/two-factor"))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let secret = started["secret"].as_str().unwrap().to_string();
        let code =
            domain::credentials::totp_code(&secret, chrono::Utc::now().timestamp() as u64).unwrap();
        let res = c
            .post(self.url("/api/v1/me/two-factor/confirm"))
            .bearer_auth(token)
            .json(&serde_json::json!({"secret": secret, "code": code}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 204);
        secret
    }
}

/// Retries quickly so the retry and dead-letter paths run in test time.
pub fn fast_worker() -> domain::desk::WorkerSettings {
    domain::desk::WorkerSettings {
        lease: std::time::Duration::from_secs(3),
        backoff: domain::publishing::Backoff {
            base: std::time::Duration::from_millis(100),
            max: std::time::Duration::from_secs(2),
            max_attempts: 3,
        },
        inbox_poll: std::time::Duration::from_millis(300),
        ..Default::default()
    }
}

/// A JSON API client for one token: `(status, body)` from every call.
pub struct Api {
    pub base: String,
    pub token: String,
    pub http: reqwest::Client,
}

impl Api {
    pub async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<serde_json::Value>,
    ) -> (u16, serde_json::Value) {
        let mut req = self
            .http
            .request(method, format!("{}{}", self.base, path))
            .bearer_auth(&self.token);
        if let Some(b) = body {
            req = req.json(&b);
        }
        let res = req.send().await.expect("request");
        let status = res.status().as_u16();
        let text = res.text().await.unwrap_or_default();
        (
            status,
            serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)),
        )
    }
    pub async fn get(&self, path: &str) -> (u16, serde_json::Value) {
        self.call(reqwest::Method::GET, path, None).await
    }
    pub async fn post(&self, path: &str, body: serde_json::Value) -> (u16, serde_json::Value) {
        self.call(reqwest::Method::POST, path, Some(body)).await
    }
    pub async fn patch(&self, path: &str, body: serde_json::Value) -> (u16, serde_json::Value) {
        self.call(reqwest::Method::PATCH, path, Some(body)).await
    }
}

/// A server with a trained team: an administrator, an author, an approver (compliance) and
/// a viewer (board).
pub struct Team {
    pub server: TestServer,
    pub admin: Api,
    pub author: Api,
    pub approver: Api,
    pub viewer: Api,
}

pub async fn team() -> Team {
    let server = TestServer::sqlite().await;
    let admin = server.setup().await;
    let author = server
        .user(&admin, "sofia@riverside.example", Role::Author)
        .await;
    let approver = server
        .user(&admin, "compliance@riverside.example", Role::Approver)
        .await;
    let viewer = server
        .user(&admin, "board@riverside.example", Role::Viewer)
        .await;
    server.train(&admin, &[&author, &approver]).await;
    Team {
        admin: server.api(&admin),
        author: server.api(&author),
        approver: server.api(&approver),
        viewer: server.api(&viewer),
        server,
    }
}

/// Connects the mock Mastodon server's account as a channel; the answer never carries its
/// token.
pub async fn mastodon_channel(admin: &Api, mock: &channels::testing::MockMastodon) -> String {
    let token = channels::testing::TOKEN;
    let (status, body) = admin
        .post(
            "/api/v1/channels",
            serde_json::json!({"kind": "mastodon", "name": "Mastodon", "base_url": mock.base_url, "access_token": token}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    assert!(body.get("sealed_config").is_none() && !body.to_string().contains(token));
    body["id"].as_str().unwrap().to_string()
}

/// Polls a post until `done` holds, failing after `timeout`.
pub async fn wait_for_post(
    api: &Api,
    id: &str,
    timeout: std::time::Duration,
    done: impl Fn(&serde_json::Value) -> bool,
) -> serde_json::Value {
    let deadline = std::time::Instant::now() + timeout;
    loop {
        let (_, post) = api.get(&format!("/api/v1/posts/{id}")).await;
        if done(&post) {
            return post;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "timed out; last seen: {post:#}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// `X-Hub-Signature-256` for a Facebook webhook body under the app secret.
pub fn facebook_signature(body: &[u8], secret: &str) -> String {
    use hmac::Mac;
    let mut mac = <hmac::Hmac<sha2::Sha256> as Mac>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

/// Delivers a Facebook webhook; `(status, body)`.
pub async fn facebook_webhook(
    s: &TestServer,
    body: &[u8],
    signature: Option<String>,
) -> (u16, String) {
    let mut req = reqwest::Client::new()
        .post(s.url("/webhooks/facebook"))
        .header("content-type", "application/json")
        .body(body.to_vec());
    if let Some(sig) = signature {
        req = req.header("X-Hub-Signature-256", sig);
    }
    let res = req.send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}
