//! The audit log: filter, page back in time, export, and verify the hash chain.

use super::{render, render_status, Ctx, Errors, Layout, PageResult};
use askama::Template;
use axum::extract::Query;
use axum::http::StatusCode;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use domain::store::AuditFilter;
use serde::Deserialize;

const PAGE_SIZE: i64 = 50;

#[derive(Deserialize, Default)]
pub struct AuditQuery {
    #[serde(default)]
    actor: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    before: Option<i64>,
    verify: Option<String>,
}

struct EntryRow {
    seq: i64,
    at: String,
    actor: String,
    action: String,
    target: String,
    ip: String,
    detail: String,
}

struct Verification {
    intact: bool,
    entries: usize,
    breaks: Vec<String>,
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    layout: Layout,
    actor: String,
    action: String,
    from: String,
    to: String,
    rows: Vec<EntryRow>,
    /// Query string of the same filters (for the export and paging links).
    filter_query: String,
    export_query: String,
    next_before: Option<i64>,
    paged: bool,
    verification: Option<Verification>,
    errors: Errors,
}

/// A date typed in the filter, as the start of that day in the organisation's zone.
fn day_start(tz: Tz, s: &str) -> Option<DateTime<Utc>> {
    let day = NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()?;
    let local = day.and_hms_opt(0, 0, 0)?;
    tz.from_local_datetime(&local)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

fn query_string(pairs: &[(&str, String)]) -> String {
    pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", urlencoding::encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

pub async fn show(ctx: Ctx, Query(q): Query<AuditQuery>) -> PageResult {
    let auditor = ctx.need(ctx.actor.auditor(), "administrators and trained approvers")?;
    let mut errors = Errors::default();
    let from = match q.from.trim() {
        "" => None,
        s => day_start(ctx.tz, s).or_else(|| {
            errors
                .fields
                .push(("from".into(), "Enter a date like 2026-11-28".into()));
            None
        }),
    };
    // The "to" day is included whole: entries before the start of the next day.
    let to = match q.to.trim() {
        "" => None,
        s => NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .ok()
            .and_then(|d| d.succ_opt())
            .and_then(|d| day_start(ctx.tz, &d.format("%Y-%m-%d").to_string()))
            .or_else(|| {
                errors
                    .fields
                    .push(("to".into(), "Enter a date like 2026-11-28".into()));
                None
            }),
    };
    let filter = AuditFilter {
        actor: Some(q.actor.trim().to_string()).filter(|s| !s.is_empty()),
        action: Some(q.action.trim().to_string()).filter(|s| !s.is_empty()),
        from,
        to,
        limit: PAGE_SIZE,
        before_seq: q.before,
    };
    let entries = if errors.any() {
        Vec::new()
    } else {
        ctx.desk()
            .audit_log(&auditor, filter.clone())
            .await
            .map_err(|e| ctx.fail(e))?
    };
    let next_before = (entries.len() as i64 == PAGE_SIZE)
        .then(|| entries.last().map(|e| e.seq))
        .flatten()
        .filter(|s| *s > 1);
    let rows = entries
        .into_iter()
        .map(|e| EntryRow {
            seq: e.seq,
            at: ctx.time(&e.entry.at),
            actor: e.entry.actor,
            action: e.entry.action,
            target: e.entry.target,
            ip: e.entry.ip.unwrap_or_default(),
            detail: if e.entry.detail.as_object().is_some_and(|o| o.is_empty()) {
                String::new()
            } else {
                e.entry.detail.to_string()
            },
        })
        .collect();
    let verification = match q.verify {
        Some(_) => {
            let report = ctx
                .desk()
                .verify_audit(&auditor)
                .await
                .map_err(|e| ctx.fail(e))?;
            Some(Verification {
                intact: report.intact(),
                entries: report.entries,
                breaks: report
                    .breaks
                    .iter()
                    .map(|b| format!("Entry {}: {}", b.seq, b.problem))
                    .collect(),
            })
        }
        None => None,
    };
    let filter_query = query_string(&[
        ("actor", q.actor.clone()),
        ("action", q.action.clone()),
        ("from", q.from.clone()),
        ("to", q.to.clone()),
    ]);
    // The API reads plain dates as UTC days; give it the exact instants shown here.
    let export_query = query_string(&[
        ("actor", filter.actor.clone().unwrap_or_default()),
        ("action", filter.action.clone().unwrap_or_default()),
        ("from", from.map(|t| t.to_rfc3339()).unwrap_or_default()),
        ("to", to.map(|t| t.to_rfc3339()).unwrap_or_default()),
    ]);
    let page = AuditPage {
        layout: ctx.layout("Audit log"),
        actor: q.actor,
        action: q.action,
        from: q.from,
        to: q.to,
        rows,
        filter_query,
        export_query,
        next_before,
        paged: q.before.is_some(),
        verification,
        errors,
    };
    if page.errors.any() {
        Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
    } else {
        Ok(render(&page))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filter_day_starts_at_local_midnight() {
        let t = day_start(chrono_tz::America::New_York, "2026-11-28").unwrap();
        assert_eq!(t.to_rfc3339(), "2026-11-28T05:00:00+00:00");
        assert!(day_start(chrono_tz::UTC, "28/11/2026").is_none());
    }
}
