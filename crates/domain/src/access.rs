//! Role checks that cannot be forgotten: an [`Actor`] is only made by the desk from a valid
//! credential, and each privileged workflow asks for a capability (`&Admin`, `&Author`, ...)
//! that only the matching check hands out. A handler that skips the check does not compile.

use crate::error::{DomainError, Result};
use crate::org::Org;
use crate::role::Role;
use crate::store::Principal;
use crate::user::User;

/// How the actor proved who they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthMethod {
    Session { id: String, csrf_token: String },
    Token { id: String },
}

/// A signed-in user acting within their organisation.
#[derive(Debug, Clone)]
pub struct Actor {
    user: User,
    org: Org,
    auth: AuthMethod,
    handbook_version: Option<i64>,
    acknowledged: bool,
    second_factor_missing: bool,
    ip: Option<String>,
}

impl Actor {
    pub(crate) fn from_principal(p: Principal, ip: Option<String>) -> Option<Actor> {
        if p.user.disabled {
            return None;
        }
        let auth = match (&p.session, &p.token) {
            (Some(s), _) => AuthMethod::Session {
                id: s.id.clone(),
                csrf_token: s.csrf_token.clone(),
            },
            (None, Some(t)) => AuthMethod::Token { id: t.id.clone() },
            (None, None) => return None,
        };
        // Sessions of users with a second factor were only created after the code was
        // checked; what remains is a role that requires one but has not enrolled it.
        let second_factor_missing =
            p.require_two_factor && p.user.role.needs_two_factor() && !p.user.has_two_factor();
        Some(Actor {
            user: p.user,
            org: p.org,
            auth,
            handbook_version: p.handbook_version,
            acknowledged: p.acknowledged,
            second_factor_missing,
            ip,
        })
    }

    /// An administrator acting without a credential: the operator's CLI and the demo
    /// seeder, which run with the database's owner rights anyway.
    pub(crate) fn system_admin(user: User, org: Org) -> Actor {
        Actor {
            user,
            org,
            auth: AuthMethod::Token { id: "cli".into() },
            handbook_version: None,
            acknowledged: false,
            second_factor_missing: false,
            ip: None,
        }
    }

    pub fn user(&self) -> &User {
        &self.user
    }
    pub fn org(&self) -> &Org {
        &self.org
    }
    pub fn org_id(&self) -> &str {
        &self.org.id
    }
    pub fn role(&self) -> Role {
        self.user.role
    }
    pub fn auth(&self) -> &AuthMethod {
        &self.auth
    }
    pub fn ip(&self) -> Option<&str> {
        self.ip.as_deref()
    }
    /// The CSRF token unsafe browser requests must carry (none for API tokens).
    pub fn csrf_token(&self) -> Option<&str> {
        match &self.auth {
            AuthMethod::Session { csrf_token, .. } => Some(csrf_token),
            AuthMethod::Token { .. } => None,
        }
    }
    pub fn session_id(&self) -> Option<&str> {
        match &self.auth {
            AuthMethod::Session { id, .. } => Some(id),
            AuthMethod::Token { .. } => None,
        }
    }
    /// Whether the user acknowledged the current handbook (false when none is published:
    /// gated rights need a policy to have been read).
    pub fn trained(&self) -> bool {
        self.handbook_version.is_some() && self.acknowledged
    }
    pub fn handbook_version(&self) -> Option<i64> {
        self.handbook_version
    }
    /// True while the user still has to give (or enrol) a required second factor; such an
    /// actor may only reach their own account pages.
    pub fn second_factor_missing(&self) -> bool {
        self.second_factor_missing
    }

    fn signed_in(&self) -> Result<()> {
        if self.second_factor_missing {
            return Err(DomainError::Forbidden(
                "two-factor sign-in is required: finish it on your account page first".into(),
            ));
        }
        Ok(())
    }

    fn gated(&self, allowed: bool, what: &str) -> Result<()> {
        self.signed_in()?;
        if !allowed {
            return Err(DomainError::Forbidden(format!(
                "your role ({}) cannot {what}",
                self.user.role.as_str()
            )));
        }
        if !self.trained() {
            return Err(DomainError::Forbidden(match self.handbook_version {
                None => format!(
                    "to {what}, the social media handbook must be published and acknowledged first"
                ),
                Some(v) => {
                    format!("to {what}, acknowledge version {v} of the social media handbook first")
                }
            }));
        }
        Ok(())
    }

