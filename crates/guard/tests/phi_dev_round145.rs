//! Rules added after rounds 145 (transplant and organ donation) and 146 (school and
//! adolescent health) were opened as a development set. Block: a plate after a comma and a
//! state, an id after "license, number" or "numbers (e.g.", a date labelled as a birth in any
//! post, initials of a booking or before a date of birth, wishes and praise closing on a
//! lower-case name ("happy bday ellie!!!", "bien hecho jenny!!"), a player's name on a jersey,
//! whose relative or wristband a word is ("la mamá de Alondra"). Pass: an apology for a visit
//! ("We're sorry your visit took so long"), laws named for people ("Max and Keira's Law"), a
//! fax line beside the organisation's own number, open ground named like a person ("Clifton
//! Downs"). Texts here are not from eval/.

mod common;

use common::{clinic, has, pass};
use guard::Kind;

#[test]
fn numbers_births_initials_praise_jerseys_and_kin_block() {
    let g = clinic(common::STAFF);
    for (text, kind, needle) in [
        (
            "Whose blue Civic is this? Plate, TX KQW-5521, parked in the ambulance bay.",
            Kind::VehicleId,
            "KQW-5521",
        ),
        (
            "Photo shows her driver's license, number WD7730215, on the dashboard.",
            Kind::LicenseNumber,
            "WD7730215",
        ),
        (
            "The list showed hospital numbers (e.g. K5520193) for every child.",
            Kind::Mrn,
            "K5520193",
        ),
        (
            "Flu clinic Saturday! Also: walk-in appt for R.M. (DOB 02/05/2009) moved to 3pm.",
            Kind::Date,
            "02/05/2009",
        ),
        (
            "Flu clinic Saturday! Also: walk-in appt for R.M. moved to 3pm.",
            Kind::PersonName,
            "R.M.",
        ),
        ("happy 17th bday maddie!!! 🎂", Kind::PersonName, "maddie"),
        ("bien hecho brenda!! 🏆", Kind::PersonName, "brenda"),
        (
            "Alt: a boy in a jersey that says 'OKAFOR 12' waits for his physical.",
            Kind::PersonName,
            "OKAFOR",
        ),
        (
            "La mamá de Alondra llamó para la cita.",
            Kind::PersonName,
            "Alondra",
        ),
        (
            "No suban la foto: se ve la pulsera de Alondra.",
            Kind::PersonName,
            "Alondra",
        ),
    ] {
        assert!(has(&g, text, kind, needle), "{text}: {needle}");
    }
}

#[test]
fn apologies_laws_public_stories_fax_lines_and_downs_pass() {
    let g = clinic(common::STAFF);
    for text in [
        "We're sorry your visit to the lab took so long. Please email us so we can make it right.",
        "Since Max and Keira's Law, adults in England are donors unless they opt out.",
        "Fax school forms to (555) 555-0101. Questions? Call (555) 555-0100.",
        "Our nurses will be at Clifton Downs on Saturday for the Youth Games.",
    ] {
        assert!(pass(&g, text), "{text}");
    }
    // An apology for a surgery still tells the reader was operated on here.
    assert!(!pass(&g, "We're sorry your surgery was postponed twice."));
}
