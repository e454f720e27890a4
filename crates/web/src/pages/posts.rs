//! Posts: compose and edit, the list, one post with its deliveries, and the workflow's
//! buttons (submit, approve, reject, withdraw, retry). Every decision is the desk's; these
//! handlers turn forms into desk calls and refusals into messages on the form.

use super::publishing::{
    delivery_badge, excerpt, kind_name, member_names, name_of, script_version, state_badge,
    type_options, Attention, Badge, GuardView, TypeOption,
};
use super::{capitalise, done, render, render_status, Ctx, Errors, Layout, PageResult};
use askama::Template;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use channels::limits::Counting;
use channels::Limits;
use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use domain::desk::{PostInput, PostView};
use domain::publishing::post::compose_text;
use domain::publishing::{Channel, ContentType, DeliveryState, PostFilter, PostState};
use domain::DomainError;
use std::collections::HashMap;

const AUTHORS: &str = "authors, approvers and administrators";
const APPROVERS: &str = "approvers and administrators";
const MEMBERS: &str = "signed-in members";

/// Field order of the compose form, for the error summary.
const FIELDS: &[&str] = &[
    "body",
    "content_type",
    "hashtags",
    "channel_ids",
    "scheduled_at",
];

/// Success messages of the publishing pages (`?submitted=1` after a redirect).
const NOTICES: &[(&str, &str)] = &[
    ("saved", "Your changes are saved."),
    (
        "submitted",
        "Sent for review. An approver will look at it; you will see their decision here.",
    ),
    (
        "approved",
        "Approved. It goes out at its scheduled time on every selected channel.",
    ),
    ("rejected", "Sent back to the author with your reason."),
    (
        "withdrawn",
        "Withdrawn. Anything already published is being taken down.",
    ),
    ("retried", "The delivery is being tried again."),
];

pub(crate) fn layout_with(ctx: &Ctx, title: &str, q: &HashMap<String, String>) -> Layout {
    let mut layout = ctx.layout(title);
    layout.notice = NOTICES
        .iter()
        .find(|(k, _)| q.contains_key(*k))
        .map(|(_, t)| t.to_string());
    layout
}

// ---------------------------------------------------------------------------------------
// Compose and edit

/// Hashtags suggested for each content type, before the team's own habits take over.
const SUGGESTED: &[(ContentType, &[&str])] = &[
    (
        ContentType::Psa,
        &["PublicHealth", "StayWell", "Prevention"],
    ),
    (ContentType::News, &["HospitalNews", "Community"]),
    (
        ContentType::Research,
        &["Research", "ClinicalTrials", "Science"],
    ),
    (ContentType::Event, &["CommunityEvent", "FreeScreening"]),
    (ContentType::Announcement, &["Announcement", "PatientInfo"]),
    (ContentType::PatientStory, &["PatientStory", "Gratitude"]),
    (
        ContentType::EmployeeSpotlight,
        &["EmployeeSpotlight", "HealthcareHeroes", "Nursing"],
    ),
    (ContentType::Infographic, &["HealthTips", "KnowTheFacts"]),
    (ContentType::Video, &["HealthTips", "WatchNow"]),
    (ContentType::Blog, &["HealthBlog", "Wellness"]),
];

/// A channel as a checkbox of the compose form, with what its preview needs.
struct ChannelChoice {
    id: String,
    name: String,
    kind: &'static str,
    kind_label: &'static str,
    disabled: bool,
    checked: bool,
    max: usize,
    counting: &'static str,
    /// The current text's length as this network counts it.
    count: usize,
    over: usize,
}

struct Suggestion {
    tag: String,
    /// Content types it is suggested for (space-separated), or "recent".
    types: String,
}

