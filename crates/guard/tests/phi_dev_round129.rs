//! Rules added after rounds 129 (sports medicine and school athletics) and 131 (Spanish-language
//! community health) were opened as a development set. Block: a given name with a common
//! surname that is also a word ("Tyrone Brown"), Spanish diminutives ("Dieguito"), a handle
//! praised in a story of care or made of a name and an initial, a birth told in the plural
//! ("nacieron el 3 de mayo"), a baby shower's guest of honour, "felicitamos a". Pass: the 90-or-
//! older category ("más de 90 años"), famous athletes and film coaches, a pun in quotes, a
//! possessive before a word ("abuela's yerbitas"). Texts here are not from eval/.

mod common;

use common::{clinic, has, pass};
use guard::Kind;

#[test]
fn word_surnames_diminutives_handles_and_births_block() {
    let g = clinic(common::STAFF);
    for (text, kind, needle) in [
        (
            "Big thanks to Tyrone Brown, who rode 40 miles for our NICU.",
            Kind::PersonName,
            "Tyrone Brown",
        ),
        (
            "Hats off to the athletes we treated, especially Devon Hill, whose ACL comeback inspired us all.",
            Kind::PersonName,
            "Devon Hill",
        ),
        (
            "Bienvenido a casa, Dieguito: ¡ocho meses de terapia y ya camina!",
            Kind::PersonName,
            "Dieguito",
        ),
        (
            "So proud of @lilbigman_77 — 8 weeks post-op and back on the court!",
            Kind::PersonName,
            "@lilbigman_77",
        ),
        (
            "Don't reply to @sammyk_2001 about his biopsy results from a personal account.",
            Kind::PersonName,
            "sammyk",
        ),
        (
            "¡Nacieron el 3 de mayo, las gemelas más bonitas!",
            Kind::Date,
            "3 de mayo",
        ),
        ("Baby shower para Azucena este sábado 🍼", Kind::PersonName, "Azucena"),
    ] {
        assert!(has(&g, text, kind, needle), "{text}");
    }
    // A park named for a person, and a district after "from", are places.
    assert!(pass(&g, "Marcus Hill Park reopens Monday."));
    assert!(!has(
        &g,
        "A teen from Lawrence Hill signed up 40 donors.",
        Kind::PersonName,
        "Lawrence Hill"
    ));
}

#[test]
fn age_category_famous_names_puns_and_possessives_pass() {
    let g = clinic(common::STAFF);
    for text in [
        "¿Su abuelita tiene más de 90 años? Llame para la vacuna.",
        "Before Lionel Messi there was Diego Maradona.",
        "Who's your favourite: Coach Carter or Ted Lasso?",
        "Quiz winners: 'Quizmo Garcia' from Pharmacy.",
        "Bring your pill bottles and abuela's yerbitas too!",
    ] {
        assert!(pass(&g, text), "{text}");
    }
    // An exact age over 89 still blocks.
    assert!(has(
        &g,
        "Mi abuelita tiene 92 años y ya se vacunó.",
        Kind::AgeOver89,
        "92"
    ));
}
