//! The cue right before a name: a title ("Mrs. Okafor"), a kin or care word ("my son Jacob"),
//! a greeting ("thank you, Maria"); and the endearments that make a lower-case word a name.

use super::name_or_word::WEEKDAYS;
use crate::phi::lexicon::f;
use crate::phi::text::{Case, Tokens};

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Cue {
    /// Mr., Mrs., Sra.: a person, whose depends on the directory.
    Title,
    /// Dr., Nurse: a clinician.
    StaffTitle,
    /// my son, patient, mi hija, little: a patient-like person.
    Kin,
    /// thank you, congrats, welcome, hola: someone addressed by name.
    Greeting,
}

/// The cue right before token `i` (skipping fillers like "my sweet little"), if any.
pub(super) fn left_cue(toks: &Tokens, i: usize) -> Option<(Cue, usize)> {
    let sentence = toks.toks[i].sentence;
    let mut j = i;
    let mut skipped = 0;
    while j > 0 {
        j -= 1;
        if toks.toks[j].sentence != sentence
            || toks
                .gap_before(j + 1)
                .contains(['.', '!', '?', ';', ':', '('])
                && !(j + 1 == i && is_title_gap(toks, j + 1))
        {
            return None;
        }
        let w = toks.folded(j);
        // "my son Jacob" names the son; "their son's teddy" does not; "abuela's yerbitas" is
        // whose, not a title.
        let possessive = toks.possessive(j);
        // "Ask the Pharmacist Friday": a weekday after a title is the day of a series.
        if j + 1 == i && is_title_gap(toks, i) && !WEEKDAYS.contains(&toks.folded(i)) {
            if toks.is(j, f::STAFF_TITLE) {
                return Some((Cue::StaffTitle, j));
            }
            if toks.is(j, f::TITLE) && !toks.toks[i].sentence_start && !possessive {
                return Some((Cue::Title, j));
            }
        }
        // "Diabetes en familia 💚 Talleres gratis": "as a family", no relative named.
        let en_familia = w == "familia" && j > 0 && toks.folded(j - 1) == "en";
        // "Camp Sweet Pines", "Camp Little Hawk": a place's name, not an endearment.
        let in_place_name =
            j > 0 && toks.is(j - 1, f::PLACEPFX) && toks.toks[j].case == Case::Title;
        if toks.is(j, f::KIN) && !possessive && !en_familia && !in_place_name {
            return Some((Cue::Kin, j));
        }
        if toks.is(j, f::GREETING) {
            return Some((Cue::Greeting, j));
        }
        // "is 6-year-old Grace!": an age right before the word says it is a child's name.
        if j + 1 == i
            && j > 0
            && toks.toks[j - 1].numeric
            && toks.raw(j - 1).parse::<u32>().is_ok_and(|a| a <= 120)
            && matches!(w, "year-old" | "yr-old" | "month-old" | "yo")
            && toks.gap_before(j + 1) == " "
            // "our 6-year-old Labrador", "a 200-year-old Oak": a given name, not any word.
            && toks.is(i, f::FIRST)
            && !super::not_people::ANIMALS.contains(&toks.folded(i))
        {
            return Some((Cue::Kin, j));
        }
        let prev = if j > 0 && toks.toks[j - 1].sentence == sentence {
            toks.folded(j - 1)
        } else {
            ""
        };
        // "our frequent flyer mikey": ward slang for a patient who keeps coming back.
        if matches!((prev, w), ("frequent", "flyer" | "flier" | "flyers")) {
            return Some((Cue::Kin, j));
        }
        // "la mamá de Alondra", "el hermano de Iker", "la pulsera de Alondra": whose relative,
        // wristband or file it is.
        if w == "de"
            && j + 1 == i
            && j > 0
            && toks.toks[j - 1].sentence == sentence
            && toks.toks[j - 1].case == Case::Lower
            && (toks.is(j - 1, f::KIN) || BELONGINGS.contains(&prev))
            && !matches!(prev, "familia" | "familias" | "family" | "families")
        {
            return Some((Cue::Kin, j - 1));
        }
        // "Gromit's Get Well Soon": the wish's own last word.
        if (prev, w) == ("get", "well") && toks.folded(i) == "soon" {
            return None;
        }
        match (prev, w) {
            ("thank", "you")
            | ("happy", "birthday")
            | ("happy", "bday")
            | ("happy", "retirement")
            // "in honor of bud kessler", "en memoria de Tavo"
            | ("honor", "of")
            | ("honour", "of")
            | ("memory", "of")
            | ("memoria", "de")
            | ("birthday", "to")
            | ("bday", "to")
            | ("anniversary", "to")
            | ("farewell", "to")
            | ("goodbye", "to")
            | ("feliz", "cumpleanos")
            | ("get", "well")
            // "Get well soon Bob!"
            | ("well", "soon")
            | ("name", "is")
            | ("nombre", "es")
            | ("me", "llamo")
            // A sign held at a window: "ITS ME OWEN ROOM 412".
            | ("its" | "it's", "me")
            | ("pray", "for")
            | ("praying", "for")
            | ("prayers", "for")
            | ("oremos", "por")
            | ("oraciones", "por")
            | ("out", "to")
            | ("thanks", "to")
            | ("thx", "to")
            | ("congratulations", "to")
            | ("congrats", "to")
            | ("cheers", "to")
            | ("shoutout", "to")
            | ("kudos", "to")
            | ("welcome", "to")
            | ("goes", "to")
            | ("thank", "u")
            | ("orando", "por")
            | ("gracias", "a")
            | ("thinking", "of")
            | ("proud", "of")
            | ("real", "name")
            | ("pensando", "en")
            | ("rezando", "por")
            | ("te", "extranamos")
            | ("wishes", "to")
            | ("love", "to")
            | ("hugs", "to")
            | ("hugs", "for")
            | ("prayers", "to")
            | ("thoughts", "with")
            | ("cheering", "for")
            | ("cheering", "on")
            | ("rooting", "for")
            // "Say hi to Pearl", "say hello to our newest grad".
            | ("hi", "to")
            | ("hello", "to")
            | ("felicidades", "a")
            | ("felicitamos", "a")
            // "Baby shower para Génesis", "a baby shower for Skye".
            | ("shower", "para")
            | ("shower", "for")
            | ("shoutout", "a")
            | ("saludos", "a")
            | ("abrazos", "para")
            // Who wrote it: "comentario de Jazmín", "a note from Priya".
            | ("comentario", "de")
            | ("mensaje", "de")
            | ("nota", "de")
            | ("carta", "de")
            | ("resena", "de")
            | ("comment", "from")
            | ("message", "from")
            | ("note", "from")
            | ("card", "from")
            | ("letter", "from")
            | ("review", "from")
            | ("comment", "by")
            | ("review", "by")
            | ("post", "by")
            | ("reply", "by")
            | ("posted", "by")
            // "welcome back J.T.", "miss u Deb", "we love u Kenz": someone addressed.
            | ("welcome", "back")
            | ("miss", "you")
            | ("miss", "u")
            | ("love", "you")
            | ("love", "u") => return Some((Cue::Greeting, j)),
            _ => {}
        }
        if !toks.is(j, f::FILLER) && !toks.toks[j].numeric || skipped >= 3 {
            return None;
        }
        skipped += 1;
    }
    None
}

