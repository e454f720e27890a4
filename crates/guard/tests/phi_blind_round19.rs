//! Rules added after blind rounds 17 to 20 (eval/phi_round17..20.jsonl): nicknames, initials
//! and names said to a person, ages opening a sentence, NHS numbers in brackets, what a lost
//! child wore, staff found by their directory names; and the clean side: places and lectures
//! named for donors, teams, mascots and therapy animals, observance dates, public figures.
//! Texts here are not from eval/.

mod common;

use common::{clinic, has, pass, STAFF};
use guard::{Kind, Whose};

#[test]
fn nicknames_and_names_said_to_a_person() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "Big Al rang the bell this morning! 🔔",
        Kind::PersonName,
        "Al"
    ));
    assert!(has(
        &g,
        "¡El Güero ya salió de terapia intensiva! Lo extrañaremos.",
        Kind::PersonName,
        "Güero"
    ));
    assert!(has(
        &g,
        "Thank you for the lovely review Trish!!! See you at your next visit",
        Kind::PersonName,
        "Trish"
    ));
    assert!(has(
        &g,
        "Shoutout to the waiting room crew, especially Rose, who brought muffins for the night shift.",
        Kind::PersonName,
        "Rose"
    ));
    assert!(has(
        &g,
        "Thank you to Geoff, who's driven his wife to every chemo session since May.",
        Kind::PersonName,
        "Geoff"
    ));
    // A team is thanked in the plural; a word before its institution is that institution.
    assert!(pass(
        &g,
        "The Cedar Valley Comets stopped by the playroom today. Thank you, Comets!"
    ));
    assert!(pass(
        &g,
        "Our Little League physicals are back on Saturday mornings."
    ));
    // Thanking someone for coming to a town is no name.
    assert!(pass(&g, "Thanks for choosing Lakeview!"));
}

#[test]
fn initials_addressed_or_given_as_another_name() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "Gracias por su comentario, L.M. Ya revisamos su cita del martes.",
        Kind::PersonName,
        "L.M."
    ));
    assert!(has(
        &g,
        "Pickle (aka R.J.) finished his last round of chemo! 🥒",
        Kind::PersonName,
        "R.J."
    ));
}

#[test]
fn ages_opening_a_sentence_and_ages_reached() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "At 96, Walter still walks the hospital garden every morning.",
        Kind::AgeOver89,
        "96"
    ));
    assert!(has(
        &g,
        "Her grandmother made it to 93 and still beat everyone at cards.",
        Kind::AgeOver89,
        "93"
    ));
    // A street number after "at" is no age.
    assert!(pass(
        &g,
        "Flu shots at 100 Main Street, Saturday 9 to noon."
    ));
}

#[test]
fn nhs_numbers_in_brackets_and_their_last_digits() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "Please quote your NHS number (943 476 5919) when you ring.",
        Kind::OtherId,
        "943 476 5919"
    ));
    assert!(has(
        &g,
        "We found the referral for NHS no ending 5919, the letter is on its way.",
        Kind::OtherId,
        "5919"
    ));
}

#[test]
fn what_a_lost_child_wore() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "Help us find this little girl's family: about 4, wearing a Frozen nightgown and one pink boot.",
        Kind::OtherId,
        "Frozen nightgown"
    ) || has(
        &g,
        "Help us find this little girl's family: about 4, wearing a Frozen nightgown and one pink boot.",
        Kind::OtherId,
        "pink boot"
    ));
    assert!(pass(
        &g,
        "Our nurses were wearing their new scrubs and comfy sneakers at the 5K!"
    ));
}

#[test]
fn staff_found_by_their_directory_names() {
    let g = clinic(&["Child Life Specialist Hope Field", "Dr. Ana Ruiz"]);
    let scan = g.scan("Hope Field made slime with the kids today. Congrats, Hope!");
    assert_eq!(scan.verdict, guard::Verdict::Pass);
    let staff: Vec<&str> = scan
        .findings
        .iter()
        .filter(|f| f.kind == Kind::PersonName && f.whose == Whose::Staff)
        .map(|f| f.text.as_str())
        .collect();
    assert!(staff.contains(&"Hope Field"), "{staff:?}");
    assert!(staff.contains(&"Hope"), "{staff:?}");
}

#[test]
fn kin_before_a_state_or_month_name() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "Her son Dakota spent two weeks on our rehab unit.",
        Kind::PersonName,
        "Dakota"
    ));
    // A kind of person ("every mom") ties no date to anyone.
    assert!(pass(&g, "Every mom deserves a checkup: book by March 3."));
    // Without a kin word before it, the state is a place.
    assert!(pass(
        &g,
        "Free flu shots for Dakota County families this Saturday."
    ));
}

#[test]
fn places_and_lectures_named_for_donors() {
    let g = clinic(STAFF);
    assert!(pass(
        &g,
        "Come see the new mural in the Whitfield Family Atrium this week!"
    ));
    assert!(pass(
        &g,
        "The Margaret & Henry Oduya Family Pavilion opens to patients Monday, June 2."
    ));
    assert!(pass(
        &g,
        "Dr. Joy Alvarez will give this year's Samuel J. Kwan lecture on sepsis."
    ));
}

#[test]
fn animals_and_mascots_named_anywhere_in_the_post() {
    let g = clinic(STAFF);
    assert!(pass(
        &g,
        "Rosie the Riveter? No, Rosie the therapy Goldendoodle! Rosie visits every Friday."
    ));
    assert!(pass(
        &g,
        "Say hi to Pip Otter, the Lakeview Lynx mascot, at the fun run."
    ));
    assert!(pass(
        &g,
        "Maple the Moose turned 7 today! Cake in the lobby at 3."
    ));
}

#[test]
fn observance_dates_and_public_figures() {
    let g = clinic(STAFF);
    assert!(pass(
        &g,
        "Happy International Nurses Day (12 May) to every nurse, led by Dr. Joy Alvarez!"
    ));
    assert!(pass(
        &g,
        "Caitlin Clark sent a signed jersey for our teen lounge. Thank you, Caitlin!"
    ));
    assert!(pass(
        &g,
        "Happy birthday to Dr. Seuss! Read Across America starts Monday."
    ));
}
