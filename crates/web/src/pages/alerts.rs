//! Facility alerts: the list with the form for a new one, and one alert's page with its
//! pins, delivery counts and failures (kept current by `alerts.js`), ending and extending.

use super::{done, render, render_status, Ctx, Errors, Layout, PageResult};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Form, Router};
use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use domain::alert::{Alert, AlertState, Medium, Notify};
use domain::desk::{AlertInput, AlertView};
use domain::publishing::DeliveryState;
use domain::DomainError;
use std::collections::HashMap;
use std::sync::LazyLock;

/// The form's fields in page order, for the error summary.
const FIELDS: [&str; 8] = [
    "title",
    "body",
    "channel_ids",
    "segments",
    "notify",
    "starts_at",
    "expires_at",
    "all_clear",
];

/// Message states in the order the counts table shows them (the desk's names).
const MESSAGE_STATES: [(&str, &str); 8] = [
    ("queued", "Queued"),
    ("sending", "Sending"),
    ("sent", "Sent"),
    ("delivered", "Delivered"),
    ("failed", "Failed"),
    ("opted_out", "Opted out"),
    ("unknown", "Unknown"),
    ("cancelled", "Cancelled"),
];

const APPROVERS: &str = "approvers (compliance) and administrators";

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/alerts", get(list).post(create))
        .route("/alerts/{id}", get(show))
        .route("/alerts/{id}/end", post(end))
        .route("/alerts/{id}/extend", post(extend))
        .route("/assets/alerts.js", get(script))
}

// ---------------------------------------------------------------------------------------
// The live-update script.

const SCRIPT: &str = include_str!("../../assets/alerts.js");

static SCRIPT_VERSION: LazyLock<String> = LazyLock::new(|| super::assets::fingerprint(&[SCRIPT]));

/// `/assets/alerts.js`: the body counter of the form and the alert page's live numbers.
async fn script() -> Response {
    super::assets::immutable(SCRIPT, super::assets::JS_TYPE)
}

// ---------------------------------------------------------------------------------------
// How alerts read.

struct Badge {
    label: &'static str,
    class: &'static str,
}

fn state_badge(s: AlertState) -> Badge {
    let (label, class) = match s {
        AlertState::Scheduled => ("Scheduled", "state-scheduled"),
        AlertState::Active => ("Active", "state-bad"),
        AlertState::Ended => ("Ended", "state-draft"),
    };
    Badge { label, class }
}

/// A pin's state in words: the pin's own state once known, else its post's delivery.
/// `alerts.js` mirrors this for the live page.
fn pin_label(pin_state: Option<&str>, delivery: DeliveryState) -> &'static str {
    match pin_state {
        Some("pinned") => "Pinned",
        Some("unpinned") => "Unpinned",
        Some("failed") => "Pinning failed",
        _ => match delivery {
            DeliveryState::Pending => "Waiting for its time",
            DeliveryState::Sending | DeliveryState::Retrying => "Posting",
            DeliveryState::Published => "Posted",
            DeliveryState::Failed => "Posting failed",
            DeliveryState::Withdrawing => "Being taken down",
            DeliveryState::Withdrawn => "Taken down",
            DeliveryState::Cancelled => "Cancelled",
        },
    }
}

fn medium_label(m: &str) -> &'static str {
    match Medium::parse(m) {
        Some(Medium::Email) => "Email",
        Some(Medium::Sms) => "SMS",
        Some(Medium::Voice) => "Voice call",
        None => "Other",
    }
}

