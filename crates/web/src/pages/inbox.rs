//! The inbox: the queue where responders triage and answer comments and messages, and the
//! weekly report. The queue is rendered here first (it reads without JavaScript); `inbox.js`
//! then keeps it current from the JSON API and carries the actions and keyboard shortcuts.

use super::{render, Ctx, Layout, PageResult};
use crate::state::AppState;
use askama::Template;
use axum::extract::Query;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Form, Router};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use domain::inbox::{Assignee, InboxFilter};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::LazyLock;

const RESPONDERS: &str = "responders (front desk), approvers and administrators";

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/inbox", get(queue))
        .route("/inbox/report", get(report))
        .route("/inbox/report/draft", post(draft))
        .route("/assets/inbox.js", get(script))
}

// ---------------------------------------------------------------------------------------
// The script.

const SCRIPT: &str = include_str!("../../assets/inbox.js");

static SCRIPT_VERSION: LazyLock<String> = LazyLock::new(|| super::assets::fingerprint(&[SCRIPT]));

async fn script() -> Response {
    super::assets::immutable(SCRIPT, super::assets::JS_TYPE)
}

// ---------------------------------------------------------------------------------------
// How items read. `inbox.js` mirrors these tables for the live page.

/// The guard's labels: (name, words, kind). Violations break the commenting policy and may
/// be removed; questions wait for an answer; the rest are for information.
const LABELS: [(&str, &str, &str); 9] = [
    ("advice_request", "Asks for medical advice", "question"),
    ("appointment", "Appointment", "question"),
    ("general_question", "Question", "question"),
    ("phi_disclosure", "Shares health details", "violation"),
    ("abusive", "Abusive", "violation"),
    ("spam", "Spam", "violation"),
    ("misinformation", "Misinformation", "violation"),
    ("complaint", "Complaint", "other"),
    ("praise", "Praise", "other"),
];

const STATES: [(&str, &str); 6] = [
    ("new", "New"),
    ("assigned", "Assigned"),
    ("replied", "Replied"),
    ("hidden", "Hidden"),
    ("resolved", "Resolved"),
    ("deleted", "Deleted"),
];

const ACTIONS: [(&str, &str); 9] = [
    ("hide", "Hidden"),
    ("unhide", "Shown again"),
    ("reply", "Replied"),
    ("delete", "Deleted"),
    ("resolve", "Resolved"),
    ("reopen", "Reopened"),
    ("assign", "Assigned"),
    ("flag", "Flagged"),
    ("undo", "Undone"),
];

struct Chip {
    label: String,
    class: &'static str,
}

fn chip(label: &str) -> Chip {
    match LABELS.iter().find(|(name, _, _)| *name == label) {
        Some((_, words, kind)) => Chip {
            label: (*words).to_string(),
            class: match *kind {
                "violation" => "chip-violation",
                "question" => "chip-question",
                _ => "chip-other",
            },
        },
        None => Chip {
            label: super::capitalise(&label.replace('_', " ")),
            class: "chip-other",
        },
    }
}

fn state_label(state: &str) -> String {
    STATES
        .iter()
        .find(|(s, _)| *s == state)
        .map(|(_, l)| (*l).to_string())
        .unwrap_or_else(|| super::capitalise(&state.replace('_', " ")))
}

fn action_label(kind: &str) -> String {
    ACTIONS
        .iter()
        .find(|(k, _)| *k == kind)
        .map(|(_, l)| (*l).to_string())
        .unwrap_or_else(|| super::capitalise(&kind.replace('_', " ")))
}

/// "12 min", "2 h 5 min", "3 d 4 h"; under a minute is "1 min" (a timer never says 0).
fn span(d: Duration) -> String {
    let minutes = d.num_minutes().abs().max(1);
    if minutes < 60 {
        format!("{minutes} min")
    } else if minutes < 24 * 60 {
        match minutes % 60 {
            0 => format!("{} h", minutes / 60),
            m => format!("{} h {m} min", minutes / 60),
        }
    } else {
        match (minutes / 60) % 24 {
            0 => format!("{} d", minutes / (24 * 60)),
            h => format!("{} d {h} h", minutes / (24 * 60)),
        }
    }
}

