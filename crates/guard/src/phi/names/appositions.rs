//! Names set off by commas as a person's: "a motorcyclist, Tyler, ...", "Earl, our longtime
//! patient", "O. Petrov, our 1,000th joint replacement patient".

use super::care_story::{addressed_as_patient, story_of_care};
use super::not_people::institution_follows;
use super::public_figures::author_of_quoted_work;
use super::verbs_and_pronouns::STORY_VERBS;
use crate::phi::lexicon::{f, Lexicon};
use crate::phi::ownership::OrgIndex;
use crate::phi::text::{fold, Case, Tokens};
use crate::phi::Cand;
use crate::{Kind, Whose};

/// ", our longest-serving dialysis patient", ", nuestra paciente": an apposition naming a patient.
pub(super) fn patient_apposition(after: &str) -> bool {
    after.strip_prefix(',').is_some_and(|a| {
        let mut words = a.split_whitespace();
        let first = words.next().unwrap_or("");
        matches!(
            first.to_ascii_lowercase().as_str(),
            "our" | "a" | "the" | "nuestro" | "nuestra" | "un" | "una" | "my" | "mi"
        ) && words.take(4).any(|w| {
            let w = w.trim_end_matches(|c: char| !c.is_alphabetic());
            [
                "patient",
                "paciente",
                "survivor",
                "warrior",
                "superhero",
                "graduate",
                "toddler",
                "baby",
                "newborn",
                "preemie",
                "infant",
                "boy",
                "girl",
                "teen",
                "teenager",
                "kid",
                "child",
                "grandmother",
                "grandfather",
                "grandma",
                "grandpa",
                "veteran",
                // "that's Bill, our volunteer driver": no directory holds volunteers.
                "volunteer",
                "niño",
                "niña",
                "bebé",
                "abuelo",
                "abuela",
                "abuelita",
                "abuelito",
            ]
            .iter()
            .any(|p| w.eq_ignore_ascii_case(p))
        })
    })
}

/// Person nouns an appositive name follows ("a 23-year-old motorcyclist, Tyler, ...").
const APPOS_NOUNS: &[&str] = &[
    "patient",
    "motorcyclist",
    "cyclist",
    "driver",
    "man",
    "woman",
    "boy",
    "girl",
    "gentleman",
    "lady",
    "toddler",
    "baby",
    "infant",
    "teen",
    "teenager",
    "son",
    "daughter",
    "mom",
    "mother",
    "dad",
    "father",
    "grandmother",
    "grandfather",
    "grandma",
    "grandpa",
    "veteran",
    "survivor",
    "paciente",
    "senor",
    "senora",
    "nino",
    "nina",
    "bebe",
    "abuelo",
    "abuela",
    "hijo",
    "hija",
];

