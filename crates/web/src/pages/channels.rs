//! Channels (administrators): the organisation's network accounts, adding one per network,
//! testing its credentials, pausing and resuming. Secrets go in and never come back out.

use super::publishing::kind_name;
use super::{capitalise, done, render, render_status, Ctx, Errors, Layout, PageResult};
use askama::Template;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use channels::limits::Counting;
use channels::{ChannelConfig, ChannelKind, Limits};
use domain::DomainError;
use serde::Deserialize;
use std::collections::HashMap;

const ADMINS: &str = "administrators";

struct Row {
    id: String,
    name: String,
    kind: &'static str,
    public: Vec<(String, String)>,
    limits: String,
    disabled: bool,
}

/// One input of an add-channel form.
struct Input {
    name: &'static str,
    label: &'static str,
    kind: &'static str,
    hint: &'static str,
    value: String,
}

/// The add form for one network.
struct KindForm {
    kind: &'static str,
    label: &'static str,
    intro: &'static str,
    name: String,
    inputs: Vec<Input>,
    errors: Errors,
}

impl KindForm {
    fn blank(kind: ChannelKind) -> KindForm {
        KindForm::filled(kind, &NewChannel::default())
    }

    /// Secrets are never echoed back: after an error they must be typed again.
    fn filled(kind: ChannelKind, f: &NewChannel) -> KindForm {
        let input = |name, label, kind, hint, value: &str| Input {
            name,
            label,
            kind,
            hint,
            value: value.to_string(),
        };
        let (intro, inputs) = match kind {
            ChannelKind::Mastodon => (
                "An account on any Mastodon server. Create an application under Preferences › Development with the write:statuses and read:accounts scopes and paste its access token.",
                vec![
                    input("base_url", "Server address", "url", "e.g. https://mastodon.social", &f.base_url),
                    input("access_token", "Access token", "password", "", ""),
                ],
            ),
            ChannelKind::Bluesky => (
                "A Bluesky account. Use an app password (Settings › Privacy and security › App passwords), never the account's own password.",
                vec![
                    input("service_url", "Service address", "url", "Usually https://bsky.social", &f.service_url),
                    input("identifier", "Handle or DID", "text", "e.g. riverside.bsky.social", &f.identifier),
                    input("app_password", "App password", "password", "", ""),
                ],
            ),
            ChannelKind::Facebook => (
                "A Facebook Page. Paste the page's id and a page access token with the pages_manage_posts permission.",
                vec![
                    input("page_id", "Page id", "text", "", &f.page_id),
                    input("access_token", "Page access token", "password", "", ""),
                    input("api_base_url", "Graph API address (optional)", "url", "Leave empty for https://graph.facebook.com", &f.api_base_url),
                ],
            ),
        };
        KindForm {
            kind: kind.as_str(),
            label: kind_name(kind),
            intro,
            name: f.name.clone(),
            inputs,
            errors: Errors::default(),
        }
    }
}

struct Tested {
    channel_id: String,
    ok: bool,
    message: String,
}

#[derive(Template)]
#[template(path = "channels.html")]
struct ChannelsPage {
    layout: Layout,
    csrf: String,
    rows: Vec<Row>,
    forms: Vec<KindForm>,
    tested: Option<Tested>,
}

/// The words for a channel's public fields.
fn public_label(key: &str) -> String {
    match key {
        "base_url" => "Server".into(),
        "service_url" => "Service".into(),
        "identifier" => "Account".into(),
        "page_id" => "Page id".into(),
        "api_base_url" => "Graph API".into(),
        "api_version" => "API version".into(),
        other => capitalise(&other.replace('_', " ")),
    }
}

fn limits_text(kind: ChannelKind) -> String {
    let l = Limits::of(kind);
    let unit = match l.counting {
        Counting::CharsUrlsAs23 => "characters (links count 23)",
        Counting::Graphemes => "characters (graphemes)",
        Counting::Chars => "characters",
    };
    format!(
        "{} {unit}; {} images of up to {} MB",
        l.max_length,
        l.max_images,
        l.max_image_bytes / 1_000_000
    )
}

