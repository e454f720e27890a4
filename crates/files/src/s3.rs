//! Files in an S3-compatible bucket (AWS S3, MinIO, Ceph RGW, …) through `object_store`.

use std::net::IpAddr;
use std::time::Duration;

use async_trait::async_trait;
use bytes::Bytes;
use domain::files::{check_key, FileError, FileStore};
use object_store::aws::{AmazonS3, AmazonS3Builder};
use object_store::path::Path;
use object_store::{ClientOptions, MultipartUpload, ObjectStoreExt, PutPayload, RetryConfig};

use crate::{Credentials, OpenError};

/// Where and how to reach a bucket. `Debug` hides the secret (see [`Credentials`]).
#[derive(Debug, Clone)]
pub struct S3Config {
    pub bucket: String,
    /// Keys are stored under `prefix/` when set (same shape rules as keys).
    pub prefix: Option<String>,
    pub region: String,
    /// The server's base URL off AWS (`https://minio.example.org`, `http://127.0.0.1:9000`);
    /// requests then use path-style addressing (`endpoint/bucket/key`), which every
    /// S3-compatible server understands.
    pub endpoint: Option<String>,
    /// Allows an `http://` endpoint, and only a loopback one: anything else must use TLS.
    pub allow_http: bool,
    pub credentials: Credentials,
}

/// Uploads above this size go in parts, so no single request has to carry a whole large
/// video within the request timeout.
const MULTIPART_THRESHOLD: usize = 16 * 1024 * 1024;
/// S3 wants parts of at least 5 MiB (but the last).
const PART_SIZE: usize = 8 * 1024 * 1024;
/// Parts in flight at once for one upload.
const PART_CONCURRENCY: usize = 2;

pub struct S3Store {
    store: AmazonS3,
    prefix: Option<String>,
    description: String,
}

impl std::fmt::Debug for S3Store {
    // The client's own Debug lists its whole configuration; the description is enough.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("S3Store").field(&self.description).finish()
    }
}

impl S3Store {
    /// Builds the client; no request is made until the first operation.
    pub fn new(config: S3Config) -> Result<Self, OpenError> {
        let url = format!(
            "s3://{}/{}",
            config.bucket,
            config.prefix.as_deref().unwrap_or("")
        );
        let bad = |reason: String| OpenError::BadUrl {
            url: url.clone(),
            reason,
        };
        if !valid_bucket(&config.bucket) {
            return Err(bad(format!(
                "'{}' is not a bucket name (3-63 of a-z 0-9 . -)",
                config.bucket
            )));
        }
        if let Some(prefix) = &config.prefix {
            check_key(prefix).map_err(|_| {
                bad("the prefix must be /-separated segments of A-Za-z0-9 . _ -".into())
            })?;
        }
        if config.region.is_empty() {
            return Err(bad("empty region".into()));
        }
        let endpoint = match &config.endpoint {
            Some(endpoint) => Some(check_endpoint(endpoint, config.allow_http).map_err(bad)?),
            None => None,
        };

        let mut builder = AmazonS3Builder::new()
            .with_bucket_name(&config.bucket)
            .with_region(&config.region)
            .with_access_key_id(&config.credentials.access_key_id)
            .with_secret_access_key(&config.credentials.secret_access_key)
            // Bounded so a dead server fails a request within about a minute instead of
            // the library's three.
            .with_retry(RetryConfig {
                max_retries: 4,
                retry_timeout: Duration::from_secs(60),
                ..RetryConfig::default()
            })
            .with_client_options(
                ClientOptions::new()
                    .with_connect_timeout(Duration::from_secs(5))
                    .with_timeout(Duration::from_secs(120))
                    .with_allow_http(config.allow_http),
            );
        if let Some(token) = &config.credentials.session_token {
            builder = builder.with_token(token);
        }
        if let Some(endpoint) = &endpoint {
            builder = builder
                .with_endpoint(endpoint)
                .with_virtual_hosted_style_request(false);
        }
        let store = builder
            .build()
            .map_err(|e| bad(format!("S3 client: {e}")))?;

        let description = match &endpoint {
            Some(endpoint) => format!(
                "{} at {endpoint} ({})",
                url.trim_end_matches('/'),
                config.region
            ),
            None => format!("{} ({})", url.trim_end_matches('/'), config.region),
        };
        Ok(S3Store {
            store,
            prefix: config.prefix,
            description,
        })
    }