/// Names set off by commas as a person's: "Linda, you inspire us" opening a sentence of a care
/// story, "a motorcyclist, Tyler, ...", "O. Petrov, our 1,000th joint replacement patient".
/// Capitalised names at a sentence start are otherwise too ambiguous to take.
pub(super) fn appositions(toks: &Tokens, lex: &Lexicon, org: &OrgIndex, out: &mut Vec<Cand>) {
    let text = toks.text;
    let n = toks.toks.len();
    let care = std::cell::OnceCell::new();
    let cared = || *care.get_or_init(|| story_of_care(text) || addressed_as_patient(toks));
    let blocked = f::TITLE | f::STAFF_TITLE | f::KIN | f::GREETING | f::FUNC | f::CRED;
    for i in 0..n {
        let t = toks.toks[i];
        if t.case != Case::Title
            || t.numeric
            || toks.is(i, blocked)
            || matches!(t.prefix, '#' | '@' | '.' | '/' | '_')
        {
            continue;
        }
        let after = &text[t.end..];
        let addressed = toks.is(i, f::FIRST)
            && after.strip_prefix(", ").is_some_and(|a| {
                let w = a
                    .split(|c: char| !c.is_alphabetic())
                    .next()
                    .unwrap_or("")
                    .to_lowercase();
                matches!(
                    w.as_str(),
                    "you" | "we" | "thank" | "thanks" | "gracias" | "te" | "eres" | "sigue"
                )
            })
            && cared();
        let mut end = t.end;
        let appos = i > 0
            && toks.gap_before(i) == ", "
            && APPOS_NOUNS.contains(&toks.folded(i - 1))
            // "(Iron Man, Moana and three Blueys)": the noun ends a capitalised name.
            && !(i > 1
                && toks.toks[i - 1].case == Case::Title
                && toks.toks[i - 2].case == Case::Title
                && !toks.toks[i - 2].sentence_start
                && toks.gap_before(i - 1) == " "
                && !toks.is(i - 2, f::FUNC))
            && !toks.is(i, f::NEVER)
            && {
                // Take a capitalised surname too ("a patient, Gloria Diaz, ...").
                if i + 1 < n
                    && toks.gap_before(i + 1) == " "
                    && toks.toks[i + 1].case == Case::Title
                    && !toks.is(i + 1, f::NEVER | f::FUNC)
                {
                    end = toks.toks[i + 1].end;
                }
                let rest = &text[end..];
                rest.starts_with(',')
                    || rest.starts_with('.')
                    || rest.starts_with(" and ")
                    || rest.starts_with(" y ")
            };
        // "Linda Farrow couldn't climb the stairs": a given name that is also a word, followed
        // by a surname that is no word, names someone in a story of care.
        let full_name = !appos
            && lex.first.contains(toks.folded(i))
            && i + 1 < n
            && toks.gap_before(i + 1) == " "
            && toks.toks[i + 1].case == Case::Title
            && {
                let l = toks.folded(i + 1);
                // A surname that is also a word ("Farrow", "Keel") needs a story verb after it.
                let verb_next = i + 2 < n
                    && toks.gap_before(i + 2) == " "
                    && toks.toks[i + 2].case == Case::Lower
                    // "Hope Lodge is a free place to stay" defines a thing.
                    && !matches!(toks.folded(i + 2), "is" | "has")
                    && (STORY_VERBS.contains(&toks.folded(i + 2))
                        || matches!(
                            toks.raw(i + 2),
                            "couldn't" | "could" | "can't" | "didn't" | "wasn't" | "never"
                        ));
                l.len() >= 3
                    && lex.last.contains(l)
                    && (!lex.words.contains(l) || verb_next)
                    && lex.class(l) & f::NEVER == 0
                    && !org.name_words.contains(l)
            }
            && !lex.is_famous(toks.phrase(i, i + 1))
            && author_of_quoted_work(toks, i) == 0
            && !institution_follows(toks, i)
            && !super::stop_or_station(toks, i)
            && cared();
        if full_name {
            end = toks.toks[i + 1].end;
        }
        if !(addressed || appos || full_name) {
            continue;
        }
        let w = toks.folded(i);
        let staff = if full_name {
            org.is_staff_name(&[w, toks.folded(i + 1)])
        } else {
            org.is_staff_name(&[w]) && !addressed_as_patient(toks)
        };
        let whose = if staff { Whose::Staff } else { Whose::Patient };
        out.push(Cand {
            kind: Kind::PersonName,
            start: t.start,
            end,
            whose,
            reason: if full_name {
                "given name and surname in a story of care".to_string()
            } else {
                "name set off by commas as a person's".to_string()
            },
            prio: 3,
        });
    }
    // The regex needs ", our" or ", nuestr": most posts hold neither.
    let our_after_comma = text.match_indices(',').any(|(k, _)| {
        let mut rest = text[k + 1..].chars();
        rest.next().is_some_and(char::is_whitespace)
            && (rest.as_str().starts_with("our") || rest.as_str().starts_with("nuestr"))
    });
    if !our_after_comma {
        return;
    }
    for c in our_patient().captures_iter(text) {
        let m = c.name("n").expect("name");
        let words: Vec<String> = m
            .as_str()
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| w.len() > 1)
            .map(fold)
            .collect();
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        out.push(Cand {
            kind: Kind::PersonName,
            start: m.start(),
            end: m.end(),
            whose: if org.is_staff_name(&words) {
                Whose::Staff
            } else {
                Whose::Patient
            },
            reason: "name introduced as 'our ... patient'".to_string(),
            prio: 3,
        });
    }
}

/// "O. Petrov, our 1,000th joint replacement patient", "Ana Ruiz, nuestra paciente número 500".
fn our_patient() -> &'static regex::Regex {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        regex::Regex::new(
            r"(?:^|[.:!?]\s+)(?P<n>(?:[A-Z]\.\s?)?[A-ZÀ-Þ][a-zß-ÿ'’-]+(?:\s[A-ZÀ-Þ][a-zß-ÿ'’-]+)?),\s(?:our|nuestr[oa]s?)\s(?:[\w,'’-]+\s){0,5}?(?:patient|paciente|survivor|sobreviviente)s?(?-u:\b)",
        )
        .expect("our patient regex")
    })
}

