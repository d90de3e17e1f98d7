//! `nomo logistic`: a binary logistic model with its odds-ratio table (Wald and exact
//! profile-likelihood CIs), fit statistics, drop1 LR tests and VIFs; optionally selected
//! stepwise (R's `step` by AIC/BIC, or SPSS's p-value rule) or fitted by Firth's penalised
//! likelihood. Parsing and printing only: the statistics are `nomo_logistic`.

use anyhow::Context;
use nomo_ingest::AnalysisSpec;
use nomo_logistic::{
    Criterion, Design, Direction, LogisticFit, LogisticParams, StepwiseParams, drop1, stepwise,
};
use serde_json::{Value, json};

use crate::flags::{BinaryOutcomeArgs, DataArgs, complete_cases, load_table, notice, print_json};

/// Stepwise direction on the command line.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum DirectionArg {
    Both,
    Forward,
    Backward,
}

/// Stepwise criterion on the command line.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum CriterionArg {
    /// R's step with AIC (k = 2).
    Aic,
    /// R's step with BIC (k = log n).
    Bic,
    /// SPSS: entry by score test p < 0.05, removal by LR test p > 0.10.
    P,
}

/// Arguments of `nomo logistic`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub outcome: BinaryOutcomeArgs,
    /// Predictor columns, comma-separated (text columns enter as treatment dummies).
    #[arg(long, value_name = "A,B,...", value_delimiter = ',', required = true)]
    pub predictors: Vec<String>,
    /// Select the predictors stepwise (the listed ones are the scope).
    #[arg(long, value_enum, value_name = "DIRECTION")]
    pub stepwise: Option<DirectionArg>,
    /// Stepwise criterion.
    #[arg(long, value_enum, default_value = "aic")]
    pub criterion: CriterionArg,
    /// Firth's penalised likelihood (remedy for separation; profile penalised-likelihood CIs).
    #[arg(long)]
    pub firth: bool,
    /// IRLS convergence tolerance ε of R's rule |Δdev|/(|dev| + 0.1) < ε.
    #[arg(long, default_value_t = 1e-10)]
    pub epsilon: f64,
    /// Maximum IRLS iterations.
    #[arg(long, default_value_t = 25)]
    pub max_iter: usize,
    /// Print the result as JSON on stdout.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &Args, global: &crate::Global) -> anyhow::Result<()> {
    let table = load_table(&args.data, global)?;
    let data = complete_cases(
        &table,
        &AnalysisSpec {
            binary: Some(args.outcome.outcome()),
            predictors: args.predictors.clone(),
            ..AnalysisSpec::default()
        },
        global,
    )?;
    let y = data.y.as_deref().context("no binary outcome")?;
    let design = Design::with_variables(
        data.terms.iter().map(|t| t.name.clone()).collect(),
        data.terms.iter().map(|t| t.column.clone()).collect(),
        data.terms.iter().map(|t| t.values.clone()).collect(),
    );
    let params = LogisticParams {
        max_iter: args.max_iter,
        epsilon: args.epsilon,
        profile: true,
        firth: args.firth,
    };
    let (fit, selected_design, step_json) = match args.stepwise {
        None => (params.fit(&design, y)?, design, Value::Null),
        Some(direction) => {
            let sp = StepwiseParams {
                direction: match direction {
                    DirectionArg::Both => Direction::Both,
                    DirectionArg::Forward => Direction::Forward,
                    DirectionArg::Backward => Direction::Backward,
                },
                criterion: match args.criterion {
                    CriterionArg::Aic => Criterion::Aic,
                    CriterionArg::Bic => Criterion::Bic,
                    CriterionArg::P => Criterion::P,
                },
                fit: params.clone(),
                ..StepwiseParams::default()
            };
            let res = stepwise(&sp, &design, y)?;
            let chosen = design.select_variables(&res.selected)?;
            let step_json = json!({
                "direction": res.direction,
                "criterion": res.criterion,
                "k": res.k,
                "start": res.start,
                "selected": res.selected,
                "steps": res.steps,
            });
            (res.fit, chosen, step_json)
        }
    };
    let drop = if selected_design.n_terms() > 0 {
        Some(drop1(&params, &selected_design, y)?)
    } else {
        None
    };
    let vif = if selected_design.n_terms() > 1 {
        Some(fit.vif()?)
    } else {
        None
    };
    let mut warnings = fit.warnings.clone();
    if data.n_dropped > 0 {
        warnings.push(data.summary());
    }
    for w in &fit.warnings {
        notice(global, format!("warning: {w}"));
    }
    let mut out = serde_json::to_value(&fit)?;
    let obj = out.as_object_mut().context("fit is an object")?;
    obj.insert("n_used".into(), json!(data.n_used));
    obj.insert("n_dropped".into(), json!(data.n_dropped));
    obj.insert("excluded".into(), serde_json::to_value(&data.excluded)?);
    obj.insert("warnings".into(), json!(warnings));
    obj.insert("drop1".into(), serde_json::to_value(&drop)?);
    obj.insert("vif".into(), serde_json::to_value(&vif)?);
    obj.insert("stepwise".into(), step_json.clone());
    if args.json {
        return print_json(&out);
    }
    print!("{}", render(&fit, &step_json, data.n_used));
    Ok(())
}