/// "just now", "5 min ago", "3 h ago", "2 d ago".
fn ago(t: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let d = now - t;
    if d.num_seconds() < 60 {
        "just now".into()
    } else if d.num_minutes() < 60 {
        format!("{} min ago", d.num_minutes())
    } else if d.num_hours() < 24 {
        format!("{} h ago", d.num_hours())
    } else {
        format!("{} d ago", d.num_days())
    }
}

fn text(v: &Value, key: &str) -> String {
    v[key].as_str().unwrap_or_default().to_string()
}

fn time(v: &Value) -> Option<DateTime<Utc>> {
    v.as_str()
        .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
        .map(|t| t.with_timezone(&Utc))
}

/// One SLA timer as the list shows it.
struct Timer {
    text: String,
    class: &'static str,
}

/// The first-response and removal timers of an item still open, from its `sla` block.
fn timers(item: &Value, now: DateTime<Utc>) -> Vec<Timer> {
    let state = item["state"].as_str().unwrap_or_default();
    let sla = &item["sla"];
    let mut out = Vec::new();
    let open = !matches!(state, "resolved" | "deleted");
    if open && item["first_response_at"].is_null() {
        if let Some(due) = time(&sla["first_response_due_at"]) {
            out.push(if due >= now {
                Timer {
                    text: format!("Reply due in {}", span(due - now)),
                    class: "sla-due",
                }
            } else {
                Timer {
                    text: format!("Reply overdue by {}", span(now - due)),
                    class: "sla-overdue",
                }
            });
        }
    }
    if open && state != "hidden" {
        if let Some(due) = time(&sla["removal_due_at"]) {
            out.push(if due >= now {
                Timer {
                    text: format!("Remove within {}", span(due - now)),
                    class: "sla-due",
                }
            } else {
                Timer {
                    text: format!("Removal overdue by {}", span(now - due)),
                    class: "sla-overdue",
                }
            });
        }
    }
    out
}

fn kind_label(kind: &str) -> &'static str {
    match kind {
        "comment" => "Comment",
        "message" => "Private message",
        "mention" => "Mention",
        _ => "Item",
    }
}

// ---------------------------------------------------------------------------------------
// The queue.

/// The filters, as the query string carries them.
#[derive(Default, Clone)]
struct Filters {
    label: String,
    state: String,
    channel: String,
    /// A user id, `me` or `none`.
    assignee: String,
}

impl Filters {
    fn from_query(q: &HashMap<String, String>) -> Filters {
        let get = |k: &str| q.get(k).map(|v| v.trim().to_string()).unwrap_or_default();
        Filters {
            label: get("label"),
            state: get("state"),
            channel: get("channel"),
            assignee: get("assignee"),
        }
    }

    /// The query string of these filters, with `item` selected.
    fn href(&self, item: &str) -> String {
        let mut parts = Vec::new();
        for (k, v) in [
            ("label", &self.label),
            ("state", &self.state),
            ("channel", &self.channel),
            ("assignee", &self.assignee),
        ] {
            if !v.is_empty() {
                parts.push(format!("{k}={}", urlencoding::encode(v)));
            }
        }
        parts.push(format!("item={}", urlencoding::encode(item)));
        format!("/inbox?{}", parts.join("&"))
    }
}

/// A clause of the commenting policy and the labels (space-separated) its rules cover.
struct Clause {
    text: String,
    labels: String,
}

struct Opt {
    value: String,
    label: String,
    selected: bool,
}

fn opts(choices: &[(String, String)], current: &str) -> Vec<Opt> {
    choices
        .iter()
        .map(|(value, label)| Opt {
            selected: value == current,
            value: value.clone(),
            label: label.clone(),
        })
        .collect()
}

struct Row {
    id: String,
    href: String,
    selected: bool,
    author: String,
    channel: String,
    kind: &'static str,
    received_iso: String,
    received_ago: String,
    received_at: String,
    excerpt: String,
    chips: Vec<Chip>,
    state: String,
    state_class: String,
    assignee: String,
    timers: Vec<Timer>,
}

