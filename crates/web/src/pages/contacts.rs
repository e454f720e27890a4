//! The people alerts reach: the paged contact list with a segment filter, the CSV import
//! with its line-by-line report, and (for administrators) the organisation's segments.

use super::media::{assets_version, read_parts};
use super::{done, lines, render, render_status, Ctx, Errors, Layout, PageResult};
use crate::state::AppState;
use askama::Template;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{DefaultBodyLimit, Query};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Form, Router};
use domain::contacts::Contact;
use domain::desk::ImportReport;
use domain::DomainError;
use serde::Deserialize;

/// Contacts per page.
const PAGE: i64 = 50;

/// A CSV of tens of thousands of contacts fits; the desk reports each bad line.
const IMPORT_LIMIT_MB: usize = 10;

const APPROVERS: &str = "approvers (compliance) and administrators";

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/contacts", get(list))
        .route(
            "/contacts/import",
            post(import).layer(DefaultBodyLimit::max(IMPORT_LIMIT_MB * 1_048_576)),
        )
        .route("/contacts/segments", post(save_segments))
}

struct Row {
    name: String,
    email: String,
    phone: String,
    language: String,
    segments: String,
    opt_ins: String,
}

impl Row {
    fn new(c: &Contact) -> Row {
        let opt_ins: Vec<&str> = [
            (c.email_opt_in, "Email"),
            (c.sms_opt_in, "SMS"),
            (c.voice_opt_in, "Voice"),
        ]
        .into_iter()
        .filter_map(|(on, label)| on.then_some(label))
        .collect();
        Row {
            name: c.name.clone(),
            email: c.email.clone().unwrap_or_default(),
            phone: c.phone.clone().unwrap_or_default(),
            language: c.language.clone(),
            segments: c.segments.join(", "),
            opt_ins: if opt_ins.is_empty() {
                "None".into()
            } else {
                opt_ins.join(", ")
            },
        }
    }
}

struct SegmentChoice {
    name: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "contacts_list.html")]
struct ListPage {
    layout: Layout,
    assets: &'static str,
    csrf: String,
    total: i64,
    rows: Vec<Row>,
    segment: String,
    segments: Vec<SegmentChoice>,
    /// Links to the neighbouring pages, when there are any.
    previous: Option<String>,
    next: Option<String>,
    page: i64,
    report: Option<ImportReport>,
    import_errors: Errors,
    is_admin: bool,
    segments_text: String,
    segment_errors: Errors,
}

#[derive(Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    segment: String,
    #[serde(default)]
    page: Option<i64>,
    #[serde(default)]
    saved: Option<String>,
}

/// What a refused form leaves on the page besides the list.
#[derive(Default)]
struct Extra {
    report: Option<ImportReport>,
    import_errors: Errors,
    segments_text: Option<String>,
    segment_errors: Errors,
}

fn page_link(segment: &str, page: i64) -> String {
    if segment.is_empty() {
        format!("/contacts?page={page}")
    } else {
        format!(
            "/contacts?segment={}&page={page}",
            urlencoding::encode(segment)
        )
    }
}

async fn list_page(
    ctx: &Ctx,
    q: ListQuery,
    extra: Extra,
) -> Result<ListPage, axum::response::Response> {
    let approver = ctx.need(ctx.actor.approver(), APPROVERS)?;
    let viewer = approver.actor().viewer().map_err(|e| ctx.fail(e))?;
    let desk = ctx.desk();
    let known = desk.segments(&viewer).await.map_err(|e| ctx.fail(e))?;
    let segment = q.segment.trim().to_string();
    let page = q.page.unwrap_or(1).max(1);
    let (total, contacts) = desk
        .contacts(
            &approver,
            (!segment.is_empty()).then_some(segment.as_str()),
            // One more than shown, to know whether there is a next page.
            PAGE + 1,
            (page - 1) * PAGE,
        )
        .await
        .map_err(|e| ctx.fail(e))?;
    let has_next = contacts.len() as i64 > PAGE;
    let mut layout = ctx.layout("Contacts");
    if q.saved.is_some() {
        layout.notice = Some("The segments are saved.".into());
    }
    Ok(ListPage {
        layout,
        assets: assets_version(),
        csrf: ctx.csrf(),
        total,
        rows: contacts.iter().take(PAGE as usize).map(Row::new).collect(),
        previous: (page > 1).then(|| page_link(&segment, page - 1)),
        next: has_next.then(|| page_link(&segment, page + 1)),
        page,
        segments: known
            .iter()
            .map(|s| SegmentChoice {
                name: s.clone(),
                selected: s.eq_ignore_ascii_case(&segment),
            })
            .collect(),
        segment,
        report: extra.report,
        import_errors: extra.import_errors,
        is_admin: ctx.actor.admin().is_ok(),
        segments_text: extra.segments_text.unwrap_or_else(|| known.join("\n")),
        segment_errors: extra.segment_errors,
    })
}

