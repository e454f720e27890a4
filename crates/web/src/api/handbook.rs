use super::ApiJson;
use crate::auth::Signed;
use crate::error::ApiResult;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

pub async fn current(
    State(state): State<AppState>,
    Signed(actor): Signed,
) -> ApiResult<Json<Value>> {
    let handbook = state.desk.handbook(&actor.viewer()?).await?;
    Ok(Json(json!({
        "handbook": handbook,
        "acknowledged": actor.trained(),
    })))
}

#[derive(Deserialize)]
pub struct Publish {
    text: String,
}

pub async fn publish(
    State(state): State<AppState>,
    Signed(actor): Signed,
    ApiJson(body): ApiJson<Publish>,
) -> ApiResult<(axum::http::StatusCode, Json<Value>)> {
    let v = state
        .desk
        .publish_handbook(&actor.admin()?, &body.text)
        .await?;
    Ok((axum::http::StatusCode::CREATED, Json(json!(v))))
}

#[derive(Deserialize, Default)]
pub struct Ack {
    #[serde(default)]
    version: Option<i64>,
}

pub async fn acknowledge(
    State(state): State<AppState>,
    Signed(actor): Signed,
    body: axum::body::Bytes,
) -> ApiResult<Json<Value>> {
    // The body is optional: `{}` or nothing acknowledges whatever is current.
    let version = if body.iter().all(u8::is_ascii_whitespace) {
        None
    } else {
        serde_json::from_slice::<Ack>(&body)
            .map_err(|e| {
                crate::error::ApiError::bad_request(format!("the body is not valid JSON: {e}"))
            })?
            .version
    };
    let v = state.desk.acknowledge_handbook(&actor, version).await?;
    Ok(Json(json!({"acknowledged_version": v})))
}

pub async fn status(
    State(state): State<AppState>,
    Signed(actor): Signed,
) -> ApiResult<Json<Value>> {
    let s = state.desk.handbook_status(&actor.admin()?).await?;
    let person =
        |u: &domain::User| json!({"id": u.id, "name": u.name, "email": u.email, "role": u.role});
    Ok(Json(json!({
        "version": s.version,
        "acknowledged": s.acknowledged.iter().map(|(u, at)| {
            let mut v = person(u);
            v["acknowledged_at"] = json!(at);
            v
        }).collect::<Vec<_>>(),
        "missing": s.missing.iter().map(person).collect::<Vec<_>>(),
    })))
}
