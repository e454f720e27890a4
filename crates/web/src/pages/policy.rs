//! The commenting policy: the public page profiles link to, and the editor where approvers
//! publish new versions (text, moderation rules, response-time targets) and keep the
//! response library of answers to health myths.

use super::{done, render, render_status, Ctx, Errors, Layout, PageResult};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use domain::moderation::{PolicyDraft, PolicyRule, RuleAction, LABELS};
use domain::response_library::ResponseTemplate;
use domain::DomainError;
use std::collections::HashMap;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/policy", get(show).post(publish))
        .route("/policy/responses", post(create_response))
        .route("/policy/responses/{id}", post(update_response))
        .route("/policy/responses/{id}/delete", post(delete_response))
        .route("/p/{slug}/commenting-policy", get(public_page))
}

/// The text as paragraphs split on blank lines.
fn paragraphs(text: &str) -> Vec<String> {
    text.replace("\r\n", "\n")
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

/// One label's row in the editor.
struct RuleRow {
    label: &'static str,
    action: &'static str,
    auto: bool,
    clause: String,
}

struct ResponseRow {
    id: String,
    topic: String,
    keywords: String,
    body: String,
    sources: String,
}

struct VersionRow {
    version: i64,
    published: String,
    by: String,
}

#[derive(Template)]
#[template(path = "policy.html")]
struct PolicyPage {
    layout: Layout,
    csrf: String,
    version: i64,
    published: String,
    public_url: String,
    paragraphs: Vec<String>,
    rules: Vec<RuleRow>,
    first_response_minutes: i64,
    removal_minutes: i64,
    body: String,
    versions: Vec<VersionRow>,
    responses: Vec<ResponseRow>,
    /// The new answer being added (kept when it is refused).
    new_response: ResponseRow,
    can_edit: bool,
    errors: Errors,
}

fn rule_rows(rules: &[PolicyRule]) -> Vec<RuleRow> {
    LABELS
        .iter()
        .map(|label| match rules.iter().find(|r| r.label == *label) {
            Some(r) => RuleRow {
                label,
                action: r.action.as_str(),
                auto: r.auto,
                clause: r.clause.clone(),
            },
            None => RuleRow {
                label,
                action: "none",
                auto: false,
                clause: String::new(),
            },
        })
        .collect()
}

fn row(id: String, t: ResponseTemplate) -> ResponseRow {
    ResponseRow {
        id,
        topic: t.topic,
        keywords: t.keywords.join(", "),
        body: t.body,
        sources: t.sources.join("\n"),
    }
}

async fn page(
    ctx: &Ctx,
    draft: Option<PolicyDraft>,
    errors: Errors,
) -> Result<PolicyPage, Response> {
    let viewer = ctx.need(ctx.actor.viewer(), "signed-in members")?;
    let desk = ctx.desk();
    let current = desk
        .policy_in_force(viewer.org_id())
        .await
        .map_err(|e| ctx.fail(e))?;
    let versions = desk
        .commenting_policy_versions(&viewer)
        .await
        .map_err(|e| ctx.fail(e))?;
    let responses = desk.responses(&viewer).await.map_err(|e| ctx.fail(e))?;
    let org = desk
        .store()
        .get_org(viewer.org_id())
        .await
        .map_err(|e| ctx.fail(e.into()))?
        .ok_or_else(|| {
            ctx.fail(DomainError::NotFound {
                what: "organisation",
            })
        })?;
    let draft = draft.unwrap_or_else(|| current.draft());
    Ok(PolicyPage {
        layout: ctx.layout("Commenting policy"),
        csrf: ctx.csrf(),
        version: current.version,
        published: if current.version == 0 {
            String::new()
        } else {
            ctx.time(&current.published_at)
        },
        public_url: format!("/p/{}/commenting-policy", org.slug),
        paragraphs: paragraphs(&current.body),
        rules: rule_rows(&draft.rules),
        first_response_minutes: draft.first_response_minutes,
        removal_minutes: draft.removal_minutes,
        body: draft.body,
        versions: versions
            .iter()
            .map(|p| VersionRow {
                version: p.version,
                published: ctx.time(&p.published_at),
                by: p.published_by.clone(),
            })
            .collect(),
        responses: responses
            .into_iter()
            .map(|e| row(e.id, e.template))
            .collect(),
        new_response: row(
            String::new(),
            ResponseTemplate {
                topic: String::new(),
                keywords: vec![],
                body: String::new(),
                sources: vec![],
            },
        ),
        can_edit: ctx.actor.approver().is_ok(),
        errors,
    })
}

pub async fn show(ctx: Ctx, Query(q): Query<HashMap<String, String>>) -> PageResult {
    let mut p = page(&ctx, None, Errors::default()).await?;
    p.layout = ctx.layout_with("Commenting policy", &q);
    Ok(render(&p))
}

/// The editor's form: `body`, the two targets, and per label `action_{label}`,
/// `auto_{label}` (a checkbox) and `clause_{label}`.
fn draft_from(form: &HashMap<String, String>) -> Result<PolicyDraft, (String, String)> {
    let minutes = |name: &str| -> Result<i64, (String, String)> {
        let v = form.get(name).map(|s| s.trim()).unwrap_or_default();
        if v.is_empty() {
            return Err((name.to_string(), "give the target in minutes".into()));
        }
        v.parse().map_err(|_| {
            (
                name.to_string(),
                format!("'{v}' is not a whole number of minutes"),
            )
        })
    };
    let mut rules = Vec::new();
    for label in LABELS {
        let action = match form.get(&format!("action_{label}")).map(String::as_str) {
            Some("hide") => RuleAction::Hide,
            Some("suggest_reply") => RuleAction::SuggestReply,
            Some("queue") => RuleAction::Queue,
            _ => continue,
        };
        rules.push(PolicyRule {
            label: label.to_string(),
            action,
            auto: form.contains_key(&format!("auto_{label}")),
            clause: form
                .get(&format!("clause_{label}"))
                .cloned()
                .unwrap_or_default(),
        });
    }
    Ok(PolicyDraft {
        body: form.get("body").cloned().unwrap_or_default(),
        rules,
        first_response_minutes: minutes("first_response_minutes")?,
        removal_minutes: minutes("removal_minutes")?,
    })
}

pub async fn publish(ctx: Ctx, Form(form): Form<HashMap<String, String>>) -> PageResult {
    let approver = ctx.need(ctx.actor.approver(), "approvers and administrators")?;
    let draft = match draft_from(&form) {
        Ok(d) => d,
        Err((field, message)) => {
            let e = DomainError::invalid(&field, message);
            let p = page(&ctx, None, Errors::from_domain(&e)).await?;
            return Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &p));
        }
    };
    match ctx
        .desk()
        .publish_commenting_policy(&approver, draft.clone())
        .await
    {
        Ok(_) => Ok(done("/policy?policy_published=1")),
        Err(e @ DomainError::Validation(..)) => {
            let p = page(&ctx, Some(draft), Errors::from_domain(&e)).await?;
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(e) => Err(ctx.fail(e)),
    }
}

