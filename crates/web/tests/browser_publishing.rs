//! Publishing in a real browser: compose with live counters and the privacy check, review,
//! delivery to a real Mastodon API server (`mastodon-mock`), the calendar, and channels.
//! Needs `chromium` and `chromium-driver`, and `scripts/mastodon-mock install` (or
//! CAREPOST_MASTODON_MOCK pointing at the executable).

mod common;
#[path = "common/browser.rs"]
mod harness;

use channels::testing::{MockMastodon, TOKEN};
use common::TestServer;
use domain::Role;
use fantoccini::Locator;
use harness::{fits_a_phone, maybe_shoot, Session, T};
use serde_json::json;
use std::time::{Duration, Instant};

const ADMIN_EMAIL: &str = "admin@riverside.example";
const ADMIN_PASSWORD: &str = "correct horse battery staple";
const AUTHOR_EMAIL: &str = "sofia@riverside.example";
const APPROVER_EMAIL: &str = "compliance@riverside.example";
/// What `TestServer::user` gives everyone it creates.
const MEMBER_PASSWORD: &str = "a long enough password";
/// The organisation's own switchboard: the guard reports it but lets it pass.
const SWITCHBOARD: &str = "(555) 867-5309";

/// API tokens of a trained team.
struct Tokens {
    admin: String,
    author: String,
    approver: String,
}

/// A trained team (admin, author, approver) with the switchboard number in the profile.
async fn team(server: &TestServer) -> Tokens {
    let admin = server.setup().await;
    let author = server.user(&admin, AUTHOR_EMAIL, Role::Author).await;
    let approver = server.user(&admin, APPROVER_EMAIL, Role::Approver).await;
    server.train(&admin, &[&author, &approver]).await;
    let api = server.api(&admin);
    let (_, mut profile) = api.get("/api/v1/org/profile").await;
    profile["phones"] = json!(["555-867-5309"]);
    let (status, body) = api
        .call(reqwest::Method::PUT, "/api/v1/org/profile", Some(profile))
        .await;
    assert_eq!(status, 200, "{body}");
    Tokens {
        admin,
        author,
        approver,
    }
}

