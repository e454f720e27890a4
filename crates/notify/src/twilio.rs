//! SMS and voice calls through Twilio's REST API (2010-04-01), and the check of the
//! `X-Twilio-Signature` on its status callbacks.

use std::time::Duration;

use async_trait::async_trait;
use base64::Engine;
use hmac::{Hmac, Mac};
use serde::Deserialize;
use sha1::Sha1;

use crate::{is_e164, mask_url, Call, SendError, Sent, Sms, Telephony};

const DEFAULT_TIMEOUT: Duration = Duration::from_secs(20);

/// Twilio error codes that mean this recipient (or this message) will never work.
/// <https://www.twilio.com/docs/api/errors>
const PERMANENT_CODES: &[u64] = &[
    21211, // invalid 'To' phone number
    21214, // 'To' phone number cannot be reached
    21217, // phone number does not appear to be valid
    21401, // invalid phone number
    21407, // this phone number type does not support SMS
    21421, // phone number is invalid
    21610, // the recipient replied STOP
    21612, // 'To' number is not reachable via SMS or MMS
    21614, // 'To' number is not a valid mobile number
    21617, // the body exceeds 1600 characters
];

/// Twilio's "Too many requests" code, sometimes sent with a status other than 429.
const TOO_MANY_REQUESTS: u64 = 20429;

pub struct TwilioClient {
    http: reqwest::Client,
    base_url: String,
    account_sid: String,
    auth_token: String,
    from: String,
}

#[derive(Deserialize)]
struct Resource {
    sid: Option<String>,
}

#[derive(Deserialize)]
struct ApiError {
    code: Option<u64>,
    message: Option<String>,
    more_info: Option<String>,
}

impl TwilioClient {
    /// `base_url` is `https://api.twilio.com` in production; `from` is the Twilio number
    /// (E.164) that sends the SMS and places the calls.
    pub fn new(base_url: &str, account_sid: &str, auth_token: &str, from: &str) -> TwilioClient {
        TwilioClient {
            http: http_client(DEFAULT_TIMEOUT),
            base_url: base_url.trim_end_matches('/').to_string(),
            account_sid: account_sid.to_string(),
            auth_token: auth_token.to_string(),
            from: from.to_string(),
        }
    }

    /// The limit for one request, response included (default 20 s). Past it the request
    /// may have been created: the send fails as [`SendError::Unknown`].
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.http = http_client(timeout);
        self
    }

    async fn create(&self, resource: &str, form: &[(&str, &str)]) -> Result<Sent, SendError> {
        let url = format!(
            "{}/2010-04-01/Accounts/{}/{resource}.json",
            self.base_url,
            urlencode(&self.account_sid)
        );
        let response = self
            .http
            .post(&url)
            .basic_auth(&self.account_sid, Some(&self.auth_token))
            .form(form)
            .send()
            .await
            .map_err(|e| {
                // reqwest's errors carry the URL, which holds no secret here; the token
                // travels only in the Authorization header.
                let e = e.without_url();
                if e.is_connect() || e.is_builder() {
                    SendError::Transient(format!("Twilio {resource}: {e}"))
                } else {
                    SendError::Unknown(format!("Twilio {resource}: {e}"))
                }
            })?;
        let status = response.status();
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        let body = response.text().await;
        if status.is_success() {
            let body = body.map_err(|e| {
                SendError::Unknown(format!("Twilio {resource} accepted, reply lost: {e}"))
            })?;
            return match serde_json::from_str::<Resource>(&body) {
                Ok(Resource { sid: Some(sid) }) => Ok(Sent { provider_id: sid }),
                _ => Err(SendError::Unknown(format!(
                    "Twilio {resource} answered {status} without a sid"
                ))),
            };
        }
        let error = body
            .ok()
            .and_then(|b| serde_json::from_str::<ApiError>(&b).ok());
        let code = error.as_ref().and_then(|e| e.code);
        let detail = match &error {
            Some(e) => format!(
                "Twilio {resource} {status}: {} {}{}",
                code.map(|c| c.to_string()).unwrap_or_default(),
                e.message.as_deref().unwrap_or(""),
                e.more_info
                    .as_deref()
                    .map(|m| format!(" ({m})"))
                    .unwrap_or_default()
            ),
            None => format!("Twilio {resource} {status}"),
        };
        if status.as_u16() == 429 || code == Some(TOO_MANY_REQUESTS) {
            return Err(SendError::RateLimited { retry_after });
        }
        if code.is_some_and(|c| PERMANENT_CODES.contains(&c)) {
            return Err(SendError::Permanent(detail));
        }
        if status.as_u16() == 504 {
            // A gateway gave up waiting for Twilio, which may still have created it.
            return Err(SendError::Unknown(detail));
        }
        // Any other refusal (bad credentials, unverified sender, a 500) created nothing and
        // is no fault of the recipient's: retry once it is fixed.
        Err(SendError::Transient(detail))
    }
}

