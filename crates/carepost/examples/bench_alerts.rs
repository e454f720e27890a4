//! Benchmark: facility-alert email delivery through the real pipeline (issue 7: "100,000
//! emails in under 2 minutes on 2 cores, memory stays flat").
//!
//! N contacts (all opted in to email, one segment) are imported from a generated CSV with
//! `Desk::import_contacts`; an approver creates an email-only alert with `Desk::create_alert`;
//! the worker loop `carepost serve` runs (`web::worker::run`, default `WorkerSettings`)
//! starts it, fans it out into the per-recipient outbox and sends every message through
//! `notify::SmtpMailer` to an SMTP server on loopback. Import and delivery are timed
//! separately; the server counts what it received and who, so "exactly once" is checked
//! (every recipient once, no duplicates); RSS is sampled every second.
//!
//! ```text
//! cargo run --release -p carepost --example bench_alerts -- 10000                 # SQLite, in-process sink
//! cargo run --release -p carepost --example bench_alerts -- 100000
//! cargo run --release -p carepost --example bench_alerts -- 100000 postgres
//! cargo run --release -p carepost --example bench_alerts -- 100000 \
//!     --aiosmtpd .cache/aiosmtpd/bin/maildir_server                               # aiosmtpd + Maildir
//! cargo run --release -p carepost --example bench_alerts -- 100000 \
//!     --smtp-sink .cache/postfix/smtp_sink                                        # Postfix smtp-sink
//! ```
//!
//! Options: `--concurrency K` (Messaging::email_concurrency, default 8), `--pool P` (the
//! mailer's connection pool, default SmtpMailer's own), `--calibrate M` (afterwards, M emails
//! straight through the same mailer to the same server, no database: the SMTP ceiling;
//! default 10000, 0 skips). PostgreSQL uses a fresh database on `CAREPOST_TEST_POSTGRES`
//! (default postgres://postgres@127.0.0.1:5432/postgres). `scripts/aiosmtpd install` prints
//! the aiosmtpd launcher's path, `scripts/smtp-sink install` Postfix's smtp-sink's (a C
//! server built for benchmarking SMTP clients; here it appends every message to a dump
//! file, which is read afterwards to check exactly-once delivery).

// The allocator `carepost serve` runs with (see src/main.rs).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use domain::alert::Notify;
use domain::desk::{AlertInput, Messaging, WorkerSettings};
use domain::secret_box::SecretBox;
use domain::Desk;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

const SEGMENT: &str = "Main Campus";
const FROM: &str = "Riverside Health <alerts@riverside.example>";

