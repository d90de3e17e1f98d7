//! `nomo agreement --data F --pair a:b [--kind icc|kappa] [--json]`: interobserver agreement
//! of two raters' columns: the six Shrout–Fleiss ICCs (`psych::ICC(lmer = FALSE)`) or Cohen's
//! kappa, unweighted, linear and quadratic (`psych::cohen.kappa`). Rows where either rating is
//! missing are left out (and counted).

use anyhow::{Context, bail};
use nomo_describe::{CohenKappa, Icc, KappaEstimate, cohen_kappa, icc};
use nomo_ingest::VariableType;
use serde::Serialize;

use crate::flags::{DataArgs, load_table, notice, print_json};

/// Arguments of `nomo agreement`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub data: DataArgs,
    /// The two raters' columns, `A:B`.
    #[arg(long, value_name = "A:B")]
    pub pair: String,
    /// `icc` for measurements, `kappa` for categories (default: `icc` for continuous
    /// columns, else `kappa`).
    #[arg(long, value_name = "KIND")]
    pub kind: Option<Kind>,
    /// Print the result as JSON.
    #[arg(long)]
    pub json: bool,
}

/// The agreement statistic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Icc,
    Kappa,
}

/// What `--json` prints.
#[derive(Debug, Serialize)]
struct Agreement {
    rater_a: String,
    rater_b: String,
    kind: Kind,
    /// Rows left out because a rating was missing.
    n_dropped: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    icc: Option<Icc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    kappa: Option<CohenKappa>,
}

pub fn run(args: &Args, global: &crate::Global) -> anyhow::Result<()> {
    let (a, b) = args
        .pair
        .split_once(':')
        .with_context(|| format!("--pair `{}`: write A:B", args.pair))?;
    let (a, b) = (a.trim(), b.trim());
    let table = load_table(&args.data, global)?;
    let ca = table.column(a)?;
    let cb = table.column(b)?;
    let kind = args.kind.unwrap_or(
        if ca.kind == VariableType::Continuous && cb.kind == VariableType::Continuous {
            Kind::Icc
        } else {
            Kind::Kappa
        },
    );
    let n = table.n_rows();
    let mut result = Agreement {
        rater_a: a.to_string(),
        rater_b: b.to_string(),
        kind,
        n_dropped: 0,
        icc: None,
        kappa: None,
    };
    match kind {
        Kind::Icc => {
            if !ca.is_numeric() || !cb.is_numeric() {
                bail!("ICC needs numeric ratings: {a} or {b} is text (use --kind kappa)");
            }
            let ratings: Vec<Vec<f64>> = (0..n)
                .filter_map(|i| Some(vec![ca.number(i)?, cb.number(i)?]))
                .collect();
            result.n_dropped = n - ratings.len();
            result.icc = Some(icc(&ratings).context("ICC")?);
        }
        Kind::Kappa => {
            let ra: Vec<Option<String>> = (0..n).map(|i| ca.text(i)).collect();
            let rb: Vec<Option<String>> = (0..n).map(|i| cb.text(i)).collect();
            let k = cohen_kappa(&ra, &rb).context("Cohen's kappa")?;
            result.n_dropped = k.n_missing;
            result.kappa = Some(k);
        }
    }
    if result.n_dropped > 0 {
        notice(
            global,
            format!("{} row(s) with a missing rating left out", result.n_dropped),
        );
    }
    if args.json {
        return print_json(&result);
    }
    if let Some(fit) = &result.icc {
        println!(
            "ICC of {a} and {b}: {} subjects, {} raters (Shrout & Fleiss 1979; psych::ICC, lmer = FALSE)",
            fit.n_subjects, fit.n_raters
        );
        println!(
            "{:<6} {:>7}  {:>17}  {:>9} {:>4} {:>5}  {:>9}",
            "type", "ICC", "95% CI", "F", "df1", "df2", "p"
        );
        for r in &fit.rows {
            println!(
                "{:<6} {:>7.3}  {:>17}  {:>9.3} {:>4} {:>5}  {:>9}",
                r.kind,
                r.icc,
                format!("{:.3} to {:.3}", r.lower, r.upper),
                r.f,
                r.df1,
                r.df2,
                p_text(r.p)
            );
        }
    }
    if let Some(k) = &result.kappa {
        println!(
            "Cohen's kappa of {a} and {b}: {} pairs, {} categories ({}); observed agreement {:.3}",
            k.n,
            k.levels.len(),
            k.levels.join(", "),
            k.observed_agreement
        );
        let line = |name: &str, e: &KappaEstimate| {
            println!(
                "{name:<11} {:>7.3}  95% CI {:.3} to {:.3}",
                e.kappa, e.lower, e.upper
            );
        };
        line("unweighted", &k.unweighted);
        line("linear", &k.linear);
        line("quadratic", &k.quadratic);
    }
    Ok(())
}

fn p_text(p: f64) -> String {
    if p < 0.001 {
        format!("{p:.2e}")
    } else {
        format!("{p:.3}")
    }
}
