//! The JSON API. Every route is declared once in [`routes`] with the access it needs: the
//! router, the OpenAPI document and the route × role test are all built from that table.

mod account;
mod alerts;
mod audit;
mod channels;
mod consents;
mod guard;
mod handbook;
mod inbox;
mod json;
mod media;
mod moderation;
mod multipart;
mod org;
mod posts;
mod setup;
mod users;

pub use channels::mastodon_redirect_uri;
pub use json::ApiJson;

use crate::state::AppState;
use axum::http::Method;
use axum::routing::{get, MethodRouter};
use axum::Router;
use serde_json::{json, Value};

/// Who may call a route. Enforcement is in the handlers (through the capability the desk
/// asks for); this declaration documents it and lets the matrix test hold them together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Public,
    Viewer,
    Admin,
    Author,
    Approver,
    Responder,
    Auditor,
}

pub struct Route {
    pub method: Method,
    pub path: &'static str,
    pub summary: &'static str,
    pub access: Access,
    handler: MethodRouter<AppState>,
}

fn route(
    method: Method,
    path: &'static str,
    access: Access,
    summary: &'static str,
    handler: MethodRouter<AppState>,
) -> Route {
    Route {
        method,
        path,
        summary,
        access,
        handler,
    }
}

/// Every API route.
pub fn routes() -> Vec<Route> {
    use axum::routing::{delete, patch, post, put};
    use Access::*;
    vec![
        route(
            Method::POST,
            "/api/v1/setup",
            Public,
            "Create the first organisation and administrator with the one-time setup secret",
            post(setup::complete),
        ),
        route(
            Method::POST,
            "/api/v1/login",
            Public,
            "Sign in; sets the session cookie and returns the CSRF token",
            post(account::login),
        ),
        route(
            Method::POST,
            "/api/v1/logout",
            Viewer,
            "End this session",
            post(account::logout),
        ),
        route(
            Method::GET,
            "/api/v1/me",
            Viewer,
            "Who am I: user, organisation, role, training state and capabilities",
            get(account::me),
        ),
        route(
            Method::POST,
            "/api/v1/me/password",
            Viewer,
            "Change my password",
            post(account::change_password),
        ),
        route(
            Method::POST,
            "/api/v1/me/two-factor",
            Viewer,
            "Start two-factor enrolment: a new secret and its otpauth URL",
            post(account::begin_two_factor),
        ),
        route(
            Method::POST,
            "/api/v1/me/two-factor/confirm",
            Viewer,
            "Finish enrolment with a code from the authenticator",
            post(account::confirm_two_factor),
        ),
        route(
            Method::DELETE,
            "/api/v1/me/two-factor",
            Viewer,
            "Switch two-factor sign-in off (needs a current code)",
            delete(account::disable_two_factor),
        ),
        route(
            Method::GET,
            "/api/v1/sessions",
            Viewer,
            "My sessions (?all=true: everyone's, administrators only)",
            get(account::sessions),
        ),
        route(
            Method::DELETE,
            "/api/v1/sessions/{id}",
            Viewer,
            "End a session (my own, or anyone's for administrators)",
            delete(account::revoke_session),
        ),
        route(
            Method::GET,
            "/api/v1/tokens",
            Viewer,
            "My API tokens (?all=true: everyone's, administrators only)",
            get(account::tokens),
        ),
        route(
            Method::POST,
            "/api/v1/tokens",
            Viewer,
            "Create an API token acting as me; the secret is shown once",
            post(account::create_token),
        ),
        route(
            Method::DELETE,
            "/api/v1/tokens/{id}",
            Viewer,
            "Revoke an API token",
            delete(account::revoke_token),
        ),
        route(
            Method::GET,
            "/api/v1/roles",
            Viewer,
            "The roles and what each may do",
            get(users::roles),
        ),
        route(
            Method::GET,
            "/api/v1/users",
            Admin,
            "The team",
            get(users::list),
        ),
        route(
            Method::POST,
            "/api/v1/users",
            Admin,
            "Add a team member",
            post(users::create),
        ),
        route(
            Method::GET,
            "/api/v1/users/{id}",
            Admin,
            "One team member",
            get(users::show),
        ),
        route(
            Method::PATCH,
            "/api/v1/users/{id}",
            Admin,
            "Change a member's name, role, password or access",
            patch(users::update),
        ),
        route(
            Method::GET,
            "/api/v1/org/profile",
            Viewer,
            "The organisation's public profile",
            get(org::profile),
        ),
        route(
            Method::PUT,
            "/api/v1/org/profile",
            Admin,
            "Replace the organisation's public profile",
            put(org::update_profile),
        ),
        route(
            Method::GET,
            "/api/v1/org/settings",
            Admin,
            "Security and display settings",
            get(org::settings),
        ),
        route(
            Method::PUT,
            "/api/v1/org/settings",
            Admin,
            "Change security and display settings",
            put(org::update_settings),
        ),
        route(
            Method::GET,
            "/api/v1/handbook",
            Viewer,
            "The current social media handbook and whether I acknowledged it",
            get(handbook::current),
        ),
        route(
            Method::PUT,
            "/api/v1/handbook",
            Admin,
            "Publish a new handbook version (everyone must acknowledge it again)",
            put(handbook::publish),
        ),
        route(
            Method::POST,
            "/api/v1/handbook/acknowledge",
            Viewer,
            "Acknowledge the current handbook version",
            post(handbook::acknowledge),
        ),
        route(
            Method::GET,
            "/api/v1/handbook/status",
            Admin,
            "Who has acknowledged the current version and who is missing",
            get(handbook::status),
        ),
        route(
            Method::GET,
            "/api/v1/audit",
            Auditor,
            "The audit log, newest first (filters: actor, action, from, to, before, limit)",
            get(audit::list),
        ),
        route(
            Method::GET,
            "/api/v1/audit/export.csv",
            Auditor,
            "The audit log as CSV (same filters)",
            get(audit::export_csv),
        ),
        route(
            Method::GET,
            "/api/v1/audit/verify",
            Auditor,
            "Verify the audit log's hash chain",
            get(audit::verify),
        ),
        route(
            Method::POST,
            "/api/v1/guard/scan",
            Viewer,
            "Scan a draft for patient identifiers (same JSON as `carepost scan`)",
            post(guard::scan),
        ),
        route(
            Method::GET,
            "/api/v1/channels",
            Viewer,
            "Connected network accounts (never their secrets)",
            get(channels::list),
        ),
        route(
            Method::POST,
            "/api/v1/channels",
            Admin,
            "Connect a Mastodon, Bluesky or Facebook Page account (secrets are sealed at rest)",
            post(channels::create),
        ),
        route(
            Method::POST,
            "/api/v1/channels/mastodon/authorize",
            Admin,
            "Connect Mastodon through OAuth: registers Carepost on the instance and returns the consent page's URL",
            post(channels::mastodon_authorize),
        ),
        route(
            Method::POST,
            "/api/v1/channels/mastodon/callback",
            Admin,
            "Finish the OAuth connection with the code and state the instance sent back",
            post(channels::mastodon_callback),
        ),
        route(
            Method::GET,
            "/api/v1/channels/{id}",
            Viewer,
            "One channel and its limits",
            get(channels::show),
        ),
        route(
            Method::PATCH,
            "/api/v1/channels/{id}",
            Admin,
            "Pause or resume a channel ({\"disabled\": true})",
            patch(channels::update),
        ),
        route(
            Method::POST,
            "/api/v1/channels/{id}/test",
            Admin,
            "Test the connection: sign in and say whose account it is",
            post(channels::test),
        ),
        route(
            Method::GET,
            "/api/v1/posts",
            Viewer,
            "Posts (filters: state, from, to, limit), newest first",
            get(posts::list),
        ),
        route(
            Method::POST,
            "/api/v1/posts",
            Author,
            "Draft a post; answers with the guard's verdict and findings",
            post(posts::create),
        ),
        route(
            Method::GET,
            "/api/v1/posts/failed-deliveries",
            Viewer,
            "Deliveries that failed for good (the dead-letter list)",
            get(posts::failed),
        ),
        route(
            Method::GET,
            "/api/v1/posts/{id}",
            Viewer,
            "A post, its state and one delivery per channel",
            get(posts::show),
        ),
        route(
            Method::PATCH,
            "/api/v1/posts/{id}",
            Author,
            "Edit a post (an approved one goes back to review)",
            patch(posts::update),
        ),
        route(
            Method::POST,
            "/api/v1/posts/{id}/submit",
            Author,
            "Send a draft to review (422 phi_detected when the guard blocks it)",
            post(posts::submit),
        ),
        route(
            Method::POST,
            "/api/v1/posts/{id}/approve",
            Approver,
            "Approve someone else's post: it is scheduled, or published now",
            post(posts::approve),
        ),
        route(
            Method::POST,
            "/api/v1/posts/{id}/reject",
            Approver,
            "Send a post back with a reason",
            post(posts::reject),
        ),
        route(
            Method::POST,
            "/api/v1/posts/{id}/withdraw",
            Author,
            "Withdraw a post: stop it and delete it from every network",
            post(posts::withdraw),
        ),
        route(
            Method::POST,
            "/api/v1/posts/{id}/deliveries/{delivery}/retry",
            Approver,
            "Retry a delivery that failed for good",
            post(posts::retry),
        ),
        route(
            Method::POST,
            "/api/v1/media",
            Author,
            "Upload an image or video (multipart: file, alt_text, shows_patient); metadata is stripped",
            post(media::upload).layer(axum::extract::DefaultBodyLimit::max(crate::MAX_UPLOAD_BYTES)),
        ),
        route(
            Method::GET,
            "/api/v1/media",
            Author,
            "The media library",
            get(media::list),
        ),
        route(
            Method::GET,
            "/api/v1/media/{id}",
            Author,
            "A media item, its alt text findings and the posts using it",
            get(media::show),
        ),
        route(
            Method::PATCH,
            "/api/v1/media/{id}",
            Author,
            "Change a media item's alt text or its shows-a-patient answer",
            patch(media::update),
        ),
        route(
            Method::GET,
            "/api/v1/media/{id}/file",
            Author,
            "The stored, cleaned file",
            get(media::file),
        ),
        route(
            Method::POST,
            "/api/v1/consents",
            Author,
            "Record a patient's written consent (multipart: patient_name, aliases, description, purpose, channels, signed_at, expires_at, expiry_event, document)",
            post(consents::create).layer(axum::extract::DefaultBodyLimit::max(crate::MAX_UPLOAD_BYTES)),
        ),
        route(
            Method::GET,
            "/api/v1/consents",
            Author,
            "Consents, newest first (?patient= searches names and aliases)",
            get(consents::list),
        ),
        route(
            Method::GET,
            "/api/v1/consents/expiring",
            Author,
            "Valid consents ending within 30 days",
            get(consents::expiring),
        ),
        route(
            Method::GET,
            "/api/v1/consents/{id}",
            Author,
            "A consent, its status and the posts that rely on it",
            get(consents::show),
        ),
        route(
            Method::GET,
            "/api/v1/consents/{id}/document",
            Approver,
            "The signed document (approvers only; every viewing is audited)",
            get(consents::document),
        ),
        route(
            Method::POST,
            "/api/v1/consents/{id}/revoke",
            Approver,
            "Revoke a consent: takes down every post that relies on it",
            post(consents::revoke),
        ),
        route(
            Method::POST,
            "/api/v1/alerts",
            Approver,
            "Create a facility alert: a pinned post on each channel and email/SMS/voice to opted-in contacts of the segments",
            post(alerts::create),
        ),
        route(
            Method::GET,
            "/api/v1/alerts",
            Viewer,
            "Alerts (?state=scheduled|active|ended), newest first",
            get(alerts::list),
        ),
        route(
            Method::GET,
            "/api/v1/alerts/{id}",
            Viewer,
            "An alert with delivery counts per medium, pin state per channel and failures",
            get(alerts::show),
        ),
        route(
            Method::PATCH,
            "/api/v1/alerts/{id}",
            Approver,
            "Move an active alert's end ({\"expires_at\"}) or post a pinned update ({\"follow_up\"})",
            patch(alerts::update),
        ),
        route(
            Method::POST,
            "/api/v1/alerts/{id}/end",
            Approver,
            "End an alert now: unpin, stop pending sends, post the all-clear ({\"all_clear\"?})",
            post(alerts::end),
        ),
        route(
            Method::POST,
            "/api/v1/contacts/import",
            Approver,
            "Import contacts from a CSV body (name,email,phone,language,segments,email_opt_in,sms_opt_in,voice_opt_in)",
            post(alerts::import).layer(axum::extract::DefaultBodyLimit::max(crate::MAX_UPLOAD_BYTES)),
        ),
        route(
            Method::GET,
            "/api/v1/contacts",
            Approver,
            "Contacts (?segment=&limit=&offset=) and their total",
            get(alerts::contacts),
        ),
        route(
            Method::GET,
            "/api/v1/segments",
            Viewer,
            "The organisation's segments (facilities, departments)",
            get(alerts::segments),
        ),
        route(
            Method::PUT,
            "/api/v1/segments",
            Admin,
            "Set the organisation's segments",
            put(alerts::set_segments),
        ),
        route(
            Method::GET,
            "/api/v1/inbox",
            Responder,
            "The inbox (filters: label, state, channel, assignee = id|me|none): redacted text, labels, suggested reply, actions and SLA timers",
            get(inbox::list),
        ),
        route(
            Method::GET,
            "/api/v1/inbox/responders",
            Responder,
            "The members an inbox item can be assigned to",
            get(inbox::responders),
        ),
        route(
            Method::GET,
            "/api/v1/inbox/report",
            Viewer,
            "The weekly report (?week=any day, YYYY-MM-DD): response times against targets, counts by label, most asked topics, strengths and weaknesses",
            get(inbox::report),
        ),
        route(
            Method::POST,
            "/api/v1/inbox/insights/draft",
            Author,
            "Draft a post about a listening topic ({\"topic\"}) → {\"post_id\"}",
            post(inbox::draft),
        ),
        route(
            Method::GET,
            "/api/v1/inbox/{id}",
            Responder,
            "One inbox item",
            get(inbox::show),
        ),
        route(
            Method::POST,
            "/api/v1/inbox/{id}/assign",
            Responder,
            "Assign an item to a responder ({\"user_id\"})",
            post(inbox::assign),
        ),
        route(
            Method::POST,
            "/api/v1/inbox/{id}/reply",
            Responder,
            "Reply on the network ({\"body\"}); a reply that would identify or confirm a patient is refused",
            post(inbox::reply),
        ),
        route(
            Method::POST,
            "/api/v1/inbox/{id}/hide",
            Responder,
            "Hide the comment on its network ({\"clause\"?}: the commenting policy clause enforced)",
            post(inbox::hide),
        ),
        route(
            Method::POST,
            "/api/v1/inbox/{id}/unhide",
            Responder,
            "Show a hidden comment again",
            post(inbox::unhide),
        ),
        route(
            Method::POST,
            "/api/v1/inbox/{id}/delete",
            Responder,
            "Delete the comment on its network ({\"clause\"?}); cannot be undone",
            post(inbox::delete),
        ),
        route(
            Method::POST,
            "/api/v1/inbox/{id}/mute",
            Responder,
            "Mute the author for this account ({\"clause\"?}; Mastodon, where replies cannot be hidden); undo unmutes",
            post(inbox::mute),
        ),
        route(
            Method::POST,
            "/api/v1/inbox/{id}/report",
            Responder,
            "Report the post to the network's moderators ({\"category\"?: spam|violation|other, \"clause\"?}); the report names only the policy clause",
            post(inbox::report_post),
        ),
        route(
            Method::POST,
            "/api/v1/inbox/{id}/actions/{action_id}/undo",
            Responder,
            "Undo an action (automatic or manual): unhide, delete the reply, reopen, unassign, clear a flag",
            post(inbox::undo),
        ),
        route(
            Method::GET,
            "/api/v1/commenting-policy",
            Viewer,
            "The commenting policy in force (version 0 = the built-in default) and every published version",
            get(moderation::policy),
        ),
        route(
            Method::POST,
            "/api/v1/commenting-policy",
            Approver,
            "Publish a new version ({\"body\", \"rules\": [{\"label\", \"action\": hide|suggest_reply|queue, \"auto\", \"clause\"}], \"first_response_minutes\", \"removal_minutes\"})",
            post(moderation::publish_policy),
        ),
        route(
            Method::GET,
            "/api/v1/responses",
            Viewer,
            "The response library: answers to health myths, with sources",
            get(moderation::responses),
        ),
        route(
            Method::POST,
            "/api/v1/responses",
            Approver,
            "Add an answer ({\"topic\", \"keywords\", \"body\", \"sources\"})",
            post(moderation::create_response),
        ),
        route(
            Method::PUT,
            "/api/v1/responses/{id}",
            Approver,
            "Replace an answer",
            put(moderation::update_response),
        ),
        route(
            Method::DELETE,
            "/api/v1/responses/{id}",
            Approver,
            "Remove an answer",
            delete(moderation::delete_response),
        ),
        route(
            Method::POST,
            "/api/v1/inbox/{id}/resolve",
            Responder,
            "Mark an item resolved",
            post(inbox::resolve),
        ),
        route(
            Method::GET,
            "/api/openapi.json",
            Public,
            "This API's OpenAPI description",
            get(openapi),
        ),
    ]
}

