//! The inbox in a real browser: mentions arrive from a real Mastodon API server
//! (`mastodon-mock`), a responder filters the queue, moves through it with the keyboard,
//! answers with the suggested reply (the mock receives it), is stopped from sending a reply
//! that names a patient (the draft is kept), and sees a new mention appear without a reload.
//! Needs `chromium` and `chromium-driver`, and `scripts/mastodon-mock install` (or
//! CAREPOST_MASTODON_MOCK pointing at the executable).

mod common;
#[path = "common/browser.rs"]
mod harness;

use channels::testing::MockMastodon;
use common::TestServer;
use domain::Role;
use harness::{fits_a_phone, maybe_shoot, Session, T};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

const RESPONDER_EMAIL: &str = "frontdesk@riverside.example";
const ADMIN_EMAIL: &str = "admin@riverside.example";
const ADMIN_PASSWORD: &str = "correct horse battery staple";
/// What `TestServer::user` gives everyone it creates.
const MEMBER_PASSWORD: &str = "a long enough password";

const ADVICE: &str =
    "@testuser I have had a rash since Monday, what cream should I use? Call me at (415) 555-0199";
const PRAISE: &str = "@testuser thank you, the nurses on the third floor were wonderful";
const VISITING: &str = "@testuser what are your visiting hours on Sunday?";

