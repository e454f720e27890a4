//! Rules added after rounds 95 (mental health, recovery and grief) and 96 (ageing and long-term
//! care) were opened as a development set: initials that sign a quote or are cheered, one
//! initial with an age, a word-name said to "you" in an exclamation and a 102nd birthday wished
//! to a unit's resident block; a city closing a group's name, a training mannequin, a helpline
//! called a line, a Spanish gerund after a kin word and famous people named one after another
//! pass, while a child called a brave little lion stays a child. Texts here are not from eval/.

mod common;

use common::{clinic, has, pass};
use guard::Kind;

#[test]
fn patients_in_these_shapes_block() {
    let g = clinic(common::STAFF);
    for (text, kind, needle) in [
        (
            "“Llevo 3 años limpio gracias al grupo de los jueves” – J.R., de Floresville 🙏",
            Kind::PersonName,
            "J.R.",
        ),
        ("2 yrs sober K.M.!! 💙🎉", Kind::PersonName, "K.M."),
        (
            "So proud of E. (14), who finished treatment and is back on the court!",
            Kind::PersonName,
            "E.",
        ),
        (
            "we're cheering for you Lily!! see you at graduation",
            Kind::PersonName,
            "Lily",
        ),
        (
            "happy 102nd to our fave rehab unit resident!!! 🎂 you know who you are",
            Kind::AgeOver89,
            "102nd",
        ),
        (
            "Sofia is a brave little lion: she rang the bell today after her last round of chemo!",
            Kind::PersonName,
            "Sofia",
        ),
    ] {
        assert!(has(&g, text, kind, needle), "{text}");
    }
}

#[test]
fn clean_posts_pass() {
    let g = clinic(common::STAFF);
    for text in [
        "Honored to host the Honor Flight Columbus send-off breakfast this Saturday! The public is welcome.",
        "Meet Harold, our newest fall-prevention expert 🤖 Okay, Harold is the training mannequin our nursing students use.",
        "The Silver Line is a free, confidential helpline for people aged 55 and over, open day and night.",
        "Compártanos una foto con su abuelito usando #AbuelosDeLakeview (¡sin nombres, porfa!)",
        "Robin Williams. Anthony Bourdain. Naomi Judd. Depression doesn't care how famous you are. Talk to someone.",
        "Fun fact: the oldest person ever documented, Jeanne Calment, lived to 122 🎂 Join our healthy aging walk Saturday!",
    ] {
        assert!(pass(&g, text), "{text}");
    }
}
