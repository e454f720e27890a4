//! Listening: the weekly inbox report — response times against the policy's targets, what
//! people asked most, and what reviews praise or criticise — and "draft a post about this".

use super::{now, Desk, PostInput, PostView};
use crate::access::Author;
use crate::error::{DomainError, Result};
use crate::inbox::InboxItem;
use crate::listening::{self, TopicCount};
use crate::moderation::{durations, Durations};
use crate::Viewer;
use chrono::{DateTime, Datelike, Days, NaiveDate, TimeZone, Utc};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize)]
pub struct Headlined {
    #[serde(flatten)]
    pub count: TopicCount,
    pub headline: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct InboxReport {
    pub week_start: NaiveDate,
    /// The last day of the week (inclusive).
    pub week_end: NaiveDate,
    pub time_zone: String,
    pub received: usize,
    pub by_label: BTreeMap<String, usize>,
    pub first_response: Durations,
    pub removal: Durations,
    pub questions: Vec<Headlined>,
    pub strengths: Vec<Headlined>,
    pub weaknesses: Vec<Headlined>,
}

fn minutes(from: DateTime<Utc>, to: DateTime<Utc>) -> f64 {
    (to - from).num_seconds().max(0) as f64 / 60.0
}

fn headlined(counts: Vec<TopicCount>, noun: &str) -> Vec<Headlined> {
    counts
        .into_iter()
        .map(|count| Headlined {
            headline: count.headline(noun),
            count,
        })
        .collect()
}

impl Desk {
    /// The Monday-to-Sunday week (in the organisation's time zone) holding `day` (default
    /// today), as UTC bounds.
    async fn week_of(
        &self,
        org_id: &str,
        day: Option<NaiveDate>,
    ) -> Result<(NaiveDate, DateTime<Utc>, DateTime<Utc>, String)> {
        let settings = self.store.get_settings(org_id).await?.unwrap_or_default();
        let tz: chrono_tz::Tz = settings.timezone.parse().unwrap_or(chrono_tz::UTC);
        let day = day.unwrap_or_else(|| now().with_timezone(&tz).date_naive());
        let monday = day - Days::new(u64::from(day.weekday().num_days_from_monday()));
        let bound = |d: NaiveDate| -> DateTime<Utc> {
            let midnight = d.and_hms_opt(0, 0, 0).expect("midnight exists");
            tz.from_local_datetime(&midnight)
                .earliest()
                .map(|t| t.with_timezone(&Utc))
                .unwrap_or_else(|| Utc.from_utc_datetime(&midnight))
        };
        Ok((
            monday,
            bound(monday),
            bound(monday + Days::new(7)),
            settings.timezone,
        ))
    }

    async fn week_items(
        &self,
        org_id: &str,
        day: Option<NaiveDate>,
    ) -> Result<(NaiveDate, Vec<InboxItem>, String)> {
        let (monday, from, to, tz) = self.week_of(org_id, day).await?;
        let items = self.store.inbox_received_between(org_id, from, to).await?;
        Ok((monday, items, tz))
    }

    /// Everyone in the organisation may read it (the texts are the redacted ones).
    pub async fn inbox_report(
        &self,
        viewer: &Viewer<'_>,
        day: Option<NaiveDate>,
    ) -> Result<InboxReport> {
        let org_id = viewer.org_id();
        let (monday, items, time_zone) = self.week_items(org_id, day).await?;
        let policy = self.policy_in_force(org_id).await?;
        let mut by_label = BTreeMap::new();
        for item in &items {
            for label in &item.labels {
                *by_label.entry(label.clone()).or_insert(0) += 1;
            }
        }
        let first: Vec<f64> = items
            .iter()
            .filter_map(|i| i.first_response_at.map(|t| minutes(i.received_at, t)))
            .collect();
        let removal: Vec<f64> = items
            .iter()
            .filter(|i| policy.is_violation(&i.labels))
            .filter_map(|i| i.removed_at.map(|t| minutes(i.received_at, t)))
            .collect();
        let insights =
            listening::insights(items.iter().map(|i| (i.text.as_str(), i.labels.as_slice())));
        Ok(InboxReport {
            week_start: monday,
            week_end: monday + Days::new(6),
            time_zone,
            received: items.len(),
            by_label,
            first_response: durations(first, policy.first_response_minutes),
            removal: durations(removal, policy.removal_minutes),
            questions: headlined(insights.questions, "question"),
            strengths: headlined(insights.strengths, "compliment"),
            weaknesses: headlined(insights.weaknesses, "complaint"),
        })
    }

    /// "Draft a post about this": a general, PHI-free draft on a topic people keep asking
    /// about, with the organisation's contact points, for the author to edit and submit.
    pub async fn draft_post_about(&self, author: &Author<'_>, topic_key: &str) -> Result<PostView> {
        let topic = listening::topic(topic_key).ok_or_else(|| {
            DomainError::invalid("topic", format!("'{topic_key}' is not a listening topic"))
        })?;
        let (_, items, _) = self.week_items(author.org_id(), None).await?;
        let asked =
            listening::insights(items.iter().map(|i| (i.text.as_str(), i.labels.as_slice())))
                .questions
                .into_iter()
                .find(|c| c.topic == topic.key)
                .map_or(0, |c| c.count);
        let profile = self
            .store
            .get_profile(author.org_id())
            .await?
            .unwrap_or_default();
        // Without listed contact points the draft still reads well; the author adds them.
        let first =
            |l: &[String], missing: &str| l.first().cloned().unwrap_or_else(|| missing.to_string());
        let body = listening::draft_post(topic, asked)
            .replace("{phone}", &first(&profile.phones, "our front desk"))
            .replace("{website}", &first(&profile.websites, "our website"));
        let post = self
            .create_post(
                author,
                PostInput {
                    body,
                    channel_ids: vec![],
                    content_type: "psa".into(),
                    hashtags: vec![],
                    media_ids: vec![],
                    consent_ids: vec![],
                    scheduled_at: None,
                },
            )
            .await?;
        self.audit(
            author.actor(),
            "listening.draft",
            &post.post.id,
            serde_json::json!({"topic": topic.key, "questions_this_week": asked}),
        )
        .await?;
        Ok(post)
    }
}
