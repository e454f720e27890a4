use super::ApiJson;
use crate::auth::Signed;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use domain::desk::AlertInput;
use serde::Deserialize;
use serde_json::{json, Value};

pub async fn create(
    State(state): State<AppState>,
    Signed(actor): Signed,
    ApiJson(input): ApiJson<AlertInput>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let view = state.desk.create_alert(&actor.approver()?, input).await?;
    Ok((StatusCode::CREATED, Json(json!(view))))
}

#[derive(Deserialize)]
pub struct ListQuery {
    state: Option<String>,
}

pub async fn list(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Query(q): Query<ListQuery>,
) -> ApiResult<Json<Value>> {
    let alerts = state
        .desk
        .alerts(
            &actor.viewer()?,
            q.state.as_deref().filter(|s| !s.is_empty()),
        )
        .await?;
    Ok(Json(json!({ "alerts": alerts })))
}

pub async fn show(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    Ok(Json(json!(
        state.desk.get_alert(&actor.viewer()?, &id).await?
    )))
}

#[derive(Deserialize, Default)]
pub struct End {
    #[serde(default)]
    all_clear: Option<String>,
}

pub async fn end(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<End>,
) -> ApiResult<Json<Value>> {
    Ok(Json(json!(
        state
            .desk
            .end_alert(&actor.approver()?, &id, body.all_clear)
            .await?
    )))
}

#[derive(Deserialize)]
pub struct Change {
    #[serde(default)]
    expires_at: Option<String>,
    /// An update posted and pinned in place of the current post.
    #[serde(default)]
    follow_up: Option<String>,
}

pub async fn update(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Path(id): Path<String>,
    ApiJson(change): ApiJson<Change>,
) -> ApiResult<Json<Value>> {
    let approver = actor.approver()?;
    let mut view = None;
    if let Some(e) = change.expires_at.as_deref() {
        view = Some(state.desk.extend_alert(&approver, &id, e).await?);
    }
    if let Some(update) = change.follow_up.as_deref() {
        view = Some(state.desk.follow_up_alert(&approver, &id, update).await?);
    }
    match view {
        Some(v) => Ok(Json(json!(v))),
        None => Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
            "send expires_at (a new end) or follow_up (an update to post)",
        )),
    }
}

/// `POST /api/v1/contacts/import` with the CSV as the body.
pub async fn import(
    State(state): State<AppState>,
    Signed(actor): Signed,
    body: axum::body::Bytes,
) -> ApiResult<Json<Value>> {
    let approver = actor.approver()?;
    let text = std::str::from_utf8(&body).map_err(|_| {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_body",
            "the CSV must be UTF-8 text (save it as 'CSV UTF-8')",
        )
    })?;
    let report = state.desk.import_contacts(&approver, text).await?;
    Ok(Json(json!(report)))
}

#[derive(Deserialize)]
pub struct ContactQuery {
    segment: Option<String>,
    limit: Option<i64>,
    offset: Option<i64>,
}

pub async fn contacts(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Query(q): Query<ContactQuery>,
) -> ApiResult<Json<Value>> {
    let (total, contacts) = state
        .desk
        .contacts(
            &actor.approver()?,
            q.segment.as_deref().filter(|s| !s.is_empty()),
            q.limit.unwrap_or(100),
            q.offset.unwrap_or(0),
        )
        .await?;
    Ok(Json(json!({"total": total, "contacts": contacts})))
}

pub async fn segments(
    State(state): State<AppState>,
    Signed(actor): Signed,
) -> ApiResult<Json<Value>> {
    Ok(Json(
        json!({"segments": state.desk.segments(&actor.viewer()?).await?}),
    ))
}

#[derive(Deserialize)]
pub struct Segments {
    segments: Vec<String>,
}

pub async fn set_segments(
    State(state): State<AppState>,
    Signed(actor): Signed,
    ApiJson(body): ApiJson<Segments>,
) -> ApiResult<Json<Value>> {
    Ok(Json(
        json!({"segments": state.desk.set_segments(&actor.admin()?, body.segments).await?}),
    ))
}
