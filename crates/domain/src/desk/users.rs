//! Team members and their roles.

use super::Desk;
use crate::access::Admin;
use crate::credentials::hash_password;
use crate::error::{DomainError, Result};
use crate::id::new_id;
use crate::role::Role;
use crate::user::{check_name, check_password_strength, NewUser, NewUserInput, User};
use chrono::Utc;
use serde::Deserialize;

/// A partial change to a user; absent fields stay as they are.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct UserUpdate {
    pub name: Option<String>,
    pub role: Option<String>,
    pub disabled: Option<bool>,
    pub password: Option<String>,
}

impl Desk {
    pub async fn list_users(&self, admin: &Admin<'_>) -> Result<Vec<User>> {
        Ok(self.store.list_users(admin.org_id()).await?)
    }

    pub async fn get_user(&self, admin: &Admin<'_>, id: &str) -> Result<User> {
        self.store
            .get_user(admin.org_id(), id)
            .await?
            .ok_or(DomainError::NotFound { what: "user" })
    }

    /// Adds a team member. Without a password they cannot sign in until an admin sets one.
    pub async fn create_user(&self, admin: &Admin<'_>, input: NewUserInput) -> Result<User> {
        let new = NewUser::parse(input)?;
        if self.store.find_user_by_email(&new.email).await?.is_some() {
            return Err(DomainError::Validation(
                format!("{} already has an account", new.email),
                [(
                    "email".to_string(),
                    "this email already has an account".to_string(),
                )]
                .into(),
            ));
        }
        let user = User {
            id: new_id(),
            org_id: admin.org_id().to_string(),
            email: new.email,
            name: new.name,
            role: new.role,
            password_hash: new.password.as_deref().map(hash_password),
            totp_secret: None,
            disabled: false,
            created_at: Utc::now(),
        };
        self.store.create_user(&user).await?;
        self.audit(
            admin.actor(),
            "user.create",
            &user.id,
            serde_json::json!({"email": user.email, "role": user.role}),
        )
        .await?;
        Ok(user)
    }

    /// Changes a member's name, role, password or access. An administrator cannot lock the
    /// organisation out: the last active admin keeps the role and stays enabled.
    pub async fn update_user(
        &self,
        admin: &Admin<'_>,
        id: &str,
        change: UserUpdate,
    ) -> Result<User> {
        let mut user = self
            .store
            .get_user(admin.org_id(), id)
            .await?
            .ok_or(DomainError::NotFound { what: "user" })?;
        let before = (user.role, user.disabled);
        let mut fields = crate::FieldErrors::new();
        if let Some(name) = &change.name {
            match check_name(name) {
                Ok(n) => user.name = n,
                Err(e) => {
                    fields.insert("name".into(), e);
                }
            }
        }
        if let Some(role) = &change.role {
            match Role::parse(role.trim()) {
                Some(r) => user.role = r,
                None => {
                    fields.insert("role".into(), format!("'{role}' is not a role"));
                }
            }
        }
        if let Some(disabled) = change.disabled {
            user.disabled = disabled;
        }
        let password_changed = match change.password.as_deref().filter(|p| !p.is_empty()) {
            Some(p) => match check_password_strength(p) {
                Ok(()) => {
                    user.password_hash = Some(hash_password(p));
                    true
                }
                Err(e) => {
                    fields.insert("password".into(), e);
                    false
                }
            },
            None => false,
        };
        if !fields.is_empty() {
            return Err(DomainError::fields(fields));
        }
        let loses_admin = before.0 == Role::Admin && (user.role != Role::Admin || user.disabled);
        if loses_admin {
            let other_admins = self
                .store
                .list_users(admin.org_id())
                .await?
                .iter()
                .filter(|u| u.id != user.id && u.role == Role::Admin && !u.disabled)
                .count();
            if other_admins == 0 {
                return Err(DomainError::Conflict(
                    "this is the last active administrator; appoint another one first".into(),
                ));
            }
        }
        self.store.update_user(&user).await?;
        if user.disabled && !before.1 || password_changed {
            // A disabled account or a reset password ends every open session at once.
            self.store
                .revoke_user_sessions(admin.org_id(), &user.id)
                .await?;
        }
        self.audit(
            admin.actor(),
            if before.0 != user.role {
                "user.role_change"
            } else {
                "user.update"
            },
            &user.id,
            serde_json::json!({
                "role": {"from": before.0, "to": user.role},
                "disabled": {"from": before.1, "to": user.disabled},
                "password_reset": password_changed,
            }),
        )
        .await?;
        Ok(user)
    }
}
