//! Facility alerts end to end: contacts imported from CSV, an alert pinned on a real
//! Mastodon server and sent by email through a real SMTP server (aiosmtpd, to a Maildir) and
//! by SMS and voice through a local server speaking the Twilio REST API, then unpinned when it
//! expires. Opt-outs (unsubscribe link, STOP) hold for later alerts.

mod common;

use axum::extract::{Path, State};
use axum::routing::post;
use axum::{Form, Json, Router};
use base64::Engine;
use channels::testing::{MockMastodon, Pds, TOKEN};
use common::{Api, TestServer};
use domain::Role;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const TWILIO_SID: &str = "AC0123456789abcdef0123456789abcdef";
const TWILIO_TOKEN: &str = "twilio-test-token";

/// aiosmtpd writing to a Maildir, on a fixed port so it can be restarted.
struct Smtp {
    child: Child,
    port: u16,
    maildir: std::path::PathBuf,
}

fn smtp_launcher() -> String {
    std::env::var("CAREPOST_SMTP_SERVER").unwrap_or_else(|_| {
        format!(
            "{}/../../.cache/aiosmtpd/bin/maildir_server",
            env!("CARGO_MANIFEST_DIR")
        )
    })
}

impl Smtp {
    fn start(maildir: &std::path::Path, port: u16) -> Smtp {
        let launcher = smtp_launcher();
        assert!(
            std::path::Path::new(&launcher).exists(),
            "no SMTP test server at {launcher}: run `scripts/aiosmtpd install` or set CAREPOST_SMTP_SERVER"
        );
        let mut child = Command::new(&launcher)
            .arg(maildir)
            .arg(port.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the SMTP server");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line
            .trim()
            .strip_prefix("ready ")
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("SMTP server said {line:?}"));
        Smtp {
            child,
            port,
            maildir: maildir.to_path_buf(),
        }
    }

    fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Every stored message, raw.
    fn messages(&self) -> Vec<String> {
        let mut out = Vec::new();
        for sub in ["new", "cur"] {
            if let Ok(dir) = std::fs::read_dir(self.maildir.join(sub)) {
                for e in dir.flatten() {
                    out.push(std::fs::read_to_string(e.path()).unwrap_or_default());
                }
            }
        }
        out
    }
}

impl Drop for Smtp {
    fn drop(&mut self) {
        self.stop();
    }
}

/// What the fake Twilio received.
#[derive(Default)]
struct Twilio {
    messages: Vec<HashMap<String, String>>,
    calls: Vec<HashMap<String, String>>,
}

type Shared = Arc<Mutex<Twilio>>;

async fn twilio_messages(
    State(t): State<Shared>,
    Path(sid): Path<String>,
    Form(f): Form<HashMap<String, String>>,
) -> (axum::http::StatusCode, Json<Value>) {
    assert_eq!(sid, TWILIO_SID);
    if f.get("To").is_some_and(|to| to.ends_with("0000")) {
        return (
            axum::http::StatusCode::BAD_REQUEST,
            Json(
                json!({"code": 21211, "message": "The 'To' number is not a valid phone number.", "more_info": "https://www.twilio.com/docs/errors/21211", "status": 400}),
            ),
        );
    }
    let mut t = t.lock().unwrap();
    let n = t.messages.len();
    t.messages.push(f.clone());
    (
        axum::http::StatusCode::CREATED,
        Json(
            json!({"sid": format!("SM{n:032}"), "status": "queued", "to": f["To"], "from": f["From"], "body": f["Body"]}),
        ),
    )
}

async fn twilio_calls(
    State(t): State<Shared>,
    Path(sid): Path<String>,
    Form(f): Form<HashMap<String, String>>,
) -> (axum::http::StatusCode, Json<Value>) {
    assert_eq!(sid, TWILIO_SID);
    let mut t = t.lock().unwrap();
    let n = t.calls.len();
    t.calls.push(f.clone());
    (
        axum::http::StatusCode::CREATED,
        Json(json!({"sid": format!("CA{n:032}"), "status": "queued", "to": f["To"]})),
    )
}