/// What only one patient has, named with whose it is ("la pulsera de Alondra").
pub(super) const BELONGINGS: &[&str] = &["pulsera", "brazalete", "expediente"];

/// "Dr. Lee", "Mrs Okafor", "Sra. López": only a period and spaces between title and name.
pub(super) fn is_title_gap(toks: &Tokens, i: usize) -> bool {
    let g = toks.gap_before(i);
    let g = g.strip_prefix('.').unwrap_or(g);
    !g.is_empty() && g.chars().all(|c| c == ' ') && g.len() <= 2
}

/// "Mr." "Ms." "Sgt." with their period: what follows is a name even when it is also a word
/// ("ms. ruby", "mr. rich"); "little", "big" and "miss" without a period are adjectives or verbs.
pub(super) fn abbreviated_title(toks: &Tokens, j: usize) -> bool {
    matches!(
        toks.folded(j),
        "mr" | "mrs" | "ms" | "mx" | "sra" | "srta" | "sr" | "sgt" | "capt" | "lt" | "cpl" | "maj"
    ) && toks.gap_before(j + 1).starts_with('.')
}

/// "the lovely mrs tun on ward 12", "la señora rosita de san pedro sula": a courtesy title
/// typed in lower case without its period; what follows is a surname or a given name even when
/// it is also a word. Spanish titles take only a given name ("la señora sonríe" is a verb).
pub(super) fn lower_courtesy_title(toks: &Tokens, j: usize, i: usize) -> bool {
    toks.toks[j].case == Case::Lower
        && !PERSON_NOUNS.contains(&toks.folded(i))
        && match toks.folded(j) {
            // "mr fix-it": a nickname made of words.
            "mr" | "mrs" | "ms" | "mx" | "sra" | "srta" => !toks.raw(i).contains('-'),
            "senora" | "senor" | "dona" | "don" => {
                toks.is(i, f::FIRST)
                    && !matches!(
                        toks.folded(i),
                        "linda" | "bonita" | "bella" | "mayor" | "grande" | "joven"
                    )
            }
            _ => false,
        }
}

/// "our little guy", "baby girl", "sweet angel": nouns for a person after an endearment, not
/// names, even where a name list holds them.
pub(crate) const PERSON_NOUNS: &[&str] = &[
    "guy", "girl", "boy", "man", "lady", "one", "ones", "buddy", "dude", "angel", "fighter",
    "warrior", "champ", "bug", "bear", "bro", "sis", "kid", "brother", "sister", "prince",
    "princess", "king", "queen", "nino", "nina", "bebe",
];

/// "little grace had her tonsils out", "little miss penny doing her exercises": an endearment
/// right before a lower-case given name, and the pronoun or the birth that follows, say it is a
/// child; "a little faith in his doctors" (a determiner before) is the word.
pub(super) fn endearment_with_pronoun(toks: &Tokens, j: usize, i: usize) -> bool {
    let n = toks.toks.len();
    let start = if toks.folded(j) == "miss" && j > 0 && toks.folded(j - 1) == "little" {
        j - 1
    } else {
        j
    };
    matches!(toks.folded(j), "little" | "lil" | "baby" | "miss")
        && toks.is(i, f::FIRST)
        && !PERSON_NOUNS.contains(&toks.folded(i))
        && !(start > 0
            && matches!(
                toks.folded(start - 1),
                "a" | "an" | "the" | "some" | "this" | "that" | "any" | "no" | "much" | "with"
            ))
        && (i + 1..(i + 4).min(n)).any(|k| {
            toks.toks[k].sentence == toks.toks[i].sentence
                && matches!(toks.folded(k), "her" | "his" | "she" | "he" | "su" | "sus")
                // "the pics of baby isla born on the 12th": a birth says it too.
                || (k == i + 1 && matches!(toks.folded(k), "born" | "nacio" | "nacida" | "nacido"))
        })
}
