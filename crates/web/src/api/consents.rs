use super::multipart;
use super::ApiJson;
use crate::auth::Signed;
use crate::error::ApiResult;
use crate::state::AppState;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use domain::desk::{ConsentInput, Upload};
use serde::Deserialize;
use serde_json::{json, Value};

pub async fn create(
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
    let upload = multipart::read(form, &["document"]).await?;
    let input = ConsentInput {
        patient_name: upload.text("patient_name").unwrap_or("").into(),
        aliases: upload.all("aliases"),
        description: upload.text("description").unwrap_or("").into(),
        purpose: upload.text("purpose").unwrap_or("").into(),
        channels: upload.all("channels"),
        signed_at: upload.text("signed_at").unwrap_or("").into(),
        expires_at: upload.text("expires_at").map(String::from),
        expiry_event: upload.text("expiry_event").map(String::from),
        document: upload
            .file
            .map(|(_, filename, bytes)| Upload { filename, bytes }),
    };
    let view = state.desk.create_consent(&author, input).await?;
    Ok((StatusCode::CREATED, Json(json!(view))))
}

#[derive(Deserialize)]
pub struct ListQuery {
    patient: Option<String>,
}

pub async fn list(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Query(q): Query<ListQuery>,
) -> ApiResult<Json<Value>> {
    // Consents name patients: members who write or approve posts see them, viewers do not.
    let author = actor.author()?;
    let consents = state
        .desk
        .consents(&author.actor().viewer()?, q.patient.as_deref())
        .await?;
    Ok(Json(json!({ "consents": consents })))
}

pub async fn expiring(
    State(state): State<AppState>,
    Signed(actor): Signed,
) -> ApiResult<Json<Value>> {
    let author = actor.author()?;
    let consents = state
        .desk
        .expiring_consents(&author.actor().viewer()?)
        .await?;
    Ok(Json(json!({ "consents": consents })))
}

pub async fn show(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let author = actor.author()?;
    let view = state
        .desk
        .get_consent(&author.actor().viewer()?, &id)
        .await?;
    Ok(Json(json!(view)))
}

pub async fn document(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let (doc, bytes) = state.desk.consent_document(&actor.approver()?, &id).await?;
    Ok((
        [
            (header::CONTENT_TYPE, doc.mime.clone()),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "inline; filename=\"{}\"",
                    doc.filename.replace(['"', '\\'], "")
                ),
            ),
        ],
        bytes,
    )
        .into_response())
}

#[derive(Deserialize)]
pub struct Revoke {
    #[serde(default)]
    reason: String,
}

pub async fn revoke(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<Revoke>,
) -> ApiResult<Json<Value>> {
    let report = state
        .desk
        .revoke_consent(&actor.approver()?, &id, &body.reason)
        .await?;
    Ok(Json(json!(report)))
}
