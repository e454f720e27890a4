//! Walks every API route with every role: a role the route allows is never refused (401/403),
//! and a role it does not allow always gets 403.

mod common;

use common::TestServer;
use domain::Role;
use reqwest::{Client, Method, StatusCode};
use serde_json::{json, Value};
use web::Access;

fn allows(access: Access, role: Role) -> bool {
    match access {
        Access::Public | Access::Viewer => true,
        Access::Admin => role == Role::Admin,
        Access::Author => role.can_author(),
        Access::Approver => role.can_approve(),
        Access::Responder => role.can_respond(),
        Access::Auditor => role == Role::Admin || role.can_approve(),
    }
}

/// A body of the right shape for each writing route, so refusals come from the role check
/// and not from parsing.
fn body_for(method: &Method, path: &str, role: Role, n: usize) -> Option<Value> {
    Some(match (method.as_str(), path) {
        ("POST", "/api/v1/users") => {
            json!({"email": format!("{}-{n}@riverside.example", role.as_str()), "name": "New Person", "role": "viewer"})
        }
        ("PATCH", "/api/v1/users/{id}") => json!({"name": "Renamed Person"}),
        ("PUT", "/api/v1/org/profile") => {
            json!({"name": "Riverside", "disclaimer": "No medical advice online."})
        }
        ("PUT", "/api/v1/org/settings") => {
            json!({"require_two_factor": false, "timezone": "America/Chicago"})
        }
        ("PUT", "/api/v1/handbook") => json!({"text": "Policy text."}),
        ("POST", "/api/v1/handbook/acknowledge") => json!({}),
        ("POST", "/api/v1/me/password") => {
            json!({"current_password": "wrong", "new_password": "whatever long enough"})
        }
        ("POST", "/api/v1/me/two-factor/confirm") => {
            json!({"secret": "JBSWY3DPEHPK3PXP", "code": "000000"})
        }
        ("DELETE", "/api/v1/me/two-factor") => json!({"code": "000000"}),
        ("POST", "/api/v1/tokens") => json!({"name": "matrix"}),
        ("POST", "/api/v1/guard/scan") => json!({"text": "Flu shots on Saturday"}),
        ("POST", "/api/v1/channels") => json!({"kind": "mastodon", "name": format!("Mastodon {n}"),
            "base_url": "http://127.0.0.1:9", "access_token": "t"}),
        ("PATCH", "/api/v1/channels/{id}") => json!({"disabled": false}),
        ("POST", "/api/v1/channels/mastodon/authorize") => {
            json!({"name": "M", "base_url": "http://127.0.0.1:9"})
        }
        ("POST", "/api/v1/channels/mastodon/callback") => json!({"state": "s", "code": "c"}),
        ("POST", "/api/v1/posts") | ("PATCH", "/api/v1/posts/{id}") => {
            json!({"body": "Flu shots on Saturday", "channel_ids": [], "content_type": "psa"})
        }
        ("POST", "/api/v1/posts/{id}/reject") => json!({"reason": "Needs a source"}),
        ("PATCH", "/api/v1/media/{id}") => json!({"alt_text": "A nurse"}),
        ("POST", "/api/v1/alerts") => json!({"title": "", "body": "", "expires_at": "x"}),
        ("PATCH", "/api/v1/alerts/{id}") => json!({"expires_at": "2030-01-01T00:00:00Z"}),
        ("POST", "/api/v1/alerts/{id}/end") => json!({}),
        ("PUT", "/api/v1/segments") => json!({"segments": ["Main Campus"]}),
        ("POST", "/api/v1/inbox/{id}/assign") => json!({"user_id": "nobody"}),
        ("POST", "/api/v1/inbox/{id}/reply") => json!({"body": "Thanks for asking"}),
        ("POST", "/api/v1/commenting-policy") => json!({"body": "1. Be kind.", "rules": [
            {"label": "abusive", "action": "hide", "auto": true, "clause": "1. Be kind"}],
            "first_response_minutes": 60, "removal_minutes": 30}),
        ("POST", "/api/v1/responses") | ("PUT", "/api/v1/responses/{id}") => {
            json!({"topic": "Flu shot myths", "keywords": ["flu shot gives you the flu"],
                   "body": "The flu shot cannot give you the flu.", "sources": ["https://www.cdc.gov/flu/"]})
        }
        ("POST", "/api/v1/inbox/insights/draft") => json!({"topic": "flu_shot"}),
        ("POST", "/api/v1/consents/{id}/revoke") => json!({"reason": "Asked by the patient"}),
        _ => return None,
    })
}

