//! The responders' queue: items with their action history and SLA timers, and the
//! manual actions (assign, reply, hide, delete, resolve). Every action is recorded on the
//! item and in the audit log with the policy clause it enforced.

use super::{now, Desk};
use crate::access::Responder;
use crate::error::{DomainError, Result};
use crate::inbox::{InboxFilter, InboxItem};
use crate::moderation::{self, InboxAction, Sla, Targets};
use crate::user::User;
use crate::Viewer;
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;

#[derive(Debug, Clone, Serialize)]
pub struct ActionView {
    #[serde(flatten)]
    pub action: InboxAction,
    pub undoable: bool,
}

/// An item as the queue shows it.
#[derive(Debug, Clone, Serialize)]
pub struct InboxView {
    #[serde(flatten)]
    pub item: InboxItem,
    pub actions: Vec<ActionView>,
    pub sla: Sla,
}

#[derive(Debug, Clone, Serialize)]
pub struct InboxPage {
    pub items: Vec<InboxView>,
    pub now: DateTime<Utc>,
    pub targets: Targets,
}

pub(super) fn refused(e: ::channels::ConnectorError, network: &str) -> DomainError {
    DomainError::Refused {
        code: "network_refused",
        message: format!("{network}: {e}"),
        details: json!({"retryable": e.is_retryable()}),
    }
}

impl Desk {
    pub async fn inbox(
        &self,
        responder: &Responder<'_>,
        mut filter: InboxFilter,
    ) -> Result<InboxPage> {
        filter.limit = filter.limit.clamp(1, 500);
        let items = self.store.list_inbox(responder.org_id(), &filter).await?;
        let policy = self.policy_in_force(responder.org_id()).await?;
        Ok(InboxPage {
            items: self.inbox_views(responder.org_id(), items).await?,
            now: now(),
            targets: Targets {
                first_response_minutes: policy.first_response_minutes,
                removal_minutes: policy.removal_minutes,
            },
        })
    }

    async fn inbox_views(&self, org_id: &str, items: Vec<InboxItem>) -> Result<Vec<InboxView>> {
        let ids: Vec<String> = items.iter().map(|i| i.id.clone()).collect();
        let mut actions: std::collections::HashMap<String, Vec<ActionView>> =
            std::collections::HashMap::new();
        for action in self.store.inbox_actions(org_id, &ids).await? {
            actions
                .entry(action.item_id.clone())
                .or_default()
                .push(ActionView {
                    undoable: action.undoable(),
                    action,
                });
        }
        let policy = self.policy_in_force(org_id).await?;
        let targets = Targets {
            first_response_minutes: policy.first_response_minutes,
            removal_minutes: policy.removal_minutes,
        };
        let at = now();
        Ok(items
            .into_iter()
            .map(|item| {
                let mine = actions.remove(&item.id).unwrap_or_default();
                let sla = moderation::sla(
                    item.received_at,
                    item.first_response_at,
                    item.removed_at,
                    policy.is_violation(&item.labels),
                    targets,
                    at,
                );
                InboxView {
                    item,
                    actions: mine,
                    sla,
                }
            })
            .collect())
    }

    pub(crate) async fn inbox_view(&self, item: InboxItem) -> Result<InboxView> {
        let org = item.org_id.clone();
        Ok(self
            .inbox_views(&org, vec![item])
            .await?
            .pop()
            .expect("one item in, one view out"))
    }

    /// The item's channel name (for messages) and its network connector.
    pub(super) async fn item_network(
        &self,
        item: &InboxItem,
    ) -> Result<(String, std::sync::Arc<dyn ::channels::Connector>)> {
        let channel = self.channel(&item.org_id, &item.channel_id).await?;
        Ok((channel.name.clone(), self.connector(&channel)?))
    }

    pub async fn inbox_item(&self, viewer: &Viewer<'_>, id: &str) -> Result<InboxItem> {
        self.store
            .get_inbox_item(viewer.org_id(), id)
            .await?
            .ok_or(DomainError::NotFound { what: "inbox item" })
    }

    pub async fn inbox_item_view(&self, responder: &Responder<'_>, id: &str) -> Result<InboxView> {
        let item = self.inbox_item(&responder.actor().viewer()?, id).await?;
        self.inbox_view(item).await
    }

