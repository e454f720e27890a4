//! My account (sessions, API tokens, password, two-factor sign-in) and, for administrators,
//! everyone's sessions.

use super::{done, render, render_status, Ctx, Errors, Layout, PageResult};
use askama::Template;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use domain::session::Session;
use domain::DomainError;
use serde::Deserialize;
use std::collections::HashMap;

struct SessionRow {
    id: String,
    who: String,
    started: String,
    last_seen: String,
    expires: String,
    ip: String,
    agent: String,
    current: bool,
}

fn session_row(ctx: &Ctx, s: Session, who: String) -> SessionRow {
    SessionRow {
        current: ctx.actor.session_id() == Some(s.id.as_str()),
        started: ctx.time(&s.created_at),
        last_seen: ctx.time(&s.last_seen_at),
        expires: ctx.time(&s.expires_at),
        ip: s.ip.unwrap_or_else(|| "unknown".into()),
        agent: s
            .user_agent
            .map(|a| browser_name(&a))
            .unwrap_or_else(|| "unknown".into()),
        id: s.id,
        who,
    }
}

/// A short readable name for a User-Agent string.
fn browser_name(agent: &str) -> String {
    let browser = ["Edg/", "Firefox/", "Chrome/", "Safari/", "curl/"]
        .iter()
        .find(|b| agent.contains(*b))
        .map(|b| match *b {
            "Edg/" => "Edge",
            "Firefox/" => "Firefox",
            "Chrome/" => "Chrome",
            "Safari/" => "Safari",
            _ => "curl",
        });
    let os = ["Windows", "Mac OS X", "Android", "iPhone", "Linux"]
        .iter()
        .find(|o| agent.contains(*o))
        .map(|o| match *o {
            "Mac OS X" => "macOS",
            other => other,
        });
    match (browser, os) {
        (Some(b), Some(o)) => format!("{b} on {o}"),
        (Some(b), None) => b.to_string(),
        _ => agent.chars().take(60).collect(),
    }
}

struct TokenRow {
    id: String,
    name: String,
    created: String,
    last_used: String,
}

/// The enrolment in progress: shown until confirmed with a code.
struct Enrolment {
    secret: String,
    url: String,
    qr_svg: String,
}

/// Sections of the page that need the user's input back after an error.
#[derive(Default)]
struct Forms {
    token_name: String,
    new_token: Option<String>,
    password_errors: Errors,
    token_errors: Errors,
    two_factor_errors: Errors,
    enrolment: Option<Enrolment>,
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    layout: Layout,
    csrf: String,
    name: String,
    email: String,
    role: &'static str,
    second_factor_missing: bool,
    two_factor_on: bool,
    sessions: Vec<SessionRow>,
    revoke_base: &'static str,
    tokens: Vec<TokenRow>,
    forms: Forms,
}

fn qr_svg(url: &str) -> String {
    match qrcode::QrCode::new(url.as_bytes()) {
        Ok(code) => code
            .render::<qrcode::render::svg::Color>()
            .min_dimensions(200, 200)
            .quiet_zone(true)
            .build()
            .replace(r#"<?xml version="1.0" standalone="yes"?>"#, "")
            .replacen(
                "<svg ",
                r#"<svg role="img" aria-label="QR code to scan with your authenticator app" class="qr" "#,
                1,
            ),
        Err(_) => String::new(),
    }
}

async fn page(ctx: &Ctx, layout: Layout, forms: Forms) -> Result<AccountPage, Response> {
    let me = ctx.actor.user();
    let sessions = ctx
        .desk()
        .sessions(&ctx.actor, false)
        .await
        .map_err(|e| ctx.fail(e))?
        .into_iter()
        .map(|s| session_row(ctx, s, me.name.clone()))
        .collect();
    let tokens = ctx
        .desk()
        .tokens(&ctx.actor, false)
        .await
        .map_err(|e| ctx.fail(e))?
        .into_iter()
        .map(|t| TokenRow {
            created: ctx.time(&t.created_at),
            last_used: t
                .last_used_at
                .map(|at| ctx.time(&at))
                .unwrap_or_else(|| "never".into()),
            id: t.id,
            name: t.name,
        })
        .collect();
    Ok(AccountPage {
        layout,
        csrf: ctx.csrf(),
        name: me.name.clone(),
        email: me.email.to_string(),
        role: me.role.label(),
        second_factor_missing: ctx.actor.second_factor_missing(),
        two_factor_on: me.has_two_factor(),
        sessions,
        revoke_base: "/account/sessions",
        tokens,
        forms,
    })
}

async fn show_with(ctx: &Ctx, status: StatusCode, forms: Forms) -> PageResult {
    let layout = ctx.layout("My account");
    Ok(render_status(status, &page(ctx, layout, forms).await?))
}

fn status_of(e: &DomainError) -> StatusCode {
    match e {
        DomainError::Validation(..) => StatusCode::UNPROCESSABLE_ENTITY,
        DomainError::Conflict(_) => StatusCode::CONFLICT,
        _ => StatusCode::FORBIDDEN,
    }
}

pub async fn show(ctx: Ctx, Query(q): Query<HashMap<String, String>>) -> PageResult {
    let layout = ctx.layout_with("My account", &q);
    Ok(render(&page(&ctx, layout, Forms::default()).await?))
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
}

pub async fn change_password(ctx: Ctx, Form(form): Form<PasswordForm>) -> PageResult {
    match ctx
        .desk()
        .change_password(&ctx.actor, &form.current_password, &form.new_password)
        .await
    {
        Ok(()) => Ok(done("/account?password=1")),
        Err(e @ DomainError::Validation(..)) => {
            let forms = Forms {
                password_errors: Errors::from_domain(&e)
                    .ordered(&["current_password", "new_password"]),
                ..Forms::default()
            };
            show_with(&ctx, status_of(&e), forms).await
        }
        Err(e) => Err(ctx.fail(e)),
    }
}

#[derive(Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    name: String,
}