#[derive(Template)]
#[template(path = "posts_compose.html")]
struct ComposePage {
    layout: Layout,
    csrf: String,
    heading: String,
    action: String,
    post_id: Option<String>,
    /// Said above the form when editing (e.g. "editing sends it back to review").
    state_note: Option<String>,
    body: String,
    types: Vec<TypeOption>,
    hashtags: String,
    channels: Vec<ChannelChoice>,
    scheduled_at: String,
    tz: String,
    suggestions: Vec<Suggestion>,
    full_text: String,
    guard: Option<GuardView>,
    errors: Errors,
    script_version: &'static str,
}

impl ComposePage {
    fn any_checked(&self) -> bool {
        self.channels.iter().any(|c| c.checked)
    }
}

/// What the form posts (channel ids repeat, so it is read as pairs).
#[derive(Default)]
struct ComposeForm {
    body: String,
    content_type: String,
    hashtags: String,
    channel_ids: Vec<String>,
    scheduled_at: String,
    submit: bool,
}

impl ComposeForm {
    fn from_pairs(pairs: Vec<(String, String)>) -> ComposeForm {
        let mut f = ComposeForm::default();
        for (k, v) in pairs {
            match k.as_str() {
                "body" => f.body = v,
                "content_type" => f.content_type = v,
                "hashtags" => f.hashtags = v,
                "channel_ids" => f.channel_ids.push(v),
                "scheduled_at" => f.scheduled_at = v,
                "intent" => f.submit = v == "submit",
                _ => {}
            }
        }
        f
    }

    fn tags(&self) -> Vec<String> {
        split_tags(&self.hashtags)
    }
}

/// "#FluShot, #StayWell PublicHealth" → the three tags as typed.
fn split_tags(s: &str) -> Vec<String> {
    s.split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.trim_start_matches('#').is_empty())
        .map(str::to_string)
        .collect()
}

/// A `datetime-local` value, read in the organisation's zone, as RFC 3339 for the desk.
fn local_to_rfc3339(value: &str, tz: Tz) -> Result<Option<String>, String> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    let naive = NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M:%S"))
        .map_err(|_| format!("'{value}' is not a date and time"))?;
    match tz.from_local_datetime(&naive) {
        chrono::LocalResult::Single(t) => Ok(Some(t.to_rfc3339())),
        // The hour that repeats when clocks go back: the first of the two.
        chrono::LocalResult::Ambiguous(first, _) => Ok(Some(first.to_rfc3339())),
        chrono::LocalResult::None => Err(format!(
            "{value} does not exist in {tz}: the clocks skip that hour; choose another time"
        )),
    }
}

/// The value a `datetime-local` field shows for a stored time.
fn to_local_input(t: &DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%Y-%m-%dT%H:%M").to_string()
}

fn counting_name(c: Counting) -> &'static str {
    match c {
        Counting::CharsUrlsAs23 => "chars_urls_23",
        Counting::Graphemes => "graphemes",
        Counting::Chars => "chars",
    }
}

fn channel_choices(channels: &[Channel], checked: &[String], text: &str) -> Vec<ChannelChoice> {
    channels
        .iter()
        .map(|c| {
            let limits = Limits::of(c.kind);
            let count = limits.length(text);
            ChannelChoice {
                id: c.id.clone(),
                name: c.name.clone(),
                kind: c.kind.as_str(),
                kind_label: kind_name(c.kind),
                disabled: c.disabled,
                checked: checked.contains(&c.id),
                max: limits.max_length,
                counting: counting_name(limits.counting),
                count,
                over: count.saturating_sub(limits.max_length),
            }
        })
        .collect()
}

