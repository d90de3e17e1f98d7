//! `nomo lasso`: LASSO / elastic-net path with glmnet's cross-validation. Parsing and printing
//! only: the statistics are `nomo_lasso::CvParams::fit`; complete cases come from `nomo-ingest`
//! (categorical features enter as R's treatment dummies).

use anyhow::{Context, bail};
use nomo_ingest::AnalysisSpec;
use nomo_lasso::{CvParams, CvResult, Design, Folds, LassoParams, Measure, Response};

use crate::flags::{DataArgs, complete_cases, load_table, notice, print_json};

/// Family on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FamilyArg {
    Binomial,
    Gaussian,
    Cox,
}

/// Arguments of `nomo lasso`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub data: DataArgs,
    /// Outcome column (binary with --event; numeric for --family gaussian).
    #[arg(long, value_name = "COL", conflicts_with = "time")]
    pub outcome: Option<String>,
    /// Outcome level counted as the event (binomial).
    #[arg(long, value_name = "LEVEL")]
    pub event: Option<String>,
    /// Survival time column (Cox).
    #[arg(long, value_name = "COL", requires = "status")]
    pub time: Option<String>,
    /// Survival status column (Cox).
    #[arg(long, value_name = "COL", requires = "time")]
    pub status: Option<String>,
    /// Status value meaning "event" (default: R's Surv reading).
    #[arg(long, value_name = "VALUE")]
    pub status_event: Option<String>,
    /// Feature columns, comma-separated.
    #[arg(
        long,
        value_name = "A,B,...",
        value_delimiter = ',',
        conflicts_with = "features_regex"
    )]
    pub features: Vec<String>,
    /// Feature columns whose names match this pattern (`^` anchors the start, `$` the end,
    /// `.*` any text; otherwise literal), e.g. `^rad_`.
    #[arg(long, value_name = "PATTERN")]
    pub features_regex: Option<String>,
    /// Model family (default: cox with --time, else binomial).
    #[arg(long, value_enum)]
    pub family: Option<FamilyArg>,
    /// Elastic-net mixing: 1 = lasso, 0 = ridge.
    #[arg(long, default_value_t = 1.0)]
    pub alpha: f64,
    /// Number of random folds.
    #[arg(long, default_value_t = 10, conflicts_with = "foldid")]
    pub nfolds: usize,
    /// Column holding fold ids 1..K.
    #[arg(long, value_name = "COL")]
    pub foldid: Option<String>,
    /// type.measure: deviance, mse, mae, class, auc, C (default: glmnet's for the family).
    #[arg(long)]
    pub measure: Option<String>,
    /// Seed of the random folds.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Convergence threshold (glmnet's thresh).
    #[arg(long, default_value_t = 1e-7)]
    pub thresh: f64,
    /// Pass budget of the coordinate descent (glmnet's maxit).
    #[arg(long, default_value_t = 100_000)]
    pub maxit: usize,
    /// Print the result as JSON on stdout.
    #[arg(long)]
    pub json: bool,
}

/// A minimal pattern: optional `^` and `$` anchors around literal text with `.*` wildcards
/// (an unanchored side matches anything), matched as a glob.
fn pattern_matches(pattern: &str, name: &str) -> bool {
    let mut core = pattern;
    let start = core.starts_with('^');
    if start {
        core = &core[1..];
    }
    let end = core.ends_with('$');
    if end {
        core = &core[..core.len() - 1];
    }
    let mut glob = String::new();
    if !start {
        glob.push('*');
    }
    glob.push_str(&core.replace(".*", "*"));
    if !end {
        glob.push('*');
    }
    let p: Vec<char> = glob.chars().collect();
    let t: Vec<char> = name.chars().collect();
    // ok[j]: the pattern prefix seen so far matches t[..j].
    let mut ok = vec![false; t.len() + 1];
    ok[0] = true;
    for &c in &p {
        let mut next = vec![false; t.len() + 1];
        if c == '*' {
            let mut any = false;
            for j in 0..=t.len() {
                any |= ok[j];
                next[j] = any;
            }
        } else {
            for j in 1..=t.len() {
                next[j] = ok[j - 1] && t[j - 1] == c;
            }
        }
        ok = next;
    }
    ok[t.len()]
}