async fn twilio() -> (String, Shared) {
    let shared: Shared = Default::default();
    let app = Router::new()
        .route(
            "/2010-04-01/Accounts/{sid}/Messages.json",
            post(twilio_messages),
        )
        .route("/2010-04-01/Accounts/{sid}/Calls.json", post(twilio_calls))
        .with_state(shared.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (base, shared)
}

/// Twilio's X-Twilio-Signature: base64 HMAC-SHA1 of the URL and the sorted parameters.
fn twilio_signature(url: &str, params: &[(&str, &str)]) -> String {
    use hmac::Mac;
    let mut sorted = params.to_vec();
    sorted.sort();
    let mut data = url.to_string();
    for (k, v) in sorted {
        data.push_str(k);
        data.push_str(v);
    }
    let mut mac =
        <hmac::Hmac<sha1::Sha1> as hmac::Mac>::new_from_slice(TWILIO_TOKEN.as_bytes()).unwrap();
    mac.update(data.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

struct Desk {
    server: TestServer,
    admin: Api,
    approver: Api,
    twilio: Shared,
}

async fn desk(smtp_port: u16) -> Desk {
    let (twilio_base, twilio) = twilio().await;
    let server = TestServer::with_messaging(
        |base| domain::desk::Messaging {
            mailer: Some(Arc::new(
                notify::SmtpMailer::new(
                    &format!("smtp://127.0.0.1:{smtp_port}"),
                    "Riverside Health <alerts@riverside.example>",
                )
                .unwrap()
                .with_timeout(Duration::from_secs(5)),
            )),
            telephony: Some(Arc::new(
                notify::TwilioClient::new(&twilio_base, TWILIO_SID, TWILIO_TOKEN, "+15005550006")
                    .with_timeout(Duration::from_secs(5)),
            )),
            public_url: base.to_string(),
            phone_per_second: 200,
            email_concurrency: 8,
        },
        TWILIO_TOKEN,
    )
    .await;
    let admin = server.setup().await;
    let approver = server
        .user(&admin, "compliance@riverside.example", Role::Approver)
        .await;
    server.train(&admin, &[&approver]).await;
    let admin_api = server.api(&admin);
    let (status, body) = admin_api
        .call(
            reqwest::Method::PUT,
            "/api/v1/segments",
            Some(json!({"segments": ["Main Campus", "East Wing"]})),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    Desk {
        approver: server.api(&approver),
        admin: admin_api,
        twilio,
        server,
    }
}

async fn import(api: &Api, csv: String) -> Value {
    let res = api
        .http
        .post(format!("{}/api/v1/contacts/import", api.base))
        .bearer_auth(&api.token)
        .header("content-type", "text/csv")
        .body(csv)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    res.json().await.unwrap()
}

const HEADER: &str = "name,email,phone,language,segments,email_opt_in,sms_opt_in,voice_opt_in\n";

async fn wait_alert(api: &Api, id: &str, done: impl Fn(&Value) -> bool) -> Value {
    // Generous: CI machines run a PDS, a Mastodon server and the compiler on 2 cores.
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let (_, a) = api.get(&format!("/api/v1/alerts/{id}")).await;
        if done(&a) {
            return a;
        }
        assert!(Instant::now() < deadline, "timed out; last seen: {a:#}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn count(a: &Value, medium: &str, state: &str) -> i64 {
    a["deliveries"][medium][state].as_i64().unwrap_or(0)
}

#[tokio::test]
async fn ten_thousand_contacts_import_with_each_bad_row_reported() {
    let dir = tempfile::tempdir().unwrap();
    let smtp = Smtp::start(dir.path(), 0);
    let d = desk(smtp.port).await;
    let mut csv = String::from(HEADER);
    let mut bad = 0;
    for i in 0..10_000 {
        if i % 33 == 7 {
            bad += 1;
            csv.push_str(&format!(
                "Bad {i},not-an-email-{i},,en,Main Campus,yes,no,no\n"
            ));
        } else {
            csv.push_str(&format!(
                "Person {i},p{i}@example.org,+1415{i:07},en,Main Campus,yes,no,no\n"
            ));
        }
    }
    let report = import(&d.approver, csv).await;
    assert_eq!(report["imported"], 10_000 - bad);
    let rejected = report["rejected"].as_array().unwrap();
    assert_eq!(rejected.len(), bad as usize);
    assert_eq!(rejected[0]["line"], 9, "line numbers count the header");
    assert!(rejected[0]["reason"]
        .as_str()
        .unwrap()
        .contains("invalid email"));
    let (_, list) = d.approver.get("/api/v1/contacts?limit=1").await;
    assert_eq!(list["total"], 10_000 - bad);
    // The same file again updates rather than duplicates.
    let again = import(
        &d.approver,
        format!("{HEADER}Person 1,p1@example.org,,es,East Wing,yes,no,no\n"),
    )
    .await;
    assert_eq!(
        (again["imported"].as_i64(), again["updated"].as_i64()),
        (Some(0), Some(1))
    );
    drop(smtp);
}

#[tokio::test]
async fn an_alert_is_pinned_reaches_opted_in_contacts_once_and_unpins_when_it_expires() {
    let dir = tempfile::tempdir().unwrap();
    let smtp = Smtp::start(dir.path(), 0);
    let d = desk(smtp.port).await;
    let mock = MockMastodon::start().await;
    let (_, channel) = d
        .admin
        .post(
            "/api/v1/channels",
            json!({"kind": "mastodon", "name": "Mastodon", "base_url": mock.base_url, "access_token": TOKEN}),
        )
        .await;
    let channel = channel["id"].as_str().unwrap().to_string();
    let pds = Pds::shared().await;
    let account = pds.create_account("alerts").await;
    let (status, bluesky) = d
        .admin
        .post(
            "/api/v1/channels",
            json!({"kind": "bluesky", "name": "Bluesky", "service_url": pds.url,
                   "identifier": account.handle, "app_password": account.app_password}),
        )
        .await;
    assert_eq!(status, 201, "{bluesky}");
    let bluesky = bluesky["id"].as_str().unwrap().to_string();
    let pinned_post = |profile: Option<Value>| {
        profile.and_then(|p| p["value"]["pinnedPost"]["uri"].as_str().map(String::from))
    };
    let mut csv = String::from(HEADER);
    for i in 0..12 {
        csv.push_str(&format!(
            "East {i},east{i}@example.org,+1415555{i:04},{},East Wing,yes,{},{}\n",
            if i % 2 == 0 { "en" } else { "es" },
            if i < 8 { "yes" } else { "no" },
            if i < 3 { "yes" } else { "no" },
        ));
    }
    csv.push_str("Main 1,main1@example.org,+14155559999,en,Main Campus,yes,yes,yes\n");
    csv.push_str("Opted Out,out@example.org,,en,East Wing,no,no,no\n");
    let report = import(&d.approver, csv).await;
    assert_eq!(report["imported"], 14);

    let expires = chrono::Utc::now() + chrono::Duration::seconds(10);
    let (status, alert) = d
        .approver
        .post(
            "/api/v1/alerts",
            json!({"title": "East Wing garage closed", "body": "The East Wing garage is closed today. Please park in the Main Campus garage on Elm Street.",
                   "channel_ids": [channel, bluesky], "segments": ["East Wing"],
                   "notify": {"email": true, "sms": true, "voice": true},
                   "expires_at": expires.to_rfc3339(), "all_clear": "The East Wing garage is open again."}),
        )
        .await;
    assert_eq!(status, 201, "{alert}");
    let id = alert["id"].as_str().unwrap().to_string();
    let sent = wait_alert(&d.approver, &id, |a| {
        count(a, "email", "sent") == 12
            && count(a, "sms", "sent") == 7
            && count(a, "sms", "failed") == 1
            && count(a, "voice", "sent") == 3
            && a["pins"]
                .as_array()
                .is_some_and(|p| p.iter().all(|p| p["pin_state"] == "pinned"))
    })
    .await;
    // Bluesky: the profile's pinnedPost is the alert's post.
    let posts = pds.records(&account, "app.bsky.feed.post").await;
    assert_eq!(posts.len(), 1);
    assert_eq!(
        pinned_post(pds.record(&account, "app.bsky.actor.profile", "self").await).as_deref(),
        posts[0]["uri"].as_str()
    );
    assert_eq!(sent["state"], "active");
    // The number the provider refuses is reported with the provider's reason, not retried.
    let failure = &sent["failures"][0];
    assert_eq!(
        (failure["medium"].as_str(), failure["state"].as_str()),
        (Some("sms"), Some("failed"))
    );
    assert!(failure["reason"].as_str().unwrap().contains("21211"));

    // Mastodon: one status, pinned.
    let statuses = mock.statuses().await;
    assert_eq!(statuses.len(), 1);
    let status_id = statuses[0]["id"].as_str().unwrap();
    let shown = mock.get(&format!("/api/v1/statuses/{status_id}")).await;
    assert_eq!(shown["pinned"], true, "{shown}");

    // Email: exactly one per opted-in East Wing contact, with the one-click unsubscribe.
    let mails = smtp.messages();
    assert_eq!(mails.len(), 12);
    let mut to: Vec<String> = mails
        .iter()
        .map(|m| {
            m.lines()
                .find(|l| l.starts_with("Delivered-To:"))
                .unwrap()
                .to_string()
        })
        .collect();
    to.sort();
    to.dedup();
    assert_eq!(to.len(), 12, "nobody twice");
    let first = &mails[0];
    assert!(first.contains("Subject: East Wing garage closed"));
    assert!(first.contains("List-Unsubscribe: <"));
    assert!(first.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));
    assert!(!mails
        .iter()
        .any(|m| m.contains("main1@example.org") || m.contains("out@example.org")));

    // SMS and voice through the Twilio API.
    {
        let t = d.twilio.lock().unwrap();
        assert_eq!(t.messages.len(), 7);
        assert!(t.messages[0]["Body"].contains("Reply STOP"));
        assert_eq!(t.messages[0]["From"], "+15005550006");
        assert_eq!(t.calls.len(), 3);
        assert!(t.calls[0]["Twiml"].contains("<Say"), "{:?}", t.calls[0]);
    }

    // A signed delivery callback counts; an unsigned one is refused.
    let url = format!("{}/webhooks/twilio/status", d.server.base);
    let params = [
        ("MessageSid", "SM00000000000000000000000000000000"),
        ("MessageStatus", "delivered"),
    ];
    let c = reqwest::Client::new();
    let res = c.post(&url).form(&params).send().await.unwrap();
    assert_eq!(res.status(), 401);
    let res = c
        .post(&url)
        .header("X-Twilio-Signature", twilio_signature(&url, &params))
        .form(&params)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    let a = wait_alert(&d.approver, &id, |a| count(a, "sms", "delivered") == 1).await;
    assert_eq!(count(&a, "sms", "sent"), 6);

    // The unsubscribe link (RFC 8058 one-click POST) and a STOP reply opt out at once.
    let link = first
        .split_whitespace()
        .find_map(|w| {
            w.strip_prefix('<')
                .and_then(|w| w.strip_suffix('>'))
                .filter(|w| w.contains("/u/"))
        })
        .unwrap()
        .to_string();
    let res = c.post(&link).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let inbound = format!("{}/webhooks/twilio/inbound", d.server.base);
    let stop = [("From", "+14155550000"), ("Body", "STOP")];
    let res = c
        .post(&inbound)
        .header("X-Twilio-Signature", twilio_signature(&inbound, &stop))
        .form(&stop)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let (_, contacts) = d
        .approver
        .get("/api/v1/contacts?segment=East%20Wing&limit=100")
        .await;
    let opted: Vec<&Value> = contacts["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["email_opt_in"] == false || c["sms_opt_in"] == false)
        .collect();
    assert!(opted.iter().any(|c| c["phone"] == "+14155550000"
        && c["sms_opt_in"] == false
        && c["voice_opt_in"] == false));
    assert_eq!(
        contacts["contacts"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["email_opt_in"] == false)
            .count(),
        2,
        "the opted-out contact and the one who unsubscribed"
    );

    // The dashboard shows the alert while it is in force.
    let (_, active) = d.approver.get("/api/v1/alerts?state=active").await;
    assert_eq!(active["alerts"].as_array().unwrap().len(), 1);
    // Expiry: unpinned, the all-clear posted unpinned, the alert ended.
    let ended = wait_alert(&d.approver, &id, |a| {
        a["state"] == "ended" && a["pins"][0]["pin_state"] == "unpinned"
    })
    .await;
    assert!(ended["ended_at"].is_string());
    let shown = mock.get(&format!("/api/v1/statuses/{status_id}")).await;
    assert_eq!(shown["pinned"], false);
    let deadline = Instant::now() + Duration::from_secs(20);
    while mock.statuses().await.len() < 2 {
        assert!(Instant::now() < deadline, "no all-clear post");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(mock.statuses().await[0]["content"]
        .as_str()
        .unwrap()
        .contains("open again"));
    let (_, active) = d.approver.get("/api/v1/alerts?state=active").await;
    assert!(active["alerts"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn an_smtp_server_stopped_mid_send_and_restarted_sends_nobody_twice() {
    let dir = tempfile::tempdir().unwrap();
    let mut smtp = Smtp::start(dir.path(), 0);
    let port = smtp.port;
    let d = desk(port).await;
    let mut csv = String::from(HEADER);
    for i in 0..300 {
        csv.push_str(&format!(
            "P {i},p{i}@example.org,,en,Main Campus,yes,no,no\n"
        ));
    }
    import(&d.approver, csv).await;
    let (status, alert) = d
        .approver
        .post(
            "/api/v1/alerts",
            json!({"title": "Pharmacy closed", "body": "The outpatient pharmacy is closed this afternoon.",
                   "segments": ["Main Campus"], "notify": {"email": true},
                   "expires_at": (chrono::Utc::now() + chrono::Duration::hours(1)).to_rfc3339()}),
        )
        .await;
    assert_eq!(status, 201, "{alert}");
    let id = alert["id"].as_str().unwrap().to_string();
    let deadline = Instant::now() + Duration::from_secs(30);
    while smtp.messages().len() < 40 {
        assert!(Instant::now() < deadline, "sending did not start");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    smtp.stop();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let smtp = Smtp::start(dir.path(), port);
    let done = wait_alert(&d.approver, &id, |a| {
        count(a, "email", "queued") == 0 && count(a, "email", "sending") == 0
    })
    .await;
    let mails = smtp.messages();
    let mut to: Vec<&str> = mails
        .iter()
        .map(|m| m.lines().find(|l| l.starts_with("Delivered-To:")).unwrap())
        .collect();
    to.sort();
    let total = to.len();
    to.dedup();
    assert_eq!(to.len(), total, "nobody received it twice");
    let sent = count(&done, "email", "sent");
    let unknown = count(&done, "email", "unknown");
    assert_eq!(sent as usize, total, "every sent message arrived: {done:#}");
    // Only a message on the wire at the moment the server died can be in doubt; it is
    // reported, never resent.
    assert!(unknown <= 8, "{done:#}");
    assert_eq!(sent + unknown, 300, "{done:#}");
    assert_eq!(done["failures"].as_array().unwrap().len() as i64, unknown);
}

#[tokio::test]
async fn a_follow_up_is_pinned_in_place_of_the_first_post() {
    let dir = tempfile::tempdir().unwrap();
    let smtp = Smtp::start(dir.path(), 0);
    let d = desk(smtp.port).await;
    let mock = MockMastodon::start().await;
    let (_, channel) = d
        .admin
        .post(
            "/api/v1/channels",
            json!({"kind": "mastodon", "name": "Mastodon", "base_url": mock.base_url, "access_token": TOKEN}),
        )
        .await;
    let (status, alert) = d
        .approver
        .post(
            "/api/v1/alerts",
            json!({"title": "Cardiology has moved", "body": "Cardiology is now on the 3rd floor of the East wing.",
                   "channel_ids": [channel["id"]],
                   "expires_at": (chrono::Utc::now() + chrono::Duration::hours(2)).to_rfc3339()}),
        )
        .await;
    assert_eq!(status, 201, "{alert}");
    let id = alert["id"].as_str().unwrap().to_string();
    wait_alert(&d.approver, &id, |a| a["pins"][0]["pin_state"] == "pinned").await;
    let first = a_status(&mock, 0).await;

    let (status, body) = d
        .approver
        .patch(
            &format!("/api/v1/alerts/{id}"),
            json!({"follow_up": "Use the East entrance lifts; the west lifts are closed."}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_ne!(body["post_id"], alert["post_id"]);
    wait_alert(&d.approver, &id, |a| a["pins"][0]["pin_state"] == "pinned").await;
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let old = mock.get(&format!("/api/v1/statuses/{first}")).await;
        if old["pinned"] == false {
            break;
        }
        assert!(Instant::now() < deadline, "the first post stayed pinned");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let newest = mock.statuses().await;
    assert_eq!(newest.len(), 2);
    assert!(newest[0]["content"]
        .as_str()
        .unwrap()
        .contains("Update: Use the East entrance"));
    let shown = mock
        .get(&format!(
            "/api/v1/statuses/{}",
            newest[0]["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(shown["pinned"], true);
    // Nothing to post it on, or an ended alert: refused.
    let (status, _) = d
        .approver
        .patch(&format!("/api/v1/alerts/{id}"), json!({}))
        .await;
    assert_eq!(status, 422);
    d.approver
        .post(&format!("/api/v1/alerts/{id}/end"), json!({}))
        .await;
    let (status, _) = d
        .approver
        .patch(
            &format!("/api/v1/alerts/{id}"),
            json!({"follow_up": "More news"}),
        )
        .await;
    assert_eq!(status, 409);
}

async fn a_status(mock: &MockMastodon, n: usize) -> String {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let all = mock.statuses().await;
        if let Some(s) = all.get(n) {
            return s["id"].as_str().unwrap().to_string();
        }
        assert!(Instant::now() < deadline, "no status {n}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
