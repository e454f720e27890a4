//! A real S3 server for the tests: moto_server (PyPI `moto[server]`, installed by
//! `scripts/moto install`), started on a free loopback port and killed when the last test
//! using it is done.

// Each test binary uses a different part of this module.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

use files::{Credentials, FileStore};

pub struct Moto {
    child: Child,
    log: PathBuf,
    /// `http://127.0.0.1:PORT`
    pub endpoint: String,
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.log);
    }
}

/// The moto server shared by the tests running at the moment (a fresh one once all of
/// them have let go), so a test binary starts it once rather than per test.
pub fn moto() -> Arc<Moto> {
    static SHARED: Mutex<Weak<Moto>> = Mutex::new(Weak::new());
    let mut shared = SHARED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(moto) = shared.upgrade() {
        return moto;
    }
    let moto = Arc::new(start_moto());
    *shared = Arc::downgrade(&moto);
    moto
}

fn moto_executable() -> PathBuf {
    let exe = match std::env::var_os("CAREPOST_MOTO_SERVER") {
        Some(path) if !path.is_empty() => PathBuf::from(path),
        _ => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../.cache/moto/bin/moto_server"),
    };
    assert!(
        exe.is_file(),
        "moto_server not found at {}: run `export CAREPOST_MOTO_SERVER=\"$(scripts/moto install)\"` \
         (the S3 tests need a real S3-compatible server)",
        exe.display()
    );
    exe
}

fn start_moto() -> Moto {
    let exe = moto_executable();
    // The free port can be taken between probing and moto binding it: try a few.
    let mut last_failure = String::new();
    for attempt in 0..3 {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free loopback port")
            .port();
        let log = std::env::temp_dir().join(format!(
            "carepost-files-moto-{}-{attempt}.log",
            std::process::id()
        ));
        let child = Command::new(&exe)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).expect("moto log file"))
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", exe.display()));
        let mut moto = Moto {
            child,
            log,
            endpoint: format!("http://127.0.0.1:{port}"),
        };
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = moto.child.try_wait() {
                last_failure = format!(
                    "moto_server exited with {status}: {}",
                    std::fs::read_to_string(&moto.log).unwrap_or_default()
                );
                break;
            }
            if http_status(port, "GET", "/") == Some(200) {
                return moto;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        if last_failure.is_empty() {
            last_failure = "moto_server did not answer within 60 s".into();
        }
    }
    panic!("{last_failure}");
}

/// A minimal HTTP/1.0 request, so waiting for the server needs no runtime.
fn http_status(port: u16, method: &str, path: &str) -> Option<u16> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        stream,
        "{method} {path} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 0\r\n\r\n"
    )
    .ok()?;
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).ok()?;
    std::str::from_utf8(&head[9..12]).ok()?.parse().ok()
}

pub fn credentials() -> Credentials {
    // moto accepts any signature; these are the documentation's example keys.
    Credentials::new(
        "AKIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    )
}

/// A bucket of its own for each test.
pub async fn new_bucket(moto: &Moto) -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let bucket = format!("carepost-test-{}", NEXT.fetch_add(1, Ordering::Relaxed));
    // moto, like S3 in us-east-1, creates a bucket on an unsigned PUT /bucket.
    let response = reqwest::Client::new()
        .put(format!("{}/{bucket}", moto.endpoint))
        .send()
        .await
        .expect("CreateBucket request");
    assert!(
        response.status().is_success(),
        "CreateBucket {bucket}: {}",
        response.status()
    );
    bucket
}

pub fn s3_url(moto: &Moto, bucket: &str, prefix: &str) -> String {
    format!(
        "s3://{bucket}/{prefix}?endpoint={}&region=us-east-1&allow_http=true",
        moto.endpoint
    )
}

/// A store under test and whatever must live as long as it (temp dir, server).
pub struct Backend {
    pub store: Arc<dyn FileStore>,
    pub _keep: Box<dyn std::any::Any + Send + Sync>,
}

pub async fn disk_backend() -> Backend {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = files::open(dir.path().join("files").to_str().unwrap(), None)
        .await
        .expect("open disk store");
    Backend {
        store,
        _keep: Box::new(dir),
    }
}

pub async fn s3_backend() -> Backend {
    let moto = moto();
    let bucket = new_bucket(&moto).await;
    let store = files::open(&s3_url(&moto, &bucket, "carepost"), Some(credentials()))
        .await
        .expect("open S3 store");
    Backend {
        store,
        _keep: Box::new(moto),
    }
}

/// Deterministic bytes that differ at every offset for a given seed (xorshift), so a
/// misplaced or repeated chunk cannot compare equal.
pub fn pattern(len: usize, seed: u64) -> Vec<u8> {
    let mut state = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    let mut out = Vec::with_capacity(len + 8);
    while out.len() < len {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        out.extend_from_slice(&state.to_le_bytes());
    }
    out.truncate(len);
    out
}
