//! Rules added after rounds 138 (children's hospitals) and 139 (replies to public reviews) were
//! opened as a development set. Block: a name on a window sign ("ITS ME OWEN ROOM 412"), a
//! birth told of a word-name ("Ruby was born at 25 weeks") or of a lower-case name after
//! "baby", a name with "the great" in a hashtag, the reader's visit or appointment with a
//! staff member on a date, a record number in parentheses ("(#SR-204418)"), serials in the
//! plural, a character's name given to a child of a clinic. Pass: dog breeds named, a pet
//! greeted with a paw, pets at the groomer, names offered to anyone who has them ("todos los
//! que se llaman Rafael o Rafaela"), Tim Hortons. Texts here are not from eval/.

mod common;

use common::{clinic, has, pass};
use guard::Kind;

#[test]
fn signs_births_tags_visits_and_numbers_block() {
    let g = clinic(common::STAFF);
    for (text, kind, needle) in [
        (
            "The sign in the window reads \"HI BATMAN ITS ME LIAM ROOM 208\"",
            Kind::PersonName,
            "LIAM",
        ),
        (
            "The sign in the window reads \"HI BATMAN ITS ME LIAM ROOM 208\"",
            Kind::Location,
            "ROOM 208",
        ),
        (
            "Two years ago today Ivy was born at 25 weeks. Look at her now!",
            Kind::PersonName,
            "Ivy",
        ),
        (
            "omg the pics of baby nora born on the 3rd are adorable",
            Kind::PersonName,
            "nora",
        ),
        ("#NICUgrad #miathegreat 💚", Kind::PersonName, "mia"),
        (
            "We've confirmed your visit with Dr. Joy Alvarez on February 3rd.",
            Kind::Date,
            "February 3rd",
        ),
        (
            "Sorry you waited so long at your fracture clinic appointment on Monday 4 March.",
            Kind::Date,
            "4 March",
        ),
        (
            "Ya encontramos su expediente (#LK-558201), le llamamos mañana.",
            Kind::Mrn,
            "LK-558201",
        ),
        (
            "Both his implants (serials CI-31-40021 and CI-31-40022) were checked.",
            Kind::DeviceId,
            "CI-31-40021",
        ),
        (
            "Dressed up for Frozen day! (Y sí, Elsa de la clínica de asma, te guardamos un lugar)",
            Kind::PersonName,
            "Elsa",
        ),
    ] {
        assert!(has(&g, text, kind, needle), "{text}: {needle}");
    }
}

#[test]
fn pets_namesakes_in_general_and_brands_pass() {
    let g = clinic(common::STAFF);
    for text in [
        "A very excited Dalmatian named Sparky rode on the fire truck.",
        "Say hi to Biscuit! 🐾 Our newest facility dog starts Monday.",
        "No pet therapy today: Penny & Louie are at the groomer 🛁 back Thursday!",
        "¡Todos los peques que se llaman Rafael o Rafaela ganan una paleta hoy!",
        "A coffee from Tim Hortons for every volunteer this morning.",
        "Plan your visit: the new wing opens March 5.",
        "Flu & COVID jab clinics this autumn: 03/10 and 10/10, or book with your GP surgery.",
    ] {
        assert!(pass(&g, text), "{text}");
    }
    // A baby's nickname with a bear after it is still the baby's.
    assert!(has(
        &g,
        "Welcome home, baby Bear! 🐻 120 days in the NICU.",
        Kind::PersonName,
        "Bear"
    ));
}
