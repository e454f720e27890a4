//! The consent registry and the media library end to end, against a real Mastodon API
//! server: stories go out only with written consent, revocation and expiry take them down,
//! and uploaded photos lose their metadata (GPS included) with their pixels unchanged.

mod common;

#[path = "../../media/tests/common/mod.rs"]
mod fixtures;

use channels::testing::{MockMastodon, Pds};
use common::{mastodon_channel, team, wait_for_post, Api};
use reqwest::multipart::{Form, Part};
use serde_json::{json, Value};
use std::time::Duration;

/// Sends a multipart form with the API token; returns status and JSON.
async fn multipart(api: &Api, path: &str, form: Form) -> (u16, Value) {
    let res = api
        .http
        .post(format!("{}{path}", api.base))
        .bearer_auth(&api.token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

fn signed_pdf() -> Part {
    Part::bytes(b"%PDF-1.4\n% signed HIPAA authorization\n%%EOF\n".to_vec())
        .file_name("authorization.pdf")
        .mime_str("application/pdf")
        .unwrap()
}

async fn consent(api: &Api, channels: &str, expires_at: &str) -> (u16, Value) {
    let form = Form::new()
        .text("patient_name", "Maria Okafor")
        .text("aliases", "Maria, Mrs. Okafor")
        .text(
            "description",
            "Her name, her recovery story and photos of her with the cardiology team",
        )
        .text("purpose", "Patient stories on social media")
        .text("channels", channels.to_string())
        .text("signed_at", "2026-11-01")
        .text("expires_at", expires_at.to_string())
        .part("document", signed_pdf());
    multipart(api, "/api/v1/consents", form).await
}

const STORY: &str =
    "Six months after her heart surgery, Maria Okafor walked the 5K with our cardiology team!";

async fn draft(api: &Api, channel: &str, consent_ids: Value, media_ids: Value) -> String {
    let (status, post) = api
        .post(
            "/api/v1/posts",
            json!({"body": STORY, "channel_ids": [channel], "content_type": "patient_story",
                   "consent_ids": consent_ids, "media_ids": media_ids}),
        )
        .await;
    assert_eq!(status, 201, "{post}");
    post["id"].as_str().unwrap().to_string()
}

async fn wait_for(api: &Api, id: &str, done: impl Fn(&Value) -> bool) -> Value {
    wait_for_post(api, id, Duration::from_secs(20), done).await
}

#[tokio::test]
async fn a_story_publishes_with_consent_is_refused_without_and_comes_down_on_revocation() {
    let t = team().await;
    let mock = MockMastodon::start().await;
    let channel = mastodon_channel(&t.admin, &mock).await;
    let pds = Pds::shared().await;
    let account = pds.create_account("story").await;
    let (status, bluesky) = t
        .admin
        .post(
            "/api/v1/channels",
            json!({"kind": "bluesky", "name": "Bluesky", "service_url": pds.url,
                   "identifier": account.handle, "app_password": account.app_password}),
        )
        .await;
    assert_eq!(status, 201, "{bluesky}");
    let bluesky = bluesky["id"].as_str().unwrap().to_string();

    // Without consent the guard's findings block it, naming the patient.
    let bare = draft(&t.author, &channel, json!([]), json!([])).await;
    let (status, body) = t
        .author
        .post(&format!("/api/v1/posts/{bare}/submit"), json!({}))
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"]["code"], "phi_detected");
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("Maria Okafor"));

    let (status, c) = consent(&t.author, "mastodon,bluesky", "2027-11-01").await;
    assert_eq!(status, 201, "{c}");
    assert_eq!(c["status"], "active");
    let consent_id = c["id"].as_str().unwrap().to_string();

    let (status, post) = t
        .author
        .post(
            "/api/v1/posts",
            json!({"body": STORY, "channel_ids": [channel, bluesky], "content_type": "patient_story",
                   "consent_ids": [consent_id]}),
        )
        .await;
    assert_eq!(status, 201, "{post}");
    let id = post["id"].as_str().unwrap().to_string();
    let (status, body) = t
        .author
        .post(&format!("/api/v1/posts/{id}/submit"), json!({}))
        .await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = t
        .approver
        .post(&format!("/api/v1/posts/{id}/approve"), json!({}))
        .await;
    assert_eq!(status, 200, "{body}");
    wait_for(&t.author, &id, |p| p["state"] == "published").await;
    assert_eq!(mock.statuses().await.len(), 1);
    assert_eq!(pds.records(&account, "app.bsky.feed.post").await.len(), 1);

    // The consent lists the post relying on it; viewers cannot read patient names.
    let (_, shown) = t
        .author
        .get(&format!("/api/v1/consents/{consent_id}"))
        .await;
    assert_eq!(shown["posts"][0]["id"], id.as_str());
    let (status, _) = t.viewer.get("/api/v1/consents").await;
    assert_eq!(status, 403);
    let (_, found) = t.author.get("/api/v1/consents?patient=okafor").await;
    assert_eq!(found["consents"].as_array().unwrap().len(), 1);
    let (_, none) = t.author.get("/api/v1/consents?patient=jacob").await;
    assert!(none["consents"].as_array().unwrap().is_empty());

    // The signed document: approvers only, exactly what was uploaded.
    let res = t
        .approver
        .http
        .get(format!(
            "{}/api/v1/consents/{consent_id}/document",
            t.approver.base
        ))
        .bearer_auth(&t.approver.token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    assert!(res.bytes().await.unwrap().starts_with(b"%PDF-1.4"));
    let (status, _) = t
        .author
        .get(&format!("/api/v1/consents/{consent_id}/document"))
        .await;
    assert_eq!(status, 403);

    // Revocation takes the live post down on the network.
    let (status, report) = t
        .approver
        .post(
            &format!("/api/v1/consents/{consent_id}/revoke"),
            json!({"reason": "The patient asked us to remove it"}),
        )
        .await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(report["taken_down"][0]["id"], id.as_str());
    assert_eq!(report["consent"]["status"], "revoked");
    wait_for(&t.author, &id, |p| {
        p["deliveries"][0]["state"] == "withdrawn"
    })
    .await;
    assert!(mock.statuses().await.is_empty());

    // A revoked consent no longer lets the story through.
    let again = draft(&t.author, &channel, json!([consent_id]), json!([])).await;
    let (status, body) = t
        .author
        .post(&format!("/api/v1/posts/{again}/submit"), json!({}))
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"]["code"], "consent_invalid");
    let (_, audit) = t.admin.get("/api/v1/audit?action=consent.").await;
    let actions: Vec<&str> = audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(
        actions.contains(&"consent.revoke") && actions.contains(&"consent.document_view"),
        "{actions:?}"
    );
    assert!(
        !audit.to_string().contains("Okafor"),
        "no patient name in the audit log"
    );
}

#[tokio::test]
async fn an_expired_or_out_of_scope_consent_blocks_publishing() {
    let t = team().await;
    let mock = MockMastodon::start().await;
    let channel = mastodon_channel(&t.admin, &mock).await;
    let (status, expired) = consent(&t.author, "mastodon", "2026-11-20").await;
    assert_eq!(status, 201, "{expired}");
    assert_eq!(expired["status"], "expired");
    let id = draft(&t.author, &channel, json!([expired["id"]]), json!([])).await;
    let (status, body) = t
        .author
        .post(&format!("/api/v1/posts/{id}/submit"), json!({}))
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"]["code"], "consent_invalid");
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("expired"));

    let (_, bluesky_only) = consent(&t.author, "bluesky", "2027-11-01").await;
    let id = draft(&t.author, &channel, json!([bluesky_only["id"]]), json!([])).await;
    let (status, body) = t
        .author
        .post(&format!("/api/v1/posts/{id}/submit"), json!({}))
        .await;
    assert_eq!(status, 422, "{body}");
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("does not cover Mastodon"));
}

