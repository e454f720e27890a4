//! Configuration, layered: built-in defaults, then a TOML file (`--config`, `CAREPOST_CONFIG`,
//! or `./carepost.toml` when present), then `CAREPOST_*` environment variables. Secrets can
//! also come from files (`CAREPOST_DATABASE_URL_FILE=/run/secrets/db`). One table describes
//! every setting, so `carepost config` and the README never drift from the code.

use anyhow::Context;
use figment::providers::{Env, Format, Serialized, Toml};
use figment::Figment;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Config {
    pub bind: String,
    pub database_url: String,
    pub public_url: Option<String>,
    pub cookie_secure: bool,
    pub trust_proxy: bool,
    pub log: String,
    pub secret_key: Option<String>,
    pub files: Option<String>,
    pub smtp_url: Option<String>,
    pub smtp_from: Option<String>,
    pub twilio_base_url: String,
    pub twilio_account_sid: Option<String>,
    pub twilio_auth_token: Option<String>,
    pub twilio_from: Option<String>,
    pub sms_per_second: u32,
    pub inbox_poll_seconds: u64,
    pub worker: bool,
    pub job_lease_seconds: u64,
    pub publish_retry_seconds: f64,
    pub publish_max_attempts: i32,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            bind: "127.0.0.1:8080".into(),
            database_url: "sqlite://carepost.db".into(),
            public_url: None,
            cookie_secure: true,
            trust_proxy: false,
            log: "info".into(),
            secret_key: None,
            files: None,
            smtp_url: None,
            smtp_from: None,
            twilio_base_url: "https://api.twilio.com".into(),
            twilio_account_sid: None,
            twilio_auth_token: None,
            twilio_from: None,
            sms_per_second: 10,
            inbox_poll_seconds: 60,
            worker: true,
            job_lease_seconds: 120,
            publish_retry_seconds: 5.0,
            publish_max_attempts: 8,
        }
    }
}

/// One documented setting.
pub struct Setting {
    pub key: &'static str,
    pub doc: &'static str,
    pub secret: bool,
}

pub const SETTINGS: &[Setting] = &[
    Setting { key: "bind", doc: "Address and port to listen on", secret: false },
    Setting { key: "database_url", doc: "sqlite://PATH (embedded, default) or postgres://USER:PASS@HOST/DB (several instances)", secret: true },
    Setting { key: "public_url", doc: "Address people use to reach Carepost, for links (default: http://BIND)", secret: false },
    Setting { key: "cookie_secure", doc: "Mark session cookies Secure (keep true; browsers accept them on http://localhost)", secret: false },
    Setting { key: "trust_proxy", doc: "Take client addresses from X-Forwarded-For (only behind your own proxy)", secret: false },
    Setting { key: "log", doc: "Log filter, e.g. info or carepost=debug,sqlx=warn", secret: false },
    Setting { key: "files", doc: "Where media and consent documents are kept, sealed: a directory, or s3://BUCKET/PREFIX?endpoint=URL&region=R (credentials from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY); default: DB.files beside an SQLite database, ./carepost-files with PostgreSQL", secret: false },
    Setting { key: "smtp_url", doc: "SMTP server for alert emails: smtp://HOST:PORT (loopback), smtp://USER:PASS@HOST:587 (STARTTLS) or smtps://USER:PASS@HOST:465", secret: true },
    Setting { key: "smtp_from", doc: "From address of alert emails, e.g. Riverside Health <alerts@riverside.example>", secret: false },
    Setting { key: "twilio_base_url", doc: "Base URL of the Twilio-compatible SMS and voice API", secret: false },
    Setting { key: "twilio_account_sid", doc: "Twilio account SID", secret: false },
    Setting { key: "twilio_auth_token", doc: "Twilio auth token (also verifies X-Twilio-Signature on callbacks)", secret: true },
    Setting { key: "twilio_from", doc: "The sending phone number (E.164)", secret: false },
    Setting { key: "sms_per_second", doc: "SMS and calls started per second", secret: false },
    Setting { key: "inbox_poll_seconds", doc: "How often Mastodon channels are asked for new mentions and replies", secret: false },
    Setting { key: "worker", doc: "Run the publishing worker in this instance (switch off for web-only instances)", secret: false },
    Setting { key: "job_lease_seconds", doc: "How long an instance holds a claimed job; a crashed instance's jobs are taken over after this", secret: false },
    Setting { key: "publish_retry_seconds", doc: "First retry delay after a failed delivery; doubles each attempt (up to 15 minutes)", secret: false },
    Setting { key: "publish_max_attempts", doc: "Attempts before a delivery is marked failed (dead-lettered)", secret: false },
    Setting { key: "secret_key", doc: "Base64 32-byte key sealing secrets at rest (default for SQLite: a key file beside the database; required for PostgreSQL, the same on every instance)", secret: true },
];

