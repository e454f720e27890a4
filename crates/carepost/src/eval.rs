//! `carepost eval`: measures the guard on the labelled sets in `eval/` and prints the figures.
//!
//! Reads `<dir>/profiles/*.toml` (one organisation each, named by the file stem),
//! `<dir>/phi.jsonl` (outgoing drafts with gold identifiers) and `<dir>/triage.jsonl`
//! (inbound comments with gold labels). A malformed line, an identifier not found in its text,
//! an unknown profile or a duplicate id is a data error: exit code 2, naming file and line.

use anyhow::{anyhow, Context};
use guard::eval::{
    resolve_spans, score_phi, score_triage, span_diff, GoldSpan, PhiCase, Prf, TriageCase,
};
use guard::{Guard, Label, OrgProfile, ScanReport, Verdict, Whose};
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct EvalArgs {
    /// Directory holding phi.jsonl, triage.jsonl and profiles/*.toml.
    #[arg(long, default_value = "eval")]
    pub dir: PathBuf,
    /// Print the figures as one JSON object instead of tables.
    #[arg(long)]
    pub json: bool,
    /// Also print the first N misses and false alarms of each set, to help tune the guard.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub show_errors: usize,
}

/// A problem with the evaluation data itself (not with the guard).
#[derive(Debug)]
struct DataError(String);

impl std::fmt::Display for DataError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DataError {}

fn data_error(file: &Path, line: usize, msg: impl std::fmt::Display) -> anyhow::Error {
    anyhow!(DataError(format!("{}:{line}: {msg}", file.display())))
}

pub fn run(args: EvalArgs) -> anyhow::Result<ExitCode> {
    match evaluate(&args) {
        Ok(out) => {
            print!("{out}");
            Ok(ExitCode::SUCCESS)
        }
        Err(err) if err.downcast_ref::<DataError>().is_some() => {
            eprintln!("data error: {err:#}");
            Ok(ExitCode::from(2))
        }
        Err(err) => Err(err),
    }
}

fn load_profiles(dir: &Path) -> anyhow::Result<BTreeMap<String, Guard>> {
    let pdir = dir.join("profiles");
    let entries = std::fs::read_dir(&pdir)
        .map_err(|e| anyhow!(DataError(format!("{}: {e}", pdir.display()))))?;
    let mut guards = BTreeMap::new();
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    for path in paths {
        let src = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        let profile: OrgProfile = toml::from_str(&src).map_err(|e| {
            anyhow!(DataError(format!(
                "{}: invalid profile: {e}",
                path.display()
            )))
        })?;
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        guards.insert(stem, Guard::new(profile));
    }
    if guards.is_empty() {
        return Err(anyhow!(DataError(format!(
            "{}: no *.toml profiles",
            pdir.display()
        ))));
    }
    Ok(guards)
}

/// Parses a JSON Lines file into cases, checking ids are unique and profiles exist. Blank
/// lines are skipped; line numbers are 1-based.
fn load_lines<T: serde::de::DeserializeOwned>(
    path: &Path,
    guards: &BTreeMap<String, Guard>,
    id_and_profile: impl Fn(&T) -> (&str, &str),
) -> anyhow::Result<Vec<(usize, T)>> {
    let src = std::fs::read_to_string(path)
        .map_err(|e| anyhow!(DataError(format!("{}: {e}", path.display()))))?;
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (i, line) in src.lines().enumerate() {
        let n = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let case: T = serde_json::from_str(line).map_err(|e| data_error(path, n, e))?;
        let (id, profile) = id_and_profile(&case);
        if !seen.insert(id.to_string()) {
            return Err(data_error(path, n, format!("duplicate id {id:?}")));
        }
        if !guards.contains_key(profile) {
            return Err(data_error(path, n, format!("unknown profile {profile:?}")));
        }
        out.push((n, case));
    }
    Ok(out)
}

#[derive(Serialize)]
struct Report {
    phi: guard::eval::PhiScores,
    triage: guard::eval::TriageScores,
}

