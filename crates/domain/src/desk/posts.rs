//! The publishing workflow: draft → review → approved (scheduled) → published, with the
//! guard's findings shown at every step and written to the audit log.

use super::{now, Desk};
use crate::access::{Actor, Approver, Author};
use crate::consent::{uncovered, Consent};
use crate::error::{DomainError, FieldErrors, Result};
use crate::media::MediaItem;
use crate::publishing::post::{compose_text, normalise_hashtag};
use crate::publishing::{
    Channel, ContentType, Delivery, Job, JobKind, Post, PostFilter, PostState,
};
use crate::Viewer;
use chrono::{DateTime, SubsecRound, Utc};
use guard::{Finding, ScanReport, Verdict};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// What an author writes. Dates arrive as text so a bad one gets a clear field error.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PostInput {
    pub body: String,
    #[serde(default)]
    pub channel_ids: Vec<String>,
    pub content_type: String,
    #[serde(default)]
    pub hashtags: Vec<String>,
    #[serde(default)]
    pub media_ids: Vec<String>,
    #[serde(default)]
    pub consent_ids: Vec<String>,
    #[serde(default)]
    pub scheduled_at: Option<String>,
}

/// A post with its deliveries, as the API and pages show it.
#[derive(Debug, Clone, Serialize)]
pub struct PostView {
    #[serde(flatten)]
    pub post: Post,
    pub text: String,
    pub deliveries: Vec<DeliveryView>,
    /// Per-channel limit problems for the current text (empty when it fits everywhere).
    pub limit_problems: Vec<channels::LimitProblem>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DeliveryView {
    #[serde(flatten)]
    pub delivery: crate::publishing::Delivery,
    pub channel_name: String,
    pub channel_kind: channels::ChannelKind,
}

/// Longest body accepted (Facebook's limit; shorter networks are checked per channel).
const MAX_BODY: usize = 63_206;
const MAX_HASHTAGS: usize = 30;

/// The audit trail keeps what the guard said, never the identifying text itself.
fn findings_for_audit(report: &ScanReport) -> serde_json::Value {
    json!(report
        .findings
        .iter()
        .map(|f| json!({"kind": f.kind, "whose": f.whose, "reason": f.reason, "start": f.start, "end": f.end}))
        .collect::<Vec<_>>())
}

impl Desk {
    pub async fn create_post(&self, author: &Author<'_>, input: PostInput) -> Result<PostView> {
        let at = now();
        let mut post = Post {
            id: crate::id::new_id(),
            org_id: author.org_id().into(),
            author_id: author.user_id().into(),
            body: String::new(),
            hashtags: vec![],
            content_type: ContentType::Other,
            channel_ids: vec![],
            media_ids: vec![],
            consent_ids: vec![],
            scheduled_at: None,
            pinned: false,
            state: PostState::Draft,
            verdict: "pass".into(),
            findings: json!([]),
            submitted_at: None,
            reviewed_by: None,
            reviewed_at: None,
            review_note: None,
            created_at: at,
            updated_at: at,
        };
        let report = self.apply_input(&mut post, input).await?;
        self.store.create_post(&post).await?;
        self.audit(
            author.actor(),
            "post.create",
            &post.id,
            json!({"verdict": report.verdict, "findings": findings_for_audit(&report),
                   "channels": post.channel_ids, "content_type": post.content_type}),
        )
        .await?;
        self.view(post).await
    }