/// The team's recent hashtags first (most used), then each content type's suggestions.
fn suggestions(recent: &[Vec<String>]) -> Vec<Suggestion> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for tags in recent {
        for t in tags {
            match counts.iter_mut().find(|(k, _)| k.eq_ignore_ascii_case(t)) {
                Some((_, n)) => *n += 1,
                None => counts.push((t.clone(), 1)),
            }
        }
    }
    counts.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    let mut out: Vec<Suggestion> = counts
        .into_iter()
        .take(8)
        .map(|(tag, _)| Suggestion {
            tag,
            types: "recent".into(),
        })
        .collect();
    for (kind, tags) in SUGGESTED {
        for tag in *tags {
            match out.iter_mut().find(|s| s.tag.eq_ignore_ascii_case(tag)) {
                Some(s) => {
                    s.types.push(' ');
                    s.types.push_str(kind.as_str());
                }
                None => out.push(Suggestion {
                    tag: tag.to_string(),
                    types: kind.as_str().into(),
                }),
            }
        }
    }
    out
}

/// Everything the compose page needs besides what was typed.
async fn compose_page(
    ctx: &Ctx,
    post_id: Option<&str>,
    state_note: Option<String>,
    form: ComposeForm,
    errors: Errors,
) -> Result<ComposePage, Response> {
    let viewer = ctx.need(ctx.actor.viewer(), MEMBERS)?;
    let channels = ctx
        .desk()
        .channels(&viewer)
        .await
        .map_err(|e| ctx.fail(e))?;
    let recent = ctx
        .desk()
        .list_posts(
            &viewer,
            PostFilter {
                limit: 100,
                ..Default::default()
            },
        )
        .await
        .map_err(|e| ctx.fail(e))?;
    let recent: Vec<Vec<String>> = recent.into_iter().map(|p| p.hashtags).collect();
    let tags: Vec<String> = form
        .tags()
        .iter()
        .map(|t| t.trim_start_matches('#').to_string())
        .collect();
    let full_text = compose_text(&form.body, &tags);
    let guard = if form.body.trim().is_empty() {
        None
    } else {
        let report = ctx
            .desk()
            .scan(&viewer, &full_text)
            .await
            .map_err(|e| ctx.fail(e))?;
        Some(GuardView::new(&full_text, &report.findings))
    };
    let (heading, action) = match post_id {
        Some(id) => ("Edit post".to_string(), format!("/posts/{id}/edit")),
        None => ("Compose a post".to_string(), "/posts/new".to_string()),
    };
    let content_type = if form.content_type.is_empty() {
        ContentType::News.as_str().to_string()
    } else {
        form.content_type.clone()
    };
    Ok(ComposePage {
        layout: ctx.layout(&heading),
        csrf: ctx.csrf(),
        heading,
        action,
        post_id: post_id.map(str::to_string),
        state_note,
        types: type_options(&content_type),
        channels: channel_choices(&channels, &form.channel_ids, &full_text),
        suggestions: suggestions(&recent),
        tz: ctx.tz.name().to_string(),
        body: form.body,
        hashtags: form.hashtags,
        scheduled_at: form.scheduled_at,
        full_text,
        guard,
        errors,
        script_version: script_version(),
    })
}

pub async fn new_form(ctx: Ctx) -> PageResult {
    ctx.need(ctx.actor.author(), AUTHORS)?;
    let page = compose_page(&ctx, None, None, ComposeForm::default(), Errors::default()).await?;
    Ok(render(&page))
}

fn editing_note(state: PostState) -> Option<String> {
    match state {
        PostState::InReview => Some(
            "This post is waiting for review. Saving your changes keeps it in the review queue."
                .into(),
        ),
        PostState::Scheduled => Some(
            "This post is approved and scheduled. Saving changes cancels the schedule and sends it back to review."
                .into(),
        ),
        PostState::Rejected => Some(
            "An approver asked for changes. Saving turns it back into a draft; submit it again when it is ready."
                .into(),
        ),
        _ => None,
    }
}