    /// Items nobody has handled yet.
    pub async fn inbox_new_count(&self, responder: &Responder<'_>) -> Result<usize> {
        Ok(self.store.count_inbox(responder.org_id(), "new").await? as usize)
    }

    /// The members an item can be assigned to.
    pub async fn inbox_responders(&self, responder: &Responder<'_>) -> Result<Vec<User>> {
        Ok(self
            .store
            .list_users(responder.org_id())
            .await?
            .into_iter()
            .filter(|u| !u.disabled && u.role.can_respond())
            .collect())
    }

    /// Saves the item with a person's action on it, and records the action in the audit
    /// log, with the clause given or, failing that, the policy's clause for its labels.
    async fn manual_action(
        &self,
        responder: &Responder<'_>,
        item: &InboxItem,
        kind: &str,
        clause: Option<&str>,
        detail: serde_json::Value,
    ) -> Result<()> {
        let policy = self.policy_in_force(&item.org_id).await?;
        let clause = clause
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .or_else(|| policy.clause_for(&item.labels, kind));
        let by = responder.actor().user().email.to_string();
        let action = Self::inbox_action(item, kind, &by, false, clause, detail.clone());
        self.store.save_inbox_item(item, &[action]).await?;
        let mut audit = detail;
        audit["clause"] = json!(clause);
        audit["labels"] = json!(item.labels);
        self.audit(responder.actor(), &format!("inbox.{kind}"), &item.id, audit)
            .await?;
        Ok(())
    }

    /// Assigns an item to a responder of the organisation.
    pub async fn assign_inbox_item(
        &self,
        responder: &Responder<'_>,
        id: &str,
        user_id: &str,
    ) -> Result<InboxView> {
        let user = self
            .store
            .get_user(responder.org_id(), user_id)
            .await?
            .filter(|u| !u.disabled && u.role.can_respond())
            .ok_or_else(|| {
                DomainError::invalid(
                    "user_id",
                    "assign to an active member who answers the inbox",
                )
            })?;
        let mut item = self.inbox_item(&responder.actor().viewer()?, id).await?;
        let from = item.assigned_to.replace(user.id.clone());
        if item.state == "new" {
            item.state = "assigned".into();
        }
        self.manual_action(
            responder,
            &item,
            "assign",
            None,
            json!({"to": user.id, "from": from}),
        )
        .await?;
        self.inbox_view(item).await
    }

    /// Answers an item on its network. The reply passes the guard first: one that names or
    /// identifies a patient (which would confirm someone is a patient) is refused.
    pub async fn reply_inbox_item(
        &self,
        responder: &Responder<'_>,
        id: &str,
        body: &str,
    ) -> Result<InboxView> {
        let body = body.trim();
        if body.is_empty() {
            return Err(DomainError::invalid("body", "write the reply"));
        }
        let mut item = self.inbox_item(&responder.actor().viewer()?, id).await?;
        let report = self.guard(&item.org_id).await?.scan(body);
        let patient: Vec<_> = report.patient_findings().cloned().collect();
        if !patient.is_empty() {
            self.audit(
                responder.actor(),
                "inbox.reply_blocked",
                id,
                json!({"findings": patient.iter().map(|f| json!({"kind": f.kind, "reason": f.reason})).collect::<Vec<_>>()}),
            )
            .await?;
            return Err(DomainError::Refused {
                code: "phi_detected",
                message: "the reply would identify or confirm a patient; answer without personal details and invite them to contact us privately".into(),
                details: json!({"findings": patient}),
            });
        }
        let (name, network) = self.item_network(&item).await?;
        let sent = network
            .reply(&item.remote_id, body)
            .await
            .map_err(|e| refused(e, &format!("{name} did not take the reply")))?;
        item.first_response_at.get_or_insert(now());
        item.state = "replied".into();
        self.manual_action(
            responder,
            &item,
            "reply",
            None,
            json!({"remote_id": sent.remote_id, "url": sent.remote_url}),
        )
        .await?;
        self.inbox_view(item).await
    }

