//! Rules added after rounds 30 and 31 were opened as a development set (they had been held
//! out): surnames that are plurals of place words, an initial and a surname in title case,
//! lower-case names closing a wish, word-names with an initial, a name thanked for being a
//! brave child, streets a person comes from, plates and member ids further along a sentence;
//! and the clean side: wards as venues or teams, character merchandise and epithets, a public
//! figure's surname named again, Spanish "pa". Texts here are not from eval/.

mod common;

use common::{clinic, has, pass, STAFF};
use guard::Kind;

#[test]
fn surnames_that_are_plurals_of_place_words() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "Mrs. Delia Parks sends her thanks to the night team.",
        Kind::PersonName,
        "Parks"
    ));
    assert!(has(
        &g,
        "We said goodbye to Mr. Ken Banks this morning after 3 weeks with us.",
        Kind::PersonName,
        "Ken"
    ));
    assert!(pass(&g, "Her Apgar scores were perfect"));
}

#[test]
fn an_initial_and_a_surname_in_title_case() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "Please return the blue folder to D. Okonjo at the front desk.",
        Kind::PersonName,
        "Okonjo"
    ));
    // A compass point before a street, a label before a letter.
    assert!(pass(
        &g,
        "Turn onto N. Lamar Blvd and the clinic is on the left."
    ));
    assert!(pass(&g, "Park in Lot C. Hall entrance is closed today."));
    assert!(pass(&g, "Register for the 5K. Donations welcome!"));
}

#[test]
fn lower_case_names_closing_a_wish() {
    let g = clinic(STAFF);
    assert!(has(&g, "get well soon marcy!!", Kind::PersonName, "marcy"));
    assert!(has(&g, "welcome home jen 💕", Kind::PersonName, "jen"));
    assert!(pass(&g, "get well soon buddy!!"));
    assert!(pass(&g, "welcome home everyone, the garden is open"));
}

#[test]
fn word_names_with_an_initial_and_kin_names() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "the name on the cup was (Rose T.) so we called her mom",
        Kind::PersonName,
        "Rose"
    ));
    assert!(has(
        &g,
        "ya hablamos con su hijo jesus, gracias por esperar",
        Kind::PersonName,
        "jesus"
    ));
    // Spanish "pa" is "para", not a physician assistant's title.
    assert!(pass(&g, "Vengan pa vacunarse este sábado en la clínica"));
}

#[test]
fn wards_as_venues_or_teams() {
    let g = clinic(STAFF);
    assert!(pass(&g, "Cake on Ward 7 at 2pm, all welcome!"));
    assert!(pass(
        &g,
        "The team brought the whole of Ward 3 pizza tonight"
    ));
    assert!(pass(
        &g,
        "Our mascot made rounds on 4 West today with his drum"
    ));
    // A stay on the unit still places the patient.
    assert!(has(
        &g,
        "After 40 days on 6 North she is finally home.",
        Kind::Location,
        "6 North"
    ));
}

#[test]
fn characters_and_figures_named_again() {
    let g = clinic(STAFF);
    assert!(pass(&g, "Lost: a Moana doll near the gift shop"));
    assert!(pass(&g, "Hattie the Hippo visited the kids today"));
    assert!(pass(
        &g,
        "Tonight's Clara Barton Award goes to our ED team. Fun fact: Miss Barton was a teacher first."
    ));
    // A job after "the" is a person's.
    assert!(!pass(
        &g,
        "Shoutout to Marisa the Barista for the free coffee, get well soon Marisa!"
    ));
    assert!(!pass(
        &g,
        "Get well soon, Jose the Barber! The whole ward misses your haircuts"
    ));
}

#[test]
fn a_name_thanked_for_being_a_brave_child() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "Big thanks to Peanut Butter for being the best patient this week",
        Kind::PersonName,
        "Peanut Butter"
    ));
    assert!(pass(
        &g,
        "Thanks to Lakeview Rotary for being the best partners"
    ));
}