pub async fn edit_form(ctx: Ctx, Path(id): Path<String>) -> PageResult {
    ctx.need(ctx.actor.author(), AUTHORS)?;
    let viewer = ctx.need(ctx.actor.viewer(), MEMBERS)?;
    let view = ctx
        .desk()
        .get_post(&viewer, &id)
        .await
        .map_err(|e| ctx.fail(e))?;
    let post = view.post;
    if !post.state.is_editable() {
        return Err(ctx.fail(DomainError::Conflict(format!(
            "a {} post cannot be edited; withdraw it and write a new one",
            state_badge(post.state).label.to_lowercase()
        ))));
    }
    let mut errors = Errors::default();
    if let (PostState::Rejected, Some(note)) = (post.state, &post.review_note) {
        errors.summary = Some(format!("The approver asked for changes: {note}"));
    }
    let form = ComposeForm {
        body: post.body.clone(),
        content_type: post.content_type.as_str().into(),
        hashtags: post
            .hashtags
            .iter()
            .map(|t| format!("#{t}"))
            .collect::<Vec<_>>()
            .join(" "),
        channel_ids: post.channel_ids.clone(),
        scheduled_at: post
            .scheduled_at
            .map(|t| to_local_input(&t, ctx.tz))
            .unwrap_or_default(),
        submit: false,
    };
    let page = compose_page(&ctx, Some(&id), editing_note(post.state), form, errors).await?;
    Ok(render(&page))
}

pub async fn create(ctx: Ctx, Form(pairs): Form<Vec<(String, String)>>) -> PageResult {
    save(ctx, None, ComposeForm::from_pairs(pairs)).await
}

