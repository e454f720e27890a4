//! Triage of inbound comments and direct messages: multi-label classification with
//! explainable, offline rules (a cue lexicon over a normalised text, weighted combinations
//! of cues per label) and a compliant reply draft for requests for personal medical advice.
//!
//! Pipeline: `normalise` (case, accents, slang, typos, leetspeak, emoji, language) →
//! `signals` (every cue of `lexicon` found in one Aho-Corasick pass, with token positions and
//! sentences) → `labels/*` (one logistic score per label from combinations of cues, over the
//! shared judgements of `context`) → `score` (interactions between labels: an insult aimed
//! at staff is also a complaint, a grumble about parking is not a logistics request; 0.5 is
//! the threshold).

mod context;
mod labels;
mod lexicon;
mod normalise;
mod score;
mod signals;

use crate::reply::{advice_reply_in, Language};
use crate::{Finding, OrgProfile};
use normalise::{Lang, Normaliser};
use serde::{Deserialize, Serialize};
use signals::Matcher;
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

impl Label {
    pub const ALL: [Label; 9] = [
        Label::AdviceRequest,
        Label::PhiDisclosure,
        Label::Abusive,
        Label::Spam,
        Label::Misinformation,
        Label::Appointment,
        Label::Complaint,
        Label::Praise,
        Label::GeneralQuestion,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Label::AdviceRequest => "advice_request",
            Label::PhiDisclosure => "phi_disclosure",
            Label::Abusive => "abusive",
            Label::Spam => "spam",
            Label::Misinformation => "misinformation",
            Label::Appointment => "appointment",
            Label::Complaint => "complaint",
            Label::Praise => "praise",
            Label::GeneralQuestion => "general_question",
        }
    }
}

/// The triage of one comment: labels (score above 0.5, in [`Label::ALL`] order), every label's
/// score in 0..1, and a reply draft when the comment asks for personal medical advice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Triage {
    pub labels: Vec<Label>,
    pub scores: BTreeMap<Label, f32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reply: Option<String>,
}

impl Triage {
    pub fn has(&self, label: Label) -> bool {
        self.labels.contains(&label)
    }
}

pub(crate) struct Classifier {
    normaliser: Normaliser,
    matcher: Matcher,
    reply_en: String,
    reply_es: String,
}

impl Classifier {
    pub(crate) fn new(profile: &OrgProfile) -> Classifier {
        Classifier {
            normaliser: Normaliser::new(Matcher::words()),
            matcher: Matcher::new(),
            reply_en: advice_reply_in(profile, Language::English),
            reply_es: advice_reply_in(profile, Language::Spanish),
        }
    }

    pub(crate) fn classify(
        &self,
        text: &str,
        findings: &[Finding],
        _profile: &OrgProfile,
    ) -> Triage {
        let n = self.normaliser.normalise(text);
        let sig = self.matcher.signals(&n);
        let scored = score::decide(score::logits(&sig, &n, findings));
        let labels: Vec<Label> = scored
            .iter()
            .filter(|(_, p)| *p > 0.5)
            .map(|(l, _)| *l)
            .collect();
        let reply = labels
            .contains(&Label::AdviceRequest)
            .then(|| match n.lang() {
                Lang::Es => self.reply_es.clone(),
                Lang::En => self.reply_en.clone(),
            });
        Triage {
            labels,
            scores: scored.into_iter().collect(),
            reply,
        }
    }
}

#[cfg(test)]
impl Classifier {
    /// The normalised text and every cue found, for debugging weights.
    pub(crate) fn explain(&self, text: &str) -> String {
        let n = self.normaliser.normalise(text);
        let sig = self.matcher.signals(&n);
        let mut out = format!("{:?}\n", n.text);
        for h in &sig.hits {
            let words: Vec<&str> = (h.start..h.end).map(|i| n.token(i as usize)).collect();
            out.push_str(&format!("  {:?} {:?} s{}\n", h.f, words.join(" "), h.sent));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::lexicon::{Feature, CUES};

    #[test]
    fn explain_lists_the_cues_found() {
        let c = super::Classifier::new(&crate::OrgProfile::default());
        let out = c.explain("My son's had a fever for 2 days, what should I do?");
        assert!(out.starts_with("\" my son had a fever for 2 days"), "{out}");
        for cue in [
            "Relative \"my son\"",
            "Symptom \"fever\"",
            "AdviceAsk \"what should i\"",
        ] {
            assert!(out.contains(cue), "{cue} missing from {out}");
        }
    }

    #[test]
    fn every_feature_has_cues() {
        for i in 0..=Feature::Rhetoric as u8 {
            assert!(
                CUES.iter().any(|(f, _)| *f as u8 == i),
                "feature #{i} has no cue"
            );
        }
    }
}
