//! Surnames after a given name: capitalised surname-like tokens and double-barrelled surnames
//! ("Okoro-Williams"), so a full name is found as one span.

use crate::phi::lexicon::{self, f};
use crate::phi::text::{Case, Tokens};

pub(super) fn is_surname_like(toks: &Tokens, n: usize) -> bool {
    let t = toks.toks[n];
    let fl = toks.flags[n];
    let w = toks.folded(n);
    (t.case == Case::Title || t.case == Case::Upper)
        && !t.numeric
        && w.len() >= 2
        && (fl & f::LAST != 0
            || (fl & f::FIRST != 0 && fl & f::WORD == 0)
            || (fl & f::WORD == 0
                && w.len() >= 3
                && w.chars()
                    .all(|c| c.is_alphabetic() || c == '-' || c == '\'')))
        && fl & (f::AMBIG | f::NEVER | f::INSTIT | f::PVERB | f::STAFF_TITLE | f::TITLE) == 0
}

/// "Okoro-Williams", "Lopez-Garcia": a double-barrelled surname (two tokens joined by a
/// hyphen) when one of its parts is a known surname.
pub(super) fn hyphenated_surname(toks: &Tokens, m: usize) -> bool {
    let w = toks.folded(m);
    if w.contains('-') {
        // One token: check its parts in the lexicon.
        let lex = lexicon::get();
        let parts = || w.split('-');
        return parts().all(|p| p.len() >= 2 && p.chars().all(char::is_alphabetic))
            && parts().any(|p| lex.flags(p) & f::LAST != 0)
            && parts().all(|p| lex.flags(p) & (f::NEVER | f::INSTIT | f::AMBIG) == 0);
    }
    let n = toks.toks.len();
    if m + 1 >= n || toks.gap_before(m + 1) != "-" || toks.toks[m + 1].case != Case::Title {
        return false;
    }
    let part_ok = |k: usize| {
        toks.folded(k).len() >= 2
            && !toks.toks[k].numeric
            && !toks.is(k, f::NEVER | f::INSTIT | f::AMBIG)
    };
    part_ok(m) && part_ok(m + 1) && (toks.is(m, f::LAST) || toks.is(m + 1, f::LAST))
}

/// Common surnames that are also everyday words: "Marcus Hill", "Tyrone Brown", "Lupe Flores".
/// Words that also name places or buildings ("Hall", "Park", "Street") are left out.
pub(super) const WORD_SURNAMES: &[&str] = &[
    "archer", "baker", "banks", "bell", "best", "bird", "bishop", "black", "blanco", "bond",
    "bravo", "brewer", "brooks", "brown", "burns", "bush", "butler", "campos", "carter",
    "castillo", "chandler", "cook", "cooper", "cross", "cruz", "day", "delgado", "dyer", "farmer",
    "fields", "fisher", "flores", "fox", "frost", "garza", "glover", "gold", "gray", "green",
    "grey", "guerrero", "hale", "hardy", "hart", "hill", "hood", "hunt", "hunter", "king",
    "knight", "lamb", "lane", "leon", "little", "long", "love", "luna", "marsh", "mason", "miller",
    "moore", "moreno", "nash", "noble", "page", "painter", "parker", "porter", "potter", "power",
    "price", "reed", "rice", "rich", "rios", "rose", "rubio", "salas", "serrano", "sharp", "shaw",
    "shepherd", "short", "silver", "singer", "snow", "stone", "strong", "sweet", "turner", "vega",
    "walker", "ward", "waters", "weaver", "wells", "west", "white", "wise", "wolf", "wood",
    "woods", "young",
];
