//! Reading and verifying the audit log.

use super::Desk;
use crate::access::Auditor;
use crate::audit::{verify, AuditEntry, ChainBreak};
use crate::error::Result;
use crate::store::AuditFilter;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct AuditReport {
    pub org_id: String,
    pub entries: usize,
    pub breaks: Vec<ChainBreak>,
}

impl AuditReport {
    pub fn intact(&self) -> bool {
        self.breaks.is_empty()
    }
}

/// The most entries one read returns.
pub const MAX_AUDIT_PAGE: i64 = 1000;

impl Desk {
    pub async fn audit_log(
        &self,
        auditor: &Auditor<'_>,
        mut filter: AuditFilter,
    ) -> Result<Vec<AuditEntry>> {
        filter.limit = filter.limit.clamp(1, MAX_AUDIT_PAGE);
        Ok(self.store.list_audit(auditor.org_id(), &filter).await?)
    }

    pub async fn verify_audit(&self, auditor: &Auditor<'_>) -> Result<AuditReport> {
        self.verify_org_audit(auditor.org_id()).await
    }

    /// Verifies one organisation's chain (the CLI verifies every organisation).
    pub async fn verify_org_audit(&self, org_id: &str) -> Result<AuditReport> {
        let (entries, head) = self.store.audit_chain(org_id).await?;
        Ok(AuditReport {
            org_id: org_id.to_string(),
            entries: entries.len(),
            breaks: verify(&entries, head),
        })
    }
}