fn evaluate(args: &EvalArgs) -> anyhow::Result<String> {
    let guards = load_profiles(&args.dir)?;
    let phi_path = args.dir.join("phi.jsonl");
    let tri_path = args.dir.join("triage.jsonl");
    let phi_cases: Vec<(usize, PhiCase)> =
        load_lines(&phi_path, &guards, |c: &PhiCase| (&c.id, &c.profile))?;
    let tri_cases: Vec<(usize, TriageCase)> =
        load_lines(&tri_path, &guards, |c: &TriageCase| (&c.id, &c.profile))?;

    let mut gold_spans: Vec<Vec<GoldSpan>> = Vec::with_capacity(phi_cases.len());
    for (n, case) in &phi_cases {
        let spans = resolve_spans(&case.text, &case.identifiers)
            .map_err(|e| data_error(&phi_path, *n, format!("{}: {e}", case.id)))?;
        gold_spans.push(spans);
    }
    let reports: Vec<ScanReport> = phi_cases
        .iter()
        .map(|(_, c)| guards[&c.profile].scan(&c.text))
        .collect();
    let predicted: Vec<Vec<Label>> = tri_cases
        .iter()
        .map(|(_, c)| guards[&c.profile].classify(&c.text).labels)
        .collect();

    let phi = score_phi(gold_spans.iter().map(|g| &g[..]).zip(&reports));
    let triage = score_triage(
        tri_cases
            .iter()
            .map(|(_, c)| &c.labels[..])
            .zip(predicted.iter().map(|p| &p[..])),
    );

    let mut out = String::new();
    if args.json {
        out = serde_json::to_string_pretty(&Report { phi, triage })?;
        out.push('\n');
    } else {
        write_tables(&mut out, &phi, &triage, phi_cases.len(), &args.dir)?;
    }
    if args.show_errors > 0 {
        let mut errs = String::new();
        write_errors(
            &mut errs,
            args.show_errors,
            &phi_cases,
            &gold_spans,
            &reports,
            &tri_cases,
            &predicted,
        )?;
        if args.json {
            // Keep stdout machine-readable: the examples go to stderr.
            eprint!("{errs}");
        } else {
            out.push_str(&errs);
        }
    }
    Ok(out)
}

fn name<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => "?".to_string(),
    }
}

fn prf_row(out: &mut String, label: &str, p: &Prf) -> std::fmt::Result {
    writeln!(
        out,
        "  {label:<16} {:>6.3} {:>6.3} {:>6.3} {:>8} {:>8}",
        p.precision, p.recall, p.f1, p.support, p.predicted
    )
}

fn write_tables(
    out: &mut String,
    phi: &guard::eval::PhiScores,
    triage: &guard::eval::TriageScores,
    n_phi: usize,
    dir: &Path,
) -> anyhow::Result<()> {
    writeln!(
        out,
        "PHI spans ({}, {n_phi} posts; any-overlap, same kind)",
        dir.join("phi.jsonl").display()
    )?;
    writeln!(
        out,
        "  {:<16} {:>6} {:>6} {:>6} {:>8} {:>8}",
        "kind", "P", "R", "F1", "gold", "pred"
    )?;
    for (kind, p) in &phi.per_kind {
        prf_row(out, kind.as_str(), p)?;
    }
    prf_row(out, "ALL (micro)", &phi.overall)?;
    writeln!(
        out,
        "  patient-span recall (kind and whose=patient): {:.3}",
        phi.patient_span_recall
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "Verdicts: block recall {:.3} ({}/{} must-block posts blocked), false-block rate {:.3} ({}/{} clean posts blocked)",
        phi.block_recall, phi.must_block_blocked, phi.must_block, phi.false_block_rate, phi.clean_blocked, phi.clean
    )?;
    writeln!(out)?;
    writeln!(out, "Triage ({} comments)", triage.cases)?;
    writeln!(
        out,
        "  {:<16} {:>6} {:>6} {:>6} {:>8} {:>8}",
        "label", "P", "R", "F1", "gold", "pred"
    )?;
    for (label, p) in &triage.per_label {
        prf_row(out, &name(label), p)?;
    }
    writeln!(
        out,
        "  macro-F1 {:.3}   exact-match {:.3}",
        triage.macro_f1, triage.exact_match
    )?;
    Ok(())
}

fn clip(text: &str) -> String {
    let one_line = text.replace('\n', " ");
    if one_line.chars().count() > 160 {
        let cut: String = one_line.chars().take(157).collect();
        format!("{cut}...")
    } else {
        one_line
    }
}

fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect()
}

