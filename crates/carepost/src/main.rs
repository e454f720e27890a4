//! The `carepost` command: runs the desk and the guard's command-line tools.

mod eval;
mod guard_cli;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "carepost", version, about = "A HIPAA-aware social media desk for hospitals and clinics")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Scan drafts (JSON Lines) for patient identifiers before they are published.
    Scan(guard_cli::ScanArgs),
    /// Triage comments and messages (JSON Lines) into labels, with a compliant reply draft.
    Classify(guard_cli::ClassifyArgs),
    /// Measure the guard on the labelled evaluation sets in `eval/`.
    Eval(eval::EvalArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Scan(args) => guard_cli::scan(args),
        Command::Classify(args) => guard_cli::classify(args),
        Command::Eval(args) => eval::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}
