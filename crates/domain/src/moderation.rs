//! The commenting policy: a versioned public document, the rules that moderate the inbox by
//! the guard's labels (each naming the clause it enforces), and the response-time targets the
//! team commits to. Also the record of every action taken on an inbox item and its SLA.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// The guard's inbound labels a rule can name.
pub const LABELS: [&str; 9] = [
    "advice_request",
    "phi_disclosure",
    "abusive",
    "spam",
    "misinformation",
    "appointment",
    "complaint",
    "praise",
    "general_question",
];

pub const MAX_POLICY_CHARS: usize = 50_000;

/// What a rule does with an item carrying its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleAction {
    /// Hide it on the network (where the network allows; otherwise flag it for a person).
    Hide,
    /// Attach a suggested reply (the guard's compliant template, or the response library's
    /// answer to a myth) for a person to edit and send.
    SuggestReply,
    /// Leave it in the queue for a person, flagged with the clause.
    Queue,
}

impl RuleAction {
    pub fn as_str(self) -> &'static str {
        match self {
            RuleAction::Hide => "hide",
            RuleAction::SuggestReply => "suggest_reply",
            RuleAction::Queue => "queue",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyRule {
    pub label: String,
    pub action: RuleAction,
    /// Off: the rule is shown in the policy but nothing happens automatically.
    pub auto: bool,
    /// The clause of the published policy the rule enforces, recorded with every action.
    pub clause: String,
}

/// What an editor submits; validated into a new published version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyDraft {
    pub body: String,
    pub rules: Vec<PolicyRule>,
    pub first_response_minutes: i64,
    pub removal_minutes: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentingPolicy {
    pub org_id: String,
    /// 0 is the built-in default, in force until the organisation publishes its own.
    pub version: i64,
    pub body: String,
    pub rules: Vec<PolicyRule>,
    pub first_response_minutes: i64,
    pub removal_minutes: i64,
    pub published_by: String,
    pub published_at: DateTime<Utc>,
}

impl PolicyDraft {
    /// Checks a draft; `Err((field, message))` says what to fix.
    pub fn validate(mut self) -> Result<PolicyDraft, (&'static str, String)> {
        self.body = self.body.trim().to_string();
        if self.body.is_empty() {
            return Err(("body", "write the policy text people will read".into()));
        }
        if self.body.chars().count() > MAX_POLICY_CHARS {
            return Err((
                "body",
                format!("the policy is longer than {MAX_POLICY_CHARS} characters"),
            ));
        }
        for (name, minutes) in [
            ("first_response_minutes", self.first_response_minutes),
            ("removal_minutes", self.removal_minutes),
        ] {
            if !(1..=60 * 24 * 14).contains(&minutes) {
                return Err((name, "give a target between 1 minute and 14 days".into()));
            }
        }
        let mut seen = Vec::new();
        for rule in &mut self.rules {
            rule.clause = rule.clause.trim().to_string();
            if !LABELS.contains(&rule.label.as_str()) {
                return Err((
                    "rules",
                    format!(
                        "'{}' is not a label; use one of {}",
                        rule.label,
                        LABELS.join(", ")
                    ),
                ));
            }
            if seen.contains(&rule.label) {
                return Err(("rules", format!("two rules for '{}'", rule.label)));
            }
            if rule.clause.is_empty() {
                return Err((
                    "rules",
                    format!("name the policy clause the '{}' rule enforces", rule.label),
                ));
            }
            seen.push(rule.label.clone());
        }
        Ok(self)
    }
}

impl CommentingPolicy {
    /// The built-in policy an organisation starts with, filled with its contact points.
    pub fn default_for(org_id: &str, profile: &crate::OrgProfile) -> Self {
        let first = |l: &[String]| l.first().cloned().unwrap_or_default();
        let d = default_draft(
            &profile.name,
            &first(&profile.phones),
            &first(&profile.websites),
            profile.emergency_number.as_deref().unwrap_or("911"),
        );
        CommentingPolicy {
            org_id: org_id.into(),
            version: 0,
            body: d.body,
            rules: d.rules,
            first_response_minutes: d.first_response_minutes,
            removal_minutes: d.removal_minutes,
            published_by: "Carepost default".into(),
            published_at: DateTime::<Utc>::UNIX_EPOCH,
        }
    }

    pub fn draft(&self) -> PolicyDraft {
        PolicyDraft {
            body: self.body.clone(),
            rules: self.rules.clone(),
            first_response_minutes: self.first_response_minutes,
            removal_minutes: self.removal_minutes,
        }
    }

    /// The rule for the first of `labels` that has one, by the policy's rule order.
    fn rule_for(&self, labels: &[String], action: RuleAction) -> Option<&PolicyRule> {
        self.rules
            .iter()
            .find(|r| r.action == action && labels.contains(&r.label))
    }

    /// The automatic hide rule that applies to an item, if any.
    pub fn auto_hide(&self, labels: &[String]) -> Option<&PolicyRule> {
        self.rule_for(labels, RuleAction::Hide).filter(|r| r.auto)
    }

    /// The suggested-reply rule that applies, if switched on.
    pub fn auto_suggest(&self, labels: &[String]) -> Option<&PolicyRule> {
        self.rule_for(labels, RuleAction::SuggestReply)
            .filter(|r| r.auto)
    }

    /// A violation is anything the policy removes; it gets the removal target.
    pub fn is_violation(&self, labels: &[String]) -> bool {
        self.rule_for(labels, RuleAction::Hide).is_some()
    }

    /// The clause to record for a person's action on an item: a reply enforces the
    /// suggested-reply rule, a hide or delete the hide rule, anything else the first rule
    /// that matches.
    pub fn clause_for(&self, labels: &[String], action: &str) -> Option<&str> {
        let by_action = match action {
            "reply" => self.rule_for(labels, RuleAction::SuggestReply),
            "hide" | "delete" => self.rule_for(labels, RuleAction::Hide),
            _ => None,
        };
        by_action
            .or_else(|| self.rules.iter().find(|r| labels.contains(&r.label)))
            .map(|r| r.clause.as_str())
    }
}

fn default_draft(org_name: &str, phone: &str, website: &str, emergency: &str) -> PolicyDraft {
    let contact = match (phone.is_empty(), website.is_empty()) {
        (false, false) => format!("call {phone} or visit {website}"),
        (false, true) => format!("call {phone}"),
        (true, false) => format!("visit {website}"),
        (true, true) => "contact us directly".to_string(),
    };
    let body = format!(
        "Commenting policy — {org_name}\n\n\
We welcome your comments, questions and stories on our social media pages. To keep them \
safe and useful for everyone, we moderate them by these rules.\n\n\
1. Be respectful. Comments that are abusive, threatening, harassing, obscene or \
discriminatory are hidden or removed.\n\n\
2. No spam. Advertising, repeated posts, scams and links to unrelated sites are hidden or \
removed.\n\n\
3. Protect your privacy. Please do not share personal health information about yourself or \
anyone else. To protect you, we hide comments that do, and we never confirm online whether \
anyone is our patient.\n\n\
4. No diagnosis or treatment online. We cannot give personal medical advice on social media. \
For questions about your own health, {contact} to book a visit. In an emergency, call {emergency}.\n\n\
5. Accurate health information. When a comment spreads false health information, we reply \
with trusted sources; repeated or harmful misinformation may be hidden.\n\n\
6. Response times. We read every comment and aim to reply to questions within one hour \
during business hours. Comments that break these rules are reviewed promptly.\n\n\
Comments do not reflect the views of {org_name}. We may update this policy; each version is \
dated."
    );
    let rule = |label: &str, action, clause: &str| PolicyRule {
        label: label.into(),
        action,
        auto: true,
        clause: clause.into(),
    };
    PolicyDraft {
        body,
        rules: vec![
            rule("abusive", RuleAction::Hide, "1. Be respectful"),
            rule("spam", RuleAction::Hide, "2. No spam"),
            rule(
                "phi_disclosure",
                RuleAction::Hide,
                "3. Protect your privacy",
            ),
            rule(
                "advice_request",
                RuleAction::SuggestReply,
                "4. No diagnosis or treatment online",
            ),
            rule(
                "misinformation",
                RuleAction::SuggestReply,
                "5. Accurate health information",
            ),
        ],
        first_response_minutes: 60,
        removal_minutes: 30,
    }
}

/// Something done to an inbox item, by a person or by the policy.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InboxAction {
    pub id: String,
    pub org_id: String,
    pub item_id: String,
    /// `hide`, `unhide`, `mute`, `report`, `reply`, `delete`, `resolve`, `assign`, `flag`,
    /// `undo`.
    pub kind: String,
    /// Done by the policy rather than a person.
    pub auto: bool,
    pub clause: Option<String>,
    /// The person's email, or "policy vN".
    pub by: String,
    pub at: DateTime<Utc>,
    pub undone_at: Option<DateTime<Utc>>,
    /// Kind-specific facts (the reply's remote id, the assignee) — never the text.
    pub detail: serde_json::Value,
}

impl InboxAction {
    /// Hides, mutes, replies (deleted again), resolutions, assignments and flags can be
    /// undone once; a report to the network's moderators and a delete cannot.
    pub fn undoable(&self) -> bool {
        self.undone_at.is_none()
            && matches!(
                self.kind.as_str(),
                "hide" | "mute" | "reply" | "resolve" | "assign" | "flag"
            )
    }
}

/// Response-time targets and where one item stands against them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Targets {
    pub first_response_minutes: i64,
    pub removal_minutes: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sla {
    pub first_response_due_at: DateTime<Utc>,
    /// The response came (or it is now) after the due time.
    pub first_response_overdue: bool,
    /// Only for violations: when it must be hidden or removed by.
    pub removal_due_at: Option<DateTime<Utc>>,
    pub removal_overdue: bool,
}

pub fn sla(
    received_at: DateTime<Utc>,
    first_response_at: Option<DateTime<Utc>>,
    removed_at: Option<DateTime<Utc>>,
    violation: bool,
    targets: Targets,
    now: DateTime<Utc>,
) -> Sla {
    let first_due = received_at + Duration::minutes(targets.first_response_minutes);
    let removal_due = violation.then(|| received_at + Duration::minutes(targets.removal_minutes));
    Sla {
        first_response_due_at: first_due,
        first_response_overdue: first_response_at.unwrap_or(now) > first_due,
        removal_due_at: removal_due,
        removal_overdue: removal_due.is_some_and(|due| removed_at.unwrap_or(now) > due),
    }
}

/// How long something took across a week's items, against its target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Durations {
    pub count: usize,
    pub median_minutes: Option<f64>,
    pub p90_minutes: Option<f64>,
    pub within_target: usize,
    pub target_minutes: i64,
}