    /// Edits a post. Editing one that was approved (and has not gone out) cancels its
    /// schedule and sends it back to review.
    pub async fn update_post(
        &self,
        author: &Author<'_>,
        id: &str,
        input: PostInput,
    ) -> Result<PostView> {
        let mut post = self.post(author.org_id(), id).await?;
        if !post.state.is_editable() {
            return Err(DomainError::Conflict(format!(
                "a {} post cannot be edited; withdraw it and write a new one",
                post.state.as_str().replace('_', " ")
            )));
        }
        if post.author_id != author.user_id() && !author.actor().role().can_approve() {
            return Err(DomainError::Forbidden(
                "only the author or an approver can edit this post".into(),
            ));
        }
        let expected = post.updated_at;
        let was = post.state;
        let report = self.apply_input(&mut post, input).await?;
        post.updated_at = now().max(expected + chrono::Duration::microseconds(1));
        if was == PostState::Scheduled || was == PostState::InReview {
            post.state = PostState::InReview;
            post.reviewed_by = None;
            post.reviewed_at = None;
        } else if was == PostState::Rejected {
            post.state = PostState::Draft;
        }
        let saved = if was == PostState::Scheduled {
            self.store.unschedule_post(&post, expected, &[]).await?
        } else {
            self.store.update_post(&post, expected).await?
        };
        if !saved {
            return Err(DomainError::Conflict(
                "someone else changed this post meanwhile; reload it and try again".into(),
            ));
        }
        self.audit(
            author.actor(),
            "post.edit",
            &post.id,
            json!({"verdict": report.verdict, "findings": findings_for_audit(&report),
                   "from_state": was.as_str(), "state": post.state.as_str()}),
        )
        .await?;
        self.view(post).await
    }

    /// Sends a draft to the approvers. Refused while the guard blocks it (patient
    /// identifiers without consent) or while it does not fit a selected channel.
    pub async fn submit_post(&self, author: &Author<'_>, id: &str) -> Result<PostView> {
        let mut post = self.post(author.org_id(), id).await?;
        if !matches!(post.state, PostState::Draft | PostState::Rejected) {
            return Err(DomainError::Conflict(format!(
                "only drafts can be submitted; this post is {}",
                post.state.as_str().replace('_', " ")
            )));
        }
        let report = self.check_publishable(author.actor(), &post).await?;
        let expected = post.updated_at;
        post.state = PostState::InReview;
        post.submitted_at = Some(now());
        post.updated_at = now().max(expected + chrono::Duration::microseconds(1));
        if !self.store.update_post(&post, expected).await? {
            return Err(DomainError::Conflict(
                "someone else changed this post meanwhile; reload it and try again".into(),
            ));
        }
        self.audit(
            author.actor(),
            "post.submit",
            &post.id,
            json!({"verdict": report.verdict, "findings": findings_for_audit(&report)}),
        )
        .await?;
        self.view(post).await
    }

    /// Approves a post someone else wrote: it is scheduled (or goes out now when it has no
    /// time or its time has passed), one delivery and one job per channel.
    pub async fn approve_post(
        &self,
        approver: &Approver<'_>,
        id: &str,
        note: Option<&str>,
    ) -> Result<PostView> {
        let mut post = self.post(approver.org_id(), id).await?;
        if post.state != PostState::InReview {
            return Err(DomainError::Conflict(format!(
                "only posts in review can be approved; this post is {}",
                post.state.as_str().replace('_', " ")
            )));
        }
        if post.author_id == approver.user_id() {
            return Err(DomainError::Forbidden(
                "you wrote this post: another approver must review it".into(),
            ));
        }
        // The profile, the channels or consents may have changed since it was submitted.
        let report = self.check_publishable(approver.actor(), &post).await?;
        let at = now();
        let expected = post.updated_at;
        let due = post.scheduled_at.filter(|s| *s > at).unwrap_or(at);
        post.state = PostState::Scheduled;
        post.reviewed_by = Some(approver.user_id().into());
        post.reviewed_at = Some(at);
        post.review_note = note
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(String::from);
        post.updated_at = at.max(expected + chrono::Duration::microseconds(1));
        let (deliveries, jobs) = delivery_plan(&post, at, due);
        if !self
            .store
            .schedule_post(&post, expected, &deliveries, &jobs)
            .await?
        {
            return Err(DomainError::Conflict(
                "someone else changed this post meanwhile; reload it and try again".into(),
            ));
        }
        let overridden: Vec<_> = report
            .findings
            .iter()
            .map(|f| json!({"kind": f.kind, "whose": f.whose, "reason": f.reason}))
            .collect();
        self.audit(
            approver.actor(),
            "post.approve",
            &post.id,
            json!({"scheduled_at": due, "channels": post.channel_ids,
                   "findings_shown": overridden, "note": post.review_note}),
        )
        .await?;
        if due <= at {
            self.work_ready.notify_waiters();
        }
        self.view(post).await
    }

