//! Rules added after the fifth blind batch (eval/phi_round5.jsonl): word-names as the subject of
//! a personal event with a pronoun (also when a staff member shares the name), a person clause
//! after a thanked word, nickname titles before cue words, "Carol singers", hashtags repeating a
//! patient's name or set off by an affix, modern given names, holidays a named patient did
//! something on, beds and trauma bays, bare room numbers after a person, home towns no list
//! holds, UK street suffixes, phones with middle dots and tattoos. Texts here are not from eval/.

mod common;

use common::{clinic, has, pass};
use guard::Kind;

const STAFF: &[&str] = &["Dr. Joy Alvarez", "Nurse Tom Becker", "Dr. Faith Morgan"];

#[test]
fn word_name_subject_of_a_personal_event_with_a_pronoun() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "Faith was born at 30 weeks and now she is crawling everywhere!",
        Kind::PersonName,
        "Faith"
    ));
    assert!(has(
        &g,
        "joy is home!! she rang the bell on friday",
        Kind::PersonName,
        "joy"
    ));
    assert!(has(
        &g,
        "Mark phoned twice about his father's discharge papers.",
        Kind::PersonName,
        "Mark"
    ));
    assert!(has(
        &g,
        "Sunny (yes, her real name!) finished radiation with a smile.",
        Kind::PersonName,
        "Sunny"
    ));
    // The word with no pronoun, or no event, stays a word.
    assert!(pass(&g, "Faith was shaken for many during the pandemic."));
    assert!(pass(
        &g,
        "Hope was the theme of our gala, and her message was clear."
    ));
    assert!(pass(&g, "Mark your calendars: grace period ends soon."));
}

#[test]
fn person_clause_after_a_thanked_word() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "Cheers to Legend, who spent his first month in our NICU!",
        Kind::PersonName,
        "Legend"
    ));
    assert!(has(
        &g,
        "Hugs to Willow and her little brother after their surgeries",
        Kind::PersonName,
        "Willow"
    ));
    assert!(has(
        &g,
        "Happy birthday to Bea, our favourite regular in dialysis!",
        Kind::PersonName,
        "Bea"
    ));
    assert!(pass(&g, "Thanks to Rotary, who donated 40 car seats!"));
    assert!(pass(&g, "Thanks to Target and their team for the toys."));
}

#[test]
fn cue_words_after_nickname_titles_and_compound_nouns() {
    let g = clinic(STAFF);
    let r = g.scan("Big shoutout to our night shift crew!");
    assert!(r.findings.iter().all(|f| f.kind != Kind::PersonName));
    assert!(pass(
        &g,
        "Carol singers will fill the lobby on December 18. Joy to all!"
    ));
    assert!(pass(
        &g,
        "Oren por todos los enfermos de nuestra comunidad."
    ));
}

#[test]
fn hashtags_with_a_patient_name() {
    let g = clinic(STAFF);
    // A name no list holds, repeated in a hashtag.
    assert!(has(
        &g,
        "Our friend Zephyrine rang the bell today! #ZephyrineTough",
        Kind::PersonName,
        "Zephyrine"
    ));
    // A modern given name set off by a cue affix, in a hashtag and a handle.
    assert!(has(&g, "#PrayForKinsley", Kind::PersonName, "Kinsley"));
    assert!(has(&g, "#BentleyStrong 💪", Kind::PersonName, "Bentley"));
    assert!(has(
        &g,
        "love seeing @lil.ryker.t up and walking after his surgery",
        Kind::PersonName,
        "ryker"
    ));
    assert!(pass(&g, "#NursesStrong #HopeStrong #PrayForRain"));
}

#[test]
fn holidays_tied_to_a_named_patient() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "Baby Odalys finally went home on Thanksgiving morning 🦃",
        Kind::Date,
        "Thanksgiving"
    ));
    assert!(has(
        &g,
        "Mr. Okoye passed away peacefully on Easter Sunday.",
        Kind::Date,
        "Easter Sunday"
    ));
    // No named patient, or a day about a kind of person: no date.
    assert!(pass(
        &g,
        "Santa came to the NICU on Christmas Eve and brought his sleigh full of toys!"
    ));
    assert!(pass(
        &g,
        "Visit your mom on Mother's Day and bring her flowers."
    ));
    assert!(pass(
        &g,
        "Our chaplain leads a sunrise service on Easter Sunday and he invites you."
    ));
}

#[test]
fn beds_trauma_bays_and_rooms_after_a_person() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "Feeding pump serial SN 77Q-1200-Z for bed 14 needs a new set.",
        Kind::Location,
        "bed 14"
    ));
    assert!(has(
        &g,
        "the patient in trauma 3 is asking for water",
        Kind::Location,
        "trauma 3"
    ));
    assert!(has(
        &g,
        "Please call the daughter of the pt in 7C.",
        Kind::Location,
        "7C"
    ));
    assert!(has(
        &g,
        "Mrs. Ferraro's son in 418 needs a wheelchair.",
        Kind::Location,
        "418"
    ));
    assert!(pass(
        &g,
        "Our volunteers in 300 hospitals nationwide are amazing."
    ));
    assert!(pass(&g, "Trauma 1 nurses rock!"));
    assert!(pass(
        &g,
        "Bed 5 of the new unit has a view of the river, designed by local artists."
    ));
}

#[test]
fn home_towns_no_list_holds() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "Congrats to Efraín Soto of Bluffton Springs on finishing rehab!",
        Kind::Location,
        "Bluffton"
    ));
    assert!(has(
        &g,
        "Little Maisie from the tiny town of Quenemo beat RSV!",
        Kind::Location,
        "Quenemo"
    ));
    assert!(has(
        &g,
        "A card from Tobias's family in Wetherby made our week.",
        Kind::Location,
        "Wetherby"
    ));
    assert!(has(
        &g,
        "the gentleman from wapakoneta who left his cane: we have it!",
        Kind::Location,
        "wapakoneta"
    ));
    // A person's name after "family of" is a name, not a place.
    let r = g.scan("Our condolences to the family of Ada Mae Pruitt, 94.");
    assert!(r.findings.iter().all(|f| f.kind != Kind::Location));
    assert!(pass(
        &g,
        "The woman from marketing will present the results."
    ));
    assert!(pass(
        &g,
        "The town of Lakeview is hosting a health fair on Saturday."
    ));
}

#[test]
fn numbers_and_marks_in_odd_formats() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "She left 614·555·0177 on the voicemail.",
        Kind::Phone,
        "614·555·0177"
    ));
    assert!(has(
        &g,
        "Post to Mrs Idowu, 22 Redland Hill, please.",
        Kind::Location,
        "22 Redland Hill"
    ));
    assert!(has(
        &g,
        "Unidentified man in the ED, tattoo of a rose on left forearm. Please call us.",
        Kind::OtherId,
        "tattoo of a rose"
    ));
}

#[test]
fn quoted_nickname_joins_given_name_and_surname() {
    let g = clinic(STAFF);
    let r = g.scan("Rest easy, Theodore 'Teddy' Marchetti, volunteer of 20 years.");
    assert!(r
        .findings
        .iter()
        .any(|f| f.kind == Kind::PersonName && f.text.ends_with("Marchetti")));
}
