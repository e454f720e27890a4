//! The team: who has an account, with which role (administrators only).

use super::{done, render, render_status, Ctx, Errors, Layout, PageResult};
use askama::Template;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::Form;
use domain::desk::UserUpdate;
use domain::user::NewUserInput;
use domain::{DomainError, Role, User};
use serde::Deserialize;
use std::collections::HashMap;

const ADMINS: &str = "administrators";

/// A role as an option of a select.
pub(crate) struct RoleOption {
    pub value: &'static str,
    pub label: &'static str,
    pub selected: bool,
}

pub(crate) fn role_options(selected: &str) -> Vec<RoleOption> {
    Role::ALL
        .into_iter()
        .map(|r| RoleOption {
            value: r.as_str(),
            label: r.label(),
            selected: r.as_str() == selected,
        })
        .collect()
}

struct Row {
    id: String,
    name: String,
    email: String,
    role: &'static str,
    two_factor: bool,
    disabled: bool,
    is_me: bool,
}

#[derive(Template)]
#[template(path = "users.html")]
struct UsersPage {
    layout: Layout,
    csrf: String,
    rows: Vec<Row>,
    form: NewUserForm,
    roles: Vec<RoleOption>,
    errors: Errors,
}

#[derive(Deserialize, Default)]
pub struct NewUserForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    password: String,
}

async fn users_page(
    ctx: &Ctx,
    layout: Layout,
    form: NewUserForm,
    errors: Errors,
) -> Result<UsersPage, axum::response::Response> {
    let admin = ctx.need(ctx.actor.admin(), ADMINS)?;
    let users = ctx
        .desk()
        .list_users(&admin)
        .await
        .map_err(|e| ctx.fail(e))?;
    let me = &ctx.actor.user().id;
    let rows = users
        .into_iter()
        .map(|u: User| Row {
            is_me: &u.id == me,
            two_factor: u.has_two_factor(),
            role: u.role.label(),
            id: u.id,
            name: u.name,
            email: u.email.to_string(),
            disabled: u.disabled,
        })
        .collect();
    let role = if form.role.is_empty() {
        "author".to_string()
    } else {
        form.role.clone()
    };
    Ok(UsersPage {
        layout,
        csrf: ctx.csrf(),
        rows,
        roles: role_options(&role),
        form,
        errors,
    })
}

pub async fn list(ctx: Ctx, Query(q): Query<HashMap<String, String>>) -> PageResult {
    let layout = ctx.layout_with("Users", &q);
    let page = users_page(&ctx, layout, NewUserForm::default(), Errors::default()).await?;
    Ok(render(&page))
}

pub async fn create(ctx: Ctx, Form(form): Form<NewUserForm>) -> PageResult {
    let admin = ctx.need(ctx.actor.admin(), ADMINS)?;
    let input = NewUserInput {
        email: form.email.clone(),
        name: form.name.clone(),
        role: form.role.clone(),
        password: Some(form.password.clone()).filter(|p| !p.is_empty()),
    };
    match ctx.desk().create_user(&admin, input).await {
        Ok(_) => Ok(done("/users?added=1")),
        Err(e @ DomainError::Validation(..)) => {
            let errors = Errors::from_domain(&e).ordered(&["name", "email", "role", "password"]);
            let layout = ctx.layout("Users");
            let page = users_page(&ctx, layout, form, errors).await?;
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(e) => Err(ctx.fail(e)),
    }
}

#[derive(Template)]
#[template(path = "user_edit.html")]
struct EditPage {
    layout: Layout,
    csrf: String,
    id: String,
    email: String,
    name: String,
    roles: Vec<RoleOption>,
    disabled: bool,
    two_factor: bool,
    is_me: bool,
    errors: Errors,
}

pub async fn edit(ctx: Ctx, Path(id): Path<String>) -> PageResult {
    let admin = ctx.need(ctx.actor.admin(), ADMINS)?;
    let user = ctx
        .desk()
        .get_user(&admin, &id)
        .await
        .map_err(|e| ctx.fail(e))?;
    Ok(render(&EditPage {
        layout: ctx.layout(&format!("Edit {}", user.name)),
        csrf: ctx.csrf(),
        is_me: user.id == ctx.actor.user().id,
        roles: role_options(user.role.as_str()),
        two_factor: user.has_two_factor(),
        disabled: user.disabled,
        email: user.email.to_string(),
        name: user.name,
        id: user.id,
        errors: Errors::default(),
    }))
}

#[derive(Deserialize)]
pub struct EditForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    role: String,
    /// A checkbox: present when ticked.
    #[serde(default)]
    disabled: Option<String>,
    #[serde(default)]
    password: String,
}

pub async fn update(ctx: Ctx, Path(id): Path<String>, Form(form): Form<EditForm>) -> PageResult {
    let admin = ctx.need(ctx.actor.admin(), ADMINS)?;
    let change = UserUpdate {
        name: Some(form.name.clone()),
        role: Some(form.role.clone()),
        disabled: Some(form.disabled.is_some()),
        password: Some(form.password.clone()).filter(|p| !p.is_empty()),
    };
    match ctx.desk().update_user(&admin, &id, change).await {
        Ok(_) => Ok(done("/users?saved=1")),
        Err(e @ (DomainError::Validation(..) | DomainError::Conflict(_))) => {
            let user = ctx
                .desk()
                .get_user(&admin, &id)
                .await
                .map_err(|e| ctx.fail(e))?;
            let errors = Errors::from_domain(&e).ordered(&["name", "role", "password"]);
            Ok(render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &EditPage {
                    layout: ctx.layout(&format!("Edit {}", user.name)),
                    csrf: ctx.csrf(),
                    is_me: user.id == ctx.actor.user().id,
                    roles: role_options(&form.role),
                    two_factor: user.has_two_factor(),
                    disabled: form.disabled.is_some(),
                    email: user.email.to_string(),
                    name: form.name,
                    id: user.id,
                    errors,
                },
            ))
        }
        Err(e) => Err(ctx.fail(e)),
    }
}
