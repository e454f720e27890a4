//! Rules added after the new rounds 73 (winter and the holidays) and 75 (staff recognition)
//! were opened as a development set: a staff member's given name alone after their full name,
//! in a story or a greeting, stays theirs; a shouted word after a title is emphasis; a
//! temperature's scale is no initial; a sentence ending inside a unit is no street; fictional
//! nurses and doctors, holiday characters and presidents pass; a given name set off and
//! described as a person blocks. Texts here are not from eval/.

mod common;

use common::{clinic, has, pass};
use guard::Kind;

const STAFF: &[&str] = &["Dr. Joy Alvarez", "Nurse Tom Becker", "Nurse Jordan Price"];

#[test]
fn staff_stories_after_the_full_name_pass() {
    let g = clinic(STAFF);
    assert!(pass(&g, "Our Physician of the Year is Dr. Joy Alvarez! A family wrote that Joy \"made our longest week feel shorter.\" We're so proud of you, Joy."));
    assert!(pass(
        &g,
        "Physician of the Year: Dr. Joy Alvarez! Patients say she listens. Proud of you, Joy!"
    ));
    assert!(pass(&g, "Our Nurse of the Year is Nurse Jordan Price! A dad wrote that Jordan \"sang our daughter to sleep.\" We're so proud of you, Jordan."));
    assert!(pass(&g, "Dr. Joy Alvarez is hanging up her stethoscope after 30 years. Joy delivered half the babies in this town, and then their babies too."));
    assert!(pass(&g, "Our volunteer-of-the-month is Nurse Tom Becker's therapy pup Biscuit. Tom celebrated with cake; Biscuit celebrated with a treat."));
}

#[test]
fn characters_emphasis_and_units_pass() {
    let g = clinic(STAFF);
    assert!(pass(
        &g,
        "Our quote of the week comes from Calvin Coolidge: \"Kindness is never wasted.\""
    ));
    assert!(pass(
        &g,
        "Cindy Lou Who visited the waiting room today and the Grinch got a flu shot 💚"
    ));
    assert!(pass(
        &g,
        "Santa and Mrs. Claus stopped by the clinic on Friday for photos with families!"
    ));
    assert!(pass(
        &g,
        "Dr. House has the diagnostic skills, Nurse Tom Becker has the bedside manner 😂"
    ));
    assert!(pass(
        &g,
        "Who's the best TV nurse? Nurse Ratched or Sister Julienne? Tell us below!"
    ));
    assert!(pass(&g, "Best nurse EVER 💕 thank you Nurse Tom Becker"));
    assert!(pass(
        &g,
        "The best doctor EVERRR!! thank you for everything"
    ));
    assert!(pass(
        &g,
        "Winter safety: at -20°F. Cover every inch of skin and limit time outdoors."
    ));
    assert!(pass(
        &g,
        "And the ugly sweater trophy goes to 4 West. Dr. Joy Alvarez was the judge 🏆"
    ));
    assert!(pass(
        &g,
        "Snow, lights and cocoa on 6 South. Dr. Joy Alvarez brought the marshmallows."
    ));
}

#[test]
fn names_described_as_people_block() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "Our winter coat drive's first coat went to Earl, who's been sleeping in his car since the storm.",
        Kind::PersonName,
        "Earl"
    ));
    assert!(has(
        &g,
        "The blankets went to Iris, who has been with us through the cold snap.",
        Kind::PersonName,
        "Iris"
    ));
}

/// The new rules leave their neighbours alone.
#[test]
fn the_new_rules_stay_narrow() {
    let g = clinic(STAFF);
    // A namesake of staff with an age, a kin word or a surname of their own is someone else.
    assert!(has(
        &g,
        "Dr. Joy Alvarez cared for little Joy, who is 5 and went home today!",
        Kind::PersonName,
        "Joy"
    ));
    assert!(has(
        &g,
        "Nurse Tom Becker met Tom, 92, on his first day on the ward.",
        Kind::AgeOver89,
        "92"
    ));
    assert!(has(
        &g,
        "Dr. Joy Alvarez helped deliver Joy Martinez's twins on Friday.",
        Kind::PersonName,
        "Joy Martinez"
    ));
    // A shouted surname after a title is still a name.
    assert!(has(
        &g,
        "Dr. SMITH was amazing during my surgery",
        Kind::PersonName,
        "SMITH"
    ));
    assert!(has(
        &g,
        "Nurse JONES took such good care of my mom",
        Kind::PersonName,
        "JONES"
    ));
    assert!(!pass(&g, "Congrats to Hope, who finished chemo today!"));
}
