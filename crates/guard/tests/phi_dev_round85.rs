//! Rules added after rounds 85 (autumn, volunteers and chaplaincy, names that are also places)
//! and 88 (community partners, venues and homes, fediverse handles) were opened as a
//! development set, with the four left from round 84: a parish of Our Lady, a saint's second
//! name, a list of languages or of Holy Land places, a mascot's two-word name, a town's parks
//! department, a race called "Carrera 5K", a street corner named for a saint and the
//! organisation's own fediverse handle pass; a lower-case name said to "you", a child's age in
//! months, a bed that a doctor visits, the reader's own town, a namesake with an age, a serial
//! later in the sentence and grandchildren named after a plural kin word still block. Texts here
//! are not from eval/.

mod common;

use common::{clinic, has, pass};
use guard::{Guard, Kind, OrgProfile, Whose};

const STAFF: &[&str] = &["Dr. Joy Alvarez", "Nurse Tom Becker", "Nurse Jordan Price"];

#[test]
fn clean_parish_race_and_language_posts_pass() {
    let g = clinic(STAFF);
    for text in [
        "Feria de salud este sábado en la Parroquia Nuestra Señora de Guadalupe en Del Rio. ¡Todo gratis!",
        "Vacunas este viernes en la kermés de la Parroquia San Judas Tadeo. ¡Los esperamos!",
        "Estaremos en la esquina de Guadalupe y Zarzamora con la unidad móvil.",
        "Our interpreters covered Somali, Burmese, Karen, Nepali and Swahili this month. Thank you!",
        "El río Jordán, Belén, Nazaret… este domingo rezamos por los enfermos en la capilla.",
        "Kids met our mascot Molar Mike at the dental van today 🦷",
        "get well soon to our buddies Kermit and Freddy the Frog 🐸 (the stuffed animals got their shots too lol)",
        "Thank you Fairview Parks & Rec for the field! See you at the next fun run.",
        "🏃 Carrera 5K 'Corre por tu Corazón' — domingo en el parque. Inscripción gratis.",
    ] {
        assert!(pass(&g, text), "{text}");
    }
}

#[test]
fn the_organisations_fediverse_handle_is_its_own() {
    let g = Guard::new(OrgProfile {
        name: "Lakeview Family Clinic".into(),
        handles: vec!["@LakeviewClinic".into()],
        ..OrgProfile::default()
    });
    let text = "We're on Mastodon now: follow @LakeviewClinic@mastodon.social for flu clinic news!";
    let scan = g.scan(text);
    assert!(pass(&g, text), "{:?}", scan.findings);
    assert!(scan
        .findings
        .iter()
        .any(|f| f.kind == Kind::OtherId && f.whose == Whose::Organization));
    // Anyone else's handle is read like any "@name".
    assert!(!pass(
        &g,
        "Follow @mariasanchez@toot.community for her recovery diary after surgery"
    ));
}

#[test]
fn patients_in_these_shapes_still_block() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "so glad you enjoyed the visit rhonda!! the team says hi",
        Kind::PersonName,
        "rhonda"
    ));
    assert!(has(
        &g,
        "So happy for Daisy (3 mo)! She is finally off high-flow today",
        Kind::PersonName,
        "Daisy"
    ));
    assert!(has(
        &g,
        "so glad you enjoyed the visit rhonda!! dr alvarez says she'll stop by bed 2 again before you go home",
        Kind::Location,
        "bed 2"
    ));
    assert!(has(
        &g,
        "Since you're out in Hartwick, the closest spot for sports physicals is our Saturday clinic.",
        Kind::Location,
        "Hartwick"
    ));
    assert!(has(
        &g,
        "Congrats to Jordan, our brave 7yo who got his flu mist today! Nurse Jordan Price says hi",
        Kind::PersonName,
        "Jordan"
    ));
    assert!(has(
        &g,
        "Found at the walk: an insulin pump, serial on the back 44-1872-06C. It belongs to one of our kiddos.",
        Kind::DeviceId,
        "44-1872-06C"
    ));
    assert!(!pass(
        &g,
        "My grandkids Belén, Rocío and Abril came to visit me at the hospital."
    ));
    assert!(!pass(
        &g,
        "Mi hijo Pablo fue atropellado en la esquina de Guadalupe y Main."
    ));
}