#[tokio::test]
async fn a_consent_needs_its_document_dates_and_scope() {
    let t = team().await;
    let form = Form::new()
        .text("patient_name", "")
        .text("signed_at", "last week")
        .text("channels", "myspace")
        .part(
            "document",
            Part::bytes(b"just text".to_vec()).file_name("x.txt"),
        );
    let (status, body) = multipart(&t.author, "/api/v1/consents", form).await;
    assert_eq!(status, 422, "{body}");
    for f in [
        "patient_name",
        "signed_at",
        "channels",
        "document",
        "description",
        "purpose",
        "expires_at",
    ] {
        assert!(body["error"]["fields"].get(f).is_some(), "{f}: {body}");
    }
    let (_, list) = t.author.get("/api/v1/consents").await;
    assert!(list["consents"].as_array().unwrap().is_empty());
}

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

fn has_gps(bytes: &[u8]) -> bool {
    exif::Reader::new()
        .read_from_container(&mut std::io::Cursor::new(bytes))
        .ok()
        .and_then(|e| {
            e.get_field(exif::Tag::GPSLatitude, exif::In::PRIMARY)
                .map(|_| ())
        })
        .is_some()
}

async fn upload(api: &Api, bytes: Vec<u8>, alt: &str, shows_patient: Option<bool>) -> (u16, Value) {
    let mut form = Form::new().text("alt_text", alt.to_string()).part(
        "file",
        Part::bytes(bytes)
            .file_name("IMG_0412.jpg")
            .mime_str("image/jpeg")
            .unwrap(),
    );
    if let Some(s) = shows_patient {
        form = form.text("shows_patient", s.to_string());
    }
    multipart(api, "/api/v1/media", form).await
}

