//! `nomo cox`: a Cox proportional-hazards model with hazard ratios and CIs, the LR, Wald and
//! score tests and the concordance. Parsing and printing only: the model is
//! `nomo_survival::cox_fit`; categorical covariates enter in R's treatment coding (from
//! `nomo-ingest`).

use nomo_ingest::AnalysisSpec;
use nomo_survival::{CoxFit, CoxOptions, Ties, cox_fit};

use crate::flags::{
    DataArgs, SurvivalArgs, complete_cases, load_table, notice, print_json, survival_data,
};

/// Tie handling on the command line.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum TiesArg {
    /// Efron's approximation (R's default).
    Efron,
    /// Breslow's approximation.
    Breslow,
}

/// Arguments of `nomo cox`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub survival: SurvivalArgs,
    /// Covariate columns, comma-separated.
    #[arg(long, value_name = "A,B,...", value_delimiter = ',', required = true)]
    pub covariates: Vec<String>,
    /// Handling of tied event times.
    #[arg(long, value_enum, default_value = "efron")]
    pub ties: TiesArg,
    /// Print the result as JSON on stdout.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &Args, global: &crate::Global) -> anyhow::Result<()> {
    let table = load_table(&args.data, global)?;
    let data = complete_cases(
        &table,
        &AnalysisSpec {
            survival: Some(args.survival.outcome()),
            predictors: args.covariates.clone(),
            ..AnalysisSpec::default()
        },
        global,
    )?;
    let surv = survival_data(&data)?;
    let names: Vec<String> = data.terms.iter().map(|t| t.name.clone()).collect();
    let columns: Vec<&[f64]> = data.terms.iter().map(|t| t.values.as_slice()).collect();
    let options = CoxOptions {
        ties: match args.ties {
            TiesArg::Efron => Ties::Efron,
            TiesArg::Breslow => Ties::Breslow,
        },
        ..CoxOptions::default()
    };
    let fit = cox_fit(&surv, &names, &columns, &options)?;
    for w in &fit.warnings {
        notice(global, format!("warning: {w}"));
    }
    if args.json {
        return print_json(&fit);
    }
    print!("{}", render(&fit));
    Ok(())
}

fn num(x: Option<f64>) -> String {
    x.map_or_else(|| "NA".to_string(), |v| format!("{v:.4}"))
}

fn render(fit: &CoxFit) -> String {
    let mut s = format!(
        "Cox model ({:?} ties): n = {}, events = {}\n\n",
        fit.ties, fit.n, fit.n_events
    );
    s.push_str(&format!(
        "{:<20} {:>9} {:>9} {:>9} {:>8} {:>10} {:>9} {:>9}\n",
        "term", "coef", "HR", "se", "z", "p", "lower95", "upper95"
    ));
    for c in &fit.coefficients {
        s.push_str(&format!(
            "{:<20} {:>9} {:>9} {:>9} {:>8} {:>10} {:>9} {:>9}\n",
            c.term,
            num(c.coef),
            num(c.hr),
            num(c.se),
            num(c.z),
            c.p.map_or_else(|| "NA".to_string(), |p| format!("{p:.3e}")),
            num(c.hr_lower),
            num(c.hr_upper)
        ));
    }
    s.push_str(&format!(
        "\nConcordance = {:.4} (se = {:.4})\n",
        fit.concordance, fit.concordance_se
    ));
    for (name, t) in [
        ("Likelihood ratio", fit.lr_test),
        ("Wald", fit.wald_test),
        ("Score (logrank)", fit.score_test),
    ] {
        s.push_str(&format!(
            "{name:<17} test = {:.4} on {} df, p = {:.3e}\n",
            t.chisq, t.df, t.p
        ));
    }
    s
}
