//! Behaviour of the PHI detector on hand-written posts (not from eval/).

use guard::{Guard, Kind, OrgProfile, Verdict, Whose};

fn clinic() -> Guard {
    Guard::new(OrgProfile {
        name: "Lakeview Family Clinic".into(),
        phones: vec!["(415) 555-0100".into()],
        websites: vec!["https://www.lakeviewclinic.org".into()],
        emails: vec!["hello@lakeviewclinic.org".into()],
        handles: vec!["@LakeviewClinic".into()],
        addresses: vec!["2200 Harbor Blvd, Suite 3, Oakland, CA 94607".into()],
        staff: vec![
            "Dr. Alicia Gomez".into(),
            "Nurse Tom Becker".into(),
            "Dr. Hope Anders, MD".into(),
        ],
        ..OrgProfile::default()
    })
}

fn kinds(g: &Guard, text: &str) -> Vec<(Kind, String, Whose)> {
    g.scan(text)
        .findings
        .into_iter()
        .map(|f| (f.kind, f.text, f.whose))
        .collect()
}

fn has(g: &Guard, text: &str, kind: Kind, needle: &str, whose: Whose) -> bool {
    kinds(g, text)
        .iter()
        .any(|(k, t, w)| *k == kind && t.contains(needle) && *w == whose)
}

#[test]
fn mrn_with_label_is_found() {
    let g = clinic();
    assert!(has(
        &g,
        "Pt chart says MRN 4471203, please fax it",
        Kind::Mrn,
        "4471203",
        Whose::Patient
    ));
    assert!(has(
        &g,
        "med rec #: A-00912 needs updating",
        Kind::Mrn,
        "A-00912",
        Whose::Patient
    ));
    let f = g.scan("MRN 4471203").findings;
    assert_eq!(f[0].reason, "'MRN' followed by 7 digits");
}

#[test]
fn phones_in_every_format_and_org_numbers_are_organization() {
    let g = clinic();
    for p in [
        "(510) 555-0132",
        "510.555.0132",
        "+1 510 555 0132",
        "510-555-0132",
    ] {
        let text = format!("Call her at {p} tonight");
        assert!(has(&g, &text, Kind::Phone, p, Whose::Patient), "{p}");
    }
    assert!(has(
        &g,
        "Book at 415.555.0100 today",
        Kind::Phone,
        "415.555.0100",
        Whose::Organization
    ));
    assert!(has(
        &g,
        "Fax: (510) 555-0199",
        Kind::Fax,
        "555-0199",
        Whose::Patient
    ));
}

#[test]
fn welcome_post_for_staff_with_clinic_phone_passes() {
    let g = clinic();
    let r = g.scan("Please welcome Dr. Alicia Gomez to our family medicine team! Call (415) 555-0100 to book with Dr. Gomez.");
    assert_eq!(r.verdict, Verdict::Pass, "{:?}", r.findings);
    assert!(r
        .findings
        .iter()
        .any(|f| f.kind == Kind::PersonName && f.whose == Whose::Staff));
}

#[test]
fn flu_clinic_announcement_passes() {
    let g = clinic();
    let r = g.scan("Flu clinic Saturday, Oct 12, 9am-1pm at 2200 Harbor Blvd, Oakland. No appointment needed! #FluSeason");
    assert_eq!(r.verdict, Verdict::Pass, "{:?}", r.findings);
    assert!(!r.findings.iter().any(|f| f.kind == Kind::Date));
}

#[test]
fn thank_you_to_a_named_patient_blocks() {
    let g = clinic();
    assert_eq!(
        g.scan("Thank you Nkechi for trusting us with your care!")
            .verdict,
        Verdict::Block
    );
    assert_eq!(
        g.scan("Thanks for visiting us, Maria, we hope your knee recovers")
            .verdict,
        Verdict::Block
    );
    assert_eq!(
        g.scan("We're so glad your surgery went well!").verdict,
        Verdict::Block
    );
}

#[test]
fn child_and_her_street_block() {
    let g = clinic();
    let text = "little sophie from 41 Maple Street is finally home after her heart surgery!";
    assert!(
        has(&g, text, Kind::PersonName, "sophie", Whose::Patient),
        "{:?}",
        kinds(&g, text)
    );
    assert!(has(
        &g,
        text,
        Kind::Location,
        "41 Maple Street",
        Whose::Patient
    ));
}

#[test]
fn names_that_are_common_words_need_context() {
    let g = clinic();
    assert_eq!(
        g.scan("There is hope. Grace under pressure is what nurses do.")
            .verdict,
        Verdict::Pass
    );
    assert_eq!(
        g.scan("Will you join us for the walk? Mark your calendars!")
            .verdict,
        Verdict::Pass
    );
    assert!(has(
        &g,
        "Our patient Grace turned 95 today!",
        Kind::PersonName,
        "Grace",
        Whose::Patient
    ));
    assert!(has(
        &g,
        "So proud of Will, who rang the bell after chemo",
        Kind::PersonName,
        "Will",
        Whose::Patient
    ));
}

#[test]
fn names_in_hashtags_and_handles() {
    let g = clinic();
    assert!(has(
        &g,
        "Keep fighting! #PrayForJacob",
        Kind::PersonName,
        "Jacob",
        Whose::Patient
    ));
    assert!(has(
        &g,
        "hi @maria_gonzalez92 we are sorry",
        Kind::PersonName,
        "maria_gonzalez",
        Whose::Patient
    ));
    assert_eq!(
        g.scan("Get your shot #FluSeason #MentalHealthMatters")
            .verdict,
        Verdict::Pass
    );
    assert!(has(
        &g,
        "Follow @LakeviewClinic for updates",
        Kind::OtherId,
        "@LakeviewClinic",
        Whose::Organization
    ));
}

