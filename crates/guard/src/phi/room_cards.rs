//! Whiteboards, door signs and cards in a photo: a name written right beside a room number
//! ("'BYE BYE PORT! - Mason, Rm 312'", "'Rm 5 - Hendricks - NPO after MN'") is the patient in
//! that room, whatever else the post says.

use super::lexicon::f;
use super::ownership::OrgIndex;
use super::text::{Case, Tokens};

/// What may stand between a room number and the name written beside it.
const SEPARATORS: &[&str] = &[", ", " - ", " – ", " — ", ": ", " / "];

/// Words that follow a room number and are no name ("Rm 12 - West wing", "Bed 4 - Level 2").
const NOT_NAMES: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "level",
    "floor",
    "wing",
    "ward",
    "unit",
    "bay",
    "bed",
    "room",
    "side",
    "closed",
    "open",
    "clean",
    "cleaning",
    "isolation",
    "empty",
    "vacant",
    "reserved",
    "staff",
    "nurses",
    "visitors",
    "visiting",
    "kitchen",
    "toilet",
    "bathroom",
];

/// The byte span of a name written beside the room number at `s..e`, if any.
pub(crate) fn name_beside_room(
    toks: &Tokens,
    org: &OrgIndex,
    s: usize,
    e: usize,
) -> Option<(usize, usize)> {
    let n = toks.toks.len();
    let first = toks.index_at(s);
    let after = toks.index_at(e);
    let namelike = |k: usize| {
        let t = toks.toks[k];
        let w = toks.folded(k);
        matches!(t.case, Case::Title | Case::Upper)
            && !t.numeric
            && w.chars().count() >= 3
            && w.chars().all(char::is_alphabetic)
            && (toks.is(k, f::FIRST | f::LAST) || !toks.is(k, f::WORD))
            && !toks.is(
                k,
                f::NEVER | f::FUNC | f::INSTIT | f::TITLE | f::STAFF_TITLE | f::KIN | f::PLACEPFX,
            )
            && !NOT_NAMES.contains(&w)
            && !org.name_words.contains(w)
            && !org.is_staff_name(&[w])
    };
    // "- Mason, Rm 312": the name right before.
    if first > 0 && first < n && SEPARATORS.contains(&toks.gap_before(first)) {
        let k = first - 1;
        // "en el Methodist, cuarto 318": a hospital after its article.
        let article = k > 0 && matches!(toks.folded(k - 1), "the" | "el" | "la" | "los" | "las");
        if namelike(k) && !article && toks.toks[k].end <= s {
            return Some((toks.toks[k].start, toks.toks[k].end));
        }
    }
    // "a little party for Florence in bay 3": a given name in a numbered bed, bay or room.
    if first > 1
        && first < n
        && toks.gap_before(first) == " "
        && toks.folded(first - 1) == "in"
        && toks.gap_before(first - 1) == " "
        && toks.is(first - 2, f::FIRST)
        && toks.toks[first - 2].case == Case::Title
        && namelike(first - 2)
        && matches!(
            toks.folded(first),
            "bay" | "bed" | "room" | "rm" | "cot" | "cubicle"
        )
    {
        let k = first - 2;
        return Some((toks.toks[k].start, toks.toks[k].end));
    }
    // "Rm 5 - Hendricks - NPO": the name right after, ending its item.
    if after < n && SEPARATORS.contains(&toks.gap_before(after)) && namelike(after) {
        let rest = &toks.text[toks.toks[after].end..];
        if rest.is_empty()
            || rest.starts_with([',', '\'', '’', '"', '”', ')'])
            || SEPARATORS.iter().any(|p| rest.starts_with(p))
        {
            return Some((toks.toks[after].start, toks.toks[after].end));
        }
    }
    None
}
