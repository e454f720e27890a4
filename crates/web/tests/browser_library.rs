//! The consent registry and the media library in a real browser: recording a consent with
//! its signed PDF through the upload form (errors first, typed values kept), the document
//! viewer and revocation with its confirmation step, uploading a phone photo that must be
//! answered "does it show a patient?", and viewers being kept out of both.
//! Needs `chromium` and `chromium-driver` (or CHROMEDRIVER naming the driver).

mod common;
#[path = "../../media/tests/common/mod.rs"]
mod fixtures;
#[path = "common/browser.rs"]
mod harness;

use common::TestServer;
use domain::Role;
use fantoccini::Locator;
use harness::{fits_a_phone, maybe_shoot, Session, T};
use serde_json::json;

const APPROVER_EMAIL: &str = "compliance@riverside.example";
const VIEWER_EMAIL: &str = "board@riverside.example";
/// What `TestServer::user` gives everyone it creates.
const MEMBER_PASSWORD: &str = "a long enough password";

/// Sets a field's value from script (date inputs type differently in every locale).
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

/// A form field's current value.
async fn value(t: &T, css: &str) -> String {
    let css = serde_json::to_string(css).expect("selector as JSON");
    t.wait_js(&format!(
        "const e = document.querySelector({css}); return e ? e.value : null;"
    ))
    .await
}

async fn click(t: &T, css: &str) {
    t.wait_for(css).await.click().await.expect("click");
}

/// Chooses `path` in a file input, as a person picking the file would.
async fn attach(t: &T, css: &str, path: &std::path::Path) {
    t.wait_for(css)
        .await
        .send_keys(path.to_str().expect("a UTF-8 path"))
        .await
        .expect("choose the file");
}

async fn sign_out(t: &T) {
    t.submit("form[action='/logout']").await;
    t.wait_text(".notice", "You are signed out").await;
}