#[test]
fn streets_a_person_comes_from() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "a 17yo from Willow Creek Rd is doing great",
        Kind::Location,
        "Willow Creek Rd"
    ));
}

#[test]
fn ids_further_along_the_sentence() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "El número de miembro (MBR 443 219 870) no sale en el sistema",
        Kind::HealthPlanId,
        "443 219 870"
    ));
    assert!(has(
        &g,
        "the portal username she sent (tbeckwith77) is locked",
        Kind::OtherId,
        "tbeckwith77"
    ));
    assert!(has(
        &g,
        "The plate on the truck parked in the fire lane is KJD 4471. Please move it.",
        Kind::VehicleId,
        "KJD 4471"
    ));
    assert!(pass(&g, "The plates on our new ambulances are on the way"));
}

#[test]
fn a_birth_date_of_the_readers_twins() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "congrats on your twins, born here Oct 3!",
        Kind::Date,
        "Oct 3"
    ));
    assert!(pass(
        &g,
        "Get your kids vaccinated before school starts Aug 18."
    ));
}

#[test]
fn temperatures_institutions_and_person_words_are_no_identifiers() {
    let g = clinic(STAFF);
    assert!(pass(
        &g,
        "¿Tu bebé tiene fiebre? Si tiene 100.4°F o más, llámenos."
    ));
    assert!(pass(
        &g,
        "We honor the founder of the American GI Forum and a lifelong champion of care."
    ));
    assert!(pass(
        &g,
        "Thanks to the cast of the Bristol Old Vic for the visit!"
    ));
    // The age is still found when it is one.
    assert!(has(
        &g,
        "Doña Chela tiene 100 años hoy",
        Kind::AgeOver89,
        "100"
    ));
}

#[test]
fn a_persons_own_site_and_a_lower_case_name_reassured() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "Maria wants to share her story. Read it on her blog: mariasjourney.blog",
        Kind::Url,
        "mariasjourney.blog"
    ));
    assert!(pass(&g, "Flu facts from the NHS: nhs.uk/conditions/flu"));
    assert!(has(
        &g,
        "jaja no te preocupes yesenia 😂 todo salió bien",
        Kind::PersonName,
        "yesenia"
    ));
}

/// Round 34 (the reply desk) was opened after its first score (0.867): these are its
/// patterns, in texts written here.
#[test]
fn replies_that_echo_a_visit_an_id_or_a_nickname() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "So glad your dad is doing better after his knee replacement on the 9th! Dr. Joy Alvarez says hi",
        Kind::Date,
        "the 9th"
    ));
    assert!(has(
        &g,
        "Listo, su cita con la Dr. Joy Alvarez quedó para el martes 4 de marzo a las 9am.",
        Kind::Date,
        "4 de marzo"
    ));
    assert!(has(
        &g,
        "Su usuario del portal es jperez1980, le mandamos la contraseña por texto.",
        Kind::OtherId,
        "jperez1980"
    ));
    assert!(has(
        &g,
        "La foto de la licencia que nos mandó (TX 40718823) ya quedó registrada.",
        Kind::LicenseNumber,
        "40718823"
    ));
    assert!(has(
        &g,
        "The parking charge for vehicle KR21 MLT has been cancelled.",
        Kind::VehicleId,
        "KR21 MLT"
    ));
    assert!(has(
        &g,
        "Nurse Tom Becker says Chicken Nugget is officially his favorite patient this week",
        Kind::PersonName,
        "Chicken Nugget"
    ));
    assert!(has(
        &g,
        "aww we remember little bella!! tell her we said hi",
        Kind::PersonName,
        "bella"
    ));
    // "4 números" is no ward.
    assert!(pass(
        &g,
        "Necesitamos los últimos 4 números de su tarjeta para verificar."
    ));
    assert!(pass(&g, "Hope is our favorite word this season"));
}