/// A second account on the Mastodon server (someone writing to the hospital); its token.
async fn commenter(mock: &MockMastodon) -> String {
    let res: Value = reqwest::Client::new()
        .post(format!("{}/api/v1/_mock/dev_user", mock.base_url))
        .json(&json!({"username": "patient1"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    res["access_token"].as_str().unwrap().to_string()
}

/// Posts a status mentioning the hospital's account, on the mock at `base_url`.
async fn mention(base_url: &str, token: &str, text: &str) {
    let res = reqwest::Client::new()
        .post(format!("{base_url}/api/v1/statuses"))
        .bearer_auth(token)
        .form(&[("status", text)])
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "{}", res.text().await.unwrap());
}

/// Waits until the inbox (read through the API) holds `n` items; returns them.
async fn inbox_items(api: &common::Api, n: usize) -> Vec<Value> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let (_, inbox) = api.get("/api/v1/inbox").await;
        let items = inbox["items"].as_array().cloned().unwrap_or_default();
        if items.len() >= n {
            return items;
        }
        assert!(
            Instant::now() < deadline,
            "inbox has {}: {inbox}",
            items.len()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Clicks `css`, finding it again if the list re-rendered between finding and clicking
/// (a stale element under load), for up to ten tries.
async fn click(t: &T, css: &str) {
    for _ in 0..10 {
        match t.wait_for(css).await.click().await {
            Ok(()) => return,
            Err(e) if format!("{e:?}").contains("StaleElementReference") => {
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(e) => panic!("click: {e:?}"),
        }
    }
    panic!("click: {css} kept going stale");
}

/// Presses a key with the focus on the selected row (keys go to the page, not a field).
async fn press(t: &T, key: &str) {
    t.wait_for("#queue li.selected .row-link")
        .await
        .send_keys(key)
        .await
        .expect("press a key");
}

async fn wait_rows(t: &T, n: usize) {
    t.wait_js(&format!(
        "return document.querySelectorAll('#queue li[data-id]').length === {n} ? 'yes' : null;"
    ))
    .await;
}

async fn selected(t: &T) -> String {
    t.wait_js(
        "const d = document.getElementById('item-detail'); \
         const li = document.querySelector('#queue li.selected'); \
         return d && li && li.dataset.id === d.dataset.item ? d.dataset.item : null;",
    )
    .await
}

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

struct Desk {
    server: TestServer,
    mock: MockMastodon,
    patient: String,
    responder: common::Api,
}

/// A server with a trained responder, a Mastodon channel and two mentions in the inbox.
async fn desk() -> Desk {
    let mock = MockMastodon::start().await;
    let server = TestServer::sqlite().await;
    let admin = server.setup().await;
    let responder = server.user(&admin, RESPONDER_EMAIL, Role::Responder).await;
    server.train(&admin, &[&responder]).await;
    common::mastodon_channel(&server.api(&admin), &mock).await;
    let patient = commenter(&mock).await;
    mention(&mock.base_url, &patient, ADVICE).await;
    inbox_items(&server.api(&responder), 1).await;
    mention(&mock.base_url, &patient, PRAISE).await;
    inbox_items(&server.api(&responder), 2).await;
    Desk {
        responder: server.api(&responder),
        server,
        mock,
        patient,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_responder_triages_filters_and_answers_the_inbox() {
    let Desk {
        server,
        mock,
        patient,
        responder,
    } = desk().await;
    let items = inbox_items(&responder, 2).await;
    let advice = items
        .iter()
        .find(|i| i["labels"].to_string().contains("advice_request"))
        .expect("the advice request is labelled")
        .clone();
    let advice_id = advice["id"].as_str().unwrap().to_string();
    let suggested = advice["suggested_reply"].as_str().unwrap().to_string();
    let praise_id = items.iter().find(|i| i["id"] != advice["id"]).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let mock_url = mock.base_url.clone();
    let expected_reply = suggested.clone();
    Session::start(true)
        .await
        .run(
            server.base.clone(),
            server.desk.clone(),
            move |t| async move {
                t.sign_in(RESPONDER_EMAIL, MEMBER_PASSWORD).await;
                let nav = t.nav_links().await;
                assert_eq!(nav.get(1).map(String::as_str), Some("/inbox"), "{nav:?}");

                // The queue: both mentions, redacted, with their labels told apart.
                t.go("/inbox").await;
                wait_rows(&t, 2).await;
                let queue = t.text("#queue").await;
                assert!(!queue.contains("555-0199"), "shown redacted: {queue}");
                assert!(queue.contains("rash since Monday"), "{queue}");
                let chip = t
                    .text(&format!("#queue li[data-id='{advice_id}'] .chip-question"))
                    .await;
                assert_eq!(chip, "Asks for medical advice");
                let chip = t
                    .text(&format!("#queue li[data-id='{praise_id}'] .chip-label"))
                    .await;
                assert_eq!(chip, "Praise");
                // Each open item counts down to its first-response target.
                t.wait_text(
                    &format!("#queue li[data-id='{advice_id}'] .row-sla"),
                    "Reply due in",
                )
                .await;
                t.wait_text("#shortcuts summary", "Keyboard shortcuts").await;
                maybe_shoot(&t, "inbox").await;
                fits_a_phone(&t, "the inbox").await;

                // Filtering by label keeps the filter in the address.
                t.wait_for("#f-label").await;
                t.c.execute(
                    "const s = document.getElementById('f-label'); s.value = 'advice_request'; \
                     s.dispatchEvent(new Event('change', {bubbles: true}));",
                    vec![],
                )
                .await
                .expect("choose a label");
                t.wait_js(
                    "return location.search.includes('label=advice_request') ? 'yes' : null;",
                )
                .await;
                wait_rows(&t, 1).await;
                assert_eq!(
                    t.wait_js("return document.querySelector('#queue li').dataset.id;")
                        .await,
                    advice_id
                );

                // A new mention appears while the page stays open, counted as new.
                t.go("/inbox").await;
                wait_rows(&t, 2).await;
                mark_page(&t).await;
                mention(&mock_url, &patient, VISITING).await;
                t.wait_text("#new-items", "1 new").await;
                wait_rows(&t, 3).await;
                assert!(t.text("#queue").await.contains("visiting hours"));
                assert_page_kept(&t).await;

                // Keyboard: j and k move the selection, e resolves; typing in the reply
                // box fires no shortcut.
                let first = selected(&t).await;
                press(&t, "j").await;
                let second = t
                    .wait_js(&format!(
                        "const d = document.getElementById('item-detail').dataset.item; \
                         return d !== '{first}' && document.querySelector('#queue li.selected')?.dataset.id === d ? d : null;"
                    ))
                    .await;
                press(&t, "k").await;
                t.wait_js(&format!(
                    "return document.getElementById('item-detail').dataset.item === '{first}' ? 'yes' : null;"
                ))
                .await;
                assert!(
                    t.wait_js("return location.search;").await.contains(&first),
                    "the selection is in the address"
                );
                t.fill("#reply-body", "just typing j and e here").await;
                tokio::time::sleep(Duration::from_millis(300)).await;
                assert_eq!(selected(&t).await, first, "j while typing moved the selection");
                press(&t, "e").await;
                t.wait_text("#item-state", "Resolved").await;
                t.wait_text("#item-status", "Resolved.").await;
                t.wait_text(
                    &format!("#queue li[data-id='{first}'] .row-state"),
                    "Resolved",
                )
                .await;
                assert_ne!(first, second);
                t.wait_text("#item-history", "Resolved").await;

                // h on Mastodon: the network cannot hide replies, and the page says so.
                press(&t, "h").await;
                t.wait_text("#item-status", "Mastodon").await;
                // Muting the author instead works there, and shows in the history.
                click(&t, "#btn-mute").await;
                t.wait_text("#item-status", "Author muted.").await;
                t.wait_text("#item-history", "Author muted").await;

                // a assigns it to me; Undo in the history gives it back.
                press(&t, "a").await;
                t.wait_text("#item-assignee", "You").await;
                t.wait_text(&format!("#queue li[data-id='{first}'] .row-assignee"), "You")
                    .await;
                let history = t.wait_text("#item-history", "Assigned").await;
                assert!(history.contains("Undo"), "{history}");
                click(&t, "#item-history li:last-child button[data-undo]").await;
                t.wait_text("#item-status", "Undone.").await;
                t.wait_text("#item-assignee", "Unassigned").await;

                // The advice request: the suggested reply is filled in and goes out as is.
                click(&t, &format!("#queue li[data-id='{advice_id}'] .row-link")).await;
                t.wait_js(&format!(
                    "return document.getElementById('item-detail').dataset.item === '{advice_id}' ? 'yes' : null;"
                ))
                .await;
                assert_eq!(
                    t.wait_js("return document.getElementById('reply-body').value;")
                        .await,
                    expected_reply
                );
                // The policy's automatic hide could not be done on Mastodon: a person must
                // act, and the history shows the rule's clause.
                t.wait_text("#item-needs-person", "mute or report").await;
                assert_eq!(
                    t.wait_js("return document.getElementById('hide-clause').value;")
                        .await,
                    "3. Protect your privacy",
                    "a hide cites the clause covering the item's labels"
                );
                t.wait_text("#item-history", "auto · 3. Protect your privacy")
                    .await;
                click(&t, "#btn-reply").await;
                t.wait_text("#item-status", "Reply sent.").await;
                t.wait_text("#item-state", "Replied").await;
                assert_page_kept(&t).await;

                // A reply naming a patient is refused, and what was typed stays.
                click(&t, &format!("#queue li[data-id='{praise_id}'] .row-link")).await;
                t.wait_js(&format!(
                    "return document.getElementById('item-detail').dataset.item === '{praise_id}' ? 'yes' : null;"
                ))
                .await;
                let risky = "Thank you Maria Gonzalez, we hope your knee surgery went well! MRN 4829173";
                t.fill("#reply-body", risky).await;
                click(&t, "#btn-reply").await;
                let error = t.wait_text("#reply-error", "identify").await;
                assert!(error.contains("patient"), "{error}");
                assert_eq!(
                    t.wait_js("return document.getElementById('reply-body').value;")
                        .await,
                    risky
                );
                maybe_shoot(&t, "inbox-refused").await;
            },
        )
        .await;
    // The mock received the suggested reply, in reply to the mention, and nothing else.
    let sent = mock.statuses().await;
    let replies: Vec<&Value> = sent
        .iter()
        .filter(|s| s["in_reply_to_id"] == advice["remote_id"])
        .collect();
    assert_eq!(replies.len(), 1, "{sent:#?}");
    let html = replies[0]["content"].as_str().unwrap_or_default();
    let first_words: String = suggested.chars().take(20).collect();
    assert!(
        html.contains(&first_words) || html.contains(&first_words.replace('\'', "&#39;")),
        "{html} does not carry the suggested reply"
    );
    assert!(
        !json!(sent).to_string().contains("Gonzalez"),
        "the refused reply went out"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_weekly_report_shows_counts_and_drafts_a_post_about_a_question() {
    let Desk {
        server,
        mock,
        patient,
        responder,
    } = desk().await;
    mention(&mock.base_url, &patient, VISITING).await;
    mention(
        &mock.base_url,
        &patient,
        "@testuser can I visit my dad in the evening? what are the visiting hours?",
    )
    .await;
    inbox_items(&responder, 4).await;
    let (status, report) = responder.get("/api/v1/inbox/report").await;
    assert_eq!(status, 200, "the report API: {report}");
    let received = report["received"].as_i64().unwrap();
    assert_eq!(received, 4, "{report}");
    let headline = report["questions"][0]["headline"]
        .as_str()
        .unwrap_or_else(|| panic!("no question in {report}"))
        .to_string();
    Session::start(true)
        .await
        .run(
            server.base.clone(),
            server.desk.clone(),
            move |t| async move {
                // The administrator answers the inbox and writes posts.
                t.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD).await;
                t.go("/inbox/report").await;
                t.wait_text("#r-received", "4").await;
                let labels = t.text("#r-labels").await;
                assert!(labels.contains("Asks for medical advice"), "{labels}");
                assert!(labels.contains("Praise"), "{labels}");
                let sla = t.text("#r-sla").await;
                assert!(
                    sla.contains("First response") && sla.contains("1 h"),
                    "{sla}"
                );
                let questions = t.wait_text("#r-questions", &headline).await;
                assert!(questions.contains("Draft a post about this"), "{questions}");
                maybe_shoot(&t, "inbox-report").await;
                fits_a_phone(&t, "the inbox report").await;

                // The week picker moves a week back: nothing came in then.
                click(&t, "#prev-week").await;
                t.wait_js("return location.search.includes('week=') ? 'yes' : null;")
                    .await;
                t.wait_js(
                    "return document.getElementById('r-received').textContent === '0' ? 'yes' : null;",
                )
                .await;
                t.wait_text("#r-no-questions", "No recurring questions")
                    .await;

                // "Draft a post about this" opens the new draft.
                click(&t, "#next-week").await;
                click(&t, "#r-questions button.draft-post").await;
                t.wait_js("return /^\\/posts\\/[^/]+$/.test(location.pathname) ? 'yes' : null;")
                    .await;
            },
        )
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_queue_reads_and_filters_without_javascript() {
    let Desk {
        server, responder, ..
    } = desk().await;
    let items = inbox_items(&responder, 2).await;
    // Newest first: the praise, then the advice request.
    let (praise, advice) = (
        items[0]["id"].as_str().unwrap().to_string(),
        items[1]["id"].as_str().unwrap().to_string(),
    );
    Session::start(false)
        .await
        .run(
            server.base.clone(),
            server.desk.clone(),
            move |t| async move {
                t.sign_in(RESPONDER_EMAIL, MEMBER_PASSWORD).await;
                t.go("/inbox").await;
                let queue = t.wait_text("#queue", "rash since Monday").await;
                assert!(queue.contains("nurses on the third floor"), "{queue}");
                // The navigation counts what nobody has handled yet.
                let count = t.text("#nav-inbox-count").await;
                assert!(count.starts_with(|c: char| c.is_ascii_digit()), "{count}");
                assert!(!queue.contains("555-0199"), "{queue}");
                // The newest is shown, with the reply box and why the buttons wait.
                assert_eq!(
                    t.wait_js("return document.getElementById('item-detail').dataset.item;")
                        .await,
                    praise
                );
                t.wait_text("#js-note", "need JavaScript").await;
                // A row is a link to the same page with that item open.
                click(&t, &format!("#queue li[data-id='{advice}'] .row-link")).await;
                t.wait_text("#item-text", "rash since Monday").await;
                assert!(t
                    .wait_js("return document.getElementById('reply-body').value;")
                    .await
                    .contains(' '));
                // The filter form works as a plain GET.
                t.c.execute(
                    "document.getElementById('f-label').value = 'praise';",
                    vec![],
                )
                .await
                .expect("choose a label");
                t.submit("#inbox-filters").await;
                t.wait_js("return location.search.includes('label=praise') ? 'yes' : null;")
                    .await;
                wait_rows(&t, 1).await;
                t.wait_text("#queue", "nurses").await;
                // The weekly report is rendered by the server too.
                t.go("/inbox/report").await;
                t.wait_text("#r-received", "2").await;
                let labels = t.text("#r-labels").await;
                assert!(labels.contains("Praise"), "{labels}");
                assert!(t.text("#r-sla").await.contains("First response"));
            },
        )
        .await;
}

/// Signs in with a password through the API; the client keeps the session cookie.
async fn signed_in(server: &TestServer, email: &str) -> reqwest::Client {
    let c = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let res = c
        .post(server.url("/api/v1/login"))
        .json(&json!({"email": email, "password": MEMBER_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    c
}

#[tokio::test]
async fn only_responders_open_the_inbox() {
    let t = common::team().await;
    let responder = t
        .server
        .user(&t.admin.token, RESPONDER_EMAIL, Role::Responder)
        .await;
    t.server.train(&t.admin.token, &[&responder]).await;
    for (email, expected) in [
        ("board@riverside.example", 403),
        ("sofia@riverside.example", 403),
        (RESPONDER_EMAIL, 200),
    ] {
        let c = signed_in(&t.server, email).await;
        let res = c.get(t.server.url("/inbox")).send().await.unwrap();
        let status = res.status().as_u16();
        let html = res.text().await.unwrap();
        assert_eq!(status, expected, "{email}: {html}");
        if expected == 403 {
            assert!(html.contains("not available to you"), "{html}");
            assert!(!html.contains("id=\"queue\""), "{html}");
        } else {
            assert!(html.contains("id=\"queue\""), "{html}");
            assert!(html.contains("href=\"/inbox\""), "the nav links the inbox");
        }
    }
}
