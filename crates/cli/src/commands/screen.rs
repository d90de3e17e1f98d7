//! `nomo screen`: the univariate logistic screen (y ~ x for each candidate, each on its own
//! complete cases): odds ratios with Wald CIs and p-values, the left half of a paper's
//! regression table. Parsing and printing only: the fits are `nomo_logistic::screen`.

use anyhow::Context;
use nomo_ingest::AnalysisSpec;
use nomo_logistic::{Design, LogisticParams, ScreenRow, screen};
use serde::Serialize;

use crate::flags::{BinaryOutcomeArgs, DataArgs, load_table, notice, print_json};

/// Arguments of `nomo screen`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub outcome: BinaryOutcomeArgs,
    /// Candidate columns, comma-separated.
    #[arg(long, value_name = "A,B,...", value_delimiter = ',', required = true)]
    pub candidates: Vec<String>,
    /// Also compute exact profile-likelihood CIs for every candidate.
    #[arg(long)]
    pub profile: bool,
    /// Print the result as JSON on stdout.
    #[arg(long)]
    pub json: bool,
}

/// The screen's output.
#[derive(Debug, Serialize)]
struct Output {
    outcome: String,
    event: String,
    rows: Vec<ScreenRow>,
    /// Rows dropped for missing values, per candidate (same order as `rows`).
    n_dropped: Vec<usize>,
}

pub fn run(args: &Args, global: &crate::Global) -> anyhow::Result<()> {
    let table = load_table(&args.data, global)?;
    let mut pairs = Vec::with_capacity(args.candidates.len());
    let mut dropped = Vec::with_capacity(args.candidates.len());
    for c in &args.candidates {
        let data = table.analysis(&AnalysisSpec {
            binary: Some(args.outcome.outcome()),
            predictors: vec![c.clone()],
            ..AnalysisSpec::default()
        })?;
        if data.n_dropped > 0 {
            notice(global, format!("{c}: {}", data.summary()));
        }
        dropped.push(data.n_dropped);
        let y = data.y.clone().context("no binary outcome")?;
        let design = Design::with_variables(
            data.terms.iter().map(|t| t.name.clone()).collect(),
            data.terms.iter().map(|t| t.column.clone()).collect(),
            data.terms.into_iter().map(|t| t.values).collect(),
        );
        pairs.push((design, y));
    }
    let params = LogisticParams {
        profile: args.profile,
        ..LogisticParams::default()
    };
    let rows = screen(&params, &pairs);
    for r in &rows {
        if let Some(e) = &r.error {
            notice(global, format!("warning: {}: {e}", r.variable));
        }
        for w in &r.warnings {
            notice(global, format!("warning: {}: {w}", r.variable));
        }
    }
    let out = Output {
        outcome: args.outcome.outcome.clone(),
        event: args.outcome.event.clone(),
        rows,
        n_dropped: dropped,
    };
    if args.json {
        return print_json(&out);
    }
    print!("{}", render(&out));
    Ok(())
}

fn render(out: &Output) -> String {
    let mut s = format!(
        "Univariate logistic screen ({} = {})\n\n{:<20} {:<24} {:>5} {:>10} {:>10} {:>23} {:>10}\n",
        out.outcome, out.event, "variable", "term", "n", "estimate", "OR", "Wald 95% CI", "p"
    );
    for r in &out.rows {
        if let Some(e) = &r.error {
            s.push_str(&format!("{:<20} not fitted: {e}\n", r.variable));
            continue;
        }
        for t in &r.terms {
            s.push_str(&format!(
                "{:<20} {:<24} {:>5} {:>10.4} {:>10.4} {:>23} {:>10.3e}\n",
                r.variable,
                t.term,
                r.n,
                t.estimate,
                t.odds_ratio,
                format!("{:.4}–{:.4}", t.or_lower, t.or_upper),
                t.p
            ));
        }
    }
    s
}
