//! Rules added after the new rounds 53 (an autumn of awareness months and holidays) and 54
//! (the front desk's DMs) were opened as a development set: years of service, adjectives
//! after "big", a costume cast, history dated to a year, named pumpkins, lost property with no
//! one in it, toys after a title and the last word of a wish pass; saints' names beside a
//! patient, athletes recovering, the reader's own address, names told "we love u" or their
//! results, and possessives without an apostrophe block. Texts here are not from eval/.

mod common;

use common::{clinic, pass, STAFF};

#[test]
fn clean_posts_that_look_personal() {
    let g = clinic(STAFF);
    assert!(pass(&g, "Honouring the veterans on our own team: Nurse Tom Becker (U.S. Navy, 8 years). Thank you for your service."));
    assert!(pass(
        &g,
        "Their big takeaway: parents trust the person in the room."
    ));
    assert!(pass(&g, "For Halloween the night shift went as the cast of Scrubs 🩺 J.D., Turk, Elliot and a very grumpy Dr. Cox."));
    assert!(pass(&g, "The pink ribbon was popularized in 1992 by Evelyn Lauder; this month we wear it for every survivor."));
    assert!(pass(
        &g,
        "Meet Hope, Faith and Joy, three of the pumpkins the kids painted for the lobby 🎃"
    ));
    assert!(pass(&g, "Lost & found: a stuffed bunny, a blue jacket and a grey hoodie were left in the lobby this week. Call the front desk."));
    assert!(pass(
        &g,
        "We can't discuss results here, but we hope you feel better soon!"
    ));
    assert!(pass(
        &g,
        "Mr. Sprinkles has been found!!! 🐰 Thank you to everyone who looked. #LostAndFound"
    ));
}

#[test]
fn people_in_replies_and_stories_still_block() {
    let g = clinic(STAFF);
    assert!(!pass(&g, "Calles con nombres de santos: Santiago y Guadalupe. Hoy despedimos a Santiago, nuestro paciente de 9 años."));
    assert!(!pass(
        &g,
        "Congrats to QB Marcus Delgado on his recovery from that knee injury last season 🏈"
    ));
    assert!(!pass(&g, "We've updated your address on our system to 22 Mill Lane, Keynsham, so your next letter will go there."));
    assert!(!pass(&g, "room 12 we love u Kenz 💜"));
    assert!(!pass(&g, "ray ur swab was neg!! 🙌"));
    assert!(!pass(&g, "hi yes we have your husbands watch, it was found in ICU bed 9 yesterday. pick up at security."));
    assert!(!pass(&g, "thanks to the family of Mr. Okoro, who dropped off six pumpkin pies for the nurses in his memory"));
}