#[tokio::test]
async fn every_route_admits_exactly_the_roles_it_declares() {
    let s = TestServer::sqlite().await;
    let admin = s.setup().await;
    let mut tokens = vec![(Role::Admin, admin.clone())];
    for role in [Role::Approver, Role::Author, Role::Responder, Role::Viewer] {
        tokens.push((
            role,
            s.user(
                &admin,
                &format!("{}@riverside.example", role.as_str()),
                role,
            )
            .await,
        ));
    }
    let c = Client::new();
    let (_, me) = c
        .get(s.url("/api/v1/me"))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .map(|v| ((), v))
        .unwrap();
    let admin_id = me["user"]["id"].as_str().unwrap().to_string();
    // Whose sessions and tokens the others try to end.
    s.user(&admin, "victim@riverside.example", Role::Viewer)
        .await;
    let everyone: Vec<&str> = tokens.iter().map(|(_, t)| t.as_str()).collect();
    s.train(&admin, &everyone[1..]).await;

    let mut checked = 0;
    let mut n = 0;
    for route in web::api_routes() {
        if route.access == Access::Public {
            continue;
        }
        for (role, token) in &tokens {
            n += 1;
            // Someone else's session or token: only administrators may end those.
            let (path, expect_allowed) = match route.path {
                "/api/v1/sessions/{id}" | "/api/v1/tokens/{id}" => {
                    let victim = s
                        .desk
                        .create_token_for("victim@riverside.example", "victim")
                        .await
                        .unwrap()
                        .1;
                    let id = if route.path.contains("tokens") {
                        victim.id
                    } else {
                        let login = c.post(s.url("/api/v1/login"))
                            .json(&json!({"email": "victim@riverside.example", "password": "a long enough password"}))
                            .send().await.unwrap().json::<Value>().await.unwrap();
                        login["session_id"].as_str().unwrap().to_string()
                    };
                    (route.path.replace("{id}", &id), *role == Role::Admin)
                }
                p => (p.replace("{id}", &admin_id), allows(route.access, *role)),
            };
            if route.path == "/api/v1/logout" {
                continue; // ends nothing for tokens; covered by the session tests
            }
            let mut req = c
                .request(route.method.clone(), s.url(&path))
                .bearer_auth(token);
            if let Some(b) = body_for(&route.method, route.path, *role, n) {
                req = req.json(&b);
            }
            let res = req.send().await.unwrap();
            let status = res.status();
            let text = res.text().await.unwrap();
            if expect_allowed {
                assert!(
                    status != StatusCode::UNAUTHORIZED && status != StatusCode::FORBIDDEN,
                    "{:?} was refused {} {}: {status} {text}",
                    role,
                    route.method,
                    path
                );
            } else {
                assert_eq!(
                    status,
                    StatusCode::FORBIDDEN,
                    "{:?} reached {} {}: {text}",
                    role,
                    route.method,
                    path
                );
            }
            checked += 1;
            // Publishing a handbook withdraws everyone's training; restore it.
            if route.path == "/api/v1/handbook"
                && route.method == Method::PUT
                && status.is_success()
            {
                for t in &everyone {
                    c.post(s.url("/api/v1/handbook/acknowledge"))
                        .bearer_auth(t)
                        .send()
                        .await
                        .unwrap();
                }
            }
        }
    }
    assert!(
        checked > 100,
        "only {checked} route × role pairs were checked"
    );
}

#[tokio::test]
async fn untrained_roles_lose_gated_rights_but_keep_reading() {
    let s = TestServer::sqlite().await;
    let admin = s.setup().await;
    let approver = s
        .user(&admin, "approver@riverside.example", Role::Approver)
        .await;
    let c = Client::new();
    // No handbook published yet: the approver can read but not audit.
    assert_eq!(
        c.get(s.url("/api/v1/org/profile"))
            .bearer_auth(&approver)
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let res = c
        .get(s.url("/api/v1/audit"))
        .bearer_auth(&approver)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert!(res.text().await.unwrap().contains("handbook"));
    s.train(&admin, &[&approver]).await;
    assert_eq!(
        c.get(s.url("/api/v1/audit"))
            .bearer_auth(&approver)
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
}

#[tokio::test]
async fn unauthenticated_callers_get_401_on_every_private_route() {
    let s = TestServer::sqlite().await;
    let c = Client::new();
    for route in web::api_routes()
        .into_iter()
        .filter(|r| r.access != Access::Public)
    {
        let path = route.path.replace("{id}", "x");
        let mut req = c.request(route.method.clone(), s.url(&path));
        if let Some(b) = body_for(&route.method, route.path, Role::Viewer, 0) {
            req = req.json(&b);
        }
        let status = req.send().await.unwrap().status();
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{} {path}", route.method);
    }
}
