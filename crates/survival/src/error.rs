//! Errors of the survival routines. Each variant carries the offending value so that a caller
//! can say exactly which row or argument was wrong.

use thiserror::Error;

/// Everything that can go wrong with survival input.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum SurvivalError {
    /// Two inputs that must have one entry per subject have different lengths.
    #[error("{what} has {found} values, expected {expected} (one per subject)")]
    LengthMismatch {
        what: &'static str,
        expected: usize,
        found: usize,
    },
    /// No subjects at all.
    #[error("no subjects")]
    Empty,
    /// A follow-up time is missing (NaN) or infinite.
    #[error("row {row}: follow-up time is missing or not finite ({value})")]
    MissingTime { row: usize, value: f64 },
    /// A follow-up time is zero or negative.
    #[error("row {row}: follow-up time must be positive, found {value}")]
    NonPositiveTime { row: usize, value: f64 },
    /// A status value that is neither censored nor event under the declared coding.
    #[error("row {row}: status {value} is not a valid code ({expected})")]
    BadStatus {
        row: usize,
        value: f64,
        expected: &'static str,
    },
    /// A covariate value is missing or not finite.
    #[error("row {row}: covariate {term} is missing or not finite ({value})")]
    MissingCovariate {
        row: usize,
        term: String,
        value: f64,
    },
    /// The data contain no events, so nothing can be estimated or tested.
    #[error("no events among {n} subjects")]
    NoEvents { n: usize },
    /// A test needs at least two groups.
    #[error("{found} group(s) present; at least two are needed")]
    TooFewGroups { found: usize },
    /// An argument outside its domain (confidence level, probability, tau, proportion …).
    #[error("invalid {what}: {value}")]
    InvalidArgument { what: &'static str, value: f64 },
    /// A matrix that must be inverted is singular (e.g. collinear covariates).
    #[error("singular {what}")]
    Singular { what: &'static str },
    /// Newton–Raphson did not converge in the allowed iterations.
    #[error("Cox fit did not converge in {iterations} iterations")]
    NoConvergence { iterations: usize },
    /// A risk-group cutoff leaves one of the two groups empty.
    #[error("cutoff {cutoff} leaves the {empty} group empty")]
    EmptyGroup { cutoff: f64, empty: &'static str },
}

/// Shorthand for results of this crate.
pub type Result<T> = std::result::Result<T, SurvivalError>;
