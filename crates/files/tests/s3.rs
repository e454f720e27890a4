//! What only the S3 store promises, against a real S3 server (moto_server): keys live under
//! the prefix, a missing bucket or a dead server is an error rather than a missing file.

mod support;

use std::time::{Duration, Instant};

use files::{Credentials, FileError, OpenError};
use support::{credentials, moto, new_bucket, s3_url};

#[tokio::test]
async fn keys_live_under_the_prefix_and_prefixes_do_not_mix() {
    let moto = moto();
    let bucket = new_bucket(&moto).await;
    let prod = files::open(
        &s3_url(&moto, &bucket, "carepost/prod"),
        Some(credentials()),
    )
    .await
    .unwrap();
    let staging = files::open(
        &s3_url(&moto, &bucket, "carepost/staging"),
        Some(credentials()),
    )
    .await
    .unwrap();
    let whole = files::open(&s3_url(&moto, &bucket, ""), Some(credentials()))
        .await
        .unwrap();

    prod.put("org-1/a.bin", b"prod".to_vec()).await.unwrap();
    staging
        .put("org-1/a.bin", b"staging".to_vec())
        .await
        .unwrap();
    assert_eq!(prod.get("org-1/a.bin").await.unwrap(), b"prod");
    assert_eq!(staging.get("org-1/a.bin").await.unwrap(), b"staging");
    assert_eq!(
        whole.get("carepost/prod/org-1/a.bin").await.unwrap(),
        b"prod"
    );
    staging.delete("org-1/a.bin").await.unwrap();
    assert_eq!(prod.get("org-1/a.bin").await.unwrap(), b"prod");
    assert_eq!(
        prod.describe(),
        format!(
            "s3://{bucket}/carepost/prod at {} (us-east-1)",
            moto.endpoint
        )
    );
}

#[tokio::test]
async fn a_missing_bucket_is_a_backend_error_not_a_missing_file() {
    let moto = moto();
    let store = files::open(
        &s3_url(&moto, "no-such-bucket-here", ""),
        Some(credentials()),
    )
    .await
    .unwrap();
    for (what, result) in [
        ("put", store.put("a.bin", b"x".to_vec()).await),
        ("get", store.get("a.bin").await.map(|_| ())),
        ("delete", store.delete("a.bin").await),
    ] {
        match result {
            Err(FileError::Backend(message)) => {
                assert!(message.contains("a.bin"), "{what}: {message}");
                assert!(!message.contains("EXAMPLEKEY"), "{what}: {message}");
            }
            other => panic!("{what}: expected a backend error, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn a_dead_server_fails_promptly() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url =
        format!("s3://bucket/p?endpoint=http://127.0.0.1:{port}&allow_http=true&region=us-east-1");
    let store = files::open(&url, Some(credentials())).await.unwrap();
    let started = Instant::now();
    assert!(matches!(
        store.get("a.bin").await,
        Err(FileError::Backend(_))
    ));
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn plain_http_needs_allow_http_and_credentials_stay_out_of_errors() {
    let moto = moto();
    let url = format!("s3://bucket?endpoint={}", moto.endpoint);
    match files::open(&url, Some(credentials())).await {
        Err(OpenError::BadUrl { reason, .. }) => assert!(reason.contains("allow_http"), "{reason}"),
        Err(other) => panic!("unexpected error {other}"),
        Ok(store) => panic!("opened {}", store.describe()),
    }
    let secret = Credentials::new("AKIAIOSFODNN7EXAMPLE", "hunter2hunter2");
    match files::open("s3://Bad_Bucket", Some(secret)).await {
        Err(e) => assert!(!format!("{e} {e:?}").contains("hunter2"), "{e:?}"),
        Ok(store) => panic!("opened {}", store.describe()),
    }
}
