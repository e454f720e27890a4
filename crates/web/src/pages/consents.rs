//! The consent registry: the list with each authorization's status and the reminder of
//! those ending soon, recording a signed consent, its page with the sealed document for
//! approvers, and revocation, which first shows what it will take down.

use super::media::{
    assets_version, inline_file, post_links, read_parts, size, PostLink, LIBRARY_ROLES,
};
use super::publishing::{member_names, name_of, Badge};
use super::{done, render, render_status, Ctx, Errors, Layout, PageResult};
use crate::state::AppState;
use askama::Template;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{DefaultBodyLimit, Path, Query};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Form, Router};
use chrono::{DateTime, Utc};
use domain::consent::ConsentStatus;
use domain::desk::{ConsentInput, ConsentView, Upload};
use domain::publishing::PostState;
use domain::DomainError;
use serde::Deserialize;
use std::collections::HashMap;

/// The desk refuses documents over 15 MB with a field error; a little more is read so
/// that message, not a cut-off upload, is what people see.
const DOCUMENT_LIMIT_MB: usize = 16;

/// The networks a patient can agree to, as the form offers them.
const NETWORKS: [(&str, &str); 3] = [
    ("mastodon", "Mastodon"),
    ("bluesky", "Bluesky"),
    ("facebook", "Facebook"),
];

/// The form's fields in page order, for the error summary.
const FIELDS: [&str; 9] = [
    "patient_name",
    "aliases",
    "description",
    "purpose",
    "channels",
    "signed_at",
    "expires_at",
    "expiry_event",
    "document",
];

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/consents", get(list))
        .route(
            "/consents",
            post(create).layer(DefaultBodyLimit::max(DOCUMENT_LIMIT_MB * 1_048_576)),
        )
        .route("/consents/new", get(new_form))
        .route("/consents/{id}", get(show))
        .route("/consents/{id}/document", get(document))
        .route("/consents/{id}/revoke", get(revoke_form).post(revoke))
}

fn status_badge(s: ConsentStatus) -> Badge {
    let (label, class) = match s {
        ConsentStatus::Active => ("Active", "state-ok"),
        ConsentStatus::ExpiringSoon => ("Expiring soon", "state-review"),
        ConsentStatus::Expired => ("Expired", "state-draft"),
        ConsentStatus::Revoked => ("Revoked", "state-bad"),
    };
    Badge { label, class }
}

