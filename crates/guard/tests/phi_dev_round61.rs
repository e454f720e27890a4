//! Rules added after the new rounds 61 (a March, April and May) and 63 (very short replies and
//! captions) were opened as a development set: Ramadan and Eid greetings, campaign hashtags
//! that open with a Spanish verb, a Mexican general, studios, a dog praised by name and an
//! event named after the organisation pass; a word-name with a favourite, congratulations and
//! messages to a lower-case name, "wee" before a name, a supporters' hashtag on a staff member's
//! given name and someone booked in to be seen block. Texts here are not from eval/.

mod common;

use common::{clinic, pass, STAFF};

fn with_jordan() -> guard::Guard {
    let mut staff = STAFF.to_vec();
    staff.push("Nurse Jordan Price");
    clinic(&staff)
}

#[test]
fn greetings_campaigns_studios_and_pets_pass() {
    let g = clinic(STAFF);
    assert!(pass(&g, "Eid Mubarak and Ramadan Kareem to everyone celebrating 🌙 The chapel is open for prayer all day."));
    assert!(pass(
        &g,
        "Save lives this spring 🩸 #DonaSangre #DonaVida at our lobby blood drive."
    ));
    assert!(pass(&g, "On this day in 1862, General Ignacio Zaragoza's troops won at Puebla. Happy Cinco de Mayo!"));
    assert!(pass(
        &g,
        "Thank u Disney on Ice for the Frozen sing-along on the children's floor ❄️"
    ));
    assert!(pass(
        &g,
        "Our therapy dog found more eggs than any kid at the hunt 🐣 Good boy, Biscuit."
    ));
    assert!(pass(
        &g,
        "The Lakeview Family Mile is back! Sign up at the front desk."
    ));
}

#[test]
fn favourites_messages_and_bookings_block() {
    let g = with_jordan();
    assert!(!pass(
        &g,
        "The night team still sings Daisy's favourite song at bedtime."
    ));
    assert!(!pass(&g, "congrats rosa!!! first 10K done 🏅"));
    assert!(!pass(&g, "tell sarah the whole ward says hi 👋"));
    assert!(!pass(&g, "wee Ivy was a star at her check-up today 💙"));
    assert!(!pass(
        &g,
        "#TeamJordan 🏀 our youngest fighter finished chemo today!"
    ));
    assert!(!pass(
        &g,
        "Yes, Dr. Alvarez can see Jack on Tuesday at 9, please bring his inhaler."
    ));
}

/// The new rules leave their neighbours alone.
#[test]
fn the_new_rules_stay_narrow() {
    let g = with_jordan();
    // Praise for a child, with no dog in the post.
    assert!(!pass(
        &g,
        "Good boy, Jacob! You took all your meds today 💪"
    ));
    // The staff member the tag roots for is named in full.
    assert!(pass(
        &g,
        "Nurse Jordan Price is running the half marathon! #TeamJordan"
    ));
    assert!(pass(
        &g,
        "We can finally see Hope on the horizon for this project."
    ));
    assert!(pass(&g, "So many little Olivias were born here this year!"));
}
