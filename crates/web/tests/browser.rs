//! The desk in a real browser: headless Chromium driven through chromedriver against an
//! in-process server. Needs `chromium` and `chromium-driver` (Debian packages).

#[path = "common/browser.rs"]
mod harness;

use domain::user::NewUserInput;
use domain::{Actor, Desk};
use fantoccini::Locator;
use harness::{fits_a_phone, maybe_shoot, Session, T};
use std::sync::Arc;

const ORG: &str = "Riverside Community Health";
const ADMIN_EMAIL: &str = "dana@riverside.example";
const ADMIN_PASSWORD: &str = "correct horse battery staple";

/// An organisation with its administrator, created through the desk.
async fn org_with_admin(desk: &Desk) -> Actor {
    desk.create_admin(ORG, ADMIN_EMAIL, "Dana Whitfield", ADMIN_PASSWORD)
        .await
        .expect("create admin");
    actor(desk, ADMIN_EMAIL).await
}

async fn actor(desk: &Desk, email: &str) -> Actor {
    let (secret, _) = desk
        .create_token_for(email, "browser test")
        .await
        .expect("token");
    desk.authenticate_token(&secret, None)
        .await
        .expect("authenticate")
        .expect("valid token")
}

/// Starts the server, chromedriver and a fresh headless browser, runs the test, and closes
/// the browser even when the test fails (so no Chromium outlives it).
async fn run<F, Fut>(test: F)
where
    F: FnOnce(T) -> Fut,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    run_with(true, test).await
}

/// [`run`], with JavaScript switched on or off in the browser.
async fn run_with<F, Fut>(javascript: bool, test: F)
where
    F: FnOnce(T) -> Fut,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let (url, _db_dir) = store::testing::fresh_sqlite_url();
    let desk = Arc::new(Desk::new(
        store::connect(&url).await.expect("open store"),
        domain::secret_box::SecretBox::ephemeral(),
    ));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let state = web::AppState::new(desk.clone(), web::WebConfig::default());
    let server = tokio::spawn(web::serve(listener, state, async {
        let _ = stopped.await;
    }));
    Session::start(javascript).await.run(base, desk, test).await;
    let _ = stop.send(());
    let _ = server.await;
}

#[tokio::test]
async fn first_run_setup_signs_the_admin_in_to_the_dashboard() {
    run(|t| async move {
        let token = t.desk.begin_setup().await.unwrap().expect("fresh install");
        t.go(&format!("/setup?token={token}")).await;
        assert_eq!(t.text("h1").await, "Set up Carepost");

        // A too-short password is refused with the field named, and the input kept.
        t.fill("#f-org_name", ORG).await;
        t.fill("#f-name", "Dana Whitfield").await;
        t.fill("#f-email", ADMIN_EMAIL).await;
        t.fill("#f-password", "short").await;
        t.submit("form[action='/setup']").await;
        t.wait_text(".error-summary", "at least 12 characters")
            .await;
        maybe_shoot(&t, "setup-error").await;
        let kept = t.wait_for("#f-org_name").await.prop("value").await.unwrap();
        assert_eq!(kept.as_deref(), Some(ORG));

        t.fill("#f-password", ADMIN_PASSWORD).await;
        t.submit("form[action='/setup']").await;
        assert_eq!(t.wait_text("main h1", ORG).await, ORG);
        assert_eq!(t.path().await, "/");
        t.wait_text("main", "You are signed in as Administrator")
            .await;
        t.wait_text("main", "No social media handbook is published yet")
            .await;
        assert!(t.nav_links().await.contains(&"/users".to_string()));

        // The link works once.
        t.go(&format!("/setup?token={token}")).await;
        assert_eq!(t.text("main h1").await, "This setup link is not valid");
    })
    .await;
}

#[tokio::test]
async fn wrong_password_is_refused_and_the_right_one_reaches_the_dashboard() {
    run(|t| async move {
        org_with_admin(&t.desk).await;
        // Asking for a page first: sign-in sends us back to it.
        t.go("/users").await;
        assert_eq!(t.path().await, "/login");
        t.fill("#f-email", ADMIN_EMAIL).await;
        t.fill("#f-password", "not the password at all").await;
        t.submit("form[action='/login']").await;
        t.wait_text(".error-summary", "email or password is not correct")
            .await;
        maybe_shoot(&t, "login-error").await;
        assert_eq!(t.path().await, "/login");
        let kept = t.wait_for("#f-email").await.prop("value").await.unwrap();
        assert_eq!(kept.as_deref(), Some(ADMIN_EMAIL));

        t.fill("#f-password", ADMIN_PASSWORD).await;
        t.submit("form[action='/login']").await;
        t.wait_text("main h1", "Users").await;
        assert_eq!(t.path().await, "/users");
        t.go("/").await;
        assert_eq!(t.text("main h1").await, ORG);

        // Signing out ends the session: the dashboard asks to sign in again.
        t.submit("form[action='/logout']").await;
        t.wait_text(".notice", "You are signed out").await;
        t.go("/").await;
        assert_eq!(t.path().await, "/login");
    })
    .await;
}