#[tokio::test]
async fn an_uploaded_photo_loses_its_gps_keeps_its_pixels_and_needs_consent_when_it_shows_a_patient(
) {
    let t = team().await;
    let mock = MockMastodon::start().await;
    let channel = mastodon_channel(&t.admin, &mock).await;
    let photo = phone_photo();
    assert!(has_gps(&photo), "the fixture carries GPS");

    // Alt text and the patient question are required; a corrupt file is refused.
    let (status, body) = upload(&t.author, photo.clone(), "", None).await;
    assert_eq!(status, 422, "{body}");
    assert!(body["error"]["fields"].get("alt_text").is_some());
    assert!(body["error"]["fields"].get("shows_patient").is_some());
    let (status, body) = upload(
        &t.author,
        photo[..photo.len() / 2].to_vec(),
        "A photo",
        Some(false),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(body["error"]["fields"].get("file").is_some());
    let (_, library) = t.author.get("/api/v1/media").await;
    assert!(
        library["media"].as_array().unwrap().is_empty(),
        "nothing stored"
    );

    let (status, item) = upload(
        &t.author,
        photo.clone(),
        "Maria with the cardiology team at the finish line",
        Some(true),
    )
    .await;
    assert_eq!(status, 201, "{item}");
    let media_id = item["id"].as_str().unwrap().to_string();
    assert!(item["removed"].to_string().contains("GPS"), "{item}");
    let stored = t
        .author
        .http
        .get(format!("{}/api/v1/media/{media_id}/file", t.author.base))
        .bearer_auth(&t.author.token)
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap()
        .to_vec();
    assert!(!has_gps(&stored), "GPS is gone");
    let before = image::load_from_memory(&photo).unwrap().to_rgb8();
    let after = image::load_from_memory(&stored).unwrap().to_rgb8();
    assert_eq!(before.as_raw(), after.as_raw(), "pixels unchanged");
    // The file at rest is sealed: neither the picture nor its metadata is readable on disk.
    for entry in walk(t.server.files_dir.path()) {
        let raw = std::fs::read(entry).unwrap();
        assert!(!raw.windows(4).any(|w| w == b"JFIF"), "stored in the clear");
    }

    // A picture of a patient needs the patient's consent.
    let id = draft(&t.author, &channel, json!([]), json!([media_id])).await;
    let (status, body) = t
        .author
        .post(&format!("/api/v1/posts/{id}/submit"), json!({}))
        .await;
    assert_eq!(status, 422, "{body}");
    assert!(["consent_required", "phi_detected"].contains(&body["error"]["code"].as_str().unwrap()));
    let (_, c) = consent(&t.author, "mastodon", "2027-11-01").await;
    let id = draft(&t.author, &channel, json!([c["id"]]), json!([media_id])).await;
    let (status, body) = t
        .author
        .post(&format!("/api/v1/posts/{id}/submit"), json!({}))
        .await;
    assert_eq!(status, 200, "{body}");
    t.approver
        .post(&format!("/api/v1/posts/{id}/approve"), json!({}))
        .await;
    wait_for(&t.author, &id, |p| p["state"] == "published").await;
    let statuses = mock.statuses().await;
    let attachment = &statuses[0]["media_attachments"][0];
    assert_eq!(
        attachment["description"],
        "Maria with the cardiology team at the finish line"
    );
    let (_, item) = t.author.get(&format!("/api/v1/media/{media_id}")).await;
    assert_eq!(item["posts"].as_array().unwrap().len(), 2);
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}
