//! Trains the name model (`data/name_model.tsv`): logistic regression over the features of
//! every word the model reads (see `src/phi/names/model.rs`), labelled by whether a gold
//! `person_name` of the eval sets covers it.
//!
//! `cargo run --release -p guard --example train_name_model -- <profiles dir> <out.tsv>
//!  <phi.jsonl>... [--threshold 0.9] [--epochs 30] [--l2 0.0001] [--min-count 3]
//!  [--uncovered-only]`
//!
//! Deterministic: the same sets and options write the same file. Keep held-out rounds out of
//! the sets given, or their scores stop being held out.

use guard::eval::{resolve_spans, PhiCase};
use guard::{Guard, Kind, OrgProfile};
use std::collections::{BTreeMap, HashMap};

struct Options {
    threshold: f64,
    epochs: usize,
    l2: f64,
    min_count: usize,
    /// Train only on words no rule found (the words the model is asked about).
    uncovered_only: bool,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut opts = Options {
        threshold: 0.9,
        epochs: 30,
        l2: 1e-4,
        min_count: 3,
        uncovered_only: false,
    };
    if let Some(k) = args.iter().position(|a| a == "--uncovered-only") {
        args.remove(k);
        opts.uncovered_only = true;
    }
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
    // Features are computed by the guard itself, so the model in use must not matter: a model
    // that never fires keeps the shipped one from being loaded.
    guard::install_name_model("@threshold\t2\n".to_string())?;
    let mut guards = BTreeMap::new();
    for entry in std::fs::read_dir(&args[0])? {
        let path = entry?.path();
        if path.extension().is_some_and(|x| x == "toml") {
            let profile: OrgProfile = toml::from_str(&std::fs::read_to_string(&path)?)
                .map_err(|e| format!("{}: {e}", path.display()))?;
            let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
            guards.insert(stem.to_string(), Guard::new(profile));
        }
    }
    // Samples: feature ids and label.
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut names: Vec<String> = Vec::new();
    let mut samples: Vec<(Vec<usize>, bool)> = Vec::new();
    for set in &args[2..] {
        let src = std::fs::read_to_string(set)?;
        for (n, line) in src
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let case: PhiCase =
                serde_json::from_str(line).map_err(|e| format!("{set}:{}: {e}", n + 1))?;
            let g = guards
                .get(&case.profile)
                .ok_or_else(|| format!("{}: unknown profile {:?}", case.id, case.profile))?;
            let gold = resolve_spans(&case.text, &case.identifiers)
                .map_err(|e| format!("{}: {e}", case.id))?;
            for sample in g.name_model_samples(&case.text) {
                if opts.uncovered_only && sample.covered {
                    continue;
                }
                let (start, end) = (sample.start, sample.end);
                let label = gold
                    .iter()
                    .any(|s| s.kind == Kind::PersonName && s.start < end && start < s.end);
                let fids = sample
                    .features
                    .into_iter()
                    .map(|f| {
                        let next = names.len();
                        *ids.entry(f.clone()).or_insert_with(|| {
                            names.push(f);
                            next
                        })
                    })
                    .collect();
                samples.push((fids, label));
            }
        }
    }
    // Rare features (a name seen once) would only memorise the training drafts.
    let mut counts = vec![0usize; names.len()];
    for (fids, _) in &samples {
        for &f in fids {
            counts[f] += 1;
        }
    }
    let keep: Vec<bool> = counts.iter().map(|&c| c >= opts.min_count).collect();
    for (fids, _) in samples.iter_mut() {
        fids.retain(|&f| keep[f]);
    }
    let w = train(&samples, names.len(), &opts);
    let positives = samples.iter().filter(|s| s.1).count();
    let mut rows: Vec<(usize, f64)> = w
        .iter()
        .copied()
        .enumerate()
        .filter(|&(f, x)| keep[f] && (x.abs() >= 0.01 || names[f] == "bias"))
        .collect();
    rows.sort_by(|a, b| {
        b.1.abs()
            .total_cmp(&a.1.abs())
            .then(names[a.0].cmp(&names[b.0]))
    });
    let mut out = String::new();
    out.push_str("# Name model: logistic-regression weights, one feature per line (see\n");
    out.push_str(
        "# crates/guard/src/phi/names/model.rs). Written by examples/train_name_model.rs from:\n",
    );
    for set in &args[2..] {
        out.push_str(&format!("#   {set}\n"));
    }
    out.push_str(&format!(
        "# {} words ({} inside a gold name), {} features kept (seen at least {} times),\n# {} epochs, L2 {}.\n",
        samples.len(),
        positives,
        rows.len(),
        opts.min_count,
        opts.epochs,
        opts.l2
    ));
    out.push_str(&format!("@threshold\t{}\n", opts.threshold));
    for (f, x) in rows {
        out.push_str(&format!("{}\t{:.4}\n", names[f], x));
    }
    std::fs::write(&args[1], out)?;
    eprintln!(
        "{} samples, {} positive, {} features written to {}",
        samples.len(),
        positives,
        names.len(),
        args[1]
    );
    Ok(())
}

/// AdaGrad on the log loss with L2, samples visited in a fixed pseudo-random order.
fn train(samples: &[(Vec<usize>, bool)], dim: usize, o: &Options) -> Vec<f64> {
    let mut w = vec![0.0f64; dim];
    let mut g2 = vec![1e-8f64; dim];
    let rate = 0.2;
    let mut order: Vec<usize> = (0..samples.len()).collect();
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    for _ in 0..o.epochs {
        // Fisher-Yates with xorshift: reproducible without a dependency.
        for k in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(k, (seed % (k as u64 + 1)) as usize);
        }
        for &s in &order {
            let (fids, label) = &samples[s];
            let z: f64 = fids.iter().map(|&f| w[f]).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            let err = p - if *label { 1.0 } else { 0.0 };
            for &f in fids {
                let g = err + o.l2 * w[f];
                g2[f] += g * g;
                w[f] -= rate * g / g2[f].sqrt();
            }
        }
    }
    w
}