pub async fn update(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> PageResult {
    save(ctx, Some(id), ComposeForm::from_pairs(pairs)).await
}

/// A refusal of the desk as messages on the compose form.
fn compose_errors(e: &DomainError) -> Errors {
    match e {
        DomainError::Refused {
            code: "channel_limits",
            message,
            ..
        } => Errors::one("channel_ids", &capitalise(message)),
        DomainError::Refused {
            code: "phi_detected",
            message,
            ..
        } => Errors {
            summary: Some(format!(
                "{}. The highlighted text below must go before it can be reviewed.",
                capitalise(message)
            )),
            fields: Vec::new(),
        },
        other => Errors::from_domain(other).ordered(FIELDS),
    }
}

async fn save(ctx: Ctx, id: Option<String>, form: ComposeForm) -> PageResult {
    let author = ctx.need(ctx.actor.author(), AUTHORS)?;
    let scheduled_at = match local_to_rfc3339(&form.scheduled_at, ctx.tz) {
        Ok(s) => s,
        Err(message) => {
            let errors = Errors::one("scheduled_at", &message);
            let page = compose_page(&ctx, id.as_deref(), None, form, errors).await?;
            return Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page));
        }
    };
    let input = PostInput {
        body: form.body.clone(),
        channel_ids: form.channel_ids.clone(),
        content_type: form.content_type.clone(),
        hashtags: form.tags(),
        media_ids: Vec::new(),
        consent_ids: Vec::new(),
        scheduled_at,
    };
    let saved = match &id {
        None => ctx.desk().create_post(&author, input).await,
        Some(id) => ctx.desk().update_post(&author, id, input).await,
    };
    let view = match saved {
        Ok(view) => view,
        Err(e @ (DomainError::Validation(..) | DomainError::Conflict(_))) => {
            let status = if matches!(e, DomainError::Conflict(_)) {
                StatusCode::CONFLICT
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            let page = compose_page(&ctx, id.as_deref(), None, form, compose_errors(&e)).await?;
            return Ok(render_status(status, &page));
        }
        Err(e) => return Err(ctx.need::<()>(Err(e), AUTHORS).unwrap_err()),
    };
    let post_id = view.post.id.clone();
    let may_submit = matches!(view.post.state, PostState::Draft | PostState::Rejected);
    if !form.submit || !may_submit {
        return Ok(done(&format!("/posts/{post_id}?saved=1")));
    }
    match ctx.desk().submit_post(&author, &post_id).await {
        Ok(_) => Ok(done(&format!("/posts/{post_id}?submitted=1"))),
        Err(e @ (DomainError::Validation(..) | DomainError::Refused { .. })) => {
            // Saved as a draft already: the form now edits it, so nothing is lost or doubled.
            let mut errors = compose_errors(&e);
            let first = "Your draft is saved, but it was not sent for review.".to_string();
            errors.summary = Some(match errors.summary.take() {
                Some(s) => format!("{first} {s}"),
                None => first,
            });
            let page = compose_page(&ctx, Some(&post_id), None, form, errors).await?;
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(e) => Err(ctx.fail(e)),
    }
}

// ---------------------------------------------------------------------------------------
// The list

struct ListRow {
    id: String,
    excerpt: String,
    badge: Badge,
    content_type: &'static str,
    content_class: &'static str,
    channels: String,
    when_label: &'static str,
    when: String,
    author: String,
}

struct StateOption {
    value: &'static str,
    label: &'static str,
    selected: bool,
}

#[derive(Template)]
#[template(path = "posts_list.html")]
struct ListPage {
    layout: Layout,
    states: Vec<StateOption>,
    rows: Vec<ListRow>,
    filtered: bool,
    can_author: bool,
    attention: Attention,
}

pub async fn list(ctx: Ctx, Query(q): Query<HashMap<String, String>>) -> PageResult {
    let viewer = ctx.need(ctx.actor.viewer(), MEMBERS)?;
    let state = q
        .get("state")
        .map(String::as_str)
        .and_then(PostState::parse);
    let posts = ctx
        .desk()
        .list_posts(
            &viewer,
            PostFilter {
                state,
                limit: 200,
                ..Default::default()
            },
        )
        .await
        .map_err(|e| ctx.fail(e))?;
    let channels = ctx
        .desk()
        .channels(&viewer)
        .await
        .map_err(|e| ctx.fail(e))?;
    let names = member_names(&ctx).await;
    let rows = posts
        .into_iter()
        .map(|p| {
            let (when_label, when) = match (p.state, p.scheduled_at, p.reviewed_at) {
                (PostState::Published | PostState::PartiallyFailed, s, r) => {
                    ("Published", s.or(r).map(|t| ctx.time(&t)))
                }
                (_, Some(s), _) => ("Scheduled for", Some(ctx.time(&s))),
                (s, None, Some(r)) if s.is_approved() => ("Approved", Some(ctx.time(&r))),
                _ => ("Not scheduled", None),
            };
            ListRow {
                excerpt: excerpt(&p.full_text(), 90),
                badge: state_badge(p.state),
                content_type: p.content_type.label(),
                content_class: p.content_type.as_str(),
                channels: p
                    .channel_ids
                    .iter()
                    .filter_map(|id| channels.iter().find(|c| &c.id == id))
                    .map(|c| c.name.clone())
                    .collect::<Vec<_>>()
                    .join(", "),
                when_label,
                when: when.unwrap_or_default(),
                author: name_of(&names, &p.author_id),
                id: p.id,
            }
        })
        .collect();
    let states = PostState::ALL
        .into_iter()
        .map(|s| StateOption {
            value: s.as_str(),
            label: state_badge(s).label,
            selected: Some(s) == state,
        })
        .collect();
    Ok(render(&ListPage {
        layout: layout_with(&ctx, "Posts", &q),
        states,
        rows,
        filtered: state.is_some(),
        can_author: ctx.actor.author().is_ok(),
        attention: Attention::load(&ctx).await,
    }))
}

// ---------------------------------------------------------------------------------------
// One post

struct DeliveryRow {
    id: String,
    channel: String,
    kind: &'static str,
    badge: Badge,
    attempts: i32,
    last_error: Option<String>,
    remote_url: Option<String>,
    when: String,
    can_retry: bool,
}

#[derive(Template)]
#[template(path = "posts_show.html")]
struct ShowPage {
    layout: Layout,
    csrf: String,
    id: String,
    badge: Badge,
    content_type: &'static str,
    content_class: &'static str,
    author: String,
    is_mine: bool,
    scheduled: String,
    channels: Vec<String>,
    guard: GuardView,
    limit_problems: Vec<String>,
    review_note: Option<String>,
    reviewer: Option<String>,
    rejected: bool,
    deliveries: Vec<DeliveryRow>,
    can_edit: bool,
    can_submit: bool,
    can_review: bool,
    /// An approver looking at their own post in review.
    own_review: bool,
    can_withdraw: bool,
    errors: Errors,
}

async fn show_page(
    ctx: &Ctx,
    id: &str,
    layout: Layout,
    errors: Errors,
) -> Result<ShowPage, Response> {
    let viewer = ctx.need(ctx.actor.viewer(), MEMBERS)?;
    let view: PostView = ctx
        .desk()
        .get_post(&viewer, id)
        .await
        .map_err(|e| ctx.fail(e))?;
    let channels = ctx
        .desk()
        .channels(&viewer)
        .await
        .map_err(|e| ctx.fail(e))?;
    let names = member_names(ctx).await;
    let p = &view.post;
    let me = ctx.actor.user().id.as_str();
    let is_mine = p.author_id == me;
    let approver = ctx.actor.approver().is_ok();
    let author = ctx.actor.author().is_ok();
    let deliveries = view
        .deliveries
        .iter()
        .map(|d| DeliveryRow {
            id: d.delivery.id.clone(),
            channel: d.channel_name.clone(),
            kind: kind_name(d.channel_kind),
            badge: delivery_badge(d.delivery.state),
            attempts: d.delivery.attempts,
            last_error: d.delivery.last_error.clone(),
            remote_url: d
                .delivery
                .remote_url
                .clone()
                .filter(|u| u.starts_with("https://") || u.starts_with("http://")),
            when: match (d.delivery.published_at, d.delivery.next_attempt_at) {
                (Some(t), _) => format!("Published {}", ctx.time(&t)),
                (None, Some(t)) if d.delivery.state.is_open() => {
                    format!("Next attempt {}", ctx.time(&t))
                }
                _ => String::new(),
            },
            can_retry: approver && d.delivery.state == DeliveryState::Failed,
        })
        .collect();
    Ok(ShowPage {
        layout,
        csrf: ctx.csrf(),
        id: p.id.clone(),
        badge: state_badge(p.state),
        content_type: p.content_type.label(),
        content_class: p.content_type.as_str(),
        author: name_of(&names, &p.author_id),
        is_mine,
        scheduled: match p.scheduled_at {
            Some(t) => ctx.time(&t),
            None => "As soon as it is approved".into(),
        },
        channels: p
            .channel_ids
            .iter()
            .map(|id| match channels.iter().find(|c| &c.id == id) {
                Some(c) => format!("{} ({})", c.name, kind_name(c.kind)),
                None => "a removed channel".into(),
            })
            .collect(),
        guard: GuardView::stored(&view.text, &p.findings),
        limit_problems: view
            .limit_problems
            .iter()
            .map(|l| capitalise(&l.message))
            .collect(),
        review_note: p.review_note.clone(),
        reviewer: p.reviewed_by.as_deref().map(|id| name_of(&names, id)),
        rejected: p.state == PostState::Rejected,
        deliveries,
        can_edit: author && p.state.is_editable() && (is_mine || approver),
        can_submit: author
            && matches!(p.state, PostState::Draft | PostState::Rejected)
            && (is_mine || approver),
        can_review: approver && p.state == PostState::InReview && !is_mine,
        own_review: approver && p.state == PostState::InReview && is_mine,
        can_withdraw: author && p.state != PostState::Withdrawn && (is_mine || approver),
        errors,
    })
}

pub async fn show(
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> PageResult {
    let layout = layout_with(&ctx, "Post", &q);
    let page = show_page(&ctx, &id, layout, Errors::default()).await?;
    Ok(render(&page))
}

/// After a workflow button: back to the post with a notice, or the post with the refusal.
async fn after(
    ctx: &Ctx,
    id: &str,
    outcome: domain::Result<PostView>,
    notice: &str,
    back: Option<&str>,
    needed: &str,
) -> PageResult {
    match outcome {
        Ok(_) => Ok(done(&match back {
            Some(b) => format!("{b}?{notice}=1"),
            None => format!("/posts/{id}?{notice}=1"),
        })),
        Err(DomainError::Forbidden(reason)) => Err(ctx
            .need::<()>(Err(DomainError::Forbidden(reason)), needed)
            .unwrap_err()),
        Err(DomainError::NotFound { what }) => Err(ctx.fail(DomainError::NotFound { what })),
        Err(e) => {
            let errors = match &e {
                DomainError::Refused {
                    code: "phi_detected",
                    message,
                    ..
                } => Errors {
                    summary: Some(format!(
                        "{}. Edit the post to remove the highlighted text.",
                        capitalise(message)
                    )),
                    fields: Vec::new(),
                },
                other => Errors::from_domain(other),
            };
            let status = match e {
                DomainError::Conflict(_) => StatusCode::CONFLICT,
                _ => StatusCode::UNPROCESSABLE_ENTITY,
            };
            let page = show_page(ctx, id, ctx.layout("Post"), errors).await?;
            Ok(render_status(status, &page))
        }
    }
}

#[derive(serde::Deserialize, Default)]
pub struct ReviewForm {
    #[serde(default)]
    note: String,
    #[serde(default)]
    reason: String,
    /// Where to return: only the review queue is accepted.
    #[serde(default)]
    back: String,
}

impl ReviewForm {
    fn back(&self) -> Option<&'static str> {
        (self.back == "/review").then_some("/review")
    }
}

pub async fn submit(ctx: Ctx, Path(id): Path<String>) -> PageResult {
    let author = ctx.need(ctx.actor.author(), AUTHORS)?;
    let outcome = ctx.desk().submit_post(&author, &id).await;
    after(&ctx, &id, outcome, "submitted", None, AUTHORS).await
}

pub async fn approve(ctx: Ctx, Path(id): Path<String>, Form(form): Form<ReviewForm>) -> PageResult {
    let approver = ctx.need(ctx.actor.approver(), APPROVERS)?;
    let note = Some(form.note.as_str()).filter(|n| !n.trim().is_empty());
    let outcome = ctx.desk().approve_post(&approver, &id, note).await;
    after(&ctx, &id, outcome, "approved", form.back(), APPROVERS).await
}

pub async fn reject(ctx: Ctx, Path(id): Path<String>, Form(form): Form<ReviewForm>) -> PageResult {
    let approver = ctx.need(ctx.actor.approver(), APPROVERS)?;
    let outcome = ctx.desk().reject_post(&approver, &id, &form.reason).await;
    after(&ctx, &id, outcome, "rejected", form.back(), APPROVERS).await
}

#[derive(Template)]
#[template(path = "posts_withdraw.html")]
struct WithdrawPage {
    layout: Layout,
    csrf: String,
    id: String,
    excerpt: String,
    published: usize,
}

/// Withdrawing deletes published posts everywhere: a page asks to confirm first.
pub async fn withdraw_form(ctx: Ctx, Path(id): Path<String>) -> PageResult {
    ctx.need(ctx.actor.author(), AUTHORS)?;
    let viewer = ctx.need(ctx.actor.viewer(), MEMBERS)?;
    let view = ctx
        .desk()
        .get_post(&viewer, &id)
        .await
        .map_err(|e| ctx.fail(e))?;
    Ok(render(&WithdrawPage {
        layout: ctx.layout("Withdraw post"),
        csrf: ctx.csrf(),
        excerpt: excerpt(&view.text, 140),
        published: view
            .deliveries
            .iter()
            .filter(|d| d.delivery.remote_id.is_some())
            .count(),
        id,
    }))
}

pub async fn withdraw(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<ReviewForm>,
) -> PageResult {
    ctx.need(ctx.actor.author(), AUTHORS)?;
    let reason = Some(form.reason.as_str()).filter(|r| !r.trim().is_empty());
    let outcome = ctx.desk().withdraw_post(&ctx.actor, &id, reason).await;
    after(&ctx, &id, outcome, "withdrawn", None, AUTHORS).await
}

pub async fn retry(ctx: Ctx, Path((id, delivery)): Path<(String, String)>) -> PageResult {
    let approver = ctx.need(ctx.actor.approver(), APPROVERS)?;
    let outcome = ctx.desk().retry_delivery(&approver, &id, &delivery).await;
    after(&ctx, &id, outcome, "retried", None, APPROVERS).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedule_is_read_in_the_org_zone() {
        let ny: Tz = "America/New_York".parse().unwrap();
        assert_eq!(
            local_to_rfc3339("2026-12-01T09:00", ny).unwrap().as_deref(),
            Some("2026-12-01T09:00:00-05:00")
        );
        assert_eq!(
            local_to_rfc3339("2026-07-01T09:00", ny).unwrap().as_deref(),
            Some("2026-07-01T09:00:00-04:00")
        );
        assert_eq!(local_to_rfc3339("  ", ny).unwrap(), None);
        assert!(local_to_rfc3339("tomorrow", ny).is_err());
        // 02:30 on the spring-forward day does not exist in New York.
        let gap = local_to_rfc3339("2026-03-08T02:30", ny).unwrap_err();
        assert!(gap.contains("skip"), "{gap}");
        let t = DateTime::parse_from_rfc3339("2026-12-01T14:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(to_local_input(&t, ny), "2026-12-01T09:00");
    }

    #[test]
    fn repeated_channel_ids_and_the_intent_are_read() {
        let f = ComposeForm::from_pairs(vec![
            ("body".into(), "Hi".into()),
            ("channel_ids".into(), "a".into()),
            ("channel_ids".into(), "b".into()),
            ("intent".into(), "submit".into()),
            ("hashtags".into(), "#FluShot, StayWell  #".into()),
        ]);
        assert_eq!(f.channel_ids, ["a", "b"]);
        assert!(f.submit);
        assert_eq!(f.tags(), ["#FluShot", "StayWell"]);
    }

    #[test]
    fn suggestions_put_the_teams_habits_first_and_merge_duplicates() {
        let recent = vec![
            vec!["FluShot".to_string()],
            vec!["FluShot".to_string(), "PublicHealth".to_string()],
        ];
        let s = suggestions(&recent);
        assert_eq!(s[0].tag, "FluShot");
        let ph = s.iter().find(|s| s.tag == "PublicHealth").unwrap();
        assert_eq!(ph.types, "recent psa");
        assert_eq!(s.iter().filter(|s| s.tag == "HealthTips").count(), 1);
    }

    #[test]
    fn previews_count_like_each_network() {
        let ch = |kind| Channel {
            id: "c".into(),
            org_id: "o".into(),
            kind,
            name: "n".into(),
            public: serde_json::json!({}),
            sealed_config: String::new(),
            disabled: false,
            created_by: "u".into(),
            created_at: Utc::now(),
        };
        let text = format!("{} https://example.org/{}", "é".repeat(290), "x".repeat(40));
        let c = channel_choices(
            &[
                ch(channels::ChannelKind::Mastodon),
                ch(channels::ChannelKind::Bluesky),
            ],
            &["c".into()],
            &text,
        );
        assert_eq!(c[0].count, 290 + 1 + 23);
        assert_eq!(c[0].over, 0);
        assert_eq!(c[1].count, 290 + 1 + 60);
        assert_eq!(c[1].over, 51);
        assert!(c[0].checked);
    }
}
