//! Rules added after the new rounds 47 (births, babies and children) and 48 (community
//! outreach) were opened as a development set: names as names in Spanish and "named after",
//! characters called Mr, event venues with their hours, a bed with someone in it, UK plates
//! beside a car, initials that quit smoking, long Spanish place names, and "de" + a town after
//! a surname. Texts here are not from eval/.

mod common;

use common::{clinic, has, pass, STAFF};
use guard::Kind;

#[test]
fn names_as_names_and_characters() {
    let g = clinic(STAFF);
    assert!(pass(
        &g,
        "¿Ya tienen nombre? Los más populares en Ohio: Lucía, Mateo, Valentina y Thiago 👶"
    ));
    assert!(pass(
        &g,
        "So many babies named after TV characters lately: Arya, Elsa, Daenerys and Luna!"
    ));
    assert!(pass(
        &g,
        "Mr Tumble and Mr. Potato Head will join our storytime. El Ratón Pérez también 🦷"
    ));
    assert!(pass(
        &g,
        "Sir Isaac Newton was born early too. #WorldPrematurityDay"
    ));
    // A baby announced by name still blocks beside the trend.
    assert!(has(
        &g,
        "The most popular name this year was Luna, and welcome baby Luna, born Monday!",
        Kind::PersonName,
        "Luna"
    ));
}

#[test]
fn venues_with_their_hours() {
    let g = clinic(STAFF);
    assert!(pass(
        &g,
        "Clínica móvil en la Calle Nogalitos de 9am a 1pm: vacunas y presión gratis."
    ));
    assert!(pass(
        &g,
        "Health MOT at the Memorial Hall, Sat 3 May, 10am–1pm (BS5 6XY). No booking needed."
    ));
    assert!(pass(
        &g,
        "Vacunas en el Centro Comunitario de Adultos Mayores Rosa María Garza este jueves."
    ));
    // Someone's home stays hers whatever the hours.
    assert!(has(
        &g,
        "La Sra. Salinas vive en la Calle Nogalitos 412; la visitamos de 9 a 11am",
        Kind::Location,
        "Calle Nogalitos 412"
    ));
}

#[test]
fn people_in_beds_and_cars() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "Alt text: a little girl waves from PICU bed 4 with her new bear.",
        Kind::Location,
        "bed 4"
    ));
    assert!(pass(
        &g,
        "Bed 4 in our sensory room is for any child who needs a quiet break."
    ));
    assert!(has(
        &g,
        "We had a lovely tea for Winifred in bay 2 today",
        Kind::PersonName,
        "Winifred"
    ));
    assert!(has(
        &g,
        "Could the owner of the blue Fiesta KP21 XRT please move it from the ambulance bay?",
        Kind::VehicleId,
        "KP21 XRT"
    ));
    assert!(has(
        &g,
        "J.M. quit vaping after our teen clinic! 3 months clean 💪",
        Kind::PersonName,
        "J.M."
    ));
}

#[test]
fn a_town_after_de_is_no_surname() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "Gracias a la Sra. Imelda Treviño de San Antonio por los tamales",
        Kind::PersonName,
        "Imelda Treviño"
    ));
    assert!(has(
        &g,
        "Un abrazo a Don Beto Garza de Lytle",
        Kind::Location,
        "Lytle"
    ));
}
