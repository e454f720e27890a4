//! Moderation by the published commenting policy: its versions (public, for profiles to
//! link), the response library for myths, and the automatic actions its rules take on
//! arrival — each recorded with the clause it enforced, and each undoable by a person.

use super::{now, Desk, SYSTEM};
use crate::access::{Approver, Responder};
use crate::audit::NewAuditEntry;
use crate::error::{DomainError, Result};
use crate::inbox::InboxItem;
use crate::inbox_store::LibraryEntry;
use crate::moderation::{CommentingPolicy, InboxAction, PolicyDraft};
use crate::response_library::{self, ResponseTemplate};
use crate::{Org, Viewer};
use serde_json::json;
use std::sync::Arc;

/// What the worker did with an item's automatic moderation.
pub(crate) enum Moderated {
    Done,
    /// The network is unreachable or busy: try again later.
    Retry(String),
}

impl Desk {
    /// The policy in force: the latest published version, or the built-in default filled
    /// with the organisation's contact points. Cached like the guard (another instance's
    /// publication applies within [`super::GUARD_RECHECK`]).
    pub async fn policy_in_force(&self, org_id: &str) -> Result<Arc<CommentingPolicy>> {
        if let Some(p) = self.policies.fresh(org_id) {
            return Ok(p);
        }
        let policy = match self.store.commenting_policy(org_id, None).await? {
            Some(p) => p,
            None => {
                let profile = self.store.get_profile(org_id).await?.unwrap_or_default();
                CommentingPolicy::default_for(org_id, &profile)
            }
        };
        Ok(self.policies.put(org_id.to_string(), policy))
    }

    /// Approvers (the compliance officer) and administrators publish the policy; every
    /// version stays readable at its own address.
    pub async fn publish_commenting_policy(
        &self,
        approver: &Approver<'_>,
        draft: PolicyDraft,
    ) -> Result<CommentingPolicy> {
        let draft = draft
            .validate()
            .map_err(|(field, message)| DomainError::invalid(field, message))?;
        let policy = self
            .store
            .publish_commenting_policy(
                approver.org_id(),
                &draft,
                &approver.actor().user().email.to_string(),
                now(),
            )
            .await?;
        self.policies.forget(approver.org_id());
        self.audit(
            approver.actor(),
            "policy.publish",
            &format!("v{}", policy.version),
            json!({
                "version": policy.version,
                "rules": policy.rules,
                "first_response_minutes": policy.first_response_minutes,
                "removal_minutes": policy.removal_minutes,
            }),
        )
        .await?;
        Ok(policy)
    }

    pub async fn commenting_policy_versions(
        &self,
        viewer: &Viewer<'_>,
    ) -> Result<Vec<CommentingPolicy>> {
        Ok(self
            .store
            .commenting_policy_versions(viewer.org_id())
            .await?)
    }

    /// The public page: anyone may read an organisation's policy (the latest version or
    /// one named), with the list of versions.
    pub async fn public_commenting_policy(
        &self,
        slug: &str,
        version: Option<i64>,
    ) -> Result<(
        Org,
        CommentingPolicy,
        Vec<(i64, chrono::DateTime<chrono::Utc>)>,
    )> {
        let org = self
            .store
            .get_org_by_slug(slug)
            .await?
            .ok_or(DomainError::NotFound {
                what: "organisation",
            })?;
        let versions: Vec<_> = self
            .store
            .commenting_policy_versions(&org.id)
            .await?
            .into_iter()
            .map(|p| (p.version, p.published_at))
            .collect();
        let policy = match version {
            Some(v) => self
                .store
                .commenting_policy(&org.id, Some(v))
                .await?
                .ok_or(DomainError::NotFound {
                    what: "policy version",
                })?,
            None => (*self.policy_in_force(&org.id).await?).clone(),
        };
        Ok((org, policy, versions))
    }

    /// The response library; an organisation starts with the built-in answers to common
    /// myths, which it can then edit or remove.
    pub async fn response_library(&self, org_id: &str) -> Result<Vec<LibraryEntry>> {
        let key = format!("responses.seeded.{org_id}");
        if self.store.get_setting(&key).await?.is_none() {
            // Stable ids: two instances seeding at once write the same rows.
            for (n, template) in response_library::defaults().into_iter().enumerate() {
                let entry = LibraryEntry {
                    id: format!("{org_id}-default-{n}"),
                    org_id: org_id.into(),
                    template,
                    position: n as i64,
                    updated_at: now(),
                };
                self.store.put_response(&entry).await?;
            }
            self.store.put_setting(&key, "1").await?;
        }
        Ok(self.store.list_responses(org_id).await?)
    }

    pub async fn responses(&self, viewer: &Viewer<'_>) -> Result<Vec<LibraryEntry>> {
        self.response_library(viewer.org_id()).await
    }

