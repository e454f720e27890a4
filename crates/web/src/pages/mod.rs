//! Server-rendered pages of the desk. Every handler asks the actor for the capability its
//! desk call needs; the pages only decide what to show, never who may do what.

mod account;
mod alerts;
mod assets;
mod audit;
mod calendar;
mod channels;
mod check;
mod consents;
mod contacts;
mod dashboard;
mod handbook;
mod inbox;
mod mastodon_oauth;
mod media;
mod org;
mod policy;
mod posts;
mod publishing;
mod review;
mod signin;
mod users;

use crate::auth::PageActor;
use crate::state::AppState;
use askama::Template;
use axum::extract::FromRequestParts;
use axum::http::{header, request::Parts, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use domain::{Actor, DomainError, FieldErrors};
use std::collections::HashMap;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(dashboard::show))
        .route("/login", get(signin::login_form).post(signin::login))
        .route("/logout", post(signin::logout))
        .route("/setup", get(signin::setup_form).post(signin::setup))
        .route("/users", get(users::list).post(users::create))
        .route("/users/{id}", get(users::edit).post(users::update))
        .route("/profile", get(org::profile).post(org::update_profile))
        .route("/settings", get(org::settings).post(org::update_settings))
        .route("/handbook", get(handbook::show).post(handbook::publish))
        .route("/handbook/acknowledge", post(handbook::acknowledge))
        .route("/account", get(account::show))
        .route("/account/password", post(account::change_password))
        .route("/account/tokens", post(account::create_token))
        .route("/account/tokens/{id}/revoke", post(account::revoke_token))
        .route(
            "/account/sessions/{id}/revoke",
            post(account::revoke_own_session),
        )
        .route("/account/two-factor", post(account::begin_two_factor))
        .route(
            "/account/two-factor/confirm",
            post(account::confirm_two_factor),
        )
        .route(
            "/account/two-factor/disable",
            post(account::disable_two_factor),
        )
        .route("/sessions", get(account::all_sessions))
        .route("/sessions/{id}/revoke", post(account::revoke_any_session))
        .route("/audit", get(audit::show))
        .route("/check", get(check::form).post(check::scan))
        .route("/assets/{name}", get(assets::serve))
        .route("/assets/publishing.js", get(publishing::script))
        .route("/posts", get(posts::list))
        .route("/posts/new", get(posts::new_form).post(posts::create))
        .route("/posts/{id}", get(posts::show))
        .route(
            "/posts/{id}/edit",
            get(posts::edit_form).post(posts::update),
        )
        .route("/posts/{id}/submit", post(posts::submit))
        .route("/posts/{id}/approve", post(posts::approve))
        .route("/posts/{id}/reject", post(posts::reject))
        .route(
            "/posts/{id}/withdraw",
            get(posts::withdraw_form).post(posts::withdraw),
        )
        .route(
            "/posts/{id}/deliveries/{delivery}/retry",
            post(posts::retry),
        )
        .route("/review", get(review::show))
        .route("/calendar", get(calendar::show))
        .route("/channels", get(channels::list).post(channels::create))
        .route("/channels/{id}/test", post(channels::test))
        .route("/channels/{id}/pause", post(channels::pause))
        .route("/channels/{id}/resume", post(channels::resume))
        .route("/channels/mastodon/connect", post(mastodon_oauth::start))
        .route("/channels/mastodon/callback", get(mastodon_oauth::callback))
        .merge(consents::router())
        .merge(media::router())
        .merge(alerts::router())
        .merge(contacts::router())
        .merge(policy::router())
        .merge(inbox::router())
}

pub async fn not_found() -> impl IntoResponse {
    let page = MessagePage {
        layout: Layout::visitor("Page not found"),
        heading: "Page not found".into(),
        message: "There is no page at this address. Check the link, or go back to the start."
            .into(),
        detail: None,
    };
    render_status(StatusCode::NOT_FOUND, &page)
}

/// Handlers return the page or, early, another page (an error, a redirect).
pub(crate) type PageResult = Result<Response, Response>;

/// Blocks other sites from framing or scripting our pages; the one script is a file.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

pub(crate) fn render<T: Template>(page: &T) -> Response {
    render_status(StatusCode::OK, page)
}

