//! The browser half of the end-to-end tests: chromedriver as a child process and a fresh
//! headless Chromium driven through it, with helpers that wait the way pages settle.
//! Included by the browser test files with `#[path = "common/browser.rs"] mod harness;`.
#![allow(dead_code)]

use domain::Desk;
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use std::net::TcpListener as StdListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const WAIT: Duration = Duration::from_secs(10);

/// chromedriver as a child process, killed when the test ends.
pub struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    pub fn start() -> Driver {
        let path = std::env::var_os("CHROMEDRIVER")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(CHROMEDRIVER));
        assert!(
            path.exists(),
            "{} not found: install Chromium and its driver (`apt-get install chromium chromium-driver`) \
             or set CHROMEDRIVER to the driver's path",
            path.display()
        );
        let port = StdListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let child = Command::new(&path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("could not start {}: {e}", path.display()));
        let driver = Driver { child, port };
        let deadline = Instant::now() + WAIT;
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "chromedriver did not listen on port {port}"
            );
            std::thread::sleep(Duration::from_millis(25));
        }
        driver
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What a test body gets: the browser, the server's address and the desk behind it.
pub struct T {
    pub c: Client,
    pub base: String,
    pub desk: Arc<Desk>,
}

impl T {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn go(&self, path: &str) {
        self.c.goto(&self.url(path)).await.expect("navigate");
    }

    pub async fn wait_for(&self, css: &str) -> Element {
        self.c
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element '{css}' appeared: {e}"))
    }

    /// The element's visible text, read in one script call so a page being replaced
    /// under us is simply read again.
    pub async fn text(&self, css: &str) -> String {
        let css = serde_json::to_string(css).expect("selector as JSON");
        self.wait_js(&format!(
            "const e = document.querySelector({css}); return e ? e.innerText.trim() : null;"
        ))
        .await
    }

    /// Waits until the element's text contains `needle`, and returns that text.
    pub async fn wait_text(&self, css: &str, needle: &str) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let text = self.text(css).await;
            if text.contains(needle) {
                return text;
            }
            assert!(
                Instant::now() < deadline,
                "'{css}' never contained '{needle}'; it says: {text}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Runs `script` until it returns a string, and returns it. Errors while a page is
    /// being replaced are retried like a null.
    pub async fn wait_js(&self, script: &str) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let last = match self.c.execute(script, vec![]).await {
                Ok(serde_json::Value::String(s)) => return s,
                Ok(other) => other.to_string(),
                Err(e) => e.to_string(),
            };
            assert!(
                Instant::now() < deadline,
                "waited in vain for: {script} (last result: {last})"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub async fn fill(&self, css: &str, value: &str) {
        let deadline = Instant::now() + WAIT;
        loop {
            let field = self.wait_for(css).await;
            let typed = match field.clear().await {
                Ok(()) => field.send_keys(value).await,
                Err(e) => Err(e),
            };
            match typed {
                Ok(()) => return,
                // The page was replaced between finding and typing: find it again.
                Err(_) if Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                Err(e) => panic!("could not type into '{css}': {e}"),
            }
        }
    }

    pub async fn submit(&self, form_css: &str) {
        self.wait_for(&format!("{form_css} button[type=submit]"))
            .await
            .click()
            .await
            .expect("click submit");
    }

    pub async fn path(&self) -> String {
        self.c
            .current_url()
            .await
            .expect("current url")
            .path()
            .to_string()
    }

    pub async fn sign_in(&self, email: &str, password: &str) {
        self.go("/login").await;
        self.fill("#f-email", email).await;
        self.fill("#f-password", password).await;
        self.submit("form[action='/login']").await;
        // The next navigation must not race the sign-in: wait for the page that follows it
        // (signed in: the password field is gone; or asked for the second factor's code).
        self.wait_js(
            "return document.readyState === 'complete' && (!document.querySelector('#f-password') \
             || document.querySelector('#f-code')) ? 'yes' : null;",
        )
        .await;
    }

    /// The hrefs of the main navigation.
    pub async fn nav_links(&self) -> Vec<String> {
        self.wait_for("nav.main-nav").await;
        let mut out = Vec::new();
        for a in self
            .c
            .find_all(Locator::Css("nav.main-nav a"))
            .await
            .expect("nav links")
        {
            out.push(a.attr("href").await.expect("href").unwrap_or_default());
        }
        out
    }

    pub async fn screenshot(&self, name: &str, width: u32) -> PathBuf {
        self.c.set_window_size(width, 900).await.expect("resize");
        let png = self.c.screenshot().await.expect("screenshot");
        let path = Path::new("/tmp").join(format!("carepost-{name}-{width}.png"));
        std::fs::write(&path, png).expect("write screenshot");
        path
    }

    /// How far the page is wider than the window (0 when nothing scrolls sideways).
    pub async fn horizontal_overflow(&self) -> i64 {
        self.c
            .execute(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;",
                vec![],
            )
            .await
            .expect("measure")
            .as_i64()
            .expect("a number")
    }
}

/// chromedriver and one headless Chromium with its own profile; [`Session::run`] ends both.
pub struct Session {
    pub client: Client,
    driver: Driver,
    _profile: tempfile::TempDir,
}

impl Session {
    /// Starts chromedriver and a browser, with JavaScript on or off.
    pub async fn start(javascript: bool) -> Session {
        let driver = Driver::start();
        let profile = tempfile::tempdir().expect("browser profile dir");
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({
                "binary": CHROMIUM,
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--window-size=1280,900",
                    format!("--user-data-dir={}", profile.path().display()),
                ],
                // 2 = block: the pages must work without their script.
                "prefs": {"profile.managed_default_content_settings.javascript": if javascript { 1 } else { 2 }},
            }),
        );
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", driver.port))
            .await
            .expect("start headless Chromium through chromedriver");
        Session {
            client,
            driver,
            _profile: profile,
        }
    }

    /// Runs `test` with the browser against `base`, then closes the browser even when the
    /// test fails (so no Chromium outlives it), and re-raises the failure.
    pub async fn run<F, Fut>(self, base: String, desk: Arc<Desk>, test: F)
    where
        F: FnOnce(T) -> Fut,
        Fut: std::future::Future<Output = ()> + Send + 'static,
    {
        let outcome = tokio::spawn(test(T {
            c: self.client.clone(),
            base,
            desk,
        }))
        .await;
        let _ = self.client.close().await;
        drop(self.driver);
        if let Err(e) = outcome {
            std::panic::resume_unwind(e.into_panic());
        }
    }
}

/// Saves the page as `name` at both widths when CAREPOST_SCREENSHOTS names a directory (for
/// looking at the layout by eye); returns to the desktop width afterwards.
pub async fn maybe_shoot(t: &T, name: &str) {
    let Some(dir) = std::env::var_os("CAREPOST_SCREENSHOTS") else {
        return;
    };
    for width in [375, 1280] {
        t.c.set_window_size(width, 900).await.expect("resize");
        let png = t.c.screenshot().await.expect("screenshot");
        std::fs::write(Path::new(&dir).join(format!("{name}-{width}.png")), png).expect("write");
    }
}

/// The current page needs no sideways scrolling at 375 pixels (then back to the desktop).
pub async fn fits_a_phone(t: &T, what: &str) {
    t.c.set_window_size(375, 900).await.expect("resize");
    let overflow = t.horizontal_overflow().await;
    t.c.set_window_size(1280, 900).await.expect("resize");
    assert_eq!(overflow, 0, "{what} scrolls sideways at 375px");
}