    fn path(&self, key: &str) -> Result<Path, FileError> {
        check_key(key)?;
        let full = match &self.prefix {
            Some(prefix) => format!("{prefix}/{key}"),
            None => key.to_string(),
        };
        // Cannot fail after check_key (no empty, `.` or `..` segments), but a library
        // change should surface as an error, not a panic.
        Path::parse(&full).map_err(|e| FileError::BadKey(format!("{key}: {e}")))
    }

    async fn put_in_parts(&self, path: &Path, bytes: Bytes) -> object_store::Result<()> {
        let mut upload = self.store.put_multipart(path).await?;
        let result = upload_parts(upload.as_mut(), bytes).await;
        match result {
            Ok(()) => upload.complete().await.map(|_| ()),
            Err(e) => {
                // Abandoned parts are billed until aborted. Failing to abort is secondary
                // to the error being reported; a bucket lifecycle rule removes the rest.
                let _ = upload.abort().await;
                Err(e)
            }
        }
    }
}

async fn upload_parts(upload: &mut dyn MultipartUpload, bytes: Bytes) -> object_store::Result<()> {
    let mut in_flight = tokio::task::JoinSet::new();
    let mut start = 0;
    while start < bytes.len() {
        let end = (start + PART_SIZE).min(bytes.len());
        if in_flight.len() >= PART_CONCURRENCY {
            join_one(&mut in_flight).await?;
        }
        in_flight.spawn(upload.put_part(PutPayload::from(bytes.slice(start..end))));
        start = end;
    }
    while !in_flight.is_empty() {
        join_one(&mut in_flight).await?;
    }
    Ok(())
}

async fn join_one(
    in_flight: &mut tokio::task::JoinSet<object_store::Result<()>>,
) -> object_store::Result<()> {
    match in_flight.join_next().await {
        Some(Ok(result)) => result,
        Some(Err(e)) => Err(object_store::Error::Generic {
            store: "S3",
            source: Box::new(e),
        }),
        None => Ok(()),
    }
}

#[async_trait]
impl FileStore for S3Store {
    fn describe(&self) -> String {
        self.description.clone()
    }

    async fn put(&self, key: &str, bytes: Vec<u8>) -> Result<(), FileError> {
        let path = self.path(key)?;
        let bytes = Bytes::from(bytes);
        let result = if bytes.len() > MULTIPART_THRESHOLD {
            self.put_in_parts(&path, bytes).await
        } else {
            self.store
                .put(&path, PutPayload::from(bytes))
                .await
                .map(|_| ())
        };
        // A 404 on upload means the bucket is missing: a configuration fault, not a file.
        result.map_err(|e| backend(key, e))
    }

    async fn get(&self, key: &str) -> Result<Vec<u8>, FileError> {
        let path = self.path(key)?;
        let read = async { self.store.get(&path).await?.bytes().await };
        match read.await {
            Ok(bytes) => Ok(bytes.into()),
            Err(e @ object_store::Error::NotFound { .. }) if missing_bucket(&e) => {
                Err(backend(key, e))
            }
            Err(object_store::Error::NotFound { .. }) => Err(FileError::NotFound(key.to_string())),
            Err(e) => Err(backend(key, e)),
        }
    }

    async fn delete(&self, key: &str) -> Result<(), FileError> {
        let path = self.path(key)?;
        match self.store.delete(&path).await {
            Ok(()) => Ok(()),
            // S3 itself answers 204 for a missing key; a 404 comes from a missing bucket.
            Err(e @ object_store::Error::NotFound { .. }) if missing_bucket(&e) => {
                Err(backend(key, e))
            }
            // Some compatible servers answer 404 for a missing key: already deleted.
            Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(backend(key, e)),
        }
    }
}

/// S3 answers 404 both for a missing key and a missing bucket; only the error code in the
/// body tells them apart, and a missing bucket must not pass for a missing file.
fn missing_bucket(e: &object_store::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = source {
        if err.to_string().contains("<Code>NoSuchBucket</Code>") {
            return true;
        }
        source = err.source();
    }
    false
}

fn backend(key: &str, e: object_store::Error) -> FileError {
    FileError::Backend(format!("{key}: {e}"))
}