fn http_client(timeout: Duration) -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(timeout)
        .connect_timeout(timeout.min(Duration::from_secs(10)))
        .build()
        // Only fails when the TLS backend cannot start, which nothing here can recover from.
        .expect("the HTTP client (rustls) could not be built")
}

fn urlencode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

#[async_trait]
impl Telephony for TwilioClient {
    async fn sms(&self, sms: &Sms) -> Result<Sent, SendError> {
        if !is_e164(&sms.to) {
            return Err(SendError::Permanent(
                "the phone number is not in E.164 format".to_string(),
            ));
        }
        let mut form = vec![
            ("To", sms.to.as_str()),
            ("From", &self.from),
            ("Body", &sms.body),
        ];
        if let Some(callback) = &sms.status_callback {
            form.push(("StatusCallback", callback));
        }
        self.create("Messages", &form).await
    }

    async fn call(&self, call: &Call) -> Result<Sent, SendError> {
        if !is_e164(&call.to) {
            return Err(SendError::Permanent(
                "the phone number is not in E.164 format".to_string(),
            ));
        }
        let twiml = twiml_say(&call.say, call.language.as_deref());
        let mut form = vec![
            ("To", call.to.as_str()),
            ("From", &self.from),
            ("Twiml", &twiml),
        ];
        if let Some(callback) = &call.status_callback {
            form.push(("StatusCallback", callback));
        }
        self.create("Calls", &form).await
    }

    fn describe(&self) -> String {
        let sid = &self.account_sid;
        let shown = if sid.len() > 8 && sid.is_ascii() {
            format!("{}…{}", &sid[..4], &sid[sid.len() - 4..])
        } else {
            "…".to_string()
        };
        format!(
            "Twilio {} account {shown} from {}",
            mask_url(&self.base_url),
            self.from
        )
    }
}

fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 forbids most control characters even escaped: speak them as spaces.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// TwiML that reads `text` aloud, in `language` (BCP 47) when given.
pub fn twiml_say(text: &str, language: Option<&str>) -> String {
    let language = language
        .map(|l| format!(" language=\"{}\"", xml_escape(l)))
        .unwrap_or_default();
    format!(
        "<Response><Say{language}>{}</Say></Response>",
        xml_escape(text)
    )
}

/// Twilio's `X-Twilio-Signature`: base64(HMAC-SHA1(auth token, full URL + each POST
/// parameter's name and value, sorted by name)), compared in constant time.
pub fn verify_twilio_signature(
    auth_token: &str,
    url: &str,
    params: &[(String, String)],
    signature: &str,
) -> bool {
    let Ok(expected) = base64::engine::general_purpose::STANDARD.decode(signature.trim()) else {
        return false;
    };
    let mut sorted: Vec<&(String, String)> = params.iter().collect();
    sorted.sort();
    let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(auth_token.as_bytes()) else {
        return false;
    };
    mac.update(url.as_bytes());
    for (name, value) in sorted {
        mac.update(name.as_bytes());
        mac.update(value.as_bytes());
    }
    mac.verify_slice(&expected).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twiml_is_escaped() {
        assert_eq!(
            twiml_say("Garage <B> & \"C\" closed", Some("es-US")),
            "<Response><Say language=\"es-US\">Garage &lt;B&gt; &amp; &quot;C&quot; closed</Say></Response>"
        );
        assert!(twiml_say("a\u{1}b", None).ends_with("<Say>a b</Say></Response>"));
    }

    #[test]
    fn describe_hides_the_token() {
        let client = TwilioClient::new(
            "https://api.twilio.com",
            "AC0123456789abcdef0123456789abcdef",
            "tok-secret",
            "+15005550006",
        );
        let text = client.describe();
        assert!(!text.contains("tok-secret"));
        assert!(text.contains("AC01…cdef"));
    }
}