fn network_names(channels: &[String]) -> String {
    channels
        .iter()
        .map(|c| {
            NETWORKS
                .iter()
                .find(|(k, _)| k == c)
                .map(|(_, label)| label.to_string())
                .unwrap_or_else(|| c.clone())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A consent as one line of the list or the reminder.
struct Row {
    id: String,
    patient_name: String,
    aliases: String,
    channels: String,
    badge: Badge,
    signed: String,
    ends: String,
}

impl Row {
    fn new(v: &ConsentView) -> Row {
        let c = &v.consent;
        Row {
            id: c.id.clone(),
            patient_name: c.patient_name.clone(),
            aliases: c.aliases.join(", "),
            channels: network_names(&c.channels),
            badge: status_badge(v.status),
            signed: date(&c.signed_at),
            ends: ends(v, Utc::now()),
        }
    }
}

/// Signature and expiry are entered as days and kept as midnight UTC: shown in UTC, so
/// they read as entered rather than as the evening before in an American time zone.
fn date(t: &DateTime<Utc>) -> String {
    t.format("%Y-%m-%d").to_string()
}

/// "2027-01-31 (in 12 days)", "end of the 2027 campaign", or both.
fn ends(v: &ConsentView, now: DateTime<Utc>) -> String {
    let c = &v.consent;
    let on = c.expires_at.map(|e| {
        let days = (e - now).num_days();
        let when = match v.status {
            ConsentStatus::ExpiringSoon if days == 0 => " (today)".to_string(),
            ConsentStatus::ExpiringSoon if days == 1 => " (tomorrow)".to_string(),
            ConsentStatus::ExpiringSoon => format!(" (in {days} days)"),
            _ => String::new(),
        };
        format!("{}{when}", date(&e))
    });
    match (on, &c.expiry_event) {
        (Some(on), Some(event)) => format!("{on}, or at {event}"),
        (Some(on), None) => on,
        (None, Some(event)) => format!("At {event}"),
        (None, None) => "Not stated".into(),
    }
}

#[derive(Template)]
#[template(path = "consents_list.html")]
struct ListPage {
    layout: Layout,
    assets: &'static str,
    rows: Vec<Row>,
    expiring: Vec<Row>,
    patient: String,
}

#[derive(Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    patient: String,
}

pub async fn list(ctx: Ctx, Query(q): Query<ListQuery>) -> PageResult {
    let author = ctx.need(ctx.actor.author(), LIBRARY_ROLES)?;
    let viewer = author.actor().viewer().map_err(|e| ctx.fail(e))?;
    let patient = q.patient.trim().to_string();
    let search = (!patient.is_empty()).then_some(patient.as_str());
    let desk = ctx.desk();
    let consents = desk
        .consents(&viewer, search)
        .await
        .map_err(|e| ctx.fail(e))?;
    let expiring = desk
        .expiring_consents(&viewer)
        .await
        .map_err(|e| ctx.fail(e))?;
    let page = ListPage {
        layout: ctx.layout("Consents"),
        assets: assets_version(),
        rows: consents.iter().map(Row::new).collect(),
        expiring: expiring.iter().map(Row::new).collect(),
        patient,
    };
    Ok(render(&page))
}

// ---------------------------------------------------------------------------------------
// Recording a consent.

struct Network {
    value: &'static str,
    label: &'static str,
    checked: bool,
}

/// The form's values as typed (the file cannot be kept by the browser).
#[derive(Default)]
struct Draft {
    patient_name: String,
    aliases: String,
    description: String,
    purpose: String,
    channels: Vec<String>,
    signed_at: String,
    expires_at: String,
    expiry_event: String,
}

#[derive(Template)]
#[template(path = "consents_new.html")]
struct NewPage {
    layout: Layout,
    assets: &'static str,
    csrf: String,
    draft: Draft,
    networks: Vec<Network>,
    errors: Errors,
}

fn new_page(ctx: &Ctx, draft: Draft, errors: Errors) -> NewPage {
    NewPage {
        layout: ctx.layout("Record a consent"),
        assets: assets_version(),
        csrf: ctx.csrf(),
        networks: NETWORKS
            .iter()
            .map(|(value, label)| Network {
                value,
                label,
                checked: draft.channels.iter().any(|c| c == value),
            })
            .collect(),
        draft,
        errors,
    }
}

pub async fn new_form(ctx: Ctx) -> PageResult {
    ctx.need(ctx.actor.author(), LIBRARY_ROLES)?;
    Ok(render(&new_page(&ctx, Draft::default(), Errors::default())))
}

pub async fn create(ctx: Ctx, form: Result<Multipart, MultipartRejection>) -> PageResult {
    let author = ctx.need(ctx.actor.author(), LIBRARY_ROLES)?;
    let parts = match read_parts(form, "document", DOCUMENT_LIMIT_MB).await {
        Ok(p) => p,
        Err(message) => {
            let errors = Errors {
                summary: Some(message),
                fields: Vec::new(),
            };
            let page = new_page(&ctx, Draft::default(), errors);
            return Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page));
        }
    };
    let draft = Draft {
        patient_name: parts.text("patient_name"),
        aliases: parts.text("aliases"),
        description: parts.text("description"),
        purpose: parts.text("purpose"),
        channels: parts.all("channels"),
        signed_at: parts.text("signed_at"),
        expires_at: parts.text("expires_at"),
        expiry_event: parts.text("expiry_event"),
    };
    let had_document = parts.file.is_some();
    let input = ConsentInput {
        patient_name: draft.patient_name.clone(),
        aliases: vec![draft.aliases.clone()],
        description: draft.description.clone(),
        purpose: draft.purpose.clone(),
        channels: draft.channels.clone(),
        signed_at: draft.signed_at.clone(),
        expires_at: Some(draft.expires_at.clone()),
        expiry_event: Some(draft.expiry_event.clone()),
        document: parts
            .file
            .map(|(filename, bytes)| Upload { filename, bytes }),
    };
    match ctx.desk().create_consent(&author, input).await {
        Ok(view) => Ok(done(&format!("/consents/{}?recorded=1", view.consent.id))),
        Err(e @ DomainError::Validation(..)) => {
            let mut errors = Errors::from_domain(&e).ordered(&FIELDS);
            if had_document && errors.get("document").is_none() {
                errors.summary = Some(
                    "Browsers do not keep a chosen file: attach the signed document again before you retry."
                        .into(),
                );
            }
            let page = new_page(&ctx, draft, errors);
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(e) => Err(ctx.fail(e)),
    }
}

// ---------------------------------------------------------------------------------------
// One consent.

/// The sealed document as approvers see it.
struct DocumentView {
    filename: String,
    size: String,
    is_pdf: bool,
}

struct Facts {
    id: String,
    patient_name: String,
    aliases: Vec<String>,
    description: String,
    purpose: String,
    channels: String,
    badge: Badge,
    signed: String,
    ends: String,
    obtained_by: String,
    recorded: String,
    /// When, by whom and why, once revoked.
    revoked: Option<(String, String, String)>,
    revocable: bool,
}

fn facts(ctx: &Ctx, v: &ConsentView, names: &HashMap<String, String>) -> Facts {
    let c = &v.consent;
    Facts {
        id: c.id.clone(),
        patient_name: c.patient_name.clone(),
        aliases: c.aliases.clone(),
        description: c.description.clone(),
        purpose: c.purpose.clone(),
        channels: network_names(&c.channels),
        badge: status_badge(v.status),
        signed: date(&c.signed_at),
        ends: ends(v, Utc::now()),
        obtained_by: name_of(names, &c.obtained_by),
        recorded: ctx.time(&c.created_at),
        revoked: c.revoked_at.map(|at| {
            (
                ctx.time(&at),
                c.revoked_by
                    .as_deref()
                    .map(|id| name_of(names, id))
                    .unwrap_or_default(),
                c.revoke_reason.clone().unwrap_or_default(),
            )
        }),
        revocable: v.status != ConsentStatus::Revoked,
    }
}

#[derive(Template)]
#[template(path = "consents_show.html")]
struct ShowPage {
    layout: Layout,
    assets: &'static str,
    c: Facts,
    posts: Vec<PostLink>,
    is_approver: bool,
    document: Option<DocumentView>,
}

pub async fn show(
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> PageResult {
    let author = ctx.need(ctx.actor.author(), LIBRARY_ROLES)?;
    let viewer = author.actor().viewer().map_err(|e| ctx.fail(e))?;
    let view = ctx
        .desk()
        .get_consent(&viewer, &id)
        .await
        .map_err(|e| ctx.fail(e))?;
    let names = member_names(&ctx).await;
    let mut layout = ctx.layout_with(&format!("Consent of {}", view.consent.patient_name), &q);
    if q.contains_key("recorded") {
        layout.notice = Some("The consent is recorded and its document sealed.".into());
    }
    let is_approver = ctx.actor.approver().is_ok();
    let page = ShowPage {
        layout,
        assets: assets_version(),
        c: facts(&ctx, &view, &names),
        posts: post_links(&view.posts),
        document: view.consent.document.as_ref().map(|d| DocumentView {
            filename: d.filename.clone(),
            size: size(d.size),
            is_pdf: d.mime == "application/pdf",
        }),
        is_approver,
    };
    Ok(render(&page))
}

/// The signed document, shown in the browser: approvers only, and audited by the desk.
pub async fn document(ctx: Ctx, Path(id): Path<String>) -> PageResult {
    let approver = ctx.need(
        ctx.actor.approver(),
        "approvers (compliance) and administrators",
    )?;
    let (doc, bytes) = ctx
        .desk()
        .consent_document(&approver, &id)
        .await
        .map_err(|e| ctx.fail(e))?;
    Ok(inline_file(&doc.mime, Some(&doc.filename), bytes))
}

// ---------------------------------------------------------------------------------------
// Revocation.

#[derive(Template)]
#[template(path = "consents_revoke.html")]
struct RevokePage {
    layout: Layout,
    assets: &'static str,
    csrf: String,
    c: Facts,
    /// Live or scheduled posts that will be taken down.
    live: Vec<PostLink>,
    /// Drafts and reviews that will no longer be approvable.
    pending: Vec<PostLink>,
    reason: String,
    errors: Errors,
}

async fn revoke_page(
    ctx: &Ctx,
    id: &str,
    reason: String,
    errors: Errors,
) -> Result<RevokePage, Response> {
    let approver = ctx.need(
        ctx.actor.approver(),
        "approvers (compliance) and administrators",
    )?;
    let viewer = approver.actor().viewer().map_err(|e| ctx.fail(e))?;
    let view = ctx
        .desk()
        .get_consent(&viewer, id)
        .await
        .map_err(|e| ctx.fail(e))?;
    if view.status == ConsentStatus::Revoked {
        return Err(ctx.fail(DomainError::Conflict(
            "this consent was already revoked".into(),
        )));
    }
    let names = member_names(ctx).await;
    let (live, pending): (Vec<_>, Vec<_>) = view
        .posts
        .iter()
        .filter(|p| {
            p.state.is_approved()
                || matches!(
                    p.state,
                    PostState::Draft | PostState::InReview | PostState::Rejected
                )
        })
        .cloned()
        .partition(|p| p.state.is_approved());
    Ok(RevokePage {
        layout: ctx.layout("Revoke a consent"),
        assets: assets_version(),
        csrf: ctx.csrf(),
        c: facts(ctx, &view, &names),
        live: post_links(&live),
        pending: post_links(&pending),
        reason,
        errors,
    })
}

pub async fn revoke_form(ctx: Ctx, Path(id): Path<String>) -> PageResult {
    Ok(render(
        &revoke_page(&ctx, &id, String::new(), Errors::default()).await?,
    ))
}

#[derive(Deserialize)]
pub struct RevokeForm {
    #[serde(default)]
    reason: String,
}

#[derive(Template)]
#[template(path = "consents_revoked.html")]
struct RevokedPage {
    layout: Layout,
    assets: &'static str,
    c: Facts,
    taken_down: Vec<PostLink>,
    blocked: Vec<PostLink>,
}

pub async fn revoke(ctx: Ctx, Path(id): Path<String>, Form(form): Form<RevokeForm>) -> PageResult {
    let approver = ctx.need(
        ctx.actor.approver(),
        "approvers (compliance) and administrators",
    )?;
    match ctx
        .desk()
        .revoke_consent(&approver, &id, &form.reason)
        .await
    {
        Ok(report) => {
            let names = member_names(&ctx).await;
            let page = RevokedPage {
                layout: ctx.layout("Consent revoked"),
                assets: assets_version(),
                c: facts(&ctx, &report.consent, &names),
                taken_down: post_links(&report.taken_down),
                blocked: post_links(&report.blocked),
            };
            Ok(render(&page))
        }
        Err(e @ DomainError::Validation(..)) => {
            let page = revoke_page(&ctx, &id, form.reason, Errors::from_domain(&e)).await?;
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(e) => Err(ctx.fail(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn networks_read_by_name_and_channel_ids_stay() {
        assert_eq!(
            network_names(&["mastodon".into(), "ch_123".into(), "facebook".into()]),
            "Mastodon, ch_123, Facebook"
        );
    }

    #[test]
    fn every_status_has_its_own_badge() {
        let labels: Vec<_> = [
            ConsentStatus::Active,
            ConsentStatus::ExpiringSoon,
            ConsentStatus::Expired,
            ConsentStatus::Revoked,
        ]
        .into_iter()
        .map(|s| status_badge(s).label)
        .collect();
        assert_eq!(labels, ["Active", "Expiring soon", "Expired", "Revoked"]);
    }
}
