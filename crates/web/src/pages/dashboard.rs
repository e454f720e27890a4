//! The start page: where the organisation stands and what I can do from here.

use super::{render, Ctx, Layout, PageResult};
use askama::Template;
use axum::extract::Query;
use std::collections::HashMap;

/// A shortcut to a page the role can use.
struct Card {
    href: &'static str,
    title: &'static str,
    text: &'static str,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    layout: Layout,
    org_name: String,
    role_label: String,
    is_admin: bool,
    handbook_version: Option<i64>,
    trained: bool,
    /// Whether the role's rights wait for the acknowledgement (viewers have none to wait).
    gated: bool,
    /// For administrators: active members who have not acknowledged the current version.
    missing: Option<usize>,
    cards: Vec<Card>,
    disclaimer: String,
    attention: super::publishing::Attention,
    /// Facility alerts in force: (title, ends at, in the org's time zone).
    alerts: Vec<(String, String)>,
}

pub async fn show(ctx: Ctx, Query(q): Query<HashMap<String, String>>) -> PageResult {
    let a = &ctx.actor;
    let viewer = ctx.need(a.viewer(), "signed-in members")?;
    let profile = ctx.desk().profile(&viewer).await.map_err(|e| ctx.fail(e))?;
    let admin = a.admin().ok();
    let missing = match &admin {
        Some(admin) => Some(
            ctx.desk()
                .handbook_status(admin)
                .await
                .map_err(|e| ctx.fail(e))?
                .missing
                .len(),
        ),
        None => None,
    };
    let mut cards = vec![
        Card {
            href: "/check",
            title: "Check a draft",
            text: "Paste a post before it goes out and see every patient identifier highlighted.",
        },
        Card {
            href: "/handbook",
            title: "Social media handbook",
            text: "Read the policy and acknowledge the current version.",
        },
        Card {
            href: "/profile",
            title: "Public profile",
            text: "The organisation's contact points and disclaimer as the public sees them.",
        },
    ];
    if admin.is_some() {
        cards.push(Card {
            href: "/users",
            title: "Team",
            text: "Add people, change roles, disable accounts and reset passwords.",
        });
        cards.push(Card {
            href: "/settings",
            title: "Settings",
            text: "Two-factor sign-in rules and the organisation's time zone.",
        });
        cards.push(Card {
            href: "/sessions",
            title: "Sessions",
            text: "Who is signed in where; end any session.",
        });
    }
    if a.auditor().is_ok() {
        cards.push(Card {
            href: "/audit",
            title: "Audit log",
            text: "Every sign-in and change, tamper-evident, with export and verification.",
        });
    }
    cards.push(Card {
        href: "/account",
        title: "My account",
        text: "Password, two-factor sign-in, sessions and API tokens.",
    });
    let attention = super::publishing::Attention::load(&ctx).await;
    let alerts = ctx
        .desk()
        .alerts(&viewer, Some("active"))
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|a| {
            let ends = a
                .expires_at
                .with_timezone(&ctx.tz)
                .format("%a %-d %b, %H:%M")
                .to_string();
            (a.title, ends)
        })
        .collect();
    Ok(render(&DashboardPage {
        attention,
        alerts,
        layout: ctx.layout_with("Dashboard", &q),
        org_name: a.org().name.clone(),
        role_label: a.role().label().to_string(),
        is_admin: admin.is_some(),
        handbook_version: a.handbook_version(),
        trained: a.trained(),
        gated: a.role().is_gated(),
        missing,
        cards,
        disclaimer: profile.disclaimer,
    }))
}