pub fn run(args: &Args, global: &crate::Global) -> anyhow::Result<()> {
    let table = load_table(&args.data, global)?;
    let family = args.family.unwrap_or(if args.time.is_some() {
        FamilyArg::Cox
    } else {
        FamilyArg::Binomial
    });
    let mut features = args.features.clone();
    if let Some(p) = &args.features_regex {
        features = table
            .names()
            .into_iter()
            .filter(|n| pattern_matches(p, n))
            .map(str::to_string)
            .collect();
        if features.is_empty() {
            bail!("--features-regex `{p}` matches no column");
        }
    }
    if features.is_empty() {
        bail!("name the features with --features or --features-regex");
    }
    let mut spec = AnalysisSpec {
        predictors: features.clone(),
        ..AnalysisSpec::default()
    };
    let mut extra = Vec::new();
    match family {
        FamilyArg::Cox => {
            let (Some(time), Some(status)) = (&args.time, &args.status) else {
                bail!("--family cox needs --time and --status");
            };
            spec.survival = Some(nomo_ingest::SurvivalOutcome {
                time: time.clone(),
                status: status.clone(),
                event: args.status_event.clone(),
            });
        }
        FamilyArg::Binomial => {
            let (Some(outcome), Some(event)) = (&args.outcome, &args.event) else {
                bail!("--family binomial needs --outcome COL --event LEVEL");
            };
            spec.binary = Some(nomo_ingest::BinaryOutcome {
                column: outcome.clone(),
                event: event.clone(),
            });
        }
        FamilyArg::Gaussian => {
            let outcome = args
                .outcome
                .as_ref()
                .context("--family gaussian needs --outcome COL (numeric)")?;
            extra.push(outcome.clone());
        }
    }
    if let Some(f) = &args.foldid {
        extra.push(f.clone());
    }
    spec.predictors.extend(extra.iter().cloned());
    let data = complete_cases(&table, &spec, global)?;
    let take = |column: &str| -> anyhow::Result<Vec<f64>> {
        let terms: Vec<_> = data.terms.iter().filter(|t| t.column == column).collect();
        match terms.as_slice() {
            [t] if t.name == column => Ok(t.values.clone()),
            _ => bail!("column `{column}` must be numeric"),
        }
    };
    let response = match family {
        FamilyArg::Cox => Response::Cox {
            time: data.time.clone().context("no survival time")?,
            status: data.status.clone().context("no survival status")?,
        },
        FamilyArg::Binomial => Response::Binomial(data.y.clone().context("no outcome")?),
        FamilyArg::Gaussian => Response::Gaussian(take(&extra[0])?),
    };
    let folds = match &args.foldid {
        Some(f) => {
            let ids = take(f)?;
            let mut out = Vec::with_capacity(ids.len());
            for (i, v) in ids.iter().enumerate() {
                if v.fract() != 0.0 || *v < 1.0 {
                    bail!(
                        "--foldid `{f}`: value {v} at data row {} is not a fold number 1, 2, …",
                        data.rows[i] + 1
                    );
                }
                out.push(*v as usize);
            }
            Folds::Ids(out)
        }
        None => Folds::Random {
            nfolds: args.nfolds,
            seed: args.seed,
        },
    };
    let terms: Vec<_> = data
        .terms
        .iter()
        .filter(|t| features.contains(&t.column))
        .collect();
    let design = Design::new(
        terms.iter().map(|t| t.name.clone()).collect(),
        terms.iter().map(|t| t.values.clone()).collect(),
    )?;
    let measure = match &args.measure {
        Some(m) => Some(Measure::parse(m).with_context(|| {
            format!("--measure `{m}`: one of deviance, mse, mae, class, auc, C")
        })?),
        None => None,
    };
    let params = CvParams {
        path: LassoParams {
            alpha: args.alpha,
            thresh: args.thresh,
            maxit: args.maxit,
            ..LassoParams::default()
        },
        folds,
        measure,
    };
    let cv = params.fit(&design, &response)?;
    for w in &cv.warnings {
        notice(global, format!("warning: {w}"));
    }
    if !cv.fit.constant_features.is_empty() {
        notice(
            global,
            format!(
                "constant features left at zero (as glmnet): {}",
                cv.fit.constant_features.join(", ")
            ),
        );
    }
    if let Some(k) = cv.fit.maxit_reached {
        notice(
            global,
            format!("warning: maxit reached at lambda #{k}; the path stops before it"),
        );
    }
    if args.json {
        return print_json(&cv);
    }
    print!("{}", render(&cv));
    Ok(())
}

fn render(cv: &CvResult) -> String {
    let mut s = format!(
        "{} LASSO (alpha = {}), {}-fold CV, measure {}: {} lambdas\n",
        cv.family.name(),
        cv.fit.alpha,
        cv.foldid.iter().max().copied().unwrap_or(0),
        cv.measure.name(),
        cv.lambda.len()
    );
    for (label, lambda, index, coef) in [
        (
            "lambda.min",
            cv.lambda_min,
            cv.index_min,
            &cv.coef_lambda_min,
        ),
        (
            "lambda.1se",
            cv.lambda_1se,
            cv.index_1se,
            &cv.coef_lambda_1se,
        ),
    ] {
        s.push_str(&format!(
            "\n{label} = {lambda:.6} (#{index}), cvm = {:.6}, cvsd = {:.6}, {} non-zero\n",
            cv.cvm[index - 1],
            cv.cvsd[index - 1],
            cv.nzero[index - 1]
        ));
        for (name, value) in &coef.0 {
            s.push_str(&format!("  {name:<28} {value:>14.6}\n"));
        }
    }
    s
}
