//! Triage on the repository's labelled set (`eval/triage.jsonl`), label by label, with the
//! misclassified comments listed: the tool to measure changes to the weights. Ignored by
//! default because the set is maintained separately; run with
//! `cargo test -p guard --test triage_eval -- --ignored --nocapture`.

use guard::eval::{score_triage, TriageCase};
use guard::{Guard, Label, OrgProfile};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// `eval/`, or another directory with the same layout in `$TRIAGE_EVAL_DIR`.
fn eval_dir() -> PathBuf {
    std::env::var_os("TRIAGE_EVAL_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../eval"))
}

fn guard_for(profile: &str) -> Guard {
    let path = eval_dir().join("profiles").join(format!("{profile}.toml"));
    let p: OrgProfile = std::fs::read_to_string(&path)
        .ok()
        .and_then(|s| toml::from_str(&s).ok())
        .unwrap_or_default();
    Guard::new(p)
}

#[test]
#[ignore = "measures against eval/triage.jsonl"]
fn triage_macro_f1_on_the_repository_set_meets_the_target() {
    let text = std::fs::read_to_string(eval_dir().join("triage.jsonl")).expect("eval/triage.jsonl");
    let cases: Vec<TriageCase> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let guards: BTreeMap<&str, Guard> = cases
        .iter()
        .map(|c| (c.profile.as_str(), guard_for(&c.profile)))
        .collect();
    let mut predicted: Vec<Vec<Label>> = Vec::new();
    for c in &cases {
        let g = &guards[c.profile.as_str()];
        let t = g.classify(&c.text);
        let mut want = c.labels.clone();
        want.sort();
        let mut got = t.labels.clone();
        got.sort();
        if want != got && std::env::var_os("TRIAGE_MISSES").is_some() {
            let s: Vec<String> = t
                .scores
                .iter()
                .filter(|(_, s)| **s >= 0.2)
                .map(|(l, s)| format!("{}={s:.2}", l.as_str()))
                .collect();
            println!(
                "{}: {:?}\n   want {:?}\n   got  {:?} [{}]",
                c.id,
                c.text,
                want,
                got,
                s.join(" ")
            );
        }
        predicted.push(t.labels);
    }
    let scores = score_triage(
        cases
            .iter()
            .zip(&predicted)
            .map(|(c, p)| (&c.labels[..], &p[..])),
    );
    for (l, p) in &scores.per_label {
        println!(
            "{:<17} P {:.3} R {:.3} F1 {:.3} (gold {}, predicted {})",
            l.as_str(),
            p.precision,
            p.recall,
            p.f1,
            p.support,
            p.predicted
        );
    }
    println!(
        "macro-F1 {:.3}, exact {:.3}, {} comments",
        scores.macro_f1, scores.exact_match, scores.cases
    );
    assert!(scores.macro_f1 >= 0.80, "macro-F1 {:.3}", scores.macro_f1);
}
