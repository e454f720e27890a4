//! What the blind-round tests share: the clinic profile they scan as, and the questions they
//! ask of a scan.
#![allow(dead_code)]

use guard::{Guard, Kind, OrgProfile, Verdict, Whose};

/// The staff directory most blind-round tests scan with.
pub const STAFF: &[&str] = &["Dr. Joy Alvarez", "Nurse Tom Becker"];

/// Lakeview Family Clinic, with its phone number and `staff` as the staff directory.
pub fn clinic(staff: &[&str]) -> Guard {
    Guard::new(OrgProfile {
        name: "Lakeview Family Clinic".into(),
        phones: vec!["(555) 555-0100".into()],
        staff: staff.iter().map(|s| s.to_string()).collect(),
        ..OrgProfile::default()
    })
}

/// Whether the scan finds a patient's identifier of `kind` whose text contains `needle`.
pub fn has(g: &Guard, text: &str, kind: Kind, needle: &str) -> bool {
    g.scan(text)
        .findings
        .iter()
        .any(|f| f.kind == kind && f.text.contains(needle) && f.whose == Whose::Patient)
}

/// Whether the text may be published.
pub fn pass(g: &Guard, text: &str) -> bool {
    g.scan(text).verdict == Verdict::Pass
}

/// How many patients' names the scan finds.
pub fn names(g: &Guard, text: &str) -> usize {
    g.scan(text)
        .findings
        .iter()
        .filter(|f| f.kind == Kind::PersonName && f.whose == Whose::Patient)
        .count()
}
