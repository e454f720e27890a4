//! Carepost's file storage: the domain's [`FileStore`] port on a local directory
//! ([`DiskStore`]) and on S3-compatible object stores such as AWS S3, MinIO or Ceph
//! ([`S3Store`]). [`open`] picks one from a URL:
//!
//! - `/var/lib/carepost/files`, `data/files` or `file:///var/lib/carepost/files`: a directory;
//! - `s3://bucket/optional/prefix?endpoint=http://127.0.0.1:9000&region=us-east-1&allow_http=true`:
//!   an S3 bucket. `endpoint` is only needed off AWS, `region` defaults to `AWS_REGION`,
//!   `AWS_DEFAULT_REGION`, then `us-east-1`, and `allow_http` permits plain HTTP to a loopback
//!   endpoint only. Credentials are never part of the URL (URLs end up in logs and process
//!   lists): they are passed to [`open`] or read from `AWS_ACCESS_KEY_ID`,
//!   `AWS_SECRET_ACCESS_KEY` and, if set, `AWS_SESSION_TOKEN`.
//!
//! Callers seal the bytes they store; these stores only keep them safe from partial writes.

mod disk;
mod s3;

use std::fmt;
use std::sync::Arc;

pub use disk::DiskStore;
pub use domain::files::{check_key, FileError, FileStore};
pub use s3::{S3Config, S3Store};

/// S3 credentials. `Debug` shows only the start of the key id, never the secret.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub access_key_id: String,
    pub secret_access_key: String,
    /// Set for temporary credentials (STS, assumed roles).
    pub session_token: Option<String>,
}

impl Credentials {
    pub fn new(access_key_id: impl Into<String>, secret_access_key: impl Into<String>) -> Self {
        Credentials {
            access_key_id: access_key_id.into(),
            secret_access_key: secret_access_key.into(),
            session_token: None,
        }
    }

    /// The standard `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` (/ `AWS_SESSION_TOKEN`)
    /// variables; `None` unless both of the first two are set and non-empty.
    pub fn from_env() -> Option<Self> {
        let var = |name| std::env::var(name).ok().filter(|v: &String| !v.is_empty());
        Some(Credentials {
            access_key_id: var("AWS_ACCESS_KEY_ID")?,
            secret_access_key: var("AWS_SECRET_ACCESS_KEY")?,
            session_token: var("AWS_SESSION_TOKEN"),
        })
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The key id is not a secret on its own, but its first characters are enough for an
        // operator to tell which key is configured.
        let id: String = self.access_key_id.chars().take(4).collect();
        f.debug_struct("Credentials")
            .field("access_key_id", &format!("{id}…"))
            .field("secret_access_key", &"***")
            .field("session_token", &self.session_token.as_ref().map(|_| "***"))
            .finish()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// `url` is already masked.
    #[error("invalid file store URL '{url}': {reason}")]
    BadUrl { url: String, reason: String },
    #[error(
        "no S3 credentials for '{url}': pass them explicitly or set AWS_ACCESS_KEY_ID and \
         AWS_SECRET_ACCESS_KEY"
    )]
    MissingCredentials { url: String },
    #[error(transparent)]
    Store(#[from] FileError),
}

impl OpenError {
    pub(crate) fn bad_url(url: &str, reason: impl Into<String>) -> Self {
        OpenError::BadUrl {
            url: mask(url),
            reason: reason.into(),
        }
    }
}

