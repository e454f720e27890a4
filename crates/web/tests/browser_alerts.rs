//! Facility alerts in a real browser: the admin sets the segments, an approver imports
//! contacts from a CSV (a bad line is reported with its reason), creates an alert pinned on
//! a real Mastodon API server (`mastodon-mock`), watches its page turn "Pinned" by itself,
//! and ends it. Needs `chromium` and `chromium-driver`, and `scripts/mastodon-mock install`
//! (or CAREPOST_MASTODON_MOCK pointing at the executable).

mod common;
#[path = "common/browser.rs"]
mod harness;

use channels::testing::{MockMastodon, TOKEN};
use common::TestServer;
use domain::Role;
use harness::{fits_a_phone, maybe_shoot, Session, T};
use serde_json::json;

const ADMIN_EMAIL: &str = "admin@riverside.example";
const ADMIN_PASSWORD: &str = "correct horse battery staple";
const APPROVER_EMAIL: &str = "compliance@riverside.example";
/// What `TestServer::user` gives everyone it creates.
const MEMBER_PASSWORD: &str = "a long enough password";

/// Line 3 has a language that is not a language code; the others are good.
const CSV: &str = "name,email,phone,language,segments,email_opt_in,sms_opt_in,voice_opt_in\n\
Ana Lopez,ana@example.org,+14155550101,es,North Campus,yes,yes,no\n\
Ben Okafor,ben@example.org,+14155550102,english,South Campus,yes,no,no\n\
Chen Wei,chen@example.org,,en,North Campus;South Campus,yes,no,no\n";

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

/// Sets a field's value from script and fires `input` (date pickers ignore typed keys).
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

/// Marks the loaded page, so [`assert_page_kept`] can tell it was updated in place.
async fn mark_page(t: &T) {
    t.c.execute("window.carepostMark = 'kept';", vec![])
        .await
        .expect("mark the page");
}

async fn assert_page_kept(t: &T) {
    let mark =
        t.c.execute("return window.carepostMark || 'reloaded';", vec![])
            .await
            .expect("read the mark");
    assert_eq!(
        mark,
        json!("kept"),
        "the page was reloaded, not updated live"
    );
}