pub(crate) fn render_status<T: Template>(status: StatusCode, page: &T) -> Response {
    match page.render() {
        Ok(html) => {
            let mut res = (status, Html(html)).into_response();
            let h = res.headers_mut();
            h.insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(CSP),
            );
            h.insert(
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            );
            h.insert(
                header::REFERRER_POLICY,
                HeaderValue::from_static("same-origin"),
            );
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            res
        }
        Err(e) => {
            tracing::error!(error = %e, "page failed to render");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                Html(
                    "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Error</title>\
                     <h1>Something went wrong</h1><p>This page could not be shown. Nothing was \
                     changed; try again, and tell your administrator if it keeps happening.</p></html>",
                ),
            )
                .into_response()
        }
    }
}

/// A redirect after a successful form (303, so the browser follows with GET).
pub(crate) fn done(to: &str) -> Response {
    Redirect::to(to).into_response()
}

/// One link of the main navigation.
pub(crate) struct NavItem {
    pub href: &'static str,
    pub label: &'static str,
    pub current: bool,
    /// How many items wait there (posts in review, for approvers).
    pub count: Option<usize>,
}

/// What every page's frame needs: who is signed in and what they may open.
pub(crate) struct Layout {
    pub title: String,
    pub org_name: String,
    pub user_name: String,
    pub role_label: String,
    pub csrf: Option<String>,
    pub nav: Vec<NavItem>,
    pub notice: Option<String>,
    pub asset_version: &'static str,
}

impl Layout {
    /// For pages seen before signing in.
    pub fn visitor(title: &str) -> Layout {
        Layout {
            title: title.to_string(),
            org_name: "Carepost".into(),
            user_name: String::new(),
            role_label: String::new(),
            csrf: None,
            nav: Vec::new(),
            notice: None,
            asset_version: assets::version(),
        }
    }

    pub fn signed_in(&self) -> bool {
        !self.user_name.is_empty()
    }
}

/// Success messages carried in the query string after a redirect (`?saved=1`).
const NOTICES: &[(&str, &str)] = &[
    (
        "welcome",
        "Welcome to Carepost. Start by publishing your social media handbook, then add your team.",
    ),
    ("saved", "Your changes are saved."),
    (
        "policy_published",
        "The new commenting policy is published: its rules apply to comments that arrive from now on.",
    ),
    ("added", "The team member was added."),
    (
        "published",
        "The new handbook version is published. Everyone must acknowledge it again.",
    ),
    (
        "acknowledged",
        "Thank you: your acknowledgement is recorded.",
    ),
    ("revoked", "Revoked. It can no longer be used."),
    ("password", "Your password is changed."),
    (
        "two_factor_on",
        "Two-factor sign-in is on. You will be asked for a code when you sign in.",
    ),
    ("two_factor_off", "Two-factor sign-in is off."),
    ("signed_out", "You are signed out."),
];

pub(crate) fn notice(query: &HashMap<String, String>) -> Option<String> {
    NOTICES
        .iter()
        .find(|(key, _)| query.contains_key(*key))
        .map(|(_, text)| text.to_string())
}

/// A signed-in page visitor with the organisation's time zone. Someone who still has to
/// enrol a required second factor is sent to their account page from everywhere else.
pub(crate) struct Ctx {
    pub state: AppState,
    pub actor: Actor,
    pub tz: Tz,
    path: String,
    /// Posts waiting for review, for approvers (shown on the navigation's Review link).
    review_count: Option<usize>,
    /// New inbox items, for responders (shown on the Inbox link).
    inbox_count: Option<usize>,
}

impl FromRequestParts<AppState> for Ctx {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Ctx, Response> {
        let PageActor(actor) = PageActor::from_request_parts(parts, state).await?;
        let path = parts.uri.path().to_string();
        if actor.second_factor_missing() && !path.starts_with("/account") && path != "/logout" {
            return Err(Redirect::to("/account?two_factor=required").into_response());
        }
        let tz = match actor.viewer() {
            Ok(viewer) => state
                .desk
                .settings(&viewer)
                .await
                .ok()
                .and_then(|s| s.timezone.parse::<Tz>().ok()),
            Err(_) => None,
        }
        .unwrap_or(chrono_tz::UTC);
        let review_count = match (actor.viewer(), actor.approver()) {
            (Ok(viewer), Ok(_)) => {
                let waiting = domain::publishing::PostFilter {
                    state: Some(domain::publishing::PostState::InReview),
                    limit: 1000,
                    ..Default::default()
                };
                state
                    .desk
                    .list_posts(&viewer, waiting)
                    .await
                    .ok()
                    .map(|p| p.len())
            }
            _ => None,
        };
        let inbox_count = match actor.responder() {
            Ok(responder) => state.desk.inbox_new_count(&responder).await.ok(),
            Err(_) => None,
        };
        Ok(Ctx {
            state: state.clone(),
            actor,
            tz,
            path,
            review_count,
            inbox_count,
        })
    }
}

