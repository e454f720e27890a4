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
