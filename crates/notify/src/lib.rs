//! Delivery clients for facility alerts: email over SMTP ([`SmtpMailer`]), SMS and voice
//! calls over Twilio ([`TwilioClient`]), behind the [`Mailer`] and [`Telephony`] traits the
//! domain's outbox calls.
//!
//! Every failure is one of four [`SendError`] variants, and the split matters: a wrong
//! `Transient` makes a patient get the alert twice, a wrong `Permanent` makes them get none.
//! Secrets (passwords, auth tokens) never appear in errors, logs or [`Mailer::describe`].

use std::time::Duration;

use async_trait::async_trait;

mod smtp;
mod twilio;

pub use smtp::SmtpMailer;
pub use twilio::{twiml_say, verify_twilio_signature, TwilioClient};

pub struct Email {
    pub to: String,
    pub to_name: Option<String>,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// One-click unsubscribe (RFC 8058): sent as `List-Unsubscribe: <url>` + `List-Unsubscribe-Post: List-Unsubscribe=One-Click`, and linked in the body by the caller.
    pub unsubscribe_url: String,
    /// Stable per outbox row: becomes the Message-ID (`<key@carepost>`), so a receiver can recognise a duplicate.
    pub idempotency_key: String,
}

pub struct Sms {
    pub to: String,
    pub body: String,
    pub status_callback: Option<String>,
}

pub struct Call {
    pub to: String,
    pub say: String,
    /// BCP 47, e.g. "en-US", "es-US"
    pub language: Option<String>,
    pub status_callback: Option<String>,
}

pub struct Sent {
    pub provider_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// Certainly not sent (connection refused, 4xx/5xx before acceptance, SMTP 4xx): retry later.
    #[error("not sent, retry later: {0}")]
    Transient(String),
    /// The provider asked to slow down.
    #[error("rate limited (retry after {retry_after:?})")]
    RateLimited { retry_after: Option<Duration> },
    /// Will never work for this recipient (invalid number, SMTP 5xx on RCPT, Twilio 21211/21610 …): do not retry.
    #[error("permanently undeliverable: {0}")]
    Permanent(String),
    /// May or may not have been sent (timeout after the request was written, connection lost after DATA): the caller must NOT resend automatically.
    #[error("delivery unknown, do not resend automatically: {0}")]
    Unknown(String),
}

#[async_trait]
pub trait Mailer: Send + Sync {
    async fn send(&self, email: &Email) -> Result<Sent, SendError>;
    fn describe(&self) -> String;
}

#[async_trait]
pub trait Telephony: Send + Sync {
    async fn sms(&self, sms: &Sms) -> Result<Sent, SendError>;
    async fn call(&self, call: &Call) -> Result<Sent, SendError>;
    fn describe(&self) -> String;
}

/// A delivery client was configured wrongly (bad URL, bad sender address).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError(String);

impl ConfigError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        ConfigError(message.into())
    }
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

/// E.164: `+`, a non-zero country code digit, at most 15 digits in all.
pub fn is_e164(number: &str) -> bool {
    let Some(digits) = number.strip_prefix('+') else {
        return false;
    };
    (2..=15).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0')
}

/// The URL with its password (and query string, which may carry tokens) replaced by `***`,
/// for logs and errors. Text that is not a URL is not echoed at all.
pub fn mask_url(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) => {
            if parsed.password().is_some() {
                // Cannot fail: the URL has a host, since it had credentials.
                let _ = parsed.set_password(Some("***"));
            }
            if parsed.query().is_some() {
                parsed.set_query(Some("***"));
            }
            parsed.to_string()
        }
        Err(_) => "<invalid url>".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn e164() {
        assert!(is_e164("+14155552671"));
        assert!(is_e164("+442071838750"));
        assert!(!is_e164("14155552671"));
        assert!(!is_e164("+0155552671"));
        assert!(!is_e164("+1 415 555 2671"));
        assert!(!is_e164("+1234567890123456"));
        assert!(!is_e164("+1"));
        assert!(!is_e164("+"));
        assert!(!is_e164("+١٢٣٤٥٦٧٨"));
    }

    #[test]
    fn masks_passwords_and_queries() {
        assert_eq!(
            mask_url("smtps://alerts:s3cret@mail.example.org:465"),
            "smtps://alerts:***@mail.example.org:465"
        );
        assert_eq!(
            mask_url("https://hooks.example.org/cb?token=abc"),
            "https://hooks.example.org/cb?***"
        );
        assert_eq!(mask_url("smtp://127.0.0.1:2525"), "smtp://127.0.0.1:2525");
        assert_eq!(mask_url("not a url with s3cret"), "<invalid url>");
    }
}
