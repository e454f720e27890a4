use serde::{Deserialize, Serialize};

/// What a member of the communications team may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Manages users, the profile, the handbook and settings; can do everything else too.
    Admin,
    /// The compliance officer: approves what others wrote.
    Approver,
    /// Drafts posts.
    Author,
    /// Answers the inbox.
    Responder,
    /// Reads only.
    Viewer,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Admin,
        Role::Approver,
        Role::Author,
        Role::Responder,
        Role::Viewer,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Approver => "approver",
            Role::Author => "author",
            Role::Responder => "responder",
            Role::Viewer => "viewer",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Admin => "Administrator",
            Role::Approver => "Approver (compliance)",
            Role::Author => "Author",
            Role::Responder => "Responder (inbox)",
            Role::Viewer => "Viewer",
        }
    }

    pub fn can_author(self) -> bool {
        matches!(self, Role::Admin | Role::Approver | Role::Author)
    }

    pub fn can_approve(self) -> bool {
        matches!(self, Role::Admin | Role::Approver)
    }

    pub fn can_respond(self) -> bool {
        matches!(self, Role::Admin | Role::Approver | Role::Responder)
    }

    /// Roles whose rights depend on the handbook acknowledgement (the training gate).
    pub fn is_gated(self) -> bool {
        self != Role::Viewer
    }

    /// Roles that must use two-factor sign-in when the organisation requires it.
    pub fn needs_two_factor(self) -> bool {
        matches!(self, Role::Admin | Role::Approver)
    }
}
