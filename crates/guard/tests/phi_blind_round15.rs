//! Rules added after blind rounds 15 and 16 (eval/phi_round15.jsonl, phi_round16.jsonl): a
//! word used as a name opening a story of a stay, an age said with "is" or "turned", initials
//! with an apposition; and the clean side: robots and mascots by name, historical dates, the
//! organisation's line with an extension or after "billing", a public figure's office.
//! Texts here are not from eval/.

mod common;

use common::{clinic, has, pass, STAFF};
use guard::{Guard, Kind, OrgProfile};

#[test]
fn a_word_name_opening_a_story_of_a_stay() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "River turned 3 in the NICU today 🎈 the nurses made a crown",
        Kind::PersonName,
        "River"
    ));
    assert!(has(
        &g,
        "Rain is off the ventilator! Bed 12 is cheering",
        Kind::PersonName,
        "Rain"
    ));
    // The same words as words, with no stay told of, are nobody.
    assert!(pass(
        &g,
        "Hope is back! Our cancer fundraiser returns in May."
    ));
    assert!(pass(
        &g,
        "Grace was born of a simple idea: no patient should be alone."
    ));
}

#[test]
fn an_age_said_with_is_or_turned_names_the_person_even_a_staff_namesake() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "Joy is 6, loves Bluey, and finished physical therapy with us today!",
        Kind::PersonName,
        "Joy"
    ));
    assert!(has(
        &g,
        "Come say hi to Austin, 7, who waits all week for the therapy dog.",
        Kind::PersonName,
        "Austin"
    ));
}

#[test]
fn initials_with_an_apposition_or_a_family() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "Proud moment: R.M., a retired teacher, finished all 36 sessions.",
        Kind::PersonName,
        "R.M."
    ));
    assert!(has(
        &g,
        "Update from K.D.'s family: the scans are clear!",
        Kind::PersonName,
        "K.D."
    ));
}

#[test]
fn robots_and_mascots_by_name_are_nobody() {
    let g = clinic(STAFF);
    assert!(pass(
        &g,
        "Our new pharmacy robot has been named 'Newton' by the kids of Lincoln Elementary 🤖"
    ));
    assert!(pass(
        &g,
        "Bruno the Lakeview Beaver will hand out stickers at the fall fair! 🦫"
    ));
}

#[test]
fn historical_dates_and_public_offices_are_nobodys() {
    let g = clinic(STAFF);
    assert!(pass(
        &g,
        "Florence Nightingale was born on 12 May 1820, so today we celebrate every nurse."
    ));
    assert!(pass(
        &g,
        "Award presented by Lt. Governor Husted in Columbus 🏆"
    ));
}

#[test]
fn the_organisations_line_with_an_extension_or_a_billing_label() {
    let g = Guard::new(OrgProfile {
        name: "Lakeview Family Clinic".into(),
        phones: vec!["(555) 555-0100".into(), "555-555-0199".into()],
        ..OrgProfile::default()
    });
    assert!(pass(
        &g,
        "Questions about the job? Call (555) 555-0100 ext. 4412 and ask for HR."
    ));
    assert!(pass(
        &g,
        "Main number (555) 555-0100, billing is 555-555-0199."
    ));
    // Someone else's number after "billing" is still an account.
    assert!(!pass(
        &g,
        "billing account 4471-2209-33, please call her back"
    ));
}
