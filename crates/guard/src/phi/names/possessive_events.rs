//! A capitalised name owning a personal health event ("Hunter's surgery went great") is a
//! patient's, even for a name that is also a word.

use crate::phi::lexicon::{self, f};
use crate::phi::ownership::OrgIndex;
use crate::phi::text::{Case, Tokens};
use crate::phi::Cand;
use crate::{Kind, Whose};

/// "Hunter's surgery went great", "Cooper's scan came back clear": a capitalised name owning
/// a personal health event is a patient's, even for a name that is also a word. Diseases named
/// for people ("Parkinson's treatment"), days and institutions are no owners.
pub(crate) fn possessive_events(toks: &Tokens, org: &OrgIndex, out: &mut Vec<Cand>) {
    const EVENTS: &[&str] = &[
        "surgery",
        "scan",
        "chemo",
        "transplant",
        "results",
        "biopsy",
        "mri",
        "operation",
        "recovery",
        "discharge",
        "diagnosis",
        "infusion",
        "radiation",
        "dialysis",
        "stitches",
        "cast",
        "c-section",
        "procedure",
        "surgeon",
        "tumor",
        "tumour",
    ];
    const BEFORE_EVENT: &[&str] = &[
        "last",
        "first",
        "latest",
        "big",
        "final",
        "recent",
        "next",
        "second",
        "third",
        "heart",
        "knee",
        "hip",
        "brain",
        "spine",
        "back",
        "follow-up",
    ];
    let lex = lexicon::get();
    let n = toks.toks.len();
    for k in 0..n.saturating_sub(1) {
        let t = toks.toks[k];
        if t.case != Case::Title || t.numeric {
            continue;
        }
        let raw = toks.raw(k);
        let in_token = raw.ends_with("'s") || raw.ends_with("’s");
        let in_gap = {
            let g = toks.gap_before(k + 1);
            g.starts_with("'s ") || g.starts_with("’s ")
        };
        if !(in_token || in_gap) {
            continue;
        }
        let m = k + 1;
        let event = |j: usize| j < n && EVENTS.contains(&toks.folded(j));
        if !(event(m) || (BEFORE_EVENT.contains(&toks.folded(m)) && event(m + 1))) {
            continue;
        }
        let folded = toks.folded(k);
        let w = folded
            .strip_suffix("'s")
            .or_else(|| folded.strip_suffix("’s"))
            .unwrap_or(folded);
        let staff_before = k > 0 && toks.is(k - 1, f::STAFF_TITLE);
        if w.len() < 3
            || staff_before
            || lex.class(w) & (f::NEVER | f::INSTIT | f::TITLE | f::STAFF_TITLE | f::FUNC) != 0
            || !(lex.first.contains(w) || lex.last.contains(w) || !lex.words.contains(w))
            || org.name_words.contains(w)
            || !w.chars().all(|c| c.is_alphabetic() || c == '-')
        {
            continue;
        }
        // The name without its "'s".
        let end = t.start
            + raw
                .find(['\'', '’'])
                .filter(|_| in_token)
                .unwrap_or(raw.len());
        out.push(Cand {
            kind: Kind::PersonName,
            start: t.start,
            end,
            whose: Whose::Patient,
            reason: "name owning a personal health event".into(),
            prio: 3,
        });
    }
}