fn write_errors(
    out: &mut String,
    limit: usize,
    phi_cases: &[(usize, PhiCase)],
    gold: &[Vec<GoldSpan>],
    reports: &[ScanReport],
    tri_cases: &[(usize, TriageCase)],
    predicted: &[Vec<Label>],
) -> anyhow::Result<()> {
    let patient_gold = |g: &[GoldSpan]| g.iter().any(|s| s.whose == Whose::Patient);
    writeln!(out, "\nMissed blocks (must block, guard passed):")?;
    let misses = phi_cases
        .iter()
        .zip(gold)
        .zip(reports)
        .filter(|((_, g), r)| patient_gold(g) && r.verdict == Verdict::Pass);
    for (((_, case), g), r) in misses.take(limit) {
        writeln!(out, "  {}: {}", case.id, clip(&case.text))?;
        for s in span_diff(g, &r.findings)
            .missed
            .iter()
            .filter(|s| s.whose == Whose::Patient)
        {
            writeln!(
                out,
                "      missed {} {:?}",
                s.kind.as_str(),
                slice(&case.text, s.start, s.end)
            )?;
        }
    }
    writeln!(out, "\nFalse blocks (clean, guard blocked):")?;
    let false_blocks = phi_cases
        .iter()
        .zip(gold)
        .zip(reports)
        .filter(|((_, g), r)| !patient_gold(g) && r.verdict == Verdict::Block);
    for (((_, case), _), r) in false_blocks.take(limit) {
        writeln!(out, "  {}: {}", case.id, clip(&case.text))?;
        for f in r.patient_findings() {
            writeln!(
                out,
                "      patient {} {:?} ({})",
                f.kind.as_str(),
                f.text,
                f.reason
            )?;
        }
    }
    writeln!(
        out,
        "\nSpan errors (missed or spurious identifiers, any owner):"
    )?;
    let span_errors = phi_cases
        .iter()
        .zip(gold)
        .zip(reports)
        .map(|(((_, c), g), r)| (c, span_diff(g, &r.findings)))
        .filter(|(_, d)| !d.missed.is_empty() || !d.spurious.is_empty());
    for (case, d) in span_errors.take(limit) {
        writeln!(out, "  {}: {}", case.id, clip(&case.text))?;
        for s in &d.missed {
            writeln!(
                out,
                "      missed   {} {:?}",
                s.kind.as_str(),
                slice(&case.text, s.start, s.end)
            )?;
        }
        for f in &d.spurious {
            writeln!(
                out,
                "      spurious {} {:?} ({})",
                f.kind.as_str(),
                f.text,
                f.reason
            )?;
        }
    }
    writeln!(out, "\nTriage errors:")?;
    let triage_errors = tri_cases.iter().zip(predicted).filter_map(|((_, c), p)| {
        let missing: Vec<String> = c
            .labels
            .iter()
            .filter(|l| !p.contains(l))
            .map(name)
            .collect();
        let extra: Vec<String> = p
            .iter()
            .filter(|l| !c.labels.contains(l))
            .map(name)
            .collect();
        (!missing.is_empty() || !extra.is_empty()).then_some((c, missing, extra))
    });
    for (case, missing, extra) in triage_errors.take(limit) {
        writeln!(
            out,
            "  {}: {}\n      missing [{}] extra [{}]",
            case.id,
            clip(&case.text),
            missing.join(", "),
            extra.join(", ")
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clip_keeps_short_text_and_cuts_long_text() {
        assert_eq!(clip("a\nb"), "a b");
        let long = "é".repeat(200);
        assert_eq!(clip(&long).chars().count(), 160);
    }

    #[test]
    fn slice_is_by_code_point() {
        assert_eq!(slice("🎉 Lucía", 2, 7), "Lucía");
    }

    #[test]
    fn label_names_come_from_serde() {
        assert_eq!(name(&Label::AdviceRequest), "advice_request");
    }

    #[test]
    fn unknown_profile_is_a_data_error() {
        let dir = std::env::temp_dir().join(format!("carepost-eval-unit-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("profiles")).unwrap();
        std::fs::write(dir.join("profiles/a.toml"), "name = \"A\"\n").unwrap();
        std::fs::write(
            dir.join("phi.jsonl"),
            "{\"id\":\"1\",\"text\":\"hi\",\"profile\":\"b\"}\n",
        )
        .unwrap();
        std::fs::write(dir.join("triage.jsonl"), "").unwrap();
        let err = evaluate(&EvalArgs {
            dir: dir.clone(),
            json: false,
            show_errors: 0,
        })
        .unwrap_err();
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(err.downcast_ref::<DataError>().is_some());
        assert!(
            err.to_string()
                .contains("phi.jsonl:1: unknown profile \"b\""),
            "{err}"
        );
    }
}
