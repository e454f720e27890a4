use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What kind of content a post is: the calendar colours by it and shows when the mix is
/// lopsided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContentType {
    News,
    Research,
    Psa,
    Event,
    Announcement,
    PatientStory,
    EmployeeSpotlight,
    Infographic,
    Video,
    Blog,
    Other,
}

impl ContentType {
    pub const ALL: [ContentType; 11] = [
        Self::News,
        Self::Research,
        Self::Psa,
        Self::Event,
        Self::Announcement,
        Self::PatientStory,
        Self::EmployeeSpotlight,
        Self::Infographic,
        Self::Video,
        Self::Blog,
        Self::Other,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::News => "news",
            Self::Research => "research",
            Self::Psa => "psa",
            Self::Event => "event",
            Self::Announcement => "announcement",
            Self::PatientStory => "patient_story",
            Self::EmployeeSpotlight => "employee_spotlight",
            Self::Infographic => "infographic",
            Self::Video => "video",
            Self::Blog => "blog",
            Self::Other => "other",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::News => "News",
            Self::Research => "Research",
            Self::Psa => "Public service announcement",
            Self::Event => "Event",
            Self::Announcement => "Announcement",
            Self::PatientStory => "Patient story",
            Self::EmployeeSpotlight => "Employee spotlight",
            Self::Infographic => "Infographic",
            Self::Video => "Video",
            Self::Blog => "Blog",
            Self::Other => "Other",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A post's place in the workflow. The first four are set by people; the rest follow from
/// its deliveries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PostState {
    Draft,
    InReview,
    Rejected,
    Scheduled,
    Publishing,
    Published,
    PartiallyFailed,
    Failed,
    Withdrawn,
}

impl PostState {
    pub const ALL: [PostState; 9] = [
        Self::Draft,
        Self::InReview,
        Self::Rejected,
        Self::Scheduled,
        Self::Publishing,
        Self::Published,
        Self::PartiallyFailed,
        Self::Failed,
        Self::Withdrawn,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::InReview => "in_review",
            Self::Rejected => "rejected",
            Self::Scheduled => "scheduled",
            Self::Publishing => "publishing",
            Self::Published => "published",
            Self::PartiallyFailed => "partially_failed",
            Self::Failed => "failed",
            Self::Withdrawn => "withdrawn",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
    /// Approved: it has deliveries.
    pub fn is_approved(self) -> bool {
        matches!(
            self,
            Self::Scheduled
                | Self::Publishing
                | Self::Published
                | Self::PartiallyFailed
                | Self::Failed
        )
    }
    /// Text and channels may still change (editing an approved post sends it back to
    /// review; nothing that has gone out can be edited).
    pub fn is_editable(self) -> bool {
        matches!(
            self,
            Self::Draft | Self::InReview | Self::Rejected | Self::Scheduled
        )
    }
}

/// A post drafted once and published to several channels.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Post {
    pub id: String,
    pub org_id: String,
    pub author_id: String,
    pub body: String,
    pub hashtags: Vec<String>,
    pub content_type: ContentType,
    pub channel_ids: Vec<String>,
    pub media_ids: Vec<String>,
    pub consent_ids: Vec<String>,
    pub scheduled_at: Option<DateTime<Utc>>,
    /// Pinned on every channel once published (facility alerts), until unpinned.
    pub pinned: bool,
    pub state: PostState,
    /// The guard's verdict and findings for the current text (as shown to the author).
    pub verdict: String,
    pub findings: serde_json::Value,
    pub submitted_at: Option<DateTime<Utc>>,
    pub reviewed_by: Option<String>,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub review_note: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Post {
    /// The text as it goes out: the body, then any hashtag the body does not already
    /// carry.
    pub fn full_text(&self) -> String {
        compose_text(&self.body, &self.hashtags)
    }

    /// The moment the calendar places it on: when it is (or was) due, else when written.
    pub fn calendar_at(&self) -> DateTime<Utc> {
        self.scheduled_at
            .or(self.reviewed_at)
            .unwrap_or(self.created_at)
    }
}

/// Joins body and hashtags the way every network will show them.
pub fn compose_text(body: &str, hashtags: &[String]) -> String {
    let lower = body.to_lowercase();
    let missing: Vec<String> = hashtags
        .iter()
        .map(|t| format!("#{}", t.trim_start_matches('#')))
        .filter(|t| {
            let t = t.to_lowercase();
            !lower
                .split(|c: char| c.is_whitespace() || c == ',' || c == '.')
                .any(|w| w == t)
        })
        .collect();
    if missing.is_empty() {
        body.trim_end().to_string()
    } else {
        format!("{}\n\n{}", body.trim_end(), missing.join(" "))
    }
}

/// Normalises a hashtag as typed ("#FluShot", "flu shot") to what networks accept, or
/// `None` when nothing usable is left.
pub fn normalise_hashtag(raw: &str) -> Option<String> {
    let tag: String = raw
        .trim()
        .trim_start_matches('#')
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    (!tag.is_empty() && tag.chars().any(|c| !c.is_numeric())).then_some(tag)
}

/// Filters for listing posts; every field narrows.
#[derive(Debug, Clone, Default)]
pub struct PostFilter {
    pub state: Option<PostState>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    pub author_id: Option<String>,
    pub limit: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashtags_are_appended_once() {
        let tags = vec!["FluShot".to_string(), "#StayWell".to_string()];
        assert_eq!(
            compose_text("Get your #flushot today.", &tags),
            "Get your #flushot today.\n\n#StayWell"
        );
        assert_eq!(compose_text("Hi", &[]), "Hi");
    }

    #[test]
    fn hashtags_are_normalised() {
        assert_eq!(normalise_hashtag("#Flu Shot"), Some("FluShot".into()));
        assert_eq!(normalise_hashtag("#"), None);
        assert_eq!(normalise_hashtag("2026"), None);
        assert_eq!(normalise_hashtag("Vacunación"), Some("Vacunación".into()));
    }
}