const USAGE: &str = "\
bench_alerts [N] [postgres] [--aiosmtpd PATH | --smtp-sink PATH] [--concurrency K] [--pool P] [--calibrate M]
  N                contacts, all opted in to email (default 100000)
  postgres         a fresh PostgreSQL database instead of SQLite
  --aiosmtpd PATH  the aiosmtpd Maildir launcher instead of the in-process SMTP sink
  --smtp-sink PATH Postfix's smtp-sink launcher (scripts/smtp-sink) instead, dumping to a file
  --concurrency K  emails sent at once (Messaging::email_concurrency; default 8)
  --pool P         SMTP connections (SmtpMailer::with_pool_size; default the mailer's)
  --calibrate M    afterwards, M emails straight through the mailer (default 10000; 0 skips)";

struct Options {
    contacts: usize,
    postgres: bool,
    server: Option<ServerKind>,
    concurrency: usize,
    pool: Option<usize>,
    calibrate: usize,
}

fn options() -> Result<Options, String> {
    let mut o = Options {
        contacts: 100_000,
        postgres: false,
        server: None,
        concurrency: Messaging::default().email_concurrency,
        pool: None,
        calibrate: 10_000,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut number = |flag: &str| -> Result<usize, String> {
            let v = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
            v.parse()
                .map_err(|_| format!("{flag}: '{v}' is not a whole number"))
        };
        match arg.as_str() {
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            "postgres" => o.postgres = true,
            "--concurrency" => o.concurrency = number("--concurrency")?.max(1),
            "--pool" => o.pool = Some(number("--pool")?.max(1)),
            "--calibrate" => o.calibrate = number("--calibrate")?,
            flag @ ("--aiosmtpd" | "--smtp-sink") => {
                let path = PathBuf::from(args.next().ok_or(format!("{flag} needs a path"))?);
                if !path.is_file() {
                    return Err(format!(
                        "no launcher at {}: run `scripts/{} install`",
                        path.display(),
                        &flag[2..]
                    ));
                }
                o.server = Some(if flag == "--aiosmtpd" {
                    ServerKind::Aiosmtpd(path)
                } else {
                    ServerKind::SmtpSink(path)
                });
            }
            n => {
                o.contacts = n
                    .parse::<usize>()
                    .map_err(|_| format!("unknown argument '{n}'\n\n{USAGE}"))?
                    .max(1)
            }
        }
    }
    Ok(o)
}

fn fail(message: impl std::fmt::Display) -> ! {
    eprintln!("bench_alerts: {message}");
    std::process::exit(1)
}

// ----- memory -----

/// (VmRSS, VmHWM) of this process in KiB.
fn rss() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// The highest VmRSS seen since the last `take`, sampled every second by a thread.
struct RssPeak(AtomicU64);

impl RssPeak {
    fn start() -> Arc<RssPeak> {
        let peak = Arc::new(RssPeak(AtomicU64::new(rss().0)));
        let sampler = peak.clone();
        std::thread::spawn(move || loop {
            sampler.0.fetch_max(rss().0, Ordering::Relaxed);
            std::thread::sleep(Duration::from_secs(1));
        });
        peak
    }

    /// The phase's peak (including now); the next phase starts from the current RSS.
    fn take(&self) -> u64 {
        let now = rss().0;
        self.0.swap(now, Ordering::Relaxed).max(now)
    }
}

fn mib(kib: u64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}

// ----- the in-process SMTP sink -----

/// What the sink received: messages accepted after the final ".", and per recipient index
/// whether one arrived already (recipients are `p{i}@bench.example`).
struct Received {
    messages: AtomicUsize,
    duplicates: AtomicUsize,
    strangers: AtomicUsize,
    seen: Vec<AtomicBool>,
    base: Instant,
    /// Nanoseconds after `base` of the first and the latest accepted message (0: none).
    first_ns: AtomicU64,
    last_ns: AtomicU64,
}

impl Received {
    fn new(n: usize) -> Received {
        Received {
            messages: AtomicUsize::new(0),
            duplicates: AtomicUsize::new(0),
            strangers: AtomicUsize::new(0),
            seen: (0..n).map(|_| AtomicBool::new(false)).collect(),
            base: Instant::now(),
            first_ns: AtomicU64::new(0),
            last_ns: AtomicU64::new(0),
        }
    }

    fn record(&self, recipient: &str) {
        let at = self.base.elapsed().as_nanos().max(1) as u64;
        let _ = self
            .first_ns
            .compare_exchange(0, at, Ordering::Relaxed, Ordering::Relaxed);
        self.last_ns.fetch_max(at, Ordering::Relaxed);
        self.messages.fetch_add(1, Ordering::Relaxed);
        match recipient_index(recipient).and_then(|i| self.seen.get(i)) {
            Some(flag) => {
                if flag.swap(true, Ordering::Relaxed) {
                    self.duplicates.fetch_add(1, Ordering::Relaxed);
                }
            }
            None => {
                self.strangers.fetch_add(1, Ordering::Relaxed);
            }
        }
    }

    fn distinct(&self) -> usize {
        self.seen
            .iter()
            .filter(|s| s.load(Ordering::Relaxed))
            .count()
    }
}

fn recipient_index(address: &str) -> Option<usize> {
    let address = address.trim().trim_start_matches('<').trim_end_matches('>');
    address
        .strip_suffix("@bench.example")?
        .strip_prefix('p')?
        .parse()
        .ok()
}

/// Listens on 127.0.0.1:0 and speaks enough SMTP for lettre; returns the port.
async fn start_sink(received: Arc<Received>) -> u16 {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| fail(format!("cannot listen for the SMTP sink: {e}")));
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            // Replies are small separate writes: without this, Nagle holds some of them.
            let _ = stream.set_nodelay(true);
            let received = received.clone();
            tokio::spawn(async move {
                if let Err(e) = sink_session(stream, &received).await {
                    eprintln!("SMTP sink: session ended: {e}");
                }
            });
        }
    });
    port
}