/// A quote signed with a name and an age: "'going HOME on Friday' — Ty, 15", "— María, 34".
pub(super) fn signed_with_age(toks: &Tokens, org: &OrgIndex, out: &mut Vec<Cand>) {
    let text = toks.text;
    let n = toks.toks.len();
    for i in 0..n.saturating_sub(1) {
        let t = toks.toks[i];
        let age = toks.toks[i + 1];
        if t.case != Case::Title
            || t.numeric
            || !age.numeric
            || age.end - age.start > 2
            || toks.gap_before(i + 1) != ", "
            || !signature_dash(toks.gap_before(i), i == 0)
            || toks.is(i, f::NEVER | f::FUNC | f::TITLE | f::STAFF_TITLE)
            || (toks.is(i, f::WORD) && !toks.is(i, f::FIRST))
        {
            continue;
        }
        // The age closes the signature: nothing but punctuation, emoji or a place follows.
        let rest = &text[age.end..];
        if rest.starts_with(|c: char| c.is_alphanumeric() || matches!(c, '/' | ':' | '.' | '-'))
            && !rest.starts_with(". ")
            && rest != "."
        {
            continue;
        }
        out.push(Cand {
            kind: Kind::PersonName,
            start: t.start,
            end: t.end,
            whose: if org.is_staff_name(&[toks.folded(i)]) {
                Whose::Staff
            } else {
                Whose::Patient
            },
            reason: "name and age signing a quote".into(),
            prio: 3,
        });
    }
}

/// A dash set off by spaces opens a signature (" — Ty", a line starting "- Ty"); "Mon–Fri"
/// is a range.
fn signature_dash(gap: &str, text_start: bool) -> bool {
    let Some(before) = gap.strip_suffix(char::is_whitespace) else {
        return false;
    };
    let Some(rest) = before.trim_end().strip_suffix(['—', '–', '-', '~']) else {
        return false;
    };
    rest.ends_with(char::is_whitespace) || (rest.is_empty() && text_start)
}

/// "Shoutout to Tater Tot for being the bravest 4-year-old", "thanks to Peanut for being
/// the best patient", "Dr. O'Rourke says Tater Tot is officially her favorite patient":
/// whoever is praised as a child or a patient is one, whatever the words of the name
/// (nicknames are often everyday words).
pub(super) fn thanked_for_being(toks: &Tokens, org: &OrgIndex, out: &mut Vec<Cand>) {
    let n = toks.toks.len();
    let child_or_patient = |from: usize, to: usize| {
        (from..to.min(n)).any(|k| {
            let w = toks.folded(k);
            w.ends_with("year-old")
                || w.ends_with("yr-old")
                || matches!(
                    w,
                    "patient"
                        | "kid"
                        | "boy"
                        | "girl"
                        | "toddler"
                        | "baby"
                        | "preemie"
                        | "champ"
                        | "warrior"
                        | "trooper"
                        | "paciente"
                )
        })
    };
    for j in 1..n.saturating_sub(3) {
        let for_being = toks.folded(j) == "for" && toks.folded(j + 1) == "being";
        let favourite = matches!(toks.folded(j), "is" | "was")
            && (j + 1..(j + 4).min(n)).any(|k| {
                matches!(
                    toks.folded(k),
                    "favorite" | "favourite" | "fave" | "bravest" | "toughest" | "strongest"
                )
            });
        if !(for_being || favourite) || toks.gap_before(j) != " " {
            continue;
        }
        let s = capitalised_run_before(toks, j);
        if s == j {
            continue;
        }
        let ok = if for_being {
            // After "shoutout to", "thanks to", "hats off to".
            s >= 2
                && toks.folded(s - 1) == "to"
                && matches!(
                    toks.folded(s - 2),
                    "shoutout" | "out" | "thanks" | "you" | "kudos" | "props" | "congrats" | "off"
                )
                && child_or_patient(j + 2, j + 7)
        } else {
            // A name of one everyday word ("Hope is our favorite word") is left to the name
            // rules.
            !(j - s == 1 && toks.is(s, f::WORD)) && child_or_patient(j + 2, j + 6)
        };
        let words: Vec<&str> = (s..j).map(|k| toks.folded(k)).collect();
        if !ok || org.is_staff_name(&words) {
            continue;
        }
        out.push(Cand {
            kind: Kind::PersonName,
            start: toks.toks[s].start,
            end: toks.toks[j - 1].end,
            whose: Whose::Patient,
            reason: if for_being {
                "name thanked for being a brave child or patient"
            } else {
                "name called someone's favourite patient"
            }
            .into(),
            prio: 3,
        });
    }
}

/// Start of up to three capitalised words right before token `j` that could be a name (no
/// title, institution or function word); `j` when there are none.
fn capitalised_run_before(toks: &Tokens, j: usize) -> usize {
    let mut s = j;
    while s > 0
        && j - s < 3
        && toks.toks[s - 1].case == Case::Title
        && toks.gap_before(s) == " "
        && !toks.is(
            s - 1,
            f::NEVER | f::FUNC | f::TITLE | f::STAFF_TITLE | f::INSTIT,
        )
    {
        s -= 1;
    }
    s
}
