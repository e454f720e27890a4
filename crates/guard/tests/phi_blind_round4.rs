//! Rules added after the fourth blind batch (eval/phi_fresh.jsonl, b13): military and clergy
//! title abbreviations, lower-case words after "Ms." and endearments, initials after a
//! greeting, double-barrelled surnames, names that are words or months set off by "our
//! patient", a word-name going home after care, birthday idioms, licences with a letter
//! prefix, later mentions of a patient's name, and person nouns ("little guy") that are
//! no names. Texts here are not from eval/.

mod common;

use common::{clinic, has, names, STAFF};
use guard::{Kind, Verdict};

#[test]
fn abbreviated_titles_do_not_end_the_sentence() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "Salute to Capt. Ferreira on the third floor!",
        Kind::PersonName,
        "Ferreira"
    ));
    assert!(has(
        &g,
        "visit from Lt. Okonkwo today, he is healing well",
        Kind::PersonName,
        "Okonkwo"
    ));
}

#[test]
fn lower_case_word_after_a_dotted_title_is_a_name() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "we will miss you mrs. honey!! 💐",
        Kind::PersonName,
        "honey"
    ));
    // Without the period "miss" is a verb and the word stays a word.
    assert_eq!(g.scan("we miss the sun this week").verdict, Verdict::Pass);
}

#[test]
fn endearment_and_pronoun_mark_a_lower_case_name() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "little ivy got her cast off today 🩷",
        Kind::PersonName,
        "ivy"
    ));
    assert!(has(
        &g,
        "lil rocky took his first steps on the ward",
        Kind::PersonName,
        "rocky"
    ));
    // An article before "little", or a person noun, keeps the word a word.
    assert_eq!(
        g.scan("With a little faith in his team, anything is possible.")
            .verdict,
        Verdict::Pass
    );
    assert_eq!(
        names(&g, "Say bye to a special little guy after his last visit."),
        0
    );
    assert_eq!(
        names(&g, "So proud of our little guy, home after his surgery!"),
        0
    );
}

#[test]
fn initials_after_a_greeting_are_a_name() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "Congratulations to K.M. on finishing chemo!",
        Kind::PersonName,
        "K.M."
    ));
    assert_eq!(
        g.scan("Thanks to the U.S. team for the data.").verdict,
        Verdict::Pass
    );
}

#[test]
fn double_barrelled_surname_completes_a_word_name() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "Meet the wonderful Harmony Lopez-Garcia, our youth ambassador!",
        Kind::PersonName,
        "Harmony"
    ));
}

#[test]
fn apposition_our_patient_makes_a_month_a_name() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "Big thanks to April, our bravest dialysis patient, for the cookies",
        Kind::PersonName,
        "April"
    ));
    assert_eq!(
        g.scan("See you in April, our clinic reopens after the remodel.")
            .verdict,
        Verdict::Pass
    );
}

#[test]
fn word_name_going_home_after_care_is_a_patient_even_if_staff_share_it() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "Joy is finally home after 30 days in the NICU 💕",
        Kind::PersonName,
        "Joy"
    ));
    // No care story: a season or a feeling, not a person.
    assert_eq!(
        g.scan("Joy is back at the holiday market this weekend!")
            .verdict,
        Verdict::Pass
    );
}

#[test]
fn birthday_idioms_give_an_age_over_89() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "Our patient Vera, 98 today, blew out every candle",
        Kind::AgeOver89,
        "98"
    ));
    assert!(has(
        &g,
        "Happy birthday Mr. Ruiz, 102 years young!",
        Kind::AgeOver89,
        "102"
    ));
    assert_eq!(
        g.scan("Lakeview Family Clinic: 100 years young and still growing!")
            .verdict,
        Verdict::Pass
    );
}

#[test]
fn licence_with_a_state_and_letter_prefix() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "driver's license TX-AB7712093 left at the front desk",
        Kind::LicenseNumber,
        "7712093"
    ));
}

#[test]
fn later_mentions_of_a_patient_name_are_found() {
    let g = clinic(STAFF);
    let t = "Thanks to Summer Reyes for the cookies! Summer is doing great after surgery.";
    assert_eq!(names(&g, t), 2);
}
