//! `carepost scan` and `carepost classify`: the guard over JSON Lines, streaming.
//!
//! Input: one `{"id": ..., "text": "..."}` per line (a file, or stdin). Output: one JSON line
//! per input record, in order. A bad line (not JSON, no `text`) is reported on stderr with its
//! line number, the other lines are still processed, and the exit code is 1 at the end.
//! Invalid UTF-8 is replaced (U+FFFD) line by line; blank lines are skipped.

use anyhow::Context as _;
use guard::{Finding, Guard, OrgProfile, Verdict, Whose};
use serde::Serialize;
use serde_json::Value;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct ScanArgs {
    /// Organisation profile: TOML (or JSON when the file ends in .json) with name, phones,
    /// websites, emails, handles, addresses, staff.
    #[arg(long, value_name = "PROFILE")]
    pub org: Option<PathBuf>,
    /// Scan this text and print a human-readable report instead of reading JSON Lines.
    #[arg(long, conflicts_with = "input")]
    pub text: Option<String>,
    /// JSON Lines file with {"id", "text"} per line; stdin when absent.
    pub input: Option<PathBuf>,
}

#[derive(clap::Args)]
pub struct ClassifyArgs {
    /// Organisation profile (TOML, or JSON when the file ends in .json).
    #[arg(long, value_name = "PROFILE")]
    pub org: Option<PathBuf>,
    /// JSON Lines file with {"id", "text"} per line; stdin when absent.
    pub input: Option<PathBuf>,
}

pub fn scan(args: ScanArgs) -> anyhow::Result<ExitCode> {
    let guard = Guard::new(load_profile(args.org.as_deref())?);
    if let Some(text) = args.text {
        let stdout = io::stdout();
        let color = stdout.is_terminal();
        let mut out = BufWriter::new(stdout.lock());
        write_report(&mut out, &text, &guard, color)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    #[derive(Serialize)]
    struct Line<'a> {
        id: &'a Value,
        verdict: Verdict,
        findings: &'a [Finding],
    }
    each_line(args.input.as_deref(), |id, text, out| {
        let report = guard.scan(text);
        serde_json::to_writer(
            &mut *out,
            &Line {
                id,
                verdict: report.verdict,
                findings: &report.findings,
            },
        )?;
        Ok(())
    })
}

pub fn classify(args: ClassifyArgs) -> anyhow::Result<ExitCode> {
    let guard = Guard::new(load_profile(args.org.as_deref())?);
    #[derive(Serialize)]
    struct Line<'a> {
        id: &'a Value,
        #[serde(flatten)]
        triage: &'a guard::Triage,
    }
    each_line(args.input.as_deref(), |id, text, out| {
        let triage = guard.classify(text);
        serde_json::to_writer(
            &mut *out,
            &Line {
                id,
                triage: &triage,
            },
        )?;
        Ok(())
    })
}

fn load_profile(path: Option<&Path>) -> anyhow::Result<OrgProfile> {
    let Some(path) = path else {
        return Ok(OrgProfile::default());
    };
    let raw = std::fs::read_to_string(path)
        .with_context(|| format!("reading profile {}", path.display()))?;
    let profile = if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
    {
        serde_json::from_str(&raw).with_context(|| format!("parsing profile {}", path.display()))?
    } else {
        toml::from_str(&raw).with_context(|| format!("parsing profile {}", path.display()))?
    };
    Ok(profile)
}