    pub async fn reject_post(
        &self,
        approver: &Approver<'_>,
        id: &str,
        reason: &str,
    ) -> Result<PostView> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(DomainError::invalid(
                "reason",
                "say why, so the author can fix it",
            ));
        }
        let mut post = self.post(approver.org_id(), id).await?;
        if post.state != PostState::InReview {
            return Err(DomainError::Conflict(format!(
                "only posts in review can be rejected; this post is {}",
                post.state.as_str().replace('_', " ")
            )));
        }
        let expected = post.updated_at;
        post.state = PostState::Rejected;
        post.reviewed_by = Some(approver.user_id().into());
        post.reviewed_at = Some(now());
        post.review_note = Some(reason.into());
        post.updated_at = now().max(expected + chrono::Duration::microseconds(1));
        if !self.store.update_post(&post, expected).await? {
            return Err(DomainError::Conflict(
                "someone else changed this post meanwhile; reload it and try again".into(),
            ));
        }
        self.audit(
            approver.actor(),
            "post.reject",
            &post.id,
            json!({"reason": reason}),
        )
        .await?;
        self.view(post).await
    }

    /// Takes a post down: stops what has not gone out and deletes what has, on every
    /// network. The author or an approver may withdraw.
    pub async fn withdraw_post(
        &self,
        actor: &Actor,
        id: &str,
        reason: Option<&str>,
    ) -> Result<PostView> {
        let author = actor.author()?;
        // The worker updates a post while it publishes; withdrawing is what the person
        // wants whatever it changed, so a lost race is read again rather than refused.
        let mut attempts = 0;
        let (post, taking_down) = loop {
            let mut post = self.post(author.org_id(), id).await?;
            if post.author_id != author.user_id() && !actor.role().can_approve() {
                return Err(DomainError::Forbidden(
                    "only the author or an approver can withdraw this post".into(),
                ));
            }
            if post.state == PostState::Withdrawn {
                return self.view(post).await;
            }
            match self.take_down(&mut post).await {
                Ok(n) => break (post, n),
                Err(DomainError::Conflict(_)) if attempts < 5 => attempts += 1,
                Err(e) => return Err(e),
            }
        };
        self.audit(
            actor,
            "post.withdraw",
            &post.id,
            json!({"reason": reason, "taking_down": taking_down}),
        )
        .await?;
        self.view(post).await
    }

    /// Marks a post withdrawn, stops what has not gone out and queues the deletion of what
    /// has (or may have: an attempt in flight). Returns how many deliveries are coming down.
    pub(crate) async fn take_down(&self, post: &mut Post) -> Result<usize> {
        let at = now();
        let expected = post.updated_at;
        let deliveries = self.store.list_deliveries(&post.org_id, &post.id).await?;
        let withdraw: Vec<(String, Job)> = deliveries
            .iter()
            .filter(|d| {
                d.remote_id.is_some() || d.state == crate::publishing::DeliveryState::Sending
            })
            .map(|d| {
                (
                    d.id.clone(),
                    Job::new(&post.org_id, JobKind::Withdraw, &d.id, at),
                )
            })
            .collect();
        post.state = PostState::Withdrawn;
        post.updated_at = at.max(expected + chrono::Duration::microseconds(1));
        if !self
            .store
            .unschedule_post(post, expected, &withdraw)
            .await?
        {
            return Err(DomainError::Conflict(
                "someone else changed this post meanwhile; reload it and try again".into(),
            ));
        }
        if !withdraw.is_empty() {
            self.work_ready.notify_waiters();
        }
        Ok(withdraw.len())
    }

    /// Tries a dead-lettered delivery again (after the team fixed the channel).
    pub async fn retry_delivery(
        &self,
        approver: &Approver<'_>,
        post_id: &str,
        delivery_id: &str,
    ) -> Result<PostView> {
        let post = self.post(approver.org_id(), post_id).await?;
        let mut delivery = self
            .store
            .get_delivery(delivery_id)
            .await?
            .filter(|d| d.post_id == post.id)
            .ok_or(DomainError::NotFound { what: "delivery" })?;
        if delivery.state != crate::publishing::DeliveryState::Failed {
            return Err(DomainError::Conflict(
                "only a failed delivery can be retried".into(),
            ));
        }
        let at = now();
        delivery.state = crate::publishing::DeliveryState::Retrying;
        delivery.next_attempt_at = Some(at);
        delivery.updated_at = at;
        self.store.update_delivery(&delivery).await?;
        self.store
            .enqueue_job(&Job::new(&post.org_id, JobKind::Publish, &delivery.id, at))
            .await?;
        self.store.refresh_post_state(&post.id, at).await?;
        self.audit(
            approver.actor(),
            "post.retry_delivery",
            &post.id,
            json!({"delivery": delivery.id, "channel": delivery.channel_id}),
        )
        .await?;
        self.work_ready.notify_waiters();
        let post = self.post(approver.org_id(), post_id).await?;
        self.view(post).await
    }

    pub async fn get_post(&self, viewer: &Viewer<'_>, id: &str) -> Result<PostView> {
        let post = self.post(viewer.org_id(), id).await?;
        self.view(post).await
    }

    pub async fn list_posts(
        &self,
        viewer: &Viewer<'_>,
        mut filter: PostFilter,
    ) -> Result<Vec<Post>> {
        filter.limit = filter.limit.clamp(1, 1000);
        Ok(self.store.list_posts(viewer.org_id(), &filter).await?)
    }

    pub(crate) async fn post(&self, org_id: &str, id: &str) -> Result<Post> {
        self.store
            .get_post(org_id, id)
            .await?
            .ok_or(DomainError::NotFound { what: "post" })
    }

    async fn view(&self, post: Post) -> Result<PostView> {
        let channels = self.store.list_channels(&post.org_id).await?;
        let deliveries = self
            .store
            .list_deliveries(&post.org_id, &post.id)
            .await?
            .into_iter()
            .map(|d| {
                let channel = channels.iter().find(|c| c.id == d.channel_id);
                DeliveryView {
                    channel_name: channel.map(|c| c.name.clone()).unwrap_or_default(),
                    channel_kind: channel
                        .map(|c| c.kind)
                        .unwrap_or(channels::ChannelKind::Mastodon),
                    delivery: d,
                }
            })
            .collect();
        let text = post.full_text();
        let sizes: Vec<usize> = self
            .post_media(&post)
            .await
            .unwrap_or_default()
            .iter()
            .map(|m| m.size as usize)
            .collect();
        let limit_problems = channels
            .iter()
            .filter(|c| post.channel_ids.contains(&c.id))
            .flat_map(|c| channels::check_post(c.kind, &text, &sizes))
            .collect();
        Ok(PostView {
            post,
            text,
            deliveries,
            limit_problems,
        })
    }

    /// Validates an author's input into `post` and scans the text; returns the report.
    async fn apply_input(&self, post: &mut Post, input: PostInput) -> Result<ScanReport> {
        let mut errors = FieldErrors::new();
        let body = input.body.trim().to_string();
        if body.is_empty() {
            errors.insert("body".into(), "write the post first".into());
        } else if body.chars().count() > MAX_BODY {
            errors.insert(
                "body".into(),
                format!("a post can have at most {MAX_BODY} characters"),
            );
        }
        let content_type = ContentType::parse(input.content_type.trim());
        if content_type.is_none() {
            errors.insert(
                "content_type".into(),
                format!(
                    "choose one of: {}",
                    ContentType::ALL.map(|c| c.as_str()).join(", ")
                ),
            );
        }
        let mut hashtags = Vec::new();
        for raw in &input.hashtags {
            match normalise_hashtag(raw) {
                Some(t) if !hashtags.iter().any(|h: &String| h.eq_ignore_ascii_case(&t)) => {
                    hashtags.push(t)
                }
                Some(_) => {}
                None => {
                    errors.insert(
                        "hashtags".into(),
                        format!("'{raw}' is not a usable hashtag (letters, digits or _)"),
                    );
                }
            }
        }
        if hashtags.len() > MAX_HASHTAGS {
            errors.insert(
                "hashtags".into(),
                format!("at most {MAX_HASHTAGS} hashtags"),
            );
        }
        let scheduled_at = match input.scheduled_at.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(s) => match DateTime::parse_from_rfc3339(s) {
                Ok(t) => Some(t.with_timezone(&Utc).trunc_subsecs(6)),
                Err(_) => {
                    errors.insert(
                        "scheduled_at".into(),
                        format!("'{s}' is not a date and time like 2026-12-01T09:00:00-05:00"),
                    );
                    None
                }
            },
        };
        let mut channel_ids = Vec::new();
        let known = self.store.list_channels(&post.org_id).await?;
        let mut selected: Vec<&Channel> = Vec::new();
        for id in &input.channel_ids {
            match known.iter().find(|c| &c.id == id) {
                Some(c) if c.disabled => {
                    errors.insert(
                        "channel_ids".into(),
                        format!("channel '{}' is paused", c.name),
                    );
                }
                Some(c) if !channel_ids.contains(id) => {
                    channel_ids.push(id.clone());
                    selected.push(c);
                }
                Some(_) => {}
                None => {
                    errors.insert("channel_ids".into(), format!("unknown channel '{id}'"));
                }
            }
        }
        let mut media = Vec::new();
        for id in dedup(&input.media_ids) {
            match self.store.get_media(&post.org_id, &id).await? {
                Some(m) => media.push(m),
                None => {
                    errors.insert("media_ids".into(), format!("unknown media item '{id}'"));
                }
            }
        }
        let mut consent_ids = Vec::new();
        for id in dedup(&input.consent_ids) {
            if self.store.get_consent(&post.org_id, &id).await?.is_some() {
                consent_ids.push(id);
            } else {
                errors.insert("consent_ids".into(), format!("unknown consent '{id}'"));
            }
        }
        if !errors.is_empty() {
            return Err(DomainError::fields(errors));
        }
        let text = compose_text(&body, &hashtags);
        let report = self.scan_post(&post.org_id, &text, &media).await?;
        post.body = body;
        post.hashtags = hashtags;
        post.content_type = content_type.unwrap_or(ContentType::Other);
        post.channel_ids = channel_ids;
        post.media_ids = media.iter().map(|m| m.id.clone()).collect();
        post.consent_ids = consent_ids;
        post.scheduled_at = scheduled_at;
        post.verdict = match report.verdict {
            Verdict::Block => "block".into(),
            Verdict::Pass => "pass".into(),
        };
        post.findings = serde_json::to_value(&report.findings).unwrap_or_default();
        Ok(report)
    }

    /// Re-scans and checks everything that must hold before a post may go out: at least
    /// one channel, no patient identifiers (without consent), and the text fits every
    /// selected channel.
    async fn check_publishable(&self, actor: &Actor, post: &Post) -> Result<ScanReport> {
        if post.channel_ids.is_empty() {
            return Err(DomainError::invalid(
                "channel_ids",
                "choose at least one channel",
            ));
        }
        let text = post.full_text();
        let media = self.post_media(post).await?;
        let report = self.scan_post(&post.org_id, &text, &media).await?;
        let consents = self.post_consents(post).await?;
        let channels = self.store.list_channels(&post.org_id).await?;
        let selected: Vec<&Channel> = channels
            .iter()
            .filter(|c| post.channel_ids.contains(&c.id))
            .collect();
        if let Some(problem) = consent_problem(&consents, &selected) {
            return Err(DomainError::Refused {
                code: "consent_invalid",
                message: problem,
                details: json!({}),
            });
        }
        if let Some(m) = media.iter().find(|m| m.shows_patient) {
            if consents.is_empty() {
                return Err(DomainError::Refused {
                    code: "consent_required",
                    message: format!(
                        "the image '{}' shows a patient: link the patient's written consent",
                        m.filename
                    ),
                    details: json!({"media_id": m.id}),
                });
            }
        }
        let consent_refs: Vec<&Consent> = consents.iter().collect();
        let uncovered: Vec<Finding> = uncovered(&report.findings, &consent_refs)
            .into_iter()
            .cloned()
            .collect();
        if !uncovered.is_empty() {
            self.audit(
                actor,
                "post.blocked",
                &post.id,
                json!({"findings": findings_for_audit(&report), "consents": post.consent_ids}),
            )
            .await?;
            return Err(DomainError::Refused {
                code: "phi_detected",
                message: format!(
                    "the post identifies a patient without a consent that covers it ({}); remove it, or link the patient's written consent",
                    uncovered
                        .iter()
                        .map(|f| format!("{} '{}': {}", f.kind.as_str(), f.text, f.reason))
                        .collect::<Vec<_>>()
                        .join("; ")
                ),
                details: json!({"findings": uncovered}),
            });
        }
        let sizes: Vec<usize> = media.iter().map(|m| m.size as usize).collect();
        check_limits(&selected, &text, &sizes)?;
        Ok(report)
    }
}

