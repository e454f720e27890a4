// SCAFFOLD (replaced by the evaluation work).
use std::process::ExitCode;
#[derive(clap::Args)]
pub struct EvalArgs {}
pub fn run(_a: EvalArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not built yet")
}
