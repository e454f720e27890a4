// SCAFFOLD (replaced by the PHI detector work).
use std::process::ExitCode;
#[derive(clap::Args)]
pub struct ScanArgs {}
#[derive(clap::Args)]
pub struct ClassifyArgs {}
pub fn scan(_a: ScanArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not built yet")
}
pub fn classify(_a: ClassifyArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not built yet")
}