pub async fn create_token(ctx: Ctx, Form(form): Form<TokenForm>) -> PageResult {
    match ctx.desk().create_token(&ctx.actor, &form.name).await {
        // Rendered, not redirected: the secret is shown this once and never put in a URL.
        Ok((secret, _)) => {
            let forms = Forms {
                new_token: Some(secret),
                ..Forms::default()
            };
            show_with(&ctx, StatusCode::OK, forms).await
        }
        Err(e @ (DomainError::Validation(..) | DomainError::Forbidden(_))) => {
            let forms = Forms {
                token_name: form.name,
                token_errors: Errors::from_domain(&e),
                ..Forms::default()
            };
            show_with(&ctx, status_of(&e), forms).await
        }
        Err(e) => Err(ctx.fail(e)),
    }
}

pub async fn revoke_token(ctx: Ctx, Path(id): Path<String>) -> PageResult {
    ctx.desk()
        .revoke_token(&ctx.actor, &id)
        .await
        .map_err(|e| ctx.fail(e))?;
    Ok(done("/account?revoked=1"))
}

pub async fn revoke_own_session(ctx: Ctx, Path(id): Path<String>) -> PageResult {
    ctx.desk()
        .revoke_session(&ctx.actor, &id)
        .await
        .map_err(|e| ctx.fail(e))?;
    Ok(done("/account?revoked=1"))
}

pub async fn begin_two_factor(ctx: Ctx) -> PageResult {
    let (secret, url) = ctx.desk().begin_two_factor(&ctx.actor);
    let forms = Forms {
        enrolment: Some(Enrolment {
            qr_svg: qr_svg(&url),
            secret,
            url,
        }),
        ..Forms::default()
    };
    show_with(&ctx, StatusCode::OK, forms).await
}

#[derive(Deserialize)]
pub struct ConfirmForm {
    #[serde(default)]
    secret: String,
    #[serde(default)]
    code: String,
}

pub async fn confirm_two_factor(ctx: Ctx, Form(form): Form<ConfirmForm>) -> PageResult {
    match ctx
        .desk()
        .confirm_two_factor(&ctx.actor, &form.secret, &form.code)
        .await
    {
        Ok(()) => Ok(done("/account?two_factor_on=1")),
        Err(e @ DomainError::Validation(..)) => {
            // Keep the same secret, so the account already added to the app still works.
            let url = domain::credentials::totp_url(
                &form.secret,
                ctx.actor.user().email.as_str(),
                &ctx.actor.org().name,
            )
            .unwrap_or_default();
            let forms = Forms {
                two_factor_errors: Errors::from_domain(&e),
                enrolment: Some(Enrolment {
                    qr_svg: qr_svg(&url),
                    secret: form.secret,
                    url,
                }),
                ..Forms::default()
            };
            show_with(&ctx, status_of(&e), forms).await
        }
        Err(e) => Err(ctx.fail(e)),
    }
}

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
}

pub async fn disable_two_factor(ctx: Ctx, Form(form): Form<CodeForm>) -> PageResult {
    match ctx.desk().disable_two_factor(&ctx.actor, &form.code).await {
        Ok(()) => Ok(done("/account?two_factor_off=1")),
        Err(e @ (DomainError::Validation(..) | DomainError::Conflict(_))) => {
            let forms = Forms {
                two_factor_errors: Errors::from_domain(&e),
                ..Forms::default()
            };
            show_with(&ctx, status_of(&e), forms).await
        }
        Err(e) => Err(ctx.fail(e)),
    }
}

#[derive(Template)]
#[template(path = "sessions.html")]
struct SessionsPage {
    layout: Layout,
    csrf: String,
    sessions: Vec<SessionRow>,
    revoke_base: &'static str,
}

pub async fn all_sessions(ctx: Ctx, Query(q): Query<HashMap<String, String>>) -> PageResult {
    let admin = ctx.need(ctx.actor.admin(), "administrators")?;
    let users = ctx
        .desk()
        .list_users(&admin)
        .await
        .map_err(|e| ctx.fail(e))?;
    let sessions = ctx
        .desk()
        .sessions(admin.actor(), true)
        .await
        .map_err(|e| ctx.fail(e))?
        .into_iter()
        .map(|s| {
            let who = users
                .iter()
                .find(|u| u.id == s.user_id)
                .map(|u| format!("{} ({})", u.name, u.email))
                .unwrap_or_else(|| s.user_id.clone());
            session_row(&ctx, s, who)
        })
        .collect();
    Ok(render(&SessionsPage {
        layout: ctx.layout_with("Sessions", &q),
        csrf: ctx.csrf(),
        sessions,
        revoke_base: "/sessions",
    }))
}

pub async fn revoke_any_session(ctx: Ctx, Path(id): Path<String>) -> PageResult {
    let admin = ctx.need(ctx.actor.admin(), "administrators")?;
    ctx.desk()
        .revoke_session(admin.actor(), &id)
        .await
        .map_err(|e| ctx.fail(e))?;
    Ok(done("/sessions?revoked=1"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_agent_is_shortened_to_browser_and_system() {
        let ua = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";
        assert_eq!(browser_name(ua), "Chrome on Linux");
    }

    #[test]
    fn qr_code_is_an_accessible_inline_svg() {
        let svg = qr_svg("otpauth://totp/Carepost:a@b.org?secret=JBSWY3DPEHPK3PXP");
        assert!(svg.starts_with("<svg role=\"img\""), "{}", &svg[..60]);
        assert!(!svg.contains("<?xml"));
    }
}
