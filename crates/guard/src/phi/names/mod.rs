//! Person names: lexicon look-ups (census and multi-origin given names and surnames) weighed
//! against context — titles ("Mrs. Okafor"), kinship and care words ("my son Jacob",
//! "little sophie", "mi hija Ana"), greetings ("Thank you, Maria"), possessives and verbs that
//! follow a person ("Grace's surgery", "Will is home"), given name + surname pairs — and hard
//! negatives: dictionary words (hope, will, grace), months, places, institutions ("Mercy
//! Hospital"), eponymous diseases ("Crohn's disease"), the organisation's own name.
//! Names inside hashtags (#PrayForJacob) and @handles are found too.
//!
//! [`find`] is the token pass; each submodule holds one family of cues, lists or checks, or one
//! of the passes `find` runs after it (initials, appositions, hashtags and handles).

mod addressed;
mod appositions;
mod care_story;
mod characters;
mod classify;
mod cue_words;
mod cues;
mod families;
mod initials;
mod labels;
pub(crate) mod model;
mod name_or_word;
mod names_as_names;
mod not_people;
mod place_lists;
mod possessive_events;
mod public_figures;
mod same_name_again;
mod surnames;
mod tag_names;
mod tags;
mod verbs_and_pronouns;

pub(crate) use characters::{
    drop_characters, drop_named_characters, drop_programme_titles, drop_tv_characters,
};
pub(crate) use cue_words::{
    COURTESY_TITLES, CREDENTIALS, FILLERS, GREETINGS, KIN, PARTICLES, PERSON_VERBS, PUBLIC_ROLES,
    STAFF_TITLES, STATE_WORDS, STRONG_VERBS, TITLES,
};
pub(crate) use cues::PERSON_NOUNS;
pub(crate) use families::{couples, plural_families};
pub(crate) use labels::on_labels;
pub(crate) use name_or_word::{
    AMBIGUOUS, INSTITUTIONS, NAMES_OVER_WORDS, NEVER, PLACE_PREFIX, SPANISH_NAMES_OVER_WORDS,
    VIRTUES, WEEKDAYS,
};
pub(crate) use names_as_names::drop_names_as_names;
pub(crate) use not_people::{
    after_animal, after_list, animal_named, pet_apposition, town_of_institution,
};
pub(crate) use place_lists::{drop_place_list_items, in_language_list};
pub(crate) use possessive_events::possessive_events;
pub(crate) use public_figures::{drop_public_figures, PublicFigures};
pub(crate) use same_name_again::SAME_NAME_AGAIN;

use super::lexicon::{self, f, FastSet};
use super::ownership::OrgIndex;
use super::text::{head, is_emoji_like, Case, PhraseSet, Tokens};
use super::Cand;
use crate::{Kind, Whose};
use addressed::{
    cheered, closing_greeting, lowercase_addressed, said_to_a_person, second_person_after,
    thanks_for_close, wished_recovery,
};
use appositions::{appositions, patient_apposition, signed_with_age, thanked_for_being};
use care_story::{addressed_as_patient, stay_story, story_of_care};
use classify::classify;
use cues::{
    abbreviated_title, endearment_with_pronoun, is_title_gap, left_cue, lower_courtesy_title, Cue,
};
use initials::{initial_and_surname, initials, title_initial, LABEL_WORDS};
use not_people::{
    animal_emoji_after, character_of, destination_or_devotion, institution_follows, place_with_de,
    town_of_country, ANIMALS, BUSINESSES,
};
use public_figures::{author_of_quoted_work, brand, listed_with, not_patients, MONONYMS};
use same_name_again::same_name_again;
use surnames::{hyphenated_surname, is_surname_like, WORD_SURNAMES};
use tags::tags;
use verbs_and_pronouns::{
    back_home, person_clause_after, pronoun_follows, skip_parenthesis, subject_of_personal_event,
    ADVERBS, SPEECH_VERBS, STORY_VERBS, VERBS_IN_ERS,
};

/// "Ask Ray from our Thursday boxing class", "Joy from the memory café", "Mirabel de la clínica
/// de asma": someone who comes to a class, group or clinic; a word-name or a character's name
/// needs no other cue here.
pub(super) fn member_of_group(after: &str) -> bool {
    let Some(rest) = [
        "from our ",
        "from the ",
        "de nuestro ",
        "de nuestra ",
        "del ",
        "de la ",
    ]
    .iter()
    .find_map(|p| after.strip_prefix(' ').and_then(|a| a.strip_prefix(p))) else {
        return false;
    };
    rest.split_whitespace().take(4).any(|w| {
        let w = w.trim_end_matches(|c: char| !c.is_alphanumeric());
        [
            "class", "classes", "group", "choir", "café", "cafe", "club", "circle", "clase",
            "grupo", "coro", "clinic", "clínica", "clinica",
        ]
        .iter()
        .any(|g| w.eq_ignore_ascii_case(g))
    })
}

/// `word` names a law, alone or with the name joined to it ("Martyn's Law", "Max and Keira's
/// Law"). `after` is the text that follows the word.
fn named_law(word: &str, after: &str) -> bool {
    let law = |w: &str, rest: &str| {
        (w.ends_with("'s") || w.ends_with("’s"))
            && rest
                .strip_prefix(" Law")
                .is_some_and(|r| !r.starts_with(|c: char| c.is_alphanumeric()))
    };
    if law(word, after) {
        return true;
    }
    let Some(rest) = after
        .strip_prefix(" and ")
        .or_else(|| after.strip_prefix(" & "))
    else {
        return false;
    };
    let end = rest.find(' ').unwrap_or(rest.len());
    law(&rest[..end], &rest[end..])
}

/// Lower-case words after token `i` name a programme, a course or a study ("DAFNE
/// carb-counting course", "SPRINT trial"): the capitals before them are its initials.
fn programme_after(toks: &Tokens, i: usize) -> bool {
    let n = toks.toks.len();
    (i + 1..n.min(i + 4))
        .take_while(|&j| {
            toks.toks[j].case == Case::Lower
                && toks.toks[j].sentence == toks.toks[i].sentence
                && matches!(toks.gap_before(j), " " | "-")
        })
        .any(|j| {
            matches!(
                toks.folded(j),
                "course"
                    | "courses"
                    | "programme"
                    | "program"
                    | "trial"
                    | "study"
                    | "scheme"
                    | "curso"
                    | "programa"
                    | "estudio"
            )
        })
}

/// An age said right after a word, with its label or unit: "(age 6)", ", aged 4", ", de 7
/// añitos", "(8 yrs)".
fn explicit_age_after(after: &str) -> bool {
    let Some(a) = after
        .strip_prefix(", ")
        .or_else(|| after.strip_prefix(" ("))
    else {
        return false;
    };
    let (labelled, a) = match ["age ", "aged ", "edad ", "de "]
        .iter()
        .find_map(|p| a.strip_prefix(p))
    {
        Some(rest) => (true, rest),
        None => (false, a),
    };
    let d = a.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=3).contains(&d) {
        return false;
    }
    let rest = a[d..].trim_start();
    let unit = [
        "añitos", "anitos", "años", "anos", "yrs", "years", "months", "meses",
    ]
    .iter()
    .any(|u| rest.starts_with(u));
    (labelled && !after.starts_with(", de ")) || unit
}

/// Token `i` is a word of a two-word gazetteer town where a service stops: "our outreach van
/// is at Long Ashton" ("look at Rosa Sanchez go!" is a girl).
fn town_after_preposition(toks: &Tokens, lex: &lexicon::Lexicon, i: usize) -> bool {
    let n = toks.toks.len();
    let town_at = |s: usize| {
        s > 1
            && s + 1 < n
            && toks.folded(s - 1) == "at"
            && (s.saturating_sub(5)..s - 1).any(|k| {
                matches!(
                    toks.folded(k),
                    "van"
                        | "bus"
                        | "clinic"
                        | "unit"
                        | "stall"
                        | "tent"
                        | "outreach"
                        | "truck"
                        | "stop"
                        | "stops"
                        | "team"
                )
            })
            && toks.gap_before(s) == " "
            && toks.gap_before(s + 1) == " "
            && toks.toks[s].case == Case::Title
            && toks.toks[s + 1].case == Case::Title
            && lex.places.contains(toks.phrase(s, s + 1))
    };
    town_at(i) || (i > 0 && town_at(i - 1))
}

/// A time or day right after: " on the 14th", " on Monday", " at 2pm", " tomorrow".
fn booked_for(after: &str) -> bool {
    let a = head(after, 24).to_ascii_lowercase();
    let Some(rest) = a
        .strip_prefix(" on ")
        .or_else(|| a.strip_prefix(" at "))
        .or_else(|| a.strip_prefix(" "))
    else {
        return false;
    };
    let rest = rest.strip_prefix("the ").unwrap_or(rest);
    rest.starts_with(|c: char| c.is_ascii_digit())
        || [
            "tomorrow",
            "today",
            "this morning",
            "this afternoon",
            "next week",
        ]
        .iter()
        .chain(WEEKDAYS)
        .any(|d| rest.starts_with(d))
}

/// A story's opening age right before a name: "Now 24, Jordan volunteers…", "At 19,
/// Maria…", "Aged 7, Leo…".
fn age_before(before: &str) -> bool {
    let Some(b) = before.strip_suffix(", ") else {
        return false;
    };
    let d = b.bytes().rev().take_while(u8::is_ascii_digit).count();
    if !(1..=3).contains(&d) {
        return false;
    }
    let lead = b[..b.len() - d].trim_end_matches(' ');
    let word_start = lead.rfind(|c: char| !c.is_alphabetic()).map_or(0, |k| {
        k + lead[k..].chars().next().map_or(1, char::len_utf8)
    });
    let prev = lead[..word_start].trim_end();
    let clause_start = prev.is_empty()
        || prev.ends_with(['.', '!', '?', '\n', ':', ';', '\'', '"', '’', '”'])
        || prev.ends_with(|c: char| !c.is_ascii() && !c.is_alphanumeric());
    // "At 10, Maple Ward closes" is a time: "at" takes ages past the clock's.
    let years: u32 = b[b.len() - d..].parse().unwrap_or(0);
    clause_start
        && match &lead[word_start..] {
            "Now" | "now" | "Aged" | "aged" => years <= 125,
            "At" | "at" => (13..=125).contains(&years),
            _ => false,
        }
}

/// A child's age set off right after a name: "Sam Houston, 7 today!", "Ben Franklin, 10,".
fn child_age_after(after: &str) -> bool {
    let Some(a) = after.strip_prefix(", ") else {
        return false;
    };
    let d = a.bytes().take_while(u8::is_ascii_digit).count();
    (1..=2).contains(&d)
        && [
            ",",
            ")",
            "!",
            " today",
            " years old",
            " yrs",
            " y/o",
            " año",
            " años",
        ]
        .iter()
        .any(|p| a[d..].starts_with(p))
}