fn template_from(form: &HashMap<String, String>) -> ResponseTemplate {
    let field = |k: &str| form.get(k).cloned().unwrap_or_default();
    ResponseTemplate {
        topic: field("topic"),
        keywords: field("keywords")
            .split([',', '\n'])
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        body: field("body"),
        sources: field("sources")
            .split_whitespace()
            .map(String::from)
            .collect(),
    }
}

async fn save(ctx: Ctx, id: Option<String>, form: HashMap<String, String>) -> PageResult {
    let approver = ctx.need(ctx.actor.approver(), "approvers and administrators")?;
    match ctx
        .desk()
        .save_response(&approver, id.as_deref(), template_from(&form))
        .await
    {
        Ok(_) => Ok(done("/policy?saved=1#responses")),
        Err(e @ DomainError::Validation(..)) => {
            let mut p = page(&ctx, None, Errors::from_domain(&e)).await?;
            if id.is_none() {
                p.new_response = row(String::new(), template_from(&form));
            }
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(e) => Err(ctx.fail(e)),
    }
}

pub async fn create_response(ctx: Ctx, Form(form): Form<HashMap<String, String>>) -> PageResult {
    save(ctx, None, form).await
}

pub async fn update_response(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<HashMap<String, String>>,
) -> PageResult {
    save(ctx, Some(id), form).await
}

pub async fn delete_response(ctx: Ctx, Path(id): Path<String>) -> PageResult {
    let approver = ctx.need(ctx.actor.approver(), "approvers and administrators")?;
    ctx.desk()
        .delete_response(&approver, &id)
        .await
        .map_err(|e| ctx.fail(e))?;
    Ok(done("/policy?saved=1#responses"))
}

#[derive(Template)]
#[template(path = "policy_public.html")]
struct PublicPolicy {
    layout: Layout,
    org_name: String,
    slug: String,
    version: i64,
    published: String,
    paragraphs: Vec<String>,
    first_response_minutes: i64,
    versions: Vec<(i64, String)>,
}

/// Anyone may read it: profiles link here. `?version=N` shows an earlier version.
pub async fn public_page(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let version = q.get("version").and_then(|v| v.parse().ok());
    match state.desk.public_commenting_policy(&slug, version).await {
        Ok((org, policy, versions)) => {
            let date = |t: &chrono::DateTime<chrono::Utc>| t.format("%-d %B %Y").to_string();
            render(&PublicPolicy {
                layout: Layout::visitor(&format!("Commenting policy — {}", org.name)),
                published: if policy.version == 0 {
                    String::new()
                } else {
                    date(&policy.published_at)
                },
                org_name: org.name,
                slug,
                version: policy.version,
                paragraphs: paragraphs(&policy.body),
                first_response_minutes: policy.first_response_minutes,
                versions: versions.iter().map(|(v, at)| (*v, date(at))).collect(),
            })
        }
        Err(DomainError::NotFound { .. }) => super::not_found().await.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "commenting policy page failed");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "This page could not be shown; try again.",
            )
                .into_response()
        }
    }
}
