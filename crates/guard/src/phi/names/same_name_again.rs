//! Later mentions of a patient's name in the same post ("Summer ... Summer is doing great"), so
//! every mention is found, not only the first.

use crate::phi::lexicon::FastHash;
use crate::phi::text::{Case, Tokens};
use crate::phi::Cand;
use crate::{Kind, Whose};

/// Once a word is a patient's name in the post, its other capitalised (or, for a lower-case
/// name, lower-case) mentions are that patient too: "Thanks to Summer ... Summer is doing
/// great", "Buzz Kimball ... Buzz passed". The post already blocks; this completes the spans.
pub(super) fn same_name_again(toks: &Tokens, out: &mut Vec<Cand>, first_new: usize) {
    // Folded name -> whether it was written in lower case. Sets and a sorted span list keep
    // this linear-ish on a 10 MB post full of names.
    let mut names: std::collections::HashMap<&str, bool, FastHash> = Default::default();
    for c in &out[first_new..] {
        if c.kind != Kind::PersonName || c.whose != Whose::Patient {
            continue;
        }
        let k0 = toks.toks.partition_point(|t| t.start < c.start);
        for k in k0..toks.toks.len() {
            let t = toks.toks[k];
            if t.end > c.end {
                break;
            }
            if !t.numeric {
                let w = toks.folded(k);
                let w = w.strip_suffix("'s").unwrap_or(w);
                if w.chars().count() >= 3 {
                    names.entry(w).or_insert(t.case == Case::Lower);
                }
            }
        }
    }
    if names.is_empty() {
        return;
    }
    let mut spans: Vec<(usize, usize)> = out.iter().map(|c| (c.start, c.end)).collect();
    spans.sort_unstable();
    let covered = |s: usize, e: usize| {
        // Spans may overlap before resolution: look back over those starting before `e`.
        let k = spans.partition_point(|&(a, _)| a < e);
        spans[..k].iter().rev().take(8).any(|&(_, b)| b > s)
    };
    let b = toks.text.as_bytes();
    let mut extra = Vec::new();
    for (k, t) in toks.toks.iter().enumerate() {
        if t.numeric
            || matches!(t.prefix, '#' | '@' | '.' | '/' | '_')
            || (t.end < b.len() && matches!(b[t.end], b'@' | b'_'))
        {
            continue;
        }
        let w = toks.folded(k);
        let w = w.strip_suffix("'s").unwrap_or(w);
        let lower = t.case == Case::Lower;
        if names.get(w).is_some_and(|&nl| nl || !lower) && !covered(t.start, t.end) {
            let raw = &toks.text[t.start..t.end];
            let end = t.end - if raw.ends_with("'s") { 2 } else { 0 };
            extra.push(Cand {
                kind: Kind::PersonName,
                start: t.start,
                end,
                whose: Whose::Patient,
                reason: SAME_NAME_AGAIN.into(),
                prio: 2,
            });
        }
    }
    out.extend(extra);
}

pub(crate) const SAME_NAME_AGAIN: &str = "same name as a patient named earlier in the post";
