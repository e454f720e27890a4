//! The stylesheet, the one script and the icon, built into the binary. Pages link them with
//! a content hash in the query string, so browsers may cache them for a year.

use axum::extract::Path;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::sync::LazyLock;

const CSS: &str = include_str!("../../assets/app.css");
const JS: &str = include_str!("../../assets/app.js");
const ICON: &str = include_str!("../../assets/icon.svg");

/// FNV-1a over some built-in files, for their cache-busting query string: it changes
/// whenever any of them does.
pub(crate) fn fingerprint(files: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in files.iter().flat_map(|f| f.bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

static VERSION: LazyLock<String> = LazyLock::new(|| fingerprint(&[CSS, JS, ICON]));

pub(crate) fn version() -> &'static str {
    VERSION.as_str()
}

pub const JS_TYPE: &str = "text/javascript; charset=utf-8";
pub const CSS_TYPE: &str = "text/css; charset=utf-8";

pub async fn serve(Path(name): Path<String>) -> Response {
    match name.as_str() {
        "app.css" => immutable(CSS, CSS_TYPE),
        "app.js" => immutable(JS, JS_TYPE),
        "icon.svg" => immutable(ICON, "image/svg+xml"),
        _ => super::not_found().await.into_response(),
    }
}

/// A built-in file, cacheable for a year (pages link it with its fingerprint).
pub(crate) fn immutable(body: &'static str, kind: &'static str) -> Response {
    let mut res = (StatusCode::OK, body).into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    res
}
