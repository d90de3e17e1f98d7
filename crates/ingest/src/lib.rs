//! nomo-ingest: cohort tables into typed, complete-case numeric data.
//!
//! The one crate of nomo that touches files and polars. It reads CSV/TSV (delimiter detected,
//! byte-order mark and missing-value tokens handled, optional decimal comma), Parquet and Excel
//! into a typed [`Table`]; types every column as continuous, integer, binary, categorical or
//! text, by declaration or by an inference it reports ([`Table::inference_report`]); derives
//! new columns with a small expression language ([`Table::derive`]); and hands each analysis
//! plain `f64` vectors ([`Table::analysis`] → [`AnalysisData`]), complete-case over exactly the
//! variables used, with R's treatment coding of categorical predictors. The statistical crates
//! never see polars.
//!
//! Every refusal is an [`IngestError`] naming the file, the row as a spreadsheet counts it
//! (header = row 1), the column and the offending value.
//!
//! ```no_run
//! use nomo_ingest::{AnalysisSpec, BinaryOutcome, ReadOptions, read_table};
//! let table = read_table("data/hcc_nomogram.csv", &ReadOptions::default())?;
//! let data = table.analysis(&AnalysisSpec {
//!     binary: Some(BinaryOutcome { column: "response".into(), event: "progression".into() }),
//!     predictors: vec!["age".into(), "etiology".into()],
//!     ..AnalysisSpec::default()
//! })?;
//! eprintln!("{}", data.summary());
//! # Ok::<(), nomo_ingest::IngestError>(())
//! ```

mod analysis;
mod column;
mod delimited;
mod error;
mod excel;
mod expr;
mod inspect;
mod levels;
mod options;
#[cfg(feature = "parquet")]
mod parquet;
mod plain_records;
mod suggest;
mod table;
mod text;

pub use analysis::{
    AnalysisData, AnalysisSpec, BinaryOutcome, Exclusion, GroupCodes, SurvivalOutcome, Term,
};
pub use column::{Column, VariableType};
pub use error::IngestError;
pub use expr::{DeriveReport, validate_expression};
pub use inspect::{ColumnSummary, Inspection, LevelCount};
pub use levels::{collate, sort_levels};
pub use options::{DEFAULT_NA_TOKENS, Declared, ReadOptions};
pub use suggest::{edit_distance, nearest};
pub use table::{Table, read_table};
