//! What a token is before its context is weighed: a given name, a surname, an ambiguous word or
//! one never taken for a name. Pieces of addresses and the organisation's own name are skipped.

use crate::phi::lexicon::f;
use crate::phi::ownership::OrgIndex;
use crate::phi::text::{Case, Tokens};

pub(super) struct Tok<'a> {
    pub(super) w: &'a str,
    pub(super) poss: bool,
    pub(super) first: bool,
    pub(super) last: bool,
    /// A dictionary word, month, place... : a name only with context.
    pub(super) ambiguous: bool,
    pub(super) never: bool,
    pub(super) cased: bool,
    pub(super) lower: bool,
    pub(super) skip: bool,
}

pub(super) fn classify<'a>(toks: &'a Tokens, org: &OrgIndex, all_caps: bool, i: usize) -> Tok<'a> {
    let t = toks.toks[i];
    let fl = toks.flags[i];
    let raw_w = toks.folded(i);
    let (w, poss) = match raw_w.strip_suffix("'s") {
        Some(base) => (base, true),
        None => (raw_w, false),
    };
    let b = toks.text.as_bytes();
    // Pieces of e-mails, URLs, hashtags and handles are handled elsewhere.
    let in_address = matches!(
        t.prefix,
        '#' | '@' | '.' | '/' | '_' | ':' | '=' | '&' | '\\'
    ) || (t.end < b.len()
        && (b[t.end] == b'@'
            || b[t.end] == b'_'
            || (b[t.end] == b'.' && t.end + 1 < b.len() && b[t.end + 1].is_ascii_alphanumeric())));
    let after_title =
        i > 0 && toks.is(i - 1, f::TITLE | f::STAFF_TITLE) && toks.gap_before(i).starts_with('.');
    let skip = t.numeric
        || in_address
        || (w.len() < 2 && !after_title)
        || (t.case != Case::Lower && org_run(toks, org, i))
        // "The Maple Grove Mile is back!": a word right after "the" and the organisation's
        // name is the event's or the building's ("at Maple Grove Hope is home" is a girl's).
        || (t.case == Case::Title
            && fl & f::WORD != 0
            && fl & f::OVERWORD == 0
            && i > 1
            && toks.gap_before(i) == " "
            && org_run(toks, org, i - 1)
            && after_the(toks, org, i - 1));
    let cased = t.case == Case::Title || (t.case == Case::Upper && (all_caps || w.len() >= 3));
    Tok {
        w,
        poss,
        first: !skip && fl & f::FIRST != 0,
        last: !skip && fl & f::LAST != 0,
        ambiguous: (fl & f::WORD != 0 && fl & f::OVERWORD == 0)
            || fl & (f::AMBIG | f::NEVER) != 0
            || (t.case != Case::Lower && org.name_words.contains(w)),
        never: fl & (f::NEVER | f::TITLE | f::STAFF_TITLE | f::CRED | f::SVERB) != 0,
        cased,
        lower: t.case == Case::Lower,
        skip,
    }
}

/// Part of a run of two or more words of the organisation's name ("Maple Grove", "San Rafael").
fn org_run(toks: &Tokens, org: &OrgIndex, i: usize) -> bool {
    let is_org = |k: usize| {
        org.name_words
            .contains(toks.folded(k).trim_end_matches("'s"))
    };
    if !is_org(i) {
        return false;
    }
    let n = toks.toks.len();
    (i > 0 && is_org(i - 1) && toks.gap_before(i).trim().is_empty())
        || (i + 1 < n && is_org(i + 1) && toks.gap_before(i + 1).trim().is_empty())
}

/// The run of the organisation's name ending at token `j` opens with "the", "our" or
/// "annual" before it.
fn after_the(toks: &Tokens, org: &OrgIndex, j: usize) -> bool {
    let mut s = j;
    while s > 0 && org.name_words.contains(toks.folded(s - 1)) {
        s -= 1;
    }
    s > 0 && matches!(toks.folded(s - 1), "the" | "our" | "annual")
}
