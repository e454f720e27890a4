//! Rules added after rounds 113 (maternity and births) and 114 (orthopaedics, rehab and charity
//! runs) were opened as a development set: a family named by its surname in the plural blocks;
//! people of history (given their lifespan, or after "the explorer", "la famosa"), a games
//! city with its year, a handler's dog, a class's quoted title and the nouns after "miss" or
//! "a Big" pass. Texts here are not from eval/.

mod common;

use common::{clinic, has, pass};
use guard::Kind;

#[test]
fn families_named_by_surname_block() {
    let g = clinic(common::STAFF);
    for (text, family) in [
        ("Congrats to the Garcias!", "Garcias"),
        ("Welcome home to the Hendersons!", "Hendersons"),
    ] {
        assert!(has(&g, text, Kind::PersonName, family), "{text}");
    }
    // A room in a discharge written in shorthand.
    assert!(has(&g, "Rm 12 → home! 🎉", Kind::Location, "Rm 12"));
    // Teams, shows and words in the plural are nobody's family.
    for text in [
        "Movie night: we're watching the Simpsons in the family lounge.",
        "Go Browns! Wear orange Friday.",
    ] {
        assert!(pass(&g, text), "{text}");
    }
}

#[test]
fn people_of_history_and_events_pass() {
    let g = clinic(common::STAFF);
    for text in [
        "Our surgical wing is named after the explorer Ernest Shackleton.",
        "Pott's fracture is named after English surgeon Percivall Pott (1714–1788). Pott also described spinal TB.",
        "Como dijo la famosa enfermera Virginia Henderson, cuidar es acompañar.",
        "She won gold at Athens 2004 and now coaches our rehab class.",
        "Dame Kelly Holmes won double gold in Athens 2004.",
        "Run, Forrest, run! Our pharmacy team came as Forrest Gump.",
    ] {
        assert!(pass(&g, text), "{text}");
    }
    // A lifespan that ends within fifty years is a person the Privacy Rule still covers.
    assert!(has(
        &g,
        "In memory of Jane Smith (1950–2024), who spent her last days with us.",
        Kind::PersonName,
        "Jane Smith"
    ));
}

#[test]
fn animals_titles_and_nouns_pass() {
    let g = clinic(common::STAFF);
    for text in [
        "Therapy dog handler Tom Becker and Rosie visit on Tuesdays. Rosie's favourite treat is cheese.",
        "Gracias a las graduadas de la clase 'Rodillas Garza' por su esfuerzo.",
        "Good news: you don't have to miss skin-to-skin time after a C-section.",
        "Grab your 'I'm a Big Sib' sticker at the desk.",
    ] {
        assert!(pass(&g, text), "{text}");
    }
    // A question ends before a list of names as names.
    assert!(!has(
        &g,
        "¿Nombres de bebé más populares? Para niño, Mateo y Liam. ¿Y para niña? Emma, Olivia y Mía.",
        Kind::PersonName,
        "Emma"
    ));
}