/// Runs `handle` on every record of the input, writing one output line each; bad lines are
/// reported on stderr and turn the exit code to 1.
fn each_line(
    input: Option<&Path>,
    mut handle: impl FnMut(&Value, &str, &mut dyn Write) -> anyhow::Result<()>,
) -> anyhow::Result<ExitCode> {
    let reader: Box<dyn Read> = match input {
        Some(p) => Box::new(File::open(p).with_context(|| format!("opening {}", p.display()))?),
        None => Box::new(io::stdin().lock()),
    };
    let mut reader = BufReader::with_capacity(64 * 1024, reader);
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(64 * 1024, stdout.lock());
    let stderr = io::stderr();
    let mut buf = Vec::new();
    let mut line_no = 0usize;
    let mut bad = 0usize;
    loop {
        buf.clear();
        if reader
            .read_until(b'\n', &mut buf)
            .context("reading input")?
            == 0
        {
            break;
        }
        line_no += 1;
        let line = String::from_utf8_lossy(&buf);
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let record = match parse_record(line) {
            Ok(r) => r,
            Err(msg) => {
                bad += 1;
                let _ = writeln!(stderr.lock(), "line {line_no}: {msg}");
                continue;
            }
        };
        handle(&record.0, &record.1, &mut out)?;
        out.write_all(b"\n").context("writing output")?;
    }
    out.flush().context("writing output")?;
    if bad > 0 {
        let _ = writeln!(stderr.lock(), "{bad} bad line(s) of {line_no}");
        Ok(ExitCode::from(1))
    } else {
        Ok(ExitCode::SUCCESS)
    }
}

fn parse_record(line: &str) -> Result<(Value, String), String> {
    let mut v: Value = serde_json::from_str(line).map_err(|e| format!("not valid JSON: {e}"))?;
    let Value::Object(map) = &mut v else {
        return Err("expected a JSON object with \"text\"".into());
    };
    let text = match map.remove("text") {
        Some(Value::String(s)) => s,
        Some(_) => return Err("\"text\" must be a string".into()),
        None => return Err("missing \"text\"".into()),
    };
    let id = map.remove("id").unwrap_or(Value::Null);
    Ok((id, text))
}

fn write_report(out: &mut impl Write, text: &str, guard: &Guard, color: bool) -> io::Result<()> {
    let report = guard.scan(text);
    let verdict = match report.verdict {
        Verdict::Block => "BLOCK: patient identifiers found",
        Verdict::Pass => "PASS: no patient identifiers",
    };
    if color {
        let c = if report.verdict == Verdict::Block {
            "\x1b[1;31m"
        } else {
            "\x1b[1;32m"
        };
        writeln!(out, "{c}{verdict}\x1b[0m")?;
    } else {
        writeln!(out, "{verdict}")?;
    }
    writeln!(out)?;
    // The text with each finding marked: colours on a terminal, [[brackets]] otherwise.
    let mut chars = text.chars();
    let mut pos = 0usize;
    let mut marked = String::with_capacity(text.len() + 32);
    for f in &report.findings {
        marked.extend(chars.by_ref().take(f.start.saturating_sub(pos)));
        let inner: String = chars.by_ref().take(f.end - f.start).collect();
        pos = f.end;
        if color {
            let (o, c) = ansi(f.whose);
            marked.push_str(o);
            marked.push_str(&inner);
            marked.push_str(c);
        } else {
            marked.push_str("[[");
            marked.push_str(&inner);
            marked.push_str("]]");
        }
    }
    marked.extend(chars);
    writeln!(out, "  {marked}")?;
    writeln!(out)?;
    if report.findings.is_empty() {
        writeln!(out, "No identifiers found.")?;
    }
    for f in &report.findings {
        let whose = match f.whose {
            Whose::Patient => "patient",
            Whose::Staff => "staff",
            Whose::Organization => "organization",
        };
        writeln!(
            out,
            "  {:<15} {:<13} {:>5}-{:<5} {:?}  {}",
            f.kind.as_str(),
            whose,
            f.start,
            f.end,
            f.text,
            f.reason
        )?;
    }
    Ok(())
}

fn ansi(w: Whose) -> (&'static str, &'static str) {
    match w {
        Whose::Patient => ("\x1b[1;41;97m", "\x1b[0m"),
        Whose::Staff => ("\x1b[1;43;30m", "\x1b[0m"),
        Whose::Organization => ("\x1b[1;42;30m", "\x1b[0m"),
    }
}
