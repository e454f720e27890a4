use super::ApiJson;
use crate::auth::Signed;
use crate::error::ApiResult;
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::Json;
use domain::inbox::InboxFilter;
use serde::Deserialize;
use serde_json::{json, Value};

#[derive(Deserialize)]
pub struct ListQuery {
    label: Option<String>,
    state: Option<String>,
    channel: Option<String>,
    limit: Option<i64>,
}

fn some(v: Option<String>) -> Option<String> {
    v.filter(|s| !s.is_empty())
}

pub async fn list(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Query(q): Query<ListQuery>,
) -> ApiResult<Json<Value>> {
    let filter = InboxFilter {
        label: some(q.label),
        state: some(q.state),
        channel_id: some(q.channel),
        limit: q.limit.unwrap_or(100),
    };
    let items = state.desk.inbox(&actor.responder()?, filter).await?;
    Ok(Json(json!({ "items": items })))
}

pub async fn show(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let responder = actor.responder()?;
    let item = state
        .desk
        .inbox_item(&responder.actor().viewer()?, &id)
        .await?;
    Ok(Json(json!(item)))
}

#[derive(Deserialize)]
pub struct Assign {
    user_id: String,
}

pub async fn assign(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<Assign>,
) -> ApiResult<Json<Value>> {
    let item = state
        .desk
        .assign_inbox_item(&actor.responder()?, &id, &body.user_id)
        .await?;
    Ok(Json(json!(item)))
}

pub async fn resolve(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let item = state
        .desk
        .resolve_inbox_item(&actor.responder()?, &id)
        .await?;
    Ok(Json(json!(item)))
}

#[derive(Deserialize)]
pub struct Reply {
    body: String,
}

pub async fn reply(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<Reply>,
) -> ApiResult<Json<Value>> {
    let item = state
        .desk
        .reply_inbox_item(&actor.responder()?, &id, &body.body)
        .await?;
    Ok(Json(json!(item)))
}

#[derive(Deserialize, Default)]
pub struct Hide {
    /// The commenting policy clause enforced.
    #[serde(default)]
    clause: Option<String>,
}

async fn set_hidden(
    state: AppState,
    actor: domain::Actor,
    id: String,
    hidden: bool,
    body: &[u8],
) -> ApiResult<Json<Value>> {
    let hide: Hide = if body.iter().all(u8::is_ascii_whitespace) {
        Hide::default()
    } else {
        serde_json::from_slice(body).map_err(|e| {
            crate::error::ApiError::bad_request(format!("the body is not valid JSON: {e}"))
        })?
    };
    let item = state
        .desk
        .hide_inbox_item(&actor.responder()?, &id, hidden, hide.clause.as_deref())
        .await?;
    Ok(Json(json!(item)))
}

pub async fn hide(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> ApiResult<Json<Value>> {
    set_hidden(state, actor, id, true, &body).await
}

pub async fn unhide(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> ApiResult<Json<Value>> {
    set_hidden(state, actor, id, false, &body).await
}