pub fn router() -> Router<AppState> {
    let mut by_path: std::collections::BTreeMap<&'static str, MethodRouter<AppState>> =
        Default::default();
    for r in routes() {
        let merged = match by_path.remove(r.path) {
            Some(existing) => existing.merge(r.handler),
            None => r.handler,
        };
        by_path.insert(r.path, merged);
    }
    by_path
        .into_iter()
        .fold(Router::new(), |router, (path, handler)| {
            router.route(path, handler)
        })
        .fallback(api_not_found)
}

async fn api_not_found(uri: axum::http::Uri) -> axum::response::Response {
    use axum::response::IntoResponse;
    if uri.path().starts_with("/api/") {
        crate::error::ApiError::new(
            axum::http::StatusCode::NOT_FOUND,
            "not_found",
            format!("no API route {}", uri.path()),
        )
        .into_response()
    } else {
        crate::pages::not_found().await.into_response()
    }
}

async fn openapi() -> axum::Json<Value> {
    axum::Json(openapi_document())
}

/// OpenAPI 3.1 built from the route table.
pub fn openapi_document() -> Value {
    let mut paths = serde_json::Map::new();
    for r in routes() {
        let params: Vec<Value> = r
            .path
            .split('/')
            .filter_map(|seg| seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
            .map(|name| json!({"name": name, "in": "path", "required": true, "schema": {"type": "string"}}))
            .collect();
        let mut op = json!({
            "summary": r.summary,
            "x-access": format!("{:?}", r.access).to_lowercase(),
            "parameters": params,
            "responses": {
                "200": {"description": "Success", "content": {"application/json": {}}},
                "401": {"$ref": "#/components/responses/Error"},
                "403": {"$ref": "#/components/responses/Error"},
                "422": {"$ref": "#/components/responses/Error"},
            },
        });
        if r.access != Access::Public {
            op["security"] = json!([{"bearer": []}, {"session": []}]);
        }
        if matches!(r.method, Method::POST | Method::PUT | Method::PATCH) {
            op["requestBody"] =
                json!({"content": {"application/json": {"schema": {"type": "object"}}}});
        }
        let entry = paths.entry(r.path.to_string()).or_insert_with(|| json!({}));
        entry[r.method.as_str().to_lowercase()] = op;
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Carepost API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "HIPAA-aware social media desk. Authenticate with `Authorization: Bearer <token>` (create one with `carepost token create` or POST /api/v1/tokens), or with the session cookie plus the `X-CSRF-Token` header on unsafe requests.",
        },
        "paths": paths,
        "components": {
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer"},
                "session": {"type": "apiKey", "in": "cookie", "name": crate::auth::SESSION_COOKIE},
            },
            "responses": {
                "Error": {
                    "description": "An error",
                    "content": {"application/json": {"schema": {
                        "type": "object",
                        "properties": {"error": {"type": "object", "properties": {
                            "code": {"type": "string"},
                            "message": {"type": "string"},
                            "fields": {"type": "object", "additionalProperties": {"type": "string"}},
                        }, "required": ["code", "message"]}},
                    }}},
                },
            },
        },
    })
}
