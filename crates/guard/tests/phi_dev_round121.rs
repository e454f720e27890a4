//! Rules added after rounds 121 (women's health and screening) and 124 (employee advocacy and
//! hiring) were opened as a development set: famous people and characters (a TV nurse named
//! with her show, a costume day, Tony Stark), programmes after a title ("Summer Volunteer
//! Program", "Nurse Residency") and a staff member's own clothes pass; a name run together
//! with praise in a lower-case hashtag, a licence number after a comma and initials with a
//! Spanish anniversary verb block. Texts here are not from eval/.

mod common;

use common::{clinic, has, pass};
use guard::Kind;

#[test]
fn famous_people_programmes_and_staff_clothes_pass() {
    let g = clinic(common::STAFF);
    for text in [
        "Like Carla Espinosa from Scrubs, our nurses keep their cool.",
        "Elsa and Moana stopped by the lobby today: our staff dressed up for Pink Out Friday!",
        "Tony Stark who? Dr. Joy Alvarez just finished her 10th Ironman.",
        "In 1974, First Lady Betty Ford spoke openly about her mastectomy.",
        "When Angelina Jolie shared her BRCA1 result, testing requests jumped.",
        "Kylie Minogue says early detection saved her life.",
        "Our Summer Volunteer Program opens March 1!",
        "The 2025 Nurse Residency cohort graduates today #NurseResidency",
        "Nurse Tom Becker ran his first half marathon in a pink tutu this weekend!",
    ] {
        assert!(pass(&g, text), "{text}");
    }
    // Clothes still describe the other person a staff member meets.
    assert!(has(
        &g,
        "Dr. Joy Alvarez met a man in a red Bengals hoodie at the health fair.",
        Kind::OtherId,
        "hoodie"
    ));
}

#[test]
fn tags_licences_and_initials_block() {
    let g = clinic(common::STAFF);
    assert!(has(
        &g,
        "Huge congrats to our newest RN!!! #proudofyoumaddie 🎓",
        Kind::PersonName,
        "maddie"
    ));
    assert!(has(
        &g,
        "Found at the front desk: an Ohio driver's license, #RT482915.",
        Kind::LicenseNumber,
        "RT482915"
    ));
    assert!(has(
        &g,
        "Hoy J.R. cumple un año trabajando con nosotros.",
        Kind::PersonName,
        "J.R."
    ));
}
