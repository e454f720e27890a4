//! Rules added after the ninth blind batch (eval/phi_round9.jsonl): eponyms ("named after
//! ..."), brands named for people, characters after their author's possessive, a mascot with
//! an animal emoji, "la carrera" as a race, a name thanked in the second person, the road of
//! an accident, a driver's licence with its number later on. Texts here are not from eval/.

mod common;

use common::{clinic, has, pass, STAFF};
use guard::Kind;

#[test]
fn eponyms_brands_and_characters_are_no_patients() {
    let g = clinic(STAFF);
    assert!(pass(
        &g,
        "Our new cancer centre is named after Edith Cavell, the nurse who treated soldiers on both sides."
    ));
    assert!(pass(
        &g,
        "Trader Joe's, Ben & Jerry's or Wendy's? Whatever you snack on this weekend, drink water too."
    ));
    assert!(pass(
        &g,
        "Dickens's Tiny Tim probably had rickets or kidney disease: our pediatric grand rounds explain."
    ));
    assert!(pass(
        &g,
        "Please welcome Captain Waffles 🐶, the therapy dog of our rehab gym!"
    ));
    // A baby named after someone is still a baby, and "a nombre de" names a person.
    assert!(has(
        &g,
        "Baby Rosalind was named after her great-grandmother and was born here on Tuesday.",
        Kind::PersonName,
        "Rosalind"
    ));
    assert!(has(
        &g,
        "Encontramos una credencial a nombre de Eusebio Marroquín en el estacionamiento.",
        Kind::PersonName,
        "Eusebio"
    ));
}

#[test]
fn la_carrera_is_a_race_and_carrera_7_a_street() {
    let g = clinic(STAFF);
    assert!(pass(
        &g,
        "¡Gracias a quienes corrieron la carrera Esperanza 10K el sábado por nuestro programa de diabetes!"
    ));
}

#[test]
fn a_name_thanked_in_the_second_person() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "Mark, thank you for the kind review! So glad your new hip is holding up.",
        Kind::PersonName,
        "Mark"
    ));
    assert!(pass(
        &g,
        "Everyone, thank you for a record flu-shot season!"
    ));
}

#[test]
fn the_road_of_an_accident_places_its_victim() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "We can confirm that the pedestrian struck on Harwood Avenue last night is in our trauma unit.",
        Kind::Location,
        "Harwood Avenue"
    ));
    assert!(pass(
        &g,
        "Harwood Avenue is closed for repaving this week: use the north entrance."
    ));
}

#[test]
fn a_licence_number_later_in_the_sentence() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "Found: a wallet with a driver's license, the one for a Mr. Tate (OH 55127730), at the front desk.",
        Kind::LicenseNumber,
        "55127730"
    ));
}
