//! Scores the guard on any phi-style JSON Lines file (a development aid for sets other than
//! `eval/phi.jsonl`, e.g. `eval/phi_fresh.jsonl`), printing the post-level figures, span F1 and
//! every wrong verdict with the findings behind it.
//!
//! `cargo run --release -p guard --example phi_score -- eval/phi_fresh.jsonl [profiles-dir]`

mod common;
use guard::eval::{resolve_spans, score_phi, GoldSpan, PhiCase};
use guard::{ScanReport, Verdict, Whose};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args.first().map_or("eval/phi_fresh.jsonl", String::as_str);
    let pdir = args.get(1).map_or("eval/profiles", String::as_str);
    let guards = common::guards(pdir).expect("profiles");
    let src = std::fs::read_to_string(path).expect("cases file");
    let cases: Vec<PhiCase> = src
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("valid case"))
        .collect();
    let gold: Vec<Vec<GoldSpan>> = cases
        .iter()
        .map(|c| resolve_spans(&c.text, &c.identifiers).expect("identifier in text"))
        .collect();
    let reports: Vec<ScanReport> = cases
        .iter()
        .map(|c| guards[&c.profile].scan(&c.text))
        .collect();
    let s = score_phi(gold.iter().map(|g| &g[..]).zip(&reports));
    println!(
        "{path}: block recall {:.3} ({}/{}), false-block {:.3} ({}/{}), span P {:.3} R {:.3} F1 {:.3}",
        s.block_recall,
        s.must_block_blocked,
        s.must_block,
        s.false_block_rate,
        s.clean_blocked,
        s.clean,
        s.overall.precision,
        s.overall.recall,
        s.overall.f1
    );
    for (c, r) in cases.iter().zip(&reports) {
        if c.expected_verdict() == r.verdict {
            continue;
        }
        let tag = if r.verdict == Verdict::Block {
            "FALSE BLOCK"
        } else {
            "MISS"
        };
        println!("{tag} {}: {}", c.id, c.text);
        for g in c.identifiers.iter().filter(|g| g.whose == Whose::Patient) {
            println!("    gold {:?} {:?}", g.kind, g.text);
        }
        for f in &r.findings {
            println!(
                "    found {} {:?} {:?} ({})",
                f.kind.as_str(),
                f.text,
                f.whose,
                f.reason
            );
        }
    }
}
