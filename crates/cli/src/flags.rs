//! Flags and helpers shared by every subcommand: where the data come from, how the outcome is
//! named, and how results leave the program (`--json`: exactly one JSON document on stdout;
//! notices on stderr unless `--quiet`).

use std::path::{Path, PathBuf};

use anyhow::Context;
use nomo_ingest::{
    AnalysisData, AnalysisSpec, BinaryOutcome, Declared, ReadOptions, SurvivalOutcome, Table,
    read_table,
};
use nomo_survival::SurvivalData;

use crate::Global;

/// How to read a cohort table (shared by `--data` commands and `nomo inspect`).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ReadArgs {
    /// Field delimiter (default: detected among comma, semicolon and tab).
    #[arg(long, value_name = "CHAR")]
    pub delimiter: Option<char>,
    /// Read `1,23` as 1.23 (with a semicolon or tab delimiter).
    #[arg(long)]
    pub decimal_comma: bool,
    /// Worksheet of an Excel file (default: the first).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Missing-value tokens, comma-separated (default: empty, NA, N/A, NaN, ., -, null).
    #[arg(long, value_name = "TOKENS", value_delimiter = ',')]
    pub na_values: Option<Vec<String>>,
    /// Treat a column as categorical (repeatable); `COL=LEVEL` also names the reference level.
    #[arg(long, value_name = "COL[=REF]")]
    pub categorical: Vec<String>,
    /// Add a derived column, `NAME=EXPRESSION` (repeatable), e.g. `nlr=neutrophils/lymphocytes`.
    #[arg(long, value_name = "NAME=EXPR")]
    pub derive: Vec<String>,
}

/// `--data FILE` and the read options.
#[derive(Debug, Clone, clap::Args)]
pub struct DataArgs {
    /// Cohort table: CSV, TSV, Parquet or Excel (.xlsx).
    #[arg(long = "data", value_name = "FILE")]
    pub data: PathBuf,
    #[command(flatten)]
    pub read: ReadArgs,
}

/// A binary outcome: `--outcome COL --event LEVEL`.
#[derive(Debug, Clone, clap::Args)]
pub struct BinaryOutcomeArgs {
    /// Outcome column.
    #[arg(long, value_name = "COL")]
    pub outcome: String,
    /// The outcome level counted as the event, as written in the column (`Poor`, `1`).
    #[arg(long, value_name = "LEVEL")]
    pub event: String,
}

impl BinaryOutcomeArgs {
    /// The outcome as `nomo-ingest` takes it.
    pub fn outcome(&self) -> BinaryOutcome {
        BinaryOutcome {
            column: self.outcome.clone(),
            event: self.event.clone(),
        }
    }
}

/// A survival outcome: `--time COL --status COL [--status-event VALUE]`.
#[derive(Debug, Clone, clap::Args)]
pub struct SurvivalArgs {
    /// Follow-up time column.
    #[arg(long, value_name = "COL")]
    pub time: String,
    /// Event status column.
    #[arg(long, value_name = "COL")]
    pub status: String,
    /// Status value meaning "event" (default: R's Surv reading: 0/1 → 1, 1/2 → 2, TRUE/FALSE → TRUE).
    #[arg(long, value_name = "VALUE")]
    pub status_event: Option<String>,
}

impl SurvivalArgs {
    /// The outcome as `nomo-ingest` takes it.
    pub fn outcome(&self) -> SurvivalOutcome {
        SurvivalOutcome {
            time: self.time.clone(),
            status: self.status.clone(),
            event: self.status_event.clone(),
        }
    }
}

impl ReadArgs {
    /// The read options these flags describe.
    pub fn options(&self) -> anyhow::Result<ReadOptions> {
        let mut options = ReadOptions::default();
        if let Some(d) = self.delimiter {
            let byte = u8::try_from(u32::from(d))
                .ok()
                .filter(u8::is_ascii)
                .with_context(|| format!("delimiter `{d}` is not a single ASCII character"))?;
            options.delimiter = Some(byte);
        }
        options.decimal_comma = self.decimal_comma;
        options.sheet = self.sheet.clone();
        if let Some(na) = &self.na_values {
            options.na_tokens = na.clone();
        }
        for spec in &self.categorical {
            let (column, reference) = match spec.split_once('=') {
                Some((c, r)) => (c.to_string(), Some(r.to_string())),
                None => (spec.clone(), None),
            };
            options
                .types
                .insert(column, Declared::Categorical { reference });
        }
        Ok(options)
    }
}

/// Reads and types a table, printing the type inference to stderr (unless `--quiet`), then adds
/// the `--derive` columns, reporting values left missing by division by zero or logs of
/// non-positive numbers.
pub fn load_path(path: &Path, read: &ReadArgs, global: &Global) -> anyhow::Result<Table> {
    let mut table = read_table(path, &read.options()?)?;
    notice(
        global,
        format!(
            "{}: {} rows, {} columns\n{}",
            table.file(),
            table.n_rows(),
            table.n_columns(),
            table.inference_report()
        ),
    );
    for spec in &read.derive {
        let (name, expression) = spec
            .split_once('=')
            .with_context(|| format!("--derive `{spec}`: write NAME=EXPRESSION"))?;
        let report = table.derive(name.trim(), expression)?;
        notice(global, report.summary());
    }
    Ok(table)
}

/// [`load_path`] for `--data FILE`.
pub fn load_table(args: &DataArgs, global: &Global) -> anyhow::Result<Table> {
    load_path(&args.data, &args.read, global)
}

/// The complete cases over the variables `spec` uses; the excluded rows are reported as a
/// notice ("3 rows dropped: missing afp"), never dropped silently.
pub fn complete_cases(
    table: &Table,
    spec: &AnalysisSpec,
    global: &Global,
) -> anyhow::Result<AnalysisData> {
    let data = table.analysis(spec)?;
    if data.n_dropped > 0 {
        notice(global, data.summary());
    }
    Ok(data)
}

/// The survival outcome of `data` (selected with `--time/--status`) as `nomo-survival` takes it.
pub fn survival_data(data: &AnalysisData) -> anyhow::Result<SurvivalData> {
    let time = data.time.as_deref().context("no survival time")?;
    let status = data.status.as_deref().context("no survival status")?;
    Ok(SurvivalData::from_binary(time, status)?)
}

/// Prints `value` as exactly one JSON document on stdout.
pub fn print_json<T: serde::Serialize>(value: &T) -> anyhow::Result<()> {
    let text = serde_json::to_string_pretty(value)?;
    println!("{text}");
    Ok(())
}

/// A notice on stderr, unless `--quiet`.
pub fn notice(global: &Global, message: impl std::fmt::Display) {
    if !global.quiet {
        eprintln!("{message}");
    }
}