pub fn durations(mut minutes: Vec<f64>, target_minutes: i64) -> Durations {
    minutes.sort_by(f64::total_cmp);
    // Nearest-rank percentile: the value at or below which q of the durations fall.
    let pick = |q: f64| -> Option<f64> {
        if minutes.is_empty() {
            return None;
        }
        let rank = ((q * minutes.len() as f64).ceil() as usize).clamp(1, minutes.len());
        Some((minutes[rank - 1] * 10.0).round() / 10.0)
    };
    Durations {
        count: minutes.len(),
        median_minutes: pick(0.5),
        p90_minutes: pick(0.9),
        within_target: minutes
            .iter()
            .filter(|m| **m <= target_minutes as f64)
            .count(),
        target_minutes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(l: &[&str]) -> Vec<String> {
        l.iter().map(|s| s.to_string()).collect()
    }

    fn policy() -> CommentingPolicy {
        let mut profile = crate::OrgProfile::new_for("Mercy Clinic");
        profile.phones = vec!["(555) 010-2000".into()];
        profile.websites = vec!["mercy.example".into()];
        CommentingPolicy::default_for("o", &profile)
    }

    #[test]
    fn default_policy_hides_violations_and_suggests_replies() {
        let p = policy();
        assert!(p
            .body
            .contains("call (555) 010-2000 or visit mercy.example"));
        assert!(p.body.contains("In an emergency, call 911."));
        assert_eq!(
            p.auto_hide(&labels(&["complaint", "abusive"]))
                .unwrap()
                .clause,
            "1. Be respectful"
        );
        assert!(p.auto_hide(&labels(&["complaint", "praise"])).is_none());
        assert_eq!(
            p.auto_suggest(&labels(&["misinformation"])).unwrap().clause,
            "5. Accurate health information"
        );
        assert!(p.is_violation(&labels(&["phi_disclosure"])));
        assert!(!p.is_violation(&labels(&["advice_request"])));
        assert_eq!(p.clause_for(&labels(&["praise"]), "resolve"), None);
        let both = labels(&["advice_request", "phi_disclosure"]);
        assert_eq!(
            p.clause_for(&both, "reply"),
            Some("4. No diagnosis or treatment online")
        );
        assert_eq!(p.clause_for(&both, "hide"), Some("3. Protect your privacy"));
        assert_eq!(
            p.clause_for(&both, "assign"),
            Some("3. Protect your privacy")
        );
    }

    #[test]
    fn a_rule_switched_off_acts_no_more_but_still_defines_a_violation() {
        let mut p = policy();
        p.rules.iter_mut().find(|r| r.label == "spam").unwrap().auto = false;
        assert!(p.auto_hide(&labels(&["spam"])).is_none());
        assert!(p.is_violation(&labels(&["spam"])));
    }

    #[test]
    fn drafts_are_checked() {
        let good = policy().draft();
        assert!(good.clone().validate().is_ok());
        let mut d = good.clone();
        d.body = "  ".into();
        assert_eq!(d.validate().unwrap_err().0, "body");
        let mut d = good.clone();
        d.rules[0].label = "rude".into();
        assert!(d
            .validate()
            .unwrap_err()
            .1
            .contains("'rude' is not a label"));
        let mut d = good.clone();
        d.rules.push(d.rules[0].clone());
        assert!(d.validate().unwrap_err().1.contains("two rules"));
        let mut d = good.clone();
        d.rules[1].clause = " ".into();
        assert_eq!(d.validate().unwrap_err().0, "rules");
        let mut d = good;
        d.removal_minutes = 0;
        assert_eq!(d.validate().unwrap_err().0, "removal_minutes");
    }

    #[test]
    fn sla_counts_from_arrival() {
        let t0 = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
        let targets = Targets {
            first_response_minutes: 60,
            removal_minutes: 15,
        };
        let m = |n| t0 + Duration::minutes(n);
        let open = sla(t0, None, None, true, targets, m(20));
        assert!(!open.first_response_overdue);
        assert!(open.removal_overdue);
        assert_eq!(open.removal_due_at, Some(m(15)));
        let answered_late = sla(t0, Some(m(61)), Some(m(10)), true, targets, m(500));
        assert!(answered_late.first_response_overdue);
        assert!(!answered_late.removal_overdue);
        let question = sla(t0, None, None, false, targets, m(30));
        assert_eq!(question.removal_due_at, None);
        assert!(!question.removal_overdue);
    }

    #[test]
    fn durations_use_nearest_rank() {
        let d = durations(vec![5.0, 1.0, 3.0, 120.0, 2.0], 10);
        assert_eq!(d.count, 5);
        assert_eq!(d.median_minutes, Some(3.0));
        assert_eq!(d.p90_minutes, Some(120.0));
        assert_eq!(d.within_target, 4);
        let none = durations(vec![], 10);
        assert_eq!(none.median_minutes, None);
    }

    #[test]
    fn only_reversible_actions_can_be_undone() {
        let mut a = InboxAction {
            id: "a".into(),
            org_id: "o".into(),
            item_id: "i".into(),
            kind: "hide".into(),
            auto: true,
            clause: None,
            by: "policy v0".into(),
            at: Utc::now(),
            undone_at: None,
            detail: serde_json::Value::Null,
        };
        assert!(a.undoable());
        a.undone_at = Some(Utc::now());
        assert!(!a.undoable());
        a.undone_at = None;
        a.kind = "delete".into();
        assert!(!a.undoable());
    }
}