#[derive(Default)]
struct HistoryRow {
    id: String,
    label: String,
    auto: bool,
    clause: Option<String>,
    by: String,
    at: String,
    undone: Option<String>,
    undoable: bool,
}

#[derive(Default)]
struct Detail {
    id: String,
    author: String,
    channel: String,
    kind: &'static str,
    received_at: String,
    text: String,
    chips: Vec<Chip>,
    state: String,
    is_hidden: bool,
    assignee: String,
    needs_person: Option<String>,
    history: Vec<HistoryRow>,
    reply: String,
}

#[derive(Template)]
#[template(path = "inbox.html")]
struct QueuePage {
    layout: Layout,
    script: &'static str,
    me: String,
    labels: Vec<Opt>,
    states: Vec<Opt>,
    channels: Vec<Opt>,
    assignees: Vec<Opt>,
    assign_to: Vec<Opt>,
    clauses: Vec<Clause>,
    filters_on: bool,
    filters: Filters,
    rows: Vec<Row>,
    has_detail: bool,
    detail: Detail,
}

/// "You", a responder's name, or "Unassigned"; `people` are (id, name).
fn assignee_name(item: &Value, me_id: &str, people: &[(String, String)]) -> String {
    match item["assigned_to"].as_str() {
        None => "Unassigned".into(),
        Some(id) if id == me_id => "You".into(),
        Some(id) => people
            .iter()
            .find(|(p, _)| p == id)
            .map(|(_, name)| name.clone())
            // Someone who no longer answers the inbox.
            .unwrap_or_else(|| "Assigned".into()),
    }
}

/// The first 160 characters of the (already redacted) text, on one line.
fn excerpt(s: &str) -> String {
    let one_line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: String = one_line.chars().take(160).collect();
    if one_line.chars().count() > 160 {
        out.push('…');
    }
    out
}

