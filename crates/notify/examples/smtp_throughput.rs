//! SMTP throughput of `SmtpMailer` to the local aiosmtpd Maildir server.
//!
//!     cargo run --release -p notify --example smtp_throughput -- [EMAILS] [POOL SIZES…]
//!
//! Defaults: 5000 emails, pool sizes 4 8 16. The server is `CAREPOST_SMTP_SERVER` (see
//! `scripts/aiosmtpd install`). Each pool size gets a fresh server and Maildir, and the
//! stored messages are counted afterwards, so a run that loses mail does not report a rate.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;

use notify::{Email, Mailer, SmtpMailer};

fn launcher() -> PathBuf {
    let path = std::env::var_os("CAREPOST_SMTP_SERVER")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../../.cache/aiosmtpd/bin/maildir_server")
        });
    if !path.exists() {
        eprintln!(
            "{} is missing: run `scripts/aiosmtpd install` (and export CAREPOST_SMTP_SERVER)",
            path.display()
        );
        std::process::exit(2);
    }
    path
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let count: usize = args
        .first()
        .map(|a| a.parse().expect("EMAILS"))
        .unwrap_or(5000);
    let pools: Vec<usize> = if args.len() > 1 {
        args[1..]
            .iter()
            .map(|a| a.parse().expect("POOL SIZE"))
            .collect()
    } else {
        vec![4, 8, 16]
    };
    for pool in pools {
        let dir = tempfile::tempdir().unwrap();
        let mut server = Command::new(launcher())
            .arg(dir.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(server.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port: u16 = line.trim().strip_prefix("ready ").unwrap().parse().unwrap();
        let mailer = Arc::new(
            SmtpMailer::new(
                &format!("smtp://127.0.0.1:{port}"),
                "Hospital Alerts <alerts@hospital.example>",
            )
            .unwrap()
            .with_pool_size(pool),
        );
        let next = Arc::new(AtomicUsize::new(0));
        let start = Instant::now();
        let mut workers = Vec::new();
        // One worker per connection keeps every pooled connection busy.
        for _ in 0..pool {
            let mailer = mailer.clone();
            let next = next.clone();
            workers.push(tokio::spawn(async move {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= count {
                        break;
                    }
                    let email = Email {
                        to: format!("patient{i}@example.org"),
                        to_name: Some("Paciente Núñez".to_string()),
                        subject: "Aviso: el garaje está cerrado mañana".to_string(),
                        text: "El garaje de la clínica está cerrado mañana.\n\
                               Darse de baja: https://carepost.example/u/abc"
                            .to_string(),
                        html: "<p>El garaje de la clínica está <b>cerrado</b> mañana.</p>"
                            .to_string(),
                        unsubscribe_url: "https://carepost.example/u/abc".to_string(),
                        idempotency_key: format!("bench-{pool}-{i}"),
                    };
                    mailer.send(&email).await.expect("send");
                }
            }));
        }
        for worker in workers {
            worker.await.unwrap();
        }
        let elapsed = start.elapsed();
        drop(server.stdin.take());
        server.wait().unwrap();
        let stored = std::fs::read_dir(dir.path().join("new")).unwrap().count();
        assert_eq!(
            stored, count,
            "the server stored {stored} of {count} emails"
        );
        let rate = count as f64 / elapsed.as_secs_f64();
        println!(
            "pool {pool:>2}: {count} emails in {:.2} s = {rate:.0} emails/s \
             (100,000 would take {:.0} s)",
            elapsed.as_secs_f64(),
            100_000.0 / rate
        );
    }
}
