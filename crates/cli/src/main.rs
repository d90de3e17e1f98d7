//! `nomo`: the command-line driver. Thin: it parses flags, calls the library crates and
//! prints their result structs (`--json` prints exactly one JSON document on stdout;
//! everything else goes to stderr).

use clap::{Parser, Subcommand};

mod commands;
mod flags;

#[global_allocator]
static ALLOCATOR: nomo_alloc::HugePages = nomo_alloc::HugePages;

/// Flags shared by every subcommand.
#[derive(Debug, Clone, clap::Args)]
pub struct Global {
    /// Silence progress output and notices on stderr.
    #[arg(long, global = true)]
    pub quiet: bool,
    /// Worker threads for resampling and cross-validation (default: one per core). Results are
    /// byte-identical whatever the count: every replicate and fold draws from its own seeded stream.
    #[arg(long, global = true, value_name = "N")]
    pub threads: Option<usize>,
}

#[derive(Debug, Parser)]
#[command(
    name = "nomo",
    version,
    about = "Clinical prediction models from cohort tables"
)]
struct Cli {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run a whole analysis spec (TOML) into a report folder: tables, figures, report.html, model.json.
    Run(commands::run::Args),
    /// Score a new cohort with a frozen model (model.json): linear predictor, probability, points, risk group.
    Score(commands::score::Args),
    /// Externally validate a frozen model on a new cohort without refitting.
    Validate(commands::validate::Args),
    /// Per-column overview of a cohort table: inferred type, missing, distinct, range or levels.
    Inspect(commands::inspect::Args),
    /// Table 1 by a grouping column: summaries, group tests, SMD.
    Describe(commands::describe::Args),
    /// Interobserver agreement of two raters: ICC (six forms) or Cohen's kappa.
    Agreement(commands::agreement::Args),
    /// Correlation screen of two column sets with adjusted p-values.
    Correlate(commands::correlate::Args),
    /// Calibration of predicted probabilities: rms val.prob indices and Hosmer–Lemeshow.
    Calibrate(commands::calibrate::Args),
    /// Decision curves: net benefit of probability columns, treat all, treat none.
    Dca(commands::dca::Args),
    /// Bootstrap internal validation of a logistic model (rms validate and calibrate).
    Bootstrap(commands::bootstrap::Args),
    /// Kaplan–Meier curves per group with medians and the log-rank test.
    Km(commands::km::Args),
    /// Cox proportional-hazards regression.
    Cox(commands::cox::Args),
    /// LASSO / elastic net with glmnet's cross-validation (binomial, gaussian, Cox).
    Lasso(commands::lasso::Args),
    /// ROC curves, AUCs with DeLong CIs, Youden cutoffs and AUC comparisons.
    Roc(commands::roc::Args),
    /// Logistic regression: OR table with Wald and profile CIs, stepwise, Firth.
    Logistic(commands::logistic::Args),
    /// Univariate logistic screen of candidate predictors.
    Screen(commands::screen::Args),
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    if let Some(n) = cli.global.threads {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global();
        if let Err(err) = pool {
            eprintln!("error: --threads {n}: {err}");
            return std::process::ExitCode::FAILURE;
        }
    }
    let result = match &cli.command {
        Command::Run(args) => commands::run::run(args, &cli.global),
        Command::Score(args) => commands::score::run(args, &cli.global),
        Command::Validate(args) => commands::validate::run(args, &cli.global),
        Command::Inspect(args) => commands::inspect::run(args, &cli.global),
        Command::Describe(args) => commands::describe::run(args, &cli.global),
        Command::Agreement(args) => commands::agreement::run(args, &cli.global),
        Command::Correlate(args) => commands::correlate::run(args, &cli.global),
        Command::Calibrate(args) => commands::calibrate::run(args, &cli.global),
        Command::Dca(args) => commands::dca::run(args, &cli.global),
        Command::Bootstrap(args) => commands::bootstrap::run(args, &cli.global),
        Command::Km(args) => commands::km::run(args, &cli.global),
        Command::Cox(args) => commands::cox::run(args, &cli.global),
        Command::Lasso(args) => commands::lasso::run(args, &cli.global),
        Command::Roc(args) => commands::roc::run(args, &cli.global),
        Command::Logistic(args) => commands::logistic::run(args, &cli.global),
        Command::Screen(args) => commands::screen::run(args, &cli.global),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
