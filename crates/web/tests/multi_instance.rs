//! Several `carepost serve` instances on one PostgreSQL database behave as one desk.

mod common;

use common::TestServer;
use domain::Role;
use reqwest::Client;
use serde_json::{json, Value};

#[tokio::test]
async fn instances_share_sessions_tokens_and_one_audit_chain() {
    let url = store::testing::fresh_postgres_url().await;
    let a = TestServer::on(&url, None).await;
    let b = TestServer::on(&url, None).await;
    let admin = a.setup().await;

    // A session made on one instance works on the other.
    let c = Client::builder().cookie_store(true).build().unwrap();
    let login: Value = c
        .post(a.url("/api/v1/login"))
        .json(&json!({"email": "admin@riverside.example", "password": "correct horse battery staple"}))
        .send().await.unwrap().json().await.unwrap();
    let csrf = login["csrf_token"].as_str().unwrap();
    let me: Value = c
        .get(b.url("/api/v1/me"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["user"]["email"], "admin@riverside.example");

    // Writes through both instances at once keep a single, unbroken audit chain.
    let mut tasks = Vec::new();
    for i in 0..20 {
        let server = if i % 2 == 0 {
            a.url("/api/v1/users")
        } else {
            b.url("/api/v1/users")
        };
        let admin = admin.clone();
        tasks.push(tokio::spawn(async move {
            Client::new()
                .post(server)
                .bearer_auth(admin)
                .json(&json!({"email": format!("p{i}@riverside.example"), "name": "Person", "role": "viewer"}))
                .send().await.unwrap().status()
        }));
    }
    for t in tasks {
        assert_eq!(t.await.unwrap(), 201);
    }
    let v: Value = Client::new()
        .get(b.url("/api/v1/audit/verify"))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(v["intact"], true, "{v}");

    // Revoking on one instance ends the session everywhere at once.
    let sid = login["session_id"].as_str().unwrap();
    let res = c
        .delete(b.url(&format!("/api/v1/sessions/{sid}")))
        .header("x-csrf-token", csrf)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    assert_eq!(
        c.get(a.url("/api/v1/me")).send().await.unwrap().status(),
        401
    );

    // The handbook gate is shared too.
    let author = a
        .user(&admin, "author@riverside.example", Role::Author)
        .await;
    b.train(&admin, &[&author]).await;
    let me: Value = Client::new()
        .get(a.url("/api/v1/me"))
        .bearer_auth(&author)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["can"]["author"], true);
}
