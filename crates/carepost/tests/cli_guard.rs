//! `carepost scan` and `carepost classify` run as a user would: the built binary, temp files.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn carepost(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_carepost"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn carepost");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin)
        .expect("write stdin");
    child.wait_with_output().expect("wait")
}

fn lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(out.stdout.clone())
        .expect("utf-8 output")
        .lines()
        .map(|l| serde_json::from_str(l).expect("each output line is JSON"))
        .collect()
}

fn profile_file() -> tempfile::NamedTempFile {
    let mut f = tempfile::Builder::new()
        .suffix(".toml")
        .tempfile()
        .expect("temp");
    writeln!(
        f,
        r#"name = "Lakeview Clinic"
phones = ["(415) 555-0100"]
websites = ["lakeviewclinic.org"]
emails = ["hello@lakeviewclinic.org"]
handles = ["@LakeviewClinic"]
addresses = ["2200 Harbor Blvd, Oakland, CA 94607"]
staff = ["Dr. Alicia Gomez"]"#
    )
    .expect("write profile");
    f
}

#[test]
fn scan_outputs_one_json_line_per_input_in_order() {
    let profile = profile_file();
    let mut input = tempfile::NamedTempFile::new().expect("temp");
    writeln!(
        input,
        r#"{{"id": "a", "text": "Welcome Dr. Alicia Gomez! Call (415) 555-0100."}}"#
    )
    .unwrap();
    writeln!(
        input,
        r#"{{"id": 7, "text": "Thank you Nkechi Obi for trusting us, MRN 4471203"}}"#
    )
    .unwrap();
    writeln!(input, r#"{{"id": "c", "text": ""}}"#).unwrap();
    let out = carepost(
        &[
            "scan",
            "--org",
            profile.path().to_str().unwrap(),
            input.path().to_str().unwrap(),
        ],
        b"",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let l = lines(&out);
    assert_eq!(l.len(), 3);
    assert_eq!(l[0]["id"], "a");
    assert_eq!(l[0]["verdict"], "pass");
    assert_eq!(l[1]["id"], 7, "numeric ids are echoed as numbers");
    assert_eq!(l[1]["verdict"], "block");
    let f = &l[1]["findings"][0];
    for key in ["kind", "start", "end", "text", "whose", "reason"] {
        assert!(f.get(key).is_some(), "finding lacks {key}: {f}");
    }
    assert_eq!(l[2]["verdict"], "pass");
    assert_eq!(l[2]["findings"].as_array().unwrap().len(), 0);
}

#[test]
fn bad_lines_are_reported_with_their_number_and_others_still_processed() {
    let input = b"{\"id\":1,\"text\":\"Call (510) 555-0132\"}\nnot json at all\n{\"id\":3}\n{\"id\":4,\"text\":\"hello\"}\n";
    let out = carepost(&["scan"], input);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 2"), "{err}");
    assert!(err.contains("line 3"), "{err}");
    let l = lines(&out);
    assert_eq!(l.len(), 2);
    assert_eq!(l[0]["id"], 1);
    assert_eq!(l[1]["id"], 4);
}

#[test]
fn invalid_utf8_and_huge_lines_never_crash() {
    let mut input = Vec::new();
    input.extend_from_slice(b"{\"id\":1,\"text\":\"caf\xff\xfe Maria\"}\n");
    let big = "Mrs. Okafor called (510) 555-0132 ".repeat(300_000); // ~10 MB
    input.extend_from_slice(format!("{{\"id\":2,\"text\":\"{big}\"}}\n").as_bytes());
    let out = carepost(&["scan"], &input);
    let l = lines(&out);
    assert_eq!(l.len(), 2, "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(l[1]["verdict"], "block");
}

#[test]
fn json_profiles_work_too() {
    let mut f = tempfile::Builder::new()
        .suffix(".json")
        .tempfile()
        .expect("temp");
    write!(f, r#"{{"name": "X", "phones": ["(415) 555-0100"]}}"#).unwrap();
    let out = carepost(
        &["scan", "--org", f.path().to_str().unwrap()],
        b"{\"id\":\"p\",\"text\":\"Call us at 415.555.0100\"}\n",
    );
    let l = lines(&out);
    assert_eq!(l[0]["verdict"], "pass");
    assert_eq!(l[0]["findings"][0]["whose"], "organization");
}

#[test]
fn scan_text_prints_a_plain_report_when_not_a_terminal() {
    let out = carepost(
        &[
            "scan",
            "--text",
            "Thanks for visiting us, Maria! MRN 4471203",
        ],
        b"",
    );
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.starts_with("BLOCK"), "{s}");
    assert!(s.contains("[[4471203]]"), "{s}");
    assert!(s.contains("'MRN' followed by 7 digits"), "{s}");
    assert!(!s.contains('\x1b'), "no ANSI colours when piped");
}

#[test]
fn classify_outputs_labels_and_scores_per_line() {
    let out = carepost(
        &["classify"],
        b"{\"id\":\"q\",\"text\":\"I have had a fever of 102 for three days, should I double my ibuprofen?\"}\n{\"id\":\"r\",\"text\":\"What are your hours on Saturday?\"}\n",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let l = lines(&out);
    assert_eq!(l.len(), 2);
    assert_eq!(l[0]["id"], "q");
    assert!(l[0]["labels"].is_array());
    assert!(l[0]["scores"].is_object());
    for (_, v) in l[0]["scores"].as_object().unwrap() {
        let x = v.as_f64().unwrap();
        assert!((0.0..=1.0).contains(&x));
    }
}

#[test]
fn missing_profile_is_an_error() {
    let out = carepost(&["scan", "--org", "/nonexistent/profile.toml"], b"");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("profile"));
}