#[tokio::test]
async fn viewer_neither_sees_nor_opens_the_users_page() {
    run(|t| async move {
        let admin = org_with_admin(&t.desk).await;
        t.desk
            .create_user(
                &admin.admin().unwrap(),
                NewUserInput {
                    email: "vic@riverside.example".into(),
                    name: "Vic Viewer".into(),
                    role: "viewer".into(),
                    password: Some("a long enough password".into()),
                },
            )
            .await
            .unwrap();
        t.sign_in("vic@riverside.example", "a long enough password")
            .await;
        t.wait_text("main", "You are signed in as Viewer").await;
        let nav = t.nav_links().await;
        assert!(nav.contains(&"/check".to_string()), "{nav:?}");
        for admin_only in ["/users", "/settings", "/sessions", "/audit"] {
            assert!(
                !nav.contains(&admin_only.to_string()),
                "{admin_only} in {nav:?}"
            );
        }

        t.go("/users").await;
        assert_eq!(t.text("main h1").await, "This page is not available to you");
        t.wait_text("main", "It is for administrators").await;
        maybe_shoot(&t, "forbidden").await;
        t.wait_text("main", "Viewer").await;
        assert!(t
            .c
            .find(Locator::Css("form[action='/users']"))
            .await
            .is_err());
    })
    .await;
}

#[tokio::test]
async fn draft_checker_highlights_an_mrn_as_you_type() {
    run(|t| async move {
        let admin = org_with_admin(&t.desk).await;
        t.desk
            .publish_handbook(&admin.admin().unwrap(), "Never share patient information.")
            .await
            .unwrap();
        t.desk.acknowledge_handbook(&admin, None).await.unwrap();
        t.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD).await;
        t.wait_text("main h1", ORG).await;

        t.go("/check").await;
        let draft = t.wait_for("#f-text").await;
        draft
            .send_keys("Great news for MRN 4471203 today")
            .await
            .unwrap();
        // Results are re-rendered as the text settles, so read the mark in one step.
        let mark = t
            .wait_js(
                "const m = document.querySelector(\"#preview mark[data-kind='mrn']\"); \
                 return m && m.textContent.includes('4471203') ? m.dataset.whose : null;",
            )
            .await;
        assert_eq!(mark, "patient");
        t.wait_text("#verdict", "Blocked").await;
        t.wait_text("#findings", "4471203").await;

        // Taking the number out clears the block.
        t.fill("#f-text", "Great news from the maternity ward today")
            .await;
        t.wait_text("#verdict", "Pass").await;
        assert!(t
            .c
            .find(Locator::Css("#preview mark[data-kind='mrn']"))
            .await
            .is_err());
    })
    .await;
}

#[tokio::test]
async fn draft_checker_works_without_javascript() {
    run_with(false, |t| async move {
        org_with_admin(&t.desk).await;
        t.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD).await;
        t.wait_text("main h1", ORG).await;
        t.go("/check").await;
        // Without the script nothing happens while typing; the button posts the form.
        t.wait_text("#h-text", "Press Check").await;
        t.fill("#f-text", "Great news for MRN 4471203 today").await;
        t.submit("#check-form").await;
        t.wait_text("#verdict", "Blocked").await;
        let mark = t.wait_for("#preview mark[data-kind='mrn']").await;
        assert!(mark.text().await.unwrap().contains("4471203"));
        let kept = t.wait_for("#f-text").await.prop("value").await.unwrap();
        assert_eq!(kept.as_deref(), Some("Great news for MRN 4471203 today"));
    })
    .await;
}

#[tokio::test]
async fn dashboard_and_checker_fit_desktop_and_phone_widths() {
    run(|t| async move {
        org_with_admin(&t.desk).await;
        t.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD).await;
        t.wait_text("main h1", ORG).await;
        for width in [1280, 375] {
            t.go("/").await;
            t.wait_for("main h1").await;
            let shot = t.screenshot("dashboard", width).await;
            assert_eq!(
                t.horizontal_overflow().await,
                0,
                "dashboard scrolls sideways at {width}px ({})",
                shot.display()
            );

            t.go("/check").await;
            t.fill(
                "#f-text",
                "Call Dr. Okafor about MRN 4471203, born 03/14/1951.",
            )
            .await;
            t.wait_for("#verdict.block, #verdict.pass").await;
            let shot = t.screenshot("check", width).await;
            assert_eq!(
                t.horizontal_overflow().await,
                0,
                "/check scrolls sideways at {width}px ({})",
                shot.display()
            );
        }
    })
    .await;
}