/// One delivery per channel and one publish job per delivery, due at `due`.
pub(crate) fn delivery_plan(
    post: &Post,
    at: DateTime<Utc>,
    due: DateTime<Utc>,
) -> (Vec<Delivery>, Vec<Job>) {
    let deliveries: Vec<Delivery> = post
        .channel_ids
        .iter()
        .map(|c| {
            let mut d = Delivery::new(&post.org_id, &post.id, c, at);
            d.next_attempt_at = Some(due);
            d
        })
        .collect();
    let jobs = deliveries
        .iter()
        .map(|d| Job::new(&post.org_id, JobKind::Publish, &d.id, due))
        .collect();
    (deliveries, jobs)
}

/// Refuses text (and images of `image_sizes` bytes) that does not fit every channel, saying
/// by how much per channel.
pub(crate) fn check_limits(channels: &[&Channel], text: &str, image_sizes: &[usize]) -> Result<()> {
    let problems: Vec<_> = channels
        .iter()
        .flat_map(|c| channels::check_post(c.kind, text, image_sizes))
        .collect();
    if problems.is_empty() {
        return Ok(());
    }
    Err(DomainError::Refused {
        code: "channel_limits",
        message: problems
            .iter()
            .map(|p| p.message.clone())
            .collect::<Vec<_>>()
            .join("; "),
        details: json!({"problems": problems}),
    })
}