async fn page(
    ctx: &Ctx,
    layout: Layout,
    forms: Vec<KindForm>,
    tested: Option<Tested>,
) -> Result<ChannelsPage, Response> {
    ctx.need(ctx.actor.admin(), ADMINS)?;
    let viewer = ctx.need(ctx.actor.viewer(), ADMINS)?;
    let channels = ctx
        .desk()
        .channels(&viewer)
        .await
        .map_err(|e| ctx.fail(e))?;
    let rows = channels
        .into_iter()
        .map(|c| Row {
            public: c
                .public
                .as_object()
                .map(|o| {
                    o.iter()
                        .map(|(k, v)| {
                            let v = v
                                .as_str()
                                .map(str::to_string)
                                .unwrap_or_else(|| v.to_string());
                            (public_label(k), v)
                        })
                        .collect()
                })
                .unwrap_or_default(),
            kind: kind_name(c.kind),
            limits: limits_text(c.kind),
            disabled: c.disabled,
            id: c.id,
            name: c.name,
        })
        .collect();
    Ok(ChannelsPage {
        layout,
        csrf: ctx.csrf(),
        rows,
        forms,
        tested,
    })
}

fn blank_forms() -> Vec<KindForm> {
    ChannelKind::ALL.into_iter().map(KindForm::blank).collect()
}

pub async fn list(ctx: Ctx, Query(q): Query<HashMap<String, String>>) -> PageResult {
    let mut layout = ctx.layout("Channels");
    layout.notice = if q.contains_key("added") {
        Some("The channel is added. Test the connection to check its credentials.".into())
    } else if q.contains_key("paused") {
        Some("The channel is paused: it cannot be chosen for new posts.".into())
    } else if q.contains_key("resumed") {
        Some("The channel is active again.".into())
    } else {
        None
    };
    Ok(render(&page(&ctx, layout, blank_forms(), None).await?))
}

#[derive(Deserialize, Default)]
pub struct NewChannel {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    base_url: String,
    #[serde(default)]
    access_token: String,
    #[serde(default)]
    service_url: String,
    #[serde(default)]
    identifier: String,
    #[serde(default)]
    app_password: String,
    #[serde(default)]
    page_id: String,
    #[serde(default)]
    api_base_url: String,
}

impl NewChannel {
    fn config(&self, kind: ChannelKind) -> ChannelConfig {
        let t = |s: &str| s.trim().to_string();
        match kind {
            ChannelKind::Mastodon => ChannelConfig::Mastodon {
                base_url: t(&self.base_url).trim_end_matches('/').to_string(),
                access_token: t(&self.access_token),
            },
            ChannelKind::Bluesky => ChannelConfig::Bluesky {
                service_url: t(&self.service_url).trim_end_matches('/').to_string(),
                identifier: t(&self.identifier).trim_start_matches('@').to_string(),
                app_password: t(&self.app_password),
            },
            ChannelKind::Facebook => ChannelConfig::Facebook {
                page_id: t(&self.page_id),
                access_token: t(&self.access_token),
                api_base_url: Some(t(&self.api_base_url)).filter(|s| !s.is_empty()),
                api_version: None,
                app_secret: None,
                verify_token: None,
            },
        }
    }
}

