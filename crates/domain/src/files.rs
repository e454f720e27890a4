//! The file storage port: uploaded media and signed consent documents live outside the
//! database, on disk by default or in an S3-compatible object store when several instances
//! share the work. Implementations are in the `files` crate. Callers seal what they store
//! (see [`crate::secret_box::SecretBox::seal_bytes`]), so a copied bucket or disk reveals
//! nothing.

use async_trait::async_trait;

#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("file not found: {0}")]
    NotFound(String),
    #[error("invalid file key '{0}'")]
    BadKey(String),
    #[error("file storage failed: {0}")]
    Backend(String),
}

impl From<FileError> for crate::DomainError {
    fn from(e: FileError) -> Self {
        match e {
            FileError::NotFound(_) => crate::DomainError::NotFound { what: "file" },
            other => crate::DomainError::Store(other.to_string()),
        }
    }
}

/// Keys are `/`-separated paths of `[A-Za-z0-9._-]` segments (no `..`), e.g.
/// `org-id/media/0193….bin`; implementations refuse anything else.
#[async_trait]
pub trait FileStore: Send + Sync + 'static {
    /// Where files go, for status pages (`disk:/var/lib/carepost/files`, `s3://bucket`).
    fn describe(&self) -> String;
    /// Stores `bytes` under `key`, replacing any file there; visible to `get` only once
    /// complete (no half-written files after a crash).
    async fn put(&self, key: &str, bytes: Vec<u8>) -> Result<(), FileError>;
    async fn get(&self, key: &str) -> Result<Vec<u8>, FileError>;
    /// Deleting a missing file succeeds.
    async fn delete(&self, key: &str) -> Result<(), FileError>;
}

/// The file store of a desk that was given none (CLI commands that never touch files):
/// every call says so instead of losing data.
pub struct Unconfigured;

#[async_trait]
impl FileStore for Unconfigured {
    fn describe(&self) -> String {
        "none".into()
    }
    async fn put(&self, _key: &str, _bytes: Vec<u8>) -> Result<(), FileError> {
        Err(FileError::Backend(
            "no file storage is configured for this command".into(),
        ))
    }
    async fn get(&self, key: &str) -> Result<Vec<u8>, FileError> {
        Err(FileError::NotFound(key.into()))
    }
    async fn delete(&self, _key: &str) -> Result<(), FileError> {
        Ok(())
    }
}

/// Checks a key's shape (shared by the implementations).
pub fn check_key(key: &str) -> Result<(), FileError> {
    let ok = !key.is_empty()
        && key.len() <= 512
        && key.split('/').all(|seg| {
            !seg.is_empty()
                && seg != "."
                && seg != ".."
                && seg
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        });
    if ok {
        Ok(())
    } else {
        Err(FileError::BadKey(key.chars().take(80).collect()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_cannot_escape_the_store() {
        assert!(check_key("org/media/abc.bin").is_ok());
        for bad in [
            "",
            "../etc/passwd",
            "a//b",
            "/abs",
            "a/./b",
            "a b",
            "a\\b",
            "é",
        ] {
            assert!(check_key(bad).is_err(), "{bad}");
        }
    }
}