/// Waits until the page's path matches `pred`, and returns it.
async fn wait_path(t: &T, what: &str, pred: impl Fn(&str) -> bool) -> String {
    let deadline = std::time::Instant::now() + harness::WAIT;
    loop {
        let path = t.path().await;
        if pred(&path) {
            return path;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "never reached {what}; still on {path}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// A phone photo: real pixels plus GPS EXIF and an XMP packet.
fn phone_photo() -> Vec<u8> {
    let plain = fixtures::jpeg(64, 48);
    fixtures::splice_jpeg(
        &plain,
        &[
            fixtures::app1_exif(&fixtures::tiff_with_gps(None)),
            fixtures::app1_xmp(),
        ],
    )
}

#[tokio::test]
async fn a_consent_and_a_photo_go_through_their_forms_and_viewers_are_kept_out() {
    let server = TestServer::sqlite().await;
    let admin = server.setup().await;
    let approver = server.user(&admin, APPROVER_EMAIL, Role::Approver).await;
    server.user(&admin, VIEWER_EMAIL, Role::Viewer).await;
    server.train(&admin, &[&approver]).await;

    let files = tempfile::tempdir().expect("a folder for the files to upload");
    let pdf = files.path().join("authorization.pdf");
    std::fs::write(
        &pdf,
        b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% signed HIPAA authorization\n%%EOF\n",
    )
    .unwrap();
    let photo = files.path().join("IMG_2041.jpg");
    std::fs::write(&photo, phone_photo()).unwrap();
    let next_year = (chrono::Utc::now() + chrono::Duration::days(365))
        .format("%Y-%m-%d")
        .to_string();
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    // One consent recorded through the API, ending in ten days: the reminder lists it.
    let soon = (chrono::Utc::now() + chrono::Duration::days(10))
        .format("%Y-%m-%d")
        .to_string();
    let form = reqwest::multipart::Form::new()
        .text("patient_name", "Ada Brennan")
        .text("description", "Her first name and a photo.")
        .text("purpose", "The maternity ward's open day.")
        .text("channels", "bluesky")
        .text("signed_at", today.clone())
        .text("expires_at", soon)
        .part(
            "document",
            reqwest::multipart::Part::bytes(b"%PDF-1.4\n%%EOF\n".to_vec()).file_name("brennan.pdf"),
        );
    let res = reqwest::Client::new()
        .post(server.url("/api/v1/consents"))
        .bearer_auth(&approver)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());

    Session::start(true)
        .await
        .run(
            server.base.clone(),
            server.desk.clone(),
            move |t| async move {
                let _files = files;
                t.sign_in(APPROVER_EMAIL, MEMBER_PASSWORD).await;
                t.wait_text("main h1", "Riverside").await;

                // --- Recording a consent: the form's errors keep what was typed.
                t.go("/consents").await;
                assert_eq!(t.text("main h1").await, "Consents");
                let reminder = t.wait_text("#expiring", "Ada Brennan").await;
                assert!(reminder.contains("(in 9 days)") || reminder.contains("(in 10 days)"), "{reminder}");
                t.wait_text("tr[data-consent]", "Expiring soon").await;
                click(&t, "a[href='/consents/new']").await;
                t.wait_text("main h1", "Record a consent").await;
                t.fill("#f-patient_name", "Maria Okafor").await;
                t.fill("#f-aliases", "Maria, Mrs. Okafor").await;
                t.fill("#f-description", "Her name, photos and her recovery after cardiac surgery.").await;
                click(&t, "#ch-mastodon").await;
                set_value(&t, "#f-signed_at", &today).await;
                // No purpose, no end and no document yet.
                t.submit("#consent-form").await;
                let summary = t.wait_text(".error-summary", "There is a problem").await;
                assert!(summary.contains("purpose"), "{summary}");
                assert!(summary.contains("expiry date or event"), "{summary}");
                assert!(summary.contains("signed authorization"), "{summary}");
                let kept = t
                    .wait_js(
                        "const n = document.querySelector('#f-patient_name'); \
                         const m = document.querySelector('#ch-mastodon'); \
                         return n && m ? n.value + '|' + m.checked : null;",
                    )
                    .await;
                assert_eq!(kept, "Maria Okafor|true");
                assert_eq!(
                    value(&t, "#f-description").await,
                    "Her name, photos and her recovery after cardiac surgery."
                );

                t.fill("#f-purpose", "A recovery story for the cardiac unit's campaign.").await;
                set_value(&t, "#f-expires_at", &next_year).await;
                attach(&t, "#f-document", &pdf).await;
                t.submit("#consent-form").await;
                let path = wait_path(&t, "the consent's page", |p| {
                    p.starts_with("/consents/") && p != "/consents/new"
                })
                .await;
                let id = path.trim_start_matches("/consents/").to_string();
                t.wait_text(".notice", "The consent is recorded").await;
                assert_eq!(t.text("#consent-status").await, "Active");
                let facts = t.text(".consent-facts").await;
                assert!(facts.contains("Mastodon"), "{facts}");
                assert!(facts.contains(&next_year), "{facts}");
                assert!(facts.contains("Maria, Mrs. Okafor"), "{facts}");

                // Approvers see the sealed document, served inline as a PDF.
                t.wait_for(&format!("iframe.document-view[src='/consents/{id}/document']"))
                    .await;
                let served = t
                    .wait_js(&format!(
                        "if (!window.__doc) {{ window.__doc = 'pending'; \
                           fetch('/consents/{id}/document').then(r => r.text().then(b => {{ \
                             window.__doc = r.status + '|' + r.headers.get('content-type') + '|' + \
                               r.headers.get('content-disposition') + '|' + b.slice(0, 8); }})); }} \
                         return window.__doc === 'pending' ? null : window.__doc;"
                    ))
                    .await;
                assert_eq!(
                    served,
                    "200|application/pdf|inline; filename=\"authorization.pdf\"|%PDF-1.4"
                );
                maybe_shoot(&t, "consent").await;

                // The list shows it as active, and the patient search finds it.
                t.go("/consents").await;
                let row = t.wait_text(&format!("tr[data-consent='{id}']"), "Maria Okafor").await;
                assert!(row.contains("Active"), "{row}");
                fits_a_phone(&t, "the consent list").await;
                t.fill("#f-patient", "okafor").await;
                t.submit("form[role=search]").await;
                t.wait_text(&format!("tr[data-consent='{id}']"), "Active").await;
                t.fill("#f-patient", "Someone Else").await;
                t.submit("form[role=search]").await;
                t.wait_text("#no-consents", "Someone Else").await;

                // --- The media library: the patient question must be answered.
                t.go("/media").await;
                assert_eq!(t.text("main h1").await, "Media library");
                t.wait_text("#no-media", "Nothing uploaded yet").await;
                let checked = t
                    .wait_js(
                        "return String(document.querySelectorAll('input[name=shows_patient]:checked').length);",
                    )
                    .await;
                assert_eq!(checked, "0", "the patient question has no default answer");
                attach(&t, "#f-file", &photo).await;
                t.fill("#f-alt_text", "A nurse adjusts a drip stand in the recovery ward.").await;
                t.submit("#upload-form").await;
                t.wait_text("#e-shows_patient", "shows a patient").await;
                assert_eq!(
                    value(&t, "#f-alt_text").await,
                    "A nurse adjusts a drip stand in the recovery ward."
                );
                attach(&t, "#f-file", &photo).await;
                click(&t, "#sp-no").await;
                t.submit("#upload-form").await;
                let path = wait_path(&t, "the item's page", |p| {
                    p.starts_with("/media/") && p.len() > "/media/".len()
                })
                .await;
                let media_id = path.trim_start_matches("/media/").to_string();
                t.wait_text(".notice", "Uploaded").await;
                let removed = t.text("#removed").await;
                assert!(removed.contains("GPS"), "{removed}");

                // In the library: the thumbnail (through the desk) and its alt text.
                t.go("/media").await;
                let tile = format!("li[data-media='{media_id}']");
                t.wait_text(&tile, "A nurse adjusts a drip stand").await;
                assert!(t.text(&tile).await.contains("No patient"));
                let loaded = t
                    .wait_js(&format!(
                        "const i = document.querySelector(\"{tile} img\"); \
                         return i && i.complete && i.naturalWidth > 0 ? i.naturalWidth + '|' + i.alt : null;"
                    ))
                    .await;
                assert_eq!(loaded, "64|A nurse adjusts a drip stand in the recovery ward.");
                fits_a_phone(&t, "the media library").await;
                maybe_shoot(&t, "media").await;

                // Editing: alt text naming a patient's record number is flagged.
                t.go(&format!("/media/{media_id}")).await;
                t.fill("#f-alt_text", "Patient MRN 4417823 in the recovery ward.").await;
                click(&t, "#sp-yes").await;
                t.submit("#media-form").await;
                t.wait_text(".notice", "saved").await;
                t.wait_text("#alt-findings", "4417823").await;
                assert!(t.text("#removed").await.contains("GPS"));
                t.go("/media").await;
                t.wait_text(&tile, "Shows a patient").await;

                // --- Revoking: the confirmation says what happens and needs a reason.
                t.go(&format!("/consents/{id}")).await;
                click(&t, &format!("a[href='/consents/{id}/revoke']")).await;
                t.wait_text("#revoke-effects", "nothing will be taken down").await;
                t.submit("#revoke-form").await;
                t.wait_text("#e-reason", "why").await;
                t.fill("#f-reason", "The patient withdrew consent by phone.").await;
                t.submit("#revoke-form").await;
                t.wait_text("main h1", "is revoked").await;
                t.wait_text("#revoke-result", "No post relied on it").await;
                t.go("/consents").await;
                t.wait_text(&format!("tr[data-consent='{id}']"), "Revoked").await;

                // --- Viewers see neither page, and cannot fetch the files.
                sign_out(&t).await;
                t.sign_in(VIEWER_EMAIL, MEMBER_PASSWORD).await;
                t.wait_text("main h1", "Riverside").await;
                for page in ["/consents", "/media", &format!("/media/{media_id}/file")] {
                    t.go(page).await;
                    let heading = t.text("main h1").await;
                    assert_eq!(heading, "This page is not available to you", "{page}");
                    t.wait_text("main", "authors, approvers and administrators").await;
                }
                t.go(&format!("/consents/{id}/document")).await;
                t.wait_text("main", "approvers (compliance)").await;
                assert!(t
                    .c
                    .find(Locator::Css("iframe, img.media-large"))
                    .await
                    .is_err());
            },
        )
        .await;
}
