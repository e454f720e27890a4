//! Patient consent (a HIPAA authorization) for featuring a patient in a post, and the rule
//! that decides whether a post's patient identifiers are covered by the consents it links.

use chrono::{DateTime, Duration, Utc};
use guard::{Finding, Kind, Whose};
use serde::Serialize;

/// How far ahead the "expiring soon" status and the reminder look.
pub const EXPIRY_WARNING_DAYS: i64 = 30;

/// The signed document, stored sealed in the file store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Document {
    pub key: String,
    pub filename: String,
    pub mime: String,
    pub size: i64,
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Consent {
    pub id: String,
    pub org_id: String,
    pub patient_name: String,
    /// Other names or nicknames the story may use ("Maria", "Mrs. Okafor").
    pub aliases: Vec<String>,
    /// What may be disclosed (text, photos, video, condition, treatment, ...).
    pub description: String,
    pub purpose: String,
    /// Channel kinds (`mastodon`) or channel ids the patient agreed to.
    pub channels: Vec<String>,
    /// Who obtained it (user id).
    pub obtained_by: String,
    pub signed_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    /// An expiry event instead of (or as well as) a date ("end of the 2027 campaign").
    pub expiry_event: Option<String>,
    #[serde(skip)]
    pub document: Option<Document>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub revoked_by: Option<String>,
    pub revoke_reason: Option<String>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentStatus {
    Active,
    ExpiringSoon,
    Expired,
    Revoked,
}

impl ConsentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::ExpiringSoon => "expiring_soon",
            Self::Expired => "expired",
            Self::Revoked => "revoked",
        }
    }
}

impl Consent {
    pub fn status(&self, now: DateTime<Utc>) -> ConsentStatus {
        match (self.revoked_at, self.expires_at) {
            (Some(_), _) => ConsentStatus::Revoked,
            (None, Some(e)) if e <= now => ConsentStatus::Expired,
            (None, Some(e)) if e <= now + Duration::days(EXPIRY_WARNING_DAYS) => {
                ConsentStatus::ExpiringSoon
            }
            _ => ConsentStatus::Active,
        }
    }

    /// Valid now: signed, not revoked, not expired.
    pub fn is_valid(&self, now: DateTime<Utc>) -> bool {
        self.signed_at <= now
            && matches!(
                self.status(now),
                ConsentStatus::Active | ConsentStatus::ExpiringSoon
            )
    }

    /// Whether the patient allowed this channel (by kind or by id).
    pub fn allows_channel(&self, kind: &str, id: &str) -> bool {
        self.channels.iter().any(|c| c == kind || c == id)
    }

    /// Every name the consent lets a post use, normalised.
    fn names(&self) -> Vec<Vec<String>> {
        std::iter::once(&self.patient_name)
            .chain(self.aliases.iter())
            .map(|n| name_tokens(n))
            .filter(|t| !t.is_empty())
            .collect()
    }
}

const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "miss", "mx", "dr", "sr", "sra", "srta", "don", "doña", "baby", "little",
];

/// Lower-cased word tokens of a name, titles and possessives dropped, `#` and `@` removed.
fn name_tokens(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
        .map(|w| {
            w.trim_matches(|c| c == '\'' || c == '-')
                .trim_end_matches("'s")
                .to_lowercase()
        })
        .filter(|w| !w.is_empty() && !TITLES.contains(&w.as_str()))
        .collect()
}

/// Splits camel-case hashtags and handles (#PrayForMaria → pray for maria).
fn split_camel(text: &str) -> String {
    let mut out = String::new();
    let mut prev_lower = false;
    for c in text.chars() {
        if c.is_uppercase() && prev_lower {
            out.push(' ');
        }
        prev_lower = c.is_lowercase();
        out.push(c);
    }
    out
}

/// Identifier kinds that never belong in a public post, consent or not: a story may name
/// a patient and tell their journey, but not carry their record numbers.
pub fn never_publishable(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Ssn
            | Kind::Mrn
            | Kind::HealthPlanId
            | Kind::AccountNumber
            | Kind::LicenseNumber
            | Kind::VehicleId
            | Kind::DeviceId
            | Kind::IpAddress
            | Kind::Fax
    )
}

