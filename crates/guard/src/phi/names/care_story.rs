//! Whole-post checks that let context-poor names through: the post tells of someone's care or
//! stay, or speaks to a patient ("you were so brave").

use crate::phi::text::{PhraseSet, Tokens};

/// The post tells of someone's stay: a room, bed or unit ("Room 507", "5 North"), an
/// intensive care unit, a discharge, chemo, surgery, oxygen, the bell.
pub(super) fn stay_story(text: &str) -> bool {
    STAY_WORDS.in_text(text) || unit_named(text)
}

/// A room, bed or unit is named ("Room 507", "5 North", "bed 12"): the post is about a stay.
fn unit_named(text: &str) -> bool {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        regex::Regex::new(
            r"(?i)(?:room|rm|bed|bay|ward|cuarto|habitaci[oó]n|cama)\s*#?\d|\d+\s*(?:north|south|east|west)",
        )
        .expect("unit regex")
    })
    .is_match(text)
}

/// The text tells of someone's care (a stay, a treatment, a recovery).
pub(super) fn story_of_care(text: &str) -> bool {
    CARE_WORDS.in_text(text)
}

/// A first name alone, addressed with words said to patients ("Minh, you were so brave",
/// "Thanks for visiting us, Maria"): a patient even if a staff member shares the name.
pub(super) fn addressed_as_patient(toks: &Tokens) -> bool {
    SAID_TO_PATIENTS.in_text(toks.text)
}

static STAY_WORDS: PhraseSet = PhraseSet::new(&[
    "picu",
    "nicu",
    " icu",
    "discharg",
    "chemo",
    "surgery",
    "oxygen",
    "ventilator",
    "rang the bell",
    "transplant",
    "went home",
    "going home",
    "cirug",
    "quimio",
]);

static CARE_WORDS: PhraseSet = PhraseSet::new(&[
    "surgery",
    "chemo",
    "treatment",
    "discharg",
    "went home",
    "going home",
    "recover",
    "patient",
    "nicu",
    "icu",
    "transplant",
    "diagnos",
    "therapy",
    "brave",
    "cirug",
    "paciente",
    "tratamiento",
    "terapia",
    "dado de alta",
    "dada de alta",
    "oxygen",
    "rang the bell",
    // "first parkrun back after the knee op": an operation, as UK posts shorten it.
    "knee op",
    "hip op",
    "post-op",
    "rehab",
    "physio",
    "operación",
]);

static SAID_TO_PATIENTS: PhraseSet = PhraseSet::new(&[
    "brave",
    "discharge",
    "recover",
    "visiting us",
    "your stay",
    "your surgery",
    "feel better",
    "get well",
    "glad you",
    "proud of you",
    "you were",
    "we remember",
    "heal",
    "surgeries",
    "ventilator",
    "fighting",
    "diagnos",
    "chemo",
    "transplant",
    "praying",
    "prayers",
    "thoughts",
    "miss you",
    "te extra",
    "valiente",
    "recuper",
    // a former patient back to say thanks ("volvió a visitarnos", "came back to visit")
    "visitarnos",
    "came back to visit",
    // a stay or a birth told of the named person
    "went home",
    "going home",
    "walked out",
    "weeks with us",
    "days with us",
    "months with us",
    "cheering you",
    "was born",
    "rang the bell",
    "her surgery",
    "his surgery",
]);
