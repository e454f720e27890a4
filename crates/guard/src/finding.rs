use serde::{Deserialize, Serialize};

/// The HIPAA Safe Harbor identifier kinds the guard reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    PersonName,
    Date,
    #[serde(rename = "age_over_89")]
    AgeOver89,
    Phone,
    Fax,
    Email,
    Ssn,
    Mrn,
    HealthPlanId,
    AccountNumber,
    LicenseNumber,
    VehicleId,
    DeviceId,
    Url,
    IpAddress,
    Location,
    OtherId,
}

impl Kind {
    pub const ALL: [Kind; 17] = [
        Kind::PersonName,
        Kind::Date,
        Kind::AgeOver89,
        Kind::Phone,
        Kind::Fax,
        Kind::Email,
        Kind::Ssn,
        Kind::Mrn,
        Kind::HealthPlanId,
        Kind::AccountNumber,
        Kind::LicenseNumber,
        Kind::VehicleId,
        Kind::DeviceId,
        Kind::Url,
        Kind::IpAddress,
        Kind::Location,
        Kind::OtherId,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::PersonName => "person_name",
            Kind::Date => "date",
            Kind::AgeOver89 => "age_over_89",
            Kind::Phone => "phone",
            Kind::Fax => "fax",
            Kind::Email => "email",
            Kind::Ssn => "ssn",
            Kind::Mrn => "mrn",
            Kind::HealthPlanId => "health_plan_id",
            Kind::AccountNumber => "account_number",
            Kind::LicenseNumber => "license_number",
            Kind::VehicleId => "vehicle_id",
            Kind::DeviceId => "device_id",
            Kind::Url => "url",
            Kind::IpAddress => "ip_address",
            Kind::Location => "location",
            Kind::OtherId => "other_id",
        }
    }
}

/// Whose identifier a finding is, decided with the organisation profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Whose {
    Patient,
    Staff,
    Organization,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Block,
    Pass,
}

/// One identifier found in a text. Offsets are Unicode code points, `end` exclusive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub whose: Whose,
    /// A short human explanation, e.g. "'MRN' followed by 7 digits".
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScanReport {
    pub verdict: Verdict,
    pub findings: Vec<Finding>,
}

impl ScanReport {
    pub fn new(findings: Vec<Finding>) -> ScanReport {
        let verdict = if findings.iter().any(|f| f.whose == Whose::Patient) {
            Verdict::Block
        } else {
            Verdict::Pass
        };
        ScanReport { verdict, findings }
    }

    /// The findings that belong to a patient: the ones that need a consent or a rewrite.
    pub fn patient_findings(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.whose == Whose::Patient)
    }
}