async fn queue(ctx: Ctx, Query(q): Query<HashMap<String, String>>) -> PageResult {
    let responder = ctx.need(ctx.actor.responder(), RESPONDERS)?;
    let viewer = ctx.need(ctx.actor.viewer(), RESPONDERS)?;
    let me_id = ctx.actor.user().id.clone();
    let filters = Filters::from_query(&q);
    let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
    let filter = InboxFilter {
        label: some(&filters.label),
        state: some(&filters.state),
        channel_id: some(&filters.channel),
        assignee: match filters.assignee.as_str() {
            "" => None,
            "none" => Some(Assignee::Nobody),
            "me" => Some(Assignee::User(me_id.clone())),
            id => Some(Assignee::User(id.to_string())),
        },
        limit: 100,
    };
    let page = ctx
        .desk()
        .inbox(&responder, filter)
        .await
        .map_err(|e| ctx.fail(e))?;
    // The queue as the API shows it (`{"items", "now", "targets"}`), so the page and the
    // script read the same fields.
    let page = serde_json::to_value(&page).map_err(|e| {
        ctx.fail(domain::DomainError::Store(format!(
            "the inbox could not be read: {e}"
        )))
    })?;
    let channels = ctx
        .desk()
        .channels(&viewer)
        .await
        .map_err(|e| ctx.fail(e))?;
    let people: Vec<(String, String)> = ctx
        .desk()
        .inbox_responders(&responder)
        .await
        .map_err(|e| ctx.fail(e))?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    // The clauses of the commenting policy a hide can cite, with the labels each covers.
    let policy = ctx
        .desk()
        .policy_in_force(ctx.actor.org_id())
        .await
        .map_err(|e| ctx.fail(e))?;
    let mut clauses: Vec<Clause> = Vec::new();
    for rule in &policy.rules {
        match clauses.iter_mut().find(|c| c.text == rule.clause) {
            Some(c) => c.labels.push_str(&format!(" {}", rule.label)),
            None => clauses.push(Clause {
                text: rule.clause.clone(),
                labels: rule.label.clone(),
            }),
        }
    }
    let channel_name = |id: &str| {
        channels
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.name.clone())
            .unwrap_or_else(|| "A removed channel".into())
    };
    let items: Vec<Value> = page["items"]
        .as_array()
        .or(page.as_array())
        .into_iter()
        .flatten()
        .cloned()
        .collect();
    let now = time(&page["now"]).unwrap_or_else(Utc::now);
    let selected_id = q
        .get("item")
        .filter(|id| items.iter().any(|i| i["id"] == id.as_str()))
        .cloned()
        .or_else(|| items.first().map(|i| text(i, "id")));
    let rows = items
        .iter()
        .map(|i| {
            let id = text(i, "id");
            let received = time(&i["received_at"]).unwrap_or(now);
            let state = text(i, "state");
            Row {
                href: filters.href(&id),
                selected: Some(&id) == selected_id.as_ref(),
                author: text(i, "author_name"),
                channel: channel_name(&text(i, "channel_id")),
                kind: kind_label(&text(i, "kind")),
                received_iso: received.to_rfc3339(),
                received_ago: ago(received, now),
                received_at: ctx.time(&received),
                excerpt: excerpt(&text(i, "text")),
                chips: labels_of(i),
                state_class: format!("state-{state}"),
                state: state_label(&state),
                assignee: assignee_name(i, &me_id, &people),
                timers: timers(i, now),
                id,
            }
        })
        .collect();
    let detail = selected_id
        .as_ref()
        .and_then(|id| items.iter().find(|i| i["id"] == id.as_str()))
        .map(|i| {
            let state = text(i, "state");
            Detail {
                id: text(i, "id"),
                author: text(i, "author_name"),
                channel: channel_name(&text(i, "channel_id")),
                kind: kind_label(&text(i, "kind")),
                received_at: time(&i["received_at"])
                    .map(|t| ctx.time(&t))
                    .unwrap_or_default(),
                text: text(i, "text"),
                chips: labels_of(i),
                is_hidden: state == "hidden",
                state: state_label(&state),
                assignee: assignee_name(i, &me_id, &people),
                needs_person: i["needs_person"]
                    .as_str()
                    .filter(|s| !s.is_empty())
                    .map(str::to_string),
                history: i["actions"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|a| HistoryRow {
                        id: text(a, "id"),
                        label: action_label(&text(a, "kind")),
                        auto: a["auto"].as_bool().unwrap_or(false),
                        clause: a["clause"]
                            .as_str()
                            .filter(|s| !s.is_empty())
                            .map(str::to_string),
                        by: text(a, "by"),
                        at: time(&a["at"]).map(|t| ctx.time(&t)).unwrap_or_default(),
                        undone: time(&a["undone_at"]).map(|t| ctx.time(&t)),
                        undoable: a["undoable"].as_bool().unwrap_or(false),
                    })
                    .collect(),
                reply: text(i, "suggested_reply"),
            }
        });
    let labels: Vec<(String, String)> = std::iter::once((String::new(), "Any label".into()))
        .chain(
            LABELS
                .iter()
                .map(|(n, w, _)| (n.to_string(), w.to_string())),
        )
        .collect();
    let states: Vec<(String, String)> = std::iter::once((String::new(), "Any state".into()))
        .chain(STATES.iter().map(|(n, w)| (n.to_string(), w.to_string())))
        .collect();
    let channel_choices: Vec<(String, String)> =
        std::iter::once((String::new(), "Every channel".into()))
            .chain(channels.iter().map(|c| (c.id.clone(), c.name.clone())))
            .collect();
    let mut assignees: Vec<(String, String)> = vec![
        (String::new(), "Anyone".into()),
        ("me".into(), "Mine".into()),
        ("none".into(), "Unassigned".into()),
    ];
    assignees.extend(people.iter().filter(|(id, _)| *id != me_id).cloned());
    // A filter by the id of someone who no longer answers stays selectable.
    if !["", "me", "none"].contains(&filters.assignee.as_str())
        && !people.iter().any(|(id, _)| *id == filters.assignee)
    {
        assignees.push((filters.assignee.clone(), "A former responder".into()));
    }
    // Who an item can be given to: me first.
    let assign_to = opts(
        &people
            .iter()
            .map(|(id, name)| {
                let label = if *id == me_id {
                    format!("{name} (me)")
                } else {
                    name.clone()
                };
                (id.clone(), label)
            })
            .collect::<Vec<_>>(),
        &me_id,
    );
    let page = QueuePage {
        layout: ctx.layout("Inbox"),
        script: SCRIPT_VERSION.as_str(),
        me: me_id,
        labels: opts(&labels, &filters.label),
        states: opts(&states, &filters.state),
        channels: opts(&channel_choices, &filters.channel),
        assignees: opts(&assignees, &filters.assignee),
        assign_to,
        clauses,
        filters_on: !(filters.label.is_empty()
            && filters.state.is_empty()
            && filters.channel.is_empty()
            && filters.assignee.is_empty()),
        filters,
        rows,
        has_detail: detail.is_some(),
        detail: detail.unwrap_or_default(),
    };
    Ok(render(&page))
}

