use super::ApiJson;
use crate::auth::Signed;
use crate::error::ApiResult;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use domain::desk::UserUpdate;
use domain::user::NewUserInput;
use domain::{Role, User};
use serde_json::{json, Value};

pub fn user_json(u: &User) -> Value {
    let mut v = json!(u);
    v["two_factor"] = json!(u.has_two_factor());
    v["can_sign_in"] = json!(u.password_hash.is_some() && !u.disabled);
    v
}

pub async fn roles(Signed(actor): Signed) -> ApiResult<Json<Value>> {
    actor.viewer()?;
    let roles: Vec<Value> = Role::ALL
        .iter()
        .map(|r| {
            json!({
                "role": r, "label": r.label(),
                "author": r.can_author(), "approve": r.can_approve(), "respond": r.can_respond(),
                "admin": *r == Role::Admin, "gated_by_handbook": r.is_gated(),
            })
        })
        .collect();
    Ok(Json(json!({ "roles": roles })))
}

pub async fn list(State(state): State<AppState>, Signed(actor): Signed) -> ApiResult<Json<Value>> {
    let users = state.desk.list_users(&actor.admin()?).await?;
    Ok(Json(
        json!({"users": users.iter().map(user_json).collect::<Vec<_>>()}),
    ))
}

pub async fn create(
    State(state): State<AppState>,
    Signed(actor): Signed,
    ApiJson(input): ApiJson<NewUserInput>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let user = state.desk.create_user(&actor.admin()?, input).await?;
    Ok((StatusCode::CREATED, Json(user_json(&user))))
}

pub async fn show(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let user = state.desk.get_user(&actor.admin()?, &id).await?;
    Ok(Json(user_json(&user)))
}

pub async fn update(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Path(id): Path<String>,
    ApiJson(change): ApiJson<UserUpdate>,
) -> ApiResult<Json<Value>> {
    let user = state.desk.update_user(&actor.admin()?, &id, change).await?;
    Ok(Json(user_json(&user)))
}
