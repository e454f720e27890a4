//! Towns in a list: "Columbus, Dayton and Toledo all reported jumps", "Somerset (día 4),
//! Lytle (día 11), Von Ormy (día 18) y Elmendorf": an item of a list of known places is a place,
//! though "Columbus" and "Elmendorf" read as names alone; so is an item of a list of
//! languages ("Spanish, Tigrinya, Karen and Lao").

use crate::phi::lexicon::{self, f};
use crate::phi::text::{Case, Tokens};
use crate::phi::{any_patient_name, Cand};
use crate::{Kind, Whose};

/// Words that say the list is of places even when every town is also a given name
/// ("Brooklyn, Paris, London... kids will 'travel' to a new country every day").
const PLACE_TALK: &[&str] = &[
    "city",
    "cities",
    "town",
    "towns",
    "country",
    "countries",
    "world",
    "travel",
    "trip",
    "pueblos",
    "ciudades",
    "condados",
    "counties",
    "stops",
    "paradas",
];

/// Languages an interpreter list names; "Karen" and "Chin" are also given names.
const LANGUAGES: &[&str] = &[
    "albanian",
    "amharic",
    "arabic",
    "asl",
    "bengali",
    "bosnian",
    "burmese",
    "cantonese",
    "chin",
    "chinese",
    "chuukese",
    "creole",
    "dari",
    "english",
    "farsi",
    "french",
    "german",
    "greek",
    "gujarati",
    "haitian",
    "hindi",
    "hmong",
    "italian",
    "japanese",
    "karen",
    "khmer",
    "kinyarwanda",
    "kirundi",
    "korean",
    "lao",
    "mam",
    "mandarin",
    "marshallese",
    "mixteco",
    "navajo",
    "nepali",
    "oromo",
    "pashto",
    "persian",
    "polish",
    "portuguese",
    "punjabi",
    "romanian",
    "russian",
    "samoan",
    "somali",
    "spanish",
    "swahili",
    "tagalog",
    "tigrinya",
    "tongan",
    "turkish",
    "twi",
    "ukrainian",
    "urdu",
    "vietnamese",
    "welsh",
    "yoruba",
    "zapoteco",
];

/// Places of the Bible and the Holy Land as Spanish posts spell them ("el río Jordán, Belén,
/// Nazaret"); the gazetteer holds only English-speaking countries' towns.
const HOLY_LAND: &[&str] = &[
    "belen",
    "nazaret",
    "jerusalen",
    "galilea",
    "jordan",
    "egipto",
];

pub(crate) fn drop_place_list_items(toks: &Tokens, cands: &mut Vec<Cand>) {
    if !any_patient_name(cands) {
        return;
    }
    let place_talk = std::cell::OnceCell::new();
    cands.retain(|c| {
        if c.kind != Kind::PersonName || c.whose != Whose::Patient {
            return true;
        }
        let i = toks.index_at(c.start);
        let j = toks.index_at(c.end);
        if i >= j || toks.toks[i].start != c.start {
            return true;
        }
        let (s, e) = item_around(toks, i, j - 1);
        let items = list_items(toks, s, e);
        if items.len() < 3 {
            return true;
        }
        // "Spanish, Marshallese, Tigrinya, Karen and Lao": a list of languages.
        let languages = items
            .iter()
            .filter(|&&(a, b)| a == b && LANGUAGES.contains(&toks.folded(a)))
            .count();
        if languages >= 2 && languages + 1 >= items.len() && LANGUAGES.contains(&toks.folded(i)) {
            return false;
        }
        let lex = lexicon::get();
        // "Bexar, Atascosa, Wilson o Guadalupe County": the last item names what all are.
        let county = |b: usize| matches!(toks.folded(b), "county" | "counties" | "parish");
        // "Union, Logan and Champaign counties": a plural after the last item names all.
        let last = items.iter().map(|&(_, b)| b).max().unwrap_or(e);
        let counties = items.iter().any(|&(_, b)| county(b))
            || (last + 1 < toks.toks.len()
                && toks.gap_before(last + 1) == " "
                && matches!(toks.folded(last + 1), "counties" | "parishes" | "towns"));
        let is_place = |a: usize, b: usize| {
            let p = toks.phrase(a, b);
            lex.places.contains(p) || lex.cities.contains(p) || county(b) || HOLY_LAND.contains(&p)
        };
        let places = items
            .iter()
            .filter(|&&(a, b)| counties || is_place(a, b))
            .count();
        let plain_place = counties
            || items.iter().any(|&(a, b)| {
                is_place(a, b)
                    && (!(a..=b).any(|k| toks.is(k, f::FIRST))
                        || HOLY_LAND.contains(&toks.phrase(a, b)))
            });
        let place_list = places + 1 >= items.len()
            && places >= 2
            && (plain_place
                || *place_talk.get_or_init(|| {
                    (0..toks.toks.len()).any(|k| PLACE_TALK.contains(&toks.folded(k)))
                }));
        !place_list
    });
}

