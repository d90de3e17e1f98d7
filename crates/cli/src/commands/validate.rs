//! `nomo validate --model model.json --data external.csv`: external validation of a frozen
//! model without refitting — AUC with DeLong CI (ROC direction fixed from training: higher
//! probability = event), calibration-in-the-large, calibration intercept and slope, Brier,
//! Hosmer–Lemeshow, decision curve and risk-group Kaplan–Meier on the new cohort. The model
//! carries its outcome, so no outcome flags are needed.

use std::path::PathBuf;

use nomo_workflow::{FrozenModel, validate, write::write_validation};

use crate::flags::{notice, print_json};

/// Arguments of `nomo validate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The frozen model (`model.json` of a `nomo run` report).
    #[arg(long, value_name = "FILE")]
    pub model: PathBuf,
    /// The external cohort.
    #[arg(long, value_name = "FILE")]
    pub data: PathBuf,
    /// Write the validation report (JSON included) into this folder.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Print the result as JSON on stdout.
    #[arg(long)]
    pub json: bool,
}

/// Runs `nomo validate`.
pub fn run(args: &Args, global: &crate::Global) -> anyhow::Result<()> {
    let model = FrozenModel::read(&args.model)?;
    let table = nomo_ingest::read_table(&args.data, &model.read_options())?;
    let v = validate(&model, table)?;
    notice(
        global,
        format!(
            "{}: {} of {} rows used ({} events); AUC {:.3}; calibration slope {:.3}",
            v.data_file, v.n_used, v.n_rows, v.events, v.roc.auc, v.val_prob.slope
        ),
    );
    if let Some(dir) = &args.out {
        let files = write_validation(&v, dir)?;
        notice(
            global,
            format!("wrote {} files to {}", files.len(), dir.display()),
        );
    }
    if args.json || args.out.is_none() {
        print_json(&v)?;
    }
    Ok(())
}
