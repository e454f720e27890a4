//! Trains the name model and writes it (see `guard::training`).
//!
//! `cargo run --release -p guard --example train_name_model -- <profiles dir> <out.tsv>
//!  <phi.jsonl>... [--threshold 0.9] [--epochs 30] [--l2 0.0001] [--min-count 3]`
//!
//! Keep held-out rounds out of the sets given, or their scores stop being held out. The
//! shipped model is retrained with `scripts/train-name-model`.

mod common;

use guard::training::{name_model, TrainOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut opts = TrainOptions::default();
    let mut take = |name: &str| -> Result<Option<String>, String> {
        match args.iter().position(|a| a == name) {
            Some(k) if k + 1 < args.len() => {
                let v = args.remove(k + 1);
                args.remove(k);
                Ok(Some(v))
            }
            Some(_) => Err(format!("{name} needs a value")),
            None => Ok(None),
        }
    };
    if let Some(v) = take("--threshold")? {
        opts.threshold = v.parse()?;
    }
    if let Some(v) = take("--epochs")? {
        opts.epochs = v.parse()?;
    }
    if let Some(v) = take("--l2")? {
        opts.l2 = v.parse()?;
    }
    if let Some(v) = take("--min-count")? {
        opts.min_count = v.parse()?;
    }
    if args.len() < 3 {
        return Err(
            "usage: train_name_model <profiles dir> <out.tsv> <phi.jsonl>... [options]".into(),
        );
    }
    let guards = common::guards(&args[0])?;
    let mut sets = Vec::new();
    for set in &args[2..] {
        let mut cases = Vec::new();
        for (n, line) in std::fs::read_to_string(set)?.lines().enumerate() {
            if !line.trim().is_empty() {
                cases
                    .push(serde_json::from_str(line).map_err(|e| format!("{set}:{}: {e}", n + 1))?);
            }
        }
        sets.push((set.clone(), cases));
    }
    let model = name_model(&guards, &sets, &opts)?;
    std::fs::write(&args[1], &model)?;
    eprintln!(
        "{} written ({} weights)",
        args[1],
        model.lines().filter(|l| !l.starts_with(['#', '@'])).count()
    );
    Ok(())
}
