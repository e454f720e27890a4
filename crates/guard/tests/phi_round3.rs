//! Rules added after the third round of blind batches (eval/phi_fresh.jsonl, b10 to b12):
//! numbered cots and cribs, rooms someone is in or comes from, wards that only name a place,
//! names set off by commas, and reply handles about care. Texts here are not from eval/.

use guard::{Guard, Kind, OrgProfile, Verdict, Whose};

fn clinic() -> Guard {
    Guard::new(OrgProfile {
        name: "Lakeview Family Clinic".into(),
        staff: vec!["Dr. Alicia Gomez".into(), "Nurse Tom Becker".into()],
        ..OrgProfile::default()
    })
}

fn has(g: &Guard, text: &str, kind: Kind, needle: &str) -> bool {
    g.scan(text)
        .findings
        .iter()
        .any(|f| f.kind == kind && f.text.contains(needle) && f.whose == Whose::Patient)
}

#[test]
fn numbered_cot_or_crib_places_a_child() {
    let g = clinic();
    assert!(has(
        &g,
        "A sleepy baby naps with a plush bear in crib 12.",
        Kind::Location,
        "crib 12"
    ));
    assert!(has(
        &g,
        "Photo: balloons tied to cot 3 on the children's ward.",
        Kind::Location,
        "cot 3"
    ));
}

#[test]
fn room_someone_is_in_blocks_but_a_meeting_room_does_not() {
    let g = clinic();
    let t = "The night nurses in room 517 sang happy birthday at midnight.";
    assert!(has(&g, t, Kind::Location, "room 517"));
    let t = "The diabetes class meets in room 204 every Thursday.";
    assert_eq!(g.scan(t).verdict, Verdict::Pass);
}

#[test]
fn ward_named_as_a_place_does_not_block() {
    let g = clinic();
    let t = "Ward 5 marked its 50th anniversary with a bake sale.";
    assert_eq!(g.scan(t).verdict, Verdict::Pass);
}

#[test]
fn name_in_apposition_after_a_person_noun_is_found() {
    let g = clinic();
    let t = "Our trauma team saved a young cyclist, Brandon, after a crash on the bridge.";
    assert!(has(&g, t, Kind::PersonName, "Brandon"));
    let t = "Caption: R. Albescu, our 500th heart surgery patient, with the team.";
    assert!(has(&g, t, Kind::PersonName, "Albescu"));
}

#[test]
fn sentence_opening_name_addressed_in_a_care_story_is_found() {
    let g = clinic();
    let t = "After her surgery she walked a mile. Megan, you amaze us!";
    assert!(has(&g, t, Kind::PersonName, "Megan"));
}

#[test]
fn reply_handle_about_care_blocks_but_a_plain_mention_does_not() {
    let g = clinic();
    let t = "@rtk_1990 so glad your mom is recovering after her surgery!";
    assert!(has(&g, t, Kind::PersonName, "@rtk_1990"));
    let t = "Follow @stateparks for trail maps before your weekend walk.";
    assert_eq!(g.scan(t).verdict, Verdict::Pass);
}

#[test]
fn given_name_with_word_surname_in_a_care_story_is_found() {
    let g = clinic();
    let t = "Dolores Baker couldn't lift her arm before her shoulder surgery.";
    assert!(has(&g, t, Kind::PersonName, "Baker"));
    let t = "Hope Lodge is a free place to stay for families during treatment.";
    assert_eq!(g.scan(t).verdict, Verdict::Pass);
}