/// Bucket names as S3 defines them (lowercase letters, digits, dots and hyphens), which also
/// keeps them safe to put in a URL.
fn valid_bucket(name: &str) -> bool {
    (3..=63).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-')
        && name.starts_with(|c: char| c.is_ascii_alphanumeric())
        && name.ends_with(|c: char| c.is_ascii_alphanumeric())
}

/// The endpoint's base URL without a trailing `/`. Plain HTTP would expose request metadata
/// (keys, sizes) on the network, so it is only accepted to this machine.
fn check_endpoint(endpoint: &str, allow_http: bool) -> Result<String, String> {
    let url = url::Url::parse(endpoint).map_err(|e| format!("endpoint '{endpoint}': {e}"))?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err("the endpoint must not carry credentials".into());
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err("the endpoint takes no query or fragment".into());
    }
    let host = url.host().ok_or("the endpoint has no host")?;
    match url.scheme() {
        "https" => {}
        "http" => {
            let loopback = match host {
                url::Host::Domain(name) => name.eq_ignore_ascii_case("localhost"),
                url::Host::Ipv4(ip) => IpAddr::V4(ip).is_loopback(),
                url::Host::Ipv6(ip) => IpAddr::V6(ip).is_loopback(),
            };
            if !loopback {
                return Err("plain http is only allowed to a loopback endpoint: use https".into());
            }
            if !allow_http {
                return Err("an http:// endpoint needs allow_http=true".into());
            }
        }
        other => return Err(format!("the endpoint must be http(s), not '{other}'")),
    }
    Ok(url.as_str().trim_end_matches('/').to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(endpoint: Option<&str>, allow_http: bool) -> S3Config {
        S3Config {
            bucket: "carepost-media".into(),
            prefix: Some("prod".into()),
            region: "eu-west-1".into(),
            endpoint: endpoint.map(str::to_string),
            allow_http,
            credentials: Credentials::new("AKIAEXAMPLEKEYID", "very-secret-key"),
        }
    }

    fn refused(config: S3Config) -> String {
        match S3Store::new(config) {
            Err(OpenError::BadUrl { reason, .. }) => reason,
            other => panic!("accepted: {other:?}"),
        }
    }

    #[test]
    fn http_is_for_loopback_only() {
        assert!(S3Store::new(config(Some("http://127.0.0.1:9000"), true)).is_ok());
        assert!(S3Store::new(config(Some("http://[::1]:9000/"), true)).is_ok());
        assert!(S3Store::new(config(Some("http://localhost:9000"), true)).is_ok());
        assert!(S3Store::new(config(Some("https://minio.example.org"), false)).is_ok());
        assert!(refused(config(Some("http://127.0.0.1:9000"), false)).contains("allow_http"));
        assert!(refused(config(Some("http://minio.internal:9000"), true)).contains("loopback"));
        assert!(refused(config(Some("http://10.0.0.5:9000"), true)).contains("loopback"));
        assert!(refused(config(Some("ftp://127.0.0.1"), true)).contains("http(s)"));
        assert!(
            refused(config(Some("https://u:p@minio.example.org"), false)).contains("credentials")
        );
    }

    #[test]
    fn bucket_and_prefix_are_checked() {
        let mut bad_bucket = config(None, false);
        bad_bucket.bucket = "Bad_Bucket".into();
        assert!(refused(bad_bucket).contains("bucket"));
        let mut bad_prefix = config(None, false);
        bad_prefix.prefix = Some("../up".into());
        assert!(refused(bad_prefix).contains("prefix"));
    }

    #[test]
    fn description_and_debug_hide_the_secret() {
        let store = S3Store::new(config(Some("http://127.0.0.1:9000/"), true)).unwrap();
        assert_eq!(
            store.describe(),
            "s3://carepost-media/prod at http://127.0.0.1:9000 (eu-west-1)"
        );
        let aws = S3Store::new(config(None, false)).unwrap();
        assert_eq!(aws.describe(), "s3://carepost-media/prod (eu-west-1)");
        for shown in [
            format!("{store:?}"),
            format!("{:?}", config(None, false)),
            store.describe(),
        ] {
            assert!(!shown.contains("very-secret-key"), "{shown}");
        }
    }

    #[test]
    fn keys_go_under_the_prefix() {
        let store = S3Store::new(config(None, false)).unwrap();
        assert_eq!(store.path("org/a.bin").unwrap().as_ref(), "prod/org/a.bin");
        assert!(matches!(store.path("../a"), Err(FileError::BadKey(_))));
    }
}
