//! `nomo score --model model.json --data new.csv`: the frozen model applied to a new cohort —
//! linear predictor, probability with its 95% CI, nomogram total points and risk group per
//! patient, as CSV (`--out`, or stdout) or JSON (`--json`). Rows with a missing input are left
//! out and counted on stderr.

use std::path::PathBuf;

use anyhow::Context;
use nomo_workflow::FrozenModel;

use crate::flags::{notice, print_json};

/// Arguments of `nomo score`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The frozen model (`model.json` of a `nomo run` report).
    #[arg(long, value_name = "FILE")]
    pub model: PathBuf,
    /// The new cohort.
    #[arg(long, value_name = "FILE")]
    pub data: PathBuf,
    /// Patient id column copied into the output.
    #[arg(long, value_name = "COL")]
    pub id: Option<String>,
    /// Write the scores as CSV here (default: stdout).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Print the scores as JSON on stdout.
    #[arg(long)]
    pub json: bool,
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Runs `nomo score`.
pub fn run(args: &Args, global: &crate::Global) -> anyhow::Result<()> {
    let model = FrozenModel::read(&args.model)?;
    let mut table = nomo_ingest::read_table(&args.data, &model.read_options())?;
    model.derive(&mut table)?;
    let scored = model.score(&table, args.id.as_deref())?;
    let dropped = table.n_rows() - scored.len();
    if dropped > 0 {
        notice(
            global,
            format!("{dropped} rows not scored: a model input is missing"),
        );
    }
    if args.json {
        return print_json(&scored);
    }
    let mut text = String::from(
        "row,id,linear_predictor,probability,probability_lower,probability_upper,total_points,risk_group\n",
    );
    for s in &scored {
        text.push_str(&format!(
            "{},{},{},{},{},{},{},{}\n",
            s.row,
            csv_field(s.id.as_deref().unwrap_or("")),
            s.linear_predictor,
            s.probability,
            s.probability_lower,
            s.probability_upper,
            s.total_points,
            s.risk_group.as_deref().unwrap_or("")
        ));
    }
    match &args.out {
        Some(p) => {
            std::fs::write(p, text).with_context(|| format!("writing {}", p.display()))?;
            notice(
                global,
                format!("scored {} rows into {}", scored.len(), p.display()),
            );
        }
        None => print!("{text}"),
    }
    Ok(())
}
