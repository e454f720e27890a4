//! General triage rules added after scoring blind batches (`eval/triage_fresh.jsonl`): who an
//! insult is aimed at, feelings versus grievances, claims pushed with a call to action, and
//! titles that do not end a sentence. Each case is worded unlike the batches it came from.

use guard::{Guard, Label, OrgProfile};
use Label::*;

fn labels(text: &str) -> Vec<Label> {
    let mut l = Guard::new(OrgProfile::default()).classify(text).labels;
    l.sort();
    l
}

#[test]
fn an_insult_traded_with_another_commenter_is_abuse_not_a_complaint() {
    assert_eq!(labels("@kev_88 shut up you absolute moron"), vec![Abusive]);
}

#[test]
fn an_insult_with_a_grievance_about_the_service_is_also_a_complaint() {
    let got = labels("You idiots overcharged me again");
    assert!(
        got.contains(&Abusive) && got.contains(&Complaint),
        "{got:?}"
    );
}

#[test]
fn feeling_awful_on_a_medicine_is_a_symptom_not_a_grievance() {
    let got =
        labels("I started metformin two weeks ago and feel terrible every morning, should I stop?");
    assert!(got.contains(&AdviceRequest), "{got:?}");
    assert!(!got.contains(&Complaint), "{got:?}");
}

#[test]
fn a_remedy_said_to_kill_viruses_is_misinformation() {
    assert!(
        labels("Gargling hydrogen peroxide kills the virus in your throat before it spreads")
            .contains(&Misinformation)
    );
}

#[test]
fn the_same_remedy_asked_about_is_a_general_question() {
    let got = labels("Does gargling hydrogen peroxide really kill viruses?");
    assert!(!got.contains(&Misinformation), "{got:?}");
}

#[test]
fn a_harm_claim_with_a_call_to_action_is_misinformation() {
    assert!(
        labels("Sunscreen is toxic and full of chemicals, stop using it on your kids")
            .contains(&Misinformation)
    );
}

#[test]
fn a_title_period_does_not_split_the_sentence_it_names() {
    // "Dr." must not cut the insult off from the staff member it targets.
    let got = labels("Dr. Lopez is a lazy pig");
    assert!(got.contains(&Abusive), "{got:?}");
}

#[test]
fn still_before_praise_is_not_a_grievance() {
    assert_eq!(
        labels("Busy night in the ER but the nurses were still so kind to my mom. Thank you!"),
        vec![Praise]
    );
}

#[test]
fn spanish_click_bait_is_spam() {
    assert!(labels("Reclama tu tarjeta de regalo, haz clic aquí 👉").contains(&Spam));
}
