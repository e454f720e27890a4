use channels::ChannelKind;
use chrono::{DateTime, Utc};
use serde::Serialize;

/// One account on one network. Its credentials are stored sealed ([`crate::secret_box`]);
/// `public` holds what may be shown (base URL, page id, handle).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Channel {
    pub id: String,
    pub org_id: String,
    pub kind: ChannelKind,
    pub name: String,
    pub public: serde_json::Value,
    #[serde(skip)]
    pub sealed_config: String,
    pub disabled: bool,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
}
