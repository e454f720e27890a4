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
        // "DON'S 10TH HEARTIVERSARY": a shouted sign too.
        let shouted = t.case == Case::Upper && toks.toks[k + 1].case != Case::Lower;
        if !(t.case == Case::Title || shouted) || t.numeric {
            continue;
        }
        let raw = toks.raw(k);
        let in_token = toks.folded(k).ends_with("'s");
        let in_gap = {
            let g = toks.gap_before(k + 1);
            g.starts_with("'s ") || g.starts_with("’s ")
        };
        if !(in_token || in_gap) {
            continue;
        }
        let m = k + 1;
        // "Don's 10th heartiversary", "Mia's 1st NICU-versary": a milestone of one's care.
        let event = |j: usize| {
            j < n && {
                let e = toks.folded(j);
                EVENTS.contains(&e) || (e.ends_with("versary") && !e.ends_with("anniversary"))
            }
        };
        // "10th": the digits and their suffix are two tokens.
        let ordinal = m + 2 < n
            && toks.toks[m].numeric
            && toks.raw(m).len() <= 2
            && toks.gap_before(m + 1).is_empty()
            && matches!(toks.folded(m + 1), "st" | "nd" | "rd" | "th");
        // "Marysville's first surgeon": a town's first, not someone's own surgeon.
        let event_after_word = BEFORE_EVENT.contains(&toks.folded(m))
            && event(m + 1)
            && toks.folded(m + 1) != "surgeon";
        if !(event(m) || event_after_word || (ordinal && event(m + 2))) {
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
            || lex.class(w) & (f::NEVER | f::INSTIT | f::STAFF_TITLE | f::FUNC) != 0
            // The title Don takes no possessive; the name does.
            || (lex.class(w) & f::TITLE != 0 && w != "don")
            || !(lex.first.contains(w) || lex.last.contains(w) || !lex.words.contains(w))
            || org.name_words.contains(w)
            || org.cities.iter().any(|c| c == w)
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
