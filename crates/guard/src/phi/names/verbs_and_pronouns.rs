//! What follows a name and shows a person: verbs only people take ("Grace was born", "Bill
//! called again"), a return home, a pronoun a few words on, a person clause (", who ...").

use crate::phi::lexicon::f;
use crate::phi::text::Tokens;

/// Adverbs that may stand between a name and its verb ("Dakota finally went home").
pub(super) const ADVERBS: &[&str] = &[
    "finally",
    "really",
    "also",
    "still",
    "actually",
    "even",
    "already",
    "literally",
    "officially",
    "proudly",
    "bravely",
    "finalmente",
    "ya",
    "tambien",
    "todavia",
];

/// Verbs of a person speaking or coming by ("Bill called again about his wife's bill").
pub(super) const SPEECH_VERBS: &[&str] = &[
    "called", "phoned", "asked", "said", "says", "wrote", "told", "stopped", "visited", "came",
    "went", "walked", "stayed", "spent", "llamo", "dijo", "pregunto", "vino", "visito",
];

/// Third-person verbs ending in "-ers" ("Carol answers the phones"): not plural nouns.
pub(super) const VERBS_IN_ERS: &[&str] = &[
    "answers",
    "offers",
    "remembers",
    "enters",
    "wonders",
    "orders",
    "gathers",
    "delivers",
    "covers",
    "discovers",
    "suffers",
    "prefers",
    "registers",
    "considers",
    "bothers",
    "recovers",
    "volunteers",
    "cheers",
    "whispers",
    "remembers",
    "shivers",
    "stutters",
    "lingers",
    "hovers",
    "manners",
];

pub(super) fn person_clause_after(after: &str) -> bool {
    let a = after;
    // Most words are followed by a space and a word that starts none of these.
    if !(a.starts_with(',') || a.starts_with(" and ") || a.starts_with(" y ")) {
        return false;
    }
    let lower = |p: &str| {
        a.len() >= p.len()
            && a.is_char_boundary(p.len())
            && a[..p.len()].eq_ignore_ascii_case(p)
            && !a[p.len()..].starts_with(|c: char| c.is_alphanumeric())
    };
    [
        ", who", ", whose", ", she", ", he", " and her", " and his", ", quien", " y su",
    ]
    .iter()
    .any(|p| lower(p))
}

/// The word opening a sentence acts as a person in a personal event: "Grace was born",
/// "hope is doing better", "Bill called again".
pub(super) fn subject_of_personal_event(
    toks: &Tokens,
    i: usize,
    next: Option<&str>,
    next2: Option<&str>,
) -> bool {
    let Some(w) = next else {
        return false;
    };
    toks.is(i + 1, f::SVERB)
        || SPEECH_VERBS.contains(&w)
        || (matches!(w, "is" | "was" | "has" | "had" | "got" | "esta" | "fue")
            && (next2.is_some() && toks.is(i + 2, f::SVERB | f::STATEW)
                || matches!(
                    next2,
                    Some(
                        "doing"
                            | "feeling"
                            | "home"
                            | "back"
                            | "finally"
                            | "recovering"
                            | "born"
                            | "discharged"
                            | "admitted"
                            | "off"
                            | "out"
                    )
                )
                || (w == "got" && matches!(next2, Some("to" | "home" | "out" | "back")))))
}

/// The last token of a parenthesis right after token `i` ("Sunny (yes, that's his name!)"),
/// or `i` when none follows.
pub(super) fn skip_parenthesis(toks: &Tokens, i: usize) -> usize {
    let n = toks.toks.len();
    if i + 1 >= n || !toks.gap_before(i + 1).trim_start().starts_with('(') {
        return i;
    }
    (i + 1..(i + 12).min(n))
        .find(|&k| k + 1 < n && toks.gap_before(k + 1).contains(')'))
        .unwrap_or(i)
}

/// A she/he/her/his follows in the same sentence, a few words on: the word is a person.
pub(super) fn pronoun_follows(toks: &Tokens, i: usize) -> bool {
    // The pronoun may open the next sentence: "joy is home!! she rang the bell".
    let sentence = toks.toks[i].sentence;
    (i + 2..(i + 14).min(toks.toks.len()))
        .take_while(|&k| toks.toks[k].sentence <= sentence + 1)
        .any(|k| {
            let w = toks.folded(k);
            let w = w
                .strip_suffix("'s")
                .or_else(|| w.strip_suffix("'d"))
                .unwrap_or(w);
            matches!(w, "she" | "he" | "her" | "his" | "him" | "hers" | "ella")
        })
}

/// "Hope is finally home", "Faith was back at school": a return home after care.
pub(super) fn back_home(next: Option<&str>, next2: Option<&str>) -> bool {
    matches!(next, Some("is" | "was" | "went" | "came" | "got"))
        && matches!(
            next2,
            Some("home" | "finally" | "back" | "discharged" | "recovering")
        )
}

/// Everyday verbs that follow a person's name in a story ("Keoni went home", "Zyair is our
/// bravest"); "X is a/the ..." defines a thing and is left out by the caller.
pub(super) const STORY_VERBS: &[&str] = &[
    "went",
    "came",
    "left",
    "walked",
    "finished",
    "completed",
    "beat",
    "spent",
    "received",
    "got",
    "is",
    "was",
    "has",
    "had",
    "says",
    "said",
    "loves",
    "asked",
    "smiled",
    "laughed",
    "salio",
    "esta",
    "fue",
    "regreso",
    "termino",
    "recibio",
    "llego",
];
