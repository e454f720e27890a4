//! Email over SMTP with lettre's tokio + rustls connections, pooled here.
//!
//! We drive MAIL, RCPT, DATA and the message body step by step (rather than through
//! lettre's pooled transport) because the step at which a failure happens decides its
//! meaning: anything before the body's final "." is certainly not sent, a reply to the
//! body is the server's verdict, and a lost connection or timeout after the body was
//! written may or may not have delivered it.

use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use async_trait::async_trait;
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{AsyncSmtpConnection, TlsParameters};
use lettre::transport::smtp::commands::{Data, Mail, Rcpt, Rset};
use lettre::transport::smtp::extension::{ClientId, MailBodyParameter, MailParameter};
use lettre::transport::smtp::response::{Category, Severity};
use lettre::Address;
use tokio::sync::Semaphore;

use crate::{mask_url, ConfigError, Email, Mailer, SendError, Sent};

const DEFAULT_POOL_SIZE: usize = 4;
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Servers drop idle clients (Postfix after 300 s); older idle connections are not reused.
const MAX_IDLE: Duration = Duration::from_secs(60);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Security {
    /// Loopback relays only.
    Plain,
    StartTls,
    /// smtps: TLS from the first byte.
    Implicit,
}

pub struct SmtpMailer {
    host: String,
    port: u16,
    security: Security,
    credentials: Option<Credentials>,
    from: Mailbox,
    hello: ClientId,
    masked_url: String,
    timeout: Duration,
    pool_size: usize,
    /// Bounds the open connections: one permit per connection in use.
    permits: Semaphore,
    idle: Mutex<Vec<(AsyncSmtpConnection, Instant)>>,
}

impl SmtpMailer {
    /// `smtp://host:port` (plain, only to loopback), `smtp://user:pass@host:587` (STARTTLS
    /// required) or `smtps://user:pass@host:465`; `from` like `Carepost <alerts@example.org>`.
    /// Plain SMTP is used only without credentials to a loopback host: anywhere else a
    /// server that does not offer STARTTLS gets nothing.
    pub fn new(url: &str, from: &str) -> Result<SmtpMailer, ConfigError> {
        let masked_url = mask_url(url);
        let parsed = url::Url::parse(url)
            .map_err(|e| ConfigError::new(format!("invalid SMTP URL {masked_url}: {e}")))?;
        let host = match parsed.host() {
            Some(url::Host::Ipv6(ip)) => ip.to_string(),
            Some(host) => host.to_string(),
            None => {
                return Err(ConfigError::new(format!(
                    "SMTP URL {masked_url} has no host"
                )))
            }
        };
        let credentials = if parsed.username().is_empty() {
            None
        } else {
            let decode = |s: &str| {
                url::form_urlencoded::parse(format!("x={s}").as_bytes())
                    .next()
                    .map(|(_, v)| v.into_owned())
                    .unwrap_or_default()
            };
            // Percent-decoding only ('+' is literal in userinfo).
            let user = decode(&parsed.username().replace('+', "%2B"));
            let pass = decode(&parsed.password().unwrap_or("").replace('+', "%2B"));
            Some(Credentials::new(user, pass))
        };
        let loopback = host == "localhost"
            || host
                .parse::<IpAddr>()
                .map(|ip| ip.is_loopback())
                .unwrap_or(false);
        let security = match parsed.scheme() {
            "smtps" => Security::Implicit,
            "smtp" if credentials.is_none() && loopback => Security::Plain,
            "smtp" => Security::StartTls,
            other => {
                return Err(ConfigError::new(format!(
                    "unsupported SMTP URL scheme {other:?} in {masked_url} (use smtp or smtps)"
                )))
            }
        };
        let port = parsed.port().unwrap_or(match security {
            Security::Implicit => 465,
            Security::StartTls => 587,
            Security::Plain => 25,
        });
        let from: Mailbox = from
            .parse()
            .map_err(|e| ConfigError::new(format!("invalid sender address {from:?}: {e}")))?;
        let hello = ClientId::Domain(from.email.domain().to_string());
        Ok(SmtpMailer {
            host,
            port,
            security,
            credentials,
            from,
            hello,
            masked_url,
            timeout: DEFAULT_TIMEOUT,
            pool_size: DEFAULT_POOL_SIZE,
            permits: Semaphore::new(DEFAULT_POOL_SIZE),
            idle: Mutex::new(Vec::new()),
        })
    }

