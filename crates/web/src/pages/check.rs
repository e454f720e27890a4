//! "Check a draft": the guard's findings shown on the text. The script asks the JSON API as
//! the user types; without it, the form posts here and the same view is rendered.

use super::{render, render_status, Ctx, Errors, Layout, PageResult};
use askama::Template;
use axum::http::StatusCode;
use axum::Form;
use guard::{Finding, ScanReport, Verdict, Whose};
use serde::Deserialize;

/// The same limit as the API's.
const MAX_CHARS: usize = 100_000;

/// A run of the draft: plain, or one finding.
struct Segment {
    text: String,
    mark: Option<Mark>,
}

struct Mark {
    kind: &'static str,
    whose: &'static str,
    reason: String,
}

struct FindingRow {
    kind: String,
    text: String,
    whose: &'static str,
    reason: String,
}

struct Outcome {
    blocked: bool,
    segments: Vec<Segment>,
    findings: Vec<FindingRow>,
}

#[derive(Template)]
#[template(path = "check.html")]
struct CheckPage {
    layout: Layout,
    csrf: String,
    text: String,
    outcome: Option<Outcome>,
    errors: Errors,
}

fn whose(w: Whose) -> &'static str {
    match w {
        Whose::Patient => "patient",
        Whose::Staff => "staff",
        Whose::Organization => "organization",
    }
}

/// "health_plan_id" → "Health plan ID" (the script has the same table).
pub(crate) fn kind_label(kind: &str) -> String {
    match kind {
        "mrn" => "MRN".into(),
        "ssn" => "SSN".into(),
        "url" => "URL".into(),
        "ip_address" => "IP address".into(),
        "age_over_89" => "Age over 89".into(),
        "health_plan_id" => "Health plan ID".into(),
        "vehicle_id" => "Vehicle ID".into(),
        "device_id" => "Device ID".into(),
        "other_id" => "Other ID".into(),
        other => super::capitalise(&other.replace('_', " ")),
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

fn outcome(text: &str, report: &ScanReport) -> Outcome {
    Outcome {
        blocked: report.verdict == Verdict::Block,
        segments: segments(text, &report.findings),
        findings: report
            .findings
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

pub async fn form(ctx: Ctx) -> PageResult {
    ctx.need(ctx.actor.viewer(), "signed-in members")?;
    Ok(render(&CheckPage {
        layout: ctx.layout("Check a draft"),
        csrf: ctx.csrf(),
        text: String::new(),
        outcome: None,
        errors: Errors::default(),
    }))
}

#[derive(Deserialize)]
pub struct CheckForm {
    #[serde(default)]
    text: String,
}

pub async fn scan(ctx: Ctx, Form(form): Form<CheckForm>) -> PageResult {
    let viewer = ctx.need(ctx.actor.viewer(), "signed-in members")?;
    if form.text.chars().count() > MAX_CHARS {
        let page = CheckPage {
            layout: ctx.layout("Check a draft"),
            csrf: ctx.csrf(),
            text: form.text,
            outcome: None,
            errors: Errors::one(
                "text",
                &format!("The draft is longer than {MAX_CHARS} characters"),
            ),
        };
        return Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page));
    }
    let report = ctx
        .desk()
        .scan(&viewer, &form.text)
        .await
        .map_err(|e| ctx.fail(e))?;
    Ok(render(&CheckPage {
        layout: ctx.layout("Check a draft"),
        csrf: ctx.csrf(),
        outcome: Some(outcome(&form.text, &report)),
        text: form.text,
        errors: Errors::default(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use guard::Kind;

    fn finding(start: usize, end: usize, text: &str) -> Finding {
        Finding {
            kind: Kind::Mrn,
            start,
            end,
            text: text.into(),
            whose: Whose::Patient,
            reason: "r".into(),
        }
    }

    #[test]
    fn segments_cut_at_code_points_not_bytes() {
        let text = "Café MRN 4471203 ok";
        let segs = segments(text, &[finding(5, 16, "MRN 4471203")]);
        let texts: Vec<&str> = segs.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["Café ", "MRN 4471203", " ok"]);
        assert!(segs[1].mark.is_some());
    }

    #[test]
    fn server_rendered_result_escapes_the_draft_and_marks_the_finding() {
        let text = "<b>MRN</b> 4471203";
        let report = ScanReport::new(vec![finding(11, 18, "4471203")]);
        let html = CheckPage {
            layout: Layout::visitor("Check a draft"),
            csrf: "token".into(),
            text: text.into(),
            outcome: Some(outcome(text, &report)),
            errors: Errors::default(),
        }
        .render()
        .unwrap();
        assert!(!html.contains("<b>MRN"), "draft must be escaped");
        assert!(html.contains("&#60;b&#62;MRN") || html.contains("&lt;b&gt;MRN"));
        assert!(
            html.contains(r#"<mark data-kind="mrn" data-whose="patient" title="r">4471203</mark>"#)
        );
        assert!(html.contains("Blocked"));
    }

    #[test]
    fn kinds_read_as_words() {
        assert_eq!(kind_label("mrn"), "MRN");
        assert_eq!(kind_label("person_name"), "Person name");
    }

    #[test]
    fn overlapping_findings_keep_the_first() {
        let segs = segments("abcdef", &[finding(0, 4, "abcd"), finding(2, 6, "cdef")]);
        let texts: Vec<&str> = segs.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["abcd", "ef"]);
    }
}
