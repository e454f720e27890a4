//! Masking for storage and logs: each patient identifier is replaced by its kind in capitals,
//! e.g. "[PHONE]", "[PERSON_NAME]". The organisation's own contact points and staff names stay
//! visible: they are public, and keeping them makes stored comments readable ("thanks to
//! [PERSON_NAME], Dr. Lee was great").

use crate::{Finding, OrgProfile, Whose};

pub(crate) fn redact(text: &str, findings: &[Finding]) -> String {
    mask(text, findings, |f| f.whose == Whose::Patient)
}

/// For text written by the public (comments, messages): every identifier is masked unless
/// it is literally one of the organisation's listed contact points or staff names. The
/// context cues that make "call us at …" the organisation's line in a draft mean nothing
/// in "call me at …" from a commenter.
pub(crate) fn redact_inbound(text: &str, findings: &[Finding], profile: &OrgProfile) -> String {
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    let listed = |f: &Finding| {
        let t = f.text.trim().to_lowercase();
        let d = digits(&f.text);
        profile
            .phones
            .iter()
            .any(|p| d.len() >= 7 && digits(p).ends_with(&d[d.len().saturating_sub(10)..]))
            || profile
                .websites
                .iter()
                .chain(&profile.emails)
                .chain(&profile.handles)
                .chain(&profile.addresses)
                .chain(&profile.staff)
                .any(|x| {
                    let x = x.trim().to_lowercase();
                    !x.is_empty() && (t == x || t.contains(&x) || x.contains(&t) && t.len() >= 6)
                })
    };
    mask(text, findings, |f| !listed(f))
}

fn mask(text: &str, findings: &[Finding], hide: impl Fn(&Finding) -> bool) -> String {
    if !findings.iter().any(&hide) {
        return text.to_string();
    }
    // Findings use code-point offsets; map them to byte offsets once.
    let bytes_at: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect();
    let to_byte = |c: usize| bytes_at.get(c).copied().unwrap_or(text.len());
    let mut out = String::with_capacity(text.len());
    let mut copied = 0usize;
    for f in findings.iter().filter(|f| hide(f)) {
        let (s, e) = (to_byte(f.start), to_byte(f.end));
        if s < copied || e < s {
            continue; // overlaps the previous mask
        }
        out.push_str(&text[copied..s]);
        out.push('[');
        out.push_str(&f.kind.as_str().to_ascii_uppercase());
        out.push(']');
        copied = e;
    }
    out.push_str(&text[copied..]);
    out
}

#[cfg(test)]
mod inbound_tests {
    use crate::{Guard, OrgProfile};

    #[test]
    fn a_commenters_number_is_masked_the_organisations_is_not() {
        let guard = Guard::new(OrgProfile {
            name: "Riverside Community Health".into(),
            phones: vec!["(415) 555-0100".into()],
            ..Default::default()
        });
        let out = guard.redact_inbound("Call me at (415) 555-0199, or call you at (415) 555-0100?");
        assert!(!out.contains("555-0199"), "{out}");
        assert!(out.contains("555-0100"), "{out}");
    }
}
