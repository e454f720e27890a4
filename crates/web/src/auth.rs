//! Who is asking: one middleware reads the credential (API token or session cookie) once per
//! request, checks CSRF on every unsafe browser request, and leaves the actor in the request
//! for the extractors below. Handlers never read credentials themselves.

use crate::error::ApiError;
use crate::state::AppState;
use axum::body::{to_bytes, Body};
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::{header, request::Parts, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use domain::credentials::same_secret;
use domain::Actor;
use std::net::SocketAddr;

pub const SESSION_COOKIE: &str = "carepost_session";
pub const CSRF_HEADER: &str = "x-csrf-token";
pub const CSRF_FIELD: &str = "csrf";

/// The client's address, as far as it can be trusted.
#[derive(Debug, Clone)]
pub struct ClientIp(pub Option<String>);

/// Set by the middleware: the authenticated actor, if any.
#[derive(Clone)]
struct Authenticated(Option<Actor>);

pub fn cookie_value<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

fn client_ip(req: &Request, trust_proxy: bool) -> Option<String> {
    if trust_proxy {
        if let Some(ip) = req
            .headers()
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
        {
            return Some(ip.trim().to_string());
        }
    }
    req.extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
}

fn is_unsafe(m: &Method) -> bool {
    !matches!(*m, Method::GET | Method::HEAD | Method::OPTIONS)
}

fn wants_json(path: &str) -> bool {
    path.starts_with("/api/")
}

fn refuse(path: &str, status: StatusCode, code: &'static str, message: &str) -> Response {
    if wants_json(path) {
        ApiError::new(status, code, message).into_response()
    } else {
        (status, format!("{message}\n")).into_response()
    }
}

pub async fn authenticate(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let ip = client_ip(&req, state.config.trust_proxy);
    let path = req.uri().path().to_string();
    let headers = req.headers().clone();
    let via_token = bearer(&headers).map(str::to_string);
    let via_cookie = cookie_value(&headers, SESSION_COOKIE).map(str::to_string);

    let actor = match (&via_token, &via_cookie) {
        (Some(secret), _) => state.desk.authenticate_token(secret, ip.as_deref()).await,
        (None, Some(secret)) => state.desk.authenticate_session(secret, ip.as_deref()).await,
        (None, None) => Ok(None),
    };
    let actor = match actor {
        Ok(a) => a,
        Err(e) => return ApiError::from(e).into_response(),
    };

    if is_unsafe(req.method()) {
        match actor.as_ref().and_then(|a| a.csrf_token()) {
            // A browser session: the request must prove it came from our own pages.
            Some(expected) if via_token.is_none() => {
                let from_header = headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok());
                let ok = match from_header {
                    Some(given) => same_secret(given, expected),
                    None if is_form(&headers) => {
                        let (parts, body) = req.into_parts();
                        let bytes = match to_bytes(body, crate::MAX_BODY_BYTES).await {
                            Ok(b) => b,
                            Err(_) => {
                                return refuse(
                                    &path,
                                    StatusCode::PAYLOAD_TOO_LARGE,
                                    "too_large",
                                    "the request is larger than 2 MB",
                                )
                            }
                        };
                        let ok = form_field(&bytes, CSRF_FIELD)
                            .is_some_and(|given| same_secret(&given, expected));
                        req = Request::from_parts(parts, Body::from(bytes));
                        ok
                    }
                    // Uploads (multipart) cannot be read twice for a form field: browsers
                    // send Origin with every form POST, so require our own origin instead.
                    None if is_multipart(&headers) => {
                        headers.contains_key(header::ORIGIN) && same_origin(&headers)
                    }
                    None => false,
                };
                if !ok {
                    return refuse(
                        &path,
                        StatusCode::FORBIDDEN,
                        "csrf_failed",
                        "this form has expired or did not come from Carepost; reload the page and try again",
                    );
                }
            }
            // No session: forms like sign-in must come from our own origin.
            _ if via_token.is_none() && !same_origin(&headers) => {
                return refuse(
                    &path,
                    StatusCode::FORBIDDEN,
                    "csrf_failed",
                    "cross-site request refused",
                );
            }
            _ => {}
        }
    }

    req.extensions_mut().insert(ClientIp(ip));
    req.extensions_mut().insert(Authenticated(actor));
    next.run(req).await
}

fn is_form(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"))
}

fn is_multipart(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"))
}

fn form_field(body: &[u8], name: &str) -> Option<String> {
    std::str::from_utf8(body).ok()?.split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=')?;
        (k == name).then(|| {
            urlencoding::decode(&v.replace('+', " "))
                .ok()
                .map(|s| s.into_owned())
        })?
    })
}

/// Browsers send `Origin` on cross-site posts; when present it must name this host.
fn same_origin(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let Some(host) = headers.get(header::HOST).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    origin
        .split_once("://")
        .is_some_and(|(_, rest)| rest.trim_end_matches('/') == host)
}

/// An API caller who is signed in (401 otherwise).
pub struct Signed(pub Actor);

impl<S: Send + Sync> FromRequestParts<S> for Signed {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        match parts.extensions.get::<Authenticated>() {
            Some(Authenticated(Some(actor))) => Ok(Signed(actor.clone())),
            _ => Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "unauthenticated",
                "sign in first, or send 'Authorization: Bearer <token>'",
            )),
        }
    }
}

/// A page visitor who is signed in; others are sent to the sign-in page and back.
pub struct PageActor(pub Actor);

impl<S: Send + Sync> FromRequestParts<S> for PageActor {
    type Rejection = Response;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Response> {
        match parts.extensions.get::<Authenticated>() {
            Some(Authenticated(Some(actor))) => Ok(PageActor(actor.clone())),
            _ => {
                let next = parts
                    .uri
                    .path_and_query()
                    .map_or("/".to_string(), |p| p.to_string());
                Err(
                    Redirect::to(&format!("/login?next={}", urlencoding::encode(&next)))
                        .into_response(),
                )
            }
        }
    }
}

/// The actor if signed in, for pages that also serve visitors.
pub struct MaybeActor(pub Option<Actor>);

impl<S: Send + Sync> FromRequestParts<S> for MaybeActor {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(MaybeActor(
            parts
                .extensions
                .get::<Authenticated>()
                .and_then(|a| a.0.clone()),
        ))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<ClientIp>()
            .cloned()
            .unwrap_or(ClientIp(None)))
    }
}

/// The `Set-Cookie` value for a new session (or, with `None`, one that clears it).
pub fn session_cookie(secret: Option<&str>, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    match secret {
        Some(s) => format!(
            "{SESSION_COOKIE}={s}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}",
            domain::session::SESSION_MAX_DAYS * 86_400
        ),
        None => format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_field_is_url_decoded() {
        assert_eq!(
            form_field(b"a=1&csrf=x%2By+z", "csrf").as_deref(),
            Some("x+y z")
        );
        assert_eq!(form_field(b"a=1", "csrf"), None);
    }

    #[test]
    fn cross_origin_is_refused_and_same_origin_allowed() {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, "127.0.0.1:8080".parse().unwrap());
        assert!(same_origin(&h));
        h.insert(header::ORIGIN, "http://127.0.0.1:8080".parse().unwrap());
        assert!(same_origin(&h));
        h.insert(header::ORIGIN, "https://evil.example".parse().unwrap());
        assert!(!same_origin(&h));
    }

    #[test]
    fn cookie_is_found_among_others() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            "a=1; carepost_session=cps_x; b=2".parse().unwrap(),
        );
        assert_eq!(cookie_value(&h, SESSION_COOKIE), Some("cps_x"));
    }
}
