//! nomo-workflow: the driver behind `nomo run`, `nomo score` and `nomo validate`.
//!
//! One TOML spec ([`spec`], documented key by key in `docs/spec.md`) declares the data, the
//! outcomes, derived variables, candidates, the split and the steps. [`runner::run`] executes
//! the seed study's workflow in order (derive → Table 1 → Youden cutoffs → univariate screen →
//! LASSO → stepwise → named models → ROC/DeLong → nomogram → calibration with bootstrap
//! validation → decision curve → risk groups → subgroup AUCs → Kruskal–Wallis → agreement),
//! fitting every model on the training part and reporting performance on every part, and
//! collects each step's result struct into one serializable [`report::Report`].
//! [`write`] lays the report out on disk (JSON, CSV, Markdown, figures, `report.html`,
//! `run.log`, `model.json`); [`frozen`] scores new cohorts with the frozen model and
//! [`validate`] validates it externally without refitting.
//!
//! This is the only crate besides `nomo-ingest` that touches files: the statistical crates
//! receive plain numbers.

pub mod agreement;
pub mod cohort;
pub mod design;
pub mod error;
pub mod figures;
pub mod frozen;
pub mod report;
pub mod runner;
pub mod spec;
pub mod tables;
pub mod validate;
pub mod write;

pub use error::WorkflowError;
pub use frozen::{FrozenModel, ScoredRow};
pub use report::Report;
pub use runner::{NOMO_VERSION, Run, RunOptions, run};
pub use spec::{LoadedSpec, Spec};
pub use validate::{Validation, validate};
