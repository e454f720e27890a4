//! The organisation's public profile and its settings.

use super::{done, lines, render, render_status, Ctx, Errors, Layout, PageResult};
use askama::Template;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::Form;
use domain::{DomainError, OrgProfile, OrgSettings};
use serde::Deserialize;
use std::collections::HashMap;

/// The profile as the edit form holds it: lists as one item per line.
#[derive(Deserialize, Default)]
pub struct ProfileForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    phones: String,
    #[serde(default)]
    websites: String,
    #[serde(default)]
    emails: String,
    #[serde(default)]
    handles: String,
    #[serde(default)]
    addresses: String,
    #[serde(default)]
    staff: String,
    #[serde(default)]
    disclaimer: String,
    #[serde(default)]
    emergency_number: String,
}

impl ProfileForm {
    fn from_profile(p: &OrgProfile) -> ProfileForm {
        ProfileForm {
            name: p.name.clone(),
            phones: p.phones.join("\n"),
            websites: p.websites.join("\n"),
            emails: p.emails.join("\n"),
            handles: p.handles.join("\n"),
            addresses: p.addresses.join("\n"),
            staff: p.staff.join("\n"),
            disclaimer: p.disclaimer.clone(),
            emergency_number: p.emergency_number.clone().unwrap_or_default(),
        }
    }

    fn to_profile(&self) -> OrgProfile {
        OrgProfile {
            name: self.name.clone(),
            phones: lines(&self.phones),
            websites: lines(&self.websites),
            emails: lines(&self.emails),
            handles: lines(&self.handles),
            addresses: lines(&self.addresses),
            staff: lines(&self.staff),
            disclaimer: self.disclaimer.clone(),
            emergency_number: Some(self.emergency_number.clone()),
        }
    }
}

/// One list textarea of the form.
struct ListField {
    name: &'static str,
    label: &'static str,
    hint: &'static str,
    value: String,
}

#[derive(Template)]
#[template(path = "profile.html")]
struct ProfilePage {
    layout: Layout,
    csrf: String,
    profile: OrgProfile,
    can_edit: bool,
    form: ProfileForm,
    lists: Vec<ListField>,
    errors: Errors,
}

fn list_fields(form: &ProfileForm) -> Vec<ListField> {
    vec![
        ListField { name: "phones", label: "Phone numbers", hint: "One per line, e.g. (415) 555-0100.", value: form.phones.clone() },
        ListField { name: "websites", label: "Websites", hint: "One per line, e.g. https://riverside.example.", value: form.websites.clone() },
        ListField { name: "emails", label: "Email addresses", hint: "One per line.", value: form.emails.clone() },
        ListField { name: "handles", label: "Social media handles", hint: "One per line, e.g. @RiversideHealth.", value: form.handles.clone() },
        ListField { name: "addresses", label: "Addresses", hint: "One per line.", value: form.addresses.clone() },
        ListField { name: "staff", label: "Staff directory", hint: "Public names of staff, one per line. The draft checker treats them as staff, not patients.", value: form.staff.clone() },
    ]
}

pub async fn profile(ctx: Ctx, Query(q): Query<HashMap<String, String>>) -> PageResult {
    let viewer = ctx.need(ctx.actor.viewer(), "signed-in members")?;
    let profile = ctx.desk().profile(&viewer).await.map_err(|e| ctx.fail(e))?;
    let form = ProfileForm::from_profile(&profile);
    Ok(render(&ProfilePage {
        layout: ctx.layout_with("Public profile", &q),
        csrf: ctx.csrf(),
        can_edit: ctx.actor.admin().is_ok(),
        lists: list_fields(&form),
        form,
        profile,
        errors: Errors::default(),
    }))
}

pub async fn update_profile(ctx: Ctx, Form(form): Form<ProfileForm>) -> PageResult {
    let admin = ctx.need(ctx.actor.admin(), "administrators")?;
    match ctx.desk().update_profile(&admin, form.to_profile()).await {
        Ok(_) => Ok(done("/profile?saved=1")),
        Err(e @ DomainError::Validation(..)) => {
            let viewer = ctx.need(ctx.actor.viewer(), "signed-in members")?;
            let profile = ctx.desk().profile(&viewer).await.map_err(|e| ctx.fail(e))?;
            let errors = Errors::from_domain(&e).ordered(&[
                "name",
                "phones",
                "websites",
                "emails",
                "handles",
                "addresses",
                "staff",
                "disclaimer",
            ]);
            Ok(render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &ProfilePage {
                    layout: ctx.layout("Public profile"),
                    csrf: ctx.csrf(),
                    can_edit: true,
                    lists: list_fields(&form),
                    form,
                    profile,
                    errors,
                },
            ))
        }
        Err(e) => Err(ctx.fail(e)),
    }
}

struct ZoneOption {
    name: &'static str,
    selected: bool,
}

#[derive(Template)]
#[template(path = "settings.html")]
struct SettingsPage {
    layout: Layout,
    csrf: String,
    require_two_factor: bool,
    zones: Vec<ZoneOption>,
    errors: Errors,
}

fn zones(selected: &str) -> Vec<ZoneOption> {
    chrono_tz::TZ_VARIANTS
        .iter()
        .map(|tz| ZoneOption {
            name: tz.name(),
            selected: tz.name() == selected,
        })
        .collect()
}

pub async fn settings(ctx: Ctx, Query(q): Query<HashMap<String, String>>) -> PageResult {
    // Only administrators see the settings; reading them needs no more than a viewer.
    ctx.need(ctx.actor.admin(), "administrators")?;
    let viewer = ctx.need(ctx.actor.viewer(), "signed-in members")?;
    let s = ctx
        .desk()
        .settings(&viewer)
        .await
        .map_err(|e| ctx.fail(e))?;
    Ok(render(&SettingsPage {
        layout: ctx.layout_with("Settings", &q),
        csrf: ctx.csrf(),
        require_two_factor: s.require_two_factor,
        zones: zones(&s.timezone),
        errors: Errors::default(),
    }))
}

#[derive(Deserialize)]
pub struct SettingsForm {
    #[serde(default)]
    require_two_factor: Option<String>,
    #[serde(default)]
    timezone: String,
}

pub async fn update_settings(ctx: Ctx, Form(form): Form<SettingsForm>) -> PageResult {
    let admin = ctx.need(ctx.actor.admin(), "administrators")?;
    let settings = OrgSettings {
        require_two_factor: form.require_two_factor.is_some(),
        timezone: form.timezone.trim().to_string(),
    };
    match ctx.desk().update_settings(&admin, settings).await {
        Ok(_) => Ok(done("/settings?saved=1")),
        Err(e @ DomainError::Validation(..)) => Ok(render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &SettingsPage {
                layout: ctx.layout("Settings"),
                csrf: ctx.csrf(),
                require_two_factor: form.require_two_factor.is_some(),
                zones: zones(&form.timezone),
                errors: Errors::from_domain(&e),
            },
        )),
        Err(e) => Err(ctx.fail(e)),
    }
}