/// The writer says the word before is really a name: "Grace (yes, that's her real name!)",
/// "Charles Drew (yes, really!)".
fn vouched_after(after: &str) -> bool {
    const SAYINGS: &[&str] = &[
        "yes, really",
        "yes really",
        "no, really",
        "real name",
        "yes, that's her real name",
        "yes, that's his real name",
        "yes, that's their real name",
        "yes, that's my real name",
        "yes, that is her real name",
        "yes, that is his real name",
        "yes, that is their real name",
        "yes, that is my real name",
        "that's her real name",
        "that's his real name",
        "that's their real name",
        "that's my real name",
    ];
    let Some(a) = after.strip_prefix(" (") else {
        return false;
    };
    let a = a
        .chars()
        .take(40)
        .collect::<String>()
        .to_lowercase()
        .replace('’', "'");
    SAYINGS.iter().any(|p| a.starts_with(p))
}

/// Token `i` is a stop or a station: "the 8 and 9 buses from Temple Meads", "a park & ride
/// from Temple Meads".
pub(crate) fn stop_or_station(toks: &Tokens, i: usize) -> bool {
    i > 1
        && matches!(toks.folded(i - 1), "from" | "to" | "via" | "at")
        && (i.saturating_sub(4)..i - 1).any(|k| {
            matches!(
                toks.folded(k),
                "bus"
                    | "buses"
                    | "train"
                    | "trains"
                    | "tram"
                    | "trams"
                    | "shuttle"
                    | "shuttles"
                    | "coach"
                    | "ferry"
                    | "metro"
                    | "route"
                    | "camion"
                    | "camiones"
                    | "autobus"
            ) || (toks.folded(k) == "ride"
                && (k.saturating_sub(2)..k).any(|p| toks.folded(p) == "park"))
        })
}

/// Greetings and dishes whose words are also given names ("Ramadan Kareem").
const SET_PHRASES: &[&str] = &[
    "chuc mung nam moi",
    "banh chung",
    "banh tet",
    "banh mi",
    "gong xi fa cai",
    "kung hei fat choy",
    "ramadan kareem",
    "ramadan mubarak",
    "eid mubarak",
    // "Gypsy, Roma and Traveller History Month": a people, not a woman called Roma.
    "gypsy roma",
    // Greetings: "Xin chào", "Mālō e lelei", "Nǐ hǎo", "Assalamu alaikum".
    "xin chao",
    "malo e lelei",
    "ni hao",
    "salaam alaikum",
    "assalamu alaikum",
    // Dishes, drinks and brands named for people: "Eggs Benedict", "an Arnold Palmer",
    // "Mrs. Dash", "la salsa Valentina", "el mole tipo Doña María".
    "eggs benedict",
    "sloppy joe",
    "sloppy joes",
    "mrs dash",
    "salsa valentina",
    "tootsie roll",
    "tootsie rolls",
    "arnold palmer",
    "earl grey",
    "bloody mary",
    "shirley temple",
    "beef wellington",
    "peach melba",
    "caesar salad",
    "tipo dona maria",
    "mole dona maria",
    // "the Patient Bill of Rights": a document.
    "bill of rights",
];

/// Jobs that follow a title as a role, not a name ("Nurse Educator", "Nurse Navigator"), and
/// the programmes named after one ("Summer Volunteer Program", "Nurse Residency").
const JOB_WORDS: &[&str] = &[
    "program",
    "programme",
    "residency",
    "fellowship",
    "cohort",
    "orientation",
    "coordinator",
    "educator",
    "manager",
    "director",
    "specialist",
    "consultant",
    "practitioner",
    "navigator",
    "supervisor",
    "officer",
    "assistant",
    "technician",
    "technologist",
    "liaison",
    "leader",
    "administrator",
    "researcher",
    "scientist",
    "apprentice",
    "trainee",
];

/// Token `i` is inside one of the [`SET_PHRASES`]. Their words are looked up first: most
/// tokens are in none.
fn in_set_phrase(toks: &Tokens, i: usize) -> bool {
    static SETS: std::sync::OnceLock<(FastSet<'static>, FastSet<'static>)> =
        std::sync::OnceLock::new();
    let (words, phrases) = SETS.get_or_init(|| {
        (
            SET_PHRASES.iter().flat_map(|p| p.split(' ')).collect(),
            SET_PHRASES.iter().copied().collect(),
        )
    });
    if !words.contains(toks.folded(i)) {
        return false;
    }
    let n = toks.toks.len();
    (2..=4).any(|len: usize| {
        (i.saturating_sub(len - 1)..=i)
            .filter(|&s| s + len <= n)
            .any(|s| phrases.contains(toks.phrase(s, s + len - 1)))
    })
}

/// The post says two people share a name ("share a name with him", "su tocayo").
pub(crate) fn namesake_post(text: &str) -> bool {
    static NAMESAKE: PhraseSet = PhraseSet::new(&[
        "share a name",
        "shares a name",
        "same name",
        "namesake",
        "tocayo",
        "tocaya",
        "shares his name",
        "shares her name",
        "shares their name",
        "named after",
        "named her after",
        "named him after",
    ]);
    NAMESAKE.in_text(text)
}

/// Where a name ending at byte `end` stops once a possessive is left outside: "Jacob's" ->
/// "Jacob".
pub(crate) fn without_possessive(text: &str, end: usize) -> usize {
    let raw = &text[..end];
    if raw.ends_with("'s") {
        end - 2
    } else if raw.ends_with("’s") {
        end - 4
    } else {
        end
    }
}

/// "Best nurse EVER 💕", "best doctor EVERRR": a shouted everyday word after a title is
/// emphasis, not a name ("Dr. SMITH" stays one).
fn shouted_word_after_title(toks: &Tokens, i: usize) -> bool {
    if i == 0 || toks.toks[i].case != Case::Upper || !toks.is(i - 1, f::TITLE | f::STAFF_TITLE) {
        return false;
    }
    let w = toks.folded(i);
    // "everrr" -> "ever": a letter held for emphasis.
    let held = w.chars().next_back().map_or(w, |last| {
        let base = w.trim_end_matches(last);
        if w.len() - base.len() >= 3 {
            &w[..base.len() + last.len_utf8()]
        } else {
            w
        }
    });
    let bits = if held.len() < w.len() {
        lexicon::get().flags(held)
    } else {
        toks.flags[i]
    };
    // "the best nurse EVER": after a superlative even a word that is a given name too.
    let superlative = i > 1
        && matches!(
            toks.folded(i - 2),
            "best"
                | "greatest"
                | "favorite"
                | "favourite"
                | "fave"
                | "kindest"
                | "sweetest"
                | "coolest"
                | "mejor"
        );
    bits & (f::WORD | f::FUNC) != 0 && bits & f::LAST == 0 && (bits & f::FIRST == 0 || superlative)
}

/// "go get em brayden schultz!!": a lower-case surname that is no word after a lower-case
/// given name.
fn lower_surname_next(toks: &Tokens, i: usize) -> bool {
    // "your john hancock on the form": a signature, not a person.
    i + 1 < toks.toks.len()
        && !lexicon::get().is_famous(toks.phrase(i, i + 1))
        && toks.gap_before(i + 1) == " "
        && toks.toks[i + 1].case == Case::Lower
        && toks.folded(i + 1).len() >= 3
        && toks.is(i + 1, f::LAST)
        && !toks.is(i + 1, f::WORD | f::FUNC | f::AMBIG | f::NEVER)
}

/// The post is shouted: capitals say nothing about names in it.
pub(crate) fn all_caps(toks: &Tokens) -> bool {
    let (upper, lowerish) =
        toks.toks
            .iter()
            .filter(|t| !t.numeric)
            .fold((0, 0), |(u, l), t| match t.case {
                Case::Upper => (u + 1, l),
                _ => (u, l + 1),
            });
    upper >= 3 && upper > lowerish * 2
}

fn next_word<'a>(toks: &'a Tokens, i: usize) -> Option<&'a str> {
    let n = i + 1;
    if n < toks.toks.len()
        && toks.gap_before(n).chars().all(char::is_whitespace)
        && toks.toks[n].sentence == toks.toks[i].sentence
    {
        Some(toks.folded(n))
    } else {
        None
    }
}

