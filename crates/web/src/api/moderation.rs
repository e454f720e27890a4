//! The commenting policy and the response library.

use super::ApiJson;
use crate::auth::Signed;
use crate::error::ApiResult;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use domain::moderation::PolicyDraft;
use domain::response_library::ResponseTemplate;
use serde_json::{json, Value};

pub async fn policy(
    State(state): State<AppState>,
    Signed(actor): Signed,
) -> ApiResult<Json<Value>> {
    let viewer = actor.viewer()?;
    let current = state.desk.policy_in_force(viewer.org_id()).await?;
    let versions = state.desk.commenting_policy_versions(&viewer).await?;
    let versions: Vec<Value> = versions
        .iter()
        .map(|p| json!({"version": p.version, "published_by": p.published_by, "published_at": p.published_at}))
        .collect();
    Ok(Json(json!({"current": *current, "versions": versions})))
}

pub async fn publish_policy(
    State(state): State<AppState>,
    Signed(actor): Signed,
    ApiJson(draft): ApiJson<PolicyDraft>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let policy = state
        .desk
        .publish_commenting_policy(&actor.approver()?, draft)
        .await?;
    Ok((StatusCode::CREATED, Json(json!(policy))))
}

pub async fn responses(
    State(state): State<AppState>,
    Signed(actor): Signed,
) -> ApiResult<Json<Value>> {
    let list = state.desk.responses(&actor.viewer()?).await?;
    Ok(Json(json!({ "responses": list })))
}

pub async fn create_response(
    State(state): State<AppState>,
    Signed(actor): Signed,
    ApiJson(template): ApiJson<ResponseTemplate>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let entry = state
        .desk
        .save_response(&actor.approver()?, None, template)
        .await?;
    Ok((StatusCode::CREATED, Json(json!(entry))))
}

pub async fn update_response(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Path(id): Path<String>,
    ApiJson(template): ApiJson<ResponseTemplate>,
) -> ApiResult<Json<Value>> {
    let entry = state
        .desk
        .save_response(&actor.approver()?, Some(&id), template)
        .await?;
    Ok(Json(json!(entry)))
}

pub async fn delete_response(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    state.desk.delete_response(&actor.approver()?, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
