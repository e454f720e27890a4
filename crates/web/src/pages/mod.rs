//! Server-rendered pages of the desk.

use crate::state::AppState;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse};
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new()
}

pub async fn not_found() -> impl IntoResponse {
    (StatusCode::NOT_FOUND, Html("<h1>Not found</h1>"))
}
