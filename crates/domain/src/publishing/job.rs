use chrono::{DateTime, Utc};
use std::time::Duration;

/// What a job does; its `target_id` names the row it acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobKind {
    /// Publish one delivery (a post on one channel).
    Publish,
    /// Delete one delivery's post from its network.
    Withdraw,
    /// A consent's expiry time has come: take down the posts that rely on it.
    ConsentExpiry,
    /// Pin or unpin one delivery's post on its network.
    Pin,
    Unpin,
    /// A facility alert starts (queues its messages), sends a run of messages for one
    /// medium (`target_id` = `alert.medium`), or ends.
    AlertStart,
    AlertSend,
    AlertEnd,
    /// Poll one channel's mentions and replies into the inbox (`target_id` = channel id).
    InboxPoll,
    /// Apply the commenting policy's automatic hide to one inbox item (`target_id`).
    Moderate,
}

impl JobKind {
    pub fn as_str(self) -> &'static str {
        match self {
            JobKind::Publish => "publish",
            JobKind::Withdraw => "withdraw",
            JobKind::ConsentExpiry => "consent_expiry",
            JobKind::Pin => "pin",
            JobKind::Unpin => "unpin",
            JobKind::AlertStart => "alert_start",
            JobKind::AlertSend => "alert_send",
            JobKind::AlertEnd => "alert_end",
            JobKind::InboxPoll => "inbox_poll",
            JobKind::Moderate => "moderate",
        }
    }
    pub fn parse(s: &str) -> Option<JobKind> {
        [
            JobKind::Publish,
            JobKind::Withdraw,
            JobKind::ConsentExpiry,
            JobKind::Pin,
            JobKind::Unpin,
            JobKind::AlertStart,
            JobKind::AlertSend,
            JobKind::AlertEnd,
            JobKind::InboxPoll,
            JobKind::Moderate,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// A unit of durable work. Claimed with a lease: a worker that dies leaves the job to be
/// claimed again when the lease runs out.
#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    pub id: String,
    pub org_id: String,
    pub kind: String,
    pub target_id: String,
    /// When it may run (epoch milliseconds: compared in SQL on both backends).
    pub run_at_ms: i64,
    /// `queued`, `running`, `done`, `dead`, `cancelled`.
    pub state: String,
    /// How many times it has been claimed.
    pub attempts: i32,
    pub locked_by: Option<String>,
    pub lease_until_ms: Option<i64>,
    pub last_error: Option<String>,
}

impl Job {
    pub fn new(org_id: &str, kind: JobKind, target_id: &str, run_at: DateTime<Utc>) -> Job {
        Job {
            id: crate::id::new_id(),
            org_id: org_id.into(),
            kind: kind.as_str().into(),
            target_id: target_id.into(),
            run_at_ms: run_at.timestamp_millis(),
            state: "queued".into(),
            attempts: 0,
            locked_by: None,
            lease_until_ms: None,
            last_error: None,
        }
    }
}

/// Exponential backoff with a cap, and the number of attempts before a delivery is
/// dead-lettered.
#[derive(Debug, Clone, Copy)]
pub struct Backoff {
    pub base: Duration,
    pub max: Duration,
    pub max_attempts: i32,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff {
            base: Duration::from_secs(5),
            max: Duration::from_secs(15 * 60),
            max_attempts: 8,
        }
    }
}

impl Backoff {
    /// Delay before attempt `attempts + 1`, given the network's own wish (Retry-After)
    /// when it stated one: never sooner than the network asked.
    pub fn delay(&self, attempts: i32, asked: Option<Duration>) -> Duration {
        let exp = attempts.clamp(1, 20) as u32 - 1;
        let ours = self
            .base
            .checked_mul(2u32.saturating_pow(exp))
            .unwrap_or(self.max)
            .min(self.max);
        asked.unwrap_or(ours)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_cap_and_honours_retry_after() {
        let b = Backoff::default();
        assert_eq!(b.delay(1, None), Duration::from_secs(5));
        assert_eq!(b.delay(2, None), Duration::from_secs(10));
        assert_eq!(b.delay(4, None), Duration::from_secs(40));
        assert_eq!(b.delay(19, None), Duration::from_secs(900));
        assert_eq!(
            b.delay(1, Some(Duration::from_secs(30))),
            Duration::from_secs(30)
        );
        assert_eq!(
            b.delay(1, Some(Duration::from_secs(1))),
            Duration::from_secs(1)
        );
    }
}
