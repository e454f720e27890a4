//! Cautious rules added after blind batches of fresh drafts (eval/phi_fresh.jsonl): titled
//! outsiders, pets, distinguishing marks, home towns, nicknames. Texts here are not from eval/.

use guard::{Guard, Kind, OrgProfile, Verdict, Whose};

fn clinic() -> Guard {
    Guard::new(OrgProfile {
        name: "Lakeview Family Clinic".into(),
        phones: vec!["(415) 555-0100".into()],
        websites: vec!["https://www.lakeviewclinic.org".into()],
        addresses: vec!["2200 Calle Mayor, Oakland, CA 94607".into()],
        staff: vec!["Dr. Alicia Gomez".into(), "Nurse Tom Becker".into()],
        ..OrgProfile::default()
    })
}

fn has(g: &Guard, text: &str, kind: Kind, needle: &str, whose: Whose) -> bool {
    g.scan(text)
        .findings
        .iter()
        .any(|f| f.kind == kind && f.text.contains(needle) && f.whose == whose)
}

fn verdict(g: &Guard, text: &str) -> Verdict {
    g.scan(text).verdict
}

#[test]
fn titled_person_outside_the_directory_is_a_patient() {
    let g = clinic();
    let t = "Thank you to volunteer Edna for knitting scarves for the waiting room!";
    assert!(has(&g, t, Kind::PersonName, "Edna", Whose::Patient));
    let staff = "Dr. Alicia Gomez joins our team this month.";
    assert!(has(
        &g,
        staff,
        Kind::PersonName,
        "Alicia Gomez",
        Whose::Staff
    ));
    assert_eq!(verdict(&g, staff), Verdict::Pass);
}

#[test]
fn initial_after_clinical_title_is_a_staff_nickname() {
    let g = clinic();
    let t = "Dr. Alicia Gomez retires this week after 30 years. Thank you, Dr. G!";
    assert_eq!(verdict(&g, t), Verdict::Pass);
}

#[test]
fn spanish_ages_over_a_hundred_in_words() {
    let g = clinic();
    let t = "Don Ramiro cumple ciento dos años este domingo.";
    assert!(has(&g, t, Kind::AgeOver89, "ciento dos", Whose::Patient));
}

#[test]
fn lower_case_name_before_a_family_word() {
    let g = clinic();
    let t = "ava's dad wanted to say thanks to the night nurses";
    assert!(has(&g, t, Kind::PersonName, "ava", Whose::Patient));
}

#[test]
fn name_with_patient_appositive() {
    let g = clinic();
    let t = "Hoy despedimos a Rosalba, nuestra paciente más querida.";
    assert!(has(&g, t, Kind::PersonName, "Rosalba", Whose::Patient));
}

#[test]
fn pets_are_not_people() {
    let g = clinic();
    let t = "Our therapy dog Sunny and her handler visit the lobby every Monday.";
    assert_eq!(verdict(&g, t), Verdict::Pass);
}

#[test]
fn distinguishing_mark_of_an_unidentified_person_blocks() {
    let g = clinic();
    let t = "An unidentified man was brought in overnight with a snake tattoo on his neck.";
    assert!(has(&g, t, Kind::OtherId, "tattoo", Whose::Patient));
    let tip = "Thinking of getting a tattoo? Wait four months before you donate blood.";
    assert_eq!(verdict(&g, tip), Verdict::Pass);
}

#[test]
fn clothes_of_a_lost_child_block() {
    let g = clinic();
    let t = "Found near the lobby: a little girl, about 5, pink unicorn jacket. Parents, come to the front desk.";
    assert!(has(
        &g,
        t,
        Kind::OtherId,
        "pink unicorn jacket",
        Whose::Patient
    ));
    let wear = "Wear red on Friday to support heart health!";
    assert_eq!(verdict(&g, wear), Verdict::Pass);
}

#[test]
fn greeting_addresses_a_name_that_is_usually_no_name() {
    let g = clinic();
    let t = "Hola Jesús, su cita quedó confirmada para el lunes.";
    assert!(has(&g, t, Kind::PersonName, "Jesús", Whose::Patient));
}

#[test]
fn home_town_after_a_person_noun() {
    let g = clinic();
    let t = "The woman from Glen Ellyn who left her glasses in radiology can pick them up today.";
    assert!(has(&g, t, Kind::Location, "Glen Ellyn", Whose::Patient));
    let state = "A woman from Ohio asked about our hours.";
    assert!(!has(&g, state, Kind::Location, "Ohio", Whose::Patient));
}

#[test]
fn bed_number_with_a_family_places_someone() {
    let g = clinic();
    let t = "The family in bed 14 asked for extra blankets tonight.";
    assert!(has(&g, t, Kind::Location, "bed 14", Whose::Patient));
}

#[test]
fn nicknames_are_names() {
    let g = clinic();
    let t = "Walt, we miss you already on the rehab unit! Enjoy being home.";
    assert!(has(&g, t, Kind::PersonName, "Walt", Whose::Patient));
    let h = "#hugsformarisa our girl is resting after surgery";
    assert_eq!(verdict(&g, h), Verdict::Block);
}

#[test]
fn spanish_street_ends_with_its_sentence() {
    let g = clinic();
    let t = "Vacunas gratis en 2200 Calle Mayor. Sin cita.";
    assert!(g.scan(t).findings.iter().all(|f| !f.text.contains("Sin")));
    assert_eq!(verdict(&g, t), Verdict::Pass);
}

#[test]
fn unknown_word_acting_as_a_person_in_a_care_story_blocks() {
    let g = clinic();
    let t = "Keoni went home today after his heart surgery.";
    assert!(has(&g, t, Kind::PersonName, "Keoni", Whose::Patient));
    let thing =
        "Mylar balloons are fine on the ward; latex is not. Paxlovid is an antiviral treatment.";
    assert_eq!(verdict(&g, thing), Verdict::Pass);
}

#[test]
fn wishes_and_love_address_a_person() {
    let g = clinic();
    let t = "Best wishes to Siosaia as he recovers from his knee replacement.";
    assert!(has(&g, t, Kind::PersonName, "Siosaia", Whose::Patient));
}
