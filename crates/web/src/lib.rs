//! Carepost over HTTP: the JSON API under `/api/v1`, the server-rendered desk, health checks
//! and metrics. Handlers translate HTTP to desk calls and back; the rules live in `domain`.

mod api;
mod auth;
mod error;
mod health;
mod metrics;
mod pages;
mod state;
mod webhooks;
pub mod worker;

pub use api::{routes as api_routes, Access, Route};
pub use state::{AppState, WebConfig};

use axum::Router;
use std::net::SocketAddr;
use tower_http::limit::RequestBodyLimitLayer;

/// Largest request body accepted by ordinary routes (a handbook of 200,000 characters fits).
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// Largest upload (a short video; images and documents have lower limits of their own).
pub const MAX_UPLOAD_BYTES: usize = 210 * 1024 * 1024;

/// The whole application.
pub fn app(state: AppState) -> Router {
    let api = api::router();
    Router::new()
        .merge(api)
        .merge(pages::router())
        .merge(health::router())
        .merge(webhooks::router())
        // Inside the routes, where the matched route template is known.
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            metrics::record,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::authenticate,
        ))
        // Extractors stop at MAX_BODY_BYTES unless the route allows uploads; nothing
        // larger than an upload is read at all.
        .layer(RequestBodyLimitLayer::new(MAX_UPLOAD_BYTES))
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(state)
}

/// Serves until `shutdown` resolves.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}
