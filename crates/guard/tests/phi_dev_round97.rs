//! Rules added after rounds 97 (maternity and women's health) and 98 (emergencies and safety)
//! were opened as a development set: a storm's name, a common noun after a possessive, the
//! baby-loss charity Tommy's, a kin word inside a programme's title, a building's opening date
//! and the child-safety code named for Adam Walsh pass; a lost child described in Spanish still
//! blocks, and so does a boy called Tommy. Texts here are not from eval/.

mod common;

use common::{clinic, has, pass};
use guard::Kind;

#[test]
fn clean_safety_and_maternity_posts_pass() {
    let g = clinic(common::STAFF);
    for text in [
        "Storm Darragh 🌬️ Amber wind warning until 6pm Saturday. Outpatient appointments go ahead unless we call you.",
        "Hurricane Beryl update: all clinics reopen Monday at 8am.",
        "Breastfeeding café every Thursday 10–12 by the main entrance. Bring the baby, bring your questions, bring your nan!",
        "We're proud to work with Tommy's and Sands so every family gets specialist bereavement care.",
        "There is hope after loss. Our Pregnancy & Infant Loss support circle meets on the first Tuesday of the month.",
        "Happy 'birth-day' to our Family Birth Center, which opened its doors on June 4, 1998! 🎂",
        "Ever heard \"Code Adam\" over our speakers? It's named for Adam Walsh and means a child may be missing.",
    ] {
        assert!(pass(&g, text), "{text}");
    }
}

#[test]
fn patients_in_these_shapes_still_block() {
    let g = clinic(common::STAFF);
    assert!(has(
        &g,
        "Buscamos a la familia de un niño que llegó solo después de la tormenta. Trae una playera de Spider-Man.",
        Kind::OtherId,
        "playera"
    ));
    assert!(has(
        &g,
        "Tommy's mum says he is doing great after his surgery.",
        Kind::PersonName,
        "Tommy"
    ));
    assert!(has(
        &g,
        "Our little Hope's mum says she opened her eyes on June 4 in the NICU.",
        Kind::Date,
        "June 4"
    ));
}
