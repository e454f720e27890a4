use super::ApiJson;
use crate::auth::Signed;
use crate::error::ApiResult;
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::Json;
use domain::inbox::{Assignee, InboxFilter};
use serde::Deserialize;
use serde_json::{json, Value};

#[derive(Deserialize)]
pub struct ListQuery {
    label: Option<String>,
    state: Option<String>,
    channel: Option<String>,
    /// A user id, `me` or `none`.
    assignee: Option<String>,
    limit: Option<i64>,
}

fn some(v: Option<String>) -> Option<String> {
    v.filter(|s| !s.is_empty())
}

pub async fn list(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Query(q): Query<ListQuery>,
) -> ApiResult<Json<Value>> {
    let assignee = some(q.assignee).map(|a| match a.as_str() {
        "none" => Assignee::Nobody,
        "me" => Assignee::User(actor.user().id.clone()),
        _ => Assignee::User(a),
    });
    let filter = InboxFilter {
        label: some(q.label),
        state: some(q.state),
        channel_id: some(q.channel),
        assignee,
        limit: q.limit.unwrap_or(100),
    };
    let page = state.desk.inbox(&actor.responder()?, filter).await?;
    Ok(Json(json!(page)))
}

pub async fn show(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let item = state.desk.inbox_item_view(&actor.responder()?, &id).await?;
    Ok(Json(json!(item)))
}

#[derive(Deserialize)]
pub struct Assign {
    user_id: String,
}

pub async fn assign(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<Assign>,
) -> ApiResult<Json<Value>> {
    let item = state
        .desk
        .assign_inbox_item(&actor.responder()?, &id, &body.user_id)
        .await?;
    Ok(Json(json!(item)))
}

pub async fn resolve(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let item = state
        .desk
        .resolve_inbox_item(&actor.responder()?, &id)
        .await?;
    Ok(Json(json!(item)))
}

#[derive(Deserialize)]
pub struct Reply {
    body: String,
}

pub async fn reply(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<Reply>,
) -> ApiResult<Json<Value>> {
    let item = state
        .desk
        .reply_inbox_item(&actor.responder()?, &id, &body.body)
        .await?;
    Ok(Json(json!(item)))
}

#[derive(Deserialize, Default)]
pub struct Hide {
    /// The commenting policy clause enforced.
    #[serde(default)]
    clause: Option<String>,
    /// For reports: spam, violation or other.
    #[serde(default)]
    category: Option<String>,
}

/// An optional `{"clause"}` body (empty is fine).
fn clause_of(body: &[u8]) -> ApiResult<Hide> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Hide::default());
    }
    serde_json::from_slice(body).map_err(|e| {
        crate::error::ApiError::bad_request(format!("the body is not valid JSON: {e}"))
    })
}

async fn set_hidden(
    state: AppState,
    actor: domain::Actor,
    id: String,
    hidden: bool,
    body: &[u8],
) -> ApiResult<Json<Value>> {
    let hide = clause_of(body)?;
    let item = state
        .desk
        .hide_inbox_item(&actor.responder()?, &id, hidden, hide.clause.as_deref())
        .await?;
    Ok(Json(json!(item)))
}

pub async fn hide(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> ApiResult<Json<Value>> {
    set_hidden(state, actor, id, true, &body).await
}

pub async fn delete(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> ApiResult<Json<Value>> {
    let hide = clause_of(&body)?;
    let item = state
        .desk
        .delete_inbox_item(&actor.responder()?, &id, hide.clause.as_deref())
        .await?;
    Ok(Json(json!(item)))
}

pub async fn mute(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> ApiResult<Json<Value>> {
    let body = clause_of(&body)?;
    let item = state
        .desk
        .mute_inbox_author(&actor.responder()?, &id, body.clause.as_deref())
        .await?;
    Ok(Json(json!(item)))
}

pub async fn report_post(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> ApiResult<Json<Value>> {
    let body = clause_of(&body)?;
    let item = state
        .desk
        .report_inbox_item(
            &actor.responder()?,
            &id,
            body.category.as_deref(),
            body.clause.as_deref(),
        )
        .await?;
    Ok(Json(json!(item)))
}

pub async fn undo(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Path((id, action_id)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    let item = state
        .desk
        .undo_inbox_action(&actor.responder()?, &id, &action_id)
        .await?;
    Ok(Json(json!(item)))
}

pub async fn responders(
    State(state): State<AppState>,
    Signed(actor): Signed,
) -> ApiResult<Json<Value>> {
    let users = state.desk.inbox_responders(&actor.responder()?).await?;
    let list: Vec<Value> = users
        .iter()
        .map(|u| json!({"id": u.id, "name": u.name, "email": u.email}))
        .collect();
    Ok(Json(json!({ "responders": list })))
}

#[derive(Deserialize)]
pub struct ReportQuery {
    week: Option<String>,
}

pub async fn report(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Query(q): Query<ReportQuery>,
) -> ApiResult<Json<Value>> {
    let day = match some(q.week) {
        None => None,
        Some(w) => Some(
            chrono::NaiveDate::parse_from_str(&w, "%Y-%m-%d").map_err(|_| {
                crate::error::ApiError::bad_request(format!(
                    "week '{w}' is not a date: give any day of the week as YYYY-MM-DD"
                ))
            })?,
        ),
    };
    let report = state.desk.inbox_report(&actor.viewer()?, day).await?;
    Ok(Json(json!(report)))
}

#[derive(Deserialize)]
pub struct Draft {
    topic: String,
}

pub async fn draft(
    State(state): State<AppState>,
    Signed(actor): Signed,
    ApiJson(body): ApiJson<Draft>,
) -> ApiResult<Json<Value>> {
    let post = state
        .desk
        .draft_post_about(&actor.author()?, &body.topic)
        .await?;
    Ok(Json(json!({"post_id": post.post.id, "post": post})))
}

pub async fn unhide(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> ApiResult<Json<Value>> {
    set_hidden(state, actor, id, false, &body).await
}