async fn sink_session(stream: tokio::net::TcpStream, received: &Received) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut read = BufReader::new(read);
    write.write_all(b"220 sink.bench ESMTP ready\r\n").await?;
    let mut line = Vec::with_capacity(256);
    let mut recipients: Vec<String> = Vec::new();
    loop {
        line.clear();
        if read.read_until(b'\n', &mut line).await? == 0 {
            return Ok(());
        }
        let text = String::from_utf8_lossy(&line);
        let verb = text
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_ascii_uppercase();
        let reply: &[u8] = match verb.as_str() {
            "EHLO" => b"250-sink.bench\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n",
            "HELO" => b"250 sink.bench\r\n",
            "MAIL" => {
                recipients.clear();
                b"250 2.1.0 OK\r\n"
            }
            "RCPT" => {
                let to = text
                    .split_once(':')
                    .map(|(_, a)| a.split_whitespace().next().unwrap_or(""))
                    .unwrap_or("");
                recipients.push(to.to_string());
                b"250 2.1.5 OK\r\n"
            }
            "DATA" => {
                write
                    .write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                    .await?;
                loop {
                    line.clear();
                    if read.read_until(b'\n', &mut line).await? == 0 {
                        // Cut off mid-message: nothing was accepted.
                        return Ok(());
                    }
                    if line == b".\r\n" || line == b".\n" {
                        break;
                    }
                }
                for r in recipients.drain(..) {
                    received.record(&r);
                }
                b"250 2.0.0 OK queued\r\n"
            }
            "RSET" => {
                recipients.clear();
                b"250 2.0.0 OK\r\n"
            }
            "NOOP" => b"250 2.0.0 OK\r\n",
            "QUIT" => {
                write.write_all(b"221 2.0.0 Bye\r\n").await?;
                return Ok(());
            }
            _ => b"502 5.5.2 Command not recognized\r\n",
        };
        write.write_all(reply).await?;
    }
}

// ----- external SMTP servers -----

enum ServerKind {
    /// scripts/smtp/maildir_server.py: one file per message in a Maildir.
    Aiosmtpd(PathBuf),
    /// Postfix's smtp-sink, appending every message to one dump file.
    SmtpSink(PathBuf),
}

impl ServerKind {
    fn name(&self) -> &'static str {
        match self {
            ServerKind::Aiosmtpd(_) => "aiosmtpd (Maildir)",
            ServerKind::SmtpSink(_) => "Postfix smtp-sink (dump file)",
        }
    }
}

/// A running external SMTP server writing under `dir`, stopped when dropped.
struct External {
    child: Child,
    port: u16,
}

impl External {
    fn start(kind: &ServerKind, dir: &Path) -> External {
        match kind {
            ServerKind::Aiosmtpd(launcher) => {
                let mut child = Command::new(launcher)
                    .arg(dir)
                    .stdin(Stdio::piped())
                    .stdout(Stdio::piped())
                    .stderr(Stdio::inherit())
                    .spawn()
                    .unwrap_or_else(|e| fail(format!("cannot start {}: {e}", launcher.display())));
                let mut line = String::new();
                std::io::BufReader::new(child.stdout.take().unwrap())
                    .read_line(&mut line)
                    .unwrap_or_else(|e| fail(format!("reading from {}: {e}", launcher.display())));
                let port = line
                    .trim()
                    .strip_prefix("ready ")
                    .and_then(|p| p.parse().ok())
                    .unwrap_or_else(|| {
                        fail(format!("the SMTP server said {line:?}, not \"ready PORT\""))
                    });
                External { child, port }
            }
            ServerKind::SmtpSink(launcher) => {
                // smtp-sink runs as `nobody` when started by root: it must be able to write.
                use std::os::unix::fs::PermissionsExt;
                let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o777));
                let port = std::net::TcpListener::bind("127.0.0.1:0")
                    .and_then(|l| l.local_addr())
                    .map(|a| a.port())
                    .unwrap_or_else(|e| fail(format!("no free port: {e}")));
                let child = Command::new(launcher)
                    .arg("-D")
                    .arg(dir.join("dump"))
                    .arg(format!("127.0.0.1:{port}"))
                    .arg("256")
                    .stdin(Stdio::null())
                    .stdout(Stdio::inherit())
                    .stderr(Stdio::inherit())
                    .spawn()
                    .unwrap_or_else(|e| fail(format!("cannot start {}: {e}", launcher.display())));
                let deadline = Instant::now() + Duration::from_secs(10);
                while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
                    if Instant::now() > deadline {
                        fail("smtp-sink did not start listening within 10 s");
                    }
                    std::thread::sleep(Duration::from_millis(20));
                }
                External { child, port }
            }
        }
    }
}