#[test]
fn titles_initials_and_spanish_kin_words() {
    let g = clinic();
    assert!(has(
        &g,
        "Mrs. Okafor went home today",
        Kind::PersonName,
        "Okafor",
        Whose::Patient
    ));
    assert!(has(
        &g,
        "Patient J.M., 45, was admitted overnight",
        Kind::PersonName,
        "J.M.",
        Whose::Patient
    ));
    assert!(has(
        &g,
        "Gracias por cuidar a mi hija Valentina",
        Kind::PersonName,
        "Valentina",
        Whose::Patient
    ));
}

#[test]
fn dates_tied_to_a_person_but_not_events_or_years() {
    let g = clinic();
    assert!(has(
        &g,
        "He was born 3/4/1950 in Ohio",
        Kind::Date,
        "3/4/1950",
        Whose::Patient
    ));
    assert!(has(
        &g,
        "She was discharged on the 12th.",
        Kind::Date,
        "12th",
        Whose::Patient
    ));
    assert!(has(
        &g,
        "Mi abuela nació el 3 de marzo",
        Kind::Date,
        "3 de marzo",
        Whose::Patient
    ));
    assert!(kinds(&g, "Since 1950 we have served this city.").is_empty());
}

#[test]
fn ages_over_89_but_not_population_thresholds() {
    let g = clinic();
    assert!(has(
        &g,
        "a 92-year-old from our rehab unit",
        Kind::AgeOver89,
        "92",
        Whose::Patient
    ));
    assert!(has(
        &g,
        "Grandpa turned 101 yesterday",
        Kind::AgeOver89,
        "101",
        Whose::Patient
    ));
    assert!(has(
        &g,
        "Mi abuela tiene 95 años",
        Kind::AgeOver89,
        "95",
        Whose::Patient
    ));
    assert!(!kinds(&g, "Adults over 65 should get the shot.")
        .iter()
        .any(|(k, _, _)| *k == Kind::AgeOver89));
}

#[test]
fn numbers_of_every_other_kind() {
    let g = clinic();
    assert!(has(
        &g,
        "SSN 123-45-6789",
        Kind::Ssn,
        "123-45-6789",
        Whose::Patient
    ));
    assert!(has(
        &g,
        "member ID XGH448201773",
        Kind::HealthPlanId,
        "XGH448201773",
        Whose::Patient
    ));
    assert!(has(
        &g,
        "account number 88213377",
        Kind::AccountNumber,
        "88213377",
        Whose::Patient
    ));
    assert!(has(
        &g,
        "plate 7ABC123 in the lot",
        Kind::VehicleId,
        "7ABC123",
        Whose::Patient
    ));
    assert!(has(
        &g,
        "pump serial no. SN-99812",
        Kind::DeviceId,
        "SN-99812",
        Whose::Patient
    ));
    assert!(has(
        &g,
        "NHS number 485 777 3456",
        Kind::OtherId,
        "485 777 3456",
        Whose::Patient
    ));
    assert!(has(
        &g,
        "logged from 192.168.10.4",
        Kind::IpAddress,
        "192.168.10.4",
        Whose::Patient
    ));
    assert!(has(
        &g,
        "mail me at jane.doe@gmail.com",
        Kind::Email,
        "jane.doe@gmail.com",
        Whose::Patient
    ));
    assert!(has(
        &g,
        "hello@lakeviewclinic.org",
        Kind::Email,
        "hello",
        Whose::Organization
    ));
    assert!(has(
        &g,
        "gofundme.com/f/help-jacob",
        Kind::Url,
        "gofundme",
        Whose::Patient
    ));
    assert!(has(
        &g,
        "see www.lakeviewclinic.org/flu",
        Kind::Url,
        "lakeviewclinic",
        Whose::Organization
    ));
}

#[test]
fn hard_negatives_pass() {
    let g = clinic();
    for text in [
        "Crohn's disease awareness month: know the signs.",
        "Ask your doctor whether Ozempic is right for you.",
        "Our cardiology department is open Monday through Friday.",
        "March is colon cancer awareness month.",
        "Visit St. Jude or Mercy Hospital for pediatric care.",
        "Join us in Oakland for the health fair!",
        "Texas and California lead in vaccination drives.",
    ] {
        let r = g.scan(text);
        assert_eq!(r.verdict, Verdict::Pass, "{text}: {:?}", r.findings);
    }
}

#[test]
fn offsets_are_code_points_and_findings_sorted() {
    let g = clinic();
    let text = "💙💙 Gracias, Doña Lucía Ramírez! Llame al (510) 555-0132";
    let r = g.scan(text);
    let chars: Vec<char> = text.chars().collect();
    assert!(!r.findings.is_empty());
    let mut last = 0;
    for f in &r.findings {
        assert!(f.start >= last && f.end > f.start);
        let slice: String = chars[f.start..f.end].iter().collect();
        assert_eq!(slice, f.text);
        last = f.end;
    }
}

#[test]
fn redaction_masks_patient_identifiers_only() {
    let g = clinic();
    let out = g.redact(
        "Thanks Dr. Gomez! My son Jacob's number is (510) 555-0132, clinic is (415) 555-0100",
    );
    assert!(out.contains("[PERSON_NAME]"), "{out}");
    assert!(out.contains("[PHONE]"), "{out}");
    assert!(out.contains("Gomez"), "{out}");
    assert!(out.contains("(415) 555-0100"), "{out}");
    assert!(!out.contains("Jacob"), "{out}");
}
