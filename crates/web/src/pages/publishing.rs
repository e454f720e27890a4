//! What the publishing pages share: how states, content types and guard findings read, who
//! wrote what, the "needs attention" summary, and the compose script.

use super::check::kind_label;
use super::Ctx;
use axum::response::Response;
use domain::publishing::{ContentType, PostState};
use guard::{Finding, Whose};
use std::collections::HashMap;
use std::sync::LazyLock;

const SCRIPT: &str = include_str!("../../assets/publishing.js");

static SCRIPT_VERSION: LazyLock<String> = LazyLock::new(|| super::assets::fingerprint(&[SCRIPT]));

pub(crate) fn script_version() -> &'static str {
    SCRIPT_VERSION.as_str()
}

/// `/assets/publishing.js`: the compose page's counters, previews and live guard.
pub async fn script() -> Response {
    super::assets::immutable(SCRIPT, super::assets::JS_TYPE)
}

/// A state as a badge: its words and the badge's colour class.
pub(crate) struct Badge {
    pub label: &'static str,
    pub class: &'static str,
}

pub(crate) fn state_badge(s: PostState) -> Badge {
    let (label, class) = match s {
        PostState::Draft => ("Draft", "state-draft"),
        PostState::InReview => ("In review", "state-review"),
        PostState::Rejected => ("Changes requested", "state-bad"),
        PostState::Scheduled => ("Scheduled", "state-scheduled"),
        PostState::Publishing => ("Publishing", "state-scheduled"),
        PostState::Published => ("Published", "state-ok"),
        PostState::PartiallyFailed => ("Partly failed", "state-bad"),
        PostState::Failed => ("Failed", "state-bad"),
        PostState::Withdrawn => ("Withdrawn", "state-draft"),
    };
    Badge { label, class }
}

pub(crate) fn delivery_badge(s: domain::publishing::DeliveryState) -> Badge {
    use domain::publishing::DeliveryState as D;
    let (label, class) = match s {
        D::Pending => ("Waiting for its time", "state-scheduled"),
        D::Sending => ("Sending", "state-scheduled"),
        D::Retrying => ("Retrying", "state-review"),
        D::Published => ("Published", "state-ok"),
        D::Failed => ("Failed", "state-bad"),
        D::Withdrawing => ("Being taken down", "state-review"),
        D::Withdrawn => ("Taken down", "state-draft"),
        D::Cancelled => ("Cancelled", "state-draft"),
    };
    Badge { label, class }
}

pub(crate) fn kind_name(kind: channels::ChannelKind) -> &'static str {
    match kind {
        channels::ChannelKind::Mastodon => "Mastodon",
        channels::ChannelKind::Bluesky => "Bluesky",
        channels::ChannelKind::Facebook => "Facebook",
    }
}

/// A content type as an option of a select (or a legend entry).
pub(crate) struct TypeOption {
    pub value: &'static str,
    pub label: &'static str,
    pub selected: bool,
}

pub(crate) fn type_options(selected: &str) -> Vec<TypeOption> {
    ContentType::ALL
        .into_iter()
        .map(|t| TypeOption {
            value: t.as_str(),
            label: t.label(),
            selected: t.as_str() == selected,
        })
        .collect()
}

/// Member names by id, for "written by". Read straight from the store: every member may
/// see who on their own team wrote a post, while the desk's user list is for admins.
pub(crate) async fn member_names(ctx: &Ctx) -> HashMap<String, String> {
    match ctx.desk().store().list_users(ctx.actor.org_id()).await {
        Ok(users) => users.into_iter().map(|u| (u.id, u.name)).collect(),
        Err(e) => {
            tracing::warn!(error = %e, "could not read member names");
            HashMap::new()
        }
    }
}

pub(crate) fn name_of(names: &HashMap<String, String>, id: &str) -> String {
    names
        .get(id)
        .cloned()
        .unwrap_or_else(|| "a former member".into())
}

/// A run of a post's text: plain, or one finding.
pub(crate) struct Segment {
    pub text: String,
    pub mark: Option<Mark>,
}

pub(crate) struct Mark {
    pub kind: &'static str,
    pub whose: &'static str,
    pub reason: String,
}

pub(crate) struct FindingRow {
    pub kind: String,
    pub text: String,
    pub whose: &'static str,
    pub reason: String,
}

/// The guard's view of a text, as the pages show it.
pub(crate) struct GuardView {
    pub blocked: bool,
    pub segments: Vec<Segment>,
    pub findings: Vec<FindingRow>,
}

fn whose(w: Whose) -> &'static str {
    match w {
        Whose::Patient => "patient",
        Whose::Staff => "staff",
        Whose::Organization => "organization",
    }
}