    /// At most `size` connections at once (default 4): more sends wait for one.
    pub fn with_pool_size(mut self, size: usize) -> Self {
        let size = size.max(1);
        self.pool_size = size;
        self.permits = Semaphore::new(size);
        self
    }

    /// The limit for connecting and for each SMTP reply (default 30 s).
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    fn build(&self, email: &Email) -> Result<(Vec<u8>, Address, String), SendError> {
        let address: Address = email
            .to
            .parse()
            .map_err(|e| SendError::Permanent(format!("invalid recipient address: {e}")))?;
        let to = Mailbox::new(email.to_name.clone(), address.clone());
        let unsubscribe = &email.unsubscribe_url;
        if !(unsubscribe.starts_with("https://") || unsubscribe.starts_with("http://"))
            || unsubscribe
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>')
        {
            return Err(SendError::Permanent(
                "the unsubscribe URL is not a plain http(s) URL".to_string(),
            ));
        }
        let message_id = format!("<{}@carepost>", message_id_left(&email.idempotency_key));
        let message = lettre::Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(email.subject.clone())
            .message_id(Some(message_id.clone()))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe"),
                format!("<{unsubscribe}>"),
            ))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                "List-Unsubscribe=One-Click".to_string(),
            ))
            .multipart(MultiPart::alternative_plain_html(
                email.text.clone(),
                email.html.clone(),
            ))
            .map_err(|e| SendError::Permanent(format!("cannot build the message: {e}")))?;
        Ok((message.formatted(), address, message_id))
    }

    async fn connect(&self) -> Result<AsyncSmtpConnection, SendError> {
        let not_sent = |e: lettre::transport::smtp::Error| {
            SendError::Transient(format!("SMTP server {}: {e}", self.masked_url))
        };
        let tls = || {
            TlsParameters::new_rustls(self.host.clone())
                .map_err(|e| SendError::Transient(format!("TLS setup: {e}")))
        };
        let implicit = match self.security {
            Security::Implicit => Some(tls()?),
            _ => None,
        };
        let connecting = async {
            let mut conn = AsyncSmtpConnection::connect_tokio1(
                (self.host.as_str(), self.port),
                Some(self.timeout),
                &self.hello,
                implicit,
                None,
            )
            .await
            .map_err(not_sent)?;
            if self.security == Security::StartTls {
                if !conn.can_starttls() {
                    return Err(SendError::Transient(format!(
                        "SMTP server {} does not offer STARTTLS, which is required",
                        self.masked_url
                    )));
                }
                conn.starttls(tls()?, &self.hello).await.map_err(not_sent)?;
            }
            if let Some(credentials) = &self.credentials {
                // lettre's error carries only the server's reply, never the credentials.
                if let Err(e) = conn
                    .auth(&[Mechanism::Plain, Mechanism::Login], credentials)
                    .await
                {
                    return Err(SendError::Transient(format!(
                        "SMTP authentication at {} failed: {e}",
                        self.masked_url
                    )));
                }
            }
            Ok(conn)
        };
        match tokio::time::timeout(self.timeout, connecting).await {
            Ok(result) => result,
            Err(_) => Err(SendError::Transient(format!(
                "connecting to SMTP server {} timed out",
                self.masked_url
            ))),
        }
    }

    fn take_idle(&self) -> Option<AsyncSmtpConnection> {
        let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
        while let Some((conn, since)) = idle.pop() {
            if since.elapsed() < MAX_IDLE && !conn.has_broken() {
                return Some(conn);
            }
            // Dropping closes the socket; an old connection is not worth a QUIT round trip.
        }
        None
    }

    fn park(&self, conn: AsyncSmtpConnection) {
        if !conn.has_broken() {
            let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
            if idle.len() < self.pool_size {
                idle.push((conn, Instant::now()));
            }
        }
    }

    async fn step<F, T>(&self, what: &str, future: F) -> Result<T, StepError>
    where
        F: std::future::Future<Output = Result<T, lettre::transport::smtp::Error>>,
    {
        match tokio::time::timeout(self.timeout, future).await {
            Err(_) => Err(StepError::Lost(format!("no reply to {what} in time"))),
            Ok(Ok(value)) => Ok(value),
            Ok(Err(e)) => match e.status() {
                Some(code) => Err(StepError::Reply {
                    permanent: code.severity == Severity::PermanentNegativeCompletion,
                    auth: code.category == Category::Unspecified3,
                    message: format!("{what}: {e}"),
                }),
                None => Err(StepError::Lost(format!("{what}: {e}"))),
            },
        }
    }

    /// One attempt on one connection; the connection comes back when it may be reused.
    async fn attempt(
        &self,
        conn: &mut AsyncSmtpConnection,
        body: &[u8],
        to: &Address,
    ) -> Result<(), Attempt> {
        let mut options = Vec::new();
        if !body.is_ascii() {
            options.push(MailParameter::Body(MailBodyParameter::EightBitMime));
        }
        // Before the body's final "." the server cannot have accepted anything.
        let from = Some(self.from.email.clone());
        if let Err(e) = self
            .step("MAIL FROM", conn.command(Mail::new(from, options)))
            .await
        {
            return Err(match e {
                StepError::Lost(message) => Attempt::StaleBeforeData(message),
                // The sender is refused: a configuration problem, not this recipient's.
                StepError::Reply { message, .. } => {
                    Attempt::Done(SendError::Transient(message), Reuse::AfterReset)
                }
            });
        }
        if let Err(e) = self
            .step("RCPT TO", conn.command(Rcpt::new(to.clone(), Vec::new())))
            .await
        {
            return Err(match e {
                StepError::Lost(message) => Attempt::StaleBeforeData(message),
                StepError::Reply {
                    permanent: true,
                    auth: false,
                    message,
                } => Attempt::Done(SendError::Permanent(message), Reuse::AfterReset),
                StepError::Reply { message, .. } => {
                    Attempt::Done(SendError::Transient(message), Reuse::AfterReset)
                }
            });
        }
        if let Err(e) = self.step("DATA", conn.command(Data)).await {
            return Err(match e {
                StepError::Lost(message) => Attempt::StaleBeforeData(message),
                StepError::Reply { message, .. } => {
                    Attempt::Done(SendError::Transient(message), Reuse::AfterReset)
                }
            });
        }
        // The body and its final "." in one write: as two writes (lettre's `message`), the
        // small second one waits for the server's delayed ACK (Nagle), ~40 ms per email.
        let reply = match std::str::from_utf8(body) {
            Ok(text) => {
                self.step("message body", conn.command(DataPayload(text)))
                    .await
            }
            Err(_) => self.step("message body", conn.message(body)).await,
        };
        match reply {
            Ok(_) => Ok(()),
            // The server's verdict on the message: refused, so certainly not delivered.
            Err(StepError::Reply {
                permanent: true,
                auth: false,
                message,
            }) => Err(Attempt::Done(SendError::Permanent(message), Reuse::Yes)),
            Err(StepError::Reply { message, .. }) => {
                Err(Attempt::Done(SendError::Transient(message), Reuse::Yes))
            }
            Err(StepError::Lost(message)) => {
                Err(Attempt::Done(SendError::Unknown(message), Reuse::No))
            }
        }
    }
}