async fn click(t: &T, css: &str) {
    t.wait_for(css).await.click().await.expect("click");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_approver_imports_contacts_sends_a_pinned_alert_and_ends_it() {
    let mock = MockMastodon::start().await;
    let server = TestServer::sqlite().await;
    let admin = server.setup().await;
    let approver = server.user(&admin, APPROVER_EMAIL, Role::Approver).await;
    server.train(&admin, &[&approver]).await;
    let channel = mastodon_channel(&server, &admin, &mock).await;
    let csv_dir = tempfile::tempdir().expect("temp dir");
    let csv_path = csv_dir.path().join("contacts.csv");
    std::fs::write(&csv_path, CSV).expect("write the CSV");
    let csv_path = csv_path.to_str().unwrap().to_string();
    Session::start(true)
        .await
        .run(
            server.base.clone(),
            server.desk.clone(),
            move |t| async move {
                // The admin sets the segments contacts and alerts use.
                t.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD).await;
                t.wait_for("nav.main-nav").await;
                t.go("/contacts").await;
                set_value(&t, "#f-segments", "North Campus\nSouth Campus\n").await;
                t.submit("#segments-form").await;
                t.wait_text(".notice", "segments are saved")
                    .await;
                assert_eq!(
                    t.wait_js("return document.querySelector('#f-segments').value;")
                        .await,
                    "North Campus\nSouth Campus"
                );
                t.submit("form[action='/logout']").await;
                t.wait_for("#f-email").await;

                // The approver sees both links and imports the CSV.
                t.sign_in(APPROVER_EMAIL, MEMBER_PASSWORD).await;
                let nav = t.nav_links().await;
                for link in ["/alerts", "/contacts"] {
                    assert!(nav.contains(&link.to_string()), "{link} in {nav:?}");
                }
                t.go("/contacts").await;
                assert!(
                    t.c.find(fantoccini::Locator::Css("#segments-form"))
                        .await
                        .is_err(),
                    "only administrators edit the segments"
                );
                t.wait_for("#f-file")
                    .await
                    .send_keys(&csv_path)
                    .await
                    .expect("choose the CSV");
                t.submit("#import-form").await;
                let report = t.wait_text("#import-report", "2 imported").await;
                assert!(report.contains("1 line rejected"), "{report}");
                let rejected = t.text("#rejected").await;
                assert!(
                    rejected.contains("Line 3:")
                        && rejected.contains("'english' is not a language code"),
                    "{rejected}"
                );
                let table = t.text("#contacts").await;
                assert!(
                    table.contains("Ana Lopez") && table.contains("Chen Wei"),
                    "{table}"
                );
                assert!(!table.contains("Ben Okafor"), "{table}");
                // Filtering by segment.
                t.go("/contacts?segment=South%20Campus").await;
                let south = t.text("#contacts").await;
                assert!(
                    south.contains("Chen Wei") && !south.contains("Ana Lopez"),
                    "{south}"
                );
                maybe_shoot(&t, "contacts").await;
                fits_a_phone(&t, "the contacts page").await;

                // A new alert: the body counts as you type; without an end it is refused
                // with what was typed kept.
                t.go("/alerts").await;
                t.wait_text("#no-alerts", "No alerts yet").await;
                t.fill("#f-title", "North garage closed").await;
                t.fill("#f-body", "Use the south entrance.").await;
                t.wait_text("#body-count", "23 characters").await;
                click(&t, &format!("#ch-{channel}")).await;
                t.submit("#alert-form").await;
                t.wait_text("#e-expires_at", "Choose when the alert ends")
                    .await;
                assert_eq!(
                    t.wait_js("return document.querySelector('#f-title').value;")
                        .await,
                    "North garage closed"
                );
                assert_eq!(
                    t.wait_js(&format!(
                        "return document.querySelector('#ch-{channel}').checked ? 'yes' : 'no';"
                    ))
                    .await,
                    "yes"
                );

                // A patient's record number is refused with the finding shown.
                let ends = (chrono::Utc::now() + chrono::Duration::days(2))
                    .format("%Y-%m-%dT%H:%M")
                    .to_string();
                t.fill("#f-body", "Patient MRN 4829173 was moved; use the south entrance.")
                    .await;
                set_value(&t, "#f-expires_at", &ends).await;
                t.submit("#alert-form").await;
                t.wait_text(".error-summary", "must not identify a patient")
                    .await;
                t.wait_text("#findings", "4829173").await;
                maybe_shoot(&t, "alert-form").await;
                assert_eq!(
                    t.wait_js("return document.querySelector('#f-expires_at').value;")
                        .await,
                    ends
                );

                // Sent: its page turns "Pinned" by itself, with a link to the live post.
                t.fill("#f-body", "Use the south entrance until further notice.")
                    .await;
                t.submit("#alert-form").await;
                t.wait_text("main", "The alert is saved").await;
                assert!(t.path().await.starts_with("/alerts/"));
                // The page is not reloaded from here on: alerts.js brings the changes.
                mark_page(&t).await;
                t.wait_text(&format!("#pins tr[data-channel='{channel}'] .pin"), "Pinned")
                    .await;
                let href = t
                    .wait_js(
                        "const a = document.querySelector('#pins .live-link'); \
                         return a && !a.hidden && a.getAttribute('href') ? a.getAttribute('href') : null;",
                    )
                    .await;
                assert!(href.starts_with("http"), "{href}");
                assert_page_kept(&t).await;
                t.wait_text("#alert-state", "Active").await;
                maybe_shoot(&t, "alert").await;
                fits_a_phone(&t, "an alert's page").await;

                // The list shows it, active.
                t.go("/alerts").await;
                let row = t.text("#alerts tbody tr").await;
                assert!(
                    row.contains("North garage closed") && row.contains("Active"),
                    "{row}"
                );
                click(&t, "#alerts tbody tr a").await;

                // Ended now: the page says so and the post is unpinned.
                t.fill("#f-end_all_clear", "The north garage is open again.")
                    .await;
                t.submit("#end-form").await;
                t.wait_text("#alert-state", "Ended").await;
                t.wait_text("main", "The alert is ended").await;
                mark_page(&t).await;
                assert!(
                    t.c.find(fantoccini::Locator::Css("#end-form"))
                        .await
                        .is_err(),
                    "an ended alert cannot be ended again"
                );
                t.wait_text(&format!("#pins tr[data-channel='{channel}'] .pin"), "Unpinned")
                    .await;
                assert_page_kept(&t).await;
            },
        )
        .await;
}
