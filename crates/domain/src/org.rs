use crate::error::{DomainError, FieldErrors, Result};
use crate::user::Email;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// An organisation (a hospital, clinic or brand of a health system). Every row of data
/// belongs to exactly one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Org {
    pub id: String,
    /// URL-safe short name used in public links (`/p/{slug}/...`).
    pub slug: String,
    pub name: String,
    pub created_at: DateTime<Utc>,
}

/// Who the organisation is in public: the guard treats these as the organisation's own
/// identifiers, and every reply and profile carries the disclaimer and contact points.
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
    pub disclaimer: String,
    /// The local emergency number replies point to (911 when unset; 999 or 112 elsewhere).
    pub emergency_number: Option<String>,
}

pub const DEFAULT_DISCLAIMER: &str =
    "We cannot give medical advice, diagnosis or treatment online. \
Please call us or book a visit to talk to a clinician. In an emergency, call 911.";

impl OrgProfile {
    pub fn new_for(name: &str) -> OrgProfile {
        OrgProfile {
            name: name.to_string(),
            disclaimer: DEFAULT_DISCLAIMER.to_string(),
            ..OrgProfile::default()
        }
    }

    /// Checks and normalises every field; all problems are reported at once.
    pub fn validate(mut self) -> Result<OrgProfile> {
        let mut fields = FieldErrors::new();
        self.name = self.name.trim().to_string();
        if self.name.is_empty() {
            fields.insert("name".into(), "the organisation needs a name".into());
        } else if self.name.chars().count() > 200 {
            fields.insert(
                "name".into(),
                "the name is longer than 200 characters".into(),
            );
        }
        clean_list(&mut self.phones);
        for (i, p) in self.phones.iter().enumerate() {
            let digits = p.chars().filter(char::is_ascii_digit).count();
            let allowed = p
                .chars()
                .all(|c| c.is_ascii_digit() || " +-().ext".contains(c));
            if !(7..=15).contains(&digits) || !allowed {
                fields.insert(
                    format!("phones[{i}]"),
                    format!("'{p}' is not a phone number (7 to 15 digits)"),
                );
            }
        }
        clean_list(&mut self.websites);
        for (i, w) in self.websites.iter().enumerate() {
            let host = w
                .trim_start_matches("https://")
                .trim_start_matches("http://")
                .split('/')
                .next()
                .unwrap_or("");
            if !host.contains('.') || host.contains(' ') || host.starts_with('.') {
                fields.insert(
                    format!("websites[{i}]"),
                    format!("'{w}' is not a website address"),
                );
            }
        }
        clean_list(&mut self.emails);
        for (i, e) in self.emails.iter_mut().enumerate() {
            match Email::parse(e) {
                Ok(ok) => *e = ok.as_str().to_string(),
                Err(msg) => {
                    fields.insert(format!("emails[{i}]"), msg);
                }
            }
        }
        clean_list(&mut self.handles);
        clean_list(&mut self.addresses);
        clean_list(&mut self.staff);
        self.emergency_number = self
            .emergency_number
            .take()
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty());
        if let Some(n) = &self.emergency_number {
            if !(2..=6).contains(&n.len()) || !n.chars().all(|c| c.is_ascii_digit()) {
                fields.insert(
                    "emergency_number".into(),
                    format!("'{n}' is not an emergency number such as 911, 999 or 112"),
                );
            }
        }
        self.disclaimer = self.disclaimer.trim().to_string();
        if self.disclaimer.is_empty() {
            fields.insert(
                "disclaimer".into(),
                "profiles must carry a 'no medical advice online' disclaimer".into(),
            );
        } else if self.disclaimer.chars().count() > 500 {
            fields.insert(
                "disclaimer".into(),
                "the disclaimer is longer than 500 characters".into(),
            );
        }
        for (name, list) in [
            ("phones", &self.phones),
            ("websites", &self.websites),
            ("emails", &self.emails),
            ("handles", &self.handles),
            ("addresses", &self.addresses),
            ("staff", &self.staff),
        ] {
            if list.len() > 500 {
                fields.insert(name.into(), format!("at most 500 {name}"));
            }
        }
        if fields.is_empty() {
            Ok(self)
        } else {
            Err(DomainError::fields(fields))
        }
    }

    /// The guard's view of this profile.
    pub fn guard_profile(&self) -> guard::OrgProfile {
        guard::OrgProfile {
            name: self.name.clone(),
            phones: self.phones.clone(),
            websites: self.websites.clone(),
            emails: self.emails.clone(),
            handles: self.handles.clone(),
            addresses: self.addresses.clone(),
            staff: self.staff.clone(),
            emergency_number: self.emergency_number.clone(),
        }
    }
}

fn clean_list(list: &mut Vec<String>) {
    for item in list.iter_mut() {
        *item = item.trim().to_string();
    }
    list.retain(|s| !s.is_empty());
    let mut seen = std::collections::HashSet::new();
    list.retain(|s| seen.insert(s.to_lowercase()));
}

/// Security and display settings an administrator controls.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OrgSettings {
    /// Admins and approvers must sign in with a second factor.
    pub require_two_factor: bool,
    /// IANA time zone for the UI (storage is always UTC).
    pub timezone: String,
}

impl Default for OrgSettings {
    fn default() -> OrgSettings {
        OrgSettings {
            require_two_factor: false,
            timezone: "America/New_York".to_string(),
        }
    }
}

/// Makes a URL-safe slug from an organisation's name: "Clínica San Rafael" → "clinica-san-rafael".
pub fn slugify(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        let c = match c {
            'á' | 'à' | 'ä' | 'â' | 'Á' => 'a',
            'é' | 'è' | 'ë' | 'ê' | 'É' => 'e',
            'í' | 'ì' | 'ï' | 'î' | 'Í' => 'i',
            'ó' | 'ò' | 'ö' | 'ô' | 'Ó' => 'o',
            'ú' | 'ù' | 'ü' | 'û' | 'Ú' => 'u',
            'ñ' | 'Ñ' => 'n',
            c => c.to_ascii_lowercase(),
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "org".to_string()
    } else {
        out.chars().take(60).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_without_disclaimer_is_refused() {
        let mut p = OrgProfile::new_for("Riverside");
        p.disclaimer = "  ".into();
        assert!(
            matches!(p.validate(), Err(DomainError::Validation(_, f)) if f.contains_key("disclaimer"))
        );
    }

    #[test]
    fn profile_reports_the_bad_phone_by_index() {
        let mut p = OrgProfile::new_for("Riverside");
        p.phones = vec!["(415) 555-0100".into(), "call us".into()];
        let Err(DomainError::Validation(_, f)) = p.validate() else {
            panic!("expected validation error")
        };
        assert!(f.contains_key("phones[1]"));
        assert!(!f.contains_key("phones[0]"));
    }

    #[test]
    fn profile_lists_are_trimmed_and_deduplicated() {
        let mut p = OrgProfile::new_for("Riverside");
        p.staff = vec![
            " Dr. Amara Okafor ".into(),
            "dr. amara okafor".into(),
            "".into(),
        ];
        p.emails = vec!["Info@Riverside.ORG".into()];
        let p = p.validate().unwrap();
        assert_eq!(p.staff, ["Dr. Amara Okafor"]);
        assert_eq!(p.emails, ["info@riverside.org"]);
    }

    #[test]
    fn slug_folds_accents_and_punctuation() {
        assert_eq!(slugify("Clínica San Rafael!"), "clinica-san-rafael");
        assert_eq!(slugify("  "), "org");
    }
}
