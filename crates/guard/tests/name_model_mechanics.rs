//! How the name model is used, with a small hand-written model installed in place of the
//! shipped one (so these checks do not move when the model is retrained): it reads only words
//! no rule found, never brings back a word a rule ruled out, joins a run of name words, and
//! explains itself.

mod common;

use common::{clinic, STAFF};
use guard::{Kind, Verdict, Whose};

/// Any word after "for" is a name, and so is one after a word no list holds.
const MODEL: &str = "# test model\n@threshold\t0.5\nbias\t-3\np1=for\t6\np1lex=-\t4\n";

fn install() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| guard::install_name_model(MODEL.to_string()).unwrap());
}

#[test]
fn a_word_the_model_reads_as_a_name_blocks_with_its_reasons() {
    install();
    let g = clinic(STAFF);
    let r = g.scan("The ward threw a party for Zorblat on Friday");
    assert_eq!(r.verdict, Verdict::Block);
    let f = r
        .findings
        .iter()
        .find(|f| f.kind == Kind::PersonName && f.text == "Zorblat")
        .expect("model finding");
    assert_eq!(f.whose, Whose::Patient);
    assert!(
        f.reason.contains("model") && f.reason.contains("p1=for"),
        "{}",
        f.reason
    );
    // The same word elsewhere is no name.
    assert_eq!(g.scan("Zorblat class starts Friday").verdict, Verdict::Pass);
}

#[test]
fn a_run_of_name_words_is_one_finding_and_staff_stay_staff() {
    install();
    let g = clinic(&["Dr. Quennell Ambrose"]);
    let r = g.scan("Cake for Quennell today, and a card for Zorblat Quexitl");
    let names: Vec<(&str, Whose)> = r
        .findings
        .iter()
        .filter(|f| f.kind == Kind::PersonName)
        .map(|f| (f.text.as_str(), f.whose))
        .collect();
    assert!(names.contains(&("Quennell", Whose::Staff)), "{names:?}");
    assert!(
        names.contains(&("Zorblat Quexitl", Whose::Patient)),
        "{names:?}"
    );
}

#[test]
fn words_a_rule_ruled_out_stay_out() {
    install();
    let g = clinic(STAFF);
    // A public figure, a business, an eponym, a dictionary word: each is preceded by "for",
    // which this model alone would take for a name.
    for text in [
        "A toast for Santiago Ramón y Cajal, who drew the first neurons",
        "Thanks for Uncle Sal's Pizza at lunch!",
        "Time for Apgar scores: a check at 1 and 5 minutes after birth",
        "Sign up for Zumba on Thursdays at 6pm",
        "Thanks for Dr. Joy Alvarez's talk",
    ] {
        let r = g.scan(text);
        assert_eq!(r.verdict, Verdict::Pass, "{text}: {:?}", r.findings);
    }
}

#[test]
fn a_word_a_rule_found_keeps_the_rules_reason() {
    install();
    let g = clinic(STAFF);
    let r = g.scan("Cards and thanks for Mrs. Quimby from the whole ward");
    let names: Vec<(&str, &str)> = r
        .findings
        .iter()
        .filter(|f| f.kind == Kind::PersonName)
        .map(|f| (f.text.as_str(), f.reason.as_str()))
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    assert_eq!(names[0].0, "Quimby");
    assert!(!names[0].1.contains("model"), "{names:?}");
}
