//! Runs the built `carepost eval` on tiny evaluation directories.

use std::path::Path;
use std::process::{Command, Output};

fn write_set(dir: &Path, phi: &str, triage: &str) {
    std::fs::create_dir_all(dir.join("profiles")).unwrap();
    std::fs::write(
        dir.join("profiles/clinic.toml"),
        "name = \"Test Clinic\"\nphones = [\"(555) 010-2000\"]\nemails = [\"info@testclinic.org\"]\nstaff = [\"Dr. Amara Okafor\"]\n",
    )
    .unwrap();
    std::fs::write(dir.join("phi.jsonl"), phi).unwrap();
    std::fs::write(dir.join("triage.jsonl"), triage).unwrap();
}

fn eval(dir: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_carepost"))
        .arg("eval")
        .arg("--dir")
        .arg(dir)
        .args(extra)
        .output()
        .unwrap()
}

const PHI: &str = concat!(
    r#"{"id":"p1","text":"Please send the scans to jane.doe1987@gmail.com today","profile":"clinic","identifiers":[{"kind":"email","text":"jane.doe1987@gmail.com","whose":"patient"}]}"#,
    "\n",
    r#"{"id":"p2","text":"Our flu clinic is open Saturday. Wash your hands!","profile":"clinic","identifiers":[]}"#,
    "\n"
);
const TRIAGE: &str = concat!(
    r#"{"id":"t1","text":"What time do you open on Saturday?","profile":"clinic","labels":["appointment"]}"#,
    "\n"
);

#[test]
fn json_output_scores_an_obvious_patient_email() {
    let dir = tempfile::tempdir().unwrap();
    write_set(dir.path(), PHI, TRIAGE);
    let out = eval(dir.path(), &["--json"]);
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let phi = &v["phi"];
    assert_eq!(phi["must_block"], 1);
    assert_eq!(phi["clean"], 1);
    assert_eq!(phi["per_kind"]["email"]["support"], 1);
    // Any email detector finds this address; a missing detector scores 0 here and fails.
    assert_eq!(phi["per_kind"]["email"]["recall"], 1.0);
    assert_eq!(phi["block_recall"], 1.0);
    assert_eq!(v["triage"]["cases"], 1);
    assert_eq!(v["triage"]["per_label"]["appointment"]["support"], 1);
}

#[test]
fn table_output_names_the_figures() {
    let dir = tempfile::tempdir().unwrap();
    write_set(dir.path(), PHI, TRIAGE);
    let out = eval(dir.path(), &["--show-errors", "5"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for needle in [
        "email",
        "block recall",
        "false-block rate",
        "macro-F1",
        "appointment",
        "Triage errors",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
    }
}

#[test]
fn identifier_not_in_text_is_a_data_error_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let bad = concat!(
        r#"{"id":"p1","text":"hello","profile":"clinic","identifiers":[]}"#,
        "\n",
        r#"{"id":"p2","text":"call Sophie","profile":"clinic","identifiers":[{"kind":"person_name","text":"Sofia","whose":"patient"}]}"#,
        "\n"
    );
    write_set(dir.path(), bad, TRIAGE);
    let out = eval(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("phi.jsonl:2"), "{err}");
    assert!(err.contains("Sofia"), "{err}");
}

#[test]
fn malformed_triage_line_is_a_data_error() {
    let dir = tempfile::tempdir().unwrap();
    write_set(
        dir.path(),
        PHI,
        "{\"id\":\"t1\",\"text\":\"hi\",\"profile\":\"clinic\",\"labels\":[\"rude\"]}\n",
    );
    let out = eval(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("triage.jsonl:1"));
}
