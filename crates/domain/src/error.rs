use std::collections::BTreeMap;

/// Per-field validation messages, keyed by the field's name in the API.
pub type FieldErrors = BTreeMap<String, String>;

/// Everything the domain can refuse. The web layer maps each variant to one HTTP status once.
#[derive(Debug, thiserror::Error)]
pub enum DomainError {
    #[error("{0}")]
    Validation(String, FieldErrors),
    #[error("sign in first")]
    Unauthenticated,
    #[error("{0}")]
    Forbidden(String),
    #[error("{what} not found")]
    NotFound { what: &'static str },
    #[error("{0}")]
    Conflict(String),
    #[error("too many attempts; try again in {retry_after_secs} seconds")]
    Throttled { retry_after_secs: u64 },
    #[error("storage failed: {0}")]
    Store(String),
    /// A well-formed request the rules refuse, with machine-readable details for the
    /// client (the guard's findings, per-channel limit problems), merged into the error.
    #[error("{message}")]
    Refused {
        code: &'static str,
        message: String,
        details: serde_json::Value,
    },
}

impl DomainError {
    pub fn invalid(field: &str, message: impl Into<String>) -> DomainError {
        let message = message.into();
        let mut fields = FieldErrors::new();
        fields.insert(field.to_string(), message.clone());
        DomainError::Validation(message, fields)
    }

    pub fn fields(fields: FieldErrors) -> DomainError {
        let summary = match fields.len() {
            1 => fields.values().next().cloned().unwrap_or_default(),
            n => format!("{n} fields need attention"),
        };
        DomainError::Validation(summary, fields)
    }

    /// A short machine-readable code for API clients.
    pub fn code(&self) -> &'static str {
        match self {
            DomainError::Validation(..) => "validation_failed",
            DomainError::Unauthenticated => "unauthenticated",
            DomainError::Forbidden(_) => "forbidden",
            DomainError::NotFound { .. } => "not_found",
            DomainError::Conflict(_) => "conflict",
            DomainError::Throttled { .. } => "throttled",
            DomainError::Store(_) => "internal",
            DomainError::Refused { code, .. } => code,
        }
    }
}

pub type Result<T, E = DomainError> = std::result::Result<T, E>;
