//! Rows as the databases return them, converted to domain types in plain Rust.

use chrono::{DateTime, Utc};
use domain::audit::{AuditEntry, NewAuditEntry};
use domain::handbook::{Acknowledgement, HandbookVersion};
use domain::session::{ApiToken, Session};
use domain::store::{Principal, StoreError};
use domain::{Email, Org, Role, User};

pub fn backend(e: sqlx::Error) -> StoreError {
    if let sqlx::Error::Database(db) = &e {
        if db.is_unique_violation() {
            return StoreError::Duplicate(db.message().to_string());
        }
    }
    StoreError::Backend(e.to_string())
}

#[derive(sqlx::FromRow)]
pub struct OrgRow {
    pub id: String,
    pub slug: String,
    pub name: String,
    pub created_at: DateTime<Utc>,
}

impl From<OrgRow> for Org {
    fn from(r: OrgRow) -> Org {
        Org {
            id: r.id,
            slug: r.slug,
            name: r.name,
            created_at: r.created_at,
        }
    }
}

#[derive(sqlx::FromRow)]
pub struct UserRow {
    pub id: String,
    pub org_id: String,
    pub email: String,
    pub name: String,
    pub role: String,
    pub password_hash: Option<String>,
    pub totp_secret: Option<String>,
    pub disabled: bool,
    pub created_at: DateTime<Utc>,
}

