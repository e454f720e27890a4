//! A realistic demo organisation, so a newcomer's first `carepost serve --demo` shows a
//! living desk: every role, a full profile, a published handbook with some people missing.

use crate::desk::Desk;
use crate::error::Result;
use crate::org::OrgProfile;
use crate::user::NewUserInput;
use crate::{Actor, Org, Role};

/// The password of every demo account (printed at start; demo databases only).
pub const DEMO_PASSWORD: &str = "carepost-demo-2026";

pub const HANDBOOK: &str = "Riverside Community Health — Social Media Handbook (v1)

1. Never share anything that could identify a patient — names, faces, dates of care, room numbers,
   ages over 89, or any detail that could point to one person — without a signed authorization on
   file. When in doubt, leave it out and ask Compliance.
2. Never give medical advice, diagnosis or dosage online. Thank the person, invite them to call
   (555) 555-0100 or book a visit, and remind them to call 911 in an emergency.
3. Never confirm or deny that someone is a patient, even if they say so publicly first.
4. Share health news only from trusted sources (CDC, WHO, peer-reviewed journals, our clinicians)
   and link to them.
5. Hide abusive, spam and privacy-violating comments under our commenting policy; never argue.
6. Every post is reviewed by an approver before it is published.";

pub struct DemoAccount {
    pub email: &'static str,
    pub name: &'static str,
    pub role: Role,
    pub acknowledged: bool,
}

pub const ACCOUNTS: [DemoAccount; 6] = [
    DemoAccount {
        email: "admin@riverside.example",
        name: "Dana Whitfield",
        role: Role::Admin,
        acknowledged: true,
    },
    DemoAccount {
        email: "compliance@riverside.example",
        name: "Marcus Oyelaran",
        role: Role::Approver,
        acknowledged: true,
    },
    DemoAccount {
        email: "sofia@riverside.example",
        name: "Sofía Herrera",
        role: Role::Author,
        acknowledged: true,
    },
    DemoAccount {
        email: "liam@riverside.example",
        name: "Liam Chen",
        role: Role::Author,
        acknowledged: false,
    },
    DemoAccount {
        email: "frontdesk@riverside.example",
        name: "Aisha Rahman",
        role: Role::Responder,
        acknowledged: true,
    },
    DemoAccount {
        email: "board@riverside.example",
        name: "Patricia Gomez",
        role: Role::Viewer,
        acknowledged: false,
    },
];

pub fn profile() -> OrgProfile {
    OrgProfile {
        name: "Riverside Community Health".into(),
        phones: vec!["(555) 555-0100".into(), "(555) 555-0199".into()],
        websites: vec![
            "https://riverside.example".into(),
            "https://riverside.example/book".into(),
        ],
        emails: vec!["hello@riverside.example".into()],
        handles: vec![
            "@RiversideHealth".into(),
            "@riversidehealth@mastodon.example".into(),
        ],
        addresses: vec![
            "1200 River Road, Springfield, IL 62701".into(),
            "45 Elm Street, Springfield, IL 62704".into(),
        ],
        staff: vec![
            "Dr. Amara Okafor".into(),
            "Dr. Luis Ortega".into(),
            "Nurse Practitioner Grace Kim".into(),
            "Dr. William Hart".into(),
        ],
        disclaimer:
            "We cannot give medical advice, diagnosis or treatment online. Call (555) 555-0100 \
            or book at riverside.example/book to talk to a clinician. In an emergency, call 911."
                .into(),
        emergency_number: Some("911".into()),
    }
}

impl Desk {
    /// Fills an empty installation with the demo organisation. Returns None when the
    /// database already has users (a demo never touches real data).
    pub async fn seed_demo(&self) -> Result<Option<Org>> {
        if !self.needs_setup().await? {
            return Ok(None);
        }
        let admin = &ACCOUNTS[0];
        let (org, admin_user) = self
            .create_admin(
                profile().name.as_str(),
                admin.email,
                admin.name,
                DEMO_PASSWORD,
            )
            .await?;
        let actor = Actor::system_admin(admin_user, org.clone());
        let cap = actor.admin()?;
        self.update_profile(&cap, profile()).await?;
        let mut users = Vec::new();
        for a in &ACCOUNTS[1..] {
            let u = self
                .create_user(
                    &cap,
                    NewUserInput {
                        email: a.email.into(),
                        name: a.name.into(),
                        role: a.role.as_str().into(),
                        password: Some(DEMO_PASSWORD.into()),
                    },
                )
                .await?;
            users.push((u, a.acknowledged));
        }
        let v = self.publish_handbook(&cap, HANDBOOK).await?;
        let now = chrono::Utc::now();
        self.store()
            .acknowledge_handbook(&org.id, &actor.user().id, v.version, now)
            .await?;
        for (u, acked) in users {
            if acked {
                self.store()
                    .acknowledge_handbook(&org.id, &u.id, v.version, now)
                    .await?;
            }
        }
        Ok(Some(org))
    }
}
