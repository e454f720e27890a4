//! The media library: a grid of what the team uploaded, the upload form (which always asks
//! whether the picture shows a patient), and each item's page to correct its description.
//! Also home to what the library pages share: reading uploads and their own assets.

use super::check::kind_label;
use super::publishing::{member_names, name_of, state_badge, Badge};
use super::{done, render, render_status, Ctx, Errors, Layout, PageResult};
use crate::state::AppState;
use askama::Template;
use axum::extract::multipart::{Multipart, MultipartError, MultipartRejection};
use axum::extract::{DefaultBodyLimit, Path, Query};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use domain::desk::{MediaView, PostRef};
use domain::media::MediaItem;
use domain::DomainError;
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Who may open the library and the consent registry: they show patients.
pub(super) const LIBRARY_ROLES: &str = "authors, approvers and administrators";

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/media", get(library))
        .route(
            "/media",
            post(upload).layer(DefaultBodyLimit::max(crate::MAX_UPLOAD_BYTES)),
        )
        .route("/media/{id}", get(show).post(update))
        .route("/media/{id}/file", get(file))
        .route("/assets/library.css", get(stylesheet))
        .route("/assets/library.js", get(script))
}

// ---------------------------------------------------------------------------------------
// Shared by the library pages.

const CSS: &str = include_str!("../../assets/library.css");
const JS: &str = include_str!("../../assets/library.js");

static VERSION: LazyLock<String> = LazyLock::new(|| super::assets::fingerprint(&[CSS, JS]));

pub(super) fn assets_version() -> &'static str {
    VERSION.as_str()
}

async fn stylesheet() -> Response {
    super::assets::immutable(CSS, super::assets::CSS_TYPE)
}

async fn script() -> Response {
    super::assets::immutable(JS, super::assets::JS_TYPE)
}

/// The text fields and the one file of a multipart form.
pub(super) struct Parts {
    fields: HashMap<String, Vec<String>>,
    /// File name and bytes; `None` when no file was chosen.
    pub file: Option<(String, Vec<u8>)>,
}

impl Parts {
    pub fn text(&self, name: &str) -> String {
        self.fields
            .get(name)
            .and_then(|v| v.first())
            .cloned()
            .unwrap_or_default()
    }

    pub fn all(&self, name: &str) -> Vec<String> {
        self.fields.get(name).cloned().unwrap_or_default()
    }
}

fn unreadable(e: &MultipartError, limit_mb: usize) -> String {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        format!("The file is too large: the limit is {limit_mb} MB.")
    } else {
        "The upload could not be read. Choose the file again and retry.".into()
    }
}

/// Reads a form sent as multipart/form-data; `file_field` names its file input. The
/// error is a sentence for the form's error summary.
pub(super) async fn read_parts(
    form: Result<Multipart, MultipartRejection>,
    file_field: &str,
    limit_mb: usize,
) -> Result<Parts, String> {
    let mut form = form.map_err(|_| {
        "The form was not sent as an upload. Reload the page and try again.".to_string()
    })?;
    let mut parts = Parts {
        fields: HashMap::new(),
        file: None,
    };
    while let Some(field) = form
        .next_field()
        .await
        .map_err(|e| unreadable(&e, limit_mb))?
    {
        let name = field.name().unwrap_or_default().to_string();
        if name == file_field {
            let filename = field.file_name().unwrap_or_default().to_string();
            let bytes = field.bytes().await.map_err(|e| unreadable(&e, limit_mb))?;
            // An empty file input is still sent, as a part without a name or bytes.
            if !(filename.is_empty() && bytes.is_empty()) {
                parts.file = Some((filename, bytes.to_vec()));
            }
        } else {
            let text = field.text().await.map_err(|e| unreadable(&e, limit_mb))?;
            parts.fields.entry(name).or_default().push(text);
        }
    }
    Ok(parts)
}

/// A post that relies on a consent or uses a picture.
pub(super) struct PostLink {
    pub id: String,
    pub excerpt: String,
    pub badge: Badge,
}

pub(super) fn post_links(posts: &[PostRef]) -> Vec<PostLink> {
    posts
        .iter()
        .map(|p| PostLink {
            id: p.id.clone(),
            excerpt: if p.excerpt.trim().is_empty() {
                "(no text yet)".into()
            } else {
                p.excerpt.clone()
            },
            badge: state_badge(p.state),
        })
        .collect()
}

/// "1.2 MB", "830 KB".
pub(super) fn size(bytes: i64) -> String {
    if bytes >= 1_048_576 {
        format!("{:.1} MB", bytes as f64 / 1_048_576.0)
    } else {
        format!("{} KB", (bytes + 1023) / 1024)
    }
}

// ---------------------------------------------------------------------------------------
// The library.

/// Upload and edit limit of the library (images and short videos).
const UPLOAD_LIMIT_MB: usize = crate::MAX_UPLOAD_BYTES / 1_048_576;

struct Tile {
    id: String,
    alt_text: String,
    is_video: bool,
    shows_patient: bool,
    filename: String,
    posts: Vec<PostLink>,
    flagged: bool,
}