impl Ctx {
    pub fn desk(&self) -> &domain::Desk {
        &self.state.desk
    }

    pub fn csrf(&self) -> String {
        self.actor.csrf_token().unwrap_or_default().to_string()
    }

    pub fn layout(&self, title: &str) -> Layout {
        let a = &self.actor;
        let mut links: Vec<(&'static str, &'static str)> = vec![("/", "Dashboard")];
        if a.responder().is_ok() {
            links.push(("/inbox", "Inbox"));
        } else if a.viewer().is_ok() {
            links.push(("/inbox/report", "Listening"));
        }
        if a.author().is_ok() {
            links.push(("/posts/new", "Compose"));
        }
        if a.viewer().is_ok() {
            links.push(("/posts", "Posts"));
        }
        if a.approver().is_ok() {
            links.push(("/review", "Review"));
        }
        if a.viewer().is_ok() {
            links.push(("/calendar", "Calendar"));
            links.push(("/alerts", "Alerts"));
        }
        if a.author().is_ok() {
            links.push(("/consents", "Consents"));
            links.push(("/media", "Media library"));
        }
        if a.approver().is_ok() {
            links.push(("/contacts", "Contacts"));
        }
        if a.admin().is_ok() {
            links.push(("/channels", "Channels"));
        }
        if a.viewer().is_ok() {
            links.push(("/check", "Check a draft"));
            links.push(("/handbook", "Handbook"));
            links.push(("/policy", "Commenting policy"));
            links.push(("/profile", "Profile"));
        }
        if a.admin().is_ok() {
            links.push(("/users", "Users"));
            links.push(("/sessions", "Sessions"));
            links.push(("/settings", "Settings"));
        }
        if a.auditor().is_ok() {
            links.push(("/audit", "Audit log"));
        }
        links.push(("/account", "My account"));
        let matches = |href: &str| {
            if href == "/" {
                self.path == "/"
            } else {
                self.path == href || self.path.starts_with(&format!("{href}/"))
            }
        };
        // The most specific link is the current one ("/posts/new" over "/posts").
        let current = links
            .iter()
            .map(|(href, _)| *href)
            .filter(|href| matches(href))
            .max_by_key(|href| href.len());
        let nav = links
            .into_iter()
            .map(|(href, label)| NavItem {
                href,
                label,
                current: Some(href) == current,
                count: match href {
                    "/review" => self.review_count,
                    "/inbox" => self.inbox_count,
                    _ => None,
                },
            })
            .collect();
        Layout {
            title: title.to_string(),
            org_name: a.org().name.clone(),
            user_name: a.user().name.clone(),
            role_label: a.role().label().to_string(),
            csrf: a.csrf_token().map(str::to_string),
            nav,
            notice: None,
            asset_version: assets::version(),
        }
    }

    pub fn layout_with(&self, title: &str, query: &HashMap<String, String>) -> Layout {
        let mut layout = self.layout(title);
        layout.notice = notice(query);
        layout
    }

    /// A time in the organisation's zone, e.g. "2026-11-28 09:05 EST".
    pub fn time(&self, t: &DateTime<Utc>) -> String {
        t.with_timezone(&self.tz)
            .format("%Y-%m-%d %H:%M %Z")
            .to_string()
    }

    /// The capability, or a 403 page naming the role the page is for.
    // The error is the page itself, returned once per request; boxing it would gain nothing.
    #[allow(clippy::result_large_err)]
    pub fn need<T>(&self, capability: domain::Result<T>, needed: &str) -> Result<T, Response> {
        capability.map_err(|e| match e {
            DomainError::Forbidden(reason) => {
                let page = MessagePage {
                    layout: self.layout("Not available to your role"),
                    heading: "This page is not available to you".into(),
                    message: format!(
                        "It is for {needed}. You are signed in as {} ({}).",
                        self.actor.user().name,
                        self.actor.role().label()
                    ),
                    detail: Some(format!(
                        "{}. If you need access, ask an administrator of {}.",
                        capitalise(&reason),
                        self.actor.org().name
                    )),
                };
                render_status(StatusCode::FORBIDDEN, &page)
            }
            other => self.fail(other),
        })
    }