impl TryFrom<UserRow> for User {
    type Error = StoreError;
    fn try_from(r: UserRow) -> Result<User, StoreError> {
        Ok(User {
            email: Email::parse(&r.email).map_err(StoreError::Backend)?,
            role: Role::parse(&r.role).ok_or_else(|| {
                StoreError::Backend(format!("unknown role '{}' in users", r.role))
            })?,
            id: r.id,
            org_id: r.org_id,
            name: r.name,
            password_hash: r.password_hash,
            totp_secret: r.totp_secret,
            disabled: r.disabled,
            created_at: r.created_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct SessionRow {
    pub id: String,
    pub org_id: String,
    pub user_id: String,
    pub digest: String,
    pub csrf_token: String,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

impl From<SessionRow> for Session {
    fn from(r: SessionRow) -> Session {
        Session {
            id: r.id,
            org_id: r.org_id,
            user_id: r.user_id,
            digest: r.digest,
            csrf_token: r.csrf_token,
            created_at: r.created_at,
            last_seen_at: r.last_seen_at,
            expires_at: r.expires_at,
            ip: r.ip,
            user_agent: r.user_agent,
        }
    }
}

#[derive(sqlx::FromRow)]
pub struct TokenRow {
    pub id: String,
    pub org_id: String,
    pub user_id: String,
    pub name: String,
    pub digest: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
}

impl From<TokenRow> for ApiToken {
    fn from(r: TokenRow) -> ApiToken {
        ApiToken {
            id: r.id,
            org_id: r.org_id,
            user_id: r.user_id,
            name: r.name,
            digest: r.digest,
            created_at: r.created_at,
            last_used_at: r.last_used_at,
        }
    }
}

/// A session joined with its principal (columns prefixed `s_` to keep them apart).
#[derive(sqlx::FromRow)]
pub struct SessionPrincipalRow {
    pub s_id: String,
    pub s_digest: String,
    pub s_csrf_token: String,
    pub s_created_at: DateTime<Utc>,
    pub s_last_seen_at: DateTime<Utc>,
    pub s_expires_at: DateTime<Utc>,
    pub s_ip: Option<String>,
    pub s_user_agent: Option<String>,
    #[sqlx(flatten)]
    pub principal: PrincipalRow,
}

impl SessionPrincipalRow {
    pub fn into_principal(self) -> Result<Principal, StoreError> {
        let session = Session {
            id: self.s_id,
            org_id: self.principal.user.org_id.clone(),
            user_id: self.principal.user.id.clone(),
            digest: self.s_digest,
            csrf_token: self.s_csrf_token,
            created_at: self.s_created_at,
            last_seen_at: self.s_last_seen_at,
            expires_at: self.s_expires_at,
            ip: self.s_ip,
            user_agent: self.s_user_agent,
        };
        self.principal.into_principal(Some(session), None)
    }
}

/// An API token joined with its principal (columns prefixed `t_`).
#[derive(sqlx::FromRow)]
pub struct TokenPrincipalRow {
    pub t_id: String,
    pub t_name: String,
    pub t_digest: String,
    pub t_created_at: DateTime<Utc>,
    pub t_last_used_at: Option<DateTime<Utc>>,
    #[sqlx(flatten)]
    pub principal: PrincipalRow,
}

impl TokenPrincipalRow {
    pub fn into_principal(self) -> Result<Principal, StoreError> {
        let token = ApiToken {
            id: self.t_id,
            org_id: self.principal.user.org_id.clone(),
            user_id: self.principal.user.id.clone(),
            name: self.t_name,
            digest: self.t_digest,
            created_at: self.t_created_at,
            last_used_at: self.t_last_used_at,
        };
        self.principal.into_principal(None, Some(token))
    }
}

/// The user, organisation and gate state behind a credential.
#[derive(sqlx::FromRow)]
pub struct PrincipalRow {
    #[sqlx(flatten)]
    pub user: UserRow,
    pub org_slug: String,
    pub org_name: String,
    pub org_created_at: DateTime<Utc>,
    pub require_two_factor: bool,
    pub handbook_version: Option<i64>,
    pub acknowledged: bool,
}

impl PrincipalRow {
    pub fn into_principal(
        self,
        session: Option<Session>,
        token: Option<ApiToken>,
    ) -> Result<Principal, StoreError> {
        let org = Org {
            id: self.user.org_id.clone(),
            slug: self.org_slug,
            name: self.org_name,
            created_at: self.org_created_at,
        };
        Ok(Principal {
            user: self.user.try_into()?,
            org,
            session,
            token,
            handbook_version: self.handbook_version,
            acknowledged: self.acknowledged,
            require_two_factor: self.require_two_factor,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct HandbookRow {
    pub org_id: String,
    pub version: i64,
    pub text: String,
    pub published_by: String,
    pub published_at: DateTime<Utc>,
}

impl From<HandbookRow> for HandbookVersion {
    fn from(r: HandbookRow) -> HandbookVersion {
        HandbookVersion {
            org_id: r.org_id,
            version: r.version,
            text: r.text,
            published_by: r.published_by,
            published_at: r.published_at,
        }
    }
}

#[derive(sqlx::FromRow)]
pub struct AckRow {
    pub user_id: String,
    pub version: i64,
    pub acknowledged_at: DateTime<Utc>,
}

impl From<AckRow> for Acknowledgement {
    fn from(r: AckRow) -> Acknowledgement {
        Acknowledgement {
            user_id: r.user_id,
            version: r.version,
            acknowledged_at: r.acknowledged_at,
        }
    }
}

#[derive(sqlx::FromRow)]
pub struct AuditRow {
    pub org_id: String,
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub actor_id: Option<String>,
    pub actor: String,
    pub action: String,
    pub target: String,
    pub detail: String,
    pub ip: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

impl TryFrom<AuditRow> for AuditEntry {
    type Error = StoreError;
    fn try_from(r: AuditRow) -> Result<AuditEntry, StoreError> {
        Ok(AuditEntry {
            seq: r.seq,
            entry: NewAuditEntry {
                org_id: r.org_id,
                actor_id: r.actor_id,
                actor: r.actor,
                action: r.action,
                target: r.target,
                detail: serde_json::from_str(&r.detail)
                    .map_err(|e| StoreError::Backend(format!("audit detail: {e}")))?,
                ip: r.ip,
                at: r.at,
            },
            prev_hash: r.prev_hash,
            hash: r.hash,
        })
    }
}

pub fn profile_json(p: &domain::OrgProfile) -> String {
    serde_json::to_string(p).expect("a profile always serialises")
}

pub fn parse_profile(s: &str) -> Result<domain::OrgProfile, StoreError> {
    serde_json::from_str(s).map_err(|e| StoreError::Backend(format!("org profile: {e}")))
}