pub async fn create(ctx: Ctx, Form(form): Form<NewChannel>) -> PageResult {
    let admin = ctx.need(ctx.actor.admin(), ADMINS)?;
    let Some(kind) = ChannelKind::parse(&form.kind) else {
        return Err(ctx.fail(DomainError::invalid("kind", "choose a network")));
    };
    match ctx
        .desk()
        .create_channel(&admin, &form.name, form.config(kind))
        .await
    {
        Ok(_) => Ok(done("/channels?added=1")),
        Err(e @ DomainError::Validation(..)) => {
            let forms = ChannelKind::ALL
                .into_iter()
                .map(|k| {
                    if k != kind {
                        return KindForm::blank(k);
                    }
                    let mut f = KindForm::filled(k, &form);
                    // The desk says "base_url must be …": keep the message, drop the key.
                    let mut errors = Errors::from_domain(&e);
                    for (field, message) in errors.fields.iter_mut() {
                        let prefix = format!("{field} ");
                        if message.to_lowercase().starts_with(&prefix) {
                            if let Some(label) = label_of(&f, field) {
                                *message = format!("{label} {}", &message[prefix.len()..]);
                            }
                        }
                    }
                    f.errors = errors;
                    f
                })
                .collect();
            let page = page(&ctx, ctx.layout("Channels"), forms, None).await?;
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(e) => Err(ctx.fail(e)),
    }
}

fn label_of<'a>(f: &'a KindForm, field: &str) -> Option<&'a str> {
    f.inputs.iter().find(|i| i.name == field).map(|i| i.label)
}

/// Signs in with the stored credentials and shows whose account they open (or why not).
pub async fn test(ctx: Ctx, Path(id): Path<String>) -> PageResult {
    let admin = ctx.need(ctx.actor.admin(), ADMINS)?;
    let channel = ctx
        .desk()
        .channel(admin.org_id(), &id)
        .await
        .map_err(|e| ctx.fail(e))?;
    let tested = match ctx.desk().test_channel(&admin, &id).await {
        Ok(account) => Tested {
            channel_id: id,
            ok: true,
            message: format!(
                "{} is connected: its credentials open {}.",
                channel.name, account.display
            ),
        },
        Err(DomainError::Refused { message, .. }) => Tested {
            channel_id: id,
            ok: false,
            message: capitalise(&message) + ".",
        },
        Err(e) => return Err(ctx.fail(e)),
    };
    let page = page(&ctx, ctx.layout("Channels"), blank_forms(), Some(tested)).await?;
    Ok(render(&page))
}

pub async fn pause(ctx: Ctx, Path(id): Path<String>) -> PageResult {
    set_disabled(ctx, id, true).await
}

pub async fn resume(ctx: Ctx, Path(id): Path<String>) -> PageResult {
    set_disabled(ctx, id, false).await
}

async fn set_disabled(ctx: Ctx, id: String, disabled: bool) -> PageResult {
    let admin = ctx.need(ctx.actor.admin(), ADMINS)?;
    ctx.desk()
        .set_channel_disabled(&admin, &id, disabled)
        .await
        .map_err(|e| ctx.fail(e))?;
    Ok(done(if disabled {
        "/channels?paused=1"
    } else {
        "/channels?resumed=1"
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_build_each_networks_config_and_never_echo_secrets() {
        let f = NewChannel {
            name: "Main".into(),
            base_url: " https://mastodon.example/ ".into(),
            access_token: "secret".into(),
            api_base_url: String::new(),
            page_id: "123".into(),
            ..Default::default()
        };
        assert_eq!(
            f.config(ChannelKind::Mastodon),
            ChannelConfig::Mastodon {
                base_url: "https://mastodon.example".into(),
                access_token: "secret".into()
            }
        );
        match f.config(ChannelKind::Facebook) {
            ChannelConfig::Facebook { api_base_url, .. } => assert_eq!(api_base_url, None),
            other => panic!("{other:?}"),
        }
        let form = KindForm::filled(ChannelKind::Mastodon, &f);
        assert!(form.inputs.iter().all(|i| i.value != "secret"));
        assert_eq!(form.inputs[0].value, " https://mastodon.example/ ");
    }

    #[test]
    fn limits_read_as_a_sentence() {
        assert_eq!(
            limits_text(ChannelKind::Bluesky),
            "300 characters (graphemes); 4 images of up to 1 MB"
        );
    }
}
