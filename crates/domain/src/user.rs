use crate::error::{DomainError, Result};
use crate::role::Role;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// An email address that has been checked: lower-cased, one `@`, a dotted domain.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Email, String> {
        let s = raw.trim().to_lowercase();
        let Some((local, domain)) = s.split_once('@') else {
            return Err(format!("'{}' is not an email address (no @)", raw.trim()));
        };
        let ok_local = !local.is_empty()
            && local.len() <= 64
            && local
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c));
        let ok_domain = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
        if !ok_local || !ok_domain || s.len() > 254 {
            return Err(format!("'{}' is not a valid email address", raw.trim()));
        }
        Ok(Email(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Email {
    type Error = String;
    fn try_from(s: String) -> Result<Email, String> {
        Email::parse(&s)
    }
}

impl From<Email> for String {
    fn from(e: Email) -> String {
        e.0
    }
}

impl std::fmt::Display for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A member of an organisation's team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: String,
    pub org_id: String,
    pub email: Email,
    pub name: String,
    pub role: Role,
    #[serde(skip)]
    pub password_hash: Option<String>,
    /// The TOTP secret (base32), sealed by the desk's SecretBox, once two-factor is on.
    #[serde(skip)]
    pub totp_secret: Option<String>,
    pub disabled: bool,
    pub created_at: DateTime<Utc>,
}

impl User {
    pub fn has_two_factor(&self) -> bool {
        self.totp_secret.is_some()
    }
}

/// Input for a new team member, validated by [`NewUser::parse`].
#[derive(Debug, Clone, Deserialize)]
pub struct NewUserInput {
    pub email: String,
    pub name: String,
    pub role: String,
    #[serde(default)]
    pub password: Option<String>,
}

#[derive(Debug, Clone)]
pub struct NewUser {
    pub email: Email,
    pub name: String,
    pub role: Role,
    pub password: Option<String>,
}

pub const MIN_PASSWORD_LEN: usize = 12;

pub fn check_password_strength(password: &str) -> Result<(), String> {
    let n = password.chars().count();
    if n < MIN_PASSWORD_LEN {
        return Err(format!(
            "the password needs at least {MIN_PASSWORD_LEN} characters (it has {n})"
        ));
    }
    if n > 256 {
        return Err("the password is longer than 256 characters".into());
    }
    Ok(())
}

pub fn check_name(name: &str) -> Result<String, String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("a name is required".into());
    }
    if name.chars().count() > 120 {
        return Err("the name is longer than 120 characters".into());
    }
    Ok(name.to_string())
}

impl NewUser {
    pub fn parse(input: NewUserInput) -> Result<NewUser> {
        let mut fields = crate::FieldErrors::new();
        let email = Email::parse(&input.email).map_err(|e| fields.insert("email".into(), e));
        let name = check_name(&input.name).map_err(|e| fields.insert("name".into(), e));
        let role = Role::parse(input.role.trim()).ok_or_else(|| {
            fields.insert(
                "role".into(),
                format!(
                    "'{}' is not a role; use admin, approver, author, responder or viewer",
                    input.role.trim()
                ),
            )
        });
        let password = match input.password.filter(|p| !p.is_empty()) {
            Some(p) => match check_password_strength(&p) {
                Ok(()) => Some(p),
                Err(e) => {
                    fields.insert("password".into(), e);
                    None
                }
            },
            None => None,
        };
        match (email, name, role) {
            (Ok(email), Ok(name), Ok(role)) if fields.is_empty() => Ok(NewUser {
                email,
                name,
                role,
                password,
            }),
            _ => Err(DomainError::fields(fields)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_is_lowercased_and_trimmed() {
        assert_eq!(
            Email::parse("  Ana.Lopez@Clinic.ORG ").unwrap().as_str(),
            "ana.lopez@clinic.org"
        );
    }

    #[test]
    fn email_without_at_or_domain_dot_is_refused() {
        assert!(Email::parse("ana.clinic.org").is_err());
        assert!(Email::parse("ana@clinic").is_err());
        assert!(Email::parse("ana@@clinic.org").is_err());
        assert!(Email::parse("a na@clinic.org").is_err());
    }

    #[test]
    fn new_user_reports_every_bad_field() {
        let err = NewUser::parse(NewUserInput {
            email: "nope".into(),
            name: " ".into(),
            role: "boss".into(),
            password: Some("short".into()),
        })
        .unwrap_err();
        let DomainError::Validation(_, fields) = err else {
            panic!("expected validation error")
        };
        let keys: Vec<_> = fields.keys().map(String::as_str).collect();
        assert_eq!(keys, ["email", "name", "password", "role"]);
    }
}
