//! What only the directory store promises: where files land, their permissions, atomic
//! replacement without leftovers, and `file://` URLs.

mod support;

use std::path::Path;

use files::{DiskStore, FileError, FileStore};

fn all_files(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(all_files(&path));
        } else {
            found.push(path.to_string_lossy().into_owned());
        }
    }
    found.sort();
    found
}

#[tokio::test]
async fn keys_map_to_files_under_the_directory_and_nothing_else() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("nested/files");
    let store = DiskStore::open(&root).await.unwrap();
    assert_eq!(store.root(), root.canonicalize().unwrap());
    assert_eq!(
        store.describe(),
        format!("disk:{}", root.canonicalize().unwrap().display())
    );

    store
        .put("org-1/media/a.bin", b"one".to_vec())
        .await
        .unwrap();
    store
        .put("org-1/media/a.bin", b"two".to_vec())
        .await
        .unwrap();
    store.put("b", b"three".to_vec()).await.unwrap();
    for bad in ["../outside.bin", "org-1/../../outside.bin", "/tmp/abs.bin"] {
        assert!(matches!(
            store.put(bad, b"x".to_vec()).await,
            Err(FileError::BadKey(_))
        ));
    }
    // Exactly the two files, no temporary file left behind, nothing beside the root.
    let root = store.root();
    assert_eq!(
        all_files(tmp.path()),
        vec![
            root.join("b").to_string_lossy().into_owned(),
            root.join("org-1/media/a.bin")
                .to_string_lossy()
                .into_owned(),
        ]
    );
    assert_eq!(
        std::fs::read(root.join("org-1/media/a.bin")).unwrap(),
        b"two"
    );
}

#[cfg(unix)]
#[tokio::test]
async fn directories_are_private_to_the_service() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let store = DiskStore::open(tmp.path().join("files")).await.unwrap();
    store.put("org-1/media/a.bin", b"x".to_vec()).await.unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let root = store.root();
    assert_eq!(mode(root), 0o700);
    assert_eq!(mode(&root.join("org-1")), 0o700);
    assert_eq!(mode(&root.join("org-1/media")), 0o700);
    assert_eq!(mode(&root.join("org-1/media/a.bin")), 0o600);
}

#[tokio::test]
async fn a_failed_write_leaves_the_old_file_and_no_temporary() {
    let tmp = tempfile::tempdir().unwrap();
    let store = DiskStore::open(tmp.path()).await.unwrap();
    store.put("org-1/a.bin", b"kept".to_vec()).await.unwrap();
    // A directory where the file would go makes the final rename fail.
    store.put("org-1/dir/x", b"x".to_vec()).await.unwrap();
    match store.put("org-1/dir", b"y".to_vec()).await {
        Err(FileError::Backend(message)) => assert!(message.contains("org-1/dir"), "{message}"),
        other => panic!("expected a backend error, got {other:?}"),
    }
    // A file where a directory would go fails before writing anything.
    assert!(matches!(
        store.put("org-1/a.bin/child", b"z".to_vec()).await,
        Err(FileError::Backend(_))
    ));
    assert_eq!(store.get("org-1/a.bin").await.unwrap(), b"kept");
    let leftovers: Vec<_> = all_files(tmp.path())
        .into_iter()
        .filter(|f| f.contains('~'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[tokio::test]
async fn urls_and_paths_open_the_same_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("with space");
    let by_path = files::open(dir.to_str().unwrap(), None).await.unwrap();
    by_path.put("org/a.bin", b"shared".to_vec()).await.unwrap();

    let url = format!("file://{}", dir.to_str().unwrap().replace(' ', "%20"));
    let by_url = files::open(&url, None).await.unwrap();
    assert_eq!(by_url.get("org/a.bin").await.unwrap(), b"shared");
    assert_eq!(by_url.describe(), by_path.describe());

    // Reopening an existing directory keeps its files.
    let again = DiskStore::open(&dir).await.unwrap();
    assert_eq!(again.get("org/a.bin").await.unwrap(), b"shared");
}

#[tokio::test]
async fn an_unusable_directory_fails_to_open() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("a-file");
    std::fs::write(&file, b"not a directory").unwrap();
    match files::open(file.to_str().unwrap(), None).await {
        Err(files::OpenError::Store(FileError::Backend(message))) => {
            assert!(message.contains("a-file"), "{message}")
        }
        Err(other) => panic!("unexpected error {other}"),
        Ok(store) => panic!("opened {}", store.describe()),
    }
}
