//! Rules added after rounds 127 (infectious disease and vaccines) and 128 (foundations and
//! philanthropy) were opened as a development set. Block: a word-name greeted ("say hi to
//! Pearl") or given an age after an emoji, a word-name whose recovery is wished, the partner in
//! "Gene and Barb Whitlock", one of the townsfolk from a town, a household's farm near a town.
//! Pass: people of long ago and a famous person's relative, founders of a hospital before
//! 1951, toys and skeletons with names, Typhoid Mary and the Wizard of Oz, a donors'
//! breakfast, "the Charity Big Bake", "Get Well Soon" as a title, the organisation's own shop
//! and its own town. Texts here are not from eval/.

mod common;

use common::{clinic, has, names, pass};
use guard::{Guard, Kind, OrgProfile};

#[test]
fn word_names_greeted_wished_well_or_joined_to_a_full_name_block() {
    let g = clinic(common::STAFF);
    for (text, name) in [
        (
            "Say hi to Pearl, our bravest flu-shot kiddo today!",
            "Pearl",
        ),
        (
            "Our star of the week is Ruby 🦄 (6), who held still for her booster.",
            "Ruby",
        ),
        (
            "So glad Hazel's feeling better after that nasty bout of RSV!",
            "Hazel",
        ),
        (
            "We hope Will is doing better since Tuesday's visit.",
            "Will",
        ),
        ("Get well soon Bob!", "Bob"),
        ("Thanks to Gene and Barb Whitlock for the quilts.", "Gene"),
        (
            "Donated by Dale & Cheryl Henderson in memory of their son.",
            "Dale",
        ),
    ] {
        assert!(has(&g, text, Kind::PersonName, name), "{text}");
    }
    // A hyphen or a word before "and" that no name list holds adds no partner.
    assert_eq!(
        names(&g, "Salt and Pepper Jones joined the gala."),
        0,
        "no partner"
    );
}

#[test]
fn townsfolk_and_farms_tie_a_town_to_a_person() {
    let g = clinic(common::STAFF);
    assert!(has(
        &g,
        "The first case was a food worker from Plain City who has since recovered.",
        Kind::Location,
        "Plain City"
    ));
    assert!(has(
        &g,
        "Three measles cases so far, all children from one farm near Richwood.",
        Kind::Location,
        "Richwood"
    ));
    // Groups of workers and a clinic's own visit to a farm stay general.
    assert!(pass(&g, "Health workers from Plain City joined our drill."));
    assert!(pass(
        &g,
        "Our mobile clinic visits a farm near Richwood on Friday."
    ));
}

#[test]
fn history_famous_kin_toys_and_mascots_pass() {
    let g = clinic(common::STAFF);
    for text in [
        "Hace más de 300 años, Diego Mateo de Zapata defendió la medicina moderna en Madrid.",
        "In 1796, Edward Jenner tested the first smallpox vaccine on James Phipps.",
        "Our hospital was founded in 1908 by Dr. Amos Whitcomb, who ran it from his farmhouse.",
        "Roald Dahl lost his daughter Olivia to measles, and wrote about it for parents.",
        "Typhoid Mary (Mary Mallon) never felt sick, yet she spread typhoid for years.",
        "A stuffed T. rex named Chompy guards our vaccine fridge.",
        "Say hello to 'Stanley', our anatomy lab's skeleton, who just got a new knee!",
        // The new greeting "say hi to" does not reach a dog named just before.
        "Therapy dog Daisy is back! Come say hi to Daisy in the lobby.",
        "Our gala goes to Oz: Dorothy, the Tin Man and the Scarecrow all welcome. Ruby slippers optional!",
        "Hear our new director's plans at the donor breakfast on May 7.",
        "Volunteers needed for the Charity Big Bake: bakers of all ages welcome.",
        "Our mural 'Get Well Soon' now greets visitors at the main entrance.",
    ] {
        assert!(pass(&g, text), "{text}");
    }
    // A birth in a long-ago year is a living person's age; a namesake dog keeps the child.
    assert!(has(
        &g,
        "Great-grandma Rose Miller was born in 1899 and still beats us at cards.",
        Kind::PersonName,
        "Rose Miller"
    ));
    assert!(has(
        &g,
        "Our therapy dog Hope visited 6-year-old Hope Adebayo on the ward.",
        Kind::PersonName,
        "Hope Adebayo"
    ));
    // The famous name must be the sentence's subject.
    assert!(has(
        &g,
        "A retired John Deere engineer, he kept vigil at his granddaughter Saskia's bedside.",
        Kind::PersonName,
        "Saskia"
    ));
}

#[test]
fn the_organisations_shop_and_town_pass() {
    let g = Guard::new(OrgProfile {
        name: "Lakeview Family Clinic".into(),
        addresses: vec!["12 Lake St, Springfield, OH 45501".into()],
        ..OrgProfile::default()
    });
    assert!(pass(
        &g,
        "Our charity shop on Gloucester Road reopens Monday: profits fund patient comforts."
    ));
    assert!(pass(
        &g,
        "Springfield's first surgeon kept his instruments in a kitchen drawer."
    ));
    // A person's own street still blocks.
    assert!(has(
        &g,
        "Mrs Jones from our clinic lives on Gloucester Road.",
        Kind::Location,
        "Gloucester Road"
    ));
}
