//! Rules added after blind rounds 28 and 29 (eval/phi_round28..29.jsonl): a birthday told by
//! its number, a quote signed with a name and an age, an initial and a surname in any case,
//! Irish initials, handles thanked for their story, a courtesy title before a doctor's
//! surname, CHIP ids; and the clean side: a name made an adjective, mononyms listed with
//! public figures, authors of quoted works, a street named again. Texts here are not from eval/.

mod common;

use common::{clinic, has, pass, STAFF};
use guard::{Guard, Kind, OrgProfile, Whose};

#[test]
fn a_birthday_told_by_its_number() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "The whole unit sang to celebrate her 101st with her this morning!",
        Kind::AgeOver89,
        "101"
    ));
    assert!(has(
        &g,
        "Grandad is home for his 95th!",
        Kind::AgeOver89,
        "95"
    ));
    // A count is no age.
    assert!(pass(
        &g,
        "Our blood drive team hit their 100th donor milestone"
    ));
    assert!(pass(
        &g,
        "She gave her 100th pint of blood today, thank you donors"
    ));
}

#[test]
fn a_quote_signed_with_a_name_and_an_age() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "\"The nurses made me laugh every day\" — Marisol, 12 💙",
        Kind::PersonName,
        "Marisol"
    ));
    // A range of days, a unit, a time.
    assert!(pass(&g, "Call the clinic (Mon–Fri, 8–5) with questions."));
    assert!(pass(&g, "Visiting hours – Ward 4, 10am to 8pm"));
}

#[test]
fn an_initial_and_a_surname_in_any_case() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "Found: a wallet with a library card in the name of K. PEMBERTON",
        Kind::PersonName,
        "PEMBERTON"
    ));
    assert!(has(
        &g,
        "grey hoodie with 'j. ramirez' written inside the hood, at the front desk",
        Kind::PersonName,
        "ramirez"
    ));
    assert!(has(
        &g,
        "Thank you for the lovely card, M.O'D. We miss you too!",
        Kind::PersonName,
        "M.O'D."
    ));
    // A staff member's initial and surname is staff.
    let s = clinic(&["Dr. Joy Alvarez"]);
    let r = s.scan("Questions? Ask J. ALVAREZ at the front desk");
    assert!(r
        .findings
        .iter()
        .all(|f| f.kind != Kind::PersonName || f.whose == Whose::Staff));
}

#[test]
fn a_handle_thanked_for_sharing_its_story() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "Thank you @sunnyside_gal for sharing your journey with lupus 💜",
        Kind::PersonName,
        "@sunnyside_gal"
    ));
    assert!(has(
        &g,
        "Gracias a @la_flaca_tx por compartir su historia",
        Kind::PersonName,
        "@la_flaca_tx"
    ));
    // An agency passing news on is no patient.
    assert!(pass(&g, "Thanks @CDCgov for sharing these flu tips!"));
}

#[test]
fn a_courtesy_title_before_a_doctors_surname_is_someone_else() {
    let g = clinic(&["Dr. Priya Raman"]);
    assert!(has(
        &g,
        "Thank you Mrs. Raman (yes, Dr. Raman's mother!) for the samosas",
        Kind::PersonName,
        "Raman"
    ));
    // A surgeon the directory lists as Mr. is the surgeon.
    let uk = Guard::new(OrgProfile {
        name: "Quayside NHS Trust".into(),
        staff: vec!["Mr. Hamish Dunbar".into()],
        ..OrgProfile::default()
    });
    assert!(pass(
        &uk,
        "Mr Dunbar's team did 40 knee replacements this month"
    ));
}

#[test]
fn chip_ids_are_health_plan_ids() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "Your CHIP ID 55012789-01 is active, see you Tuesday",
        Kind::HealthPlanId,
        "55012789-01"
    ));
}

#[test]
fn names_that_are_no_ones_identity() {
    let g = clinic(STAFF);
    // A name made an adjective.
    assert!(pass(
        &g,
        "No Dr. House-level mysteries here, just great care."
    ));
    // A mononym listed with public figures.
    assert!(pass(
        &g,
        "Our mural honours Frida Kahlo, Selena and Roberto Clemente 🎨"
    ));
    // A star known by one name, a figure's possessive, a figure's initial.
    assert!(pass(
        &g,
        "Selena always said to chase your dreams 💜 Mental health line: 988"
    ));
    assert!(pass(
        &g,
        "June is ALS (Lou Gehrig's disease) awareness month: walk with us"
    ));
    assert!(pass(
        &g,
        "This Veterans Day we remember Dr. Héctor P. García, founder of the American GI Forum"
    ));
    assert!(!pass(&g, "Our little Selena, 4, rang the bell today"));
    // Yet a Selena in a birth announcement is a patient.
    assert!(!pass(&g, "Felicidades a Selena y Marco por su bebé!"));
    // The author of a quoted work.
    assert!(pass(
        &g,
        "We will read 'Still I Rise' by Maya Angelou at the noon vigil"
    ));
    // The organisation's street named again.
    let clinica = Guard::new(OrgProfile {
        name: "Clínica Las Palmas".into(),
        addresses: vec!["2450 Calle Guadalupe, San Antonio, TX 78207".into()],
        ..OrgProfile::default()
    });
    assert!(pass(
        &clinica,
        "Estamos sobre la Calle Guadalupe. Tome la ruta 68 y bájese en Guadalupe y Zarzamora."
    ));
    // Guadalupe is still a name where nothing makes her a street.
    assert!(!pass(
        &clinica,
        "¡Felicidades a doña Guadalupe por sus 95 años!"
    ));
}

#[test]
fn a_word_given_an_age_or_vouched_for_is_a_name() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "June (age 5) says the flu shot was 'a tiny pinch' 💪",
        Kind::PersonName,
        "June"
    ));
    assert!(has(
        &g,
        "Esperanza, de 6 añitos, nos regaló un dibujo hoy",
        Kind::PersonName,
        "Esperanza"
    ));
    assert!(has(
        &g,
        "That's how Hope (yes, that's her real name!) got back on her feet",
        Kind::PersonName,
        "Hope"
    ));
    assert!(has(
        &g,
        "Big thanks to Jonas Salk (yes, really!) from Tipton for his 50th donation",
        Kind::PersonName,
        "Jonas Salk"
    ));
    // The month, the figure, a time range.
    assert!(pass(
        &g,
        "June (Men's Health Month) is here: book a checkup"
    ));
    assert!(pass(&g, "Jonas Salk's vaccine changed the world"));
    assert!(pass(&g, "Vacunas gratis en mayo, de 10 a 2, sin cita"));
}

#[test]
fn a_staff_members_namesake_is_someone_else() {
    let g = clinic(&["Nurse Jordan Ellis"]);
    assert!(has(
        &g,
        "Jordan was a champ through chemo, and Nurse Jordan Ellis loved sharing a name with him. Same name, same grin!",
        Kind::PersonName,
        "Jordan"
    ));
    assert!(pass(
        &g,
        "Nurse Jordan Ellis ran the 5K! Jordan says thanks for the cheers."
    ));
}
