use super::ApiJson;
use crate::auth::Signed;
use crate::error::ApiResult;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use channels::{ChannelConfig, Limits};
use domain::publishing::Channel;
use serde::Deserialize;
use serde_json::{json, Value};

/// `{"kind", "name", ...the kind's fields}`; secrets go in, never come out.
#[derive(Deserialize)]
pub struct NewChannel {
    name: String,
    #[serde(flatten)]
    config: ChannelConfig,
}

pub fn channel_json(c: &Channel) -> Value {
    let mut v = json!(c);
    v["limits"] = json!(Limits::of(c.kind));
    v
}

pub async fn list(State(state): State<AppState>, Signed(actor): Signed) -> ApiResult<Json<Value>> {
    let channels = state.desk.channels(&actor.viewer()?).await?;
    Ok(Json(
        json!({"channels": channels.iter().map(channel_json).collect::<Vec<_>>()}),
    ))
}

pub async fn create(
    State(state): State<AppState>,
    Signed(actor): Signed,
    ApiJson(input): ApiJson<NewChannel>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let channel = state
        .desk
        .create_channel(&actor.admin()?, &input.name, input.config)
        .await?;
    Ok((StatusCode::CREATED, Json(channel_json(&channel))))
}

pub async fn show(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let viewer = actor.viewer()?;
    let channel = state.desk.channel(viewer.org_id(), &id).await?;
    Ok(Json(channel_json(&channel)))
}

pub async fn test(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let account = state.desk.test_channel(&actor.admin()?, &id).await?;
    Ok(Json(json!({"ok": true, "account": account})))
}

#[derive(Deserialize)]
pub struct ChannelChange {
    disabled: bool,
}

pub async fn update(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Path(id): Path<String>,
    ApiJson(change): ApiJson<ChannelChange>,
) -> ApiResult<Json<Value>> {
    let channel = state
        .desk
        .set_channel_disabled(&actor.admin()?, &id, change.disabled)
        .await?;
    Ok(Json(channel_json(&channel)))
}

/// Where Mastodon sends the administrator back after they approve access.
pub fn mastodon_redirect_uri(state: &AppState) -> String {
    format!(
        "{}/channels/mastodon/callback",
        state.config.public_url.trim_end_matches('/')
    )
}

#[derive(Deserialize)]
pub struct MastodonAuthorize {
    name: String,
    base_url: String,
}

pub async fn mastodon_authorize(
    State(state): State<AppState>,
    Signed(actor): Signed,
    ApiJson(input): ApiJson<MastodonAuthorize>,
) -> ApiResult<Json<Value>> {
    let redirect_uri = mastodon_redirect_uri(&state);
    let (url, oauth_state) = state
        .desk
        .begin_mastodon_oauth(
            &actor.admin()?,
            &input.name,
            &input.base_url,
            &redirect_uri,
            &state.config.public_url,
        )
        .await?;
    Ok(Json(
        json!({"authorize_url": url, "state": oauth_state, "redirect_uri": redirect_uri}),
    ))
}

#[derive(Deserialize)]
pub struct MastodonCallback {
    state: String,
    code: String,
}

pub async fn mastodon_callback(
    State(state): State<AppState>,
    Signed(actor): Signed,
    ApiJson(input): ApiJson<MastodonCallback>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let channel = state
        .desk
        .finish_mastodon_oauth(&actor.admin()?, &input.state, &input.code)
        .await?;
    Ok((StatusCode::CREATED, Json(channel_json(&channel))))
}
