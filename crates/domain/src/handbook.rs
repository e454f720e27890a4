use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One published version of the organisation's social media policy handbook. Publishing a
/// new version withdraws everyone's gated rights until they acknowledge it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandbookVersion {
    pub org_id: String,
    pub version: i64,
    pub text: String,
    pub published_by: String,
    pub published_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Acknowledgement {
    pub user_id: String,
    pub version: i64,
    pub acknowledged_at: DateTime<Utc>,
}

pub const MAX_HANDBOOK_CHARS: usize = 200_000;

pub fn check_text(text: &str) -> Result<String, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("the handbook cannot be empty".into());
    }
    if text.chars().count() > MAX_HANDBOOK_CHARS {
        return Err(format!(
            "the handbook is longer than {MAX_HANDBOOK_CHARS} characters"
        ));
    }
    Ok(text.to_string())
}
