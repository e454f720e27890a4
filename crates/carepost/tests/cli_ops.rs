//! The operator's commands, run as a user would run them.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

fn carepost() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_carepost"));
    c.env_remove("CAREPOST_DATABASE_URL")
        .env_remove("CAREPOST_CONFIG");
    c
}

fn admin_create(db: &str, email: &str, password: &str) -> std::process::Output {
    let mut child = carepost()
        .args([
            "admin",
            "create",
            "--database",
            db,
            "--email",
            email,
            "--org",
            "Riverside",
            "--password-stdin",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{password}\n").as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn config_masks_secrets_and_reads_the_environment() {
    let out = carepost()
        .arg("config")
        .env(
            "CAREPOST_DATABASE_URL",
            "postgres://carepost:hunter2@db.internal/carepost",
        )
        .env("CAREPOST_BIND", "0.0.0.0:9000")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success());
    assert!(text.contains("bind = \"0.0.0.0:9000\""), "{text}");
    assert!(
        text.contains("postgres://carepost:****@db.internal/carepost"),
        "{text}"
    );
    assert!(!text.contains("hunter2"));
}

#[test]
fn admin_token_and_audit_commands_work_together() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}/c.db", dir.path().display());
    let out = admin_create(&db, "ops@riverside.example", "short");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("password"));

    let out = admin_create(&db, "ops@riverside.example", "a long enough password");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let out = carepost()
        .args([
            "token",
            "create",
            "--database",
            &db,
            "--email",
            "ops@riverside.example",
            "--name",
            "ci",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .trim()
        .starts_with("cpt_"));

    let out = carepost()
        .args(["audit", "verify", "--database", &db])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("chain intact"));
}

#[tokio::test]
async fn audit_verify_detects_an_edited_entry() {
    use sqlx::Connection;
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}/c.db", dir.path().display());
    assert!(
        admin_create(&db, "ops@riverside.example", "a long enough password")
            .status
            .success()
    );
    let mut conn = sqlx::SqliteConnection::connect(&db).await.unwrap();
    // Someone with file access bypasses the append-only trigger and rewrites history.
    sqlx::query("DROP TRIGGER audit_log_no_update")
        .execute(&mut conn)
        .await
        .unwrap();
    sqlx::query("UPDATE audit_log SET actor = 'someone-else' WHERE seq = 1")
        .execute(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
    let out = carepost()
        .args(["audit", "verify", "--database", &db])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("CHAIN BROKEN") && text.contains("entry 1"),
        "{text}"
    );
}

/// A running `carepost serve`, stopped when dropped.
struct Served(std::process::Child);

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `carepost serve` in `dir` with extra arguments; returns the process, its base URL
/// and every line it printed before announcing the address.
fn start_serve(dir: &std::path::Path, args: &[&str]) -> (Served, String, Vec<String>) {
    let mut child = carepost()
        .args(["serve", "--bind", "127.0.0.1:0"])
        .args(args)
        .current_dir(dir)
        .env("CAREPOST_LOG", "warn")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let child = Served(child);
    let mut printed = Vec::new();
    for line in BufReader::new(stdout).lines() {
        let line = line.unwrap();
        if let Some(rest) = line.strip_prefix("Carepost is running at ") {
            let base = rest.split_whitespace().next().unwrap().to_string();
            return (child, base, printed);
        }
        printed.push(line);
    }
    panic!("serve ended without announcing its address: {printed:?}");
}

#[tokio::test]
async fn serve_with_no_configuration_prints_a_setup_link_and_answers() {
    let dir = tempfile::tempdir().unwrap();
    let (child, base, printed) = start_serve(dir.path(), &[]);
    let link = printed
        .iter()
        .find(|l| l.contains("/setup?token=cpsetup_"))
        .cloned();
    let ready = reqwest::get(format!("{base}/readyz"))
        .await
        .map(|r| r.status());
    let setup_page = match &link {
        Some(l) => reqwest::get(l.trim())
            .await
            .map(|r| r.status().as_u16())
            .unwrap_or(0),
        None => 0,
    };
    drop(child);
    assert!(link.is_some(), "no setup link in {printed:?}");
    assert_eq!(ready.unwrap(), 200);
    assert_eq!(setup_page, 200, "the printed link opens the setup page");
    assert!(
        dir.path().join("carepost.db").exists(),
        "default database is ./carepost.db"
    );
}

#[tokio::test]
async fn serve_demo_fills_a_fresh_database_with_working_accounts() {
    let dir = tempfile::tempdir().unwrap();
    let (child, base, printed) = start_serve(dir.path(), &["--demo"]);
    let c = reqwest::Client::new();
    let login = c
        .post(format!("{base}/api/v1/login"))
        .json(&serde_json::json!({"email": "compliance@riverside.example", "password": domain_password()}))
        .send()
        .await
        .map(|r| r.status());
    drop(child);
    assert!(
        printed
            .iter()
            .any(|l| l.contains("compliance@riverside.example")),
        "{printed:?}"
    );
    assert_eq!(login.unwrap(), 200);
}

