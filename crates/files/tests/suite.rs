//! One behavioural suite that every file store must pass, run on a fresh directory and on a
//! fresh bucket of a real S3 server (moto_server: `scripts/moto install`).

mod support;

use std::sync::Arc;

use files::{FileError, FileStore};
use support::pattern;

macro_rules! suite {
    ($($name:ident),* $(,)?) => {
        mod disk {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                let backend = crate::support::disk_backend().await;
                super::$name(backend.store.clone()).await;
            })*
        }
        mod s3 {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                let backend = crate::support::s3_backend().await;
                super::$name(backend.store.clone()).await;
            })*
        }
    };
}

suite!(
    small_empty_and_20_mb_files_round_trip,
    put_replaces_the_whole_file,
    missing_files_are_not_found,
    deleting_twice_succeeds,
    bad_keys_are_refused_everywhere,
    concurrent_puts_of_different_keys_all_land,
    describe_names_the_location,
);

async fn small_empty_and_20_mb_files_round_trip(store: Arc<dyn FileStore>) {
    let small = b"sealed consent form".to_vec();
    store
        .put("org-1/consent/a.bin", small.clone())
        .await
        .unwrap();
    assert_eq!(store.get("org-1/consent/a.bin").await.unwrap(), small);

    store.put("org-1/empty", Vec::new()).await.unwrap();
    assert_eq!(store.get("org-1/empty").await.unwrap(), Vec::<u8>::new());

    // Large enough to go through S3 multipart uploads (parts of 8 MiB, last one short).
    let big = pattern(20 * 1024 * 1024 + 123, 1);
    store
        .put("org-1/media/video.bin", big.clone())
        .await
        .unwrap();
    let back = store.get("org-1/media/video.bin").await.unwrap();
    assert_eq!(back.len(), big.len());
    assert!(back == big, "20 MB file came back altered");
}

async fn put_replaces_the_whole_file(store: Arc<dyn FileStore>) {
    store.put("k/file.bin", pattern(100_000, 2)).await.unwrap();
    let shorter = pattern(10, 3);
    store.put("k/file.bin", shorter.clone()).await.unwrap();
    assert_eq!(store.get("k/file.bin").await.unwrap(), shorter);

    // Crossing the multipart threshold in both directions replaces the object as well.
    let large = pattern(17 * 1024 * 1024, 4);
    store.put("k/file.bin", large.clone()).await.unwrap();
    assert!(store.get("k/file.bin").await.unwrap() == large);
    store
        .put("k/file.bin", b"small again".to_vec())
        .await
        .unwrap();
    assert_eq!(store.get("k/file.bin").await.unwrap(), b"small again");
}

async fn missing_files_are_not_found(store: Arc<dyn FileStore>) {
    match store.get("org-1/never-written.bin").await {
        Err(FileError::NotFound(key)) => assert_eq!(key, "org-1/never-written.bin"),
        other => panic!("expected NotFound, got {other:?}"),
    }
    // A key that is only a prefix of stored keys (a directory on disk), and one that
    // extends a stored key (a file where a directory would be), hold no file either.
    store.put("org-1/media/a.bin", b"x".to_vec()).await.unwrap();
    for key in ["org-1/media", "org-1", "org-1/media/a.bin/more"] {
        match store.get(key).await {
            Err(FileError::NotFound(_)) => {}
            other => panic!("{key}: expected NotFound, got {other:?}"),
        }
    }
}

async fn deleting_twice_succeeds(store: Arc<dyn FileStore>) {
    store
        .put("org-1/tmp.bin", b"gone soon".to_vec())
        .await
        .unwrap();
    store
        .put("org-1/kept.bin", b"stays".to_vec())
        .await
        .unwrap();
    store.delete("org-1/tmp.bin").await.unwrap();
    assert!(matches!(
        store.get("org-1/tmp.bin").await,
        Err(FileError::NotFound(_))
    ));
    store.delete("org-1/tmp.bin").await.unwrap();
    store.delete("org-2/never-existed.bin").await.unwrap();
    // Only the named file went.
    assert_eq!(store.get("org-1/kept.bin").await.unwrap(), b"stays");
}

async fn bad_keys_are_refused_everywhere(store: Arc<dyn FileStore>) {
    for key in [
        "",
        "../escape.bin",
        "org/../../escape.bin",
        "/etc/passwd",
        "org//a",
        "org/./a",
        "org/a/",
        "a b",
        "a\\b",
        "naïve.bin",
        "tilde~.bin",
        &"x".repeat(513),
    ] {
        let shown = &key[..key.len().min(20)];
        assert!(
            matches!(
                store.put(key, b"x".to_vec()).await,
                Err(FileError::BadKey(_))
            ),
            "put {shown}"
        );
        assert!(
            matches!(store.get(key).await, Err(FileError::BadKey(_))),
            "get {shown}"
        );
        assert!(
            matches!(store.delete(key).await, Err(FileError::BadKey(_))),
            "delete {shown}"
        );
    }
}

async fn concurrent_puts_of_different_keys_all_land(store: Arc<dyn FileStore>) {
    let writers: Vec<_> = (0..24u64)
        .map(|i| {
            let store = store.clone();
            tokio::spawn(async move {
                let key = format!("org-{}/media/{i}.bin", i % 3);
                store.put(&key, pattern(50_000 + i as usize, i)).await?;
                Ok::<_, FileError>(key)
            })
        })
        .collect();
    let mut keys = Vec::new();
    for writer in writers {
        keys.push(writer.await.unwrap().unwrap());
    }
    for (i, key) in keys.iter().enumerate() {
        let expected = pattern(50_000 + i, i as u64);
        assert!(store.get(key).await.unwrap() == expected, "{key} mixed up");
    }
}

async fn describe_names_the_location(store: Arc<dyn FileStore>) {
    let description = store.describe();
    assert!(
        description.starts_with("disk:/") || description.starts_with("s3://carepost-test-"),
        "{description}"
    );
    assert!(!description.contains("EXAMPLEKEY"), "{description}");
}
