//! Rules added after the blind batches of eval/phi_fresh.jsonl. Round 2 (b7 to b9): room and
//! bed numbers in care stories, lower-case names that are addressed or praised, a single
//! initial after a courtesy title. Round 3 (b10 to b12): numbered cots and cribs, rooms someone
//! is in or comes from, wards that only name a place, names set off by commas, and reply
//! handles about care. Texts here are not from eval/.

mod common;

use common::{clinic, has};
use guard::{Kind, Verdict};

const STAFF: &[&str] = &["Dr. Alicia Gomez", "Nurse Tom Becker"];

#[test]
fn bed_number_in_a_care_story_blocks_without_a_pronoun() {
    let g = clinic(STAFF);
    let t = "The day team looked after bed 31 through a long month; today she went home!";
    assert!(has(&g, t, Kind::Location, "bed 31"));
    let t = "Cheering on bay 5 in the stroke unit, going home after six weeks!";
    assert!(has(&g, t, Kind::Location, "bay 5"));
    let t = "Thank you for the card, family of the lady in cubicle 9.";
    assert!(has(&g, t, Kind::Location, "cubicle 9"));
}

#[test]
fn room_number_of_a_notice_is_not_a_patient_place() {
    let g = clinic(STAFF);
    let t = "Room 12 of the education center hosts our free asthma class on Monday.";
    assert_eq!(g.scan(t).verdict, Verdict::Pass);
    let t = "We opened 20 new beds and bed 1 is already reserved for the flu season drill.";
    assert_eq!(g.scan(t).verdict, Verdict::Pass);
    // A care word elsewhere, or a team named by its ward, places no patient in the room.
    let t = "Thank you for visiting our new surgery wing! Room 4 is the family lounge.";
    assert_eq!(g.scan(t).verdict, Verdict::Pass);
    let t = "Ward 3 nurses went home tired but happy after the winter surge.";
    assert_eq!(g.scan(t).verdict, Verdict::Pass);
}

#[test]
fn lower_case_name_addressed_or_praised_is_a_patient() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "jordan u were so brave this week",
        Kind::PersonName,
        "jordan"
    ));
    assert!(has(
        &g,
        "we are so proud of mateo for walking again",
        Kind::PersonName,
        "mateo"
    ));
    assert!(has(
        &g,
        "felicidades diego, ya terminaste",
        Kind::PersonName,
        "diego"
    ));
    assert!(has(
        &g,
        "happy discharge day to noah!",
        Kind::PersonName,
        "noah"
    ));
    // "ruby" and "lily" are words too: they need the care story and words said to them.
    let t = "ruby we miss you on the ward, come visit us soon";
    assert!(has(&g, t, Kind::PersonName, "ruby"));
    let t = "will we see you at the winter fair?";
    assert_eq!(g.scan(t).verdict, Verdict::Pass);
}

#[test]
fn lower_case_word_names_need_more_than_an_address() {
    let g = clinic(STAFF);
    // "hope", "will", "grace" are words first: a reply wishing someone well is clean.
    let t = "hope you feel better soon, thank you for the kind words about our nurses";
    assert_eq!(g.scan(t).verdict, Verdict::Pass);
    let t = "hope you were able to enjoy the fair, thank you for the kind words about our nurses";
    assert_eq!(g.scan(t).verdict, Verdict::Pass);
    let t = "so proud of everyone who ran the 5K for the clinic";
    assert_eq!(g.scan(t).verdict, Verdict::Pass);
}

#[test]
fn initial_after_courtesy_title_is_a_name() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "Thank you Mrs. O. for the lovely flowers!",
        Kind::PersonName,
        "O"
    ));
    assert!(has(
        &g,
        "Gracias a la señora G por el pan dulce.",
        Kind::PersonName,
        "G"
    ));
    assert!(has(
        &g,
        "Gracias, señor M., por su paciencia.",
        Kind::PersonName,
        "M"
    ));
    // A lower-case letter after "señora" is a word, not an initial.
    let t = "La señora y su hijo llegaron temprano a la feria.";
    assert!(!g.scan(t).findings.iter().any(|f| f.text == "y"));
}

#[test]
fn numbered_cot_or_crib_places_a_child() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "A sleepy baby naps with a plush bear in crib 12.",
        Kind::Location,
        "crib 12"
    ));
    assert!(has(
        &g,
        "Photo: balloons tied to cot 3 on the children's ward.",
        Kind::Location,
        "cot 3"
    ));
}

#[test]
fn room_someone_is_in_blocks_but_a_meeting_room_does_not() {
    let g = clinic(STAFF);
    let t = "The night nurses in room 517 sang happy birthday at midnight.";
    assert!(has(&g, t, Kind::Location, "room 517"));
    let t = "The diabetes class meets in room 204 every Thursday.";
    assert_eq!(g.scan(t).verdict, Verdict::Pass);
}

#[test]
fn ward_named_as_a_place_does_not_block() {
    let g = clinic(STAFF);
    let t = "Ward 5 marked its 50th anniversary with a bake sale.";
    assert_eq!(g.scan(t).verdict, Verdict::Pass);
}

#[test]
fn name_in_apposition_after_a_person_noun_is_found() {
    let g = clinic(STAFF);
    let t = "Our trauma team saved a young cyclist, Brandon, after a crash on the bridge.";
    assert!(has(&g, t, Kind::PersonName, "Brandon"));
    let t = "Caption: R. Albescu, our 500th heart surgery patient, with the team.";
    assert!(has(&g, t, Kind::PersonName, "Albescu"));
}

#[test]
fn sentence_opening_name_addressed_in_a_care_story_is_found() {
    let g = clinic(STAFF);
    let t = "After her surgery she walked a mile. Megan, you amaze us!";
    assert!(has(&g, t, Kind::PersonName, "Megan"));
}

#[test]
fn reply_handle_about_care_blocks_but_a_plain_mention_does_not() {
    let g = clinic(STAFF);
    let t = "@rtk_1990 so glad your mom is recovering after her surgery!";
    assert!(has(&g, t, Kind::PersonName, "@rtk_1990"));
    let t = "Follow @stateparks for trail maps before your weekend walk.";
    assert_eq!(g.scan(t).verdict, Verdict::Pass);
}

#[test]
fn given_name_with_word_surname_in_a_care_story_is_found() {
    let g = clinic(STAFF);
    let t = "Dolores Baker couldn't lift her arm before her shoulder surgery.";
    assert!(has(&g, t, Kind::PersonName, "Baker"));
    let t = "Hope Lodge is a free place to stay for families during treatment.";
    assert_eq!(g.scan(t).verdict, Verdict::Pass);
}
