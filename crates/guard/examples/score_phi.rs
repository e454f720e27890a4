//! Scores the guard on one PHI JSONL file of any name (e.g. a blind batch in
//! `eval/phi_fresh.jsonl`) without building the CLI and its server dependencies.
//!
//! `cargo run -p guard --example score_phi -- <profiles dir> <phi.jsonl> [id prefix] [--errors]`
//! With `--triage` the file is a triage set instead and the macro-F1 is printed.
//! `--model FILE` scores with that name model instead of the shipped `data/name_model.tsv`.

mod common;

use guard::eval::{
    resolve_spans, score_phi, score_triage, span_diff, GoldSpan, PhiCase, TriageCase,
};
use guard::{ScanReport, Verdict, Whose};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        return Err("usage: score_phi <profiles dir> <phi.jsonl> [id prefix] [--errors]".into());
    }
    let errors = args.iter().any(|a| a == "--errors");
    let prefix = args.get(2).filter(|a| !a.starts_with("--")).cloned();
    if let Some(k) = args.iter().position(|a| a == "--model") {
        let path = args.get(k + 1).ok_or("--model needs a file")?;
        guard::install_name_model(std::fs::read_to_string(path)?)?;
    }
    let guards = common::guards(&args[0])?;
    let src = std::fs::read_to_string(&args[1])?;
    if args.iter().any(|a| a == "--triage") {
        let mut gold = Vec::new();
        let mut pred = Vec::new();
        for (i, line) in src
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let c: TriageCase =
                serde_json::from_str(line).map_err(|e| format!("{}:{}: {e}", args[1], i + 1))?;
            let g = guards
                .get(&c.profile)
                .ok_or_else(|| format!("{}: unknown profile {:?}", c.id, c.profile))?;
            pred.push(g.classify(&c.text).labels);
            gold.push(c.labels);
        }
        let t = score_triage(gold.iter().map(|g| &g[..]).zip(pred.iter().map(|p| &p[..])));
        println!("{} comments: triage macro-F1 {:.3}", gold.len(), t.macro_f1);
        return Ok(());
    }
    let mut cases = Vec::new();
    for (i, line) in src.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let case: PhiCase =
            serde_json::from_str(line).map_err(|e| format!("{}:{}: {e}", args[1], i + 1))?;
        if prefix
            .as_ref()
            .is_none_or(|p| case.id.starts_with(p.as_str()))
        {
            cases.push(case);
        }
    }
    let mut gold: Vec<Vec<GoldSpan>> = Vec::new();
    for c in &cases {
        gold.push(resolve_spans(&c.text, &c.identifiers).map_err(|e| format!("{}: {e}", c.id))?);
    }
    let guard_for = |c: &PhiCase| {
        guards
            .get(&c.profile)
            .ok_or_else(|| format!("{}: unknown profile {:?}", c.id, c.profile))
    };
    let mut reports: Vec<ScanReport> = Vec::new();
    for c in &cases {
        reports.push(guard_for(c)?.scan(&c.text));
    }
    let s = score_phi(gold.iter().map(|g| &g[..]).zip(&reports));
    println!(
        "{} posts: block recall {:.3} ({}/{}), false-block {:.3} ({}/{}), span P {:.3} R {:.3} F1 {:.3}, patient-span recall {:.3}",
        cases.len(),
        s.block_recall,
        s.must_block_blocked,
        s.must_block,
        s.false_block_rate,
        s.clean_blocked,
        s.clean,
        s.overall.precision,
        s.overall.recall,
        s.overall.f1,
        s.patient_span_recall
    );
    if !errors {
        return Ok(());
    }
    for ((c, g), r) in cases.iter().zip(&gold).zip(&reports) {
        let must = g.iter().any(|s| s.whose == Whose::Patient);
        let tag = match (must, r.verdict) {
            (true, Verdict::Pass) => "MISS",
            (false, Verdict::Block) => "FALSE",
            _ => "ok",
        };
        let d = span_diff(g, &r.findings);
        if tag == "ok" && d.missed.is_empty() && d.spurious.is_empty() {
            continue;
        }
        println!("{tag} {}: {}", c.id, c.text);
        let slice = |a: usize, b: usize| c.text.chars().skip(a).take(b - a).collect::<String>();
        for m in &d.missed {
            println!(
                "    missed {} {:?} {:?}",
                m.kind.as_str(),
                slice(m.start, m.end),
                m.whose
            );
        }
        for f in &d.spurious {
            println!(
                "    spurious {} {:?} {:?} ({})",
                f.kind.as_str(),
                f.text,
                f.whose,
                f.reason
            );
        }
        if tag == "FALSE" {
            for f in r.patient_findings() {
                println!(
                    "    patient {} {:?} ({})",
                    f.kind.as_str(),
                    f.text,
                    f.reason
                );
            }
        }
    }
    Ok(())
}