impl Config {
    pub fn load(file: Option<&Path>) -> anyhow::Result<Config> {
        let mut figment = Figment::from(Serialized::defaults(Config::default()));
        let file: Option<PathBuf> = file
            .map(Path::to_path_buf)
            .or_else(|| std::env::var_os("CAREPOST_CONFIG").map(PathBuf::from))
            .or_else(|| Some(PathBuf::from("carepost.toml")).filter(|p| p.exists()));
        if let Some(path) = &file {
            anyhow::ensure!(
                path.exists(),
                "config file {} does not exist",
                path.display()
            );
            figment = figment.merge(Toml::file(path));
        }
        figment = figment.merge(
            Env::prefixed("CAREPOST_")
                .ignore(&["config"])
                .filter(|k| !k.as_str().ends_with("_file")),
        );
        let mut config: Config = figment
            .extract()
            .context("invalid configuration (check the config file and CAREPOST_* variables)")?;
        for s in SETTINGS.iter().filter(|s| s.secret) {
            let var = format!("CAREPOST_{}_FILE", s.key.to_uppercase());
            if let Some(path) = std::env::var_os(&var) {
                let value = std::fs::read_to_string(&path).with_context(|| {
                    format!("cannot read {var} ({})", PathBuf::from(&path).display())
                })?;
                config.set_secret(s.key, value.trim().to_string());
            }
        }
        Ok(config)
    }

    fn set_secret(&mut self, key: &str, value: String) {
        match key {
            "database_url" => self.database_url = value,
            "secret_key" => self.secret_key = Some(value),
            "smtp_url" => self.smtp_url = Some(value),
            "twilio_auth_token" => self.twilio_auth_token = Some(value),
            _ => {}
        }
    }

    /// Where files go: configured, or beside the SQLite database, or `./carepost-files`.
    pub fn files_location(&self) -> String {
        if let Some(f) = &self.files {
            return f.clone();
        }
        match self
            .database_url
            .strip_prefix("sqlite://")
            .or_else(|| self.database_url.strip_prefix("sqlite:"))
        {
            Some(path) => format!("{}.files", path.split('?').next().unwrap_or(path)),
            None => "carepost-files".into(),
        }
    }

    pub fn public_url(&self) -> String {
        self.public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", self.bind))
            .trim_end_matches('/')
            .to_string()
    }

    /// `sqlite://PATH` → the path, to say where the data lives.
    pub fn describe_database(&self) -> String {
        store::mask_url(&self.database_url)
    }

    /// The effective configuration as TOML, secrets masked.
    pub fn render_masked(&self) -> String {
        let value = serde_json::to_value(self).expect("config serialises");
        let mut out = String::new();
        for s in SETTINGS {
            let v = &value[s.key];
            let shown = if v.is_null() {
                match s.key {
                    "public_url" => format!("{:?}", self.public_url()),
                    _ => "(unset)".into(),
                }
            } else if s.secret {
                match v.as_str() {
                    Some(url) if url.contains("://") => format!("{:?}", store::mask_url(url)),
                    _ => "\"****\"".into(),
                }
            } else {
                v.to_string()
            };
            out.push_str(&format!(
                "# {}{}\n{} = {}\n\n",
                s.doc,
                if s.secret { " (secret)" } else { "" },
                s.key,
                shown
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_is_documented() {
        let value = serde_json::to_value(Config::default()).unwrap();
        let keys: Vec<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        for k in keys {
            assert!(
                SETTINGS.iter().any(|s| s.key == k),
                "{k} has no entry in SETTINGS"
            );
        }
    }

    #[test]
    fn masked_output_hides_database_password() {
        let c = Config {
            database_url: "postgres://app:hunter2@db/carepost".into(),
            ..Config::default()
        };
        let out = c.render_masked();
        assert!(!out.contains("hunter2"));
        assert!(out.contains("postgres://app:****@db/carepost"));
    }
}