    /// Any signed-in member: read-only access.
    pub fn viewer(&self) -> Result<Viewer<'_>> {
        self.signed_in()?;
        Ok(Viewer(self))
    }

    /// User management, profile, handbook and settings. Not gated by training: the admin is
    /// the one who publishes the handbook.
    pub fn admin(&self) -> Result<Admin<'_>> {
        self.signed_in()?;
        if self.user.role != Role::Admin {
            return Err(DomainError::Forbidden(
                "only an administrator can do this".into(),
            ));
        }
        Ok(Admin(self))
    }

    pub fn author(&self) -> Result<Author<'_>> {
        self.gated(self.user.role.can_author(), "draft posts")?;
        Ok(Author(self))
    }

    pub fn approver(&self) -> Result<Approver<'_>> {
        self.gated(self.user.role.can_approve(), "approve or review")?;
        Ok(Approver(self))
    }

    pub fn responder(&self) -> Result<Responder<'_>> {
        self.gated(self.user.role.can_respond(), "answer the inbox")?;
        Ok(Responder(self))
    }

    /// Reading the audit log: administrators, and approvers (compliance) once trained.
    pub fn auditor(&self) -> Result<Auditor<'_>> {
        if self.user.role == Role::Admin {
            self.signed_in()?;
        } else {
            self.gated(self.user.role.can_approve(), "read the audit log")?;
        }
        Ok(Auditor(self))
    }
}

macro_rules! capability {
    ($($(#[$doc:meta])* $name:ident),*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy)]
        pub struct $name<'a>(&'a Actor);
        impl<'a> $name<'a> {
            pub fn actor(&self) -> &'a Actor { self.0 }
            pub fn org_id(&self) -> &'a str { &self.0.org.id }
            pub fn user_id(&self) -> &'a str { &self.0.user.id }
        }
    )*};
}

capability!(
    /// Proof that the actor is signed in (any role).
    Viewer,
    /// Proof that the actor is an administrator.
    Admin,
    /// Proof that the actor may draft posts and has acknowledged the handbook.
    Author,
    /// Proof that the actor may approve and has acknowledged the handbook.
    Approver,
    /// Proof that the actor may answer the inbox and has acknowledged the handbook.
    Responder,
    /// Proof that the actor may read the audit log.
    Auditor
);

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::session::Session;
    use chrono::Utc;

    pub fn actor(role: Role, handbook: Option<i64>, acked: bool) -> Actor {
        let now = Utc::now();
        let user = User {
            id: "u1".into(),
            org_id: "o1".into(),
            email: crate::Email::parse("a@b.org").unwrap(),
            name: "A".into(),
            role,
            password_hash: None,
            totp_secret: None,
            disabled: false,
            created_at: now,
        };
        let session = Session {
            id: "s1".into(),
            org_id: "o1".into(),
            user_id: "u1".into(),
            digest: "d".into(),
            csrf_token: "c".into(),
            created_at: now,
            last_seen_at: now,
            expires_at: now,
            ip: None,
            user_agent: None,
        };
        Actor::from_principal(
            Principal {
                user,
                org: Org {
                    id: "o1".into(),
                    slug: "o".into(),
                    name: "O".into(),
                    created_at: now,
                },
                session: Some(session),
                token: None,
                handbook_version: handbook,
                acknowledged: acked,
                require_two_factor: false,
            },
            None,
        )
        .unwrap()
    }

    #[test]
    fn author_rights_need_the_current_handbook_acknowledged() {
        assert!(actor(Role::Author, Some(2), false).author().is_err());
        assert!(actor(Role::Author, None, false).author().is_err());
        assert!(actor(Role::Author, Some(2), true).author().is_ok());
    }

    #[test]
    fn admin_rights_are_not_gated_but_admins_authoring_is() {
        let a = actor(Role::Admin, Some(1), false);
        assert!(a.admin().is_ok());
        assert!(a.author().is_err());
    }

    #[test]
    fn each_role_gets_exactly_its_capabilities() {
        for role in Role::ALL {
            let a = actor(role, Some(1), true);
            assert_eq!(a.admin().is_ok(), role == Role::Admin, "{role:?} admin");
            assert_eq!(a.author().is_ok(), role.can_author(), "{role:?} author");
            assert_eq!(
                a.approver().is_ok(),
                role.can_approve(),
                "{role:?} approver"
            );
            assert_eq!(
                a.responder().is_ok(),
                role.can_respond(),
                "{role:?} responder"
            );
            assert!(a.viewer().is_ok());
        }
    }

    #[test]
    fn required_second_factor_blocks_everything_until_enrolled() {
        let mut a = actor(Role::Approver, Some(1), true);
        a.second_factor_missing = true;
        assert!(a.viewer().is_err());
        assert!(a.approver().is_err());
    }
}
