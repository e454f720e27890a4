//! Rules added after the eighth blind batch (eval/phi_round8.jsonl): an age in parentheses
//! after a name ("Hope (age 8)"); a person's own subdomain on a care-journal or fundraising
//! site; dog breeds in a pet's apposition; a given name after a word of travel or a saint's
//! title is a place or a devotion; "med rec" with its number later on; "the Marion library"
//! is a place named for a word. Texts here are not from eval/.

mod common;

use common::{clinic, has, pass, STAFF};
use guard::Kind;

#[test]
fn an_age_in_parentheses_after_a_name() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "Big shoutout to Lark (age 6) who decorated every tray on the unit today!",
        Kind::PersonName,
        "Lark"
    ));
    assert!(has(
        &g,
        "Gracias a Cielo (edad 7) por los dibujos para las enfermeras.",
        Kind::PersonName,
        "Cielo"
    ));
    // A count in parentheses after a team is no age.
    assert!(pass(
        &g,
        "Thanks to the Night Owls (6 nurses) for covering the holiday shifts!"
    ));
}

#[test]
fn a_persons_subdomain_on_a_care_journal_site() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "Updates for friends and family are at teamtobias.caringbridge.org, thank you for the love.",
        Kind::Url,
        "teamtobias.caringbridge.org"
    ));
    // The site's own pages are public resources.
    assert!(pass(
        &g,
        "Care journals help families share news: see www.caringbridge.org for how they work."
    ));
}

#[test]
fn a_therapy_dog_named_like_a_person() {
    let g = clinic(STAFF);
    assert!(pass(
        &g,
        "Meet Rosie, our new therapy golden retriever! She will visit 4 West every Thursday."
    ));
}

#[test]
fn a_destination_or_a_devotion_is_no_person() {
    let g = clinic(STAFF);
    assert!(pass(
        &g,
        "¿Viaje a Santiago en diciembre? Pida su cita de vacunas para viajeros."
    ));
    assert!(pass(
        &g,
        "Planning a trip to Florence? Our travel clinic checks your vaccines."
    ));
    assert!(pass(
        &g,
        "Celebramos a la Virgen de Guadalupe con pan dulce en la sala de espera."
    ));
    // A name doing something is still a name, and "la señora" is a title.
    assert!(has(
        &g,
        "La señora Ofelia nos trajo tamales después de su cirugía.",
        Kind::PersonName,
        "Ofelia"
    ));
}

#[test]
fn a_record_number_after_an_aside() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "Pt transfer: med rec no. (see the chart) 00391827 goes to dialysis at noon.",
        Kind::Mrn,
        "00391827"
    ));
}

#[test]
fn a_place_named_for_a_given_name() {
    let g = clinic(STAFF);
    assert!(pass(
        &g,
        "Blood pressure checks at the Marion library every first Monday, no appointment needed."
    ));
    // A family is still people.
    assert!(has(
        &g,
        "Thanks to the Nguyen family for the donuts after Mai's surgery.",
        Kind::PersonName,
        "Mai"
    ));
}
