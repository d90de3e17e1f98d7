//! `nomo dca`: decision curves of one or more probability columns (`nomo_dca::decision_curve`),
//! optionally with stratified bootstrap CIs for net benefit and pairwise differences
//! (`--resamples`). Complete cases over the outcome and every `--prob` column.

use nomo_dca::{
    DecisionCurve, ModelInput, NbBootstrapParams, NbIntervals, decision_curve, default_thresholds,
    net_benefit_intervals, parse_grid,
};
use nomo_ingest::AnalysisSpec;
use serde::Serialize;

use crate::flags::{BinaryOutcomeArgs, DataArgs, complete_cases, load_table, print_json};

/// Arguments of `nomo dca`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub outcome: BinaryOutcomeArgs,
    /// Column of predicted probabilities (repeatable: one decision curve per column).
    #[arg(long, value_name = "COL", required = true)]
    pub prob: Vec<String>,
    /// Threshold grid `from:to:by` (`to` included); default 0.01:0.99:0.01.
    #[arg(long, value_name = "FROM:TO:BY")]
    pub thresholds: Option<String>,
    /// Harm subtracted from every model's net benefit.
    #[arg(long, default_value_t = 0.0)]
    pub harm: f64,
    /// Stratified bootstrap resamples for 95% CIs of net benefit (0: none).
    #[arg(long, default_value_t = 0)]
    pub resamples: usize,
    /// Seed of the bootstrap.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Print the result as JSON on stdout.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Serialize)]
struct Output<'a> {
    #[serde(flatten)]
    curve: &'a DecisionCurve,
    #[serde(skip_serializing_if = "Option::is_none")]
    intervals: Option<&'a NbIntervals>,
    n_dropped: usize,
}

pub fn run(args: &Args, global: &crate::Global) -> anyhow::Result<()> {
    let thresholds = match &args.thresholds {
        Some(spec) => parse_grid(spec)?,
        None => default_thresholds(),
    };
    let table = load_table(&args.data, global)?;
    let data = complete_cases(
        &table,
        &AnalysisSpec {
            binary: Some(args.outcome.outcome()),
            survival: None,
            predictors: args.prob.clone(),
            group: None,
        },
        global,
    )?;
    let y = data
        .y
        .as_deref()
        .ok_or_else(|| anyhow::anyhow!("no binary outcome"))?;
    if data.terms.len() != args.prob.len() {
        anyhow::bail!("every --prob column must be numeric");
    }
    let models: Vec<ModelInput<'_>> = data
        .terms
        .iter()
        .map(|t| ModelInput {
            name: &t.column,
            probs: &t.values,
            harm: args.harm,
        })
        .collect();
    let curve = decision_curve(y, &models, &thresholds)?;
    let intervals = if args.resamples > 0 {
        Some(net_benefit_intervals(
            y,
            &models,
            &thresholds,
            &NbBootstrapParams {
                resamples: args.resamples,
                seed: args.seed,
                level: 0.95,
            },
        )?)
    } else {
        None
    };
    let out = Output {
        curve: &curve,
        intervals: intervals.as_ref(),
        n_dropped: data.n_dropped,
    };
    if args.json {
        return print_json(&out);
    }
    print!("{}", render(&curve));
    Ok(())
}

fn render(c: &DecisionCurve) -> String {
    let mut s = format!(
        "Decision curve: n = {}, prevalence {:.4} (net benefit; treated when p ≥ threshold)\n",
        c.n, c.prevalence
    );
    s.push_str(&format!(
        "{:>9} {:>10} {:>10}",
        "threshold", "treat all", "treat none"
    ));
    for m in &c.models {
        s.push_str(&format!(" {:>12}", m.name));
    }
    s.push('\n');
    for (k, t) in c.thresholds.iter().enumerate() {
        s.push_str(&format!(
            "{:>9.3} {:>10.4} {:>10.4}",
            t, c.treat_all[k], c.treat_none[k]
        ));
        for m in &c.models {
            s.push_str(&format!(" {:>12.4}", m.net_benefit[k]));
        }
        s.push('\n');
    }
    s
}
