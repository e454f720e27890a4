//! Initials that name a patient: "patient J.M., 45", and a courtesy title with one capital
//! letter ("Mrs. O.", "la señora G").

use super::addressed::thanking_sentence;
use super::cue_words::COURTESY_TITLES;
use super::cues::left_cue;
use crate::phi::lexicon::{self, f};
use crate::phi::ownership::OrgIndex;
use crate::phi::text::{head, Case, Tokens};
use crate::phi::Cand;
use crate::{Kind, Whose};

/// "Mrs. O.", "la señora G", "Mr K": a courtesy title and one capital letter name a person
/// as surely as a full surname does (the letter is what staff call the patient in a post).
pub(super) fn title_initial(toks: &Tokens, out: &mut Vec<Cand>) {
    let n = toks.toks.len();
    for i in 0..n.saturating_sub(1) {
        if !COURTESY_TITLES.contains(&toks.folded(i))
            || !matches!(toks.gap_before(i + 1), ". " | " " | ".")
        {
            continue;
        }
        let t = toks.toks[i + 1];
        let raw = toks.raw(i + 1);
        let after = &toks.text[t.end..];
        if raw.len() == 1
            && raw.as_bytes()[0].is_ascii_uppercase()
            && (after.is_empty() || after.starts_with(['.', ',', ' ', '!', '?', ';', ':']))
        {
            out.push(Cand {
                kind: Kind::PersonName,
                start: t.start,
                end: t.end,
                whose: Whose::Patient,
                reason: "initial after a courtesy title".to_string(),
                prio: 3,
            });
        }
    }
}