pub async fn list(ctx: Ctx, Query(q): Query<ListQuery>) -> PageResult {
    Ok(render(&list_page(&ctx, q, Extra::default()).await?))
}

/// The CSV arrives as a file upload (sent by `library.js` with the CSRF header).
pub async fn import(ctx: Ctx, form: Result<Multipart, MultipartRejection>) -> PageResult {
    let approver = ctx.need(ctx.actor.approver(), APPROVERS)?;
    let refused = |message: String| Extra {
        import_errors: Errors {
            summary: Some(message),
            fields: Vec::new(),
        },
        ..Extra::default()
    };
    let parts = match read_parts(form, "file", IMPORT_LIMIT_MB).await {
        Ok(p) => p,
        Err(message) => {
            let page = list_page(&ctx, ListQuery::default(), refused(message)).await?;
            return Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page));
        }
    };
    let Some((_, bytes)) = parts.file else {
        let extra = Extra {
            import_errors: Errors::one("file", "Choose the CSV file to import"),
            ..Extra::default()
        };
        let page = list_page(&ctx, ListQuery::default(), extra).await?;
        return Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page));
    };
    // Spreadsheets often save a byte-order mark first; it is not part of the header.
    let text = match std::str::from_utf8(&bytes) {
        Ok(t) => t.trim_start_matches('\u{feff}').to_string(),
        Err(_) => {
            let extra = Extra {
                import_errors: Errors::one(
                    "file",
                    "The file is not UTF-8 text: save it from your spreadsheet as 'CSV UTF-8'",
                ),
                ..Extra::default()
            };
            let page = list_page(&ctx, ListQuery::default(), extra).await?;
            return Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page));
        }
    };
    match ctx.desk().import_contacts(&approver, &text).await {
        Ok(report) => {
            let extra = Extra {
                report: Some(report),
                ..Extra::default()
            };
            Ok(render(&list_page(&ctx, ListQuery::default(), extra).await?))
        }
        Err(DomainError::Validation(message, fields)) => {
            // The desk names the whole file `csv`; the form calls its input `file`.
            let message = fields.values().next().cloned().unwrap_or(message.clone());
            let extra = Extra {
                import_errors: Errors::one("file", &super::capitalise(&message)),
                ..Extra::default()
            };
            let page = list_page(&ctx, ListQuery::default(), extra).await?;
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(e) => Err(ctx.fail(e)),
    }
}

#[derive(Deserialize)]
pub struct SegmentsForm {
    #[serde(default)]
    segments: String,
}

pub async fn save_segments(ctx: Ctx, Form(form): Form<SegmentsForm>) -> PageResult {
    let admin = ctx.need(ctx.actor.admin(), "administrators")?;
    match ctx.desk().set_segments(&admin, lines(&form.segments)).await {
        Ok(_) => Ok(done("/contacts?saved=1")),
        Err(e @ DomainError::Validation(..)) => {
            let extra = Extra {
                segments_text: Some(form.segments),
                segment_errors: Errors::from_domain(&e),
                ..Extra::default()
            };
            let page = list_page(&ctx, ListQuery::default(), extra).await?;
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(e) => Err(ctx.fail(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_links_keep_the_segment_filter() {
        assert_eq!(page_link("", 2), "/contacts?page=2");
        assert_eq!(
            page_link("North Campus", 3),
            "/contacts?segment=North%20Campus&page=3"
        );
    }

    #[test]
    fn opt_ins_are_listed_by_medium() {
        let at = chrono::Utc::now();
        let c = Contact {
            id: "c".into(),
            org_id: "o".into(),
            name: "Ana".into(),
            email: Some("ana@example.org".into()),
            phone: None,
            language: "es".into(),
            segments: vec!["North".into(), "ICU".into()],
            email_opt_in: true,
            sms_opt_in: false,
            voice_opt_in: true,
            created_at: at,
            updated_at: at,
        };
        let r = Row::new(&c);
        assert_eq!(r.opt_ins, "Email, Voice");
        assert_eq!(r.segments, "North, ICU");
        assert_eq!(r.phone, "");
    }
}
