//! Rules added after rounds 142 (nutrition and diabetes) and 143 (staff-facing posts) were
//! opened as a development set. Block: a name a reaction closes ("love this, Pat!"), the
//! handle of a reshared stay, lower-case given names listed together, a name cheered on
//! ("GO OWEN GO"), a handle that tells its owner's care story ("@hazel_t1d_journey"), an
//! identity number with dots ("cédula V-18.442.903"). Pass: celebrity cooks, TV characters
//! named with their show, a programme's initials ("our DESMOND course"), a snack brand, a
//! doctor's shortened surname, a town before its country, an award's title, a club of a
//! town, a compound after "RN", names an apposition calls characters. Texts here are not
//! from eval/.

mod common;

use common::{clinic, has, pass};
use guard::Kind;

#[test]
fn reactions_reshares_lists_cheers_and_story_handles_block() {
    let g = clinic(common::STAFF);
    for (text, kind, needle) in [
        ("love this, Pat! Get well soon 💙", Kind::PersonName, "Pat"),
        (
            "RT @leedsgran_71: 'Watching the match from my bed on the ward' — get well soon!",
            Kind::OtherId,
            "@leedsgran_71",
        ),
        (
            "thank u night shift!! esp kayla, brandon & trevor 🎉",
            Kind::PersonName,
            "brandon",
        ),
        (
            "Whiteboard: 'Goal today: sit up in the chair! GO OWEN GO!!'",
            Kind::PersonName,
            "OWEN",
        ),
        ("go hazel go 💪", Kind::PersonName, "hazel"),
        (
            "Huge thanks to @hazel_t1d_journey for the bake sale cupcakes!",
            Kind::PersonName,
            "@hazel_t1d_journey",
        ),
        (
            "Huge thanks to @ellamaes_cf_journey for the bake sale cupcakes!",
            Kind::PersonName,
            "@ellamaes_cf_journey",
        ),
        (
            "Mi abuela, cédula V-18.442.903, necesita cita con la doctora.",
            Kind::OtherId,
            "V-18.442.903",
        ),
    ] {
        assert!(has(&g, text, kind, needle), "{text}: {needle}");
    }
}

#[test]
fn cooks_characters_programmes_towns_awards_and_clubs_pass() {
    let g = clinic(common::STAFF);
    for text in [
        "Try it the Elvis way: peanut butter and banana on wholegrain toast.",
        "Jamie Oliver's new cookbook has a great lentil soup.",
        "Join our DESMOND education course this spring.",
        "Annie's bunnies are about 20 g of carbs per pouch.",
        "The kids call her Dr. Alva 😄 and she loves it.",
        "The nursing pioneer grew up in Kingston, Jamaica.",
        "Our ward manager is shortlisted for Nurse Leader of the Year!",
        "Which TV nurse are you: Laverne Roberts (Scrubs) or Nurse Jackie?",
        "Meet Lupe and Beto, the characters of our new diabetes comic!",
        "Thanks to the Rotary Club of Kingsley for the knitted blankets.",
        "RN sign-on bonus up to $5,000: apply today.",
        "GO TEAM GO! Lakeview Family Clinic 5K is Saturday.",
    ] {
        assert!(pass(&g, text), "{text}");
    }
}
