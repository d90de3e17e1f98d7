//! `nomo`: the command-line driver. Thin: it parses flags, calls the library crates and
//! prints their result structs (`--json` prints exactly one JSON document on stdout;
//! everything else goes to stderr).

use clap::{Parser, Subcommand};

mod commands;
mod flags;

/// Flags shared by every subcommand.
#[derive(Debug, Clone, clap::Args)]
pub struct Global {
    /// Silence progress output and notices on stderr.
    #[arg(long, global = true)]
    pub quiet: bool,
}

#[derive(Debug, Parser)]
#[command(name = "nomo", version, about = "Clinical prediction models from cohort tables")]
struct Cli {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Per-column overview of a cohort table: inferred type, missing, distinct, range or levels.
    Inspect(commands::inspect::Args),
    /// LASSO / elastic net with glmnet's cross-validation (binomial, gaussian, Cox).
    Lasso(commands::lasso::Args),
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Inspect(args) => commands::inspect::run(args, &cli.global),
        Command::Lasso(args) => commands::lasso::run(args, &cli.global),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
