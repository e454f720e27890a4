//! Rules added after the sixth blind batch (eval/phi_round6.jsonl): ages told as a feat ("95 and
//! still ..."), in words before "today", after "she's" or "celebrating"; group ages ("aged 90 and
//! older") and an institution's birthday are no ages; portal login names; a name explained by an
//! aside ("yes, that's her real name", "short for ..."); a given name addressed in the second
//! person; pets named in an apposition; places "de" something after a word of travel; shared
//! spaces of a ward; home towns after "home in" / "back in" and after "a woman from". Texts here
//! are not from eval/.

mod common;

use common::{clinic, has, pass, STAFF};
use guard::Kind;

#[test]
fn ages_told_as_a_feat_or_in_words() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "97 and still mowing his own lawn: Walter, the PT team salutes you!",
        Kind::AgeOver89,
        "97"
    ));
    assert!(has(
        &g,
        "Our Grandma Bea is ninety-three today and asked for strawberry cake.",
        Kind::AgeOver89,
        "ninety-three"
    ));
    assert!(has(
        &g,
        "He's a hundred and two and he still tells the best jokes on the ward, says Mr. Osei.",
        Kind::AgeOver89,
        "hundred and two"
    ));
    assert!(has(
        &g,
        "Estela celebrating 99 years with her great-grandkids in our courtyard",
        Kind::AgeOver89,
        "99"
    ));
}

#[test]
fn group_ages_and_institution_birthdays_are_no_ages() {
    let g = clinic(STAFF);
    assert!(pass(
        &g,
        "Residents aged 92 and over can ask for a home visit from our nurses."
    ));
    assert!(pass(
        &g,
        "Patients 95 or older get priority parking by the east door."
    ));
    assert!(pass(
        &g,
        "Happy 125th birthday to Lakeview Family Clinic and the town that built it!"
    ));
}

#[test]
fn portal_login_names() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "The patient's username is mrosenthal77, please unlock it for her.",
        Kind::OtherId,
        "mrosenthal77"
    ));
    assert!(has(
        &g,
        "Usuario: tia_carmen.1961 (la sobrina nos pidió ayuda con el portal)",
        Kind::OtherId,
        "tia_carmen.1961"
    ));
    // Prose about the field itself is no login.
    assert!(pass(
        &g,
        "Type your username and password, then tap Sign in 2 times."
    ));
}

#[test]
fn names_explained_by_an_aside_or_addressed() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "Kalinda (yes, the girl from the news story!) came back to see the nurses who cared for her.",
        Kind::PersonName,
        "Kalinda"
    ));
    assert!(has(
        &g,
        "Bea (short for Beatrix) finished her last infusion today!",
        Kind::PersonName,
        "Bea"
    ));
    assert!(has(
        &g,
        "Mason, you are the bravest kid on the floor. Enjoy being home!",
        Kind::PersonName,
        "Mason"
    ));
}

#[test]
fn pets_places_and_shared_spaces_pass() {
    let g = clinic(STAFF);
    assert!(pass(
        &g,
        "Say hello to Rocky, our lobby's new therapy pup! He loves belly rubs."
    ));
    assert!(pass(
        &g,
        "Nurse Tom Becker walked from Le Puy to Santiago de Compostela last summer."
    ));
    assert!(pass(
        &g,
        "Nurse Tom Becker hosts a diabetes Q&A in the Ward 4 dayroom on Friday at noon."
    ));
    // A pet with a person's possessive keeps the person.
    assert!(!pass(
        &g,
        "Sam, with his dog Pickles, came back to visit after his surgery last week."
    ));
}

#[test]
fn home_towns_after_home_in_and_a_person_from() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "After 40 days with us, Nora is back home in Tipp City with her sisters.",
        Kind::Location,
        "Tipp City"
    ));
    assert!(has(
        &g,
        "Case review: a 94-year-old man from Cridersville with a rare rash.",
        Kind::Location,
        "Cridersville"
    ));
}
