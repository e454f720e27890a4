//! Facility alerts: a pinned post on every selected channel plus email, SMS and voice to the
//! opted-in contacts of the affected segments, through the durable queue, until the alert
//! expires or is ended (then the posts are unpinned and pending sends stop).

use super::{now, Desk, SYSTEM};
use crate::access::{Admin, Approver};
use crate::alert::{Alert, AlertMessage, AlertState, Medium, Notify};
use crate::audit::NewAuditEntry;
use crate::contacts::{parse_csv, Contact, Rejected};
use crate::error::{DomainError, FieldErrors, Result};
use crate::publishing::{Channel, ContentType, DeliveryState, Job, JobKind, Post, PostState};
use crate::Viewer;
use chrono::{DateTime, SubsecRound, Utc};
use serde::Serialize;
use serde_json::json;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

/// Email and SMS/voice providers, and the address links in messages point to.
#[derive(Clone)]
pub struct Messaging {
    pub mailer: Option<Arc<dyn notify::Mailer>>,
    pub telephony: Option<Arc<dyn notify::Telephony>>,
    /// Carepost's public address, for unsubscribe links and status callbacks.
    pub public_url: String,
    /// SMS and calls started per second (providers limit this per sending number).
    pub phone_per_second: u32,
    /// Emails sent at once (the SMTP pool's size).
    pub email_concurrency: usize,
}

impl Default for Messaging {
    fn default() -> Self {
        Messaging {
            mailer: None,
            telephony: None,
            public_url: "http://127.0.0.1:8080".into(),
            phone_per_second: 10,
            email_concurrency: 8,
        }
    }
}