#[tokio::test]
async fn admin_publishes_the_handbook_acknowledges_it_and_manages_the_team() {
    run(|t| async move {
        org_with_admin(&t.desk).await;
        t.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD).await;
        t.wait_text("main", "No social media handbook is published yet")
            .await;
        maybe_shoot(&t, "dashboard-empty").await;

        // Publishing: an empty text is refused on the field, then a real one goes out.
        t.go("/handbook").await;
        t.fill("#f-text", "   ").await;
        t.submit("form[action='/handbook']").await;
        t.wait_text(".error-summary", "cannot be empty").await;
        t.fill(
            "#f-text",
            "Never post anything that could identify a patient.\n\nAsk before you share a photo.",
        )
        .await;
        t.submit("form[action='/handbook']").await;
        t.wait_text(".notice", "new handbook version is published")
            .await;
        t.wait_text("#status", "Missing (1)").await;
        maybe_shoot(&t, "handbook").await;

        // The dashboard asks for the acknowledgement until it is given.
        t.go("/").await;
        t.wait_text(".banner", "acknowledge the handbook (version 1)")
            .await;
        t.go("/handbook").await;
        t.submit("form[action='/handbook/acknowledge']").await;
        t.wait_text(".notice", "acknowledgement is recorded").await;
        t.wait_text("#status", "Acknowledged (1)").await;
        t.go("/").await;
        t.wait_text("main", "What you can do").await;
        assert!(
            t.c.find(Locator::Css(".banner")).await.is_err(),
            "banner still shown"
        );

        // Adding a member: the bad email is named and the name kept; then it works.
        t.go("/users").await;
        t.fill("#f-name", "Alex Author").await;
        t.fill("#f-email", "not-an-email").await;
        t.submit("form[action='/users']").await;
        t.wait_text(".error-summary", "not an email address").await;
        let kept = t.wait_for("#f-name").await.prop("value").await.unwrap();
        assert_eq!(kept.as_deref(), Some("Alex Author"));
        maybe_shoot(&t, "users-error").await;
        t.fill("#f-email", "alex@riverside.example").await;
        t.submit("form[action='/users']").await;
        t.wait_text(".notice", "team member was added").await;
        t.wait_text("table", "alex@riverside.example").await;

        // The other administrative pages open for an administrator.
        for (path, heading) in [
            ("/profile", "Public profile"),
            ("/settings", "Settings"),
            ("/sessions", "Sessions"),
            ("/audit", "Audit log"),
            ("/account", "My account"),
        ] {
            t.go(path).await;
            assert_eq!(t.text("main h1").await, heading, "{path}");
            maybe_shoot(&t, &path[1..]).await;
            fits_a_phone(&t, path).await;
        }
        t.go("/audit").await;
        t.wait_text("table", "handbook.publish").await;
        t.submit("form.inline[action='/audit']").await;
        t.wait_text("#verify-result", "The chain is intact").await;
    })
    .await;
}

/// Codes the desk would accept now (one 30-second step of drift either way).
fn codes_around_now(secret: &str) -> [String; 3] {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock after 1970")
        .as_secs();
    [now - 30, now, now + 30]
        .map(|t| domain::credentials::totp_code(secret, t).expect("valid secret"))
}

#[tokio::test]
async fn required_two_factor_is_enrolled_and_then_asked_for_at_sign_in() {
    run(|t| async move {
        org_with_admin(&t.desk).await;
        t.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD).await;
        t.wait_text("main h1", ORG).await;

        // Requiring two-factor sign-in confines an administrator without it to their account.
        t.go("/settings").await;
        t.wait_for("#f-require_two_factor")
            .await
            .click()
            .await
            .unwrap();
        t.submit("form[action='/settings']").await;
        t.wait_text(".banner", "Set up two-factor sign-in to continue")
            .await;
        assert_eq!(t.path().await, "/account");
        t.go("/users").await;
        assert_eq!(t.path().await, "/account");
        assert_eq!(t.nav_links().await, ["/", "/account"]);

        // Enrolment shows the key and a QR code; a wrong code is refused, the right one works.
        t.submit("form[action='/account/two-factor']").await;
        t.wait_for("#two-factor svg.qr").await;
        maybe_shoot(&t, "account-2fa").await;
        fits_a_phone(&t, "two-factor enrolment").await;
        let secret = t.text("#two-factor code.secret").await;
        let valid = codes_around_now(&secret);
        let wrong = (0..1_000_000)
            .map(|n| format!("{n:06}"))
            .find(|c| !valid.contains(c))
            .expect("a wrong code");
        t.fill("#f-code", &wrong).await;
        t.submit("form[action='/account/two-factor/confirm']").await;
        t.wait_text(".error-summary", "does not match").await;
        assert_eq!(
            t.text("#two-factor code.secret").await,
            secret,
            "same key kept"
        );
        t.fill("#f-code", &codes_around_now(&secret)[1]).await;
        t.submit("form[action='/account/two-factor/confirm']").await;
        t.wait_text(".notice", "Two-factor sign-in is on").await;
        assert!(t.nav_links().await.contains(&"/users".to_string()));

        // Signing in now takes the code as well as the password.
        t.submit("form[action='/logout']").await;
        t.wait_text(".notice", "You are signed out").await;
        t.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD).await;
        t.wait_text("form[action='/login']", "Enter the 6-digit code")
            .await;
        assert_eq!(t.path().await, "/login");
        t.fill("#f-password", ADMIN_PASSWORD).await;
        t.fill("#f-code", &codes_around_now(&secret)[1]).await;
        t.submit("form[action='/login']").await;
        assert_eq!(t.wait_text("main h1", ORG).await, ORG);
    })
    .await;
}
