//! Rules added after the new rounds 57 (a January and February) and 58 (children and teens)
//! were opened as a development set: observance dates named by a hashtag, a range or a Spanish
//! "Día de", Valentine's, Lunar New Year greetings and dishes, a new colleague's old city,
//! pioneers, a book's fans and a Spanish poet pass; initials in a numbered bed, a signed poem
//! with an age, and a local athlete with his own crash block. Texts here are not from eval/.

mod common;

use common::{clinic, pass, STAFF};

#[test]
fn holidays_history_and_colleagues_pass() {
    let g = clinic(STAFF);
    assert!(pass(&g, "Wear red on Friday, Feb. 7, for #NationalWearRedDay: learn the warning signs of heart attack and stroke."));
    assert!(pass(&g, "Feb 7–14 is Congenital Heart Defect Awareness Week 💙 About 1 in 100 babies is born with a CHD."));
    assert!(pass(&g, "Tiny knitted hearts for Valentine's 💕🧶 #NICU"));
    assert!(pass(
        &g,
        "Chúc Mừng Năm Mới! 🧧 Our pharmacy team brought bánh chưng to the lobby for Tết."
    ));
    assert!(pass(&g, "Welcome Dr. Tom Becker, our new chief of surgery! Tom joins us from Glasgow, where he led the trauma service."));
    assert!(pass(&g, "This February we remember Mary Seacole and Dr. Harold Moody, pioneers whose legacies live on."));
    assert!(pass(&g, "Roald Dahl Day 📚 the Matilda fans on the children's ward wrote their own revolting rhymes."));
    assert!(pass(&g, "Para el Día del Niño 🎈 (30 de abril) regalamos libros de Gloria Fuertes a cada niño que venga a su chequeo."));
}

#[test]
fn children_in_beds_poems_and_teams_block() {
    let g = clinic(STAFF);
    assert!(!pass(
        &g,
        "Uno champion of the week 🏆: K.R. in PICU bed 4, who beat three nurses. Rematch Friday."
    ));
    assert!(!pass(&g, "A poem from one of our youngest patients ❤️ \"The machines sing me to sleep.\" — Lily M., age 10"));
    assert!(!pass(&g, "Thanks to senior quarterback Caleb Brandt, who visited our unit. Caleb spent a week with us after a bad bike crash."));
}

/// What a review of this session's rules asked them not to swallow.
#[test]
fn the_new_rules_stay_narrow() {
    let g = clinic(STAFF);
    assert!(pass(
        &g,
        "Our address: 14 Seabank Close, Keynsham BS31 1AB. Parking at the rear."
    ));
    assert!(pass(
        &g,
        "Governor Kim Reynolds opened our Injury Prevention fair today."
    ));
    assert!(!pass(
        &g,
        "Leo was adopted in 2021 by Sarah Reed and came home from the NICU today."
    ));
    assert!(!pass(
        &g,
        "Surgery went as planned! Our cast of nurses loved meeting my son Leo today."
    ));
    assert!(!pass(
        &g,
        "Día de su alta: 12/03. Gracias por todo, Lupita."
    ));
}
