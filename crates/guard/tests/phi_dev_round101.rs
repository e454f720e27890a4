//! Rules added after rounds 101 (oncology, survivorship and trials) and 102 (behavioural
//! health, school clinics and sports medicine) were opened as a development set: famous
//! survivors and the co-founder of AA, a film character listed after "Iron Man", a date that
//! "is" a world day in Spanish, a school named for a town in a post about no one and an
//! age group ("under-12s") pass; a name written on lost property, the school of one young
//! person and a name after a story's opening age ("Now 31, Jordan") block. Texts here are not
//! from eval/.

mod common;

use common::{clinic, has, pass};
use guard::Kind;

#[test]
fn clean_oncology_and_school_posts_pass() {
    let g = clinic(common::STAFF);
    for text in [
        "Like Robin Roberts, many women go on to live full lives after breast cancer. Book your mammogram today.",
        "Our toy cart is stocked: Iron Man, Moana and plenty of Blueys for the kids on our floor.",
        "Ever heard of Bill W.? AA meets in our community room every Thursday.",
        "Los Spurs no son lo único grande en la ciudad 😉 Nuestra clínica escolar en Burbank High ya atiende a deportistas con lesiones de rodilla y tobillo. Pregunta en la enfermería de la escuela.",
        "At 10, Maple Ward closes for cleaning.",
    ] {
        assert!(pass(&g, text), "{text}");
    }
    let spanish = clinic(&["Dra. Marisol Etxeberria"]);
    let text = "Este 4 de febrero es el Día Mundial contra el Cáncer 🎗️ La Dra. Marisol Etxeberria hablará de detección temprana de cáncer de mama.";
    assert!(pass(&spanish, text), "{text}");
}

#[test]
fn an_age_group_is_no_ward() {
    let g = clinic(common::STAFF);
    let text = "Great to see Ava back at the under-12s training on Sunday after her cast came off.";
    assert!(!has(&g, text, Kind::Location, "12s"), "{text}");
    assert!(has(&g, text, Kind::PersonName, "Ava"), "{text}");
}

#[test]
fn patients_in_these_shapes_block() {
    let g = clinic(common::STAFF);
    assert!(has(
        &g,
        "Lost: a water bottle with 'Ivy' written on the lid.",
        Kind::PersonName,
        "Ivy"
    ));
    assert!(has(
        &g,
        "We had a visit from the Year 8 from Hillside Academy who broke his wrist at football.",
        Kind::Location,
        "Hillside Academy"
    ));
    assert!(has(
        &g,
        "Now 31, Jordan from Eastfield volunteers at our recovery café.",
        Kind::PersonName,
        "Jordan"
    ));
    assert!(has(
        &g,
        "At 17, Grace was told she would never run again.",
        Kind::PersonName,
        "Grace"
    ));
    // A title written on a label is not part of the name.
    let found = g.scan("Found: a lunchbox with 'Mia K. Rm 4 Mrs. Ortiz' written on the lid.");
    assert!(found.findings.iter().all(|f| f.text != "Mrs"));
}
