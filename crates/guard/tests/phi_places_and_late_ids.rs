//! Rules added after re-reading the held-back batches of rounds 6 and 7: the GeoNames
//! gazetteer (towns of 500+ people) names a person's home town after a cue; an adverb may
//! stand between a name and its verb; an insurance or record label with its number later in
//! the sentence; transplants and seizures are dated events. Texts here are not from eval/.

mod common;

use common::{clinic, has, pass, STAFF};
use guard::Kind;

#[test]
fn a_gazetteer_town_is_a_patients_home_town_only_beside_a_person() {
    let g = clinic(STAFF);
    // Neither town is in the hand-picked list of large cities.
    assert!(has(
        &g,
        "Our patient Keisha is back with her grandparents in Spearfish after six weeks of rehab.",
        Kind::Location,
        "Spearfish"
    ));
    assert!(has(
        &g,
        "The little boy from Bastrop rang the bell today, see you at the reunion buddy!",
        Kind::Location,
        "Bastrop"
    ));
    // A town in an announcement about no one is no patient's.
    assert!(pass(
        &g,
        "Our mobile mammography van visits Spearfish and Bastrop next month."
    ));
}

#[test]
fn an_adverb_between_a_name_and_its_verb() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "After 40 days Tamsin finally went home, and the unit cheered her down the hall.",
        Kind::PersonName,
        "Tamsin"
    ));
    assert!(has(
        &g,
        "Kaito proudly rang the bell after his last round of chemo!",
        Kind::PersonName,
        "Kaito"
    ));
}

#[test]
fn a_label_with_its_number_later_in_the_sentence() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "The member ID printed on the card in your photo, BCX 4417 2290 81, is readable: please repost it cropped.",
        Kind::HealthPlanId,
        "4417 2290 81"
    ));
    assert!(has(
        &g,
        "Su póliza aparece en la foto que subió, número 88-1920-337, por favor bórrela.",
        Kind::HealthPlanId,
        "88-1920-337"
    ));
    // The label's own business line is still the organisation's phone, and short numbers
    // after it are no identifiers.
    assert!(pass(
        &g,
        "Insurance questions? Our billing team answers at (555) 555-0100, Monday to Friday."
    ));
    assert!(pass(
        &g,
        "Medicare enrollment help for patients over 65 is at 2 locations this week."
    ));
}

#[test]
fn a_transplant_dates_a_holiday() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "Jonah was transplanted on Christmas Eve and is back on the soccer field!",
        Kind::Date,
        "Christmas Eve"
    ));
    assert!(pass(
        &g,
        "Our transplant team wishes everyone a safe Christmas Eve."
    ));
}
