//! Triage macro-F1 per batch of a labelled JSONL set, a batch being the id up to its last '-'
//! ("fr3-012" is batch "fr3"), plus the pooled figure: the tool for scoring blind batches one by
//! one. `cargo run --release -p guard --example triage_batches -- eval/triage_fresh.jsonl [--errors]`
use guard::eval::{score_triage, TriageCase};
use guard::{Guard, Label, OrgProfile};
use std::collections::BTreeMap;
use std::path::Path;

/// Gold and predicted labels of one comment.
type Row = (Vec<Label>, Vec<Label>);

fn guard_for(dir: &Path, profile: &str) -> Guard {
    let p: OrgProfile =
        std::fs::read_to_string(dir.join("profiles").join(format!("{profile}.toml")))
            .ok()
            .and_then(|s| toml::from_str(&s).ok())
            .unwrap_or_default();
    Guard::new(p)
}

fn main() {
    let path = std::env::args().nth(1).expect("a triage JSONL file");
    let show = std::env::args().any(|a| a == "--errors");
    let dir = Path::new(&path)
        .parent()
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let cases: Vec<TriageCase> = std::fs::read_to_string(&path)
        .expect("read the set")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, l)| serde_json::from_str(l).unwrap_or_else(|e| panic!("line {}: {e}", i + 1)))
        .collect();
    let mut guards: BTreeMap<String, Guard> = BTreeMap::new();
    let mut batches: BTreeMap<String, Vec<Row>> = BTreeMap::new();
    for c in &cases {
        let g = guards
            .entry(c.profile.clone())
            .or_insert_with(|| guard_for(&dir, &c.profile));
        let t = g.classify(&c.text);
        let (mut want, mut got) = (c.labels.clone(), t.labels.clone());
        want.sort();
        got.sort();
        if show && want != got {
            let names = |v: &[Label]| v.iter().map(|l| l.as_str()).collect::<Vec<_>>().join(",");
            println!(
                "{}: {:?}\n   want [{}]\n   got  [{}]",
                c.id,
                c.text,
                names(&want),
                names(&got)
            );
        }
        let batch = c.id.rsplit_once('-').map_or(c.id.as_str(), |(b, _)| b);
        batches
            .entry(batch.to_string())
            .or_default()
            .push((want, got));
    }
    let all: Vec<&Row> = batches.values().flatten().collect();
    for (name, rows) in &batches {
        let s = score_triage(rows.iter().map(|(w, g)| (&w[..], &g[..])));
        println!(
            "{name:<8} n={:<4} macro-F1 {:.3} exact {:.3}",
            s.cases, s.macro_f1, s.exact_match
        );
    }
    let s = score_triage(all.iter().map(|(w, g)| (&w[..], &g[..])));
    for (l, p) in &s.per_label {
        println!(
            "  {:<17} P {:.3} R {:.3} F1 {:.3} (gold {}, predicted {})",
            l.as_str(),
            p.precision,
            p.recall,
            p.f1,
            p.support,
            p.predicted
        );
    }
    println!(
        "ALL      n={:<4} macro-F1 {:.3} exact {:.3}",
        s.cases, s.macro_f1, s.exact_match
    );
}
