//! Characters, not people: a costume parade counted out ("Spotted today: two Wednesday Addams,
//! a Barbie, Ken (obviously), Mario & Luigi", "Vimos a una Frida, dos Catrinas, un Miguel de
//! 'Coco'") and a book being read ("reading Matilda and The BFG").

use crate::phi::lexicon::f;
use crate::phi::text::{Case, Tokens};
use crate::phi::{any_patient_name, Cand};
use crate::{Kind, Whose};

/// Words that make a post about costumes.
const COSTUME: &[&str] = &[
    "costume",
    "costumes",
    "costumed",
    "disfraz",
    "disfraces",
    "disfrazado",
    "disfrazada",
    "disfrazados",
    "cosplay",
    "halloween",
];

/// A count or an indefinite article before a costume ("a Barbie", "dos Catrinas", "6 Elsas").
fn count_word(toks: &Tokens, k: usize) -> bool {
    toks.toks[k].numeric
        || matches!(
            toks.folded(k),
            "a" | "an"
                | "one"
                | "two"
                | "three"
                | "four"
                | "five"
                | "un"
                | "una"
                | "dos"
                | "tres"
                | "cuatro"
                | "cinco"
        )
}

pub(crate) fn drop_characters(toks: &Tokens, cands: &mut Vec<Cand>) {
    if !any_patient_name(cands) {
        return;
    }
    let n = toks.toks.len();
    // A quick look at the folded text first: most posts name no costume at all.
    let f = toks.folded.as_str();
    if ![
        "costum", "disfra", "cosplay", "hallowe", "dress", "came", "vestid", "vino", "read",
        "leye", "leer",
    ]
    .iter()
    .any(|p| f.contains(p))
    {
        return;
    }
    let costume_post = (0..n).any(|k| COSTUME.contains(&toks.folded(k)))
        || (1..n).any(|k| {
            matches!(toks.folded(k), "as" | "de")
                && matches!(
                    toks.folded(k - 1),
                    "dressed" | "dress" | "came" | "vestido" | "vestida" | "vino"
                )
        });
    // "our ER team went as the cast of Grey's Anatomy 🩺 Meredith, Cristina and Dr. Bailey":
    // a costume post's "as the cast of" lists characters in its sentence and the next (sorted,
    // without repeats: looked up by binary search).
    let mut cast: Vec<u32> = Vec::new();
    if costume_post {
        for k in 2..n.saturating_sub(1) {
            if matches!(toks.folded(k), "cast" | "reparto" | "elenco")
                && matches!(toks.folded(k + 1), "of" | "de" | "del")
                && matches!(toks.folded(k - 1), "the" | "el")
                && matches!(toks.folded(k - 2), "as" | "como")
            {
                let s = toks.toks[k].sentence;
                cast.extend([s, s + 1]);
            }
        }
        cast.sort_unstable();
        cast.dedup();
    }
    // Sentences that count costumes out: two or more "a Barbie", "dos Catrinas".
    let mut counted: Vec<u32> = Vec::new();
    if costume_post {
        let mut per: Vec<(u32, u32)> = Vec::new();
        for k in 0..n.saturating_sub(1) {
            if count_word(toks, k)
                && toks.gap_before(k + 1) == " "
                && toks.toks[k + 1].case == Case::Title
                && toks.toks[k + 1].sentence == toks.toks[k].sentence
            {
                // Tokens come in sentence order: only the last entry can be this sentence's.
                let s = toks.toks[k].sentence;
                match per.last_mut() {
                    Some((x, c)) if *x == s => *c += 1,
                    _ => per.push((s, 1)),
                }
            }
        }
        counted = per
            .into_iter()
            .filter(|&(_, c)| c >= 2)
            .map(|(s, _)| s)
            .collect();
    }
    cands.retain(|c| {
        if c.kind != Kind::PersonName || c.whose != Whose::Patient {
            return true;
        }
        let i = toks.index_at(c.start);
        let j = toks.index_at(c.end);
        if i >= n || toks.toks[i].start != c.start {
            return true;
        }
        // One word ("Ken (obviously)"), or a longer run counted out ("un Miguel de Coco").
        let counted_out = i > 0 && count_word(toks, i - 1);
        if j != i + 1 && !counted_out {
            return true;
        }
        let cued = i > 0 && toks.is(i - 1, f::KIN | f::STAFF_TITLE);
        // "we'll be reading Matilda and The BFG": a book's title.
        let read = i > 0
            && matches!(toks.folded(i - 1), "reading" | "read" | "reads" | "leyendo" | "leer")
            && toks.gap_before(i) == " "
            // "Read Ellie's story": a person's story, not a book.
            && !toks.raw(i).ends_with("'s")
            && !toks.raw(i).ends_with("’s");
        let in_parade = counted.binary_search(&toks.toks[i].sentence).is_ok() && !cued;
        // "a very convincing Dr. Bailey" plays a doctor; "my son Leo" is still a son.
        let kin = i > 0 && toks.is(i - 1, f::KIN);
        let in_cast = !kin && cast.binary_search(&toks.toks[i].sentence).is_ok();
        !(read || in_parade || in_cast)
    });
}