impl GuardView {
    pub fn new(text: &str, findings: &[Finding]) -> GuardView {
        GuardView {
            blocked: findings.iter().any(|f| f.whose == Whose::Patient),
            segments: segments(text, findings),
            findings: findings
                .iter()
                .map(|f| FindingRow {
                    kind: kind_label(f.kind.as_str()),
                    text: f.text.clone(),
                    whose: whose(f.whose),
                    reason: f.reason.clone(),
                })
                .collect(),
        }
    }

    /// From a stored post: its findings were computed on its full text.
    pub fn stored(text: &str, findings: &serde_json::Value) -> GuardView {
        let findings: Vec<Finding> = serde_json::from_value(findings.clone()).unwrap_or_default();
        GuardView::new(text, &findings)
    }

    pub fn verdict(&self) -> &'static str {
        if self.blocked {
            "Blocked: this post contains patient identifiers."
        } else if self.findings.is_empty() {
            "Pass: no identifiers found."
        } else {
            "Pass: only staff or organisation details found."
        }
    }
}

/// Cuts the text at the findings' code-point offsets; overlapping findings keep the first.
fn segments(text: &str, findings: &[Finding]) -> Vec<Segment> {
    let chars: Vec<char> = text.chars().collect();
    let mut sorted: Vec<&Finding> = findings.iter().collect();
    sorted.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
    let mut out = Vec::new();
    let mut at = 0;
    for f in sorted {
        let (start, end) = (f.start.min(chars.len()), f.end.min(chars.len()));
        if start < at || start >= end {
            continue;
        }
        if start > at {
            out.push(Segment {
                text: chars[at..start].iter().collect(),
                mark: None,
            });
        }
        out.push(Segment {
            text: chars[start..end].iter().collect(),
            mark: Some(Mark {
                kind: f.kind.as_str(),
                whose: whose(f.whose),
                reason: f.reason.clone(),
            }),
        });
        at = end;
    }
    if at < chars.len() {
        out.push(Segment {
            text: chars[at..].iter().collect(),
            mark: None,
        });
    }
    out
}

/// Shown on the publishing pages: failed deliveries (dead-lettered) and, for approvers,
/// how many posts wait for review.
pub(crate) struct Attention {
    pub failed: Vec<FailedRow>,
    pub in_review: Option<usize>,
}

pub(crate) struct FailedRow {
    pub post_id: String,
    pub channel: String,
    pub error: String,
    pub when: String,
}

impl Attention {
    pub async fn load(ctx: &Ctx) -> Attention {
        let Ok(viewer) = ctx.actor.viewer() else {
            return Attention {
                failed: Vec::new(),
                in_review: None,
            };
        };
        let channels = ctx.desk().channels(&viewer).await.unwrap_or_default();
        let failed = match ctx.desk().failed_deliveries(&viewer).await {
            Ok(d) => d,
            Err(e) => {
                tracing::warn!(error = %e, "could not read failed deliveries");
                Vec::new()
            }
        };
        let failed = failed
            .into_iter()
            .map(|d| FailedRow {
                channel: channels
                    .iter()
                    .find(|c| c.id == d.channel_id)
                    .map(|c| c.name.clone())
                    .unwrap_or_else(|| "a removed channel".into()),
                error: d
                    .last_error
                    .clone()
                    .unwrap_or_else(|| "no error recorded".into()),
                when: ctx.time(&d.updated_at),
                post_id: d.post_id,
            })
            .collect();
        let in_review = if ctx.actor.approver().is_ok() {
            ctx.desk()
                .list_posts(
                    &viewer,
                    domain::publishing::PostFilter {
                        state: Some(PostState::InReview),
                        limit: 1000,
                        ..Default::default()
                    },
                )
                .await
                .ok()
                .map(|p| p.len())
        } else {
            None
        };
        Attention { failed, in_review }
    }
}

/// An excerpt of a post for lists and the calendar: the first line, cut at `max` chars.
pub(crate) fn excerpt(text: &str, max: usize) -> String {
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let line = line.trim();
    if line.chars().count() <= max {
        line.to_string()
    } else {
        let cut: String = line.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use guard::Kind;

    #[test]
    fn stored_findings_mark_the_text_at_code_points() {
        let f = Finding {
            kind: Kind::Mrn,
            start: 5,
            end: 16,
            text: "MRN 4471203".into(),
            whose: Whose::Patient,
            reason: "r".into(),
        };
        let v = GuardView::stored("Café MRN 4471203 ok", &serde_json::json!([f]));
        assert!(v.blocked);
        let texts: Vec<&str> = v.segments.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["Café ", "MRN 4471203", " ok"]);
        assert_eq!(v.findings[0].kind, "MRN");
        assert!(GuardView::stored("x", &serde_json::json!("junk"))
            .findings
            .is_empty());
    }

    #[test]
    fn excerpts_take_the_first_line_and_cut_long_ones() {
        assert_eq!(excerpt("\n Flu clinic \nmore", 40), "Flu clinic");
        assert_eq!(excerpt("abcdefghij", 5), "abcd…");
    }
}
