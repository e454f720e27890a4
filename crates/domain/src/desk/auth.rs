//! Signing in and out, sessions, API tokens and two-factor sign-in.

use super::Desk;
use crate::access::Actor;
use crate::audit::NewAuditEntry;
use crate::credentials::{
    check_totp, dummy_hash, hash_password, new_secret, new_totp_secret, secret_digest, totp_url,
    verify_password, SESSION_PREFIX, TOKEN_PREFIX,
};
use crate::error::{DomainError, Result};
use crate::id::new_id;
use crate::session::{ApiToken, Session, SESSION_IDLE_HOURS, SESSION_MAX_DAYS};
use crate::user::{check_password_strength, Email, User};
use chrono::{DateTime, Duration, Utc};
use serde::Deserialize;

/// Failed sign-ins allowed per account, and per client address, in one window.
pub const MAX_FAILURES_PER_EMAIL: i64 = 5;
pub const MAX_FAILURES_PER_IP: i64 = 30;
pub const FAILURE_WINDOW_MINUTES: i64 = 15;

#[derive(Debug, Clone, Deserialize)]
pub struct LoginInput {
    pub email: String,
    pub password: String,
    /// The 6-digit code, for users with two-factor sign-in.
    #[serde(default)]
    pub code: Option<String>,
}

pub enum LoginOutcome {
    /// Signed in: the secret goes into the cookie.
    SignedIn {
        secret: String,
        session: Box<Session>,
    },
    /// Password accepted; the authenticator code is needed too.
    NeedsCode,
}

fn idle_expiry(created: DateTime<Utc>, now: DateTime<Utc>) -> DateTime<Utc> {
    (now + Duration::hours(SESSION_IDLE_HOURS)).min(created + Duration::days(SESSION_MAX_DAYS))
}

impl Desk {
    pub async fn login(
        &self,
        input: LoginInput,
        ip: Option<&str>,
        user_agent: Option<&str>,
    ) -> Result<LoginOutcome> {
        let now = Utc::now();
        let since = now - Duration::minutes(FAILURE_WINDOW_MINUTES);
        let email_key = format!("email:{}", input.email.trim().to_lowercase());
        let ip_key = ip.map(|ip| format!("ip:{ip}"));
        let throttled = self.store.count_login_failures(&email_key, since).await?
            >= MAX_FAILURES_PER_EMAIL
            || match &ip_key {
                Some(k) => self.store.count_login_failures(k, since).await? >= MAX_FAILURES_PER_IP,
                None => false,
            };
        if throttled {
            return Err(DomainError::Throttled {
                retry_after_secs: (FAILURE_WINDOW_MINUTES * 60) as u64,
            });
        }

        let user = match Email::parse(&input.email) {
            Ok(email) => self.store.find_user_by_email(&email).await?,
            Err(_) => None,
        };
        let hash = user
            .as_ref()
            .and_then(|u| u.password_hash.as_deref())
            .unwrap_or(dummy_hash());
        let password_ok = verify_password(&input.password, hash);
        let user = match user {
            Some(u) if password_ok && !u.disabled => u,
            other => {
                return Err(self
                    .login_failed(
                        other.as_ref(),
                        &email_key,
                        ip_key.as_deref(),
                        ip,
                        "password",
                    )
                    .await)
            }
        };

        if let Some(sealed) = &user.totp_secret {
            let secret = self
                .secrets
                .open(sealed)
                .map_err(|e| DomainError::Store(e.to_string()))?;
            match input.code.as_deref().filter(|c| !c.trim().is_empty()) {
                None => return Ok(LoginOutcome::NeedsCode),
                Some(code) if check_totp(&secret, code, now.timestamp() as u64) => {}
                Some(_) => {
                    return Err(self
                        .login_failed(Some(&user), &email_key, ip_key.as_deref(), ip, "code")
                        .await)
                }
            }
        }
        // An account without a second factor whose role requires one still signs in, but
        // may only enrol it (see Actor::second_factor_missing).

        self.store.clear_login_failures(&email_key).await?;
        let secret = new_secret(SESSION_PREFIX);
        let session = Session {
            id: new_id(),
            org_id: user.org_id.clone(),
            user_id: user.id.clone(),
            digest: secret_digest(&secret),
            csrf_token: new_secret(""),
            created_at: now,
            last_seen_at: now,
            expires_at: idle_expiry(now, now),
            ip: ip.map(str::to_string),
            user_agent: user_agent.map(|s| s.chars().take(200).collect()),
        };
        self.store.create_session(&session).await?;
        self.record(NewAuditEntry::new(&user.org_id, user.email.as_str(), "user.login", &user.id, serde_json::json!({"session": session.id, "two_factor": user.totp_secret.is_some()})).by_user(&user.id).from_ip(ip))
        .await?;
        Ok(LoginOutcome::SignedIn {
            secret,
            session: Box::new(session),
        })
    }