/// Opens the file store a URL names (see the crate docs for the formats). `credentials` are
/// for S3 and default to the standard AWS environment variables; a directory store ignores
/// them. Opening a directory creates it; opening a bucket does not contact the server.
pub async fn open(
    url: &str,
    credentials: Option<Credentials>,
) -> Result<Arc<dyn FileStore>, OpenError> {
    match parse(url)? {
        Target::Disk(path) => Ok(Arc::new(DiskStore::open(path).await?)),
        Target::S3(location) => {
            let credentials = credentials
                .or_else(Credentials::from_env)
                .ok_or_else(|| OpenError::MissingCredentials { url: mask(url) })?;
            let region = location.region.clone().unwrap_or_else(|| {
                ["AWS_REGION", "AWS_DEFAULT_REGION"]
                    .into_iter()
                    .find_map(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
                    .unwrap_or_else(|| "us-east-1".to_string())
            });
            let config = S3Config {
                bucket: location.bucket,
                prefix: location.prefix,
                region,
                endpoint: location.endpoint,
                allow_http: location.allow_http,
                credentials,
            };
            Ok(Arc::new(S3Store::new(config)?))
        }
    }
}

/// A URL fit for logs: any user-info and the values of query parameters that look secret
/// are replaced by `***`. Plain paths come back unchanged.
pub fn mask(url: &str) -> String {
    let Ok(mut parsed) = url::Url::parse(url) else {
        // Not a URL, so a path: nothing secret is parsed out of it. A string that merely
        // looks like a URL with a password is cut at the '@' in case.
        return match (url.find("://"), url.rfind('@')) {
            (Some(scheme_end), Some(at)) if at > scheme_end => {
                format!("{}://***@{}", &url[..scheme_end], &url[at + 1..])
            }
            _ => url.to_string(),
        };
    };
    let had_userinfo = !parsed.username().is_empty() || parsed.password().is_some();
    if had_userinfo {
        // Either call fails only for URLs that cannot carry user-info, which these did.
        let _ = parsed.set_username("***");
        let _ = parsed.set_password(None);
    }
    let is_secret = |key: &str| {
        let key = key.to_ascii_lowercase();
        ["secret", "password", "token", "signature", "credential"]
            .iter()
            .any(|s| key.contains(s))
            || key.ends_with("key")
            || key.ends_with("key_id")
    };
    // Rewriting the query re-encodes it, so only do it when something must go.
    if parsed.query_pairs().any(|(k, _)| is_secret(&k)) {
        let pairs: Vec<(String, String)> = parsed
            .query_pairs()
            .map(|(k, v)| {
                let v = if is_secret(&k) {
                    "***".to_string()
                } else {
                    v.into_owned()
                };
                (k.into_owned(), v)
            })
            .collect();
        parsed.query_pairs_mut().clear().extend_pairs(pairs);
    }
    parsed.to_string()
}

#[derive(Debug, PartialEq)]
enum Target {
    Disk(std::path::PathBuf),
    S3(S3Location),
}

/// An `s3://` URL's parts; the region is `None` when the URL leaves it to the environment.
#[derive(Debug, PartialEq)]
struct S3Location {
    bucket: String,
    prefix: Option<String>,
    region: Option<String>,
    endpoint: Option<String>,
    allow_http: bool,
}

fn parse(url: &str) -> Result<Target, OpenError> {
    if url.trim().is_empty() {
        return Err(OpenError::bad_url(url, "empty"));
    }
    if !url.contains("://") {
        return Ok(Target::Disk(url.into()));
    }
    let parsed = url::Url::parse(url).map_err(|e| OpenError::bad_url(url, e.to_string()))?;
    match parsed.scheme() {
        "file" => {
            if parsed.query().is_some() || parsed.fragment().is_some() {
                return Err(OpenError::bad_url(url, "a file URL takes no query"));
            }
            let path = parsed.to_file_path().map_err(|()| {
                OpenError::bad_url(url, "expected file:///absolute/path (no host)")
            })?;
            Ok(Target::Disk(path))
        }
        "s3" => parse_s3(url, &parsed).map(Target::S3),
        other => Err(OpenError::bad_url(
            url,
            format!("unsupported scheme '{other}' (use a path, file:// or s3://)"),
        )),
    }
}

fn parse_s3(url: &str, parsed: &url::Url) -> Result<S3Location, OpenError> {
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(OpenError::bad_url(
            url,
            "credentials do not belong in the URL: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
        ));
    }
    if parsed.fragment().is_some() {
        return Err(OpenError::bad_url(url, "unexpected '#' fragment"));
    }
    let bucket = parsed.host_str().unwrap_or_default().to_string();
    if bucket.is_empty() {
        return Err(OpenError::bad_url(
            url,
            "missing bucket: s3://bucket/prefix",
        ));
    }
    if parsed.port().is_some() {
        return Err(OpenError::bad_url(
            url,
            "a bucket has no port: put the server in ?endpoint=",
        ));
    }
    let path = parsed.path().trim_matches('/');
    let prefix = (!path.is_empty()).then(|| path.to_string());

    let mut location = S3Location {
        bucket,
        prefix,
        region: None,
        endpoint: None,
        allow_http: false,
    };
    let mut seen = Vec::new();
    for (key, value) in parsed.query_pairs() {
        if seen.contains(&key) {
            return Err(OpenError::bad_url(url, format!("'{key}' given twice")));
        }
        match key.as_ref() {
            "endpoint" => location.endpoint = Some(value.to_string()),
            "region" => location.region = Some(value.to_string()),
            "allow_http" => {
                location.allow_http = match value.as_ref() {
                    "true" | "1" => true,
                    "false" | "0" => false,
                    _ => return Err(OpenError::bad_url(url, "allow_http must be true or false")),
                }
            }
            // A typo such as `alow_http` must not be silently ignored.
            other => {
                return Err(OpenError::bad_url(
                    url,
                    format!("unknown parameter '{other}' (known: endpoint, region, allow_http)"),
                ))
            }
        }
        seen.push(key);
    }
    Ok(location)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s3(url: &str) -> S3Location {
        match parse(url).unwrap() {
            Target::S3(location) => location,
            other => panic!("{url} parsed as {other:?}"),
        }
    }

    fn bad(url: &str) -> String {
        match parse(url) {
            Err(OpenError::BadUrl { reason, .. }) => reason,
            other => panic!("{url} was accepted: {other:?}"),
        }
    }

    #[test]
    fn paths_and_file_urls_name_directories() {
        assert_eq!(
            parse("/var/lib/carepost/files").unwrap(),
            Target::Disk("/var/lib/carepost/files".into())
        );
        assert_eq!(
            parse("data/files").unwrap(),
            Target::Disk("data/files".into())
        );
        assert_eq!(
            parse("file:///var/lib/carepost%20files").unwrap(),
            Target::Disk("/var/lib/carepost files".into())
        );
        assert!(bad("file://host/share").contains("no host"));
        assert!(bad("").contains("empty"));
        assert!(bad("ftp://example.org/x").contains("unsupported scheme"));
    }

    #[test]
    fn s3_urls_carry_bucket_prefix_and_options() {
        assert_eq!(
            s3("s3://media-bucket"),
            S3Location {
                bucket: "media-bucket".into(),
                prefix: None,
                region: None,
                endpoint: None,
                allow_http: false,
            }
        );
        assert_eq!(
            s3("s3://b/carepost/prod/?endpoint=http://127.0.0.1:9000&region=eu-west-1&allow_http=true"),
            S3Location {
                bucket: "b".into(),
                prefix: Some("carepost/prod".into()),
                region: Some("eu-west-1".into()),
                endpoint: Some("http://127.0.0.1:9000".into()),
                allow_http: true,
            }
        );
    }

    #[test]
    fn s3_urls_refuse_secrets_typos_and_ambiguity() {
        assert!(bad("s3://AKIA:hunter2@bucket").contains("credentials"));
        assert!(bad("s3://bucket?alow_http=true").contains("unknown parameter"));
        assert!(bad("s3://bucket?region=a&region=b").contains("twice"));
        assert!(bad("s3://bucket?allow_http=yes").contains("true or false"));
        assert!(bad("s3:///prefix").contains("missing bucket"));
        assert!(bad("s3://bucket:9000/x").contains("endpoint"));
        // The error message itself must not repeat the secret.
        let err = parse("s3://AKIA:hunter2@bucket").unwrap_err().to_string();
        assert!(!err.contains("hunter2"), "{err}");
    }

    #[test]
    fn mask_hides_userinfo_and_secret_parameters() {
        let masked = mask("s3://AKIAXYZ:hunter2@bucket/p?region=us-east-1&secret_access_key=hunter3&access_key_id=AKIAXYZ&x-amz-security-token=t0k");
        for secret in ["hunter2", "hunter3", "AKIAXYZ", "t0k"] {
            assert!(!masked.contains(secret), "{masked}");
        }
        assert!(masked.contains("region=us-east-1"), "{masked}");
        assert_eq!(mask("/var/lib/files"), "/var/lib/files");
        assert_eq!(
            mask("s3://bucket?endpoint=http://127.0.0.1:9000"),
            "s3://bucket?endpoint=http://127.0.0.1:9000"
        );
        assert_eq!(mask("weird://a:b@c d"), "weird://***@c d");
    }

    #[test]
    fn credentials_debug_hides_the_secret() {
        let mut creds = Credentials::new("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG");
        creds.session_token = Some("FwoGZXIvYXdzEBY".into());
        let shown = format!("{creds:?}");
        assert!(shown.contains("AKIA…"), "{shown}");
        for secret in ["IOSFODNN7EXAMPLE", "wJalrXUtnFEMI", "FwoGZXIvYXdzEBY"] {
            assert!(!shown.contains(secret), "{shown}");
        }
    }
}
