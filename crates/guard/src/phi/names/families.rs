//! A family named by its surname in the plural: "congrats Pattersons", "welcome home to the
//! Garcias", "los Ramírez" aside (Spanish keeps the singular, which the surname rules read).
//! A surname that is also a plural word ("the Browns", "the Rangers") is a team or a thing.

use crate::phi::lexicon::{self, f};
use crate::phi::ownership::OrgIndex;
use crate::phi::text::{Case, Tokens};
use crate::phi::Cand;
use crate::{Kind, Whose};

/// Families everyone knows, from television, music and politics: "we watched the Simpsons".
const FAMOUS_FAMILIES: &[&str] = &[
    "simpsons",
    "flintstones",
    "jetsons",
    "addams",
    "waltons",
    "kardashians",
    "obamas",
    "kennedys",
    "clintons",
    "bidens",
    "trumps",
    "beckhams",
    "osbournes",
    "weasleys",
    "incredibles",
    "smurfs",
    "bradys",
    "partridges",
    "griswolds",
];

/// Words before the plural that make it someone's family: an article, a greeting or thanks.
fn family_cue(toks: &Tokens, i: usize) -> bool {
    i > 0 && (matches!(toks.folded(i - 1), "the" | "our" | "to") || toks.is(i - 1, f::GREETING))
}

pub(crate) fn plural_families(toks: &Tokens, org: &OrgIndex, out: &mut Vec<Cand>) {
    let lex = lexicon::get();
    let n = toks.toks.len();
    for i in 1..n {
        let t = &toks.toks[i];
        if t.case != Case::Title || t.prefix == '#' || t.prefix == '@' || t.end - t.start < 5 {
            continue;
        }
        let w = toks.folded(i);
        // A plural that is itself a word ("Browns", "Rangers") or a name ("Williams").
        if !w.ends_with('s') || w.ends_with("'s") || toks.flags[i] != 0 {
            continue;
        }
        let stem = &w[..w.len() - 1];
        let bits = lex.flags(stem);
        if bits & f::LAST == 0
            || bits & (f::WORD | f::AMBIG | f::NEVER | f::INSTIT | f::PLACEPFX | f::FUNC) != 0
            || FAMOUS_FAMILIES.contains(&w)
            || org.is_staff_word(stem)
            || org.name_words.contains(stem)
        {
            continue;
        }
        if !family_cue(toks, i) {
            continue;
        }
        // "the Pattersons Mill Road": a capitalised word after makes it part of a place.
        if toks
            .toks
            .get(i + 1)
            .is_some_and(|u| u.case == Case::Title && toks.gap_before(i + 1) == " ")
        {
            continue;
        }
        out.push(Cand::patient_name(
            t.start,
            t.end,
            "a family named by its surname",
        ));
    }
}

/// "including Gene and Barb Whitlock", "Dale & Cheryl Henderson": a given name joined to a
/// patient's full name is the partner's, even when it is also a word. Run after the passes
/// that clear names, so that only a name still standing lends its partner one.
pub(crate) fn couples(toks: &Tokens, org: &OrgIndex, cands: &mut Vec<Cand>) {
    let mut partners = Vec::new();
    // Tokens inside any candidate, marked once when a partner is first looked at.
    let covered = std::cell::OnceCell::new();
    let covered = || covered.get_or_init(|| crate::phi::covered_tokens(toks, cands));
    for c in cands
        .iter()
        .filter(|c| c.kind == Kind::PersonName && c.whose == Whose::Patient)
    {
        let s = toks.index_at(c.start);
        if s == 0 || s >= toks.toks.len() || toks.toks[s].start != c.start {
            continue;
        }
        if !toks.text[c.start..c.end].contains(' ') || toks.toks[s].prefix != ' ' {
            continue;
        }
        let g = if s >= 2
            && matches!(toks.folded(s - 1), "and" | "y")
            && toks.gap_before(s) == " "
            && toks.gap_before(s - 1) == " "
        {
            s - 2
        } else if toks.gap_before(s) == " & " {
            s - 1
        } else {
            continue;
        };
        let t = toks.toks[g];
        let w = toks.folded(g);
        if t.case != Case::Title
            || t.prefix != ' '
            || !toks.is(g, f::FIRST)
            || toks.is(g, f::NEVER | f::TITLE | f::STAFF_TITLE)
            || org.is_staff_word(w)
            || org.name_words.contains(w)
            || covered()[g]
        {
            continue;
        }
        partners.push(Cand::patient_name(
            t.start,
            t.end,
            "given name joined to a patient's full name",
        ));
    }
    cands.extend(partners);
}
