//! Errors of the logistic fits. Each carries the offending value.

use serde::Serialize;

/// One IRLS iteration, kept so that a failed fit can show how it went.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IterationRecord {
    /// 1-based iteration number.
    pub iteration: usize,
    /// Deviance (or penalised deviance for Firth) after the iteration.
    pub deviance: f64,
    /// The relative change |Δdev| / (|dev| + 0.1) that the convergence rule tests.
    pub relative_change: f64,
    /// Coefficients after the iteration (intercept first).
    pub coefficients: Vec<f64>,
}

/// Why a logistic fit or one of its derived analyses failed.
#[derive(Debug, Clone, thiserror::Error)]
pub enum LogisticError {
    #[error("no observations")]
    Empty,
    #[error("term `{term}` has {len} values but the outcome has {n}")]
    LengthMismatch { term: String, len: usize, n: usize },
    #[error("{names} names for {columns} columns")]
    NamesMismatch { names: usize, columns: usize },
    #[error("outcome value {value} at row {row} is not 0 or 1")]
    OutcomeNotBinary { row: usize, value: f64 },
    #[error("outcome has a single class ({events} events in {n} rows): nothing to model")]
    SingleClass { events: usize, n: usize },
    #[error("term `{term}` has a non-finite value {value} at row {row}")]
    NonFinite {
        term: String,
        row: usize,
        value: f64,
    },
    #[error("unknown term `{0}`")]
    UnknownTerm(String),
    #[error("duplicate term name `{0}`")]
    DuplicateTerm(String),
    #[error(
        "singular design: {} {} a linear combination of the terms before {} (perfect collinearity; R's glm would report NA for {})",
        aliased.join(", "),
        if aliased.len() == 1 { "is" } else { "are" },
        if aliased.len() == 1 { "it" } else { "them" },
        if aliased.len() == 1 { "it" } else { "them" }
    )]
    Singular { aliased: Vec<String> },
    #[error(
        "IRLS did not converge in {max_iter} iterations (ε = {epsilon:e}); last relative deviance change {last_change:e}; history: {}",
        history.iter().map(|h| format!("#{} dev={:.10} Δ={:.3e}", h.iteration, h.deviance, h.relative_change)).collect::<Vec<_>>().join("; ")
    )]
    NotConverged {
        max_iter: usize,
        epsilon: f64,
        last_change: f64,
        history: Vec<IterationRecord>,
    },
    #[error("invalid parameter {name} = {value}: {reason}")]
    InvalidParameter {
        name: &'static str,
        value: f64,
        reason: &'static str,
    },
    #[error("profile-likelihood limit for `{term}` not found: {reason}")]
    ProfileFailed { term: String, reason: String },
    #[error("prediction row {row} has {got} values, the model has {expected} terms")]
    PredictionWidth {
        row: usize,
        got: usize,
        expected: usize,
    },
}