fn num(x: f64) -> String {
    if x.is_finite() {
        if x != 0.0 && (x.abs() >= 1e5 || x.abs() < 1e-3) {
            format!("{x:.3e}")
        } else {
            format!("{x:.4}")
        }
    } else {
        "NA".into()
    }
}

fn opt(x: Option<f64>) -> String {
    x.map_or_else(|| "NA".to_string(), num)
}

fn render(fit: &LogisticFit, step: &Value, n_used: usize) -> String {
    let mut s = String::new();
    if let Some(sel) = step.get("selected") {
        s.push_str(&format!(
            "Stepwise ({}, {}): selected {}\n",
            step["direction"].as_str().unwrap_or(""),
            step["criterion"].as_str().unwrap_or(""),
            sel
        ));
        if let Some(steps) = step["steps"].as_array() {
            for st in steps {
                s.push_str(&format!("  {}\n", st["action"].as_str().unwrap_or("")));
            }
        }
        s.push('\n');
    }
    s.push_str(&format!(
        "Logistic regression ({}): n = {n_used}, events = {}\n\n",
        fit.method, fit.events
    ));
    s.push_str(&format!(
        "{:<20} {:>10} {:>9} {:>8} {:>10} {:>10} {:>21} {:>21}\n",
        "term", "estimate", "se", "z", "p", "OR", "Wald 95% CI", "profile 95% CI"
    ));
    for c in &fit.coefficients {
        s.push_str(&format!(
            "{:<20} {:>10} {:>9} {:>8} {:>10} {:>10} {:>21} {:>21}\n",
            c.term,
            num(c.estimate),
            num(c.std_error),
            num(c.z),
            format!("{:.3e}", c.p),
            num(c.odds_ratio),
            format!("{}–{}", num(c.or_lower), num(c.or_upper)),
            format!("{}–{}", opt(c.or_profile_lower), opt(c.or_profile_upper)),
        ));
    }
    s.push_str(&format!(
        "\nDeviance {:.4} on {} df; null deviance {:.4}; AIC {:.4}; BIC {:.4}\n",
        fit.deviance, fit.df_residual, fit.null_deviance, fit.aic, fit.bic
    ));
    s.push_str(&format!(
        "LR chi-square {:.4} on {} df, p = {}; Nagelkerke R² {:.4}\n",
        fit.lr_chisq,
        fit.lr_df,
        fit.lr_p
            .map_or_else(|| "NA".to_string(), |p| format!("{p:.3e}")),
        fit.nagelkerke_r2
    ));
    s
}