fn dedup(ids: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for id in ids.iter().map(|i| i.trim()).filter(|i| !i.is_empty()) {
        if !out.iter().any(|o| o == id) {
            out.push(id.to_string());
        }
    }
    out
}

/// Why the linked consents do not allow publishing now on the selected channels, if so.
pub(crate) fn consent_problem(consents: &[Consent], channels: &[&Channel]) -> Option<String> {
    let now = chrono::Utc::now();
    for c in consents {
        if !c.is_valid(now) {
            return Some(format!(
                "the consent of {} is {}: it no longer allows publishing",
                c.patient_name,
                c.status(now).as_str().replace('_', " ")
            ));
        }
        for ch in channels {
            if !c.allows_channel(ch.kind.as_str(), &ch.id) {
                return Some(format!(
                    "the consent of {} does not cover {} ({})",
                    c.patient_name,
                    ch.name,
                    ch.kind.as_str()
                ));
            }
        }
    }
    None
}

impl Desk {
    /// Scans the text and every attached item's alt text (alt text is published too).
    /// Alt-text findings keep offsets within their alt text and say which image.
    async fn scan_post(&self, org_id: &str, text: &str, media: &[MediaItem]) -> Result<ScanReport> {
        let guard = self.guard(org_id).await?;
        let mut findings = guard.scan(text).findings;
        for (n, m) in media.iter().enumerate() {
            for mut f in guard.scan(&m.alt_text).findings {
                f.reason = format!("in the alt text of image {}: {}", n + 1, f.reason);
                findings.push(f);
            }
        }
        Ok(ScanReport::new(findings))
    }

    pub(crate) async fn post_media(&self, post: &Post) -> Result<Vec<MediaItem>> {
        let mut out = Vec::new();
        for id in &post.media_ids {
            out.push(self.media_item(&post.org_id, id).await?);
        }
        Ok(out)
    }

    pub(crate) async fn post_consents(&self, post: &Post) -> Result<Vec<Consent>> {
        let mut out = Vec::new();
        for id in &post.consent_ids {
            out.push(self.consent(&post.org_id, id).await?);
        }
        Ok(out)
    }
}
