//! SmtpMailer against a real SMTP server on loopback: aiosmtpd storing to a Maildir
//! (installed by `scripts/aiosmtpd install`, found through CAREPOST_SMTP_SERVER), plus a
//! scripted fake for the failures aiosmtpd cannot produce (connection lost after the body).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use mail_parser::MessageParser;
use notify::{Email, Mailer, SendError, SmtpMailer};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt};

const FROM: &str = "Hospital Alerts <alerts@hospital.example>";

fn launcher() -> PathBuf {
    let path = std::env::var_os("CAREPOST_SMTP_SERVER")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.cache/aiosmtpd/bin/maildir_server")
        });
    assert!(
        path.exists(),
        "the SMTP test server {} is missing: run `scripts/aiosmtpd install` and export \
         CAREPOST_SMTP_SERVER=\"$(scripts/aiosmtpd install)\"",
        path.display()
    );
    path
}

struct SmtpServer {
    child: Child,
    port: u16,
    maildir: PathBuf,
}

impl SmtpServer {
    fn start(maildir: &Path, port: u16) -> SmtpServer {
        let mut child = Command::new(launcher())
            .arg(maildir)
            .arg(port.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("start the SMTP test server");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line
            .trim()
            .strip_prefix("ready ")
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("SMTP test server said {line:?}"));
        SmtpServer {
            child,
            port,
            maildir: maildir.to_path_buf(),
        }
    }

    fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Closing its stdin stops the server; it has then closed every connection.
    fn stop(mut self) {
        drop(self.child.stdin.take());
        self.child.wait().unwrap();
    }

