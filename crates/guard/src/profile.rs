use serde::{Deserialize, Serialize};

/// What the guard knows of the organisation: its own contact points are never patient data,
/// and its staff directory names people who may be named in posts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OrgProfile {
    pub name: String,
    pub phones: Vec<String>,
    pub websites: Vec<String>,
    pub emails: Vec<String>,
    pub handles: Vec<String>,
    pub addresses: Vec<String>,
    pub staff: Vec<String>,
    /// Local emergency number for reply drafts; `911` when absent.
    #[serde(default)]
    pub emergency_number: Option<String>,
}
