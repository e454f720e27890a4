//! Regression gate: the guard on the repository's evaluation sets (`eval/`) must reach the
//! figures below. `carepost eval` prints the same figures with a breakdown.

use guard::eval::{resolve_spans, score_phi, score_triage, GoldSpan, PhiCase, TriageCase};
use guard::{Guard, OrgProfile, ScanReport};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Regression floors on the repository's sets. The rules were tuned while reading these sets'
/// errors, so the floors sit just under today's figures (block recall 0.985, false-block
/// 0.008, span F1 0.950, triage macro-F1 0.89) and well above the targets for
/// held-out data (0.98, 0.10, 0.85, 0.80): a change that loses ground here fails.
const MIN_BLOCK_RECALL: f64 = 0.98;
const MAX_FALSE_BLOCK_RATE: f64 = 0.03;
const MIN_SPAN_F1: f64 = 0.93;
const MIN_TRIAGE_MACRO_F1: f64 = 0.86;

fn eval_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../eval")
}

fn guards() -> BTreeMap<String, Guard> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(eval_dir().join("profiles")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|x| x == "toml") {
            let profile: OrgProfile = toml::from_str(&std::fs::read_to_string(&path).unwrap())
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let stem = path.file_stem().unwrap().to_str().unwrap().to_string();
            out.insert(stem, Guard::new(profile));
        }
    }
    out
}

fn lines<T: serde::de::DeserializeOwned>(file: &str) -> Vec<T> {
    let path = eval_dir().join(file);
    std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).unwrap_or_else(|e| panic!("{}:{}: {e}", path.display(), i + 1))
        })
        .collect()
}

#[test]
fn guard_holds_its_figures_on_the_eval_sets() {
    let guards = guards();
    let phi: Vec<PhiCase> = lines("phi.jsonl");
    let gold: Vec<Vec<GoldSpan>> = phi
        .iter()
        .map(|c| resolve_spans(&c.text, &c.identifiers).unwrap_or_else(|e| panic!("{}: {e}", c.id)))
        .collect();
    let reports: Vec<ScanReport> = phi
        .iter()
        .map(|c| guards[&c.profile].scan(&c.text))
        .collect();
    let p = score_phi(gold.iter().map(|g| &g[..]).zip(&reports));

    let tri: Vec<TriageCase> = lines("triage.jsonl");
    let predicted: Vec<Vec<guard::Label>> = tri
        .iter()
        .map(|c| guards[&c.profile].classify(&c.text).labels)
        .collect();
    let t = score_triage(
        tri.iter()
            .map(|c| &c.labels[..])
            .zip(predicted.iter().map(|p| &p[..])),
    );

    let figures = format!(
        "block recall {:.3}, false-block {:.3}, span F1 {:.3}, triage macro-F1 {:.3}",
        p.block_recall, p.false_block_rate, p.overall.f1, t.macro_f1
    );
    assert!(p.block_recall >= MIN_BLOCK_RECALL, "{figures}");
    assert!(p.false_block_rate <= MAX_FALSE_BLOCK_RATE, "{figures}");
    assert!(p.overall.f1 >= MIN_SPAN_F1, "{figures}");
    assert!(t.macro_f1 >= MIN_TRIAGE_MACRO_F1, "{figures}");
}

/// Always on: the sets themselves stay well-formed and as large and balanced as promised.
#[test]
fn eval_sets_are_well_formed() {
    let guards = guards();
    assert!(guards.len() >= 3, "at least three organisation profiles");
    let phi: Vec<PhiCase> = lines("phi.jsonl");
    assert!(phi.len() >= 600, "phi.jsonl has {} cases", phi.len());
    let mut ids = std::collections::HashSet::new();
    let mut blocking = 0;
    for c in &phi {
        assert!(ids.insert(c.id.clone()), "duplicate id {}", c.id);
        assert!(
            guards.contains_key(&c.profile),
            "{}: unknown profile {}",
            c.id,
            c.profile
        );
        resolve_spans(&c.text, &c.identifiers).unwrap_or_else(|e| panic!("{}: {e}", c.id));
        blocking += usize::from(c.expected_verdict() == guard::Verdict::Block);
    }
    let share = blocking as f64 / phi.len() as f64;
    assert!(
        (0.35..=0.65).contains(&share),
        "must-block share {share:.2}"
    );

    let tri: Vec<TriageCase> = lines("triage.jsonl");
    assert!(tri.len() >= 500, "triage.jsonl has {} cases", tri.len());
    let mut per_label: BTreeMap<guard::Label, usize> = BTreeMap::new();
    for c in &tri {
        assert!(ids.insert(c.id.clone()), "duplicate id {}", c.id);
        assert!(
            guards.contains_key(&c.profile),
            "{}: unknown profile {}",
            c.id,
            c.profile
        );
        for l in &c.labels {
            *per_label.entry(*l).or_default() += 1;
        }
    }
    assert_eq!(per_label.len(), 9, "every label appears: {per_label:?}");
    for (label, n) in per_label {
        assert!(n >= 40, "{label:?} has only {n} examples");
    }
}