/// What a quoted title names: "la clase 'Rodillas Fuertes'", "our 'Walk With Ease' group".
const TITLED_THINGS: &[&str] = &[
    "class",
    "clase",
    "program",
    "programa",
    "programme",
    "course",
    "curso",
    "group",
    "grupo",
    "taller",
    "workshop",
    "club",
    "campaign",
    "campaña",
];

/// Drops names inside the quoted title of a class, a group or a campaign.
pub(crate) fn drop_programme_titles(toks: &Tokens, cands: &mut Vec<Cand>) {
    if !any_patient_name(cands) {
        return;
    }
    let text = toks.text;
    cands.retain(|c| {
        if c.kind != Kind::PersonName || c.whose != Whose::Patient {
            return true;
        }
        // The title's opening quote, right before the name or before the title's first
        // words ("'Rodillas Garza'" when only "Garza" was found).
        let before = &text[..c.start];
        // Only the last few words are looked at: a huge line stays linear.
        let near = crate::phi::text::tail(before, 48);
        let title_words = near.len()
            - near
                .trim_end_matches(|ch: char| ch.is_alphabetic() || ch == ' ')
                .len();
        if title_words > 40 {
            return true;
        }
        let Some(open) = before[..before.len() - title_words].strip_suffix(['\'', '‘', '"', '“'])
        else {
            return true;
        };
        let word = open
            .trim_end()
            .rsplit(|ch: char| !ch.is_alphabetic())
            .next()
            .unwrap_or("")
            .to_lowercase();
        let closed = text[c.end..]
            .char_indices()
            .take_while(|&(k, ch)| k < 40 && !matches!(ch, '.' | '!' | '?' | '\n'))
            .any(|(_, ch)| matches!(ch, '\'' | '’' | '"' | '”'));
        !(closed && TITLED_THINGS.contains(&word.as_str()))
    });
}

/// Television shows whose characters health posts name; titles that are also a unit or a
/// room ("ER", "House", "Casualty") are left out.
const SHOWS: &[&str] = &[
    "scrubs",
    "grey's anatomy",
    "greys anatomy",
    "the good doctor",
    "call the midwife",
    "holby city",
    "chicago med",
    "the pitt",
    "new amsterdam",
    "general hospital",
    "nurse jackie",
    "private practice",
    "doc martin",
    "pokemon",
    "pokémon",
];

/// Drops a character named with the show they come from ("Carla Espinosa from Scrubs",
/// "Carla Espinosa (Scrubs)"), and the show read as the town that person comes from.
pub(crate) fn drop_tv_characters(toks: &Tokens, cands: &mut Vec<Cand>) {
    if !any_patient_name(cands) {
        return;
    }
    let text = toks.text;
    // Byte ranges of " from <show>" and " (<show>": the words before the show, and the show.
    let mut shows: Vec<(usize, usize, usize)> = Vec::new();
    for before in [" from ", " ("] {
        for (k, _) in text.match_indices(before) {
            let at = k + before.len();
            let lower = crate::phi::text::head(&text[at..], 20).to_lowercase();
            if let Some(show) = SHOWS.iter().find(|s| {
                lower.starts_with(*s)
                    && !lower[s.len()..].starts_with(|c: char| c.is_alphanumeric())
            }) {
                shows.push((k, at, at + show.len()));
            }
        }
    }
    if shows.is_empty() {
        return;
    }
    cands.retain(|c| {
        if c.whose != Whose::Patient {
            return true;
        }
        let named_before = c.kind == Kind::PersonName && shows.iter().any(|&(s, _, _)| s == c.end);
        let the_show =
            c.kind == Kind::Location && shows.iter().any(|&(_, a, e)| c.start >= a && c.end <= e);
        !(named_before || the_show)
    });
}

/// Drops names a later apposition calls characters ("conocimos a la Tía Rosa y al Tío Juan,
/// los personajes de nuestra fotonovela", "Meet Max and Ruby, the characters of our new
/// comic").
pub(crate) fn drop_named_characters(toks: &Tokens, cands: &mut Vec<Cand>) {
    if !toks.folded.contains("personaje") && !toks.folded.contains("character") {
        return;
    }
    // Byte ranges from each such sentence's start to the apposition.
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for k in 1..toks.toks.len() {
        if matches!(
            toks.folded(k),
            "personajes" | "personaje" | "characters" | "character"
        ) && matches!(
            toks.folded(k - 1),
            "los" | "el" | "the" | "our" | "nuestros" | "nuestro"
        ) && toks.gap_before(k - 1) == ", "
        {
            let sentence = toks.toks[k].sentence;
            let first = toks.toks.partition_point(|t| t.sentence < sentence);
            spans.push((toks.toks[first].start, toks.toks[k - 1].start));
        }
    }
    if spans.is_empty() {
        return;
    }
    // Both ends grow with the apposition, so the first range ending at or after a name is
    // the one to hold it, if any does.
    cands.retain(|c| {
        let k = spans.partition_point(|&(_, e)| e < c.end);
        !(c.kind == Kind::PersonName
            && c.whose == Whose::Patient
            && spans.get(k).is_some_and(|&(s, _)| s <= c.start))
    });
}
