//! The browser side of connecting Mastodon through OAuth: the form on the channels page
//! posts here, Carepost sends the administrator to their instance's consent page, and the
//! instance sends them back to the callback with a code.

use super::{done, Ctx};
use axum::extract::Query;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use domain::DomainError;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Start {
    name: String,
    base_url: String,
}

pub async fn start(ctx: Ctx, Form(form): Form<Start>) -> Response {
    let admin = match ctx.actor.admin() {
        Ok(a) => a,
        Err(e) => return ctx.fail(e),
    };
    let redirect_uri = crate::api::mastodon_redirect_uri(&ctx.state);
    match ctx
        .desk()
        .begin_mastodon_oauth(
            &admin,
            &form.name,
            &form.base_url,
            &redirect_uri,
            &ctx.state.config.public_url,
        )
        .await
    {
        // 303 to the instance: the browser leaves Carepost for the consent page.
        Ok((url, _)) => Redirect::to(&url).into_response(),
        Err(e) => ctx.fail(e),
    }
}

#[derive(Deserialize)]
pub struct Callback {
    code: Option<String>,
    state: Option<String>,
    /// Set by the instance when the administrator declined.
    error: Option<String>,
    error_description: Option<String>,
}

pub async fn callback(ctx: Ctx, Query(q): Query<Callback>) -> Response {
    let admin = match ctx.actor.admin() {
        Ok(a) => a,
        Err(e) => return ctx.fail(e),
    };
    if let Some(error) = q.error {
        return ctx.fail(DomainError::Conflict(format!(
            "the Mastodon instance did not grant access ({})",
            q.error_description.unwrap_or(error)
        )));
    }
    let (Some(code), Some(state)) = (q.code, q.state) else {
        return ctx.fail(DomainError::Conflict(
            "the Mastodon instance sent no authorisation code; start again from Channels".into(),
        ));
    };
    match ctx
        .desk()
        .finish_mastodon_oauth(&admin, &state, &code)
        .await
    {
        Ok(channel) => done(&format!("/channels?connected={}", channel.id)),
        Err(e) => ctx.fail(e),
    }
}
