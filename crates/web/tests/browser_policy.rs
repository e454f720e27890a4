//! The commenting policy in a real browser (no JavaScript needed): compliance switches a rule
//! off, sets the targets and publishes version 1; the public page shows it to anyone; the
//! response library takes an answer and refuses one without a usable source. Needs
//! `chromium` and `chromium-driver`.

mod common;
#[path = "common/browser.rs"]
mod harness;

use common::TestServer;
use domain::Role;
use harness::{fits_a_phone, maybe_shoot, Session};

const APPROVER_EMAIL: &str = "compliance@riverside.example";
const MEMBER_PASSWORD: &str = "a long enough password";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn compliance_publishes_the_commenting_policy_and_keeps_the_response_library() {
    let server = TestServer::sqlite().await;
    let admin = server.setup().await;
    let approver = server.user(&admin, APPROVER_EMAIL, Role::Approver).await;
    server.train(&admin, &[&approver]).await;
    let api = server.api(&approver);
    Session::start(false)
        .await
        .run(
            server.base.clone(),
            server.desk.clone(),
            move |t| async move {
                t.sign_in(APPROVER_EMAIL, MEMBER_PASSWORD).await;
                assert!(t.nav_links().await.contains(&"/policy".to_string()));
                t.go("/policy").await;
                let lead = t.text("p.lead").await;
                assert!(lead.contains("built-in policy"), "{lead}");
                let rules = t.text("table.rules").await;
                assert!(rules.contains("2. No spam"), "{rules}");
                maybe_shoot(&t, "policy").await;
                fits_a_phone(&t, "the policy page").await;

                // A bad target is refused with the reason, and nothing is published.
                t.fill("#f-first_response_minutes", "0").await;
                t.submit("#policy-form").await;
                let problem = t.wait_text(".error-summary", "minute").await;
                assert!(
                    problem.contains("between 1 minute and 14 days"),
                    "{problem}"
                );
                let (_, policy) = api.get("/api/v1/commenting-policy").await;
                assert_eq!(policy["current"]["version"], 0, "nothing was published");

                // Spam hiding off, a 45-minute first-response target, and publish.
                t.go("/policy").await;
                t.wait_for("#auto_spam")
                    .await
                    .click()
                    .await
                    .expect("untick spam");
                t.fill("#f-first_response_minutes", "45").await;
                t.submit("#policy-form").await;
                t.wait_text(".notice", "commenting policy is published")
                    .await;
                let lead = t.text("p.lead").await;
                assert!(lead.contains("Version 1"), "{lead}");
                let (_, policy) = api.get("/api/v1/commenting-policy").await;
                let spam = policy["current"]["rules"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|r| r["label"] == "spam")
                    .unwrap()
                    .clone();
                assert_eq!(spam["auto"], false, "{policy}");
                assert_eq!(policy["current"]["first_response_minutes"], 45);

                // The public page, signed out.
                let public = t
                    .wait_for("#public-link")
                    .await
                    .attr("href")
                    .await
                    .unwrap()
                    .unwrap();
                t.submit("form[action='/logout']").await;
                t.wait_for("#f-email").await;
                t.go(&public).await;
                let page = t.text("main").await;
                assert!(
                    page.contains("version 1") && page.contains("No spam"),
                    "{page}"
                );
                assert!(page.contains("45 minutes"), "{page}");

                // The response library: an answer without an https source is refused.
                t.sign_in(APPROVER_EMAIL, MEMBER_PASSWORD).await;
                t.go("/policy").await;
                t.fill("#f-topic", "Flu shot gives you the flu").await;
                t.fill("#f-keywords", "flu shot ~ gives* the flu").await;
                t.fill(
                    "#f-answer",
                    "The flu shot cannot give you the flu: it holds no live virus.",
                )
                .await;
                t.fill("#f-sources", "www.cdc.gov/flu").await;
                t.submit("#new-response").await;
                let problem = t.wait_for("#e-template").await.text().await.unwrap();
                assert!(problem.contains("https"), "{problem}");
                // What was typed is kept; only the source needs fixing.
                let kept = t
                    .wait_js("return document.querySelector('#f-answer').value;")
                    .await;
                assert!(kept.contains("no live virus"), "{kept}");
                t.fill("#f-sources", "https://www.cdc.gov/flu/vaccines/index.html")
                    .await;
                t.submit("#new-response").await;
                t.wait_text(".notice", "saved").await;
                let (_, list) = api.get("/api/v1/responses").await;
                assert!(
                    list.to_string().contains("it holds no live virus"),
                    "{list}"
                );
            },
        )
        .await;
}
