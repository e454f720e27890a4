//! Rules added after rounds 111 (staff recognition and leadership news) and 112 (public-health
//! campaigns and myth-busting replies) were opened as a development set: a job or an award
//! after a title ("our Nurse Educator", "the Student Nurse Spirit award") and public figures
//! of the vaccine and health debates pass; a nickname quoted after "le dicen" and a lower-case
//! name hoped to feel better block. Texts here are not from eval/.

mod common;

use common::{clinic, has, pass};
use guard::Kind;

#[test]
fn jobs_awards_and_public_figures_pass() {
    let g = clinic(common::STAFF);
    for text in [
        "Nurse Tom Becker has been named our new Nurse Educator for the surgical floors!",
        "So proud: two of our students were nominated for the Student Nurse Spirit award.",
        "The 1998 paper was retracted, and its author, Andrew Wakefield, was struck off.",
        "Heard Joe Rogan talk about ivermectin? Here's what the big trials found.",
        "Our new shuttle, known as 'The Loop', runs every 15 minutes.",
    ] {
        assert!(pass(&g, text), "{text}");
    }
}

#[test]
fn nicknames_and_wishes_block() {
    let g = clinic(common::STAFF);
    assert!(has(
        &g,
        "En la feria, el señor que le dicen 'El Chato' nos contó que llevaba 20 años sin checarse la presión.",
        Kind::PersonName,
        "Chato"
    ));
    assert!(has(
        &g,
        "Our volunteer known as 'Big Mike' retires today.",
        Kind::PersonName,
        "Mike"
    ));
    assert!(has(
        &g,
        "hope pete feels better soon 💙",
        Kind::PersonName,
        "pete"
    ));
    assert!(pass(&g, "hope everyone feels better soon"));
}
