use super::ApiJson;
use crate::auth::Signed;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

/// The longest draft the checker accepts (far beyond any network's limit).
pub const MAX_SCAN_CHARS: usize = 100_000;

#[derive(Deserialize)]
pub struct ScanBody {
    #[serde(default)]
    id: Option<Value>,
    text: String,
}

pub async fn scan(
    State(state): State<AppState>,
    Signed(actor): Signed,
    ApiJson(body): ApiJson<ScanBody>,
) -> ApiResult<Json<Value>> {
    if body.text.chars().count() > MAX_SCAN_CHARS {
        let mut e = ApiError::new(
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
            format!("the text is longer than {MAX_SCAN_CHARS} characters"),
        );
        e.fields = Some([("text".to_string(), "too long".to_string())].into());
        return Err(e);
    }
    let report = state.desk.scan(&actor.viewer()?, &body.text).await?;
    let mut v = json!(report);
    v["id"] = body.id.unwrap_or(Value::Null);
    Ok(Json(v))
}