    /// Hides (or shows again) a comment on its network, recording the policy clause.
    pub async fn hide_inbox_item(
        &self,
        responder: &Responder<'_>,
        id: &str,
        hidden: bool,
        clause: Option<&str>,
    ) -> Result<InboxView> {
        let mut item = self.inbox_item(&responder.actor().viewer()?, id).await?;
        let (name, network) = self.item_network(&item).await?;
        network
            .hide(&item.remote_id, hidden)
            .await
            .map_err(|e| refused(e, &name))?;
        let at = now();
        if hidden {
            item.first_response_at.get_or_insert(at);
            item.removed_at.get_or_insert(at);
            item.state = "hidden".into();
            item.needs_person = None;
        } else {
            item.removed_at = None;
            item.reopen();
        }
        let kind = if hidden { "hide" } else { "unhide" };
        self.manual_action(responder, &item, kind, clause, json!({}))
            .await?;
        self.inbox_view(item).await
    }

    /// Deletes a comment from its network (Facebook lets a page delete comments on its
    /// posts; Mastodon and Bluesky do not, and say so). Cannot be undone.
    pub async fn delete_inbox_item(
        &self,
        responder: &Responder<'_>,
        id: &str,
        clause: Option<&str>,
    ) -> Result<InboxView> {
        let mut item = self.inbox_item(&responder.actor().viewer()?, id).await?;
        let (name, network) = self.item_network(&item).await?;
        network
            .delete_comment(&item.remote_id)
            .await
            .map_err(|e| refused(e, &name))?;
        let at = now();
        item.first_response_at.get_or_insert(at);
        item.removed_at.get_or_insert(at);
        item.state = "deleted".into();
        item.needs_person = None;
        self.manual_action(responder, &item, "delete", clause, json!({}))
            .await?;
        self.inbox_view(item).await
    }

    /// Mutes the author for this account (undo unmutes): for networks where replies
    /// cannot be hidden.
    pub async fn mute_inbox_author(
        &self,
        responder: &Responder<'_>,
        id: &str,
        clause: Option<&str>,
    ) -> Result<InboxView> {
        let mut item = self.inbox_item(&responder.actor().viewer()?, id).await?;
        let (name, network) = self.item_network(&item).await?;
        network
            .mute_author(&item.remote_id, true)
            .await
            .map_err(|e| refused(e, &name))?;
        item.first_response_at.get_or_insert(now());
        self.manual_action(responder, &item, "mute", clause, json!({}))
            .await?;
        self.inbox_view(item).await
    }

    /// Reports the post to the network's moderators. The report says only which clause
    /// of the published policy it breaks: nothing about the person.
    pub async fn report_inbox_item(
        &self,
        responder: &Responder<'_>,
        id: &str,
        category: Option<&str>,
        clause: Option<&str>,
    ) -> Result<InboxView> {
        let mut item = self.inbox_item(&responder.actor().viewer()?, id).await?;
        let category = match category.unwrap_or("") {
            "" if item.labels.iter().any(|l| l == "spam") => "spam",
            "" => "violation",
            c @ ("spam" | "violation" | "other") => c,
            other => {
                return Err(DomainError::invalid(
                    "category",
                    format!("'{other}' is not a report category: use spam, violation or other"),
                ))
            }
        };
        let policy = self.policy_in_force(&item.org_id).await?;
        let clause = clause
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .or_else(|| policy.clause_for(&item.labels, "hide"))
            .map(String::from);
        let comment = format!(
            "Reported by the account's moderators: it breaks our commenting policy{}.",
            clause
                .as_deref()
                .map(|c| format!(" ({c})"))
                .unwrap_or_default()
        );
        let (name, network) = self.item_network(&item).await?;
        network
            .report(&item.remote_id, category, &comment)
            .await
            .map_err(|e| refused(e, &name))?;
        item.first_response_at.get_or_insert(now());
        self.manual_action(
            responder,
            &item,
            "report",
            clause.as_deref(),
            json!({"category": category}),
        )
        .await?;
        self.inbox_view(item).await
    }

    pub async fn resolve_inbox_item(
        &self,
        responder: &Responder<'_>,
        id: &str,
    ) -> Result<InboxView> {
        let mut item = self.inbox_item(&responder.actor().viewer()?, id).await?;
        let at = now();
        item.state = "resolved".into();
        item.resolved_at = Some(at);
        item.first_response_at.get_or_insert(at);
        self.manual_action(responder, &item, "resolve", None, json!({}))
            .await?;
        self.inbox_view(item).await
    }
}