/// "J.M.", "A. R." next to a patient cue ("patient J.M., 45").
pub(super) fn initials(toks: &Tokens, out: &mut Vec<Cand>) {
    let text = toks.text;
    if !text.contains('.') {
        return;
    }
    let n = toks.toks.len();
    let mut i = 0;
    while i + 1 < n {
        let single = |k: usize| toks.raw(k).len() == 1 && toks.toks[k].case == Case::Title;
        // "J.O'C.": an Irish surname's initials.
        let irish = |k: usize| {
            let r = toks.raw(k).as_bytes();
            r.len() == 3 && r[0].is_ascii_uppercase() && r[1] == b'\'' && r[2].is_ascii_uppercase()
        };
        if single(i)
            && (single(i + 1) || irish(i + 1))
            && matches!(toks.gap_before(i + 1), "." | ". ")
            && text[toks.toks[i + 1].end..].starts_with('.')
            && (i == 0 || !toks.gap_before(i).ends_with('.'))
        {
            let mut e = i + 1;
            if e + 1 < n
                && single(e + 1)
                && matches!(toks.gap_before(e + 1), "." | ". ")
                && text[toks.toks[e + 1].end..].starts_with('.')
            {
                e += 1;
            }
            let pair: String = (i..=e).map(|k| toks.raw(k)).collect();
            let stop = matches!(
                pair.as_str(),
                "US" | "AM"
                    | "PM"
                    | "DC"
                    | "UK"
                    | "ER"
                    | "IV"
                    | "MD"
                    | "RN"
                    | "NP"
                    | "PA"
                    | "BS"
                    | "MS"
                    | "OR"
                    | "LA"
                    | "NY"
                    | "EU"
                    | "UN"
                    | "DO"
                    | "PT"
                    | "OT"
                    | "ID"
                    | "CT"
                    | "ED"
                    | "AC"
                    | "TV"
                    | "AD"
                    | "BC"
                    | "PS"
                    | "RIP"
                    | "AI"
                    | "USA"
                    // "Thank you E.M.S.!": services cheered, not a person's initials.
                    | "EMS"
                    | "ICU"
                    | "NHS"
                    | "CPR"
                    | "PPE"
                    | "RSV"
                    | "GP"
                    | "VA"
                    | "EEUU"
                    | "EE"
                    | "UU"
            );
            let cue = left_cue(toks, i).is_some();
            let after = &text[toks.toks[e].end + 1..];
            let age_after = after
                .trim_start_matches([',', ' ', '('])
                .starts_with(|c: char| c.is_ascii_digit());
            let next_w = after
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            // "Hoy J.R. cumple un año con nosotros": a Spanish birthday or anniversary verb.
            let verb_after = lexicon::get().class(&next_w) & (f::PVERB | f::SVERB) != 0
                || matches!(
                    next_w.as_str(),
                    "from" | "cumple" | "cumplió" | "cumplio" | "celebra" | "celebró"
                );
            // "J.T., a retired machinist", "C.J.'s family", "K.J.'s fam": a person described or
            // with kin.
            let described = after.starts_with(", a ")
                || after.starts_with(", an ")
                || after.starts_with(", our ")
                || [
                    "'s fam",
                    "’s fam",
                    "'s mom",
                    "'s dad",
                    "'s mum",
                    "'s parents",
                    "'s wife",
                    "'s husband",
                    "'s grand",
                ]
                .iter()
                .any(|p| after.starts_with(p));
            // "Gracias por su reseña, J.R.", "Hi T.J., ...", "Peanut (aka M.J.)": addressed or
            // given as another name.
            let before = &text[..toks.toks[i].start];
            let addressed = (before.trim_end().ends_with(',') && thanking_sentence(before)) || {
                let b = before.trim_end().as_bytes();
                b.len() >= 3 && b[b.len() - 3..].eq_ignore_ascii_case(b"aka")
            };
            // "J.T. in PICU bed 7, who beat three nurses at Uno": initials in a numbered bed.
            let in_bed = after.strip_prefix(" in ").is_some_and(|a| {
                let w = a.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
                matches!(
                    w.to_ascii_lowercase().as_str(),
                    "bed" | "bay" | "room" | "rm" | "picu" | "nicu" | "icu" | "cot" | "crib"
                ) && head(&a[w.len()..], 12).contains(|c: char| c.is_ascii_digit())
            });
            // "a glasses case engraved R.J.P.", "a bag labelled K.M.": initials on belongings.
            let marked = i > 0
                && matches!(
                    toks.folded(i - 1),
                    "engraved"
                        | "inscribed"
                        | "monogrammed"
                        | "embroidered"
                        | "labelled"
                        | "labeled"
                        | "initials"
                        | "grabado"
                        | "grabada"
                        | "bordado"
                        | "bordada"
                        | "iniciales"
                );
            // "“Llevo 3 años limpio” – J.R., de Pleasanton": the initials a quote is signed
            // with.
            let signed = {
                let b = before.trim_end();
                b.strip_suffix(['–', '—', '-'])
                    .is_some_and(|q| q.trim_end().ends_with(['”', '"', '’', '\'']))
            };
            // "1 yr sober T.J.!!": initials cheered at the end of a sentence.
            let cheered = after.starts_with('!');
            // "appt for J.T. (DOB 17/09/2008)": whose booking, or whose birth date follows.
            let booked_for = i > 1
                && matches!(toks.folded(i - 1), "for" | "para")
                && matches!(
                    toks.folded(i - 2),
                    "appt" | "appointment" | "cita" | "booking" | "referral" | "results"
                );
            let dob_after = {
                let a = after.trim_start().trim_start_matches('(');
                a.starts_with("DOB") || a.starts_with("D.O.B")
            };
            if !stop
                && (cue
                    || age_after
                    || verb_after
                    || described
                    || addressed
                    || marked
                    || in_bed
                    || signed
                    || cheered
                    || booked_for
                    || dob_after)
            {
                out.push(patient_initials(
                    toks.toks[i].start,
                    toks.toks[e].end + 1,
                    "initials of a patient",
                ));
            }
            i = e + 1;
        } else if single(i)
            && i > 0
            && toks.toks[i - 1].case == Case::Lower
            && !LABEL_WORDS.contains(&toks.folded(i - 1))
            && text[toks.toks[i].end..].starts_with(". (")
            && {
                // "so proud of E. (14), who finished treatment": one initial and an age.
                let a = &text[toks.toks[i].end + 3..];
                let d = a.bytes().take_while(u8::is_ascii_digit).count();
                (1..=2).contains(&d) && a[d..].starts_with(')')
            }
        {
            out.push(patient_initials(
                toks.toks[i].start,
                toks.toks[i].end + 1,
                "an initial with an age",
            ));
            i += 1;
        } else {
            i += 1;
        }
    }
}

/// A patient's initials at `start..end` (their last period included).
fn patient_initials(start: usize, end: usize, reason: &str) -> Cand {
    Cand::patient_name(start, end, reason)
}

