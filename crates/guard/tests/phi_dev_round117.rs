//! Rules added after rounds 117 (behavioural health and recovery) and 120 (threads, handles
//! and replies) were opened as a development set: a lower-case name with an initial, a name
//! kept from the word lists given an age, a Spanglish shout-out, a patient who shares a staff
//! member's given name and a handle in a story of an operation block; an awareness day's
//! vigil, an organisation's initials before its walk, a public figure's own handle and UK
//! helplines pass. Texts here are not from eval/.

mod common;

use common::{clinic, has, pass};
use guard::{Kind, Whose};

#[test]
fn people_in_new_shapes_block() {
    let g = clinic(common::STAFF);
    for (text, name) in [
        ("big thanks to jaylen t. who painted the mural", "jaylen"),
        (
            "Conoce a Jesús R., de 41 años, que dejó de fumar este año.",
            "Jesús",
        ),
        (
            "Shoutout a Nacho que hoy cumple 1 año sin fumar 💪",
            "Nacho",
        ),
        (
            "We treated a 9-year-old patient named Joy today who wants to be a doctor.",
            "Joy",
        ),
        ("Dr. Joy Alvarez met a little girl named Joy today!", "Joy"),
        (
            "Proud of @lilaruns_uk back at parkrun after her knee op",
            "lilaruns",
        ),
    ] {
        assert!(has(&g, text, Kind::PersonName, name), "{text}");
    }
    // The staff member herself stays staff.
    assert!(pass(&g, "Dr. Joy Alvarez says hi! Joy loves her job."));
}

#[test]
fn public_days_initials_handles_and_helplines_pass() {
    let g = clinic(common::STAFF);
    for text in [
        "Overdose Awareness Day vigil Sunday Aug 31, 7pm at Lakeview Park.",
        "Congrats to our runners at the NEDA Walk!",
        "Thank you @SimoneBiles for visiting our young gymnasts!",
        "Matthew Perry spoke openly about addiction so others wouldn't feel alone.",
    ] {
        assert!(pass(&g, text), "{text}");
    }
    let helpline = g.scan("UK readers can call Mind on 0300 123 3393.");
    assert!(helpline
        .findings
        .iter()
        .all(|f| f.whose == Whose::Organization));
}
