use super::ApiJson;
use crate::auth::Signed;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use chrono::{DateTime, Utc};
use domain::desk::{PostInput, PostView};
use domain::publishing::{PostFilter, PostState};
use serde::Deserialize;
use serde_json::{json, Value};

/// An optional JSON body: none (or empty) means the defaults.
fn optional_json<T: Default + serde::de::DeserializeOwned>(body: &[u8]) -> ApiResult<T> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(T::default());
    }
    serde_json::from_slice(body)
        .map_err(|e| ApiError::bad_request(format!("the body is not valid JSON: {e}")))
}

fn view_json(v: &PostView) -> Json<Value> {
    Json(json!(v))
}

pub async fn create(
    State(state): State<AppState>,
    Signed(actor): Signed,
    ApiJson(input): ApiJson<PostInput>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let view = state.desk.create_post(&actor.author()?, input).await?;
    Ok((StatusCode::CREATED, view_json(&view)))
}

pub async fn show(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    Ok(view_json(
        &state.desk.get_post(&actor.viewer()?, &id).await?,
    ))
}

pub async fn update(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<PostInput>,
) -> ApiResult<Json<Value>> {
    Ok(view_json(
        &state.desk.update_post(&actor.author()?, &id, input).await?,
    ))
}

pub async fn submit(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    Ok(view_json(
        &state.desk.submit_post(&actor.author()?, &id).await?,
    ))
}

#[derive(Deserialize, Default)]
pub struct Review {
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    reason: Option<String>,
}

pub async fn approve(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> ApiResult<Json<Value>> {
    let review: Review = optional_json(&body)?;
    Ok(view_json(
        &state
            .desk
            .approve_post(&actor.approver()?, &id, review.note.as_deref())
            .await?,
    ))
}

pub async fn reject(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Path(id): Path<String>,
    ApiJson(review): ApiJson<Review>,
) -> ApiResult<Json<Value>> {
    Ok(view_json(
        &state
            .desk
            .reject_post(
                &actor.approver()?,
                &id,
                review.reason.as_deref().unwrap_or(""),
            )
            .await?,
    ))
}

pub async fn withdraw(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> ApiResult<Json<Value>> {
    let review: Review = optional_json(&body)?;
    Ok(view_json(
        &state
            .desk
            .withdraw_post(&actor, &id, review.reason.as_deref())
            .await?,
    ))
}

pub async fn retry(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Path((id, delivery)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    Ok(view_json(
        &state
            .desk
            .retry_delivery(&actor.approver()?, &id, &delivery)
            .await?,
    ))
}

#[derive(Deserialize)]
pub struct ListQuery {
    state: Option<String>,
    from: Option<String>,
    to: Option<String>,
    limit: Option<i64>,
}

fn parse_time(field: &str, value: Option<&str>) -> ApiResult<Option<DateTime<Utc>>> {
    value
        .filter(|v| !v.is_empty())
        .map(|v| {
            DateTime::parse_from_rfc3339(v)
                .map(|t| t.with_timezone(&Utc))
                .or_else(|_| {
                    chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d")
                        .map(|d| d.and_hms_opt(0, 0, 0).expect("midnight").and_utc())
                })
                .map_err(|_| {
                    ApiError::bad_request(format!(
                        "{field} '{v}' is not a date (2026-12-01) or date and time (2026-12-01T09:00:00Z)"
                    ))
                })
        })
        .transpose()
}

pub async fn list(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Query(q): Query<ListQuery>,
) -> ApiResult<Json<Value>> {
    let post_state = match q.state.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(PostState::parse(s).ok_or_else(|| {
            ApiError::bad_request(format!(
                "unknown state '{s}'; use one of {}",
                PostState::ALL.map(|s| s.as_str()).join(", ")
            ))
        })?),
    };
    let filter = PostFilter {
        state: post_state,
        from: parse_time("from", q.from.as_deref())?,
        to: parse_time("to", q.to.as_deref())?,
        author_id: None,
        limit: q.limit.unwrap_or(200),
    };
    let posts = state.desk.list_posts(&actor.viewer()?, filter).await?;
    Ok(Json(json!({ "posts": posts })))
}

pub async fn failed(
    State(state): State<AppState>,
    Signed(actor): Signed,
) -> ApiResult<Json<Value>> {
    let deliveries = state.desk.failed_deliveries(&actor.viewer()?).await?;
    Ok(Json(json!({ "deliveries": deliveries })))
}
