//! Files in a local directory: one file per key, written atomically.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use async_trait::async_trait;
use domain::files::{check_key, FileError, FileStore};

/// Stores each key as a file under one directory. Directories are created 0700 and files
/// 0600 on unix, since they hold (sealed) patient material.
#[derive(Debug, Clone)]
pub struct DiskStore {
    root: PathBuf,
}

/// Temporary files carry this marker: no key may contain `~`, so no key can name one.
const TEMP_MARKER: &str = ".put~";

impl DiskStore {
    /// Opens the store at `dir`, creating it (and its parents) if needed. An existing
    /// directory keeps its permissions: the operator may have chosen them.
    pub async fn open(dir: impl AsRef<Path>) -> Result<Self, FileError> {
        let dir = dir.as_ref().to_path_buf();
        blocking(move || {
            create_dirs(&dir)
                .and_then(|()| dir.canonicalize())
                .map_err(|e| backend(&format!("cannot open {}", dir.display()), e))
        })
        .await
        .map(|root| DiskStore { root })
    }

    /// The directory files are kept in (absolute).
    pub fn root(&self) -> &Path {
        &self.root
    }

    fn path(&self, key: &str) -> Result<PathBuf, FileError> {
        // check_key admits only non-empty segments of [A-Za-z0-9._-] other than `.` and
        // `..`, so the joined path stays under root.
        check_key(key)?;
        Ok(self.root.join(key))
    }
}

#[async_trait]
impl FileStore for DiskStore {
    fn describe(&self) -> String {
        format!("disk:{}", self.root.display())
    }

    async fn put(&self, key: &str, bytes: Vec<u8>) -> Result<(), FileError> {
        let path = self.path(key)?;
        let key = key.to_string();
        blocking(move || write_atomically(&path, &bytes).map_err(|e| backend(&key, e))).await
    }

    async fn get(&self, key: &str) -> Result<Vec<u8>, FileError> {
        let path = self.path(key)?;
        match tokio::fs::read(&path).await {
            Ok(bytes) => Ok(bytes),
            Err(e) if is_absent(&e) => Err(FileError::NotFound(key.to_string())),
            Err(e) => Err(backend(key, e)),
        }
    }

    async fn delete(&self, key: &str) -> Result<(), FileError> {
        let path = self.path(key)?;
        match tokio::fs::remove_file(&path).await {
            Ok(()) => Ok(()),
            Err(e) if is_absent(&e) => Ok(()),
            Err(e) => Err(backend(key, e)),
        }
    }
}

/// "No file under this key": nothing there, a directory there (the key is a prefix of other
/// keys), or a file where the key needs a directory (the key extends another key).
fn is_absent(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::NotFound | io::ErrorKind::IsADirectory | io::ErrorKind::NotADirectory
    )
}

fn backend(what: &str, e: io::Error) -> FileError {
    FileError::Backend(format!("{what}: {e}"))
}

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, FileError> + Send + 'static,
) -> Result<T, FileError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| FileError::Backend(format!("file task failed: {e}")))?
}

fn create_dirs(dir: &Path) -> io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Writes to a fresh temporary file beside `path`, syncs it, then renames it over `path`,
/// so readers see the old file or the whole new one, and a crash leaves no partial file
/// under the key. The directory is synced too so the rename itself survives a power cut.
fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().expect("a key path lies under the root");
    create_dirs(dir)?;
    let temp = dir.join(format!("{TEMP_MARKER}{}", uuid::Uuid::now_v7().simple()));

    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);

    let written = options.open(&temp).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    });
    if let Err(e) = written {
        // Best effort: the write already failed, and a leftover temp file is unreachable
        // through any key.
        let _ = std::fs::remove_file(&temp);
        return Err(e);
    }
    sync_dir(dir)
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    // Directories cannot be opened for syncing elsewhere; the rename is still atomic.
    Ok(())
}