/// What the upload form had in it, to show it again with its errors.
#[derive(Default)]
struct UploadDraft {
    alt_text: String,
    /// "yes", "no" or "" (not answered).
    shows_patient: String,
}

#[derive(Template)]
#[template(path = "media_library.html")]
struct LibraryPage {
    layout: Layout,
    assets: &'static str,
    csrf: String,
    tiles: Vec<Tile>,
    draft: UploadDraft,
    errors: Errors,
}

async fn library_page(
    ctx: &Ctx,
    layout: Layout,
    draft: UploadDraft,
    errors: Errors,
) -> Result<LibraryPage, Response> {
    let author = ctx.need(ctx.actor.author(), LIBRARY_ROLES)?;
    let viewer = author.actor().viewer().map_err(|e| ctx.fail(e))?;
    let items = ctx
        .desk()
        .media_library(&viewer)
        .await
        .map_err(|e| ctx.fail(e))?;
    let mut tiles = Vec::with_capacity(items.len());
    // One call per item: the grid shows which posts use each picture.
    for item in items {
        let view = ctx
            .desk()
            .get_media(&viewer, &item.id)
            .await
            .map_err(|e| ctx.fail(e))?;
        tiles.push(Tile {
            id: view.item.id.clone(),
            alt_text: view.item.alt_text.clone(),
            is_video: view.item.is_video(),
            shows_patient: view.item.shows_patient,
            filename: view.item.filename.clone(),
            posts: post_links(&view.posts),
            flagged: !view.alt_text_findings.is_empty(),
        });
    }
    Ok(LibraryPage {
        layout,
        assets: assets_version(),
        csrf: ctx.csrf(),
        tiles,
        draft,
        errors,
    })
}

pub async fn library(ctx: Ctx, Query(q): Query<HashMap<String, String>>) -> PageResult {
    let layout = ctx.layout_with("Media library", &q);
    let page = library_page(&ctx, layout, UploadDraft::default(), Errors::default()).await?;
    Ok(render(&page))
}