enum StepError {
    /// The server replied with a 4xx or 5xx code.
    Reply {
        permanent: bool,
        /// 53x: authentication required or refused, about us, not the recipient.
        auth: bool,
        message: String,
    },
    /// Timeout, connection lost or a reply that is not SMTP.
    Lost(String),
}

enum Reuse {
    Yes,
    AfterReset,
    No,
}

enum Attempt {
    /// The connection broke before the body: a pooled one may simply have gone stale.
    StaleBeforeData(String),
    Done(SendError, Reuse),
}

/// A message as sent after DATA: lines starting with "." get another (RFC 5321 4.5.2),
/// then CRLF "." CRLF ends it, as lettre's own `message` does.
struct DataPayload<'a>(&'a str);

impl std::fmt::Display for DataPayload<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use std::fmt::Write;
        let mut line_start = true;
        let mut after_cr = false;
        for c in self.0.chars() {
            if line_start && c == '.' {
                f.write_char('.')?;
            }
            f.write_char(c)?;
            line_start = after_cr && c == '\n';
            after_cr = c == '\r';
        }
        f.write_str("\r\n.\r\n")
    }
}

/// The idempotency key as a Message-ID's left part (dot-atom text): letters, digits, `-`
/// and `_` as they are, any other byte as `=XX`, so distinct keys stay distinct.
fn message_id_left(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    for b in key.bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' || b == b'_' {
            out.push(b as char);
        } else {
            out.push_str(&format!("={b:02X}"));
        }
    }
    if out.is_empty() {
        out.push_str("=00");
    }
    out
}

