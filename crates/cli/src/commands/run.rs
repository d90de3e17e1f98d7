//! `nomo run analysis.toml`: the whole workflow of an analysis spec (see `docs/spec.md`),
//! written to `reports/<name>/` (or `--out`): tables as CSV/JSON/Markdown, each step's JSON,
//! figures as SVG and PNG, `report.html`, `model.json` and `run.log`.

use std::path::PathBuf;

use nomo_workflow::{LoadedSpec, RunOptions, run as run_workflow, write::write_report};

use crate::flags::{notice, print_json};

/// Arguments of `nomo run`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The analysis spec (TOML).
    pub spec: PathBuf,
    /// Report folder (default `reports/<name>` under the current directory).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Overrides the spec's base seed.
    #[arg(long)]
    pub seed: Option<u64>,
    /// Also print the report as JSON on stdout.
    #[arg(long)]
    pub json: bool,
}

/// Runs `nomo run`.
pub fn run(args: &Args, global: &crate::Global) -> anyhow::Result<()> {
    let loaded = LoadedSpec::from_file(&args.spec)?;
    let result = run_workflow(&loaded, &RunOptions { seed: args.seed })?;
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from("reports").join(&loaded.spec.name));
    let written = write_report(&result, &out)?;
    for e in &result.log {
        notice(global, format!("{}: {}", e.step, e.detail));
    }
    for e in &written.figure_errors {
        notice(global, format!("figure not drawn: {e}"));
    }
    notice(
        global,
        format!("wrote {} files to {}", written.files.len(), out.display()),
    );
    if args.json {
        print_json(&result.report)?;
    }
    Ok(())
}
