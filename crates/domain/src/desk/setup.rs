//! First run: an empty installation prints a one-time link where the first administrator
//! names the organisation and chooses a password.

use super::{Desk, SYSTEM};
use crate::audit::NewAuditEntry;
use crate::credentials::{hash_password, new_secret, secret_digest, SETUP_PREFIX};
use crate::error::{DomainError, FieldErrors, Result};
use crate::id::new_id;
use crate::org::{slugify, Org, OrgProfile, OrgSettings};
use crate::role::Role;
use crate::user::{check_name, check_password_strength, Email, User};
use chrono::Utc;
use serde::Deserialize;

const SETUP_KEY: &str = "setup_token_digest";

#[derive(Debug, Clone, Deserialize)]
pub struct SetupInput {
    pub org_name: String,
    pub name: String,
    pub email: String,
    pub password: String,
}

impl Desk {
    /// True while nobody can sign in: the installation has no users yet.
    pub async fn needs_setup(&self) -> Result<bool> {
        Ok(self.store.count_users().await? == 0)
    }

    /// Issues a new one-time setup secret (replacing any earlier one) while no user exists.
    pub async fn begin_setup(&self) -> Result<Option<String>> {
        if !self.needs_setup().await? {
            return Ok(None);
        }
        let secret = new_secret(SETUP_PREFIX);
        self.store
            .put_setting(SETUP_KEY, &secret_digest(&secret))
            .await?;
        Ok(Some(secret))
    }

    /// Whether `secret` is the current setup secret (for showing the form).
    pub async fn setup_secret_valid(&self, secret: &str) -> Result<bool> {
        Ok(self.needs_setup().await?
            && self.store.get_setting(SETUP_KEY).await?.as_deref()
                == Some(secret_digest(secret).as_str()))
    }

    /// Creates the organisation and its first administrator. The secret is consumed
    /// atomically, so two racing submissions cannot both succeed.
    pub async fn complete_setup(&self, secret: &str, input: SetupInput) -> Result<(Org, User)> {
        let checked = check_admin_input(&input)?;
        if !self.needs_setup().await?
            || !self
                .store
                .take_setting(SETUP_KEY, &secret_digest(secret))
                .await?
        {
            return Err(DomainError::Forbidden(
                "this setup link is no longer valid; restart Carepost for a new one".into(),
            ));
        }
        self.create_org_with_admin(&input.org_name, checked, "setup.complete")
            .await
    }

    /// Creates an administrator from the command line: in the named organisation if it
    /// exists, otherwise in a new one.
    pub async fn create_admin(
        &self,
        org_name: &str,
        email: &str,
        name: &str,
        password: &str,
    ) -> Result<(Org, User)> {
        let input = SetupInput {
            org_name: org_name.to_string(),
            name: name.to_string(),
            email: email.to_string(),
            password: password.to_string(),
        };
        let checked = check_admin_input(&input)?;
        if let Some(org) = self.store.get_org_by_slug(&slugify(org_name)).await? {
            let user = self.insert_admin(&org, checked).await?;
            self.record(NewAuditEntry::new(
                &org.id,
                SYSTEM,
                "user.create",
                &user.id,
                serde_json::json!({"email": user.email, "role": "admin", "via": "cli"}),
            ))
            .await?;
            return Ok((org, user));
        }
        self.create_org_with_admin(org_name, checked, "org.create")
            .await
    }

    /// Creates an organisation (with a default profile and settings) and its first admin.
    pub async fn create_org_with_admin(
        &self,
        org_name: &str,
        admin: CheckedAdmin,
        action: &str,
    ) -> Result<(Org, User)> {
        let org = self.create_org(org_name).await?;
        let user = self.insert_admin(&org, admin).await?;
        self.record(NewAuditEntry::new(
            &org.id,
            SYSTEM,
            action,
            &org.id,
            serde_json::json!({"org": org.name, "admin": user.email}),
        ))
        .await?;
        Ok((org, user))
    }

    pub async fn create_org(&self, org_name: &str) -> Result<Org> {
        let name = org_name.trim();
        if name.is_empty() {
            return Err(DomainError::invalid(
                "org_name",
                "the organisation needs a name",
            ));
        }
        let mut slug = slugify(name);
        if self.store.get_org_by_slug(&slug).await?.is_some() {
            slug = format!("{slug}-{}", &new_id()[24..]);
        }
        let org = Org {
            id: new_id(),
            slug,
            name: name.to_string(),
            created_at: Utc::now(),
        };
        self.store
            .create_org(&org, &OrgProfile::new_for(name), &OrgSettings::default())
            .await?;
        Ok(org)
    }

    async fn insert_admin(&self, org: &Org, admin: CheckedAdmin) -> Result<User> {
        let user = User {
            id: new_id(),
            org_id: org.id.clone(),
            email: admin.email,
            name: admin.name,
            role: Role::Admin,
            password_hash: Some(hash_password(&admin.password)),
            totp_secret: None,
            disabled: false,
            created_at: Utc::now(),
        };
        self.store.create_user(&user).await?;
        Ok(user)
    }
}

pub struct CheckedAdmin {
    email: Email,
    name: String,
    password: String,
}

fn check_admin_input(input: &SetupInput) -> Result<CheckedAdmin> {
    let mut fields = FieldErrors::new();
    if input.org_name.trim().is_empty() {
        fields.insert("org_name".into(), "the organisation needs a name".into());
    }
    let email = Email::parse(&input.email).map_err(|e| fields.insert("email".into(), e));
    let name = check_name(&input.name).map_err(|e| fields.insert("name".into(), e));
    if let Err(e) = check_password_strength(&input.password) {
        fields.insert("password".into(), e);
    }
    match (email, name) {
        (Ok(email), Ok(name)) if fields.is_empty() => Ok(CheckedAdmin {
            email,
            name,
            password: input.password.clone(),
        }),
        _ => Err(DomainError::fields(fields)),
    }
}