pub(crate) fn find(toks: &Tokens, org: &OrgIndex, public: &PublicFigures, out: &mut Vec<Cand>) {
    let lex = lexicon::get();
    let n = toks.toks.len();
    let text = toks.text;
    let all_caps = all_caps(toks);
    let mut accepted: Vec<Option<(&'static str, Option<Cue>)>> = vec![None; n];
    // Words a hard negative ruled out ("Apgar score", "Mercy Hospital", a month): the name
    // model must not take them either.
    let mut rejected = vec![false; n];
    let care_talk = std::cell::OnceCell::new();
    let street_words = std::cell::OnceCell::new();
    let stay_talk = std::cell::OnceCell::new();
    // Indexes several parallel arrays (tokens, flags, accepted) and looks around each token.
    #[allow(clippy::needless_range_loop)]
    for i in 0..n {
        let t = toks.toks[i];
        let k = classify(toks, org, all_caps, i);
        let titled = i > 0 && toks.is(i - 1, f::TITLE | f::STAFF_TITLE) && is_title_gap(toks, i);
        // "Hola Jesús, ...": a greeting right before and a comma right after address a person
        // even when the word is usually no name.
        let greeted = i > 0
            && t.case == Case::Title
            && toks.gap_before(i) == " "
            && matches!(
                toks.folded(i - 1),
                "hola"
                    | "hi"
                    | "hello"
                    | "hey"
                    | "dear"
                    | "querido"
                    | "querida"
                    | "estimado"
                    | "estimada"
            )
            && text[t.end..].starts_with(',');
        let apposed = k.first && t.case == Case::Title && patient_apposition(&text[t.end..]);
        // "whose son Dakota spent 3 weeks", "my daughter Georgia": a state or month given as a
        // name right after a kin word.
        let kin_named = k.first
            // "con su hijo jesus, el dr…": lower case too, when the name is set off.
            && (t.case == Case::Title || text[t.end..].starts_with([',', '.', '!']))
            && !t.sentence_start
            && i > 0
            && toks.is(i - 1, f::KIN)
            && toks.toks[i - 1].case == Case::Lower
            && !text[t.end..]
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit());
        // "April (age 6) says…", "Esperanza, de 7 añitos, le cantó…": a word given an age.
        // "Major in our burn unit (yes, that's his real name)": the writer says it is a name.
        let age_first = k.first && t.case == Case::Title && age_before(&text[..t.start]);
        // "Conoce a Jesús M., de 34 años": the age may follow the surname's initial.
        let aged_after_initial =
            || initial_follows(toks, i) && explicit_age_after(&text[toks.toks[i + 1].end + 1..]);
        let aged = k.never
            && t.case == Case::Title
            && (explicit_age_after(&text[t.end..])
                || vouched_after(&text[t.end..])
                || age_first
                || aged_after_initial());
        if shouted_word_after_title(toks, i) {
            rejected[i] = true;
            continue;
        }
        if k.skip
            || (k.never
                && !((titled || greeted || apposed || kin_named || aged)
                    && toks.is(i, f::NEVER)
                    && !toks.is(i, f::TITLE | f::STAFF_TITLE | f::CRED)))
        {
            continue;
        }
        let nameish = k.first || k.last;
        // "Happy Valentine's!", "Chúc Mừng Năm Mới", "bánh chưng": a holiday or a dish, not
        // the given names in it; "the Matilda fans": a book's, a show's or a star's fans.
        let fans = i + 1 < n
            && toks.gap_before(i + 1) == " "
            && matches!(toks.folded(i + 1), "fans" | "fan" | "fandom");
        // "our free DESMOND course": a programme's name in capitals.
        let programme = t.case == Case::Upper
            && i + 1 < n
            && toks.gap_before(i + 1) == " "
            && matches!(
                toks.folded(i + 1),
                "course" | "courses" | "programme" | "program" | "class" | "classes" | "study"
            );
        // "our Nurse Educator", "the Student Nurse Spirit award": a job or an award after a
        // title, not a name.
        let job_or_award = titled
            && !nameish
            && (JOB_WORDS.contains(&k.w)
                || (i + 1 < n
                    && toks.gap_before(i + 1) == " "
                    && matches!(toks.folded(i + 1), "award" | "awards" | "prize" | "medal")));
        if (k.w == "valentine" && k.poss && !titled)
            || ((nameish || k.cased) && in_set_phrase(toks, i))
            || (fans && !titled && !k.poss)
            || programme
            || job_or_award
        {
            rejected[i] = true;
            continue;
        }
        // Most tokens are lower-case or capitalised everyday words: nothing below can fire.
        let after_title = i > 0 && toks.is(i - 1, f::TITLE | f::STAFF_TITLE);
        let comma_digit = {
            let a = &text[t.end..];
            a.starts_with(", ") && a[2..].starts_with(|c: char| c.is_ascii_digit())
        };
        // "to Legend, who spent ...": a capitalised word with a person clause may be a name
        // no list holds (checked against the cues below).
        let clause_after = k.cased
            && !nameish
            && !t.sentence_start
            && person_clause_after(&text[t.end..])
            // "Thanks to Rotary, who donated": an organisation, unless a she/he follows.
            && pronoun_follows(toks, i);
        let patient_before = t.case == Case::Title
            && i > 0
            && toks.toks[i - 1].case == Case::Lower
            && matches!(toks.folded(i - 1), "patient" | "paciente");
        // "welcome home, Lark!", "Love, Atlas": a word set off after a personal greeting and
        // closing the sentence addresses (or signs as) a person, whatever the word.
        // The comma test first: almost no word follows one.
        // "Thank you, Hawkeyes!", "Go Bengals": a plural no list holds is a team or a group.
        let plural = !nameish
            && k.w.ends_with('s')
            && !["ss", "us", "is", "os", "as"]
                .iter()
                .any(|e| k.w.ends_with(e));
        let greeted_close = t.case == Case::Title
            && !t.sentence_start
            && !plural
            && text[..t.start].trim_end().ends_with(',')
            && !toks.is(i, f::INSTIT | f::TITLE | f::STAFF_TITLE)
            && ((!toks.is(i, f::NEVER | f::FUNC)
                && closing_greeting(&text[..t.start], &text[t.end..]))
                // "we will miss you, Will": a given name, even one that is a modal verb.
                || ((k.first || (!toks.is(i, f::NEVER | f::FUNC) && !lex.words.contains(k.w)))
                    && said_to_a_person(&text[..t.start], &text[t.end..])))
            && !org.name_words.contains(k.w)
            && !lex.cities.contains(k.w)
            || (k.first
                && t.case == Case::Title
                && !t.sentence_start
                && !toks.is(i, f::NEVER | f::FUNC | f::INSTIT | f::VIRTUE | f::TITLE)
                && !org.name_words.contains(k.w)
                && !lex.cities.contains(k.w)
                && (thanks_for_close(toks, i)
                    // "we're cheering for you Lily!!": right after "you", closing an
                    // exclamation ("thank you Jesus!" is a prayer).
                    || (i > 1
                        && matches!(toks.folded(i - 1), "you" | "u")
                        && toks.gap_before(i) == " "
                        && !matches!(toks.folded(i - 2), "thank" | "bless")
                        && text[t.end..].starts_with('!'))));
        // "Sky turned 5 on the PICU", "Rain finally got to go outside": a word used as a
        // given name, opening its sentence (checked against a verb and a story of care below).
        let word_name_start = t.sentence_start
            && k.cased
            && toks.is(i, f::VIRTUE | f::AMBIG)
            && !toks.is(i, f::NEVER | f::FUNC);
        let may_be_name = greeted_close
            || word_name_start
            || nameish
            || !(k.ambiguous || k.lower)
            || after_title
            || (comma_digit && k.cased)
            || clause_after
            || patient_before;
        if !may_be_name {
            continue;
        }
        let unknown = !nameish
            && !k.ambiguous
            && k.w.len() >= 3
            && k.w
                .chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'');
        let cue = left_cue(toks, i);
        let next = next_word(toks, i);
        let next2 = next.and_then(|_| next_word(toks, i + 1));
        // The verb after a name and a parenthesis: "Sunny (yes, that's his real name!)
        // celebrated ...": the token before the verb and the two words after it.
        let verb_after = || {
            let v = skip_parenthesis(toks, i);
            let (v, a, b) = if v == i {
                (v, next, next2)
            } else {
                let a = (v + 1 < n).then(|| toks.folded(v + 1));
                (v, a, a.and_then(|_| next_word(toks, v + 1)))
            };
            // "Destiny really said ...": the verb after one adverb.
            if a.is_some_and(|w| ADVERBS.contains(&w)) && b.is_some() {
                (v + 1, b, next_word(toks, v + 2))
            } else {
                (v, a, b)
            }
        };
        // "Dakota finally went home", "Destiny really said": the verb after one adverb.
        let (vi, vnext, vnext2) = if next.is_some_and(|w| ADVERBS.contains(&w)) && next2.is_some() {
            (i + 1, next2, next_word(toks, i + 2))
        } else {
            (i, next, next2)
        };
        let direct_verb = vnext.is_some() && toks.is(vi + 1, f::SVERB);
        let strong_verb = direct_verb
            || (matches!(
                vnext,
                Some("was" | "is" | "has" | "had" | "got" | "just" | "fue" | "esta")
            ) && vnext2.is_some()
                && toks.is(vi + 2, f::SVERB | f::STATEW));
        let right_cue = k.poss || strong_verb || (vnext.is_some() && toks.is(vi + 1, f::PVERB));
        let after = &text[t.end..];
        let before = toks.gap_before(i);
        let age_after = {
            let a = after.trim_start_matches(['\'', '’', 's']);
            let a = a
                .strip_prefix(',')
                // "Pearl 🐚 (5)": an emoji between the name and its age.
                .or_else(|| {
                    a.trim_start_matches(|c: char| c == ' ' || c == '\u{FE0F}' || is_emoji_like(c))
                        .strip_prefix('(')
                })
                .map(str::trim_start)
                // "Hope (age 8)", "Leo, aged 4,", "Ana (edad 6)"
                .map(|a| {
                    ["age ", "aged ", "edad ", "de ", "Age ", "Aged ", "Edad "]
                        .iter()
                        .find_map(|p| a.strip_prefix(p))
                        .unwrap_or(a)
                });
            a.is_some_and(|a| {
                let d = a.bytes().take_while(u8::is_ascii_digit).count();
                let rest = a[d..].trim_start();
                // "(8 yrs)", "(6 años)": a unit before the closing parenthesis.
                let rest = [
                    "yrs", "yo", "y/o", "years", "añitos", "anitos", "años", "anos", "months",
                    "meses", "mos", "mo", "weeks", "wks", "semanas",
                ]
                .iter()
                .find_map(|u| rest.strip_prefix(u))
                .map_or(rest, str::trim_start);
                (1..=3).contains(&d)
                    && a[..d].parse::<u32>().is_ok_and(|v| v <= 125)
                    && rest.starts_with([',', ')'])
                    && !rest[1..]
                        .trim_start()
                        .starts_with(|c: char| c.is_ascii_digit())
            }) || [" is ", " turned ", " turns ", " just turned "]
                .iter()
                .find_map(|p| after.strip_prefix(p))
                .is_some_and(|a| {
                    // "Joy is 5, loves Bluey", "Max turned 3 today!"
                    let d = a.bytes().take_while(u8::is_ascii_digit).count();
                    let rest = &a[d..];
                    (1..=3).contains(&d)
                        && (rest.starts_with([',', '!'])
                            || rest.starts_with(" years old")
                            || rest.starts_with(" today"))
                })
        };
        let vocative = (after.starts_with(',')
            && (t.sentence_start || before.trim_end().ends_with(',')))
            || (before.trim_end().ends_with(',')
                && (after.is_empty()
                    || after.starts_with(['!', '.', '?', ','])
                    || after
                        .trim_start()
                        .starts_with(|c: char| !c.is_alphanumeric())));
        let surname_next = i + 1 < n
            && toks.gap_before(i + 1) == " "
            && is_surname_like(toks, i + 1)
            && toks.toks[i + 1].case != Case::Lower;
        let known_surname_next = surname_next
            && ((toks.is(i + 1, f::LAST | f::FIRST) && !toks.is(i + 1, f::WORD))
                || hyphenated_surname(toks, i + 1));
        let initial_before = i > 0
            && toks.raw(i - 1).chars().count() == 1
            && toks.toks[i - 1].case == Case::Title
            && matches!(toks.gap_before(i), ". " | ".");
        // "Bay 3", "Ward 7": a word before a number names a thing, but only weakly ("ALFIE 7"
        // on a shirt), so the name model may still weigh it.
        let digit_next = next.is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()));
        // "Elm Ward", "Corpus Christi": a capitalised word that is no given name, title or
        // kin word right before, so the pair names a place rather than a person.
        let capitalised_word_before = i > 0
            && toks.gap_before(i) == " "
            && toks.toks[i - 1].case == Case::Title
            && !toks.is(i - 1, f::FIRST | f::TITLE | f::STAFF_TITLE | f::KIN);
        let blocked = institution_follows(toks, i)
            // "sobre la Calle Guadalupe … bájese en Guadalupe y Zarzamora": the street again.
            || (!matches!(cue, Some((Cue::Title | Cue::StaffTitle | Cue::Kin, _)))
                && street_words
                    .get_or_init(|| {
                        let mut w = (1..n)
                            .filter(|&j| {
                                matches!(
                                    toks.folded(j - 1),
                                    "calle" | "avenida" | "calzada" | "camino" | "paseo"
                                ) && toks.toks[j - 1].case == Case::Title
                                    && toks.gap_before(j) == " "
                            })
                            .map(|j| toks.folded(j))
                            .collect::<Vec<&str>>();
                        // Sorted once, searched per word: a huge line of streets stays linear.
                        w.sort_unstable();
                        w.dedup();
                        w
                    })
                    .binary_search(&k.w)
                    .is_ok())
            || (i > 0
                && toks.is(i - 1, f::PLACEPFX)
                && matches!(toks.gap_before(i), " " | ". ")
                && toks.toks[i - 1].case == Case::Title
                && !matches!(cue, Some((Cue::Title | Cue::StaffTitle, _)))
                // "El Güero ya terminó": an article before a nickname no place has.
                && !(k.first
                    && !k.ambiguous
                    && matches!(toks.folded(i - 1), "el" | "la")
                    && !lex.places.contains(toks.phrase(i - 1, i))
                    && toks.phrase(i - 1, i) != "el salvador"))
            || (i > 1
                && matches!(toks.folded(i - 1), "de" | "of" | "del")
                && toks.is(i - 2, f::PLACEPFX)
                && toks.toks[i - 2].case == Case::Title)
            // "el Centro de Adultos Mayores Alicia Treviño Lopez": the whole capitalised run
            // after a Spanish place word and "de" is the place's name.
            || {
                let b = run_start(toks, i, 6);
                // "Centro de …", "Centro Comunitario de …": the place word, maybe qualified.
                let place_word = |k: usize| toks.is(k, f::PLACEPFX) && toks.toks[k].case == Case::Title;
                b > 1
                    && b < i
                    && matches!(toks.folded(b - 1), "de" | "del")
                    && (place_word(b - 2)
                        || (b > 2 && toks.toks[b - 2].case == Case::Title && place_word(b - 3)))
            }
            || (lex.cities.contains(k.w)
                && !age_after
                && i > 0
                && matches!(
                    toks.folded(i - 1),
                    "in" | "from" | "near" | "to" | "at" | "of" | "en" | "de" | "desde"
                ))
            || digit_next
            || town_of_institution(toks, i)
            // "Storm Darragh", "Hurricane Beryl", "la tormenta Alberto": a storm's name.
            || (i > 0
                && matches!(
                    toks.folded(i - 1),
                    "storm" | "hurricane" | "typhoon" | "cyclone" | "huracan" | "tormenta"
                )
                && toks.gap_before(i) == " "
                // "after the storm Maria was admitted" is a woman.
                && (toks.toks[i - 1].case == Case::Title
                    || (i > 1 && matches!(toks.folded(i - 2), "la" | "el"))))
            // "the Honor Flight Columbus send-off": a city closing a group's name.
            || (i > 1
                && toks.toks[i - 1].case == Case::Title
                && toks.toks[i - 2].case == Case::Title
                && toks.gap_before(i) == " "
                && toks.gap_before(i - 1) == " "
                && !toks.is(i - 1, f::FIRST | f::LAST | f::TITLE | f::STAFF_TITLE | f::KIN)
                && lex.cities.contains(k.w))
            || (i > 0 && ANIMALS.contains(&toks.folded(i - 1)))
            // "our mascot Molar Mike": the mascot's two-word name.
            || (i > 1
                && matches!(toks.folded(i - 2), "mascot" | "mascota")
                && toks.toks[i - 1].case == Case::Title
                && toks.gap_before(i) == " ")
            // "Good luck tonight vs. Dublin Jerome", "Bristol City v Rovers": a team.
            || {
                let b = run_start(toks, i, 3);
                b > 0
                    && matches!(toks.folded(b - 1), "vs" | "versus" | "v" | "contra")
                    && toks.toks[b - 1].case == Case::Lower
            }
            // "Elm Ward has moved to level 3": a ward's name, not Mr Ward.
            || (k.w == "ward" && capitalised_word_before)
            // "grew up in Corpus Christi", "Lake Jackson": the last word of a known town.
            || (capitalised_word_before
                && !matches!(cue, Some((Cue::Title | Cue::StaffTitle | Cue::Kin, _)))
                && {
                    let p = toks.phrase(i - 1, i);
                    lex.cities.contains(p) || lex.places.contains(p)
                })
            // "The 8 and 9 buses from Temple Meads": a stop or a station.
            || stop_or_station(toks, i)
            // "Santiago de Compostela, here we come!": a city abroad.
            || (k.w == "santiago"
                && i + 2 < n
                && toks.folded(i + 1) == "de"
                && matches!(
                    toks.folded(i + 2),
                    "compostela" | "chile" | "cuba" | "queretaro" | "los"
                ))
            // "the Riverside Foundation Gala", "our Give Back Gala": an event named by its host
            // or its cause ("Gala" after a given name may still be a child's second name).
            || (i > 0
                && toks.gap_before(i) == " "
                && toks.toks[i - 1].case == Case::Title
                && (toks.is(i - 1, f::INSTIT)
                    || (k.w == "gala"
                        && !toks.is(i - 1, f::FIRST | f::TITLE | f::KIN | f::GREETING)))
                && matches!(k.w, "gala" | "ball" | "classic" | "open" | "games"))
            // "the first Hispanic Surgeon General": an office.
            || (k.w == "general"
                && i > 0
                && matches!(toks.folded(i - 1), "surgeon" | "attorney" | "inspector" | "consul"))
            // "Bristol's old tobacco warehouses": the organisation's own city.
            || (org.cities.iter().any(|c| c == k.w)
                && !matches!(cue, Some((Cue::Title | Cue::StaffTitle | Cue::Kin, _))))
            // "la Iglesia Bautista Emanuel", "Escuela Primaria Benito Juárez": the words after a
            // Spanish place word and its qualifier are the place's name.
            || (i > 1
                && toks.is(i - 2, f::PLACEPFX)
                && toks.toks[i - 2].case == Case::Title
                && toks.toks[i - 1].case == Case::Title
                && matches!(
                    toks.folded(i - 2),
                    "iglesia" | "parroquia" | "capilla" | "templo" | "escuela" | "colegio"
                )
                && matches!(
                    toks.folded(i - 1),
                    "bautista"
                        | "metodista"
                        | "catolica"
                        | "cristiana"
                        | "evangelica"
                        | "luterana"
                        | "presbiteriana"
                        | "adventista"
                        | "pentecostal"
                        | "primaria"
                        | "secundaria"
                        | "elemental"
                ))
            // "A volunteer Santa waves": Santa Claus, unless a place follows ("Santa Rosa").
            || (k.w == "santa"
                && next_word(toks, i).is_none_or(|_| toks.toks[i + 1].case != Case::Title))
            // "Opened by HRH The Princess Royal": royalty, by their style.
            || (i > 0 && (i.saturating_sub(3)..i).any(|k| toks.folded(k) == "hrh"))
            // "Our van is at Long Ashton": a two-word town of the gazetteer after "at".
            || town_after_preposition(toks, lex, i)
            // "Maple the Moose turned 10": the animal of a mascot's name.
            || (i > 0 && toks.folded(i - 1) == "the" && ANIMALS.contains(&k.w))
            // "Little League", "Big Ten": a nickname title before an institution word.
            || (i > 0
                && matches!(toks.folded(i - 1), "little" | "big" | "lil")
                && toks.is(i, f::INSTIT))
            // "que vivan la Esperanza, la Fe y la Alegría": a virtue after an article.
            || (i > 0
                && !t.sentence_start
                && matches!(toks.folded(i - 1), "la" | "el" | "las" | "los")
                && toks.is(i, f::VIRTUE))
            || pet_apposition(after)
            // ... unless the post says it is a name ("his name is Leo 🦖", a costume).
            || (animal_emoji_after(after)
                && !(i > 0 && matches!(toks.folded(i - 1), "named" | "is" | "llama")))
            || character_of(toks, i)
            || animal_named(toks, i)
            || place_with_de(toks, lex, i)
            || town_of_country(toks, i)
            // "Martyn's Law", "Max and Keira's Law": a law named for someone.
            || named_law(toks.raw(i), after)
            // "Nurse Leader of the Year": an award's title.
            || [" of the Year", " of the year", " of the Month", " del Año", " del año"]
                .iter()
                .any(|p| after.starts_with(p))
            // "the Rotary Club of Clifton", "the Town of Hope": where a body is.
            || (i >= 2
                && toks.folded(i - 1) == "of"
                && toks.gap_before(i) == " "
                && matches!(
                    toks.folded(i - 2),
                    "club" | "city" | "town" | "borough" | "village" | "diocese" | "bank"
                ))
            || destination_or_devotion(toks, i)
            // "Dr. House-level diagnostics": a name made an adjective.
            || {
                // The tokeniser may keep the hyphenated word whole ("House-level").
                let raw = toks.raw(i);
                let rest = match raw.find('-') {
                    Some(h) => &raw.as_bytes()[h..],
                    None => &text.as_bytes()[t.end..],
                };
                rest.first() == Some(&b'-')
                    && [
                        "level", "style", "like", "esque", "worthy", "grade", "type", "inspired",
                        "approved", "sized", "size",
                    ]
                    .iter()
                    .any(|w| {
                        rest.len() > w.len()
                            && rest[1..=w.len()].eq_ignore_ascii_case(w.as_bytes())
                            && rest.get(w.len() + 1).is_none_or(|b| !b.is_ascii_alphanumeric())
                    })
            }
            // "Christmas Eve", "New Year's Eve": the day, not a woman called Eve.
            || (k.w == "eve"
                && i > 0
                && matches!(
                    toks.folded(i - 1),
                    "christmas" | "year's" | "years" | "year" | "easter" | "halloween" | "hallows"
                ));
        if blocked {
            rejected[i] = !digit_next;
            continue;
        }
        // Acronyms in ordinary text ("NICU", "AMA") are names only after a title or a kin word.
        // "'HAPPY RETIREMENT BARB!!!'": a shouted phrase in a quiet post is read like an
        // all-caps post, not as a row of acronyms.
        let upper_word = |j: usize| {
            toks.toks[j].case == Case::Upper
                && !toks.toks[j].numeric
                && toks.toks[j].sentence == t.sentence
                && toks.raw(j).len() >= 2
        };
        let shouted = i >= 2 && upper_word(i - 1) && upper_word(i - 2);
        let acronym = t.case == Case::Upper
            && !all_caps
            && !shouted
            && (k.ambiguous
                || !k.first
                || k.w.len() < 4
                // "Saturday's NEDA Walk": an organisation's initials before its event.
                || next.is_some_and(|w| {
                    toks.toks[i + 1].case == Case::Title
                        && matches!(
                            w,
                            "walk" | "run" | "ride" | "gala" | "conference" | "summit" | "awards"
                        )
                })
                // "our DAFNE carb-counting course": a programme's initials before its kind.
                || programme_after(toks, i));
        let virtue = toks.is(i, f::VIRTUE);
        // "'4 North – Room 12 – LILY B.'", "Ava R. rang the bell": a given name with the
        // initial of a surname, in any case.
        // "(Lily R.)" mid-sentence: a word-name with an initial too.
        // "— Lily M., age 10, Pediatrics": a signature with an age, even opening its line.
        let aged_initial = || {
            let a = &text[toks.toks[i + 1].end..];
            a.strip_prefix(".,")
                .map(str::trim_start)
                .is_some_and(|a| a.starts_with("age ") || a.starts_with("edad "))
        };
        let with_initial = k.first
            && initial_follows(toks, i)
            && ((k.cased && (!k.ambiguous || !t.sentence_start || aged_initial()))
                || t.case == Case::Upper)
            && !LABEL_WORDS.contains(&k.w)
            // "Jesús M., de 34 años": a word kept from names is one, given an age.
            && (!toks.is(i, f::NEVER | f::FUNC) || aged)
            // "esp kaylee m. who designed the poster": typed all in lower case, of a given
            // name that is no word.
            || (t.case == Case::Lower
                && k.first
                && !k.ambiguous
                && !toks.is(i, f::WORD | f::NEVER | f::FUNC | CUE_WORDS)
                && i + 1 < n
                && toks.gap_before(i + 1) == " "
                && toks.raw(i + 1).len() == 1
                && toks.toks[i + 1].case == Case::Lower
                && text[toks.toks[i + 1].end..].starts_with('.'));
        // "Carter's Room – knock first!": whose room it is.
        let own_room =
            k.poss && k.first && k.cased && matches!(next, Some("room" | "bedroom" | "cuarto"));
        // "Mr. Buttons has been found! 🐰": a plural everyday word after a title is a toy's or
        // a pet's name; surnames that are plurals ("Mr. Williams") are in the surname list.
        let toy = k.cased
            && !nameish
            && toks.is(i, f::WORD)
            && k.w.len() > 3
            && k.w.ends_with('s')
            && !k.w.ends_with("ss");
        // "more wee Hamishes soon": a given name made plural after a quantity names no one
        // ("Noahs first steps" is a possessive without its apostrophe).
        let plural_name = k.cased
            && !nameish
            && (i.saturating_sub(3)..i).any(|p| {
                matches!(
                    toks.folded(p),
                    "more" | "many" | "some" | "few" | "lots" | "all" | "two" | "three" | "several"
                )
            })
            && [k.w.strip_suffix("es"), k.w.strip_suffix('s')]
                .iter()
                .flatten()
                .any(|b| b.len() >= 3 && lex.first.contains(b));
        if plural_name {
            rejected[i] = true;
        }
        let toy = toy || plural_name;
        // "thanks to St. Bridget's parish": a place's or saint's prefix.
        let saint_or_place_prefix = toks.is(i, f::PLACEPFX)
            && i + 1 < n
            && toks.toks[i + 1].case == Case::Title
            && matches!(toks.gap_before(i + 1), " " | ". ");
        // "our Pregnancy & Infant Loss support circle": a capitalised kin word inside a
        // programme's title cues no name.
        let kin_in_title = cue.is_some_and(|(c, j)| {
            matches!(c, Cue::Kin)
                && j > 0
                && toks.toks[j].case == Case::Title
                && !toks.toks[j].sentence_start
                && (toks.toks[j - 1].case == Case::Title || toks.gap_before(j).contains('&'))
        });
        // "our sister NICU in Kumasi", "from DR Congo": a unit's acronym after a title, and a
        // country after the Democratic Republic's "DR" ("Sister Georgia" is a name).
        let title_before_never = toks.is(i, f::NEVER)
            && cue.is_some_and(|(_, j)| {
                (t.case == Case::Upper && toks.toks[j].case != Case::Upper) || toks.raw(j) == "DR"
            });
        // "¿Van pa Dallas o Austin?": Spanish "para" before a town.
        let pa_to_town = cue.is_some_and(|(_, j)| {
            toks.raw(j) == "pa" && (lex.cities.contains(k.w) || lex.places.contains(k.w))
        });
        // "'I'm a Big Sib' shirts": an article before a nickname title makes a noun phrase;
        // so does a dictionary word no given name shares ("the Charity Big Bake").
        let article_nickname = cue.is_some_and(|(_, j)| {
            j > 0
                && matches!(toks.folded(j), "big" | "little" | "lil" | "baby" | "wee")
                && ((!nameish && matches!(toks.folded(j - 1), "a" | "an"))
                    // A quoted nickname stays one: Marty "Big Tuna" Kowalczyk.
                    || (toks.folded(j) == "big"
                        && k.cased
                        && !k.first
                        && toks.is(i, f::WORD)
                        && !toks.gap_before(j).contains(['"', '“', '\'', '‘'])))
        });
        let reason: Option<&'static str> = match cue.map(|c| c.0) {
            Some(Cue::Title | Cue::StaffTitle)
                if !pa_to_town
                    && !title_before_never
                    && !article_nickname
                    && ((k.cased && !toks.is(i, f::FUNC) && !toy)
                    || (k.lower
                        && (!k.ambiguous || k.w.len() == 1)
                        // "RN sign-on bonus": a compound of words, not a name.
                        && !(k.w.contains('-')
                            && k.w.split('-').all(|p| {
                                let c = lex.class(p);
                                c & (f::WORD | f::FUNC) != 0 && c & f::FIRST == 0
                            }))
                        // "Big shoutout", "little thank-you": a cue word of the lists after a
                        // nickname title is that word, not a name.
                        // "la señora sonríe", "mi abuela vivió": a Spanish verb after a title.
                        && (nameish
                            || (!toks.is(i, CUE_WORDS)
                                && toks.raw(i).is_ascii()
                                // "la Enfermera recordamos": a Spanish verb's ending; "our
                                // volunteer cuddler schedule": an English noun's.
                                && ![
                                    "amos", "emos", "imos", "aron", "ieron", "ando", "iendo", "er",
                                    "ers", "ing",
                                ]
                                .iter()
                                    .any(|v| k.w.len() >= v.len() + 2 && k.w.ends_with(v))))
                        // "pa vacunarse": Spanish "para", not a physician assistant; "their big
                        // takeaway": an adjective before a noun no list holds.
                        && (nameish
                            || !cue.is_some_and(|(_, j)| {
                                toks.toks[j].case == Case::Lower
                                    && matches!(
                                        toks.folded(j),
                                        "pa" | "big" | "little" | "lil" | "baby" | "wee"
                                            // "have to miss skin-to-skin": the verb.
                                            | "miss"
                                    )
                            })))
                    || (k.lower
                        && !toks.is(i, f::FUNC)
                        && cue.is_some_and(|(_, j)| {
                            abbreviated_title(toks, j)
                                || lower_courtesy_title(toks, j, i)
                                || endearment_with_pronoun(toks, j, i)
                        }))
                    || (t.case == Case::Upper && k.w.len() == 1)
                    // "Big Al is HOME": a nickname, even of a word that is also Spanish.
                    || (k.cased
                        && k.first
                        && cue.is_some_and(|(_, j)| toks.folded(j) == "big"))) =>
            {
                Some("name after a title")
            }
            Some(Cue::Kin)
                // "cáncer de mama 🎀 Todos los martes": a function word opening a sentence is
                // no name ("his patient Will" is).
                if !kin_in_title && (k.cased
                    && (!k.ambiguous || nameish)
                    && !(t.sentence_start && toks.is(i, f::FUNC)))
                    || (k.lower && k.first && !k.ambiguous && k.w.len() >= 3)
                    // "a la familia ramírez de nuevo braunfels": a known surname right after
                    // the word for a family, in lower case.
                    || (k.lower
                        && k.last
                        && !k.ambiguous
                        && !lex.words.contains(k.w)
                        && k.w.len() >= 4
                        && cue.is_some_and(|(_, j)| {
                            j + 1 == i && matches!(toks.folded(j), "familia" | "family")
                        }))
                    // "con su hijo jesus, el dr…": a name no dictionary holds, set off right
                    // after the family word, even one that is also a word of faith.
                    || (k.lower
                        && k.first
                        && !lex.words.contains(k.w)
                        && after.starts_with([',', '.', '!'])
                        && cue.is_some_and(|(_, j)| j + 1 == i))
                    // "la mamá de Alondra", "la pulsera de Alondra": whose relative or wristband,
                    // whatever the word.
                    || (t.case == Case::Title
                        && !t.sentence_start
                        && toks.is(i, f::FIRST)
                        && !toks.is(i, f::NEVER | f::FUNC | f::INSTIT | f::TITLE)
                        && cue.is_some_and(|(_, j)| {
                            j + 2 == i
                                && toks.toks[j].case == Case::Lower
                                && (toks.is(j, f::KIN) || cues::BELONGINGS.contains(&toks.folded(j)))
                                && toks.folded(i - 1) == "de"
                                && toks.gap_before(i) == " "
                        }))
                    // "our patient Honor went home": a capitalised word right after "patient"
                    // and acting as a person, whatever the word.
                    || (t.case == Case::Title
                        && !t.sentence_start
                        && !toks.is(i, f::NEVER | f::FUNC | f::INSTIT)
                        && cue.is_some_and(|(_, j)| {
                            j + 1 == i
                                && toks.toks[j].case == Case::Lower
                                && matches!(toks.folded(j), "patient" | "paciente")
                        })
                        // "our patient Advocate is here": a job, so a bare "is" does not do.
                        && (next.is_some_and(|w| {
                            STORY_VERBS.contains(&w)
                                && !matches!(w, "is" | "was" | "has" | "had" | "got" | "esta" | "fue")
                        }) || (next.is_some() && toks.is(i + 1, f::SVERB))
                            || after.starts_with([',', '!']))) =>
            {
                Some("name after a family or care word")
            }
            Some(Cue::Greeting)
                if !acronym
                    && !plural
                    && !saint_or_place_prefix
                    && ((k.cased
                        && (!k.ambiguous || k.first)
                        && (nameish || !t.sentence_start))
                        || (k.lower && k.first && !k.ambiguous && k.w.len() >= 3)
                        // "hugs to Journey and her brother", "congrats to Will, who walked
                        // out": a person clause after the thanked word makes it a name, even
                        // one that is also a word.
                        || (k.cased
                            && !t.sentence_start
                            && !toks.is(i, f::NEVER)
                            && person_clause_after(after))) =>
            {
                Some(ADDRESSED)
            }
            _ => None,
        }
        .or_else(|| {
            if acronym {
                return None;
            }
            // "Mr Fraser can see Jack on the 14th at 2pm": someone booked in to be seen
            // ("come see Elsa at 2pm" is an invitation).
            if k.cased
                && k.first
                && !t.sentence_start
                && i > 1
                && matches!(toks.folded(i - 1), "see" | "seeing")
                && matches!(
                    toks.folded(i - 2),
                    "can" | "will" | "could" | "we'll" | "she'll" | "he'll" | "i'll" | "they'll"
                )
                && booked_for(after)
            {
                return Some("given name of someone booked in ('see Jack on the 14th')");
            }
            // "especially Rose, who knew every night nurse's order": singled out, then
            // described as a person.
            if k.cased
                && k.first
                && !t.sentence_start
                && i > 0
                && matches!(
                    toks.folded(i - 1),
                    "especially" | "particularly" | "including" | "especialmente"
                )
                && person_clause_after(after)
            {
                return Some("name singled out and described as a person");
            }
            // "The first coat went to Earl, who's been with us since…": someone given
            // something, set off and then described as a person ("thanks to Chase, who
            // donated" may be a bank).
            if k.cased
                && k.first
                && !t.sentence_start
                && i > 1
                && toks.folded(i - 1) == "to"
                && matches!(
                    toks.folded(i - 2),
                    "went" | "go" | "goes" | "gone" | "gave" | "given" | "sent" | "handed"
                        | "awarded" | "presented"
                )
                && !toks.is(i, f::NEVER | f::FUNC | f::INSTIT)
                && after.starts_with(',')
                && person_clause_after(after)
            {
                return Some("given name of someone given something, described as a person");
            }
            // "So glad Ruby's feeling better", "hope Grace is home soon": joy at someone's
            // recovery, whatever the word.
            if k.cased && k.first && !t.sentence_start && wished_recovery(toks, i) {
                return Some("given name wished a recovery");
            }
            if t.case == Case::Title
                && t.sentence_start
                && (nameish || unknown)
                && !toks.is(i, f::NEVER | f::FUNC | f::INSTIT)
            {
                // "Tyrese (yes, the kid from the video!) is back", "Grace (yes, that's her real
                // name!) got back": the aside answers "is that really a name?".
                let aside = after.trim_start().strip_prefix('(').map(|a| {
                    let a = a.split(')').next().unwrap_or("").to_ascii_lowercase();
                    (a.starts_with("yes,") || a.starts_with("sí,") || a.starts_with("si,"), a.contains("real name")
                        || a.contains("nombre real")
                        || a.contains("se llama así")
                        // "Dot (short for Dorothy)": a nickname explained.
                        || a.starts_with("short for ")
                        // "Hope (our patient, not the doctor!)": the aside says who she is.
                        || a.starts_with("our patient")
                        || a.starts_with("nuestra paciente")
                        || a.starts_with("nuestro paciente")
                        || a.starts_with("de cariño"))
                });
                if let Some((yes, real)) = aside {
                    if real || (yes && !k.ambiguous && !virtue) {
                        return Some("name with an aside about the name");
                    }
                }
                // "Hunter, you are a rockstar", "Sol, eres una campeona": a given name
                // addressed with a second person right after.
                // Endearments are no names ("Honey, you are ...").
                if k.first
                    && !matches!(
                        k.w,
                        "baby" | "honey" | "sugar" | "angel" | "doc" | "nurse" | "princess"
                            | "prince" | "king" | "queen" | "sweetie" | "love"
                    )
                    && second_person_after(after)
                {
                    return Some("given name addressed in the second person");
                }
            }
            // "3 yrs ago today Hazel was born at 24 wks": a birth names a person, even a
            // word-name's.
            if k.cased
                && k.first
                && !toks.is(i, f::NEVER | f::FUNC)
                && matches!((vnext, vnext2), (Some("was" | "were"), Some("born")) | (Some("nacio"), _))
                // "Grace was born of a simple idea": an origin, not a birth.
                && !(matches!(vnext, Some("was" | "were"))
                    && next_word(toks, vi + 2).is_some_and(|w| {
                        matches!(w, "of" | "from" | "out" | "into")
                            && !next_word(toks, vi + 3).is_some_and(|d| {
                                d.starts_with(|c: char| c.is_ascii_digit())
                            })
                    }))
            {
                // Not AGE_OR_EVENT_AFTER: "Sir Isaac Newton was born premature" stays the
                // famous man's.
                return Some("given name of someone whose birth is told");
            }
            if k.cased
                && nameish
                && (!k.ambiguous || k.first)
                && back_home(vnext, vnext2)
                && *care_talk.get_or_init(|| story_of_care(text))
            {
                Some(BACK_HOME)
            } else if let Some(r) = ((nameish && k.first || word_name_start)
                && t.sentence_start
                && (k.cased || (k.lower && text[..t.start].trim().is_empty()))
                && !toks.is(i, f::NEVER))
            .then(verb_after)
            .filter(|&(v, vnext, vnext2)| {
                // "Sky turned 5 on the PICU today", "Sunny is off oxygen! Room 507": a story of
                // care or a room stands in for the pronoun.
                subject_of_personal_event(toks, v, vnext, vnext2)
                    && (pronoun_follows(toks, i) || *stay_talk.get_or_init(|| stay_story(text)))
            })
            .and_then(|(v, vnext, _)| {
                // Born, discharged, "doing better since her surgery": a patient's event, even
                // for a name a staff member shares. "Bill called again": someone, whoever.
                if toks.is(v + 1, f::SVERB)
                    || (v + 2 < n && toks.is(v + 2, f::SVERB | f::STATEW))
                    || *care_talk.get_or_init(|| story_of_care(text))
                    || *stay_talk.get_or_init(|| stay_story(text))
                {
                    Some(WORD_NAME_SUBJECT)
                } else if vnext.is_some_and(|w| SPEECH_VERBS.contains(&w)) {
                    Some("given name as the subject of a verb of speech, with a pronoun")
                } else {
                    None
                }
            }) {
                Some(r)
            } else if k.cased
                && nameish
                && (!k.ambiguous || k.first)
                && (if k.ambiguous {
                    direct_verb || age_after
                } else {
                    strong_verb || age_after
                } || age_first)
            {
                Some(AGE_OR_EVENT_AFTER)
            } else if k.first && !k.ambiguous && k.cased && (k.w.len() >= 3 || surname_next) {
                Some(GIVEN_NAME)
            } else if k.first
                && !k.ambiguous
                && k.lower
                && k.w.len() >= 3
                // "¿Tu bebé tiene fiebre?": a word for a person, not a name.
                && !PERSON_NOUNS.contains(&k.w)
                && (right_cue
                    || known_surname_next
                    || lower_surname_next(toks, i)
                    || (t.sentence_start && after.starts_with(',')))
            {
                Some("lower-case given name in a person context")
            } else if k.first && k.cased && member_of_group(after) {
                Some("given name of a member of a class or group")
            } else if k.first && k.cased && !toks.is(i, f::AMBIG | f::INSTIT) {
                // "Rosita, nuestra paciente", "Earl, our longtime patient": an appositive.
                let appositive = patient_apposition(after)
                    || after.strip_prefix(',').is_some_and(|a| {
                    a.split_whitespace().take(4).any(|w| {
                        let w = w.trim_end_matches(|c: char| !c.is_alphabetic());
                        w.eq_ignore_ascii_case("patient")
                            || w.eq_ignore_ascii_case("paciente")
                            || w.eq_ignore_ascii_case("survivor")
                    })
                });
                let ok = if t.sentence_start {
                    known_surname_next || k.poss || (direct_verb && !virtue) || appositive
                } else {
                    known_surname_next || k.poss || right_cue || (vocative && !virtue) || appositive
                };
                ok.then_some("given name in a person context")
            } else if k.first && k.cased && known_surname_next {
                Some("given name followed by a surname")
            } else if nameish && k.cased && !toks.is(i, f::FUNC) && patient_apposition(after) {
                // "June, our longest-serving dialysis patient": the apposition says who she is,
                // even for a name that is also a word or a month.
                Some("name followed by 'our patient'")
            } else if k.last
                && !k.ambiguous
                && k.cased
                && (known_surname_next
                    || initial_before
                    || (!t.sentence_start
                        && (k.poss
                            || matches!(
                                next,
                                Some(
                                    "family"
                                        | "familia"
                                        | "family's"
                                        | "household"
                                        | "twins"
                                        | "kids"
                                        | "children"
                                        | "boys"
                                        | "girls"
                                        | "triplets"
                                        // "the Hernandez claim", "the Okoro chart"
                                        | "claim"
                                        | "account"
                                        | "chart"
                                        | "paperwork"
                                        | "estate"
                                )
                            ))))
            {
                Some("surname in a person context")
            } else if k.first
                && k.cased
                && k.poss
                && !t.sentence_start
                && matches!(
                    next,
                    Some("favorite" | "favourite" | "fave" | "favorito" | "favorita")
                )
            {
                // "remembered Lily's favorite song": only a person (or a pet) has favourites.
                Some("given name with a favourite ('Lily's favorite song')")
            } else if nameish
                && (k.cased || (k.lower && k.first && k.w.len() >= 3))
                && k.poss
                && next.is_some()
                && toks.is(i + 1, f::KIN)
            {
                Some("name with a family word ('Mason's dad')")
            } else if unknown
                && k.cased
                && !t.sentence_start
                && matches!(next, Some("family" | "familia" | "twins" | "household"))
            {
                Some("family name")
            } else if unknown
                && k.cased
                && t.case == Case::Title
                && (strong_verb
                    || (vnext.is_some_and(|w| STORY_VERBS.contains(&w))
                        && toks.gap_before(vi + 1) == " "
                        && !k.w.contains(['\'', '’'])
                        && (!matches!(vnext, Some("is" | "was" | "esta" | "fue"))
                            || matches!(
                                vnext2,
                                Some(
                                    "our"
                                        | "my"
                                        | "his"
                                        | "her"
                                        | "their"
                                        | "now"
                                        | "home"
                                        | "back"
                                        | "doing"
                                        | "still"
                                        | "finally"
                                        | "going"
                                        | "recovering"
                                        | "so"
                                        | "nuestro"
                                        | "nuestra"
                                        | "mi"
                                        | "su"
                                        | "en"
                                        | "muy"
                                        | "ya"
                                )
                            ))))
                && *care_talk.get_or_init(|| story_of_care(text))
            {
                // A word in no lexicon doing what people do in a care story ("Keoni went home
                // after his surgery"): rare names are exactly the ones no list holds, so the
                // guard leans to caution and lets a person check.
                Some("unknown capitalised word acting as a person in a care story")
            // "(U.S. Army, 12 years)": years served by an institution's member.
            // "ayaan (7) made flashcards": a lower-case given name no dictionary holds, too.
            } else if (k.cased || (k.lower && k.first && !k.ambiguous && k.w.len() >= 3))
                && age_after
                && !toks.is(i, f::FUNC | f::INSTIT)
            {
                Some(if k.cased { AGE_AFTER } else { AGE_AFTER_LOWER })
            } else if unknown
                && k.cased
                // "'Quizteama Aguilera'": a pun in quotes, not someone's name.
                && !before.ends_with(['\'', '‘', '"', '“'])
                && (known_surname_next
                    || (surname_next
                        && (right_cue || (next2.is_some() && toks.is(i + 2, f::PVERB | f::SVERB)))))
            {
                Some("capitalised name followed by a surname")
            } else {
                None
            }
        });
        let reason = reason.or_else(|| greeted_close.then_some(GREETED));
        let reason = reason
            .or_else(|| with_initial.then_some(WITH_INITIAL))
            .or_else(|| own_room.then_some("name owning a room"))
            .or_else(|| {
                (k.cased && !toks.is(i, f::FUNC) && vouched_after(&text[t.end..]))
                    .then_some("name the writer vouches for ('yes, that's her real name')")
            });
        // A pair that is a staff member's full name ("Joy Park") is a name whatever its words.
        let reason = reason.or_else(|| {
            (k.cased
                && i + 1 < n
                && toks.gap_before(i + 1) == " "
                && toks.toks[i + 1].case == Case::Title
                && org.is_staff_name(&[k.w, toks.folded(i + 1)]))
            .then_some("name in the staff directory")
        });
        if let Some(r) = reason {
            let family_next = matches!(next, Some("family" | "familia" | "family's" | "household"));
            let c = if family_next {
                Some(Cue::Kin)
            } else {
                cue.map(|c| c.0)
            };
            accepted[i] = Some((r, c));
        }
    }
    // "The most popular baby names? Olivia and Liam!": names as words, not people. The cheap
    // case-sensitive test spares most posts the lower-casing.
    if (text.contains("ames") || text.contains("ombres") || text.contains("opular")) && {
        let l = text.to_lowercase();
        [
            "baby names",
            "popular names",
            "top names",
            "most popular",
            "nombres más",
            "nombres mas",
            "nombres populares",
        ]
        .iter()
        .any(|p| l.contains(p))
    } {
        for slot in accepted.iter_mut() {
            if slot.is_some_and(|(_, cue)| cue.is_none()) {
                *slot = None;
            }
        }
    }
    // Words a rule took for a name and a later check cleared (a public figure, a brand): the
    // name model must not bring them back either.
    let proposed: Vec<bool> = accepted.iter().map(Option::is_some).collect();
    not_patients(toks, public, &mut accepted);
    // Public figures quoted or celebrated in health posts are nobody's patients.
    let mut famous_seen: Vec<&str> = Vec::new();
    for i in 0..n {
        if accepted[i].is_none() && accepted.get(i + 1).is_none_or(Option::is_none) {
            continue;
        }
        // "Selena would've loved this": a star known by one name, with no cue that makes her
        // someone the post is about ("Felicidades a Selena y Marco por sus gemelas" has one).
        let w = toks.folded(i);
        let w = w.strip_suffix("'s").unwrap_or(w);
        if accepted[i].is_some_and(|(_, cue)| cue.is_none()) && MONONYMS.contains(&w) {
            accepted[i] = None;
            continue;
        }
        for len in [4usize, 3, 2, 1] {
            // "our patient John Adams", "Sam Houston, 7,", "John Adams is home after
            // surgery": a namesake in care, not the figure.
            let namesake_in_care = |len: usize| {
                accepted[i..(i + len).min(n)]
                    .iter()
                    .flatten()
                    .any(|&(r, cue)| {
                        matches!(cue, Some(Cue::Kin))
                            || [
                                BACK_HOME,
                                AGE_AFTER,
                                AGE_AFTER_LOWER,
                                AGE_OR_EVENT_AFTER,
                                WORD_NAME_SUBJECT,
                            ]
                            .contains(&r)
                    })
                    || (i + len <= n && child_age_after(&text[toks.toks[i + len - 1].end..]))
            };
            // "Charles Drew (yes, really!) of Bellefontaine": a namesake, not the figure.
            if i + len <= n
                && ((len > 1 && lex.is_famous(toks.phrase(i, i + len - 1)))
                    || brand(toks, i, i + len - 1))
                && !vouched_after(&text[toks.toks[i + len - 1].end..])
                && !namesake_in_care(len)
            {
                for slot in accepted.iter_mut().skip(i).take(len) {
                    *slot = None;
                }
                if len > 1 {
                    for k in listed_with(toks, i, i + len - 1) {
                        accepted[k] = None;
                    }
                }
                // "Manu Ginóbili visitó ... ¡Gracias, Manu!": the figure named again.
                // Once per figure: the pass over the post is linear in its length.
                if len > 1 && !famous_seen.contains(&toks.folded(i)) {
                    let first = toks.folded(i);
                    famous_seen.push(first);
                    for (k, slot) in accepted.iter_mut().enumerate() {
                        if slot.is_some() && toks.folded(k) == first {
                            *slot = None;
                        }
                    }
                }
            }
        }
        let author = author_of_quoted_work(toks, i);
        for slot in accepted.iter_mut().skip(i).take(author) {
            *slot = None;
        }
        // "the Kettering Building is named after Charles F. Kettering": an eponym.
        // "founded in 1819 … and named for his daughter Mary Ann": in a history told with
        // its year, the eponym may be the founder's kin ("named the garden for her daughter
        // Lily" today is a family's own).
        let eponym_kin = i > 3
            && matches!(
                (toks.folded(i - 4), toks.folded(i - 3)),
                ("named", "after" | "for")
            )
            && matches!(toks.folded(i - 2), "his" | "her" | "their")
            && toks.is(i - 1, f::KIN)
            // Forty words back at most: a long line stays linear.
            && (i.saturating_sub(40)..i).any(|k| {
                toks.toks[k].sentence == toks.toks[i].sentence
                    && toks.raw(k).len() == 4
                    && toks
                        .raw(k)
                        .parse::<u32>()
                        .is_ok_and(|y| (1500..1950).contains(&y))
            });
        if eponym_kin
            || i > 1
                && matches!(
                    (toks.folded(i - 2), toks.folded(i - 1)),
                    ("named", "after" | "for")
                )
        {
            let mut j = i;
            while j < n
                && j < i + 4
                && (j == i
                    || (toks.gap_before(j).trim().is_empty() || toks.gap_before(j) == ". ")
                        && toks.toks[j].case != Case::Lower)
            {
                accepted[j] = None;
                j += 1;
            }
        }
    }
    famous_surname_again(toks, &mut accepted);
    let mut vetoed: Vec<bool> = proposed
        .iter()
        .zip(&accepted)
        .zip(&rejected)
        .map(|((&p, a), &r)| r || (p && a.is_none()))
        .collect();
    let patient_talk = std::cell::OnceCell::new();
    let namesake_talk = std::cell::OnceCell::new();
    let first_new = out.len();
    // Group accepted tokens into full names, extending over surnames, initials and particles.
    let mut i = 0;
    while i < n {
        let Some((reason, cue)) = accepted[i] else {
            i += 1;
            continue;
        };
        let mut s = i;
        while s > 0 {
            let p = s - 1;
            let gap = toks.gap_before(s);
            let initial = toks.raw(p).chars().count() == 1
                && toks.toks[p].case == Case::Title
                && (gap == ". " || gap == ".");
            let name_before = gap == " "
                && toks.toks[p].case == Case::Title
                && toks.is(p, f::FIRST)
                && !toks.is(p, f::WORD | f::AMBIG | f::NEVER);
            if (initial || name_before)
                && accepted[p].is_none()
                && toks.toks[p].sentence == toks.toks[s].sentence
            {
                s = p;
            } else {
                break;
            }
        }
        let mut e = i;
        while e + 1 < n && e - s < 4 {
            let m = e + 1;
            let gap = toks.gap_before(m);
            if accepted[m].is_some() && (gap == " " || gap == "-") {
                e = m;
                continue;
            }
            let initial_before =
                toks.raw(e).chars().count() == 1 && toks.toks[e].case == Case::Title;
            if (gap == " " || (initial_before && (gap == ". " || gap == ".")))
                && is_surname_like(toks, m)
                && !institution_follows(toks, e)
            {
                e = m;
                continue;
            }
            // "Marcus Hill", "Tyrone Brown": a common surname that is also a word, right after
            // an unambiguous given name, with nothing capitalised after it ("Marcus Hill Park"
            // is a park).
            if gap == " "
                && e == s
                && toks.toks[m].case == Case::Title
                && WORD_SURNAMES.contains(&toks.folded(m).trim_end_matches("'s"))
                && toks.is(s, f::FIRST)
                && !toks.is(s, f::WORD | f::AMBIG | f::NEVER)
                && !(m + 1 < n
                    && toks.gap_before(m + 1) == " "
                    && toks.toks[m + 1].case != Case::Lower)
                // "from Lawrence Hill", "the Barton Hill fair": districts of a town.
                && !(s > 0
                    && matches!(
                        toks.folded(s - 1),
                        "in" | "at" | "from" | "near" | "around" | "the" | "en" | "desde"
                    ))
                && !lex.places.contains(toks.phrase(s, m))
                && !lex.cities.contains(toks.phrase(s, m))
            {
                e = m;
                break;
            }
            // A quoted nickname between given name and surname: "Harold 'Hal' Whitaker".
            if m + 1 < n
                && matches!(gap, " '" | " \"" | " “" | " ‘")
                && toks.toks[m].case == Case::Title
                && matches!(toks.gap_before(m + 1), "' " | "\" " | "” " | "’ ")
                && is_surname_like(toks, m + 1)
            {
                e = m + 1;
                continue;
            }
            // Last initial: "SOPHIA R.", "Rodrigo M."
            if gap == " "
                && toks.raw(m).chars().count() == 1
                && toks.toks[m].case == Case::Title
                && text[toks.toks[m].end..].starts_with('.')
                && !(m + 1 < n && is_surname_like(toks, m + 1) && toks.gap_before(m + 1) == ". ")
            {
                e = m;
                break;
            }
            // Middle initial: "John F. Kennedy"
            if gap == " "
                && toks.raw(m).chars().count() == 1
                && toks.toks[m].case == Case::Title
                && text[toks.toks[m].end..].starts_with('.')
                && m + 1 < n
                && is_surname_like(toks, m + 1)
            {
                e = m + 1;
                continue;
            }
            // Particles: "García de la Cruz", "van der Berg"
            if gap == " " && toks.is(m, f::PARTICLE) && toks.toks[m].case == Case::Lower {
                let mut q = m;
                while q + 1 < n && toks.is(q + 1, f::PARTICLE) && toks.gap_before(q + 1) == " " {
                    q += 1;
                }
                // "la Sra. Treviño de San Antonio", "Ramírez de Lytle": a town after "de" is
                // where she is from (the location pass marks it), not more of her surname.
                let town = |len: usize| {
                    q + len < n && {
                        let p = toks.phrase(q + 1, q + len);
                        lex.cities.contains(p)
                            || lex.places.contains(p)
                            || org.cities.iter().any(|c| c == p)
                    }
                };
                if q + 1 < n
                    && toks.gap_before(q + 1) == " "
                    && is_surname_like(toks, q + 1)
                    && toks.toks[q + 1].case == Case::Title
                    && !(toks.folded(m) == "de" && (town(1) || town(2)))
                {
                    e = q + 1;
                    continue;
                }
            }
            break;
        }
        let words: Vec<&str> = (s..=e)
            .map(|k| {
                let w = toks.folded(k);
                w.strip_suffix("'s").unwrap_or(w)
            })
            .collect();
        i = e + 1;
        if words.iter().all(|w| org.name_words.contains(*w)) {
            vetoed[s..=e].fill(true);
            continue;
        }
        // "Carol singers", "Daisy chains": a word-name with no cue before a plural noun for
        // people or things is that compound, not someone called Carol.
        if cue.is_none() && s == e && e + 1 < n && toks.is(s, f::WORD) {
            let m = e + 1;
            let w = toks.folded(m);
            if toks.gap_before(m) == " "
                && toks.toks[m].case == Case::Lower
                && (w.ends_with("ers") || w.ends_with("chains"))
                && toks.is(m, f::WORD)
                && !toks.is(m, f::PVERB | f::SVERB | f::FIRST)
                && !VERBS_IN_ERS.contains(&w)
            {
                vetoed[s..=e].fill(true);
                continue;
            }
        }
        // "Papa Joe's Pizza", "Abuela's Kitchen": a possessive name on a business, whatever
        // cue comes before it.
        if e + 1 < n
            && toks.possessive(e)
            && toks.gap_before(e + 1) == " "
            && toks.toks[e + 1].case == Case::Title
            && BUSINESSES.contains(&toks.folded(e + 1))
        {
            vetoed[s..=e].fill(true);
            continue;
        }
        // "Ronald McDonald Family Room", "Harper Collins Publishers", "Joe's Diner": a name
        // followed by a capitalised common noun names a thing, not a person.
        if !matches!(cue, Some(Cue::Title | Cue::StaffTitle | Cue::Kin)) && e + 1 < n {
            let gap = toks.gap_before(e + 1);
            let m = e + 1;
            if gap == " "
                && toks.toks[m].case == Case::Title
                && !toks.toks[m].sentence_start
                && toks.folded(m).len() >= 3
                && toks.is(m, f::WORD)
                && !toks.is(m, f::FIRST | f::PVERB | f::SVERB)
            {
                vetoed[s..=e].fill(true);
                continue;
            }
        }
        let title_before = s > 0 && is_title_gap(toks, s) && toks.is(s - 1, f::STAFF_TITLE);
        let credential_after = e + 1 < n
            && matches!(toks.gap_before(e + 1), ", " | " " | "," | " (" | "(")
            && toks.toks[e + 1].case == Case::Upper
            && toks.is(e + 1, f::CRED);
        // Staff do not go home from the NICU: "Hope is finally home" is a patient called Hope.
        // "baby Hope", "abuelita Grace": a kin title names a patient, whoever shares the name.
        let kin_title = s > 0
            && is_title_gap(toks, s)
            && matches!(
                toks.folded(s - 1),
                "baby"
                    | "lil"
                    | "little"
                    | "grandma"
                    | "grandpa"
                    | "nana"
                    | "granny"
                    | "abuela"
                    | "abuelo"
                    | "abuelita"
                    | "abuelito"
            );
        // "Priya S." while the directory's Priya is Dr. Natarajan: another Priya.
        let initial = if e > s && toks.raw(e).len() == 1 {
            Some(e)
        } else {
            initial_follows(toks, e).then_some(e + 1)
        };
        let other_initial = initial.is_some_and(|k| {
            !org.staff_pairs()
                .any(|(g, surname)| g == words[0] && surname.starts_with(toks.folded(k)))
        });
        // "Mrs. Venkataraman (Dr. Rajesh Venkataraman's mom)": a courtesy title before the
        // surname of staff the directory lists by another title is a relative or namesake.
        let courtesy_other = s > 0
            && is_title_gap(toks, s)
            && COURTESY_TITLES.contains(&toks.folded(s - 1))
            && words.len() == 1
            && !org.courtesy_surnames.contains(words[0]);
        // "Jordan was such a champ…, and Nurse Jordan Ellis says it was an honor to share a
        // name with him": the post says a staff member's given name is someone else's too.
        let namesake = words.len() == 1
            && !(e + 1 < n
                && toks.gap_before(e + 1) == " "
                && org.is_staff_name(&[words[0], toks.folded(e + 1)]))
            && *namesake_talk.get_or_init(|| namesake_post(text));
        let patient_cue = kin_title
            || named_person(toks, s)
            || namesake
            || courtesy_other
            || other_initial
            || reason == AGE_AFTER
            || reason == AGE_AFTER_LOWER
            || reason == AGE_OR_EVENT_AFTER
            || cue == Some(Cue::Kin)
            || reason == BACK_HOME
            || reason == WORD_NAME_SUBJECT;
        let (whose, why) = if title_before || credential_after {
            if org.is_staff_name(&words) {
                (Whose::Staff, "staff member in the directory")
            } else if words.len() == 1 && words[0].chars().count() == 1 && title_before {
                // "Dr. H": a staff nickname, too short to tell anyone apart.
                (Whose::Staff, "initial after a clinical title")
            } else if words.len() == 1
                && words[0].len() >= 3
                && s > 0
                && matches!(
                    toks.folded(s - 1),
                    "dr" | "dra" | "doc" | "doctor" | "doctora"
                )
                && org.staff_pairs().any(|(_, surname)| {
                    surname.len() > words[0].len() + 1 && surname.starts_with(words[0])
                })
            {
                // "la Dra. Etxe" for Dra. Etxeberria: a doctor's surname cut short.
                (
                    Whose::Staff,
                    "shortened surname of a doctor in the directory",
                )
            } else {
                // The guard only knows the directory: a titled outsider ("volunteer Mabel",
                // "Dr. Reyes from the VA") may be a patient or relative, so a human must check.
                (Whose::Patient, "titled person not in the staff directory")
            }
        } else if org.is_staff_name(&words)
            && !patient_cue
            && !(words.len() == 1 && *patient_talk.get_or_init(|| addressed_as_patient(toks)))
        {
            (Whose::Staff, "name in the staff directory")
        } else {
            (Whose::Patient, reason)
        };
        let end = without_possessive(text, toks.toks[e].end);
        out.push(Cand {
            kind: Kind::PersonName,
            start: toks.toks[s].start,
            end,
            whose,
            reason: why.to_string(),
            prio: 3,
        });
    }
    same_name_again(toks, out, first_new);
    initials(toks, out);
    lowercase_addressed(toks, org, out);
    cheered(toks, org, out);
    title_initial(toks, out);
    appositions(toks, lex, org, out);
    signed_with_age(toks, org, out);
    thanked_for_being(toks, org, out);
    initial_and_surname(toks, org, out);
    tags(toks, lex, org, out);
    model::find(toks, org, all_caps, &vetoed, out);
}

