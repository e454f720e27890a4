//! Rules added after the new rounds 67 (behavioural health and recovery) and 68 (rural and
//! community health) were opened as a development set: public voices on mental health, quoted
//! ancients, a people ("Gypsy, Roma and Traveller"), a group named with a Spanish verb, a list
//! of counties, a public figure's day in a hashtag, an institution's age, a two-word town after
//! "at" and a county's fair pass; a supporters' tag on a name that is also a word and a plate
//! that "reads" block. Texts here are not from eval/.

mod common;

use common::{clinic, has, pass, STAFF};
use guard::Kind;

#[test]
fn public_voices_peoples_and_places_pass() {
    let g = clinic(STAFF);
    assert!(pass(&g, "Robin Williams and Stephen Fry both spoke openly about depression. Our Talking Therapies team takes self-referrals."));
    assert!(pass(&g, "This Pride we remember Alan Turing, whose treatment by the state still matters. Our Rainbow Badge staff are here to listen."));
    assert!(pass(
        &g,
        "Gypsy, Roma and Traveller History Month 💚 Our outreach nurses visit sites every week."
    ));
    assert!(pass(
        &g,
        "Reunimos a las familias en el grupo \"Manos que Sanan\" cada miércoles."
    ));
    assert!(pass(&g, "Our mobile van covered 2,000 miles across Union, Logan and Champaign counties this summer."));
    assert!(pass(
        &g,
        "Happy #CesarChavezDay 🌾 Free screenings for farm families today."
    ));
    assert!(pass(
        &g,
        "Kids under 14 should never ride on the fender. John Deere makes great toys, though."
    ));
    assert!(pass(
        &g,
        "The Grange turns 90 this year 🎉 Free screenings at the hall on Saturday."
    ));
    assert!(pass(
        &g,
        "The outreach van is at Long Ashton on Tuesday and Nailsea on Friday."
    ));
    assert!(pass(&g, "Our care van will be at the Grundy County Fair this week with free blood pressure checks; he met 400 kids last year."));
}

#[test]
fn supporters_tags_and_plates_block() {
    let g = clinic(STAFF);
    assert!(!pass(&g, "Third round of chemo done ✅ #TeamTucker"));
    assert!(!pass(
        &g,
        "Alt text: a pickup in our lot; the Iowa plate reads KWD 2281."
    ));
}

/// The new rules leave their neighbours alone.
#[test]
fn the_new_rules_stay_narrow() {
    let g = clinic(STAFF);
    // A county someone comes from is still theirs.
    assert!(!pass(
        &g,
        "My grandson from Grundy County is finally home after his surgery."
    ));
    // A person's 90th is still an age.
    assert!(has(
        &g,
        "Our patient Edna Marsh turns 90 today 🎉",
        Kind::AgeOver89,
        "90"
    ));
    // A town after "from" in a story is still the patient's.
    assert!(!pass(
        &g,
        "Our youngest patient drove in from Long Ashton for chemo today."
    ));
}

/// What a review of this session's rules asked them not to swallow.
#[test]
fn the_review_cases_hold() {
    let g = clinic(STAFF);
    // A namesake of a public figure, in care, is a patient.
    assert!(!pass(&g, "Our patient Deborah James rang the bell today!"));
    assert!(!pass(&g, "My son Benjamin Franklin turned 5 today"));
    assert!(!pass(&g, "Happy birthday to Sam Houston, 7 today! 🎂"));
    // An age said of a person on a unit, and of a woman named Grange.
    assert!(!pass(
        &g,
        "The sweetest lady on our unit turned 100 today! 🎂"
    ));
    assert!(has(
        &g,
        "Edith Grange turns 100 today!",
        Kind::AgeOver89,
        "100"
    ));
    // A word-name after the organisation's name, with no "the" before it.
    assert!(!pass(
        &g,
        "After 42 days at Lakeview Family Hope is finally going home!"
    ));
    // A lion is no dog.
    assert!(!pass(
        &g,
        "Good girl, Emma! Brave as a lion at chemo today 🦁"
    ));
    // A gazetteer pair that is a person's name, with no service stopping there.
    assert!(!pass(
        &g,
        "Look at Rosa Sanchez go! First steps after her hip surgery"
    ));
    // A county's fire is where someone lived.
    assert!(has(
        &g,
        "She lost her home in the Grundy County fire last week and is now on 4 West",
        Kind::Location,
        "Grundy County"
    ));
    // Cities mourned, endearments congratulated, a Scots cuppa, a Spanish plaque.
    assert!(pass(&g, "#PrayForOrlando #PrayForHouston"));
    assert!(pass(&g, "congrats mate! congratulations sunshine!"));
    assert!(pass(&g, "Pop in for a wee cuppa and a blether"));
    assert!(pass(&g, "La placa dice UCI 2024 en la entrada."));
}
