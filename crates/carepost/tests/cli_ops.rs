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