async fn mastodon_channel(server: &TestServer, admin: &str, mock: &MockMastodon) -> String {
    let (status, body) = server
        .api(admin)
        .post(
            "/api/v1/channels",
            json!({"kind": "mastodon", "name": "Riverside on Mastodon", "base_url": mock.base_url, "access_token": TOKEN}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    body["id"].as_str().unwrap().to_string()
}

/// Sets a field's value from script and fires `input`, as typing a long text would.
async fn set_value(t: &T, css: &str, value: &str) {
    t.wait_for(css).await;
    t.c.execute(
        "const e = document.querySelector(arguments[0]); e.value = arguments[1]; \
         e.dispatchEvent(new Event('input', {bubbles: true}));",
        vec![json!(css), json!(value)],
    )
    .await
    .expect("set value");
}

async fn click(t: &T, css: &str) {
    t.wait_for(css).await.click().await.expect("click");
}

async fn sign_out(t: &T) {
    t.submit("form[action='/logout']").await;
    t.wait_text(".notice", "You are signed out").await;
}

/// The post's id from a path like `/posts/{id}` or `/posts/{id}/edit`.
fn post_id(path: &str) -> String {
    path.trim_start_matches("/posts/")
        .trim_end_matches("/edit")
        .to_string()
}

#[tokio::test]
async fn a_post_is_composed_reviewed_published_and_shown_on_the_calendar() {
    let mock = MockMastodon::start().await;
    let server = TestServer::sqlite().await;
    let tokens = team(&server).await;
    let channel = mastodon_channel(&server, &tokens.admin, &mock).await;
    let mock_base = mock.base_url.clone();
    Session::start(true)
        .await
        .run(
            server.base.clone(),
            server.desk.clone(),
            move |t| async move {
                t.sign_in(AUTHOR_EMAIL, MEMBER_PASSWORD).await;
                t.wait_text("main h1", "Riverside").await;
                let nav = t.nav_links().await;
                for link in ["/posts/new", "/posts", "/calendar"] {
                    assert!(nav.contains(&link.to_string()), "{link} in {nav:?}");
                }
                assert!(!nav.contains(&"/review".to_string()), "{nav:?}");
                assert!(!nav.contains(&"/channels".to_string()), "{nav:?}");

                // Composing: the channel's preview counts like Mastodon (a link is 23).
                t.go("/posts/new").await;
                assert_eq!(t.text("main h1").await, "Compose a post");
                click(&t, &format!("#ch-{channel}")).await;
                t.fill(
                "#f-body",
                "Free flu shots this Saturday: https://riverside.example/clinics/flu-shots-2026 ",
            )
            .await;
                let preview = format!("#pv-{channel}");
                t.wait_text(&format!("{preview} .preview-text"), "Free flu shots")
                    .await;
                // 30 characters before the link, the link as 23 (the trailing space is trimmed).
                t.wait_text(&format!("{preview} .counter"), "53 / 500")
                    .await;

                // Too long: the counter turns red and says by how much.
                set_value(&t, "#f-body", &"a".repeat(512)).await;
                t.wait_text(&format!("{preview} .counter"), "12 over").await;
                let color = t
                    .wait_js(&format!(
                        "const c = document.querySelector('{preview} .counter.over'); \
                     return c ? getComputedStyle(c).color : null;"
                    ))
                    .await;
                assert_eq!(color, "rgb(180, 35, 24)", "the over-limit counter is red");
                t.wait_text("#limit-status", "12 characters over").await;

                // A medical record number is highlighted as a patient identifier while typing.
                t.fill(
                    "#f-body",
                    &format!("Great news for MRN 4471203! Call {SWITCHBOARD}."),
                )
                .await;
                let whose = t
                    .wait_js(
                        "const m = document.querySelector(\"#preview mark[data-kind='mrn']\"); \
                     return m && m.textContent.includes('4471203') ? m.dataset.whose : null;",
                    )
                    .await;
                assert_eq!(whose, "patient");
                t.wait_text("#verdict", "Blocked").await;
                maybe_shoot(&t, "compose-blocked").await;

                // Submitting it anyway is refused on the form; the draft is kept, nothing lost.
                click(&t, "button[name=intent][value=submit]").await;
                t.wait_text(".error-summary", "not sent for review").await;
                let path = t.path().await;
                assert!(path.starts_with("/posts/"), "{path}");
                let kept = t.wait_for("#f-body").await.prop("value").await.unwrap();
                assert!(kept.unwrap().contains("MRN 4471203"));
                let action = t
                    .wait_js(
                        "return document.getElementById('compose-form').getAttribute('action');",
                    )
                    .await;
                assert!(
                    action.ends_with("/edit"),
                    "the form now edits the saved draft: {action}"
                );
                let id = post_id(action.trim_end_matches("/edit"));
                assert!(t
                    .wait_for(&format!("#ch-{channel}"))
                    .await
                    .is_selected()
                    .await
                    .unwrap());

                // Fixed: a public service announcement, with a suggested hashtag.
                t.fill(
                    "#f-body",
                    &format!("Flu shots are free this Saturday. Questions? Call {SWITCHBOARD}."),
                )
                .await;
                t.wait_text("#verdict", "Pass").await;
                t.wait_for("#f-content_type option[value='psa']")
                    .await
                    .click()
                    .await
                    .unwrap();
                click(&t, "#tag-suggestions button[data-tag='PublicHealth']").await;
                let tags = t.wait_for("#f-hashtags").await.prop("value").await.unwrap();
                assert_eq!(tags.as_deref(), Some("#PublicHealth"));
                t.wait_text(&format!("{preview} .preview-text"), "#PublicHealth")
                    .await;
                fits_a_phone(&t, "compose").await;
                click(&t, "button[name=intent][value=submit]").await;
                t.wait_text(".notice", "Sent for review").await;
                assert_eq!(t.path().await, format!("/posts/{id}"));
                t.wait_text("#post-state", "In review").await;
                sign_out(&t).await;

                // The approver finds it in the queue with the guard's findings beside the text.
                t.sign_in(APPROVER_EMAIL, MEMBER_PASSWORD).await;
                t.wait_text("main h1", "Riverside").await;
                assert!(t.nav_links().await.contains(&"/review".to_string()));
                t.wait_text("#nav-review-count", "1").await;
                t.go("/review").await;
                t.wait_text("#review-count", "1").await;
                let item = format!("#review-{id}");
                t.wait_text(&item, "Flu shots are free").await;
                t.wait_text(&format!("{item} .findings"), "555").await;
                t.wait_text(&format!("{item} .verdict"), "Pass").await;
                let whose = t
                    .wait_js(&format!(
                        "const m = document.querySelector('{item} .preview mark'); \
                     return m ? m.dataset.whose : null;"
                    ))
                    .await;
                assert_eq!(whose, "organization");
                maybe_shoot(&t, "review").await;
                fits_a_phone(&t, "review").await;
                t.submit(&format!("{item} form.approve-form")).await;
                t.wait_text(".notice", "Approved").await;
                t.wait_text("#queue-empty", "Nothing is waiting").await;

                // The worker publishes it; the post shows the delivery and links to it. The
                // worker records the delivery, then the post's state: a page loaded between
                // the two shows one of them, so reload until both are there.
                let deadline = Instant::now() + Duration::from_secs(20);
                loop {
                    t.go(&format!("/posts/{id}")).await;
                    if t.text("#deliveries").await.contains("Published")
                        && t.text("#post-state").await.contains("Published")
                    {
                        break;
                    }
                    assert!(
                        Instant::now() < deadline,
                        "never published: {}",
                        t.text("main").await
                    );
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
                t.wait_text("#post-state", "Published").await;
                t.wait_text("#deliveries", "Riverside on Mastodon").await;
                let link = t
                    .wait_for("#deliveries a[href]")
                    .await
                    .attr("href")
                    .await
                    .unwrap()
                    .unwrap();
                assert!(
                    link.starts_with(&mock_base) || link.contains("/@"),
                    "{link}"
                );
                maybe_shoot(&t, "post").await;
                fits_a_phone(&t, "post detail").await;

                // The calendar shows it today (in the organisation's zone), in the PSA colour.
                let today = chrono::Utc::now()
                    .with_timezone(&chrono_tz::America::New_York)
                    .format("%Y-%m-%d")
                    .to_string();
                t.go("/calendar?view=week").await;
                let cell = format!("li.cal-day[data-date='{today}']");
                let post = format!("{cell} a.cal-post[href='/posts/{id}']");
                t.wait_text(&cell, "Flu shots are free").await;
                let class = t
                    .wait_for(&post)
                    .await
                    .attr("class")
                    .await
                    .unwrap()
                    .unwrap();
                assert!(class.contains("ct-psa"), "{class}");
                let border = t
                    .wait_js(&format!(
                        "const a = document.querySelector(\"{post}\"); \
                     return a ? getComputedStyle(a).borderLeftColor : null;"
                    ))
                    .await;
                assert_eq!(border, "rgb(26, 127, 75)", "the PSA colour");
                t.wait_text("#content-mix", "Public service announcement: 1 (100%)")
                    .await;
                maybe_shoot(&t, "calendar-week").await;
                t.go(&format!("/calendar?view=month&date={today}")).await;
                t.wait_text(&cell, "Flu shots are free").await;
                maybe_shoot(&t, "calendar-month").await;
                fits_a_phone(&t, "calendar").await;

                // The list shows it with its state, type, channel and author.
                t.go("/posts?state=published").await;
                let row = format!("tr[data-post='{id}']");
                let text = t.wait_text(&row, "Published").await;
                for part in [
                    "Public service announcement",
                    "Riverside on Mastodon",
                    "Test Person",
                ] {
                    assert!(text.contains(part), "{part} in {text}");
                }
            },
        )
        .await;
    // It really went out, once, with its hashtag.
    let statuses = mock.statuses().await;
    assert_eq!(statuses.len(), 1, "{statuses:?}");
    assert!(statuses[0]["content"]
        .as_str()
        .unwrap()
        .contains("PublicHealth"));
}

#[tokio::test]
async fn admin_adds_a_channel_tests_it_and_pauses_it() {
    let mock = MockMastodon::start().await;
    let server = TestServer::sqlite().await;
    team(&server).await;
    let mock_base = mock.base_url.clone();
    Session::start(true)
        .await
        .run(
            server.base.clone(),
            server.desk.clone(),
            move |t| async move {
                t.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD).await;
                t.wait_text("main h1", "Riverside").await;
                assert!(t.nav_links().await.contains(&"/channels".to_string()));
                t.go("/channels").await;
                t.wait_text("#no-channels", "No channels yet").await;

                // A bad address is refused on its field; the name is kept, the token is not.
                t.fill("#mastodon-name", "Riverside on Mastodon").await;
                t.fill("#mastodon-base_url", "not a url").await;
                t.fill("#mastodon-access_token", TOKEN).await;
                t.submit("#add-mastodon form").await;
                t.wait_text(
                    "#add-mastodon .error-summary",
                    "Server address must be an http(s) URL",
                )
                .await;
                let kept = t
                    .wait_for("#mastodon-name")
                    .await
                    .prop("value")
                    .await
                    .unwrap();
                assert_eq!(kept.as_deref(), Some("Riverside on Mastodon"));
                let token = t
                    .wait_for("#mastodon-access_token")
                    .await
                    .prop("value")
                    .await
                    .unwrap();
                assert_eq!(token.as_deref(), Some(""), "secrets are never sent back");
                maybe_shoot(&t, "channels-error").await;

                t.fill("#mastodon-base_url", &mock_base).await;
                t.fill("#mastodon-access_token", TOKEN).await;
                t.submit("#add-mastodon form").await;
                t.wait_text(".notice", "The channel is added").await;
                let row = t.wait_text("#channels", "Riverside on Mastodon").await;
                assert!(row.contains(&mock_base) && row.contains("Active"), "{row}");
                assert!(!t.text("main").await.contains(TOKEN));

                // Testing the connection says whose account the token opens.
                t.submit("#channels tr[data-channel]:first-child form[action$='/test']")
                    .await;
                t.wait_text("#test-result", "Riverside on Mastodon is connected")
                    .await;
                t.wait_text("#test-result", "testuser").await;
                maybe_shoot(&t, "channels").await;
                fits_a_phone(&t, "channels").await;

                // Paused, it cannot be chosen for a post.
                t.submit("#channels form[action$='/pause']").await;
                t.wait_text(".notice", "The channel is paused").await;
                t.wait_text("#channels", "Paused").await;
                t.go("/posts/new").await;
                let box_ = t
                    .wait_for("input[name=channel_ids]")
                    .await
                    .attr("disabled")
                    .await
                    .unwrap();
                assert!(box_.is_some(), "a paused channel is not selectable");
                t.go("/channels").await;
                t.submit("#channels form[action$='/resume']").await;
                t.wait_text(".notice", "active again").await;
                t.wait_text("#channels", "Active").await;
            },
        )
        .await;
    drop(mock);
}

#[tokio::test]
async fn a_draft_is_saved_and_submitted_without_javascript() {
    let server = TestServer::sqlite().await;
    team(&server).await;
    Session::start(false)
        .await
        .run(server.base.clone(), server.desk.clone(), |t| async move {
            t.sign_in(AUTHOR_EMAIL, MEMBER_PASSWORD).await;
            t.wait_text("main h1", "Riverside").await;
            t.go("/posts/new").await;
            // No channels yet: the draft can still be saved.
            t.wait_text("#f-channel_ids", "No channels are connected yet")
                .await;
            t.fill("#f-body", "Our new maternity ward opens on Monday.")
                .await;
            click(&t, "button[name=intent][value=draft]").await;
            t.wait_text(".notice", "Your changes are saved").await;
            t.wait_text("#post-state", "Draft").await;
            let id = post_id(&t.path().await);

            // Submitting without a channel names the field and keeps the text.
            t.go(&format!("/posts/{id}/edit")).await;
            click(&t, "button[name=intent][value=submit]").await;
            t.wait_text(".error-summary", "Choose at least one channel")
                .await;
            let kept = t.wait_for("#f-body").await.prop("value").await.unwrap();
            assert_eq!(
                kept.as_deref(),
                Some("Our new maternity ward opens on Monday.")
            );
            // The server rendered the privacy check, since no script ran.
            t.wait_text("#verdict", "Pass").await;

            t.go("/posts").await;
            t.wait_text(&format!("tr[data-post='{id}']"), "Draft").await;
            assert!(t
                .c
                .find(Locator::Css("#tag-suggestions:not([hidden])"))
                .await
                .is_err());
        })
        .await;
}

#[tokio::test]
async fn a_failed_delivery_is_flagged_and_retried_by_an_approver() {
    let mock = MockMastodon::start().await;
    let server = TestServer::sqlite().await;
    let tokens = team(&server).await;
    let channel = mastodon_channel(&server, &tokens.admin, &mock).await;
    // Every attempt the worker makes fails (it tries three times, quickly, in tests).
    mock.fault(
        "POST",
        "/api/v1/statuses",
        json!({"type": "status", "status": 500}),
        3,
    )
    .await;
    let author = server.api(&tokens.author);
    let (status, post) = author
        .post(
            "/api/v1/posts",
            json!({"body": "Blood drive on Friday in the main lobby.", "channel_ids": [channel], "content_type": "event"}),
        )
        .await;
    assert_eq!(status, 201, "{post}");
    let id = post["id"].as_str().unwrap().to_string();
    let (status, body) = author
        .post(&format!("/api/v1/posts/{id}/submit"), json!({}))
        .await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = server
        .api(&tokens.approver)
        .post(&format!("/api/v1/posts/{id}/approve"), json!({}))
        .await;
    assert_eq!(status, 200, "{body}");
    Session::start(true)
        .await
        .run(
            server.base.clone(),
            server.desk.clone(),
            move |t| async move {
                t.sign_in(APPROVER_EMAIL, MEMBER_PASSWORD).await;
                t.wait_text("main h1", "Riverside").await;
                // The posts page lists what failed for good, linking to the post.
                let deadline = Instant::now() + Duration::from_secs(20);
                loop {
                    t.go("/posts").await;
                    if t.c.find(Locator::Css("#failed-deliveries")).await.is_ok() {
                        break;
                    }
                    assert!(Instant::now() < deadline, "no failed-delivery banner");
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
                t.wait_text("#failed-deliveries", "1 delivery has failed")
                    .await;
                t.wait_text("#failed-deliveries", "Riverside on Mastodon")
                    .await;
                t.wait_text(&format!("tr[data-post='{id}']"), "Failed")
                    .await;
                click(&t, &format!("#failed-deliveries a[href='/posts/{id}']")).await;
                t.wait_text("#deliveries", "Failed").await;
                t.wait_text("#deliveries", "500").await;
                t.wait_text("#deliveries", "3").await;

                // The network is back: retrying by hand publishes it.
                t.submit("#deliveries form[action$='/retry']").await;
                t.wait_text(".notice", "being tried again").await;
                let deadline = Instant::now() + Duration::from_secs(20);
                loop {
                    t.go(&format!("/posts/{id}")).await;
                    if t.text("#post-state").await == "Published" {
                        break;
                    }
                    assert!(Instant::now() < deadline, "never published after the retry");
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
                t.go("/posts").await;
                t.wait_text("main h1", "Posts").await;
                assert!(t.c.find(Locator::Css("#failed-deliveries")).await.is_err());
            },
        )
        .await;
    assert_eq!(mock.statuses().await.len(), 1);
}
