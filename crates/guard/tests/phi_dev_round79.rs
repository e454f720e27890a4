//! Rules added after the new rounds 79 (employee advocacy and reshares) and 80 (sports
//! medicine, half UK) were opened as a development set: a club's officer is no public figure;
//! the oldest of a group told with an age over 89 is one person; a handle of a given name and
//! a hobby ("@lilyruns") is a name; a lower-case given name before a lower-case surname is a
//! name; a UK driving licence number is an identifier; a town after a person and their age in
//! years ("una jugadora de 16 años de Cotulla") is theirs; the town of a professional
//! gathering is no one's; famous athletes pass; the handle credited for a reshared story of the
//! writer's own family is theirs. Texts here are not from eval/.

mod common;

use common::{clinic, has, pass, STAFF};
use guard::Kind;

#[test]
fn people_behind_roles_handles_and_ages_block() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "Thanks to Lions president Gary Weber, whose own daughter was a patient on our unit.",
        Kind::PersonName,
        "Gary Weber"
    ));
    assert!(has(
        &g,
        "Our oldest walker at this year's Heart Walk was 96 and still going strong!",
        Kind::AgeOver89,
        "96"
    ));
    assert!(has(
        &g,
        "Huge congrats to @emmaruns_22 on her first half marathon, one year after her transplant!",
        Kind::PersonName,
        "emmaruns"
    ));
    assert!(has(
        &g,
        "so proud of u jayden nguyen!!",
        Kind::PersonName,
        "jayden"
    ));
    assert!(has(
        &g,
        "Found in the car park: a driving licence, SMITH751205JA9XY. Please collect from reception.",
        Kind::LicenseNumber,
        "SMITH751205JA9XY"
    ));
    assert!(has(
        &g,
        "Atendimos a una jugadora de 16 años de Cotulla que se lesionó la rodilla.",
        Kind::Location,
        "Cotulla"
    ));
    assert!(has(
        &g,
        "🔁 from @lakeviewdad_4: \"They stitched up my son's chin in 20 minutes flat.\" Thanks for sharing, glad he's on the mend!",
        Kind::OtherId,
        "@lakeviewdad_4"
    ));
}

#[test]
fn gatherings_and_athletes_pass() {
    let g = clinic(STAFF);
    assert!(pass(&g, "Nuestro equipo presentó en el congreso de enfermería en Monterrey. ¡Su trabajo fue increíble!"));
    assert!(pass(
        &g,
        "Roger Bannister ran the first four-minute mile in 1954. Lace up and join our staff run!"
    ));
    assert!(pass(
        &g,
        "Like Beth Mead and Leah Williamson, many footballers have faced ACL injuries."
    ));
}

/// The new rules leave their neighbours alone.
#[test]
fn the_new_rules_stay_narrow() {
    let g = clinic(STAFF);
    // Years of experience are no person's age, and an office of state is still public.
    assert!(pass(
        &g,
        "Más de 30 años de Experiencia al servicio de la comunidad."
    ));
    assert!(pass(
        &g,
        "Senator Sherrod Brown visited our new wing today."
    ));
    assert!(pass(&g, "Follow @dogwalks for trail tips."));
    assert!(pass(
        &g,
        "Great flu season tips via @CDCgov. Get your shot this week!"
    ));
    // A player hurt where a tournament was held is tied to that town.
    assert!(has(
        &g,
        "She broke her wrist at a club soccer tournament in Waterloo and spent a week with us.",
        Kind::Location,
        "Waterloo"
    ));
}
