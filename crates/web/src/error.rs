//! One mapping from domain refusals to HTTP, for the JSON API:
//! `{"error": {"code", "message", "fields"?}}`.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::DomainError;
use serde_json::json;

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub fields: Option<domain::FieldErrors>,
    pub retry_after: Option<u64>,
    /// Extra members of the error object (the guard's `findings`, limit `problems`);
    /// boxed to keep every `Result` small.
    pub details: Option<Box<serde_json::Value>>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            code,
            message: message.into(),
            fields: None,
            retry_after: None,
            details: None,
        }
    }

    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }
}

pub fn status_of(e: &DomainError) -> StatusCode {
    match e {
        DomainError::Validation(..) => StatusCode::UNPROCESSABLE_ENTITY,
        DomainError::Unauthenticated => StatusCode::UNAUTHORIZED,
        DomainError::Forbidden(_) => StatusCode::FORBIDDEN,
        DomainError::NotFound { .. } => StatusCode::NOT_FOUND,
        DomainError::Conflict(_) => StatusCode::CONFLICT,
        DomainError::Throttled { .. } => StatusCode::TOO_MANY_REQUESTS,
        DomainError::Store(_) => StatusCode::INTERNAL_SERVER_ERROR,
        DomainError::Refused { .. } => StatusCode::UNPROCESSABLE_ENTITY,
    }
}

impl From<DomainError> for ApiError {
    fn from(e: DomainError) -> ApiError {
        let status = status_of(&e);
        let message = match &e {
            DomainError::Store(detail) => {
                // Storage errors can echo SQL; users get a generic message, logs the detail.
                tracing::error!(error = %detail, "storage failure");
                "something went wrong on our side; nothing was changed, try again".to_string()
            }
            other => other.to_string(),
        };
        ApiError {
            status,
            code: e.code(),
            message,
            fields: match &e {
                DomainError::Validation(_, f) if !f.is_empty() => Some(f.clone()),
                _ => None,
            },
            retry_after: match &e {
                DomainError::Throttled { retry_after_secs } => Some(*retry_after_secs),
                _ => None,
            },
            details: match e {
                DomainError::Refused { details, .. } => Some(Box::new(details)),
                _ => None,
            },
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut error = json!({"code": self.code, "message": self.message});
        if let Some(fields) = self.fields {
            error["fields"] = json!(fields);
        }
        if let Some(serde_json::Value::Object(extra)) = self.details.map(|d| *d) {
            for (k, v) in extra {
                error[k] = v;
            }
        }
        let mut res = (self.status, axum::Json(json!({ "error": error }))).into_response();
        if let Some(secs) = self.retry_after {
            res.headers_mut().insert(
                header::RETRY_AFTER,
                secs.to_string().parse().expect("digits"),
            );
        }
        res
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
