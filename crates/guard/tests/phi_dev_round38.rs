//! Rules added after rounds 27 and 32 (held out until now) and the new rounds 38 (where people
//! are from) and 39 (tempting clean posts) were opened as a development set: names as names,
//! places in lists, costume parades, names beside room numbers, towns as adjectives, and the
//! clean side that must keep passing. Texts here are not from eval/.

mod common;

use common::{clinic, has, pass, STAFF};
use guard::Kind;

#[test]
fn names_as_names_are_nobodys() {
    let g = clinic(STAFF);
    assert!(pass(
        &g,
        "Our nurses' favourite baby names this year: Harper, Eli, Nora and Jude. Did yours make the list?"
    ));
    assert!(pass(
        &g,
        "Los nombres más populares del año: Valentina, Mateo y Regina 👶"
    ));
    // A baby born here, with a family word, is still a person even beside the list.
    assert!(has(
        &g,
        "Top names of the year were Nora and Eli. Congrats to baby Nora, born here Tuesday!",
        Kind::PersonName,
        "Nora"
    ));
}

#[test]
fn towns_in_a_list_are_places() {
    let g = clinic(STAFF);
    assert!(pass(
        &g,
        "RSV is rising in Columbus, Dayton and Toledo this week. Wash those hands!"
    ));
    assert!(pass(
        &g,
        "El camión de vacunas visita Lytle (día 3), Somerset (día 10) y Elmendorf (día 17)."
    ));
    // Names that happen to be towns, in a list of children, stay names.
    assert!(has(
        &g,
        "Olivia, Emma and Noah were discharged today",
        Kind::PersonName,
        "Emma"
    ));
}

#[test]
fn costume_parades_and_books() {
    let g = clinic(STAFF);
    assert!(pass(
        &g,
        "Costume day on 3 West: we spotted a Barbie, Ken (of course), two Elsas and a very tired Shrek."
    ));
    assert!(pass(
        &g,
        "Día de disfraces: vimos una Frida, un Miguel de Coco y dos Catrinas 💀"
    ));
    assert!(pass(
        &g,
        "This week the play team is reading Matilda to the kids."
    ));
    assert!(has(
        &g,
        "Read Ellie's story on our blog: she rang the bell last week.",
        Kind::PersonName,
        "Ellie"
    ));
}

#[test]
fn a_name_beside_a_room_number() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "Alt text: a door sign reading 'WELCOME HOME! - Tobias, Rm 210' with balloons",
        Kind::PersonName,
        "Tobias"
    ));
    assert!(has(
        &g,
        "Photo shows the board: 'Rm 9 - Okonkwo - NPO after midnight'",
        Kind::Location,
        "Rm 9"
    ));
    assert!(pass(
        &g,
        "Staff meeting in Room 204 - Smith Auditorium at noon."
    ));
    assert!(pass(
        &g,
        "Flu clinic today: Room 3 - Level 2, main building."
    ));
}

#[test]
fn a_town_as_the_adjective_of_a_person() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "Please keep the Hillsboro teen hurt in last night's crash in your prayers.",
        Kind::Location,
        "Hillsboro"
    ));
    // A family fund or a building named for a family is no person from a town.
    assert!(pass(
        &g,
        "Thank you to the Beaumont Family Foundation for the new playroom!"
    ));
}

#[test]
fn word_names_ages_and_signs() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "Say hi to 7-year-old Grace! She finished physio today.",
        Kind::PersonName,
        "Grace"
    ));
    assert!(has(
        &g,
        "Our hero of the week is Lily-Mae, who rang the bell 🔔",
        Kind::PersonName,
        "Lily-Mae"
    ));
    assert!(has(
        &g,
        "the banner says 'HAPPY RETIREMENT DOUG!!!' and it's huge",
        Kind::PersonName,
        "DOUG"
    ));
    assert!(has(
        &g,
        "feel better soon tanya!! 💐",
        Kind::PersonName,
        "tanya"
    ));
    assert!(pass(&g, "Our 3-year-old Labrador Buster visits on Fridays"));
    assert!(pass(&g, "A 150-year-old Oak tree shades the garden"));
}

#[test]
fn numbers_and_plates_from_this_round() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "Never post your MRN. Someone shared 00917733 in the comments today, we removed it.",
        Kind::Mrn,
        "00917733"
    ));
    assert!(has(
        &g,
        "La camioneta con placas de Nuevo León RST-12-34 tiene las luces prendidas",
        Kind::VehicleId,
        "RST-12-34"
    ));
    // A number in a post with no record talk stays a number.
    assert!(pass(&g, "We raised 1250000 dollars this year, thank you!"));
}

#[test]
fn clean_places_teams_and_offices() {
    let g = clinic(STAFF);
    assert!(pass(&g, "Good luck tonight vs. Dublin Jerome, Monarchs!"));
    assert!(pass(&g, "Oak Ward has moved to the 4th floor."));
    assert!(pass(
        &g,
        "Antonia Novello was the first Hispanic Surgeon General."
    ));
    assert!(pass(
        &g,
        "The 8 and 9 buses from Temple Meads are running as normal."
    ));
    assert!(pass(
        &g,
        "therapy dogs (like our girl Pepper!) visit the kids on Tuesdays"
    ));
    assert!(has(
        &g,
        "Mr Tom Ward says thank you to the night nurses",
        Kind::PersonName,
        "Tom Ward"
    ));
}

#[test]
fn kin_words_lower_case_surnames_and_initials() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "bendiciones a la familia gutiérrez que viajó desde lejos cada semana",
        Kind::PersonName,
        "gutiérrez"
    ));
    assert!(has(
        &g,
        "Thx to R.J.'s fam for letting us share his pics",
        Kind::PersonName,
        "R.J."
    ));
    assert!(has(
        &g,
        "pic of our frequent flyer danny racing wheelchairs 😂",
        Kind::PersonName,
        "danny"
    ));
    assert!(has(
        &g,
        "asked about little june — she's out of the PICU now",
        Kind::PersonName,
        "june"
    ));
    assert!(pass(&g, "a little june sunshine for everyone"));
}

#[test]
fn schedules_and_animal_lists() {
    let g = clinic(STAFF);
    // A date with its opening hours is a schedule, even with children about.
    assert!(pass(
        &g,
        "Bike helmet fitting for kids from newborn to 12, Saturday, June 14, 10am–2pm in the east lot."
    ));
    assert!(pass(
        &g,
        "Inscripciones abiertas del 3 de marzo al 17 de marzo para las clases de parto. Cupo limitado."
    ));
    // A birth told with its minute is still a birth date.
    assert!(has(
        &g,
        "Bienvenido al bebé Mateo, nacido el 4 de febrero a las 2:10 am 👶",
        Kind::Date,
        "4 de febrero"
    ));
    assert!(pass(
        &g,
        "Biscuit, Mabel and Otis: the three new therapy dogs on our peds floor!"
    ));
    assert!(has(
        &g,
        "Ava, Liam and Noah: our three brave kids of the week",
        Kind::PersonName,
        "Liam"
    ));
}
