//! Patients and subscribers who receive facility alerts, and the CSV import that brings
//! them in: good rows are kept, each bad row is reported with its line and reason.

use crate::user::Email;
use chrono::{DateTime, Utc};
use serde::Serialize;

/// The CSV header the import expects (columns may come in any order).
pub const CSV_COLUMNS: [&str; 8] = [
    "name",
    "email",
    "phone",
    "language",
    "segments",
    "email_opt_in",
    "sms_opt_in",
    "voice_opt_in",
];

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contact {
    pub id: String,
    pub org_id: String,
    pub name: String,
    pub email: Option<String>,
    /// E.164, e.g. `+14155550132`.
    pub phone: Option<String>,
    /// BCP 47 language tag (`en`, `es`, `en-US`).
    pub language: String,
    pub segments: Vec<String>,
    pub email_opt_in: bool,
    pub sms_opt_in: bool,
    pub voice_opt_in: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// One contact as read from a CSV line (not yet stored).
#[derive(Debug, Clone, PartialEq)]
pub struct ContactRow {
    pub line: u64,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub language: String,
    pub segments: Vec<String>,
    pub email_opt_in: bool,
    pub sms_opt_in: bool,
    pub voice_opt_in: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rejected {
    pub line: u64,
    pub reason: String,
}

/// `+` then 7 to 15 digits, the first not 0 (ITU-T E.164).
pub fn is_e164(s: &str) -> bool {
    let Some(digits) = s.strip_prefix('+') else {
        return false;
    };
    (7..=15).contains(&digits.len())
        && digits.chars().all(|c| c.is_ascii_digit())
        && !digits.starts_with('0')
}

fn yes_no(field: &str, value: &str) -> Result<bool, String> {
    match value.trim().to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" | "1" => Ok(true),
        "no" | "n" | "false" | "0" | "" => Ok(false),
        other => Err(format!("{field} must be yes or no, not '{other}'")),
    }
}

fn language(value: &str) -> Result<String, String> {
    let v = value.trim();
    if v.is_empty() {
        return Ok("en".into());
    }
    let ok = v.split('-').enumerate().all(|(i, part)| {
        let n = part.len();
        if i == 0 {
            (2..=3).contains(&n) && part.chars().all(|c| c.is_ascii_alphabetic())
        } else {
            (2..=8).contains(&n) && part.chars().all(|c| c.is_ascii_alphanumeric())
        }
    });
    if ok {
        Ok(v.to_string())
    } else {
        Err(format!(
            "language '{v}' is not a language code like en, es or en-US"
        ))
    }
}

/// Parses an import. `known_segments` are the organisation's segments (facilities,
/// departments); a row naming another is rejected. Rows that repeat an earlier row's email
/// or phone are rejected as duplicates. Lines count from 1 (the header).
pub fn parse_csv(
    input: &str,
    known_segments: &[String],
) -> Result<(Vec<ContactRow>, Vec<Rejected>), String> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(input.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| {
            format!(
                "the first line must be the header ({}): {e}",
                CSV_COLUMNS.join(",")
            )
        })?
        .clone();
    let index = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    let missing: Vec<&str> = CSV_COLUMNS
        .iter()
        .copied()
        .filter(|c| index(c).is_none())
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "the header lacks {}; expected: {}",
            missing.join(", "),
            CSV_COLUMNS.join(",")
        ));
    }
    let col: Vec<usize> = CSV_COLUMNS
        .iter()
        .map(|c| index(c).expect("checked"))
        .collect();
    let known: Vec<String> = known_segments.iter().map(|s| s.to_lowercase()).collect();
    let mut rows: Vec<ContactRow> = Vec::new();
    let mut rejected = Vec::new();
    let mut seen_email: std::collections::HashMap<String, u64> = Default::default();
    let mut seen_phone: std::collections::HashMap<String, u64> = Default::default();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                rejected.push(Rejected {
                    line,
                    reason: format!("unreadable line: {e}"),
                });
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        let get = |i: usize| record.get(col[i]).unwrap_or("").to_string();
        match parse_row(line, &get, &known) {
            Err(reason) => rejected.push(Rejected { line, reason }),
            Ok(row) => {
                let dup = row
                    .email
                    .as_ref()
                    .and_then(|e| seen_email.get(e))
                    .or_else(|| row.phone.as_ref().and_then(|p| seen_phone.get(p)));
                if let Some(first) = dup {
                    rejected.push(Rejected {
                        line,
                        reason: format!("duplicate of line {first} (same email or phone)"),
                    });
                    continue;
                }
                if let Some(e) = &row.email {
                    seen_email.insert(e.clone(), line);
                }
                if let Some(p) = &row.phone {
                    seen_phone.insert(p.clone(), line);
                }
                rows.push(row);
            }
        }
    }
    Ok((rows, rejected))
}