/// "the Virginia Apgar Award … Fun fact: Dr. Apgar played the violin": a public figure
/// named in full anywhere in the post (even inside an award's name), then by surname alone.
fn famous_surname_again(toks: &Tokens, accepted: &mut [Option<(&'static str, Option<Cue>)>]) {
    if accepted.iter().all(Option::is_none) {
        return;
    }
    let lex = lexicon::get();
    let n = toks.toks.len();
    let title = |k: usize| k < n && toks.toks[k].case == Case::Title && toks.gap_before(k) == " ";
    // Each figure's surname with where it is first named in full.
    let mut surnames: std::collections::HashMap<&str, usize, lexicon::FastHash> =
        Default::default();
    for i in 0..n.saturating_sub(1) {
        if toks.toks[i].case != Case::Title || !title(i + 1) {
            continue;
        }
        for len in [2, 3] {
            if (len == 2 || title(i + 2))
                && i + len <= n
                && lex.is_famous(toks.phrase(i, i + len - 1))
            {
                surnames
                    .entry(toks.folded(i + len - 1))
                    .or_insert(i + len - 1);
            }
        }
    }
    if surnames.is_empty() {
        return;
    }
    for (k, slot) in accepted.iter_mut().enumerate() {
        if slot.is_some() && surnames.get(toks.folded(k)).is_some_and(|&at| k > at) {
            *slot = None;
        }
    }
}

/// The first token of the run of capitalised words, joined by single spaces, that ends at
/// token `i`, looking back at most `max` words.
fn run_start(toks: &Tokens, i: usize, max: usize) -> usize {
    let mut b = i;
    while b > 0 && b + max > i && toks.gap_before(b) == " " && toks.toks[b - 1].case == Case::Title
    {
        b -= 1;
    }
    b
}

const BACK_HOME: &str = "name going home after care";
/// Readings that say no more than "a name is here": the staff directory outranks them
/// (see `staff.rs`).
pub(crate) const ADDRESSED: &str = "name addressed or thanked";
pub(crate) const GIVEN_NAME: &str = "given name";
/// Token `i` is followed by a one-letter initial and its period ("Ava R.", "LILY B.").
/// "a 9-year-old patient named Joy", "una niña llamada Esperanza": the post says the name
/// at token `i` is a patient's or a relative's, even where a staff member shares it.
pub(crate) fn named_person(toks: &Tokens, i: usize) -> bool {
    i > 1
        && matches!(
            toks.folded(i - 1),
            "named" | "called" | "llamado" | "llamada"
        )
        && toks.is(i - 2, f::KIN | f::CPERSON)
}

fn initial_follows(toks: &Tokens, i: usize) -> bool {
    i + 1 < toks.toks.len()
        && toks.gap_before(i + 1) == " "
        && toks.raw(i + 1).len() == 1
        && toks.toks[i + 1].case != Case::Lower
        && toks.text[toks.toks[i + 1].end..].starts_with('.')
}

const AGE_AFTER: &str = "capitalised name followed by an age";
const AGE_AFTER_LOWER: &str = "lower-case given name followed by an age";
const WITH_INITIAL: &str = "given name with the initial of a surname";
pub(crate) const AGE_OR_EVENT_AFTER: &str = "name followed by an age or a life event";
pub(crate) const GREETED: &str = "word addressed or signed after a greeting";
pub(crate) const WORD_NAME_SUBJECT: &str =
    "given name as the subject of a personal event, with a pronoun or in a story of a stay";

/// Class bits of cue words (greetings, kin, fillers, verbs): never names after "big", "little".
const CUE_WORDS: u32 =
    f::GREETING | f::KIN | f::FILLER | f::PVERB | f::SVERB | f::STATEW | f::INSTIT | f::CRED;