fn labels_of(item: &Value) -> Vec<Chip> {
    item["labels"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(chip)
        .collect()
}

// ---------------------------------------------------------------------------------------
// The weekly report: rendered here in full, so it reads without JavaScript; "Draft a post
// about this" is a plain form.

#[derive(Template)]
#[template(path = "inbox_report.html")]
struct ReportPage {
    layout: Layout,
    csrf: String,
    week: String,
    week_label: String,
    previous: String,
    next: String,
    can_draft: bool,
    received: usize,
    sla: Vec<SlaRow>,
    labels: Vec<(Chip, String, usize)>,
    questions: Vec<TopicRow>,
    strengths: Vec<TopicRow>,
    weaknesses: Vec<TopicRow>,
}

/// One measure of the response-time table.
struct SlaRow {
    key: &'static str,
    name: &'static str,
    count: usize,
    median: String,
    p90: String,
    within: String,
    target: String,
    over_target: bool,
}

struct TopicRow {
    topic: String,
    headline: String,
    meta: String,
    examples: Vec<String>,
}

/// A duration in (fractional) minutes as the report shows it.
fn minutes(m: Option<f64>) -> String {
    match m {
        None => "—".into(),
        Some(m) if m < 1.0 => "under 1 min".into(),
        Some(m) => span(Duration::seconds((m * 60.0).round() as i64)),
    }
}

fn sla_row(key: &'static str, name: &'static str, d: &domain::moderation::Durations) -> SlaRow {
    SlaRow {
        key,
        name,
        count: d.count,
        median: minutes(d.median_minutes),
        p90: minutes(d.p90_minutes),
        // "8 of 10 (80%)": how many of the week's responses met the target.
        within: if d.count == 0 {
            "—".into()
        } else {
            format!(
                "{} of {} ({}%)",
                d.within_target,
                d.count,
                (d.within_target as f64 * 100.0 / d.count as f64).round()
            )
        },
        target: minutes(Some(d.target_minutes as f64)),
        over_target: d
            .median_minutes
            .is_some_and(|m| m > d.target_minutes as f64),
    }
}

fn topic_rows(list: &[domain::desk::Headlined]) -> Vec<TopicRow> {
    list.iter()
        .map(|t| TopicRow {
            topic: t.count.topic.clone(),
            headline: t.headline.clone(),
            meta: format!(
                "{} · {} {}",
                super::capitalise(&t.count.label.replace('_', " ")),
                t.count.count,
                if t.count.count == 1 { "time" } else { "times" }
            ),
            examples: t.count.examples.clone(),
        })
        .collect()
}

/// The Monday of the week holding `day`.
fn week_start(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

async fn report(ctx: Ctx, Query(q): Query<HashMap<String, String>>) -> PageResult {
    // Listening is for the whole team: marketers turn the questions into posts.
    let viewer = ctx.need(ctx.actor.viewer(), "signed-in members")?;
    let today = Utc::now().with_timezone(&ctx.tz).date_naive();
    let day = match q.get("week").map(|w| w.trim()).filter(|w| !w.is_empty()) {
        None => today,
        Some(w) => match NaiveDate::parse_from_str(w, "%Y-%m-%d") {
            Ok(d) => d,
            Err(_) => {
                return Err(ctx.fail(domain::DomainError::invalid(
                    "week",
                    "choose a day of the week as YYYY-MM-DD",
                )))
            }
        },
    };
    let r = ctx
        .desk()
        .inbox_report(&viewer, Some(day))
        .await
        .map_err(|e| ctx.fail(e))?;
    let start = week_start(day);
    let end = start + Duration::days(6);
    let mut labels: Vec<_> = r.by_label.iter().filter(|(_, n)| **n > 0).collect();
    labels.sort_by(|a, b| b.1.cmp(a.1));
    let page = ReportPage {
        layout: ctx.layout("Inbox report"),
        csrf: ctx.csrf(),
        week: start.format("%Y-%m-%d").to_string(),
        week_label: format!(
            "{} to {}",
            start.format("%a %-d %b %Y"),
            end.format("%a %-d %b %Y")
        ),
        previous: (start - Duration::days(7)).format("%Y-%m-%d").to_string(),
        next: (start + Duration::days(7)).format("%Y-%m-%d").to_string(),
        can_draft: ctx.actor.author().is_ok(),
        received: r.received,
        sla: vec![
            sla_row("first_response", "First response", &r.first_response),
            sla_row("removal", "Removal of violations", &r.removal),
        ],
        labels: labels
            .into_iter()
            .map(|(name, n)| (chip(name), name.clone(), *n))
            .collect(),
        questions: topic_rows(&r.questions),
        strengths: topic_rows(&r.strengths),
        weaknesses: topic_rows(&r.weaknesses),
    };
    Ok(render(&page))
}

/// "Draft a post about this": a draft from the week's questions on the topic, opened for
/// editing.
async fn draft(ctx: Ctx, Form(form): Form<HashMap<String, String>>) -> PageResult {
    let author = ctx.need(ctx.actor.author(), "authors, approvers and administrators")?;
    let topic = form.get("topic").map(String::as_str).unwrap_or_default();
    let post = ctx
        .desk()
        .draft_post_about(&author, topic)
        .await
        .map_err(|e| ctx.fail(e))?;
    Ok(super::done(&format!("/posts/{}", post.post.id)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn spans_read_in_minutes_hours_and_days() {
        assert_eq!(span(Duration::seconds(20)), "1 min");
        assert_eq!(span(Duration::minutes(12)), "12 min");
        assert_eq!(span(Duration::minutes(125)), "2 h 5 min");
        assert_eq!(span(Duration::minutes(120)), "2 h");
        assert_eq!(span(Duration::minutes(-5)), "5 min");
        assert_eq!(span(Duration::hours(52)), "2 d 4 h");
    }

    #[test]
    fn timers_count_to_the_due_times_of_open_items() {
        let now = Utc::now();
        let item = json!({
            "state": "new", "first_response_at": null,
            "sla": {"first_response_due_at": (now + Duration::minutes(12)).to_rfc3339(),
                    "removal_due_at": (now - Duration::minutes(5)).to_rfc3339()}
        });
        let t: Vec<_> = timers(&item, now).into_iter().map(|t| t.text).collect();
        assert_eq!(t, ["Reply due in 12 min", "Removal overdue by 5 min"]);
        // Answered and hidden: nothing left to time.
        let mut done = item.clone();
        done["first_response_at"] = json!(now.to_rfc3339());
        done["state"] = json!("hidden");
        assert!(timers(&done, now).is_empty());
        // Before the API sends SLA figures, no timer is invented.
        assert!(timers(&json!({"state": "new", "first_response_at": null}), now).is_empty());
    }

    #[test]
    fn links_keep_the_filters_and_encode_them() {
        let f = Filters {
            label: "spam".into(),
            channel: "a b".into(),
            ..Default::default()
        };
        assert_eq!(f.href("x1"), "/inbox?label=spam&channel=a%20b&item=x1");
    }

    #[test]
    fn violations_and_questions_look_different() {
        assert_eq!(chip("spam").class, "chip-violation");
        assert_eq!(chip("advice_request").class, "chip-question");
        assert_eq!(chip("praise").class, "chip-other");
        assert_eq!(chip("new_label").label, "New label");
    }

    #[test]
    fn weeks_start_on_monday() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(); // a Sunday
        assert_eq!(
            week_start(d),
            NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
        );
    }
}