    /// Adds (no id) or replaces an answer in the library.
    pub async fn save_response(
        &self,
        approver: &Approver<'_>,
        id: Option<&str>,
        template: ResponseTemplate,
    ) -> Result<LibraryEntry> {
        let template = ResponseTemplate {
            topic: template.topic.trim().to_string(),
            keywords: template
                .keywords
                .iter()
                .map(|k| k.trim().to_string())
                .filter(|k| !k.is_empty())
                .collect(),
            body: template.body.trim().to_string(),
            sources: template
                .sources
                .iter()
                .map(|k| k.trim().to_string())
                .filter(|k| !k.is_empty())
                .collect(),
        };
        response_library::validate(&template).map_err(|m| DomainError::invalid("template", m))?;
        let existing = self.response_library(approver.org_id()).await?;
        let position = match id {
            Some(id) => {
                existing
                    .iter()
                    .find(|e| e.id == id)
                    .ok_or(DomainError::NotFound { what: "response" })?
                    .position
            }
            None => existing.iter().map(|e| e.position + 1).max().unwrap_or(0),
        };
        let entry = LibraryEntry {
            id: id.map(String::from).unwrap_or_else(crate::id::new_id),
            org_id: approver.org_id().into(),
            template,
            position,
            updated_at: now(),
        };
        self.store.put_response(&entry).await?;
        self.forget_library(approver.org_id());
        self.audit(
            approver.actor(),
            if id.is_some() {
                "response.update"
            } else {
                "response.create"
            },
            &entry.id,
            json!({"topic": entry.template.topic}),
        )
        .await?;
        Ok(entry)
    }

    pub async fn delete_response(&self, approver: &Approver<'_>, id: &str) -> Result<()> {
        self.response_library(approver.org_id()).await?;
        if !self.store.delete_response(approver.org_id(), id).await? {
            return Err(DomainError::NotFound { what: "response" });
        }
        self.forget_library(approver.org_id());
        self.audit(approver.actor(), "response.delete", id, json!({}))
            .await?;
        Ok(())
    }

    /// The library compiled for matching, cached like the policy (an edit here applies at
    /// once, one on another instance within [`super::GUARD_RECHECK`]).
    async fn library_matcher(&self, org_id: &str) -> Result<Arc<response_library::Matcher>> {
        if let Some(l) = self.libraries.fresh(org_id) {
            return Ok(l);
        }
        let matcher = response_library::Matcher::new(
            self.response_library(org_id)
                .await?
                .into_iter()
                .map(|e| e.template)
                .collect(),
        );
        Ok(self.libraries.put(org_id.to_string(), matcher))
    }

    fn forget_library(&self, org_id: &str) {
        self.libraries.forget(org_id);
    }

    /// The reply the policy suggests for a newly triaged item: the guard's compliant
    /// template for advice requests, the library's answer for a myth it knows.
    pub(crate) async fn suggest_reply(
        &self,
        policy: &CommentingPolicy,
        labels: &[String],
        text: &str,
        guard_reply: Option<String>,
    ) -> Result<Option<String>> {
        let Some(rule) = policy.auto_suggest(labels) else {
            return Ok(None);
        };
        if rule.label == "misinformation" {
            let library = self.library_matcher(&policy.org_id).await?;
            return Ok(library
                .best_match(text)
                .map(response_library::suggested_reply));
        }
        Ok(guard_reply)
    }

    /// An action on an item (the queue shows them; undo works from them), saved with the
    /// item it changed.
    pub(crate) fn inbox_action(
        item: &InboxItem,
        kind: &str,
        by: &str,
        auto: bool,
        clause: Option<&str>,
        detail: serde_json::Value,
    ) -> InboxAction {
        InboxAction {
            id: crate::id::new_id(),
            org_id: item.org_id.clone(),
            item_id: item.id.clone(),
            kind: kind.into(),
            auto,
            clause: clause.map(String::from),
            by: by.into(),
            at: now(),
            undone_at: None,
            detail,
        }
    }

