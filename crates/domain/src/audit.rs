//! The audit log is append-only and tamper-evident: every entry carries the hash of the one
//! before it, so an edited or deleted entry breaks the chain that [`verify`] walks.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The hash that precedes the first entry of every organisation's chain.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What happened, before it is chained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewAuditEntry {
    pub org_id: String,
    pub actor_id: Option<String>,
    /// Who, readable after the user is gone (their email, or "system").
    pub actor: String,
    /// Dotted verb, e.g. `user.login`, `profile.update`.
    pub action: String,
    /// What it was done to (an id or a name); never PHI.
    pub target: String,
    /// Details as JSON (redacted by the guard where text may hold PHI).
    pub detail: serde_json::Value,
    /// Where from (client IP), when known.
    pub ip: Option<String>,
    pub at: DateTime<Utc>,
}

impl NewAuditEntry {
    /// An entry happening now, by `actor` (an email, or "system").
    pub fn new(
        org_id: &str,
        actor: &str,
        action: &str,
        target: &str,
        detail: serde_json::Value,
    ) -> NewAuditEntry {
        NewAuditEntry {
            org_id: org_id.to_string(),
            actor_id: None,
            actor: actor.to_string(),
            action: action.to_string(),
            target: target.to_string(),
            detail,
            ip: None,
            at: Utc::now(),
        }
    }

    pub fn by_user(mut self, user_id: &str) -> NewAuditEntry {
        self.actor_id = Some(user_id.to_string());
        self
    }

    pub fn from_ip(mut self, ip: Option<&str>) -> NewAuditEntry {
        self.ip = ip.map(str::to_string);
        self
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub seq: i64,
    #[serde(flatten)]
    pub entry: NewAuditEntry,
    pub prev_hash: String,
    pub hash: String,
}

/// The chained hash of an entry: SHA-256 over the previous hash and every field, each
/// length-prefixed so no two different entries serialise alike.
pub fn chain_hash(prev_hash: &str, seq: i64, e: &NewAuditEntry) -> String {
    let mut h = Sha256::new();
    let at = e.at.to_rfc3339_opts(SecondsFormat::Micros, true);
    let detail = e.detail.to_string();
    let fields: [&str; 9] = [
        prev_hash,
        &e.org_id,
        e.actor_id.as_deref().unwrap_or(""),
        &e.actor,
        &e.action,
        &e.target,
        &detail,
        e.ip.as_deref().unwrap_or(""),
        &at,
    ];
    h.update(seq.to_be_bytes());
    for f in fields {
        h.update((f.len() as u64).to_be_bytes());
        h.update(f.as_bytes());
    }
    hex::encode(h.finalize())
}

/// Where a chain is broken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChainBreak {
    pub seq: i64,
    pub problem: String,
}

/// Walks the entries of one organisation in `seq` order. `head` is the last (seq, hash) the
/// store recorded, which catches deletion of the newest entries.
pub fn verify(entries: &[AuditEntry], head: Option<(i64, String)>) -> Vec<ChainBreak> {
    let mut breaks = Vec::new();
    let mut prev = GENESIS.to_string();
    let mut expected_seq = 1;
    for e in entries {
        if e.seq != expected_seq {
            breaks.push(ChainBreak {
                seq: e.seq,
                problem: format!(
                    "entries {expected_seq}..{} are missing (deleted?)",
                    e.seq - 1
                ),
            });
        }
        if e.prev_hash != prev {
            breaks.push(ChainBreak {
                seq: e.seq,
                problem: "does not follow the entry before it".into(),
            });
        }
        let recomputed = chain_hash(&e.prev_hash, e.seq, &e.entry);
        if recomputed != e.hash {
            breaks.push(ChainBreak {
                seq: e.seq,
                problem: "was edited after it was written (hash mismatch)".into(),
            });
        }
        prev = e.hash.clone();
        expected_seq = e.seq + 1;
    }
    if let Some((head_seq, head_hash)) = head {
        let last_seq = entries.last().map_or(0, |e| e.seq);
        if head_seq != last_seq || (head_seq > 0 && head_hash != prev) {
            breaks.push(ChainBreak {
                seq: head_seq,
                problem: format!(
                    "the log ends at entry {last_seq} but {head_seq} were written (newest entries deleted?)"
                ),
            });
        }
    }
    breaks
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn chain(n: i64) -> Vec<AuditEntry> {
        let mut prev = GENESIS.to_string();
        (1..=n)
            .map(|seq| {
                let entry = NewAuditEntry {
                    org_id: "o1".into(),
                    actor_id: Some("u1".into()),
                    actor: "ana@clinic.org".into(),
                    action: "user.login".into(),
                    target: format!("u{seq}"),
                    detail: serde_json::json!({"n": seq}),
                    ip: Some("127.0.0.1".into()),
                    at: Utc.timestamp_opt(1_700_000_000 + seq, 0).unwrap(),
                };
                let hash = chain_hash(&prev, seq, &entry);
                let e = AuditEntry {
                    seq,
                    entry,
                    prev_hash: prev.clone(),
                    hash: hash.clone(),
                };
                prev = hash;
                e
            })
            .collect()
    }

    fn head(c: &[AuditEntry]) -> Option<(i64, String)> {
        c.last().map(|e| (e.seq, e.hash.clone()))
    }

    #[test]
    fn intact_chain_verifies() {
        let c = chain(5);
        assert!(verify(&c, head(&c)).is_empty());
    }

    #[test]
    fn edited_entry_is_detected() {
        let mut c = chain(5);
        let h = head(&c);
        c[2].entry.action = "user.delete".into();
        let breaks = verify(&c, h);
        assert_eq!(breaks.len(), 1);
        assert_eq!(breaks[0].seq, 3);
    }

    #[test]
    fn deleted_middle_entry_is_detected() {
        let mut c = chain(5);
        let h = head(&c);
        c.remove(1);
        let breaks = verify(&c, h);
        assert!(breaks
            .iter()
            .any(|b| b.seq == 3 && b.problem.contains("missing")));
    }

    #[test]
    fn deleted_newest_entry_is_detected_through_the_head() {
        let mut c = chain(5);
        let h = head(&c);
        c.pop();
        assert!(!verify(&c, h).is_empty());
    }
}