/// Whether a patient-name finding is one of the consent's names: every word of the
/// finding is a word of the patient's name or of one alias ("Maria", "Mrs. Okafor" and
/// "#PrayForMaria" are covered by "Maria Okafor").
fn name_covered(finding: &str, consents: &[&Consent]) -> bool {
    let tokens = name_tokens(&split_camel(finding));
    if tokens.is_empty() {
        return false;
    }
    consents.iter().any(|c| {
        c.names().iter().any(|name| {
            let words: Vec<&String> = tokens
                .iter()
                .filter(|t| !matches!(t.as_str(), "pray" | "for" | "team" | "go"))
                .collect();
            !words.is_empty() && words.iter().all(|t| name.contains(t))
        })
    })
}

/// The patient identifiers in `findings` that the linked, valid consents do not cover.
/// Names must match a consent's patient or aliases; other patient details of a consented
/// story (dates, ages, places, contact handles) are allowed once a consent is linked, for
/// the approver to check against what the patient agreed to; record numbers never are.
pub fn uncovered<'a>(findings: &'a [Finding], consents: &[&Consent]) -> Vec<&'a Finding> {
    findings
        .iter()
        .filter(|f| f.whose == Whose::Patient)
        .filter(|f| {
            if never_publishable(f.kind) {
                return true;
            }
            if consents.is_empty() {
                return true;
            }
            match f.kind {
                Kind::PersonName => !name_covered(&f.text, consents),
                _ => false,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn consent(name: &str, aliases: &[&str]) -> Consent {
        let now = Utc::now();
        Consent {
            id: "c1".into(),
            org_id: "o".into(),
            patient_name: name.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            description: "Story and photos".into(),
            purpose: "Patient stories".into(),
            channels: vec!["mastodon".into()],
            obtained_by: "u".into(),
            signed_at: now - Duration::days(1),
            expires_at: Some(now + Duration::days(200)),
            expiry_event: None,
            document: None,
            revoked_at: None,
            revoked_by: None,
            revoke_reason: None,
            created_at: now,
        }
    }

    fn finding(kind: Kind, text: &str) -> Finding {
        Finding {
            kind,
            start: 0,
            end: text.chars().count(),
            text: text.into(),
            whose: Whose::Patient,
            reason: "test".into(),
        }
    }

    #[test]
    fn names_are_covered_by_the_patient_name_its_parts_and_aliases() {
        let c = consent("Maria Okafor", &["Mari"]);
        let cs = [&c];
        for covered in [
            "Maria",
            "Maria Okafor",
            "Mrs. Okafor",
            "#PrayForMaria",
            "Mari",
            "maria's",
        ] {
            let f = [finding(Kind::PersonName, covered)];
            assert!(uncovered(&f, &cs).is_empty(), "{covered}");
        }
        for not in ["Jacob", "Maria Lopez", "#PrayForJacob"] {
            let f = [finding(Kind::PersonName, not)];
            assert_eq!(uncovered(&f, &cs).len(), 1, "{not}");
        }
    }

    #[test]
    fn record_numbers_are_never_covered_and_nothing_is_without_a_consent() {
        let c = consent("Maria Okafor", &[]);
        let f = [
            finding(Kind::Mrn, "MRN 4471203"),
            finding(Kind::Date, "March 4th"),
        ];
        let u = uncovered(&f, &[&c]);
        assert_eq!(u.len(), 1);
        assert_eq!(u[0].kind, Kind::Mrn);
        assert_eq!(uncovered(&f, &[]).len(), 2);
    }

    #[test]
    fn status_follows_revocation_and_expiry() {
        let now = Utc::now();
        let mut c = consent("A B", &[]);
        assert_eq!(c.status(now), ConsentStatus::Active);
        c.expires_at = Some(now + Duration::days(10));
        assert_eq!(c.status(now), ConsentStatus::ExpiringSoon);
        assert!(c.is_valid(now));
        c.expires_at = Some(now - Duration::seconds(1));
        assert_eq!(c.status(now), ConsentStatus::Expired);
        assert!(!c.is_valid(now));
        c.revoked_at = Some(now);
        assert_eq!(c.status(now), ConsentStatus::Revoked);
        assert!(c.allows_channel("mastodon", "x") && !c.allows_channel("bluesky", "y"));
    }
}
