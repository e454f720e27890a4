use super::ApiJson;
use crate::error::ApiResult;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use domain::desk::SetupInput;
use serde::Deserialize;
use serde_json::{json, Value};

#[derive(Deserialize)]
pub struct SetupBody {
    token: String,
    #[serde(flatten)]
    input: SetupInput,
}

pub async fn complete(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<SetupBody>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let (org, user) = state.desk.complete_setup(&body.token, body.input).await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({"org": org, "user": super::users::user_json(&user)})),
    ))
}
