//! Training of the shipped name model (`data/name_model.tsv`): logistic regression over the
//! features of every word the model reads (see `phi/names/model.rs`), labelled by whether a
//! gold `person_name` of an eval set covers it.
//!
//! Pure and deterministic: the same sets and options give the same file, byte for byte. The
//! file's header records both, so `tests/name_model.rs` can check that the shipped weights are
//! what the trainer writes for the code as it is (a feature changed without retraining fails).

use crate::eval::{resolve_spans, PhiCase};
use crate::{Guard, Kind};
use std::collections::{BTreeMap, HashMap};

/// How the model is trained.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainOptions {
    /// A word is a name when its probability reaches this.
    pub threshold: f64,
    pub epochs: usize,
    /// L2 penalty per update.
    pub l2: f64,
    /// Features seen fewer times are dropped: a name seen once would only memorise its draft.
    pub min_count: usize,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            threshold: 0.9,
            epochs: 30,
            l2: 1e-4,
            min_count: 3,
        }
    }
}

const OPTIONS: &str = "# options:";
const SET: &str = "# set:";

/// The sets and options a model file was trained with, read from its header.
pub fn header(model: &str) -> Result<(Vec<String>, TrainOptions), String> {
    let mut sets = Vec::new();
    let mut opts = None;
    for line in model.lines().take_while(|l| l.starts_with('#')) {
        if let Some(set) = line.strip_prefix(SET) {
            sets.push(set.trim().to_string());
        } else if let Some(o) = line.strip_prefix(OPTIONS) {
            let v: Vec<&str> = o.split_whitespace().collect();
            let num = |k: usize| -> Result<f64, String> {
                v.get(k)
                    .and_then(|x| x.parse().ok())
                    .ok_or_else(|| format!("bad options line: {line}"))
            };
            opts = Some(TrainOptions {
                threshold: num(1)?,
                epochs: num(3)? as usize,
                l2: num(5)?,
                min_count: num(7)? as usize,
            });
        }
    }
    Ok((sets, opts.ok_or("no options line in the model header")?))
}

/// Trains on `sets` (name and cases of each) with the guards of their profiles and returns
/// the model file.
pub fn name_model(
    guards: &BTreeMap<String, Guard>,
    sets: &[(String, Vec<PhiCase>)],
    opts: &TrainOptions,
) -> Result<String, String> {
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut names: Vec<String> = Vec::new();
    let mut samples: Vec<(Vec<usize>, bool)> = Vec::new();
    for (_, cases) in sets {
        for case in cases {
            let g = guards
                .get(&case.profile)
                .ok_or_else(|| format!("{}: unknown profile {:?}", case.id, case.profile))?;
            let gold = resolve_spans(&case.text, &case.identifiers)
                .map_err(|e| format!("{}: {e}", case.id))?;
            for (start, end, features) in g.phi.name_samples(&case.text) {
                let label = gold
                    .iter()
                    .any(|s| s.kind == Kind::PersonName && s.start < end && start < s.end);
                let fids = features
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
    let w = adagrad(&samples, names.len(), opts);
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
    let positives = samples.iter().filter(|s| s.1).count();
    let mut out = String::new();
    out.push_str("# Name model: logistic-regression weights, one feature per line (see\n");
    out.push_str(
        "# crates/guard/src/phi/names/model.rs), written by crates/guard/src/training.rs\n",
    );
    out.push_str("# (examples/train_name_model.rs) from these sets:\n");
    for (set, _) in sets {
        out.push_str(&format!("{SET} {set}\n"));
    }
    out.push_str(&format!(
        "{OPTIONS} --threshold {} --epochs {} --l2 {} --min-count {}\n",
        opts.threshold, opts.epochs, opts.l2, opts.min_count
    ));
    out.push_str(&format!(
        "# {} words ({} inside a gold name), {} weights kept.\n",
        samples.len(),
        positives,
        rows.len()
    ));
    out.push_str(&format!("@threshold\t{}\n", opts.threshold));
    for (f, x) in rows {
        out.push_str(&format!("{}\t{:.4}\n", names[f], x));
    }
    Ok(out)
}

/// AdaGrad on the log loss with L2, samples visited in a fixed pseudo-random order.
fn adagrad(samples: &[(Vec<usize>, bool)], dim: usize, o: &TrainOptions) -> Vec<f64> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_gives_back_sets_and_options() {
        let opts = TrainOptions {
            threshold: 0.85,
            epochs: 12,
            l2: 0.001,
            min_count: 2,
        };
        let text = format!(
            "# intro\n{SET} eval/a.jsonl\n{SET} eval/b.jsonl\n{OPTIONS} --threshold 0.85 --epochs 12 --l2 0.001 --min-count 2\n@threshold\t0.85\n"
        );
        let (sets, got) = header(&text).unwrap();
        assert_eq!(sets, ["eval/a.jsonl", "eval/b.jsonl"]);
        assert_eq!(got, opts);
        assert!(header("# no options\n@threshold\t0.9\n").is_err());
    }

    #[test]
    fn training_separates_a_feature_that_always_marks_names() {
        // Feature 0 is the bias, 1 marks names, 2 marks words.
        let samples: Vec<(Vec<usize>, bool)> = (0..200)
            .map(|k| {
                if k % 2 == 0 {
                    (vec![0, 1], true)
                } else {
                    (vec![0, 2], false)
                }
            })
            .collect();
        let w = adagrad(&samples, 3, &TrainOptions::default());
        assert!(w[1] > 1.0, "{w:?}");
        assert!(w[2] < -1.0, "{w:?}");
    }
}