#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct AlertInput {
    pub title: String,
    pub body: String,
    #[serde(default)]
    pub channel_ids: Vec<String>,
    #[serde(default)]
    pub segments: Vec<String>,
    #[serde(default)]
    pub notify: Notify,
    #[serde(default)]
    pub starts_at: Option<String>,
    pub expires_at: String,
    /// Posted when the alert ends ("The garage is open again").
    #[serde(default)]
    pub all_clear: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PinView {
    pub channel_id: String,
    pub channel_name: String,
    pub delivery_state: DeliveryState,
    pub pin_state: Option<String>,
    pub remote_url: Option<String>,
    pub last_error: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Failure {
    pub contact_id: String,
    pub medium: Medium,
    pub state: String,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AlertView {
    #[serde(flatten)]
    pub alert: Alert,
    /// medium → state → count (queued, sending, sent, delivered, failed, opted_out, unknown,
    /// cancelled).
    pub deliveries: BTreeMap<String, BTreeMap<String, i64>>,
    pub pins: Vec<PinView>,
    pub failures: Vec<Failure>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ImportReport {
    pub imported: u64,
    pub updated: u64,
    pub rejected: Vec<Rejected>,
}

/// Messages claimed at once (recipients read, outcomes recorded together); a job run sends
/// several batches, then gives its lease back. SMS and voice batches hold a second's worth.
const BATCH: i64 = 200;
/// Contacts read per fan-out page.
const FAN_OUT_PAGE: i64 = 1_000;
const BATCHES_PER_RUN: usize = 25;
const MAX_MESSAGE_ATTEMPTS: i32 = 6;

fn parse_time(field: &str, v: &str, errors: &mut FieldErrors) -> Option<DateTime<Utc>> {
    match DateTime::parse_from_rfc3339(v.trim()) {
        Ok(t) => Some(t.with_timezone(&Utc).trunc_subsecs(6)),
        Err(_) => {
            errors.insert(
                field.into(),
                format!(
                    "'{}' is not a date and time like 2026-12-01T09:00:00-05:00",
                    v.trim()
                ),
            );
            None
        }
    }
}

/// Whether a contact can be sent an alert by a medium (has the address and opted in).
fn reachable(c: &Contact, medium: Medium) -> bool {
    match medium {
        Medium::Email => c.email.is_some() && c.email_opt_in,
        Medium::Sms => c.phone.is_some() && c.sms_opt_in,
        Medium::Voice => c.phone.is_some() && c.voice_opt_in,
    }
}

fn send_target(alert_id: &str, medium: Medium) -> String {
    format!("{alert_id}.{}", medium.as_str())
}

impl Desk {
    /// How this desk reaches people by email, SMS and voice.
    pub fn with_messaging(mut self, messaging: Messaging) -> Desk {
        self.messaging = messaging;
        self
    }

    pub async fn segments(&self, viewer: &Viewer<'_>) -> Result<Vec<String>> {
        Ok(self.store.segments(viewer.org_id()).await?)
    }

    /// Sets the organisation's segments (facilities, departments) contacts may belong to.
    pub async fn set_segments(
        &self,
        admin: &Admin<'_>,
        segments: Vec<String>,
    ) -> Result<Vec<String>> {
        let mut clean: Vec<String> = Vec::new();
        for s in segments.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
            if s.contains(['"', ';']) || s.chars().count() > 80 {
                return Err(DomainError::invalid(
                    "segments",
                    format!("'{s}' is not a usable segment name"),
                ));
            }
            if !clean.iter().any(|c| c.eq_ignore_ascii_case(s)) {
                clean.push(s.to_string());
            }
        }
        self.store.put_segments(admin.org_id(), &clean).await?;
        self.audit(
            admin.actor(),
            "segments.update",
            admin.org_id(),
            json!({"segments": clean}),
        )
        .await?;
        Ok(clean)
    }

    /// Imports contacts from CSV: good rows are stored (new ones inserted, known emails or
    /// phones updated), each bad row is reported with its line and reason.
    pub async fn import_contacts(
        &self,
        approver: &Approver<'_>,
        csv: &str,
    ) -> Result<ImportReport> {
        let known = self.store.segments(approver.org_id()).await?;
        let (rows, rejected) =
            parse_csv(csv, &known).map_err(|e| DomainError::invalid("csv", e))?;
        let at = now();
        // Segment names as the organisation spells them.
        let contacts: Vec<Contact> = rows
            .into_iter()
            .map(|r| Contact {
                id: crate::id::new_id(),
                org_id: approver.org_id().into(),
                name: r.name,
                email: r.email,
                phone: r.phone,
                language: r.language,
                segments: r
                    .segments
                    .iter()
                    .filter_map(|s| known.iter().find(|k| k.eq_ignore_ascii_case(s)).cloned())
                    .collect(),
                email_opt_in: r.email_opt_in,
                sms_opt_in: r.sms_opt_in,
                voice_opt_in: r.voice_opt_in,
                created_at: at,
                updated_at: at,
            })
            .collect();
        let (imported, updated) = self
            .store
            .upsert_contacts(approver.org_id(), &contacts)
            .await?;
        self.audit(
            approver.actor(),
            "contacts.import",
            approver.org_id(),
            json!({"imported": imported, "updated": updated, "rejected": rejected.len()}),
        )
        .await?;
        Ok(ImportReport {
            imported,
            updated,
            rejected,
        })
    }

    pub async fn contacts(
        &self,
        approver: &Approver<'_>,
        segment: Option<&str>,
        limit: i64,
        offset: i64,
    ) -> Result<(i64, Vec<Contact>)> {
        let total = self.store.count_contacts(approver.org_id()).await?;
        let list = self
            .store
            .list_contacts(
                approver.org_id(),
                segment,
                limit.clamp(1, 1000),
                offset.max(0),
            )
            .await?;
        Ok((total, list))
    }

    /// Creates an alert. Its creator approves it (only approvers may): the post is pinned
    /// on every selected channel at `starts_at` and messages go out then.
    pub async fn create_alert(
        &self,
        approver: &Approver<'_>,
        input: AlertInput,
    ) -> Result<AlertView> {
        let mut errors = FieldErrors::new();
        let title = input.title.trim().to_string();
        let body = input.body.trim().to_string();
        if title.is_empty() || title.chars().count() > 120 {
            errors.insert(
                "title".into(),
                "give the alert a title of 1-120 characters".into(),
            );
        }
        if body.is_empty() {
            errors.insert(
                "body".into(),
                "say what changed and what people should do".into(),
            );
        }
        let at = now();
        let starts_at = match input.starts_at.as_deref().filter(|s| !s.trim().is_empty()) {
            None => Some(at),
            Some(s) => parse_time("starts_at", s, &mut errors),
        };
        let expires_at = parse_time("expires_at", &input.expires_at, &mut errors);
        if let (Some(s), Some(e)) = (starts_at, expires_at) {
            if e <= s.max(at) {
                errors.insert(
                    "expires_at".into(),
                    "the alert must end after it starts and in the future".into(),
                );
            }
        }
        let channels = self.store.list_channels(approver.org_id()).await?;
        for id in &input.channel_ids {
            match channels.iter().find(|c| &c.id == id) {
                Some(c) if c.disabled => {
                    errors.insert(
                        "channel_ids".into(),
                        format!("channel '{}' is paused", c.name),
                    );
                }
                Some(_) => {}
                None => {
                    errors.insert("channel_ids".into(), format!("unknown channel '{id}'"));
                }
            }
        }
        let known = self.store.segments(approver.org_id()).await?;
        let mut segments = Vec::new();
        for s in &input.segments {
            match known.iter().find(|k| k.eq_ignore_ascii_case(s.trim())) {
                Some(k) => segments.push(k.clone()),
                None => {
                    errors.insert("segments".into(), format!("unknown segment '{}'", s.trim()));
                }
            }
        }
        let media = input.notify.media();
        if !media.is_empty() && segments.is_empty() && !errors.contains_key("segments") {
            errors.insert(
                "segments".into(),
                "choose who is affected (at least one segment)".into(),
            );
        }
        if input.notify.email && self.messaging.mailer.is_none() {
            errors.insert(
                "notify".into(),
                "email is not set up: configure smtp_url and smtp_from".into(),
            );
        }
        if (input.notify.sms || input.notify.voice) && self.messaging.telephony.is_none() {
            errors.insert(
                "notify".into(),
                "SMS and voice are not set up: configure the twilio_* settings".into(),
            );
        }
        if input.channel_ids.is_empty() && media.is_empty() {
            errors.insert(
                "channel_ids".into(),
                "choose channels to pin it on, people to notify, or both".into(),
            );
        }
        if !errors.is_empty() {
            return Err(DomainError::fields(errors));
        }
        let (starts_at, expires_at) = (starts_at.expect("checked"), expires_at.expect("checked"));
        let mut alert = Alert {
            id: crate::id::new_id(),
            org_id: approver.org_id().into(),
            title,
            body,
            channel_ids: input.channel_ids.clone(),
            segments,
            notify: input.notify,
            starts_at,
            expires_at,
            state: AlertState::Scheduled,
            post_id: None,
            all_clear: input
                .all_clear
                .map(|a| a.trim().to_string())
                .filter(|a| !a.is_empty()),
            created_by: approver.user_id().into(),
            ended_at: None,
            created_at: at,
        };
        let selected: Vec<_> = channels
            .iter()
            .filter(|c| alert.channel_ids.contains(&c.id))
            .collect();
        self.check_alert_text(&alert.org_id, &selected, &alert.text())
            .await?;
        if !alert.channel_ids.is_empty() {
            let post = self
                .alert_post(&alert, &alert.text(), true, starts_at, approver.user_id())
                .await?;
            alert.post_id = Some(post);
        }
        self.store.create_alert(&alert).await?;
        self.store
            .enqueue_job(&Job::new(
                &alert.org_id,
                JobKind::AlertStart,
                &alert.id,
                starts_at,
            ))
            .await?;
        self.store
            .enqueue_job(&Job::new(
                &alert.org_id,
                JobKind::AlertEnd,
                &alert.id,
                expires_at,
            ))
            .await?;
        self.audit(
            approver.actor(),
            "alert.create",
            &alert.id,
            json!({"channels": alert.channel_ids, "segments": alert.segments, "notify": alert.notify,
                   "starts_at": alert.starts_at, "expires_at": alert.expires_at, "post": alert.post_id}),
        )
        .await?;
        self.work_ready.notify_waiters();
        self.alert_view(alert).await
    }

    /// Alerts never carry patient information (no consent can cover them) and must fit
    /// every channel they are pinned on.
    async fn check_alert_text(
        &self,
        org_id: &str,
        channels: &[&Channel],
        text: &str,
    ) -> Result<()> {
        let report = self.guard(org_id).await?.scan(text);
        let patient: Vec<_> = report.patient_findings().cloned().collect();
        if !patient.is_empty() {
            return Err(DomainError::Refused {
                code: "phi_detected",
                message: "an alert must not identify a patient; remove the highlighted details"
                    .into(),
                details: json!({"findings": patient}),
            });
        }
        super::posts::check_limits(channels, text, &[])
    }

    /// An approved post for an alert (pinned while the alert is active, or the all-clear).
    async fn alert_post(
        &self,
        alert: &Alert,
        text: &str,
        pinned: bool,
        due: DateTime<Utc>,
        by: &str,
    ) -> Result<String> {
        let at = now();
        let post = Post {
            id: crate::id::new_id(),
            org_id: alert.org_id.clone(),
            author_id: by.into(),
            body: text.into(),
            hashtags: vec![],
            content_type: ContentType::Announcement,
            channel_ids: alert.channel_ids.clone(),
            media_ids: vec![],
            consent_ids: vec![],
            scheduled_at: Some(due),
            pinned,
            state: PostState::Scheduled,
            verdict: "pass".into(),
            findings: json!([]),
            submitted_at: Some(at),
            reviewed_by: Some(by.into()),
            reviewed_at: Some(at),
            review_note: Some(format!("facility alert {}", alert.id)),
            created_at: at,
            updated_at: at,
        };
        let mut draft = post.clone();
        draft.state = PostState::Draft;
        self.store.create_post(&draft).await?;
        let (deliveries, jobs) = super::posts::delivery_plan(&post, at, due);
        self.store
            .schedule_post(&post, draft.updated_at, &deliveries, &jobs)
            .await?;
        Ok(post.id)
    }

    pub async fn alerts(&self, viewer: &Viewer<'_>, state: Option<&str>) -> Result<Vec<Alert>> {
        Ok(self.store.list_alerts(viewer.org_id(), state).await?)
    }

    pub async fn get_alert(&self, viewer: &Viewer<'_>, id: &str) -> Result<AlertView> {
        let alert = self.alert(viewer.org_id(), id).await?;
        self.alert_view(alert).await
    }

    /// Ends an alert now (`POST .../end`): unpins, stops pending sends, posts the all-clear.
    pub async fn end_alert(
        &self,
        approver: &Approver<'_>,
        id: &str,
        all_clear: Option<String>,
    ) -> Result<AlertView> {
        let mut alert = self.alert(approver.org_id(), id).await?;
        if alert.state == AlertState::Ended {
            return Err(DomainError::Conflict("this alert has already ended".into()));
        }
        if let Some(a) = all_clear
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty())
        {
            alert.all_clear = Some(a);
        }
        self.finish_alert(&mut alert, approver.user_id()).await?;
        self.audit(
            approver.actor(),
            "alert.end",
            id,
            json!({"all_clear": alert.all_clear.is_some()}),
        )
        .await?;
        self.alert_view(alert).await
    }

    /// Moves an active alert's end (the queued end job checks the time when it runs).
    pub async fn extend_alert(
        &self,
        approver: &Approver<'_>,
        id: &str,
        expires_at: &str,
    ) -> Result<AlertView> {
        let mut alert = self.alert(approver.org_id(), id).await?;
        if alert.state == AlertState::Ended {
            return Err(DomainError::Conflict("this alert has already ended".into()));
        }
        let mut errors = FieldErrors::new();
        let Some(e) = parse_time("expires_at", expires_at, &mut errors) else {
            return Err(DomainError::fields(errors));
        };
        if e <= now() {
            return Err(DomainError::invalid(
                "expires_at",
                "the new end must be in the future",
            ));
        }
        alert.expires_at = e;
        self.store.update_alert(&alert).await?;
        self.store
            .enqueue_job(&Job::new(&alert.org_id, JobKind::AlertEnd, &alert.id, e))
            .await?;
        self.audit(
            approver.actor(),
            "alert.extend",
            id,
            json!({"expires_at": e}),
        )
        .await?;
        self.alert_view(alert).await
    }

    /// Follows an active alert up on its channels ("Update: the garage reopens at 3 pm"):
    /// the update is posted and pinned in place of the previous post, which is unpinned.
    pub async fn follow_up_alert(
        &self,
        approver: &Approver<'_>,
        id: &str,
        update: &str,
    ) -> Result<AlertView> {
        let mut alert = self.alert(approver.org_id(), id).await?;
        if alert.state != AlertState::Active {
            return Err(DomainError::Conflict(
                "only an active alert can be followed up".into(),
            ));
        }
        let update = update.trim();
        if update.is_empty() {
            return Err(DomainError::invalid("follow_up", "write the update"));
        }
        let Some(previous) = alert.post_id.clone() else {
            return Err(DomainError::invalid(
                "follow_up",
                "this alert has no channels to post the update on",
            ));
        };
        let text = format!("{}\n\nUpdate: {update}", alert.title.trim());
        let channels = self.store.list_channels(&alert.org_id).await?;
        let selected: Vec<_> = channels
            .iter()
            .filter(|c| alert.channel_ids.contains(&c.id))
            .collect();
        self.check_alert_text(&alert.org_id, &selected, &text)
            .await?;
        let at = now();
        for d in self.store.list_deliveries(&alert.org_id, &previous).await? {
            if d.state == DeliveryState::Published {
                self.store
                    .enqueue_job(&Job::new(&alert.org_id, JobKind::Unpin, &d.id, at))
                    .await?;
            }
        }
        let post = self
            .alert_post(&alert, &text, true, at, approver.user_id())
            .await?;
        alert.post_id = Some(post.clone());
        self.store.update_alert(&alert).await?;
        self.audit(
            approver.actor(),
            "alert.follow_up",
            id,
            json!({"previous_post": previous, "post": post}),
        )
        .await?;
        self.work_ready.notify_waiters();
        self.alert_view(alert).await
    }

    async fn finish_alert(&self, alert: &mut Alert, by: &str) -> Result<()> {
        let at = now();
        alert.state = AlertState::Ended;
        alert.ended_at = Some(at);
        self.store.update_alert(alert).await?;
        self.store.cancel_alert_messages(&alert.id).await?;
        if let Some(post_id) = &alert.post_id {
            let post = self.post(&alert.org_id, post_id).await?;
            for d in self.store.list_deliveries(&alert.org_id, post_id).await? {
                if d.state.is_open() {
                    // Not out yet: it will not go out at all.
                    let mut p = post.clone();
                    let _ = self.take_down(&mut p).await?;
                    break;
                }
                if d.pin_state.as_deref() == Some("pinned") || d.state == DeliveryState::Published {
                    self.store
                        .enqueue_job(&Job::new(&alert.org_id, JobKind::Unpin, &d.id, at))
                        .await?;
                }
            }
        }
        if let Some(text) = alert.all_clear.clone() {
            if !alert.channel_ids.is_empty() {
                self.alert_post(
                    alert,
                    &format!("{}\n\n{text}", alert.title.trim()),
                    false,
                    at,
                    by,
                )
                .await?;
            }
        }
        self.work_ready.notify_waiters();
        Ok(())
    }

    pub(crate) async fn alert(&self, org_id: &str, id: &str) -> Result<Alert> {
        self.store
            .get_alert(org_id, id)
            .await?
            .ok_or(DomainError::NotFound { what: "alert" })
    }

    async fn alert_view(&self, alert: Alert) -> Result<AlertView> {
        let mut deliveries: BTreeMap<String, BTreeMap<String, i64>> = BTreeMap::new();
        for m in alert.notify.media() {
            deliveries.entry(m.as_str().into()).or_default();
        }
        for (medium, state, n) in self.store.alert_message_counts(&alert.id).await? {
            deliveries.entry(medium).or_default().insert(state, n);
        }
        let mut pins = Vec::new();
        if let Some(post_id) = &alert.post_id {
            let channels = self.store.list_channels(&alert.org_id).await?;
            for d in self.store.list_deliveries(&alert.org_id, post_id).await? {
                pins.push(PinView {
                    channel_name: channels
                        .iter()
                        .find(|c| c.id == d.channel_id)
                        .map(|c| c.name.clone())
                        .unwrap_or_default(),
                    channel_id: d.channel_id,
                    delivery_state: d.state,
                    pin_state: d.pin_state,
                    remote_url: d.remote_url,
                    last_error: d.last_error,
                });
            }
        }
        let failures = self
            .store
            .alert_failures(&alert.id, 200)
            .await?
            .into_iter()
            .map(|m| Failure {
                contact_id: m.contact_id,
                medium: m.medium,
                state: m.state,
                reason: m.last_error,
            })
            .collect();
        Ok(AlertView {
            alert,
            deliveries,
            pins,
            failures,
        })
    }

    // ----- jobs -----

    /// The alert's start: it becomes active and one outbox row per (contact, medium) is
    /// queued for the opted-in contacts of its segments.
    pub(crate) async fn start_alert(&self, org_id: &str, id: &str) -> Result<()> {
        let mut alert = self.alert(org_id, id).await?;
        if alert.state == AlertState::Ended {
            return Ok(());
        }
        alert.state = AlertState::Active;
        self.store.update_alert(&alert).await?;
        // Page by page, each page queued before the next is read: memory stays flat however
        // many contacts there are. A retry after a crash mid-fan-out pages again from the
        // start and the outbox keeps one row per (alert, contact, medium), so nobody is
        // queued twice.
        let at_ms = now().timestamp_millis();
        let media = alert.notify.media();
        let mut queued = 0;
        let mut after: Option<String> = None;
        while !media.is_empty() {
            let (page, next) = self
                .store
                .contacts_in_segments(org_id, &alert.segments, after.as_deref(), FAN_OUT_PAGE)
                .await?;
            let messages: Vec<AlertMessage> = page
                .iter()
                .flat_map(|c| media.iter().map(move |&medium| (c, medium)))
                .filter(|(c, medium)| reachable(c, *medium))
                .map(|(c, medium)| AlertMessage::queued(org_id, &alert.id, &c.id, medium, at_ms))
                .collect();
            queued += self.store.queue_alert_messages(&messages).await?;
            match next {
                Some(last) => after = Some(last),
                None => break,
            }
        }
        for medium in alert.notify.media() {
            self.store
                .enqueue_job(&Job::new(
                    org_id,
                    JobKind::AlertSend,
                    &send_target(&alert.id, medium),
                    now(),
                ))
                .await?;
        }
        self.record(NewAuditEntry::new(
            org_id,
            SYSTEM,
            "alert.start",
            id,
            json!({"queued": queued}),
        ))
        .await?;
        Ok(())
    }

    /// Runs when the end job comes due: ends the alert unless its end was moved later.
    pub(crate) async fn expire_alert(&self, org_id: &str, id: &str) -> Result<()> {
        let mut alert = self.alert(org_id, id).await?;
        if alert.state == AlertState::Ended || alert.expires_at > Utc::now() {
            return Ok(());
        }
        let by = alert.created_by.clone();
        self.finish_alert(&mut alert, &by).await?;
        self.record(NewAuditEntry::new(
            org_id,
            SYSTEM,
            "alert.expired",
            id,
            json!({}),
        ))
        .await?;
        Ok(())
    }

    /// Sends a run of an alert's queued messages for one medium. Returns when the next
    /// queued message is due (the job runs again then), or `None` when nothing is left.
    pub(crate) async fn send_alert_messages(
        &self,
        target: &str,
        lease: Duration,
    ) -> Result<Option<DateTime<Utc>>> {
        let Some((alert_id, medium)) = target
            .rsplit_once('.')
            .and_then(|(a, m)| Some((a, Medium::parse(m)?)))
        else {
            return Ok(None);
        };
        // Rows a dead instance left mid-send are reported, never resent.
        let stale = now().timestamp_millis() - lease.as_millis() as i64;
        self.store
            .settle_stale_alert_messages(alert_id, stale)
            .await?;
        // Phone batches hold about a second of sends, so a batch's opt-outs are as fresh.
        let batch_size = match medium {
            Medium::Email => BATCH,
            Medium::Sms | Medium::Voice => {
                i64::from(self.messaging.phone_per_second).clamp(1, BATCH)
            }
        };
        for _ in 0..BATCHES_PER_RUN {
            let mut batch = self
                .store
                .claim_alert_messages(alert_id, medium, now().timestamp_millis(), batch_size)
                .await?;
            if batch.is_empty() {
                break;
            }
            let org_id = batch[0].org_id.clone();
            let alert = self.alert(&org_id, alert_id).await?;
            if alert.state == AlertState::Ended {
                for m in &mut batch {
                    m.state = "cancelled".into();
                }
                self.store.finish_alert_messages(&batch).await?;
                return Ok(None);
            }
            self.send_batch(&alert, medium, batch).await?;
        }
        let next = self.store.next_alert_message(alert_id, medium).await?;
        Ok(next.and_then(DateTime::from_timestamp_millis))
    }

    /// Sends a claimed batch: its recipients are read in one query (opt-outs are honoured up
    /// to the claim) and its emails' outcomes recorded in one transaction. The rows are
    /// `sending` meanwhile, so a crash leaves them to be settled as unknown, never resent.
    async fn send_batch(
        &self,
        alert: &Alert,
        medium: Medium,
        batch: Vec<AlertMessage>,
    ) -> Result<()> {
        use futures::StreamExt;
        let ids: Vec<String> = batch.iter().map(|m| m.contact_id.clone()).collect();
        let contacts: std::collections::HashMap<String, Contact> = self
            .store
            .get_contacts(&alert.org_id, &ids)
            .await?
            .into_iter()
            .map(|c| (c.id.clone(), c))
            .collect();
        let concurrency = match medium {
            Medium::Email => self.messaging.email_concurrency.max(1),
            _ => 1,
        };
        let gap = match medium {
            Medium::Email => Duration::ZERO,
            _ => Duration::from_secs_f64(1.0 / f64::from(self.messaging.phone_per_second.max(1))),
        };
        let contacts = &contacts;
        let outcomes: Vec<Result<Option<AlertMessage>>> = futures::stream::iter(batch)
            .map(|m| async move {
                if !gap.is_zero() {
                    tokio::time::sleep(gap).await;
                }
                let contact = contacts.get(&m.contact_id);
                let m = self.send_one(alert, contact, m).await;
                // A text or call is recorded at once: Twilio's status callback names it by
                // its provider id and may arrive before the batch ends. Emails have no
                // callback and are recorded together.
                if m.medium == Medium::Email {
                    return Ok(Some(m));
                }
                self.store
                    .finish_alert_messages(std::slice::from_ref(&m))
                    .await?;
                Ok(None)
            })
            .buffer_unordered(concurrency)
            .collect()
            .await;
        let emails = outcomes
            .into_iter()
            .filter_map(Result::transpose)
            .collect::<Result<Vec<_>>>()?;
        Ok(self.store.finish_alert_messages(&emails).await?)
    }

    /// Sends one message; returns it with its outcome (not yet stored).
    async fn send_one(
        &self,
        alert: &Alert,
        contact: Option<&Contact>,
        mut m: AlertMessage,
    ) -> AlertMessage {
        let Some(contact) = contact.filter(|c| reachable(c, m.medium)) else {
            m.state = "opted_out".into();
            return m;
        };
        let callback = format!(
            "{}/webhooks/twilio/status",
            self.messaging.public_url.trim_end_matches('/')
        );
        let result = match m.medium {
            Medium::Email => match &self.messaging.mailer {
                None => Err(notify::SendError::Permanent(
                    "email is not configured".into(),
                )),
                Some(mailer) => {
                    let unsubscribe = format!(
                        "{}/u/{}",
                        self.messaging.public_url.trim_end_matches('/'),
                        self.secrets
                            .sign(&format!("{}:{}:email", m.org_id, contact.id))
                    );
                    mailer
                        .send(&alert_email(alert, contact, &unsubscribe, &m.id))
                        .await
                }
            },
            Medium::Sms | Medium::Voice => match &self.messaging.telephony {
                None => Err(notify::SendError::Permanent(
                    "SMS and voice are not configured".into(),
                )),
                Some(phone) => {
                    let to = contact.phone.clone().unwrap_or_default();
                    if m.medium == Medium::Sms {
                        phone
                            .sms(&notify::Sms {
                                to,
                                body: format!(
                                    "{}: {} Reply STOP to opt out.",
                                    alert.title.trim(),
                                    alert.body.trim()
                                ),
                                status_callback: Some(callback),
                            })
                            .await
                    } else {
                        phone
                            .call(&notify::Call {
                                to,
                                say: format!("{}. {}", alert.title.trim(), alert.body.trim()),
                                language: Some(contact.language.clone()),
                                status_callback: Some(callback),
                            })
                            .await
                    }
                }
            },
        };
        match result {
            Ok(sent) => {
                m.state = "sent".into();
                m.provider_id = Some(sent.provider_id);
                m.last_error = None;
            }
            Err(e @ (notify::SendError::Transient(_) | notify::SendError::RateLimited { .. }))
                if m.attempts < MAX_MESSAGE_ATTEMPTS =>
            {
                let asked = match &e {
                    notify::SendError::RateLimited { retry_after } => *retry_after,
                    _ => None,
                };
                let delay = crate::publishing::Backoff {
                    base: Duration::from_secs(2),
                    ..Default::default()
                }
                .delay(m.attempts, asked);
                m.state = "queued".into();
                m.last_error = Some(e.to_string());
                m.at_ms = now().timestamp_millis() + delay.as_millis() as i64;
            }
            Err(notify::SendError::Unknown(reason)) => {
                m.state = "unknown".into();
                m.last_error = Some(reason);
            }
            Err(e) => {
                m.state = "failed".into();
                m.last_error = Some(e.to_string());
            }
        }
        m
    }

    /// Whether an unsubscribe token is genuine (the confirmation page shows before anything
    /// changes).
    pub fn check_unsubscribe(&self, token: &str) -> Option<Medium> {
        let data = self.secrets.verify(token)?;
        Medium::parse(data.rsplit(':').next()?)
    }

    /// A signed unsubscribe token's contact and medium are opted out (email links, the
    /// List-Unsubscribe one-click POST).
    pub async fn unsubscribe(&self, token: &str) -> Result<Medium> {
        let data = self.secrets.verify(token).ok_or(DomainError::NotFound {
            what: "unsubscribe link",
        })?;
        let mut parts = data.splitn(3, ':');
        let (Some(org), Some(contact), Some(medium)) = (
            parts.next(),
            parts.next(),
            parts.next().and_then(Medium::parse),
        ) else {
            return Err(DomainError::NotFound {
                what: "unsubscribe link",
            });
        };
        self.store.opt_out(org, contact, medium).await?;
        self.record(NewAuditEntry::new(
            org,
            SYSTEM,
            "contact.unsubscribe",
            contact,
            json!({"medium": medium}),
        ))
        .await?;
        Ok(medium)
    }

    /// An inbound SMS to the sending number (already signature-checked by the web layer):
    /// STOP and its synonyms opt the number out of SMS and voice at once.
    pub async fn inbound_sms(&self, from: &str, body: &str) -> Result<bool> {
        let word = body.trim().to_ascii_uppercase();
        if !["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"].contains(&word.as_str()) {
            return Ok(false);
        }
        let n = self.store.opt_out_phone(from.trim()).await?;
        tracing::info!(contacts = n, "SMS opt-out received");
        Ok(true)
    }

    /// A provider's delivery status callback (signature-checked by the web layer).
    pub async fn message_status(
        &self,
        provider_id: &str,
        status: &str,
        error: Option<&str>,
    ) -> Result<bool> {
        let state = match status {
            "delivered" | "completed" | "answered" => "delivered",
            "failed" | "undelivered" | "busy" | "no-answer" | "canceled" => "failed",
            _ => return Ok(false),
        };
        Ok(self
            .store
            .set_message_status_by_provider(provider_id, state, error)
            .await?)
    }
}

/// The alert as an email: plain text and HTML, both with the unsubscribe link.
fn alert_email(
    alert: &Alert,
    contact: &Contact,
    unsubscribe: &str,
    message_id: &str,
) -> notify::Email {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let text = format!(
        "{}\n\n{}\n\nYou receive this because you asked to be told about changes that affect your visits.\nUnsubscribe: {unsubscribe}\n",
        alert.title.trim(),
        alert.body.trim()
    );
    let html = format!(
        "<!doctype html><html><body><h1>{}</h1>{}<hr><p style=\"font-size:small\">You receive this because you asked to be told about changes that affect your visits. <a href=\"{}\">Unsubscribe</a></p></body></html>",
        esc(alert.title.trim()),
        alert.body.trim().split("\n\n").map(|p| format!("<p>{}</p>", esc(p))).collect::<String>(),
        esc(unsubscribe)
    );
    notify::Email {
        to: contact.email.clone().unwrap_or_default(),
        to_name: Some(contact.name.clone()),
        subject: alert.title.trim().to_string(),
        text,
        html,
        unsubscribe_url: unsubscribe.to_string(),
        idempotency_key: message_id.to_string(),
    }
}