#[async_trait]
impl Mailer for SmtpMailer {
    async fn send(&self, email: &Email) -> Result<Sent, SendError> {
        let (body, to, message_id) = self.build(email)?;
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|_| SendError::Transient("the mailer is shutting down".to_string()))?;
        let mut pooled = self.take_idle();
        loop {
            let reused = pooled.is_some();
            let mut conn = match pooled.take() {
                Some(conn) => conn,
                None => self.connect().await?,
            };
            match self.attempt(&mut conn, &body, &to).await {
                Ok(()) => {
                    self.park(conn);
                    return Ok(Sent {
                        provider_id: message_id,
                    });
                }
                Err(Attempt::StaleBeforeData(message)) => {
                    // No QUIT: the server is gone or not answering; dropping closes the socket.
                    drop(conn);
                    if reused {
                        tracing::debug!("pooled SMTP connection lost ({message}); reconnecting");
                        // A fresh connection next; any further idle ones may be stale too.
                        self.idle.lock().unwrap_or_else(|e| e.into_inner()).clear();
                        continue;
                    }
                    return Err(SendError::Transient(message));
                }
                Err(Attempt::Done(error, reuse)) => {
                    match reuse {
                        Reuse::Yes => self.park(conn),
                        Reuse::AfterReset => {
                            if self.step("RSET", conn.command(Rset)).await.is_ok() {
                                self.park(conn);
                            }
                        }
                        Reuse::No => drop(conn),
                    }
                    return Err(error);
                }
            }
        }
    }

    fn describe(&self) -> String {
        let security = match self.security {
            Security::Plain => "plain",
            Security::StartTls => "STARTTLS",
            Security::Implicit => "TLS",
        };
        format!(
            "SMTP {} ({security}, pool of {}) from {}",
            self.masked_url, self.pool_size, self.from
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_payload_stuffs_dots_at_line_starts() {
        assert_eq!(
            DataPayload(".a\r\nb.c\r\n..d\r\n").to_string(),
            "..a\r\nb.c\r\n...d\r\n\r\n.\r\n"
        );
        assert_eq!(DataPayload("x\n.y").to_string(), "x\n.y\r\n.\r\n");
    }

    #[test]
    fn message_id_left_is_dot_atom_and_injective() {
        assert_eq!(message_id_left("outbox-42_a"), "outbox-42_a");
        assert_eq!(message_id_left("a b@c"), "a=20b=40c");
        assert_eq!(message_id_left("=20"), "=3D20");
        assert_eq!(message_id_left(""), "=00");
    }

    #[test]
    fn url_decides_security_and_port() {
        let from = "Carepost <alerts@example.org>";
        let m = SmtpMailer::new("smtp://127.0.0.1:2525", from).unwrap();
        assert_eq!((m.security, m.port), (Security::Plain, 2525));
        let m = SmtpMailer::new("smtp://mail.example.org", from).unwrap();
        assert_eq!((m.security, m.port), (Security::StartTls, 587));
        let m = SmtpMailer::new("smtp://u:p@localhost:587", from).unwrap();
        assert_eq!(m.security, Security::StartTls);
        let m = SmtpMailer::new("smtps://u:p%40ss@mail.example.org", from).unwrap();
        assert_eq!((m.security, m.port), (Security::Implicit, 465));
        assert!(!m.describe().contains("p%40ss"));
        assert!(m.describe().contains("u:***@"));
        assert!(SmtpMailer::new("http://mail.example.org", from).is_err());
        let err = SmtpMailer::new("smtps://u:hunter2@mail.example.org", "not an address")
            .err()
            .unwrap();
        assert!(!err.to_string().contains("hunter2"));
    }
}
