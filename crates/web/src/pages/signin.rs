//! Signing in and out, and the first-run setup page.

use super::{done, notice, render, render_status, Ctx, Errors, Layout, MessagePage, PageResult};
use crate::auth::{session_cookie, ClientIp, MaybeActor};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Form;
use domain::desk::{LoginInput, LoginOutcome, SetupInput};
use domain::DomainError;
use serde::Deserialize;
use std::collections::HashMap;

/// Only paths on this site: `/x` but not `//evil.example` or `/\evil.example`.
pub(crate) fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.starts_with("/\\") => {
            n.to_string()
        }
        _ => "/".to_string(),
    }
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    layout: Layout,
    email: String,
    next: String,
    needs_code: bool,
    errors: Errors,
}

pub async fn login_form(
    MaybeActor(actor): MaybeActor,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let next = safe_next(q.get("next").map(String::as_str));
    if actor.is_some() {
        return done(&next);
    }
    let mut layout = Layout::visitor("Sign in");
    layout.notice = notice(&q);
    render(&LoginPage {
        layout,
        email: String::new(),
        next,
        needs_code: false,
        errors: Errors::default(),
    })
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    next: Option<String>,
}

pub async fn login(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Response {
    let next = safe_next(form.next.as_deref());
    let agent = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok());
    let input = LoginInput {
        email: form.email.clone(),
        password: form.password,
        code: form.code.filter(|c| !c.trim().is_empty()),
    };
    let had_code = input.code.is_some();
    let page = |needs_code: bool, errors: Errors| LoginPage {
        layout: Layout::visitor("Sign in"),
        email: form.email.clone(),
        next: next.clone(),
        needs_code,
        errors,
    };
    match state.desk.login(input, ip.as_deref(), agent).await {
        Ok(LoginOutcome::SignedIn { secret, .. }) => (
            [(
                header::SET_COOKIE,
                session_cookie(Some(&secret), state.config.cookie_secure),
            )],
            done(&next),
        )
            .into_response(),
        Ok(LoginOutcome::NeedsCode) => {
            render_status(StatusCode::UNAUTHORIZED, &page(true, Errors::default()))
        }
        Err(DomainError::Validation(_, fields)) if fields.contains_key("code") => render_status(
            StatusCode::UNAUTHORIZED,
            &page(
                true,
                Errors::one(
                    "code",
                    "That authenticator code is not valid. Enter the current 6-digit code.",
                ),
            ),
        ),
        Err(e @ DomainError::Validation(..)) | Err(e @ DomainError::Throttled { .. }) => {
            let status = if matches!(e, DomainError::Throttled { .. }) {
                StatusCode::TOO_MANY_REQUESTS
            } else {
                StatusCode::UNAUTHORIZED
            };
            let mut errors = Errors::from_domain(&e);
            errors.summary = errors.summary.map(|s| s + ".");
            render_status(status, &page(had_code, errors))
        }
        Err(e) => {
            tracing::error!(error = %e, "sign-in failed");
            let errors = Errors {
                summary: Some("Signing in failed on our side. Try again in a moment.".into()),
                fields: Vec::new(),
            };
            render_status(StatusCode::INTERNAL_SERVER_ERROR, &page(had_code, errors))
        }
    }
}

pub async fn logout(ctx: Ctx) -> PageResult {
    ctx.desk()
        .logout(&ctx.actor)
        .await
        .map_err(|e| ctx.fail(e))?;
    Ok((
        [(
            header::SET_COOKIE,
            session_cookie(None, ctx.state.config.cookie_secure),
        )],
        done("/login?signed_out=1"),
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "setup.html")]
struct SetupPage {
    layout: Layout,
    token: String,
    org_name: String,
    name: String,
    email: String,
    errors: Errors,
}

fn expired_link() -> Response {
    render_status(
        StatusCode::FORBIDDEN,
        &MessagePage {
            layout: Layout::visitor("Setup link not valid"),
            heading: "This setup link is not valid".into(),
            message: "Carepost is either set up already, or the link was replaced by a newer one. \
                      Restart Carepost to print a new link, or sign in."
                .into(),
            detail: None,
        },
    )
}

pub async fn setup_form(
    State(state): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let token = q.get("token").cloned().unwrap_or_default();
    match state.desk.setup_secret_valid(&token).await {
        Ok(true) => render(&SetupPage {
            layout: Layout::visitor("Set up Carepost"),
            token,
            org_name: String::new(),
            name: String::new(),
            email: String::new(),
            errors: Errors::default(),
        }),
        Ok(false) => expired_link(),
        Err(e) => {
            tracing::error!(error = %e, "setup check failed");
            expired_link()
        }
    }
}

#[derive(Deserialize)]
pub struct SetupForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    org_name: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

pub async fn setup(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Form(form): Form<SetupForm>,
) -> Response {
    let input = SetupInput {
        org_name: form.org_name.clone(),
        name: form.name.clone(),
        email: form.email.clone(),
        password: form.password.clone(),
    };
    match state.desk.complete_setup(&form.token, input).await {
        Ok(_) => {}
        Err(e @ DomainError::Validation(..)) => {
            return render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &SetupPage {
                    layout: Layout::visitor("Set up Carepost"),
                    token: form.token,
                    org_name: form.org_name,
                    name: form.name,
                    email: form.email,
                    errors: Errors::from_domain(&e)
                        .ordered(&["org_name", "name", "email", "password"]),
                },
            )
        }
        Err(DomainError::Forbidden(_)) => return expired_link(),
        Err(e) => {
            tracing::error!(error = %e, "setup failed");
            return expired_link();
        }
    }
    // The administrator just chose this password: sign them in straight away.
    let agent = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok());
    let login = LoginInput {
        email: form.email,
        password: form.password,
        code: None,
    };
    match state.desk.login(login, ip.as_deref(), agent).await {
        Ok(LoginOutcome::SignedIn { secret, .. }) => (
            [(
                header::SET_COOKIE,
                session_cookie(Some(&secret), state.config.cookie_secure),
            )],
            done("/?welcome=1"),
        )
            .into_response(),
        _ => done("/login"),
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_is_only_followed_to_local_paths() {
        assert_eq!(safe_next(Some("/users?x=1")), "/users?x=1");
        assert_eq!(safe_next(Some("//evil.example/")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example/")), "/");
        assert_eq!(safe_next(None), "/");
    }
}