fn parse_row(
    line: u64,
    get: &dyn Fn(usize) -> String,
    known: &[String],
) -> Result<ContactRow, String> {
    let name = get(0);
    if name.is_empty() {
        return Err("the name is empty".into());
    }
    let email = match get(1) {
        e if e.is_empty() => None,
        e => Some(
            Email::parse(&e)
                .map_err(|m| format!("invalid email: {m}"))?
                .as_str()
                .to_string(),
        ),
    };
    let phone = match get(2).replace([' ', '-', '(', ')', '.'], "") {
        p if p.is_empty() => None,
        p if is_e164(&p) => Some(p),
        _ => {
            return Err(format!(
                "phone '{}' is not a valid E.164 number (like +14155550132)",
                get(2)
            ))
        }
    };
    let segments: Vec<String> = get(4)
        .split(';')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if let Some(unknown) = segments.iter().find(|s| !known.contains(&s.to_lowercase())) {
        return Err(format!("unknown segment '{unknown}'"));
    }
    let email_opt_in = yes_no("email_opt_in", &get(5))?;
    let sms_opt_in = yes_no("sms_opt_in", &get(6))?;
    let voice_opt_in = yes_no("voice_opt_in", &get(7))?;
    if email_opt_in && email.is_none() {
        return Err("email_opt_in is yes but there is no email".into());
    }
    if (sms_opt_in || voice_opt_in) && phone.is_none() {
        return Err("sms or voice opt-in is yes but there is no phone".into());
    }
    if email.is_none() && phone.is_none() {
        return Err("the contact has neither email nor phone".into());
    }
    Ok(ContactRow {
        line,
        name,
        email,
        phone,
        language: language(&get(3))?,
        segments,
        email_opt_in,
        sms_opt_in,
        voice_opt_in,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str =
        "name,email,phone,language,segments,email_opt_in,sms_opt_in,voice_opt_in\n";

    fn segs() -> Vec<String> {
        vec!["Main Campus".into(), "Cardiology".into()]
    }

    #[test]
    fn good_rows_are_kept_and_each_bad_row_says_why() {
        let csv = format!(
            "{HEADER}Ana Ruiz,ana@example.org,+14155550132,es,Main Campus;Cardiology,yes,yes,no\n\
             Bob,not-an-email,,en,,yes,no,no\n\
             Cy,cy@example.org,555-0132,en,,yes,yes,no\n\
             Di,di@example.org,,en,Pediatrics,yes,no,no\n\
             Ed,ana@example.org,,en,,yes,no,no\n\
             Flo,flo@example.org,+1 (415) 555-0199,en-US,main campus,yes,yes,maybe\n\
             Gus,gus@example.org,+1 (415) 555-0199,en-US,main campus,yes,yes,yes\n"
        );
        let (rows, rejected) = parse_csv(&csv, &segs()).unwrap();
        assert_eq!(rows.len(), 2, "{rejected:?}");
        assert_eq!(rows[1].phone.as_deref(), Some("+14155550199"));
        let got: Vec<(u64, &str)> = rejected
            .iter()
            .map(|r| (r.line, r.reason.as_str()))
            .collect();
        assert_eq!(got.len(), 5);
        assert!(got[0].0 == 3 && got[0].1.contains("invalid email"));
        assert!(got[1].0 == 4 && got[1].1.contains("E.164"));
        assert!(got[2].0 == 5 && got[2].1.contains("unknown segment 'Pediatrics'"));
        assert!(got[3].0 == 6 && got[3].1.contains("duplicate of line 2"));
        assert!(got[4].0 == 7 && got[4].1.contains("voice_opt_in"));
    }

    #[test]
    fn a_wrong_header_is_refused_as_a_whole() {
        let err = parse_csv("name,mail\nA,a@b.org\n", &segs()).unwrap_err();
        assert!(err.contains("email"), "{err}");
    }

    #[test]
    fn e164() {
        assert!(is_e164("+14155550132"));
        assert!(!is_e164("14155550132") && !is_e164("+0123456789") && !is_e164("+1415"));
    }
}
