//! The shipped name model is exactly what the trainer writes from the sets and options in its
//! header, for the features as the code computes them now. A feature changed without
//! retraining, or a hand-edited weight, fails here: run `scripts/train-name-model`.

use guard::eval::PhiCase;
use guard::training::{header, name_model};
use guard::{Guard, OrgProfile};
use std::collections::BTreeMap;
use std::path::Path;

#[test]
fn shipped_model_is_what_the_trainer_writes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let shipped = std::fs::read_to_string(root.join("crates/guard/data/name_model.tsv")).unwrap();
    let (set_names, opts) = header(&shipped).unwrap();
    assert!(set_names.len() > 20, "the model names its training sets");
    // The held-out rounds stay out of training (see eval/README.md).
    for held_out in [
        "26", "33", "35", "36", "37", "40", "41", "44", "45", "46", "49", "52", "55", "56", "59",
        "60", "62", "64", "65", "66", "70", "72", "74", "76", "77", "78", "82", "83", "86", "87",
        "89", "91", "93", "94", "99", "100", "103", "104", "105", "107", "109", "110", "115",
        "116", "118", "119", "122", "123", "125", "126", "130", "132", "133", "134", "137", "140",
        "141", "144", "147", "148",
    ] {
        let f = format!("eval/phi_round{held_out}.jsonl");
        assert!(!set_names.contains(&f), "{f} is held out");
    }
    let mut guards = BTreeMap::new();
    for entry in std::fs::read_dir(root.join("eval/profiles")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|x| x == "toml") {
            let profile: OrgProfile =
                toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let stem = path.file_stem().unwrap().to_str().unwrap().to_string();
            guards.insert(stem, Guard::new(profile));
        }
    }
    let sets: Vec<(String, Vec<PhiCase>)> = set_names
        .iter()
        .map(|name| {
            let cases = std::fs::read_to_string(root.join(name))
                .unwrap()
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| serde_json::from_str(l).unwrap())
                .collect();
            (name.clone(), cases)
        })
        .collect();
    let trained = name_model(&guards, &sets, &opts).unwrap();
    if trained != shipped {
        let diff = trained
            .lines()
            .zip(shipped.lines())
            .find(|(a, b)| a != b)
            .map(|(a, b)| format!("trainer: {a:?}\nshipped: {b:?}"))
            .unwrap_or_else(|| "the files differ in length".into());
        panic!("data/name_model.tsv is stale; run scripts/train-name-model\n{diff}");
    }
}
