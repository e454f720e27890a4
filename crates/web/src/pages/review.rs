//! The review queue: every post waiting for an approver, its text beside the guard's
//! findings, with approve and request-changes forms inline.

use super::posts::layout_with;
use super::publishing::{excerpt, member_names, name_of, GuardView};
use super::{render, Ctx, Layout, PageResult};
use askama::Template;
use axum::extract::Query;
use domain::publishing::{PostFilter, PostState};
use std::collections::HashMap;

struct Item {
    id: String,
    title: String,
    author: String,
    mine: bool,
    content_type: &'static str,
    content_class: &'static str,
    channels: String,
    scheduled: String,
    submitted: String,
    guard: GuardView,
}

#[derive(Template)]
#[template(path = "review.html")]
struct ReviewPage {
    layout: Layout,
    csrf: String,
    items: Vec<Item>,
}

pub async fn show(ctx: Ctx, Query(q): Query<HashMap<String, String>>) -> PageResult {
    ctx.need(ctx.actor.approver(), "approvers and administrators")?;
    let viewer = ctx.need(ctx.actor.viewer(), "signed-in members")?;
    let mut posts = ctx
        .desk()
        .list_posts(
            &viewer,
            PostFilter {
                state: Some(PostState::InReview),
                limit: 200,
                ..Default::default()
            },
        )
        .await
        .map_err(|e| ctx.fail(e))?;
    // Oldest request first: the queue is worked in the order people asked.
    posts.sort_by_key(|p| p.submitted_at.unwrap_or(p.updated_at));
    let channels = ctx
        .desk()
        .channels(&viewer)
        .await
        .map_err(|e| ctx.fail(e))?;
    let names = member_names(&ctx).await;
    let me = ctx.actor.user().id.clone();
    let items = posts
        .into_iter()
        .map(|p| {
            let text = p.full_text();
            Item {
                title: excerpt(&text, 60),
                author: name_of(&names, &p.author_id),
                mine: p.author_id == me,
                content_type: p.content_type.label(),
                content_class: p.content_type.as_str(),
                channels: p
                    .channel_ids
                    .iter()
                    .filter_map(|id| channels.iter().find(|c| &c.id == id))
                    .map(|c| c.name.clone())
                    .collect::<Vec<_>>()
                    .join(", "),
                scheduled: p
                    .scheduled_at
                    .map(|t| ctx.time(&t))
                    .unwrap_or_else(|| "as soon as approved".into()),
                submitted: p.submitted_at.map(|t| ctx.time(&t)).unwrap_or_default(),
                guard: GuardView::stored(&text, &p.findings),
                id: p.id,
            }
        })
        .collect();
    Ok(render(&ReviewPage {
        layout: layout_with(&ctx, "Review", &q),
        csrf: ctx.csrf(),
        items,
    }))
}