impl Drop for External {
    fn drop(&mut self) {
        // Closing aiosmtpd's standard input asks it to stop; smtp-sink is ended with SIGTERM
        // (it writes each message before answering its final ".", so nothing is lost).
        if self.child.stdin.take().is_none() {
            let _ = Command::new("kill")
                .args(["-TERM", &self.child.id().to_string()])
                .status();
        }
        if self.child.wait_timeout().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

trait WaitTimeout {
    fn wait_timeout(&mut self) -> Option<std::process::ExitStatus>;
}

impl WaitTimeout for Child {
    fn wait_timeout(&mut self) -> Option<std::process::ExitStatus> {
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.try_wait() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        None
    }
}

/// Reads what an external server stored into `received`.
fn read_stored(kind: &ServerKind, dir: &Path, received: &Received) {
    match kind {
        ServerKind::Aiosmtpd(_) => read_maildir(dir, received),
        ServerKind::SmtpSink(_) => read_dump(&dir.join("dump"), received),
    }
}

/// Reads smtp-sink's dump file: each message starts with its envelope records, one
/// `X-Rcpt-Args: <address>` per recipient.
fn read_dump(dump: &Path, received: &Received) {
    let file = std::fs::File::open(dump)
        .unwrap_or_else(|e| fail(format!("reading {}: {e}", dump.display())));
    let mut rcpts_in_message = None;
    for line in std::io::BufReader::new(file).lines().map_while(Result::ok) {
        if line.starts_with("X-Client-Addr: ") {
            if rcpts_in_message == Some(0) {
                received.strangers.fetch_add(1, Ordering::Relaxed);
            }
            rcpts_in_message = Some(0);
        } else if let Some(r) = line.strip_prefix("X-Rcpt-Args: ") {
            received.record(r.split_whitespace().next().unwrap_or_default());
            rcpts_in_message = rcpts_in_message.map(|n| n + 1);
        }
    }
}

/// Reads the Maildir: every stored message's Delivered-To recipients into `received`.
fn read_maildir(maildir: &Path, received: &Received) {
    for sub in ["new", "cur"] {
        let Ok(dir) = std::fs::read_dir(maildir.join(sub)) else {
            continue;
        };
        for entry in dir.flatten() {
            let file = std::fs::File::open(entry.path())
                .unwrap_or_else(|e| fail(format!("reading {}: {e}", entry.path().display())));
            // The server writes the envelope (Return-Path, Delivered-To) first.
            let recipients: Vec<String> = std::io::BufReader::new(file)
                .lines()
                .take(8)
                .map_while(Result::ok)
                .filter_map(|l| l.strip_prefix("Delivered-To: ").map(str::to_string))
                .collect();
            if recipients.is_empty() {
                received.strangers.fetch_add(1, Ordering::Relaxed);
            }
            for r in recipients {
                received.record(&r);
            }
        }
    }
}

// ----- the benchmark -----

fn csv(n: usize) -> String {
    let mut csv = String::with_capacity(n * 64 + 100);
    csv.push_str("name,email,phone,language,segments,email_opt_in,sms_opt_in,voice_opt_in\n");
    for i in 0..n {
        csv.push_str(&format!(
            "Person {i},p{i}@bench.example,,{},{SEGMENT},yes,no,no\n",
            if i % 5 == 0 { "es" } else { "en" }
        ));
    }
    csv
}

/// Email outbox rows of the alert by state (queued, sending, sent, failed, ...).
async fn email_counts(
    desk: &Desk,
    actor: &domain::Actor,
    alert_id: &str,
) -> std::collections::BTreeMap<String, i64> {
    let viewer = actor.viewer().unwrap();
    let view = desk
        .get_alert(&viewer, alert_id)
        .await
        .unwrap_or_else(|e| fail(format!("reading the alert: {e}")));
    view.deliveries.get("email").cloned().unwrap_or_default()
}

#[tokio::main]
async fn main() {
    let o = options().unwrap_or_else(|e| fail(e));
    let n = o.contacts;
    let peak = RssPeak::start();

    // The SMTP server.
    let sink = Arc::new(Received::new(n));
    let maildir = tempfile::tempdir().unwrap();
    let external = o
        .server
        .as_ref()
        .map(|kind| External::start(kind, maildir.path()));
    let (port, server_name) = match (&external, &o.server) {
        (Some(a), Some(kind)) => (a.port, kind.name()),
        _ => (start_sink(sink.clone()).await, "in-process sink"),
    };
    let mut mailer = notify::SmtpMailer::new(&format!("smtp://127.0.0.1:{port}"), FROM)
        .unwrap_or_else(|e| fail(e));
    if let Some(pool) = o.pool {
        mailer = mailer.with_pool_size(pool);
    }
    let mailer: Arc<notify::SmtpMailer> = Arc::new(mailer);
    let mailer_described = notify::Mailer::describe(mailer.as_ref());

    // The desk, as `carepost serve` would build it, with email set up.
    let (url, _dir) = if o.postgres {
        (store::testing::fresh_postgres_url().await, None)
    } else {
        let (url, dir) = store::testing::fresh_sqlite_url();
        (url, Some(dir))
    };
    let desk = Arc::new(
        Desk::new(
            store::connect(&url)
                .await
                .unwrap_or_else(|e| fail(format!("opening the database: {e}"))),
            SecretBox::ephemeral(),
        )
        .with_messaging(Messaging {
            mailer: Some(mailer.clone()),
            email_concurrency: o.concurrency,
            ..Default::default()
        }),
    );
    println!(
        "{n} contacts, {}, {server_name}, {mailer_described}, email_concurrency {}",
        if o.postgres { "PostgreSQL" } else { "SQLite" },
        o.concurrency
    );
    desk.seed_demo()
        .await
        .unwrap_or_else(|e| fail(format!("seeding the organisation: {e}")));
    let actor = |email: &'static str| {
        let desk = desk.clone();
        async move {
            let (token, _) = desk.create_token_for(email, "bench").await.unwrap();
            desk.authenticate_token(&token, None)
                .await
                .unwrap()
                .expect("a fresh token")
        }
    };
    let admin = actor("admin@riverside.example").await;
    let approver = actor("compliance@riverside.example").await;
    desk.set_segments(&admin.admin().unwrap(), vec![SEGMENT.into()])
        .await
        .unwrap_or_else(|e| fail(format!("setting the segments: {e}")));

    // Import.
    let body = csv(n);
    let rss_start = peak.take();
    let started = Instant::now();
    let report = desk
        .import_contacts(&approver.approver().unwrap(), &body)
        .await
        .unwrap_or_else(|e| fail(format!("importing: {e}")));
    let import_time = started.elapsed();
    drop(body);
    if report.imported as usize != n || !report.rejected.is_empty() {
        fail(format!(
            "imported {} of {n} contacts; rejected {:?}",
            report.imported,
            report.rejected.iter().take(5).collect::<Vec<_>>()
        ));
    }
    let rss_import_peak = peak.take();
    let rss_after_import = rss().0;
    println!(
        "imported {n} contacts in {:.2} s: {:.0} contacts/s (RSS {} before, peak {}, {} after)",
        import_time.as_secs_f64(),
        n as f64 / import_time.as_secs_f64(),
        mib(rss_start),
        mib(rss_import_peak),
        mib(rss_after_import),
    );

    // The worker, as `carepost serve` runs it.
    let (stop_tx, mut stop_rx) = tokio::sync::watch::channel(false);
    let worker = tokio::spawn(web::worker::run(
        desk.clone(),
        WorkerSettings::default(),
        async move {
            let _ = stop_rx.changed().await;
        },
    ));

    // The alert, created by the approver; it starts now.
    let expires = (chrono::Utc::now() + chrono::Duration::days(1)).to_rfc3339();
    let started = Instant::now();
    let alert = desk
        .create_alert(
            &approver.approver().unwrap(),
            AlertInput {
                title: "Parking garage closed today".into(),
                body: "The parking garage on Elm Street is closed today for repairs. \
                       Please use the East Wing visitor lot; shuttles run every 10 minutes."
                    .into(),
                segments: vec![SEGMENT.into()],
                notify: Notify {
                    email: true,
                    sms: false,
                    voice: false,
                },
                expires_at: expires,
                ..Default::default()
            },
        )
        .await
        .unwrap_or_else(|e| fail(format!("creating the alert: {e}")));
    let alert_id = alert.alert.id.clone();

    // Until every email message is settled; progress every 10 s.
    let deadline = Instant::now() + Duration::from_secs(3600);
    let (mut last_report, mut last_sent) = (Instant::now(), 0i64);
    let mut queued_at: Option<Duration> = None;
    // The fan-out's own peak (create_alert until the outbox holds every message).
    let mut rss_fan_out_peak: Option<u64> = None;
    let counts = loop {
        let counts = email_counts(&desk, &approver, &alert_id).await;
        let get = |s: &str| counts.get(s).copied().unwrap_or(0);
        let total: i64 = counts.values().sum();
        if queued_at.is_none() && total as usize >= n {
            queued_at = Some(started.elapsed());
            rss_fan_out_peak = Some(peak.take());
        }
        let open = get("queued") + get("sending");
        if total as usize >= n && open == 0 {
            break counts;
        }
        if Instant::now() > deadline {
            fail(format!("timed out: {counts:?}"));
        }
        if last_report.elapsed() >= Duration::from_secs(10) {
            let sent = get("sent");
            println!(
                "  {:>5.0} s: {sent} sent ({:.0}/s in the last interval), {} queued, RSS {}",
                started.elapsed().as_secs_f64(),
                (sent - last_sent) as f64 / last_report.elapsed().as_secs_f64(),
                get("queued"),
                mib(rss().0)
            );
            (last_report, last_sent) = (Instant::now(), sent);
        }
        // Each look counts the outbox (a scan of its index): not so often that it competes
        // with the worker for the two cores.
        tokio::time::sleep(Duration::from_millis(250)).await;
    };
    let delivery_time = started.elapsed();
    let rss_delivery_peak = peak.take().max(rss_fan_out_peak.unwrap_or(0));
    let _ = stop_tx.send(true);
    let _ = worker.await;

    // What the server received.
    drop(external);
    if let Some(kind) = &o.server {
        read_stored(kind, maildir.path(), &sink);
    }
    let sent = counts.get("sent").copied().unwrap_or(0);
    let received = sink.messages.load(Ordering::Relaxed);
    let duplicates = sink.duplicates.load(Ordering::Relaxed);
    let strangers = sink.strangers.load(Ordering::Relaxed);
    let distinct = sink.distinct();
    let rss_end = rss().0;
    let hwm = rss().1;

    // The SMTP ceiling: the same mailer to the same kind of server, no database.
    let calibration = if o.calibrate > 0 {
        Some(calibrate(&o, o.calibrate).await)
    } else {
        None
    };

    let rate = n as f64 / delivery_time.as_secs_f64();
    println!();
    println!(
        "database                    {}",
        if o.postgres { "PostgreSQL" } else { "SQLite" }
    );
    println!("SMTP server                 {server_name}");
    println!("mailer                      {mailer_described}");
    println!("email_concurrency           {}", o.concurrency);
    println!(
        "import                      {n} contacts in {:.2} s = {:.0} contacts/s",
        import_time.as_secs_f64(),
        n as f64 / import_time.as_secs_f64()
    );
    if let Some(q) = queued_at {
        println!(
            "outbox filled               {:.2} s after create_alert",
            q.as_secs_f64()
        );
    }
    if o.server.is_none() {
        let first = sink.first_ns.load(Ordering::Relaxed) as f64 / 1e9;
        let last = sink.last_ns.load(Ordering::Relaxed) as f64 / 1e9;
        if last > first {
            println!(
                "sink first → last message   {:.2} s = {:.0} emails/s",
                last - first,
                received as f64 / (last - first)
            );
        }
    }
    println!(
        "delivery                    {sent} sent in {:.2} s after create_alert = {rate:.0} emails/s \
         (100,000 would take {:.0} s; target < 120 s)",
        delivery_time.as_secs_f64(),
        100_000.0 / rate
    );
    println!(
        "total (import + delivery)   {:.2} s",
        (import_time + delivery_time).as_secs_f64()
    );
    println!("outbox states               {counts:?}");
    println!(
        "server received             {received} messages, {distinct} distinct recipients, \
         {duplicates} duplicates, {strangers} unexpected"
    );
    println!(
        "RSS                         start {} · import peak {} · after import {} · fan-out peak {} · delivery peak {} · end {} · VmHWM {}",
        mib(rss_start),
        mib(rss_import_peak),
        mib(rss_after_import),
        rss_fan_out_peak.map(mib).unwrap_or_else(|| "-".into()),
        mib(rss_delivery_peak),
        mib(rss_end),
        mib(hwm)
    );
    if let Some((m, secs)) = calibration {
        println!(
            "mailer alone (no database)  {m} emails in {secs:.2} s = {:.0} emails/s, {} at once",
            m as f64 / secs,
            o.concurrency
        );
    }
    println!(
        "{}",
        serde_json::json!({
            "contacts": n, "database": if o.postgres { "postgres" } else { "sqlite" },
            "server": server_name, "email_concurrency": o.concurrency, "pool": o.pool,
            "import_s": import_time.as_secs_f64(),
            "contacts_per_s": n as f64 / import_time.as_secs_f64(),
            "outbox_filled_s": queued_at.map(|q| q.as_secs_f64()),
            "delivery_s": delivery_time.as_secs_f64(), "emails_per_s": rate,
            "sent": sent, "received": received, "distinct": distinct,
            "duplicates": duplicates, "unexpected": strangers,
            "rss_kib": {"start": rss_start, "import_peak": rss_import_peak,
                        "after_import": rss_after_import, "fan_out_peak": rss_fan_out_peak,
                        "delivery_peak": rss_delivery_peak,
                        "end": rss_end, "hwm": hwm},
            "mailer_alone_per_s": calibration.map(|(m, s)| m as f64 / s),
        })
    );
    if sent as usize != n || received != n || distinct != n || duplicates > 0 || strangers > 0 {
        fail("the server did not receive every email exactly once");
    }
}

/// `m` emails through a fresh mailer (same pool size) to a fresh server of the same kind,
/// `concurrency` at once, as the alert worker would send them but without the outbox.
async fn calibrate(o: &Options, m: usize) -> (usize, f64) {
    let sink = Arc::new(Received::new(m));
    let maildir = tempfile::tempdir().unwrap();
    let server = o
        .server
        .as_ref()
        .map(|kind| External::start(kind, maildir.path()));
    let port = match &server {
        Some(a) => a.port,
        None => start_sink(sink.clone()).await,
    };
    let mut mailer = notify::SmtpMailer::new(&format!("smtp://127.0.0.1:{port}"), FROM)
        .unwrap_or_else(|e| fail(e));
    if let Some(pool) = o.pool {
        mailer = mailer.with_pool_size(pool);
    }
    let mailer = Arc::new(mailer);
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..o.concurrency {
        let (mailer, next) = (mailer.clone(), next.clone());
        tasks.spawn(async move {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= m {
                    return;
                }
                let email = notify::Email {
                    to: format!("p{i}@bench.example"),
                    to_name: Some(format!("Person {i}")),
                    subject: "Parking garage closed today".into(),
                    text: "The parking garage on Elm Street is closed today for repairs.\n\
                           Unsubscribe: http://127.0.0.1:8080/u/x"
                        .into(),
                    html: "<p>The parking garage on Elm Street is closed today.</p>".into(),
                    unsubscribe_url: "http://127.0.0.1:8080/u/x".into(),
                    idempotency_key: format!("calibrate-{i}"),
                };
                notify::Mailer::send(mailer.as_ref(), &email)
                    .await
                    .unwrap_or_else(|e| fail(format!("calibration send {i}: {e}")));
            }
        });
    }
    while let Some(t) = tasks.join_next().await {
        t.expect("calibration task");
    }
    (m, started.elapsed().as_secs_f64())
}