    async fn login_failed(
        &self,
        user: Option<&User>,
        email_key: &str,
        ip_key: Option<&str>,
        ip: Option<&str>,
        what: &str,
    ) -> DomainError {
        let now = Utc::now();
        let recorded = async {
            self.store.record_login_failure(email_key, now).await?;
            if let Some(k) = ip_key {
                self.store.record_login_failure(k, now).await?;
            }
            if let Some(u) = user {
                self.record(
                    NewAuditEntry::new(
                        &u.org_id,
                        u.email.as_str(),
                        "user.login_failed",
                        &u.id,
                        serde_json::json!({"wrong": what}),
                    )
                    .by_user(&u.id)
                    .from_ip(ip),
                )
                .await?;
            }
            Ok::<(), DomainError>(())
        }
        .await;
        match recorded {
            Err(e) => e,
            Ok(()) if what == "code" => {
                DomainError::invalid("code", "that authenticator code is not valid")
            }
            Ok(()) => DomainError::Validation(
                "the email or password is not correct".into(),
                Default::default(),
            ),
        }
    }

    /// The actor behind a session cookie's secret, if it is valid and unexpired. Extends the
    /// idle expiry at most once a minute, to keep writes off the hot path.
    pub async fn authenticate_session(
        &self,
        secret: &str,
        ip: Option<&str>,
    ) -> Result<Option<Actor>> {
        let now = Utc::now();
        let Some(p) = self
            .store
            .principal_for_session(&secret_digest(secret), now)
            .await?
        else {
            return Ok(None);
        };
        if let Some(s) = &p.session {
            if now - s.last_seen_at > Duration::seconds(60) {
                self.store
                    .touch_session(&s.id, now, idle_expiry(s.created_at, now))
                    .await?;
            }
        }
        Ok(Actor::from_principal(p, ip.map(str::to_string)))
    }

    /// The actor behind an API token.
    pub async fn authenticate_token(
        &self,
        secret: &str,
        ip: Option<&str>,
    ) -> Result<Option<Actor>> {
        let Some(p) = self
            .store
            .principal_for_token(&secret_digest(secret))
            .await?
        else {
            return Ok(None);
        };
        if let Some(t) = &p.token {
            let now = Utc::now();
            if t.last_used_at
                .is_none_or(|at| now - at > Duration::seconds(60))
            {
                self.store.touch_token(&t.id, now).await?;
            }
        }
        Ok(Actor::from_principal(p, ip.map(str::to_string)))
    }

    pub async fn logout(&self, actor: &Actor) -> Result<()> {
        if let Some(id) = actor.session_id() {
            self.store.revoke_session(actor.org_id(), id).await?;
            self.audit(
                actor,
                "user.logout",
                &actor.user().id,
                serde_json::json!({"session": id}),
            )
            .await?;
        }
        Ok(())
    }

    /// The actor's own sessions, or with `all` (administrators) everyone's in the org.
    pub async fn sessions(&self, actor: &Actor, all: bool) -> Result<Vec<Session>> {
        let now = Utc::now();
        if all {
            let admin = actor.admin()?;
            Ok(self.store.list_sessions(admin.org_id(), None, now).await?)
        } else {
            Ok(self
                .store
                .list_sessions(actor.org_id(), Some(&actor.user().id), now)
                .await?)
        }
    }

    /// Ends a session: one's own, or anyone's in the org for an administrator.
    pub async fn revoke_session(&self, actor: &Actor, id: &str) -> Result<()> {
        let own = self
            .store
            .list_sessions(actor.org_id(), Some(&actor.user().id), Utc::now())
            .await?
            .iter()
            .any(|s| s.id == id);
        if !own {
            actor.admin()?;
        }
        if !self.store.revoke_session(actor.org_id(), id).await? {
            return Err(DomainError::NotFound { what: "session" });
        }
        self.audit(actor, "session.revoke", id, serde_json::json!({}))
            .await?;
        Ok(())
    }

    /// A new API token acting as `actor` (the secret is shown once).
    pub async fn create_token(&self, actor: &Actor, name: &str) -> Result<(String, ApiToken)> {
        actor.viewer()?;
        let (secret, token) = self.insert_token(actor.user(), name).await?;
        self.audit(
            actor,
            "token.create",
            &token.id,
            serde_json::json!({"name": token.name}),
        )
        .await?;
        Ok((secret, token))
    }

