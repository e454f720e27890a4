//! Connecting a Mastodon account without pasting a token: register Carepost as an OAuth
//! application on the instance, send the administrator to the instance's consent page, and
//! exchange the code it returns for an access token (Mastodon's documented
//! authorization-code flow: `POST /api/v1/apps`, `GET /oauth/authorize`, `POST /oauth/token`).

use crate::ConnectorError;
use serde::{Deserialize, Serialize};

/// The scopes Carepost asks for: read (notifications for the inbox) and write (statuses,
/// media, pins).
pub const SCOPES: &str = "read write";

/// An application registered on one instance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OAuthApp {
    pub client_id: String,
    pub client_secret: String,
}

fn refused(status: reqwest::StatusCode, body: &[u8], what: &str) -> ConnectorError {
    let detail = serde_json::from_slice::<serde_json::Value>(body)
        .ok()
        .and_then(|v| {
            v.get("error_description")
                .or_else(|| v.get("error"))
                .or_else(|| v.get("detail"))
                .and_then(|e| e.as_str().map(String::from))
        })
        .unwrap_or_else(|| format!("HTTP {status}"));
    let message = format!("Mastodon refused {what}: {detail}");
    if status.is_server_error() || status == reqwest::StatusCode::TOO_MANY_REQUESTS {
        ConnectorError::Transient(message)
    } else {
        ConnectorError::Permanent(message)
    }
}

async fn post_form(
    http: &reqwest::Client,
    url: String,
    form: &[(&str, &str)],
    what: &str,
) -> Result<serde_json::Value, ConnectorError> {
    let response = http.post(url).form(form).send().await.map_err(|e| {
        ConnectorError::Transient(format!("could not reach Mastodon: {}", e.without_url()))
    })?;
    let status = response.status();
    let body = response.bytes().await.map_err(|e| {
        ConnectorError::Transient(format!("could not reach Mastodon: {}", e.without_url()))
    })?;
    if !status.is_success() {
        return Err(refused(status, &body, what));
    }
    serde_json::from_slice(&body).map_err(|_| {
        ConnectorError::Transient(format!("Mastodon sent an unreadable answer to {what}"))
    })
}

/// Registers Carepost on the instance at `base_url` with one redirect URI.
pub async fn register_app(
    http: &reqwest::Client,
    base_url: &str,
    redirect_uri: &str,
    website: &str,
) -> Result<OAuthApp, ConnectorError> {
    let v = post_form(
        http,
        format!("{}/api/v1/apps", base_url.trim_end_matches('/')),
        &[
            ("client_name", "Carepost"),
            ("redirect_uris", redirect_uri),
            ("scopes", SCOPES),
            ("website", website),
        ],
        "the application registration",
    )
    .await?;
    match (v["client_id"].as_str(), v["client_secret"].as_str()) {
        (Some(id), Some(secret)) => Ok(OAuthApp {
            client_id: id.into(),
            client_secret: secret.into(),
        }),
        _ => Err(ConnectorError::Permanent(
            "Mastodon registered the application but sent no client credentials".into(),
        )),
    }
}

/// Where to send the administrator to approve access; `state` comes back with the code.
pub fn authorize_url(base_url: &str, app: &OAuthApp, redirect_uri: &str, state: &str) -> String {
    format!(
        "{}/oauth/authorize?response_type=code&client_id={}&redirect_uri={}&scope={}&state={}",
        base_url.trim_end_matches('/'),
        urlencoding::encode(&app.client_id),
        urlencoding::encode(redirect_uri),
        urlencoding::encode(SCOPES),
        urlencoding::encode(state),
    )
}

/// Exchanges the code from the redirect for an access token.
pub async fn exchange_code(
    http: &reqwest::Client,
    base_url: &str,
    app: &OAuthApp,
    redirect_uri: &str,
    code: &str,
) -> Result<String, ConnectorError> {
    let v = post_form(
        http,
        format!("{}/oauth/token", base_url.trim_end_matches('/')),
        &[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("client_id", &app.client_id),
            ("client_secret", &app.client_secret),
            ("redirect_uri", redirect_uri),
            ("scope", SCOPES),
        ],
        "the authorization code",
    )
    .await?;
    v["access_token"]
        .as_str()
        .map(String::from)
        .ok_or_else(|| ConnectorError::Permanent("Mastodon sent no access token".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authorize_url_encodes_every_parameter() {
        let app = OAuthApp {
            client_id: "abc def".into(),
            client_secret: "s".into(),
        };
        let url = authorize_url(
            "https://social.example/",
            &app,
            "https://carepost.example/channels/mastodon/callback",
            "st&ate",
        );
        assert_eq!(
            url,
            "https://social.example/oauth/authorize?response_type=code&client_id=abc%20def\
             &redirect_uri=https%3A%2F%2Fcarepost.example%2Fchannels%2Fmastodon%2Fcallback\
             &scope=read%20write&state=st%26ate"
        );
    }
}
