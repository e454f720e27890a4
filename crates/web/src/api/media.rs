use super::multipart;
use super::ApiJson;
use crate::auth::Signed;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use axum::extract::{Multipart, Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

pub async fn upload(
    State(state): State<AppState>,
    Signed(actor): Signed,
    request: axum::extract::Request,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let author = actor.author()?;
    // The role is checked before the body is read.
    let form = <Multipart as axum::extract::FromRequest<AppState>>::from_request(request, &state)
        .await
        .map_err(|e| {
            crate::error::ApiError::bad_request(format!(
                "send the upload as multipart/form-data: {}",
                e.body_text()
            ))
        })?;
    let upload = multipart::read(form, &["file"]).await?;
    let shows_patient = upload.flag("shows_patient")?;
    let (filename, bytes) = match upload.file.clone() {
        Some((_, name, bytes)) => (name, bytes),
        None => {
            let mut e = ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation_failed",
                "attach the image or video in the 'file' field",
            );
            e.fields = Some([("file".to_string(), "required".to_string())].into());
            return Err(e);
        }
    };
    let view = state
        .desk
        .upload_media(
            &author,
            &filename,
            bytes,
            upload.text("alt_text").unwrap_or(""),
            shows_patient,
        )
        .await?;
    Ok((StatusCode::CREATED, Json(json!(view))))
}

pub async fn list(State(state): State<AppState>, Signed(actor): Signed) -> ApiResult<Json<Value>> {
    let author = actor.author()?;
    let items = state.desk.media_library(&author.actor().viewer()?).await?;
    Ok(Json(json!({ "media": items })))
}

pub async fn show(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let author = actor.author()?;
    let view = state.desk.get_media(&author.actor().viewer()?, &id).await?;
    Ok(Json(json!(view)))
}

pub async fn file(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let author = actor.author()?;
    let (item, bytes) = state
        .desk
        .media_file(&author.actor().viewer()?, &id)
        .await?;
    Ok((
        [
            (header::CONTENT_TYPE, item.mime.clone()),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
            (header::CONTENT_DISPOSITION, "inline".to_string()),
        ],
        bytes,
    )
        .into_response())
}

#[derive(Deserialize)]
pub struct MediaChange {
    alt_text: Option<String>,
    shows_patient: Option<bool>,
}

pub async fn update(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Path(id): Path<String>,
    ApiJson(change): ApiJson<MediaChange>,
) -> ApiResult<Json<Value>> {
    let view = state
        .desk
        .update_media(
            &actor.author()?,
            &id,
            change.alt_text.as_deref(),
            change.shows_patient,
        )
        .await?;
    Ok(Json(json!(view)))
}