    fn messages(&self) -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        for sub in ["new", "cur"] {
            let Ok(entries) = std::fs::read_dir(self.maildir.join(sub)) else {
                continue;
            };
            for entry in entries {
                out.push(std::fs::read(entry.unwrap().path()).unwrap());
            }
        }
        out
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn email(to: &str, key: &str) -> Email {
    Email {
        to: to.to_string(),
        to_name: Some("José Núñez".to_string()),
        subject: "Aviso: el garaje está cerrado mañana".to_string(),
        text: "El garaje de la clínica está cerrado mañana. Use la entrada norte.\n\
               .Una línea que empieza con punto.\n\
               Darse de baja: https://carepost.example/u/abc"
            .to_string(),
        html: "<p>El garaje de la clínica está <b>cerrado</b> mañana.</p>\
               <p><a href=\"https://carepost.example/u/abc\">Darse de baja</a></p>"
            .to_string(),
        unsubscribe_url: "https://carepost.example/u/abc".to_string(),
        idempotency_key: key.to_string(),
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[tokio::test]
async fn delivers_a_complete_message() {
    let dir = tempfile::tempdir().unwrap();
    let server = SmtpServer::start(dir.path(), 0);
    let mailer = SmtpMailer::new(&server.url(), FROM).unwrap();

    let sent = mailer
        .send(&email("patient@example.org", "outbox-17"))
        .await
        .unwrap();
    assert_eq!(sent.provider_id, "<outbox-17@carepost>");

    let stored = server.messages();
    assert_eq!(stored.len(), 1);
    let raw = String::from_utf8_lossy(&stored[0]).into_owned();
    // The envelope, as the server saw it.
    assert!(
        raw.starts_with("Return-Path: <alerts@hospital.example>\r\n"),
        "{raw}"
    );
    assert!(
        raw.contains("Delivered-To: patient@example.org\r\n"),
        "{raw}"
    );

    let message = MessageParser::default().parse(&stored[0]).unwrap();
    assert_eq!(
        message.subject(),
        Some("Aviso: el garaje está cerrado mañana")
    );
    let from = message.from().unwrap().first().unwrap();
    assert_eq!(from.address(), Some("alerts@hospital.example"));
    assert_eq!(from.name(), Some("Hospital Alerts"));
    let to = message.to().unwrap().first().unwrap();
    assert_eq!(to.address(), Some("patient@example.org"));
    assert_eq!(to.name(), Some("José Núñez"));
    assert_eq!(message.message_id(), Some("outbox-17@carepost"));
    assert_eq!(
        message.header_raw("List-Unsubscribe").map(str::trim),
        Some("<https://carepost.example/u/abc>")
    );
    assert_eq!(
        message.header_raw("List-Unsubscribe-Post").map(str::trim),
        Some("List-Unsubscribe=One-Click")
    );
    let text = message.body_text(0).unwrap();
    assert!(
        text.contains("El garaje de la clínica está cerrado mañana."),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l == ".Una línea que empieza con punto."),
        "{text}"
    );
    let html = message.body_html(0).unwrap();
    assert!(
        html.contains("<p>El garaje de la clínica está <b>cerrado</b> mañana.</p>"),
        "{html}"
    );
    assert_eq!(message.text_body_count(), 1);
    assert_eq!(message.html_body_count(), 1);
}

#[tokio::test]
async fn odd_idempotency_keys_still_make_valid_message_ids() {
    let dir = tempfile::tempdir().unwrap();
    let server = SmtpServer::start(dir.path(), 0);
    let mailer = SmtpMailer::new(&server.url(), FROM).unwrap();
    let sent = mailer
        .send(&email("patient@example.org", "alert 3/row@7"))
        .await
        .unwrap();
    assert_eq!(sent.provider_id, "<alert=203=2Frow=407@carepost>");
    let stored = server.messages();
    let message = MessageParser::default().parse(&stored[0]).unwrap();
    assert_eq!(message.message_id(), Some("alert=203=2Frow=407@carepost"));
}

#[tokio::test]
async fn server_down_is_transient() {
    let url = format!("smtp://127.0.0.1:{}", free_port());
    let mailer = SmtpMailer::new(&url, FROM).unwrap();
    let err = mailer
        .send(&email("patient@example.org", "k1"))
        .await
        .err()
        .unwrap();
    assert!(matches!(err, SendError::Transient(_)), "{err:?}");
}

#[tokio::test]
async fn pool_reconnects_after_a_server_restart() {
    let dir = tempfile::tempdir().unwrap();
    let server = SmtpServer::start(dir.path(), 0);
    let port = server.port;
    let mailer = SmtpMailer::new(&server.url(), FROM).unwrap();
    mailer
        .send(&email("patient@example.org", "before"))
        .await
        .unwrap();
    server.stop();

    // While it is down: certainly not sent.
    let err = mailer
        .send(&email("patient@example.org", "during"))
        .await
        .err()
        .unwrap();
    assert!(matches!(err, SendError::Transient(_)), "{err:?}");

    let dir2 = tempfile::tempdir().unwrap();
    let server = SmtpServer::start(dir2.path(), port);
    mailer
        .send(&email("patient@example.org", "after"))
        .await
        .unwrap();
    let stored = server.messages();
    assert_eq!(stored.len(), 1);
    let message = MessageParser::default().parse(&stored[0]).unwrap();
    assert_eq!(message.message_id(), Some("after@carepost"));
}

#[tokio::test]
async fn stale_pooled_connection_is_replaced_without_error() {
    let dir = tempfile::tempdir().unwrap();
    let server = SmtpServer::start(dir.path(), 0);
    let port = server.port;
    let mailer = SmtpMailer::new(&server.url(), FROM).unwrap();
    mailer
        .send(&email("patient@example.org", "first"))
        .await
        .unwrap();
    // The pooled connection dies with the server; the next send must not fail because of it.
    server.stop();
    let server = SmtpServer::start(dir.path(), port);
    mailer
        .send(&email("patient@example.org", "second"))
        .await
        .unwrap();
    assert_eq!(server.messages().len(), 2);
}

#[tokio::test]
async fn rejected_recipient_is_permanent_and_the_connection_stays_usable() {
    let dir = tempfile::tempdir().unwrap();
    let server = SmtpServer::start(dir.path(), 0);
    let mailer = SmtpMailer::new(&server.url(), FROM)
        .unwrap()
        .with_pool_size(1);
    let err = mailer
        .send(&email("rejected.patient@example.org", "r1"))
        .await
        .err()
        .unwrap();
    match &err {
        SendError::Permanent(message) => assert!(message.contains("550"), "{message}"),
        other => panic!("expected Permanent, got {other:?}"),
    }
    mailer
        .send(&email("patient@example.org", "r2"))
        .await
        .unwrap();
    assert_eq!(server.messages().len(), 1);
}

#[tokio::test]
async fn deferred_recipient_is_transient() {
    let dir = tempfile::tempdir().unwrap();
    let server = SmtpServer::start(dir.path(), 0);
    let mailer = SmtpMailer::new(&server.url(), FROM).unwrap();
    let err = mailer
        .send(&email("deferred@example.org", "d1"))
        .await
        .err()
        .unwrap();
    match &err {
        SendError::Transient(message) => assert!(message.contains("451"), "{message}"),
        other => panic!("expected Transient, got {other:?}"),
    }
    assert!(server.messages().is_empty());
}

#[tokio::test]
async fn invalid_address_is_permanent() {
    let dir = tempfile::tempdir().unwrap();
    let server = SmtpServer::start(dir.path(), 0);
    let mailer = SmtpMailer::new(&server.url(), FROM).unwrap();
    let err = mailer
        .send(&email("not an address", "i1"))
        .await
        .err()
        .unwrap();
    assert!(matches!(err, SendError::Permanent(_)), "{err:?}");
}

#[tokio::test]
async fn concurrent_sends_share_the_pool() {
    let dir = tempfile::tempdir().unwrap();
    let server = SmtpServer::start(dir.path(), 0);
    let mailer = std::sync::Arc::new(
        SmtpMailer::new(&server.url(), FROM)
            .unwrap()
            .with_pool_size(3),
    );
    let mut tasks = Vec::new();
    for i in 0..30 {
        let mailer = mailer.clone();
        tasks.push(tokio::spawn(async move {
            mailer
                .send(&email("patient@example.org", &format!("c{i}")))
                .await
                .map(|s| s.provider_id)
        }));
    }
    for task in tasks {
        task.await.unwrap().unwrap();
    }
    assert_eq!(server.messages().len(), 30);
}

/// What a scripted SMTP server does once it has read the message body.
#[derive(Clone, Copy)]
enum AfterBody {
    Hangup,
    Silence,
    Refuse554,
}

/// A minimal SMTP server that accepts everything up to the body, then misbehaves.
async fn scripted_server(after_body: AfterBody) -> u16 {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        loop {
            let (socket, _) = listener.accept().await.unwrap();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = tokio::io::BufReader::new(read).lines();
                write.write_all(b"220 scripted ESMTP\r\n").await.unwrap();
                let mut in_data = false;
                while let Ok(Some(line)) = lines.next_line().await {
                    let reply: &[u8] = if in_data {
                        if line != "." {
                            continue;
                        }
                        match after_body {
                            AfterBody::Hangup => return,
                            AfterBody::Silence => {
                                tokio::time::sleep(Duration::from_secs(30)).await;
                                return;
                            }
                            AfterBody::Refuse554 => {
                                in_data = false;
                                b"554 5.7.1 message refused\r\n"
                            }
                        }
                    } else if line.starts_with("EHLO") {
                        b"250-scripted\r\n250 8BITMIME\r\n"
                    } else if line == "DATA" {
                        in_data = true;
                        b"354 go ahead\r\n"
                    } else if line == "QUIT" {
                        b"221 bye\r\n"
                    } else {
                        b"250 OK\r\n"
                    };
                    if write.write_all(reply).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    port
}

#[tokio::test]
async fn connection_lost_after_the_body_is_unknown() {
    let port = scripted_server(AfterBody::Hangup).await;
    let mailer = SmtpMailer::new(&format!("smtp://127.0.0.1:{port}"), FROM).unwrap();
    let err = mailer
        .send(&email("patient@example.org", "u1"))
        .await
        .err()
        .unwrap();
    assert!(matches!(err, SendError::Unknown(_)), "{err:?}");
}

#[tokio::test]
async fn no_reply_to_the_body_is_unknown() {
    let port = scripted_server(AfterBody::Silence).await;
    let mailer = SmtpMailer::new(&format!("smtp://127.0.0.1:{port}"), FROM)
        .unwrap()
        .with_timeout(Duration::from_millis(500));
    let err = mailer
        .send(&email("patient@example.org", "u2"))
        .await
        .err()
        .unwrap();
    assert!(matches!(err, SendError::Unknown(_)), "{err:?}");
}

#[tokio::test]
async fn refused_body_is_permanent() {
    let port = scripted_server(AfterBody::Refuse554).await;
    let mailer = SmtpMailer::new(&format!("smtp://127.0.0.1:{port}"), FROM).unwrap();
    let err = mailer
        .send(&email("patient@example.org", "p1"))
        .await
        .err()
        .unwrap();
    assert!(matches!(err, SendError::Permanent(_)), "{err:?}");
}

#[tokio::test]
async fn starttls_is_required_with_credentials() {
    // The scripted server offers no STARTTLS: the password must never be sent in clear.
    let port = scripted_server(AfterBody::Refuse554).await;
    let mailer = SmtpMailer::new(&format!("smtp://alerts:hunter2@127.0.0.1:{port}"), FROM).unwrap();
    let err = mailer
        .send(&email("patient@example.org", "t1"))
        .await
        .err()
        .unwrap();
    match &err {
        SendError::Transient(message) => {
            assert!(message.contains("STARTTLS"), "{message}");
            assert!(!message.contains("hunter2"), "{message}");
        }
        other => panic!("expected Transient, got {other:?}"),
    }
}
