//! Reading multipart uploads (media, consent documents) into text fields and one file,
//! with errors that say what went wrong.

use crate::error::ApiError;
use axum::extract::multipart::{Multipart, MultipartError};
use axum::http::StatusCode;
use std::collections::HashMap;

pub struct Upload {
    /// Text fields by name; repeated fields keep every value.
    pub fields: HashMap<String, Vec<String>>,
    /// The file field's name, file name and bytes.
    pub file: Option<(String, String, Vec<u8>)>,
}

impl Upload {
    pub fn text(&self, name: &str) -> Option<&str> {
        self.fields
            .get(name)
            .and_then(|v| v.first())
            .map(String::as_str)
    }

    pub fn all(&self, name: &str) -> Vec<String> {
        self.fields.get(name).cloned().unwrap_or_default()
    }

    /// `true`/`false` (also `yes`/`no`, `on`, `1`/`0`); `Err` names the field.
    pub fn flag(&self, name: &str) -> Result<Option<bool>, ApiError> {
        match self.text(name).map(|v| v.trim().to_ascii_lowercase()) {
            None => Ok(None),
            Some(v) if v.is_empty() => Ok(None),
            Some(v) if ["true", "yes", "on", "1"].contains(&v.as_str()) => Ok(Some(true)),
            Some(v) if ["false", "no", "off", "0"].contains(&v.as_str()) => Ok(Some(false)),
            Some(v) => Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation_failed",
                format!("{name} must be true or false, not '{v}'"),
            )),
        }
    }
}

fn refused(e: MultipartError) -> ApiError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            format!(
                "the upload is larger than {} MB",
                crate::MAX_UPLOAD_BYTES / 1_048_576
            ),
        )
    } else {
        ApiError::bad_request(format!("the upload could not be read: {}", e.body_text()))
    }
}

/// Reads every part; parts named in `file_fields` are files, the rest text.
pub async fn read(mut multipart: Multipart, file_fields: &[&str]) -> Result<Upload, ApiError> {
    let mut upload = Upload {
        fields: HashMap::new(),
        file: None,
    };
    while let Some(field) = multipart.next_field().await.map_err(refused)? {
        let name = field.name().unwrap_or_default().to_string();
        if file_fields.contains(&name.as_str()) {
            let filename = field.file_name().unwrap_or("upload").to_string();
            let bytes = field.bytes().await.map_err(refused)?.to_vec();
            if upload.file.is_some() {
                return Err(ApiError::bad_request("send one file per upload"));
            }
            upload.file = Some((name, filename, bytes));
        } else {
            let text = field.text().await.map_err(refused)?;
            upload.fields.entry(name).or_default().push(text);
        }
    }
    Ok(upload)
}