/// The answer to "Does this show a patient?": never assumed.
fn answer(value: &str) -> Option<bool> {
    match value {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

pub async fn upload(ctx: Ctx, form: Result<Multipart, MultipartRejection>) -> PageResult {
    let author = ctx.need(ctx.actor.author(), LIBRARY_ROLES)?;
    let parts = match read_parts(form, "file", UPLOAD_LIMIT_MB).await {
        Ok(p) => p,
        Err(message) => {
            let errors = Errors {
                summary: Some(message),
                fields: Vec::new(),
            };
            return upload_refused(&ctx, UploadDraft::default(), errors).await;
        }
    };
    let draft = UploadDraft {
        alt_text: parts.text("alt_text"),
        shows_patient: parts.text("shows_patient"),
    };
    let chosen = parts.file.is_some();
    let (filename, bytes) = parts.file.unwrap_or_default();
    let result = ctx
        .desk()
        .upload_media(
            &author,
            &filename,
            bytes,
            &draft.alt_text,
            answer(&draft.shows_patient),
        )
        .await;
    match result {
        Ok(view) => Ok(done(&format!("/media/{}?uploaded=1", view.item.id))),
        Err(e @ DomainError::Validation(..)) => {
            let mut errors = Errors::from_domain(&e);
            if !chosen {
                // The desk would say the empty file is not a picture; say what to do.
                errors.fields.retain(|(f, _)| f != "file");
                errors.fields.push((
                    "file".into(),
                    "Choose the picture or video to upload".into(),
                ));
            } else if errors.get("file").is_none() {
                errors.summary = Some(
                    "Browsers do not keep a chosen file: choose it again before you retry.".into(),
                );
            }
            upload_refused(
                &ctx,
                draft,
                errors.ordered(&["file", "alt_text", "shows_patient"]),
            )
            .await
        }
        Err(e) => Err(ctx.fail(e)),
    }
}

async fn upload_refused(ctx: &Ctx, draft: UploadDraft, errors: Errors) -> PageResult {
    let layout = ctx.layout("Media library");
    let page = library_page(ctx, layout, draft, errors).await?;
    Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
}

// ---------------------------------------------------------------------------------------
// One item.

struct FindingLine {
    kind: String,
    text: String,
    reason: String,
}

#[derive(Template)]
#[template(path = "media_show.html")]
struct ItemPage {
    layout: Layout,
    assets: &'static str,
    csrf: String,
    item: MediaItem,
    size: String,
    /// "1200 × 800 pixels", or empty when unknown.
    dimensions: String,
    uploaded_by: String,
    uploaded_at: String,
    just_uploaded: bool,
    findings: Vec<FindingLine>,
    posts: Vec<PostLink>,
    /// The edit form's values.
    alt_text: String,
    shows_patient: bool,
    errors: Errors,
}

fn item_page(
    ctx: &Ctx,
    layout: Layout,
    view: MediaView,
    names: &HashMap<String, String>,
    just_uploaded: bool,
) -> ItemPage {
    ItemPage {
        layout,
        assets: assets_version(),
        csrf: ctx.csrf(),
        size: size(view.item.size),
        dimensions: match (view.item.width, view.item.height) {
            (Some(w), Some(h)) => format!("{w} × {h} pixels"),
            _ => String::new(),
        },
        uploaded_by: name_of(names, &view.item.uploaded_by),
        uploaded_at: ctx.time(&view.item.created_at),
        just_uploaded,
        findings: view
            .alt_text_findings
            .iter()
            .map(|f| FindingLine {
                kind: kind_label(f.kind.as_str()),
                text: f.text.clone(),
                reason: f.reason.clone(),
            })
            .collect(),
        posts: post_links(&view.posts),
        alt_text: view.item.alt_text.clone(),
        shows_patient: view.item.shows_patient,
        item: view.item,
        errors: Errors::default(),
    }
}

pub async fn show(
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> PageResult {
    let author = ctx.need(ctx.actor.author(), LIBRARY_ROLES)?;
    let viewer = author.actor().viewer().map_err(|e| ctx.fail(e))?;
    let view = ctx
        .desk()
        .get_media(&viewer, &id)
        .await
        .map_err(|e| ctx.fail(e))?;
    let names = member_names(&ctx).await;
    let just_uploaded = q.contains_key("uploaded");
    let mut layout = ctx.layout_with(&view.item.filename, &q);
    if just_uploaded {
        layout.notice = Some("Uploaded. The file was cleaned before it was stored.".into());
    }
    Ok(render(&item_page(
        &ctx,
        layout,
        view,
        &names,
        just_uploaded,
    )))
}

#[derive(Deserialize)]
pub struct ItemForm {
    #[serde(default)]
    alt_text: String,
    #[serde(default)]
    shows_patient: String,
}

pub async fn update(ctx: Ctx, Path(id): Path<String>, Form(form): Form<ItemForm>) -> PageResult {
    let author = ctx.need(ctx.actor.author(), LIBRARY_ROLES)?;
    let result = ctx
        .desk()
        .update_media(
            &author,
            &id,
            Some(&form.alt_text),
            answer(&form.shows_patient),
        )
        .await;
    match result {
        Ok(_) => Ok(done(&format!("/media/{id}?saved=1"))),
        Err(e @ DomainError::Validation(..)) => {
            let viewer = author.actor().viewer().map_err(|e| ctx.fail(e))?;
            let view = ctx
                .desk()
                .get_media(&viewer, &id)
                .await
                .map_err(|e| ctx.fail(e))?;
            let names = member_names(&ctx).await;
            let layout = ctx.layout(&view.item.filename);
            let mut page = item_page(&ctx, layout, view, &names, false);
            page.alt_text = form.alt_text;
            if let Some(s) = answer(&form.shows_patient) {
                page.shows_patient = s;
            }
            page.errors = Errors::from_domain(&e);
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(e) => Err(ctx.fail(e)),
    }
}

/// The cleaned file, for the grid's thumbnails and the item page.
pub async fn file(ctx: Ctx, Path(id): Path<String>) -> PageResult {
    let author = ctx.need(ctx.actor.author(), LIBRARY_ROLES)?;
    let viewer = author.actor().viewer().map_err(|e| ctx.fail(e))?;
    let (item, bytes) = ctx
        .desk()
        .media_file(&viewer, &id)
        .await
        .map_err(|e| ctx.fail(e))?;
    Ok(inline_file(&item.mime, None, bytes))
}

/// A stored file shown in the browser, never cached by shared caches or sniffed.
pub(super) fn inline_file(mime: &str, filename: Option<&str>, bytes: Vec<u8>) -> Response {
    let disposition = match filename {
        Some(name) => {
            let safe: String = name
                .chars()
                .filter(|c| c.is_ascii() && !c.is_ascii_control() && *c != '"' && *c != '\\')
                .collect();
            format!("inline; filename=\"{safe}\"")
        }
        None => "inline".into(),
    };
    let mut res = (StatusCode::OK, bytes).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(mime)
            .unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream")),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_patient_question_has_no_default_answer() {
        assert_eq!(answer("yes"), Some(true));
        assert_eq!(answer("no"), Some(false));
        assert_eq!(answer(""), None);
        assert_eq!(answer("on"), None);
    }

    #[test]
    fn sizes_read_like_people_write_them() {
        assert_eq!(size(1), "1 KB");
        assert_eq!(size(2048), "2 KB");
        assert_eq!(size(3 * 1_048_576 / 2), "1.5 MB");
    }

    #[test]
    fn inline_files_keep_a_safe_file_name() {
        let res = inline_file(
            "application/pdf",
            Some("consent \"signed\"\\é.pdf"),
            vec![1],
        );
        assert_eq!(
            res.headers()[header::CONTENT_DISPOSITION],
            "inline; filename=\"consent signed.pdf\""
        );
        assert_eq!(res.headers()[header::CONTENT_TYPE], "application/pdf");
    }
}
