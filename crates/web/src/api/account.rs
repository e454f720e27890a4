//! The signed-in user's own account: sign-in, sessions, tokens, password, two-factor.

use super::ApiJson;
use crate::auth::{session_cookie, ClientIp, Signed};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use domain::desk::{LoginInput, LoginOutcome};
use serde::Deserialize;
use serde_json::{json, Value};

pub async fn login(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    ApiJson(input): ApiJson<LoginInput>,
) -> ApiResult<Response> {
    let agent = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok());
    match state.desk.login(input, ip.as_deref(), agent).await? {
        LoginOutcome::NeedsCode => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "code_required",
            "enter the 6-digit code from your authenticator app",
        )),
        LoginOutcome::SignedIn { secret, session } => Ok((
            [(header::SET_COOKIE, session_cookie(Some(&secret), state.config.cookie_secure))],
            Json(json!({"session_id": session.id, "csrf_token": session.csrf_token, "expires_at": session.expires_at})),
        )
            .into_response()),
    }
}

pub async fn logout(State(state): State<AppState>, Signed(actor): Signed) -> ApiResult<Response> {
    state.desk.logout(&actor).await?;
    Ok((
        [(
            header::SET_COOKIE,
            session_cookie(None, state.config.cookie_secure),
        )],
        StatusCode::NO_CONTENT,
    )
        .into_response())
}

pub async fn me(Signed(actor): Signed) -> ApiResult<Json<Value>> {
    let role = actor.role();
    Ok(Json(json!({
        "user": super::users::user_json(actor.user()),
        "org": actor.org(),
        "role": role,
        "trained": actor.trained(),
        "handbook_version": actor.handbook_version(),
        "second_factor_missing": actor.second_factor_missing(),
        "csrf_token": actor.csrf_token(),
        "can": {
            "admin": actor.admin().is_ok(),
            "author": actor.author().is_ok(),
            "approve": actor.approver().is_ok(),
            "respond": actor.responder().is_ok(),
            "audit": actor.auditor().is_ok(),
        },
    })))
}

#[derive(Deserialize)]
pub struct PasswordChange {
    current_password: String,
    new_password: String,
}

pub async fn change_password(
    State(state): State<AppState>,
    Signed(actor): Signed,
    ApiJson(body): ApiJson<PasswordChange>,
) -> ApiResult<StatusCode> {
    state
        .desk
        .change_password(&actor, &body.current_password, &body.new_password)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn begin_two_factor(State(state): State<AppState>, Signed(actor): Signed) -> Json<Value> {
    let (secret, url) = state.desk.begin_two_factor(&actor);
    Json(json!({"secret": secret, "otpauth_url": url}))
}

#[derive(Deserialize)]
pub struct TwoFactorConfirm {
    secret: String,
    code: String,
}

pub async fn confirm_two_factor(
    State(state): State<AppState>,
    Signed(actor): Signed,
    ApiJson(body): ApiJson<TwoFactorConfirm>,
) -> ApiResult<StatusCode> {
    state
        .desk
        .confirm_two_factor(&actor, &body.secret, &body.code)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
pub struct CodeBody {
    code: String,
}

pub async fn disable_two_factor(
    State(state): State<AppState>,
    Signed(actor): Signed,
    ApiJson(body): ApiJson<CodeBody>,
) -> ApiResult<StatusCode> {
    state.desk.disable_two_factor(&actor, &body.code).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
pub struct AllQuery {
    #[serde(default)]
    all: bool,
}

pub async fn sessions(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Query(q): Query<AllQuery>,
) -> ApiResult<Json<Value>> {
    let current = actor.session_id().map(str::to_string);
    let sessions: Vec<Value> = state
        .desk
        .sessions(&actor, q.all)
        .await?
        .into_iter()
        .map(|s| {
            let mut v = json!(s);
            v["current"] = json!(current.as_deref() == Some(s.id.as_str()));
            v
        })
        .collect();
    Ok(Json(json!({ "sessions": sessions })))
}

pub async fn revoke_session(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    state.desk.revoke_session(&actor, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn tokens(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Query(q): Query<AllQuery>,
) -> ApiResult<Json<Value>> {
    let tokens = state.desk.tokens(&actor, q.all).await?;
    Ok(Json(json!({ "tokens": tokens })))
}

#[derive(Deserialize)]
pub struct NewToken {
    name: String,
}

pub async fn create_token(
    State(state): State<AppState>,
    Signed(actor): Signed,
    ApiJson(body): ApiJson<NewToken>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let (secret, token) = state.desk.create_token(&actor, &body.name).await?;
    let mut v = json!(token);
    v["token"] = json!(secret);
    Ok((StatusCode::CREATED, Json(v)))
}

pub async fn revoke_token(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    state.desk.revoke_token(&actor, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
