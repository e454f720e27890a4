use crate::auth::Signed;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::IntoResponse;
use axum::Json;
use chrono::{DateTime, NaiveDate, Utc};
use domain::store::AuditFilter;
use serde::Deserialize;
use serde_json::{json, Value};

#[derive(Deserialize, Default)]
pub struct AuditQuery {
    actor: Option<String>,
    action: Option<String>,
    from: Option<String>,
    to: Option<String>,
    before: Option<i64>,
    limit: Option<i64>,
}

/// Accepts RFC 3339 times or plain dates (a `to` date includes that whole day).
fn parse_time(field: &str, s: &str, end_of_day: bool) -> Result<DateTime<Utc>, ApiError> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&Utc));
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        let d = if end_of_day {
            d.succ_opt().unwrap_or(d)
        } else {
            d
        };
        return Ok(d.and_hms_opt(0, 0, 0).expect("midnight exists").and_utc());
    }
    let mut e = ApiError::new(
        axum::http::StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
        format!("'{s}' is not a date (use 2026-11-28 or 2026-11-28T09:00:00Z)"),
    );
    e.fields = Some([(field.to_string(), "not a date".to_string())].into());
    Err(e)
}

impl AuditQuery {
    pub fn filter(&self, default_limit: i64) -> Result<AuditFilter, ApiError> {
        let blank = |s: &Option<String>| {
            s.as_ref()
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        Ok(AuditFilter {
            actor: blank(&self.actor),
            action: blank(&self.action),
            from: blank(&self.from)
                .map(|s| parse_time("from", &s, false))
                .transpose()?,
            to: blank(&self.to)
                .map(|s| parse_time("to", &s, true))
                .transpose()?,
            limit: self.limit.unwrap_or(default_limit),
            before_seq: self.before,
        })
    }
}

pub async fn list(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Query(q): Query<AuditQuery>,
) -> ApiResult<Json<Value>> {
    let filter = q.filter(100)?;
    let entries = state.desk.audit_log(&actor.auditor()?, filter).await?;
    let next = entries.last().map(|e| e.seq).filter(|s| *s > 1);
    Ok(Json(json!({"entries": entries, "next_before": next})))
}

pub async fn export_csv(
    State(state): State<AppState>,
    Signed(actor): Signed,
    Query(q): Query<AuditQuery>,
) -> ApiResult<impl IntoResponse> {
    let filter = q.filter(domain::desk::MAX_AUDIT_PAGE)?;
    let entries = state.desk.audit_log(&actor.auditor()?, filter).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"carepost-audit.csv\"",
            ),
        ],
        to_csv(&entries),
    ))
}

pub fn to_csv(entries: &[domain::audit::AuditEntry]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "seq", "at", "actor", "action", "target", "ip", "detail", "hash",
    ])
    .expect("in-memory write");
    for e in entries {
        w.write_record([
            e.seq.to_string(),
            e.entry.at.to_rfc3339(),
            e.entry.actor.clone(),
            e.entry.action.clone(),
            e.entry.target.clone(),
            e.entry.ip.clone().unwrap_or_default(),
            e.entry.detail.to_string(),
            e.hash.clone(),
        ])
        .expect("in-memory write");
    }
    String::from_utf8(w.into_inner().expect("in-memory flush")).expect("csv of strings is utf-8")
}

pub async fn verify(
    State(state): State<AppState>,
    Signed(actor): Signed,
) -> ApiResult<Json<Value>> {
    let report = state.desk.verify_audit(&actor.auditor()?).await?;
    Ok(Json(
        json!({"intact": report.intact(), "entries": report.entries, "breaks": report.breaks}),
    ))
}
