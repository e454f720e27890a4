//! Rules added after the new rounds 42 (people celebrated and remembered) and 43 (a UK trust and
//! hurried US replies) were opened as a development set: staff short names, history, towns of
//! institutions, observances and event times, robotic pets, diminutives, apologies and
//! "-versary" milestones, with the namesakes and births that must keep blocking. Texts here
//! are not from eval/.

mod common;

use common::{clinic, has, pass, STAFF};
use guard::Kind;

const DIRECTORY: &[&str] = &["Dr. Oluwafemi Adeyemi", "Promotora Dolores Haro"];

#[test]
fn staff_short_names_and_lone_given_names() {
    let g = clinic(DIRECTORY);
    assert!(pass(
        &g,
        "Say hello to Dr Oluwafemi Adeyemi, our new lead for sepsis care. Femi bakes a mean banana bread."
    ));
    assert!(pass(
        &g,
        "Nuestra Promotora Dolores Haro ganó el premio estatal. ¡Felicidades, Dolores! 💚"
    ));
    // A namesake told as a patient stays a patient.
    assert!(has(
        &g,
        "Promotora Dolores Haro visited her namesake today: little Dolores, 6, is home after her surgery.",
        Kind::PersonName,
        "Dolores"
    ));
}

#[test]
fn history_and_public_visitors() {
    let g = clinic(STAFF);
    assert!(pass(
        &g,
        "90 years ago our first ward opened. Our founder, Dr. Edith Walcott, paid for the beds herself."
    ));
    assert!(pass(
        &g,
        "The east wing was paid for in 1902 by shipping merchant Arthur Pendleton Hale."
    ));
    assert!(pass(
        &g,
        "Baseball Hall of Famer Ozzie Smith signed gloves in the lobby today. Thanks, Ozzie!"
    ));
    assert!(pass(
        &g,
        "The Lakeview Garden Club turns 90 this spring and still plants our courtyard every May."
    ));
    // A person turning 90 still blocks.
    assert!(has(
        &g,
        "Our volunteer Irene turns 90 this spring!",
        Kind::AgeOver89,
        "90"
    ));
}

#[test]
fn towns_of_institutions_and_event_venues() {
    let g = clinic(STAFF);
    assert!(pass(
        &g,
        "Long wait in A&E? The Minor Injuries Unit at Cossham Hospital in Kingswood is open until 8pm."
    ));
    assert!(pass(
        &g,
        "Charity bike ride: Sunday 8th June from Blaise Court. Sign up on our website."
    ));
    // A patient on a street called Court still blocks.
    assert!(has(
        &g,
        "Mrs Pryce of 9 Hatherley Court was discharged today.",
        Kind::Location,
        "Hatherley Court"
    ));
}

#[test]
fn observances_and_event_times() {
    let g = clinic(STAFF);
    assert!(pass(
        &g,
        "12 de mayo 💐 Feliz Día de la Enfermería a todo nuestro equipo. Gracias, Dr. Joy Alvarez."
    ));
    assert!(pass(
        &g,
        "Pregnancy Loss Awareness Week runs 9–15 October. Nurse Tom Becker leads a candle service on 15 October at 7pm."
    ));
    // A birth keeps its minute, and a date after a birth is hers whatever day it is.
    assert!(has(
        &g,
        "Bienvenida Luz, nacida el 3 de marzo a las 4:52 am 👶",
        Kind::Date,
        "3 de marzo"
    ));
    assert!(has(
        &g,
        "Baby Theo was born at 1.59am on 14/03 (Pi Day!) weighing 3.1kg",
        Kind::Date,
        "14/03"
    ));
}

#[test]
fn robotic_pets_and_word_milestones() {
    let g = clinic(STAFF);
    assert!(pass(
        &g,
        "Meet Oscar, Santiago and Mabel 🐶 – our new robotic therapy dogs for the dementia ward."
    ));
    assert!(has(
        &g,
        "Hal's 5th heartiversary today! 🎉",
        Kind::PersonName,
        "Hal"
    ));
    assert!(has(
        &g,
        "'RUTH'S 1ST TRANSPLANTIVERSARY' on a banner in rehab",
        Kind::PersonName,
        "RUTH"
    ));
    assert!(pass(
        &g,
        "Happy 10th anniversary to our cardiac rehab program!"
    ));
}

#[test]
fn diminutives_and_apologies() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "felicidades juanito!! 🎂",
        Kind::PersonName,
        "juanito"
    ));
    assert!(pass(&g, "felicidades chiquito!! 🎂"));
    assert!(has(
        &g,
        "so sorry keisha 😔 pls call us so we can sort out the bill",
        Kind::PersonName,
        "keisha"
    ));
    assert!(pass(
        &g,
        "sorry, mark your calendars: the flu clinic moved to Friday"
    ));
}
