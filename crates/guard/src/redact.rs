//! Masking for storage and logs: each patient identifier is replaced by its kind in capitals,
//! e.g. "[PHONE]", "[PERSON_NAME]". The organisation's own contact points and staff names stay
//! visible: they are public, and keeping them makes stored comments readable ("thanks to
//! [PERSON_NAME], Dr. Lee was great").

use crate::{Finding, Whose};

pub(crate) fn redact(text: &str, findings: &[Finding]) -> String {
    if !findings.iter().any(|f| f.whose == Whose::Patient) {
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
    for f in findings.iter().filter(|f| f.whose == Whose::Patient) {
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