fn domain_password() -> &'static str {
    "carepost-demo-2026"
}

#[test]
fn half_configured_messaging_stops_serve_with_the_missing_setting_named() {
    let dir = tempfile::tempdir().unwrap();
    let out = carepost()
        .args(["serve", "--bind", "127.0.0.1:0"])
        .current_dir(dir.path())
        .env("CAREPOST_SMTP_URL", "smtp://127.0.0.1:2525")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("smtp_from"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = carepost()
        .args(["serve", "--bind", "127.0.0.1:0"])
        .current_dir(dir.path())
        .env("CAREPOST_TWILIO_ACCOUNT_SID", "AC123")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(
        err.contains("twilio_auth_token") && err.contains("twilio_from"),
        "{err}"
    );
}

/// `carepost serve` configured with `smtp_url` emails a facility alert to a real SMTP server
/// on loopback (aiosmtpd writing a Maildir).
#[tokio::test]
async fn serve_emails_facility_alerts_through_the_configured_smtp_server() {
    let launcher = std::env::var("CAREPOST_SMTP_SERVER").unwrap_or_else(|_| {
        format!(
            "{}/../../.cache/aiosmtpd/bin/maildir_server",
            env!("CARGO_MANIFEST_DIR")
        )
    });
    let dir = tempfile::tempdir().unwrap();
    let maildir = dir.path().join("mail");
    let mut smtp = std::process::Command::new(&launcher)
        .arg(&maildir)
        .arg("0")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("start {launcher} (scripts/aiosmtpd install): {e}"));
    let mut line = String::new();
    BufReader::new(smtp.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let port = line.trim().strip_prefix("ready ").unwrap().to_string();
    let smtp = Served(smtp);

    let mut child = carepost()
        .args(["serve", "--bind", "127.0.0.1:0", "--demo"])
        .current_dir(dir.path())
        .env("CAREPOST_LOG", "warn")
        .env("CAREPOST_SMTP_URL", format!("smtp://127.0.0.1:{port}"))
        .env(
            "CAREPOST_SMTP_FROM",
            "Riverside Health <alerts@riverside.example>",
        )
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let served = Served(child);
    let base = BufReader::new(stdout)
        .lines()
        .map(|l| l.unwrap())
        .find_map(|l| {
            l.strip_prefix("Carepost is running at ")
                .map(|r| r.split_whitespace().next().unwrap().to_string())
        })
        .expect("serve announces its address");
    let db = format!("sqlite://{}/carepost.db", dir.path().display());
    let token = |email: &str| {
        let out = carepost()
            .args([
                "token",
                "create",
                "--database",
                &db,
                "--email",
                email,
                "--name",
                "t",
            ])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    };
    let (admin, approver) = (
        token("admin@riverside.example"),
        token("compliance@riverside.example"),
    );
    let c = reqwest::Client::new();
    let res = c
        .put(format!("{base}/api/v1/segments"))
        .bearer_auth(&admin)
        .json(&serde_json::json!({"segments": ["Main Campus"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let res = c
        .post(format!("{base}/api/v1/contacts/import"))
        .bearer_auth(&approver)
        .header("content-type", "text/csv")
        .body(
            "name,email,phone,language,segments,email_opt_in,sms_opt_in,voice_opt_in\n\
             Ana Lopez,ana@example.org,,es,Main Campus,yes,no,no\n",
        )
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let expires = (chrono::Utc::now() + chrono::Duration::hours(4)).to_rfc3339();
    let res = c
        .post(format!("{base}/api/v1/alerts"))
        .bearer_auth(&approver)
        .json(&serde_json::json!({"title": "Garage closed", "body": "The main garage is closed today; park on Elm Street.",
            "channel_ids": [], "segments": ["Main Campus"], "notify": {"email": true, "sms": false, "voice": false},
            "expires_at": expires}))
        .send()
        .await
        .unwrap();
    let status = res.status();
    let alert: serde_json::Value = res.json().await.unwrap();
    assert_eq!(status, 201, "{alert}");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let mail = loop {
        let found: Vec<_> = ["new", "cur"]
            .iter()
            .filter_map(|sub| std::fs::read_dir(maildir.join(sub)).ok())
            .flatten()
            .flatten()
            .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
            .collect();
        if let Some(m) = found.into_iter().next() {
            break m;
        }
        assert!(std::time::Instant::now() < deadline, "no email arrived");
        std::thread::sleep(std::time::Duration::from_millis(200));
    };
    drop(served);
    drop(smtp);
    assert!(mail.contains("ana@example.org"), "{mail}");
    assert!(mail.contains("Garage closed"), "{mail}");
    assert!(mail.contains("List-Unsubscribe"), "{mail}");
    assert!(
        mail.contains(&format!("{base}/u/")),
        "links point at the server: {mail}"
    );
}
