//! Rules added after the eleventh blind batch (eval/phi_round11.jsonl): a name written on lost
//! property ("labelled 'Ozzie Thistlewood'", "engraved 'Luz & Teo'") identifies its owner; a
//! name owning a health event ("Hunter's surgery") is a patient's.
//! Texts here are not from eval/.

mod common;

use common::{clinic, has, pass, STAFF};
use guard::Kind;

#[test]
fn a_name_written_on_lost_property() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "A wedding band engraved 'Joy & Sol 1979' was handed in at the front desk.",
        Kind::PersonName,
        "Sol"
    ));
    assert!(has(
        &g,
        "Someone left a silver locket engraved \"Faith & Amos\" in the chapel, call us to claim it.",
        Kind::PersonName,
        "Amos"
    ));
    // A label with no name on it names no one.
    assert!(pass(
        &g,
        "Bins labelled 'Sharps Only' are on every floor: please never put needles in the trash."
    ));
}

#[test]
fn a_name_owning_a_health_event() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "Hunter's surgery went great and he's already asking for popsicles!",
        Kind::PersonName,
        "Hunter"
    ));
    assert!(has(
        &g,
        "Woohoo, Maverick's last scan came back clear 🎉",
        Kind::PersonName,
        "Maverick"
    ));
    // Diseases named for people, days and the places of care own no one.
    assert!(pass(
        &g,
        "Parkinson's treatment has changed a lot: join our free webinar on Thursday."
    ));
    assert!(pass(
        &g,
        "Children's surgery wing reopens Monday with new family rooms."
    ));
    assert!(pass(
        &g,
        "Today's surgery schedule runs late because of the storm."
    ));
}