    /// A page explaining a refusal that is not a form's field error.
    pub fn fail(&self, e: DomainError) -> Response {
        let (status, heading) = match &e {
            DomainError::Forbidden(_) | DomainError::Unauthenticated => {
                (StatusCode::FORBIDDEN, "Not allowed")
            }
            DomainError::NotFound { .. } => (StatusCode::NOT_FOUND, "Not found"),
            DomainError::Conflict(_) => (StatusCode::CONFLICT, "That cannot be done now"),
            DomainError::Throttled { .. } => (StatusCode::TOO_MANY_REQUESTS, "Too many attempts"),
            DomainError::Validation(..) => {
                (StatusCode::UNPROCESSABLE_ENTITY, "Please check the form")
            }
            DomainError::Store(_) => (StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong"),
            DomainError::Refused { .. } => (StatusCode::UNPROCESSABLE_ENTITY, "Not allowed yet"),
        };
        let message = match &e {
            DomainError::Store(detail) => {
                tracing::error!(error = %detail, "storage failure");
                "Something went wrong on our side; nothing was changed. Try again.".to_string()
            }
            other => capitalise(&other.to_string()) + ".",
        };
        let page = MessagePage {
            layout: self.layout(heading),
            heading: heading.into(),
            message,
            detail: None,
        };
        render_status(status, &page)
    }
}

pub(crate) fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Field messages of a form that did not validate, by the form field's name.
#[derive(Default)]
pub(crate) struct Errors {
    /// The message above the form when it is not about one field.
    pub summary: Option<String>,
    /// (field, message) in the order the fields appear.
    pub fields: Vec<(String, String)>,
}

impl Errors {
    /// From a desk refusal: `phones[2]` is reported on the `phones` field.
    pub fn from_domain(e: &DomainError) -> Errors {
        match e {
            DomainError::Validation(message, fields) if fields.is_empty() => Errors {
                summary: Some(capitalise(message)),
                fields: Vec::new(),
            },
            DomainError::Validation(_, fields) => Errors::from_fields(fields),
            other => Errors {
                summary: Some(capitalise(&other.to_string())),
                fields: Vec::new(),
            },
        }
    }

    fn from_fields(fields: &FieldErrors) -> Errors {
        let mut out = Errors::default();
        for (key, message) in fields {
            let field = key.split('[').next().unwrap_or(key).to_string();
            match out.fields.iter_mut().find(|(f, _)| *f == field) {
                Some((_, existing)) => {
                    existing.push_str("; ");
                    existing.push_str(message);
                }
                None => out.fields.push((field, capitalise(message))),
            }
        }
        out
    }

    pub fn one(field: &str, message: &str) -> Errors {
        Errors {
            summary: None,
            fields: vec![(field.to_string(), message.to_string())],
        }
    }

    pub fn any(&self) -> bool {
        self.summary.is_some() || !self.fields.is_empty()
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }

    /// Keeps the order of `order` for the error summary.
    pub fn ordered(mut self, order: &[&str]) -> Errors {
        self.fields
            .sort_by_key(|(f, _)| order.iter().position(|o| o == f).unwrap_or(order.len()));
        self
    }
}

/// A page with a heading and a sentence: errors, refusals, expired links.
#[derive(Template)]
#[template(path = "message.html")]
pub(crate) struct MessagePage {
    pub layout: Layout,
    pub heading: String,
    pub message: String,
    pub detail: Option<String>,
}

/// Lines of a textarea, trimmed, without blanks.
pub(crate) fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexed_field_errors_are_reported_on_their_field() {
        let mut f = FieldErrors::new();
        f.insert("phones[0]".into(), "bad one".into());
        f.insert("phones[2]".into(), "bad two".into());
        f.insert("name".into(), "needed".into());
        let e = Errors::from_fields(&f).ordered(&["name", "phones"]);
        assert_eq!(e.fields[0].0, "name");
        assert_eq!(e.get("phones"), Some("Bad one; bad two"));
    }

    #[test]
    fn notice_comes_from_a_known_query_key_only() {
        let q: HashMap<String, String> = [("saved".to_string(), "1".to_string())].into();
        assert_eq!(notice(&q).as_deref(), Some("Your changes are saved."));
        let q: HashMap<String, String> = [("<script>".to_string(), "1".to_string())].into();
        assert_eq!(notice(&q), None);
    }
}