    /// A new API token for a user, from the operator's command line.
    pub async fn create_token_for(&self, email: &str, name: &str) -> Result<(String, ApiToken)> {
        let email = Email::parse(email).map_err(|e| DomainError::invalid("email", e))?;
        let user = self
            .store
            .find_user_by_email(&email)
            .await?
            .ok_or(DomainError::NotFound { what: "user" })?;
        let (secret, token) = self.insert_token(&user, name).await?;
        self.record(NewAuditEntry::new(
            &user.org_id,
            super::SYSTEM,
            "token.create",
            &token.id,
            serde_json::json!({"name": token.name, "user": user.email, "via": "cli"}),
        ))
        .await?;
        Ok((secret, token))
    }

    async fn insert_token(&self, user: &User, name: &str) -> Result<(String, ApiToken)> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(DomainError::invalid(
                "name",
                "give the token a name of 1 to 100 characters",
            ));
        }
        let secret = new_secret(TOKEN_PREFIX);
        let token = ApiToken {
            id: new_id(),
            org_id: user.org_id.clone(),
            user_id: user.id.clone(),
            name: name.to_string(),
            digest: secret_digest(&secret),
            created_at: Utc::now(),
            last_used_at: None,
        };
        self.store.create_token(&token).await?;
        Ok((secret, token))
    }

    pub async fn tokens(&self, actor: &Actor, all: bool) -> Result<Vec<ApiToken>> {
        if all {
            let admin = actor.admin()?;
            Ok(self.store.list_tokens(admin.org_id(), None).await?)
        } else {
            Ok(self
                .store
                .list_tokens(actor.org_id(), Some(&actor.user().id))
                .await?)
        }
    }

    pub async fn revoke_token(&self, actor: &Actor, id: &str) -> Result<()> {
        let own = self
            .store
            .list_tokens(actor.org_id(), Some(&actor.user().id))
            .await?
            .iter()
            .any(|t| t.id == id);
        if !own {
            actor.admin()?;
        }
        if !self.store.revoke_token(actor.org_id(), id).await? {
            return Err(DomainError::NotFound { what: "token" });
        }
        self.audit(actor, "token.revoke", id, serde_json::json!({}))
            .await?;
        Ok(())
    }

    pub async fn change_password(&self, actor: &Actor, current: &str, new: &str) -> Result<()> {
        let mut user = actor.user().clone();
        if !verify_password(
            current,
            user.password_hash.as_deref().unwrap_or(dummy_hash()),
        ) {
            return Err(DomainError::invalid(
                "current_password",
                "the current password is not correct",
            ));
        }
        check_password_strength(new).map_err(|e| DomainError::invalid("new_password", e))?;
        user.password_hash = Some(hash_password(new));
        self.store.update_user(&user).await?;
        self.audit(
            actor,
            "user.password_change",
            &user.id,
            serde_json::json!({}),
        )
        .await?;
        Ok(())
    }

    /// Starts two-factor enrolment: a new secret and the `otpauth://` URL to scan. Nothing
    /// is saved until [`Desk::confirm_two_factor`] sees a valid code for it.
    pub fn begin_two_factor(&self, actor: &Actor) -> (String, String) {
        let secret = new_totp_secret();
        let url =
            totp_url(&secret, actor.user().email.as_str(), &actor.org().name).unwrap_or_default();
        (secret, url)
    }

    pub async fn confirm_two_factor(&self, actor: &Actor, secret: &str, code: &str) -> Result<()> {
        if !check_totp(secret, code, Utc::now().timestamp() as u64) {
            return Err(DomainError::invalid(
                "code",
                "that code does not match; check the time on your phone and try again",
            ));
        }
        let mut user = actor.user().clone();
        user.totp_secret = Some(self.secrets.seal(secret));
        self.store.update_user(&user).await?;
        self.audit(
            actor,
            "user.two_factor_enable",
            &user.id,
            serde_json::json!({}),
        )
        .await?;
        Ok(())
    }

    pub async fn disable_two_factor(&self, actor: &Actor, code: &str) -> Result<()> {
        let mut user = actor.user().clone();
        let Some(sealed) = user.totp_secret.clone() else {
            return Err(DomainError::Conflict("two-factor sign-in is not on".into()));
        };
        let secret = self
            .secrets
            .open(&sealed)
            .map_err(|e| DomainError::Store(e.to_string()))?;
        if !check_totp(&secret, code, Utc::now().timestamp() as u64) {
            return Err(DomainError::invalid(
                "code",
                "that authenticator code is not valid",
            ));
        }
        let settings = self
            .store
            .get_settings(actor.org_id())
            .await?
            .unwrap_or_default();
        if settings.require_two_factor && user.role.needs_two_factor() {
            return Err(DomainError::Forbidden(
                "your organisation requires two-factor sign-in for your role".into(),
            ));
        }
        user.totp_secret = None;
        self.store.update_user(&user).await?;
        self.audit(
            actor,
            "user.two_factor_disable",
            &user.id,
            serde_json::json!({}),
        )
        .await?;
        Ok(())
    }
}