/// An initial and a surname in any case: "in the name of J. HOLLOWAY", "'m. ruiz' on the
/// tag", "SGT R. DELGADO". A surname list must hold the word; a lower-case one must be no
/// dictionary word either.
pub(super) fn initial_and_surname(toks: &Tokens, org: &OrgIndex, out: &mut Vec<Cand>) {
    let text = toks.text;
    let n = toks.toks.len();
    for i in 0..n.saturating_sub(1) {
        let init = toks.toks[i];
        let sur = toks.toks[i + 1];
        let raw = toks.raw(i);
        if raw.len() != 1
            || init.numeric
            || toks.gap_before(i + 1) != ". "
            || sur.numeric
            || toks.raw(i + 1).len() < 3
            || (i > 0 && toks.gap_before(i).ends_with('.'))
            // "a 5K. Donativos": the letter of a word, not an initial.
            || (i > 0 && toks.gap_before(i).is_empty())
            // "at -15°F. Cover ears": a temperature's scale.
            || (i > 0 && toks.gap_before(i).ends_with('°'))
        {
            continue;
        }
        let listed = toks.is(i + 1, f::LAST);
        let ok = match (init.case, sur.case) {
            (Case::Title, Case::Upper) => listed,
            (Case::Lower, Case::Lower) => {
                listed && !toks.is(i + 1, f::WORD) && !toks.is(i + 1, f::FUNC)
            }
            // "It had R. Okoye, flat 2 … sewn in the collar", "Thanks to R. Smith": a listed
            // surname or a word no list knows.
            (Case::Title, Case::Title) => {
                let unknown = !toks.is(i + 1, f::WORD)
                    && toks
                        .raw(i + 1)
                        .chars()
                        .all(|c| c.is_alphabetic() || c == '-');
                (listed || unknown) && written_as_a_name(toks, i)
            }
            _ => false,
        };
        if !ok || toks.is(i + 1, f::NEVER | f::FUNC) {
            continue;
        }
        let staff = org
            .staff_pairs()
            .any(|(g, s)| s == toks.folded(i + 1) && g.starts_with(&toks.folded(i)[..1]));
        let end = super::without_possessive(text, sur.end);
        out.push(Cand {
            kind: Kind::PersonName,
            start: init.start,
            end,
            whose: if staff { Whose::Staff } else { Whose::Patient },
            reason: "an initial and a surname".into(),
            prio: 3,
        });
    }
}

/// Words before a capital and a period that make it a label, not an initial ("Plan B.",
/// "Vitamin D.", "Wing C.").
pub(super) const LABEL_WORDS: &[&str] = &[
    "plan",
    "vitamin",
    "hep",
    "hepatitis",
    "type",
    "room",
    "wing",
    "building",
    "tower",
    "level",
    "gate",
    "lot",
    "suite",
    "section",
    "row",
    "zone",
    "pod",
    "bay",
    "unit",
    "ward",
    "floor",
    "grade",
    "step",
    "part",
    "phase",
    "option",
    "exhibit",
    "clinic",
    "group",
    "team",
    "block",
];

/// A title-case initial and word (`i`, `i + 1`) read as a person's initial and surname: no
/// label word before the letter ("Vitamin D. Wells"), no street after a compass initial
/// ("N. Lamar Blvd"), no abbreviation ("N. Engl. J. Med."), no place or institution word.
fn written_as_a_name(toks: &Tokens, i: usize) -> bool {
    let lex = lexicon::get();
    let n = toks.toks.len();
    let sur = toks.folded(i + 1);
    if toks.is(
        i + 1,
        f::NEVER | f::FUNC | f::INSTIT | f::PLACEPFX | f::TITLE | f::STAFF_TITLE,
    ) || lex.cities.contains(sur)
        || toks.text[toks.toks[i + 1].end..].starts_with('.')
        || (i > 0
            && toks.toks[i - 1].sentence == toks.toks[i].sentence
            && !toks.toks[i - 1].numeric
            && (toks.toks[i - 1].case != Case::Lower || LABEL_WORDS.contains(&toks.folded(i - 1))))
    {
        return false;
    }
    let compass = matches!(toks.raw(i), "N" | "S" | "E" | "W");
    !(compass
        && (i + 2..(i + 4).min(n)).any(|k| {
            matches!(
                toks.folded(k),
                "st" | "street"
                    | "ave"
                    | "avenue"
                    | "rd"
                    | "road"
                    | "blvd"
                    | "boulevard"
                    | "dr"
                    | "drive"
                    | "ln"
                    | "lane"
                    | "way"
                    | "pkwy"
                    | "hwy"
                    | "loop"
            )
        }))
}
