// SCAFFOLD (replaced by the triage work): keeps the crate compiling meanwhile.
use crate::{Finding, OrgProfile};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Label {
    AdviceRequest,
    PhiDisclosure,
    Abusive,
    Spam,
    Misinformation,
    Appointment,
    Complaint,
    Praise,
    GeneralQuestion,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Triage {
    pub labels: Vec<Label>,
    pub scores: BTreeMap<Label, f32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reply: Option<String>,
}

pub(crate) struct Classifier;
impl Classifier {
    pub(crate) fn new(_profile: &OrgProfile) -> Classifier {
        Classifier
    }
    pub(crate) fn classify(&self, _text: &str, _findings: &[Finding], _profile: &OrgProfile) -> Triage {
        Triage { labels: Vec::new(), scores: BTreeMap::new(), reply: None }
    }
}
