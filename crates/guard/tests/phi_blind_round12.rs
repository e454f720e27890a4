//! Rules added after blind rounds 12 to 14 (eval/phi_round12..14.jsonl): replies that open
//! with a person's handle, names said to a person at the end of a sentence, hashtags around a
//! name no list holds, record formats ("ALVAREZ, G"), birth dates on wristbands; and the clean
//! side: public figures after their office, costume characters, pets with mock titles, the
//! organisation's own birthday, businesses named for people, countries, places in handles.
//! Texts here are not from eval/.

mod common;

use common::{clinic, has, pass, STAFF};
use guard::{Guard, Kind, OrgProfile};

#[test]
fn a_reply_opening_with_a_personal_handle_answers_that_person() {
    let g = clinic(STAFF);
    for text in [
        "@brendaw_77 so glad the new knee is treating you well!",
        "Hi @dmorales_tx, sorry your dad waited so long on Friday night.",
        "@LakeviewClinic @kris.and.the.kids we loved seeing the twins today 💜",
    ] {
        assert!(!pass(&g, text), "{text}");
    }
    // An account of a club or a business is no patient.
    assert!(pass(
        &g,
        "@CedarRotaryClub thank you for the care packages, you are amazing!"
    ));
}

#[test]
fn a_name_said_to_a_person_closing_a_sentence() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "Of course we remember you, Lena! Good luck in first grade 🎒",
        Kind::PersonName,
        "Lena"
    ));
    assert!(has(
        &g,
        "Forty years at the front desk and we will miss you, Will 💐",
        Kind::PersonName,
        "Will"
    ));
    // Everyday words and offices are not names.
    assert!(pass(&g, "Thank you, Team! Thanks, Governor!"));
}

#[test]
fn an_apposition_and_a_kin_title_name_a_patient() {
    let g = clinic(&["Dr. Hope Marsh"]);
    assert!(has(
        &g,
        "Photo: Brooks, a toddler in a dinosaur onesie, waves at the camera.",
        Kind::PersonName,
        "Brooks"
    ));
    // A staff member shares the name, but a baby is no clinician.
    assert!(has(
        &g,
        "Look who came to visit: baby Hope, 200 days after leaving our NICU!",
        Kind::PersonName,
        "Hope"
    ));
}

#[test]
fn a_hashtag_around_a_name_no_list_holds() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "Last chemo DONE 🔔 #kaimanastrong",
        Kind::PersonName,
        "kaimana"
    ));
    assert!(has(
        &g,
        "The whole ward is cheering #TeamAroha",
        Kind::PersonName,
        "Aroha"
    ));
    // Places, units and the organisation's own name are no one.
    assert!(pass(
        &g,
        "#IowaStrong #NICUstrong #LakeviewStrong #PrayForUkraine"
    ));
}

#[test]
fn names_as_records_print_them() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "Alt text: the screen behind the nurse reads 'Bed 4 Okonkwo, T — NPO'.",
        Kind::PersonName,
        "Okonkwo"
    ));
    assert!(has(
        &g,
        "Wristband visible in the photo: 'DELACRUZ MORA, ANTONIO 11/02/1947'",
        Kind::PersonName,
        "DELACRUZ"
    ));
    assert!(has(
        &g,
        "Please crop it, the monitor shows 'Patient: R. HALVORSEN'",
        Kind::PersonName,
        "HALVORSEN"
    ));
    assert!(has(
        &g,
        "the X-ray label says Hosp No: K5520931, blur before posting",
        Kind::Mrn,
        "K5520931"
    ));
    // "TX" after a label is a state; a sentence that goes on is no record.
    assert!(pass(&g, "Dr. Alvarez, I think you are the best!"));
}

#[test]
fn a_numeric_date_with_a_year_long_past_is_a_birth_date() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "The label on the bag: 03/22/1951 - do not discard",
        Kind::Date,
        "1951"
    ));
    assert!(pass(&g, "Serving the lake towns since 09/01/1998!"));
}

#[test]
fn public_figures_after_their_office_are_nobodys_patients() {
    let g = clinic(STAFF);
    assert!(pass(
        &g,
        "Senator Maria Delgado toured our new wing today. Thank you, Maria!"
    ));
    assert!(pass(
        &g,
        "Hawkeyes QB Tyler Brandt signed footballs for every kid on the floor 🏈"
    ));
    // A public figure can be a patient too.
    assert!(!pass(
        &g,
        "Statement: Mayor Rita Gomez was admitted overnight and is in stable condition."
    ));
}

#[test]
fn characters_pets_and_businesses_are_nobody() {
    let g = clinic(STAFF);
    assert!(pass(
        &g,
        "Superhero Day is Friday! Batman and Elsa will hand out stickers 🦸"
    ));
    assert!(pass(
        &g,
        "Nurse Tom Becker is going as Moana this Halloween 🌺"
    ));
    assert!(pass(
        &g,
        "🐾 Lady Fluffington says hi to all her fans, woof!"
    ));
    assert!(pass(&g, "Say hello to Rosie 🤖, our new delivery robot."));
    assert!(pass(
        &g,
        "Thanks to Uncle Sal's Pizza for lunch, and we'll be back next week!"
    ));
    // A child dressed as a character is still a child.
    assert!(!pass(&g, "Elsa, 6, dressed as Batman for her last chemo!"));
}

#[test]
fn the_organisations_own_birthday_and_countries_are_nobodys() {
    let g = Guard::new(OrgProfile {
        name: "Lakeview Family Clinic".into(),
        staff: vec!["Dr. Ana Souza".into()],
        ..OrgProfile::default()
    });
    assert!(pass(&g, "Lakeview turns 95 this year! Cake in the lobby."));
    assert!(pass(
        &g,
        "Happy birthday to us! Lakeview Family Clinic opened its doors 15 de junio and was born of a promise."
    ));
    assert!(pass(
        &g,
        "Welcome Dr. Ana Souza, who joins us from Brazil 🇧🇷"
    ));
    // The town inside a handle is part of the handle.
    assert!(pass(&g, "Thanks for the shout-out @Bristol_Bakes!"));
}
