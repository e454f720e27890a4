//! Rules added after the seventh blind batch (eval/phi_round7.jsonl): plural group words
//! ("nonagenarians", "centenarios") are no ages; a word set off after a personal greeting and
//! closing the sentence ("welcome home, Lark!", a sign-off "Love, Atlas") is a name whatever the
//! word; an aside saying "our patient" makes the opening word a name; a home town after "going
//! home to" (but not "welcome home to" a person, nor "is home to"). Texts here are not from
//! eval/.

mod common;

use common::{clinic, has, pass, STAFF};
use guard::Kind;

#[test]
fn plural_age_words_name_a_group() {
    let g = clinic(STAFF);
    assert!(pass(
        &g,
        "Centenarians and nonagenarians often take many medicines: ask our pharmacists for a review."
    ));
    assert!(pass(
        &g,
        "Los centenarios de la región comparten algo: caminan todos los días."
    ));
    // One person described by the word is still an age over 89.
    assert!(has(
        &g,
        "Meet Alma, a centenarian who still gardens every morning with her grandson.",
        Kind::AgeOver89,
        "centenarian"
    ));
}

#[test]
fn a_word_addressed_after_a_greeting_is_a_name() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "Nine weeks in the NICU and now the nursery at home is finally ready: welcome home, Wren!",
        Kind::PersonName,
        "Wren"
    ));
    assert!(has(
        &g,
        "The card on the nurses' station said 'Thanks for the popsicles! Love, Juniper'",
        Kind::PersonName,
        "Juniper"
    ));
    assert!(has(
        &g,
        "Last round done and the bell rang loud. We are so proud of you, Canyon!",
        Kind::PersonName,
        "Canyon"
    ));
    // A greeting to a place or a team is no name.
    assert!(pass(&g, "Thanks for a great year, Lakeview!"));
    assert!(pass(&g, "Flu shots are in. Love, your pharmacy team"));
}

#[test]
fn an_aside_saying_our_patient_makes_a_name() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "Faith (our patient, not the hymn) walked a full lap of the ward today.",
        Kind::PersonName,
        "Faith"
    ));
}

#[test]
fn a_home_town_after_going_home_to() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "After 40 days with us, Mr. Bautista is heading home to Wharton tomorrow.",
        Kind::Location,
        "Wharton"
    ));
    assert!(!has(
        &g,
        "A warm welcome home to Juniper, who spent her first weeks in our NICU.",
        Kind::Location,
        "Juniper"
    ));
}
