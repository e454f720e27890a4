//! Endpoints other systems call: Twilio's delivery status callbacks and inbound SMS (both
//! verified by `X-Twilio-Signature`), and the unsubscribe links in alert emails (a signed
//! token; the List-Unsubscribe one-click POST opts out at once).

use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/webhooks/twilio/status", post(twilio_status))
        .route("/webhooks/twilio/inbound", post(twilio_inbound))
        .route("/u/{token}", get(unsubscribe_page).post(unsubscribe))
        .route(
            "/webhooks/facebook",
            get(facebook_verify).post(facebook_event),
        )
}

#[derive(serde::Deserialize)]
struct Verify {
    #[serde(rename = "hub.mode", default)]
    mode: String,
    #[serde(rename = "hub.verify_token", default)]
    token: String,
    #[serde(rename = "hub.challenge", default)]
    challenge: String,
}

/// Facebook's subscription check: echo the challenge when the token is ours.
async fn facebook_verify(
    State(state): State<AppState>,
    axum::extract::Query(q): axum::extract::Query<Verify>,
) -> Response {
    match state
        .desk
        .facebook_challenge(&q.mode, &q.token, &q.challenge)
        .await
    {
        Ok(Some(challenge)) => challenge.into_response(),
        Ok(None) => (StatusCode::FORBIDDEN, "verify token not recognised").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "webhook verification failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// Page events (comments, messages). Unsigned or wrongly signed deliveries are refused
/// with 401 and nothing is stored; repeated deliveries are stored once.
async fn facebook_event(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let signature = headers
        .get("x-hub-signature-256")
        .and_then(|v| v.to_str().ok());
    match state.desk.facebook_webhook(signature, &body).await {
        Ok(stored) => axum::Json(serde_json::json!({"stored": stored})).into_response(),
        Err(domain::desk::WebhookError::Malformed(e)) => {
            tracing::warn!(error = %e, "malformed Facebook webhook refused");
            (StatusCode::BAD_REQUEST, "malformed payload").into_response()
        }
        Err(e) => {
            tracing::warn!(error = %e, "Facebook webhook refused");
            (StatusCode::UNAUTHORIZED, "bad signature").into_response()
        }
    }
}

/// The form fields of a Twilio request, if its signature is right for our public URL.
fn verified(
    state: &AppState,
    path: &str,
    headers: &HeaderMap,
    body: &[u8],
) -> Option<Vec<(String, String)>> {
    let token = state.config.twilio_auth_token.as_deref()?;
    let signature = headers.get("x-twilio-signature")?.to_str().ok()?;
    let params: Vec<(String, String)> = url::form_urlencoded::parse(body).into_owned().collect();
    let url = format!("{}{path}", state.config.public_url.trim_end_matches('/'));
    notify::verify_twilio_signature(token, &url, &params, signature).then_some(params)
}

fn field<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

async fn twilio_status(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let Some(params) = verified(&state, "/webhooks/twilio/status", &headers, &body) else {
        tracing::warn!("Twilio status callback with a missing or wrong signature refused");
        return (StatusCode::UNAUTHORIZED, "bad signature").into_response();
    };
    let sid = field(&params, "MessageSid").or_else(|| field(&params, "CallSid"));
    let status = field(&params, "MessageStatus").or_else(|| field(&params, "CallStatus"));
    let error = field(&params, "ErrorCode").map(|c| format!("provider error {c}"));
    if let (Some(sid), Some(status)) = (sid, status) {
        if let Err(e) = state
            .desk
            .message_status(sid, status, error.as_deref())
            .await
        {
            tracing::error!(error = %e, "cannot record a delivery status");
            // Twilio retries on 5xx.
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    }
    StatusCode::NO_CONTENT.into_response()
}

async fn twilio_inbound(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let Some(params) = verified(&state, "/webhooks/twilio/inbound", &headers, &body) else {
        tracing::warn!("Twilio inbound message with a missing or wrong signature refused");
        return (StatusCode::UNAUTHORIZED, "bad signature").into_response();
    };
    let from = field(&params, "From").unwrap_or_default();
    let text = field(&params, "Body").unwrap_or_default();
    match state.desk.inbound_sms(from, text).await {
        Ok(_) => (
            [(axum::http::header::CONTENT_TYPE, "text/xml")],
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>",
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "cannot record an SMS opt-out");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

fn page(title: &str, message: &str, form: Option<&str>) -> Html<String> {
    let form = form
        .map(|action| {
            format!(
                "<form method=\"post\" action=\"{action}\"><button type=\"submit\">Unsubscribe</button></form>"
            )
        })
        .unwrap_or_default();
    Html(format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>{title}</title></head><body><main><h1>{title}</h1><p>{message}</p>{form}</main></body></html>"
    ))
}

/// A link in the email: one button (a link scanner's GET must not unsubscribe anyone).
async fn unsubscribe_page(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    if state.desk.check_unsubscribe(&token).is_none() {
        return (
            StatusCode::NOT_FOUND,
            page(
                "Link not recognised",
                "This unsubscribe link is not valid. Contact us and we will stop the messages.",
                None,
            ),
        )
            .into_response();
    }
    page(
        "Stop alert emails?",
        "You will no longer receive facility alerts by email.",
        Some(&format!("/u/{token}")),
    )
    .into_response()
}

/// The button, and mail clients' RFC 8058 one-click POST: opts out at once.
async fn unsubscribe(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    match state.desk.unsubscribe(&token).await {
        Ok(_) => page(
            "You are unsubscribed",
            "You will not receive facility alerts by email any more.",
            None,
        )
        .into_response(),
        Err(domain::DomainError::NotFound { .. }) => (
            StatusCode::NOT_FOUND,
            page(
                "Link not recognised",
                "This unsubscribe link is not valid.",
                None,
            ),
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "unsubscribe failed");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                page(
                    "Please try again",
                    "We could not record this just now.",
                    None,
                ),
            )
                .into_response()
        }
    }
}