    /// The worker's half of an automatic hide: the rule is read again (it may have been
    /// switched off since), and an item a person already handled is left alone. A network
    /// that cannot hide replies gets the item flagged for a person instead.
    pub(crate) async fn moderate_item(
        &self,
        org_id: &str,
        item_id: &str,
        last_attempt: bool,
    ) -> Result<Moderated> {
        let Some(mut item) = self.store.get_inbox_item(org_id, item_id).await? else {
            return Ok(Moderated::Done);
        };
        let handled = self
            .store
            .inbox_actions(org_id, std::slice::from_ref(&item.id))
            .await?
            .iter()
            .any(|a| {
                matches!(
                    a.kind.as_str(),
                    "hide" | "unhide" | "delete" | "flag" | "undo"
                )
            });
        if handled || matches!(item.state.as_str(), "hidden" | "deleted" | "resolved") {
            return Ok(Moderated::Done);
        }
        let policy = self.policy_in_force(org_id).await?;
        let Some(rule) = policy.auto_hide(&item.labels).cloned() else {
            return Ok(Moderated::Done);
        };
        let by = format!("policy v{}", policy.version);
        let (_, connector) = self.item_network(&item).await?;
        let outcome = connector.hide(&item.remote_id, true).await;
        let mut done = Vec::new();
        let detail = match outcome {
            Ok(()) => {
                item.state = "hidden".into();
                item.removed_at.get_or_insert(now());
                done.push("hide");
                json!({"policy_version": policy.version})
            }
            Err(e) if e.is_retryable() && !last_attempt => {
                return Ok(Moderated::Retry(e.to_string()))
            }
            Err(e) => {
                // The network cannot hide it (Mastodon). Abuse and spam: mute the author
                // for this account so it stops reaching the team; always: a person decides
                // whether to report it.
                let mut reason = format!("{}: {e}", rule.clause);
                if matches!(rule.label.as_str(), "abusive" | "spam")
                    && connector.mute_author(&item.remote_id, true).await.is_ok()
                {
                    done.push("mute");
                    reason.push_str(" The author is muted for this account (undo to unmute); report the post if it breaks the network's rules.");
                }
                item.needs_person = Some(reason);
                done.push("flag");
                json!({"policy_version": policy.version, "reason": e.to_string()})
            }
        };
        let actions: Vec<_> = done
            .iter()
            .map(|kind| {
                Self::inbox_action(&item, kind, &by, true, Some(&rule.clause), detail.clone())
            })
            .collect();
        self.store.save_inbox_item(&item, &actions).await?;
        let mut audit_detail = detail;
        audit_detail["clause"] = json!(rule.clause);
        audit_detail["labels"] = json!(item.labels);
        for action in done {
            self.record(NewAuditEntry::new(
                org_id,
                SYSTEM,
                &format!("inbox.auto_{action}"),
                &item.id,
                audit_detail.clone(),
            ))
            .await?;
        }
        Ok(Moderated::Done)
    }

    /// A person reverses an action: a hide is lifted on the network, a reply deleted from
    /// it, a resolution reopened, an assignment or a flag withdrawn.
    pub async fn undo_inbox_action(
        &self,
        responder: &Responder<'_>,
        item_id: &str,
        action_id: &str,
    ) -> Result<super::inbox_queue::InboxView> {
        let mut item = self
            .inbox_item(&responder.actor().viewer()?, item_id)
            .await?;
        let actions = self
            .store
            .inbox_actions(&item.org_id, std::slice::from_ref(&item.id))
            .await?;
        let action = actions
            .iter()
            .find(|a| a.id == action_id)
            .ok_or(DomainError::NotFound { what: "action" })?;
        if !action.undoable() {
            return Err(DomainError::Conflict(format!(
                "this {} cannot be undone{}",
                action.kind,
                if action.undone_at.is_some() {
                    ": it already was"
                } else {
                    ""
                }
            )));
        }
        use super::inbox_queue::refused;
        match action.kind.as_str() {
            "hide" => {
                let (name, network) = self.item_network(&item).await?;
                network
                    .hide(&item.remote_id, false)
                    .await
                    .map_err(|e| refused(e, &name))?;
                item.reopen();
                item.removed_at = None;
            }
            "reply" => {
                if let Some(remote) = action.detail["remote_id"].as_str() {
                    let (name, network) = self.item_network(&item).await?;
                    network
                        .delete(remote)
                        .await
                        .map_err(|e| refused(e, &name))?;
                }
                item.reopen();
            }
            "resolve" => {
                item.resolved_at = None;
                item.reopen();
            }
            "assign" => {
                item.assigned_to = action.detail["from"].as_str().map(String::from);
                if item.state == "assigned" && item.assigned_to.is_none() {
                    item.state = "new".into();
                }
            }
            "mute" => {
                let (name, network) = self.item_network(&item).await?;
                network
                    .mute_author(&item.remote_id, false)
                    .await
                    .map_err(|e| refused(e, &name))?;
            }
            "flag" => item.needs_person = None,
            _ => unreachable!("undoable() admits only the kinds above"),
        }
        if !self
            .store
            .mark_action_undone(&item.org_id, &action.id, now())
            .await?
        {
            return Err(DomainError::Conflict(
                "someone else undid this a moment ago".into(),
            ));
        }
        let by = responder.actor().user().email.to_string();
        let undo = Self::inbox_action(
            &item,
            "undo",
            &by,
            false,
            action.clause.as_deref(),
            json!({"undo_of": action.id, "kind": action.kind, "was_auto": action.auto}),
        );
        self.store.save_inbox_item(&item, &[undo]).await?;
        self.audit(
            responder.actor(),
            "inbox.undo",
            &item.id,
            json!({"action": action.kind, "auto": action.auto, "clause": action.clause}),
        )
        .await?;
        self.inbox_view(item).await
    }
}
