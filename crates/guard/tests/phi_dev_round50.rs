//! Rules added after the new rounds 50 (staff voices and employee advocacy) and 51 (reviews and
//! public replies) were opened as a development set: a ward or a staff member's team is no
//! patient's place, weekly series after a title, "en familia", a park & ride, Spanish streets
//! without a number in notices, and people thanked, welcomed back or quoted by name or by
//! initials. Texts here are not from eval/.

mod common;

use common::{clinic, has, pass, STAFF};
use guard::Kind;

#[test]
fn units_and_teams_are_no_ones_place() {
    let g = clinic(&["Sister Nia Osei", "Dr. Joy Alvarez"]);
    assert!(pass(
        &g,
        "Thanks for the lovely words about Ward 12! We've passed them to Sister Nia Osei and her team."
    ));
    assert!(pass(
        &g,
        "Thank you for the kind words about Ward 4. Feedback like this means the world to our nurses."
    ));
    // A ward with a patient on it is still hers.
    assert!(has(
        &g,
        "Thanks for the lovely words about Ward 12, and we're so glad your mum is home.",
        Kind::Location,
        "Ward 12"
    ));
}

#[test]
fn series_and_phrases_that_look_like_names() {
    let g = clinic(STAFF);
    assert!(pass(
        &g,
        "Ask the Dietitian Monday 🥦 this week: is oat milk as good as cow's milk for toddlers?"
    ));
    assert!(pass(
        &g,
        "Cocina en familia 🥗 Clases gratis los martes, en español, para toda la familia."
    ));
    assert!(pass(
        &g,
        "The garage is full today: there's a park & ride from Temple Meads every 10 minutes."
    ));
    assert!(pass(
        &g,
        "Thanks for your patience while we fixed the portal!"
    ));
}

#[test]
fn spanish_streets_in_notices() {
    let g = clinic(STAFF);
    assert!(pass(
        &g,
        "La entrada principal está cerrada. Usen la puerta de la calle Nogalitos. Para cambiar su cita llame a la clínica."
    ));
    // A person's street still blocks.
    assert!(has(
        &g,
        "Doña Chelo nos invitó a tamales; vive en la calle Nogalitos desde 1970.",
        Kind::Location,
        "calle Nogalitos"
    ));
}

#[test]
fn people_thanked_welcomed_back_or_quoted() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "ty for the 5 stars marisol!! see you at your next visit",
        Kind::PersonName,
        "marisol"
    ));
    assert!(has(
        &g,
        "thanks for the sweet review deb! hope the knee is healing",
        Kind::PersonName,
        "deb"
    ));
    assert!(has(&g, "welcome back K.L. 💪💪", Kind::PersonName, "K.L."));
    assert!(has(&g, "Miss u Deb!! come visit", Kind::PersonName, "Deb"));
    assert!(has(
        &g,
        "Alt text: screenshot of a comment by Linda Brooks saying thank you to the night nurses.",
        Kind::PersonName,
        "Linda Brooks"
    ));
    assert!(has(
        &g,
        "Found in the chapel: a silver bracelet engraved M.A.D. Ask at the front desk.",
        Kind::PersonName,
        "M.A.D."
    ));
    assert!(has(
        &g,
        "Got a high five from Reg on his way home today 🙌",
        Kind::PersonName,
        "Reg"
    ));
}
