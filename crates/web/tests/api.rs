//! Black-box tests of the JSON API against a real server on a random port.

mod common;

use common::TestServer;
use domain::Role;
use reqwest::{Client, Method, StatusCode};
use serde_json::{json, Value};

async fn call(
    c: &Client,
    method: Method,
    url: String,
    token: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let mut req = c.request(method, url).bearer_auth(token);
    if let Some(b) = body {
        req = req.json(&b);
    }
    let res = req.send().await.unwrap();
    let status = res.status();
    let text = res.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

#[tokio::test]
async fn setup_link_works_once_and_creates_the_admin() {
    let s = TestServer::sqlite().await;
    let secret = s.desk.begin_setup().await.unwrap().unwrap();
    let c = Client::new();
    let body = json!({"token": secret, "org_name": "Riverside", "name": "Dana", "email": "dana@r.example", "password": "short"});
    let res = c
        .post(s.url("/api/v1/setup"))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let err: Value = res.json().await.unwrap();
    assert_eq!(err["error"]["code"], "validation_failed");
    assert!(err["error"]["fields"]["password"]
        .as_str()
        .unwrap()
        .contains("12"));

    let mut good = body.clone();
    good["password"] = json!("a much longer password");
    assert_eq!(
        c.post(s.url("/api/v1/setup"))
            .json(&good)
            .send()
            .await
            .unwrap()
            .status(),
        201
    );
    // The secret is spent.
    good["email"] = json!("mallory@r.example");
    assert_eq!(
        c.post(s.url("/api/v1/setup"))
            .json(&good)
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
    assert!(s.desk.begin_setup().await.unwrap().is_none());
}

#[tokio::test]
async fn cookie_session_needs_csrf_token_for_unsafe_requests() {
    let s = TestServer::sqlite().await;
    let admin = s.setup().await;
    let c = Client::builder().cookie_store(true).build().unwrap();
    let res = c
        .post(s.url("/api/v1/login"))
        .json(&json!({"email": "admin@riverside.example", "password": "correct horse battery staple"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Secure")
    );
    let csrf = res.json::<Value>().await.unwrap()["csrf_token"]
        .as_str()
        .unwrap()
        .to_string();

    let me: Value = c
        .get(s.url("/api/v1/me"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["user"]["email"], "admin@riverside.example");
    assert_eq!(me["role"], "admin");

    let body = json!({"email": "new@riverside.example", "name": "New", "role": "viewer"});
    let res = c
        .post(s.url("/api/v1/users"))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert_eq!(
        res.json::<Value>().await.unwrap()["error"]["code"],
        "csrf_failed"
    );
    let res = c
        .post(s.url("/api/v1/users"))
        .header("x-csrf-token", "wrong")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let res = c
        .post(s.url("/api/v1/users"))
        .header("x-csrf-token", &csrf)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    // Bearer tokens are not ambient credentials: no CSRF token needed.
    let (status, _) = call(
        &Client::new(),
        Method::GET,
        s.url("/api/v1/users"),
        &admin,
        None,
    )
    .await;
    assert_eq!(status, 200);

    // Signing out ends the session on the server.
    let res = c
        .post(s.url("/api/v1/logout"))
        .header("x-csrf-token", &csrf)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    let res = c
        .get(s.url("/api/v1/me"))
        .header("cookie", cookie.split(';').next().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
}

#[tokio::test]
async fn wrong_passwords_are_throttled_per_account() {
    let s = TestServer::sqlite().await;
    s.setup().await;
    let c = Client::new();
    let bad = json!({"email": "admin@riverside.example", "password": "not the password"});
    for _ in 0..5 {
        let res = c
            .post(s.url("/api/v1/login"))
            .json(&bad)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
    }
    let res = c
        .post(s.url("/api/v1/login"))
        .json(&bad)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 429);
    assert!(res.headers().contains_key("retry-after"));
    // Even the right password waits out the window.
    let good =
        json!({"email": "admin@riverside.example", "password": "correct horse battery staple"});
    assert_eq!(
        c.post(s.url("/api/v1/login"))
            .json(&good)
            .send()
            .await
            .unwrap()
            .status(),
        429
    );
}

#[tokio::test]
async fn training_gate_follows_the_current_handbook_version() {
    let s = TestServer::sqlite().await;
    let admin = s.setup().await;
    let author = s
        .user(&admin, "author@riverside.example", Role::Author)
        .await;
    let c = Client::new();
    let (_, me) = call(&c, Method::GET, s.url("/api/v1/me"), &author, None).await;
    assert_eq!(me["can"]["author"], false);

    s.train(&admin, &[&author]).await;
    let (_, me) = call(&c, Method::GET, s.url("/api/v1/me"), &author, None).await;
    assert_eq!(me["can"]["author"], true);

    // A new version takes the right away until it is acknowledged again.
    let (st, v) = call(
        &c,
        Method::PUT,
        s.url("/api/v1/handbook"),
        &admin,
        Some(json!({"text": "Version two."})),
    )
    .await;
    assert_eq!((st, v["version"].as_i64()), (StatusCode::CREATED, Some(2)));
    let (_, me) = call(&c, Method::GET, s.url("/api/v1/me"), &author, None).await;
    assert_eq!(me["can"]["author"], false);
    let (_, status) = call(
        &c,
        Method::GET,
        s.url("/api/v1/handbook/status"),
        &admin,
        None,
    )
    .await;
    let missing: Vec<&str> = status["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["email"].as_str().unwrap())
        .collect();
    assert_eq!(missing.len(), 2, "{missing:?}");
    // Acknowledging a stale version is refused.
    let (st, _) = call(
        &c,
        Method::POST,
        s.url("/api/v1/handbook/acknowledge"),
        &author,
        Some(json!({"version": 1})),
    )
    .await;
    assert_eq!(st, 409);
    let (st, _) = call(
        &c,
        Method::POST,
        s.url("/api/v1/handbook/acknowledge"),
        &author,
        Some(json!({"version": 2})),
    )
    .await;
    assert_eq!(st, 200);
    let (_, me) = call(&c, Method::GET, s.url("/api/v1/me"), &author, None).await;
    assert_eq!(me["can"]["author"], true);
}

#[tokio::test]
async fn bad_input_gets_clear_errors_and_changes_nothing() {
    let s = TestServer::sqlite().await;
    let admin = s.setup().await;
    let c = Client::new();
    let (_, before) = call(&c, Method::GET, s.url("/api/v1/org/profile"), &admin, None).await;

    let res = c
        .put(s.url("/api/v1/org/profile"))
        .bearer_auth(&admin)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    assert_eq!(
        res.json::<Value>().await.unwrap()["error"]["code"],
        "bad_request"
    );

    let mut profile = before.clone();
    profile["phones"] = json!(["(555) 555-0100", "call us maybe"]);
    profile["disclaimer"] = json!("");
    let (st, err) = call(
        &c,
        Method::PUT,
        s.url("/api/v1/org/profile"),
        &admin,
        Some(profile),
    )
    .await;
    assert_eq!(st, 422);
    assert!(err["error"]["fields"]["phones[1]"].is_string());
    assert!(err["error"]["fields"]["disclaimer"].is_string());
    let (_, after) = call(&c, Method::GET, s.url("/api/v1/org/profile"), &admin, None).await;
    assert_eq!(before, after, "a refused update changes nothing");

    let huge = "x".repeat(web::MAX_BODY_BYTES + 10);
    let res = c
        .put(s.url("/api/v1/handbook"))
        .bearer_auth(&admin)
        .json(&json!({"text": huge}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 413);

    let (st, err) = call(
        &c,
        Method::GET,
        s.url("/api/v1/audit?from=yesterday"),
        &admin,
        None,
    )
    .await;
    assert_eq!(st, 422);
    assert!(err["error"]["message"]
        .as_str()
        .unwrap()
        .contains("yesterday"));

    let (st, err) = call(
        &c,
        Method::POST,
        s.url("/api/v1/users"),
        &admin,
        Some(json!({"email": "x"})),
    )
    .await;
    assert_eq!(st, 422);
    assert_eq!(err["error"]["code"], "invalid_body");
    let (st, _) = call(&c, Method::GET, s.url("/api/v1/nope"), &admin, None).await;
    assert_eq!(st, 404);
}

#[tokio::test]
async fn every_change_is_in_a_verifiable_audit_log() {
    let s = TestServer::sqlite().await;
    let admin = s.setup().await;
    let c = Client::new();
    s.user(&admin, "a@riverside.example", Role::Author).await;
    let (_, profile) = call(&c, Method::GET, s.url("/api/v1/org/profile"), &admin, None).await;
    let mut p = profile.clone();
    p["phones"] = json!(["(555) 555-0100"]);
    assert_eq!(
        call(
            &c,
            Method::PUT,
            s.url("/api/v1/org/profile"),
            &admin,
            Some(p)
        )
        .await
        .0,
        200
    );
    let (_, log) = call(&c, Method::GET, s.url("/api/v1/audit"), &admin, None).await;
    let actions: Vec<&str> = log["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(
        actions.contains(&"profile.update")
            && actions.contains(&"user.create")
            && actions.contains(&"setup.complete"),
        "{actions:?}"
    );
    let (_, filtered) = call(
        &c,
        Method::GET,
        s.url("/api/v1/audit?action=user."),
        &admin,
        None,
    )
    .await;
    assert!(filtered["entries"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["action"].as_str().unwrap().starts_with("user.")));
    let (_, v) = call(&c, Method::GET, s.url("/api/v1/audit/verify"), &admin, None).await;
    assert_eq!(v["intact"], true);
    let res = c
        .get(s.url("/api/v1/audit/export.csv"))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    let csv = res.text().await.unwrap();
    assert!(csv.starts_with("seq,at,actor,action"));
    assert!(csv.contains("profile.update"));
}

#[tokio::test]
async fn guard_scan_endpoint_returns_the_cli_json() {
    let s = TestServer::sqlite().await;
    let admin = s.setup().await;
    let c = Client::new();
    let (st, v) = call(
        &c,
        Method::POST,
        s.url("/api/v1/guard/scan"),
        &admin,
        Some(json!({"id": "d1", "text": "Reach jane.doe@gmail.com about MRN 4471203"})),
    )
    .await;
    assert_eq!(st, 200);
    assert_eq!(v["id"], "d1");
    assert_eq!(v["verdict"], "block");
    let kinds: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.contains(&"email") && kinds.contains(&"mrn"),
        "{kinds:?}"
    );
    let (st, _) = call(
        &c,
        Method::POST,
        s.url("/api/v1/guard/scan"),
        &admin,
        Some(json!({"text": "x".repeat(100_001)})),
    )
    .await;
    assert_eq!(st, 422);
}

#[tokio::test]
async fn openapi_lists_every_route() {
    let s = TestServer::sqlite().await;
    let doc: Value = Client::new()
        .get(s.url("/api/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    for r in web::api_routes() {
        let op = &doc["paths"][r.path][r.method.as_str().to_lowercase()];
        assert!(op["summary"].is_string(), "{} {} missing", r.method, r.path);
    }
}

#[tokio::test]
async fn health_readiness_and_metrics() {
    let s = TestServer::sqlite().await;
    let c = Client::new();
    assert_eq!(c.get(s.url("/healthz")).send().await.unwrap().status(), 200);
    assert_eq!(c.get(s.url("/readyz")).send().await.unwrap().status(), 200);
    let m = c
        .get(s.url("/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(m.contains("carepost_http_requests_total"), "{m}");
    assert!(m.contains("route=\"/readyz\""));
}

#[tokio::test]
async fn organisations_cannot_see_each_other() {
    let s = TestServer::sqlite().await;
    let admin_a = s.setup().await;
    let (_, b_admin) = s
        .desk
        .create_admin(
            "Harbourside",
            "admin@harbour.example",
            "Bea",
            "another long password",
        )
        .await
        .unwrap();
    let admin_b = s
        .desk
        .create_token_for("admin@harbour.example", "t")
        .await
        .unwrap()
        .0;
    let c = Client::new();
    let (st, _) = call(
        &c,
        Method::GET,
        s.url(&format!("/api/v1/users/{}", b_admin.id)),
        &admin_a,
        None,
    )
    .await;
    assert_eq!(st, 404);
    let (st, _) = call(
        &c,
        Method::PATCH,
        s.url(&format!("/api/v1/users/{}", b_admin.id)),
        &admin_a,
        Some(json!({"disabled": true})),
    )
    .await;
    assert_eq!(st, 404);
    let (_, users) = call(&c, Method::GET, s.url("/api/v1/users"), &admin_b, None).await;
    assert_eq!(users["users"].as_array().unwrap().len(), 1);
    let (_, log) = call(&c, Method::GET, s.url("/api/v1/audit"), &admin_b, None).await;
    assert!(log["entries"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["org_id"] == b_admin.org_id));
}

#[tokio::test]
async fn last_admin_cannot_be_demoted_or_disabled() {
    let s = TestServer::sqlite().await;
    let admin = s.setup().await;
    let c = Client::new();
    let (_, me) = call(&c, Method::GET, s.url("/api/v1/me"), &admin, None).await;
    let id = me["user"]["id"].as_str().unwrap();
    let (st, _) = call(
        &c,
        Method::PATCH,
        s.url(&format!("/api/v1/users/{id}")),
        &admin,
        Some(json!({"role": "viewer"})),
    )
    .await;
    assert_eq!(st, 409);
    let (st, _) = call(
        &c,
        Method::PATCH,
        s.url(&format!("/api/v1/users/{id}")),
        &admin,
        Some(json!({"disabled": true})),
    )
    .await;
    assert_eq!(st, 409);
}

#[tokio::test]
async fn two_factor_enrolment_then_sign_in_needs_the_code() {
    use domain::credentials::totp_code;
    let s = TestServer::sqlite().await;
    let admin = s.setup().await;
    let c = Client::new();
    let (_, started) = call(
        &c,
        Method::POST,
        s.url("/api/v1/me/two-factor"),
        &admin,
        None,
    )
    .await;
    let secret = started["secret"].as_str().unwrap().to_string();
    assert!(started["otpauth_url"]
        .as_str()
        .unwrap()
        .starts_with("otpauth://totp/"));
    let now = chrono::Utc::now().timestamp() as u64;
    let (st, _) = call(
        &c,
        Method::POST,
        s.url("/api/v1/me/two-factor/confirm"),
        &admin,
        Some(json!({"secret": secret, "code": "123456x"})),
    )
    .await;
    assert_eq!(st, 422);
    let code = totp_code(&secret, now).unwrap();
    let (st, _) = call(
        &c,
        Method::POST,
        s.url("/api/v1/me/two-factor/confirm"),
        &admin,
        Some(json!({"secret": secret, "code": code})),
    )
    .await;
    assert_eq!(st, 204);

    let creds =
        json!({"email": "admin@riverside.example", "password": "correct horse battery staple"});
    let res = c
        .post(s.url("/api/v1/login"))
        .json(&creds)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    assert_eq!(
        res.json::<Value>().await.unwrap()["error"]["code"],
        "code_required"
    );
    let mut with_code = creds.clone();
    with_code["code"] = json!(totp_code(&secret, chrono::Utc::now().timestamp() as u64).unwrap());
    assert_eq!(
        c.post(s.url("/api/v1/login"))
            .json(&with_code)
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
}

#[tokio::test]
async fn required_two_factor_confines_unenrolled_approvers_to_their_account() {
    let s = TestServer::sqlite().await;
    let admin = s.setup().await;
    let approver = s
        .user(&admin, "approver@riverside.example", Role::Approver)
        .await;
    let author = s
        .user(&admin, "author@riverside.example", Role::Author)
        .await;
    s.train(&admin, &[&approver, &author]).await;
    let c = Client::new();
    // The admin enrols first, or turning the requirement on would lock them out too.
    s.enrol_two_factor(&admin).await;
    let (st, _) = call(
        &c,
        Method::PUT,
        s.url("/api/v1/org/settings"),
        &admin,
        Some(json!({"require_two_factor": true, "timezone": "America/Chicago"})),
    )
    .await;
    assert_eq!(st, 200);

    let (st, err) = call(&c, Method::GET, s.url("/api/v1/audit"), &approver, None).await;
    assert_eq!(st, 403);
    assert!(err["error"]["message"]
        .as_str()
        .unwrap()
        .contains("two-factor"));
    let (_, me) = call(&c, Method::GET, s.url("/api/v1/me"), &approver, None).await;
    assert_eq!(me["second_factor_missing"], true);
    // Authors are not covered by the requirement.
    let (st, _) = call(&c, Method::GET, s.url("/api/v1/org/profile"), &author, None).await;
    assert_eq!(st, 200);
}

#[tokio::test]
async fn a_profile_change_applies_to_the_next_scan() {
    let s = TestServer::sqlite().await;
    let admin = s.setup().await;
    let c = Client::new();
    let draft = json!({"text": "Her number is (555) 867-5309 if you want to send a card."});
    let (_, before) = call(
        &c,
        Method::POST,
        s.url("/api/v1/guard/scan"),
        &admin,
        Some(draft.clone()),
    )
    .await;
    assert_eq!(before["findings"][0]["whose"], "patient", "{before}");
    let (_, mut profile) = call(&c, Method::GET, s.url("/api/v1/org/profile"), &admin, None).await;
    profile["phones"] = json!(["555-867-5309"]);
    assert_eq!(
        call(
            &c,
            Method::PUT,
            s.url("/api/v1/org/profile"),
            &admin,
            Some(profile)
        )
        .await
        .0,
        200
    );
    let (_, after) = call(
        &c,
        Method::POST,
        s.url("/api/v1/guard/scan"),
        &admin,
        Some(draft),
    )
    .await;
    assert_eq!(after["findings"][0]["whose"], "organization", "{after}");
    assert_eq!(after["verdict"], "pass");
}
