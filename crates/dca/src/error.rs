//! Errors of decision-curve analysis; each carries the offending value.

use thiserror::Error;

/// Why a decision curve could not be computed.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum DcaError {
    /// A threshold is outside [0, 1) (a threshold of 1 gives infinite odds t/(1 − t)).
    #[error("threshold {0} is outside [0, 1): net benefit needs the odds t/(1 − t)")]
    Threshold(f64),
    /// A threshold grid `from:to:by` is malformed.
    #[error("threshold grid {0}")]
    Grid(String),
    /// A predicted probability is outside [0, 1] (or not a number).
    #[error("model {model}: predicted probability {value} at position {index} is outside [0, 1]")]
    ProbabilityOutOfRange {
        model: String,
        index: usize,
        value: f64,
    },
    /// An outcome is not coded 0/1.
    #[error("outcome {value} at position {index} is not 0 or 1")]
    OutcomeNotBinary { index: usize, value: f64 },
    /// A survival time is negative or not finite.
    #[error("time {value} at position {index} is not a finite non-negative number")]
    Time { index: usize, value: f64 },
    /// Inputs differ in length.
    #[error("{what}: {got} values, expected {expected}")]
    LengthMismatch {
        what: String,
        got: usize,
        expected: usize,
    },
    /// No observations, or no model.
    #[error("nothing to analyse: {0}")]
    Empty(&'static str),
    /// The outcome has no events or no non-events (stratified bootstrap needs both).
    #[error("{events} events among {n} observations: both outcomes are needed")]
    OneClass { events: usize, n: usize },
    /// The number of bootstrap resamples is zero, or the level is not in (0, 1).
    #[error("bootstrap setting {what} = {value} is invalid")]
    Bootstrap { what: &'static str, value: f64 },
    /// The survival horizon is not positive and finite.
    #[error("time horizon {0} must be positive and finite")]
    Horizon(f64),
}