/// Token `i` is a language listed with another ("in English, Spanish and Somali"): no town
/// (English, Indiana) and no woman (Karen).
pub(crate) fn in_language_list(toks: &Tokens, i: usize) -> bool {
    LANGUAGES.contains(&toks.folded(i))
        && list_items(toks, i, i)
            .iter()
            .filter(|&&(a, b)| a == b && LANGUAGES.contains(&toks.folded(a)))
            .count()
            >= 2
}

/// The run of title-case words joined by single spaces around tokens `i..=j` ("Von Ormy").
fn item_around(toks: &Tokens, mut i: usize, mut j: usize) -> (usize, usize) {
    while i > 0 && toks.gap_before(i) == " " && toks.toks[i - 1].case == Case::Title && j - i < 3 {
        i -= 1;
    }
    while j + 1 < toks.toks.len()
        && toks.gap_before(j + 1) == " "
        && toks.toks[j + 1].case == Case::Title
        && j - i < 3
    {
        j += 1;
    }
    (i, j)
}

/// The items of the comma/"and"/"y" list holding the item `s..=e`, itself included; a
/// parenthesis after an item ("Lytle (día 11),") is skipped.
fn list_items(toks: &Tokens, s: usize, e: usize) -> Vec<(usize, usize)> {
    let n = toks.toks.len();
    let mut items = vec![(s, e)];
    // Leftwards.
    let mut k = s;
    while let Some(prev_end) = separator_before(toks, k) {
        let (a, b) = item_around(toks, prev_end, prev_end);
        if toks.toks[a].case != Case::Title || items.len() > 12 {
            break;
        }
        items.push((a, b));
        k = a;
    }
    // Rightwards.
    let mut k = e;
    while let Some(next_start) = separator_after(toks, k) {
        if next_start >= n || toks.toks[next_start].case != Case::Title || items.len() > 12 {
            break;
        }
        let (a, b) = item_around(toks, next_start, next_start);
        items.push((a, b));
        k = b;
    }
    items
}

fn is_and(w: &str) -> bool {
    matches!(w, "and" | "y" | "e" | "o" | "or" | "&")
}

/// The last token of the item before the one starting at `k`, if a list separator is between.
fn separator_before(toks: &Tokens, k: usize) -> Option<usize> {
    if k == 0 {
        return None;
    }
    let g = toks.gap_before(k);
    if g == ", " || g == "," {
        return Some(k - 1);
    }
    if g == "), " {
        return before_parenthesis(toks, k);
    }
    if g == " " && k >= 2 && is_and(toks.folded(k - 1)) {
        return match toks.gap_before(k - 1) {
            // "Dayton and Toledo", "Atascosa, and Wilson": the conjunction separates.
            " " | ", " | "," => Some(k - 2),
            // "Von Ormy (día 18) y Elmendorf"
            ") " => before_parenthesis(toks, k - 1),
            _ => None,
        };
    }
    None
}

/// Back over "(día 11)" (closing right before token `k`) to the token before it.
fn before_parenthesis(toks: &Tokens, k: usize) -> Option<usize> {
    let mut m = k - 1;
    while m > 0 && !toks.gap_before(m).ends_with('(') {
        m -= 1;
        if k - m > 4 {
            return None;
        }
    }
    (m > 0).then(|| m - 1)
}

/// The first token of the item after the one ending at `k`, if a list separator is between.
fn separator_after(toks: &Tokens, k: usize) -> Option<usize> {
    let n = toks.toks.len();
    let mut m = k + 1;
    if m >= n {
        return None;
    }
    // Over "(día 11)".
    if toks.gap_before(m).trim_start().starts_with('(') {
        while m < n && !toks.gap_before(m).starts_with(')') {
            m += 1;
            if m - k > 4 {
                return None;
            }
        }
        if m >= n {
            return None;
        }
        let g = toks.gap_before(m);
        return match g {
            "), " => Some(m),
            ") " if is_and(toks.folded(m)) && m + 1 < n => Some(m + 1),
            _ => None,
        };
    }
    let g = toks.gap_before(m);
    if g == ", " || g == "," {
        if is_and(toks.folded(m)) && m + 1 < n {
            return Some(m + 1);
        }
        return Some(m);
    }
    if g == " " && is_and(toks.folded(m)) && m + 1 < n && toks.gap_before(m + 1) == " " {
        return Some(m + 1);
    }
    None
}
