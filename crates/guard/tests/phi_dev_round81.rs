//! Rules added after the new rounds 81 (oncology and survivorship) and 84 (community health in
//! rural and border towns) were opened as a development set, and the review of this session's
//! rules: an organisation's own birthday, a founder's kin in a dated history, a country, a
//! saint's parish, a town that hosts a fair, a function word opening a sentence after a kin
//! word, a quoted figure, a charity and a street's dates pass; patients who share a staff
//! member's name, fictional names that real people carry, places where someone collapsed and
//! abbreviated streets still block. Texts here are not from eval/.

mod common;

use common::{clinic, has, pass};
use guard::Kind;

const STAFF: &[&str] = &["Dr. Joy Alvarez", "Nurse Tom Becker", "Nurse Jordan Price"];

#[test]
fn clean_community_posts_pass() {
    let g = clinic(STAFF);
    for text in [
        "Happy 90th birthday to us! 🎂 Lakeview Family Clinic opened its doors in 1935.",
        "Fun fact: our town was founded in 1819 by Samuel Culbertson and named for his daughter Mary Ann.",
        "Did you know Britain's oldest complete human skeleton was found in a cave? Our outreach bus visits the village on Tuesday.",
        "Huge thanks to St. Bridget's parish for the parking lot this week!",
        "Meet our therapy pony at the Buchanan County Fair in Independence this weekend! Kids can pet her after their checkups.",
        "“Don't give up, don't ever give up.” — Jim Valvano. Our survivorship clinic is here for every chapter.",
        "We raised £4,310 for Macmillan at Saturday's Brave the Shave! #Macmillan",
        "El altar estará en el lobby de 2450 Calle Guadalupe del 28 de octubre al 2 de noviembre.",
    ] {
        assert!(pass(&g, text), "{text}");
    }
}

/// The review's cases: each rule of the session leaves a real identifier alone.
#[test]
fn the_review_cases_hold() {
    let g = clinic(STAFF);
    // A staff member's namesake with a patient's own event, or in a post about the name.
    for text in [
        "Nurse Tom Becker sat with a patient who shares his name. Tom was diagnosed with leukemia last spring.",
        "Thank you Nurse Tom Becker! Tom was admitted Monday with chest pain and our team got him to the cath lab fast.",
        "Dr. Joy Alvarez delivered a baby girl last night. Joy was born at 3:12 am and her parents named her after the doctor.",
        "Nurse Jordan Price cared for a namesake this month. Jordan was born at 29 weeks and went home today!",
        "Kudos to Dr. Joy Alvarez and her patient Joy (yes, two Joys in one room) on a great recovery!",
        // A fictional name real people carry.
        "Carla Espinosa rang the bell today after 12 rounds of chemo!",
    ] {
        assert!(!pass(&g, text), "{text}");
    }
    assert!(has(
        &g,
        "A 58-year-old man collapsed at a convention in Laredo and was flown to our trauma center.",
        Kind::Location,
        "Laredo"
    ));
    assert!(has(
        &g,
        "The patient lives at 77 Univ. Heights Drive and went home today.",
        Kind::Location,
        "Univ. Heights Drive"
    ));
    assert!(has(
        &g,
        "Is this yours? MORGA 753116 SM9IJ was on the card",
        Kind::LicenseNumber,
        "MORGA 753116 SM9IJ"
    ));
    // Organisations, teams, charities' walks and things stay clean.
    for text in [
        "Thank you to Chase, who donated 500 backpacks to our school health fair!",
        "Congrats to the Lakeview Lions on beating Madison, who had won 12 straight.",
        "Thanks to @hopewalks for organizing this weekend's 5K for suicide prevention!",
        "Follow @markwalks for daily walking tips from our PT team",
        "Texas Hospital Association president John Hawkins toured our new rural clinic.",
        "Our oldest building, the 1926 east wing, celebrates 100 this week with tours.",
        "all you need is your john hancock on the form",
        "Order ref ABCDE123456AB1CD shipped",
    ] {
        assert!(pass(&g, text), "{text}");
    }
}
