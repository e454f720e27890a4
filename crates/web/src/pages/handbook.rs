//! The social media handbook: read it, acknowledge it, and (administrators) publish it.

use super::{done, render, render_status, Ctx, Errors, Layout, PageResult};
use askama::Template;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use domain::DomainError;
use serde::Deserialize;
use std::collections::HashMap;

struct Person {
    name: String,
    email: String,
    role: &'static str,
    /// When they acknowledged (empty for those missing).
    at: String,
}

/// What administrators see besides the text.
struct Status {
    acknowledged: Vec<Person>,
    missing: Vec<Person>,
}

#[derive(Template)]
#[template(path = "handbook.html")]
struct HandbookPage {
    layout: Layout,
    csrf: String,
    version: Option<i64>,
    published_at: String,
    paragraphs: Vec<String>,
    trained: bool,
    is_admin: bool,
    status: Option<Status>,
    draft: String,
    errors: Errors,
}

/// The text as paragraphs split on blank lines; line breaks inside are kept by CSS.
fn paragraphs(text: &str) -> Vec<String> {
    text.replace("\r\n", "\n")
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

async fn page(
    ctx: &Ctx,
    layout: Layout,
    draft: Option<String>,
    errors: Errors,
) -> Result<HandbookPage, Response> {
    let viewer = ctx.need(ctx.actor.viewer(), "signed-in members")?;
    let current = ctx
        .desk()
        .handbook(&viewer)
        .await
        .map_err(|e| ctx.fail(e))?;
    let status = match ctx.actor.admin() {
        Ok(admin) => {
            let s = ctx
                .desk()
                .handbook_status(&admin)
                .await
                .map_err(|e| ctx.fail(e))?;
            Some(Status {
                acknowledged: s
                    .acknowledged
                    .into_iter()
                    .map(|(u, at)| Person {
                        at: ctx.time(&at),
                        role: u.role.label(),
                        name: u.name,
                        email: u.email.to_string(),
                    })
                    .collect(),
                missing: s
                    .missing
                    .into_iter()
                    .map(|u| Person {
                        at: String::new(),
                        role: u.role.label(),
                        name: u.name,
                        email: u.email.to_string(),
                    })
                    .collect(),
            })
        }
        Err(_) => None,
    };
    Ok(HandbookPage {
        layout,
        csrf: ctx.csrf(),
        version: current.as_ref().map(|h| h.version),
        published_at: current
            .as_ref()
            .map(|h| ctx.time(&h.published_at))
            .unwrap_or_default(),
        draft: draft
            .unwrap_or_else(|| current.as_ref().map(|h| h.text.clone()).unwrap_or_default()),
        paragraphs: current
            .as_ref()
            .map(|h| paragraphs(&h.text))
            .unwrap_or_default(),
        trained: ctx.actor.trained(),
        is_admin: status.is_some(),
        status,
        errors,
    })
}

pub async fn show(ctx: Ctx, Query(q): Query<HashMap<String, String>>) -> PageResult {
    let layout = ctx.layout_with("Social media handbook", &q);
    Ok(render(&page(&ctx, layout, None, Errors::default()).await?))
}

#[derive(Deserialize)]
pub struct PublishForm {
    #[serde(default)]
    text: String,
}

pub async fn publish(ctx: Ctx, Form(form): Form<PublishForm>) -> PageResult {
    let admin = ctx.need(ctx.actor.admin(), "administrators")?;
    match ctx.desk().publish_handbook(&admin, &form.text).await {
        Ok(_) => Ok(done("/handbook?published=1")),
        Err(e @ DomainError::Validation(..)) => {
            let layout = ctx.layout("Social media handbook");
            let p = page(&ctx, layout, Some(form.text), Errors::from_domain(&e)).await?;
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(e) => Err(ctx.fail(e)),
    }
}

#[derive(Deserialize)]
pub struct AckForm {
    version: Option<i64>,
}

pub async fn acknowledge(ctx: Ctx, Form(form): Form<AckForm>) -> PageResult {
    ctx.desk()
        .acknowledge_handbook(&ctx.actor, form.version)
        .await
        .map_err(|e| ctx.fail(e))?;
    Ok(done("/handbook?acknowledged=1"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn paragraphs_split_on_blank_lines() {
        assert_eq!(super::paragraphs("a\nb\r\n\r\nc\n\n\n"), ["a\nb", "c"]);
    }
}
