//! The `carepost` command: runs the desk, administers it, and exposes the guard's tools.

mod config;
mod eval;
mod guard_cli;
mod ops;

use clap::{Args, Parser, Subcommand};

// Every request makes many small, short-lived allocations (JSON, the guard's tokens, SQL
// rows) on several threads; mimalloc serves them from per-thread pages where glibc's malloc
// spent a sixth of the inbox benchmark's CPU time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "carepost",
    version,
    about = "A HIPAA-aware social media desk for hospitals and clinics"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Where the configuration and the database come from (for commands that use them).
#[derive(Args, Clone, Default)]
pub struct Common {
    /// TOML configuration file (default: ./carepost.toml when present).
    #[arg(long, env = "CAREPOST_CONFIG")]
    pub config: Option<PathBuf>,
    /// Database URL: sqlite://PATH or postgres://... (overrides the configuration).
    #[arg(long)]
    pub database: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the desk (web UI, API and workers).
    Serve(ops::ServeArgs),
    /// Print the effective configuration, secrets masked.
    Config(Common),
    /// Manage administrators.
    #[command(subcommand)]
    Admin(ops::AdminCommand),
    /// Manage API tokens.
    #[command(subcommand)]
    Token(ops::TokenCommand),
    /// Check the audit log.
    #[command(subcommand)]
    Audit(ops::AuditCommand),
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
        Command::Serve(args) => ops::run(ops::serve(args)),
        Command::Config(common) => ops::print_config(&common),
        Command::Admin(cmd) => ops::run(ops::admin(cmd)),
        Command::Token(cmd) => ops::run(ops::token(cmd)),
        Command::Audit(cmd) => ops::run(ops::audit(cmd)),
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
