//! The guard: nothing leaves the organisation without passing it, and every comment that
//! arrives is read by it. Pure functions over text and an [`OrgProfile`]: no I/O, no async.
//!
//! - [`Guard::scan`] finds HIPAA Safe Harbor identifiers and decides whose they are.
//! - [`Guard::classify`] triages an inbound comment or message (multi-label).
//! - [`Guard::redact`] masks identifiers by kind, for storing and logging inbound text.

pub mod eval;
mod finding;
mod phi;
mod profile;
mod redact;
mod reply;
pub mod training;
mod triage;

pub use finding::{Finding, Kind, ScanReport, Verdict, Whose};
pub use profile::OrgProfile;
pub use triage::{Label, Triage};

/// Replaces the shipped name model (`data/name_model.tsv`) with `text` in the same format, for
/// the scorer's `--model` and for tests. Must be called before the first [`Guard`] is built.
#[doc(hidden)]
pub fn install_name_model(text: String) -> Result<(), String> {
    phi::install_name_model(text)
}

/// A guard compiled for one organisation profile. Build it once and share it: construction
/// compiles the profile's lexicons, scanning borrows it immutably and is thread-safe.
pub struct Guard {
    profile: OrgProfile,
    phi: phi::Detector,
    triage: triage::Classifier,
}

impl Guard {
    pub fn new(profile: OrgProfile) -> Guard {
        let phi = phi::Detector::new(&profile);
        let triage = triage::Classifier::new(&profile);
        Guard {
            profile,
            phi,
            triage,
        }
    }

    pub fn profile(&self) -> &OrgProfile {
        &self.profile
    }

    /// Every identifier in `text`, in order of position, and the verdict: `block` when any
    /// identifier belongs to a patient.
    pub fn scan(&self, text: &str) -> ScanReport {
        ScanReport::new(self.phi.detect(text))
    }

    /// Triage labels for an inbound comment or message, with a compliant reply draft when it
    /// asks for personal medical advice.
    pub fn classify(&self, text: &str) -> Triage {
        let findings = self.phi.detect(text);
        self.triage.classify(text, &findings, &self.profile)
    }

    /// `text` with every identifier replaced by its kind, e.g. `[PHONE]`; safe for logs.
    pub fn redact(&self, text: &str) -> String {
        redact::redact(text, &self.phi.detect(text))
    }

    /// Redaction for text the public wrote (the inbox): everything identifying is masked
    /// except the organisation's own listed contact points and staff names.
    pub fn redact_inbound(&self, text: &str) -> String {
        redact::redact_inbound(text, &self.phi.detect(text), &self.profile)
    }

    /// The organisation's compliant answer to a request for personal medical advice.
    pub fn advice_reply(&self) -> String {
        reply::advice_reply(&self.profile)
    }
}
