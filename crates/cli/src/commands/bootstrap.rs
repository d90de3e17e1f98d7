//! `nomo bootstrap`: Harrell's bootstrap internal validation of a logistic model
//! (`nomo_calibration::bootstrap_validate` refitting `nomo_logistic`): optimism-corrected indices
//! as `rms::validate` and the bias-corrected calibration curve as `rms::calibrate`. A progress
//! bar goes to stderr unless `--quiet`.

use indicatif::{ProgressBar, ProgressStyle};
use nomo_calibration::{BootstrapParams, BootstrapValidation, LogisticRefit, bootstrap_validate};
use nomo_ingest::AnalysisSpec;
use nomo_logistic::{Design, LogisticParams};
use serde::Serialize;

use crate::flags::{BinaryOutcomeArgs, DataArgs, complete_cases, load_table, notice, print_json};

/// Arguments of `nomo bootstrap`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub outcome: BinaryOutcomeArgs,
    /// Predictor columns, comma-separated (categorical columns enter as R's treatment dummies).
    #[arg(long, value_name = "A,B,C", value_delimiter = ',', required = true)]
    pub predictors: Vec<String>,
    /// Number of bootstrap resamples B.
    #[arg(long, default_value_t = 1000)]
    pub resamples: usize,
    /// Seed of the resampling.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Print the result as JSON on stdout.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Serialize)]
struct Output<'a> {
    #[serde(flatten)]
    validation: &'a BootstrapValidation,
    terms: Vec<String>,
    n_used: usize,
    n_dropped: usize,
}

pub fn run(args: &Args, global: &crate::Global) -> anyhow::Result<()> {
    let table = load_table(&args.data, global)?;
    let data = complete_cases(
        &table,
        &AnalysisSpec {
            binary: Some(args.outcome.outcome()),
            survival: None,
            predictors: args.predictors.clone(),
            group: None,
        },
        global,
    )?;
    let y = data
        .y
        .as_deref()
        .ok_or_else(|| anyhow::anyhow!("no binary outcome"))?;
    let design = Design::with_variables(
        data.terms.iter().map(|t| t.name.clone()).collect(),
        data.terms.iter().map(|t| t.column.clone()).collect(),
        data.terms.iter().map(|t| t.values.clone()).collect(),
    );
    let procedure = LogisticRefit::new(&design, y, LogisticParams::default());
    let bar = if global.quiet {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(args.resamples as u64)
    };
    if let Ok(style) = ProgressStyle::with_template("bootstrap {bar:40} {pos}/{len} resamples") {
        bar.set_style(style);
    }
    let tick = |_done: usize| bar.inc(1);
    let params = BootstrapParams {
        resamples: args.resamples,
        seed: args.seed,
    };
    let validation = bootstrap_validate(&procedure, y, &params, Some(&tick))?;
    bar.finish_and_clear();
    if validation.successful < validation.resamples {
        notice(
            global,
            format!(
                "{} of {} resamples failed to fit and were skipped",
                validation.resamples - validation.successful,
                validation.resamples
            ),
        );
    }
    let out = Output {
        validation: &validation,
        terms: design.names.clone(),
        n_used: data.n_used,
        n_dropped: data.n_dropped,
    };
    if args.json {
        return print_json(&out);
    }
    print!("{}", render(&validation));
    Ok(())
}

fn opt(v: Option<f64>) -> String {
    v.map_or_else(|| "—".into(), |x| format!("{x:.4}"))
}

fn render(v: &BootstrapValidation) -> String {
    let mut s = format!(
        "Bootstrap validation: B = {} ({} successful), seed {}\n",
        v.resamples, v.successful, v.seed
    );
    s.push_str(&format!(
        "{:>10} {:>9} {:>9} {:>9} {:>9} {:>10}\n",
        "index", "apparent", "training", "test", "optimism", "corrected"
    ));
    for i in &v.indices {
        s.push_str(&format!(
            "{:>10} {:>9.4} {:>9} {:>9} {:>9} {:>10}\n",
            i.name,
            i.apparent,
            opt(i.training),
            opt(i.test),
            opt(i.optimism),
            opt(i.corrected)
        ));
    }
    s.push_str(&format!(
        "Bias-corrected calibration: mean |error| {}, 0.9 quantile of |error| {}\n",
        opt(v.calibration.mean_absolute_error),
        opt(v.calibration.quantile90_absolute_error)
    ));
    s
}