fn notify_label(n: &Notify) -> String {
    let media: Vec<&str> = n.media().iter().map(|m| medium_label(m.as_str())).collect();
    if media.is_empty() {
        "No one (channels only)".into()
    } else {
        media.join(", ")
    }
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

// ---------------------------------------------------------------------------------------
// The list and the form.

struct Row {
    id: String,
    title: String,
    badge: Badge,
    starts: String,
    ends: String,
}

/// Active alerts first, then those still to come, then the ended; newest first in each.
fn ordered(mut alerts: Vec<Alert>) -> Vec<Alert> {
    let rank = |s: AlertState| match s {
        AlertState::Active => 0,
        AlertState::Scheduled => 1,
        AlertState::Ended => 2,
    };
    alerts.sort_by(|a, b| {
        rank(a.state)
            .cmp(&rank(b.state))
            .then(b.starts_at.cmp(&a.starts_at))
    });
    alerts
}

struct Choice {
    value: String,
    label: String,
    checked: bool,
}

/// The form's values as typed.
#[derive(Default)]
struct Draft {
    title: String,
    body: String,
    channel_ids: Vec<String>,
    segments: Vec<String>,
    email: bool,
    sms: bool,
    voice: bool,
    starts_at: String,
    expires_at: String,
    all_clear: String,
}

impl Draft {
    fn from_pairs(pairs: Vec<(String, String)>) -> Draft {
        let mut d = Draft::default();
        for (k, v) in pairs {
            match k.as_str() {
                "title" => d.title = v,
                "body" => d.body = v,
                "channel_ids" => d.channel_ids.push(v),
                "segments" => d.segments.push(v),
                "notify" => match v.as_str() {
                    "email" => d.email = true,
                    "sms" => d.sms = true,
                    "voice" => d.voice = true,
                    _ => {}
                },
                "starts_at" => d.starts_at = v,
                "expires_at" => d.expires_at = v,
                "all_clear" => d.all_clear = v,
                _ => {}
            }
        }
        d
    }
}

/// A guard finding that stopped the alert, as the form lists it.
struct Finding {
    kind: String,
    text: String,
    reason: String,
}

#[derive(Template)]
#[template(path = "alerts_list.html")]
struct ListPage {
    layout: Layout,
    script: &'static str,
    csrf: String,
    rows: Vec<Row>,
    can_create: bool,
    draft: Draft,
    channels: Vec<Choice>,
    segments: Vec<Choice>,
    notify: Vec<Choice>,
    findings: Vec<Finding>,
    errors: Errors,
    tz: String,
}

async fn list_page(ctx: &Ctx, draft: Draft, errors: Errors, findings: Vec<Finding>) -> PageResult {
    let viewer = ctx.need(ctx.actor.viewer(), "signed-in members")?;
    let desk = ctx.desk();
    let alerts = desk.alerts(&viewer, None).await.map_err(|e| ctx.fail(e))?;
    let can_create = ctx.actor.approver().is_ok();
    let (channels, segments) = if can_create {
        let channels = desk.channels(&viewer).await.map_err(|e| ctx.fail(e))?;
        let segments = desk.segments(&viewer).await.map_err(|e| ctx.fail(e))?;
        (
            channels
                .into_iter()
                .filter(|c| !c.disabled)
                .map(|c| Choice {
                    checked: draft.channel_ids.contains(&c.id),
                    value: c.id,
                    label: c.name,
                })
                .collect(),
            segments
                .into_iter()
                .map(|s| Choice {
                    checked: draft.segments.iter().any(|d| d.eq_ignore_ascii_case(&s)),
                    label: s.clone(),
                    value: s,
                })
                .collect(),
        )
    } else {
        (Vec::new(), Vec::new())
    };
    let notify = [
        ("email", "Email", draft.email),
        ("sms", "SMS", draft.sms),
        ("voice", "Voice call", draft.voice),
    ]
    .into_iter()
    .map(|(value, label, checked)| Choice {
        value: value.into(),
        label: label.into(),
        checked,
    })
    .collect();
    let status = if errors.any() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = ListPage {
        layout: ctx.layout("Alerts"),
        script: SCRIPT_VERSION.as_str(),
        csrf: ctx.csrf(),
        rows: ordered(alerts)
            .iter()
            .map(|a| Row {
                id: a.id.clone(),
                title: a.title.clone(),
                badge: state_badge(a.state),
                starts: ctx.time(&a.starts_at),
                ends: ctx.time(a.ended_at.as_ref().unwrap_or(&a.expires_at)),
            })
            .collect(),
        can_create,
        draft,
        channels,
        segments,
        notify,
        findings,
        errors,
        tz: ctx.tz.to_string(),
    };
    Ok(render_status(status, &page))
}

pub async fn list(ctx: Ctx) -> PageResult {
    list_page(&ctx, Draft::default(), Errors::default(), Vec::new()).await
}

pub async fn create(ctx: Ctx, Form(pairs): Form<Vec<(String, String)>>) -> PageResult {
    let approver = ctx.need(ctx.actor.approver(), APPROVERS)?;
    let draft = Draft::from_pairs(pairs);
    let mut local = Errors::default();
    let starts_at = local_to_rfc3339(&draft.starts_at, ctx.tz).unwrap_or_else(|m| {
        local.fields.push(("starts_at".into(), m));
        None
    });
    let expires_at = match local_to_rfc3339(&draft.expires_at, ctx.tz) {
        Ok(Some(t)) => t,
        Ok(None) => {
            local
                .fields
                .push(("expires_at".into(), "Choose when the alert ends".into()));
            String::new()
        }
        Err(m) => {
            local.fields.push(("expires_at".into(), m));
            String::new()
        }
    };
    if local.any() {
        return list_page(&ctx, draft, local.ordered(&FIELDS), Vec::new()).await;
    }
    let input = AlertInput {
        title: draft.title.clone(),
        body: draft.body.clone(),
        channel_ids: draft.channel_ids.clone(),
        segments: draft.segments.clone(),
        notify: Notify {
            email: draft.email,
            sms: draft.sms,
            voice: draft.voice,
        },
        starts_at,
        expires_at,
        all_clear: Some(draft.all_clear.clone()),
    };
    match ctx.desk().create_alert(&approver, input).await {
        Ok(view) => Ok(done(&format!("/alerts/{}?created=1", view.alert.id))),
        Err(e @ DomainError::Validation(..)) => {
            list_page(
                &ctx,
                draft,
                Errors::from_domain(&e).ordered(&FIELDS),
                Vec::new(),
            )
            .await
        }
        Err(DomainError::Refused {
            code,
            message,
            details,
        }) => {
            // The guard's findings as the API sends them: kind, the text found and why.
            let findings = match details["findings"].as_array() {
                Some(list) if code == "phi_detected" => list
                    .iter()
                    .map(|f| {
                        let field = |k: &str| f[k].as_str().unwrap_or_default().to_string();
                        Finding {
                            kind: super::check::kind_label(&field("kind")),
                            text: field("text"),
                            reason: field("reason"),
                        }
                    })
                    .collect(),
                _ => Vec::new(),
            };
            let errors = Errors {
                summary: Some(super::capitalise(&message) + "."),
                fields: Vec::new(),
            };
            list_page(&ctx, draft, errors, findings).await
        }
        Err(e) => Err(ctx.fail(e)),
    }
}

// ---------------------------------------------------------------------------------------
// One alert.

struct Pin {
    channel_id: String,
    channel: String,
    label: &'static str,
    remote_url: Option<String>,
    last_error: Option<String>,
}

struct CountRow {
    medium: String,
    label: &'static str,
    /// (state, count) in `MESSAGE_STATES` order.
    counts: Vec<(&'static str, i64)>,
}

struct FailureRow {
    medium: &'static str,
    state: String,
    contact: String,
    reason: String,
}

#[derive(Template)]
#[template(path = "alerts_show.html")]
struct ShowPage {
    layout: Layout,
    script: &'static str,
    csrf: String,
    id: String,
    title: String,
    body: String,
    badge: Badge,
    starts: String,
    ends: String,
    ended: bool,
    segments: String,
    notify: String,
    all_clear: Option<String>,
    pins: Vec<Pin>,
    states: Vec<&'static str>,
    counts: Vec<CountRow>,
    failures: Vec<FailureRow>,
    can_manage: bool,
    extend_value: String,
    end_all_clear: String,
    errors: Errors,
}

fn show_page(ctx: &Ctx, view: AlertView, errors: Errors, extend_value: Option<String>) -> ShowPage {
    let a = &view.alert;
    // Every medium the alert sends by, and any the counts know of.
    let mut media: Vec<String> = a
        .notify
        .media()
        .iter()
        .map(|m| m.as_str().to_string())
        .collect();
    for m in view.deliveries.keys() {
        if !media.contains(m) {
            media.push(m.clone());
        }
    }
    let counts = media
        .into_iter()
        .map(|m| {
            let by_state = view.deliveries.get(&m);
            CountRow {
                label: medium_label(&m),
                counts: MESSAGE_STATES
                    .iter()
                    .map(|(s, _)| (*s, by_state.and_then(|b| b.get(*s)).copied().unwrap_or(0)))
                    .collect(),
                medium: m,
            }
        })
        .collect();
    let ended = a.state == AlertState::Ended;
    ShowPage {
        layout: ctx.layout(&format!("Alert: {}", a.title)),
        script: SCRIPT_VERSION.as_str(),
        csrf: ctx.csrf(),
        id: a.id.clone(),
        title: a.title.clone(),
        body: a.body.clone(),
        badge: state_badge(a.state),
        starts: ctx.time(&a.starts_at),
        ends: ctx.time(a.ended_at.as_ref().unwrap_or(&a.expires_at)),
        ended,
        segments: if a.segments.is_empty() {
            "None".into()
        } else {
            a.segments.join(", ")
        },
        notify: notify_label(&a.notify),
        all_clear: a.all_clear.clone(),
        pins: view
            .pins
            .iter()
            .map(|p| Pin {
                channel_id: p.channel_id.clone(),
                channel: p.channel_name.clone(),
                label: pin_label(p.pin_state.as_deref(), p.delivery_state),
                remote_url: p.remote_url.clone(),
                last_error: p.last_error.clone(),
            })
            .collect(),
        states: MESSAGE_STATES.iter().map(|(_, label)| *label).collect(),
        counts,
        failures: view
            .failures
            .iter()
            .map(|f| FailureRow {
                medium: medium_label(f.medium.as_str()),
                state: f.state.replace('_', " "),
                contact: f.contact_id.clone(),
                reason: f.reason.clone().unwrap_or_else(|| "No reason given".into()),
            })
            .collect(),
        can_manage: !ended && ctx.actor.approver().is_ok(),
        extend_value: extend_value.unwrap_or_else(|| to_local_input(&a.expires_at, ctx.tz)),
        end_all_clear: a.all_clear.clone().unwrap_or_default(),
        errors,
    }
}

pub async fn show(
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> PageResult {
    let viewer = ctx.need(ctx.actor.viewer(), "signed-in members")?;
    let view = ctx
        .desk()
        .get_alert(&viewer, &id)
        .await
        .map_err(|e| ctx.fail(e))?;
    let mut page = show_page(&ctx, view, Errors::default(), None);
    page.layout.notice = if q.contains_key("created") {
        Some("The alert is saved. It is pinned and sent at its start time.".into())
    } else if q.contains_key("ended") {
        Some("The alert is ended: its posts are unpinned and pending messages stopped.".into())
    } else if q.contains_key("extended") {
        Some("The alert's end is moved.".into())
    } else {
        None
    };
    Ok(render(&page))
}

#[derive(serde::Deserialize)]
pub struct EndForm {
    #[serde(default)]
    all_clear: String,
}

pub async fn end(ctx: Ctx, Path(id): Path<String>, Form(form): Form<EndForm>) -> PageResult {
    let approver = ctx.need(ctx.actor.approver(), APPROVERS)?;
    let all_clear = Some(form.all_clear).filter(|a| !a.trim().is_empty());
    match ctx.desk().end_alert(&approver, &id, all_clear).await {
        Ok(_) => Ok(done(&format!("/alerts/{id}?ended=1"))),
        Err(e) => Err(ctx.fail(e)),
    }
}

#[derive(serde::Deserialize)]
pub struct ExtendForm {
    #[serde(default)]
    expires_at: String,
}

pub async fn extend(ctx: Ctx, Path(id): Path<String>, Form(form): Form<ExtendForm>) -> PageResult {
    let approver = ctx.need(ctx.actor.approver(), APPROVERS)?;
    let expires_at = match local_to_rfc3339(&form.expires_at, ctx.tz) {
        Ok(Some(t)) => t,
        Ok(None) => {
            let errors = Errors::one("expires_at", "Choose the new end");
            return extend_refused(&ctx, &id, errors, form.expires_at).await;
        }
        Err(m) => {
            let errors = Errors::one("expires_at", &m);
            return extend_refused(&ctx, &id, errors, form.expires_at).await;
        }
    };
    match ctx.desk().extend_alert(&approver, &id, &expires_at).await {
        Ok(_) => Ok(done(&format!("/alerts/{id}?extended=1"))),
        Err(e @ DomainError::Validation(..)) => {
            extend_refused(&ctx, &id, Errors::from_domain(&e), form.expires_at).await
        }
        Err(e) => Err(ctx.fail(e)),
    }
}

/// The alert's page again with the extend form's error and the time as typed.
async fn extend_refused(ctx: &Ctx, id: &str, errors: Errors, typed: String) -> PageResult {
    let viewer = ctx.actor.viewer().map_err(|e| ctx.fail(e))?;
    let view = ctx
        .desk()
        .get_alert(&viewer, id)
        .await
        .map_err(|e| ctx.fail(e))?;
    let page = show_page(ctx, view, errors, Some(typed));
    Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alert(state: AlertState, starts: &str) -> Alert {
        let t = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        Alert {
            id: format!("{state:?}-{starts}"),
            org_id: "o".into(),
            title: "t".into(),
            body: "b".into(),
            channel_ids: vec![],
            segments: vec![],
            notify: Notify::default(),
            starts_at: t(starts),
            expires_at: t("2030-01-01T00:00:00Z"),
            state,
            post_id: None,
            all_clear: None,
            created_by: "u".into(),
            ended_at: None,
            created_at: t(starts),
        }
    }

    #[test]
    fn active_alerts_come_first_then_scheduled_then_ended_newest_first() {
        let list = ordered(vec![
            alert(AlertState::Ended, "2026-01-03T00:00:00Z"),
            alert(AlertState::Active, "2026-01-01T00:00:00Z"),
            alert(AlertState::Scheduled, "2026-01-05T00:00:00Z"),
            alert(AlertState::Active, "2026-01-02T00:00:00Z"),
        ]);
        let order: Vec<_> = list.iter().map(|a| (a.state, a.starts_at.day())).collect();
        use chrono::Datelike;
        assert_eq!(
            order,
            [
                (AlertState::Active, 2),
                (AlertState::Active, 1),
                (AlertState::Scheduled, 5),
                (AlertState::Ended, 3)
            ]
        );
    }

    #[test]
    fn local_times_are_read_in_the_org_zone() {
        let tz: Tz = "America/New_York".parse().unwrap();
        assert_eq!(
            local_to_rfc3339("2026-12-01T09:00", tz).unwrap().as_deref(),
            Some("2026-12-01T09:00:00-05:00")
        );
        assert_eq!(local_to_rfc3339("  ", tz), Ok(None));
        assert!(local_to_rfc3339("2026-03-08T02:30", tz).is_err());
        assert!(local_to_rfc3339("tomorrow", tz).is_err());
    }

    #[test]
    fn repeated_fields_of_the_form_are_all_kept() {
        let d = Draft::from_pairs(vec![
            ("channel_ids".into(), "a".into()),
            ("channel_ids".into(), "b".into()),
            ("notify".into(), "sms".into()),
            ("segments".into(), "North".into()),
        ]);
        assert_eq!(d.channel_ids, ["a", "b"]);
        assert_eq!(d.segments, ["North"]);
        assert!(d.sms && !d.email && !d.voice);
    }
}
